/* The web client's files, compiled in (static_files.c). */
#ifndef OGI_DAEMON_STATIC_FILES_H
#define OGI_DAEMON_STATIC_FILES_H

#include "daemon/core/ctx.h"

/* Serves the file path names, with its ETag and cache headers; false when it names none. */
bool static_serve(struct ctx *c, enum MHD_Result *result);
/* Whether path is one of the public pages' (/apply/…, or under /v/<version>/apply/): the
 * only files --public-listen serves. */
bool static_is_public(const char *path);

#endif
