/* Statements of requests and their events; the typed functions of
 * requests.h and events.h. */
#include "lib/db/requests.h"
#include "lib/db/events.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/db/pii_col.h"
#include "lib/db/pq.h"
#include "lib/pii.h"

#define REQUEST_COLUMNS                                                                            \
	"r.id, r.body_id, r.year, r.seq, r.tracking_no, r.channel, r.received_on, "                \
	"r.submitted_on, r.confirmed_on, r.regime, r.applicant_kind, r.applicant_name, "           \
	"r.applicant_id_type, r.applicant_id_number, r.applicant_phone, r.applicant_email, "       \
	"r.applicant_address, r.applicant_contact, r.applicant_postcode, r.description, "          \
	"r.purpose, r.form_medium, "                                                               \
	"r.form_delivery, r.status, r.due_on, r.provisional_deadline, r.closed_on, r.outcome, "    \
	"r.replied_late, r.extension_used, r.correction_notice_due, r.correction_notice_late, "    \
	"r.next_subdeadline, r.clock::text AS clock, r.version, "                                  \
	"r.created_at, "                                                                           \
	"b.path::text AS body_path, b.name AS body_name, r.assignee_id, r.unit, "                  \
	"(SELECT coalesce(nullif(u.display_name, ''), u.username) FROM users u "                   \
	" WHERE u.id = r.assignee_id) AS assignee_name, "                                          \
	"(SELECT array_agg(DISTINCT p) FROM request_transfers t "                                  \
	" JOIN bodies fb ON fb.id = t.from_body_id CROSS JOIN LATERAL unnest(fb.path) p "          \
	" WHERE t.request_id = r.id)::text AS former_path, "                                       \
	"sv.id AS supervision_id, sv.report_by AS supervision_report_by, "                         \
	"sv.note AS supervision_note, sv.by_name AS supervision_by "
/* the open supervision of a request, if any (REQUEST_COLUMNS' sv) */
#define REQUEST_SUPERVISION                                                                        \
	"LEFT JOIN LATERAL (SELECT s.id, s.report_by, s.note, sb.name AS by_name "                 \
	"  FROM supervisions s JOIN bodies sb ON sb.id = s.by_body_id "                            \
	"  WHERE s.request_id = r.id AND s.answered_on IS NULL ORDER BY s.id DESC LIMIT 1) sv "    \
	"ON true "

const struct ogi_statement ogi_db_statements_requests[] = {
    {"counter_next",
     "INSERT INTO tracking_counters (body_id, year, last_seq) VALUES ($1::bigint, $2::int, 1) "
     "ON CONFLICT (body_id, year) DO UPDATE SET last_seq = tracking_counters.last_seq + 1 "
     "RETURNING last_seq, (SELECT coalesce(code, id::text) FROM bodies WHERE id = $1::bigint) AS "
     "code"},
    {"request_insert",
     "WITH r AS (INSERT INTO requests (body_id, year, seq, tracking_no, channel, received_on, "
     "  submitted_on, confirmed_on, regime, applicant_kind, applicant_name, applicant_id_type, "
     "  applicant_id_number, applicant_phone, applicant_email, applicant_address, "
     "  applicant_contact, description, purpose, form_medium, form_delivery, status, due_on, "
     "  provisional_deadline, correction_notice_due, next_subdeadline, clock, created_by, "
     "  applicant_id_hash, applicant_phone_hash, applicant_postcode, pii_key) "
     "VALUES ($1::bigint, $2::int, $3::int, $4, $5, $6::date, $7::date, $8::date, $9, $10, $11, "
     "  $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23::date, $24::bool, $25::date, "
     "  $26::date, $27::jsonb, $28::bigint, $29, $30, $31, $32::int) RETURNING *) "
     "SELECT " REQUEST_COLUMNS "FROM r JOIN bodies b ON b.id = r.body_id " REQUEST_SUPERVISION ""},
    {"request_get", "SELECT " REQUEST_COLUMNS
                    "FROM requests r JOIN bodies b ON b.id = r.body_id " REQUEST_SUPERVISION " "
                    "WHERE r.id = $1::bigint"},
    {"request_lock", "SELECT " REQUEST_COLUMNS
                     "FROM requests r JOIN bodies b ON b.id = r.body_id " REQUEST_SUPERVISION " "
                     "WHERE r.id = $1::bigint FOR UPDATE OF r"},
    {"request_update_projection",
     "WITH r AS (UPDATE requests SET status = $2, due_on = $3::date, "
     "  provisional_deadline = $4::bool, closed_on = $5::date, outcome = $6, "
     "  replied_late = $7::bool, extension_used = $8::bool, correction_notice_due = $9::date, "
     "  correction_notice_late = $10::bool, next_subdeadline = $11::date, clock = $12::jsonb, "
     "  version = version + 1 WHERE id = $1::bigint RETURNING *) "
     "SELECT " REQUEST_COLUMNS "FROM r JOIN bodies b ON b.id = r.body_id " REQUEST_SUPERVISION ""},
    /* a correction of the registration (PATCH /requests/{id}): the columns a clerk typed and
       the projection; year, seq and tracking_no stay */
    {"request_correct",
     "WITH r AS (UPDATE requests SET channel = $2, received_on = $3::date, "
     "  submitted_on = $4::date, confirmed_on = $5::date, regime = $6, applicant_kind = $7, "
     "  applicant_name = $8, applicant_id_type = $9, applicant_id_number = $10, "
     "  applicant_phone = $11, applicant_email = $12, applicant_address = $13, "
     "  applicant_contact = $14, description = $15, purpose = $16, form_medium = $17, "
     "  form_delivery = $18, status = $19, due_on = $20::date, provisional_deadline = $21::bool, "
     "  closed_on = $22::date, outcome = $23, replied_late = $24::bool, "
     "  extension_used = $25::bool, correction_notice_due = $26::date, "
     "  correction_notice_late = $27::bool, next_subdeadline = $28::date, clock = $29::jsonb, "
     "  applicant_postcode = $30, applicant_id_hash = $31, applicant_phone_hash = $32, "
     "  pii_key = $33::int, version = version + 1 WHERE id = $1::bigint RETURNING *) "
     "SELECT " REQUEST_COLUMNS "FROM r JOIN bodies b ON b.id = r.body_id " REQUEST_SUPERVISION ""},
    {"events_of",
     "SELECT e.id, e.type, e.on_date, e.payload::text AS payload, e.actor, "
     "       coalesce(nullif(u.display_name, ''), e.actor) AS actor_name, e.recorded_at "
     "FROM request_events e LEFT JOIN users u ON u.id = e.actor_id "
     "WHERE e.request_id = $1::bigint ORDER BY e.id"},
    {"event_insert",
     "INSERT INTO request_events (request_id, body_id, type, on_date, payload, actor_id, actor) "
     "VALUES ($1::bigint, $2::bigint, $3, $4::date, $5::jsonb, $6::bigint, $7) "
     "RETURNING id, recorded_at"},
    /* the same, unless the request has $8 events already: no row then */
    {"event_insert_bounded",
     "INSERT INTO request_events (request_id, body_id, type, on_date, payload, actor_id, actor) "
     "SELECT $1::bigint, $2::bigint, $3, $4::date, $5::jsonb, $6::bigint, $7 "
     "WHERE (SELECT count(*) FROM request_events WHERE request_id = $1::bigint) < $8::int "
     "RETURNING id, recorded_at"},
    {NULL, NULL},
};

/* A request the caller reads: of a body below one of roots, or transferred from one. */
#define REQUEST_VISIBLE(roots)                                                                     \
	"(b.path && " roots "::bigint[] OR EXISTS (SELECT 1 FROM request_transfers t "             \
	"  JOIN bodies fb ON fb.id = t.from_body_id WHERE t.request_id = r.id "                    \
	"  AND fb.path && " roots "::bigint[])) "
/* Whose it is: the assignee (-1: nobody), the unit, an open supervision (NULL: any). */
#define REQUEST_WHO(assignee, unit, supervised)                                                    \
	"  AND (" assignee "::bigint IS NULL OR (CASE WHEN " assignee "::bigint < 0 "              \
	"       THEN r.assignee_id IS NULL ELSE r.assignee_id = " assignee "::bigint END)) "       \
	"  AND (" unit "::text IS NULL OR r.unit = " unit ") "                                     \
	"  AND (" supervised "::bool IS NULL OR (sv.id IS NOT NULL) = " supervised "::bool) "

/* Lists: the caller's visible bodies ($1 roots) and optional filters; a NULL
 * parameter means "no filter".  Keyset paging on id, newest first. */
#define REQUEST_FILTERS                                                                            \
	"WHERE " REQUEST_VISIBLE(                                                                  \
	    "$1") "  AND ($2::bigint IS NULL OR CASE WHEN $3::bool THEN b.path @> "                \
	          "ARRAY[$2::bigint] "                                                             \
	          "                                  ELSE r.body_id = $2::bigint END) "            \
	          "  AND ($4::text IS NULL OR r.status = $4) "                                     \
	          "  AND ($5::bool IS NULL OR (r.status = 'registered' AND r.due_on < $12::date) " \
	          "= $5) "                                                                         \
	          "  AND ($6::date IS NULL OR r.due_on <= $6::date) "                              \
	          "  AND ($7::date IS NULL OR r.received_on >= $7::date) "                         \
	          "  AND ($8::date IS NULL OR r.received_on <= $8::date) "                         \
	          "  AND ($9::text IS NULL OR r.outcome = $9) "                                    \
	          "  AND ($10::text IS NULL OR (r.tracking_no || ' ' || r.applicant_name || ' ' "  \
	          "|| "                                                                            \
	          "       r.description) ILIKE '%' || $10 || '%' "                                 \
	          "       OR r.applicant_id_hash = $14 OR r.applicant_phone_hash = $15) "          \
	          "  AND ($11::bigint IS NULL OR r.id < $11::bigint) " REQUEST_WHO("$16", "$17",   \
	                                                                           "$18")

const struct ogi_statement ogi_db_statements_lists[] = {
    {"requests_list", "SELECT " REQUEST_COLUMNS
                      "FROM requests r JOIN bodies b ON b.id = r.body_id " REQUEST_SUPERVISION
                      " " REQUEST_FILTERS "ORDER BY r.id DESC LIMIT $13::int"},
    /* the queue's first pass: every open request in scope ($4: one status), light columns */
    {"queue_light",
     "SELECT r.id, r.status, r.due_on, (r.clock->'subdeadlines')::text AS subdeadlines "
     "FROM requests r JOIN bodies b ON b.id = r.body_id " REQUEST_SUPERVISION " "
     "WHERE " REQUEST_VISIBLE(
         "$1") "AND r.status <> 'closed' "
               "  AND ($2::bigint IS NULL OR b.path @> ARRAY[$2::bigint]) "
               "  AND ($3::text IS NULL OR (r.tracking_no || ' ' || r.applicant_name || ' ' || "
               "       r.description) ILIKE '%' || $3 || '%' "
               "       OR r.applicant_id_hash = $5 OR r.applicant_phone_hash = $6) "
               "  AND ($4::text IS NULL OR r.status = $4)" REQUEST_WHO("$7", "$8", "$9")},
    /* closed requests that may have a remedy date pending on $4 (today): a remedy record
       undecided, decided lately (suit and appeal windows) or with a new reply still owed;
       the exact dates are computed by the caller.  Driven from the remedy records (the
       pending ones, through the indexes of migrations 0004, 0008 and 0028), not from the
       scope's closed requests: it does not grow with the history of the district */
    {"queue_closed_light",
     "WITH pending AS ("
     "  SELECT x.request_id FROM reconsiderations x "
     "  WHERE x.decided_on IS NULL OR coalesce(x.served_on, x.decided_on) >= $4::date - 60 "
     "     OR (x.redo_due IS NOT NULL AND x.redone_on IS NULL) "
     "  UNION "
     "  SELECT l.request_id FROM litigation_instances i JOIN litigations l ON l.id = "
     "i.litigation_id "
     "  WHERE i.decided_on IS NULL OR coalesce(i.judgment_served_on, i.decided_on) >= $4::date - "
     "60 "
     "     OR (i.redo_due IS NOT NULL AND i.redone_on IS NULL)) "
     "SELECT r.id, r.status, r.due_on, (r.clock->'subdeadlines')::text AS subdeadlines "
     "FROM pending JOIN requests r ON r.id = pending.request_id "
     "JOIN bodies b ON b.id = r.body_id " REQUEST_SUPERVISION " "
     "WHERE " REQUEST_VISIBLE(
         "$1") "AND r.status = 'closed' "
               "  AND ($2::bigint IS NULL OR b.path @> ARRAY[$2::bigint]) "
               "  AND ($3::text IS NULL OR (r.tracking_no || ' ' || r.applicant_name || ' ' || "
               "       r.description) ILIKE '%' || $3 || '%' "
               "       OR r.applicant_id_hash = $5 OR r.applicant_phone_hash = $6) " REQUEST_WHO(
                   "$7", "$8", "$9")},
    /* the queue's second pass: the rows it shows, whole */
    {"requests_by_ids", "SELECT " REQUEST_COLUMNS
                        "FROM requests r JOIN bodies b ON b.id = r.body_id " REQUEST_SUPERVISION " "
                        "WHERE r.id = ANY($1::bigint[])"},
    {NULL, NULL},
};

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static int enum_or_none(const char *const names[], const char *s)
{
	return s ? ogi_enum_parse(names, s) : -1;
}

/* Row row of a REQUEST_COLUMNS result into out; false when a sealed field does not open. */
static bool request_read(const PGresult *res, int row, struct ogi_request *out)
{
	bool bad = false;
	memset(out, 0, sizeof *out);
	out->id = pq_getint(res, row, "id");
	out->body_id = pq_getint(res, row, "body_id");
	out->year = (int)pq_getint(res, row, "year");
	out->seq = (int)pq_getint(res, row, "seq");
	pq_copy(res, row, "tracking_no", out->tracking_no, sizeof out->tracking_no);
	out->channel = enum_or_none(ogi_channel_names, pq_get(res, row, "channel"));
	out->received_on = pq_getdate(res, row, "received_on");
	out->submitted_on = pq_getdate(res, row, "submitted_on");
	out->confirmed_on = pq_getdate(res, row, "confirmed_on");
	out->regime = enum_or_none(ogi_regime_names, pq_get(res, row, "regime"));
	struct ogi_applicant *a = &out->applicant;
	a->kind = enum_or_none(ogi_applicant_kind_names, pq_get(res, row, "applicant_kind"));
	a->id_type = enum_or_none(ogi_id_type_names, pq_get(res, row, "applicant_id_type"));
	a->name = dup_or_null(pq_get(res, row, "applicant_name"));
	a->id_number = pii_open_col(res, row, "applicant_id_number", &bad);
	a->phone = pii_open_col(res, row, "applicant_phone", &bad);
	a->email = pii_open_col(res, row, "applicant_email", &bad);
	a->address = pii_open_col(res, row, "applicant_address", &bad);
	a->contact = pii_open_col(res, row, "applicant_contact", &bad);
	a->postcode = dup_or_null(pq_get(res, row, "applicant_postcode"));
	out->description = dup_or_null(pq_get(res, row, "description"));
	out->purpose = dup_or_null(pq_get(res, row, "purpose"));
	out->form_medium = enum_or_none(ogi_medium_names, pq_get(res, row, "form_medium"));
	out->form_delivery = enum_or_none(ogi_delivery_names, pq_get(res, row, "form_delivery"));
	out->status = enum_or_none(ogi_status_names, pq_get(res, row, "status"));
	out->due_on = pq_getdate(res, row, "due_on");
	out->provisional = pq_getbool(res, row, "provisional_deadline");
	out->closed_on = pq_getdate(res, row, "closed_on");
	out->outcome = enum_or_none(ogi_outcome_names, pq_get(res, row, "outcome"));
	out->replied_late = pq_getbool(res, row, "replied_late");
	out->extension_used = pq_getbool(res, row, "extension_used");
	out->correction_notice_due = pq_getdate(res, row, "correction_notice_due");
	out->correction_notice_late = pq_getbool(res, row, "correction_notice_late");
	out->next_subdeadline = pq_getdate(res, row, "next_subdeadline");
	const char *clock = pq_get(res, row, "clock");
	out->clock = clock ? json_loads(clock, 0, NULL) : NULL;
	out->version = pq_getint(res, row, "version");
	pq_copy_time(res, row, "created_at", out->created_at, sizeof out->created_at);
	out->npath = pq_getids(res, row, "body_path", out->body_path, OGI_BODY_DEPTH_MAX);
	pq_copy(res, row, "body_name", out->body_name, sizeof out->body_name);
	out->assignee_id = pq_getint(res, row, "assignee_id");
	pq_copy(res, row, "assignee_name", out->assignee_name, sizeof out->assignee_name);
	out->unit = dup_or_null(pq_get(res, row, "unit"));
	out->nformer = pq_getids(res, row, "former_path", out->former_path, OGI_BODY_DEPTH_MAX);
	out->supervision_id = pq_getint(res, row, "supervision_id");
	out->supervision_report_by = pq_getdate(res, row, "supervision_report_by");
	out->supervision_note = dup_or_null(pq_get(res, row, "supervision_note"));
	pq_copy(res, row, "supervision_by", out->supervision_by, sizeof out->supervision_by);
	return !bad;
}

/* The one row a statement returned into out; OGI_E_NOT_FOUND for none. */
static int request_one(struct ogi_db *db, const char *stmt, const struct pq_params *p,
                       struct ogi_request *out)
{
	memset(out, 0, sizeof *out);
	PGresult *res;
	int n = pq_run(db, stmt, p, &res);
	if (n < 0)
		return n;
	if (n == 0) {
		PQclear(res);
		return OGI_E_NOT_FOUND;
	}
	bool ok = request_read(res, 0, out);
	PQclear(res);
	if (!ok) {
		ogi_request_free(out);
		return OGI_DB_HARD;
	}
	return 0;
}

int ogi_db_request_get(struct ogi_db *db, long long id, bool lock, struct ogi_request *out)
{
	struct pq_params p = {0};
	pq_int(&p, id);
	return request_one(db, lock ? "request_lock" : "request_get", &p, out);
}

static const char *name_or_null(const char *const names[], int v)
{
	return v >= 0 ? names[v] : NULL;
}

/* The projection's columns in the order both statements take them after their first ones. */
static char *projection_params(struct pq_params *p, const struct ogi_projection *pr, bool update)
{
	pq_str(p, ogi_status_names[pr->status]);
	pq_date(p, pr->due_on);
	pq_bool(p, pr->provisional);
	if (update) {
		pq_date(p, pr->closed_on);
		pq_str(p, name_or_null(ogi_outcome_names, pr->outcome));
		pq_bool(p, pr->replied_late);
		pq_bool(p, pr->extension_used);
	}
	pq_date(p, pr->correction_notice_due);
	if (update)
		pq_bool(p, pr->correction_notice_late);
	pq_date(p, pr->next_subdeadline);
	char *clock = json_dumps(pr->clock, JSON_COMPACT);
	pq_str(p, clock);
	return clock;
}

int ogi_db_request_insert(struct ogi_db *db, const struct ogi_intake *in,
                          const struct ogi_projection *pr, const struct ogi_actor *actor,
                          struct ogi_request *out)
{
	return ogi_db_request_insert_with(db, in, pr, actor, NULL, out);
}

int ogi_db_request_insert_with(struct ogi_db *db, const struct ogi_intake *in,
                               const struct ogi_projection *pr, const struct ogi_actor *actor,
                               json_t *registered_extra, struct ogi_request *out)
{
	int year = ogi_date_year(in->received_on);
	struct pq_params cp = {0};
	pq_int(&cp, in->body_id);
	pq_int(&cp, year);
	PGresult *res;
	int n = pq_run(db, "counter_next", &cp, &res);
	if (n < 0)
		return n;
	if (n == 0) {
		PQclear(res);
		return OGI_E_NOT_FOUND;
	}
	long long seq = pq_getint(res, 0, "last_seq");
	char tracking[128];
	snprintf(tracking, sizeof tracking, "%s-%d-%05lld", pq_get(res, 0, "code"), year, seq);
	PQclear(res);

	struct pq_params p = {0};
	pq_int(&p, in->body_id);
	pq_int(&p, year);
	pq_int(&p, seq);
	pq_str(&p, tracking);
	pq_str(&p, ogi_channel_names[in->channel]);
	pq_date(&p, in->received_on);
	pq_date(&p, in->submitted_on);
	pq_date(&p, in->confirmed_on);
	pq_str(&p, ogi_regime_names[ogi_regime_for(in->received_on)]);
	pq_str(&p, ogi_applicant_kind_names[in->applicant.kind]);
	pq_str(&p, in->applicant.name);
	pq_str(&p, name_or_null(ogi_id_type_names, in->applicant.id_type));
	struct pii_sealed sealed = {0};
	pii_seal_param(&p, &sealed, in->applicant.id_number);
	pii_seal_param(&p, &sealed, in->applicant.phone);
	pii_seal_param(&p, &sealed, in->applicant.email);
	pii_seal_param(&p, &sealed, in->applicant.address);
	pii_seal_param(&p, &sealed, in->applicant.contact);
	pq_str(&p, in->description);
	pq_str(&p, in->purpose);
	pq_str(&p, name_or_null(ogi_medium_names, in->form_medium));
	pq_str(&p, name_or_null(ogi_delivery_names, in->form_delivery));
	char *clock = projection_params(&p, pr, false);
	pq_int_opt(&p, actor->user_id > 0, actor->user_id); /* 0: ogictl */
	char id_hash[OGI_PII_HASH_HEX], phone_hash[OGI_PII_HASH_HEX];
	pq_str(&p,
	       ogi_pii_hash(OGI_PII_ID_NUMBER, in->applicant.id_number, id_hash) ? id_hash : NULL);
	pq_str(&p,
	       ogi_pii_hash(OGI_PII_PHONE, in->applicant.phone, phone_hash) ? phone_hash : NULL);
	pq_str(&p, in->applicant.postcode);
	pii_key_param(&p, &sealed);
	int rc = sealed.failed ? OGI_DB_HARD : request_one(db, "request_insert", &p, out);
	pii_sealed_free(&sealed);
	free(clock);
	if (rc != 0)
		return rc;
	json_t *payload = json_pack("{s:s, s:s}", "tracking_no", tracking, "channel",
	                            ogi_channel_names[in->channel]);
	if (registered_extra != NULL)
		json_object_update(payload, registered_extra);
	rc = ogi_db_event_insert(db, out->id, in->body_id, OGI_EV_REGISTERED, in->received_on,
	                         payload, actor, NULL);
	json_decref(payload);
	if (rc != 0)
		ogi_request_free(out);
	return rc;
}

int ogi_db_request_store_projection(struct ogi_db *db, long long id,
                                    const struct ogi_projection *pr, struct ogi_request *out)
{
	struct pq_params p = {0};
	pq_int(&p, id);
	char *clock = projection_params(&p, pr, true);
	int rc = request_one(db, "request_update_projection", &p, out);
	free(clock);
	return rc;
}

int ogi_db_request_correct(struct ogi_db *db, long long id, long long body_id,
                           const struct ogi_intake *after, const struct ogi_projection *pr,
                           ogi_date on, json_t *payload, const struct ogi_actor *actor,
                           struct ogi_request *out)
{
	memset(out, 0, sizeof *out);
	int rc =
	    ogi_db_event_insert(db, id, body_id, OGI_EV_RECORD_CORRECTED, on, payload, actor, NULL);
	if (rc != 0)
		return rc;
	struct pq_params p = {0};
	pq_int(&p, id);
	pq_str(&p, ogi_channel_names[after->channel]);
	pq_date(&p, after->received_on);
	pq_date(&p, after->submitted_on);
	pq_date(&p, after->confirmed_on);
	pq_str(&p, ogi_regime_names[ogi_regime_for(after->received_on)]);
	pq_str(&p, ogi_applicant_kind_names[after->applicant.kind]);
	pq_str(&p, after->applicant.name);
	pq_str(&p, name_or_null(ogi_id_type_names, after->applicant.id_type));
	struct pii_sealed sealed = {0};
	pii_seal_param(&p, &sealed, after->applicant.id_number);
	pii_seal_param(&p, &sealed, after->applicant.phone);
	pii_seal_param(&p, &sealed, after->applicant.email);
	pii_seal_param(&p, &sealed, after->applicant.address);
	pii_seal_param(&p, &sealed, after->applicant.contact);
	pq_str(&p, after->description);
	pq_str(&p, after->purpose);
	pq_str(&p, name_or_null(ogi_medium_names, after->form_medium));
	pq_str(&p, name_or_null(ogi_delivery_names, after->form_delivery));
	char *clock = projection_params(&p, pr, true);
	pq_str(&p, after->applicant.postcode);
	/* the search by number follows the corrected numbers */
	char id_hash[OGI_PII_HASH_HEX], phone_hash[OGI_PII_HASH_HEX];
	pq_str(&p, ogi_pii_hash(OGI_PII_ID_NUMBER, after->applicant.id_number, id_hash) ? id_hash
	                                                                                : NULL);
	pq_str(&p,
	       ogi_pii_hash(OGI_PII_PHONE, after->applicant.phone, phone_hash) ? phone_hash : NULL);
	pii_key_param(&p, &sealed);
	rc = sealed.failed ? OGI_DB_HARD : request_one(db, "request_correct", &p, out);
	pii_sealed_free(&sealed);
	free(clock);
	return rc;
}

int ogi_db_events_load(struct ogi_db *db, long long request_id, struct ogi_event_list *out)
{
	ogi_event_list_free(out);
	struct pq_params p = {0};
	pq_int(&p, request_id);
	PGresult *res;
	int n = pq_run(db, "events_of", &p, &res);
	if (n < 0)
		return n;
	for (int i = 0; i < n; i++) {
		struct ogi_event ev = {.id = pq_getint(res, i, "id"),
		                       .on = pq_getdate(res, i, "on_date")};
		int type = enum_or_none(ogi_event_type_names, pq_get(res, i, "type"));
		if (type < 0 || ev.on == OGI_DATE_NONE) {
			/* the schema's checks allow neither: a type this build does not know */
			ogi_db_log("ogi: error: %s:%d: event %lld has type %s, unknown here",
			           __FILE__, __LINE__, ev.id, pq_get(res, i, "type"));
			continue;
		}
		ev.type = (enum ogi_event_type)type;
		const char *payload = pq_get(res, i, "payload");
		ev.payload = payload ? json_loads(payload, 0, NULL) : NULL;
		if (ev.payload == NULL)
			ev.payload = json_object();
		pq_copy(res, i, "actor", ev.actor, sizeof ev.actor);
		pq_copy(res, i, "actor_name", ev.actor_name, sizeof ev.actor_name);
		pq_copy_time(res, i, "recorded_at", ev.recorded_at, sizeof ev.recorded_at);
		if (!ogi_event_list_push(out, &ev)) {
			PQclear(res);
			ogi_event_list_free(out);
			return OGI_DB_HARD;
		}
	}
	PQclear(res);
	return 0;
}

int ogi_db_event_insert(struct ogi_db *db, long long request_id, long long body_id,
                        enum ogi_event_type type, ogi_date on, json_t *payload,
                        const struct ogi_actor *actor, long long *id_out)
{
	/* a new request's first event needs no count: intake stays one plain INSERT */
	bool bounded = type != OGI_EV_DEADLINE_RECOMPUTED && type != OGI_EV_REGISTERED;
	char *text = json_dumps(payload, JSON_COMPACT);
	if (text == NULL)
		return OGI_DB_HARD;
	struct pq_params p = {0};
	pq_int(&p, request_id);
	pq_int(&p, body_id);
	pq_str(&p, ogi_event_type_names[type]);
	pq_date(&p, on);
	pq_str(&p, text);
	pq_int_opt(&p, actor->user_id > 0, actor->user_id);
	pq_str(&p, actor->name);
	if (bounded)
		pq_int(&p, OGI_EVENTS_MAX);
	PGresult *res;
	int n = pq_run(db, bounded ? "event_insert_bounded" : "event_insert", &p, &res);
	free(text);
	if (n < 0)
		return n;
	if (n == 0) {
		PQclear(res);
		return OGI_E_HISTORY_FULL;
	}
	if (id_out != NULL)
		*id_out = pq_getint(res, 0, "id");
	PQclear(res);
	return 0;
}

/* q as a LIKE pattern's literal part: its wildcards (and the escape) escaped. */
static char *like_literal(const char *q)
{
	size_t n = strlen(q);
	char *out = malloc(2 * n + 1), *o = out;
	if (out == NULL)
		return NULL;
	for (const char *c = q; *c; c++) {
		if (*c == '%' || *c == '_' || *c == '\\')
			*o++ = '\\';
		*o++ = *c;
	}
	*o = '\0';
	return out;
}

/* n ids as a bigint[] parameter, its text malloc'd into *text (NULL when out of memory). */
static bool ids_param(struct pq_params *p, const long long *ids, size_t n, char **text)
{
	size_t len = 24 * n + 3;
	if ((*text = malloc(len)) == NULL)
		return false;
	pq_ids(p, ids, (int)n, *text, len);
	return true;
}

/* The text parameters of a filter point at, freed after its statement. */
struct filter_text {
	char *roots, *q;
	/* q's keyed hashes as an identity and as a phone number, empty when it is not one */
	char id_hash[OGI_PII_HASH_HEX], phone_hash[OGI_PII_HASH_HEX];
};

/* The parameters q is searched by as a personal number (see struct filter_text). */
static void pq_search_hashes(struct pq_params *p, struct filter_text *t, const char *q)
{
	ogi_pii_search_hashes(q, t->id_hash, t->phone_hash);
	pq_str(p, t->id_hash[0] ? t->id_hash : NULL);
	pq_str(p, t->phone_hash[0] ? t->phone_hash : NULL);
}

static void filter_text_free(struct filter_text *t)
{
	free(t->roots);
	free(t->q);
}

/* REQUEST_WHO's three parameters. */
static void who_params(struct pq_params *p, const struct ogi_request_filter *f)
{
	pq_int_opt(p, f->assignee != 0, f->assignee);
	pq_str(p, f->unit);
	if (f->has_supervised)
		pq_bool(p, f->supervised);
	else
		pq_null(p);
}

/* $1 the caller's bodies and the filters of requests_list in its order; false when out of memory.
 */
static bool list_params(struct pq_params *p, const struct ogi_request_filter *f,
                        struct filter_text *t)
{
	*t = (struct filter_text){0};
	if (!ids_param(p, f->roots, (size_t)f->nroots, &t->roots))
		return false;
	pq_int_opt(p, f->body_id > 0, f->body_id);
	pq_bool(p, f->subtree);
	pq_str(p, name_or_null(ogi_status_names, f->status));
	if (f->has_overdue)
		pq_bool(p, f->overdue);
	else
		pq_null(p);
	pq_date(p, f->due_before);
	pq_date(p, f->received_from);
	pq_date(p, f->received_to);
	pq_str(p, name_or_null(ogi_outcome_names, f->outcome));
	if (f->q != NULL && (t->q = like_literal(f->q)) == NULL)
		return false;
	pq_str(p, t->q);
	pq_int_opt(p, f->after > 0, f->after);
	pq_date(p, f->today);
	pq_int(p, f->limit);
	pq_search_hashes(p, t, f->q);
	who_params(p, f);
	return true;
}

/* Each row of a REQUEST_COLUMNS result to fn, in order; fn's non-zero return stops and is returned.
 */
static int each_row(const PGresult *res, int n, int (*fn)(struct ogi_request *r, void *cls),
                    void *cls)
{
	for (int i = 0; i < n; i++) {
		struct ogi_request r;
		int rc = request_read(res, i, &r) ? fn(&r, cls) : OGI_DB_HARD;
		ogi_request_free(&r);
		if (rc != 0)
			return rc;
	}
	return 0;
}

int ogi_db_requests_each(struct ogi_db *db, const struct ogi_request_filter *f,
                         int (*fn)(struct ogi_request *r, void *cls), void *cls)
{
	struct pq_params p = {0};
	struct filter_text t;
	PGresult *res = NULL;
	int n = list_params(&p, f, &t) ? pq_run(db, "requests_list", &p, &res) : OGI_DB_HARD;
	filter_text_free(&t);
	if (n < 0)
		return n;
	int rc = each_row(res, n, fn, cls);
	PQclear(res);
	return rc;
}

/* Moves r into the list (cls). */
static int list_take(struct ogi_request *r, void *cls)
{
	return ogi_request_list_push(cls, r) ? 0 : OGI_DB_HARD;
}

int ogi_db_requests_list(struct ogi_db *db, const struct ogi_request_filter *f,
                         struct ogi_request_list *out)
{
	*out = (struct ogi_request_list){0};
	int rc = ogi_db_requests_each(db, f, list_take, out);
	if (rc != 0)
		ogi_request_list_free(out);
	return rc;
}

int ogi_db_requests_by_ids(struct ogi_db *db, const long long *ids, size_t n,
                           struct ogi_request_list *out)
{
	*out = (struct ogi_request_list){0};
	struct pq_params p = {0};
	char *text;
	if (!ids_param(&p, ids, n, &text))
		return OGI_DB_HARD;
	PGresult *res;
	int rows = pq_run(db, "requests_by_ids", &p, &res);
	free(text);
	if (rows < 0)
		return rows;
	int rc = each_row(res, rows, list_take, out);
	PQclear(res);
	if (rc != 0)
		ogi_request_list_free(out);
	return rc;
}

void ogi_queue_items_free(struct ogi_queue_items *l)
{
	for (size_t i = 0; i < l->n; i++)
		json_decref(l->v[i].subdeadlines);
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* The light rows of stmt (queue_light, queue_closed_light) into out. */
static int queue_items(struct ogi_db *db, const char *stmt, const struct pq_params *p,
                       struct ogi_queue_items *out)
{
	*out = (struct ogi_queue_items){0};
	PGresult *res;
	int n = pq_run(db, stmt, p, &res);
	if (n < 0)
		return n;
	if (n > 0 && (out->v = calloc((size_t)n, sizeof *out->v)) == NULL) {
		PQclear(res);
		return OGI_DB_HARD;
	}
	for (int i = 0; i < n; i++) {
		struct ogi_queue_item *it = &out->v[out->n++];
		it->id = pq_getint(res, i, "id");
		it->status = enum_or_none(ogi_status_names, pq_get(res, i, "status"));
		it->due_on = pq_getdate(res, i, "due_on");
		const char *subs = pq_get(res, i, "subdeadlines");
		it->subdeadlines = subs ? json_loads(subs, 0, NULL) : NULL;
	}
	PQclear(res);
	return 0;
}

int ogi_db_queue_open(struct ogi_db *db, const struct ogi_request_filter *f,
                      struct ogi_queue_items *out)
{
	struct pq_params p = {0};
	struct filter_text t = {0};
	int rc = OGI_DB_HARD;
	if (ids_param(&p, f->roots, (size_t)f->nroots, &t.roots) &&
	    (f->q == NULL || (t.q = like_literal(f->q)) != NULL)) {
		pq_int_opt(&p, f->body_id > 0, f->body_id);
		pq_str(&p, t.q);
		pq_str(&p, name_or_null(ogi_status_names, f->status));
		pq_search_hashes(&p, &t, f->q);
		who_params(&p, f);
		rc = queue_items(db, "queue_light", &p, out);
	}
	filter_text_free(&t);
	return rc;
}

int ogi_db_queue_closed(struct ogi_db *db, const struct ogi_request_filter *f,
                        struct ogi_queue_items *out)
{
	struct pq_params p = {0};
	struct filter_text t = {0};
	int rc = OGI_DB_HARD;
	if (ids_param(&p, f->roots, (size_t)f->nroots, &t.roots) &&
	    (f->q == NULL || (t.q = like_literal(f->q)) != NULL)) {
		pq_int_opt(&p, f->body_id > 0, f->body_id);
		pq_str(&p, t.q);
		pq_date(&p, f->today);
		pq_search_hashes(&p, &t, f->q);
		who_params(&p, f);
		rc = queue_items(db, "queue_closed_light", &p, out);
	}
	filter_text_free(&t);
	return rc;
}
