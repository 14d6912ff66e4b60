/* The request a caller may see (see visible.h). */
#include "daemon/core/visible.h"

#include "api/errors.h"
#include "daemon/core/auth.h"
#include "lib/db/requests.h"

bool request_allows(const struct ctx *c, const struct ogi_request *r, enum ogi_role role)
{
	return auth_allows(&c->auth, r->body_path, r->npath, role);
}

bool request_shows_full_id(const struct ctx *c, const struct ogi_request *r)
{
	return request_allows(c, r, OGI_ROLE_ADMIN);
}

/* A body the request was transferred from (or one above it) still reads it: its history. */
static bool former_reads(const struct ctx *c, const struct ogi_request *r)
{
	return r->nformer > 0 &&
	       auth_allows(&c->auth, r->former_path, r->nformer, OGI_ROLE_AUDITOR);
}

int request_for(struct ctx *c, struct ogi_db *db, long long id, bool lock, enum ogi_role role,
                struct ogi_request *out)
{
	int rc = ogi_db_request_get(db, id, lock, out);
	if (rc < 0)
		return rc;
	bool reads = rc == 0 && (request_allows(c, out, OGI_ROLE_AUDITOR) || former_reads(c, out));
	if (rc == 0 && !reads)
		rc = OGI_E_NOT_FOUND;
	else if (rc == 0 && !request_allows(c, out, role) &&
	         !(role == OGI_ROLE_AUDITOR && former_reads(c, out)))
		rc = OGI_E_FORBIDDEN;
	if (rc == OGI_E_NOT_FOUND)
		ctx_detail(c, "no request %lld", id);
	else if (rc == OGI_E_FORBIDDEN)
		ctx_detail(c, "needs the %s role on the request's body", ogi_role_names[role]);
	if (rc != 0)
		ogi_request_free(out);
	return rc;
}
