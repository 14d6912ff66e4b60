/* Reconsideration and litigation: results of decisions and judgments, the
 * order of instances, the report's "result as of 31 December" rule, the
 * art. 23 flag and the dates that follow from a record, each counted by
 * hand from the official calendar (law.md §5.2, §6). */
#include "lib/remedies.h"
#include "tests/unit/caldata.h"
#include "tests/unit/check.h"

static struct ogi_calendar *cal;

/* a date, or none for NULL (an undecided instance) */
static ogi_date DN(const char *s)
{
	return s != NULL ? D(s) : OGI_DATE_NONE;
}

static const char *fmt(ogi_date d)
{
	static char buf[4][OGI_DATE_STRLEN];
	static int i;
	if (d == OGI_DATE_NONE)
		return "none";
	return ogi_date_format(d, buf[i++ % 4]);
}

static void decisions(void)
{
	static const struct {
		const char *decision;
		enum ogi_remedy_result result;
	} cases[] = {
		{"维持", OGI_RESULT_UPHELD},       {"驳回请求", OGI_RESULT_UPHELD},
		{"变更", OGI_RESULT_CORRECTED},    {"撤销", OGI_RESULT_CORRECTED},
		{"部分撤销", OGI_RESULT_CORRECTED}, {"确认违法", OGI_RESULT_CORRECTED},
		{"责令履行", OGI_RESULT_CORRECTED}, {"确认无效", OGI_RESULT_CORRECTED},
		{"驳回申请", OGI_RESULT_OTHER},     {"终止", OGI_RESULT_OTHER},
		{"调解", OGI_RESULT_OTHER},         {"和解", OGI_RESULT_OTHER},
	};
	/* DESIGN.md §2: upheld includes 驳回复议请求; corrected 撤销, 变更, 确认违法, 责令履行;
	   other 驳回申请, 终止, 调解, 和解 */
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int d = ogi_enum_parse(ogi_rc_decision_names, cases[i].decision);
		CHECK(d >= 0, "%s is a decision type", cases[i].decision);
		CHECK_INT(ogi_rc_decision_result((enum ogi_rc_decision)d), cases[i].result, "%s",
			  cases[i].decision);
	}
	CHECK_INT(ogi_enum_parse(ogi_rc_decision_names, "同意"), -1, "not a decision type");
	CHECK_INT(ogi_judgment_result(OGI_J_DISMISS_CLAIM, OGI_RESULT_PENDING), OGI_RESULT_UPHELD,
		  "判决驳回诉讼请求 counts as 结果维持");
	CHECK_INT(ogi_judgment_result(OGI_J_ORDER_PERFORM, OGI_RESULT_PENDING), OGI_RESULT_CORRECTED,
		  "责令限期答复/公开 corrects the body");
	CHECK_INT(ogi_judgment_result(OGI_J_WITHDRAWN, OGI_RESULT_PENDING), OGI_RESULT_OTHER, "准许撤诉");
	CHECK_INT(ogi_judgment_result(OGI_J_AFFIRM, OGI_RESULT_CORRECTED), OGI_RESULT_CORRECTED,
		  "维持原判 of a judgment that corrected the body still corrects it");
	CHECK_INT(ogi_judgment_result(OGI_J_AFFIRM, OGI_RESULT_UPHELD), OGI_RESULT_UPHELD,
		  "维持原判 of a dismissal upholds the body");
	CHECK_INT(ogi_judgment_result(OGI_J_REMAND, OGI_RESULT_CORRECTED), OGI_RESULT_PENDING,
		  "发回重审 leaves the case pending");
}

#define FIRST(f, d, j) {OGI_INSTANCE_FIRST, D(f), DN(d), j, OGI_RESULT_PENDING, false, OGI_DATE_NONE, OGI_DATE_NONE, OGI_DATE_NONE, OGI_DATE_NONE, OGI_DATE_NONE, false}
#define SECOND(f, d, j) {OGI_INSTANCE_SECOND, D(f), DN(d), j, OGI_RESULT_PENDING, false, OGI_DATE_NONE, OGI_DATE_NONE, OGI_DATE_NONE, OGI_DATE_NONE, OGI_DATE_NONE, false}
#define RETRIAL(f, d, j) {OGI_INSTANCE_RETRIAL, D(f), DN(d), j, OGI_RESULT_PENDING, false, OGI_DATE_NONE, OGI_DATE_NONE, OGI_DATE_NONE, OGI_DATE_NONE, OGI_DATE_NONE, false}

static enum ogi_error seq(struct ogi_instance *v, size_t n)
{
	char detail[256];
	enum ogi_error rc = ogi_litigation_check(v, n, detail, sizeof detail);
	CHECK(rc == 0 || detail[0] != '\0', "a refusal says why");
	return rc;
}

static void instance_order(void)
{
	struct ogi_instance ok[] = {FIRST("2024-03-01", "2024-08-01", OGI_J_REVOKE),
				    SECOND("2024-08-10", "2025-02-01", OGI_J_AFFIRM),
				    RETRIAL("2025-06-01", NULL, -1)};
	CHECK_INT(seq(ok, 3), 0, "first, appeal, retrial");
	struct ogi_instance second_first[] = {SECOND("2024-03-01", NULL, -1)};
	CHECK_INT(seq(second_first, 1), OGI_E_INSTANCE_ORDER, "no second instance without a first");
	struct ogi_instance undecided[] = {FIRST("2024-03-01", NULL, -1), SECOND("2024-08-10", NULL, -1)};
	CHECK_INT(seq(undecided, 2), OGI_E_INSTANCE_ORDER, "an appeal follows a decision");
	struct ogi_instance early[] = {FIRST("2024-03-01", "2024-08-01", OGI_J_REVOKE),
				       SECOND("2024-07-31", NULL, -1)};
	CHECK_INT(seq(early, 2), OGI_E_INSTANCE_ORDER, "an appeal filed before the judgment it appeals");
	struct ogi_instance twice[] = {FIRST("2024-03-01", "2024-08-01", OGI_J_REVOKE),
				       SECOND("2024-08-10", "2024-11-01", OGI_J_AFFIRM),
				       SECOND("2024-11-10", NULL, -1)};
	CHECK_INT(seq(twice, 3), OGI_E_INSTANCE_ORDER, "a second-instance judgment is final (行诉法 art. 88)");
	struct ogi_instance remand[] = {FIRST("2024-03-01", "2024-08-01", OGI_J_REVOKE),
					SECOND("2024-08-10", "2024-11-01", OGI_J_REMAND),
					FIRST("2024-11-20", "2025-03-01", OGI_J_DISMISS_CLAIM)};
	CHECK_INT(seq(remand, 3), 0, "after 发回重审 the first instance tries the case again");
	remand[2].kind = OGI_INSTANCE_SECOND;
	CHECK_INT(seq(remand, 3), OGI_E_INSTANCE_ORDER, "after a remand no appeal comes before the retrial at first instance");
	struct ogi_instance again[] = {FIRST("2024-03-01", "2024-08-01", OGI_J_REVOKE),
				       FIRST("2024-08-10", NULL, -1)};
	CHECK_INT(seq(again, 2), OGI_E_INSTANCE_ORDER, "a second first instance without a remand");
	struct ogi_instance withdrawn[] = {FIRST("2024-03-01", "2024-04-01", OGI_J_WITHDRAWN),
					   SECOND("2024-04-10", NULL, -1)};
	CHECK_INT(seq(withdrawn, 2), OGI_E_INSTANCE_ORDER, "nothing to appeal after 准许撤诉");
	struct ogi_instance affirm_first[] = {FIRST("2024-03-01", "2024-04-01", OGI_J_AFFIRM)};
	CHECK_INT(seq(affirm_first, 1), OGI_E_INSTANCE_ORDER, "维持原判 decides an appeal, not a first instance");
	struct ogi_instance backwards[] = {FIRST("2024-03-01", "2024-02-28", OGI_J_REVOKE)};
	CHECK_INT(seq(backwards, 1), OGI_E_DECISION_BEFORE_FILING, "a decision before the filing");
	struct ogi_instance retrial[] = {FIRST("2024-03-01", "2024-08-01", OGI_J_DISMISS_CLAIM),
					 RETRIAL("2025-01-05", NULL, -1)};
	CHECK_INT(seq(retrial, 2), 0, "a retrial may follow a first instance that became final");
}

static void results_as_of(void)
{
	/* first instance revoked the reply on 2024-08-01; the body appealed on 2024-08-10;
	   the appeal was dismissed (维持原判) on 2025-02-01 */
	struct ogi_instance v[] = {FIRST("2024-03-01", "2024-08-01", OGI_J_REVOKE),
				   SECOND("2024-08-10", "2025-02-01", OGI_J_AFFIRM)};
	ogi_litigation_results(v, 2);
	CHECK_INT(v[0].result, OGI_RESULT_CORRECTED, "撤销 corrects");
	CHECK_INT(v[1].result, OGI_RESULT_CORRECTED, "维持原判 of 撤销 corrects");
	CHECK_INT(ogi_litigation_result_as_of(v, 2, D("2024-12-31")), OGI_RESULT_PENDING,
		  "on 2024-12-31 the latest instance filed (the appeal) is undecided: 尚未审结");
	CHECK_INT(ogi_litigation_result_as_of(v, 2, D("2025-12-31")), OGI_RESULT_CORRECTED,
		  "on 2025-12-31 the appeal is decided");
	CHECK_INT(ogi_litigation_result_as_of(v, 1, D("2024-12-31")), OGI_RESULT_CORRECTED,
		  "without an appeal the first instance's result counts");
	CHECK_INT(ogi_litigation_result_as_of(v, 2, D("2024-07-31")), OGI_RESULT_PENDING,
		  "before the first judgment: pending");
	CHECK_INT(ogi_litigation_result_as_of(v, 2, D("2024-02-28")), OGI_RESULT_PENDING,
		  "before the filing: pending (the report counts it only from its filing year)");
	struct ogi_instance remand[] = {FIRST("2024-03-01", "2024-08-01", OGI_J_REVOKE),
					SECOND("2024-08-10", "2024-11-01", OGI_J_REMAND)};
	ogi_litigation_results(remand, 2);
	CHECK_INT(ogi_litigation_result_as_of(remand, 2, D("2024-12-31")), OGI_RESULT_PENDING,
		  "remanded and not tried again by 31 December: pending");
	CHECK_INT(ogi_reconsideration_result_as_of(D("2025-01-03"), OGI_RESULT_UPHELD, D("2024-12-31")),
		  OGI_RESULT_PENDING, "a reconsideration decided on 2025-01-03 is pending in the 2024 report");
	CHECK_INT(ogi_reconsideration_result_as_of(D("2024-12-31"), OGI_RESULT_UPHELD, D("2024-12-31")),
		  OGI_RESULT_UPHELD, "decided on 31 December itself counts");
	CHECK_INT(ogi_reconsideration_result_as_of(OGI_DATE_NONE, OGI_RESULT_PENDING, D("2024-12-31")),
		  OGI_RESULT_PENDING, "undecided");

	/* the annual report's form of the rule: as of 31 December of the filing year */
	CHECK_INT(ogi_remedy_report_as_of(D("2024-03-01")), D("2024-12-31"), "the filing year's end");
	CHECK_INT(ogi_reconsideration_report_result(D("2024-11-20"), D("2025-01-10"), OGI_RC_REJECT),
		  OGI_RESULT_PENDING, "驳回申请 on 2025-01-10: 尚未审结 in the 2024 report");
	CHECK_INT(ogi_reconsideration_report_result(D("2024-05-06"), D("2024-06-14"), OGI_RC_REVOKE),
		  OGI_RESULT_CORRECTED, "撤销 within the year: 结果纠正");
	CHECK_INT(ogi_reconsideration_report_result(D("2024-09-02"), OGI_DATE_NONE, -1),
		  OGI_RESULT_PENDING, "no decision");
	struct ogi_instance w[] = {FIRST("2024-03-01", "2024-08-01", OGI_J_REVOKE),
				   SECOND("2024-08-10", "2025-02-01", OGI_J_AFFIRM)};
	CHECK_INT(ogi_litigation_report_result(D("2024-03-01"), w, 2), OGI_RESULT_PENDING,
		  "the appeal undecided on 2024-12-31 (results filled from the judgments)");
	CHECK_INT(w[1].result, OGI_RESULT_CORRECTED, "维持原判 of 撤销, as of today");
}

static void flags(void)
{
	CHECK(ogi_litigation_needs_reconsideration(true, D("2024-01-01"), OGI_OUT_WITHHELD_STATE_SECRET),
	      "行政复议法 2023 art. 23(4) is in force from 2024-01-01");
	CHECK(!ogi_litigation_needs_reconsideration(true, D("2023-12-31"), OGI_OUT_WITHHELD_STATE_SECRET),
	      "a suit filed in 2023 could go directly");
	CHECK(!ogi_litigation_needs_reconsideration(false, D("2024-03-01"), OGI_OUT_WITHHELD_THIRD_PARTY),
	      "after reconsideration: nothing to flag");
	CHECK(!ogi_litigation_needs_reconsideration(true, D("2024-03-01"), OGI_OUT_NOT_HELD_NOT_EXIST),
	      "art. 23(4) names 不予公开 only");
	CHECK(!ogi_reconsideration_simple_allowed(D("2023-12-31")), "no simple procedure before 2024");
	CHECK(ogi_reconsideration_simple_allowed(D("2024-01-01")), "simple procedure from 2024-01-01");
}

static void reconsideration_dates(void)
{
	struct ogi_reconsideration_dates r = {D("2025-03-03"), OGI_DATE_NONE, OGI_DATE_NONE,
					      OGI_DATE_NONE, false, 0, OGI_DATE_NONE, OGI_DATE_NONE};
	bool est = false, prov = true;
	/* filed Mon 03-03: 5 working days 03-04..07, 03-10 → deemed accepted 03-10 */
	CHECK_STR(fmt(ogi_reconsideration_accepted(cal, &r, &est)), "2025-03-10", "deemed accepted after 5 wd");
	CHECK(est, "an estimate while the acceptance is not recorded");
	/* 03-10 + 60 days = 05-09 (Fri, a working day after 劳动节 05-01..05) */
	CHECK_STR(fmt(ogi_reconsideration_decision_due(cal, &r, &prov)), "2025-05-09", "60 days from acceptance");
	CHECK(!prov, "2025 is loaded");
	r.simple = true;
	/* 03-10 + 30 days = 04-09 (Wed) */
	CHECK_STR(fmt(ogi_reconsideration_decision_due(cal, &r, NULL)), "2025-04-09", "simple procedure: 30 days");
	r.simple = false;
	r.extension_days = 30;
	/* 03-10 + 90 days = 06-08 (Sun) → Mon 06-09 */
	CHECK_STR(fmt(ogi_reconsideration_decision_due(cal, &r, NULL)), "2025-06-09", "extended by 30 days, ends on a Sunday");
	r.extension_days = 0;
	r.accepted_on = D("2025-03-05");
	/* 03-05 + 60 = 05-04 (Sun, in 劳动节 05-01..05) → 05-05 is a day off too → Tue 05-06 */
	CHECK_STR(fmt(ogi_reconsideration_decision_due(cal, &r, NULL)), "2025-05-06",
		  "a period ending in the May Day holiday ends on the first working day after it");
	/* undecided: the applicant may sue within 15 days after the period: 05-06 + 15 = 05-21 (Wed) */
	CHECK_STR(fmt(ogi_suit_after_reconsideration_due(cal, &r, &est)), "2025-05-21",
		  "行政诉讼法 art. 45: 15 days after the decision period ends");
	r.decided_on = D("2025-04-30");
	/* decided 04-30, service unknown: 04-30 + 15 = 05-15 (Thu) */
	CHECK_STR(fmt(ogi_suit_after_reconsideration_due(cal, &r, &est)), "2025-05-15", "15 days from the decision");
	CHECK(est, "estimated from the decision date");
	r.served_on = D("2025-05-20");
	/* 05-20 + 15 = 06-04 (Wed) */
	CHECK_STR(fmt(ogi_suit_after_reconsideration_due(cal, &r, &est)), "2025-06-04", "15 days from service");
	CHECK(!est, "service recorded");
	struct ogi_remedy_deadline d[4];
	int n = ogi_reconsideration_deadlines(cal, &r, d, 4);
	CHECK_INT(n, 2, "decision due and the suit window");
	CHECK(d[0].kind == OGI_RD_RC_DECISION && d[0].done, "the decision is recorded");
	CHECK(!ogi_remedy_deadline_pending(&d[0], D("2025-06-01")), "nothing waits for a recorded decision");
	CHECK(ogi_remedy_deadline_pending(&d[1], D("2025-06-04")), "the suit window on its last day");
	CHECK(!ogi_remedy_deadline_pending(&d[1], D("2025-06-05")), "and not after it");
	r.decided_on = r.served_on = OGI_DATE_NONE;
	n = ogi_reconsideration_deadlines(cal, &r, d, 4);
	CHECK(ogi_remedy_deadline_pending(&d[0], D("2025-07-01")),
	      "an undecided reconsideration past its due date still asks for the decision");

	/* 行政复议法 2023 art. 64: 撤销 and an order to act anew within the period the decision sets */
	r.decided_on = D("2025-04-30");
	r.redo_due = D("2025-05-30");
	n = ogi_reconsideration_deadlines(cal, &r, d, 4);
	CHECK_INT(n, 3, "decision, suit window and the new reply");
	CHECK_INT(d[2].kind, OGI_RD_REDO, "the order to reply anew is a date of its own");
	CHECK_STR(fmt(d[2].due_on), "2025-05-30", "the date the decision sets, kept as given");
	CHECK(ogi_remedy_deadline_pending(&d[2], D("2025-06-10")),
	      "a new reply not made by its date stays in the queue (overdue), like a decision");
	r.redone_on = D("2025-05-28");
	n = ogi_reconsideration_deadlines(cal, &r, d, 4);
	CHECK(d[2].done && !ogi_remedy_deadline_pending(&d[2], D("2025-05-29")),
	      "the body replied anew on 05-28: nothing waits");
	CHECK(ogi_rc_decision_orders_redo(OGI_RC_REVOKE), "撤销 (art. 64) may order a new act");
	CHECK(ogi_rc_decision_orders_redo(OGI_RC_ORDER_PERFORM), "责令履行 (art. 66)");
	CHECK(!ogi_rc_decision_orders_redo(OGI_RC_VARY), "变更 (art. 63): the authority decides itself");
	CHECK(!ogi_rc_decision_orders_redo(OGI_RC_UPHOLD), "维持 orders nothing");
	CHECK(!ogi_rc_decision_orders_redo(-1), "no decision yet");
}

static void court_dates(void)
{
	struct ogi_instance x = FIRST("2025-01-10", NULL, -1);
	struct ogi_remedy_deadline d[4];
	x.served_on = D("2025-01-20");
	int n = ogi_instance_deadlines(cal, &x, d, 4);
	CHECK_INT(n, 2, "defence and decision");
	/* served 01-20 + 15 days = 02-04, a 春节 day off (01-28..02-04) → Wed 02-05 */
	CHECK_STR(fmt(d[0].due_on), "2025-02-05", "行政诉讼法 art. 67: defence within 15 days, rolled past 春节");
	/* 01-10 + 6 months = 07-10 (Thu) */
	CHECK_STR(fmt(d[1].due_on), "2025-07-10", "art. 81: first instance within 6 months");
	x.simple = true;
	n = ogi_instance_deadlines(cal, &x, d, 4);
	/* 01-10 + 45 days = 02-24 (Mon) */
	CHECK_STR(fmt(d[1].due_on), "2025-02-24", "art. 83: simple procedure 45 days");
	struct ogi_instance y = SECOND("2025-03-03", NULL, -1);
	n = ogi_instance_deadlines(cal, &y, d, 4);
	/* 03-03 + 3 months = 06-03 (Tue; 端午 ended Mon 06-02) */
	CHECK_STR(fmt(d[0].due_on), "2025-06-03", "art. 88: appeal decided within 3 months");
	struct ogi_instance z = FIRST("2025-01-10", "2025-06-20", OGI_J_REVOKE);
	n = ogi_instance_deadlines(cal, &z, d, 4);
	CHECK_INT(d[n - 1].kind, OGI_RD_APPEAL, "a first-instance judgment can be appealed");
	/* 06-20 + 15 = 07-05 (Sat) → Mon 07-07 */
	CHECK_STR(fmt(d[n - 1].due_on), "2025-07-07", "art. 85: 15 days, from the judgment date while service is unknown");
	CHECK(d[n - 1].estimated, "an estimate");
	z.judgment = OGI_J_DISMISS_SUIT;
	z.judgment_served_on = D("2025-06-23");
	n = ogi_instance_deadlines(cal, &z, d, 4);
	/* ruling served 06-23 + 10 = 07-03 (Thu) */
	CHECK_STR(fmt(d[n - 1].due_on), "2025-07-03", "art. 85: 10 days for a ruling (驳回起诉)");
	z.judgment = OGI_J_WITHDRAWN;
	n = ogi_instance_deadlines(cal, &z, d, 4);
	CHECK_INT(d[n - 1].kind, OGI_RD_COURT_DECISION, "准许撤诉 is not appealed");

	/* 行政诉讼法 art. 70: 撤销 and 责令重新作出 (here: reply anew by 2025-08-29) */
	struct ogi_remedy_deadline e[6];
	z.judgment = OGI_J_REVOKE;
	z.judgment_served_on = OGI_DATE_NONE;
	z.redo_due = D("2025-08-29");
	n = ogi_instance_deadlines(cal, &z, e, 6);
	CHECK_INT(e[n - 1].kind, OGI_RD_REDO, "the judgment's order to reply anew");
	CHECK(ogi_remedy_deadline_pending(&e[n - 1], D("2025-09-15")), "still owed after its date");
	z.superseded = true;
	n = ogi_instance_deadlines(cal, &z, e, 6);
	CHECK(e[n - 1].done, "an appeal was filed: the first instance's order is not in force");
	CHECK(ogi_judgment_orders_redo(OGI_J_AFFIRM, OGI_RESULT_CORRECTED),
	      "维持原判 of a 撤销 makes its order final");
	CHECK(!ogi_judgment_orders_redo(OGI_J_DISMISS_CLAIM, OGI_RESULT_UPHELD), "驳回诉讼请求 orders nothing");
	CHECK(!ogi_judgment_orders_redo(OGI_J_VARY, OGI_RESULT_CORRECTED), "变更: the court decides itself");
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	cal = caldata_load(argv[1]);
	decisions();
	instance_order();
	results_as_of();
	flags();
	reconsideration_dates();
	court_dates();
	ogi_calendar_free(cal);
	return check_done("remedies");
}
