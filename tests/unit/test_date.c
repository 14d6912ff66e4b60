/* Unit tests for lib/date.c: day numbers, parsing, weekdays, months. */
#include "../../lib/date.h"
#include "check.h"

int main(void)
{
	static const struct {
		const char *text;
		int ok;
		const char *why;
	} parse[] = {
		{"2024-02-29", 1, "2024 is a leap year"},
		{"2023-02-29", 0, "2023 is not"},
		{"2025-02-30", 0, "February never has 30 days"},
		{"2100-02-29", 0, "century years are not leap unless divisible by 400"},
		{"2000-02-29", 1, "2000 is divisible by 400"},
		{"2024-13-01", 0, "month 13"},
		{"2024-00-10", 0, "month 0"},
		{"2024-04-31", 0, "April has 30 days"},
		{"2024-4-03", 0, "month must be zero padded"},
		{"2024-04-03 ", 0, "trailing space"},
		{"2024/04/03", 0, "slashes"},
		{"", 0, "empty"},
		{"0000-01-01", 0, "year 0 does not exist"},
	};
	for (size_t i = 0; i < sizeof parse / sizeof parse[0]; i++) {
		ogi_date d;
		CHECK_INT(ogi_date_parse(parse[i].text, &d), parse[i].ok, "%s: %s", parse[i].text,
			  parse[i].why);
	}

	ogi_date d;
	ogi_date_parse("1970-01-01", &d);
	CHECK_INT(d, 0, "the epoch is day 0");
	CHECK_INT(ogi_date_weekday(d), 4, "1970-01-01 was a Thursday");
	ogi_date_parse("2024-09-27", &d);
	CHECK_INT(ogi_date_weekday(d), 5, "2024-09-27 was a Friday");
	ogi_date_parse("2026-11-23", &d);
	CHECK_INT(ogi_date_weekday(d), 1, "2026-11-23 is a Monday");

	/* Round trip every day from 1990 to 2100. */
	int bad = 0;
	char buf[OGI_DATE_STRLEN];
	for (ogi_date x = ogi_date_from_ymd(1990, 1, 1); x < ogi_date_from_ymd(2101, 1, 1); x++) {
		ogi_date back;
		if (!ogi_date_parse(ogi_date_format(x, buf), &back) || back != x)
			bad++;
	}
	CHECK_INT(bad, 0, "format/parse round trip 1990..2100");

	static const struct {
		const char *from;
		int months;
		const char *want;
		const char *why;
	} months[] = {
		{"2024-03-15", 6, "2024-09-15", "same day six months later"},
		{"2024-08-31", 6, "2025-02-28", "no 31 February: the month's last day"},
		{"2023-08-31", 6, "2024-02-29", "leap February"},
		{"2024-12-10", 1, "2025-01-10", "across the year end"},
	};
	for (size_t i = 0; i < sizeof months / sizeof months[0]; i++) {
		ogi_date from;
		ogi_date_parse(months[i].from, &from);
		CHECK_STR(ogi_date_format(ogi_date_add_months(from, months[i].months), buf),
			  months[i].want, "%s", months[i].why);
	}
	/* months counted back past year 1 (the parser accepts 0001-02-01): floor division,
	 * not C's truncation, which gave month 0 (found by tests/fuzz/fuzz_date.c) */
	int y, m, dd;
	ogi_date_to_ymd(ogi_date_add_months(ogi_date_from_ymd(1, 2, 1), -24), &y, &m, &dd);
	CHECK(y == -1 && m == 2 && dd == 1, "0001-02-01 - 24 months = year -1, February 1st: %d-%d-%d",
	      y, m, dd);
	ogi_date_to_ymd(ogi_date_add_months(ogi_date_from_ymd(1, 1, 31), -1), &y, &m, &dd);
	CHECK(y == 0 && m == 12 && dd == 31, "0001-01-31 - 1 month = year 0, December 31st: %d-%d-%d",
	      y, m, dd);
	return check_done("date");
}
