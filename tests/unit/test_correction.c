/* Corrections of a registration (lib/correction.c, issue 14 item 2) and the
 * masking of personal numbers in the history (lib/mask.c): which fields, the
 * record after checked by intake's rules again (条例 art. 31's receipt date
 * and its relations; GB 11643-1999 and GB 32100-2015 for identity documents),
 * what changed, and the changes as the record_corrected event stores them,
 * the identity number and phone masked. */
#include "lib/correction.h"
#include "lib/domain.h"
#include "lib/mask.h"
#include "tests/unit/caldata.h"
#include "tests/unit/check.h"

#include <stdlib.h>

static void errors_text(const struct spec_errors *errs, char *out, size_t len)
{
	size_t used = 0;
	out[0] = '\0';
	for (int i = 0; i < errs->n && used < len; i++)
		used += (size_t)snprintf(out + used, len - used, "%s%s:%s", i ? " " : "",
		                         errs->e[i].field, errs->e[i].code);
}

/* The registration every row corrects: an in-person application of 2024-09-27. */
static struct ogi_intake registered(void)
{
	return (struct ogi_intake){
	    .body_id = 7,
	    .channel = OGI_CHANNEL_IN_PERSON,
	    .received_on = D("2024-09-27"),
	    .submitted_on = OGI_DATE_NONE,
	    .confirmed_on = OGI_DATE_NONE,
	    .applicant = {.kind = OGI_APPLICANT_NATURAL_PERSON,
	                  .id_type = OGI_ID_RESIDENT_ID_CARD,
	                  .name = "张三",
	                  .id_number = "11010519491231002X",
	                  .phone = "13812345678",
	                  .address = "平湛市马山区幸福路8号"},
	    .description = "2023年本街道老旧小区改造项目的招标文件",
	    .form_medium = OGI_MEDIUM_PAPER,
	    .form_delivery = OGI_DELIVERY_POST,
	};
}

#define F(x) OGI_CORR_BIT(OGI_CORR_##x)

int main(void)
{
	static const struct {
		unsigned given;
		/* the values given (NULL / -1 / "" date: null, to clear) */
		const char *name, *id_number, *phone, *email, *description, *received, *submitted;
		int kind, id_type, channel, medium;
		const char *want_errors;  /* "field:code …", "" for none */
		const char *want_changes; /* the event's changes, compact JSON; NULL when refused */
		const char *why;
	} rows[] = {
	    {F(APPLICANT_NAME), "张珊", NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0, "",
	     "[{\"field\":\"applicant.name\",\"from\":\"张三\",\"to\":\"张珊\"}]",
	     "a name typed wrong: the old and new name kept"},
	    {F(APPLICANT_NAME), "张三", NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0, "", "[]",
	     "the same name: nothing changes (the route refuses it as nothing to correct)"},
	    {F(APPLICANT_NAME), NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0,
	     "applicant.name:required", NULL, "a registration keeps its applicant's name"},
	    {F(DESCRIPTION) | F(RECEIVED_ON), NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0,
	     "description:required received_on:required", NULL,
	     "required fields cleared: each named"},
	    /* GB 11643-1999: the corrected number is checked again, and masked in the history */
	    {F(ID_NUMBER), NULL, "110105199003071239", NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0, "",
	     "[{\"field\":\"applicant.id_number\",\"from\":\"110105********002X\","
	     "\"to\":\"110105********1239\"}]",
	     "a new resident card number: valid, both masked to region code and last 4"},
	    {F(ID_NUMBER), NULL, "110105199003071238", NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0,
	     "applicant.id_number:check_digit", NULL, "a wrong check digit is refused again"},
	    {F(ID_NUMBER), NULL, "11010519491231002x", NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0, "",
	     "[]", "the same number in lower case: its normal form is the one registered"},
	    {F(ID_TYPE) | F(ID_NUMBER), NULL, "91110000600037341L", NULL, NULL, NULL, NULL, NULL, 0,
	     OGI_ID_USCC, 0, 0, "",
	     "[{\"field\":\"applicant.id_type\",\"from\":\"resident_id_card\",\"to\":\"uscc\"},"
	     "{\"field\":\"applicant.id_number\",\"from\":\"110105********002X\","
	     "\"to\":\"91************341L\"}]",
	     "a 统一社会信用代码 (GB 32100-2015) instead: type and number together"},
	    {F(ID_NUMBER), NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, 0, 0,
	     "applicant.id_number:required", NULL,
	     "the number cleared without its type: they go together"},
	    {F(ID_TYPE) | F(ID_NUMBER), NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, -1, 0, 0, "",
	     "[{\"field\":\"applicant.id_type\",\"from\":\"resident_id_card\",\"to\":null},"
	     "{\"field\":\"applicant.id_number\",\"from\":\"110105********002X\",\"to\":null}]",
	     "the document cleared, type and number together"},
	    /* contact data: checked as at intake; the phone masked to its first 3 and last 4 */
	    {F(PHONE), NULL, NULL, "13987654321", NULL, NULL, NULL, NULL, 0, 0, 0, 0, "",
	     "[{\"field\":\"applicant.phone\",\"from\":\"138****5678\",\"to\":\"139****4321\"}]",
	     "a new mobile number"},
	    {F(PHONE) | F(EMAIL), NULL, NULL, "12800000000", "zhang@", NULL, NULL, NULL, 0, 0, 0, 0,
	     "applicant.phone:format applicant.email:format", NULL,
	     "a bad phone and a bad e-mail address: both named"},
	    {F(PHONE) | F(EMAIL), NULL, NULL, NULL, "zhang@example.cn", NULL, NULL, NULL, 0, 0, 0,
	     0, "",
	     "[{\"field\":\"applicant.phone\",\"from\":\"138****5678\",\"to\":null},"
	     "{\"field\":\"applicant.email\",\"from\":null,\"to\":\"z****@example.cn\"}]",
	     "the phone cleared, an e-mail address added"},
	    /* the report's column and the form asked for */
	    {F(APPLICANT_KIND) | F(FORM_MEDIUM), NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	     OGI_APPLICANT_COMMERCIAL_ENTERPRISE, 0, 0, OGI_MEDIUM_ELECTRONIC, "",
	     "[{\"field\":\"applicant.kind\",\"from\":\"natural_person\","
	     "\"to\":\"commercial_enterprise\"},"
	     "{\"field\":\"form.medium\",\"from\":\"paper\",\"to\":\"electronic\"}]",
	     "kind and medium: wire names, in field order"},
	    /* art. 31: the receipt date and the channel that decides it */
	    {F(RECEIVED_ON) | F(CHANNEL), NULL, NULL, NULL, NULL, NULL, "2024-09-30", "2024-09-26",
	     0, 0, OGI_CHANNEL_POST_REGISTERED, 0, "",
	     "[{\"field\":\"channel\",\"from\":\"in_person\",\"to\":\"post_registered\"},"
	     "{\"field\":\"received_on\",\"from\":\"2024-09-27\",\"to\":\"2024-09-30\"}]",
	     "registered post signed for on 09-30 (art. 31(二)): the channel and the date it "
	     "decides (the submission date typed but not named in given: left as it was)"},
	    {F(RECEIVED_ON), NULL, NULL, NULL, NULL, NULL, "2024-12-10", NULL, 0, 0, 0, 0,
	     "received_on:date_in_future", NULL, "a receipt date that has not come (today 12-03)"},
	    {F(RECEIVED_ON), NULL, NULL, NULL, NULL, NULL, "2008-04-30", NULL, 0, 0, 0, 0,
	     "received_on:before_regulation", NULL,
	     "before the 2007 regulation came into force (art. 38: 2008-05-01)"},
	    {F(SUBMITTED_ON), NULL, NULL, NULL, NULL, NULL, NULL, "2024-09-28", 0, 0, 0, 0,
	     "submitted_on:after_receipt", NULL, "submitted after its receipt (art. 31(二))"},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		struct ogi_intake before = registered();
		struct ogi_correction corr = {
		    .given = rows[i].given,
		    .to = {.channel = rows[i].channel,
		           .received_on = rows[i].received ? D(rows[i].received) : OGI_DATE_NONE,
		           .submitted_on = rows[i].submitted ? D(rows[i].submitted) : OGI_DATE_NONE,
		           .confirmed_on = OGI_DATE_NONE,
		           .applicant = {.kind = rows[i].kind,
		                         .id_type = rows[i].id_type,
		                         .name = rows[i].name,
		                         .id_number = rows[i].id_number,
		                         .phone = rows[i].phone,
		                         .email = rows[i].email},
		           .description = rows[i].description,
		           .form_medium = rows[i].medium,
		           .form_delivery = -1}};
		if ((rows[i].given & F(CHANNEL)) == 0)
			corr.to.channel = -1;
		struct ogi_correction_result res;
		struct spec_errors errs = {0};
		char got[512];
		bool ok = ogi_correction_apply(&before, &corr, D("2024-12-03"), &res, &errs);
		errors_text(&errs, got, sizeof got);
		CHECK_STR(got, rows[i].want_errors, "row %zu: %s", i, rows[i].why);
		CHECK_INT(ok, rows[i].want_changes != NULL, "row %zu: %s", i, rows[i].why);
		if (!ok || rows[i].want_changes == NULL)
			continue;
		json_t *changes = ogi_correction_changes(&before, &res);
		char *text = json_dumps(changes, JSON_COMPACT | JSON_PRESERVE_ORDER);
		/* jansson's compact form puts no spaces: compare as written above */
		CHECK_STR(text, rows[i].want_changes, "row %zu: %s", i, rows[i].why);
		CHECK_INT(res.changed == 0, json_array_size(changes) == 0, "row %zu", i);
		free(text);
		json_decref(changes);
	}

	/* what changes moves the clock and the report's figures */
	struct ogi_intake before = registered();
	struct ogi_correction corr = {.given = F(RECEIVED_ON), .to = before};
	corr.to.received_on = D("2024-09-26");
	struct ogi_correction_result res;
	struct spec_errors errs = {0};
	CHECK(ogi_correction_apply(&before, &corr, D("2024-12-03"), &res, &errs), "valid");
	CHECK((res.changed & OGI_CORR_CLOCK) != 0, "a receipt date moves the clock");
	CHECK((res.changed & OGI_CORR_FIGURES) != 0, "and the year's figures");
	CHECK_INT(res.after.received_on, D("2024-09-26"), "the record after has it");
	CHECK_STR(before.applicant.name, "张三", "the record before is not touched");
	corr = (struct ogi_correction){.given = F(ADDRESS), .to = before};
	corr.to.applicant.address = "平湛市马山区幸福路18号";
	CHECK(ogi_correction_apply(&before, &corr, D("2024-12-03"), &res, &errs), "valid");
	CHECK_INT(res.changed, F(ADDRESS), "only the address");
	CHECK((res.changed & OGI_CORR_FIGURES) == 0, "an address is no figure");

	/* the postcode beside the address: six digits (GB/T 10113), or none */
	before = registered();
	corr = (struct ogi_correction){.given = F(POSTCODE), .to = before};
	corr.to.applicant.postcode = "528000";
	errs.n = 0;
	CHECK(ogi_correction_apply(&before, &corr, D("2024-12-03"), &res, &errs),
	      "a postcode added");
	CHECK_INT(res.changed, F(POSTCODE), "only the postcode");
	json_t *pc = ogi_correction_changes(&before, &res);
	char *pct = json_dumps(pc, JSON_COMPACT);
	CHECK_STR(pct, "[{\"field\":\"applicant.postcode\",\"from\":null,\"to\":\"528000\"}]",
	          "kept whole: a postcode is no personal number");
	free(pct);
	json_decref(pc);
	corr.to.applicant.postcode = "52800";
	CHECK(!ogi_correction_apply(&before, &corr, D("2024-12-03"), &res, &errs), "five digits");
	CHECK_STR(errs.e[0].field, "applicant.postcode", "named");

	/* a record registered before a rule was tightened: its old phone does not block a
	   correction of the name, but is checked once the phone itself is corrected */
	before.applicant.phone = "abc";
	corr = (struct ogi_correction){.given = F(APPLICANT_NAME), .to = before};
	corr.to.applicant.name = "张珊";
	errs.n = 0;
	CHECK(ogi_correction_apply(&before, &corr, D("2024-12-03"), &res, &errs),
	      "an unrelated correction passes");
	corr.given = F(PHONE);
	corr.to.applicant.phone = "abd";
	CHECK(!ogi_correction_apply(&before, &corr, D("2024-12-03"), &res, &errs),
	      "the phone corrected is checked");

	/* masking: the history never keeps a personal number whole */
	static const struct {
		int id_type; /* -2: a phone */
		const char *in, *want, *why;
	} masks[] = {
	    {OGI_ID_RESIDENT_ID_CARD, "110105194912311234", "110105********1234",
	     "居民身份证: region code and last 4 (the birth date hidden)"},
	    {OGI_ID_RESIDENT_ID_CARD, "11010519491231002X", "110105********002X", "check digit X"},
	    {OGI_ID_USCC, "91110000600037341L", "91************341L",
	     "统一社会信用代码: first 2 and last 4"},
	    {OGI_ID_PASSPORT, "E12345678", "E1***5678", "a passport"},
	    {OGI_ID_PASSPORT, "E1234", "****4", "too short for head and tail: only a quarter"},
	    {OGI_ID_OTHER, "", "", "empty stays empty"},
	    {-2, "13812345678", "138****5678", "a mobile number: 3 and 4"},
	    {-2, "010-6512 3456", "010******3456", "a landline: separators starred too"},
	    {-2, "1234", "***4", "a short number never shows whole"},
	    {-2, "12", "**", "two digits: nothing shown"},
	    {OGI_ID_OTHER, "证件编号甲乙丙丁戊己", "证件****丙丁戊己",
	     "characters, not bytes: one star each"},
	};
	for (size_t i = 0; i < sizeof masks / sizeof masks[0]; i++) {
		char out[128];
		if (masks[i].id_type == -2)
			ogi_mask_phone(masks[i].in, out, sizeof out);
		else
			ogi_mask_id_number(masks[i].id_type, masks[i].in, out, sizeof out);
		CHECK_STR(out, masks[i].want, "mask %zu: %s", i, masks[i].why);
	}
	/* the other personal fields in a correction's history (issue 19, what must work 5) */
	static const struct {
		int kind; /* 0 address, 1 e-mail, 2 contact */
		const char *in, *want, *why;
	} others[] = {
	    {0, "平湛市马山区幸福路8号", "平湛市马山区*****", "an address: city and district"},
	    {0, "幸福路8号", "*****", "a short address: nothing"},
	    {1, "zhangshan@example.cn", "z********@example.cn", "e-mail: first and domain"},
	    {1, "a@b.cn", "*@b.cn", "a one-letter local part: starred"},
	    {1, "no-at-sign", "n*********", "no @: as a word"},
	    {2, "微信 zhang_3", "微*******_3", "another contact: 1 and 2"},
	};
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		char out[128];
		if (others[i].kind == 0)
			ogi_mask_address(others[i].in, out, sizeof out);
		else if (others[i].kind == 1)
			ogi_mask_email(others[i].in, out, sizeof out);
		else
			ogi_mask_contact(others[i].in, out, sizeof out);
		CHECK_STR(out, others[i].want, "other %zu: %s", i, others[i].why);
	}
	char small[6];
	ogi_mask_middle("证件编号甲乙丙丁戊己", 2, 4, small, sizeof small);
	CHECK_STR(small, "证", "cut to the room at a whole character");
	ogi_mask_middle(NULL, 3, 4, small, sizeof small);
	CHECK_STR(small, "", "NULL is empty");
	return check_done("correction");
}
