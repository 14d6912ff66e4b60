/* holiday-cn JSON and iCalendar import (see calendar_import.h). */
#include "lib/calendar_import.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DAYS 2000

static bool fail(struct ogi_import *imp, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(imp->error, sizeof imp->error, fmt, ap);
	va_end(ap);
	free(imp->days);
	imp->days = NULL;
	imp->ndays = 0;
	imp->nyears = 0;
	return false;
}

static bool add_year(struct ogi_import *imp, int year)
{
	for (int i = 0; i < imp->nyears; i++)
		if (imp->years[i] == year)
			return true;
	if (imp->nyears >= 8)
		return false;
	imp->years[imp->nyears++] = year;
	return true;
}

static bool add_day(struct ogi_import *imp, ogi_date d, enum ogi_day_kind kind, const char *name,
                    size_t name_len)
{
	if (imp->ndays >= MAX_DAYS)
		return false;
	struct ogi_import_day *day = &imp->days[imp->ndays++];
	day->day = d;
	day->kind = kind;
	if (name_len >= sizeof day->name)
		name_len = sizeof day->name - 1;
	/* do not cut a UTF-8 character in two */
	while (name_len > 0 && ((unsigned char)name[name_len] & 0xC0) == 0x80)
		name_len--;
	memcpy(day->name, name, name_len);
	day->name[name_len] = '\0';
	return true;
}

static bool parse_json(const char *data, size_t len, struct ogi_import *imp)
{
	json_error_t jerr;
	json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL)
		return fail(imp, "JSON line %d column %d: %s", jerr.line, jerr.column, jerr.text);
	bool ok = false;
	json_t *year = json_object_get(root, "year"), *days = json_object_get(root, "days");
	if (!json_is_object(root) || !json_is_integer(year) || !json_is_array(days)) {
		fail(imp, "want an object with an integer \"year\" and an array \"days\"");
		goto out;
	}
	if (json_integer_value(year) < 1990 || json_integer_value(year) > 2100) {
		fail(imp, "year %lld is outside 1990–2100", (long long)json_integer_value(year));
		goto out;
	}
	add_year(imp, (int)json_integer_value(year));
	size_t i;
	json_t *d;
	json_array_foreach(days, i, d)
	{
		json_t *name = json_object_get(d, "name"), *date = json_object_get(d, "date"),
		       *off = json_object_get(d, "isOffDay");
		ogi_date day;
		if (!json_is_object(d) || !json_is_string(name) || !json_is_string(date) ||
		    !json_is_boolean(off)) {
			fail(imp,
			     "days[%zu]: want {\"name\": string, \"date\": string, \"isOffDay\": "
			     "boolean}",
			     i);
			goto out;
		}
		if (!ogi_date_parse_n(json_string_value(date), json_string_length(date), &day)) {
			fail(imp, "days[%zu].date: not a valid date (YYYY-MM-DD)", i);
			goto out;
		}
		int y = ogi_date_year(day);
		if (y < json_integer_value(year) - 1 || y > json_integer_value(year) + 1) {
			fail(imp, "days[%zu].date: %s is far from the file's year", i,
			     json_string_value(date));
			goto out;
		}
		if (!add_year(imp, y) ||
		    !add_day(imp, day, json_is_true(off) ? OGI_DAY_HOLIDAY : OGI_DAY_WORKDAY,
		             json_string_value(name), json_string_length(name))) {
			fail(imp, "days[%zu]: too many days", i);
			goto out;
		}
	}
	/* the file's own year is the one it loads; days of neighbours are extras */
	imp->years[0] = (int)json_integer_value(year);
	imp->nyears = 1;
	ok = true;
out:
	json_decref(root);
	return ok;
}

/* iCalendar: unfold lines, read VEVENT blocks. */
static bool ical_date(const char *v, size_t n, ogi_date *out)
{
	/* "20260101" (VALUE=DATE) or "20260101T000000..." */
	if (n < 8)
		return false;
	char buf[11];
	memcpy(buf, v, 4);
	buf[4] = '-';
	memcpy(buf + 5, v + 4, 2);
	buf[7] = '-';
	memcpy(buf + 8, v + 6, 2);
	buf[10] = '\0';
	if (n > 8 && v[8] != 'T')
		return false;
	return ogi_date_parse_n(buf, 10, out);
}

static bool is_workday_summary(const char *s, size_t n)
{
	static const char *const marks[] = {"补班", "上班", "班"};
	for (size_t k = 0; k < 3; k++) {
		size_t m = strlen(marks[k]);
		for (size_t i = 0; i + m <= n; i++)
			if (memcmp(s + i, marks[k], m) == 0)
				return true;
	}
	return false;
}

static bool parse_ical(const char *data, size_t len, struct ogi_import *imp)
{
	size_t pos = 0;
	int lineno = 0;
	bool in_event = false, saw_calendar = false;
	ogi_date start = OGI_DATE_NONE, end = OGI_DATE_NONE;
	char summary[192];
	size_t summary_len = 0;
	while (pos < len) {
		size_t eol = pos;
		while (eol < len && data[eol] != '\n')
			eol++;
		size_t n = eol - pos;
		const char *line = data + pos;
		if (n > 0 && line[n - 1] == '\r')
			n--;
		lineno++;
		pos = eol + 1;
		if (n == 0 || line[0] == ' ' || line[0] == '\t')
			continue; /* folded continuation lines carry nothing we use */
		const char *colon = memchr(line, ':', n);
		if (colon == NULL)
			return fail(imp, "line %d: no ':' in a content line", lineno);
		size_t klen = (size_t)(colon - line);
		const char *val = colon + 1;
		size_t vlen = n - klen - 1;
		const char *semi = memchr(line, ';', klen);
		size_t name_len = semi ? (size_t)(semi - line) : klen;
#define IS(k) (name_len == strlen(k) && memcmp(line, k, name_len) == 0)
		if (IS("BEGIN") && vlen == 9 && memcmp(val, "VCALENDAR", 9) == 0) {
			saw_calendar = true;
		} else if (IS("BEGIN") && vlen == 6 && memcmp(val, "VEVENT", 6) == 0) {
			if (in_event)
				return fail(imp, "line %d: VEVENT inside VEVENT", lineno);
			in_event = true;
			start = end = OGI_DATE_NONE;
			summary_len = 0;
		} else if (IS("END") && vlen == 6 && memcmp(val, "VEVENT", 6) == 0) {
			if (!in_event)
				return fail(imp, "line %d: END:VEVENT without BEGIN", lineno);
			if (start == OGI_DATE_NONE)
				return fail(imp, "line %d: the event has no DTSTART", lineno);
			if (end == OGI_DATE_NONE)
				end = start + 1;
			if (end <= start || end - start > 31)
				return fail(imp,
				            "line %d: DTEND must be 1 to 31 days after DTSTART",
				            lineno);
			bool worked = is_workday_summary(summary, summary_len);
			for (ogi_date d = start; d < end; d++)
				if (!add_year(imp, ogi_date_year(d)) ||
				    !add_day(imp, d, worked ? OGI_DAY_WORKDAY : OGI_DAY_HOLIDAY,
				             summary, summary_len))
					return fail(imp, "line %d: too many days or years", lineno);
			in_event = false;
		} else if (in_event && IS("DTSTART")) {
			if (!ical_date(val, vlen, &start))
				return fail(imp, "line %d: DTSTART is not a date", lineno);
		} else if (in_event && IS("DTEND")) {
			if (!ical_date(val, vlen, &end))
				return fail(imp, "line %d: DTEND is not a date", lineno);
		} else if (in_event && IS("SUMMARY")) {
			summary_len = vlen < sizeof summary ? vlen : sizeof summary - 1;
			memcpy(summary, val, summary_len);
		}
#undef IS
	}
	if (!saw_calendar)
		return fail(imp, "not an iCalendar file (no BEGIN:VCALENDAR)");
	if (in_event)
		return fail(imp, "the last VEVENT has no END");
	if (imp->ndays == 0)
		return fail(imp, "the file has no events");
	for (int i = 0; i < imp->nyears; i++)
		if (imp->years[i] < 1990 || imp->years[i] > 2100)
			return fail(imp, "year %d is outside 1990–2100", imp->years[i]);
	return true;
}

bool ogi_calendar_import_parse(const char *data, size_t len, struct ogi_import *imp)
{
	memset(imp, 0, sizeof *imp);
	imp->days = malloc(MAX_DAYS * sizeof *imp->days);
	if (imp->days == NULL)
		return fail(imp, "out of memory");
	size_t i = 0;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3; /* a BOM */
	while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t'))
		i++;
	if (i < len && data[i] == '{')
		return parse_json(data + i, len - i, imp);
	return parse_ical(data + i, len - i, imp);
}

void ogi_import_free(struct ogi_import *imp)
{
	free(imp->days);
	imp->days = NULL;
}

/* The law's days of 春节 and its holidays in all: 11 and 3 by the 2007 and 2013 texts
 * (the years shipped begin with 2008), 13 and 4 from 2025 (国务院令第795号 added 除夕
 * and 5月2日). */
static void statutory(int year, int *spring_festival, int *total)
{
	*spring_festival = year >= 2025 ? 4 : 3;
	*total = year >= 2025 ? 13 : 11;
}

static void say(struct ogi_import_check *check, unsigned rule, const char *zh, const char *en)
{
	check->failed |= rule;
	snprintf(check->message[check->nmessages].zh, sizeof check->message[0].zh, "%s", zh);
	snprintf(check->message[check->nmessages].en, sizeof check->message[0].en, "%s", en);
	check->nmessages++;
}

bool ogi_calendar_import_plausible(const struct ogi_import *imp, struct ogi_import_check *check)
{
	memset(check, 0, sizeof *check);
	for (int y = 0; y < imp->nyears; y++) {
		memset(check, 0, sizeof *check);
		int year = imp->years[y];
		check->year = year;
		statutory(year, &check->spring_festival_needed, &check->days_off_needed);
		ogi_date jan1 = ogi_date_from_ymd(year, 1, 1);
		ogi_date next_jan1 = ogi_date_from_ymd(year + 1, 1, 1);
		/* what the file says of each day of the year, the last word winning as when stored
		 */
		enum { UNSAID, OFF, WORKED } said[366] = {UNSAID};
		for (size_t i = 0; i < imp->ndays; i++)
			if (imp->days[i].day >= jan1 && imp->days[i].day < next_jan1)
				said[imp->days[i].day - jan1] =
				    imp->days[i].kind == OGI_DAY_HOLIDAY ? OFF : WORKED;
		/* weekdays off, as the exceptions stored count them: a file listing every day of a
		   holiday and one listing only the weekdays count the same */
		ogi_date festival_from = ogi_date_from_ymd(year, 1, 18);
		ogi_date festival_to = ogi_date_from_ymd(year, 3, 1);
		for (ogi_date d = jan1; d < next_jan1; d++) {
			if (said[d - jan1] != OFF || ogi_date_weekday(d) >= 6)
				continue;
			check->days_off++;
			if (d >= festival_from && d < festival_to)
				check->spring_festival_days++;
		}
		bool national_day = true;
		for (int day = 1; day <= 3; day++) {
			ogi_date d = ogi_date_from_ymd(year, 10, day);
			national_day = national_day &&
			               (said[d - jan1] == OFF ||
			                (said[d - jan1] == UNSAID && ogi_date_weekday(d) >= 6));
		}
		char zh[256], en[256];
		if (check->spring_festival_days < check->spring_festival_needed) {
			snprintf(zh, sizeof zh,
			         "%d 年没有春节假期（1 月 18 日至 2 月底放假的工作日 %d "
			         "天，法定至少 %d 天）："
			         "每一年的安排都须含春节假期",
			         year, check->spring_festival_days, check->spring_festival_needed);
			snprintf(en, sizeof en,
			         "%d has no Spring Festival (春节) holiday: %d weekdays off from "
			         "18 January "
			         "to the end of February, the law gives at least %d; every year "
			         "imported must "
			         "contain its Spring Festival holiday",
			         year, check->spring_festival_days, check->spring_festival_needed);
			say(check, OGI_IMPORT_NO_SPRING_FESTIVAL, zh, en);
		}
		if (!national_day) {
			snprintf(zh, sizeof zh,
			         "%d 年没有国庆节假期（10 月 1 日至 3 "
			         "日不全是放假日）：每一年的安排都须含国庆节假期",
			         year);
			snprintf(en, sizeof en,
			         "%d has no National Day (国庆节) holiday: 1–3 October are not all "
			         "days off; "
			         "every year imported must contain its National Day holiday",
			         year);
			say(check, OGI_IMPORT_NO_NATIONAL_DAY, zh, en);
		}
		if (check->days_off < check->days_off_needed) {
			snprintf(zh, sizeof zh,
			         "%d 年放假的工作日只有 %d 天，少于法定节假日 %d "
			         "天：每一年的放假日都不得少于法定节假日",
			         year, check->days_off, check->days_off_needed);
			snprintf(en, sizeof en,
			         "%d has only %d weekdays off, fewer than its %d statutory "
			         "holidays; every "
			         "year imported must have at least as many days off",
			         year, check->days_off, check->days_off_needed);
			say(check, OGI_IMPORT_TOO_FEW_DAYS_OFF, zh, en);
		}
		if (check->failed)
			return false;
	}
	return true;
}
