/* Statements of the public channel; the typed functions of online.h. */
#include "lib/db/online_apps.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/db/pii_col.h"
#include "lib/db/pq.h"
#include "lib/domain.h"

#define ROW_COLUMNS                                                                                \
	"o.id, o.body_id, b.name AS body_name, b.path::text AS body_path, o.number, o.state, "     \
	"o.submitted_at, "                                                                         \
	"(o.submitted_at AT TIME ZONE 'Asia/Shanghai')::date AS submitted_on, "                    \
	"extract(epoch FROM now() - o.submitted_at)::bigint AS age_seconds, "                      \
	"o.applicant_kind, o.applicant_name, o.applicant_id_type, o.applicant_id_number, "         \
	"o.applicant_phone, o.applicant_email, o.applicant_address, o.applicant_postcode, "        \
	"o.applicant_contact, o.info_title, o.info_ref, o.description, o.form_medium, "            \
	"o.form_delivery, o.request_id, o.decided_at, o.decided_by, o.decline_reason, "            \
	"o.status_failures, "                                                                      \
	"coalesce(extract(epoch FROM now() - o.status_failed_at)::bigint, -1) AS since_failure "
#define ROW_FROM "FROM online_applications o JOIN bodies b ON b.id = o.body_id "
/* an online 补正 with its request's (current) body: staff of that body handle it */
#define CORR_COLUMNS                                                                               \
	"k.id, k.online_id, o.number, k.request_id, r.tracking_no, r.body_id, b.name AS "          \
	"body_name, "                                                                              \
	"b.path::text AS body_path, k.text, k.received_at, k.received_on, "                        \
	"extract(epoch FROM now() - k.received_at)::bigint AS age_seconds, k.state, "              \
	"k.handled_at, "                                                                           \
	"k.handled_by, u.username AS handled_by_name, k.reject_reason, k.event_id "
#define CORR_FROM                                                                                  \
	"FROM online_corrections k JOIN online_applications o ON o.id = k.online_id "              \
	"JOIN requests r ON r.id = k.request_id JOIN bodies b ON b.id = r.body_id "                \
	"LEFT JOIN users u ON u.id = k.handled_by "

const struct ogi_statement ogi_db_statements_online[] = {
    {"server_key_make", "INSERT INTO server_keys (name, key) VALUES ('public', $1::bytea) "
                        "ON CONFLICT (name) DO NOTHING"},
    {"server_key_get", "SELECT encode(key, 'hex') AS key FROM server_keys WHERE name = 'public'"},
    {"challenges_prune", "DELETE FROM public_challenges_used WHERE digest IN (SELECT digest FROM "
                         "  public_challenges_used WHERE expires_at < now() - interval '1 hour' "
                         "  ORDER BY expires_at LIMIT 20 FOR UPDATE SKIP LOCKED)"},
    {"challenge_use",
     "INSERT INTO public_challenges_used (digest, expires_at) "
     "VALUES ($1::bytea, to_timestamp($2::bigint)) ON CONFLICT (digest) DO NOTHING"},
    {"public_throttles_prune",
     "DELETE FROM public_throttles WHERE (scope, key_hash) IN (SELECT scope, key_hash FROM "
     "  public_throttles WHERE day_start < now() - interval '2 days' "
     "  LIMIT 20 FOR UPDATE SKIP LOCKED)"},
    {"public_throttle_make", "INSERT INTO public_throttles (scope, key_hash) "
                             "VALUES ($1, $2::bytea) ON CONFLICT (scope, key_hash) DO NOTHING"},
    {"public_throttle_lock",
     "SELECT hour_count, day_count, "
     "  extract(epoch FROM now() - hour_start)::bigint AS since_hour, "
     "  extract(epoch FROM now() - day_start)::bigint AS since_day "
     "FROM public_throttles WHERE scope = $1 AND key_hash = $2::bytea FOR UPDATE"},
    {"public_throttle_write",
     "UPDATE public_throttles SET hour_count = $3::int, day_count = $4::int, "
     "  hour_start = CASE WHEN $5::bool THEN now() ELSE hour_start END, "
     "  day_start = CASE WHEN $6::bool THEN now() ELSE day_start END "
     "WHERE scope = $1 AND key_hash = $2::bytea"},
    {"public_bodies",
     "SELECT id, name, address, phone, office_hours FROM bodies WHERE accepts_online "
     "ORDER BY name, id LIMIT 1000"},
    {"public_body_name", "SELECT name FROM bodies WHERE id = $1::bigint AND accepts_online"},
    {"online_insert",
     "INSERT INTO online_applications (body_id, number, code_hash, applicant_kind, "
     "  applicant_name, applicant_id_type, applicant_id_number, applicant_phone, "
     "  applicant_email, applicant_address, applicant_postcode, applicant_contact, "
     "  info_title, info_ref, description, form_medium, form_delivery, pii_key) "
     "VALUES ($1::bigint, $2, $3::bytea, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, "
     "  $16, $17, $18::int) ON CONFLICT (number) DO NOTHING RETURNING id"},
    {"online_list", "SELECT " ROW_COLUMNS ROW_FROM "WHERE o.state = $4 AND b.path && $1::bigint[] "
                    "  AND ($2::bigint = 0 OR b.path @> ARRAY[$2::bigint]) "
                    "ORDER BY o.submitted_at, o.id LIMIT $3::int"},
    {"online_pending_count",
     "SELECT count(*) AS n, "
     "  coalesce(extract(epoch FROM now() - min(o.submitted_at))::bigint, 0) AS oldest "
     "FROM online_applications o JOIN bodies b ON b.id = o.body_id "
     "WHERE o.state = 'pending' AND b.path && $1::bigint[]"},
    {"online_get", "SELECT " ROW_COLUMNS ROW_FROM "WHERE o.id = $1::bigint"},
    {"online_get_lock", "SELECT " ROW_COLUMNS ROW_FROM "WHERE o.id = $1::bigint FOR UPDATE OF o"},
    {"online_by_number", "SELECT " ROW_COLUMNS ", encode(o.code_hash, 'hex') AS code_hash " ROW_FROM
                         "WHERE o.number = $1 FOR UPDATE OF o"},
    /* a declined application's files lose their bytes (migration 0032) */
    {"online_decide",
     "WITH d AS (UPDATE online_applications SET state = CASE WHEN $2::bigint > 0 THEN "
     "  'confirmed' ELSE 'declined' END, request_id = nullif($2::bigint, 0), decline_reason = $3, "
     "  decided_at = now(), decided_by = $4::bigint "
     "  WHERE id = $1::bigint AND state = 'pending' RETURNING id, state), "
     "f AS (UPDATE online_files SET data = NULL "
     "  WHERE online_id IN (SELECT id FROM d WHERE state = 'declined') RETURNING 1) "
     "SELECT d.id, (SELECT count(*) FROM f) AS dropped FROM d"},
    {"online_status_fail",
     "UPDATE online_applications SET "
     "  status_failures = CASE WHEN status_failed_at < now() - interval '1 hour' THEN 1 "
     "    ELSE status_failures + 1 END, status_failed_at = now() WHERE id = $1::bigint"},
    {"online_status_reset",
     "UPDATE online_applications SET status_failures = 0, status_failed_at = NULL "
     "WHERE id = $1::bigint AND status_failures > 0"},
    {"import_find",
     "SELECT i.request_id, r.tracking_no FROM request_imports i JOIN requests r ON r.id = "
     "i.request_id WHERE i.platform = $1 AND i.platform_id = $2 FOR SHARE OF i"},
    {"import_record",
     "INSERT INTO request_imports (platform, platform_id, request_id, imported_by) "
     "VALUES ($1, $2, $3::bigint, $4::bigint) ON CONFLICT (platform, platform_id) DO NOTHING"},
    {"online_correction_add",
     "INSERT INTO online_corrections (online_id, body_id, request_id, text, received_on) "
     "VALUES ($1::bigint, $2::bigint, $3::bigint, $4, $5::date) "
     "ON CONFLICT (request_id) WHERE state = 'pending' DO NOTHING RETURNING id"},
    {"online_correction_last",
     "SELECT id, state, received_on, received_at, reject_reason FROM online_corrections "
     "WHERE request_id = $1::bigint ORDER BY received_at DESC, id DESC LIMIT 1"},
    {"online_corrections_of",
     "SELECT id, state, received_on, received_at, reject_reason FROM online_corrections "
     "WHERE online_id = $1::bigint AND request_id = $2::bigint "
     "ORDER BY received_at, id LIMIT $3::int"},
    {"online_correction_list",
     "SELECT " CORR_COLUMNS CORR_FROM "WHERE k.state = $4 AND b.path && $1::bigint[] "
     "  AND ($2::bigint = 0 OR b.path @> ARRAY[$2::bigint]) "
     "  AND ($5::bigint = 0 OR k.request_id = $5::bigint) "
     "ORDER BY k.received_at, k.id LIMIT $3::int"},
    {"online_correction_get_lock",
     "SELECT " CORR_COLUMNS CORR_FROM "WHERE k.id = $1::bigint FOR UPDATE OF k"},
    {"online_correction_pending_count",
     "SELECT count(*) AS n, "
     "  coalesce(extract(epoch FROM now() - min(k.received_at))::bigint, 0) AS oldest, "
     "  coalesce((array_agg(k.request_id ORDER BY k.received_at, k.id))[1], 0) AS first "
     "FROM online_corrections k JOIN requests r ON r.id = k.request_id "
     "JOIN bodies b ON b.id = r.body_id WHERE k.state = 'pending' AND b.path && $1::bigint[]"},
    {"online_correction_decide",
     "UPDATE online_corrections SET state = $2, event_id = nullif($3::bigint, 0), "
     "  reject_reason = $4, handled_at = now(), handled_by = $5::bigint "
     "WHERE id = $1::bigint AND state = 'pending'"},
    /* the applicant's files (migration 0032) */
    {"online_file_count", "SELECT count(*) AS n FROM online_files WHERE online_id = $1::bigint "
                          "AND coalesce(correction_id, 0) = $2::bigint"},
    {"online_file_add",
     "INSERT INTO online_files (online_id, body_id, name, content_type, size, sha256, data, "
     "  correction_id) VALUES ($1::bigint, $2::bigint, $3, $4, $5::bigint, $6, $7::bytea, "
     "  nullif($8::bigint, 0)) RETURNING id"},
    {"online_files_of",
     "SELECT id, name, content_type, size, sha256, received_at, coalesce(attachment_id, 0) AS "
     "attachment_id, coalesce(correction_id, 0) AS correction_id FROM online_files "
     "WHERE online_id = $1::bigint AND ($2::bigint < 0 OR coalesce(correction_id, 0) = "
     "$2::bigint) ORDER BY id"},
    {"online_file_data",
     "SELECT data FROM online_files WHERE online_id = $1::bigint AND id = $2::bigint "
     "AND data IS NOT NULL"},
    /* each waiting file becomes an attachment of the request, cut into chunks of $3 bytes */
    {"online_files_attach",
     "WITH f AS (SELECT id AS fid, nextval(pg_get_serial_sequence('attachments', 'id')) AS aid, "
     "  name, content_type, size, sha256, data FROM online_files "
     "  WHERE online_id = $1::bigint AND attachment_id IS NULL "
     "  AND coalesce(correction_id, 0) = $6::bigint ORDER BY id), "
     "a AS (INSERT INTO attachments (id, request_id, body_id, kind, name, content_type, size, "
     "  sha256, chunk_size, chunks, created_by) "
     "  SELECT aid, $2::bigint, $4::bigint, CASE WHEN $6::bigint = 0 THEN 'identity_copy' "
     "  ELSE 'correction_material' END, name, content_type, size, sha256, "
     "  $3::int, ((size + $3::int - 1) / $3::int)::int, $5::bigint FROM f RETURNING id), "
     "c AS (INSERT INTO attachment_chunks (attachment_id, body_id, seq, data) "
     "  SELECT f.aid, $4::bigint, s, substring(f.data FROM s * $3::int + 1 FOR $3::int) "
     "  FROM f, generate_series(0, ((f.size - 1) / $3::int)::int) s RETURNING 1) "
     "UPDATE online_files o SET attachment_id = f.aid, data = NULL FROM f WHERE o.id = f.fid "
     "RETURNING f.aid, (SELECT count(*) FROM a) AS na, (SELECT count(*) FROM c) AS nc"},
    /* files with an online correction answer (migration 0033) */
    {"online_correction_pending_of",
     "SELECT id FROM online_corrections WHERE online_id = $1::bigint AND state = 'pending' "
     "ORDER BY id LIMIT 1 FOR UPDATE"},
    {"online_correction_files_drop",
     "UPDATE online_files SET data = NULL WHERE correction_id = $1::bigint AND data IS NOT NULL"},
    {NULL, NULL},
};

/* "\x…" of 32 bytes, a bytea parameter */
static void bytea_text(const unsigned char *bytes, char out[2 + 2 * OGI_DB_HASH_BYTES + 1])
{
	out[0] = '\\';
	out[1] = 'x';
	sodium_bin2hex(out + 2, 2 * OGI_DB_HASH_BYTES + 1, bytes, OGI_DB_HASH_BYTES);
}

static bool hex_bytes(const char *hex, unsigned char out[OGI_DB_HASH_BYTES])
{
	size_t n = 0;
	return hex != NULL &&
	       sodium_hex2bin(out, OGI_DB_HASH_BYTES, hex, strlen(hex), NULL, &n, NULL) == 0 &&
	       n == OGI_DB_HASH_BYTES;
}

int ogi_db_server_key(struct ogi_db *db, unsigned char key[OGI_DB_HASH_BYTES])
{
	unsigned char fresh[OGI_DB_HASH_BYTES];
	char text[2 + 2 * OGI_DB_HASH_BYTES + 1];
	randombytes_buf(fresh, sizeof fresh);
	bytea_text(fresh, text);
	sodium_memzero(fresh, sizeof fresh);
	struct pq_params p = {0};
	pq_str(&p, text);
	int n = pq_run(db, "server_key_make", &p, NULL);
	sodium_memzero(text, sizeof text);
	if (n < 0)
		return n;
	PGresult *res;
	if ((n = pq_run(db, "server_key_get", NULL, &res)) < 0)
		return n;
	bool ok = n == 1 && hex_bytes(pq_get(res, 0, "key"), key);
	PQclear(res);
	return ok ? 0 : OGI_DB_HARD;
}

int ogi_db_challenge_use(struct ogi_db *db, const unsigned char digest[OGI_DB_HASH_BYTES],
                         long long expires_at)
{
	int n = pq_run(db, "challenges_prune", NULL, NULL);
	if (n < 0)
		return n;
	char text[2 + 2 * OGI_DB_HASH_BYTES + 1];
	bytea_text(digest, text);
	struct pq_params p = {0};
	pq_str(&p, text);
	pq_int(&p, expires_at);
	if ((n = pq_run(db, "challenge_use", &p, NULL)) < 0)
		return n;
	return n == 1 ? 0 : OGI_E_POW_REPLAYED;
}

int ogi_db_public_throttle(struct ogi_db *db, const char *scope,
                           const unsigned char hash[OGI_DB_HASH_BYTES], int per_hour, int per_day,
                           long long *retry_after)
{
	*retry_after = 0;
	int n = pq_run(db, "public_throttles_prune", NULL, NULL);
	if (n < 0)
		return n;
	char text[2 + 2 * OGI_DB_HASH_BYTES + 1];
	bytea_text(hash, text);
	struct pq_params p = {0};
	pq_str(&p, scope);
	pq_str(&p, text);
	if ((n = pq_run(db, "public_throttle_make", &p, NULL)) < 0)
		return n;
	PGresult *res;
	if ((n = pq_run(db, "public_throttle_lock", &p, &res)) < 0)
		return n;
	if (n != 1) {
		PQclear(res);
		return OGI_DB_HARD;
	}
	long long hour = pq_getint(res, 0, "hour_count"), day = pq_getint(res, 0, "day_count");
	long long since_hour = pq_getint(res, 0, "since_hour");
	long long since_day = pq_getint(res, 0, "since_day");
	PQclear(res);
	bool new_hour = since_hour >= 3600, new_day = since_day >= 86400;
	if (new_hour)
		hour = 0;
	if (new_day)
		day = 0;
	if (day >= per_day)
		*retry_after = 86400 - since_day;
	else if (hour >= per_hour)
		*retry_after = 3600 - since_hour;
	if (*retry_after > 0)
		return 0;
	struct pq_params w = {0};
	pq_str(&w, scope);
	pq_str(&w, text);
	pq_int(&w, hour + 1);
	pq_int(&w, day + 1);
	pq_bool(&w, new_hour || hour == 0);
	pq_bool(&w, new_day || day == 0);
	n = pq_run(db, "public_throttle_write", &w, NULL);
	return n < 0 ? n : 0;
}

void ogi_public_body_list_free(struct ogi_public_body_list *l)
{
	free(l->v);
	memset(l, 0, sizeof *l);
}

int ogi_db_public_bodies(struct ogi_db *db, struct ogi_public_body_list *out)
{
	memset(out, 0, sizeof *out);
	PGresult *res;
	int n = pq_run(db, "public_bodies", NULL, &res);
	if (n < 0)
		return n;
	out->v = calloc(n > 0 ? (size_t)n : 1, sizeof *out->v);
	if (out->v == NULL) {
		PQclear(res);
		return OGI_DB_HARD;
	}
	for (int i = 0; i < n; i++) {
		struct ogi_public_body *b = &out->v[i];
		b->id = pq_getint(res, i, "id");
		pq_copy(res, i, "name", b->name, sizeof b->name);
		pq_copy(res, i, "address", b->address, sizeof b->address);
		pq_copy(res, i, "phone", b->phone, sizeof b->phone);
		pq_copy(res, i, "office_hours", b->office_hours, sizeof b->office_hours);
	}
	out->n = (size_t)n;
	PQclear(res);
	return 0;
}

int ogi_db_public_body_name(struct ogi_db *db, long long id, char *name, size_t len)
{
	struct pq_params p = {0};
	pq_int(&p, id);
	PGresult *res;
	int n = pq_run(db, "public_body_name", &p, &res);
	if (n < 0)
		return n;
	if (n == 1)
		pq_copy(res, 0, "name", name, len);
	PQclear(res);
	return n == 1 ? 0 : OGI_E_NOT_FOUND;
}

static bool row_read(const PGresult *res, int i, struct ogi_online_row *o)
{
	bool bad = false;
	memset(o, 0, sizeof *o);
	o->id = pq_getint(res, i, "id");
	o->body_id = pq_getint(res, i, "body_id");
	o->request_id = pq_getint(res, i, "request_id");
	o->decided_by = pq_getint(res, i, "decided_by");
	pq_copy(res, i, "body_name", o->body_name, sizeof o->body_name);
	o->npath = pq_getids(res, i, "body_path", o->path, OGI_BODY_DEPTH_MAX);
	pq_copy(res, i, "number", o->number, sizeof o->number);
	pq_copy(res, i, "state", o->state, sizeof o->state);
	pq_copy_time(res, i, "submitted_at", o->submitted_at, sizeof o->submitted_at);
	pq_copy_time(res, i, "decided_at", o->decided_at, sizeof o->decided_at);
	o->submitted_on = pq_getdate(res, i, "submitted_on");
	o->age_seconds = pq_getint(res, i, "age_seconds");
	pq_copy(res, i, "applicant_kind", o->kind, sizeof o->kind);
	pq_copy(res, i, "applicant_name", o->name, sizeof o->name);
	pq_copy(res, i, "applicant_id_type", o->id_type, sizeof o->id_type);
	pii_open_copy(res, i, "applicant_id_number", o->id_number, sizeof o->id_number, &bad);
	pii_open_copy(res, i, "applicant_phone", o->phone, sizeof o->phone, &bad);
	pii_open_copy(res, i, "applicant_email", o->email, sizeof o->email, &bad);
	pii_open_copy(res, i, "applicant_address", o->address, sizeof o->address, &bad);
	pq_copy(res, i, "applicant_postcode", o->postcode, sizeof o->postcode);
	pii_open_copy(res, i, "applicant_contact", o->contact, sizeof o->contact, &bad);
	pq_copy(res, i, "info_title", o->info_title, sizeof o->info_title);
	pq_copy(res, i, "info_ref", o->info_ref, sizeof o->info_ref);
	pq_copy(res, i, "description", o->description, sizeof o->description);
	pq_copy(res, i, "form_medium", o->medium, sizeof o->medium);
	pq_copy(res, i, "form_delivery", o->delivery, sizeof o->delivery);
	pq_copy(res, i, "decline_reason", o->decline_reason, sizeof o->decline_reason);
	o->status_failures = (int)pq_getint(res, i, "status_failures");
	o->since_failure = pq_getint(res, i, "since_failure");
	return !bad;
}

int ogi_db_online_insert(struct ogi_db *db, const struct ogi_online_app *app, const char *number,
                         const unsigned char code_hash[OGI_DB_HASH_BYTES],
                         struct ogi_online_row *out)
{
	char hash[2 + 2 * OGI_DB_HASH_BYTES + 1];
	bytea_text(code_hash, hash);
	struct pq_params p = {0};
	pq_int(&p, app->body_id);
	pq_str(&p, number);
	pq_str(&p, hash);
	pq_str(&p, ogi_applicant_kind_names[app->kind]);
	pq_str(&p, app->name);
	pq_str(&p, ogi_id_type_names[app->id_type]);
	struct pii_sealed sealed = {0};
	pii_seal_param(&p, &sealed, app->id_number);
	pii_seal_param(&p, &sealed, app->phone);
	pii_seal_param(&p, &sealed, app->email);
	pii_seal_param(&p, &sealed, app->address);
	pq_str(&p, app->postcode);
	pii_seal_param(&p, &sealed, app->contact);
	pq_str(&p, app->info_title);
	pq_str(&p, app->info_ref);
	pq_str(&p, app->description);
	pq_str(&p, ogi_medium_names[app->medium]);
	pq_str(&p, ogi_delivery_names[app->delivery]);
	pii_key_param(&p, &sealed);
	PGresult *res;
	int n = sealed.failed ? OGI_DB_HARD : pq_run(db, "online_insert", &p, &res);
	pii_sealed_free(&sealed);
	if (n < 0)
		return n;
	long long id = n == 1 ? pq_getint(res, 0, "id") : 0;
	PQclear(res);
	if (n != 1)
		return OGI_E_CONFLICT;
	return ogi_db_online_get(db, id, false, out);
}

void ogi_online_list_free(struct ogi_online_list *l)
{
	free(l->v);
	memset(l, 0, sizeof *l);
}

int ogi_db_online_list(struct ogi_db *db, const long long *roots, int nroots, long long body_id,
                       const char *state, int limit, struct ogi_online_list *out)
{
	memset(out, 0, sizeof *out);
	char ids[OGI_SESSION_GRANTS_MAX * 24 + 2];
	struct pq_params p = {0};
	pq_ids(&p, roots, nroots, ids, sizeof ids);
	pq_int(&p, body_id);
	pq_int(&p, limit);
	pq_str(&p, state ? state : "pending");
	PGresult *res;
	int n = pq_run(db, "online_list", &p, &res);
	if (n < 0)
		return n;
	out->v = calloc(n > 0 ? (size_t)n : 1, sizeof *out->v);
	if (out->v == NULL) {
		PQclear(res);
		return OGI_DB_HARD;
	}
	bool ok = true;
	for (int i = 0; i < n; i++)
		ok = row_read(res, i, &out->v[i]) && ok;
	out->n = (size_t)n;
	PQclear(res);
	return ok ? 0 : OGI_DB_HARD;
}

int ogi_db_online_pending_count(struct ogi_db *db, const long long *roots, int nroots,
                                long long *count, long long *oldest_age)
{
	char ids[OGI_SESSION_GRANTS_MAX * 24 + 2];
	struct pq_params p = {0};
	pq_ids(&p, roots, nroots, ids, sizeof ids);
	PGresult *res;
	int n = pq_run(db, "online_pending_count", &p, &res);
	if (n < 0)
		return n;
	*count = n == 1 ? pq_getint(res, 0, "n") : 0;
	*oldest_age = n == 1 ? pq_getint(res, 0, "oldest") : 0;
	PQclear(res);
	return 0;
}

int ogi_db_online_get(struct ogi_db *db, long long id, bool lock, struct ogi_online_row *out)
{
	struct pq_params p = {0};
	pq_int(&p, id);
	PGresult *res;
	int n = pq_run(db, lock ? "online_get_lock" : "online_get", &p, &res);
	if (n < 0)
		return n;
	bool ok = n != 1 || row_read(res, 0, out);
	PQclear(res);
	return !ok ? OGI_DB_HARD : n == 1 ? 0 : OGI_E_NOT_FOUND;
}

int ogi_db_online_by_number(struct ogi_db *db, const char *number, struct ogi_online_row *out,
                            unsigned char code_hash[OGI_DB_HASH_BYTES])
{
	struct pq_params p = {0};
	pq_str(&p, number);
	PGresult *res;
	int n = pq_run(db, "online_by_number", &p, &res);
	if (n < 0)
		return n;
	bool found = n == 1 && hex_bytes(pq_get(res, 0, "code_hash"), code_hash);
	bool ok = !found || row_read(res, 0, out);
	PQclear(res);
	return !ok ? OGI_DB_HARD : found ? 0 : OGI_E_NOT_FOUND;
}

int ogi_db_online_decide(struct ogi_db *db, long long id, long long request_id, const char *reason,
                         long long user_id)
{
	struct pq_params p = {0};
	pq_int(&p, id);
	pq_int(&p, request_id);
	pq_str(&p, request_id > 0 ? NULL : reason);
	pq_int(&p, user_id);
	int n = pq_run(db, "online_decide", &p, NULL);
	if (n < 0)
		return n;
	return n == 1 ? 0 : OGI_E_ONLINE_DECIDED;
}

int ogi_db_online_status_attempt(struct ogi_db *db, long long id, bool reset)
{
	struct pq_params p = {0};
	pq_int(&p, id);
	int n = pq_run(db, reset ? "online_status_reset" : "online_status_fail", &p, NULL);
	return n < 0 ? n : 0;
}

int ogi_db_import_find(struct ogi_db *db, const char *platform, const char *platform_id,
                       long long *request_id, char *tracking_no, size_t len)
{
	struct pq_params p = {0};
	pq_str(&p, platform);
	pq_str(&p, platform_id);
	PGresult *res;
	int n = pq_run(db, "import_find", &p, &res);
	if (n < 0)
		return n;
	if (n == 1) {
		*request_id = pq_getint(res, 0, "request_id");
		pq_copy(res, 0, "tracking_no", tracking_no, len);
	}
	PQclear(res);
	return n == 1 ? 0 : OGI_E_NOT_FOUND;
}

int ogi_db_import_record(struct ogi_db *db, const char *platform, const char *platform_id,
                         long long request_id, long long user_id)
{
	struct pq_params p = {0};
	pq_str(&p, platform);
	pq_str(&p, platform_id);
	pq_int(&p, request_id);
	pq_int(&p, user_id);
	int n = pq_run(db, "import_record", &p, NULL);
	if (n < 0)
		return n;
	return n == 1 ? 0 : OGI_E_CONFLICT;
}

int ogi_db_online_correction_add(struct ogi_db *db, long long online_id, long long body_id,
                                 long long request_id, const char *text, ogi_date received_on,
                                 long long *id)
{
	struct pq_params p = {0};
	pq_int(&p, online_id);
	pq_int(&p, body_id);
	pq_int(&p, request_id);
	pq_str(&p, text);
	pq_date(&p, received_on);
	PGresult *res;
	int n = pq_run(db, "online_correction_add", &p, &res);
	if (n < 0)
		return n;
	if (n == 1)
		*id = pq_getint(res, 0, "id");
	PQclear(res);
	return n == 1 ? 0 : OGI_E_CORRECTION_ANSWER_PENDING;
}

int ogi_db_online_correction_last(struct ogi_db *db, long long request_id,
                                  struct ogi_online_correction *out)
{
	struct pq_params p = {0};
	pq_int(&p, request_id);
	PGresult *res;
	int n = pq_run(db, "online_correction_last", &p, &res);
	if (n < 0)
		return n;
	if (n == 1) {
		out->id = pq_getint(res, 0, "id");
		pq_copy(res, 0, "state", out->state, sizeof out->state);
		out->received_on = pq_getdate(res, 0, "received_on");
		pq_copy_time(res, 0, "received_at", out->received_at, sizeof out->received_at);
		pq_copy(res, 0, "reject_reason", out->reject_reason, sizeof out->reject_reason);
	}
	PQclear(res);
	return n == 1 ? 0 : OGI_E_NOT_FOUND;
}

int ogi_db_online_corrections_of(struct ogi_db *db, long long online_id, long long request_id,
                                 int limit, struct ogi_online_correction **out, size_t *n_out)
{
	*out = NULL;
	*n_out = 0;
	struct pq_params p = {0};
	pq_int(&p, online_id);
	pq_int(&p, request_id);
	pq_int(&p, limit);
	PGresult *res;
	int n = pq_run(db, "online_corrections_of", &p, &res);
	if (n < 0)
		return n;
	if (n > 0 && (*out = calloc((size_t)n, sizeof **out)) == NULL) {
		PQclear(res);
		return OGI_DB_HARD;
	}
	for (int i = 0; i < n; i++) {
		struct ogi_online_correction *o = &(*out)[i];
		o->id = pq_getint(res, i, "id");
		pq_copy(res, i, "state", o->state, sizeof o->state);
		o->received_on = pq_getdate(res, i, "received_on");
		pq_copy_time(res, i, "received_at", o->received_at, sizeof o->received_at);
		pq_copy(res, i, "reject_reason", o->reject_reason, sizeof o->reject_reason);
	}
	*n_out = (size_t)n;
	PQclear(res);
	return 0;
}

static bool correction_read(PGresult *res, int i, struct ogi_correction_row *o)
{
	o->id = pq_getint(res, i, "id");
	o->online_id = pq_getint(res, i, "online_id");
	pq_copy(res, i, "number", o->number, sizeof o->number);
	o->request_id = pq_getint(res, i, "request_id");
	pq_copy(res, i, "tracking_no", o->tracking_no, sizeof o->tracking_no);
	o->body_id = pq_getint(res, i, "body_id");
	pq_copy(res, i, "body_name", o->body_name, sizeof o->body_name);
	o->npath = pq_getids(res, i, "body_path", o->path, OGI_BODY_DEPTH_MAX);
	const char *text = pq_get(res, i, "text");
	o->text = strdup(text ? text : "");
	pq_copy_time(res, i, "received_at", o->received_at, sizeof o->received_at);
	o->received_on = pq_getdate(res, i, "received_on");
	o->age_seconds = pq_getint(res, i, "age_seconds");
	pq_copy(res, i, "state", o->state, sizeof o->state);
	pq_copy_time(res, i, "handled_at", o->handled_at, sizeof o->handled_at);
	o->handled_by = pq_getint(res, i, "handled_by");
	pq_copy(res, i, "handled_by_name", o->handled_by_name, sizeof o->handled_by_name);
	pq_copy(res, i, "reject_reason", o->reject_reason, sizeof o->reject_reason);
	o->event_id = pq_getint(res, i, "event_id");
	return o->text != NULL;
}

void ogi_correction_list_free(struct ogi_correction_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		ogi_correction_row_free(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

int ogi_db_online_correction_list(struct ogi_db *db, const long long *roots, int nroots,
                                  long long body_id, long long request_id, const char *state,
                                  int limit, struct ogi_correction_list *out)
{
	memset(out, 0, sizeof *out);
	char ids[OGI_SESSION_GRANTS_MAX * 24 + 2];
	struct pq_params p = {0};
	pq_ids(&p, roots, nroots, ids, sizeof ids);
	pq_int(&p, body_id);
	pq_int(&p, limit);
	pq_str(&p, state ? state : "pending");
	pq_int(&p, request_id);
	PGresult *res;
	int n = pq_run(db, "online_correction_list", &p, &res);
	if (n < 0)
		return n;
	out->v = calloc(n > 0 ? (size_t)n : 1, sizeof *out->v);
	if (out->v == NULL) {
		PQclear(res);
		return OGI_DB_HARD;
	}
	bool ok = true;
	for (int i = 0; i < n; i++)
		ok = correction_read(res, i, &out->v[i]) && ok;
	out->n = (size_t)n;
	PQclear(res);
	if (!ok) {
		ogi_correction_list_free(out);
		return OGI_DB_HARD;
	}
	return 0;
}

int ogi_db_online_correction_get(struct ogi_db *db, long long id, struct ogi_correction_row *out)
{
	memset(out, 0, sizeof *out);
	struct pq_params p = {0};
	pq_int(&p, id);
	PGresult *res;
	int n = pq_run(db, "online_correction_get_lock", &p, &res);
	if (n < 0)
		return n;
	bool ok = n != 1 || correction_read(res, 0, out);
	PQclear(res);
	if (!ok)
		return OGI_DB_HARD;
	return n == 1 ? 0 : OGI_E_NOT_FOUND;
}

int ogi_db_online_correction_pending_count(struct ogi_db *db, const long long *roots, int nroots,
                                           long long *count, long long *oldest_age,
                                           long long *first_request_id)
{
	char ids[OGI_SESSION_GRANTS_MAX * 24 + 2];
	struct pq_params p = {0};
	pq_ids(&p, roots, nroots, ids, sizeof ids);
	PGresult *res;
	int n = pq_run(db, "online_correction_pending_count", &p, &res);
	if (n < 0)
		return n;
	*count = n == 1 ? pq_getint(res, 0, "n") : 0;
	*oldest_age = n == 1 ? pq_getint(res, 0, "oldest") : 0;
	*first_request_id = n == 1 ? pq_getint(res, 0, "first") : 0;
	PQclear(res);
	return 0;
}

int ogi_db_online_correction_decide(struct ogi_db *db, long long id, long long event_id,
                                    const char *reason, long long user_id)
{
	struct pq_params p = {0};
	pq_int(&p, id);
	pq_str(&p, event_id > 0 ? "confirmed" : "rejected");
	pq_int(&p, event_id);
	pq_str(&p, event_id > 0 ? NULL : reason);
	pq_int(&p, user_id);
	int n = pq_run(db, "online_correction_decide", &p, NULL);
	if (n < 0)
		return n;
	if (n != 1)
		return OGI_E_CORRECTION_ANSWER_HANDLED;
	if (event_id > 0)
		return 0;
	/* a returned answer's files lose their bytes (migration 0033) */
	struct pq_params d = {0};
	pq_int(&d, id);
	n = pq_run(db, "online_correction_files_drop", &d, NULL);
	return n < 0 ? n : 0;
}

int ogi_db_online_file_count(struct ogi_db *db, long long online_id, long long correction_id,
                             long long *n)
{
	struct pq_params p = {0};
	pq_int(&p, online_id);
	pq_int(&p, correction_id);
	PGresult *res;
	int r = pq_run(db, "online_file_count", &p, &res);
	if (r < 0)
		return r;
	*n = pq_getint(res, 0, "n");
	PQclear(res);
	return 0;
}

int ogi_db_online_file_add(struct ogi_db *db, const struct ogi_online_file *f, const void *data,
                           long long *id)
{
	struct pq_params p = {0};
	pq_int(&p, f->online_id);
	pq_int(&p, f->body_id);
	pq_str(&p, f->name);
	pq_str(&p, f->content_type);
	pq_int(&p, f->size);
	pq_str(&p, f->sha256);
	p.v[p.n++] = data;
	pq_int(&p, f->correction_id);
	int lengths[8] = {0, 0, 0, 0, 0, 0, (int)f->size, 0};
	int formats[8] = {0, 0, 0, 0, 0, 0, 1, 0};
	PGresult *res;
	int n = ogi_db_exec_bin(db, "online_file_add", p.n, p.v, lengths, formats, false, &res);
	if (n < 0)
		return n;
	*id = pq_getint(res, 0, "id");
	PQclear(res);
	return 0;
}

int ogi_db_online_files_of(struct ogi_db *db, long long online_id, long long correction_id,
                           struct ogi_online_file **out, size_t *n_out)
{
	*out = NULL;
	*n_out = 0;
	struct pq_params p = {0};
	pq_int(&p, online_id);
	pq_int(&p, correction_id);
	PGresult *res;
	int n = pq_run(db, "online_files_of", &p, &res);
	if (n < 0)
		return n;
	if (n > 0 && (*out = calloc((size_t)n, sizeof **out)) == NULL) {
		PQclear(res);
		return OGI_DB_HARD;
	}
	for (int i = 0; i < n; i++) {
		struct ogi_online_file *f = &(*out)[i];
		f->id = pq_getint(res, i, "id");
		f->online_id = online_id;
		pq_copy(res, i, "name", f->name, sizeof f->name);
		pq_copy(res, i, "content_type", f->content_type, sizeof f->content_type);
		f->size = pq_getint(res, i, "size");
		pq_copy(res, i, "sha256", f->sha256, sizeof f->sha256);
		pq_copy_time(res, i, "received_at", f->received_at, sizeof f->received_at);
		f->attachment_id = pq_getint(res, i, "attachment_id");
		f->correction_id = pq_getint(res, i, "correction_id");
	}
	*n_out = (size_t)n;
	PQclear(res);
	return 0;
}

int ogi_db_online_file_data(struct ogi_db *db, long long online_id, long long id,
                            unsigned char **data, size_t *len)
{
	*data = NULL;
	*len = 0;
	struct pq_params p = {0};
	pq_int(&p, online_id);
	pq_int(&p, id);
	PGresult *res;
	int n = ogi_db_exec_bin(db, "online_file_data", p.n, p.v, NULL, NULL, true, &res);
	if (n < 0)
		return n;
	if (n == 0) {
		PQclear(res);
		return OGI_E_NOT_FOUND;
	}
	int col = PQfnumber(res, "data");
	*len = (size_t)PQgetlength(res, 0, col);
	if ((*data = malloc(*len ? *len : 1)) == NULL) {
		PQclear(res);
		return OGI_DB_HARD;
	}
	memcpy(*data, PQgetvalue(res, 0, col), *len);
	PQclear(res);
	return 0;
}

int ogi_db_online_files_attach(struct ogi_db *db, long long online_id, long long correction_id,
                               long long request_id, long long body_id, int chunk_size,
                               long long user_id, int *n_out)
{
	struct pq_params p = {0};
	pq_int(&p, online_id);
	pq_int(&p, request_id);
	pq_int(&p, chunk_size);
	pq_int(&p, body_id);
	pq_int(&p, user_id);
	pq_int(&p, correction_id);
	int n = pq_run(db, "online_files_attach", &p, NULL);
	if (n < 0)
		return n;
	*n_out = n;
	return 0;
}

int ogi_db_online_correction_pending_of(struct ogi_db *db, long long online_id, long long *id)
{
	*id = 0;
	struct pq_params p = {0};
	pq_int(&p, online_id);
	PGresult *res;
	int n = pq_run(db, "online_correction_pending_of", &p, &res);
	if (n < 0)
		return n;
	if (n > 0)
		*id = pq_getint(res, 0, "id");
	PQclear(res);
	return 0;
}
