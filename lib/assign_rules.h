/* Who handles a request and where it lies (issue 16): the rules of an
 * assignment (承办: a user of the request's body and one of its units), of a
 * transfer within the tree of bodies (转办 down to a body below, 退回 up to
 * the parent) and of a body's list of units.  Pure functions over plain
 * values; lib/db reads the facts, daemon/ asks these. */
#ifndef OGI_ASSIGN_RULES_H
#define OGI_ASSIGN_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/account.h"
#include "lib/domain.h"

/* A body's units (科室 / 社区): at most this many, each name 1 to 100 characters. */
#define OGI_UNITS_MAX     50
#define OGI_UNIT_NAME_MAX 100

enum ogi_transfer_dir {
	OGI_TRANSFER_REFUSED, /* not a body below, nor the parent: the tree's other branches
	                         are other offices' business (they refer, art. 36(5)) */
	OGI_TRANSFER_DOWN,    /* 转办: to a body below the one that holds it, at any depth */
	OGI_TRANSFER_UP,      /* 退回: back to the parent, for a request received by mistake */
};
extern const char *const ogi_transfer_dir_names[]; /* "refused", "down", "up" */

/* Where a request may go from the body whose path (root first, itself last) is
 * from to the body whose path is to. */
enum ogi_transfer_dir ogi_transfer_direction(const long long *from, int nfrom, const long long *to,
                                             int nto);

/* Whether a user with these grants may be a request's assignee at the body
 * whose path is path: the user is active and holds a role that records events
 * (clerk or above, not only auditor) on that body or a body above it. */
bool ogi_assignee_eligible(bool active, const struct ogi_grant *grants, size_t ngrants,
                           const long long *path, int npath);

/* 督办: the body above the one at path (root first, itself last) from which
 * a user with these grants supervises it — the nearest body strictly above
 * on which the user is an admin — or 0 when the user may not (an admin of
 * the body itself answers for it and does not supervise it). */
long long ogi_supervising_body(const struct ogi_grant *grants, size_t ngrants,
                               const long long *path, int npath);

/* 督办's answer: whether a user with these grants may report for the body
 * body_id on a supervision of one of its requests — a clerk or above of that
 * very body (a role held there, not inherited from a body above: the
 * supervising office may not answer its own question). */
bool ogi_may_answer_supervision(const struct ogi_grant *grants, size_t ngrants, long long body_id);

/* Checks a body's new list of units: -1 when every name is good, else the
 * index of the first bad one with why (static Chinese and English), or n when
 * the list itself is too long. */
int ogi_units_check(const char *const *names, size_t n, const char **why_zh, const char **why_en);

#endif
