/* Who may record what: the least role (lib/domain.h's clerk < handler <
 * approver < admin) that may record each event type, as data.  The event
 * route refuses the others with 403; the deadline route offers a caller only
 * the types its role allows.  And who drafts and issues each kind of letter. */
#ifndef OGI_ROLES_H
#define OGI_ROLES_H

#include "lib/domain.h"

/* The least role that may record an event of type t (clerk for the types ogi
 * records itself, which nobody records by hand). */
enum ogi_role ogi_event_least_role(enum ogi_event_type t);

/* Who may draft (POST …/letters) and issue (…/issue) a letter of kind: a
 * clerk drafts every kind but the reply, which a handler prepares (DESIGN.md
 * §2); an approver issues, but a receipt, which decides nothing, a clerk. */
enum ogi_role ogi_letter_draft_role(enum ogi_letter_kind kind);
enum ogi_role ogi_letter_issue_role(enum ogi_letter_kind kind);

#endif
