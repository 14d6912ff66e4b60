/* POST /api/v1/public/status {number, code}: where an online application
 * stands, for the applicant (issue 15 item 5).  No login: the 查询码 is the
 * key.  A wrong code answers exactly as a number that does not exist (404
 * status_not_found), and so does a number locked by 10 wrong codes within
 * the hour; the code's hash is compared in constant time, a made-up number
 * against a dummy.  Lookups are counted per address (429 with Retry-After).
 * The answer: the body, the dates, the public status in words, the legal due
 * date and what the applicant must do, every answer they gave online to a
 * correction with the files sent with it (names and sizes, never bytes) and
 * what staff did with it — never the identity number, nor anything of
 * anyone else, nor staff's own notes. */
#include <stdlib.h>
#include <string.h>

#include "daemon/core/dbconn.h"
#include "daemon/core/public_channel.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/online_json.h"
#include "lib/db/events.h"
#include "lib/db/letters.h"
#include "lib/db/online_apps.h"
#include "lib/db/requests.h"
#include "lib/online.h"

struct lookup {
	struct ctx *c;
	const char *number, *code;
	unsigned char key[OGI_POW_KEY_BYTES];
	/* the answer */
	long long retry_after;
	bool found;
	json_t *out;
};

static bool lookup_parse(json_t *body, struct lookup *l, struct spec_errors *errs)
{
	struct spec spec[] = {
	    SPEC_STRING("number", &l->number, 32),
	    SPEC_STRING("code", &l->code, 32),
	    SPEC_END,
	};
	return spec_parse(body, spec, errs);
}

bool in_public_status_post(json_t *body, struct spec_errors *errs)
{
	struct lookup l = {0};
	return lookup_parse(body, &l, errs);
}

static void date_or_null(json_t *o, const char *key, ogi_date d)
{
	char text[OGI_DATE_STRLEN];
	json_object_set_new(
	    o, key, d == OGI_DATE_NONE ? json_null() : json_string(ogi_date_format(d, text)));
}

/* Every answer online_id gave to the corrections of request_id, oldest first, each with the
 * files sent with it (name, type, size, when; never their bytes) into answers: what the
 * applicant sent and what became of it.  A file's fate is its answer's: waiting with a pending
 * answer, in the case file once confirmed, dropped when returned. */
static int answers_part(struct ogi_db *db, long long online_id, long long request_id,
                        json_t *answers)
{
	struct ogi_online_correction *a = NULL;
	struct ogi_online_file *f = NULL;
	size_t na = 0, nf = 0;
	int rc = ogi_db_online_corrections_of(db, online_id, request_id, 100, &a, &na);
	if (rc == 0 && na > 0)
		rc = ogi_db_online_files_of(db, online_id, -1, &f, &nf);
	for (size_t i = 0; rc == 0 && i < na; i++) {
		json_t *one =
		    json_pack("{s:s, s:s}", "state", a[i].state, "received_at", a[i].received_at);
		date_or_null(one, "received_on", a[i].received_on);
		json_object_set_new(one, "reject_reason",
		                    a[i].reject_reason[0] ? json_string(a[i].reject_reason)
		                                          : json_null());
		json_t *files = json_array();
		for (size_t j = 0; j < nf; j++) {
			if (f[j].correction_id != a[i].id)
				continue;
			json_array_append_new(files,
			                      json_pack("{s:s, s:s, s:I, s:s}", "name", f[j].name,
			                                "content_type", f[j].content_type, "size",
			                                (json_int_t)f[j].size, "received_at",
			                                f[j].received_at));
		}
		json_object_set_new(one, "files", files);
		json_array_append_new(answers, one);
	}
	free(a);
	free(f);
	return rc;
}

/* The registered request's part of the answer (online_id: the application it came from). */
static int request_part(struct ogi_db *db, long long request_id, long long online_id, json_t *out)
{
	struct ogi_request r = {0};
	int rc = ogi_db_request_get(db, request_id, false, &r);
	if (rc != 0)
		return rc;
	struct ogi_event_list ev = {0};
	if ((rc = ogi_db_events_load(db, request_id, &ev)) != 0) {
		ogi_request_free(&r);
		return rc;
	}
	bool any = false, extended = false;
	json_t *correction = NULL, *fee = NULL;
	for (size_t i = 0; i < ev.n; i++) {
		const struct ogi_event *e = &ev.e[i];
		if (e->type == OGI_EV_REGISTERED || e->type == OGI_EV_DEADLINE_RECOMPUTED ||
		    e->type == OGI_EV_NOTE)
			continue;
		any = true;
		if (e->type == OGI_EV_EXTENSION_APPROVED || e->type == OGI_EV_DELAY_SET)
			extended = true;
		if (e->type == OGI_EV_CORRECTION_REQUESTED) {
			json_decref(correction);
			correction = json_object();
			json_t *items = json_object_get(e->payload, "items");
			json_object_set(correction, "items",
			                json_is_string(items) ? items : json_null());
			date_or_null(correction, "asked_on", e->on);
		}
		if (e->type == OGI_EV_FEE_NOTICE_ISSUED) {
			json_decref(fee);
			json_t *amount = json_object_get(e->payload, "amount");
			fee = json_object();
			json_object_set(fee, "amount",
			                json_is_number(amount) || json_is_string(amount)
			                    ? amount
			                    : json_null());
			date_or_null(fee, "notice_on", e->on);
		}
	}
	int ps = ogi_public_status_of(r.status, r.outcome, extended, any);
	json_object_set_new(out, "status", wire_public_status(ps));
	json_object_set_new(out, "tracking_no", json_string(r.tracking_no));
	date_or_null(out, "received_on", r.received_on);
	date_or_null(out, "due_on", r.status == OGI_STATUS_CLOSED ? OGI_DATE_NONE : r.due_on);
	date_or_null(out, "closed_on", r.closed_on);
	/* the time to correct and to pay: the clock's subdeadlines */
	size_t k;
	json_t *sub;
	json_array_foreach(json_object_get(r.clock, "subdeadlines"), k, sub)
	{
		const char *kind = json_string_value(json_object_get(sub, "kind"));
		json_t *due = json_object_get(sub, "due_on");
		if (kind && correction && strcmp(kind, "correction_period") == 0)
			json_object_set(correction, "due_on", due);
		if (kind && fee && strcmp(kind, "fee_payment") == 0)
			json_object_set(fee, "pay_by", due);
	}
	json_object_set_new(out, "correction",
	                    ps == OGI_PUBLIC_CORRECTION && correction ? correction : json_null());
	if (ps != OGI_PUBLIC_CORRECTION)
		json_decref(correction);
	json_object_set_new(out, "fee", ps == OGI_PUBLIC_PAYMENT && fee ? fee : json_null());
	if (ps != OGI_PUBLIC_PAYMENT)
		json_decref(fee);
	json_object_set_new(out, "outcome",
	                    r.outcome >= 0 ? json_string(ogi_outcome_labels_zh[r.outcome])
	                                   : json_null());
	/* online delivery: the issued letters to download (POST /api/v1/public/letter) */
	bool online = r.form_delivery == OGI_DELIVERY_ONLINE;
	json_object_set_new(out, "online_delivery", json_boolean(online));
	json_t *letters = json_array();
	json_object_set_new(out, "letters", letters);
	struct ogi_letter_list ll = {0};
	if (online && (rc = ogi_db_letters_of(db, request_id, &ll)) == 0) {
		for (size_t i = 0; i < ll.n; i++) {
			const struct ogi_letter_record *l = &ll.v[i];
			if (l->status != OGI_LETTER_STATUS_ISSUED)
				continue;
			json_t *one = json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)l->id,
			                        "kind", ogi_letter_kind_names[l->kind], "title",
			                        l->title ? l->title : "", "ref", l->ref);
			date_or_null(one, "letter_date", l->letter_date);
			json_array_append_new(letters, one);
		}
	}
	ogi_letter_list_free(&ll);
	/* the applicant's latest answer to a correction (online 补正) */
	struct ogi_online_correction oc = {0};
	int crc = rc == 0 ? ogi_db_online_correction_last(db, request_id, &oc) : OGI_E_NOT_FOUND;
	if (crc == 0) {
		json_t *one = json_pack("{s:s}", "state", oc.state);
		date_or_null(one, "received_on", oc.received_on);
		json_object_set_new(one, "reject_reason",
		                    oc.reject_reason[0] ? json_string(oc.reject_reason)
		                                        : json_null());
		json_object_set_new(out, "correction_answer", one);
	} else {
		json_object_set_new(out, "correction_answer", json_null());
		if (crc < 0 && rc == 0)
			rc = crc;
	}
	json_t *answers = json_array();
	json_object_set_new(out, "correction_answers", answers);
	if (rc == 0)
		rc = answers_part(db, online_id, request_id, answers);
	ogi_event_list_free(&ev);
	ogi_request_free(&r);
	return rc;
}

static int lookup_tx(struct ogi_db *db, void *cls)
{
	struct lookup *l = cls;
	json_decref(l->out);
	l->out = NULL;
	l->found = false;
	struct ogi_online_row *row = calloc(1, sizeof *row);
	if (row == NULL)
		return OGI_DB_HARD;
	int rc =
	    public_lookup(db, l->c, l->key, l->number, l->code, row, &l->found, &l->retry_after);
	if (rc != 0 || !l->found) {
		free(row);
		return rc;
	}
	l->out = json_pack("{s:s, s:I, s:s, s:s}", "number", row->number, "body_id",
	                   (json_int_t)row->body_id, "body_name", row->body_name, "submitted_at",
	                   row->submitted_at);
	date_or_null(l->out, "submitted_on", row->submitted_on);
	json_object_set_new(l->out, "decline_reason",
	                    row->decline_reason[0] ? json_string(row->decline_reason)
	                                           : json_null());
	if (strcmp(row->state, "confirmed") == 0) {
		rc = request_part(db, row->request_id, row->id, l->out);
	} else {
		json_object_set_new(l->out, "status",
		                    wire_public_status(strcmp(row->state, "declined") == 0
		                                           ? OGI_PUBLIC_DECLINED
		                                           : OGI_PUBLIC_SUBMITTED));
		json_object_set_new(l->out, "tracking_no", json_null());
		json_object_set_new(l->out, "received_on", json_null());
		json_object_set_new(l->out, "due_on", json_null());
		json_object_set_new(l->out, "closed_on", json_null());
		json_object_set_new(l->out, "correction", json_null());
		json_object_set_new(l->out, "fee", json_null());
		json_object_set_new(l->out, "outcome", json_null());
		json_object_set_new(l->out, "online_delivery",
		                    json_boolean(strcmp(row->delivery, "online") == 0));
		json_object_set_new(l->out, "letters", json_array());
		json_object_set_new(l->out, "correction_answer", json_null());
		json_object_set_new(l->out, "correction_answers", json_array());
	}
	free(row);
	return rc;
}

enum MHD_Result h_public_status_post(struct ctx *c)
{
	struct lookup l = {.c = c};
	struct spec_errors errs = {0};
	if (!lookup_parse(c->json, &l, &errs))
		return reply_invalid(c, &errs);
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL || !public_key(c, db, l.key, &result) ||
	    public_refused_early(c, l.key, "status_address", OGI_E_STATUS_THROTTLED, &result))
		return result;
	if (!tx(c, "status lookup", lookup_tx, &l, &result)) {
		json_decref(l.out);
		return result;
	}
	if (l.retry_after > 0)
		return reply_retry_after(c, OGI_E_STATUS_THROTTLED, l.retry_after);
	if (!l.found)
		return reply_problem(c, OGI_E_STATUS_NOT_FOUND, NULL);
	return reply_json(c, 200, l.out);
}
