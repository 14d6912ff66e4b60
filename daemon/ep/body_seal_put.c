/* PUT /api/v1/bodies/{id}/seal: an administrator of the body stores the
 * seal its letters print, as the raw bytes of a PNG (Content-Type
 * image/png): a whole one (ogi_seal_check: every chunk there and intact;
 * ogi_letter_seal_check: its image decodes as the letters print it),
 * at most 512 KB, 32 to 4000 pixels each way; anything else 400 (415 for
 * another type).  Replaces the seal there was; If-Match guards the
 * settings' version.  Audited (the size, never the bytes).  Answers {bytes,
 * width, height, version} with the new ETag. */
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

#include "daemon/core/auth.h"
#include "daemon/core/body_tx.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "lib/body_settings_check.h"
#include "lib/db/bodies.h"
#include "lib/letter_render.h"

struct seal_put {
	struct ctx *c;
	const unsigned char *png;
	size_t len;
	unsigned width, height;
	long long if_match, version;
	struct ogi_body_settings_row row;
};

static int seal_put_tx(struct ogi_db *db, void *cls)
{
	struct seal_put *w = cls;
	int rc = body_row_open(db, w->c, w->if_match, &w->row);
	if (rc == 0)
		rc = ogi_db_body_seal_put(db, w->c->id, w->png, w->len, &w->version);
	if (rc != 0)
		return rc;
	json_t *before = json_pack("{s:b, s:I}", "has_seal", w->row.stored.has_seal, "seal_bytes",
	                           (json_int_t)w->row.seal_bytes);
	json_t *after =
	    json_pack("{s:b, s:I, s:I, s:I}", "has_seal", 1, "seal_bytes", (json_int_t)w->len,
	              "seal_width", (json_int_t)w->width, "seal_height", (json_int_t)w->height);
	rc = body_audit(db, w->c, "set seal", before, after);
	json_decref(before);
	json_decref(after);
	return rc;
}

enum MHD_Result h_body_seal_put(struct ctx *c)
{
	const char *type = header(c, MHD_HTTP_HEADER_CONTENT_TYPE);
	if (type == NULL || strncasecmp(type, "image/png", 9) != 0 ||
	    (type[9] != '\0' && type[9] != ';' && type[9] != ' '))
		return reply_problem(c, OGI_E_SEAL_MEDIA_TYPE, "Content-Type is %s",
		                     type ? type : "missing");
	struct seal_put *w = calloc(1, sizeof *w);
	if (w == NULL)
		return reply_problem(c, OGI_E_INTERNAL, "out of memory");
	*w = (struct seal_put){.c = c, .png = (const unsigned char *)c->body, .len = c->body_len};
	enum MHD_Result result;
	struct spec_errors errs = {0};
	char why[160];
	enum ogi_seal_verdict v = ogi_seal_check(w->png ? w->png : (const unsigned char *)"",
	                                         w->len, &w->width, &w->height, why, sizeof why);
	/* every chunk there and intact, and the image itself decodes as the letters print it */
	if (v == OGI_SEAL_OK && !ogi_letter_seal_check(w->png, w->len)) {
		v = OGI_SEAL_NOT_PNG;
		snprintf(why, sizeof why, "the image data does not decode");
	}
	struct ogi_db *db;
	if (v != OGI_SEAL_OK)
		result = reply_problem(c,
		                       v == OGI_SEAL_TOO_LARGE  ? OGI_E_SEAL_TOO_LARGE
		                       : v == OGI_SEAL_BAD_SIZE ? OGI_E_SEAL_BAD_SIZE
		                                                : OGI_E_SEAL_NOT_PNG,
		                       "%s", why);
	else if ((w->if_match = if_match(c, &errs, "机关设置", "the body's")) < 0)
		result = reply_invalid(c, &errs);
	else if ((db = thread_db(c, &result)) != NULL &&
	         require_body(c, db, c->id, OGI_ROLE_ADMIN, &result) &&
	         tx(c, "store seal", seal_put_tx, w, &result))
		result = reply_json_etag(
		    c, 200,
		    json_pack("{s:I, s:I, s:I, s:I}", "bytes", (json_int_t)w->len, "width",
		              (json_int_t)w->width, "height", (json_int_t)w->height, "version",
		              (json_int_t)w->version),
		    w->version, NULL);
	free(w);
	return result;
}
