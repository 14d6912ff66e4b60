/* The date parser (lib/date.c): exactly "YYYY-MM-DD" naming a real day.
 * Checked: what it accepts formats back to the same ten bytes, and the
 * arithmetic on an accepted date (weekday, months, civil fields) stays
 * consistent. */
#include <string.h>

#include "lib/date.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ogi_date d;
	char *copy = malloc(size + 1); /* exact size: an overread shows under ASan */
	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	bool ok = ogi_date_parse_n(copy, size, &d);
	if (strlen(copy) == size) { /* no NUL inside: both entry points agree */
		ogi_date d2;
		FUZZ_CHECK(ogi_date_parse(copy, &d2) == ok && (!ok || d2 == d));
	}
	if (ok) {
		FUZZ_CHECK(size == 10);
		char back[OGI_DATE_STRLEN];
		FUZZ_CHECK(strcmp(ogi_date_format(d, back), copy) == 0);
		int y, m, day;
		ogi_date_to_ymd(d, &y, &m, &day);
		FUZZ_CHECK(ogi_date_valid(y, m, day));
		FUZZ_CHECK(ogi_date_from_ymd(y, m, day) == d);
		FUZZ_CHECK(ogi_date_year(d) == y);
		int wd = ogi_date_weekday(d);
		FUZZ_CHECK(wd >= 1 && wd <= 7 && ogi_date_weekday(d + 7) == wd);
		FUZZ_CHECK(day <= ogi_days_in_month(y, m));
		/* 行政诉讼 6 个月: the same day n months on, or that month's last day */
		for (int months = -24; months <= 24; months += 6) {
			ogi_date later = ogi_date_add_months(d, months);
			int y2, m2, d2;
			ogi_date_to_ymd(later, &y2, &m2, &d2);
			FUZZ_CHECK((y2 * 12 + m2) - (y * 12 + m) == months);
			FUZZ_CHECK(d2 == day || (d2 < day && d2 == ogi_days_in_month(y2, m2)));
		}
	}
	free(copy);
	return 0;
}
