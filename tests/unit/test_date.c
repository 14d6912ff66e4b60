/* Unit tests for lib/date.c: day numbers, parsing, weekdays, months. */
#include "lib/date.h"
#include "tests/unit/check.h"

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
	CHECK(y == -1 && m == 2 && dd == 1,
	      "0001-02-01 - 24 months = year -1, February 1st: %d-%d-%d", y, m, dd);
	ogi_date_to_ymd(ogi_date_add_months(ogi_date_from_ymd(1, 1, 31), -1), &y, &m, &dd);
	CHECK(y == 0 && m == 12 && dd == 31,
	      "0001-01-31 - 1 month = year 0, December 31st: %d-%d-%d", y, m, dd);

	/* the years input may name, and how a date outside 0000–9999 is written: whole, with
	 * its sign, never cut to four digits (9999-12-31 + 20 working days was written
	 * 0000-01-26, a date PostgreSQL refused) */
	static const struct {
		int y, m, d;
		bool in_range;
		const char *text;
		const char *why;
	} years[] = {
	    {1989, 12, 31, false, "1989-12-31", "the day before 1990"},
	    {1990, 1, 1, true, "1990-01-01", "the first day input may name"},
	    {2025, 6, 20, true, "2025-06-20", "a day of now"},
	    {2100, 12, 31, true, "2100-12-31", "the last day input may name"},
	    {2101, 1, 1, false, "2101-01-01", "the day after 2100"},
	    {9999, 12, 31, false, "9999-12-31", "the last day YYYY-MM-DD holds"},
	    {10000, 1, 1, false, "+10000-01-01", "year 10000, once written 0000-01-01"},
	    {10000, 1, 26, false, "+10000-01-26", "9999-12-31 + 20 working days"},
	    {123456, 7, 8, false, "+123456-07-08", "six digits, all of them"},
	    {1, 1, 1, false, "0001-01-01", "year 1"},
	    {0, 12, 31, false, "0000-12-31", "year 0 (1 BC) has four digits"},
	    {-1, 2, 1, false, "-0001-02-01", "year -1 with its sign"},
	};
	for (size_t i = 0; i < sizeof years / sizeof years[0]; i++) {
		ogi_date x = ogi_date_from_ymd(years[i].y, years[i].m, years[i].d);
		CHECK_INT(ogi_date_in_range(x), years[i].in_range, "%s: %s", years[i].text,
		          years[i].why);
		CHECK_STR(ogi_date_format(x, buf), years[i].text, "%s", years[i].why);
		ogi_date back = 0;
		bool four = years[i].y >= 1 && years[i].y <= 9999;
		CHECK_INT(ogi_date_parse(buf, &back) && back == x, four,
		          "%s parses back only with a "
		          "four-digit year",
		          years[i].text);
	}
	ogi_date_parse("2100-12-31", &d);
	CHECK(ogi_date_in_range(d) && !ogi_date_in_range(d + 1),
	      "2100-12-31 is the last day in range");
	ogi_date_parse("1990-01-01", &d);
	CHECK(ogi_date_in_range(d) && !ogi_date_in_range(d - 1), "1990-01-01 is the first");
	/* the ends of what an ogi_date holds: no overflow, a signed year, room in the buffer */
	static const ogi_date ends[] = {INT32_MAX, INT32_MAX - 719468, INT32_MIN, INT32_MIN + 1};
	for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
		char big[OGI_DATE_STRLEN + 8];
		memset(big, 'x', sizeof big);
		ogi_date_format(ends[i], big);
		CHECK((big[0] == '+' || big[0] == '-') && strlen(big) < OGI_DATE_STRLEN &&
		          big[OGI_DATE_STRLEN] == 'x',
		      "day %d written as %s", (int)ends[i], big);
		ogi_date_to_ymd(ends[i], &y, &m, &dd);
		CHECK(m >= 1 && m <= 12 && dd >= 1 && dd <= 31, "day %d: month %d, day %d",
		      (int)ends[i], m, dd);
	}
	return check_done("date");
}
