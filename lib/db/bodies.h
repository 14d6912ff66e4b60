/* lib/db for bodies (机关): the tree, one body's path, adding a body.
 * Every function returns 0, the enum ogi_error (> 0) it names, or a status
 * < 0 (db.h). */
#ifndef OGI_DB_BODIES_H
#define OGI_DB_BODIES_H

#include "api/errors.h"
#include "lib/account.h"
#include "lib/db/db.h"

/* Every body, in the order of their paths (a parent before its children),
 * into out (free it with ogi_body_list_free). */
int ogi_db_bodies_all(struct ogi_db *db, struct ogi_body_list *out);

/* The path of body id (its ancestors from the root, itself last) into
 * path[OGI_BODY_DEPTH_MAX] and *npath; OGI_E_NOT_FOUND when there is none. */
int ogi_db_body_path(struct ogi_db *db, long long id, long long *path, int *npath);

/* Adds a body under parent_id (0: a top-level body) with code (NULL: none)
 * and reads it into out; OGI_E_CONFLICT when another body has the code. */
int ogi_db_body_insert(struct ogi_db *db, long long parent_id, const char *name, const char *code,
                       struct ogi_body *out);

#endif
