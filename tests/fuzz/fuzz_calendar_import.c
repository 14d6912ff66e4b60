/* The holiday import parser (lib/calendar_import.c): holiday-cn JSON and
 * iCalendar (read with libical: RRULE and the rest of RFC 5545), strict.
 * Checked: a refusal leaves nothing half-read and says why, in Chinese and
 * English, valid UTF-8; the plausibility rule names a year of the file and
 * each rule broken; what is accepted names real days within its years'
 * range, and loads into a calendar whose arithmetic then holds (adding
 * working days never goes backwards, and counts back to what was added). */
#include <string.h>

#include "lib/calendar.h"
#include "lib/calendar_import.h"
#include "lib/spec.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size ? size : 1); /* exact size, no terminator */
	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	struct ogi_import imp;
	bool ok = ogi_calendar_import_parse(copy, size, &imp);
	free(copy);
	if (!ok) {
		FUZZ_CHECK(imp.days == NULL && imp.ndays == 0);
		FUZZ_CHECK(imp.error[0] != '\0' &&
		           memchr(imp.error, '\0', sizeof imp.error) != NULL);
		/* both messages go into the problem document: JSON strings, valid UTF-8 */
		FUZZ_CHECK(imp.error_zh[0] != '\0' &&
		           memchr(imp.error_zh, '\0', sizeof imp.error_zh) != NULL);
		FUZZ_CHECK(utf8_valid(imp.error, strlen(imp.error)) &&
		           utf8_valid(imp.error_zh, strlen(imp.error_zh)));
		return 0;
	}
	FUZZ_CHECK(imp.nyears >= 1 && imp.nyears <= 8);
	/* the plausibility rule: a refusal names a year of the file and says each rule broken */
	struct ogi_import_check check;
	if (!ogi_calendar_import_plausible(&imp, &check)) {
		bool ours = false;
		for (int y = 0; y < imp.nyears; y++)
			ours = ours || check.year == imp.years[y];
		FUZZ_CHECK(ours && check.failed != 0);
		FUZZ_CHECK(check.nmessages >= 1 && check.nmessages <= 3);
		for (int i = 0; i < check.nmessages; i++)
			FUZZ_CHECK(check.message[i].zh[0] != '\0' &&
			           check.message[i].en[0] != '\0');
	} else {
		FUZZ_CHECK(check.failed == 0 && check.nmessages == 0);
	}
	struct ogi_calendar *cal = ogi_calendar_new();
	bool loaded = cal != NULL;
	for (int y = 0; loaded && y < imp.nyears; y++) {
		FUZZ_CHECK(imp.years[y] >= 1990 && imp.years[y] <= 2100);
		loaded = ogi_calendar_add_year(cal, imp.years[y], "fuzz");
	}
	for (size_t i = 0; i < imp.ndays; i++) {
		int y, m, d;
		ogi_date_to_ymd(imp.days[i].day, &y, &m, &d);
		FUZZ_CHECK(ogi_date_valid(y, m, d));
		FUZZ_CHECK(memchr(imp.days[i].name, '\0', sizeof imp.days[i].name) != NULL);
		if (loaded && y >= 1990 && y <= 2100)
			loaded = ogi_calendar_set_day(cal, imp.days[i].day, imp.days[i].kind,
			                              imp.days[i].name);
	}
	if (loaded && ogi_calendar_finish(cal)) {
		ogi_date from = ogi_date_from_ymd(imp.years[0], 1, 1);
		for (int n = 0; n <= 40; n += 20) {
			bool provisional;
			ogi_date due = ogi_add_workdays(cal, from, n, &provisional);
			FUZZ_CHECK(due >= from);
			FUZZ_CHECK(ogi_workdays_between(cal, from, due) == n);
		}
	}
	ogi_calendar_free(cal);
	ogi_import_free(&imp);
	return 0;
}
