/* lib/db for bodies (机关): the tree, one body's path, adding a body, and
 * what a body says about itself on its letters (its settings, its seal, its
 * wording of the letters' templates: migrations/0011-body-settings.sql).
 * Every function returns 0, the enum ogi_error (> 0) it names, or a status
 * < 0 (db.h). */
#ifndef OGI_DB_BODIES_H
#define OGI_DB_BODIES_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "api/errors.h"
#include "lib/account.h"
#include "lib/body_settings.h"
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

/* A body's settings as stored, for its editors: the body, its own values
 * ("" where it set none; code "" for no code), whether it has a seal and its
 * size, the row's version, and its parent's name for the defaults. */
struct ogi_body_settings_row {
	struct ogi_body body;
	struct ogi_body_settings stored;
	bool has_parent;
	char parent_name[OGI_BODY_NAME_SIZE];
	size_t seal_bytes;
};

/* The settings of body_id as its letters print them: the defaults
 * (ogi_body_settings_effective) where the body set nothing; has_seal when a
 * seal is stored (ogi_db_body_seal_get reads it).  OGI_E_NOT_FOUND when
 * there is no such body. */
int ogi_db_body_settings_get(struct ogi_db *db, long long body_id, struct ogi_body_settings *out);

/* body_id's settings as stored into out; with lock, the row is locked for
 * the caller's transaction (FOR UPDATE: a writer reads the version it
 * changes).  OGI_E_NOT_FOUND when there is none. */
int ogi_db_body_settings_row(struct ogi_db *db, long long body_id, bool lock,
                             struct ogi_body_settings_row *out);

/* Stores s as the settings of body s->body_id — the name, the code (""
 * for none), every setting ("" for none: the default) and
 * review_first_not_held; has_seal and version are ignored — and adds one
 * to the row's version, into *version.  OGI_E_BODY_CODE_TAKEN when another
 * body has the code, OGI_E_NOT_FOUND when there is no such body. */
int ogi_db_body_settings_put(struct ogi_db *db, const struct ogi_body_settings *s,
                             long long *version);

/* body_id's seal: a PNG in *png (malloc'd: the caller frees it) of *len
 * bytes.  OGI_E_NOT_FOUND when there is no such body or it has no seal. */
int ogi_db_body_seal_get(struct ogi_db *db, long long body_id, unsigned char **png, size_t *len);
/* Stores png[len] (a PNG the caller checked, ogi_seal_check) as body_id's
 * seal, replacing any; the row's new version into *version.
 * OGI_E_NOT_FOUND when there is no such body. */
int ogi_db_body_seal_put(struct ogi_db *db, long long body_id, const unsigned char *png, size_t len,
                         long long *version);
/* Removes body_id's seal; the row's new version into *version.
 * OGI_E_NOT_FOUND when there is no such body or it has no seal. */
int ogi_db_body_seal_delete(struct ogi_db *db, long long body_id, long long *version);

/* body_id's letter templates, its own wording {template key: text} ({}
 * when it has none), a new reference into *out.  OGI_E_NOT_FOUND when there
 * is no such body. */
int ogi_db_body_templates_get(struct ogi_db *db, long long body_id, json_t **out);
/* Replaces body_id's templates with templates (an object the caller
 * checked, ogi_body_templates_check); the row's new version into *version.
 * OGI_E_NOT_FOUND when there is no such body. */
int ogi_db_body_templates_put(struct ogi_db *db, long long body_id, json_t *templates,
                              long long *version);

#endif
