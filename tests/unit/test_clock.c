/* The statutory clock: regimes, correction restart, pauses, extension,
 * delay, fees, closing, remedy windows, the rules refused with 409, and
 * provisional counts.  Every expected date is counted by hand in its
 * comment from the official calendar (law.md §5.2). */
#include "lib/clock.h"
#include "lib/fees.h"
#include "tests/unit/caldata.h"
#include "tests/unit/check.h"

static struct ogi_calendar *cal;

#define EV(t, on) ogi_clock_event_init(OGI_EV_##t, D(on))

static struct ogi_clock run(const char *received, const struct ogi_clock_event *ev, size_t n,
                            const char *today)
{
	struct ogi_clock_input in = {.cal = cal,
	                             .received_on = D(received),
	                             .regime = ogi_regime_for(D(received)),
	                             .events = ev,
	                             .nevents = n,
	                             .today = D(today),
	                             .explain = true};
	struct ogi_clock out;
	ogi_clock_run(&in, &out);
	return out;
}

static enum ogi_error check(const char *received, const struct ogi_clock_event *ev, size_t n,
                            struct ogi_clock_event next)
{
	struct ogi_clock_input in = {.cal = cal,
	                             .received_on = D(received),
	                             .regime = ogi_regime_for(D(received)),
	                             .events = ev,
	                             .nevents = n,
	                             .today = D("2026-11-23")};
	char detail[256];
	return ogi_clock_check(&in, &next, detail, sizeof detail);
}

static const char *fmt(ogi_date d)
{
	static char buf[4][OGI_DATE_STRLEN];
	static int i;
	if (d == OGI_DATE_NONE)
		return "none";
	return ogi_date_format(d, buf[i++ % 4]);
}

static void regimes(void)
{
	struct ogi_clock c = run("2018-09-21", NULL, 0, "2018-09-21");
	/* 2008 regime, 15 wd: 09-24 中秋 off; 09-25..28 = 4, Sat 09-29 and Sun 09-30 worked = 6,
	   10-01..07 off, 10-08..12 = 11, 10-15..18 = 15 */
	CHECK_STR(fmt(c.due_on), "2018-10-18", "2008 regime: 15 working days");
	CHECK_INT(ogi_clock_period(OGI_REGIME_2008), 15, "15 wd before 2019-05-15");
	CHECK_INT(ogi_regime_for(D("2019-05-14")), OGI_REGIME_2008,
	          "2019-05-14 is still the 2007 regulation");
	CHECK_INT(ogi_regime_for(D("2019-05-15")), OGI_REGIME_2019,
	          "2019-05-15 the 2019 revision is in force");
	c = run("2012-09-27", NULL, 0, "2012-09-27");
	/* 2008 regime 2012: Fri 09-28 = 1, Sat 09-29 worked = 2, 09-30..10-07 off, 10-08..12 = 7,
	   15..19 = 12, 22..24 = 15 */
	CHECK_STR(fmt(c.due_on), "2012-10-24", "2012 National Day with the 09-29 make-up Saturday");
	c = run("2019-05-15", NULL, 0, "2019-05-15");
	/* 2019 regime 20 wd: 05-16..17 = 2, 20..24 = 7, 27..31 = 12, 06-03..06 = 16, 06-07 端午
	 * off, 10..13 = 20 */
	CHECK_STR(fmt(c.due_on), "2019-06-13", "first day of the 2019 regime");
	CHECK_STR(fmt(c.correction_notice_due), "2019-05-24", "7 wd: 05-16,17,20..24");
	CHECK_INT(c.status, OGI_STATUS_REGISTERED, "the clock runs");
}

static void correction_restart(void)
{
	struct ogi_clock_event ev[] = {EV(CORRECTION_REQUESTED, "2024-03-05"),
	                               EV(CORRECTION_RECEIVED, "2024-03-20")};
	struct ogi_clock c = run("2024-03-01", ev, 1, "2024-03-10");
	CHECK_INT(c.status, OGI_STATUS_AWAITING_CORRECTION, "stopped for correction");
	CHECK(!c.correction_notice_late, "notice on 03-05 is within 7 wd of 03-01 (due 03-12)");
	CHECK(!c.overdue, "a stopped clock is not overdue");
	c = run("2024-03-01", ev, 2, "2024-03-25");
	/* restart from 03-20: 21,22 = 2, 25..29 = 7, 04-01..03 = 10, 04-04..06 清明 off,
	   Sun 04-07 worked = 11, 04-08..12 = 16, 04-15..18 = 20 */
	CHECK_STR(fmt(c.due_on), "2024-04-18",
	          "the full 20 wd again from the corrected application");
	CHECK_INT(c.status, OGI_STATUS_REGISTERED, "running again");
	struct ogi_clock_event late[] = {EV(CORRECTION_REQUESTED, "2025-03-13")};
	c = run("2025-03-03", late, 1, "2025-03-13");
	/* notice due 2025-03-03 + 7 wd = 03-12 */
	CHECK(c.correction_notice_late,
	      "a notice on 03-13 is later than 03-12: flagged, not refused");
	CHECK_INT(check("2025-03-03", NULL, 0, EV(CORRECTION_REQUESTED, "2025-03-13")), 0,
	          "a late notice is accepted");
	CHECK_INT(check("2024-03-01", ev, 2, EV(CORRECTION_REQUESTED, "2024-03-25")),
	          OGI_E_CORRECTION_ONCE, "art. 30: one correction notice only");
	CHECK_INT(check("2024-03-01", ev, 1, EV(REPLIED, "2024-03-10")), OGI_E_CORRECTION_PENDING,
	          "no reply while the correction is awaited");
	CHECK_INT(check("2024-03-01", NULL, 0, EV(CORRECTION_RECEIVED, "2024-03-10")),
	          OGI_E_CORRECTION_NOT_REQUESTED, "nothing to receive");

	/* art. 30: the notice sets a reasonable time to correct (here to 2024-03-20); only
	   once it has passed is the application deemed withdrawn */
	struct ogi_clock_event period[] = {EV(CORRECTION_REQUESTED, "2024-03-05")};
	period[0].correction_due = D("2024-03-20");
	c = run("2024-03-01", period, 1, "2024-03-10");
	CHECK_INT(c.nsub, 1, "one date to watch while the correction is awaited");
	CHECK_INT(c.sub[0].kind, OGI_SUB_CORRECTION_PERIOD, "the applicant's time to correct");
	CHECK_STR(fmt(c.sub[0].due_on), "2024-03-20", "as the notice set it");
	CHECK_INT(check("2024-03-01", period, 1, EV(CORRECTION_LAPSED, "2024-03-20")),
	          OGI_E_CORRECTION_WINDOW_OPEN, "on the last day to correct it has not lapsed");
	CHECK_INT(check("2024-03-01", period, 1, EV(CORRECTION_LAPSED, "2024-03-21")), 0,
	          "the day after, the application lapses (视为放弃申请)");
	CHECK_INT(check("2024-03-01", period, 1, EV(CORRECTION_RECEIVED, "2024-03-25")), 0,
	          "a late correction may still be accepted (正当理由)");
	CHECK_INT(check("2024-03-01", ev, 1, EV(CORRECTION_LAPSED, "2024-03-06")), 0,
	          "no time set in the notice: the office judges when it has lapsed");
}

static void consultation_over_national_day(void)
{
	struct ogi_clock_event ev[] = {EV(CONSULTATION_STARTED, "2024-09-27"),
	                               EV(CONSULTATION_ENDED, "2024-10-15")};
	ev[0].id = 7;
	struct ogi_clock c = run("2024-09-10", NULL, 0, "2024-09-10");
	/* base: 09-11..13 = 3, Sat 09-14 worked = 4, 09-15..17 中秋 off, 18..20 = 7, 23..27 = 12,
	   Sun 09-29 worked = 13, 09-30 = 14, 10-01..07 off, 10-08..11 = 18, Sat 10-12 = 19, 10-14 =
	   20 */
	CHECK_STR(fmt(c.due_on), "2024-10-14", "base due date across 中秋 and 国庆");
	c = run("2024-09-10", ev, 1, "2024-10-09");
	CHECK_INT(c.status, OGI_STATUS_CONSULTING, "paused while consulting");
	/* as if it ended today: (09-27, 10-09] has 09-29, 09-30, 10-08, 10-09 = 4 wd → 10-18 */
	CHECK_STR(fmt(c.due_on), "2024-10-18", "due date if the pause ended today");
	CHECK_INT(c.nsub >= 1 ? (int)c.sub[c.nsub - 1].kind : -1, OGI_SUB_THIRD_PARTY,
	          "the party's window is shown");
	/* 09-27 + 15 wd: 09-29, 09-30 = 2, 10-08..11 = 6, 10-12 = 7, 14..18 = 12, 21..23 = 15 */
	CHECK_STR(fmt(c.sub[c.nsub - 1].due_on), "2024-10-23", "third party answers within 15 wd");
	c = run("2024-09-10", ev, 2, "2024-10-16");
	/* paused (09-27, 10-15]: 09-29, 09-30, 10-08..11, 10-12, 10-14, 10-15 = 9 wd;
	   10-14 + 9: 15..18 = 4, 21..25 = 9 */
	CHECK_STR(fmt(c.due_on), "2024-10-25", "the pause moves the due date by 9 working days");
	CHECK_INT(c.status, OGI_STATUS_REGISTERED, "running again");
	bool named = false;
	for (int i = 0; i < c.nsteps; i++)
		named = named || strstr(c.steps[i].text_zh, "国庆节") != NULL;
	CHECK(named, "the explanation names National Day");
	CHECK_INT(check("2024-09-10", ev, 1, EV(REPLIED, "2024-10-10")), OGI_E_CONSULTATION_OPEN,
	          "no reply while a consultation is open");
	CHECK_INT(check("2024-09-10", NULL, 0, EV(CONSULTATION_ENDED, "2024-10-10")),
	          OGI_E_CONSULTATION_NOT_OPEN, "nothing to end");
	/* two overlapping consultations pause once: (10, 20) ∪ (15, 25) = (10, 25) */
	struct ogi_clock_event two[] = {
	    EV(CONSULTATION_STARTED, "2025-03-10"), EV(CONSULTATION_STARTED, "2025-03-14"),
	    EV(CONSULTATION_ENDED, "2025-03-20"), EV(CONSULTATION_ENDED, "2025-03-25")};
	two[0].id = 1;
	two[1].id = 2;
	c = run("2025-03-03", two, 4, "2025-03-26");
	/* due 03-31 + (03-10, 03-25] = 11..14, 17..21, 24, 25 = 11 wd: 04-01..03 = 3, 04-04 off,
	 * 07..11 = 8, 14..16 = 11 */
	CHECK_STR(fmt(c.due_on), "2025-04-16", "overlapping consultations count their union once");
}

static void extension_and_delay(void)
{
	struct ogi_clock_event ev[] = {EV(EXTENSION_APPROVED, "2025-03-28")};
	ev[0].working_days = 20;
	struct ogi_clock c = run("2025-03-03", ev, 1, "2025-03-28");
	CHECK_STR(fmt(c.due_on), "2025-04-28", "law.md §5.3: 03-31 + 20 wd = 04-28");
	CHECK(c.extension_used, "extension recorded");
	struct ogi_clock_event again = EV(EXTENSION_APPROVED, "2025-04-01");
	again.working_days = 5;
	CHECK_INT(check("2025-03-03", ev, 1, again), OGI_E_EXTENSION_TWICE, "one extension only");
	CHECK_INT(check("2025-03-03", NULL, 0, again), OGI_E_EXTENSION_AFTER_DUE,
	          "04-01 is after the due date 03-31");
	struct ogi_clock_event on_due = EV(EXTENSION_APPROVED, "2025-03-31");
	on_due.working_days = 20;
	CHECK_INT(check("2025-03-03", NULL, 0, on_due), 0, "on the due date itself is in time");
	struct ogi_clock_event long08 = EV(EXTENSION_APPROVED, "2018-09-25");
	long08.working_days = 16;
	CHECK_INT(check("2018-09-21", NULL, 0, long08), OGI_E_EXTENSION_TOO_LONG,
	          "at most 15 wd in 2008");
	struct ogi_clock_event delay = EV(DELAY_SET, "2025-03-20");
	delay.due_on = D("2025-05-30");
	c = run("2025-03-03", &delay, 1, "2025-03-20");
	CHECK_STR(fmt(c.due_on), "2025-05-30", "art. 35 sets the due date");
	delay.due_on = D("2025-03-28");
	CHECK_INT(check("2025-03-03", NULL, 0, delay), OGI_E_DELAY_TOO_EARLY,
	          "a delay must be later than 03-31");
}

static void fees(void)
{
	struct ogi_clock_event ev[] = {EV(FEE_NOTICE_ISSUED, "2025-03-10"),
	                               EV(FEE_PAID, "2025-03-17")};
	struct ogi_clock c = run("2025-03-03", ev, 1, "2025-03-12");
	CHECK_INT(c.status, OGI_STATUS_AWAITING_PAYMENT, "awaiting payment");
	/* 03-10 + 20 wd: 11..14 = 4, 17..21 = 9, 24..28 = 14, 31 = 15, 04-01..03 = 18, 04-04 off,
	 * 07, 08 = 20 */
	CHECK_STR(fmt(c.sub[c.nsub - 1].due_on), "2025-04-08", "20 wd to pay");
	c = run("2025-03-03", ev, 2, "2025-03-18");
	/* paused (03-10, 03-17] = 5 wd; 03-31 + 5: 04-01..03 = 3, 04-04 off, 07, 08 = 5 */
	CHECK_STR(fmt(c.due_on), "2025-04-08", "notice to payment does not count");
	CHECK_INT(check("2025-03-03", NULL, 0, EV(FEE_PAID, "2025-03-10")),
	          OGI_E_PAYMENT_WITHOUT_NOTICE, "no payment without a notice");
	CHECK_INT(check("2025-03-03", ev, 1, EV(FEE_NOTICE_ISSUED, "2025-03-11")),
	          OGI_E_FEE_ALREADY_NOTIFIED, "one notice at a time");
	struct ogi_clock_event lapsed[] = {EV(FEE_NOTICE_ISSUED, "2025-03-10"),
	                                   EV(FEE_LAPSED, "2025-04-09")};
	c = run("2025-03-03", lapsed, 2, "2025-04-10");
	CHECK_INT(c.status, OGI_STATUS_CLOSED, "an unpaid fee closes the request");
	CHECK_INT(c.outcome, OGI_OUT_LAPSED_FEE, "as lapsed_fee");
}

static void replies_and_remedies(void)
{
	struct ogi_clock_event ev[] = {EV(REPLIED, "2025-03-20")};
	ev[0].outcome = OGI_OUT_DISCLOSED;
	ev[0].delivered_on = D("2025-03-21");
	struct ogi_clock c = run("2025-03-03", ev, 1, "2025-03-25");
	CHECK_INT(c.status, OGI_STATUS_CLOSED, "closed by the reply");
	CHECK_STR(fmt(c.closed_on), "2025-03-20", "closed on the reply date");
	CHECK(!c.replied_late, "before 03-31");
	/* delivered 03-21: + 60 days = 05-20 (Tue, a working day); + 6 months = 09-21 (Sun) → 09-22
	 */
	CHECK_STR(fmt(c.sub[0].due_on), "2025-05-20", "reconsideration within 60 days");
	CHECK_STR(fmt(c.sub[1].due_on), "2025-09-22",
	          "litigation: 6 months end on a Sunday, moved to Monday");
	ev[0].on = D("2025-04-01");
	ev[0].delivered_on = D("2025-04-02");
	c = run("2025-03-03", ev, 1, "2025-04-03");
	CHECK(c.replied_late, "a reply on 04-01 after the due date 03-31 is late");
	/* 04-02 + 60 days = 06-01 (Sun) → 06-02 is 端午 (Mon, off) → 06-03 */
	CHECK_STR(fmt(c.sub[0].due_on), "2025-06-03",
	          "a window ending on a day off moves to the next working day");
	CHECK_INT(check("2025-03-03", ev, 1, EV(EXTENSION_APPROVED, "2025-04-03")),
	          OGI_E_REQUEST_CLOSED, "no step of the clock after closing");
	CHECK_INT(check("2025-03-03", ev, 1, EV(NOTE, "2025-04-03")), 0,
	          "a note on a closed request: the reply form promises 「可以以后补记」");
	CHECK_INT(check("2025-03-03", ev, 1, EV(LETTER_SERVED, "2025-04-03")), 0,
	          "235号: the service of the reply letter is recorded after the reply");
	CHECK_INT(check("2025-03-03", ev, 1, EV(NOTE, "2025-03-01")), OGI_E_DATE_BEFORE_RECEIPT,
	          "a note on a closed request is still dated on or after the receipt");
	CHECK_INT(check("2025-03-03", NULL, 0, EV(NOTE, "2025-03-01")), OGI_E_DATE_BEFORE_RECEIPT,
	          "no date before receipt");
	struct ogi_clock_event w[] = {EV(WITHDRAWN, "2025-03-05")};
	c = run("2025-03-03", w, 1, "2025-03-05");
	CHECK_INT(c.outcome, OGI_OUT_WITHDRAWN, "withdrawn");
	struct ogi_clock_event cl[] = {EV(CORRECTION_REQUESTED, "2025-03-05"),
	                               EV(CORRECTION_LAPSED, "2025-04-10")};
	c = run("2025-03-03", cl, 2, "2025-04-10");
	CHECK_INT(c.outcome, OGI_OUT_LAPSED_CORRECTION,
	          "no correction: deemed withdrawn (row 三(六)1)");
	struct ogi_clock_event order[] = {EV(CONSULTATION_STARTED, "2025-03-10")};
	CHECK_INT(check("2025-03-03", order, 1, EV(CONSULTATION_ENDED, "2025-03-07")),
	          OGI_E_DATE_OUT_OF_ORDER, "events in the order they happened");
}

/* Consultation windows (art. 32/34): the pause ends with the answer or with
 * the party's window, whichever comes first; the window runs from the
 * party's receipt, which may be learnt after later events. */
static void consultation_windows(void)
{
	struct ogi_clock_event ev[] = {EV(CONSULTATION_STARTED, "2025-03-10"),
	                               EV(NOTE, "2025-03-20"),
	                               EV(CONSULTATION_DELIVERED, "2025-03-14")};
	ev[0].id = 5;
	ev[2].consultation = 5;
	struct ogi_clock c = run("2025-03-03", ev, 1, "2025-04-10");
	/* receipt unknown: window 03-10 + 15 wd = 03-11..14, 17..21, 24..28, 31 → 03-31 */
	CHECK_INT(c.sub[c.nsub - 1].kind, OGI_SUB_THIRD_PARTY, "the window is shown");
	CHECK_STR(fmt(c.sub[c.nsub - 1].due_on), "2025-03-31",
	          "15 wd from the sending while the receipt is unknown");
	CHECK(c.sub[c.nsub - 1].estimated, "and marked as an estimate");
	/* no answer by 03-31: paused (03-10, 03-31] = 15 wd; 03-31 + 15: 04-01..03 = 3, 04-04 清明
	   off, 07..11 = 8, 14..18 = 13, 21, 22 = 15 */
	CHECK_STR(fmt(c.due_on), "2025-04-22", "the pause ends with the party's window");
	CHECK_INT(c.status, OGI_STATUS_REGISTERED, "the clock runs again after the window");
	CHECK_INT(c.open_consultations, 1, "the consultation still waits for its record");
	CHECK(!c.overdue, "not overdue on 04-10");
	c = run("2025-03-03", ev, 1, "2025-03-25");
	CHECK_INT(c.status, OGI_STATUS_CONSULTING, "within the window the clock is paused");
	/* the receipt, learnt on 03-20 (after a note), was 03-14: window 03-17..21 = 5, 24..28 =
	   10, 31 = 11, 04-01..03 = 14, 04-04 off, 04-07 = 15 */
	c = run("2025-03-03", ev, 3, "2025-04-10");
	CHECK_STR(fmt(c.sub[c.nsub - 1].due_on), "2025-04-07", "15 wd from the party's receipt");
	CHECK(!c.sub[c.nsub - 1].estimated, "no longer an estimate");
	/* paused (03-10, 04-07] = 4 + 5 + 5 + 1 + 3 + 1 = 19 wd; 03-31 + 19: 04-01..03 = 3, 07..11
	   = 8, 14..18 = 13, 21..25 = 18, Sun 04-27 调休上班 = 19 */
	CHECK_STR(fmt(c.due_on), "2025-04-27",
	          "the later receipt moves the window and the due date");
	CHECK_INT(check("2025-03-03", ev, 2, ev[2]), 0,
	          "a receipt learnt later may be dated before the last event");
	struct ogi_clock_event bad = EV(CONSULTATION_DELIVERED, "2025-03-09");
	bad.consultation = 5;
	CHECK_INT(check("2025-03-03", ev, 1, bad), OGI_E_DATE_OUT_OF_ORDER,
	          "not received before it was sent");
	bad.on = D("2025-03-12");
	bad.consultation = 6;
	CHECK_INT(check("2025-03-03", ev, 1, bad), OGI_E_CONSULTATION_NOT_OPEN,
	          "no consultation 6");
	struct ogi_clock_event none = EV(CONSULTATION_ENDED, "2025-03-31");
	none.answer = OGI_ANSWER_NONE;
	CHECK_INT(check("2025-03-03", ev, 1, none), OGI_E_CONSULTATION_WINDOW_OPEN,
	          "\"no answer\" only after the window: 03-31 is its last day");
	none.on = D("2025-04-01");
	CHECK_INT(check("2025-03-03", ev, 1, none), 0, "on 04-01 the party did not answer in time");
	struct ogi_clock_event answered[] = {EV(CONSULTATION_STARTED, "2025-03-10"),
	                                     EV(CONSULTATION_ENDED, "2025-03-20")};
	answered[0].id = 5;
	answered[1].answer = OGI_ANSWER_AGREE;
	c = run("2025-03-03", answered, 2, "2025-03-21");
	/* (03-10, 03-20] = 11..14, 17..20 = 8 wd; 03-31 + 8: 04-01..03, 07..11 */
	CHECK_STR(fmt(c.due_on), "2025-04-11", "an answer within the window ends the pause");
	answered[1].on = D("2025-04-03");
	c = run("2025-03-03", answered, 2, "2025-04-03");
	CHECK_STR(fmt(c.due_on), "2025-04-22",
	          "a late answer: the pause had ended with the window on 03-31");
	CHECK_INT(check("2025-03-03", ev, 1, EV(REPLIED, "2025-04-10")), OGI_E_CONSULTATION_OPEN,
	          "record the consultation's end before replying");
	struct ogi_clock_event two[] = {EV(CONSULTATION_STARTED, "2025-03-10"),
	                                EV(CONSULTATION_STARTED, "2025-03-11")};
	two[0].id = 1;
	two[1].id = 2;
	struct ogi_clock_event end = EV(CONSULTATION_ENDED, "2025-03-20");
	end.answer = OGI_ANSWER_AGREE;
	CHECK_INT(check("2025-03-03", two, 2, end), OGI_E_CONSULTATION_AMBIGUOUS,
	          "two open: say which");
	end.consultation = 2;
	CHECK_INT(check("2025-03-03", two, 2, end), 0, "the second one ended");
}

/* Art. 32: a third party's objection; disclosure over it needs the
 * public-interest decision recorded first. */
static void objection_override(void)
{
	struct ogi_clock_event ev[] = {EV(CONSULTATION_STARTED, "2025-03-10"),
	                               EV(CONSULTATION_ENDED, "2025-03-20"),
	                               EV(OBJECTION_OVERRIDDEN, "2025-03-24")};
	ev[0].id = 9;
	ev[1].consultation = 9;
	ev[1].answer = OGI_ANSWER_OBJECT;
	ev[2].consultation = 9;
	struct ogi_clock_event reply = EV(REPLIED, "2025-03-25");
	reply.outcome = OGI_OUT_DISCLOSED;
	CHECK_INT(check("2025-03-03", ev, 2, reply), OGI_E_OBJECTION_NOT_OVERRIDDEN,
	          "disclosing over the objection without the decision");
	CHECK_INT(check("2025-03-03", ev, 3, reply), 0,
	          "with the public-interest decision recorded");
	reply.outcome = OGI_OUT_WITHHELD_THIRD_PARTY;
	CHECK_INT(check("2025-03-03", ev, 2, reply), 0, "withholding follows the objection");
	CHECK_INT(check("2025-03-03", ev, 3, ev[2]), OGI_E_CONFLICT, "the decision once");
	ev[1].answer = OGI_ANSWER_AGREE;
	CHECK_INT(check("2025-03-03", ev, 2, ev[2]), OGI_E_NO_OBJECTION,
	          "nothing to override after consent");
	ev[1].answer = OGI_ANSWER_OBJECT;
	ev[0].party = 1;
	CHECK_INT(check("2025-03-03", ev, 2, ev[2]), OGI_E_NO_OBJECTION,
	          "art. 32's override concerns third parties, not co-producing bodies (art. 34)");
}

static void fee_rules(void)
{
	struct ogi_clock_event ev[] = {EV(FEE_NOTICE_ISSUED, "2025-03-10")};
	/* pay by 03-10 + 20 wd = 04-08 (see fees()) */
	CHECK_INT(check("2025-03-03", ev, 1, EV(FEE_LAPSED, "2025-04-08")), OGI_E_FEE_WINDOW_OPEN,
	          "the applicant may still pay on 04-08");
	CHECK_INT(check("2025-03-03", ev, 1, EV(FEE_LAPSED, "2025-04-09")), 0,
	          "lapsed after the 20 wd");
	struct ogi_clock_event notice = EV(FEE_NOTICE_ISSUED, "2020-06-10");
	notice.fee_method = OGI_FEE_PER_ITEM;
	CHECK_INT(check("2020-06-01", NULL, 0, notice), OGI_E_FEE_NOT_APPLICABLE,
	          "国办函〔2020〕109号 applies to requests received from 2021-01-01");
	notice.on = D("2021-01-05");
	CHECK_INT(check("2021-01-04", NULL, 0, notice), 0, "received 2021-01-04: the fee applies");
	notice.fee_method = OGI_FEE_LEGACY;
	CHECK_INT(check("2021-01-04", NULL, 0, notice), OGI_E_FEE_NOT_APPLICABLE,
	          "no cost fees after 2019-05-15");
	notice.on = D("2018-09-25");
	CHECK_INT(check("2018-09-21", NULL, 0, notice), 0,
	          "财综〔2008〕44号 cost fees in the 2008 regime");
	notice.fee_method = OGI_FEE_PER_VOLUME;
	CHECK_INT(check("2018-09-21", NULL, 0, notice), OGI_E_FEE_NOT_APPLICABLE,
	          "no processing fee in 2018");
}

static struct ogi_clock_event letter(enum ogi_event_type t, const char *on, long long id,
                                     enum ogi_letter_kind kind)
{
	struct ogi_clock_event e = ogi_clock_event_init(t, D(on));
	e.letter = id;
	e.letter_kind = (int)kind;
	return e;
}

/* 国办公开办函〔2016〕235号: the reply date of a served reply letter is the
 * day of signature, for post the day handed to the post office; replied_late
 * and the applicant's windows count from it, provisional until it is known.
 * Received 2025-03-03 (Mon), due 03-31 (20 wd, counted in regimes()). */
static void reply_letter_service(void)
{
	struct ogi_clock_event ev[8];
	size_t n = 0;
	ev[n] = EV(REPLIED, "2025-03-28");
	ev[n++].outcome = OGI_OUT_DISCLOSED;
	struct ogi_clock c = run("2025-03-03", ev, n, "2025-03-28");
	CHECK(!c.replied_late, "replied 03-28, due 03-31: in time");
	CHECK_STR(fmt(c.reply_served_on), "none", "no letter served yet");
	/* from the reply date 03-28: + 60 days = 05-27 (Tue); + 6 months = 09-28, a Sunday worked
	   for National Day (国办发明电〔2024〕12号), so it stays */
	CHECK_STR(fmt(c.sub[0].due_on), "2025-05-27", "reconsideration from the reply date");
	CHECK_STR(fmt(c.sub[1].due_on), "2025-09-28", "litigation from the reply date");
	CHECK(c.sub[0].provisional && c.sub[1].provisional,
	      "235号: provisional until the reply letter's service is recorded");

	ev[n++] = letter(OGI_EV_LETTER_ISSUED, "2025-03-28", 7, OGI_LETTER_REPLY);
	ev[n++] = letter(OGI_EV_LETTER_ISSUED, "2025-03-28", 8, OGI_LETTER_RECEIPT);
	ev[n++] = letter(OGI_EV_LETTER_SERVED, "2025-03-29", 8, OGI_LETTER_RECEIPT);
	c = run("2025-03-03", ev, n, "2025-04-02");
	CHECK(c.sub[0].provisional, "a receipt's service is not the reply's");

	/* posted on 04-01 (交邮之日), after the due date 03-31 */
	ev[n++] = letter(OGI_EV_LETTER_SERVED, "2025-04-01", 7, OGI_LETTER_REPLY);
	c = run("2025-03-03", ev, n, "2025-04-02");
	CHECK(c.replied_late, "235号: posted 04-01 after the due date 03-31: late");
	CHECK_STR(fmt(c.reply_served_on), "2025-04-01", "the legal reply date");
	/* 04-01 + 60 days = 05-31 (Sat), 06-01 (Sun), 06-02 端午 off → 06-03; + 6 months = 10-01,
	   国庆节、中秋节 off 10-01..08 → 10-09 */
	CHECK_STR(fmt(c.sub[0].due_on), "2025-06-03", "60 days from the service");
	CHECK_STR(fmt(c.sub[1].due_on), "2025-10-09", "6 months from the service");
	CHECK(!c.sub[0].provisional && !c.sub[1].provisional, "the service is recorded");

	/* the delivery corrected: the letter was handed to the post office on 03-31 */
	ev[n++] = letter(OGI_EV_LETTER_SERVED, "2025-03-31", 7, OGI_LETTER_REPLY);
	c = run("2025-03-03", ev, n, "2025-04-02");
	CHECK(!c.replied_late, "the later letter_served replaces the earlier: 03-31 is in time");
	/* 03-31 + 60 days = 05-30 (Fri); + 6 months = 09-30 (Tue) */
	CHECK_STR(fmt(c.sub[0].due_on), "2025-05-30", "60 days from the corrected service");
	CHECK_STR(fmt(c.sub[1].due_on), "2025-09-30", "6 months from the corrected service");

	/* the served letter voided: back to the reply date, provisional */
	ev[n++] = letter(OGI_EV_LETTER_VOIDED, "2025-04-02", 7, OGI_LETTER_REPLY);
	c = run("2025-03-03", ev, n, "2025-04-02");
	CHECK(!c.replied_late, "a voided letter's service counts no more");
	CHECK_STR(fmt(c.sub[0].due_on), "2025-05-27", "from the reply date again");
	CHECK(c.sub[0].provisional, "no reply letter in force has been served");

	/* a reply recorded late but its letter served in time is not late: 235号 */
	struct ogi_clock_event late[] = {
	    EV(REPLIED, "2025-04-03"),
	    letter(OGI_EV_LETTER_ISSUED, "2025-04-03", 9, OGI_LETTER_REPLY),
	    letter(OGI_EV_LETTER_SERVED, "2025-03-31", 9, OGI_LETTER_REPLY)};
	late[0].outcome = OGI_OUT_DISCLOSED;
	c = run("2025-03-03", late, 1, "2025-04-03");
	CHECK(c.replied_late, "the reply date 04-03 is after 03-31");
	c = run("2025-03-03", late, 3, "2025-04-03");
	CHECK(!c.replied_late, "served on 03-31 (its legal date): in time");
	CHECK_INT(check("2025-03-03", late, 3, EV(NOTE, "2025-04-05")), 0,
	          "notes after the service");
}

static void overdue_and_provisional(void)
{
	struct ogi_clock c = run("2025-03-03", NULL, 0, "2025-04-01");
	CHECK(c.overdue, "open and running on 04-01, due 03-31: overdue");
	c = run("2025-03-03", NULL, 0, "2025-03-31");
	CHECK(!c.overdue, "on the due date itself: not yet overdue");
	c = run("2026-12-10", NULL, 0, "2026-12-10");
	/* 12-11 = 1, 14..18 = 6, 21..25 = 11, 28..31 = 15, 2027 by the weekday rule: 01-01 = 16,
	 * 04..07 = 20 */
	CHECK_STR(fmt(c.due_on), "2027-01-07", "into 2027 by the weekday rule");
	CHECK(c.provisional, "2027 not loaded: provisional");
	/* issue 18: the due date as of today of a paused clock runs into 2027 too.  Received
	 * 2026-12-01: 12-02..04 = 3, 07..11 = 8, 14..18 = 13, 21..25 = 18, 28, 29 = 20 → 12-29, in
	 * 2026: not provisional.  A consultation from 12-10, paused up to 12-21: (12-10, 12-21] =
	 * 11, 14..18, 21 = 7 wd; 12-29 + 7: 30, 31 = 2, 2027 by the weekday rule: 01-01 = 3,
	 * 04..07 = 7 → 2027-01-07, provisional */
	struct ogi_clock_event consult = EV(CONSULTATION_STARTED, "2026-12-10");
	consult.id = 3;
	c = run("2026-12-01", NULL, 0, "2026-12-01");
	CHECK_STR(fmt(c.due_on), "2026-12-29", "base due date in 2026");
	CHECK(!c.provisional, "within 2026: not provisional");
	c = run("2026-12-01", &consult, 1, "2026-12-21");
	CHECK_STR(fmt(c.due_on), "2027-01-07", "the pause counted up to today moves it into 2027");
	CHECK(c.provisional, "the live date of a paused clock in an unloaded year is provisional");
	CHECK(c.nsub >= 1 && c.sub[c.nsub - 1].kind == OGI_SUB_THIRD_PARTY &&
	          !c.sub[c.nsub - 1].provisional,
	      "the party's window 12-10 + 15 wd = 12-31 stays in 2026");
	/* a consultation sent 12-21: 22..25 = 4, 28..31 = 8, 2027: 01-01 = 9, 04..08 = 14, 11 = 15
	 */
	consult.on = D("2026-12-21");
	c = run("2026-12-01", &consult, 1, "2026-12-21");
	CHECK(c.nsub >= 1 && c.sub[c.nsub - 1].kind == OGI_SUB_THIRD_PARTY &&
	          c.sub[c.nsub - 1].provisional,
	      "the party's window into 2027 (2027-01-11) is marked provisional");
	CHECK_STR(fmt(c.sub[c.nsub - 1].due_on), "2027-01-11", "the party's window");
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	cal = caldata_load(argv[1]);
	regimes();
	correction_restart();
	consultation_over_national_day();
	extension_and_delay();
	fees();
	replies_and_remedies();
	consultation_windows();
	objection_override();
	fee_rules();
	overdue_and_provisional();
	reply_letter_service();
	ogi_calendar_free(cal);
	return check_done("clock");
}
