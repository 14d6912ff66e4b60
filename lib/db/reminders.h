/* lib/db for reminder digests (issue 16 item 4; migration 0030): enqueue the
 * day's digests once, claim due ones without two daemons taking the same,
 * record a send or a failure with back-off. */
#ifndef OGI_DB_REMINDERS_H
#define OGI_DB_REMINDERS_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/date.h"
#include "lib/db/db.h"

/* After this many failed attempts a digest is 'failed' (shown to admins). */
#define OGI_REMIND_MAX_ATTEMPTS 12

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
/* Records a failed attempt: the next one after 2^(attempts−1) minutes,
 * at most an hour; 'failed' after OGI_REMIND_MAX_ATTEMPTS. */
int ogi_db_reminder_failed(struct ogi_db *db, long long id, const char *error);
/* Digests still queued (for /metrics), or < 0. */
long long ogi_db_reminders_queued(struct ogi_db *db);

#endif
