/* ogid's settings, set once by main.c before serving (defined in dispatch.c). */
#ifndef OGI_DAEMON_CONFIG_H
#define OGI_DAEMON_CONFIG_H

#include <stdbool.h>

struct ogid_config {
	const char *conninfo;
	const char *db_role; /* the database role requests run as: "ogi_app" */
	const char *data_dir;
	bool embedded;
	int session_idle_seconds;
	volatile int shutting_down;
};
extern struct ogid_config ogid;

#endif
