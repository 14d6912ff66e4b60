/* Who handles a request and where it lies (issue 16): the facts the rules of
 * lib/assign_rules.h are asked about, a body's units, and the request row's
 * assignee, unit and body changed in an event's transaction. */
#ifndef OGI_DB_ASSIGNMENT_H
#define OGI_DB_ASSIGNMENT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "lib/account.h"
#include "lib/date.h"
#include "lib/db/db.h"
#include "lib/request.h"

/* User user_id's active flag, the name people read (its display name, else
 * its login) and up to max of its grants (top_level unset): 0,
 * OGI_E_NOT_FOUND when there is no such user, or a database status. */
int ogi_db_user_grants(struct ogi_db *db, long long user_id, bool *active, char *name,
                       size_t name_len, struct ogi_grant *grants, size_t max, size_t *n);

/* Body body_id's units in their order, as a new JSON array of strings (the
 * caller decrefs it). */
int ogi_db_units_get(struct ogi_db *db, long long body_id, json_t **out);
/* Whether body body_id has a unit named name (*exists). */
int ogi_db_unit_exists(struct ogi_db *db, long long body_id, const char *name, bool *exists);
/* Replaces body body_id's units with names[0..n) in that order. */
int ogi_db_units_put(struct ogi_db *db, long long body_id, const char *const *names, size_t n);

/* Sets request request_id's assignee (0: nobody) and unit (NULL: none). */
int ogi_db_request_assign(struct ogi_db *db, long long request_id, long long assignee_id,
                          const char *unit);
/* Moves request request_id from body from to body to on the transfer event
 * event_id (dated on): its assignee and unit are cleared (they were the old
 * body's), and the move is kept in request_transfers. */
int ogi_db_request_transfer(struct ogi_db *db, long long request_id, long long event_id,
                            long long from, long long to, ogi_date on);

/* The users a request of body body_id may be assigned to (lib/assign_rules.h's
 * ogi_assignee_eligible, in SQL): a new JSON array of {id, name} by name. */
int ogi_db_assignees(struct ogi_db *db, long long body_id, json_t **out);

/* 督办: a supervision of request request_id (at body body_id) by body
 * by_body_id, its id into *id; OGI_E_SUPERVISION_OPEN when one is open. */
int ogi_db_supervision_insert(struct ogi_db *db, long long request_id, long long body_id,
                              long long by_body_id, const char *note, ogi_date report_by,
                              long long user_id, long long *id);
/* The body's report on supervision id of request request_id, dated on:
 * OGI_E_SUPERVISION_ANSWERED when it has one, OGI_E_NOT_FOUND when there is
 * no such supervision of the request. */
int ogi_db_supervision_answer(struct ogi_db *db, long long id, long long request_id, ogi_date on,
                              const char *answer, long long user_id);

/* Body id's name (into name[len]) and path (into path[OGI_BODY_DEPTH_MAX]):
 * 0 or OGI_E_NOT_FOUND. */
int ogi_db_body_name_path(struct ogi_db *db, long long id, char *name, size_t len, long long *path,
                          int *npath);

#endif
