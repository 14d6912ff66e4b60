/* The export's snapshot reads and the import's inserts (export.h).  The SQL is built from the
 * constant table list below and integers only; the rows travel as jsonb (to_jsonb on the way
 * out, jsonb_populate_recordset on the way in), so every column keeps its exact value. */
#include "lib/db/export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/errors.h"
#include "lib/db/pq.h"
#include "lib/pii.h"
#include "lib/pii_seal.h"

/* the bodies of the export, and whether they are every body (x_full) */
#define XB    "(SELECT id FROM x_bodies)"
#define IN_XB "body_id IN " XB
#define FULL  "(SELECT full_db FROM x_meta)"

struct xtable {
	const char *name;
	const char *where; /* which rows belong to the export's bodies */
	const char *order;
	const char *drop; /* the columns never exported: a jsonb text[] */
	bool sealed;      /* the applicants' five columns, sealed at rest */
};

static const struct xtable tables[] = {
    {"bodies", "id IN " XB, "array_length(path, 1), id", "{path}", false},
    {"body_units", IN_XB, "id", "{}", false},
    {"users", "id IN (SELECT id FROM x_users)", "id", "{password_hash}", false},
    {"user_roles", IN_XB " AND user_id IN (SELECT id FROM x_users)", "user_id, body_id, role", "{}",
     false},
    {"calendar_years", "true", "year", "{}", false},
    {"calendar_days", "true", "day", "{}", false},
    {"tracking_counters", IN_XB, "body_id, year", "{}", false},
    {"letter_counters", IN_XB, "body_id, year, code", "{}", false},
    {"requests", IN_XB, "id", "{applicant_id_hash,applicant_phone_hash,pii_key}", true},
    {"request_events", IN_XB, "id", "{}", false},
    {"request_transfers",
     "from_body_id IN " XB " AND to_body_id IN " XB
     " AND request_id IN (SELECT id FROM requests WHERE " IN_XB ")",
     "id", "{}", false},
    {"request_imports", "request_id IN (SELECT id FROM requests WHERE " IN_XB ")", "request_id",
     "{}", false},
    {"register_import_runs", IN_XB, "id", "{}", false},
    {"register_import_rows", IN_XB, "file_sha256, row_no", "{}", false},
    {"supervisions", IN_XB " AND by_body_id IN " XB, "id", "{}", false},
    {"fee_notices", IN_XB, "id", "{}", false},
    {"consultations", IN_XB, "id", "{}", false},
    {"reconsiderations", IN_XB, "id", "{}", false},
    {"litigations", IN_XB, "id", "{}", false},
    {"litigation_instances", IN_XB, "id", "{}", false},
    {"letters", IN_XB, "id", "{}", false},
    {"letter_deliveries", IN_XB, "id", "{}", false},
    {"attachments", IN_XB, "id", "{}", false},
    {"report_inputs", IN_XB, "body_id, year", "{}", false},
    {"report_locks", IN_XB, "body_id, year, subtree, format", "{}", false},
    {"report_amendments", IN_XB, "id", "{}", false},
    {"online_applications", IN_XB, "id", "{pii_key}", true},
    {"online_corrections", IN_XB, "id", "{}", false},
    /* the applicant's files: a pending one's bytes beside the file (data_in_files), a decided
       one's are gone (they live on as the attachment, or were dropped) */
    {"online_files",
     IN_XB
     " AND online_id IN (SELECT id FROM online_applications WHERE " IN_XB ")"
     " AND (correction_id IS NULL OR correction_id IN (SELECT id FROM online_corrections "
     "WHERE " IN_XB "))"
     " AND (attachment_id IS NULL OR attachment_id IN (SELECT id FROM attachments WHERE " IN_XB
     "))",
     "id", "{data}", false},
    {"audit_log", "(" IN_XB " OR (body_id IS NULL AND " FULL "))", "id", "{}", false},
};
#define NTABLES ((int)(sizeof tables / sizeof tables[0]))

/* Every other table of the schema, with the reason it stays behind (docs/export-format.md):
 * an export refuses to run while the database has a table in neither list, so a new
 * migration's table cannot silently fall out of the export. */
static const struct {
	const char *name, *reason;
} skipped[] = {
    {"schema_migrations", "the header's schema_version stands for it"},
    {"report_row_map", "made by the migrations"},
    {"attachment_chunks", "the attachments' bytes: in FILE.files/ by their sha256"},
    {"sessions", "secrets of the running ogi"},
    {"api_tokens", "their hashes are secrets; make new tokens"},
    {"login_throttles", "the running ogi's throttling"},
    {"idempotency_keys", "stored answers to retried requests, of the running ogi"},
    {"pii_key", "the key file's fingerprint: the target has its own"},
    {"pii_seal_keys", "the key file's check values: the target has its own"},
    {"server_keys", "the running ogi's own keys"},
    {"public_challenges_used", "spent proof-of-work challenges, expiring within the hour"},
    {"public_throttles", "the public channel's rate limits, of the running ogi"},
    {"calendar_feeds", "the feed URLs' token hashes are secrets; users make new feeds"},
    {"reminder_digests", "a send log: a new ogi must not send them again"},
    {"register_import_jobs", "the web page's uploads and dry runs: the imports' record is in "
                             "register_import_runs and register_import_rows"},
};
#define NSKIPPED ((int)(sizeof skipped / sizeof skipped[0]))

int ogi_db_export_skipped_count(void)
{
	return NSKIPPED;
}

const char *ogi_db_export_skipped_name(int i)
{
	return i >= 0 && i < NSKIPPED ? skipped[i].name : NULL;
}

static const char *const sealed_cols[] = {"applicant_id_number", "applicant_phone",
                                          "applicant_email", "applicant_address",
                                          "applicant_contact"};
#define NSEALED ((int)(sizeof sealed_cols / sizeof sealed_cols[0]))

int ogi_db_export_table_count(void)
{
	return NTABLES;
}

const char *ogi_db_export_table_name(int i)
{
	return i >= 0 && i < NTABLES ? tables[i].name : NULL;
}

static const struct xtable *table_named(const char *name)
{
	for (int i = 0; i < NTABLES; i++)
		if (strcmp(tables[i].name, name) == 0)
			return &tables[i];
	return NULL;
}

bool ogi_db_import_known(const char *type)
{
	return type != NULL && table_named(type) != NULL;
}

/* PostgreSQL's message of a failed result into why (with its detail: the key of a duplicate) */
static int failed(PGresult *res, const char *what, char *why, size_t whylen)
{
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	const char *detail = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : NULL;
	snprintf(why, whylen, "%s: %s%s%s", what, msg ? msg : "the database connection failed",
	         detail ? " — " : "", detail ? detail : "");
	PQclear(res);
	return OGI_DB_HARD;
}

/* Literal SQL with up to 4 parameters (formats: binary where lens[i] > 0); *out the rows
 * (NULL: discarded). */
static int run(struct ogi_db *db, const char *sql, int n, const char *const *vals, const int *lens,
               const int *fmts, bool binary, PGresult **out, const char *what, char *why,
               size_t whylen)
{
	PGresult *res = PQexecParams(db->conn, sql, n, NULL, vals, lens, fmts, binary ? 1 : 0);
	ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
		return failed(res, what, why, whylen);
	if (out)
		*out = res;
	else
		PQclear(res);
	return 0;
}

static int sql(struct ogi_db *db, const char *text, const char *what, char *why, size_t whylen)
{
	return run(db, text, 0, NULL, NULL, NULL, false, NULL, what, why, whylen);
}

static int schema_version(struct ogi_db *db, int *out, char *why, size_t whylen)
{
	PGresult *res;
	int rc = run(db, "SELECT max(version) FROM schema_migrations", 0, NULL, NULL, NULL, false,
	             &res, "schema version", why, whylen);
	if (rc == 0) {
		*out = atoi(PQgetvalue(res, 0, 0));
		PQclear(res);
	}
	return rc;
}

/* The users the export holds: those with a role on its bodies and every one a row of it
 * names (an event's actor, a letter's signer…), found through the foreign keys to users. */
static int choose_users(struct ogi_db *db, char *why, size_t whylen)
{
	int rc = sql(db,
	             "INSERT INTO x_users SELECT DISTINCT user_id FROM user_roles WHERE " IN_XB
	             " UNION SELECT id FROM users WHERE " FULL,
	             "users", why, whylen);
	PGresult *res;
	if (rc == 0)
		rc =
		    run(db,
		        "SELECT c.conrelid::regclass::text, a.attname FROM pg_constraint c "
		        "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
		        "WHERE c.contype = 'f' AND c.confrelid = 'users'::regclass "
		        "  AND array_length(c.conkey, 1) = 1",
		        0, NULL, NULL, NULL, false, &res, "users", why, whylen);
	if (rc != 0)
		return rc;
	for (int i = 0; i < PQntuples(res) && rc == 0; i++) {
		const struct xtable *t = table_named(PQgetvalue(res, i, 0));
		if (t == NULL || strcmp(t->name, "user_roles") == 0)
			continue;
		char q[1024];
		snprintf(
		    q, sizeof q,
		    "INSERT INTO x_users SELECT DISTINCT t.%s FROM %s t WHERE t.%s IS NOT NULL "
		    "AND %s ON CONFLICT DO NOTHING",
		    PQgetvalue(res, i, 1), t->name, PQgetvalue(res, i, 1), t->where);
		rc = sql(db, q, "users", why, whylen);
	}
	PQclear(res);
	return rc;
}

/* Every table of the schema is exported or named in skipped[]: else the export would leave
 * a table behind that nobody decided to leave */
static int every_table_known(struct ogi_db *db, char *why, size_t whylen)
{
	PGresult *res;
	int rc =
	    run(db,
	        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
	        "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname",
	        0, NULL, NULL, NULL, false, &res, "tables", why, whylen);
	if (rc != 0)
		return rc;
	for (int i = 0; rc == 0 && i < PQntuples(res); i++) {
		const char *name = PQgetvalue(res, i, 0);
		bool known = table_named(name) != NULL;
		for (int k = 0; !known && k < NSKIPPED; k++)
			known = strcmp(skipped[k].name, name) == 0;
		if (!known) {
			snprintf(why, whylen,
			         "the table %s is neither exported nor listed as not exported "
			         "(lib/db/export.c): this ogictl does not know it",
			         name);
			rc = OGI_DB_HARD;
		}
	}
	PQclear(res);
	return rc;
}

int ogi_db_export_begin(struct ogi_db *db, long long body_id, bool subtree,
                        struct ogi_export_info *out, char *why, size_t whylen)
{
	memset(out, 0, sizeof *out);
	int rc = sql(db, "BEGIN ISOLATION LEVEL REPEATABLE READ", "snapshot", why, whylen);
	if (rc != 0)
		return rc;
	db->in_tx = true;
	char idtext[24];
	snprintf(idtext, sizeof idtext, "%lld", body_id);
	const char *const vals[] = {idtext};
	PGresult *res = NULL;
	if ((rc = every_table_known(db, why, whylen)) == 0 &&
	    (rc =
	         run(db,
	             subtree ? "CREATE TEMP TABLE x_bodies ON COMMIT DROP AS SELECT id FROM bodies "
	                       "WHERE path @> ARRAY[$1::bigint]"
	                     : "CREATE TEMP TABLE x_bodies ON COMMIT DROP AS SELECT id FROM bodies "
	                       "WHERE id = $1::bigint",
	             1, vals, NULL, NULL, false, NULL, "bodies", why, whylen)) == 0 &&
	    (rc = sql(db,
	              "CREATE TEMP TABLE x_meta ON COMMIT DROP AS SELECT "
	              "(SELECT count(*) FROM x_bodies) AS n, "
	              "NOT EXISTS (SELECT FROM bodies WHERE id NOT IN " XB ") AS full_db",
	              "bodies", why, whylen)) == 0 &&
	    (rc = sql(db, "CREATE TEMP TABLE x_users (id bigint PRIMARY KEY) ON COMMIT DROP",
	              "users", why, whylen)) == 0 &&
	    (rc = run(db, "SELECT n, full_db FROM x_meta", 0, NULL, NULL, NULL, false, &res,
	              "bodies", why, whylen)) == 0) {
		out->bodies = atoll(PQgetvalue(res, 0, 0));
		out->full = strcmp(PQgetvalue(res, 0, 1), "t") == 0;
		PQclear(res);
		if (out->bodies == 0) {
			snprintf(why, whylen, "there is no body %lld", body_id);
			rc = OGI_E_NOT_FOUND;
		}
	}
	if (rc == 0)
		rc = choose_users(db, why, whylen);
	if (rc == 0)
		rc = schema_version(db, &out->schema_version, why, whylen);
	if (rc != 0)
		ogi_db_export_end(db);
	return rc;
}

/* The sealed columns of row opened in place; false (with why) when one does not open. */
static bool open_sealed(json_t *row, char *why, size_t whylen)
{
	for (int c = 0; c < NSEALED; c++) {
		json_t *v = json_object_get(row, sealed_cols[c]);
		if (!json_is_string(v))
			continue;
		char *plain = NULL;
		uint32_t key = 0;
		enum ogi_pii_open_status st = ogi_pii_open(json_string_value(v), &plain, &key);
		if (st != OGI_PII_OPENED && st != OGI_PII_PLAIN) {
			free(plain);
			snprintf(
			    why, whylen,
			    "%s of row id %lld does not open (key %u: is this the database's key "
			    "file?)",
			    sealed_cols[c],
			    (long long)json_integer_value(json_object_get(row, "id")),
			    (unsigned)key);
			return false;
		}
		json_object_set_new(row, sealed_cols[c], json_string(plain ? plain : ""));
		free(plain);
	}
	return true;
}

/* The rows the snapshot holds beyond the export's bodies, made to stand alone: the top body
 * has no parent, and a request registered by a body outside counts as registered by its own. */
static void stand_alone(const struct xtable *t, json_t *row, json_t *root_ids)
{
	if (strcmp(t->name, "bodies") == 0 && json_array_size(root_ids) > 0 &&
	    json_integer_value(json_object_get(row, "id")) ==
	        json_integer_value(json_array_get(root_ids, 0)))
		json_object_set_new(row, "parent_id", json_null());
	if (strcmp(t->name, "requests") == 0 && json_is_false(json_array_get(root_ids, 1)))
		json_object_set_new(row, "registered_body_id", json_null());
	/* a waiting file's bytes go beside the file, as an attachment's */
	if (strcmp(t->name, "online_files") == 0)
		json_object_set_new(row, "data_in_files",
		                    json_boolean(json_is_true(json_array_get(root_ids, 0))));
}

int ogi_db_export_table(struct ogi_db *db, int i, ogi_export_row_fn fn, void *cls, char *why,
                        size_t whylen)
{
	if (i < 0 || i >= NTABLES)
		return OGI_DB_HARD;
	const struct xtable *t = &tables[i];
	char q[2048];
	/* the top body (the first, by depth) when it has a parent outside; for requests whether
	   the registering body is inside */
	const char *extra = strcmp(t->name, "bodies") == 0
	                        ? "jsonb_build_array((SELECT b.id FROM bodies b WHERE b.id IN " XB
	                          " AND b.parent_id IS NOT NULL AND b.parent_id NOT IN " XB "))"
	                    : strcmp(t->name, "requests") == 0
	                        ? "jsonb_build_array(0, x.registered_body_id IN " XB ")"
	                    : strcmp(t->name, "online_files") == 0
	                        ? "jsonb_build_array(x.data IS NOT NULL)"
	                        : "'[]'::jsonb";
	snprintf(q, sizeof q,
	         "DECLARE x_rows NO SCROLL CURSOR FOR SELECT (to_jsonb(x) - '%s'::text[])::text, "
	         "(%s)::text FROM %s x WHERE %s ORDER BY %s",
	         t->drop, extra, t->name, t->where, t->order);
	int rc = sql(db, q, t->name, why, whylen);
	while (rc == 0) {
		PGresult *res;
		if ((rc = run(db, "FETCH 500 FROM x_rows", 0, NULL, NULL, NULL, false, &res,
		              t->name, why, whylen)) != 0)
			break;
		int n = PQntuples(res);
		for (int r = 0; r < n && rc == 0; r++) {
			json_error_t err;
			json_t *row = json_loads(PQgetvalue(res, r, 0), 0, &err);
			json_t *ctx = json_loads(PQgetvalue(res, r, 1), 0, &err);
			if (row == NULL || ctx == NULL) {
				snprintf(why, whylen, "%s: a row does not read as JSON", t->name);
				rc = OGI_DB_HARD;
			} else if (t->sealed && !open_sealed(row, why, whylen)) {
				rc = OGI_DB_HARD;
			} else {
				stand_alone(t, row, ctx);
				rc = fn(row, cls);
				if (rc != 0)
					snprintf(why, whylen, "%s: the file could not be written",
					         t->name);
			}
			json_decref(row);
			json_decref(ctx);
		}
		PQclear(res);
		if (n == 0)
			break;
	}
	if (rc == 0)
		rc = sql(db, "CLOSE x_rows", t->name, why, whylen);
	return rc;
}

int ogi_db_export_attachment(struct ogi_db *db, long long id, ogi_export_bytes_fn fn, void *cls,
                             char *why, size_t whylen)
{
	/* one chunk a statement: an attachment of any size in little memory */
	char idtext[24];
	snprintf(idtext, sizeof idtext, "%lld", id);
	int rc = 0;
	for (int seq = 0; rc == 0; seq++) {
		char seqtext[16];
		snprintf(seqtext, sizeof seqtext, "%d", seq);
		const char *vals[] = {idtext, seqtext};
		PGresult *res;
		rc = run(db,
		         "SELECT data FROM attachment_chunks WHERE attachment_id = $1::bigint "
		         "AND seq = $2::int",
		         2, vals, NULL, NULL, true, &res, "attachment", why, whylen);
		if (rc != 0)
			break;
		if (PQntuples(res) == 0) {
			PQclear(res);
			if (seq == 0) {
				snprintf(why, whylen, "attachment %lld has no bytes", id);
				rc = OGI_DB_HARD;
			}
			break;
		}
		rc = fn(PQgetvalue(res, 0, 0), (size_t)PQgetlength(res, 0, 0), cls);
		if (rc != 0)
			snprintf(why, whylen, "attachment %lld: its file could not be written", id);
		PQclear(res);
	}
	return rc;
}

int ogi_db_export_online_file(struct ogi_db *db, long long id, ogi_export_bytes_fn fn, void *cls,
                              char *why, size_t whylen)
{
	char idtext[24];
	snprintf(idtext, sizeof idtext, "%lld", id);
	const char *vals[] = {idtext};
	PGresult *res;
	int rc = run(db, "SELECT data FROM online_files WHERE id = $1::bigint AND data IS NOT NULL",
	             1, vals, NULL, NULL, true, &res, "online file", why, whylen);
	if (rc != 0)
		return rc;
	if (PQntuples(res) != 1) {
		snprintf(why, whylen, "online file %lld has no bytes", id);
		rc = OGI_DB_HARD;
	} else if ((rc = fn(PQgetvalue(res, 0, 0), (size_t)PQgetlength(res, 0, 0), cls)) != 0) {
		snprintf(why, whylen, "online file %lld: its file could not be written", id);
	}
	PQclear(res);
	return rc;
}

void ogi_db_export_end(struct ogi_db *db)
{
	PQclear(PQexec(db->conn, "ROLLBACK"));
	db->in_tx = false;
}

int ogi_db_import_begin(struct ogi_db *db, bool allow_nonempty, int *version, char *why,
                        size_t whylen)
{
	int rc = sql(db, "BEGIN ISOLATION LEVEL SERIALIZABLE", "import", why, whylen);
	if (rc != 0)
		return rc;
	db->in_tx = true;
	PGresult *res;
	rc = run(db,
	         "SELECT (SELECT count(*) FROM bodies) + (SELECT count(*) FROM users) + "
	         "(SELECT count(*) FROM requests)",
	         0, NULL, NULL, NULL, false, &res, "import", why, whylen);
	if (rc == 0) {
		long long n = atoll(PQgetvalue(res, 0, 0));
		PQclear(res);
		if (n > 0 && !allow_nonempty) {
			snprintf(
			    why, whylen,
			    "the database is not empty (it holds %lld bodies, users and requests): "
			    "import into a fresh ogi, or give --into-nonempty (ids must then not "
			    "collide)",
			    n);
			rc = OGI_E_CONFLICT;
		}
	}
	if (rc == 0)
		rc = schema_version(db, version, why, whylen);
	if (rc != 0)
		ogi_db_import_abort(db);
	return rc;
}

/* The applicants' columns of row sealed under the key that seals now, the search hashes of
 * this key file, and the key id (requests) */
static bool seal_row(json_t *row, bool hashes, char *why, size_t whylen)
{
	for (int c = 0; c < NSEALED; c++) {
		json_t *v = json_object_get(row, sealed_cols[c]);
		if (!json_is_string(v))
			continue;
		const char *plain = json_string_value(v);
		if (hashes && c < 2) {
			char h[OGI_PII_HASH_HEX];
			bool ok =
			    ogi_pii_hash(c == 0 ? OGI_PII_ID_NUMBER : OGI_PII_PHONE, plain, h);
			json_object_set_new(row,
			                    c == 0 ? "applicant_id_hash" : "applicant_phone_hash",
			                    ok ? json_string(h) : json_null());
		}
		bool bad = false;
		char *sealed = ogi_pii_seal(plain, &bad);
		if (sealed == NULL || bad) {
			free(sealed);
			snprintf(why, whylen, "cannot seal %s (is the key file loaded?)",
			         sealed_cols[c]);
			return false;
		}
		json_object_set_new(row, sealed_cols[c], json_string(sealed));
		free(sealed);
	}
	json_object_set_new(row, "pii_key", json_integer(ogi_pii_seal_key_id()));
	return true;
}

int ogi_db_import_rows(struct ogi_db *db, const char *type, json_t *rows, char *why, size_t whylen)
{
	const struct xtable *t = table_named(type);
	if (t == NULL || !json_is_array(rows)) {
		snprintf(why, whylen, "no table %s in an export", type ? type : "(none)");
		return OGI_DB_HARD;
	}
	size_t k;
	json_t *row;
	json_array_foreach(rows, k, row)
	{
		if (!json_is_object(row)) {
			snprintf(why, whylen, "%s: a row is not an object", type);
			return OGI_DB_HARD;
		}
		if (t->sealed && !seal_row(row, strcmp(type, "requests") == 0, why, whylen))
			return OGI_DB_HARD;
	}
	char q[512];
	int rc = 0;
	/* the calendar is the exported one: the target's (its migrations') replaced */
	if (strncmp(type, "calendar_", 9) == 0) {
		snprintf(q, sizeof q,
		         "DELETE FROM %s WHERE NOT EXISTS (SELECT FROM x_calendar_loaded "
		         "WHERE name = '%s')",
		         type, type);
		rc =
		    sql(db,
		        "CREATE TEMP TABLE IF NOT EXISTS x_calendar_loaded (name text PRIMARY KEY) "
		        "ON COMMIT DROP",
		        type, why, whylen);
		if (rc == 0)
			rc = sql(db, q, type, why, whylen);
		snprintf(q, sizeof q,
		         "INSERT INTO x_calendar_loaded VALUES ('%s') ON CONFLICT DO NOTHING",
		         type);
		if (rc == 0)
			rc = sql(db, q, type, why, whylen);
		if (rc != 0)
			return rc;
	}
	char *text = json_dumps(rows, JSON_COMPACT | JSON_REAL_PRECISION(17));
	if (text == NULL) {
		snprintf(why, whylen, "%s: out of memory", type);
		return OGI_DB_HARD;
	}
	snprintf(q, sizeof q, "INSERT INTO %s SELECT * FROM jsonb_populate_recordset(NULL::%s, $1)",
	         t->name, t->name);
	const char *vals[] = {text};
	rc = run(db, q, 1, vals, NULL, NULL, false, NULL, type, why, whylen);
	free(text);
	return rc;
}

int ogi_db_import_chunk(struct ogi_db *db, long long id, long long body_id, int seq,
                        const void *data, size_t n, char *why, size_t whylen)
{
	char a[24], b[24], s[16];
	snprintf(a, sizeof a, "%lld", id);
	snprintf(b, sizeof b, "%lld", body_id);
	snprintf(s, sizeof s, "%d", seq);
	const char *vals[] = {a, b, s, data};
	int lens[] = {0, 0, 0, (int)n}, fmts[] = {0, 0, 0, 1};
	return run(db,
	           "INSERT INTO attachment_chunks (attachment_id, body_id, seq, data) "
	           "VALUES ($1::bigint, $2::bigint, $3::int, $4::bytea)",
	           4, vals, lens, fmts, false, NULL, "attachment", why, whylen);
}

int ogi_db_import_commit(struct ogi_db *db, char *why, size_t whylen)
{
	PGresult *res;
	int rc = run(db,
	             "SELECT table_name FROM information_schema.columns "
	             "WHERE table_schema = 'public' AND column_name = 'id' "
	             "  AND column_default LIKE 'nextval(%'",
	             0, NULL, NULL, NULL, false, &res, "sequences", why, whylen);
	if (rc != 0) {
		ogi_db_import_abort(db);
		return rc;
	}
	for (int i = 0; i < PQntuples(res) && rc == 0; i++) {
		const struct xtable *t = table_named(PQgetvalue(res, i, 0));
		if (t == NULL)
			continue;
		char q[512];
		snprintf(q, sizeof q,
		         "SELECT setval(pg_get_serial_sequence('%s', 'id'), max(id)) FROM %s "
		         "HAVING max(id) IS NOT NULL",
		         t->name, t->name);
		rc = sql(db, q, "sequences", why, whylen);
	}
	PQclear(res);
	if (rc == 0)
		rc = sql(db, "COMMIT", "commit", why, whylen);
	if (rc != 0)
		ogi_db_import_abort(db);
	db->in_tx = false;
	return rc;
}

void ogi_db_import_abort(struct ogi_db *db)
{
	PQclear(PQexec(db->conn, "ROLLBACK"));
	db->in_tx = false;
}
