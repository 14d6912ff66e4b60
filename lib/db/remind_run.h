/* The e-mail digests' run (issue 16 item 4), shared by ogid's reminder thread and ogictl
 * remind: queue a working day's digests once, then send the due ones, each in a transaction
 * of its own that claims it (FOR UPDATE SKIP LOCKED: several ogid never send one twice),
 * builds it from what is due that day (lib/db/due_dates.h, lib/reminder.h), sends it
 * (lib/smtp.h) and records the send, the failure with its back-off, or that nothing was
 * due. */
#ifndef OGI_DB_REMIND_RUN_H
#define OGI_DB_REMIND_RUN_H

#include <stdbool.h>
#include <stdio.h>

#include "lib/calendar.h"
#include "lib/db/db.h"
#include "lib/smtp.h"

struct ogi_remind_settings {
	struct ogi_smtp smtp;
	const char *msgid_host; /* the Message-ID's right-hand side */
	int retry_base;         /* seconds before the first retry (0: 60) */
};

struct ogi_remind_counts {
	long long enqueued, sent, failed, gave_up, skipped;
	char last_error[512]; /* of the last failed send */
};

/* Queues day's digests when day is a working day of cal (none on a day off): how many were
 * queued now, or a status < 0. */
int ogi_remind_enqueue(struct ogi_db *db, const struct ogi_calendar *cal, ogi_date day);
/* Sends the queued digests that are due, one at a time, until none is left or *stop is set;
 * adds what happened to counts.  0, or the status of a database failure (< 0). */
int ogi_remind_send_due(struct ogi_db *db, const struct ogi_calendar *cal,
                        const struct ogi_remind_settings *s, struct ogi_remind_counts *counts,
                        const volatile int *stop);
/* Prints to out who would get which digest on day, as ogi_remind_enqueue and
 * ogi_remind_send_due would make them, sending nothing and recording nothing (all in a
 * transaction rolled back).  How many digests would go, or a status < 0. */
int ogi_remind_dry_run(struct ogi_db *db, const struct ogi_calendar *cal,
                       const struct ogi_remind_settings *s, ogi_date day, FILE *out);

#endif
