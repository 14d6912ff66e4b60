/* Who is calling and their API tokens as the API returns them. */
#ifndef OGI_WIRE_SESSION_JSON_H
#define OGI_WIRE_SESSION_JSON_H

#include <jansson.h>
#include <stdbool.h>

#include "lib/account.h"

/* The roles of a session: [{body_id, role}, …]. */
json_t *wire_grants(const struct ogi_grant *g, int n);

/* A token as its owner lists it: {id, label, created_at, last_used, revoked_at}
 * (the last two null when unset); never the token. */
json_t *wire_token(const struct ogi_token *t);

/* A calendar feed as its owner lists it: {id, scope, label, created_at, fetches,
 * last_fetched_at, revoked_at} (the last two null when unset); never its URL. */
json_t *wire_feed(const struct ogi_feed *f);

/* An open session as its user lists it: {id, created_at, last_seen,
 * expires_at, address, user_agent (null when unknown), current (the one
 * this request came with)}; never the cookie. */
json_t *wire_session_info(const struct ogi_session_info *s, bool current);

/* A login throttle as administrators see it: {id, kind ("login": of a
 * username at an address, "address": of an address over every username),
 * username, user_id (null when no such user), address, attempts,
 * last_attempt_at, retry_after_seconds (0: not throttled now)}. */
json_t *wire_throttle(const struct ogi_throttle *t);

#endif
