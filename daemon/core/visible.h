/* The request a caller may see: one load for every route that reads or
 * changes a request or its children (events, fees, consultations, remedy
 * records), so 404 and 403 mean the same everywhere. */
#ifndef OGI_DAEMON_VISIBLE_H
#define OGI_DAEMON_VISIBLE_H

#include <stdbool.h>

#include "daemon/core/ctx.h"
#include "lib/db/db.h"
#include "lib/request.h"

/* True when the caller holds role on r's body (or an ancestor). */
bool request_allows(const struct ctx *c, const struct ogi_request *r, enum ogi_role role);

/* Whether the caller reads r's applicant's identity number whole
 * (docs/personal-data.md): only an administrator of its body, who answers
 * for the file to a reconsideration body or a court.  The front desk checks
 * the document at intake and has the number it typed in the answer to that
 * intake (POST /requests); afterwards clerks, handlers, approvers and
 * auditors read it masked (first 3 and last 4 characters), enough to match
 * an applicant who comes back with the same document. */
bool request_shows_full_id(const struct ctx *c, const struct ogi_request *r);

/* Loads request id (locked FOR UPDATE when lock) for a caller who needs role
 * on its body: 0 with the row in *out (free it with ogi_request_free);
 * a body it was transferred from reads it as an auditor would (its history);
 * OGI_E_NOT_FOUND when there is none or the caller may not read it (its
 * existence is not leaked); OGI_E_FORBIDDEN when the caller may read it but
 * lacks role; a database status (< 0) otherwise.  c->detail says which. */
int request_for(struct ctx *c, struct ogi_db *db, long long id, bool lock, enum ogi_role role,
                struct ogi_request *out);

#endif
