/* Statements of bodies; the typed functions of bodies.h. */
#include "lib/db/bodies.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/body_settings_check.h"
#include "lib/db/pq.h"

/* A body's settings as stored (migrations/0011-body-settings.sql); never the seal's bytes. */
#define SETTINGS_COLUMNS                                                                           \
	"b.id, b.parent_id, b.name, b.code, b.path::text AS body_path, p.name AS parent_name, "    \
	"b.letter_prefix, b.kind_codes::text AS kind_codes, b.address, b.postcode, b.phone, "      \
	"b.office_hours, b.reconsideration_body, b.reconsideration_address, b.court, "             \
	"b.review_first_not_held, b.accepts_online, coalesce(octet_length(b.seal_png), 0) AS "     \
	"seal_bytes, "                                                                             \
	"b.version "                                                                               \
	"FROM bodies b LEFT JOIN bodies p ON p.id = b.parent_id WHERE b.id = $1::bigint"

const struct ogi_statement ogi_db_statements_bodies[] = {
    {"bodies_all",
     "SELECT id, parent_id, name, code, path::text AS body_path FROM bodies ORDER BY path"},
    {"body_path", "SELECT path::text AS body_path, name FROM bodies WHERE id = $1::bigint", true},
    {"body_insert", "INSERT INTO bodies (parent_id, name, code) VALUES ($1::bigint, $2, $3) "
                    "RETURNING id, parent_id, name, code, path::text AS body_path"},
    {"body_settings", "SELECT " SETTINGS_COLUMNS},
    {"body_settings_lock", "SELECT " SETTINGS_COLUMNS " FOR UPDATE OF b"},
    {"body_settings_put",
     "UPDATE bodies SET name = $2, code = nullif($3, ''), letter_prefix = nullif($4, ''), "
     "  kind_codes = $5::jsonb, address = nullif($6, ''), postcode = nullif($7, ''), "
     "  phone = nullif($8, ''), office_hours = nullif($9, ''), "
     "  reconsideration_body = nullif($10, ''), reconsideration_address = nullif($11, ''), "
     "  court = nullif($12, ''), review_first_not_held = $13::boolean, accepts_online = "
     "$14::boolean, "
     "  version = version + 1 "
     "WHERE id = $1::bigint RETURNING version"},
    {"body_seal_get", "SELECT seal_png FROM bodies WHERE id = $1::bigint AND seal_png IS NOT NULL"},
    {"body_seal_put", "UPDATE bodies SET seal_png = decode($2, 'hex'), version = version + 1 "
                      "WHERE id = $1::bigint RETURNING version"},
    {"body_seal_delete", "UPDATE bodies SET seal_png = NULL, version = version + 1 "
                         "WHERE id = $1::bigint AND seal_png IS NOT NULL RETURNING version"},
    {"body_templates_get",
     "SELECT letter_templates::text AS templates FROM bodies WHERE id = $1::bigint"},
    {"body_templates_put", "UPDATE bodies SET letter_templates = $2::jsonb, version = version + 1 "
                           "WHERE id = $1::bigint RETURNING version"},
    {NULL, NULL},
};

static void body_read(const PGresult *res, int row, struct ogi_body *out)
{
	memset(out, 0, sizeof *out);
	out->id = pq_getint(res, row, "id");
	out->parent_id = pq_getint(res, row, "parent_id");
	pq_copy(res, row, "name", out->name, sizeof out->name);
	out->has_code = !pq_isnull(res, row, "code");
	pq_copy(res, row, "code", out->code, sizeof out->code);
	out->npath = pq_getids(res, row, "body_path", out->path, OGI_BODY_DEPTH_MAX);
}

int ogi_db_bodies_all(struct ogi_db *db, struct ogi_body_list *out)
{
	memset(out, 0, sizeof *out);
	PGresult *res;
	int n = pq_run(db, "bodies_all", NULL, &res);
	if (n < 0)
		return n;
	if (n > 0 && (out->b = calloc((size_t)n, sizeof *out->b)) == NULL) {
		PQclear(res);
		return OGI_DB_HARD;
	}
	for (int i = 0; i < n; i++)
		body_read(res, i, &out->b[out->n++]);
	PQclear(res);
	return 0;
}

int ogi_db_body_path(struct ogi_db *db, long long id, long long *path, int *npath)
{
	struct pq_params p = {0};
	pq_int(&p, id);
	PGresult *res;
	int n = pq_run(db, "body_path", &p, &res);
	if (n < 0)
		return n;
	*npath = n == 1 ? pq_getids(res, 0, "body_path", path, OGI_BODY_DEPTH_MAX) : 0;
	PQclear(res);
	return n == 1 ? 0 : OGI_E_NOT_FOUND;
}

int ogi_db_body_insert(struct ogi_db *db, long long parent_id, const char *name, const char *code,
                       struct ogi_body *out)
{
	struct pq_params p = {0};
	pq_int_opt(&p, parent_id > 0, parent_id);
	pq_str(&p, name);
	pq_str(&p, code);
	PGresult *res;
	int n = pq_run(db, "body_insert", &p, &res);
	if (n < 0)
		/* 23505 unique_violation: bodies.code */
		return strcmp(db->sqlstate, "23505") == 0 ? OGI_E_CONFLICT : n;
	body_read(res, 0, out);
	PQclear(res);
	return 0;
}

static void settings_read(const PGresult *res, struct ogi_body_settings_row *out)
{
	memset(out, 0, sizeof *out);
	body_read(res, 0, &out->body);
	struct ogi_body_settings *s = &out->stored;
	s->body_id = out->body.id;
	snprintf(s->name, sizeof s->name, "%s", out->body.name);
	snprintf(s->code, sizeof s->code, "%s", out->body.code);
	out->has_parent = !pq_isnull(res, 0, "parent_name");
	pq_copy(res, 0, "parent_name", out->parent_name, sizeof out->parent_name);
	pq_copy(res, 0, "letter_prefix", s->letter_prefix, sizeof s->letter_prefix);
	pq_copy(res, 0, "address", s->address, sizeof s->address);
	pq_copy(res, 0, "postcode", s->postcode, sizeof s->postcode);
	pq_copy(res, 0, "phone", s->phone, sizeof s->phone);
	pq_copy(res, 0, "office_hours", s->office_hours, sizeof s->office_hours);
	pq_copy(res, 0, "reconsideration_body", s->reconsideration_body,
	        sizeof s->reconsideration_body);
	pq_copy(res, 0, "reconsideration_address", s->reconsideration_address,
	        sizeof s->reconsideration_address);
	pq_copy(res, 0, "court", s->court, sizeof s->court);
	s->review_first_not_held = pq_getbool(res, 0, "review_first_not_held");
	s->accepts_online = pq_getbool(res, 0, "accepts_online");
	out->seal_bytes = (size_t)pq_getint(res, 0, "seal_bytes");
	s->has_seal = out->seal_bytes > 0;
	s->version = pq_getint(res, 0, "version");
	/* {kind: code}: the table's check allows only kinds and strings */
	const char *codes = pq_get(res, 0, "kind_codes");
	json_t *o = codes ? json_loads(codes, 0, NULL) : NULL;
	for (int k = 0; k < OGI_LETTER_KIND_COUNT; k++) {
		const char *code = json_string_value(json_object_get(o, ogi_letter_kind_names[k]));
		snprintf(s->kind_code[k], sizeof s->kind_code[k], "%s", code ? code : "");
	}
	json_decref(o);
}

int ogi_db_body_settings_row(struct ogi_db *db, long long body_id, bool lock,
                             struct ogi_body_settings_row *out)
{
	struct pq_params p = {0};
	pq_int(&p, body_id);
	PGresult *res;
	int n = pq_run(db, lock ? "body_settings_lock" : "body_settings", &p, &res);
	if (n < 0)
		return n;
	if (n == 1)
		settings_read(res, out);
	PQclear(res);
	return n == 1 ? 0 : OGI_E_NOT_FOUND;
}

int ogi_db_body_settings_get(struct ogi_db *db, long long body_id, struct ogi_body_settings *out)
{
	struct ogi_body_settings_row *row = malloc(sizeof *row);
	if (row == NULL)
		return OGI_DB_HARD;
	int rc = ogi_db_body_settings_row(db, body_id, false, row);
	if (rc == 0)
		ogi_body_settings_effective(&row->stored, row->has_parent ? row->parent_name : NULL,
		                            out, NULL);
	free(row);
	return rc;
}

/* The row's new version of an UPDATE … RETURNING version: 0, OGI_E_NOT_FOUND or < 0. */
static int returned_version(struct ogi_db *db, const char *stmt, const struct pq_params *p,
                            long long *version)
{
	PGresult *res;
	int n = pq_run(db, stmt, p, &res);
	if (n < 0)
		return n;
	if (n == 1 && version != NULL)
		*version = pq_getint(res, 0, "version");
	PQclear(res);
	return n == 1 ? 0 : OGI_E_NOT_FOUND;
}

int ogi_db_body_settings_put(struct ogi_db *db, const struct ogi_body_settings *s,
                             long long *version)
{
	json_t *codes = json_object();
	for (int k = 0; k < OGI_LETTER_KIND_COUNT; k++)
		if (s->kind_code[k][0] != '\0')
			json_object_set_new(codes, ogi_letter_kind_names[k],
			                    json_string(s->kind_code[k]));
	char *codes_text = json_dumps(codes, JSON_COMPACT);
	json_decref(codes);
	if (codes_text == NULL)
		return OGI_DB_HARD;
	struct pq_params p = {0};
	pq_int(&p, s->body_id);
	pq_str(&p, s->name);
	pq_str(&p, s->code);
	pq_str(&p, s->letter_prefix);
	pq_str(&p, codes_text);
	pq_str(&p, s->address);
	pq_str(&p, s->postcode);
	pq_str(&p, s->phone);
	pq_str(&p, s->office_hours);
	pq_str(&p, s->reconsideration_body);
	pq_str(&p, s->reconsideration_address);
	pq_str(&p, s->court);
	pq_bool(&p, s->review_first_not_held);
	pq_bool(&p, s->accepts_online);
	int rc = returned_version(db, "body_settings_put", &p, version);
	free(codes_text);
	/* 23505 unique_violation: bodies.code */
	if (rc < 0 && strcmp(db->sqlstate, "23505") == 0)
		return OGI_E_BODY_CODE_TAKEN;
	return rc;
}

int ogi_db_body_seal_get(struct ogi_db *db, long long body_id, unsigned char **png, size_t *len)
{
	*png = NULL;
	*len = 0;
	struct pq_params p = {0};
	pq_int(&p, body_id);
	PGresult *res;
	int n = pq_run(db, "body_seal_get", &p, &res);
	if (n < 0)
		return n;
	int rc = n == 1 ? 0 : OGI_E_NOT_FOUND;
	if (n == 1) {
		size_t size = 0;
		unsigned char *bytes =
		    PQunescapeBytea((const unsigned char *)pq_get(res, 0, "seal_png"), &size);
		if (bytes == NULL || (*png = malloc(size ? size : 1)) == NULL)
			rc = OGI_DB_HARD;
		else {
			memcpy(*png, bytes, size);
			*len = size;
		}
		PQfreemem(bytes);
	}
	PQclear(res);
	return rc;
}

int ogi_db_body_seal_put(struct ogi_db *db, long long body_id, const unsigned char *png, size_t len,
                         long long *version)
{
	static const char digits[] = "0123456789abcdef";
	char *hex = malloc(2 * len + 1);
	if (hex == NULL)
		return OGI_DB_HARD;
	for (size_t i = 0; i < len; i++) {
		hex[2 * i] = digits[png[i] >> 4];
		hex[2 * i + 1] = digits[png[i] & 15];
	}
	hex[2 * len] = '\0';
	struct pq_params p = {0};
	pq_int(&p, body_id);
	pq_str(&p, hex);
	int rc = returned_version(db, "body_seal_put", &p, version);
	free(hex);
	return rc;
}

int ogi_db_body_seal_delete(struct ogi_db *db, long long body_id, long long *version)
{
	struct pq_params p = {0};
	pq_int(&p, body_id);
	return returned_version(db, "body_seal_delete", &p, version);
}

int ogi_db_body_templates_get(struct ogi_db *db, long long body_id, json_t **out)
{
	*out = NULL;
	struct pq_params p = {0};
	pq_int(&p, body_id);
	PGresult *res;
	int n = pq_run(db, "body_templates_get", &p, &res);
	if (n < 0)
		return n;
	int rc = n == 1 ? 0 : OGI_E_NOT_FOUND;
	if (n == 1) {
		const char *text = pq_get(res, 0, "templates");
		*out = text ? json_loads(text, JSON_REJECT_DUPLICATES, NULL) : json_object();
		if (*out == NULL)
			rc = OGI_DB_HARD;
	}
	PQclear(res);
	return rc;
}

int ogi_db_body_templates_put(struct ogi_db *db, long long body_id, json_t *templates,
                              long long *version)
{
	char *text = json_dumps(templates, JSON_COMPACT);
	if (text == NULL)
		return OGI_DB_HARD;
	struct pq_params p = {0};
	pq_int(&p, body_id);
	pq_str(&p, text);
	int rc = returned_version(db, "body_templates_put", &p, version);
	free(text);
	return rc;
}
