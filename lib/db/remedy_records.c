/* Statements of reconsiderations and litigations (migration 0004).
 * Column orders: lib/db/remedy_records.h.  Fee notices and consultations:
 * fee_notices.c, consultations.c. */
#include "lib/db/db.h"

#define RC_COLUMNS                                                                                 \
	"id, request_id, body_id, filed_on, authority, case_no, accepted_on, procedure, "          \
	"extension_days, late_filing, decided_on, decision, result, served_on, notes, version, "   \
	"created_at, created_by, redo_due, redone_on "
#define LIT_COLUMNS                                                                                \
	"id, request_id, body_id, filed_on, court, case_no, route, reconsideration_id, "           \
	"late_filing, reconsideration_required, notes, version, created_at, created_by "
#define INST_COLUMNS                                                                               \
	"id, litigation_id, seq, instance, court, case_no, filed_on, procedure, served_on, "       \
	"hearing_on, decided_on, judgment, result, judgment_served_on, redo_due, redone_on "
#define INST_COLUMNS_I                                                                             \
	"i.id, i.litigation_id, i.seq, i.instance, i.court, i.case_no, i.filed_on, i.procedure, "  \
	"i.served_on, i.hearing_on, i.decided_on, i.judgment, i.result, i.judgment_served_on, "  \
	"i.redo_due, i.redone_on "

const struct ogi_statement ogi_db_statements_remedies[] = {
	/* reconsiderations */
	{"rc_insert",
	 "INSERT INTO reconsiderations (request_id, body_id, filed_on, authority, case_no, "
	 "  accepted_on, procedure, extension_days, late_filing, decided_on, decision, result, "
	 "  served_on, notes, redo_due, redone_on, created_by) "
	 "VALUES ($1::bigint, $2::bigint, $3::date, $4, $5, $6::date, $7, $8::int, $9::bool, "
	 "  $10::date, $11, $12, $13::date, $14, $15::date, $16::date, $17::bigint) "
	 "RETURNING " RC_COLUMNS},
	{"rc_get",
	 "SELECT " RC_COLUMNS "FROM reconsiderations WHERE id = $1::bigint AND request_id = $2::bigint"},
	{"rc_lock",
	 "SELECT " RC_COLUMNS "FROM reconsiderations WHERE id = $1::bigint AND request_id = $2::bigint "
	 "FOR UPDATE"},
	{"rc_update",
	 "UPDATE reconsiderations SET filed_on = $3::date, authority = $4, case_no = $5, "
	 "  accepted_on = $6::date, procedure = $7, extension_days = $8::int, late_filing = $9::bool, "
	 "  decided_on = $10::date, decision = $11, result = $12, served_on = $13::date, notes = $14, "
	 "  redo_due = $15::date, redone_on = $16::date, version = version + 1 "
	 "WHERE id = $1::bigint AND request_id = $2::bigint RETURNING " RC_COLUMNS},
	{"rc_of",
	 "SELECT " RC_COLUMNS "FROM reconsiderations WHERE request_id = $1::bigint ORDER BY id"},

	/* litigations and their instances */
	{"lit_insert",
	 "INSERT INTO litigations (request_id, body_id, filed_on, court, case_no, route, "
	 "  reconsideration_id, late_filing, reconsideration_required, notes, created_by) "
	 "VALUES ($1::bigint, $2::bigint, $3::date, $4, $5, $6, $7::bigint, $8::bool, $9::bool, $10, "
	 "  $11::bigint) RETURNING " LIT_COLUMNS},
	{"lit_get",
	 "SELECT " LIT_COLUMNS "FROM litigations WHERE id = $1::bigint AND request_id = $2::bigint"},
	{"lit_lock",
	 "SELECT " LIT_COLUMNS "FROM litigations WHERE id = $1::bigint AND request_id = $2::bigint "
	 "FOR UPDATE"},
	{"lit_update",
	 "UPDATE litigations SET filed_on = $3::date, court = $4, case_no = $5, route = $6, "
	 "  reconsideration_id = $7::bigint, late_filing = $8::bool, "
	 "  reconsideration_required = $9::bool, notes = $10, version = version + 1 "
	 "WHERE id = $1::bigint AND request_id = $2::bigint RETURNING " LIT_COLUMNS},
	{"lit_touch",
	 "UPDATE litigations SET version = version + 1 WHERE id = $1::bigint RETURNING " LIT_COLUMNS},
	{"lit_of",
	 "SELECT " LIT_COLUMNS "FROM litigations WHERE request_id = $1::bigint ORDER BY id"},
	{"inst_insert",
	 "INSERT INTO litigation_instances (litigation_id, body_id, seq, instance, court, case_no, "
	 "  filed_on, procedure, served_on, hearing_on, decided_on, judgment, result, "
	 "  judgment_served_on, redo_due, redone_on) "
	 "VALUES ($1::bigint, $2::bigint, $3::int, $4, $5, $6, $7::date, $8, $9::date, $10::date, "
	 "  $11::date, $12, $13, $14::date, $15::date, $16::date) RETURNING " INST_COLUMNS},
	{"inst_update",
	 "UPDATE litigation_instances SET instance = $3, court = $4, case_no = $5, filed_on = $6::date, "
	 "  procedure = $7, served_on = $8::date, hearing_on = $9::date, decided_on = $10::date, "
	 "  judgment = $11, result = $12, judgment_served_on = $13::date, redo_due = $14::date, "
	 "  redone_on = $15::date "
	 "WHERE litigation_id = $1::bigint AND seq = $2::int RETURNING " INST_COLUMNS},
	{"inst_of",
	 "SELECT " INST_COLUMNS "FROM litigation_instances WHERE litigation_id = $1::bigint ORDER BY seq"},
	{"inst_of_request",
	 "SELECT " INST_COLUMNS_I "FROM litigation_instances i JOIN litigations l ON l.id = i.litigation_id "
	 "WHERE l.request_id = $1::bigint ORDER BY i.litigation_id, i.seq"},

	/* the remedy records of several requests at once (the queue) */
	{"rc_of_requests",
	 "SELECT " RC_COLUMNS "FROM reconsiderations WHERE request_id = ANY($1::bigint[]) ORDER BY id"},
	{"lit_of_requests",
	 "SELECT " LIT_COLUMNS "FROM litigations WHERE request_id = ANY($1::bigint[]) ORDER BY id"},
	{"inst_of_requests",
	 "SELECT " INST_COLUMNS_I "FROM litigation_instances i JOIN litigations l ON l.id = i.litigation_id "
	 "WHERE l.request_id = ANY($1::bigint[]) ORDER BY i.litigation_id, i.seq"},

	/* a record's history: its audit_log rows (a litigation's include its instances') */
	{"remedy_history",
	 "SELECT a.at, a.actor, a.entity, a.entity_id, a.action, a.old_value::text, a.new_value::text "
	 "FROM audit_log a WHERE (a.entity = $1 AND a.entity_id = $2) "
	 "   OR ($1 = 'litigation' AND a.entity = 'litigation_instance' AND a.entity_id IN "
	 "       (SELECT id::text FROM litigation_instances WHERE litigation_id = $2::bigint)) "
	 "ORDER BY a.id"},
	{NULL, NULL},
};
