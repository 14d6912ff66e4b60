/* What libmicrohttpd 0.9.75 lets through of a request that ogid refuses
 * before routing it (issue 19 item 7), each answered with our own problem
 * document, our security headers and Connection: close:
 *   - an HTTP version other than 1.0 and 1.1 (505);
 *   - a request line and headers longer than --max-header-size, or a
 *     Cookie header over OGID_COOKIE_MAX bytes (431), a request-target
 *     longer than ogid reads (414);
 *   - a control character in the request-target, raw or percent-encoded
 *     (%00 once cut a {date} segment short: 400 naming the path or the
 *     query);
 *   - a header holding a control character, or bytes libmicrohttpd did not
 *     pass on (a NUL cuts a value short where it stands: a bearer token
 *     followed by a NUL and more was taken whole), or folded over lines
 *     (400 invalid_input naming the header; in Authorization 401);
 *   - framing a proxy and ogid could read two ways: Content-Length given
 *     twice with different values, Content-Length with Transfer-Encoding,
 *     a Transfer-Encoding other than chunked (400);
 *   - a body with a Content-Encoding other than identity (415).
 * The headers' bytes are read where libmicrohttpd 0.9.75 leaves them, in
 * its read buffer from the method on (MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE
 * long, each CR, LF and header colon overwritten by a NUL); when the values
 * do not lie there as that version lays them out the check of hidden bytes
 * is skipped, never guessed. */
#ifndef OGI_DAEMON_HTTP_CHECK_H
#define OGI_DAEMON_HTTP_CHECK_H

#include "daemon/core/ctx.h"

/* The most bytes of Cookie headers a request may carry (ogid sets one cookie of 55). */
#define OGID_COOKIE_MAX 4096

/* The memory libmicrohttpd gets per connection for a header limit of
 * max_header_size: room for the headers twice, and for its parse of a Cookie
 * header of twice OGID_COOKIE_MAX in cookies of any shape (64 bytes of
 * bookkeeping each; about 12 KiB of two-byte ones fit), so that such a
 * request is answered 431 by ogid rather than dropped by libmicrohttpd
 * (whose own answer when its memory runs out while parsing cookies is lost:
 * it queues the 431, goes on checking the Host header it has just freed and
 * closes the connection). */
size_t http_memory_limit(size_t max_header_size);

/* libmicrohttpd's URI log callback (MHD_OPTION_URI_LOG_CALLBACK): makes the
 * request's context and notes the request-target as it came, before
 * libmicrohttpd decodes it. */
void *http_uri_seen(void *cls, const char *uri, struct MHD_Connection *conn);

/* The checks above, on the access handler's first call, with its url and
 * version; false after replying (*result). */
bool http_request_sane(struct ctx *c, const char *url, const char *version,
                       enum MHD_Result *result);

#endif
