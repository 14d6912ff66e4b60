/* The audit log of administrative changes (users, roles, bodies, tokens,
 * the calendar, report inputs and locks, remedy records) as lib/, lib/db
 * and the wire see it, and who may read it. */
#ifndef OGI_AUDIT_LOG_H
#define OGI_AUDIT_LOG_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/account.h"
#include "lib/domain.h"

/* One row as read back, newest first in a list.  Its texts are owned
 * (ogictl may read a hundred thousand rows: no fixed buffers). */
struct ogi_audit_entry {
	long long id;
	char at[OGI_TIMESTAMP_SIZE]; /* ISO 8601 with the offset, to the microsecond */
	long long actor_id;          /* 0: ogi itself or ogictl */
	char *actor;                 /* a username, "ogictl" or "ogid" */
	char *actor_name;            /* the user's display name, else actor */
	char *entity;                /* one of ogi_audit_entity_names */
	char *entity_id;
	long long body_id; /* 0: a row of no body (the calendar) */
	char *body_name;   /* NULL with body_id 0 */
	char *action;
	/* the values as the database prints them (jsonb's text), NULL when the row has none */
	char *old_value, *new_value;
};

struct ogi_audit_list {
	size_t n;
	struct ogi_audit_entry *e;
};
/* Frees the entries' values and the list, and zeroes it. */
void ogi_audit_list_free(struct ogi_audit_list *l);

/* Who reads the audit log: the roles whose grants open a body's rows (and
 * its subtree's) to their holder.  Oversight reads it (the auditor, who
 * changes nothing, and the admin, whose changes it records); the clerk,
 * handler and approver, whose own work is the requests, do not.  Not the
 * clerk < … < admin order: a role outside this table reads nothing here
 * however high it stands. */
bool ogi_audit_readable_by(enum ogi_role role);
/* The same as a mask of (1u << role) bits. */
unsigned ogi_audit_reader_roles(void);

#endif
