/* The glue of the routes that change a body's settings, seal and letter
 * templates (daemon/ep/body_*.c): the body's row locked with the caller's
 * If-Match checked against its version, and the audit row of a change. */
#ifndef OGI_DAEMON_BODY_TX_H
#define OGI_DAEMON_BODY_TX_H

#include <jansson.h>

#include "daemon/core/ctx.h"
#include "lib/db/bodies.h"

/* In the caller's transaction: locks body c->id's row and reads its
 * settings as stored into row.  OGI_E_NOT_FOUND when there is no such body,
 * OGI_E_PRECONDITION_FAILED when if_match (> 0; 0: none given) is not the
 * row's version; the detail in c->detail.  The caller's role on the body was
 * checked before (require_body). */
int body_row_open(struct ogi_db *db, struct ctx *c, long long if_match,
                  struct ogi_body_settings_row *row);

/* The audit row of a change of body c->id by the caller: action, and of
 * before and after (objects as the API shows them) the keys whose values
 * differ.  Nothing is written when none does.  0 or a status < 0. */
int body_audit(struct ogi_db *db, struct ctx *c, const char *action, json_t *before, json_t *after);

#endif
