/* A request's headers, query and If-Match (see ctx.h). */
#include "daemon/core/ctx.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *header(struct ctx *c, const char *name)
{
	return MHD_lookup_connection_value(c->conn, MHD_HEADER_KIND, name);
}

const char *query(struct ctx *c, const char *name)
{
	return MHD_lookup_connection_value(c->conn, MHD_GET_ARGUMENT_KIND, name);
}

void ctx_detail(struct ctx *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->detail, sizeof c->detail, fmt, ap);
	va_end(ap);
}

long long if_match(struct ctx *c, struct spec_errors *errs, const char *whose_zh,
                   const char *whose_en)
{
	const char *h = header(c, MHD_HTTP_HEADER_IF_MATCH);
	if (h == NULL)
		return 0;
	if (strncmp(h, "W/", 2) == 0)
		h += 2;
	bool quoted = *h == '"';
	if (quoted)
		h++;
	/* an entity tag of digits, as ogi's ETags are: "7"; "0" is well formed but names
	   no version (they start at 1), so it is stale like any other old one */
	long long v = 0;
	int digits = 0;
	while (*h >= '0' && *h <= '9' && digits < 18) {
		v = v * 10 + (*h++ - '0');
		digits++;
	}
	if (digits > 0 && (!quoted || *h++ == '"') && *h == '\0')
		return v > 0 ? v : IF_MATCH_NO_VERSION;
	char zh[128], en[128];
	snprintf(zh, sizeof zh, "If-Match 应为%s的版本号（ETag）", whose_zh);
	snprintf(en, sizeof en, "If-Match must be %s ETag", whose_en);
	spec_error_add(errs, "If-Match", "format", zh, en);
	return -1;
}
