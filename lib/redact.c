/* Keeping personal data out of log lines (see redact.h). */
#include "lib/redact.h"

#include <stdbool.h>
#include <string.h>

#define MIN_RUN    9
#define MIN_DIGITS 6
#define MIN_TOKEN  32 /* no word, id or date of a path is this long a base64url run */

static bool alnum(unsigned char ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
}

static bool base64url(unsigned char ch)
{
	return alnum(ch) || ch == '-' || ch == '_';
}

void ogi_redact(const char *in, char *out, size_t outlen)
{
	if (outlen == 0)
		return;
	size_t o = 0;
	const unsigned char *s = (const unsigned char *)in;
	while (*s && o + 1 < outlen) {
		size_t run = 0;
		while (base64url(s[run]))
			run++;
		if (run >= MIN_TOKEN) {
			size_t n = strlen("{token}");
			if (n > outlen - 1 - o)
				n = outlen - 1 - o;
			memcpy(out + o, "{token}", n);
			o += n;
			s += run;
			continue;
		}
		if (!alnum(*s)) {
			out[o++] = (char)*s++;
			continue;
		}
		size_t len = 0, digits = 0;
		while (alnum(s[len])) {
			digits += s[len] >= '0' && s[len] <= '9';
			len++;
		}
		const char *copy = (const char *)s;
		size_t n = len;
		if (len >= MIN_RUN && digits >= MIN_DIGITS) {
			copy = "***";
			n = 3;
		}
		if (n > outlen - 1 - o)
			n = outlen - 1 - o;
		memcpy(out + o, copy, n);
		o += n;
		s += len;
	}
	out[o] = '\0';
}
