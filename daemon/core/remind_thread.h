/* ogid's reminder thread (issue 16 item 4): on each working day from --reminder-time
 * (Asia/Shanghai) it queues the day's e-mail digests and sends the due ones, retrying failed
 * sends with back-off (lib/db/remind_run.h), on a database connection of its own so a slow
 * or failing mail server never holds up a request.  Several ogid may run it on one database:
 * a digest is queued once and sent by one of them. */
#ifndef OGI_DAEMON_REMIND_THREAD_H
#define OGI_DAEMON_REMIND_THREAD_H

#include <stdbool.h>
#include <stddef.h>

#include "daemon/core/options.h"

/* Starts the thread when o names a mail server (none otherwise: nothing is queued); false,
 * said on stderr, when the credentials cannot be read or the thread cannot start. */
bool remind_thread_start(const struct ogid_options *o);
/* Stops the thread and waits for it (a send in progress ends within its timeout). */
void remind_thread_stop(void);
/* The reminder counters in Prometheus's text format into buf; its length. */
size_t remind_metrics_text(char *buf, size_t len);

#endif
