/* The working-day calendar (see calendar.h). */
#include "lib/calendar.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MIN_YEAR OGI_DATE_MIN_YEAR /* the years input dates may name */
#define MAX_YEAR OGI_DATE_MAX_YEAR
#define NYEARS   (MAX_YEAR - MIN_YEAR + 1)

const char *const ogi_day_kind_names[] = {"rule", "holiday", "workday", NULL};

struct exception {
	ogi_date day;
	enum ogi_day_kind kind;
	char *name;
};

struct ogi_calendar {
	bool loaded[NYEARS];
	char *source[NYEARS];
	struct exception *ex; /* sorted by day after finish */
	size_t nex, capex;
	/* over [base, base + ndays): exception kinds and the prefix sum of
	 * exception deltas (+1 make-up day, −1 weekday off) up to each day */
	ogi_date base;
	int ndays;
	int8_t *kind;
	int32_t *delta;
	int32_t *unloaded; /* days of years not loaded, up to and including each day */
	bool finished;
};

struct ogi_calendar *ogi_calendar_new(void)
{
	return calloc(1, sizeof(struct ogi_calendar));
}

void ogi_calendar_free(struct ogi_calendar *cal)
{
	if (cal == NULL)
		return;
	for (size_t i = 0; i < cal->nex; i++)
		free(cal->ex[i].name);
	for (int y = 0; y < NYEARS; y++)
		free(cal->source[y]);
	free(cal->ex);
	free(cal->kind);
	free(cal->delta);
	free(cal->unloaded);
	free(cal);
}

bool ogi_calendar_add_year(struct ogi_calendar *cal, int year, const char *source)
{
	if (cal->finished || year < MIN_YEAR || year > MAX_YEAR)
		return false;
	cal->loaded[year - MIN_YEAR] = true;
	free(cal->source[year - MIN_YEAR]);
	cal->source[year - MIN_YEAR] = strdup(source ? source : "");
	return cal->source[year - MIN_YEAR] != NULL;
}

static bool weekend(ogi_date d)
{
	return ogi_date_weekday(d) >= 6;
}

bool ogi_calendar_set_day(struct ogi_calendar *cal, ogi_date day, enum ogi_day_kind kind,
                          const char *name)
{
	int y = ogi_date_year(day);
	if (cal->finished || y < MIN_YEAR || y > MAX_YEAR ||
	    (kind != OGI_DAY_HOLIDAY && kind != OGI_DAY_WORKDAY))
		return false;
	if (cal->nex == cal->capex) {
		size_t cap = cal->capex ? cal->capex * 2 : 512;
		struct exception *grown = realloc(cal->ex, cap * sizeof *grown);
		if (grown == NULL)
			return false;
		cal->ex = grown;
		cal->capex = cap;
	}
	char *copy = strdup(name ? name : "");
	if (copy == NULL)
		return false;
	cal->ex[cal->nex++] = (struct exception){day, kind, copy};
	return true;
}

static int cmp_exception(const void *a, const void *b)
{
	const struct exception *x = a, *y = b;
	return (x->day > y->day) - (x->day < y->day);
}

bool ogi_calendar_finish(struct ogi_calendar *cal)
{
	if (cal->nex > 0) /* a year without exceptions: no array, and qsort may not be given NULL */
		qsort(cal->ex, cal->nex, sizeof *cal->ex, cmp_exception);
	cal->base = ogi_date_from_ymd(MIN_YEAR, 1, 1);
	cal->ndays = ogi_date_from_ymd(MAX_YEAR + 1, 1, 1) - cal->base;
	cal->kind = calloc((size_t)cal->ndays, sizeof *cal->kind);
	cal->delta = calloc((size_t)cal->ndays, sizeof *cal->delta);
	cal->unloaded = calloc((size_t)cal->ndays, sizeof *cal->unloaded);
	if (cal->kind == NULL || cal->delta == NULL || cal->unloaded == NULL)
		return false;
	for (size_t i = 0; i < cal->nex; i++) {
		const struct exception *e = &cal->ex[i];
		/* only real exceptions change anything; the last one recorded for a day wins */
		bool effective = e->kind == OGI_DAY_HOLIDAY ? !weekend(e->day) : weekend(e->day);
		cal->kind[e->day - cal->base] = effective ? (int8_t)e->kind : OGI_DAY_RULE;
	}
	int32_t sum = 0, unloaded = 0;
	int year = MIN_YEAR;
	ogi_date next_year = ogi_date_from_ymd(MIN_YEAR + 1, 1, 1);
	for (int i = 0; i < cal->ndays; i++) {
		if (cal->kind[i] == OGI_DAY_HOLIDAY)
			sum--;
		else if (cal->kind[i] == OGI_DAY_WORKDAY)
			sum++;
		cal->delta[i] = sum;
		if (cal->base + i == next_year)
			next_year = ogi_date_from_ymd(++year + 1, 1, 1);
		if (!cal->loaded[year - MIN_YEAR])
			unloaded++;
		cal->unloaded[i] = unloaded;
	}
	cal->finished = true;
	return true;
}

bool ogi_calendar_year_loaded(const struct ogi_calendar *cal, int year)
{
	return year >= MIN_YEAR && year <= MAX_YEAR && cal->loaded[year - MIN_YEAR];
}

int ogi_calendar_years(const struct ogi_calendar *cal, int *out, int max)
{
	int n = 0;
	for (int y = 0; y < NYEARS && n < max; y++)
		if (cal->loaded[y])
			out[n++] = y + MIN_YEAR;
	return n;
}

const char *ogi_calendar_year_source(const struct ogi_calendar *cal, int year)
{
	return ogi_calendar_year_loaded(cal, year) ? cal->source[year - MIN_YEAR] : NULL;
}

/* Weekdays (Mon–Fri) from Monday 1970-01-05 up to d, as a non-decreasing
 * function of d (negative before that Monday); only differences matter. */
static long long weekdays_upto(ogi_date d)
{
	long long x = (long long)d - 4; /* 1970-01-05 is day 4 */
	long long q = x >= 0 ? x / 7 : -((-x + 6) / 7);
	long long r = x - q * 7; /* 0 = Monday … 6 = Sunday */
	return q * 5 + (r < 5 ? r + 1 : 5);
}

static long long delta_upto(const struct ogi_calendar *cal, ogi_date d)
{
	if (d < cal->base)
		return 0;
	if (d >= cal->base + cal->ndays)
		return cal->delta[cal->ndays - 1];
	return cal->delta[d - cal->base];
}

/* W(d): working days up to and including d, up to a constant. */
static long long working_upto(const struct ogi_calendar *cal, ogi_date d)
{
	return weekdays_upto(d) + delta_upto(cal, d);
}

bool ogi_is_workday(const struct ogi_calendar *cal, ogi_date d)
{
	if (d >= cal->base && d < cal->base + cal->ndays) {
		int k = cal->kind[d - cal->base];
		if (k == OGI_DAY_HOLIDAY)
			return false;
		if (k == OGI_DAY_WORKDAY)
			return true;
	}
	return !weekend(d);
}

enum ogi_day_kind ogi_calendar_day(const struct ogi_calendar *cal, ogi_date d, const char **name)
{
	*name = NULL;
	size_t lo = 0, hi = cal->nex;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cal->ex[mid].day < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* the last recorded exception for the day is the one in force */
	size_t found = cal->nex;
	for (size_t i = lo; i < cal->nex && cal->ex[i].day == d; i++)
		found = i;
	if (found == cal->nex || d < cal->base || d >= cal->base + cal->ndays ||
	    cal->kind[d - cal->base] == OGI_DAY_RULE)
		return OGI_DAY_RULE;
	*name = cal->ex[found].name;
	return cal->ex[found].kind;
}

bool ogi_calendar_covers(const struct ogi_calendar *cal, ogi_date a, ogi_date b)
{
	if (b <= a)
		return true;
	/* outside 1990–2100 nothing is loaded */
	if (a + 1 < cal->base || b >= cal->base + cal->ndays)
		return false;
	/* a lookup: no day of (a, b] lies in a year not loaded */
	int32_t before = a + 1 > cal->base ? cal->unloaded[a - cal->base] : 0;
	return cal->unloaded[b - cal->base] == before;
}

ogi_date ogi_add_workdays(const struct ogi_calendar *cal, ogi_date from, int n, bool *provisional)
{
	if (n <= 0) {
		if (provisional != NULL)
			*provisional = false;
		return from;
	}
	long long target = working_upto(cal, from) + n;
	/* W grows by at most one a day, so from any day short of the target by
	 * k working days the answer is at least k days on: jump by the deficit.
	 * When a jump of k lands on the target, all k days were working days, so
	 * the day reached is the first with W = target.  A few jumps, no walk. */
	ogi_date lo = from + n;
	long long w;
	while ((w = working_upto(cal, lo)) < target)
		lo += (ogi_date)(target - w);
	if (provisional != NULL)
		*provisional = !ogi_calendar_covers(cal, from, lo);
	return lo;
}

int ogi_workdays_between(const struct ogi_calendar *cal, ogi_date a, ogi_date b)
{
	return (int)(working_upto(cal, b) - working_upto(cal, a));
}

ogi_date ogi_next_workday_on_or_after(const struct ogi_calendar *cal, ogi_date d)
{
	return ogi_is_workday(cal, d) ? d : ogi_add_workdays(cal, d, 1, NULL);
}

int ogi_calendar_notes(const struct ogi_calendar *cal, ogi_date a, ogi_date b,
                       struct ogi_day_note *out, int max)
{
	int n = 0;
	for (ogi_date d = a + 1; d <= b && n < max; d++) {
		const char *name;
		enum ogi_day_kind k = ogi_calendar_day(cal, d, &name);
		if (k == OGI_DAY_HOLIDAY || k == OGI_DAY_WORKDAY)
			out[n++] = (struct ogi_day_note){d, k, name};
		else if (weekend(d))
			out[n++] = (struct ogi_day_note){d, OGI_DAY_RULE, NULL};
	}
	return n;
}

void ogi_stored_year_free(struct ogi_stored_year *y)
{
	for (size_t i = 0; i < y->ndays; i++)
		free(y->days[i].name);
	free(y->days);
	free(y->source);
	memset(y, 0, sizeof *y);
}
