/* Statements of requests, their events and intake idempotency. */
#include "db.h"

#define REQUEST_COLUMNS                                                                            \
	"r.id, r.body_id, r.year, r.seq, r.tracking_no, r.channel, r.received_on, "               \
	"r.submitted_on, r.confirmed_on, r.regime, r.applicant_kind, r.applicant_name, "          \
	"r.applicant_id_type, r.applicant_id_number, r.applicant_phone, r.applicant_email, "      \
	"r.applicant_address, r.applicant_contact, r.description, r.purpose, r.form_medium, "     \
	"r.form_delivery, r.status, r.due_on, r.provisional_deadline, r.closed_on, r.outcome, "   \
	"r.replied_late, r.extension_used, r.correction_notice_due, r.correction_notice_late, "   \
	"r.next_subdeadline, r.clock::text, r.version, r.created_at, b.path::text, b.name "

const struct ogi_statement ogi_db_statements_requests[] = {
	{"counter_next",
	 "INSERT INTO tracking_counters (body_id, year, last_seq) VALUES ($1::bigint, $2::int, 1) "
	 "ON CONFLICT (body_id, year) DO UPDATE SET last_seq = tracking_counters.last_seq + 1 "
	 "RETURNING last_seq, (SELECT coalesce(code, id::text) FROM bodies WHERE id = $1::bigint)"},
	{"request_insert",
	 "WITH r AS (INSERT INTO requests (body_id, year, seq, tracking_no, channel, received_on, "
	 "  submitted_on, confirmed_on, regime, applicant_kind, applicant_name, applicant_id_type, "
	 "  applicant_id_number, applicant_phone, applicant_email, applicant_address, "
	 "  applicant_contact, description, purpose, form_medium, form_delivery, status, due_on, "
	 "  provisional_deadline, correction_notice_due, next_subdeadline, clock, created_by) "
	 "VALUES ($1::bigint, $2::int, $3::int, $4, $5, $6::date, $7::date, $8::date, $9, $10, $11, "
	 "  $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23::date, $24::bool, $25::date, "
	 "  $26::date, $27::jsonb, $28::bigint) RETURNING *) "
	 "SELECT " REQUEST_COLUMNS "FROM r JOIN bodies b ON b.id = r.body_id"},
	{"request_get",
	 "SELECT " REQUEST_COLUMNS "FROM requests r JOIN bodies b ON b.id = r.body_id "
	 "WHERE r.id = $1::bigint"},
	{"request_lock",
	 "SELECT " REQUEST_COLUMNS "FROM requests r JOIN bodies b ON b.id = r.body_id "
	 "WHERE r.id = $1::bigint FOR UPDATE OF r"},
	{"request_update_projection",
	 "WITH r AS (UPDATE requests SET status = $2, due_on = $3::date, "
	 "  provisional_deadline = $4::bool, closed_on = $5::date, outcome = $6, "
	 "  replied_late = $7::bool, extension_used = $8::bool, correction_notice_due = $9::date, "
	 "  correction_notice_late = $10::bool, next_subdeadline = $11::date, clock = $12::jsonb, "
	 "  version = version + 1 WHERE id = $1::bigint RETURNING *) "
	 "SELECT " REQUEST_COLUMNS "FROM r JOIN bodies b ON b.id = r.body_id"},
	{"events_of",
	 "SELECT id, type, on_date, payload::text, actor, recorded_at FROM request_events "
	 "WHERE request_id = $1::bigint ORDER BY id"},
	{"event_insert",
	 "INSERT INTO request_events (request_id, body_id, type, on_date, payload, actor_id, actor) "
	 "VALUES ($1::bigint, $2::bigint, $3, $4::date, $5::jsonb, $6::bigint, $7) "
	 "RETURNING id, recorded_at"},
	{"idem_claim",
	 "INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES ($1::bigint, $2, $3::bytea) "
	 "ON CONFLICT DO NOTHING RETURNING 1"},
	{"idem_get",
	 "SELECT request_hash = $3::bytea, status, response, request_id FROM idempotency_keys "
	 "WHERE user_id = $1::bigint AND key = $2"},
	{"idem_store",
	 "UPDATE idempotency_keys SET status = $3::int, response = $4, request_id = $5::bigint "
	 "WHERE user_id = $1::bigint AND key = $2"},
	{"applicant_month_count",
	 "SELECT count(*) FROM requests WHERE body_id = $1::bigint AND applicant_id_number = $2 "
	 "AND received_on >= date_trunc('month', $3::date) AND received_on < date_trunc('month', "
	 "$3::date) + interval '1 month' AND (received_on < $3::date OR (received_on = $3::date AND "
	 "id <= $4::bigint))"},
	{NULL, NULL},
};

/* Lists: the caller's visible bodies ($1 roots) and optional filters; a NULL
 * parameter means "no filter".  Keyset paging on id, newest first. */
#define REQUEST_FILTERS                                                                            \
	"WHERE b.path && $1::bigint[] "                                                            \
	"  AND ($2::bigint IS NULL OR CASE WHEN $3::bool THEN b.path @> ARRAY[$2::bigint] "       \
	"                                  ELSE r.body_id = $2::bigint END) "                     \
	"  AND ($4::text IS NULL OR r.status = $4) "                                               \
	"  AND ($5::bool IS NULL OR (r.status = 'registered' AND r.due_on < $12::date) = $5) "     \
	"  AND ($6::date IS NULL OR r.due_on <= $6::date) "                                        \
	"  AND ($7::date IS NULL OR r.received_on >= $7::date) "                                   \
	"  AND ($8::date IS NULL OR r.received_on <= $8::date) "                                   \
	"  AND ($9::text IS NULL OR r.outcome = $9) "                                              \
	"  AND ($10::text IS NULL OR (r.tracking_no || ' ' || r.applicant_name || ' ' || "         \
	"       r.description) ILIKE '%' || $10 || '%') "                                          \
	"  AND ($11::bigint IS NULL OR r.id < $11::bigint) "

const struct ogi_statement ogi_db_statements_lists[] = {
	{"requests_list",
	 "SELECT " REQUEST_COLUMNS "FROM requests r JOIN bodies b ON b.id = r.body_id "
	 REQUEST_FILTERS "ORDER BY r.id DESC LIMIT $13::int"},
	/* the queue's first pass: every open request in scope ($4: one status), light columns */
	{"queue_light",
	 "SELECT r.id, r.status, r.due_on, (r.clock->'subdeadlines')::text "
	 "FROM requests r JOIN bodies b ON b.id = r.body_id "
	 "WHERE b.path && $1::bigint[] AND r.status <> 'closed' "
	 "  AND ($2::bigint IS NULL OR b.path @> ARRAY[$2::bigint]) "
	 "  AND ($3::text IS NULL OR (r.tracking_no || ' ' || r.applicant_name || ' ' || "
	 "       r.description) ILIKE '%' || $3 || '%') "
	 "  AND ($4::text IS NULL OR r.status = $4)"},
	/* closed requests that may have a remedy date pending on $4 (today): a remedy record
	   undecided, decided lately (suit and appeal windows) or with a new reply still owed;
	   the exact dates are computed by the caller */
	{"queue_closed_light",
	 "SELECT r.id, r.status, r.due_on, (r.clock->'subdeadlines')::text "
	 "FROM requests r JOIN bodies b ON b.id = r.body_id "
	 "WHERE b.path && $1::bigint[] AND r.status = 'closed' "
	 "  AND ($2::bigint IS NULL OR b.path @> ARRAY[$2::bigint]) "
	 "  AND ($3::text IS NULL OR (r.tracking_no || ' ' || r.applicant_name || ' ' || "
	 "       r.description) ILIKE '%' || $3 || '%') "
	 "  AND (EXISTS (SELECT 1 FROM reconsiderations x WHERE x.request_id = r.id "
	 "               AND (x.decided_on IS NULL OR coalesce(x.served_on, x.decided_on) >= $4::date - 60 "
	 "                    OR (x.redo_due IS NOT NULL AND x.redone_on IS NULL))) "
	 "    OR EXISTS (SELECT 1 FROM litigations l JOIN litigation_instances i ON i.litigation_id = l.id "
	 "               WHERE l.request_id = r.id AND (i.decided_on IS NULL "
	 "               OR coalesce(i.judgment_served_on, i.decided_on) >= $4::date - 60 "
	 "               OR (i.redo_due IS NOT NULL AND i.redone_on IS NULL))))"},
	/* the queue's second pass: the rows it shows, whole */
	{"requests_by_ids",
	 "SELECT " REQUEST_COLUMNS "FROM requests r JOIN bodies b ON b.id = r.body_id "
	 "WHERE r.id = ANY($1::bigint[])"},
	{NULL, NULL},
};
