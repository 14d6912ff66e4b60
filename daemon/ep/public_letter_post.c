/* POST /api/v1/public/letter {number, code, letter_id}: an issued letter of
 * the applicant's own request as its PDF, for an applicant who chose online
 * delivery (issue 15 item 5).  The number and 查询码 are checked exactly as
 * the status lookup checks them (public_lookup: the same per-address count,
 * the same 404 for a wrong code as for no such number, the same lock); the
 * letter must be an issued letter of that application's request (another
 * request's letter, a draft or a void one: 404 public_letter_not_found).
 * The first download is the letter's service (送达): electronic service
 * counts when the applicant accesses it, so a delivery {method online, sent
 * and served today} is recorded through the deliveries mechanism and puts
 * letter_served on the staff timeline (lib/letter_service.h); a later
 * download records nothing more. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/core/calendar_cache.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/letter_case.h"
#include "daemon/core/public_channel.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "lib/db/events.h"
#include "lib/db/letters.h"
#include "lib/db/online_apps.h"
#include "lib/db/requests.h"

#define APPLICANT_ACTOR "申请人（网上下载）"

struct download {
	struct ctx *c;
	const char *number, *code;
	long long letter_id;
	unsigned char key[OGI_POW_KEY_BYTES];
	long long retry_after;
	int refusal; /* 0, OGI_E_STATUS_NOT_FOUND or OGI_E_PUBLIC_LETTER_NOT_FOUND */
	struct ogi_letter_record letter;
	unsigned char *pdf;
	size_t pdf_len;
};

static bool download_parse(json_t *body, struct download *d, struct spec_errors *errs)
{
	struct spec spec[] = {
	    SPEC_STRING("number", &d->number, 32),
	    SPEC_STRING("code", &d->code, 32),
	    SPEC_INT("letter_id", &d->letter_id, 1, INT64_MAX),
	    SPEC_END,
	};
	return spec_parse(body, spec, errs);
}

bool in_public_letter_post(json_t *body, struct spec_errors *errs)
{
	struct download d = {0};
	return download_parse(body, &d, errs);
}

/* The first online service of letter l of the case: a delivery and letter_served, once. */
static int serve_once(struct ogi_db *db, struct ctx *c, struct letter_case *lc,
                      const struct ogi_letter_record *l)
{
	struct ogi_delivery_list list = {0};
	int rc = ogi_db_deliveries_of(db, l->id, &list);
	bool served = false;
	for (size_t i = 0; rc == 0 && i < list.n; i++)
		served |=
		    list.v[i].method == OGI_SERVICE_ONLINE && list.v[i].legal_on != OGI_DATE_NONE;
	ogi_delivery_list_free(&list);
	if (rc != 0 || served || l->ndeliveries >= OGI_DELIVERIES_PER_LETTER_MAX)
		return rc;
	ogi_date today = ogi_today();
	struct ogi_letter_delivery d = {.letter_id = l->id,
	                                .request_id = lc->req.id,
	                                .body_id = lc->req.body_id,
	                                .method = OGI_SERVICE_ONLINE,
	                                .sent_on = today,
	                                .served_on = today,
	                                .note = "申请人在网上查询页面下载了该文书"};
	d.legal_on = ogi_service_legal_date(d.method, d.sent_on, d.served_on);
	struct ogi_actor actor = {0, APPLICANT_ACTOR};
	struct ogi_letter_delivery out = {0};
	if ((rc = ogi_db_delivery_insert(db, &d, &actor, &out)) == 0)
		rc = letter_case_served(db, c, lc, l, &out, OGI_DATE_NONE);
	ogi_letter_delivery_free(&out);
	return rc;
}

static int download_attempt(struct ogi_db *db, struct download *w, struct ogi_online_row *row,
                            struct letter_case *lc)
{
	bool found = false;
	int rc = public_lookup(db, w->c, w->key, w->number, w->code, row, &found, &w->retry_after);
	if (rc != 0 || w->retry_after > 0)
		return rc;
	if (!found) {
		w->refusal = OGI_E_STATUS_NOT_FOUND;
		return 0;
	}
	w->refusal = OGI_E_PUBLIC_LETTER_NOT_FOUND;
	if (strcmp(row->state, "confirmed") != 0 || row->request_id <= 0)
		return 0;
	if ((rc = ogi_db_request_get(db, row->request_id, true, &lc->req)) != 0)
		return rc == OGI_E_NOT_FOUND ? OGI_DB_HARD
		                             : rc; /* a confirmed one has its request */
	lc->loaded = true;
	if (lc->req.form_delivery != OGI_DELIVERY_ONLINE)
		return 0;
	rc = ogi_db_letter_get(db, row->request_id, w->letter_id, true, &w->letter);
	if (rc == OGI_E_NOT_FOUND || (rc == 0 && w->letter.status != OGI_LETTER_STATUS_ISSUED))
		return 0;
	if (rc != 0 || (rc = ogi_db_events_load(db, row->request_id, &lc->events)) != 0)
		return rc;
	if ((rc = ogi_db_letter_rendering(db, w->letter.id, OGI_LETTER_PDF, &w->pdf,
	                                  &w->pdf_len)) != 0)
		return rc == OGI_E_NOT_FOUND ? OGI_DB_HARD
		                             : rc; /* an issued letter keeps its PDF */
	/* the timeline's event is the applicant's: no staff user, the request's id */
	w->c->id = row->request_id;
	snprintf(w->c->auth.username, sizeof w->c->auth.username, "%s", APPLICANT_ACTOR);
	rc = serve_once(db, w->c, lc, &w->letter);
	w->c->auth.username[0] = '\0';
	if (rc == 0)
		w->refusal = 0;
	return rc;
}

static int download_tx(struct ogi_db *db, void *cls)
{
	struct download *w = cls;
	w->refusal = 0;
	w->retry_after = 0;
	ogi_letter_record_free(&w->letter);
	free(w->pdf);
	w->pdf = NULL;
	struct ogi_online_row *row = calloc(1, sizeof *row);
	if (row == NULL)
		return OGI_DB_HARD;
	struct letter_case lc = {0};
	int rc = download_attempt(db, w, row, &lc);
	letter_case_free(&lc);
	free(row);
	return rc;
}

enum MHD_Result h_public_letter_post(struct ctx *c)
{
	struct download w = {.c = c};
	struct spec_errors errs = {0};
	if (!download_parse(c->json, &w, &errs))
		return reply_invalid(c, &errs);
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL || !public_key(c, db, w.key, &result) ||
	    public_refused_early(c, w.key, "status_address", OGI_E_STATUS_THROTTLED, &result))
		return result;
	bool ok = tx(c, "letter download", download_tx, &w, &result);
	if (ok && w.retry_after > 0)
		result = reply_retry_after(c, OGI_E_STATUS_THROTTLED, w.retry_after);
	else if (ok && w.refusal != 0)
		result = reply_problem(c, (enum ogi_error)w.refusal, NULL);
	else if (ok)
		result =
		    reply_letter_bytes(c, &w.letter, "letter", OGI_LETTER_PDF, w.pdf, w.pdf_len);
	ogi_letter_record_free(&w.letter);
	free(w.pdf);
	return result;
}
