/* The request line and headers ogid refuses before routing (see http_check.h). */
#include "daemon/core/http_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "daemon/core/config.h"
#include "daemon/core/reply.h"

size_t http_memory_limit(size_t max_header_size)
{
	/* a cookie of 4 bytes ("a=b;") in each 4 of twice OGID_COOKIE_MAX, at 64 bytes each, and
	   the copy libmicrohttpd parses them in; doubled, as the read buffer takes half of the
	   pool (what the read buffer does not use leaves room for about 12 KiB of "a;a;…") */
	size_t cookies = 2 * OGID_COOKIE_MAX / 4 * 64 + 2 * OGID_COOKIE_MAX;
	return 2 * (max_header_size + cookies) + 16384;
}

static bool control(unsigned char b)
{
	return b < 0x20 || b == 0x7f;
}

static int hex(char h)
{
	if (h >= '0' && h <= '9')
		return h - '0';
	if (h >= 'a' && h <= 'f')
		return h - 'a' + 10;
	if (h >= 'A' && h <= 'F')
		return h - 'A' + 10;
	return -1;
}

/* Where in the target a control character is, raw or as %XX: 0 none, 1 path, 2 query. */
static int uri_control(const char *uri)
{
	int part = 1;
	for (const char *p = uri; *p; p++) {
		if (*p == '?')
			part = 2;
		unsigned char b = (unsigned char)*p;
		if (*p == '%' && hex(p[1]) >= 0 && hex(p[2]) >= 0)
			b = (unsigned char)(hex(p[1]) * 16 + hex(p[2]));
		if (control(b))
			return part;
	}
	return 0;
}

void *http_uri_seen(void *cls, const char *uri, struct MHD_Connection *conn)
{
	(void)cls;
	struct ctx *c = calloc(1, sizeof *c);
	if (c == NULL)
		return NULL; /* the access handler makes one, without these notes */
	c->conn = conn;
	c->raw_uri_seen = true;
	c->raw_uri_len = strlen(uri);
	c->raw_path_len = strcspn(uri, "?");
	c->uri_control = uri_control(uri);
	return c;
}

/* The headers as they lie in libmicrohttpd's read buffer, one after the other. */
struct scan {
	const char *block, *end; /* the request line and headers */
	const char *pos;         /* where the last line's text ended */
	const char *prev;        /* the header of that line (NULL: the request line) */
	bool unknown;            /* not laid out as expected: no conclusion from the bytes */
	const char *bad;         /* the header that holds what it should not */
	const char *code, *why_zh, *why_en;
	int lengths;               /* Content-Length headers */
	unsigned long long length; /* the first one's value */
	bool lengths_differ, chunked, other_coding;
	int codings;  /* Transfer-Encoding headers */
	bool encoded; /* Content-Encoding other than identity */
	size_t cookie_bytes;
	int singles[3]; /* Host, Authorization, Content-Type: once at most (RFC 9110 5.3) */
};

/* Headers a request names one value of: a second one is read by a proxy and by ogid as two
   different requests' (two Hosts, two credentials, two body types). */
static const char *const single_headers[3] = {MHD_HTTP_HEADER_HOST, MHD_HTTP_HEADER_AUTHORIZATION,
                                              MHD_HTTP_HEADER_CONTENT_TYPE};

/* Bytes between two lines' texts: what was CR LF or LF, now NULs. */
static bool line_break(const char *from, const char *to, size_t least, size_t most)
{
	if (to < from || (size_t)(to - from) < least || (size_t)(to - from) > most)
		return false;
	for (const char *p = from; p < to; p++)
		if (*p != '\0')
			return false;
	return true;
}

/* What a header can hold that it must not: its rule's code and message. */
enum flaw { HIDDEN, CONTROL, FOLDED, NAME, REPEATED };
static const struct {
	const char *code, *zh, *en;
} flaws[] = {
    [HIDDEN] = {"control_character", "请求头中含有 NUL 字符", "holds a NUL and bytes after it"},
    [CONTROL] = {"control_character", "请求头中含有控制字符", "holds a control character"},
    [FOLDED] = {"folded", "请求头不能折行", "is folded over lines"},
    [NAME] = {"name", "请求头名称中含有空格或控制字符",
              "has a space or a control character in its name"},
    [REPEATED] = {"repeated", "该请求头只能出现一次", "appears more than once"},
};

static void bad(struct scan *s, const char *key, enum flaw f)
{
	if (s->bad == NULL) {
		s->bad = key;
		s->code = flaws[f].code;
		s->why_zh = flaws[f].zh;
		s->why_en = flaws[f].en;
	}
}

static bool trimmed_is(const char *v, size_t n, const char *word)
{
	while (n > 0 && (*v == ' ' || *v == '\t')) {
		v++;
		n--;
	}
	while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
		n--;
	return n == strlen(word) && strncasecmp(v, word, n) == 0;
}

static enum MHD_Result scan_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                   size_t key_size, const char *value, size_t value_size)
{
	(void)kind;
	struct scan *s = cls;
	if (value == NULL)
		value = "", value_size = 0;
	/* the bytes around the line, as libmicrohttpd 0.9.75 leaves them */
	if (!s->unknown) {
		bool key_in = key >= s->block && key + key_size < s->end;
		bool value_in = value >= s->block && value + value_size <= s->end;
		if (key_in != value_in || (key_in && value <= key + key_size)) {
			/* a line folded onto the next: 0.9.75 moves the name (with the next line's
			   text appended to it) or the value out of the buffer */
			bad(s, key, FOLDED);
		} else if (!key_in) {
			s->unknown =
			    true; /* another layout than 0.9.75's: trust the values alone */
		} else {
			if (!line_break(s->pos, key, 1, 2))
				bad(s, s->prev ? s->prev : "request line", HIDDEN);
			for (const char *p = key + key_size + 1; p < value; p++)
				if (*p != ' ' && *p != '\t')
					bad(s, key, HIDDEN);
			s->pos = value + value_size;
			s->prev = key;
		}
	}
	for (size_t i = 0; i < value_size; i++)
		if (control((unsigned char)value[i]) && value[i] != '\t')
			bad(s, key, CONTROL);
	for (size_t i = 0; i < key_size; i++)
		if (control((unsigned char)key[i]) || key[i] == ' ')
			bad(s, key, NAME);
	for (int i = 0; i < 3; i++)
		if (strcasecmp(key, single_headers[i]) == 0 && s->singles[i]++ > 0)
			bad(s, key, REPEATED);
	if (strcasecmp(key, MHD_HTTP_HEADER_CONTENT_LENGTH) == 0) {
		char digits[32];
		snprintf(digits, sizeof digits, "%.*s", (int)(value_size < 31 ? value_size : 31),
		         value);
		unsigned long long v = strtoull(digits, NULL, 10);
		if (s->lengths++ == 0)
			s->length = v;
		else if (v != s->length)
			s->lengths_differ = true;
	} else if (strcasecmp(key, MHD_HTTP_HEADER_TRANSFER_ENCODING) == 0) {
		s->codings++;
		if (trimmed_is(value, value_size, "chunked"))
			s->chunked = true;
		else
			s->other_coding = true;
	} else if (strcasecmp(key, MHD_HTTP_HEADER_CONTENT_ENCODING) == 0) {
		if (!trimmed_is(value, value_size, "identity"))
			s->encoded = true;
	} else if (strcasecmp(key, MHD_HTTP_HEADER_COOKIE) == 0) {
		s->cookie_bytes += value_size;
	}
	return MHD_YES;
}

static bool refuse(struct ctx *c, enum MHD_Result *result, enum MHD_Result r)
{
	(void)c;
	*result = r;
	return false;
}

static bool invalid_target(struct ctx *c, int part, enum MHD_Result *result)
{
	struct spec_errors errs = {0};
	if (part == 2)
		spec_error_add(&errs, "query", "control_character", "查询参数中含有控制字符",
		               "the query holds a control character");
	else
		spec_error_add(&errs, "path", "control_character", "路径中含有控制字符（如 %00）",
		               "the path holds a control character (such as %00)");
	return refuse(c, result, reply_invalid(c, &errs));
}

bool http_request_sane(struct ctx *c, const char *url, const char *version, enum MHD_Result *result)
{
	c->close_after = true; /* until the request is found sane */
	if (version == NULL ||
	    (strcmp(version, "HTTP/1.1") != 0 && strcmp(version, "HTTP/1.0") != 0))
		return refuse(c, result,
		              reply_problem(c, OGI_E_HTTP_VERSION_NOT_SUPPORTED, "%s",
		                            version && *version ? version : "(none)"));
	const union MHD_ConnectionInfo *hs =
	    MHD_get_connection_info(c->conn, MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE);
	size_t header_size = hs != NULL ? hs->header_size : 0;
	/* the path is kept (c->path); the query, which may name an attachment's file in 255
	   percent-encoded Chinese characters, only in libmicrohttpd's buffer */
	if (c->raw_uri_seen &&
	    (c->raw_path_len >= sizeof c->path || c->raw_uri_len > OGID_TARGET_MAX))
		return refuse(c, result,
		              reply_problem(c, OGI_E_URI_TOO_LONG,
		                            "the limit is %zu bytes for the path, %d for the whole "
		                            "target",
		                            sizeof c->path - 1, OGID_TARGET_MAX));
	if (header_size > ogid.max_header_size)
		return refuse(
		    c, result,
		    reply_problem(c, OGI_E_HEADER_TOO_LARGE,
		                  "the request line and headers are %zu bytes, the limit is %zu",
		                  header_size, ogid.max_header_size));
	if (c->uri_control != 0)
		return invalid_target(c, c->uri_control, result);
	/* the target ends where the version begins, less the space: a NUL before it cut it short */
	const char *block = c->method;
	bool laid_out = c->raw_uri_seen && header_size > 0 && url > block && version > url &&
	                version < block + header_size;
	if (laid_out && (size_t)(version - 1 - url) != c->raw_uri_len)
		return invalid_target(c, strchr(url, '?') ? 2 : 1, result);

	struct scan s = {.block = block, .end = block + header_size, .unknown = !laid_out};
	if (laid_out)
		s.pos = version + strlen(version);
	MHD_get_connection_values_n(c->conn, MHD_HEADER_KIND, scan_header, &s);
	if (!s.unknown && s.bad == NULL && !line_break(s.pos, s.end, 2, 4))
		bad(&s, s.prev ? s.prev : "request line", HIDDEN);
	if (s.bad != NULL) {
		if (strcasecmp(s.bad, MHD_HTTP_HEADER_AUTHORIZATION) == 0)
			return refuse(c, result,
			              reply_problem(c, OGI_E_UNAUTHENTICATED,
			                            "the Authorization header %s", s.why_en));
		struct spec_errors errs = {0};
		spec_error_add(&errs, s.bad, s.code, s.why_zh, s.why_en);
		return refuse(c, result, reply_invalid(c, &errs));
	}
	if (s.cookie_bytes > OGID_COOKIE_MAX)
		return refuse(c, result,
		              reply_problem(c, OGI_E_HEADER_TOO_LARGE,
		                            "the cookies are %zu bytes, the limit is %d",
		                            s.cookie_bytes, OGID_COOKIE_MAX));
	if (s.lengths_differ || (s.lengths > 0 && s.codings > 0) || s.codings > 1 || s.other_coding)
		return refuse(c, result,
		              reply_problem(c, OGI_E_REQUEST_FRAMING, "%s",
		                            s.lengths_differ
		                                ? "two different Content-Length headers"
		                            : s.codings > 1 || s.other_coding
		                                ? "Transfer-Encoding must be chunked, once"
		                                : "Content-Length and Transfer-Encoding together"));
	bool has_body = s.chunked || (s.lengths > 0 && s.length > 0);
	if (has_body && s.encoded)
		return refuse(c, result,
		              reply_problem(c, OGI_E_UNSUPPORTED_CONTENT_ENCODING,
		                            "Content-Encoding: %s",
		                            header(c, MHD_HTTP_HEADER_CONTENT_ENCODING)));
	c->close_after = false;
	return true;
}
