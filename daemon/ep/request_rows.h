/* Request rows (columns of lib/db/requests.h): loading the one a caller may
 * see, and rendering rows as API JSON. */
#ifndef OGI_DAEMON_REQUEST_ROWS_H
#define OGI_DAEMON_REQUEST_ROWS_H

#include "daemon/core/ogid.h"

json_t *request_json(const struct ctx *c, PGresult *res, int row);
/* True when the caller holds role on the row's body (RC_BODY_PATH). */
bool request_body_allows(const struct ctx *c, PGresult *res, int row, enum ogi_role role);

/* Loads request id (locked FOR UPDATE when lock) for a caller who needs role
 * on its body: 0 with the row in *out (the caller PQclears it);
 * OGI_E_NOT_FOUND when there is none or the caller may not read it (its
 * existence is not leaked); OGI_E_FORBIDDEN when the caller may read it but
 * lacks role; a database status (< 0) otherwise. */
int request_load(struct ctx *c, struct ogi_db *db, long long id, bool lock, enum ogi_role role,
		 PGresult **out);
/* The row of request id for a handler that reads it, or NULL after replying
 * 404 (absent or not the caller's) or the database's error into *result. */
PGresult *request_visible(struct ctx *c, struct ogi_db *db, long long id, enum MHD_Result *result);
/* The rows statement stmt gives for request {id} (its one parameter) once the
 * caller may see the request: their count with them in *res (the caller
 * PQclears it), and in *open when not NULL whether the request is still open;
 * or -1 with the reply (404, 503, the database's error) made into *result. */
int request_rows(struct ctx *c, const char *stmt, PGresult **res, bool *open,
		 enum MHD_Result *result);

#endif
