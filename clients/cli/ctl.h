/* Shared by ogictl's command files. */
#ifndef OGICTL_H
#define OGICTL_H

#include <stdarg.h>

#include "lib/db/db.h"

struct ctl {
	const char *conninfo;
	struct ogi_db *db;
	const char *key_file;
};

int ctl_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int ctl_usage(void);
int cmd_calendar(struct ctl *ctl, int argc, char **argv);
int cmd_report(struct ctl *ctl, int argc, char **argv);
int cmd_backup(struct ctl *ctl, int argc, char **argv);
int cmd_restore(struct ctl *ctl, int argc, char **argv);
int cmd_audit(struct ctl *ctl, int argc, char **argv);
int cmd_casefile(struct ctl *ctl, int argc, char **argv);
int cmd_key(struct ctl *ctl, int argc, char **argv);
int cmd_export(struct ctl *ctl, int argc, char **argv);
int cmd_import_export(struct ctl *ctl, int argc, char **argv);
int cmd_remind(struct ctl *ctl, int argc, char **argv);
int cmd_import(struct ctl *ctl, int argc, char **argv);
/* The key file read and checked against the database (as ogid does at start): the applicants'
 * sealed fields then open; 0, or ctl_fail's status after saying why. */
int ctl_keys_ready(struct ctl *ctl);
/* After a migration: the rows stored before 0021 sealed with the key file, when there are any
 * and the key file is there (else ogid seals them at its next start); on a prepared ctl->db. */
int ctl_seal_plain(struct ctl *ctl);

#endif
