/* An online application (lib/online.c, issue 15): the submission's rules
 * beyond its types — 公民 with a personal document and 法人或其他组织 with a
 * 统一社会信用代码 (GB 32100), the GB 11643 check of the server as of the
 * browser's, a declaration ticked, no control characters in a field a staff
 * page shows — the request it becomes on confirmation (art. 31(3): received
 * on the day of confirmation, channel online), the number and the 查询码, and
 * the public status of a registered request. */
#include <string.h>

#include "lib/domain.h"
#include "lib/online.h"
#include "lib/secret.h"
#include "tests/unit/check.h"

static const char *base =
    "{\"body_id\": 3, \"applicant\": {\"kind\": \"natural_person\", \"name\": \"张三\","
    " \"id_type\": \"resident_id_card\", \"id_number\": \"11010519491231002x\","
    " \"phone\": \"13800000000\"},"
    " \"information\": {\"title\": \"老旧小区改造招标文件\", \"ref\": \"马办发〔2023〕5号\","
    " \"description\": \"2023年本街道老旧小区改造项目的招标文件\"},"
    " \"form\": {\"medium\": \"electronic\", \"delivery\": \"online\"},"
    " \"declaration\": true, \"pow\": {\"challenge\": \"v1.x\", \"nonce\": 17}}";

/* base with one member of one object replaced (object NULL: the top level) */
static json_t *with(const char *object, const char *key, json_t *value)
{
	json_t *b = json_loads(base, 0, NULL);
	json_t *o = object ? json_object_get(b, object) : b;
	if (value)
		json_object_set_new(o, key, value);
	else
		json_object_del(o, key);
	return b;
}

static bool refused(json_t *body, const char *field, const char *code)
{
	struct ogi_online_app app;
	struct spec_errors errs = {0};
	ogi_date today = ogi_date_from_ymd(2026, 12, 3);
	bool ok = ogi_online_parse(body, today, &app, &errs);
	json_decref(body);
	if (ok)
		return false;
	for (int i = 0; i < errs.n; i++)
		if (strcmp(errs.e[i].field, field) == 0 && strcmp(errs.e[i].code, code) == 0)
			return true;
	for (int i = 0; i < errs.n; i++)
		fprintf(stderr, "  got %s %s\n", errs.e[i].field, errs.e[i].code);
	return false;
}

int main(void)
{
	ogi_secret_init();
	ogi_date today = ogi_date_from_ymd(2026, 12, 3);
	struct ogi_online_app app;
	struct spec_errors errs = {0};
	json_t *b = json_loads(base, 0, NULL);
	CHECK(ogi_online_parse(b, today, &app, &errs), "the base application passes (%d)", errs.n);
	CHECK_STR(app.id_number, "11010519491231002X", "the number in its normal form (upper X)");
	CHECK_INT(app.pow_nonce, 17, "the nonce");
	char buf[OGI_ONLINE_COMPOSED_SIZE];
	struct ogi_intake in;
	ogi_online_intake(&app, ogi_date_from_ymd(2026, 12, 1), today, buf, sizeof buf, &in);
	/* art. 31(3): an online application is received the day both sides confirm */
	CHECK_INT(in.received_on, today, "received on the day of confirmation");
	CHECK_INT(in.confirmed_on, today, "confirmed that day");
	CHECK_INT(in.submitted_on, ogi_date_from_ymd(2026, 12, 1), "submitted two days before");
	CHECK_INT(in.channel, OGI_CHANNEL_ONLINE, "channel online");
	CHECK(strstr(in.description,
	             "信息名称：老旧小区改造招标文件\n文号或索引号：马办发〔2023〕5号\n"
	             "2023年") == in.description,
	      "%s", in.description);
	json_decref(b);

	/* the rules */
	CHECK(refused(with("applicant", "id_number", json_string("110105194912310021")),
	              "applicant.id_number", "check_digit"),
	      "GB 11643: a wrong check digit (X is right)");
	CHECK(refused(with("applicant", "id_type", json_string("uscc")), "applicant.id_type",
	              "person_document"),
	      "a citizen does not apply with a credit code");
	json_t *org = with("applicant", "kind", json_string("commercial_enterprise"));
	CHECK(refused(org, "applicant.id_type", "organization_document"),
	      "an enterprise applies with its 统一社会信用代码");
	org = with("applicant", "kind", json_string("commercial_enterprise"));
	json_object_set_new(json_object_get(org, "applicant"), "id_type", json_string("uscc"));
	json_object_set_new(json_object_get(org, "applicant"), "id_number",
	                    json_string("91110000600037341M"));
	CHECK(refused(org, "applicant.id_number", "check_digit"),
	      "GB 32100: the check character altered");
	CHECK(refused(with(NULL, "declaration", json_false()), "declaration", "required"),
	      "the declaration unticked");
	CHECK(refused(with("applicant", "name", json_string("张三\n管理员")), "applicant.name",
	              "control_character"),
	      "a line break in a name (a forged second line on a staff page)");
	CHECK(refused(with("applicant", "name", json_string("张\xe2\x80\xae三")), "applicant.name",
	              "control_character"),
	      "a bidi override in a name");
	CHECK(refused(with("applicant", "postcode", json_string("10001a")), "applicant.postcode",
	              "format"),
	      "a postcode of six digits");
	CHECK(refused(with("applicant", "phone", json_string("12345")), "applicant.phone",
	              "format") ||
	          refused(with("applicant", "phone", json_string("12345")), "applicant.phone",
	                  "length"),
	      "a phone number");
	CHECK(refused(with("applicant", "role", json_string("admin")), "applicant.role",
	              "unknown_field"),
	      "an unknown field is refused, not ignored");
	CHECK(
	    refused(with("form", "delivery", json_string("email")), "applicant.email", "required"),
	    "delivery by e-mail needs an address");
	CHECK(refused(with("information", "description", json_string("   ")),
	              "information.description", "empty"),
	      "a blank description");
	CHECK(refused(with(NULL, "pow", NULL), "pow", "required"), "no proof of work");

	/* the number and the code */
	char number[OGI_ONLINE_NUMBER_SIZE], again[OGI_ONLINE_NUMBER_SIZE];
	ogi_online_number_new(today, number);
	ogi_online_number_new(today, again);
	CHECK(strncmp(number, "WS20261203", 10) == 0 && strlen(number) == 16, "%s", number);
	CHECK(ogi_online_number_valid(number), "%s", number);
	CHECK(strcmp(number, again) != 0, "random: %s %s", number, again);
	CHECK(!ogi_online_number_valid("WS2026120300000"), "15 characters");
	CHECK(!ogi_online_number_valid("WS20261203abcdef"), "lower case");
	CHECK(!ogi_online_number_valid("' OR 1=1 --     "), "injection");
	char code[OGI_ONLINE_CODE_LEN + 1];
	ogi_online_code_new(code);
	CHECK(strlen(code) >= 10 && strcspn(code, "01OIL") == strlen(code), "%s", code);

	/* the public status of a registered request */
	CHECK_INT(ogi_public_status_of(OGI_STATUS_REGISTERED, -1, false, false),
	          OGI_PUBLIC_ACCEPTED, "just confirmed: 已受理");
	CHECK_INT(ogi_public_status_of(OGI_STATUS_REGISTERED, -1, false, true),
	          OGI_PUBLIC_IN_PROGRESS, "something done: 办理中");
	CHECK_INT(ogi_public_status_of(OGI_STATUS_REGISTERED, -1, true, true), OGI_PUBLIC_EXTENDED,
	          "art. 33(2) extension: 已延期");
	CHECK_INT(ogi_public_status_of(OGI_STATUS_AWAITING_CORRECTION, -1, false, true),
	          OGI_PUBLIC_CORRECTION, "art. 30: 待补正");
	CHECK_INT(ogi_public_status_of(OGI_STATUS_CONSULTING, -1, false, true),
	          OGI_PUBLIC_CONSULTING, "art. 32: 征求意见中");
	CHECK_INT(ogi_public_status_of(OGI_STATUS_AWAITING_PAYMENT, -1, false, true),
	          OGI_PUBLIC_PAYMENT, "fee notice: 待缴费");
	CHECK_INT(ogi_public_status_of(OGI_STATUS_CLOSED, OGI_OUT_DISCLOSED, false, true),
	          OGI_PUBLIC_REPLIED, "art. 36(2): 已答复");
	CHECK_INT(ogi_public_status_of(OGI_STATUS_CLOSED, OGI_OUT_WITHDRAWN, false, true),
	          OGI_PUBLIC_ENDED, "withdrawn: 已终止");
	CHECK_INT(ogi_public_status_of(OGI_STATUS_CLOSED, OGI_OUT_LAPSED_CORRECTION, false, true),
	          OGI_PUBLIC_ENDED, "art. 30 lapsed: 已终止");
	return check_done("online");
}
