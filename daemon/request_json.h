/* Rendering request rows (columns of lib/db/requests.h) as API JSON. */
#ifndef OGID_REQUEST_JSON_H
#define OGID_REQUEST_JSON_H

#include "ogid.h"

json_t *request_json(const struct ctx *c, PGresult *res, int row);
/* True when the caller holds role on the row's body (RC_BODY_PATH). */
bool request_body_allows(const struct ctx *c, PGresult *res, int row, enum ogi_role role);

#endif
