/* POST /api/v1/requests: intake.  Validates the application (applicant
 * kind and identity document, channel, legal receipt date), assigns the
 * next gap-free tracking number of the body and year, computes regime and
 * due date with lib/clock, and answers 201 with Location and ETag.  An
 * Idempotency-Key makes a retry return the first answer. */
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/ep/ep.h"
#include "lib/idcheck.h"
#include "daemon/core/calendar_cache.h"
#include "daemon/core/visible.h"
#include "daemon/wire/request_json.h"
#include "lib/db/requests.h"
#include "lib/projection.h"
#include "daemon/core/lock_guard.h"
#include "daemon/ep/request_rows.h"
#include "lib/db/requests.h"
#include "lib/secret.h"

struct intake {
	struct ctx *c;
	long long body_id;
	int channel;
	ogi_date received_on, submitted_on, confirmed_on;
	bool has_submitted, has_confirmed;
	struct {
		int kind, id_type;
		const char *name, *id_number, *phone, *email, *address, *contact;
		bool has_id_type, has_id_number, has_phone, has_email, has_address, has_contact;
	} applicant;
	const char *description, *purpose;
	bool has_purpose, has_form;
	struct {
		int medium, delivery;
		bool has_medium, has_delivery;
	} form;
	char normalized_id[64];
	const char *override_reason; /* into a locked year: an admin's reason */
	bool has_override;
	char detail[256];
	/* idempotency */
	const char *key;
	char hash[OGI_TOKEN_HASH_HEX];
	/* results */
	unsigned int status;
	json_t *out;
	long long id, version;
	bool replayed;
	enum ogi_error conflict;
};

/* The application as lib/db stores it. */
static void intake_of(const struct intake *in, struct ogi_intake *out)
{
	*out = (struct ogi_intake){
		.body_id = in->body_id,
		.channel = in->channel,
		.received_on = in->received_on,
		.submitted_on = in->has_submitted ? in->submitted_on : OGI_DATE_NONE,
		.confirmed_on = in->has_confirmed ? in->confirmed_on : OGI_DATE_NONE,
		.applicant = {.kind = in->applicant.kind,
			      .id_type = in->applicant.has_id_type ? in->applicant.id_type : -1,
			      .name = in->applicant.name,
			      .id_number = in->applicant.has_id_number ? in->normalized_id : NULL,
			      .phone = in->applicant.has_phone ? in->applicant.phone : NULL,
			      .email = in->applicant.has_email ? in->applicant.email : NULL,
			      .address = in->applicant.has_address ? in->applicant.address : NULL,
			      .contact = in->applicant.has_contact ? in->applicant.contact : NULL},
		.description = in->description,
		.purpose = in->has_purpose ? in->purpose : NULL,
		.form_medium = in->form.has_medium ? in->form.medium : -1,
		.form_delivery = in->form.has_delivery ? in->form.delivery : -1,
	};
}

static int insert_request(struct ogi_db *db, struct intake *in)
{
	struct ogi_intake intake;
	intake_of(in, &intake);
	struct ogi_projection pr;
	struct calendar_ref cal = calendar_acquire();
	ogi_projection_compute(cal.cal, in->received_on, NULL, 0, &pr);
	calendar_release(cal);
	struct ogi_actor actor = {in->c->auth.user_id, in->c->auth.username};
	struct ogi_request row;
	int rc = ogi_db_request_insert(db, &intake, &pr, &actor, &row);
	ogi_projection_free(&pr);
	if (rc != 0)
		return rc;
	in->id = row.id;
	in->version = row.version;
	in->out = wire_request(&row, request_allows(in->c, &row, OGI_ROLE_CLERK));
	ogi_request_free(&row);
	return 0;
}

static int intake_tx(struct ogi_db *db, void *cls)
{
	struct intake *in = cls;
	json_decref(in->out);
	in->out = NULL;
	in->status = 201;
	in->replayed = false;
	char uid[24];
	snprintf(uid, sizeof uid, "%lld", in->c->auth.user_id);
	if (in->key != NULL) {
		const char *p[] = {uid, in->key, in->hash};
		int n = ogi_db_exec(db, "idem_claim", 3, p, NULL);
		if (n < 0)
			return n;
		if (n == 0) { /* seen before: the first answer, or 422 for another body */
			PGresult *res;
			if ((n = ogi_db_exec(db, "idem_get", 3, p, &res)) < 0)
				return n;
			bool same = n == 1 && ogi_db_bool(res, 0, 0);
			if (same) {
				in->replayed = true;
				in->status = (unsigned)ogi_db_int(res, 0, 1);
				in->out = json_loads(ogi_db_str(res, 0, 2), 0, NULL);
				in->id = ogi_db_int(res, 0, 3);
				in->version = json_integer_value(json_object_get(in->out, "version"));
			}
			PQclear(res);
			return same ? 0 : OGI_E_IDEMPOTENCY_KEY_REUSED;
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
	if ((rc = lock_guard(db, in->c, &ch, in->detail, sizeof in->detail)) != 0 || in->key == NULL)
		return rc;
	char *text = json_dumps(in->out, JSON_COMPACT);
	char id[24];
	snprintf(id, sizeof id, "%lld", in->id);
	const char *p[] = {uid, in->key, "201", text, id};
	rc = ogi_db_exec(db, "idem_store", 5, p, NULL);
	free(text);
	return rc < 0 ? rc : 0;
}

/* Rules beyond types: dates, identity documents, contact data. */
static void check_intake(struct intake *in, struct spec_errors *errs)
{
	ogi_date today = ogi_today();
	char buf[OGI_DATE_STRLEN];
	if (in->received_on > today)
		spec_error_add(errs, "received_on", "date_in_future", "收到申请日期不能晚于今天",
			       "the receipt date cannot be in the future");
	if (in->received_on < ogi_date_from_ymd(2008, 5, 1))
		spec_error_add(errs, "received_on", "before_regulation",
			       "收到申请日期早于条例施行日 2008-05-01",
			       "the receipt date is before the regulation took effect on 2008-05-01");
	if (in->has_submitted && in->submitted_on > in->received_on)
		spec_error_add(errs, "submitted_on", "after_receipt", "提交日期不能晚于收到申请日期",
			       "the submission date cannot be after the receipt date");
	if (in->has_confirmed && in->confirmed_on > today)
		spec_error_add(errs, "confirmed_on", "date_in_future", "确认日期不能晚于今天",
			       "the confirmation date cannot be in the future");
	(void)buf;

	if (in->applicant.has_id_number != in->applicant.has_id_type)
		spec_error_add(errs, in->applicant.has_id_number ? "applicant.id_type" : "applicant.id_number",
			       "required", "证件类型与证件号码须同时填写",
			       "id_type and id_number go together");
	if (in->applicant.has_id_number && in->applicant.has_id_type) {
		struct ogi_idcheck r;
		if (!ogi_check_id(in->applicant.id_type, in->applicant.id_number,
				  strlen(in->applicant.id_number), today, in->normalized_id,
				  sizeof in->normalized_id, &r))
			spec_error_add(errs, "applicant.id_number", r.code, r.message_zh, r.message_en);
	}
	if (in->applicant.has_phone) {
		struct ogi_idcheck r;
		if (!ogi_check_phone(in->applicant.phone, strlen(in->applicant.phone), &r))
			spec_error_add(errs, "applicant.phone", r.code, r.message_zh, r.message_en);
	}
	if (in->applicant.has_email) {
		struct ogi_idcheck r;
		if (!ogi_check_email(in->applicant.email, strlen(in->applicant.email), &r))
			spec_error_add(errs, "applicant.email", r.code, r.message_zh, r.message_en);
	}
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
		spec_error_add(&errs, "Idempotency-Key", "length", "Idempotency-Key 须为 1 至 200 个字符",
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
		fprintf(stderr, "ogid: OGI_TEST_CRASH_AFTER_COMMIT: killing myself after commit %ld\n",
			crash_at);
		raise(SIGKILL);
	}
}

/* The application as the body gives it: types (the spec) and the rules
 * beyond them (dates, identity documents, contact data). */
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
		SPEC_END,
	};
	struct spec form[] = {
		SPEC_OPT(&in->form.has_medium, SPEC_F_ENUM("medium", ogi_medium_names, &in->form.medium)),
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
		SPEC_OPT(&in->has_override, SPEC_F_STRING("override_reason", &in->override_reason, 500)),
		SPEC_END,
	};
	if (!spec_parse(body, spec, errs))
		return false;
	check_intake(in, errs);
	return errs->n == 0;
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
	int rc = ogi_db_tx(db, "intake", intake_tx, &in);
	if (rc == OGI_E_IDEMPOTENCY_KEY_REUSED)
		return reply_problem(c, OGI_E_IDEMPOTENCY_KEY_REUSED,
				     "this Idempotency-Key was first used with a different body");
	if (rc != 0) {
		json_decref(in.out);
		if (rc > 0)
			return reply_problem(c, (enum ogi_error)rc, "%s", in.detail);
		return reply_db_error(c, db);
	}
	if (!in.replayed)
		crash_point_after_commit();
	char location[64];
	snprintf(location, sizeof location, "/api/v1/requests/%lld", in.id);
	c->replayed = in.replayed;
	return reply_json_etag(c, in.status, in.out, in.version, location);
}
