/* The working-day calendar against the official dates: the data shipped in
 * the migration compared day by day with an independent transcription, the
 * worked examples of law.md §5.3, every holiday period of 2019–2026
 * straddled by a 20-working-day count, make-up weekend days, and counts that
 * run into a year that is not loaded (provisional). */
#include "lib/calendar.h"
#include "tests/unit/caldata.h"
#include "tests/unit/check.h"
#include "tests/unit/second_source.h"

static struct ogi_calendar *cal;

/* Working day by the second source alone (no lib/calendar). */
static bool naive_workday(ogi_date d)
{
	int y, m, dd;
	ogi_date_to_ymd(d, &y, &m, &dd);
	char md[6];
	snprintf(md, sizeof md, "%02d-%02d", m, dd);
	for (size_t i = 0; i < sizeof second_source / sizeof second_source[0]; i++) {
		if (second_source[i].year != y)
			continue;
		if (strstr(second_source[i].off, md))
			return false;
		if (strstr(second_source[i].worked, md))
			return true;
	}
	return ogi_date_weekday(d) <= 5;
}

static ogi_date naive_add(ogi_date from, int n)
{
	ogi_date d = from;
	while (n > 0) {
		d++;
		if (naive_workday(d))
			n--;
	}
	return d;
}

static void second_source_every_day(void)
{
	int bad = 0;
	for (ogi_date d = D("2008-01-01"); d <= D("2026-12-31"); d++) {
		if (ogi_is_workday(cal, d) != naive_workday(d)) {
			char buf[OGI_DATE_STRLEN];
			if (bad++ < 10)
				fprintf(stderr, "disagree on %s\n", ogi_date_format(d, buf));
		}
	}
	CHECK_INT(bad, 0, "every day 2008–2026 agrees with the second source");
	bad = 0;
	/* and every receipt date's 7/15/20/40-working-day count */
	static const int ns[] = {1, 7, 15, 20, 30, 40};
	for (ogi_date d = D("2008-05-01"); d <= D("2026-10-31"); d++)
		for (size_t k = 0; k < sizeof ns / sizeof ns[0]; k++)
			if (ogi_add_workdays(cal, d, ns[k], NULL) != naive_add(d, ns[k]))
				bad++;
	CHECK_INT(bad, 0,
	          "add_workdays agrees with a day-by-day count of the second source for every "
	          "receipt date");
}

static void worked_examples(void)
{
	static const struct {
		const char *from;
		int n;
		const char *want;
		const char *why;
	} rows[] = {
	    /* law.md §5.3 */
	    {"2025-03-03", 20, "2025-03-31", "Mon 03-03 + 20 wd: no holiday in March"},
	    {"2025-03-31", 20, "2025-04-28",
	     "+ a full 20-wd extension: 04-04 清明 off, 04-27 (Sun) worked"},
	    {"2025-01-20", 7, "2025-02-05",
	     "7-wd correction notice: Sun 01-26 worked, 01-28..02-04 Spring Festival off"},
	    {"2025-01-20", 20, "2025-02-21",
	     "20 wd across the 2025 Spring Festival, Sat 02-08 worked"},
	    {"2024-09-27", 20, "2024-10-30",
	     "National Day 10-01..07 off, Sun 09-29 and Sat 10-12 worked"},
	    {"2025-09-22", 20, "2025-10-24",
	     "National Day + Mid-Autumn 10-01..08 off, Sun 09-28 and Sat 10-11 worked"},
	    {"2026-02-09", 20, "2026-03-13",
	     "Spring Festival 2026 02-15..23 off, Sat 02-14 and Sat 02-28 worked"},
	    /* the start day is not counted */
	    {"2024-06-03", 1, "2024-06-04", "Mon + 1 wd is Tue"},
	    {"2024-06-07", 1, "2024-06-11", "Fri + 1 wd skips the weekend and 端午 Mon 06-10"},
	    {"2024-06-07", 0, "2024-06-07", "+ 0 wd is the day itself"},
	    /* received on a day off: the count starts with the next working day */
	    {"2024-10-05", 1, "2024-10-08", "Sat during National Day + 1 wd is Tue 10-08"},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char buf[OGI_DATE_STRLEN];
		bool prov = true;
		ogi_date got = ogi_add_workdays(cal, D(rows[i].from), rows[i].n, &prov);
		CHECK_STR(ogi_date_format(got, buf), rows[i].want, "%s + %d: %s", rows[i].from,
		          rows[i].n, rows[i].why);
		CHECK(!prov, "%s: loaded years, not provisional", rows[i].from);
	}
}

static void holidays_straddled(void)
{
	/* a 20-wd count from the working day before each holiday period of
	   2019–2026, checked against the day-by-day count of the second source;
	   counted by hand for two: 2019-12-31 → 01-01 off, 01-02..17 = 12, Sun
	   01-19 worked = 13, 01-20..23 = 17, 01-24..02-02 off, 02-03..05 = 20;
	   2024-04-30 → 05-01..05 off, 05-06..10 = 5, Sat 05-11 = 6, then 14 more
	   weekdays to 05-30 */
	static const struct {
		const char *from, *want, *why;
	} rows[] = {
	    {"2018-12-28", "2019-01-28", "元旦 2019: 12-29 (Sat) worked, 12-31 and 01-01 off"},
	    {"2019-02-01", "2019-03-06", "春节 2019: 02-02/03 worked, 02-04..08 off"},
	    {"2019-04-04", "2019-05-06",
	     "清明 04-05 off, 04-28 (Sun) worked, 劳动节 05-01..03 off, 05-05 (Sun) worked"},
	    {"2019-06-06", "2019-07-05", "端午 2019: 06-07 off"},
	    {"2019-09-12", "2019-10-16",
	     "中秋 09-13 off, 09-29 worked, 国庆 10-01..07 off, 10-12 worked"},
	    {"2019-12-31", "2020-02-05",
	     "元旦 2020 off, 01-19 worked, 春节 extended: 01-24..31 off, 02-01 not worked"},
	    {"2020-04-03", "2020-05-06", "清明 04-06 off, 04-26 worked, 劳动节 05-01..05 off"},
	    {"2020-06-24", "2020-07-23", "端午 06-25/26 off, 06-28 (Sun) worked"},
	    {"2020-09-30", "2020-11-04", "国庆中秋 10-01..08 off, 10-10 (Sat) worked"},
	    {"2020-12-31", "2021-01-29", "元旦 2021 01-01 off"},
	    {"2021-02-10", "2021-03-16",
	     "春节 2021: 02-07 worked before, 02-11..17 off, 02-20 (Sat) worked"},
	    {"2021-04-30", "2021-06-01", "劳动节 05-01..05 off, 05-08 (Sat) worked"},
	    {"2021-09-17", "2021-10-21",
	     "中秋 09-20/21 off, 09-18/26 worked, 国庆 10-01..07 off, 10-09 worked"},
	    {"2022-01-28", "2022-03-02", "春节 2022: 01-29/30 worked, 01-31..02-04 off"},
	    {"2022-04-01", "2022-04-29",
	     "清明 04-04/05 off, 04-02 and 04-24 worked, 劳动节 05-02..04 off"},
	    {"2022-09-30", "2022-11-02", "国庆 10-03..07 off, 10-08/09 worked"},
	    {"2023-01-20", "2023-02-22", "春节 2023: 01-23..27 off, 01-28/29 worked"},
	    {"2023-06-21", "2023-07-20", "端午 06-22/23 off, 06-25 (Sun) worked"},
	    {"2023-09-28", "2023-11-01", "中秋国庆 09-29..10-06 off, 10-07/08 worked"},
	    {"2024-02-08", "2024-03-13",
	     "春节 2024: 02-09 (除夕) a working day, 02-12..16 off, 02-18 worked"},
	    {"2024-04-30", "2024-05-30", "劳动节 05-01..03 off, 05-11 (Sat) worked"},
	    {"2024-09-13", "2024-10-17",
	     "中秋 09-16/17 off, 09-14 and 09-29 worked, 国庆 off, 10-12 worked"},
	    {"2025-01-27", "2025-03-03",
	     "春节 2025 (new law: 除夕 off): 01-28..02-04 off, 02-08 worked"},
	    {"2025-04-30", "2025-06-03", "劳动节 05-01..05 off (05-02 new), 端午 06-02 off"},
	    {"2025-09-30", "2025-11-04", "国庆中秋 10-01..08 off, 10-11 (Sat) worked"},
	    {"2026-02-13", "2026-03-19",
	     "春节 2026: 02-14 worked, 02-16..20 and 02-23 off, 02-28 worked"},
	    {"2026-04-30", "2026-06-01", "劳动节 05-01..05 off, 05-09 (Sat) worked"},
	    {"2026-09-24", "2026-10-29",
	     "中秋 09-25 off, 09-20 worked earlier, 国庆 10-01..07 off, 10-10 worked"},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		char buf[OGI_DATE_STRLEN];
		ogi_date got = ogi_add_workdays(cal, D(rows[i].from), 20, NULL);
		CHECK_STR(ogi_date_format(got, buf), rows[i].want, "%s + 20 wd: %s", rows[i].from,
		          rows[i].why);
		CHECK_INT(got, naive_add(D(rows[i].from), 20), "%s: the day-by-day count agrees",
		          rows[i].from);
	}
}

static void makeup_days_and_between(void)
{
	CHECK(ogi_is_workday(cal, D("2024-10-12")), "Sat 2024-10-12 is a make-up working day");
	CHECK(ogi_is_workday(cal, D("2025-01-26")), "Sun 2025-01-26 is a make-up working day");
	CHECK(!ogi_is_workday(cal, D("2020-02-01")),
	      "Sat 2020-02-01 was no longer worked after the extension");
	CHECK(!ogi_is_workday(cal, D("2020-01-31")),
	      "Fri 2020-01-31 was added to the Spring Festival");
	CHECK(ogi_is_workday(cal, D("2024-02-09")), "除夕 2024-02-09 (Fri) was a working day");
	CHECK(!ogi_is_workday(cal, D("2025-01-28")),
	      "除夕 2025-01-28 is a holiday under the 2024 law");
	CHECK(!ogi_is_workday(cal, D("2015-09-03")), "2015-09-03 anniversary holiday");
	CHECK_INT(ogi_workdays_between(cal, D("2024-09-30"), D("2024-10-08")), 1,
	          "(09-30, 10-08]: only 10-08 is worked");
	CHECK_INT(ogi_workdays_between(cal, D("2024-10-08"), D("2024-09-30")), -1,
	          "reversed is negative");
	CHECK_INT(ogi_workdays_between(cal, D("2025-01-01"), D("2026-01-01")), 248,
	          "2025 has 248 working days after 01-01 up to 2026-01-01 (250 in all, less 01-01; "
	          "2026-01-01 off)");
	const char *name;
	CHECK_INT(ogi_calendar_day(cal, D("2024-10-01"), &name), OGI_DAY_HOLIDAY,
	          "10-01 is a holiday");
	CHECK_STR(name, "国庆节", "with its name");
	CHECK_STR(ogi_date_format(ogi_next_workday_on_or_after(cal, D("2024-10-01")),
	                          (char[OGI_DATE_STRLEN]){0}),
	          "2024-10-08", "the next working day after National Day");
}

static void provisional_years(void)
{
	bool prov = false;
	char buf[OGI_DATE_STRLEN];
	ogi_date got = ogi_add_workdays(cal, D("2026-12-15"), 20, &prov);
	/* 2026-12-15 (Tue) + 20 wd by the weekday rule in 2027: 12-16..31 gives 12, then 8 in
	 * January */
	CHECK_STR(ogi_date_format(got, buf), "2027-01-12", "into 2027 by the weekday rule");
	CHECK(prov, "2027 is not loaded: provisional");
	ogi_add_workdays(cal, D("2026-11-02"), 20, &prov);
	CHECK(!prov, "a count inside 2026 is not provisional");
	CHECK(!ogi_calendar_year_loaded(cal, 2027), "2027 not loaded");
	CHECK(ogi_calendar_year_loaded(cal, 2008) && ogi_calendar_year_loaded(cal, 2026),
	      "2008 and 2026 loaded");
	int years[40];
	CHECK_INT(ogi_calendar_years(cal, years, 40), 19, "19 years 2008–2026 loaded");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_calendar migrations/0002-calendar.sql\n");
		return 2;
	}
	cal = caldata_load(argv[1]);
	second_source_every_day();
	worked_examples();
	holidays_straddled();
	makeup_days_and_between();
	provisional_years();
	ogi_calendar_free(cal);
	return check_done("calendar");
}
