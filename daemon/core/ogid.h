/* Transitional umbrella of daemon/core's headers for files not yet split
 * by route; a route file includes the core headers it uses. */
#ifndef OGI_DAEMON_OGID_H
#define OGI_DAEMON_OGID_H

#include "api/errors.h"
#include "daemon/core/auth.h"
#include "daemon/core/config.h"
#include "daemon/core/ctx.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/guard.h"
#include "daemon/core/log.h"
#include "daemon/core/metrics.h"
#include "daemon/core/reply.h"
#include "daemon/core/routes.h"
#include "daemon/core/tx.h"
#include "lib/date.h"
#include "lib/db/db.h"
#include "lib/domain.h"
#include "lib/spec.h"

#endif
