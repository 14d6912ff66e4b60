/* holiday-cn JSON and iCalendar import (see calendar_import.h); the iCalendar read with
 * libical. */
#include "lib/calendar_import.h"

#include <jansson.h>
#include <libical/ical.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/spec.h"

#define MAX_DAYS 2000

/* imp->error_zh and imp->error from two formats of the same arguments; nothing kept. */
static bool fail(struct ogi_import *imp, const char *zh, const char *en, ...)
    __attribute__((format(printf, 3, 4)));

static bool fail(struct ogi_import *imp, const char *zh, const char *en, ...)
{
	va_list ap, aq;
	va_start(ap, en);
	va_copy(aq, ap);
	vsnprintf(imp->error, sizeof imp->error, en, ap);
	vsnprintf(imp->error_zh, sizeof imp->error_zh, zh, aq);
	va_end(aq);
	va_end(ap);
	/* a message cut short does not end in part of a character */
	for (char *m = imp->error_zh; m != NULL; m = m == imp->error_zh ? imp->error : NULL) {
		size_t n = strlen(m);
		if (n + 1 == sizeof imp->error) {
			size_t k = n;
			while (k > 0 && ((unsigned char)m[k - 1] & 0xC0) == 0x80)
				k--;
			if (k > 0 && (unsigned char)m[k - 1] >= 0xC0)
				m[k - 1] = '\0';
		}
	}
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
	if (root == NULL) {
		/* jansson quotes the bytes near the fault, which may end inside a character (found
		   by tests/fuzz/fuzz_calendar_import.c: a backslash before a Chinese character);
		   the message goes into JSON */
		size_t n = strlen(jerr.text);
		while (n > 0 && !utf8_valid(jerr.text, n))
			n--;
		return fail(imp, "JSON 第 %d 行第 %d 列：%.*s", "JSON line %d column %d: %.*s",
		            jerr.line, jerr.column, (int)n, jerr.text);
	}
	bool ok = false;
	json_t *year = json_object_get(root, "year"), *days = json_object_get(root, "days");
	if (!json_is_object(root) || !json_is_integer(year) || !json_is_array(days)) {
		fail(imp, "须为一个对象，含整数 \"year\" 和数组 \"days\"",
		     "want an object with an integer \"year\" and an array \"days\"");
		goto out;
	}
	if (json_integer_value(year) < 1990 || json_integer_value(year) > 2100) {
		fail(imp, "%lld 年不在 1990–2100 年间", "year %lld is outside 1990–2100",
		     (long long)json_integer_value(year));
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
			     "days[%zu]：须为 {\"name\": 字符串, \"date\": 字符串, \"isOffDay\": "
			     "布尔值}",
			     "days[%zu]: want {\"name\": string, \"date\": string, \"isOffDay\": "
			     "boolean}",
			     i);
			goto out;
		}
		if (!ogi_date_parse_n(json_string_value(date), json_string_length(date), &day)) {
			fail(imp, "days[%zu].date：不是有效日期（YYYY-MM-DD）",
			     "days[%zu].date: not a valid date (YYYY-MM-DD)", i);
			goto out;
		}
		int y = ogi_date_year(day);
		if (y < json_integer_value(year) - 1 || y > json_integer_value(year) + 1) {
			fail(imp, "days[%zu].date：%s 离文件的年份太远",
			     "days[%zu].date: %s is far from the file's year", i,
			     json_string_value(date));
			goto out;
		}
		if (!add_year(imp, y) ||
		    !add_day(imp, day, json_is_true(off) ? OGI_DAY_HOLIDAY : OGI_DAY_WORKDAY,
		             json_string_value(name), json_string_length(name))) {
			fail(imp, "days[%zu]：天数过多", "days[%zu]: too many days", i);
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

/* Whether an event's SUMMARY makes its days make-up working days (补班, 上班, any 班);
 * any other event is days off. */
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

/* iCalendar, read with libical (RFC 5545).  libical is lenient: a line it cannot read becomes
 * an X-LIC-ERROR property and the rest goes on.  The import is strict, so the text is fed to
 * libical one unfolded content line at a time, which tells the line of the first fault; the
 * structure (which component opens and closes where, VEVENTs directly in a VCALENDAR) is
 * checked on the way, and the line of each property an event's days come from is kept to
 * name it in a refusal. */

#define MAX_DEPTH     8    /* components nested (VCALENDAR, VEVENT, VALARM, …) */
#define RRULE_DAYS    365  /* a recurrence is expanded up to a year after its DTSTART */
#define RRULE_STEPS   2000 /* instances a recurrence may yield within that year */
#define MAX_INSTANCES 1024 /* days an event may start on (RRULE and RDATE) */
#define MAX_RECURRING 100  /* events with an RRULE in a file (a year has some 20) */

/* Where an event's properties are, for the messages. */
struct event_lines {
	int end, dtstart, dtend, duration, rrule, summary, rdate, exdate;
};

struct ical_reader {
	struct ogi_import *imp;
	icalparser *parser;
	struct {
		icalcomponent_kind kind;
		char name[64]; /* as written, for an X- component */
		int line;
	} open[MAX_DEPTH];
	int depth;
	bool saw_calendar;
	struct event_lines *events; /* each VEVENT's, in the order of the file */
	size_t nevents, events_cap;
	icalcomponent **roots; /* each VCALENDAR libical has read whole */
	size_t nroots, roots_cap;
};

/* libical's message of an X-LIC-ERROR, without the bytes of the file it quotes (they may be
 * anything, and the message goes into JSON): ASCII up to its ": ". */
static void error_text(const char *x, char *out, size_t size)
{
	size_t n = 0;
	for (; x != NULL && x[0] != '\0' && n + 1 < size; x++) {
		if (x[0] == ':' && x[1] == ' ')
			break;
		out[n++] = (unsigned char)x[0] >= 0x20 && (unsigned char)x[0] < 0x7F ? x[0] : '?';
	}
	out[n] = '\0';
}

/* The first X-LIC-ERROR in c or below, but the ones icalparser_clean adds ("Missing END
 * tag", about a file that stops short, which the reader says itself). */
static icalproperty *find_error(icalcomponent *c)
{
	for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY);
	     p != NULL; p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY)) {
		const char *x = icalproperty_get_xlicerror(p);
		if (x == NULL || strncmp(x, "Missing END tag", 15) != 0)
			return p;
	}
	for (icalcomponent *k = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); k != NULL;
	     k = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT)) {
		icalproperty *p = find_error(k);
		if (p != NULL)
			return p;
	}
	return NULL;
}

static bool libical_refused(struct ogi_import *imp, icalcomponent *c, int lineno)
{
	char why[128] = "not a valid content line";
	icalproperty *p = c != NULL ? find_error(c) : NULL;
	if (p != NULL)
		error_text(icalproperty_get_xlicerror(p), why, sizeof why);
	if (lineno > 0)
		return fail(imp, "第 %d 行不符合 iCalendar（RFC 5545）格式：%s",
		            "line %d: not valid iCalendar (RFC 5545): %s", lineno, why);
	return fail(imp, "文件不符合 iCalendar（RFC 5545）格式：%s",
	            "the file is not valid iCalendar (RFC 5545): %s", why);
}

/* The component BEGIN: or END: names, or ICAL_NO_COMPONENT; libical matches a prefix only
 * ("VEVENTS" would be a VEVENT), the file must spell one out. */
static icalcomponent_kind component_kind(const char *name)
{
	icalcomponent_kind k = icalcomponent_string_to_kind(name);
	if (k == ICAL_X_COMPONENT)
		return strncasecmp(name, "X-", 2) == 0 && name[2] != '\0' ? k : ICAL_NO_COMPONENT;
	if (k == ICAL_NO_COMPONENT || k == ICAL_XROOT_COMPONENT || k == ICAL_ANY_COMPONENT ||
	    strcasecmp(name, icalcomponent_kind_to_string(k)) != 0)
		return ICAL_NO_COMPONENT;
	return k;
}

static bool is_name(const char *line, size_t name_len, const char *name)
{
	return name_len == strlen(name) && strncasecmp(line, name, name_len) == 0;
}

static bool begin_component(struct ical_reader *r, const char *name, int lineno)
{
	struct ogi_import *imp = r->imp;
	icalcomponent_kind k = component_kind(name);
	if (k == ICAL_NO_COMPONENT)
		return fail(imp, "第 %d 行：BEGIN 后不是 iCalendar 的组件名",
		            "line %d: BEGIN names no iCalendar component", lineno);
	if (r->depth == MAX_DEPTH)
		return fail(imp, "第 %d 行：组件嵌套超过 %d 层",
		            "line %d: components nested over %d deep", lineno, MAX_DEPTH);
	bool in_event = false;
	for (int i = 0; i < r->depth; i++)
		in_event = in_event || r->open[i].kind == ICAL_VEVENT_COMPONENT;
	if (k == ICAL_VEVENT_COMPONENT && in_event)
		return fail(imp, "第 %d 行：VEVENT 套在另一个 VEVENT 里",
		            "line %d: VEVENT inside VEVENT", lineno);
	if ((r->depth == 0) != (k == ICAL_VCALENDAR_COMPONENT))
		return fail(
		    imp, "第 %d 行：文件由 VCALENDAR 组成，其他组件都在 VCALENDAR 里",
		    "line %d: the file is made of VCALENDARs, every other component inside one",
		    lineno);
	if (k == ICAL_VEVENT_COMPONENT && r->depth != 1)
		return fail(imp, "第 %d 行：VEVENT 须直接在 VCALENDAR 里",
		            "line %d: a VEVENT must be directly inside the VCALENDAR", lineno);
	if (k == ICAL_VEVENT_COMPONENT) {
		if (r->nevents == r->events_cap) {
			size_t cap = r->events_cap ? 2 * r->events_cap : 64;
			struct event_lines *e = realloc(r->events, cap * sizeof *e);
			if (e == NULL)
				return fail(imp, "内存不足", "out of memory");
			r->events = e;
			r->events_cap = cap;
		}
		memset(&r->events[r->nevents++], 0, sizeof r->events[0]);
	}
	r->saw_calendar = r->saw_calendar || k == ICAL_VCALENDAR_COMPONENT;
	r->open[r->depth].kind = k;
	snprintf(r->open[r->depth].name, sizeof r->open[0].name, "%s", name);
	r->open[r->depth].line = lineno;
	r->depth++;
	return true;
}

static bool end_component(struct ical_reader *r, const char *name, int lineno)
{
	struct ogi_import *imp = r->imp;
	icalcomponent_kind k = component_kind(name);
	bool in_event = false;
	for (int i = 0; i < r->depth; i++)
		in_event = in_event || r->open[i].kind == ICAL_VEVENT_COMPONENT;
	if (k == ICAL_VEVENT_COMPONENT && !in_event)
		return fail(imp, "第 %d 行：END:VEVENT 前没有 BEGIN:VEVENT",
		            "line %d: END:VEVENT without BEGIN", lineno);
	if (r->depth == 0)
		return fail(imp, "第 %d 行：END 前没有对应的 BEGIN", "line %d: END without BEGIN",
		            lineno);
	int open = r->open[r->depth - 1].line;
	if (k == ICAL_NO_COMPONENT || k != r->open[r->depth - 1].kind ||
	    (k == ICAL_X_COMPONENT && strcasecmp(name, r->open[r->depth - 1].name) != 0))
		return fail(imp, "第 %d 行：END 与第 %d 行的 BEGIN 不是同一组件",
		            "line %d: END does not close the component begun on line %d", lineno,
		            open);
	if (k == ICAL_VEVENT_COMPONENT)
		r->events[r->nevents - 1].end = lineno;
	r->depth--;
	return true;
}

/* One unfolded content line (NUL-terminated, n bytes), first of its physical lines lineno. */
static bool content_line(struct ical_reader *r, char *line, size_t n, int lineno)
{
	struct ogi_import *imp = r->imp;
	if (memchr(line, '\0', n) != NULL)
		return fail(imp, "第 %d 行有 NUL 字节", "line %d: a NUL byte", lineno);
	const char *colon = memchr(line, ':', n);
	if (colon == NULL)
		return fail(imp, "第 %d 行：内容行里没有“:”", "line %d: no ':' in a content line",
		            lineno);
	size_t name_len = strcspn(line, ";:");
	const char *value = colon + 1;
	if ((is_name(line, name_len, "BEGIN") || is_name(line, name_len, "END")) &&
	    colon != line + name_len)
		/* libical would take it for one, and the components open would differ */
		return fail(imp, "第 %d 行：BEGIN 和 END 不带参数",
		            "line %d: BEGIN and END take no parameters", lineno);
	if (is_name(line, name_len, "BEGIN")) {
		if (!begin_component(r, value, lineno))
			return false;
	} else if (is_name(line, name_len, "END")) {
		if (!end_component(r, value, lineno))
			return false;
	} else if (r->depth == 0) {
		return fail(imp, "第 %d 行：属性在 BEGIN:VCALENDAR 与 END:VCALENDAR 之外",
		            "line %d: a property outside BEGIN:VCALENDAR … END:VCALENDAR", lineno);
	} else if (r->depth == 2 && r->open[1].kind == ICAL_VEVENT_COMPONENT) {
		/* the first line of each property an event's days come from */
		struct event_lines *e = &r->events[r->nevents - 1];
		static const struct {
			const char *name;
			size_t at;
		} kept[] = {
		    {"DTSTART", offsetof(struct event_lines, dtstart)},
		    {"DTEND", offsetof(struct event_lines, dtend)},
		    {"DURATION", offsetof(struct event_lines, duration)},
		    {"RRULE", offsetof(struct event_lines, rrule)},
		    {"SUMMARY", offsetof(struct event_lines, summary)},
		    {"RDATE", offsetof(struct event_lines, rdate)},
		    {"EXDATE", offsetof(struct event_lines, exdate)},
		};
		for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++) {
			int *at = (int *)((char *)e + kept[i].at);
			if (is_name(line, name_len, kept[i].name) && *at == 0)
				*at = lineno;
		}
	}
	icalcomponent *root = icalparser_add_line(r->parser, line);
	if (icalparser_get_state(r->parser) == ICALPARSER_ERROR) {
		if (root != NULL)
			icalcomponent_free(root);
		/* closes what is open and returns it; icalparser_free frees it */
		return libical_refused(imp, icalparser_clean(r->parser), lineno);
	}
	if (root != NULL) {
		if (r->nroots == r->roots_cap) {
			size_t cap = r->roots_cap ? 2 * r->roots_cap : 4;
			icalcomponent **roots = realloc(r->roots, cap * sizeof *roots);
			if (roots == NULL) {
				icalcomponent_free(root);
				return fail(imp, "内存不足", "out of memory");
			}
			r->roots = roots;
			r->roots_cap = cap;
		}
		r->roots[r->nroots++] = root;
	}
	return true;
}

/* A DATE or DATE-TIME value's day as written (a TZID or a Z does not move it: the
 * arrangement names days), or false. */
static bool value_day(icalproperty *p, ogi_date *day, bool *is_date)
{
	icalvalue *v = icalproperty_get_value(p);
	if (v == NULL)
		return false;
	struct icaltimetype t;
	switch (icalvalue_isa(v)) {
	case ICAL_DATE_VALUE:
		t = icalvalue_get_date(v);
		break;
	case ICAL_DATETIME_VALUE:
		t = icalvalue_get_datetime(v);
		break;
	case ICAL_DATETIMEPERIOD_VALUE: {
		struct icaldatetimeperiodtype dp = icalvalue_get_datetimeperiod(v);
		t = icaltime_is_null_time(dp.time) ? dp.period.start : dp.time;
		break;
	}
	default:
		return false;
	}
	if (is_date != NULL)
		*is_date = t.is_date;
	if (icaltime_is_null_time(t) || !ogi_date_valid(t.year, t.month, t.day))
		return false;
	*day = ogi_date_from_ymd(t.year, t.month, t.day);
	return true;
}

static bool day_in_range(ogi_date d)
{
	return ogi_date_year(d) >= 1990 && ogi_date_year(d) <= 2100;
}

/* An override (RECURRENCE-ID) of one instance of a recurring event. */
struct override {
	const char *uid;
	ogi_date day;
};

static bool overridden(const struct override *o, size_t n, const char *uid, ogi_date day)
{
	for (size_t i = 0; uid != NULL && i < n; i++)
		if (o[i].day == day && strcmp(o[i].uid, uid) == 0)
			return true;
	return false;
}

/* The days an event lasts, from DTEND or DURATION (one when neither is given). */
static bool event_span(struct ogi_import *imp, icalcomponent *ev, const struct event_lines *at,
                       icalproperty *dtstart, ogi_date start, bool start_is_date, int *span)
{
	icalproperty *dtend = icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY);
	icalproperty *dur = icalcomponent_get_first_property(ev, ICAL_DURATION_PROPERTY);
	if (icalcomponent_count_properties(ev, ICAL_DTEND_PROPERTY) > 1 ||
	    icalcomponent_count_properties(ev, ICAL_DURATION_PROPERTY) > 1)
		return fail(imp, "第 %d 行：事件有多个 DTEND 或 DURATION",
		            "line %d: the event has more than one DTEND or DURATION", at->end);
	if (dtend != NULL && dur != NULL)
		return fail(imp, "第 %d 行：事件不能同时有 DTEND 和 DURATION",
		            "line %d: the event has both DTEND and DURATION", at->duration);
	*span = 1;
	if (dtend != NULL) {
		ogi_date end;
		bool end_is_date;
		if (!value_day(dtend, &end, &end_is_date))
			return fail(imp, "第 %d 行：DTEND 不是日期", "line %d: DTEND is not a date",
			            at->dtend);
		if (end_is_date != start_is_date)
			return fail(
			    imp, "第 %d 行：DTSTART 与 DTEND 须同为日期或同为日期时间",
			    "line %d: DTSTART and DTEND must both be dates or both date-times",
			    at->dtend);
		*span = end - start;
	} else if (dur != NULL) {
		struct icaldurationtype d = icalproperty_get_duration(dur);
		long long seconds = (((long long)d.weeks * 7 + d.days) * 24 + d.hours) * 3600LL +
		                    (long long)d.minutes * 60 + d.seconds;
		if (start_is_date && (d.hours || d.minutes || d.seconds))
			return fail(
			    imp, "第 %d 行：全天事件的 DURATION 须为整天（如 P7D、P1W）",
			    "line %d: the DURATION of an all-day event must be whole days (P7D, "
			    "P1W)",
			    at->duration);
		if (d.is_neg || seconds > 32LL * 86400)
			seconds = -1;
		if (!start_is_date) {
			/* the day the last second falls on, after DTSTART's time of day */
			struct icaltimetype t =
			    icalvalue_get_datetime(icalproperty_get_value(dtstart));
			seconds += t.hour * 3600 + t.minute * 60 + t.second;
		}
		*span = seconds < 0 ? -1 : (int)(seconds / 86400);
	}
	if (*span < 1 || *span > 31)
		return fail(imp, "第 %d 行：DTEND（或 DURATION）须在 DTSTART 之后 1 至 31 天",
		            "line %d: DTEND (or DURATION) must be 1 to 31 days after DTSTART",
		            dtend != NULL ? at->dtend
		            : dur != NULL ? at->duration
		                          : at->end);
	return true;
}

static bool beyond_a_year(struct ogi_import *imp, int line)
{
	return fail(
	    imp, "第 %d 行：RRULE 延续到 DTSTART 一年之后：导入的是一年的安排",
	    "line %d: the RRULE runs on a year or more after DTSTART; an import is a year's "
	    "arrangement",
	    line);
}

static bool in_list(const short *list, size_t size, int v)
{
	for (size_t i = 0; i < size && list[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
		if (list[i] == v)
			return true;
	return false;
}

#define NONE(list) ((list)[0] == ICAL_RECURRENCE_ARRAY_MAX)

/* Whether a MONTHLY or YEARLY rule of BYMONTH, BYMONTHDAY and BYDAY (the parts it may have,
 * checked before) has an instance within RRULE_DAYS of start (RFC 5545 3.3.10).  libical looks
 * for the first month or year with one up to the year 20000, which takes it seconds for a rule
 * that has none (BYMONTH=2;BYMONTHDAY=30): such a rule is refused here first. */
static bool rule_names_a_day(const struct icalrecurrencetype *rule, ogi_date start)
{
	int y0, m0, d0;
	ogi_date_to_ymd(start, &y0, &m0, &d0);
	bool yearly = rule->freq == ICAL_YEARLY_RECURRENCE;
	int interval = rule->interval > 0 ? rule->interval : 1;
	bool by_month = !NONE(rule->by_month), by_monthday = !NONE(rule->by_month_day),
	     by_day = !NONE(rule->by_day);
	for (ogi_date d = start; d < start + RRULE_DAYS; d++) {
		int y, m, md;
		ogi_date_to_ymd(d, &y, &m, &md);
		int periods = yearly ? y - y0 : (y - y0) * 12 + m - m0;
		if (periods % interval != 0)
			continue;
		int dim = ogi_days_in_month(y, m);
		bool month_ok = false;
		for (size_t i = 0;
		     i < ICAL_BY_MONTH_SIZE && rule->by_month[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
			month_ok =
			    month_ok || icalrecurrencetype_month_month(rule->by_month[i]) == m;
		if (by_month ? !month_ok : yearly && !by_monthday && !by_day && m != m0)
			continue;
		if (by_monthday
		        ? !in_list(rule->by_month_day, ICAL_BY_MONTHDAY_SIZE, md) &&
		              !in_list(rule->by_month_day, ICAL_BY_MONTHDAY_SIZE, md - dim - 1)
		        : !by_day && md != d0)
			continue;
		if (!by_day)
			return true;
		/* the weekday, and the n-th of it in the month (or the year, YEARLY without
		 * BYMONTH) */
		int wd = ogi_date_weekday(d) % 7 + 1; /* libical's: 1 Sunday … 7 Saturday */
		ogi_date scope_from = ogi_date_from_ymd(y, yearly && !by_month ? 1 : m, 1);
		ogi_date scope_to =
		    yearly && !by_month ? ogi_date_from_ymd(y + 1, 1, 1) : scope_from + dim;
		int nth = (int)(d - scope_from) / 7 + 1,
		    nth_last = -((int)(scope_to - 1 - d) / 7 + 1);
		for (size_t i = 0;
		     i < ICAL_BY_DAY_SIZE && rule->by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; i++) {
			int pos = icalrecurrencetype_day_position(rule->by_day[i]);
			if ((int)icalrecurrencetype_day_day_of_week(rule->by_day[i]) == wd &&
			    (pos == 0 || pos == nth || pos == nth_last))
				return true;
		}
	}
	return false;
}

/* The days an event starts on: DTSTART, or each instance of its RRULE within RRULE_DAYS
 * and of its RDATEs, less its EXDATEs and the instances overridden by another VEVENT. */
static bool event_starts(struct ogi_import *imp, icalcomponent *ev, const struct event_lines *at,
                         icalproperty *dtstart, ogi_date start, const struct override *o, size_t no,
                         ogi_date *starts, size_t *n)
{
	*n = 0;
	if (icalcomponent_count_properties(ev, ICAL_RRULE_PROPERTY) > 1)
		return fail(imp, "第 %d 行：事件有多个 RRULE",
		            "line %d: the event has more than one RRULE", at->rrule);
	icalproperty *rrule = icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY);
	if (rrule == NULL) {
		starts[(*n)++] = start;
	} else {
		struct icalrecurrencetype rule = icalproperty_get_rrule(rrule);
		if (rule.freq == ICAL_NO_RECURRENCE || rule.freq < ICAL_DAILY_RECURRENCE)
			return fail(imp,
			            "第 %d 行：RRULE 的 FREQ 须为 DAILY、WEEKLY、MONTHLY 或 "
			            "YEARLY（日历以天计）",
			            "line %d: an RRULE's FREQ must be DAILY, WEEKLY, MONTHLY or "
			            "YEARLY: the "
			            "calendar is of days",
			            at->rrule);
		if (rule.rscale != NULL && strcasecmp(rule.rscale, "GREGORIAN") != 0)
			return fail(
			    imp, "第 %d 行：RRULE 只用公历（RSCALE=GREGORIAN）",
			    "line %d: an RRULE is of the Gregorian calendar (RSCALE=GREGORIAN)",
			    at->rrule);
		if (rule.freq >= ICAL_MONTHLY_RECURRENCE) {
			int pos = 0;
			for (size_t i = 0; i < ICAL_BY_DAY_SIZE && !NONE(rule.by_day + i); i++)
				pos = pos || icalrecurrencetype_day_position(rule.by_day[i]) != 0;
			if (!NONE(rule.by_set_pos) || !NONE(rule.by_week_no) ||
			    !NONE(rule.by_year_day) || !NONE(rule.by_hour) ||
			    !NONE(rule.by_minute) || !NONE(rule.by_second) ||
			    (pos && !NONE(rule.by_month_day)))
				return fail(
				    imp,
				    "第 %d 行：MONTHLY 或 YEARLY 的 RRULE 只能用 BYMONTH、"
				    "BYMONTHDAY 和 BYDAY（有 BYMONTHDAY 时 BYDAY 不带序号）",
				    "line %d: a MONTHLY or YEARLY RRULE may have BYMONTH, "
				    "BYMONTHDAY "
				    "and BYDAY only (BYDAY without a number beside BYMONTHDAY)",
				    at->rrule);
			if (!rule_names_a_day(&rule, start))
				return fail(
				    imp, "第 %d 行：RRULE 在 DTSTART 之后一年内没有一天",
				    "line %d: the RRULE names no day within a year of DTSTART",
				    at->rrule);
		}
		/* The year a rule may run: the last day it may reach is its UNTIL, which libical
		   checks at each step (a rule naming days that never come, BYMONTH=2;BYMONTHDAY=30,
		   would have it search up to the year 2582 for seconds); an endless rule is read
		   for that year, one that ends later refused, not cut. */
		struct icaltimetype from =
		    icalvalue_get_datetimedate(icalproperty_get_value(dtstart));
		ogi_date last = start + RRULE_DAYS - 1;
		if (!icaltime_is_null_time(rule.until)) {
			if (!ogi_date_valid(rule.until.year, rule.until.month, rule.until.day))
				return fail(imp, "第 %d 行：RRULE 的 UNTIL 不是日期",
				            "line %d: the RRULE's UNTIL is not a date", at->rrule);
			if (ogi_date_from_ymd(rule.until.year, rule.until.month, rule.until.day) >
			    last)
				return beyond_a_year(imp, at->rrule);
		} else {
			rule.until = from;
			ogi_date_to_ymd(last, &rule.until.year, &rule.until.month, &rule.until.day);
			if (!from.is_date) {
				rule.until.hour = 23;
				rule.until.minute = 59;
				rule.until.second = 59;
			}
		}
		icalrecur_iterator *it = icalrecur_iterator_new(rule, from);
		if (it == NULL)
			return fail(imp, "第 %d 行：无法展开该 RRULE",
			            "line %d: the RRULE cannot be expanded", at->rrule);
		bool ok = true;
		int steps = 0;
		for (;; steps++) {
			struct icaltimetype t = icalrecur_iterator_next(it);
			if (icaltime_is_null_time(t))
				break;
			if (!ogi_date_valid(t.year, t.month, t.day)) {
				ok = fail(imp, "第 %d 行：无法展开该 RRULE",
				          "line %d: the RRULE cannot be expanded", at->rrule);
				break;
			}
			if (steps == RRULE_STEPS) {
				ok = fail(
				    imp, "第 %d 行：RRULE 一年内的重复超过 %d 次",
				    "line %d: the RRULE repeats more than %d times within a year",
				    at->rrule, RRULE_STEPS);
				break;
			}
			ogi_date d = ogi_date_from_ymd(t.year, t.month, t.day);
			if (d > last) { /* cannot be: past UNTIL */
				ok = beyond_a_year(imp, at->rrule);
				break;
			}
			if (*n > 0 && starts[*n - 1] == d)
				continue; /* more than one instance a day (BYHOUR): one day */
			if (*n == MAX_INSTANCES) {
				ok = fail(imp, "第 %d 行：事件的重复超过 %d 次",
				          "line %d: the event repeats more than %d times",
				          at->rrule, MAX_INSTANCES);
				break;
			}
			starts[(*n)++] = d;
		}
		/* a COUNT the year does not reach runs on after it (or names days that never
		   come) */
		if (ok && rule.count > 0 && steps < rule.count)
			ok = beyond_a_year(imp, at->rrule);
		icalrecur_iterator_free(it);
		if (!ok)
			return false;
	}
	for (icalproperty *p = icalcomponent_get_first_property(ev, ICAL_RDATE_PROPERTY); p != NULL;
	     p = icalcomponent_get_next_property(ev, ICAL_RDATE_PROPERTY)) {
		ogi_date d;
		if (!value_day(p, &d, NULL) || !day_in_range(d))
			return fail(imp, "第 %d 行：RDATE 不是 1990–2100 年间的日期",
			            "line %d: an RDATE is not a date in 1990–2100", at->rdate);
		if (*n == MAX_INSTANCES)
			return fail(imp, "第 %d 行：事件的重复超过 %d 次",
			            "line %d: the event repeats more than %d times", at->rdate,
			            MAX_INSTANCES);
		starts[(*n)++] = d;
	}
	const char *uid = icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY) == NULL
	                      ? icalcomponent_get_uid(ev)
	                      : NULL;
	for (icalproperty *p = icalcomponent_get_first_property(ev, ICAL_EXDATE_PROPERTY);
	     p != NULL; p = icalcomponent_get_next_property(ev, ICAL_EXDATE_PROPERTY)) {
		ogi_date x;
		if (!value_day(p, &x, NULL))
			return fail(imp, "第 %d 行：EXDATE 不是日期",
			            "line %d: an EXDATE is not a date", at->exdate);
		size_t kept = 0;
		for (size_t i = 0; i < *n; i++)
			if (starts[i] != x)
				starts[kept++] = starts[i];
		*n = kept;
	}
	size_t kept = 0;
	for (size_t i = 0; i < *n; i++)
		if (!overridden(o, no, uid, starts[i]))
			starts[kept++] = starts[i];
	*n = kept;
	return true;
}

static bool event_days(struct ogi_import *imp, icalcomponent *ev, const struct event_lines *at,
                       const struct override *o, size_t no, ogi_date *starts)
{
	icalproperty *dtstart = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
	if (dtstart == NULL)
		return fail(imp, "第 %d 行：事件没有 DTSTART", "line %d: the event has no DTSTART",
		            at->end);
	if (icalcomponent_count_properties(ev, ICAL_DTSTART_PROPERTY) > 1)
		return fail(imp, "第 %d 行：事件有多个 DTSTART",
		            "line %d: the event has more than one DTSTART", at->end);
	ogi_date start;
	bool is_date;
	if (!value_day(dtstart, &start, &is_date))
		return fail(imp, "第 %d 行：DTSTART 不是日期", "line %d: DTSTART is not a date",
		            at->dtstart);
	if (!day_in_range(start))
		return fail(imp, "第 %d 行：%d 年不在 1990–2100 年间",
		            "line %d: year %d is outside 1990–2100", at->dtstart,
		            ogi_date_year(start));
	int span = 1;
	if (!event_span(imp, ev, at, dtstart, start, is_date, &span))
		return false;
	if (icalcomponent_count_properties(ev, ICAL_SUMMARY_PROPERTY) > 1)
		return fail(imp, "第 %d 行：事件有多个 SUMMARY",
		            "line %d: the event has more than one SUMMARY", at->summary);
	icalproperty *sp = icalcomponent_get_first_property(ev, ICAL_SUMMARY_PROPERTY);
	const char *summary = sp != NULL ? icalproperty_get_summary(sp) : NULL;
	if (summary == NULL)
		summary = "";
	size_t summary_len = strlen(summary);
	if (!utf8_valid(summary, summary_len))
		return fail(imp, "第 %d 行：SUMMARY 不是 UTF-8 文本",
		            "line %d: the SUMMARY is not UTF-8 text", at->summary);
	size_t n;
	if (!event_starts(imp, ev, at, dtstart, start, o, no, starts, &n))
		return false;
	bool worked = is_workday_summary(summary, summary_len);
	for (size_t i = 0; i < n; i++)
		for (ogi_date d = starts[i]; d < starts[i] + span; d++)
			if (!add_year(imp, ogi_date_year(d)) ||
			    !add_day(imp, d, worked ? OGI_DAY_WORKDAY : OGI_DAY_HOLIDAY, summary,
			             summary_len))
				return fail(imp, "第 %d 行：天数或年份过多",
				            "line %d: too many days or years", at->end);
	return true;
}

/* Each VEVENT of the VCALENDARs read, in the order of the file. */
static bool read_events(struct ical_reader *r)
{
	struct ogi_import *imp = r->imp;
	struct override *o = calloc(r->nevents ? r->nevents : 1, sizeof *o);
	ogi_date *starts = malloc(MAX_INSTANCES * sizeof *starts);
	size_t no = 0, k = 0;
	int recurring = 0;
	bool ok = o != NULL && starts != NULL;
	if (!ok)
		fail(imp, "内存不足", "out of memory");
	for (size_t i = 0; ok && i < r->nroots; i++)
		for (icalcomponent *ev =
		         icalcomponent_get_first_component(r->roots[i], ICAL_VEVENT_COMPONENT);
		     ev != NULL;
		     ev = icalcomponent_get_next_component(r->roots[i], ICAL_VEVENT_COMPONENT)) {
			icalproperty *rid =
			    icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY);
			const char *uid = icalcomponent_get_uid(ev);
			if (rid != NULL && uid != NULL && value_day(rid, &o[no].day, NULL))
				o[no++].uid = uid;
			if (icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY) != NULL &&
			    ++recurring > MAX_RECURRING)
				ok = fail(imp, "文件里有 RRULE 的事件超过 %d 个",
				          "the file has more than %d events with an RRULE",
				          MAX_RECURRING);
		}
	for (size_t i = 0; ok && i < r->nroots; i++)
		for (icalcomponent *ev =
		         icalcomponent_get_first_component(r->roots[i], ICAL_VEVENT_COMPONENT);
		     ok && ev != NULL;
		     ev = icalcomponent_get_next_component(r->roots[i], ICAL_VEVENT_COMPONENT)) {
			if (k == r->nevents) { /* cannot be: each was a BEGIN:VEVENT seen */
				ok = fail(imp, "内部错误", "internal error: events miscounted");
				break;
			}
			ok = event_days(imp, ev, &r->events[k++], o, no, starts);
		}
	free(o);
	free(starts);
	return ok;
}

static bool read_ical(struct ical_reader *r, const char *data, size_t len, int lineno)
{
	struct ogi_import *imp = r->imp;
	/* a content line unfolded: no longer than the file */
	char *line = malloc(len + 1);
	if (line == NULL)
		return fail(imp, "内存不足", "out of memory");
	size_t n = 0, pos = 0;
	int first = 0; /* the physical line the content line in line[] begins on; 0: none */
	bool ok = true;
	while (ok && pos < len) {
		size_t eol = pos;
		while (eol < len && data[eol] != '\n')
			eol++;
		const char *phys = data + pos;
		size_t m = eol - pos;
		if (m > 0 && phys[m - 1] == '\r')
			m--;
		lineno++;
		pos = eol + 1;
		if (m > 0 && (phys[0] == ' ' || phys[0] == '\t')) {
			/* RFC 5545 3.1: a fold is a line break and one space or tab */
			if (first == 0)
				ok = fail(imp, "第 %d 行：续行前面没有内容行",
				          "line %d: a folded line continues nothing", lineno);
			memcpy(line + n, phys + 1, m - 1);
			n += m - 1;
			continue;
		}
		if (first != 0) {
			line[n] = '\0';
			ok = content_line(r, line, n, first);
			first = 0;
		}
		if (m > 0) { /* an empty line ends the one before and is none */
			memcpy(line, phys, m);
			n = m;
			first = lineno;
		}
	}
	if (ok && first != 0) {
		line[n] = '\0';
		ok = content_line(r, line, n, first);
	}
	free(line);
	if (!ok)
		return false;
	if (!r->saw_calendar)
		return fail(imp, "不是 iCalendar 文件（没有 BEGIN:VCALENDAR）",
		            "not an iCalendar file (no BEGIN:VCALENDAR)");
	for (int i = 0; i < r->depth; i++)
		if (r->open[i].kind == ICAL_VEVENT_COMPONENT)
			return fail(imp, "最后一个 VEVENT 没有 END", "the last VEVENT has no END");
	if (r->depth > 0)
		return fail(imp, "第 %d 行开始的组件没有 END",
		            "the component begun on line %d has no END",
		            r->open[r->depth - 1].line);
	for (size_t i = 0; i < r->nroots; i++)
		if (icalcomponent_count_errors(r->roots[i]) > 0 || find_error(r->roots[i]) != NULL)
			return libical_refused(imp, r->roots[i], 0);
	if (!read_events(r))
		return false;
	if (imp->ndays == 0)
		return fail(imp, "文件里没有事件", "the file has no events");
	for (int i = 0; i < imp->nyears; i++)
		if (imp->years[i] < 1990 || imp->years[i] > 2100)
			return fail(imp, "%d 年不在 1990–2100 年间", "year %d is outside 1990–2100",
			            imp->years[i]);
	return true;
}

static bool parse_ical(const char *data, size_t len, int lineno, struct ogi_import *imp)
{
	struct ical_reader r = {.imp = imp, .parser = icalparser_new()};
	if (r.parser == NULL)
		return fail(imp, "内存不足", "out of memory");
	bool ok = read_ical(&r, data, len, lineno);
	for (size_t i = 0; i < r.nroots; i++)
		icalcomponent_free(r.roots[i]);
	free(r.roots);
	free(r.events);
	icalparser_free(r.parser);
	/* the strings libical lent this thread (its ring of buffers): none is kept */
	icalmemory_free_ring();
	return ok;
}

bool ogi_calendar_import_parse(const char *data, size_t len, struct ogi_import *imp)
{
	memset(imp, 0, sizeof *imp);
	imp->days = malloc(MAX_DAYS * sizeof *imp->days);
	if (imp->days == NULL)
		return fail(imp, "内存不足", "out of memory");
	size_t i = 0;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3; /* a BOM */
	while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t'))
		i++;
	if (i < len && data[i] == '{')
		return parse_json(data + i, len - i, imp);
	int lineno = 0; /* the lines skipped count */
	for (size_t k = 0; k < i; k++)
		lineno += data[k] == '\n';
	return parse_ical(data + i, len - i, lineno, imp);
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
