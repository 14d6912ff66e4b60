/* Timestamps in RFC 3339 (see timestamp.h). */
#include "lib/timestamp.h"

#include <stdio.h>
#include <string.h>

static bool digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

bool ogi_timestamp_rfc3339(const char *in, char *out, size_t size)
{
	if (size > 0)
		out[0] = '\0';
	if (in == NULL || size < OGI_RFC3339_STRLEN)
		return false;
	/* YYYY-MM-DD[ T]HH:MM:SS */
	if (strlen(in) < 19 || !digits(in, 4) || in[4] != '-' || !digits(in + 5, 2) ||
	    in[7] != '-' || !digits(in + 8, 2) || (in[10] != ' ' && in[10] != 'T') ||
	    !digits(in + 11, 2) || in[13] != ':' || !digits(in + 14, 2) || in[16] != ':' ||
	    !digits(in + 17, 2))
		return false;
	const char *s = in + 19;
	char millis[4] = "000";
	if (*s == '.') {
		s++;
		int n = 0;
		while (*s >= '0' && *s <= '9') {
			if (n < 3)
				millis[n] = *s;
			n++;
			s++;
		}
		if (n == 0)
			return false;
	}
	/* the offset: Z, or ±HH, ±HH:MM, ±HH:MM:SS (PostgreSQL leaves out zero minutes) */
	char sign, oh[3] = "00", om[3] = "00";
	if (*s == 'Z' && s[1] == '\0') {
		sign = '+';
	} else {
		if ((*s != '+' && *s != '-') || !digits(s + 1, 2))
			return false;
		sign = *s;
		memcpy(oh, s + 1, 2);
		s += 3;
		if (*s == ':') {
			if (!digits(s + 1, 2))
				return false;
			memcpy(om, s + 1, 2);
			s += 3;
			if (*s == ':') {
				if (!digits(s + 1, 2))
					return false;
				s += 3;
			}
		}
		if (*s != '\0')
			return false;
	}
	snprintf(out, size, "%.10sT%.8s.%s%c%s:%s", in, in + 11, millis, sign, oh, om);
	return true;
}

void ogi_timestamp_minutes(const char *in, char *out, size_t size)
{
	char rfc[OGI_RFC3339_STRLEN];
	if (size < 17 || !ogi_timestamp_rfc3339(in, rfc, sizeof rfc)) {
		if (size > 0)
			out[0] = '\0';
		return;
	}
	snprintf(out, size, "%.10s %.5s", rfc, rfc + 11);
}
