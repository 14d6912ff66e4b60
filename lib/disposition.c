/* Content-Disposition values (see disposition.h). */
#include "lib/disposition.h"

#include <stdio.h>
#include <string.h>

/* RFC 8187 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." /
 * "^" / "_" / "`" / "|" / "~" */
static bool attr_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c != '\0' && strchr("!#$&+-.^_`|~", c) != NULL);
}

bool ogi_content_disposition(char *out, size_t size, bool inline_, const char *name,
                             const char *ascii)
{
	const char *type = inline_ ? "inline" : "attachment";
	int n = snprintf(out, size, "%s; filename=\"", type);
	if (n < 0 || (size_t)n >= size)
		goto short_;
	size_t o = (size_t)n;
	for (const unsigned char *s = (const unsigned char *)ascii; *s; s++) {
		if (o + 1 >= size)
			goto short_;
		out[o++] = (*s < 0x20 || *s >= 0x7F || *s == '"' || *s == '\\') ? '_' : (char)*s;
	}
	static const char mid[] = "\"; filename*=UTF-8''";
	if (o + sizeof mid > size)
		goto short_;
	memcpy(out + o, mid, sizeof mid - 1);
	o += sizeof mid - 1;
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *s = (const unsigned char *)name; *s; s++) {
		if (o + 3 >= size)
			goto short_;
		if (attr_char(*s)) {
			out[o++] = (char)*s;
		} else {
			out[o++] = '%';
			out[o++] = hex[*s >> 4];
			out[o++] = hex[*s & 15];
		}
	}
	out[o] = '\0';
	return true;
short_:
	/* the type alone is still a valid header: the client names the file */
	if (size > 0)
		snprintf(out, size, "%s", strlen(type) < size ? type : "");
	return false;
}
