/* ogid's settings, set once by main.c before serving (defined in dispatch.c). */
#ifndef OGI_DAEMON_CONFIG_H
#define OGI_DAEMON_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/proxy.h"

#define OGID_TRUSTED_PROXIES_MAX 16
/* A request-target's bytes at most, path and query (the path alone: 511, ctx.h) */
#define OGID_TARGET_MAX 4096

struct ogid_config {
	const char *conninfo;
	const char *db_role; /* the database role requests run as: "ogi_app" */
	const char *data_dir;
	bool embedded;
	int session_idle_seconds;     /* a session unused this long has ended */
	int session_lifetime_seconds; /* and one begun this long ago, however busy */
	size_t max_header_size;       /* the request line and headers, in bytes (431 beyond) */
	/* the reverse proxies whose Forwarded / X-Forwarded-* headers are believed */
	int ntrusted_proxies;
	struct ogi_cidr trusted_proxies[OGID_TRUSTED_PROXIES_MAX];
	/* attachments (issue 14): bytes of one file at most, bytes of a request's files at most,
	   uploads streaming at once (each holds a database connection of its own) */
	long long max_attachment, max_attachments_total;
	int max_uploads;
	volatile int shutting_down;
};
extern struct ogid_config ogid;

#endif
