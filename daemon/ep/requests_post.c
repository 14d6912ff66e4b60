/* POST /api/v1/requests: intake.  Parses the application (the spec: its
 * types; lib/intake: the rules beyond them — the regulation's first day,
 * the receipt date's relations, identity documents and contact data), then
 * in one transaction takes the Idempotency-Key, registers the request with
 * the next gap-free tracking number of its body and year and the due date
 * lib/clock gives it, meets the year lock and keeps the answer for the key:
 * 201 with Location and ETag, or for a retried key the first answer. */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/core/auth.h"
#include "daemon/core/calendar_cache.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/lock_guard.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/core/visible.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/request_json.h"
#include "lib/db/idempotency.h"
#include "lib/db/requests.h"
#include "lib/intake.h"
#include "lib/projection.h"
#include "lib/secret.h"

/* The application as the body gives it, then as lib/ sees it. */
struct intake {
	struct ctx *c;
	/* filled by the spec */
	long long body_id;
	int channel;
	ogi_date received_on, submitted_on, confirmed_on;
	bool has_submitted, has_confirmed;
	struct {
		int kind, id_type;
		const char *name, *id_number, *phone, *email, *address, *contact, *postcode;
		bool has_id_type, has_id_number, has_phone, has_email, has_address, has_contact,
		    has_postcode;
	} applicant;
	const char *description, *purpose;
	bool has_purpose, has_form;
	struct {
		int medium, delivery;
		bool has_medium, has_delivery;
	} form;
	const char *override_reason; /* into a locked year: an admin's reason */
	bool has_override;
	/* checked */
	struct ogi_intake in;
	char normalized_id[64];
	/* idempotency */
	const char *key;
	char hash[OGI_TOKEN_HASH_HEX];
	/* the answer */
	unsigned int status;
	json_t *out;
	long long id, version;
	bool replayed;
};

/* What the spec filled, as lib/intake's struct (absent: NULL, -1, OGI_DATE_NONE). */
static void intake_of(struct intake *in)
{
	in->in = (struct ogi_intake){
	    .body_id = in->body_id,
	    .channel = in->channel,
	    .received_on = in->received_on,
	    .submitted_on = in->has_submitted ? in->submitted_on : OGI_DATE_NONE,
	    .confirmed_on = in->has_confirmed ? in->confirmed_on : OGI_DATE_NONE,
	    .applicant = {.kind = in->applicant.kind,
	                  .id_type = in->applicant.has_id_type ? in->applicant.id_type : -1,
	                  .name = in->applicant.name,
	                  .id_number = in->applicant.has_id_number ? in->applicant.id_number : NULL,
	                  .phone = in->applicant.has_phone ? in->applicant.phone : NULL,
	                  .email = in->applicant.has_email ? in->applicant.email : NULL,
	                  .address = in->applicant.has_address ? in->applicant.address : NULL,
	                  .contact = in->applicant.has_contact ? in->applicant.contact : NULL,
	                  .postcode = in->applicant.has_postcode ? in->applicant.postcode : NULL},
	    .description = in->description,
	    .purpose = in->has_purpose ? in->purpose : NULL,
	    .form_medium = in->form.has_medium ? in->form.medium : -1,
	    .form_delivery = in->form.has_delivery ? in->form.delivery : -1,
	};
}

/* The request, its first event and its answer. */
static int insert_request(struct ogi_db *db, struct intake *in)
{
	struct ogi_projection pr;
	struct calendar_ref cal = calendar_acquire();
	ogi_projection_compute(cal.cal, in->received_on, NULL, 0, &pr);
	calendar_release(cal);
	struct ogi_actor actor = {in->c->auth.user_id, in->c->auth.username};
	struct ogi_request row;
	int rc = ogi_db_request_insert(db, &in->in, &pr, &actor, &row);
	ogi_projection_free(&pr);
	if (rc != 0)
		return rc;
	in->id = row.id;
	in->version = row.version;
	/* the clerk's own entry, whole: what was typed is checked against the document */
	in->out = wire_request(&row, true);
	ogi_request_free(&row);
	return 0;
}

static int intake_tx(struct ogi_db *db, void *cls)
{
	struct intake *in = cls;
	struct ctx *c = in->c;
	json_decref(in->out);
	in->out = NULL;
	in->status = 201;
	in->replayed = false;
	if (in->key != NULL) {
		struct ogi_idem_answer first;
		int rc = ogi_db_idem_claim(db, c->auth.user_id, in->key, in->hash, &in->replayed,
		                           &first);
		if (rc == OGI_E_IDEMPOTENCY_KEY_REUSED)
			ctx_detail(c, "this Idempotency-Key was first used with a different body");
		if (rc != 0)
			return rc;
		if (in->replayed) { /* seen before: the first answer */
			in->status = first.status;
			in->out = first.response;
			in->id = first.request_id;
			in->version = json_integer_value(json_object_get(in->out, "version"));
			return 0;
		}
	}
	int rc = insert_request(db, in);
	if (rc != 0)
		return rc;
	/* a receipt date in a published (locked) year changes its figures */
	char what[256], received[OGI_DATE_STRLEN];
	snprintf(what, sizeof what, "登记申请%s（收到申请日期%s）",
	         json_string_value(json_object_get(in->out, "tracking_no")),
	         ogi_date_format(in->received_on, received));
	struct lock_change ch = {.body_id = in->body_id,
	                         .on = in->received_on,
	                         .override_reason = in->has_override ? in->override_reason : NULL,
	                         .request_id = in->id,
	                         .subject = "intake",
	                         .detail = what};
	if ((rc = lock_guard(db, c, &ch, c->detail, sizeof c->detail)) != 0 || in->key == NULL)
		return rc;
	return ogi_db_idem_store(db, c->auth.user_id, in->key, in->status, in->out, in->id);
}

static bool idempotency_key(struct ctx *c, struct intake *in, enum MHD_Result *result)
{
	in->key = header(c, "Idempotency-Key");
	if (in->key == NULL)
		return true;
	size_t n = strlen(in->key);
	/* stored as text and compared byte for byte: printable ASCII (a UUID, as the web client
	   sends), so no byte PostgreSQL refuses (invalid UTF-8 was a 500) and no look-alike */
	bool printable = true;
	for (size_t i = 0; i < n; i++)
		printable = printable && (unsigned char)in->key[i] >= 0x20 &&
		            (unsigned char)in->key[i] <= 0x7e;
	struct spec_errors errs = {0};
	if (n == 0 || n > 200)
		spec_error_add(&errs, "Idempotency-Key", "length",
		               "Idempotency-Key 须为 1 至 200 个字符",
		               "Idempotency-Key must have 1 to 200 characters");
	else if (!printable)
		spec_error_add(&errs, "Idempotency-Key", "format",
		               "Idempotency-Key 只能由可打印的 ASCII 字符组成（例如 UUID）",
		               "Idempotency-Key must be printable ASCII characters (a UUID, say)");
	if (errs.n > 0) {
		*result = reply_invalid(c, &errs);
		return false;
	}
	/* the same request is the same JSON, whatever its layout */
	char *canonical = json_dumps(c->json, JSON_COMPACT | JSON_SORT_KEYS);
	ogi_token_hash(canonical, strlen(canonical), in->hash);
	free(canonical);
	return true;
}

/* A testing aid: with OGI_TEST_CRASH_AFTER_COMMIT=N in its environment ogid
 * kills itself right after the N-th intake of its life commits, before it
 * answers: the moment when a client's retry must get the first answer and
 * not register the application twice (tests/api/test_crash.py). */
static long crash_at;
static pthread_once_t crash_once = PTHREAD_ONCE_INIT;

static void crash_point_read(void)
{
	const char *v = getenv("OGI_TEST_CRASH_AFTER_COMMIT");
	crash_at = v ? atol(v) : 0;
}

static void crash_point_after_commit(void)
{
	static atomic_long committed;
	pthread_once(&crash_once, crash_point_read);
	if (crash_at > 0 && atomic_fetch_add(&committed, 1) + 1 == crash_at) {
		fprintf(stderr,
		        "ogid: OGI_TEST_CRASH_AFTER_COMMIT: killing myself after commit %ld\n",
		        crash_at);
		raise(SIGKILL);
	}
}

/* The application as the body gives it: types (the spec) and the rules
 * beyond them (lib/intake). */
static bool intake_parse(json_t *body, struct intake *in, struct spec_errors *errs)
{
	struct spec applicant[] = {
	    SPEC_ENUM("kind", ogi_applicant_kind_names, &in->applicant.kind),
	    SPEC_STRING("name", &in->applicant.name, 200),
	    SPEC_OPT(&in->applicant.has_id_type,
	             SPEC_F_ENUM("id_type", ogi_id_type_names, &in->applicant.id_type)),
	    SPEC_OPT(&in->applicant.has_id_number,
	             SPEC_F_STRING("id_number", &in->applicant.id_number, 64)),
	    SPEC_OPT(&in->applicant.has_phone, SPEC_F_STRING("phone", &in->applicant.phone, 32)),
	    SPEC_OPT(&in->applicant.has_email, SPEC_F_STRING("email", &in->applicant.email, 254)),
	    SPEC_OPT(&in->applicant.has_address,
	             SPEC_F_STRING("address", &in->applicant.address, 500)),
	    SPEC_OPT(&in->applicant.has_contact,
	             SPEC_F_STRING("contact", &in->applicant.contact, 200)),
	    SPEC_OPT(&in->applicant.has_postcode,
	             SPEC_F_STRING("postcode", &in->applicant.postcode, 6)),
	    SPEC_END,
	};
	struct spec form[] = {
	    SPEC_OPT(&in->form.has_medium,
	             SPEC_F_ENUM("medium", ogi_medium_names, &in->form.medium)),
	    SPEC_OPT(&in->form.has_delivery,
	             SPEC_F_ENUM("delivery", ogi_delivery_names, &in->form.delivery)),
	    SPEC_END,
	};
	struct spec spec[] = {
	    SPEC_INT("body_id", &in->body_id, 1, INT64_MAX),
	    SPEC_ENUM("channel", ogi_channel_names, &in->channel),
	    SPEC_DATE("received_on", &in->received_on),
	    SPEC_OPT(&in->has_submitted, SPEC_F_DATE("submitted_on", &in->submitted_on)),
	    SPEC_OPT(&in->has_confirmed, SPEC_F_DATE("confirmed_on", &in->confirmed_on)),
	    SPEC_OBJECT("applicant", applicant),
	    SPEC_STRING("description", &in->description, 5000),
	    SPEC_OPT(&in->has_purpose, SPEC_F_STRING("purpose", &in->purpose, 1000)),
	    SPEC_OPT(&in->has_form, SPEC_F_OBJECT("form", form)),
	    SPEC_OPT(&in->has_override,
	             SPEC_F_STRING("override_reason", &in->override_reason, 500)),
	    SPEC_END,
	};
	if (!spec_parse(body, spec, errs))
		return false;
	intake_of(in);
	return ogi_intake_check(&in->in, ogi_today(), errs, in->normalized_id,
	                        sizeof in->normalized_id);
}

bool in_requests_post(json_t *body, struct spec_errors *errs)
{
	struct intake in = {0};
	return intake_parse(body, &in, errs);
}

enum MHD_Result h_requests_post(struct ctx *c)
{
	struct intake in = {.c = c};
	struct spec_errors errs = {0};
	if (!intake_parse(c->json, &in, &errs))
		return reply_invalid(c, &errs);
	enum MHD_Result result;
	if (!idempotency_key(c, &in, &result))
		return result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	if (!require_body(c, db, in.body_id, OGI_ROLE_CLERK, &result))
		return result;
	if (!tx(c, "intake", intake_tx, &in, &result)) {
		json_decref(in.out);
		return result;
	}
	if (!in.replayed)
		crash_point_after_commit();
	char location[64];
	snprintf(location, sizeof location, "/api/v1/requests/%lld", in.id);
	c->replayed = in.replayed;
	return reply_json_etag(c, in.status, in.out, in.version, location);
}
