/* Statements of letters and their deliveries (migration 0012) and the
 * typed functions of letters.h. */
#include "lib/db/letters.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/db/pq.h"

#define TS(col) "to_char(" col ", 'YYYY-MM-DD\"T\"HH24:MI:SS.USTZH:TZM')"

/* A letter without its renderings, from l with its users' names. */
#define LETTER_COLUMNS                                                                             \
	"l.id, l.request_id, l.body_id, l.kind, l.outcome, l.status, l.letter_date, l.title, "     \
	"l.addressee, l.signer, l.paragraphs::text AS paragraphs, l.generated::text AS "           \
	"generated, "                                                                              \
	"l.facts::text AS facts, l.second::text AS second, l.attachments::text AS attachments, "   \
	"l.version, l.ref, l.code, l.year, l.serial, l.html_sha256, l.pdf_sha256, l.docx_sha256, " \
	"l.void_reason, " TS("l.created_at") " AS created_at, " TS(                                \
	    "l.updated_at") " AS updated_at, " TS("l.issued_at") " AS issued_at, " TS("l.voided_"  \
	                                                                              "at") " AS " \
	                                                                                    "void" \
	                                                                                    "ed_"  \
	                                                                                    "at, " \
	                                                                                    "cu."  \
	                                                                                    "user" \
	                                                                                    "name" \
	                                                                                    " AS " \
	                                                                                    "crea" \
	                                                                                    "ted_" \
	                                                                                    "by_"  \
	                                                                                    "name" \
	                                                                                    ", "   \
	                                                                                    "iu."  \
	                                                                                    "user" \
	                                                                                    "name" \
	                                                                                    " AS " \
	                                                                                    "issu" \
	                                                                                    "ed_"  \
	                                                                                    "by_"  \
	                                                                                    "name" \
	                                                                                    ", "   \
	                                                                                    "vu."  \
	                                                                                    "user" \
	                                                                                    "name" \
	                                                                                    " AS " \
	                                                                                    "void" \
	                                                                                    "ed_"  \
	                                                                                    "by_"  \
	                                                                                    "name" \
	                                                                                    " "
#define LETTER_JOINS                                                                               \
	"LEFT JOIN users cu ON cu.id = l.created_by LEFT JOIN users iu ON iu.id = l.issued_by "    \
	"LEFT JOIN users vu ON vu.id = l.voided_by "

#define DELIVERY_COUNT                                                                             \
	"(SELECT count(*) FROM letter_deliveries x WHERE x.letter_id = l.id) AS ndeliveries "

#define DELIVERY_COLUMNS                                                                           \
	"d.id, d.letter_id, d.request_id, d.body_id, d.method, d.sent_on, d.post_tracking_no, "    \
	"d.served_on, d.signed_by, d.note, d.legal_on, d.version, " TS(                            \
	    "d.created_at") " AS created_at, " TS("d.updated_at") " AS updated_at, cu.username "   \
	                                                          "AS "                            \
	                                                          "created_by_name, uu.username "  \
	                                                          "AS updated_by_name "
#define DELIVERY_JOINS                                                                             \
	"LEFT JOIN users cu ON cu.id = d.created_by LEFT JOIN users uu ON uu.id = d.updated_by "

const struct ogi_statement ogi_db_statements_letters[] = {
    {"letters_of", "SELECT " LETTER_COLUMNS ", " DELIVERY_COUNT "FROM letters l " LETTER_JOINS
                   "WHERE l.request_id = $1::bigint ORDER BY l.id"},
    {"letters_count", "SELECT count(*) AS n FROM letters WHERE request_id = $1::bigint"},
    {"letter_get", "SELECT " LETTER_COLUMNS ", " DELIVERY_COUNT "FROM letters l " LETTER_JOINS
                   "WHERE l.id = $1::bigint AND l.request_id = $2::bigint"},
    {"letter_lock", "SELECT " LETTER_COLUMNS ", " DELIVERY_COUNT "FROM letters l " LETTER_JOINS
                    "WHERE l.id = $1::bigint AND l.request_id = $2::bigint FOR UPDATE OF l"},
    {"letter_insert",
     "WITH l AS (INSERT INTO letters (request_id, body_id, kind, outcome, letter_date, title, "
     "  addressee, signer, paragraphs, generated, facts, second, attachments, created_by, "
     "  updated_by) "
     "VALUES ($1::bigint, $2::bigint, $3, $4, $5::date, $6, $7, $8, $9::jsonb, $10::jsonb, "
     "  $11::jsonb, $12::jsonb, $13::jsonb, $14::bigint, $14::bigint) RETURNING *) "
     "SELECT " LETTER_COLUMNS "FROM l " LETTER_JOINS},
    {"letter_update",
     "WITH l AS (UPDATE letters SET outcome = $2, letter_date = $3::date, title = $4, "
     "  addressee = $5, signer = $6, paragraphs = $7::jsonb, generated = $8::jsonb, "
     "  facts = $9::jsonb, second = $10::jsonb, attachments = $11::jsonb, "
     "  updated_by = $12::bigint, updated_at = now(), version = version + 1 "
     "  WHERE id = $1::bigint AND status = 'draft' RETURNING *) "
     "SELECT " LETTER_COLUMNS "FROM l " LETTER_JOINS},
    /* the counter row stays locked until commit: issues of one series wait for each other */
    {"letter_serial_next",
     "INSERT INTO letter_counters (body_id, year, code, last) VALUES ($1::bigint, $2::int, $3, 1) "
     "ON CONFLICT (body_id, year, code) DO UPDATE SET last = letter_counters.last + 1 "
     "RETURNING last"},
    {"letter_issue",
     "WITH l AS (UPDATE letters SET status = 'issued', ref = $2, code = $3, year = $4::int, "
     "  serial = $5::int, html = $6, pdf = $7::bytea, docx = $8::bytea, html_sha256 = $9, "
     "  pdf_sha256 = $10, docx_sha256 = $11, issued_by = $12::bigint, issued_at = now(), "
     "  version = version + 1 "
     "  WHERE id = $1::bigint AND status = 'draft' RETURNING *) "
     "SELECT " LETTER_COLUMNS "FROM l " LETTER_JOINS},
    {"letter_void",
     "WITH l AS (UPDATE letters SET status = 'void', void_reason = $2, voided_by = $3::bigint, "
     "  voided_at = now() WHERE id = $1::bigint AND status <> 'void' RETURNING *) "
     "SELECT " LETTER_COLUMNS "FROM l " LETTER_JOINS},
    {"letter_html", "SELECT html AS bytes FROM letters WHERE id = $1::bigint AND html IS NOT NULL"},
    {"letter_pdf", "SELECT pdf AS bytes FROM letters WHERE id = $1::bigint AND pdf IS NOT NULL"},
    {"letter_docx", "SELECT docx AS bytes FROM letters WHERE id = $1::bigint AND docx IS NOT NULL"},

    {"deliveries_of", "SELECT " DELIVERY_COLUMNS "FROM letter_deliveries d " DELIVERY_JOINS
                      "WHERE d.letter_id = $1::bigint ORDER BY d.id"},
    {"delivery_get", "SELECT " DELIVERY_COLUMNS "FROM letter_deliveries d " DELIVERY_JOINS
                     "WHERE d.id = $1::bigint AND d.letter_id = $2::bigint"},
    {"delivery_lock", "SELECT " DELIVERY_COLUMNS "FROM letter_deliveries d " DELIVERY_JOINS
                      "WHERE d.id = $1::bigint AND d.letter_id = $2::bigint FOR UPDATE OF d"},
    {"delivery_insert",
     "WITH d AS (INSERT INTO letter_deliveries (letter_id, request_id, body_id, method, sent_on, "
     "  post_tracking_no, served_on, signed_by, note, legal_on, created_by, updated_by) "
     "VALUES ($1::bigint, $2::bigint, $3::bigint, $4, $5::date, $6, $7::date, $8, $9, "
     "  $10::date, $11::bigint, $11::bigint) RETURNING *) "
     "SELECT " DELIVERY_COLUMNS "FROM d " DELIVERY_JOINS},
    {"delivery_update", "WITH d AS (UPDATE letter_deliveries SET method = $2, sent_on = $3::date, "
                        "  post_tracking_no = $4, served_on = $5::date, signed_by = $6, note = $7, "
                        "  legal_on = $8::date, updated_by = $9::bigint, updated_at = now(), "
                        "  version = version + 1 WHERE id = $1::bigint RETURNING *) "
                        "SELECT " DELIVERY_COLUMNS "FROM d " DELIVERY_JOINS},
    {NULL, NULL},
};

static json_t *json_col(const PGresult *res, int row, const char *col)
{
	const char *v = pq_get(res, row, col);
	return v ? json_loads(v, JSON_DECODE_ANY, NULL) : NULL;
}

static char *str_col(const PGresult *res, int row, const char *col)
{
	const char *v = pq_get(res, row, col);
	return v ? strdup(v) : NULL;
}

/* Row row of res into l; false when out of memory (l is then freed). */
static bool letter_read(const PGresult *res, int row, struct ogi_letter_record *l)
{
	memset(l, 0, sizeof *l);
	l->id = pq_getint(res, row, "id");
	l->request_id = pq_getint(res, row, "request_id");
	l->body_id = pq_getint(res, row, "body_id");
	l->version = pq_getint(res, row, "version");
	l->kind =
	    (enum ogi_letter_kind)ogi_enum_parse(ogi_letter_kind_names, pq_get(res, row, "kind"));
	l->outcome = ogi_enum_parse(ogi_outcome_names, pq_get(res, row, "outcome"));
	l->status = (enum ogi_letter_status)ogi_enum_parse(ogi_letter_status_names,
	                                                   pq_get(res, row, "status"));
	l->letter_date = pq_getdate(res, row, "letter_date");
	l->title = str_col(res, row, "title");
	l->addressee = str_col(res, row, "addressee");
	l->signer = str_col(res, row, "signer");
	l->void_reason = str_col(res, row, "void_reason");
	l->paragraphs = json_col(res, row, "paragraphs");
	l->generated = json_col(res, row, "generated");
	l->facts = json_col(res, row, "facts");
	l->second = json_col(res, row, "second");
	l->attachments = json_col(res, row, "attachments");
	pq_copy(res, row, "ref", l->ref, sizeof l->ref);
	pq_copy(res, row, "code", l->code, sizeof l->code);
	l->year = (int)pq_getint(res, row, "year");
	l->serial = (int)pq_getint(res, row, "serial");
	pq_copy(res, row, "html_sha256", l->sha256[OGI_LETTER_HTML], sizeof l->sha256[0]);
	pq_copy(res, row, "pdf_sha256", l->sha256[OGI_LETTER_PDF], sizeof l->sha256[0]);
	pq_copy(res, row, "docx_sha256", l->sha256[OGI_LETTER_DOCX], sizeof l->sha256[0]);
	pq_copy(res, row, "created_at", l->created_at, sizeof l->created_at);
	pq_copy(res, row, "updated_at", l->updated_at, sizeof l->updated_at);
	pq_copy(res, row, "issued_at", l->issued_at, sizeof l->issued_at);
	pq_copy(res, row, "voided_at", l->voided_at, sizeof l->voided_at);
	pq_copy(res, row, "created_by_name", l->created_by, sizeof l->created_by);
	pq_copy(res, row, "issued_by_name", l->issued_by, sizeof l->issued_by);
	pq_copy(res, row, "voided_by_name", l->voided_by, sizeof l->voided_by);
	if (PQfnumber(res, "ndeliveries") >= 0)
		l->ndeliveries = (int)pq_getint(res, row, "ndeliveries");
	bool ok = l->title && l->addressee && l->signer && l->paragraphs && l->generated &&
	          l->facts && l->attachments && (l->second || pq_isnull(res, row, "second")) &&
	          (l->void_reason || pq_isnull(res, row, "void_reason"));
	if (!ok)
		ogi_letter_record_free(l);
	return ok;
}

/* The one letter a statement returns into out; OGI_E_NOT_FOUND for none. */
static int letter_one(struct ogi_db *db, const char *stmt, const struct pq_params *p,
                      struct ogi_letter_record *out)
{
	PGresult *res;
	int n = pq_run(db, stmt, p, &res);
	if (n < 0)
		return n;
	int rc = n == 0 ? OGI_E_NOT_FOUND : letter_read(res, 0, out) ? 0 : OGI_DB_HARD;
	PQclear(res);
	return rc;
}

int ogi_db_letters_of(struct ogi_db *db, long long request_id, struct ogi_letter_list *out)
{
	ogi_letter_list_free(out);
	struct pq_params p = {0};
	pq_int(&p, request_id);
	PGresult *res;
	int n = pq_run(db, "letters_of", &p, &res);
	if (n < 0)
		return n;
	int rc = 0;
	for (int i = 0; i < n && rc == 0; i++) {
		struct ogi_letter_record l;
		if (!letter_read(res, i, &l) || !ogi_letter_list_push(out, &l))
			rc = OGI_DB_HARD;
	}
	PQclear(res);
	return rc;
}

int ogi_db_letters_count(struct ogi_db *db, long long request_id, int *n)
{
	struct pq_params p = {0};
	pq_int(&p, request_id);
	PGresult *res;
	int rows = pq_run(db, "letters_count", &p, &res);
	if (rows < 0)
		return rows;
	*n = (int)pq_getint(res, 0, "n");
	PQclear(res);
	return 0;
}

int ogi_db_letter_get(struct ogi_db *db, long long request_id, long long id, bool lock,
                      struct ogi_letter_record *out)
{
	struct pq_params p = {0};
	pq_int(&p, id);
	pq_int(&p, request_id);
	return letter_one(db, lock ? "letter_lock" : "letter_get", &p, out);
}

/* The texts of l as statement parameters; the JSON text in js[5] (free each). */
static bool letter_texts(const struct ogi_letter_record *l, char *js[5])
{
	js[0] = json_dumps(l->paragraphs, JSON_COMPACT);
	js[1] = json_dumps(l->generated, JSON_COMPACT);
	js[2] = json_dumps(l->facts ? l->facts : json_object(), JSON_COMPACT);
	js[3] = l->second ? json_dumps(l->second, JSON_COMPACT) : NULL;
	js[4] = json_dumps(l->attachments, JSON_COMPACT);
	return js[0] && js[1] && js[2] && (js[3] || !l->second) && js[4];
}

static void texts_free(char *js[5])
{
	for (int i = 0; i < 5; i++)
		free(js[i]);
}

int ogi_db_letter_insert(struct ogi_db *db, const struct ogi_letter_record *l,
                         const struct ogi_actor *actor, struct ogi_letter_record *out)
{
	char *js[5] = {0};
	if (!letter_texts(l, js)) {
		texts_free(js);
		return OGI_DB_HARD;
	}
	struct pq_params p = {0};
	pq_int(&p, l->request_id);
	pq_int(&p, l->body_id);
	pq_str(&p, ogi_letter_kind_names[l->kind]);
	pq_str(&p, l->outcome >= 0 ? ogi_outcome_names[l->outcome] : NULL);
	pq_date(&p, l->letter_date);
	pq_str(&p, l->title);
	pq_str(&p, l->addressee);
	pq_str(&p, l->signer);
	for (int i = 0; i < 5; i++)
		pq_str(&p, js[i]);
	pq_int_opt(&p, actor->user_id > 0, actor->user_id);
	int rc = letter_one(db, "letter_insert", &p, out);
	texts_free(js);
	return rc;
}

int ogi_db_letter_update(struct ogi_db *db, const struct ogi_letter_record *l,
                         const struct ogi_actor *actor, struct ogi_letter_record *out)
{
	char *js[5] = {0};
	if (!letter_texts(l, js)) {
		texts_free(js);
		return OGI_DB_HARD;
	}
	struct pq_params p = {0};
	pq_int(&p, l->id);
	pq_str(&p, l->outcome >= 0 ? ogi_outcome_names[l->outcome] : NULL);
	pq_date(&p, l->letter_date);
	pq_str(&p, l->title);
	pq_str(&p, l->addressee);
	pq_str(&p, l->signer);
	for (int i = 0; i < 5; i++)
		pq_str(&p, js[i]);
	pq_int_opt(&p, actor->user_id > 0, actor->user_id);
	int rc = letter_one(db, "letter_update", &p, out);
	texts_free(js);
	return rc;
}

int ogi_db_letter_serial_next(struct ogi_db *db, long long body_id, int year, const char *code,
                              int *serial)
{
	struct pq_params p = {0};
	pq_int(&p, body_id);
	pq_int(&p, year);
	pq_str(&p, code);
	PGresult *res;
	int n = pq_run(db, "letter_serial_next", &p, &res);
	if (n < 0)
		return n;
	*serial = (int)pq_getint(res, 0, "last");
	PQclear(res);
	return 0;
}

/* The bytea text "\x…" of len bytes (malloc'd), NULL when out of memory. */
static char *bytea_hex(const void *data, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	char *out = malloc(2 * len + 3);
	if (out == NULL)
		return NULL;
	const unsigned char *b = data;
	out[0] = '\\';
	out[1] = 'x';
	for (size_t i = 0; i < len; i++) {
		out[2 + 2 * i] = digits[b[i] >> 4];
		out[3 + 2 * i] = digits[b[i] & 15];
	}
	out[2 + 2 * len] = '\0';
	return out;
}

int ogi_db_letter_issue(struct ogi_db *db, long long id, const char *ref, const char *code,
                        int year, int serial, const struct ogi_letter_renderings *r,
                        const struct ogi_actor *actor, struct ogi_letter_record *out)
{
	/* the HTML as text: it must be the whole buffer, with no NUL inside */
	char *html = malloc(r->len[OGI_LETTER_HTML] + 1);
	char *pdf = bytea_hex(r->data[OGI_LETTER_PDF], r->len[OGI_LETTER_PDF]);
	char *docx = bytea_hex(r->data[OGI_LETTER_DOCX], r->len[OGI_LETTER_DOCX]);
	int rc = OGI_DB_HARD;
	if (html == NULL || pdf == NULL || docx == NULL)
		goto out;
	memcpy(html, r->data[OGI_LETTER_HTML], r->len[OGI_LETTER_HTML]);
	html[r->len[OGI_LETTER_HTML]] = '\0';
	if (strlen(html) != r->len[OGI_LETTER_HTML])
		goto out;
	struct pq_params p = {0};
	pq_int(&p, id);
	pq_str(&p, ref);
	pq_str(&p, code);
	pq_int(&p, year);
	pq_int(&p, serial);
	pq_str(&p, html);
	pq_str(&p, pdf);
	pq_str(&p, docx);
	pq_str(&p, r->sha256[OGI_LETTER_HTML]);
	pq_str(&p, r->sha256[OGI_LETTER_PDF]);
	pq_str(&p, r->sha256[OGI_LETTER_DOCX]);
	pq_int_opt(&p, actor->user_id > 0, actor->user_id);
	rc = letter_one(db, "letter_issue", &p, out);
out:
	free(html);
	free(pdf);
	free(docx);
	return rc;
}

int ogi_db_letter_void(struct ogi_db *db, long long id, const char *reason,
                       const struct ogi_actor *actor, struct ogi_letter_record *out)
{
	struct pq_params p = {0};
	pq_int(&p, id);
	pq_str(&p, reason);
	pq_int_opt(&p, actor->user_id > 0, actor->user_id);
	return letter_one(db, "letter_void", &p, out);
}

int ogi_db_letter_rendering(struct ogi_db *db, long long id, enum ogi_letter_format f,
                            unsigned char **data, size_t *len)
{
	static const char *const stmts[] = {"letter_html", "letter_pdf", "letter_docx"};
	*data = NULL;
	*len = 0;
	if ((unsigned)f >= OGI_LETTER_FORMAT_COUNT)
		return OGI_E_NOT_FOUND;
	struct pq_params p = {0};
	pq_int(&p, id);
	PGresult *res;
	int n = pq_run(db, stmts[f], &p, &res);
	if (n < 0)
		return n;
	int rc = OGI_E_NOT_FOUND;
	const char *v = n > 0 ? pq_get(res, 0, "bytes") : NULL;
	if (v != NULL && f == OGI_LETTER_HTML) {
		*len = strlen(v);
		*data = malloc(*len + 1);
		if (*data != NULL)
			memcpy(*data, v, *len + 1);
		rc = *data ? 0 : OGI_DB_HARD;
	} else if (v != NULL) {
		size_t blen;
		unsigned char *bytes = PQunescapeBytea((const unsigned char *)v, &blen);
		*data = bytes ? malloc(blen ? blen : 1) : NULL;
		if (*data != NULL) {
			memcpy(*data, bytes, blen);
			*len = blen;
		}
		PQfreemem(bytes);
		rc = *data ? 0 : OGI_DB_HARD;
	}
	PQclear(res);
	return rc;
}

static bool delivery_read(const PGresult *res, int row, struct ogi_letter_delivery *d)
{
	memset(d, 0, sizeof *d);
	d->id = pq_getint(res, row, "id");
	d->letter_id = pq_getint(res, row, "letter_id");
	d->request_id = pq_getint(res, row, "request_id");
	d->body_id = pq_getint(res, row, "body_id");
	d->version = pq_getint(res, row, "version");
	d->method = (enum ogi_service_method)ogi_enum_parse(ogi_service_method_names,
	                                                    pq_get(res, row, "method"));
	d->sent_on = pq_getdate(res, row, "sent_on");
	d->served_on = pq_getdate(res, row, "served_on");
	d->legal_on = pq_getdate(res, row, "legal_on");
	d->post_tracking_no = str_col(res, row, "post_tracking_no");
	d->signed_by = str_col(res, row, "signed_by");
	d->note = str_col(res, row, "note");
	pq_copy(res, row, "created_at", d->created_at, sizeof d->created_at);
	pq_copy(res, row, "updated_at", d->updated_at, sizeof d->updated_at);
	pq_copy(res, row, "created_by_name", d->created_by, sizeof d->created_by);
	pq_copy(res, row, "updated_by_name", d->updated_by, sizeof d->updated_by);
	bool ok = (d->post_tracking_no || pq_isnull(res, row, "post_tracking_no")) &&
	          (d->signed_by || pq_isnull(res, row, "signed_by")) &&
	          (d->note || pq_isnull(res, row, "note"));
	if (!ok)
		ogi_letter_delivery_free(d);
	return ok;
}

static int delivery_one(struct ogi_db *db, const char *stmt, const struct pq_params *p,
                        struct ogi_letter_delivery *out)
{
	PGresult *res;
	int n = pq_run(db, stmt, p, &res);
	if (n < 0)
		return n;
	int rc = n == 0 ? OGI_E_NOT_FOUND : delivery_read(res, 0, out) ? 0 : OGI_DB_HARD;
	PQclear(res);
	return rc;
}

int ogi_db_deliveries_of(struct ogi_db *db, long long letter_id, struct ogi_delivery_list *out)
{
	ogi_delivery_list_free(out);
	struct pq_params p = {0};
	pq_int(&p, letter_id);
	PGresult *res;
	int n = pq_run(db, "deliveries_of", &p, &res);
	if (n < 0)
		return n;
	int rc = 0;
	for (int i = 0; i < n && rc == 0; i++) {
		struct ogi_letter_delivery d;
		if (!delivery_read(res, i, &d) || !ogi_delivery_list_push(out, &d))
			rc = OGI_DB_HARD;
	}
	PQclear(res);
	return rc;
}

int ogi_db_delivery_get(struct ogi_db *db, long long letter_id, long long id, bool lock,
                        struct ogi_letter_delivery *out)
{
	struct pq_params p = {0};
	pq_int(&p, id);
	pq_int(&p, letter_id);
	return delivery_one(db, lock ? "delivery_lock" : "delivery_get", &p, out);
}

int ogi_db_delivery_insert(struct ogi_db *db, const struct ogi_letter_delivery *d,
                           const struct ogi_actor *actor, struct ogi_letter_delivery *out)
{
	struct pq_params p = {0};
	pq_int(&p, d->letter_id);
	pq_int(&p, d->request_id);
	pq_int(&p, d->body_id);
	pq_str(&p, ogi_service_method_names[d->method]);
	pq_date(&p, d->sent_on);
	pq_str(&p, d->post_tracking_no);
	pq_date(&p, d->served_on);
	pq_str(&p, d->signed_by);
	pq_str(&p, d->note);
	pq_date(&p, d->legal_on);
	pq_int_opt(&p, actor->user_id > 0, actor->user_id);
	return delivery_one(db, "delivery_insert", &p, out);
}

int ogi_db_delivery_update(struct ogi_db *db, const struct ogi_letter_delivery *d,
                           const struct ogi_actor *actor, struct ogi_letter_delivery *out)
{
	struct pq_params p = {0};
	pq_int(&p, d->id);
	pq_str(&p, ogi_service_method_names[d->method]);
	pq_date(&p, d->sent_on);
	pq_str(&p, d->post_tracking_no);
	pq_date(&p, d->served_on);
	pq_str(&p, d->signed_by);
	pq_str(&p, d->note);
	pq_date(&p, d->legal_on);
	pq_int_opt(&p, actor->user_id > 0, actor->user_id);
	return delivery_one(db, "delivery_update", &p, out);
}
