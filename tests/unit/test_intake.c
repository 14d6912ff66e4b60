/* The rules of an application at intake beyond its types (lib/intake.c):
 * the regulation's first day, the receipt date's relations to submission,
 * confirmation and today, and the applicant's identity and contact data. */
#include "lib/intake.h"
#include "tests/unit/caldata.h"
#include "tests/unit/check.h"

/* The errors a check gave as "field:code field:code …", in order. */
static void errors_text(const struct spec_errors *errs, char *out, size_t len)
{
	size_t used = 0;
	out[0] = '\0';
	for (int i = 0; i < errs->n && used < len; i++)
		used += (size_t)snprintf(out + used, len - used, "%s%s:%s", i ? " " : "",
		                         errs->e[i].field, errs->e[i].code);
}

int main(void)
{
	static const struct {
		const char *today, *received, *submitted, *confirmed; /* NULL: absent */
		int id_type;                                          /* -1: absent */
		const char *id_number, *phone, *email;
		const char *want; /* the errors, "" for none */
		const char *why;
	} rows[] = {
	    /* 条例 (国务院令第492号, 2007) art. 38: in force 2008-05-01; an application
	       received before it has no statutory clock */
	    {"2024-06-03", "2008-05-01", NULL, NULL, -1, NULL, NULL, NULL, "",
	     "received on the 2007 regulation's first day in force"},
	    {"2024-06-03", "2008-04-30", NULL, NULL, -1, NULL, NULL, NULL,
	     "received_on:before_regulation", "the day before the 2007 regulation came into force"},
	    {"2024-06-03", "1999-12-31", NULL, NULL, -1, NULL, NULL, NULL,
	     "received_on:before_regulation", "years before any regulation"},
	    /* 条例 (国务院令第711号, 2019) art. 31: the receipt date is the day the office
	       takes the application, signs for it or confirms it: never a day to come */
	    {"2024-06-03", "2024-06-03", NULL, NULL, -1, NULL, NULL, NULL, "",
	     "received today (an in-person application, art. 31(一))"},
	    {"2024-06-03", "2024-06-04", NULL, NULL, -1, NULL, NULL, NULL,
	     "received_on:date_in_future", "tomorrow has not come"},
	    /* art. 31(二)(三): what the applicant sent is signed for or confirmed on or after
	       the day it was sent */
	    {"2024-06-03", "2024-05-20", "2024-05-17", "2024-05-20", -1, NULL, NULL, NULL, "",
	     "posted on a Friday, signed for on the Monday"},
	    {"2024-06-03", "2024-05-20", "2024-05-20", NULL, -1, NULL, NULL, NULL, "",
	     "submitted and received the same day"},
	    {"2024-06-03", "2024-05-20", "2024-05-21", NULL, -1, NULL, NULL, NULL,
	     "submitted_on:after_receipt", "submitted the day after its receipt"},
	    /* … and not years before it: the post takes days, a confirmation days or weeks
	       (issue 19 item 8: 2007-12-31 with a 2026 receipt was accepted) */
	    {"2026-01-20", "2026-01-05", "2007-12-31", NULL, -1, NULL, NULL, NULL,
	     "submitted_on:too_early", "submitted 18 years before: a year typed wrong"},
	    {"2025-06-03", "2025-05-20", "2024-05-18", NULL, -1, NULL, NULL, NULL,
	     "submitted_on:too_early", "367 days before the receipt: past the year allowed"},
	    {"2025-06-03", "2025-05-20", "2024-05-19", NULL, -1, NULL, NULL, NULL, "",
	     "366 days before: the longest allowed (a year, and a day to spare)"},
	    {"2024-06-03", "2024-05-20", NULL, "2024-06-04", -1, NULL, NULL, NULL,
	     "confirmed_on:date_in_future",
	     "an online application confirmed tomorrow (art. 31(三))"},
	    {"2024-06-03", "2024-06-04", "2024-06-05", "2024-06-05", -1, NULL, NULL, NULL,
	     "received_on:date_in_future submitted_on:after_receipt confirmed_on:date_in_future",
	     "every date rule broken at once: each is reported"},
	    /* identity documents (GB 11643-1999 for 居民身份证): type and number together */
	    {"2024-06-03", "2024-05-20", NULL, NULL, OGI_ID_RESIDENT_ID_CARD, "11010519491231002x",
	     NULL, NULL, "", "a valid resident card number (lower-case x)"},
	    {"2024-06-03", "2024-05-20", NULL, NULL, OGI_ID_RESIDENT_ID_CARD, NULL, NULL, NULL,
	     "applicant.id_number:required", "a type without a number"},
	    {"2024-06-03", "2024-05-20", NULL, NULL, -1, "11010519491231002X", NULL, NULL,
	     "applicant.id_type:required", "a number without a type"},
	    {"2024-06-03", "2024-05-20", NULL, NULL, OGI_ID_RESIDENT_ID_CARD, "110105194912310021",
	     NULL, NULL, "applicant.id_number:check_digit", "a wrong check digit"},
	    {"2024-06-03", "2024-05-20", NULL, NULL, -1, NULL, "13800000000", "zhang@example.cn",
	     "", "a mobile number and an e-mail address"},
	    {"2024-06-03", "2024-05-20", NULL, NULL, -1, NULL, "12800000000", "zhang@",
	     "applicant.phone:format applicant.email:format",
	     "a phone outside 13..19 and an address without a domain"},
	    {"2024-06-03", "2008-04-30", "2008-05-02", NULL, OGI_ID_USCC, "91110000600037341M",
	     "abc", NULL,
	     "received_on:before_regulation submitted_on:after_receipt "
	     "applicant.id_number:check_digit applicant.phone:format",
	     "date and identity rules together, in the order of the form"},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct ogi_intake in = {
		    .channel = OGI_CHANNEL_IN_PERSON,
		    .received_on = D(rows[i].received),
		    .submitted_on = rows[i].submitted ? D(rows[i].submitted) : OGI_DATE_NONE,
		    .confirmed_on = rows[i].confirmed ? D(rows[i].confirmed) : OGI_DATE_NONE,
		    .applicant = {.kind = OGI_APPLICANT_NATURAL_PERSON,
		                  .id_type = rows[i].id_type,
		                  .name = "张三",
		                  .id_number = rows[i].id_number,
		                  .phone = rows[i].phone,
		                  .email = rows[i].email},
		    .description = "2023年本街道老旧小区改造项目的招标文件",
		    .form_medium = -1,
		    .form_delivery = -1,
		};
		struct spec_errors errs = {0};
		char id_buf[64], got[512];
		bool ok = ogi_intake_check(&in, D(rows[i].today), &errs, id_buf, sizeof id_buf);
		errors_text(&errs, got, sizeof got);
		CHECK_STR(got, rows[i].want, "row %zu: %s", i, rows[i].why);
		CHECK_INT(ok, rows[i].want[0] == '\0', "row %zu: %s", i, rows[i].why);
	}

	/* GB/T 10113: a 邮政编码 is six digits */
	struct ogi_intake pc = {.received_on = D("2024-05-20"),
	                        .submitted_on = OGI_DATE_NONE,
	                        .confirmed_on = OGI_DATE_NONE,
	                        .applicant = {.id_type = -1, .postcode = "528000"}};
	struct spec_errors pe = {0};
	char pbuf[64];
	CHECK(ogi_intake_check(&pc, D("2024-06-03"), &pe, pbuf, sizeof pbuf), "six digits");
	pc.applicant.postcode = "52800A";
	CHECK(!ogi_intake_check(&pc, D("2024-06-03"), &pe, pbuf, sizeof pbuf), "a letter");
	CHECK_STR(pe.e[0].field, "applicant.postcode", "named");

	/* a valid number is stored in its normal form, the caller's text untouched */
	const char *typed = "11010519491231002x";
	struct ogi_intake in = {
	    .received_on = D("2024-05-20"),
	    .submitted_on = OGI_DATE_NONE,
	    .confirmed_on = OGI_DATE_NONE,
	    .applicant = {.id_type = OGI_ID_RESIDENT_ID_CARD, .id_number = typed}};
	struct spec_errors errs = {0};
	char id_buf[64];
	CHECK(ogi_intake_check(&in, D("2024-06-03"), &errs, id_buf, sizeof id_buf), "valid");
	CHECK_STR(in.applicant.id_number, "11010519491231002X", "upper case X");
	CHECK(in.applicant.id_number == id_buf, "points at the caller's buffer");
	CHECK_STR(typed, "11010519491231002x", "the typed text is not changed");

	/* errors already in errs (the spec's) are kept and do not make the rules fail */
	struct spec_errors prior = {0};
	spec_error_add(&prior, "description", "required", "必填", "required");
	in.applicant.id_number = typed;
	CHECK(ogi_intake_check(&in, D("2024-06-03"), &prior, id_buf, sizeof id_buf),
	      "the rules themselves pass");
	CHECK_INT(prior.n, 1, "the spec's error stays, none added");
	return check_done("intake");
}
