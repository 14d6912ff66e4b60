/* lib/db for reminder digests (issue 16 item 4; migration 0030): enqueue the
 * day's digests once, claim due ones without two daemons taking the same,
 * record a send or a failure with back-off. */
#ifndef OGI_DB_REMINDERS_H
#define OGI_DB_REMINDERS_H

#include <stdbool.h>
#include <stddef.h>

#include "api/errors.h"
#include "lib/account.h"
#include "lib/date.h"
#include "lib/db/db.h"
#include "lib/reminder.h"

/* After this many failed attempts a digest is 'failed' (shown to admins). */
#define OGI_REMIND_MAX_ATTEMPTS 12
#define OGI_REMIND_ROOTS_MAX    OGI_SESSION_GRANTS_MAX

struct ogi_db_digest {
	long long id, user_id;
	ogi_date day;
	int attempts;
	char email[256];
};

/* Queues day's digest for every active user with reminders on and an
 * e-mail address; users who have one already are skipped (UNIQUE).  The
 * number queued now, or a status < 0. */
int ogi_db_reminders_enqueue(struct ogi_db *db, ogi_date day);
/* Claims up to max queued digests whose next attempt is due, locked FOR
 * UPDATE SKIP LOCKED in the caller's transaction.  How many, or < 0. */
int ogi_db_reminders_claim(struct ogi_db *db, struct ogi_db_digest *out, int max);
int ogi_db_reminder_sent(struct ogi_db *db, long long id);
/* Records a failed attempt: the next one after base_seconds × 2^(attempts−1) (at most an
 * hour; base_seconds 0: a minute), 'failed' after OGI_REMIND_MAX_ATTEMPTS or at once when
 * permanent (the server refused for good), *gave_up saying so. */
int ogi_db_reminder_failed(struct ogi_db *db, long long id, const char *error, bool permanent,
                           int base_seconds, bool *gave_up);
/* Records that digest id had nothing to send (status 'skipped'). */
int ogi_db_reminder_skipped(struct ogi_db *db, long long id);
/* Digests still queued (for /metrics), or < 0. */
long long ogi_db_reminders_queued(struct ogi_db *db);

/* Whom a digest goes to and what they may see. */
struct ogi_db_remind_user {
	char username[72], display_name[400], email[256];
	bool active, reminders;
	int nroots;
	long long roots[OGI_REMIND_ROOTS_MAX]; /* the bodies where they hold a role */
	bool bodies; /* an approver or admin somewhere: their bodies' requests, else assigned */
};
/* User id into out: 0, OGI_E_NOT_FOUND, or a status < 0. */
int ogi_db_remind_user(struct ogi_db *db, long long id, struct ogi_db_remind_user *out);

struct ogi_digest_rows {
	size_t n;
	struct ogi_digest_row *v;
};
/* The digests of status (NULL: any) of the users holding a role in the bodies roots or their
 * subtrees (all: every user's, for the operator), newest day first, at most limit, into out
 * (free v). */
int ogi_db_reminders_list(struct ogi_db *db, const long long *roots, int nroots, bool all,
                          const char *status, long long limit, struct ogi_digest_rows *out);
/* Puts failed digest id of such a user back in the queue, due now, with its attempts from
 * 0: 0, OGI_E_NOT_FOUND (none such, or not failed), or < 0; the row into out. */
int ogi_db_reminder_retry(struct ogi_db *db, long long id, const long long *roots, int nroots,
                          struct ogi_digest_row *out);

#endif
