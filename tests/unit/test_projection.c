/* The projection (lib/projection.c): a request's stored events, as lib/db
 * loads them (type, date, JSON payload), into what the request row stores —
 * status, due date, provisional flag, closing, outcome, late and extension
 * flags.  Each row counts its dates by hand from the official calendar
 * (law.md §5.2) and cites the article it follows. */
#include "lib/projection.h"
#include "tests/unit/caldata.h"
#include "tests/unit/check.h"

static struct ogi_calendar *cal;

struct ev {
	enum ogi_event_type type;
	const char *on;
	const char *payload; /* JSON */
};

struct row {
	const char *why;
	const char *received;
	struct ev events[4];
	int nevents;
	enum ogi_status status;
	const char *due_on; /* "none" when the clock is stopped */
	const char *closed_on;
	int outcome; /* -1 while open */
	bool provisional, replied_late, extension_used;
};

static const char *fmt(ogi_date d)
{
	static char buf[4][OGI_DATE_STRLEN];
	static int i;
	if (d == OGI_DATE_NONE)
		return "none";
	return ogi_date_format(d, buf[i++ % 4]);
}

static const struct row rows[] = {
    /* 条例 (2019) art. 33: 20 working days from receipt; 2025-03-03 (Mon): 03-04..07 = 4,
       10..14 = 9, 17..21 = 14, 24..28 = 19, 03-31 = 20 */
    {"2019 regime, nothing recorded",
     "2025-03-03",
     {{0}},
     0,
     OGI_STATUS_REGISTERED,
     "2025-03-31",
     "none",
     -1,
     false,
     false,
     false},
    /* 条例 (2007) art. 24: 15 working days; 2018-09-21: 09-24 中秋 off, 09-25..28 = 4, Sat
       09-29 and Sun 09-30 worked = 6, 10-01..07 off, 10-08..12 = 11, 10-15..18 = 15 */
    {"2008 regime, 15 working days",
     "2018-09-21",
     {{0}},
     0,
     OGI_STATUS_REGISTERED,
     "2018-10-18",
     "none",
     -1,
     false,
     false,
     false},
    /* 2027 is not loaded: 12-11 = 1, 14..18 = 6, 21..25 = 11, 28..31 = 15, 2027-01-01 = 16,
       04..07 = 20 by the weekday rule, so provisional */
    {"a deadline into an unloaded year is provisional",
     "2026-12-10",
     {{0}},
     0,
     OGI_STATUS_REGISTERED,
     "2027-01-07",
     "none",
     -1,
     true,
     false,
     false},
    /* art. 33: a reply on day 13 closes the request on time */
    {"a reply in time closes it",
     "2025-03-03",
     {{OGI_EV_REPLIED, "2025-03-20", "{\"outcome\": \"disclosed\"}"}},
     1,
     OGI_STATUS_CLOSED,
     "2025-03-31",
     "2025-03-20",
     OGI_OUT_DISCLOSED,
     false,
     false,
     false},
    /* art. 33: due 03-31; a reply on 04-02 is late (the annual report counts it) */
    {"a reply after the due date is late",
     "2025-03-03",
     {{OGI_EV_REPLIED, "2025-04-02", "{\"outcome\": \"disclosed\"}"}},
     1,
     OGI_STATUS_CLOSED,
     "2025-03-31",
     "2025-04-02",
     OGI_OUT_DISCLOSED,
     false,
     true,
     false},
    /* art. 33(2): one extension of at most 20 working days from 03-31: 04-01..03 = 3, 04-04
       清明 off, 07..11 = 8, 14..18 = 13, 21..25 = 18, Sun 04-27 worked (劳动节 调休) = 19,
       04-28 = 20 */
    {"an approved extension adds 20 working days",
     "2025-03-03",
     {{OGI_EV_EXTENSION_APPROVED, "2025-03-20",
       "{\"working_days\": 20, \"approver\": \"a\", \"reason\": \"b\"}"}},
     1,
     OGI_STATUS_REGISTERED,
     "2025-04-28",
     "none",
     -1,
     false,
     false,
     true},
    /* art. 33(2) and art. 33: a reply on 04-15 within the extended period is on time */
    {"a reply within the extended period is on time",
     "2025-03-03",
     {{OGI_EV_EXTENSION_APPROVED, "2025-03-20",
       "{\"working_days\": 20, \"approver\": \"a\", \"reason\": \"b\"}"},
      {OGI_EV_REPLIED, "2025-04-15", "{\"outcome\": \"not_held_not_exist\"}"}},
     2,
     OGI_STATUS_CLOSED,
     "2025-04-28",
     "2025-04-15",
     OGI_OUT_NOT_HELD_NOT_EXIST,
     false,
     false,
     true},
    /* 国办公开办函〔2016〕235号: the reply letter posted (交邮之日) on 04-01, after the due date
       03-31, though the reply was recorded on 03-28: late, as the stored payloads say */
    {"the reply letter's service is the legal reply date",
     "2025-03-03",
     {{OGI_EV_REPLIED, "2025-03-28", "{\"outcome\": \"disclosed\"}"},
      {OGI_EV_LETTER_ISSUED, "2025-03-28",
       "{\"letter_id\": 7, \"kind\": \"reply\", \"ref\": \"平湛马办依申复〔2025〕3号\"}"},
      {OGI_EV_LETTER_SERVED, "2025-04-01",
       "{\"letter_id\": 7, \"kind\": \"reply\", \"method\": \"post\", "
       "\"served_on\": \"2025-04-01\"}"}},
     3,
     OGI_STATUS_CLOSED,
     "2025-03-31",
     "2025-03-28",
     OGI_OUT_DISCLOSED,
     false,
     true,
     false},
};

static void table(void)
{
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const struct row *r = &rows[i];
		struct ogi_event ev[4];
		for (int k = 0; k < r->nevents; k++) {
			json_error_t err;
			ev[k] = (struct ogi_event){.id = k + 1,
			                           .type = r->events[k].type,
			                           .on = D(r->events[k].on),
			                           .payload =
			                               json_loads(r->events[k].payload, 0, &err)};
		}
		struct ogi_projection pr;
		ogi_projection_compute(cal, D(r->received), ev, (size_t)r->nevents, &pr);
		CHECK_INT(pr.status, r->status, "%s: status", r->why);
		CHECK_STR(fmt(pr.due_on), r->due_on, "%s: due_on", r->why);
		CHECK_STR(fmt(pr.closed_on), r->closed_on, "%s: closed_on", r->why);
		CHECK_INT(pr.outcome, r->outcome, "%s: outcome", r->why);
		CHECK_INT(pr.provisional, r->provisional, "%s: provisional", r->why);
		CHECK_INT(pr.replied_late, r->replied_late, "%s: replied_late", r->why);
		CHECK_INT(pr.extension_used, r->extension_used, "%s: extension_used", r->why);
		CHECK(json_is_array(json_object_get(pr.clock, "subdeadlines")),
		      "%s: the stored clock lists its sub-deadlines", r->why);
		ogi_projection_free(&pr);
		for (int k = 0; k < r->nevents; k++)
			json_decref(ev[k].payload);
	}
}

/* The rule check before an event is appended (ogi_projection_check): art.
 * 33(2) allows one extension only; a reply may not be recorded before the
 * receipt. */
static void rules(void)
{
	struct ogi_event ext = {
	    .id = 1,
	    .type = OGI_EV_EXTENSION_APPROVED,
	    .on = D("2025-03-20"),
	    .payload = json_loads("{\"working_days\": 5, \"approver\": \"a\", \"reason\": \"b\"}",
	                          0, NULL)};
	char detail[256];
	struct ogi_event again = ext;
	again.on = D("2025-03-21");
	CHECK_INT(
	    ogi_projection_check(cal, D("2025-03-03"), &ext, 1, &again, detail, sizeof detail),
	    OGI_E_EXTENSION_TWICE, "art. 33(2): a second extension is refused");
	CHECK_INT(ogi_projection_check(cal, D("2025-03-03"), NULL, 0, &ext, detail, sizeof detail),
	          0, "art. 33(2): the first extension before the due date is allowed");
	struct ogi_event early = {.type = OGI_EV_REPLIED,
	                          .on = D("2025-03-01"),
	                          .payload = json_loads("{\"outcome\": \"disclosed\"}", 0, NULL)};
	CHECK_INT(
	    ogi_projection_check(cal, D("2025-03-03"), NULL, 0, &early, detail, sizeof detail),
	    OGI_E_DATE_BEFORE_RECEIPT, "a reply dated before the receipt is refused");
	unsigned allowed = ogi_projection_allowed(cal, D("2025-03-03"), &ext, 1);
	CHECK(!(allowed & (1u << OGI_EV_EXTENSION_APPROVED)),
	      "after an extension, none is offered");
	CHECK(allowed & (1u << OGI_EV_REPLIED), "a reply is offered while the request is open");
	json_decref(ext.payload);
	json_decref(early.payload);
}

/* A corrected receipt date (issue 14 item 2): the history recorded is checked
 * again against it (ogi_projection_recheck), and the explanation says how
 * the registration was corrected. */
static void corrections(void)
{
	struct ogi_event ev[3] = {
	    {.id = 1,
	     .type = OGI_EV_REGISTERED,
	     .on = D("2025-03-03"),
	     .payload = json_loads("{\"channel\": \"in_person\"}", 0, NULL)},
	    {.id = 2,
	     .type = OGI_EV_EXTENSION_APPROVED,
	     .on = D("2025-03-20"),
	     .payload = json_loads("{\"working_days\": 5, \"approver\": \"a\", \"reason\": \"b\"}",
	                           0, NULL)},
	    {.id = 3,
	     .type = OGI_EV_RECORD_CORRECTED,
	     .on = D("2025-03-25"),
	     .payload = json_loads("{\"reason\": \"签收日期录错\", \"changes\": ["
	                           "{\"field\": \"channel\", \"from\": \"in_person\", "
	                           "\"to\": \"post_registered\"}, "
	                           "{\"field\": \"received_on\", \"from\": \"2025-03-05\", "
	                           "\"to\": \"2025-03-03\"}]}",
	                           0, NULL)},
	};
	static const struct {
		const char *received;
		int want;
		const char *why;
	} cases[] = {
	    {"2025-03-03", 0, "the receipt date as registered: the history holds"},
	    {"2025-03-06", 0,
	     "a later receipt before the extension: the registered event, dated 03-03, is ogi's "
	     "own "
	     "and not checked"},
	    {"2025-03-21", OGI_E_DATE_BEFORE_RECEIPT,
	     "art. 33(2): an extension decided on 03-20 cannot precede the receipt"},
	    /* 2025-02-10 + 20 wd: 02-11..14 = 4, 17..21 = 9, 24..28 = 14, 03-03..07 = 19,
	       03-10 = 20: an extension of 03-20 comes after that due date */
	    {"2025-02-10", OGI_E_EXTENSION_AFTER_DUE,
	     "art. 33(2): the extension must be decided by the due date the earlier receipt gives"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char detail[512] = "";
		size_t at = 99;
		int rc = ogi_projection_recheck(cal, D(cases[i].received), ev, 3, &at, detail,
		                                sizeof detail);
		CHECK_INT(rc, cases[i].want, "%s", cases[i].why);
		if (cases[i].want != 0) {
			CHECK_INT(at, 1, "%s: the extension is named", cases[i].why);
			CHECK(strstr(detail, "extension_approved") != NULL, "%s: %s", cases[i].why,
			      detail);
		}
	}
	/* the correction adds no state (a record, like a note) and says why the count moved */
	struct ogi_projection with, without;
	ogi_projection_compute(cal, D("2025-03-03"), ev, 3, &with);
	ogi_projection_compute(cal, D("2025-03-03"), ev, 2, &without);
	CHECK_INT(with.due_on, without.due_on,
	          "the due date is the receipt date's, not the event's");
	CHECK_INT(with.status, without.status, "no status of its own");
	ogi_projection_free(&with);
	ogi_projection_free(&without);
	json_t *x = ogi_projection_explain(cal, D("2025-03-03"), ev, 3);
	json_t *steps = json_object_get(x, "steps");
	const char *last = json_string_value(
	    json_object_get(json_array_get(steps, json_array_size(steps) - 1), "text_zh"));
	CHECK(last != NULL && strstr(last, "2025-03-25 更正登记") != NULL &&
	          strstr(last, "收到申请日期由 2025-03-05 更正为 2025-03-03") != NULL &&
	          strstr(last, "申请渠道由“当面提交”更正为“邮寄（需签收）”") != NULL,
	      "the step names the correction: %s", last ? last : "(none)");
	unsigned allowed = ogi_projection_allowed(cal, D("2025-03-03"), ev, 3);
	CHECK(!(allowed & (1u << OGI_EV_RECORD_CORRECTED)), "never offered as an event");
	json_decref(x);
	for (int k = 0; k < 3; k++)
		json_decref(ev[k].payload);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	cal = caldata_load(argv[1]);
	table();
	rules();
	corrections();
	ogi_calendar_free(cal);
	return check_done("projection");
}
