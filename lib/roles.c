/* The least role per event type (see roles.h).  The reasons are in
 * tests/unit/test_roles.c, one row per type. */
#include "lib/roles.h"

#include <stddef.h>

static const struct {
	enum ogi_event_type type;
	enum ogi_role role;
} least_role[] = {
    {OGI_EV_CORRECTION_REQUESTED, OGI_ROLE_CLERK},
    {OGI_EV_CORRECTION_RECEIVED, OGI_ROLE_CLERK},
    {OGI_EV_CONSULTATION_STARTED, OGI_ROLE_CLERK},
    {OGI_EV_CONSULTATION_ENDED, OGI_ROLE_CLERK},
    {OGI_EV_EXTENSION_APPROVED, OGI_ROLE_APPROVER},
    {OGI_EV_DELAY_SET, OGI_ROLE_APPROVER},
    {OGI_EV_FEE_NOTICE_ISSUED, OGI_ROLE_APPROVER},
    {OGI_EV_FEE_PAID, OGI_ROLE_CLERK},
    {OGI_EV_FEE_WAIVED, OGI_ROLE_APPROVER},
    {OGI_EV_FEE_LAPSED, OGI_ROLE_CLERK},
    {OGI_EV_REPLIED, OGI_ROLE_HANDLER},
    {OGI_EV_WITHDRAWN, OGI_ROLE_CLERK},
    {OGI_EV_CORRECTION_LAPSED, OGI_ROLE_CLERK},
    {OGI_EV_NOTE, OGI_ROLE_CLERK},
    {OGI_EV_DEADLINE_RECOMPUTED, OGI_ROLE_CLERK},
    {OGI_EV_REGISTERED, OGI_ROLE_CLERK},
    {OGI_EV_CONSULTATION_DELIVERED, OGI_ROLE_CLERK},
    {OGI_EV_OBJECTION_OVERRIDDEN, OGI_ROLE_APPROVER},
    /* recorded by ogi through the letter routes, which check their own roles */
    {OGI_EV_LETTER_ISSUED, OGI_ROLE_CLERK},
    {OGI_EV_LETTER_VOIDED, OGI_ROLE_CLERK},
    {OGI_EV_LETTER_SERVED, OGI_ROLE_CLERK},
    /* recorded by ogi through PATCH /requests/{id}, which needs a clerk */
    {OGI_EV_RECORD_CORRECTED, OGI_ROLE_CLERK},
    {OGI_EV_ASSIGNED, OGI_ROLE_CLERK},
    {OGI_EV_TRANSFERRED, OGI_ROLE_APPROVER},
    /* recorded by ogi through the supervision routes: an admin of a body above marks,
       a clerk of the request's own body answers (lib/assign_rules.h) */
    {OGI_EV_SUPERVISED, OGI_ROLE_CLERK},
    {OGI_EV_SUPERVISION_ANSWERED, OGI_ROLE_CLERK},
};
_Static_assert(sizeof least_role / sizeof least_role[0] == OGI_EV_TYPE_COUNT,
               "every event type has its least role");

enum ogi_role ogi_event_least_role(enum ogi_event_type t)
{
	for (size_t i = 0; i < sizeof least_role / sizeof least_role[0]; i++)
		if (least_role[i].type == t)
			return least_role[i].role;
	return OGI_ROLE_ADMIN; /* no such type: nobody but an admin */
}

enum ogi_role ogi_letter_draft_role(enum ogi_letter_kind kind)
{
	/* the reply is the body's answer: a handler prepares it (DESIGN.md §2) */
	return kind == OGI_LETTER_REPLY ? OGI_ROLE_HANDLER : OGI_ROLE_CLERK;
}

enum ogi_role ogi_letter_issue_role(enum ogi_letter_kind kind)
{
	/* a receipt records what arrived and decides nothing (arts. 29, 31) */
	return kind == OGI_LETTER_RECEIPT ? OGI_ROLE_CLERK : OGI_ROLE_APPROVER;
}
