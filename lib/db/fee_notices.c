/* Statements of fee notices and the applicant's month; the typed functions
 * of fee_notices.h (migration 0004, 0007). */
#include "lib/db/fee_notices.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/db/pq.h"
#include "lib/pii.h"

#define FEE_COLUMNS                                                                                \
	"id, request_id, event_id, method, notice_on, pay_by, ordinal, pages, "                    \
	"quoted_amount::text AS quoted_amount, amount::text AS amount, "                           \
	"search_fee::text AS search_fee, copy_fee::text AS copy_fee, postage::text AS postage, "   \
	"status, settled_on, paid_amount::text AS paid_amount, waiver_reason, waiver_note, "       \
	"paid_search_fee::text AS paid_search_fee, paid_copy_fee::text AS paid_copy_fee, "         \
	"paid_postage::text AS paid_postage, body_id "

const struct ogi_statement ogi_db_statements_fees[] = {
    /* one per fee_notice_issued event, settled by the later fee events */
    {"fee_notice_insert",
     "INSERT INTO fee_notices (request_id, body_id, event_id, method, notice_on, pay_by, ordinal, "
     "  pages, quoted_amount, amount, search_fee, copy_fee, postage) "
     "VALUES ($1::bigint, $2::bigint, $3::bigint, $4, $5::date, $6::date, $7::int, $8::int, "
     "  $9::numeric, $10::numeric, $11::numeric, $12::numeric, $13::numeric) RETURNING id"},
    {"fee_notice_outstanding",
     "SELECT " FEE_COLUMNS "FROM fee_notices WHERE request_id = $1::bigint "
     "AND status = 'outstanding' FOR UPDATE"},
    {"fee_notice_settle",
     "UPDATE fee_notices SET status = $2, settled_on = $3::date, settled_event_id = $4::bigint, "
     "  paid_amount = $5::numeric, waiver_reason = $6, waiver_note = $7, "
     "  paid_search_fee = $8::numeric, paid_copy_fee = $9::numeric, paid_postage = $10::numeric "
     "WHERE request_id = $1::bigint AND status = 'outstanding'"},
    {"fee_notices_of",
     "SELECT " FEE_COLUMNS "FROM fee_notices WHERE request_id = $1::bigint ORDER BY id"},
    {"applicant_month_count",
     "SELECT count(*) AS ordinal FROM requests WHERE body_id = $1::bigint "
     "AND applicant_id_hash = $2 "
     "AND received_on >= date_trunc('month', $3::date) AND received_on < date_trunc('month', "
     "$3::date) + interval '1 month' AND (received_on < $3::date OR (received_on = $3::date AND "
     "id <= $4::bigint))"},
    {NULL, NULL},
};

/* A numeric column of yuan as fen, exactly; OGI_MONEY_NONE when NULL. */
static long long fen_or_none(const PGresult *res, int row, const char *col)
{
	long long fen;
	const char *v = pq_get(res, row, col);
	return v != NULL && ogi_money_parse(v, &fen) ? fen : OGI_MONEY_NONE;
}

/* An amount in fen as numeric text ("4700.00"), or SQL NULL for OGI_MONEY_NONE. */
static void pq_money(struct pq_params *p, long long fen)
{
	if (fen == OGI_MONEY_NONE) {
		pq_null(p);
		return;
	}
	char buf[32];
	char *text = p->n < PQ_PARAMS_MAX ? p->text[p->n] : NULL; /* pq_str aborts past the max */
	if (text != NULL)
		snprintf(text, sizeof p->text[0], "%s", ogi_money_format(fen, buf));
	pq_str(p, text);
}

static const char *name_or_null(const char *const names[], int v)
{
	return v >= 0 ? names[v] : NULL;
}

static void notice_read(const PGresult *res, int row, struct ogi_fee_notice *out)
{
	memset(out, 0, sizeof *out);
	static const char *const parts[] = {"search_fee", "copy_fee", "postage"};
	static const char *const paid_parts[] = {"paid_search_fee", "paid_copy_fee",
	                                         "paid_postage"};
	out->id = pq_getint(res, row, "id");
	out->request_id = pq_getint(res, row, "request_id");
	out->body_id = pq_getint(res, row, "body_id");
	out->event_id = pq_getint(res, row, "event_id");
	int method = ogi_enum_parse(ogi_fee_method_names, pq_get(res, row, "method"));
	out->method = method >= 0 ? (enum ogi_fee_method)method : OGI_FEE_LEGACY;
	out->notice_on = pq_getdate(res, row, "notice_on");
	out->pay_by = pq_getdate(res, row, "pay_by");
	out->ordinal = pq_getint(res, row, "ordinal");
	out->pages = pq_isnull(res, row, "pages") ? -1 : pq_getint(res, row, "pages");
	out->quoted = fen_or_none(res, row, "quoted_amount");
	out->amount = fen_or_none(res, row, "amount");
	for (int k = 0; k < OGI_FEE_PART_COUNT; k++) {
		out->part[k] = fen_or_none(res, row, parts[k]);
		out->paid_part[k] = fen_or_none(res, row, paid_parts[k]);
	}
	int status = ogi_enum_parse(ogi_fee_status_names, pq_get(res, row, "status"));
	out->status = status >= 0 ? (enum ogi_fee_status)status : OGI_FEE_OUTSTANDING;
	out->settled_on = pq_getdate(res, row, "settled_on");
	out->paid = fen_or_none(res, row, "paid_amount");
	const char *reason = pq_get(res, row, "waiver_reason");
	out->waiver_reason = reason ? ogi_enum_parse(ogi_waiver_reason_names, reason) : -1;
	const char *note = pq_get(res, row, "waiver_note");
	out->waiver_note = note ? strdup(note) : NULL;
}

int ogi_db_fee_notices_of(struct ogi_db *db, long long request_id, struct ogi_fee_notice **out,
                          size_t *n)
{
	*out = NULL;
	*n = 0;
	struct pq_params p = {0};
	pq_int(&p, request_id);
	PGresult *res;
	int rows = pq_run(db, "fee_notices_of", &p, &res);
	if (rows < 0)
		return rows;
	struct ogi_fee_notice *v = calloc(rows > 0 ? (size_t)rows : 1, sizeof *v);
	if (v == NULL) {
		PQclear(res);
		return OGI_DB_HARD;
	}
	for (int i = 0; i < rows; i++)
		notice_read(res, i, &v[i]);
	PQclear(res);
	*out = v;
	*n = (size_t)rows;
	return 0;
}

int ogi_db_fee_notice_outstanding(struct ogi_db *db, long long request_id,
                                  struct ogi_fee_notice *out)
{
	memset(out, 0, sizeof *out);
	struct pq_params p = {0};
	pq_int(&p, request_id);
	PGresult *res;
	int rows = pq_run(db, "fee_notice_outstanding", &p, &res);
	if (rows < 0)
		return rows;
	if (rows > 0)
		notice_read(res, 0, out);
	PQclear(res);
	return rows > 0 ? 0 : OGI_E_NOT_FOUND;
}

int ogi_db_fee_notice_insert(struct ogi_db *db, const struct ogi_fee_notice *n)
{
	struct pq_params p = {0};
	pq_int(&p, n->request_id);
	pq_int(&p, n->body_id);
	pq_int(&p, n->event_id);
	pq_str(&p, ogi_fee_method_names[n->method]);
	pq_date(&p, n->notice_on);
	pq_date(&p, n->pay_by);
	pq_int_opt(&p, n->ordinal > 0, n->ordinal);
	pq_int_opt(&p, n->pages >= 0, n->pages);
	pq_money(&p, n->quoted);
	pq_money(&p, n->amount);
	for (int k = 0; k < OGI_FEE_PART_COUNT; k++)
		pq_money(&p, n->part[k]);
	int rows = pq_run(db, "fee_notice_insert", &p, NULL);
	return rows < 0 ? rows : 0;
}

int ogi_db_fee_notice_settle(struct ogi_db *db, long long request_id,
                             const struct ogi_fee_settlement *s)
{
	struct pq_params p = {0};
	pq_int(&p, request_id);
	pq_str(&p, ogi_fee_status_names[s->status]);
	pq_date(&p, s->on);
	pq_int(&p, s->event_id);
	pq_money(&p, s->paid);
	pq_str(&p, name_or_null(ogi_waiver_reason_names, s->reason));
	pq_str(&p, s->note);
	for (int k = 0; k < OGI_FEE_PART_COUNT; k++)
		pq_money(&p, s->paid_part[k]);
	int rows = pq_run(db, "fee_notice_settle", &p, NULL);
	return rows < 0 ? rows : 0;
}

int ogi_db_applicant_month_count(struct ogi_db *db, long long body_id, const char *id_number,
                                 ogi_date received_on, long long request_id, long long *ordinal)
{
	struct pq_params p = {0};
	pq_int(&p, body_id);
	char hash[OGI_PII_HASH_HEX];
	if (!ogi_pii_hash(OGI_PII_ID_NUMBER, id_number, hash)) {
		*ordinal = 0;
		return 0;
	}
	pq_str(&p, hash);
	pq_date(&p, received_on);
	pq_int(&p, request_id);
	PGresult *res;
	int rows = pq_run(db, "applicant_month_count", &p, &res);
	if (rows < 0)
		return rows;
	*ordinal = rows > 0 ? pq_getint(res, 0, "ordinal") : 0;
	PQclear(res);
	return 0;
}
