/* Civil date arithmetic (days since 1970-01-01), after Howard Hinnant's
 * public-domain algorithms for the proleptic Gregorian calendar. */
#include "lib/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

ogi_date ogi_date_from_ymd(int year, int month, int day)
{
	int y = year - (month <= 2);
	int era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (unsigned)((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1);
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (ogi_date)(era * 146097 + (int)doe - 719468);
}

void ogi_date_to_ymd(ogi_date d, int *year, int *month, int *day)
{
	/* 64 bits: d + 719468 overflows an int for the last days an ogi_date holds */
	int64_t z = (int64_t)d + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int y = (int)((int64_t)yoe + era * 400);
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned dd = doy - (153 * mp + 2) / 5 + 1;
	unsigned mm = mp < 10 ? mp + 3 : mp - 9;
	*year = y + (mm <= 2);
	*month = (int)mm;
	*day = (int)dd;
}

int ogi_date_year(ogi_date d)
{
	int y, m, dd;
	ogi_date_to_ymd(d, &y, &m, &dd);
	return y;
}

static bool is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int ogi_days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (month == 2 && is_leap(year))
		return 29;
	return days[month - 1];
}

bool ogi_date_valid(int year, int month, int day)
{
	if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1)
		return false;
	return day <= ogi_days_in_month(year, month);
}

int ogi_date_weekday(ogi_date d)
{
	/* 1970-01-01 was a Thursday (4). */
	int w = (int)((d % 7 + 7) % 7); /* 0 = Thursday */
	return (w + 3) % 7 + 1;
}

static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

bool ogi_date_parse_n(const char *s, size_t len, ogi_date *out)
{
	if (s == NULL || len != 10 || s[4] != '-' || s[7] != '-')
		return false;
	int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
	if (y < 0 || m < 0 || d < 0 || !ogi_date_valid(y, m, d))
		return false;
	*out = ogi_date_from_ymd(y, m, d);
	return true;
}

bool ogi_date_parse(const char *s, ogi_date *out)
{
	return s != NULL && ogi_date_parse_n(s, strlen(s), out);
}

bool ogi_date_in_range(ogi_date d)
{
	return d >= ogi_date_from_ymd(OGI_DATE_MIN_YEAR, 1, 1) &&
	       d < ogi_date_from_ymd(OGI_DATE_MAX_YEAR + 1, 1, 1);
}

char *ogi_date_format(ogi_date d, char buf[OGI_DATE_STRLEN])
{
	int y, m, dd;
	ogi_date_to_ymd(d, &y, &m, &dd);
	if (y < 0 || y > 9999) {
		/* year 10000 written as 0000 was a date PostgreSQL refused (a 500) */
		snprintf(buf, OGI_DATE_STRLEN, "%+05d-%02d-%02d", y, m, dd);
		return buf;
	}
	unsigned uy = (unsigned)y, um = (unsigned)m % 100u, ud = (unsigned)dd % 100u;
	buf[0] = (char)('0' + uy / 1000);
	buf[1] = (char)('0' + uy / 100 % 10);
	buf[2] = (char)('0' + uy / 10 % 10);
	buf[3] = (char)('0' + uy % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + um / 10);
	buf[6] = (char)('0' + um % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + ud / 10);
	buf[9] = (char)('0' + ud % 10);
	buf[10] = '\0';
	return buf;
}

ogi_date ogi_date_add_months(ogi_date d, int months)
{
	int y, m, dd;
	ogi_date_to_ymd(d, &y, &m, &dd);
	int idx = y * 12 + (m - 1) + months;
	y = idx >= 0 ? idx / 12 : (idx - 11) / 12; /* floor: the months before year 0 too */
	m = idx - y * 12 + 1;
	int last = ogi_days_in_month(y, m);
	return ogi_date_from_ymd(y, m, dd > last ? last : dd);
}

ogi_date ogi_today(void)
{
	const char *fixed = getenv("OGI_TODAY");
	ogi_date d;
	if (fixed != NULL && ogi_date_parse(fixed, &d))
		return d;
	time_t now = time(NULL) + 8 * 3600; /* Asia/Shanghai has no DST */
	return (ogi_date)(now / 86400);
}
