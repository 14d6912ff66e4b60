/* The reminder thread (see remind_thread.h). */
#include "daemon/core/remind_thread.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "daemon/core/calendar_cache.h"
#include "daemon/core/config.h"
#include "daemon/core/log.h"
#include "lib/db/remind_run.h"
#include "lib/db/reminders.h"

/* Seconds between two looks at the queue. */
#define POLL_SECONDS 2

static struct ogi_remind_settings settings;
static char msgid_host[256];
static int start_minute;
static pthread_t thread;
static bool running;
static volatile int stop_flag;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static atomic_llong n_enqueued, n_sent, n_failed, n_gave_up, n_skipped, n_queued = -1, n_db_errors,
                                                                        n_rounds;

/* Minutes after local midnight (Asia/Shanghai: UTC+8, no daylight saving). */
static int local_minute(void)
{
	return (int)(((long long)time(NULL) + 8 * 3600) % 86400 / 60);
}

/* One look at the queue: from the start time on a working day, the day's digests are
 * queued (again each round, which adds only those of users who opted in since: UNIQUE), then
 * every due one is sent. */
static void one_round(struct ogi_db *db)
{
	ogi_date today = ogi_today();
	struct calendar_ref cal = calendar_acquire();
	int rc = 0;
	if (local_minute() >= start_minute) {
		rc = ogi_remind_enqueue(db, cal.cal, today);
		if (rc > 0)
			atomic_fetch_add(&n_enqueued, rc);
	}
	struct ogi_remind_counts c = {0};
	if (rc >= 0)
		rc = ogi_remind_send_due(db, cal.cal, &settings, &c, &stop_flag);
	calendar_release(cal);
	atomic_fetch_add(&n_sent, c.sent);
	atomic_fetch_add(&n_failed, c.failed);
	atomic_fetch_add(&n_gave_up, c.gave_up);
	atomic_fetch_add(&n_skipped, c.skipped);
	if (c.failed > 0)
		log_line("reminders: %lld digest send(s) failed (%s)", c.failed, c.last_error);
	if (rc < 0)
		log_line("reminders: database: %s", ogi_db_message(db));
	long long q = rc >= 0 ? ogi_db_reminders_queued(db) : -1;
	if (q >= 0) {
		atomic_store(&n_queued, q);
		atomic_fetch_add(&n_rounds, 1);
	} else {
		atomic_fetch_add(&n_db_errors, 1);
		ogi_db_drop(db); /* reconnected on the next round */
	}
}

static void *loop(void *arg)
{
	(void)arg;
	struct ogi_db *db = ogi_db_new_as(ogid.conninfo, ogid.db_role);
	while (!stop_flag) {
		if (db != NULL && ogi_db_ensure(db))
			one_round(db);
		pthread_mutex_lock(&lock);
		if (!stop_flag) {
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_sec += POLL_SECONDS;
			pthread_cond_timedwait(&wake, &lock, &until);
		}
		pthread_mutex_unlock(&lock);
	}
	ogi_db_free(db);
	return NULL;
}

bool remind_thread_start(const struct ogid_options *o)
{
	if (o->smtp_url == NULL)
		return true;
	memset(&settings, 0, sizeof settings);
	settings.smtp.url = o->smtp_url;
	settings.smtp.from = o->smtp_from;
	settings.smtp.timeout = 30;
	settings.retry_base = o->reminder_retry;
	char why[512];
	if (o->smtp_credentials != NULL &&
	    !ogi_smtp_credentials(&settings.smtp, o->smtp_credentials, why, sizeof why)) {
		fprintf(stderr, "ogid: --smtp-credentials: %s\n", why);
		return false;
	}
	const char *at = strrchr(o->smtp_from, '@');
	snprintf(msgid_host, sizeof msgid_host, "%.*s", (int)strcspn(at + 1, ">"), at + 1);
	settings.msgid_host = msgid_host;
	start_minute = o->reminder_minute;
	if (!ogi_smtp_init()) {
		fprintf(stderr, "ogid: cannot initialise libcurl for SMTP\n");
		return false;
	}
	stop_flag = 0;
	running = pthread_create(&thread, NULL, loop, NULL) == 0;
	if (!running)
		fprintf(stderr, "ogid: cannot start the reminder thread\n");
	return running;
}

void remind_thread_stop(void)
{
	if (!running)
		return;
	pthread_mutex_lock(&lock);
	stop_flag = 1;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
	pthread_join(thread, NULL);
	running = false;
}

size_t remind_metrics_text(char *buf, size_t len)
{
	if (!running)
		return 0;
	int n = snprintf(buf, len,
	                 "# TYPE ogi_reminders_enqueued_total counter\n"
	                 "ogi_reminders_enqueued_total %lld\n"
	                 "# TYPE ogi_reminders_sent_total counter\n"
	                 "ogi_reminders_sent_total %lld\n"
	                 "# TYPE ogi_reminders_failed_attempts_total counter\n"
	                 "ogi_reminders_failed_attempts_total %lld\n"
	                 "# TYPE ogi_reminders_given_up_total counter\n"
	                 "ogi_reminders_given_up_total %lld\n"
	                 "# TYPE ogi_reminders_skipped_total counter\n"
	                 "ogi_reminders_skipped_total %lld\n"
	                 "# TYPE ogi_reminders_queued gauge\n"
	                 "ogi_reminders_queued %lld\n"
	                 "# TYPE ogi_reminders_database_errors_total counter\n"
	                 "ogi_reminders_database_errors_total %lld\n"
	                 "# TYPE ogi_reminders_rounds_total counter\n"
	                 "ogi_reminders_rounds_total %lld\n",
	                 (long long)n_enqueued, (long long)n_sent, (long long)n_failed,
	                 (long long)n_gave_up, (long long)n_skipped,
	                 (long long)(n_queued < 0 ? 0 : n_queued), (long long)n_db_errors,
	                 (long long)n_rounds);
	return n < 0 ? 0 : (size_t)n >= len ? len - 1 : (size_t)n;
}
