/* The floor of ogid: every response it sends, with the common security
 * headers, as JSON, problem+json (RFC 9457, titles in Chinese and English)
 * or bytes.  Each returns what the access handler returns.  Memory handed to
 * libmicrohttpd is copied.  Includes nothing else of the daemon but ctx.h. */
#ifndef OGI_DAEMON_REPLY_H
#define OGI_DAEMON_REPLY_H

#include "api/errors.h"
#include "daemon/core/ctx.h"

enum MHD_Result reply_json(struct ctx *c, unsigned int status, json_t *steal);
enum MHD_Result reply_json_etag(struct ctx *c, unsigned int status, json_t *steal,
                                long long version, const char *location);
enum MHD_Result reply_problem(struct ctx *c, enum ogi_error code, const char *detail_fmt, ...)
    __attribute__((format(printf, 3, 4)));
enum MHD_Result reply_invalid(struct ctx *c, const struct spec_errors *errs);
/* The problem code (a 429 or 503) with Retry-After: seconds (at least 1). */
enum MHD_Result reply_retry_after(struct ctx *c, enum ogi_error code, long long seconds);
/* The problem document reply_invalid sends: titles, detail and one entry of
 * errors per field error (the fuzzer checks none is lost). */
json_t *invalid_json(const struct spec_errors *errs, bool english);
/* A problem document of code with detail (may be NULL), for replies built by hand. */
json_t *problem_new(bool english, enum ogi_error code, const char *detail);
enum MHD_Result reply_bytes(struct ctx *c, unsigned int status, const char *content_type,
                            const void *data, size_t len, const char *cache_control);
enum MHD_Result reply_empty(struct ctx *c, unsigned int status);
/* A response for handlers that need extra headers; then queue_response, which adds
 * the common headers (security, no-store unless Cache-Control was set) to every response. */
struct MHD_Response *response_from_buffer(const void *data, size_t len, const char *content_type);
enum MHD_Result queue_response(struct ctx *c, unsigned int status, struct MHD_Response *r);

#endif
