/* Who is calling and their API tokens as the API returns them. */
#ifndef OGI_WIRE_SESSION_JSON_H
#define OGI_WIRE_SESSION_JSON_H

#include <jansson.h>

#include "lib/account.h"

/* The roles of a session: [{body_id, role}, …]. */
json_t *wire_grants(const struct ogi_grant *g, int n);

/* A token as its owner lists it: {id, label, created_at, last_used, revoked_at}
 * (the last two null when unset); never the token. */
json_t *wire_token(const struct ogi_token *t);

#endif
