/* Statements of consultations; the typed functions of consultations.h
 * (migration 0004). */
#include "lib/db/consultations.h"

#include <stdlib.h>
#include <string.h>

#include "lib/db/pq.h"

const struct ogi_statement ogi_db_statements_consultations[] = {
    {"consultation_insert",
     "INSERT INTO consultations (id, request_id, body_id, party, name, sent_on, party_received_on) "
     "VALUES ($1::bigint, $2::bigint, $3::bigint, $4, $5, $6::date, $7::date)"},
    {"consultation_delivered", "UPDATE consultations SET party_received_on = $3::date "
                               "WHERE id = $1::bigint AND request_id = $2::bigint"},
    {"consultation_end",
     "UPDATE consultations SET answer = $3, answered_on = $4::date, reasons = $5, "
     "  ended_event_id = $6::bigint WHERE id = $1::bigint AND request_id = $2::bigint"},
    {"consultation_override",
     "UPDATE consultations SET override_reason = $3, override_on = $4::date, "
     "  notified_on = $5::date, override_event_id = $6::bigint "
     "WHERE id = $1::bigint AND request_id = $2::bigint"},
    {"consultations_of",
     "SELECT id, party, name, sent_on, party_received_on, answer, answered_on, reasons, "
     "  override_reason, override_on, notified_on "
     "FROM consultations WHERE request_id = $1::bigint ORDER BY id"},
    {NULL, NULL},
};

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static void consultation_read(const PGresult *res, int row, struct ogi_consultation_record *out)
{
	memset(out, 0, sizeof *out);
	out->id = pq_getint(res, row, "id");
	int party = ogi_enum_parse(ogi_consultation_party_names, pq_get(res, row, "party"));
	out->party = party == OGI_PARTY_OTHER_BODY ? OGI_PARTY_OTHER_BODY : OGI_PARTY_THIRD_PARTY;
	out->name = dup_or_null(pq_get(res, row, "name"));
	out->sent_on = pq_getdate(res, row, "sent_on");
	out->party_received_on = pq_getdate(res, row, "party_received_on");
	const char *answer = pq_get(res, row, "answer");
	out->answer = answer ? ogi_enum_parse(ogi_consultation_answer_names, answer) : -1;
	out->answered_on = pq_getdate(res, row, "answered_on");
	out->reasons = dup_or_null(pq_get(res, row, "reasons"));
	out->override_reason = dup_or_null(pq_get(res, row, "override_reason"));
	out->override_on = pq_getdate(res, row, "override_on");
	out->notified_on = pq_getdate(res, row, "notified_on");
}

int ogi_db_consultations_of(struct ogi_db *db, long long request_id,
                            struct ogi_consultation_record **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct pq_params p = {0};
	pq_int(&p, request_id);
	PGresult *res;
	int rows = pq_run(db, "consultations_of", &p, &res);
	if (rows < 0)
		return rows;
	struct ogi_consultation_record *v = calloc(rows > 0 ? (size_t)rows : 1, sizeof *v);
	if (v == NULL) {
		PQclear(res);
		return OGI_DB_HARD;
	}
	for (int i = 0; i < rows; i++)
		consultation_read(res, i, &v[i]);
	PQclear(res);
	*out = v;
	*n = (size_t)rows;
	return 0;
}

static int run(struct ogi_db *db, const char *stmt, const struct pq_params *p)
{
	int rows = pq_run(db, stmt, p, NULL);
	return rows < 0 ? rows : 0;
}

int ogi_db_consultation_insert(struct ogi_db *db, long long request_id, long long body_id,
                               long long id, enum ogi_consultation_party party, const char *name,
                               ogi_date sent_on, ogi_date party_received_on)
{
	struct pq_params p = {0};
	pq_int(&p, id);
	pq_int(&p, request_id);
	pq_int(&p, body_id);
	pq_str(&p, ogi_consultation_party_names[party]);
	pq_str(&p, name);
	pq_date(&p, sent_on);
	pq_date(&p, party_received_on);
	return run(db, "consultation_insert", &p);
}

/* The first two parameters of every update: the consultation (NULL when none
 * is named: no row then) and its request. */
static void which(struct pq_params *p, long long request_id, long long id)
{
	pq_int_opt(p, id != 0, id);
	pq_int(p, request_id);
}

int ogi_db_consultation_delivered(struct ogi_db *db, long long request_id, long long id,
                                  ogi_date on)
{
	struct pq_params p = {0};
	which(&p, request_id, id);
	pq_date(&p, on);
	return run(db, "consultation_delivered", &p);
}

int ogi_db_consultation_end(struct ogi_db *db, long long request_id, long long id, int answer,
                            ogi_date on, const char *reasons, long long event_id)
{
	struct pq_params p = {0};
	which(&p, request_id, id);
	pq_str(&p, answer >= 0 ? ogi_consultation_answer_names[answer] : NULL);
	pq_date(&p, on);
	pq_str(&p, reasons);
	pq_int(&p, event_id);
	return run(db, "consultation_end", &p);
}

int ogi_db_consultation_override(struct ogi_db *db, long long request_id, long long id,
                                 const char *reason, ogi_date on, ogi_date notified_on,
                                 long long event_id)
{
	struct pq_params p = {0};
	which(&p, request_id, id);
	pq_str(&p, reason);
	pq_date(&p, on);
	pq_date(&p, notified_on);
	pq_int(&p, event_id);
	return run(db, "consultation_override", &p);
}
