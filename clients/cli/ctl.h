/* Shared by ogictl's command files. */
#ifndef OGICTL_H
#define OGICTL_H

#include <stdarg.h>

#include "lib/db/db.h"

struct ctl {
	const char *conninfo;
	struct ogi_db *db;
};

int ctl_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int ctl_usage(void);
int cmd_calendar(struct ctl *ctl, int argc, char **argv);
int cmd_report(struct ctl *ctl, int argc, char **argv);
int cmd_backup(struct ctl *ctl, int argc, char **argv);
int cmd_restore(struct ctl *ctl, int argc, char **argv);
int cmd_audit(struct ctl *ctl, int argc, char **argv);
int cmd_casefile(struct ctl *ctl, int argc, char **argv);

#endif
