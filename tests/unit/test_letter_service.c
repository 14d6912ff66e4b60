/* The service (送达) of a letter (lib/letter_service.h) and who drafts and
 * issues each kind (lib/roles.h), as tables: the legal date of each method
 * (国办公开办函〔2016〕235号: 签收之日; 邮寄以交邮之日为准; e-mail 〔2015〕207号:
 * 电子邮件系统收到之日) and the checks of a delivery. */
#include "lib/letter_service.h"
#include "lib/roles.h"
#include "tests/unit/check.h"

static ogi_date D(const char *s)
{
	ogi_date d = OGI_DATE_NONE;
	if (s != NULL)
		ogi_date_parse(s, &d);
	return d;
}

static const char *fmt(ogi_date d)
{
	static char buf[4][OGI_DATE_STRLEN];
	static int i;
	if (d == OGI_DATE_NONE)
		return "none";
	return ogi_date_format(d, buf[i++ % 4]);
}

static void legal_dates(void)
{
	static const struct {
		enum ogi_service_method method;
		const char *sent_on, *served_on, *legal;
		const char *why;
	} rows[] = {
	    {OGI_SERVICE_IN_PERSON, NULL, "2025-03-21", "2025-03-21",
	     "235号: the day of signature"},
	    {OGI_SERVICE_IN_PERSON, "2025-03-20", NULL, "none",
	     "235号: handed over but not signed yet: no legal date"},
	    {OGI_SERVICE_POST, "2025-03-20", "2025-03-24", "2025-03-20",
	     "235号: 邮寄的以交邮之日为准, not the day the return was signed"},
	    {OGI_SERVICE_POST, "2025-03-20", NULL, "2025-03-20",
	     "235号: the posting date is known before the signed return comes back"},
	    {OGI_SERVICE_EMAIL, "2025-03-20", "2025-03-22", "2025-03-20",
	     "〔2015〕207号: the day the mail system received it"},
	    {OGI_SERVICE_EMAIL, NULL, "2025-03-22", "2025-03-22",
	     "e-mail without a sending date: the day recorded as served"},
	    {OGI_SERVICE_ONLINE, "2025-03-20", NULL, "2025-03-20",
	     "the platform's sending, as e-mail (inference)"},
	    {OGI_SERVICE_FAX, "2025-03-20", NULL, "2025-03-20", "the fax's sending (inference)"},
	    {OGI_SERVICE_LEFT_AT_ADDRESS, "2025-03-20", "2025-03-21", "2025-03-21",
	     "留置送达: the day it was left"},
	    {OGI_SERVICE_LEFT_AT_ADDRESS, "2025-03-20", NULL, "2025-03-20",
	     "留置送达 with only the day it was taken there"},
	    {OGI_SERVICE_PUBLIC_NOTICE, "2025-03-20", NULL, "none",
	     "公告送达: served when the notice period ends (served_on), not when posted"},
	    {OGI_SERVICE_PUBLIC_NOTICE, "2025-03-20", "2025-05-19", "2025-05-19",
	     "公告送达: the day it counts as served"},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		CHECK_STR(fmt(ogi_service_legal_date(rows[i].method, D(rows[i].sent_on),
		                                     D(rows[i].served_on))),
		          rows[i].legal, "%s: %s", ogi_service_method_names[rows[i].method],
		          rows[i].why);
}

static int check(enum ogi_service_method m, const char *sent, const char *served, bool had_legal,
                 const char **field)
{
	struct ogi_letter_delivery d = {.method = m, .sent_on = D(sent), .served_on = D(served)};
	struct spec_errors errs = {0};
	bool ok = ogi_delivery_check(&d, D("2025-03-20"), D("2025-04-30"), had_legal, &errs);
	*field = errs.n > 0 ? errs.e[0].field : "";
	return ok ? 0 : errs.n;
}

static void delivery_checks(void)
{
	/* the letter dated 2025-03-20, today 2025-04-30 */
	static const struct {
		enum ogi_service_method method;
		const char *sent_on, *served_on;
		bool had_legal;
		const char *field; /* "" when it passes */
		const char *why;
	} rows[] = {
	    {OGI_SERVICE_POST, NULL, "2025-03-24", false, "sent_on",
	     "235号: post is dated by the posting: sent_on is required"},
	    {OGI_SERVICE_POST, "2025-03-20", NULL, false, "", "posted on the letter's date"},
	    {OGI_SERVICE_IN_PERSON, NULL, "2025-03-19", false, "served_on",
	     "served before the letter's date"},
	    {OGI_SERVICE_IN_PERSON, NULL, "2025-05-01", false, "served_on",
	     "a service date in the future"},
	    {OGI_SERVICE_POST, "2025-03-25", "2025-03-24", false, "served_on",
	     "signed for before it was posted"},
	    {OGI_SERVICE_IN_PERSON, NULL, NULL, false, "",
	     "an in-person delivery recorded before its signature"},
	    {OGI_SERVICE_IN_PERSON, NULL, NULL, true, "served_on",
	     "a legal date already recorded is corrected, not removed"},
	    {OGI_SERVICE_IN_PERSON, NULL, "2025-03-28", true, "", "the signature date corrected"},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const char *field;
		int n = check(rows[i].method, rows[i].sent_on, rows[i].served_on, rows[i].had_legal,
		              &field);
		CHECK_STR(field, rows[i].field, "%s: %s", ogi_service_method_names[rows[i].method],
		          rows[i].why);
		CHECK(rows[i].field[0] == '\0' ? n == 0 : n > 0, "%s", rows[i].why);
	}
}

static void letter_roles(void)
{
	static const struct {
		enum ogi_letter_kind kind;
		enum ogi_role draft, issue;
		const char *why;
	} rows[] = {
	    {OGI_LETTER_RECEIPT, OGI_ROLE_CLERK, OGI_ROLE_CLERK,
	     "arts. 29, 31: the receipt records what arrived and decides nothing"},
	    {OGI_LETTER_CORRECTION_NOTICE, OGI_ROLE_CLERK, OGI_ROLE_APPROVER,
	     "art. 30: the front desk drafts it; the body signs the notice"},
	    {OGI_LETTER_EXTENSION_NOTICE, OGI_ROLE_CLERK, OGI_ROLE_APPROVER,
	     "art. 33(2): 经政府信息公开工作机构负责人同意"},
	    {OGI_LETTER_DELAY_NOTICE, OGI_ROLE_CLERK, OGI_ROLE_APPROVER,
	     "art. 35: the body decides the reasonable delay"},
	    {OGI_LETTER_THIRD_PARTY_CONSULTATION, OGI_ROLE_CLERK, OGI_ROLE_APPROVER,
	     "art. 32: the body's written consultation"},
	    {OGI_LETTER_CONSULTATION_NOTICE, OGI_ROLE_CLERK, OGI_ROLE_APPROVER,
	     "art. 33(3): the body tells the applicant"},
	    {OGI_LETTER_BODY_CONSULTATION, OGI_ROLE_CLERK, OGI_ROLE_APPROVER,
	     "art. 34: one body writes to another"},
	    {OGI_LETTER_OVERRIDE_NOTICE, OGI_ROLE_CLERK, OGI_ROLE_APPROVER,
	     "art. 32: the decision to disclose over an objection"},
	    {OGI_LETTER_FEE_NOTICE, OGI_ROLE_CLERK, OGI_ROLE_APPROVER,
	     "国办函〔2020〕109号: a fee is charged only when an approver decides to"},
	    {OGI_LETTER_REPLY, OGI_ROLE_HANDLER, OGI_ROLE_APPROVER,
	     "art. 36: a handler prepares the reply (DESIGN.md §2), an approver signs it"},
	};
	_Static_assert(sizeof rows / sizeof rows[0] == OGI_LETTER_KIND_COUNT,
	               "every letter kind has a row");
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		CHECK_STR(ogi_role_names[ogi_letter_draft_role(rows[i].kind)],
		          ogi_role_names[rows[i].draft], "draft %s: %s",
		          ogi_letter_kind_names[rows[i].kind], rows[i].why);
		CHECK_STR(ogi_role_names[ogi_letter_issue_role(rows[i].kind)],
		          ogi_role_names[rows[i].issue], "issue %s: %s",
		          ogi_letter_kind_names[rows[i].kind], rows[i].why);
	}
}

int main(void)
{
	legal_dates();
	delivery_checks();
	letter_roles();
	return check_done("letter_service");
}
