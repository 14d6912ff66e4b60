/* The calendar import parser: holiday-cn JSON and iCalendar accepted,
 * malformed files refused whole with a message naming where. */
#include "../../lib/calendar_import.h"
#include "caldata.h"
#include "check.h"

static bool parse(const char *text, struct ogi_import *imp)
{
	return ogi_calendar_import_parse(text, strlen(text), imp);
}

int main(void)
{
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

	const char *ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270206\r\n"
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
		{"{\"year\":2027,\"days\":[{\"name\":\"x\",\"date\":\"2027-02-30\",\"isOffDay\":true}]}",
		 "an impossible date"},
		{"{\"year\":2027,\"days\":[{\"name\":\"x\",\"date\":\"2027-02-03\"}]}", "isOffDay missing"},
		{"{\"year\":3000,\"days\":[]}", "a year outside 1990–2100"},
		{"{\"year\":2027,\"days\":[", "truncated JSON"},
		{"{\"year\":2027,\"year\":2028,\"days\":[]}", "a duplicate key"},
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:2027ab01\nEND:VEVENT\nEND:VCALENDAR\n", "a bad DTSTART"},
		{"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20270101\n", "an event without END"},
		{"hello", "neither format"},
		{"", "empty"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		CHECK(!parse(bad[i].text, &imp), "refused: %s", bad[i].why);
		CHECK(imp.ndays == 0 && imp.days == NULL, "nothing half-read: %s", bad[i].why);
		CHECK(imp.error[0] != '\0', "a message: %s", bad[i].why);
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
	return check_done("import");
}
