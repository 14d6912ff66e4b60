/* Reconsideration and litigation: results of decisions and judgments, the
 * order of instances, the report's "result as of 31 December" rule, the
 * art. 23 flag and the dates that follow from a record, each counted by
 * hand from the official calendar (law.md §5.2, §6). */
#include "lib/remedies.h"
#include "lib/report.h"
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
	    {"维持", OGI_RESULT_UPHELD},        {"驳回请求", OGI_RESULT_UPHELD},
	    {"变更", OGI_RESULT_CORRECTED},     {"撤销", OGI_RESULT_CORRECTED},
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
	CHECK_INT(ogi_judgment_result(OGI_J_ORDER_PERFORM, OGI_RESULT_PENDING),
	          OGI_RESULT_CORRECTED, "责令限期答复/公开 corrects the body");
	CHECK_INT(ogi_judgment_result(OGI_J_WITHDRAWN, OGI_RESULT_PENDING), OGI_RESULT_OTHER,
	          "准许撤诉");
	CHECK_INT(ogi_judgment_result(OGI_J_AFFIRM, OGI_RESULT_CORRECTED), OGI_RESULT_CORRECTED,
	          "维持原判 of a judgment that corrected the body still corrects it");
	CHECK_INT(ogi_judgment_result(OGI_J_AFFIRM, OGI_RESULT_UPHELD), OGI_RESULT_UPHELD,
	          "维持原判 of a dismissal upholds the body");
	CHECK_INT(ogi_judgment_result(OGI_J_REMAND, OGI_RESULT_CORRECTED), OGI_RESULT_PENDING,
	          "发回重审 leaves the case pending");
}

#define FIRST(f, d, j)                                                                             \
	{                                                                                          \
		OGI_INSTANCE_FIRST, D(f), DN(d), j, OGI_RESULT_PENDING, false, OGI_DATE_NONE,      \
		    OGI_DATE_NONE, OGI_DATE_NONE, OGI_DATE_NONE, OGI_DATE_NONE, false              \
	}
#define SECOND(f, d, j)                                                                            \
	{                                                                                          \
		OGI_INSTANCE_SECOND, D(f), DN(d), j, OGI_RESULT_PENDING, false, OGI_DATE_NONE,     \
		    OGI_DATE_NONE, OGI_DATE_NONE, OGI_DATE_NONE, OGI_DATE_NONE, false              \
	}
#define RETRIAL(f, d, j)                                                                           \
	{                                                                                          \
		OGI_INSTANCE_RETRIAL, D(f), DN(d), j, OGI_RESULT_PENDING, false, OGI_DATE_NONE,    \
		    OGI_DATE_NONE, OGI_DATE_NONE, OGI_DATE_NONE, OGI_DATE_NONE, false              \
	}

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
	struct ogi_instance undecided[] = {FIRST("2024-03-01", NULL, -1),
	                                   SECOND("2024-08-10", NULL, -1)};
	CHECK_INT(seq(undecided, 2), OGI_E_INSTANCE_ORDER, "an appeal follows a decision");
	struct ogi_instance early[] = {FIRST("2024-03-01", "2024-08-01", OGI_J_REVOKE),
	                               SECOND("2024-07-31", NULL, -1)};
	CHECK_INT(seq(early, 2), OGI_E_INSTANCE_ORDER,
	          "an appeal filed before the judgment it appeals");
	struct ogi_instance twice[] = {FIRST("2024-03-01", "2024-08-01", OGI_J_REVOKE),
	                               SECOND("2024-08-10", "2024-11-01", OGI_J_AFFIRM),
	                               SECOND("2024-11-10", NULL, -1)};
	CHECK_INT(seq(twice, 3), OGI_E_INSTANCE_ORDER,
	          "a second-instance judgment is final (行诉法 art. 88)");
	struct ogi_instance remand[] = {FIRST("2024-03-01", "2024-08-01", OGI_J_REVOKE),
	                                SECOND("2024-08-10", "2024-11-01", OGI_J_REMAND),
	                                FIRST("2024-11-20", "2025-03-01", OGI_J_DISMISS_CLAIM)};
	CHECK_INT(seq(remand, 3), 0, "after 发回重审 the first instance tries the case again");
	remand[2].kind = OGI_INSTANCE_SECOND;
	CHECK_INT(seq(remand, 3), OGI_E_INSTANCE_ORDER,
	          "after a remand no appeal comes before the retrial at first instance");
	struct ogi_instance again[] = {FIRST("2024-03-01", "2024-08-01", OGI_J_REVOKE),
	                               FIRST("2024-08-10", NULL, -1)};
	CHECK_INT(seq(again, 2), OGI_E_INSTANCE_ORDER, "a second first instance without a remand");
	struct ogi_instance withdrawn[] = {FIRST("2024-03-01", "2024-04-01", OGI_J_WITHDRAWN),
	                                   SECOND("2024-04-10", NULL, -1)};
	CHECK_INT(seq(withdrawn, 2), OGI_E_INSTANCE_ORDER, "nothing to appeal after 准许撤诉");
	struct ogi_instance affirm_first[] = {FIRST("2024-03-01", "2024-04-01", OGI_J_AFFIRM)};
	CHECK_INT(seq(affirm_first, 1), OGI_E_INSTANCE_ORDER,
	          "维持原判 decides an appeal, not a first instance");
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
	CHECK_INT(
	    ogi_reconsideration_result_as_of(D("2025-01-03"), OGI_RESULT_UPHELD, D("2024-12-31")),
	    OGI_RESULT_PENDING,
	    "a reconsideration decided on 2025-01-03 is pending in the 2024 report");
	CHECK_INT(
	    ogi_reconsideration_result_as_of(D("2024-12-31"), OGI_RESULT_UPHELD, D("2024-12-31")),
	    OGI_RESULT_UPHELD, "decided on 31 December itself counts");
	CHECK_INT(
	    ogi_reconsideration_result_as_of(OGI_DATE_NONE, OGI_RESULT_PENDING, D("2024-12-31")),
	    OGI_RESULT_PENDING, "undecided");

	/* the annual report's form of the rule: as of 31 December of the filing year */
	CHECK_INT(ogi_remedy_report_as_of(D("2024-03-01")), D("2024-12-31"),
	          "the filing year's end");
	CHECK_INT(
	    ogi_reconsideration_report_result(D("2024-11-20"), D("2025-01-10"), OGI_RC_REJECT),
	    OGI_RESULT_PENDING, "驳回申请 on 2025-01-10: 尚未审结 in the 2024 report");
	CHECK_INT(
	    ogi_reconsideration_report_result(D("2024-05-06"), D("2024-06-14"), OGI_RC_REVOKE),
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
	CHECK(ogi_litigation_needs_reconsideration(true, D("2024-01-01"),
	                                           OGI_OUT_WITHHELD_STATE_SECRET),
	      "行政复议法 2023 art. 23(4) is in force from 2024-01-01");
	CHECK(!ogi_litigation_needs_reconsideration(true, D("2023-12-31"),
	                                            OGI_OUT_WITHHELD_STATE_SECRET),
	      "a suit filed in 2023 could go directly");
	CHECK(!ogi_litigation_needs_reconsideration(false, D("2024-03-01"),
	                                            OGI_OUT_WITHHELD_THIRD_PARTY),
	      "after reconsideration: nothing to flag");
	CHECK(!ogi_litigation_needs_reconsideration(true, D("2024-03-01"),
	                                            OGI_OUT_NOT_HELD_NOT_EXIST),
	      "art. 23(4) names 不予公开 only");
	CHECK(!ogi_reconsideration_simple_allowed(D("2023-12-31")),
	      "no simple procedure before 2024");
	CHECK(ogi_reconsideration_simple_allowed(D("2024-01-01")),
	      "simple procedure from 2024-01-01");
}

static void reconsideration_dates(void)
{
	struct ogi_reconsideration_dates r = {D("2025-03-03"), OGI_DATE_NONE, OGI_DATE_NONE,
	                                      OGI_DATE_NONE,   false,         0,
	                                      OGI_DATE_NONE,   OGI_DATE_NONE};
	bool est = false, prov = true;
	/* filed Mon 03-03: 5 working days 03-04..07, 03-10 → deemed accepted 03-10 */
	CHECK_STR(fmt(ogi_reconsideration_accepted(cal, &r, &est)), "2025-03-10",
	          "deemed accepted after 5 wd");
	CHECK(est, "an estimate while the acceptance is not recorded");
	/* 03-10 + 60 days = 05-09 (Fri, a working day after 劳动节 05-01..05) */
	CHECK_STR(fmt(ogi_reconsideration_decision_due(cal, &r, &prov)), "2025-05-09",
	          "60 days from acceptance");
	CHECK(!prov, "2025 is loaded");
	r.simple = true;
	/* 03-10 + 30 days = 04-09 (Wed) */
	CHECK_STR(fmt(ogi_reconsideration_decision_due(cal, &r, NULL)), "2025-04-09",
	          "simple procedure: 30 days");
	r.simple = false;
	r.extension_days = 30;
	/* 03-10 + 90 days = 06-08 (Sun) → Mon 06-09 */
	CHECK_STR(fmt(ogi_reconsideration_decision_due(cal, &r, NULL)), "2025-06-09",
	          "extended by 30 days, ends on a Sunday");
	r.extension_days = 0;
	r.accepted_on = D("2025-03-05");
	/* 03-05 + 60 = 05-04 (Sun, in 劳动节 05-01..05) → 05-05 is a day off too → Tue 05-06 */
	CHECK_STR(fmt(ogi_reconsideration_decision_due(cal, &r, NULL)), "2025-05-06",
	          "a period ending in the May Day holiday ends on the first working day after it");
	/* undecided: the applicant may sue within 15 days after the period: 05-06 + 15 = 05-21
	 * (Wed) */
	CHECK_STR(fmt(ogi_suit_after_reconsideration_due(cal, &r, &est)), "2025-05-21",
	          "行政诉讼法 art. 45: 15 days after the decision period ends");
	r.decided_on = D("2025-04-30");
	/* decided 04-30, service unknown: 04-30 + 15 = 05-15 (Thu) */
	CHECK_STR(fmt(ogi_suit_after_reconsideration_due(cal, &r, &est)), "2025-05-15",
	          "15 days from the decision");
	CHECK(est, "estimated from the decision date");
	r.served_on = D("2025-05-20");
	/* 05-20 + 15 = 06-04 (Wed) */
	CHECK_STR(fmt(ogi_suit_after_reconsideration_due(cal, &r, &est)), "2025-06-04",
	          "15 days from service");
	CHECK(!est, "service recorded");
	struct ogi_remedy_deadline d[4];
	int n = ogi_reconsideration_deadlines(cal, &r, d, 4);
	CHECK_INT(n, 2, "decision due and the suit window");
	CHECK(d[0].kind == OGI_RD_RC_DECISION && d[0].done, "the decision is recorded");
	CHECK(!ogi_remedy_deadline_pending(&d[0], D("2025-06-01")),
	      "nothing waits for a recorded decision");
	CHECK(ogi_remedy_deadline_pending(&d[1], D("2025-06-04")),
	      "the suit window on its last day");
	CHECK(!ogi_remedy_deadline_pending(&d[1], D("2025-06-05")), "and not after it");
	r.decided_on = r.served_on = OGI_DATE_NONE;
	n = ogi_reconsideration_deadlines(cal, &r, d, 4);
	CHECK(ogi_remedy_deadline_pending(&d[0], D("2025-07-01")),
	      "an undecided reconsideration past its due date still asks for the decision");

	/* 行政复议法 2023 art. 64: 撤销 and an order to act anew within the period the decision
	 * sets */
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
	CHECK(!ogi_rc_decision_orders_redo(OGI_RC_VARY),
	      "变更 (art. 63): the authority decides itself");
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
	CHECK_STR(fmt(d[0].due_on), "2025-02-05",
	          "行政诉讼法 art. 67: defence within 15 days, rolled past 春节");
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
	CHECK_STR(fmt(d[n - 1].due_on), "2025-07-07",
	          "art. 85: 15 days, from the judgment date while service is unknown");
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
	CHECK(!ogi_judgment_orders_redo(OGI_J_DISMISS_CLAIM, OGI_RESULT_UPHELD),
	      "驳回诉讼请求 orders nothing");
	CHECK(!ogi_judgment_orders_redo(OGI_J_VARY, OGI_RESULT_CORRECTED),
	      "变更: the court decides itself");
}

/* ---- the records' rules (lib/remedy_rules.c) ------------------------------------------- */

/* The request the records below belong to: received 2023-11-01, answered
 * 不予公开 (国家秘密) and delivered so that the applicant's windows end
 * 2024-04-07 (reconsideration, 60 days) and 2024-08-05 (litigation, 6 months). */
static struct ogi_remedy_owner owner(void)
{
	struct ogi_remedy_owner o = {.id = 1, .body_id = 2, .tracking_no = "JD01-2023-00001"};
	o.received_on = D("2023-11-01");
	o.outcome = OGI_OUT_WITHHELD_STATE_SECRET;
	o.rc_window = D("2024-04-07");
	o.lit_window = D("2024-08-05");
	return o;
}

static struct ogi_reconsideration rc_rec(long long id, const char *filed, const char *decided,
                                         const char *served, int decision)
{
	struct ogi_remedy_owner o = owner();
	struct ogi_reconsideration r;
	ogi_reconsideration_init(&r, &o);
	r.id = id;
	snprintf(r.authority, sizeof r.authority, "区人民政府");
	r.filed_on = D(filed);
	r.decided_on = DN(decided);
	r.served_on = DN(served);
	r.decision = decision;
	return r;
}

static bool has_error(const struct spec_errors *e, const char *field, const char *code)
{
	for (int i = 0; i < e->n; i++)
		if (strcmp(e->e[i].field, field) == 0 && strcmp(e->e[i].code, code) == 0)
			return true;
	return false;
}

static void reconsideration_rules(void)
{
	static const struct {
		const char *why, *filed, *decided, *served;
		int decision, procedure, extension_days;
		const char *redo_due, *redone_on;
		enum ogi_error want;
		const char *field, *code; /* the field error of OGI_E_INVALID_INPUT */
		bool late;
	} cases[] = {
	    {"filed within the applicant's 60 days", "2024-02-20", NULL, NULL, -1, 0, 0, NULL, NULL,
	     0, NULL, NULL, false},
	    /* 行政复议法 2023 art. 20: 60 days from knowing; window ends 2024-04-07 */
	    {"art. 20: filed on 2024-04-08, after the 60 days: accepted, flagged", "2024-04-08",
	     NULL, NULL, -1, 0, 0, NULL, NULL, 0, NULL, NULL, true},
	    {"filed before the request was received (2023-11-01)", "2023-10-31", NULL, NULL, -1, 0,
	     0, NULL, NULL, OGI_E_DATE_BEFORE_RECEIPT, NULL, NULL, false},
	    {"a decision dated before its filing", "2024-02-20", "2024-02-19", NULL, OGI_RC_UPHOLD,
	     0, 0, NULL, NULL, OGI_E_DECISION_BEFORE_FILING, NULL, NULL, false},
	    {"a decision date without the decision", "2024-02-20", "2024-04-10", NULL, -1, 0, 0,
	     NULL, NULL, OGI_E_INVALID_INPUT, "decision", "required", false},
	    {"a decision without its date", "2024-02-20", NULL, NULL, OGI_RC_UPHOLD, 0, 0, NULL,
	     NULL, OGI_E_INVALID_INPUT, "decided_on", "required", false},
	    {"served without a decision", "2024-02-20", NULL, "2024-04-12", -1, 0, 0, NULL, NULL,
	     OGI_E_INVALID_INPUT, "served_on", "unexpected", false},
	    {"a date after today (2024-12-31)", "2025-01-02", NULL, NULL, -1, 0, 0, NULL, NULL,
	     OGI_E_INVALID_INPUT, "filed_on", "date_in_future", false},
	    /* art. 53: the simple procedure from 2024-01-01 (the law's day in force, art. 90) */
	    {"art. 53: no simple procedure for a filing of 2023-12-29", "2023-12-29", NULL, NULL,
	     -1, OGI_PROCEDURE_SIMPLE, 0, NULL, NULL, OGI_E_INVALID_INPUT, "procedure", "range",
	     false},
	    {"art. 53: the simple procedure for a filing of 2024-01-02", "2024-01-02", NULL, NULL,
	     -1, OGI_PROCEDURE_SIMPLE, 0, NULL, NULL, 0, NULL, NULL, false},
	    {"art. 62: the simple procedure's 30 days are not extended", "2024-02-20", NULL, NULL,
	     -1, OGI_PROCEDURE_SIMPLE, 10, NULL, NULL, OGI_E_INVALID_INPUT, "extension_days",
	     "range", false},
	    /* arts. 63–67: an order to act anew comes with 撤销 (art. 64), not with 变更 (art. 63)
	     */
	    {"art. 64: 撤销 orders a new reply by 2024-05-10", "2024-02-20", "2024-04-10", NULL,
	     OGI_RC_REVOKE, 0, 0, "2024-05-10", NULL, 0, NULL, NULL, false},
	    {"art. 63: 变更 orders no new reply", "2024-02-20", "2024-04-10", NULL, OGI_RC_VARY, 0,
	     0, "2024-05-10", NULL, OGI_E_INVALID_INPUT, "redo_due", "not_ordered", false},
	    {"art. 68: 维持 orders no new reply", "2024-02-20", "2024-04-10", NULL, OGI_RC_UPHOLD,
	     0, 0, "2024-05-10", NULL, OGI_E_INVALID_INPUT, "redo_due", "not_ordered", false},
	    {"a new reply's date before the decision", "2024-02-20", "2024-04-10", NULL,
	     OGI_RC_REVOKE, 0, 0, "2024-04-09", NULL, OGI_E_INVALID_INPUT, "redo_due", "range",
	     false},
	    {"a new reply's date without a decision", "2024-02-20", NULL, NULL, -1, 0, 0,
	     "2024-05-10", NULL, OGI_E_INVALID_INPUT, "redo_due", "unexpected", false},
	    {"a new reply recorded before its date was", "2024-02-20", "2024-04-10", NULL,
	     OGI_RC_REVOKE, 0, 0, NULL, "2024-05-06", OGI_E_INVALID_INPUT, "redone_on",
	     "unexpected", false},
	};
	struct ogi_remedy_owner o = owner();
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct ogi_reconsideration r =
		    rc_rec(1, cases[i].filed, cases[i].decided, cases[i].served, cases[i].decision);
		r.procedure = cases[i].procedure;
		r.extension_days = cases[i].extension_days;
		r.redo_due = DN(cases[i].redo_due);
		r.redone_on = DN(cases[i].redone_on);
		struct spec_errors e = {0};
		char detail[256] = "";
		enum ogi_error rc = ogi_reconsideration_validate(
		    NULL, &r, &o, false, D("2024-12-31"), &e, detail, sizeof detail);
		CHECK_INT(rc, cases[i].want, "%s", cases[i].why);
		if (cases[i].field != NULL)
			CHECK(has_error(&e, cases[i].field, cases[i].code), "%s: %s %s",
			      cases[i].why, cases[i].field, cases[i].code);
		else if (rc != 0)
			CHECK(detail[0] != '\0', "%s: a refusal says why", cases[i].why);
		if (rc == 0)
			CHECK_INT(r.late_filing, cases[i].late, "%s: late_filing", cases[i].why);
	}

	/* a recorded decision (维持, 2024-04-10) changes only with a correction reason */
	struct ogi_reconsideration before =
	    rc_rec(1, "2024-02-20", "2024-04-10", NULL, OGI_RC_UPHOLD);
	struct ogi_reconsideration after = before;
	after.decision = OGI_RC_REVOKE;
	struct spec_errors e = {0};
	char detail[256];
	CHECK_INT(ogi_reconsideration_validate(&before, &after, &o, false, D("2024-12-31"), &e,
	                                       detail, sizeof detail),
	          OGI_E_ALREADY_DECIDED, "维持 changed to 撤销 without a reason");
	CHECK_INT(ogi_reconsideration_validate(&before, &after, &o, true, D("2024-12-31"), &e,
	                                       detail, sizeof detail),
	          0, "with a correction reason");
	after = before;
	after.served_on = D("2024-04-12");
	CHECK_INT(ogi_reconsideration_validate(&before, &after, &o, false, D("2024-12-31"), &e,
	                                       detail, sizeof detail),
	          0, "recording the decision's service changes no decision");
	/* a rule breaks only what it says: the caller's own error stays first */
	e = (struct spec_errors){0};
	spec_error_add(&e, "authority", "required", "须写明复议机关", "the authority is required");
	after = before;
	CHECK_INT(ogi_reconsideration_validate(&before, &after, &o, false, D("2024-12-31"), &e,
	                                       detail, sizeof detail),
	          OGI_E_INVALID_INPUT, "an error of the caller's");
	CHECK_STR(e.e[0].field, "authority", "kept in its place");
}

static void instance_rules(void)
{
	static const struct {
		const char *why;
		int kind, procedure;
		const char *filed, *served, *hearing, *decided;
		int judgment;
		const char *judgment_served;
		const char *field, *code; /* NULL: no error */
	} cases[] = {
	    {"a first instance under the simple procedure (行政诉讼法 art. 82(3))",
	     OGI_INSTANCE_FIRST, OGI_PROCEDURE_SIMPLE, "2024-03-01", NULL, NULL, NULL, -1, NULL,
	     NULL, NULL},
	    {"art. 82: the simple procedure is for first instances", OGI_INSTANCE_SECOND,
	     OGI_PROCEDURE_SIMPLE, "2024-09-01", NULL, NULL, NULL, -1, NULL, "procedure", "range"},
	    {"served the complaint before it was filed", OGI_INSTANCE_FIRST, 0, "2024-03-01",
	     "2024-02-28", NULL, NULL, -1, NULL, "served_on", "range"},
	    {"a hearing before the filing", OGI_INSTANCE_FIRST, 0, "2024-03-01", NULL, "2024-02-28",
	     NULL, -1, NULL, "hearing_on", "range"},
	    {"a hearing 3 years after the filing (行政诉讼法 art. 81: 6 months to judge)",
	     OGI_INSTANCE_FIRST, 0, "2024-03-01", NULL, "2027-03-01", NULL, -1, NULL, NULL, NULL},
	    {"a hearing 3 years and a day after it: a year typed wrong", OGI_INSTANCE_FIRST, 0,
	     "2024-03-01", NULL, "2027-03-02", NULL, -1, NULL, "hearing_on", "too_late"},
	    {"issue 19 item 8: a hearing on 2100-12-31", OGI_INSTANCE_FIRST, 0, "2024-03-01", NULL,
	     "2100-12-31", NULL, -1, NULL, "hearing_on", "too_late"},
	    {"a decision date without the judgment", OGI_INSTANCE_FIRST, 0, "2024-03-01", NULL,
	     NULL, "2024-08-01", -1, NULL, "judgment", "required"},
	    {"the judgment served without a judgment", OGI_INSTANCE_FIRST, 0, "2024-03-01", NULL,
	     NULL, NULL, -1, "2024-08-05", "judgment_served_on", "unexpected"},
	    {"the judgment served before it was given", OGI_INSTANCE_FIRST, 0, "2024-03-01", NULL,
	     NULL, "2024-08-01", OGI_J_REVOKE, "2024-07-31", "judgment_served_on", "range"},
	    {"a judgment after today (2024-12-31)", OGI_INSTANCE_FIRST, 0, "2024-03-01", NULL, NULL,
	     "2025-01-02", OGI_J_REVOKE, NULL, "decided_on", "date_in_future"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct ogi_litigation_instance x;
		ogi_instance_init(&x, 1);
		x.kind = cases[i].kind;
		x.procedure = cases[i].procedure;
		x.filed_on = D(cases[i].filed);
		x.served_on = DN(cases[i].served);
		x.hearing_on = DN(cases[i].hearing);
		x.decided_on = DN(cases[i].decided);
		x.judgment = cases[i].judgment;
		x.judgment_served_on = DN(cases[i].judgment_served);
		struct spec_errors e = {0};
		ogi_instance_validate(&x, D("2024-12-31"), &e);
		if (cases[i].field == NULL)
			CHECK_INT(e.n, 0, "%s", cases[i].why);
		else
			CHECK(has_error(&e, cases[i].field, cases[i].code), "%s", cases[i].why);
	}
	struct ogi_litigation_instance was;
	ogi_instance_init(&was, 1);
	was.filed_on = D("2024-03-01");
	was.decided_on = D("2024-08-01");
	was.judgment = OGI_J_DISMISS_CLAIM;
	struct ogi_litigation_instance x = was;
	char detail[256];
	x.hearing_on = D("2024-07-01");
	CHECK_INT(ogi_instance_correction(&was, &x, false, detail, sizeof detail), 0,
	          "a hearing recorded later changes no judgment");
	x.judgment = OGI_J_REVOKE;
	CHECK_INT(ogi_instance_correction(&was, &x, false, detail, sizeof detail),
	          OGI_E_ALREADY_DECIDED, "a recorded judgment changes only with a reason");
	CHECK_INT(ogi_instance_correction(&was, &x, true, detail, sizeof detail), 0,
	          "given a correction reason");
}

/* The request's two reconsiderations, counted by hand from the 2024 calendar:
 *   11: filed Tue 2024-02-20, deemed accepted after 5 wd on 02-27, decided 04-10
 *       and served 04-12; its period (行政复议法 2023 art. 62) ran to 02-27 + 60 days =
 *       04-27 (Sat) → Sun 04-28 (a 劳动节 make-up working day); the suit after it is
 *       due 04-12 + 15 = 04-27 (Sat) → 04-28.
 *   12: filed Mon 2024-09-02, deemed accepted 09-09, undecided: its period runs
 *       to 09-09 + 60 = Fri 11-08; a suit after it is due 11-08 + 15 = 11-23 (Sat)
 *       → Mon 11-25. */
static void litigation_rules(void)
{
	static const struct {
		const char *why;
		int route;
		long long rc_id;
		const char *filed;
		enum ogi_error want;
		const char *field, *code;
		bool late, needs_rc;
	} cases[] = {
	    /* 行政复议法 2023 art. 29: no suit while an accepted reconsideration runs */
	    {"art. 29: a direct suit on 03-01 while 11 runs (to 04-28)", OGI_ROUTE_DIRECT, 0,
	     "2024-03-01", OGI_E_RECONSIDERATION_PENDING, NULL, NULL, false, false},
	    {"art. 29: a direct suit on 09-10 while 12 runs (to 11-08)", OGI_ROUTE_DIRECT, 0,
	     "2024-09-10", OGI_E_RECONSIDERATION_PENDING, NULL, NULL, false, false},
	    /* 行政复议法 2023 art. 23(1)(4): from 2024-01-01 a 不予公开 reply goes to
	       reconsideration first: the direct suit is accepted and flagged */
	    {"art. 23(1)(4): a direct suit on 05-06 against 不予公开, within the 6 months",
	     OGI_ROUTE_DIRECT, 0, "2024-05-06", 0, NULL, NULL, false, true},
	    /* 行政诉讼法 art. 46: 6 months from knowing (the window ends 2024-08-05) */
	    {"art. 46: a direct suit on 08-05, the window's last day", OGI_ROUTE_DIRECT, 0,
	     "2024-08-05", 0, NULL, NULL, false, true},
	    {"art. 46: a direct suit on 08-06, after the 6 months: flagged", OGI_ROUTE_DIRECT, 0,
	     "2024-08-06", 0, NULL, NULL, true, true},
	    {"art. 29: once 12's period ended (11-08) undecided, a direct suit may come",
	     OGI_ROUTE_DIRECT, 0, "2024-11-11", 0, NULL, NULL, true, true},
	    {"a direct suit names no reconsideration", OGI_ROUTE_DIRECT, 11, "2024-05-06",
	     OGI_E_INVALID_INPUT, "reconsideration_id", "unexpected", false, false},
	    {"a suit after reconsideration names it", OGI_ROUTE_AFTER_RECONSIDERATION, 0,
	     "2024-05-06", OGI_E_RECONSIDERATION_REQUIRED, NULL, NULL, false, false},
	    {"a reconsideration of another request", OGI_ROUTE_AFTER_RECONSIDERATION, 99,
	     "2024-05-06", OGI_E_INVALID_INPUT, "reconsideration_id", "not_found", false, false},
	    /* 行政诉讼法 art. 45: after the decision, within 15 days of its service */
	    {"art. 45: after 11, but filed on 03-01 before its decision",
	     OGI_ROUTE_AFTER_RECONSIDERATION, 11, "2024-03-01", OGI_E_RECONSIDERATION_PENDING, NULL,
	     NULL, false, false},
	    {"art. 45: after 11, on 04-28 (served 04-12 + 15 days, past a Saturday)",
	     OGI_ROUTE_AFTER_RECONSIDERATION, 11, "2024-04-28", 0, NULL, NULL, false, false},
	    {"art. 45: after 11, on 04-29: late, flagged", OGI_ROUTE_AFTER_RECONSIDERATION, 11,
	     "2024-04-29", 0, NULL, NULL, true, false},
	    {"art. 45: after 12, filed on 08-30 before 12 itself (09-02)",
	     OGI_ROUTE_AFTER_RECONSIDERATION, 12, "2024-08-30", OGI_E_RECONSIDERATION_PENDING, NULL,
	     NULL, false, false},
	    {"art. 45: after 12, within its period (to 11-08) and undecided",
	     OGI_ROUTE_AFTER_RECONSIDERATION, 12, "2024-11-08", OGI_E_RECONSIDERATION_PENDING, NULL,
	     NULL, false, false},
	    {"art. 45: after 12's period ended undecided, on 11-25 (11-08 + 15, past a weekend)",
	     OGI_ROUTE_AFTER_RECONSIDERATION, 12, "2024-11-25", 0, NULL, NULL, false, false},
	    {"art. 45: after 12, on 11-26: late", OGI_ROUTE_AFTER_RECONSIDERATION, 12, "2024-11-26",
	     0, NULL, NULL, true, false},
	    {"a suit before the request was received (2023-11-01)", OGI_ROUTE_DIRECT, 0,
	     "2023-10-30", OGI_E_DATE_BEFORE_RECEIPT, NULL, NULL, false, false},
	    {"a suit after today (2024-12-31)", OGI_ROUTE_DIRECT, 0, "2025-01-02",
	     OGI_E_INVALID_INPUT, "filed_on", "date_in_future", false, false},
	};
	struct ogi_reconsideration v[] = {
	    rc_rec(11, "2024-02-20", "2024-04-10", "2024-04-12", OGI_RC_UPHOLD),
	    rc_rec(12, "2024-09-02", NULL, NULL, -1)};
	struct ogi_reconsideration_list rcs = {2, v};
	struct ogi_remedy_owner o = owner();
	static struct ogi_litigation l;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ogi_litigation_init(&l, &o);
		l.route = cases[i].route;
		l.reconsideration_id = cases[i].rc_id;
		l.filed_on = D(cases[i].filed);
		struct spec_errors e = {0};
		char detail[512] = "";
		enum ogi_error rc = ogi_litigation_validate(cal, &l, &o, &rcs, D("2024-12-31"), &e,
		                                            detail, sizeof detail);
		CHECK_INT(rc, cases[i].want, "%s (%s)", cases[i].why, detail);
		if (cases[i].field != NULL)
			CHECK(has_error(&e, cases[i].field, cases[i].code), "%s", cases[i].why);
		else if (rc != 0)
			CHECK(detail[0] != '\0', "%s: a refusal says why", cases[i].why);
		if (rc != 0)
			continue;
		CHECK_INT(l.late_filing, cases[i].late, "%s: late_filing", cases[i].why);
		CHECK_INT(l.needs_reconsideration, cases[i].needs_rc,
		          "%s: reconsideration_required", cases[i].why);
		CHECK_INT(l.inst[0].filed_on, l.filed_on, "%s: the first instance filed with it",
		          cases[i].why);
	}
	/* the detail names the reconsideration's own dates */
	ogi_litigation_init(&l, &o);
	l.route = OGI_ROUTE_AFTER_RECONSIDERATION;
	l.reconsideration_id = 12;
	l.filed_on = D("2024-10-08");
	struct spec_errors e = {0};
	char detail[512];
	ogi_litigation_validate(cal, &l, &o, &rcs, D("2024-12-31"), &e, detail, sizeof detail);
	CHECK(strstr(detail, "filed 2024-09-02") && strstr(detail, "not decided by 2024-10-08") &&
	          strstr(detail, "runs to 2024-11-08"),
	      "the refusal says when 12 was filed and until when it runs: %s", detail);

	/* a 不予公开 reply only: another outcome may go to court directly */
	o.outcome = OGI_OUT_NOT_HELD_NOT_EXIST;
	ogi_litigation_init(&l, &o);
	l.route = OGI_ROUTE_DIRECT;
	l.filed_on = D("2024-05-06");
	CHECK_INT(
	    ogi_litigation_validate(cal, &l, &o, &rcs, D("2024-12-31"), &e, detail, sizeof detail),
	    0, "信息不存在");
	CHECK(!l.needs_reconsideration, "art. 23(1)(4) names 不予公开 only");

	/* the instances in their lawful order, and their results, in the same check */
	o = owner();
	ogi_litigation_init(&l, &o);
	l.route = OGI_ROUTE_DIRECT;
	l.filed_on = D("2024-05-06");
	l.inst[0].decided_on = D("2024-09-20");
	l.inst[0].judgment = OGI_J_REVOKE;
	l.inst[0].redo_due = D("2024-11-20");
	CHECK_INT(
	    ogi_litigation_validate(cal, &l, &o, &rcs, D("2024-12-31"), &e, detail, sizeof detail),
	    0, "行政诉讼法 art. 70: 撤销 and an order to reply anew");
	CHECK_INT(l.inst[0].result, OGI_RESULT_CORRECTED, "the result follows the judgment");
	l.inst[0].judgment = OGI_J_DISMISS_CLAIM;
	CHECK_INT(
	    ogi_litigation_validate(cal, &l, &o, &rcs, D("2024-12-31"), &e, detail, sizeof detail),
	    OGI_E_INVALID_INPUT, "驳回诉讼请求 orders no new reply");
	CHECK(has_error(&e, "redo_due", "not_ordered"), "named on redo_due");
	e = (struct spec_errors){0};
	l.inst[0].redo_due = OGI_DATE_NONE;
	l.ninst = 2;
	ogi_instance_init(&l.inst[1], 2);
	l.inst[1].kind = OGI_INSTANCE_SECOND;
	l.inst[1].filed_on = D("2024-09-01");
	CHECK_INT(
	    ogi_litigation_validate(cal, &l, &o, &rcs, D("2024-12-31"), &e, detail, sizeof detail),
	    OGI_E_INSTANCE_ORDER, "an appeal filed before the judgment it appeals");
}

static void counts(void)
{
	/* table 四 counts a record in the year it was filed, with its result as of 31 December */
	struct ogi_reconsideration r = rc_rec(1, "2024-11-20", "2025-01-10", NULL, OGI_RC_REJECT);
	struct ogi_remedy_count k = ogi_reconsideration_count(&r);
	CHECK(k.year == 2024 && k.block == OGI_REPORT_RECONSIDERATION &&
	          k.result == OGI_RESULT_PENDING && k.decisive_on == OGI_DATE_NONE,
	      "驳回申请 on 2025-01-10: 尚未审结 in 2024, no decision dates it");
	r = rc_rec(1, "2024-05-06", "2024-06-14", NULL, OGI_RC_REVOKE);
	k = ogi_reconsideration_count(&r);
	CHECK(k.result == OGI_RESULT_CORRECTED && k.decisive_on == D("2024-06-14"),
	      "撤销 on 2024-06-14: 结果纠正, dated by its decision");

	struct ogi_remedy_owner o = owner();
	static struct ogi_litigation l;
	ogi_litigation_init(&l, &o);
	l.route = OGI_ROUTE_DIRECT;
	l.filed_on = l.inst[0].filed_on = D("2024-03-01");
	l.inst[0].decided_on = D("2024-08-01");
	l.inst[0].judgment = OGI_J_REVOKE;
	l.ninst = 2;
	ogi_instance_init(&l.inst[1], 2);
	l.inst[1].kind = OGI_INSTANCE_SECOND;
	l.inst[1].filed_on = D("2024-08-10");
	l.inst[1].decided_on = D("2025-02-01");
	l.inst[1].judgment = OGI_J_AFFIRM;
	k = ogi_litigation_count(&l);
	CHECK(k.year == 2024 && k.block == OGI_REPORT_LITIGATION_DIRECT &&
	          k.result == OGI_RESULT_PENDING && k.decisive_on == OGI_DATE_NONE,
	      "the appeal, the latest instance filed in 2024, is undecided on 12-31: 尚未审结");
	l.ninst = 1;
	l.route = OGI_ROUTE_AFTER_RECONSIDERATION;
	k = ogi_litigation_count(&l);
	CHECK(k.block == OGI_REPORT_LITIGATION_AFTER && k.result == OGI_RESULT_CORRECTED &&
	          k.decisive_on == D("2024-08-01"),
	      "without the appeal the first judgment decides, and dates a change");
	struct ogi_remedy_count a = {2024, OGI_REPORT_RECONSIDERATION, OGI_RESULT_UPHELD,
	                             D("2024-06-14")},
	                        b = a;
	b.decisive_on = D("2024-06-20");
	CHECK(ogi_remedy_count_same(&a, &b), "the same cell whatever the decision's date");
	b.result = OGI_RESULT_CORRECTED;
	CHECK(!ogi_remedy_count_same(&a, &b), "another result is another cell");
}

static void owner_windows(void)
{
	struct ogi_request req = {.id = 7, .body_id = 2, .tracking_no = "JD01-2024-00007"};
	req.received_on = D("2024-01-10");
	req.outcome = OGI_OUT_WITHHELD_STATE_SECRET;
	req.clock = json_pack("{s:[{s:s, s:s}, {s:s, s:s}, {s:s, s:s}]}", "subdeadlines", "kind",
	                      "fee_payment", "due_on", "2024-02-01", "kind", "reconsideration",
	                      "due_on", "2024-04-07", "kind", "litigation", "due_on", "2024-08-05");
	struct ogi_remedy_owner o;
	ogi_remedy_owner_of(&req, &o);
	CHECK(o.id == 7 && o.body_id == 2 && strcmp(o.tracking_no, "JD01-2024-00007") == 0 &&
	          o.received_on == D("2024-01-10") && o.outcome == OGI_OUT_WITHHELD_STATE_SECRET,
	      "the request's own facts");
	/* the clock's subdeadlines after a reply: 60 days (复议法 art. 20), 6 months (诉讼法 art.
	 * 46) */
	CHECK_STR(fmt(o.rc_window), "2024-04-07", "the reconsideration window");
	CHECK_STR(fmt(o.lit_window), "2024-08-05", "the litigation window");
	json_decref(req.clock);
	req.clock = NULL;
	ogi_remedy_owner_of(&req, &o);
	CHECK(o.rc_window == OGI_DATE_NONE && o.lit_window == OGI_DATE_NONE,
	      "no reply yet: no windows");
}

static void timeline(void)
{
	struct ogi_remedy_owner o = owner();
	struct ogi_reconsideration rv[] = {
	    rc_rec(11, "2024-02-20", "2024-04-10", "2024-04-12", OGI_RC_REVOKE),
	    rc_rec(12, "2024-09-02", NULL, NULL, -1)};
	rv[0].redo_due = D("2024-05-10");
	rv[1].request_id = 2; /* another request's */
	static struct ogi_litigation lv[1];
	struct ogi_litigation *l = &lv[0];
	ogi_litigation_init(l, &o);
	l->id = 21;
	l->route = OGI_ROUTE_AFTER_RECONSIDERATION;
	l->filed_on = l->inst[0].filed_on = D("2024-04-20");
	l->inst[0].decided_on = D("2024-09-20");
	l->inst[0].judgment = OGI_J_REVOKE;
	l->inst[0].result = OGI_RESULT_CORRECTED;
	l->inst[0].redo_due = D("2024-11-20");
	l->ninst = 2;
	ogi_instance_init(&l->inst[1], 2);
	l->inst[1].kind = OGI_INSTANCE_SECOND;
	l->inst[1].filed_on = D("2024-10-08");
	struct ogi_remedy_records records = {{2, rv}, {1, lv}};
	struct ogi_remedy_timeline t;
	CHECK(ogi_remedy_timeline(cal, &records, 1, &t), "the dates of request 1");
	/* reconsideration 11: decision due, suit window, new reply; the first instance:
	   court's period, appeal window, new reply; the appeal: its court's period */
	CHECK_INT(t.ndates, 7, "12 is another request's");
	CHECK(t.ndates == 7 && t.dates[0].record_id == 11 && !t.dates[0].litigation &&
	          t.dates[0].d.kind == OGI_RD_RC_DECISION && t.dates[2].d.kind == OGI_RD_REDO,
	      "the reconsideration's first, in order");
	CHECK(t.ndates == 7 && t.dates[3].litigation && t.dates[3].record_id == 21 &&
	          t.dates[3].seq == 1 && t.dates[6].seq == 2,
	      "then each instance's, with its seq");
	CHECK(t.ndates == 7 && t.dates[5].d.kind == OGI_RD_REDO && t.dates[5].d.done,
	      "an appeal was filed: the first judgment's order is not in force");
	static const enum ogi_remedy_step_kind kinds[] = {
	    OGI_STEP_RC_FILED,  OGI_STEP_RC_DECIDED,       OGI_STEP_REDO,
	    OGI_STEP_LIT_FILED, OGI_STEP_INSTANCE_DECIDED, OGI_STEP_REDO};
	CHECK_INT(t.nsteps, 6, "filed, decided, order; filed, judgment, order");
	for (size_t i = 0; i < t.nsteps && i < 6; i++)
		CHECK_INT(t.steps[i].kind, kinds[i], "step %zu", i);
	if (t.nsteps == 6) {
		/* 行政复议法 2023 art. 62: deemed accepted 02-27, + 60 days = 04-27 (Sat) → 04-28
		 */
		CHECK_STR(fmt(t.steps[0].to), "2024-04-28", "filed: until the decision is due");
		/* 行政诉讼法 art. 45: served 04-12 + 15 days → 04-28 */
		CHECK_STR(fmt(t.steps[1].to), "2024-04-28", "decided: until the suit is due");
		CHECK(t.steps[2].rc == &rv[0] && t.steps[2].to == D("2024-05-10") &&
		          !t.steps[2].superseded,
		      "the decision's order, to its date");
		CHECK(t.steps[5].lit == l && t.steps[5].inst == 0 && t.steps[5].superseded,
		      "the first judgment's order, appealed");
	}
	ogi_remedy_timeline_free(&t);
	CHECK(ogi_remedy_timeline(cal, &records, 0, &t) && t.ndates == 9,
	      "all requests: 12's decision due and suit window too");
	ogi_remedy_timeline_free(&t);
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
	reconsideration_rules();
	instance_rules();
	litigation_rules();
	counts();
	owner_windows();
	timeline();
	ogi_calendar_free(cal);
	return check_done("remedies");
}
