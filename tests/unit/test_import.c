/* The calendar import parser: holiday-cn JSON and iCalendar accepted,
 * malformed files refused whole with a message naming where.  And the rule
 * of a plausible year (ogi_calendar_import_plausible): each year loaded has
 * its Spring Festival and National Day holidays and at least the law's days
 * off; every year shipped in migrations/0002-calendar.sql (argv[1]) meets it. */
#include "lib/calendar_import.h"
#include "lib/spec.h"
#include "tests/unit/caldata.h"
#include "tests/unit/check.h"

static bool parse(const char *text, struct ogi_import *imp)
{
	return ogi_calendar_import_parse(text, strlen(text), imp);
}

/* A holiday-cn file of year from "MM-DD" and "MM-DD..MM-DD" (days off) and
 * "w:MM-DD" (a make-up working day), space-separated; static storage. */
static const char *year_json(int year, const char *days)
{
	static char out[32768];
	size_t used = (size_t)snprintf(out, sizeof out, "{\"year\":%d,\"days\":[", year);
	const char *sep = "";
	for (const char *p = days; *p;) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		bool worked = strncmp(p, "w:", 2) == 0;
		int m1, d1, m2, d2, n = 0;
		if (sscanf(p + (worked ? 2 : 0), "%2d-%2d..%2d-%2d%n", &m1, &d1, &m2, &d2, &n) !=
		    4) {
			n = 0;
			if (sscanf(p + (worked ? 2 : 0), "%2d-%2d%n", &m1, &d1, &n) != 2) {
				fprintf(stderr, "bad day in a test table: %s\n", p);
				exit(2);
			}
			m2 = m1;
			d2 = d1;
		}
		p += n + (worked ? 2 : 0);
		for (ogi_date d = ogi_date_from_ymd(year, m1, d1);
		     d <= ogi_date_from_ymd(year, m2, d2); d++) {
			char buf[OGI_DATE_STRLEN];
			used += (size_t)snprintf(
			    out + used, sizeof out - used,
			    "%s{\"name\":\"x\",\"date\":\"%s\",\"isOffDay\":%s}", sep,
			    ogi_date_format(d, buf), worked ? "false" : "true");
			sep = ",";
		}
	}
	snprintf(out + used, sizeof out - used, "]}");
	return out;
}

/* The rows of year in the shipped migration (one per line, as caldata.h reads them), as an
 * import of that year: the exceptions to the weekday rule only. */
static void shipped_year(const char *path, int year, struct ogi_import *imp)
{
	FILE *f = fopen(path, "r");
	if (f == NULL) {
		fprintf(stderr, "cannot open %s\n", path);
		exit(2);
	}
	memset(imp, 0, sizeof *imp);
	imp->years[0] = year;
	imp->nyears = 1;
	imp->days = calloc(400, sizeof *imp->days);
	char line[1024];
	while (imp->days != NULL && imp->ndays < 400 && fgets(line, sizeof line, f) != NULL) {
		char date[11], kind[16], name[256];
		ogi_date d;
		if (sscanf(line, "('%10[0-9-]','%15[a-z]','%255[^']'", date, kind, name) == 3 &&
		    ogi_date_parse(date, &d) && ogi_date_year(d) == year) {
			struct ogi_import_day *day = &imp->days[imp->ndays++];
			day->day = d;
			day->kind =
			    strcmp(kind, "holiday") == 0 ? OGI_DAY_HOLIDAY : OGI_DAY_WORKDAY;
			snprintf(day->name, sizeof day->name, "%s", name);
		}
	}
	fclose(f);
}

/* An iCalendar file of the VEVENT lines given (LF line ends: the reader takes both); static. */
static const char *vcal(const char *events)
{
	static char out[16384];
	snprintf(out, sizeof out,
	         "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//ogi//test//ZH\n%sEND:VCALENDAR\n",
	         events);
	return out;
}

static int by_day(const void *a, const void *b)
{
	const struct ogi_import_day *x = a, *y = b;
	return x->day < y->day ? -1 : x->day > y->day;
}

/* The days imp read as "YYYY-MM-DD" (off) and "w:YYYY-MM-DD" (worked), by date, each once (the
 * last word on a day as when stored; qsort is not stable, so a day said twice must agree). */
static const char *days_said(struct ogi_import *imp)
{
	static char out[32768];
	size_t used = 0;
	out[0] = '\0';
	if (imp->ndays > 0)
		qsort(imp->days, imp->ndays, sizeof imp->days[0], by_day);
	for (size_t i = 0; i < imp->ndays; i++) {
		if (i + 1 < imp->ndays && imp->days[i + 1].day == imp->days[i].day)
			continue;
		char buf[OGI_DATE_STRLEN];
		used += (size_t)snprintf(out + used, sizeof out - used, "%s%s%s", used ? " " : "",
		                         imp->days[i].kind == OGI_DAY_WORKDAY ? "w:" : "",
		                         ogi_date_format(imp->days[i].day, buf));
	}
	return out;
}

/* RFC 5545 recurrences (RRULE COUNT, UNTIL, INTERVAL, BYDAY; RDATE; EXDATE; RECURRENCE-ID),
 * DURATION and folded lines: the days each event means; and what the reader refuses, with the
 * line named, a hostile RRULE among them (it must end, and soon). */
static void recurrences(void)
{
	static const struct {
		const char *events, *days, *why;
	} rows[] = {
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270205\nRRULE:FREQ=DAILY;COUNT=7\nSUMMARY:"
	     "春节\nEND:"
	     "VEVENT\n",
	     "2027-02-05 2027-02-06 2027-02-07 2027-02-08 2027-02-09 2027-02-10 2027-02-11",
	     "a 7-day holiday as one event, COUNT=7"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270205\nRRULE:FREQ=DAILY;UNTIL=20270208\nSUMMARY:"
	     "春节"
	     "\nEND:VEVENT\n",
	     "2027-02-05 2027-02-06 2027-02-07 2027-02-08", "UNTIL is inclusive"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nRRULE:FREQ=DAILY;INTERVAL=2;COUNT="
	     "3\nSUMMARY:"
	     "x\nEND:VEVENT\n",
	     "2027-01-01 2027-01-03 2027-01-05", "INTERVAL=2"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270109\nRRULE:FREQ=WEEKLY;BYDAY=SA;COUNT="
	     "3\nSUMMARY:"
	     "补班\nEND:VEVENT\n",
	     "w:2027-01-09 w:2027-01-16 w:2027-01-23", "weekly make-up Saturdays (BYDAY=SA)"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270102\nRRULE:FREQ=WEEKLY;BYDAY=SA,SU;UNTIL="
	     "20270110\n"
	     "SUMMARY:上班\nEND:VEVENT\n",
	     "w:2027-01-02 w:2027-01-03 w:2027-01-09 w:2027-01-10", "BYDAY=SA,SU until a Sunday"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20271001\nRRULE:FREQ=DAILY;COUNT=5\nEXDATE;VALUE="
	     "DATE:"
	     "20271003,20271004\nSUMMARY:国庆节\nEND:VEVENT\n",
	     "2027-10-01 2027-10-02 2027-10-05", "EXDATE with two dates"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20271001\nRRULE:FREQ=DAILY;COUNT=3\nEXDATE;VALUE="
	     "DATE:"
	     "20271001\nEXDATE;VALUE=DATE:20271003\nSUMMARY:国庆节\nEND:VEVENT\n",
	     "2027-10-02", "EXDATE of DTSTART itself, two EXDATE lines"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270501\nDURATION:P5D\nSUMMARY:劳动节\nEND:"
	     "VEVENT\n",
	     "2027-05-01 2027-05-02 2027-05-03 2027-05-04 2027-05-05", "DURATION P5D"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270501\nDURATION:P1W\nSUMMARY:x\nEND:VEVENT\n",
	     "2027-05-01 2027-05-02 2027-05-03 2027-05-04 2027-05-05 2027-05-06 2027-05-07",
	     "DURATION P1W"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270501\nDURATION:P2D\nRRULE:FREQ=WEEKLY;COUNT=2\n"
	     "SUMMARY:x\nEND:VEVENT\n",
	     "2027-05-01 2027-05-02 2027-05-08 2027-05-09", "DURATION of each instance"},
	    {"BEGIN:VEVENT\nDTSTART;TZID=Asia/Shanghai:20270205T000000\nDTEND;TZID=Asia/Shanghai:"
	     "20270206T000000\nRRULE:FREQ=DAILY;COUNT=2\nSUMMARY:x\nEND:VEVENT\n",
	     "2027-02-05 2027-02-06", "DATE-TIME with TZID: the days as written"},
	    {"BEGIN:VEVENT\nDTSTART:20270205T200000Z\nDURATION:P1DT6H\nSUMMARY:x\nEND:VEVENT\n",
	     "2027-02-05 2027-02-06", "DATE-TIME DURATION: the days it touches before its end"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nRDATE;VALUE=DATE:20270103,"
	     "20270105\nSUMMARY:"
	     "x\nEND:VEVENT\n",
	     "2027-01-01 2027-01-03 2027-01-05", "RDATE"},
	    {"BEGIN:VEVENT\nUID:a@test\nDTSTART;VALUE=DATE:20270101\nRRULE:FREQ=DAILY;COUNT="
	     "3\nSUMMARY:"
	     "x\nEND:VEVENT\nBEGIN:VEVENT\nUID:a@test\nRECURRENCE-ID;VALUE=DATE:20270102\nDTSTART;"
	     "VALUE=DATE:20270110\nSUMMARY:x\nEND:VEVENT\n",
	     "2027-01-01 2027-01-03 2027-01-10", "an instance moved by RECURRENCE-ID"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nRRULE:FREQ=YEARLY\nSUMMARY:元旦\nEND:"
	     "VEVENT\n",
	     "2027-01-01", "an endless YEARLY rule: its first year only"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20271\n 001\nRRULE:FREQ=DA\n "
	     "ILY;COUNT=2\nSUMMARY:国庆\n "
	     "节\nEND:VEVENT\n",
	     "2027-10-01 2027-10-02", "folded lines, one inside a date"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20271001\nRRULE:FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=1,"
	     "2,3\n"
	     "SUMMARY:国庆节\nEND:VEVENT\n",
	     "2027-10-01 2027-10-02 2027-10-03", "YEARLY BYMONTH BYMONTHDAY, endless: its year"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270102\nRRULE:FREQ=MONTHLY;BYDAY=1SA;COUNT=3\n"
	     "SUMMARY:班\nEND:VEVENT\n",
	     "w:2027-01-02 w:2027-02-06 w:2027-03-06", "MONTHLY, the first Saturday"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270226\nRRULE:FREQ=YEARLY;BYMONTH=2;BYDAY=-1FR\n"
	     "SUMMARY:x\nEND:VEVENT\n",
	     "2027-02-26 2028-02-25", "YEARLY, the last Friday of February: within 365 days"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270131\nRRULE:FREQ=MONTHLY;COUNT=3\nSUMMARY:x\n"
	     "END:VEVENT\n",
	     "2027-01-31 2027-03-31 2027-05-31", "MONTHLY on the 31st skips short months"},
	    {"BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20271001\r\nSUMMARY:国庆节\r\n\t补班\r\nEND:"
	     "VEVENT\r\n",
	     "w:2027-10-01", "a folded SUMMARY (a tab) still says 班"},
	};
	struct ogi_import imp;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		CHECK(parse(vcal(rows[i].events), &imp), "%s: %s", rows[i].why, imp.error);
		CHECK_STR(days_said(&imp), rows[i].days, "%s", rows[i].why);
		ogi_import_free(&imp);
	}
	CHECK(parse(vcal(rows[15].events), &imp), "folded: %s", imp.error);
	CHECK_STR(imp.days[0].name, "国庆节", "a folded SUMMARY is unfolded");
	ogi_import_free(&imp);
	/* an endless DAILY rule is read for a year from DTSTART */
	CHECK(parse(vcal("BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nRRULE:FREQ=DAILY\nSUMMARY:x\n"
	                 "END:VEVENT\n"),
	            &imp),
	      "an endless DAILY rule: %s", imp.error);
	CHECK_INT(imp.ndays, 365, "2027-01-01 .. 2027-12-31");
	CHECK_INT(imp.nyears, 1, "2027 only");
	ogi_import_free(&imp);

	static const struct {
		const char *text, *zh, *en, *why;
	} bad[] = {
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nRRULE:FREQ=SECONDLY\nEND:VEVENT\n",
	     "第 6 行", "line 6: an RRULE's FREQ must be DAILY", "FREQ=SECONDLY, endless"},
	    {"BEGIN:VEVENT\nDTSTART:20270101T000000\nRRULE:FREQ=MINUTELY;COUNT=10\nEND:VEVENT\n",
	     "第 6 行", "line 6: an RRULE's FREQ must be DAILY", "FREQ=MINUTELY"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nRRULE:FREQ=DAILY;COUNT=2000000000\nEND:"
	     "VEVENT\n",
	     "一年之后", "line 6: the RRULE runs on a year or more after DTSTART", "a huge COUNT"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nRRULE:FREQ=WEEKLY;UNTIL=20991231\nEND:"
	     "VEVENT\n",
	     "一年之后", "line 6: the RRULE runs on a year or more after DTSTART", "UNTIL in 2099"},
	    {"BEGIN:VEVENT\nDTSTART:20270101T000000\nRRULE:FREQ=DAILY;BYHOUR=0,1,2,3,4,5,6,7,8,9,"
	     "10,"
	     "11;BYMINUTE=0,10,20,30,40,50\nEND:VEVENT\n",
	     "2000", "line 6: the RRULE repeats more than 2000 times", "72 instances a day"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nRRULE:FREQ=MONTHLY;BYMONTH=4;BYMONTHDAY="
	     "31\n"
	     "END:VEVENT\n",
	     "一年内没有一天", "line 6: the RRULE names no day within a year of DTSTART",
	     "31 April (libical would look for it up to the year 20000)"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY="
	     "30\n"
	     "END:VEVENT\n",
	     "一年内没有一天", "line 6: the RRULE names no day within a year", "30 February"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nRRULE:FREQ=MONTHLY;INTERVAL=12;BYMONTH=6\n"
	     "END:VEVENT\n",
	     "一年内没有一天", "line 6: the RRULE names no day within a year",
	     "every 12 months from January, in June"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nRRULE:FREQ=YEARLY;BYDAY=MO;BYSETPOS=2\n"
	     "END:VEVENT\n",
	     "BYMONTHDAY",
	     "line 6: a MONTHLY or YEARLY RRULE may have BYMONTH, BYMONTHDAY and BYDAY",
	     "BYSETPOS"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nRRULE:FREQ=MONTHLY;BYDAY=1MO;BYMONTHDAY="
	     "20\n"
	     "END:VEVENT\n",
	     "BYMONTHDAY", "line 6: a MONTHLY or YEARLY RRULE may have",
	     "the first Monday on the 20th"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nRRULE:FREQ=DAILY;COUNT=x\nEND:VEVENT\n",
	     "第 6 行", "line 6: not valid iCalendar (RFC 5545): Can't parse as RECUR value",
	     "a malformed RRULE (libical's X-LIC-ERROR)"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nRRULE:FREQ=DAILY;COUNT=2\nRRULE:FREQ="
	     "WEEKLY;"
	     "COUNT=2\nEND:VEVENT\n",
	     "多个 RRULE", "line 6: the event has more than one RRULE", "two RRULEs"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nDTEND;VALUE=DATE:20270102\nDURATION:"
	     "P1D\nEND:"
	     "VEVENT\n",
	     "第 7 行", "line 7: the event has both DTEND and DURATION", "DTEND and DURATION"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nDURATION:PT12H\nEND:VEVENT\n", "整天",
	     "line 6: the DURATION of an all-day event must be whole days", "PT12H all day"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nDURATION:-P2D\nEND:VEVENT\n", "1 至 31 天",
	     "line 6: DTEND (or DURATION) must be 1 to 31 days after DTSTART",
	     "a negative DURATION"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nDURATION:P99999999W\nEND:VEVENT\n",
	     "1 至 31 天", "line 6: DTEND (or DURATION) must be 1 to 31 days", "a huge DURATION"},
	    {"BEGIN:VEVENT\nDTSTART;TZID=Asia/"
	     "Shanghai:20270205T090000\nDURATION:PT8H\nEND:VEVENT\n",
	     "1 至 31 天", "line 6: DTEND (or DURATION) must be 1 to 31 days",
	     "hours within a day"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nDTEND:20270103T000000\nEND:VEVENT\n",
	     "同为日期", "line 6: DTSTART and DTEND must both be dates", "a date and a date-time"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270230\nEND:VEVENT\n", "DTSTART",
	     "line 5: DTSTART is not a date", "30 February"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nFOO:bar\nEND:VEVENT\n", "第 6 行",
	     "line 6: not valid iCalendar (RFC 5545): Parse error in property name",
	     "a property RFC 5545 does not know (not X-)"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nEXDATE;VALUE=DATE:2027\nEND:VEVENT\n",
	     "第 6 行", "line 6: not valid iCalendar", "a malformed EXDATE"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nEND:VTODO\n", "第 4 行",
	     "line 6: END does not close the component begun on line 4", "END of the wrong kind"},
	    {"BEGIN:VEVENTS\nDTSTART;VALUE=DATE:20270101\nEND:VEVENTS\n", "第 4 行",
	     "line 4: BEGIN names no iCalendar component", "no such component"},
	    {"BEGIN:VTODO\nBEGIN:VEVENT\nEND:VEVENT\nEND:VTODO\n", "第 5 行",
	     "line 5: a VEVENT must be directly inside the VCALENDAR", "a VEVENT in a VTODO"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nSUMMARY:a\nSUMMARY:b\nEND:VEVENT\n",
	     "多个 SUMMARY", "line 6: the event has more than one SUMMARY", "two SUMMARYs"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nSUMMARY:\xff\xfe\nEND:VEVENT\n", "UTF-8",
	     "line 6: the SUMMARY is not UTF-8 text", "a SUMMARY in another charset"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\n\n continued\nEND:VEVENT\n", "续行",
	     "line 7: a folded line continues nothing", "a fold after an empty line"},
	    {"BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nEND;X-A=b:VEVENT\nEND:VEVENT\n", "第 6 行",
	     "line 6: BEGIN and END take no parameters", "END with a parameter"},
	    {"X-LIC-ERROR:planted\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nEND:VEVENT\n",
	     "不符合 iCalendar", "the file is not valid iCalendar (RFC 5545)",
	     "an X-LIC-ERROR in the file itself"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		CHECK(!parse(vcal(bad[i].text), &imp), "refused: %s", bad[i].why);
		CHECK(imp.ndays == 0 && imp.days == NULL, "nothing half-read: %s", bad[i].why);
		CHECK(strstr(imp.error, bad[i].en) != NULL, "%s: the message %s, want %s",
		      bad[i].why, imp.error, bad[i].en);
		CHECK(strstr(imp.error_zh, bad[i].zh) != NULL, "%s: the message %s, want %s",
		      bad[i].why, imp.error_zh, bad[i].zh);
	}
	/* a hundred recurring events at most (each costs libical a year's search at worst) */
	static char many[32768];
	size_t used = 0;
	for (int i = 0; i <= 100; i++)
		used +=
		    (size_t)snprintf(many + used, sizeof many - used,
		                     "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nRRULE:FREQ=DAILY;"
		                     "BYMONTH=2;BYMONTHDAY=30\nEND:VEVENT\n");
	CHECK(!parse(vcal(many), &imp), "101 events with an RRULE");
	CHECK_STR(imp.error, "the file has more than 100 events with an RRULE", "101 RRULEs");
	/* a file that stops before END:VCALENDAR */
	CHECK(!parse("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nEND:VEVENT\n",
	             &imp),
	      "no END:VCALENDAR");
	CHECK_STR(imp.error, "the component begun on line 1 has no END", "no END:VCALENDAR");
	/* blank lines ahead of the calendar count in the line named */
	CHECK(
	    !parse(
	        "\n\nBEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:2027ab01\nEND:VEVENT\nEND:VCALENDAR\n",
	        &imp),
	    "a bad DTSTART");
	CHECK(strncmp(imp.error, "line 5: ", 8) == 0, "line 5 of the file: %s", imp.error);
}

/* 国办发明电〔2024〕12号 (law.md §5.2), 2025: 春节 01-28..02-04 off, Sun 01-26 and Sat 02-08
 * worked; 国庆节、中秋节 10-01..10-08 off, Sun 09-28 and Sat 10-11 worked; and the other holidays.
 * Written as an office's calendar program would, with RRULE, DURATION and RDATE, it means the same
 * days as written day by day. */
static void year_2025(void)
{
	const char *others =
	    "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20250101\nSUMMARY:元旦\nEND:VEVENT\n"
	    "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20250404\nDTEND;VALUE=DATE:20250407\n"
	    "SUMMARY:清明节\nEND:VEVENT\n"
	    "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20250501\nDTEND;VALUE=DATE:20250506\n"
	    "SUMMARY:劳动节\nEND:VEVENT\n"
	    "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20250427\nSUMMARY:劳动节补班\nEND:VEVENT\n"
	    "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20250531\nDTEND;VALUE=DATE:20250603\n"
	    "SUMMARY:端午节\nEND:VEVENT\n";
	char rrule[8192], daily[16384];
	snprintf(
	    rrule, sizeof rrule,
	    "%sBEGIN:VEVENT\nUID:cny-2025@test\nDTSTART;VALUE=DATE:20250128\nRRULE:FREQ=DAILY;"
	    "COUNT=8\nSUMMARY:春节\nEND:VEVENT\n"
	    "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20250126\nRDATE;VALUE=DATE:20250208\nSUMMARY:春节补班"
	    "\nEND:VEVENT\n"
	    "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20251001\nDURATION:P1D\nRRULE:FREQ=DAILY;UNTIL="
	    "20251008\nSUMMARY:国庆节、中秋节\nEND:VEVENT\n"
	    "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20250928\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,SU;"
	    "COUNT=2\nSUMMARY:国庆节补班\nEND:VEVENT\n",
	    others);
	size_t used = (size_t)snprintf(daily, sizeof daily, "%s", others);
	static const struct {
		const char *from, *to, *summary;
	} spans[] = {
	    {"2025-01-28", "2025-02-04", "春节"},
	    {"2025-01-26", "2025-01-26", "春节补班"},
	    {"2025-02-08", "2025-02-08", "春节补班"},
	    {"2025-10-01", "2025-10-08", "国庆节、中秋节"},
	    {"2025-09-28", "2025-09-28", "国庆节补班"},
	    {"2025-10-11", "2025-10-11", "国庆节补班"},
	};
	for (size_t i = 0; i < sizeof spans / sizeof spans[0]; i++)
		for (ogi_date d = D(spans[i].from); d <= D(spans[i].to); d++) {
			int y, m, dd;
			ogi_date_to_ymd(d, &y, &m, &dd);
			used += (size_t)snprintf(
			    daily + used, sizeof daily - used,
			    "BEGIN:VEVENT\nDTSTART;VALUE=DATE:%04d%02d%02d\nSUMMARY:%s\n"
			    "END:VEVENT\n",
			    y, m, dd, spans[i].summary);
		}
	struct ogi_import a, b;
	struct ogi_import_check check;
	CHECK(parse(vcal(rrule), &a), "2025 with RRULE: %s", a.error);
	char *with_rrule = strdup(days_said(&a));
	CHECK(parse(vcal(daily), &b), "2025 day by day: %s", b.error);
	CHECK_STR(with_rrule, days_said(&b), "the same days either way");
	CHECK(strstr(with_rrule,
	             "w:2025-01-26 2025-01-28 2025-01-29 2025-01-30 2025-01-31 "
	             "2025-02-01 2025-02-02 2025-02-03 2025-02-04 w:2025-02-08") != NULL,
	      "春节 as the notice says: %s", with_rrule);
	CHECK(strstr(with_rrule,
	             "w:2025-09-28 2025-10-01 2025-10-02 2025-10-03 2025-10-04 "
	             "2025-10-05 2025-10-06 2025-10-07 2025-10-08 w:2025-10-11") != NULL,
	      "国庆节 as the notice says: %s", with_rrule);
	CHECK(ogi_calendar_import_plausible(&a, &check),
	      "2025 with RRULE is a year's arrangement: %s", check.message[0].en);
	CHECK_INT(check.days_off, 18, "2025: the 18 weekdays off law.md lists");
	CHECK_INT(a.nyears, 1, "2025 only");
	free(with_rrule);
	ogi_import_free(&a);
	ogi_import_free(&b);
}

static int rules(unsigned failed)
{
	return !!(failed & OGI_IMPORT_NO_SPRING_FESTIVAL) +
	       !!(failed & OGI_IMPORT_NO_NATIONAL_DAY) + !!(failed & OGI_IMPORT_TOO_FEW_DAYS_OFF);
}

static void plausibility(const char *calendar_sql)
{
	enum {
		SF = OGI_IMPORT_NO_SPRING_FESTIVAL,
		ND = OGI_IMPORT_NO_NATIONAL_DAY,
		FEW = OGI_IMPORT_TOO_FEW_DAYS_OFF
	};
	/* a plausible 2027: not the State Council's notice for 2027 (not out yet) but the pattern
	   of 国办发明电〔2024〕12号 on 2027's dates (除夕 Fri 02-05, 清明 Mon 04-05, 端午 Wed
	   06-09, 中秋 Wed 09-15, 10-01 a Friday), in parts */
#define Y2027_NEW_YEAR        "01-01..01-03 "
#define Y2027_SPRING_FESTIVAL "02-05..02-12 w:02-20 "
#define Y2027_OTHERS          "04-03..04-05 w:04-25 05-01..05-05 w:05-08 06-09 09-15 "
#define Y2027_NATIONAL_DAY    "w:09-26 10-01..10-07 w:10-09 "
	static const struct {
		int year;
		const char *days; /* year_json's */
		unsigned failed;  /* the rules broken; 0: plausible */
		const char *why;
	} rows[] = {
	    /* 国办发明电〔2025〕7号 (law.md §5.2): 2026 as holiday-cn lists it, every day of each
	       span */
	    {2026,
	     "01-01..01-03 w:01-04 w:02-14 02-15..02-23 w:02-28 04-04..04-06 05-01..05-05 w:05-09 "
	     "06-19..06-21 w:09-20 09-25..09-27 10-01..10-07 w:10-10",
	     0, "2026 in full"},
	    /* 国办发明电〔2021〕11号: 2022 as the exceptions only; 10-01 and 10-02 are a Saturday
	       and a Sunday, off by the weekday rule without being listed */
	    {2022,
	     "01-03 w:01-29 w:01-30 01-31..02-04 w:04-02 04-04 04-05 w:04-24 05-02..05-04 w:05-07 "
	     "06-03 09-12 10-03..10-07 w:10-08 w:10-09",
	     0, "2022, exceptions only, National Day from a Saturday"},
	    /* 国办发明电〔2022〕16号: the earliest Spring Festival shipped, 2023-01-21..01-27 */
	    {2023,
	     "01-02 01-23..01-27 w:01-28 w:01-29 04-05 w:04-23 05-01..05-03 w:05-06 06-22 06-23 "
	     "w:06-25 "
	     "09-29 10-02..10-06 w:10-07 w:10-08",
	     0, "2023, Spring Festival in late January"},
	    {2027, Y2027_NEW_YEAR Y2027_SPRING_FESTIVAL Y2027_OTHERS Y2027_NATIONAL_DAY, 0,
	     "a plausible 2027"},
	    /* ogi issue 19: {"year":2027,"days":[]} marked 2027 loaded with no holiday at all, and
	       deadlines into 2027 lost their provisional flag */
	    {2027, "", SF | ND | FEW, "an empty year"},
	    /* 全国年节及纪念日放假办法 art. 2: 国庆节 10月1日至3日 */
	    {2027, Y2027_NEW_YEAR Y2027_SPRING_FESTIVAL Y2027_OTHERS, ND,
	     "no National Day (13 weekdays off still: the count alone would pass)"},
	    /* art. 2: 春节 (农历正月初一 falls 21 January – 20 February) */
	    {2027, Y2027_NEW_YEAR Y2027_OTHERS Y2027_NATIONAL_DAY, SF | FEW, "no Spring Festival"},
	    /* a Saturday of 10-01..10-03 listed as worked (班): National Day is not whole */
	    {2027, Y2027_NEW_YEAR Y2027_SPRING_FESTIVAL Y2027_OTHERS Y2027_NATIONAL_DAY "w:10-02",
	     ND, "10-02 worked"},
	    /* the 2007 and 2013 texts: 春节 3 days; two weekdays off are not a Spring Festival */
	    {2024,
	     "01-01 02-12 02-13 04-04 04-05 05-01..05-03 06-10 09-16 09-17 10-01..10-04 10-07", SF,
	     "2024 with a two-day Spring Festival"},
	    /* 国务院令第795号: from 2025 春节 is 4 days (除夕 added), so 3 weekdays off are too few
	     */
	    {2025, "01-01 01-28..01-30 04-04 05-01 05-02 05-05 06-02 10-01..10-03 10-06..10-08", SF,
	     "2025 with a three-day Spring Festival"},
	    /* 春节 days off in March are no Spring Festival */
	    {2024,
	     "01-01 03-11..03-15 04-04 04-05 05-01..05-03 06-10 09-16 09-17 10-01..10-04 10-07", SF,
	     "the holiday in March"},
	    /* the 2007 and 2013 texts: 11 days of holidays, and art. 6 moves one that falls on a
	       weekend to a weekday, so a year has at least 11 weekdays off */
	    {2024, "01-01 02-12..02-16 10-01..10-04", FEW, "2024 with 10 weekdays off"},
	    {2024, "01-01 02-12..02-16 04-04 10-01..10-04", 0, "2024 with 11 weekdays off"},
	    /* 国务院令第795号: 13 days from 2025 */
	    {2025, "01-01 01-28..01-31 02-03 10-01..10-03 10-06..10-08", FEW,
	     "2025 with 12 weekdays off"},
	    {2025, "01-01 01-28..01-31 02-03 05-01 10-01..10-03 10-06..10-08", 0,
	     "2025 with 13 weekdays off"},
	};
	struct ogi_import imp;
	struct ogi_import_check check;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		CHECK(parse(year_json(rows[i].year, rows[i].days), &imp), "%s: %s", rows[i].why,
		      imp.error);
		bool ok = ogi_calendar_import_plausible(&imp, &check);
		CHECK(ok == (rows[i].failed == 0), "%s: plausible %d", rows[i].why, ok);
		CHECK_INT(check.failed, rows[i].failed, "%s", rows[i].why);
		CHECK_INT(check.nmessages, rules(rows[i].failed), "%s: a message for each rule",
		          rows[i].why);
		if (!ok) {
			char year[8];
			snprintf(year, sizeof year, "%d", rows[i].year);
			CHECK_INT(check.year, rows[i].year, "%s", rows[i].why);
			CHECK(strstr(check.message[0].zh, year) &&
			          strstr(check.message[0].en, year),
			      "%s: the message names the year", rows[i].why);
			const char *zh = rows[i].failed & SF   ? "春节"
			                 : rows[i].failed & ND ? "国庆节"
			                                       : "法定节假日";
			const char *en = rows[i].failed & SF   ? "Spring Festival"
			                 : rows[i].failed & ND ? "National Day"
			                                       : "statutory holidays";
			CHECK(strstr(check.message[0].zh, zh) && strstr(check.message[0].en, en),
			      "%s: the message names the rule: %s / %s", rows[i].why,
			      check.message[0].zh, check.message[0].en);
		}
		ogi_import_free(&imp);
	}
#undef Y2027_NEW_YEAR
#undef Y2027_SPRING_FESTIVAL
#undef Y2027_OTHERS
#undef Y2027_NATIONAL_DAY

	/* every year an iCalendar file loads is checked: an event running into 2028 would load 2028
	   with one day off */
	const char *ics =
	    "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20270205\nDTEND:20270213\nSUMMARY:春节\nEND:"
	    "VEVENT\n"
	    "BEGIN:VEVENT\nDTSTART:20270401\nDTEND:20270406\nSUMMARY:清明节\nEND:VEVENT\n"
	    "BEGIN:VEVENT\nDTSTART:20270501\nDTEND:20270506\nSUMMARY:劳动节\nEND:VEVENT\n"
	    "BEGIN:VEVENT\nDTSTART:20271001\nDTEND:20271008\nSUMMARY:国庆节\nEND:VEVENT\n"
	    "BEGIN:VEVENT\nDTSTART:20271231\nDTEND:20280103\nSUMMARY:元旦\nEND:VEVENT\nEND:"
	    "VCALENDAR\n";
	CHECK(parse(ics, &imp), "iCalendar over two years: %s", imp.error);
	CHECK_INT(imp.nyears, 2, "2027 and 2028");
	CHECK(!ogi_calendar_import_plausible(&imp, &check), "2028 is no year's arrangement");
	CHECK_INT(check.year, 2028, "the year named is 2028, 2027 passes");
	CHECK_INT(check.failed, SF | ND | FEW, "2028: none of it");
	ogi_import_free(&imp);

	/* every year shipped passes, though it lists only the exceptions to the weekday rule */
	for (int year = 2008; year <= 2026; year++) {
		shipped_year(calendar_sql, year, &imp);
		CHECK(imp.ndays >= 15, "%d: rows read from %s", year, calendar_sql);
		CHECK(ogi_calendar_import_plausible(&imp, &check), "shipped %d: %s", year,
		      check.message[0].en);
		CHECK(check.spring_festival_days >= 5,
		      "shipped %d: every Spring Festival has 5 weekdays off or more", year);
		ogi_import_free(&imp);
	}
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: test_import migrations/0002-calendar.sql\n");
		return 2;
	}
	struct ogi_import imp;
	const char *json = "{\"year\":2027,\"papers\":[],\"days\":["
	                   "{\"name\":\"元旦\",\"date\":\"2027-01-01\",\"isOffDay\":true},"
	                   "{\"name\":\"春节\",\"date\":\"2027-02-06\",\"isOffDay\":false},"
	                   "{\"name\":\"元旦\",\"date\":\"2026-12-31\",\"isOffDay\":true}]}";
	CHECK(parse(json, &imp), "holiday-cn JSON: %s", imp.error);
	CHECK_INT(imp.nyears, 1, "the file's own year only");
	CHECK_INT(imp.years[0], 2027, "year 2027");
	CHECK_INT(imp.ndays, 3, "three days read");
	CHECK_INT(imp.days[1].kind, OGI_DAY_WORKDAY, "isOffDay false: a working day");
	CHECK_STR(imp.days[0].name, "元旦", "names kept");
	ogi_import_free(&imp);

	const char *ics =
	    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270206\r\n"
	    "DTEND;VALUE=DATE:20270214\r\nSUMMARY:春节\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\n"
	    "DTSTART;VALUE=DATE:20270214\r\nSUMMARY:春节补班\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
	CHECK(parse(ics, &imp), "iCalendar: %s", imp.error);
	CHECK_INT(imp.ndays, 9, "8 days off (DTEND exclusive) and one make-up day");
	CHECK_INT(imp.days[8].kind, OGI_DAY_WORKDAY, "补班 is a working day");
	CHECK_INT(imp.days[0].day, D("2027-02-06"), "from DTSTART");
	ogi_import_free(&imp);

	static const struct {
		const char *text, *why;
	} bad[] = {
	    {"{\"year\":2027,\"days\":[{\"name\":\"x\",\"date\":\"2027-02-30\",\"isOffDay\":true}]"
	     "}",
	     "an impossible date"},
	    {"{\"year\":2027,\"days\":[{\"name\":\"x\",\"date\":\"2027-02-03\"}]}",
	     "isOffDay missing"},
	    {"{\"year\":3000,\"days\":[]}", "a year outside 1990–2100"},
	    {"{\"year\":2027,\"days\":[", "truncated JSON"},
	    {"{\"year\":2027,\"year\":2028,\"days\":[]}", "a duplicate key"},
	    {"{\"year\":2027,\"days\":[{\"name\":\"春\\节\"}]}",
	     "a bad escape (the message is still UTF-8)"},
	    {"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:2027ab01\nEND:VEVENT\nEND:VCALENDAR\n",
	     "a bad DTSTART"},
	    {"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20270101\n", "an event without END"},
	    {"hello", "neither format"},
	    {"", "empty"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		CHECK(!parse(bad[i].text, &imp), "refused: %s", bad[i].why);
		CHECK(imp.ndays == 0 && imp.days == NULL, "nothing half-read: %s", bad[i].why);
		CHECK(imp.error[0] != '\0' && imp.error_zh[0] != '\0', "a message: %s", bad[i].why);
		CHECK(utf8_valid(imp.error, strlen(imp.error)) &&
		          utf8_valid(imp.error_zh, strlen(imp.error_zh)),
		      "the messages are UTF-8: %s", bad[i].why);
	}
	/* a year with no exceptions at all loads into a calendar (qsort of no array was undefined
	 * behaviour: found by tests/fuzz/fuzz_calendar_import.c under UBSan) */
	CHECK(parse("{\"year\":2027,\"days\":[]}", &imp), "a year without days: %s", imp.error);
	struct ogi_calendar *cal = ogi_calendar_new();
	CHECK(cal != NULL && ogi_calendar_add_year(cal, 2027, "test") && ogi_calendar_finish(cal),
	      "an empty year makes a calendar");
	bool provisional;
	CHECK_INT(ogi_add_workdays(cal, D("2027-01-01"), 1, &provisional), D("2027-01-04"),
	          "Fri 2027-01-01 + 1 wd = Mon 01-04 by the weekday rule alone");
	ogi_calendar_free(cal);
	ogi_import_free(&imp);
	plausibility(argv[1]);
	recurrences();
	year_2025();
	return check_done("import");
}
