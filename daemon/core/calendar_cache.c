/* The shared calendar and its LISTEN/NOTIFY refresh (see calendar_cache.h). */
#include "daemon/core/calendar_cache.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "daemon/core/config.h"
#include "daemon/core/log.h"
#include "lib/db/calendar_ops.h"
#include "lib/db/notify.h"
#include "lib/redact.h"

struct calendar_holder {
	struct ogi_calendar *cal;
	int refs; /* the cache's own reference counts as one */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct calendar_holder *current;
static pthread_t listener;
static volatile int listener_stop;
static bool listener_running;

struct calendar_ref calendar_acquire(void)
{
	pthread_mutex_lock(&lock);
	struct calendar_holder *h = current;
	if (h != NULL)
		h->refs++;
	pthread_mutex_unlock(&lock);
	return (struct calendar_ref){h ? h->cal : NULL, h};
}

static void holder_put(struct calendar_holder *h)
{
	if (h == NULL)
		return;
	pthread_mutex_lock(&lock);
	bool last = --h->refs == 0;
	pthread_mutex_unlock(&lock);
	if (last) {
		ogi_calendar_free(h->cal);
		free(h);
	}
}

void calendar_release(struct calendar_ref ref)
{
	holder_put(ref.holder);
}

bool calendar_reload(struct ogi_db *db)
{
	struct ogi_calendar *cal = ogi_db_calendar_load(db);
	if (cal == NULL)
		return false;
	struct calendar_holder *h = malloc(sizeof *h);
	if (h == NULL) {
		ogi_calendar_free(cal);
		return false;
	}
	h->cal = cal;
	h->refs = 1;
	pthread_mutex_lock(&lock);
	struct calendar_holder *old = current;
	current = h;
	pthread_mutex_unlock(&lock);
	holder_put(old);
	return true;
}

static void *listen_loop(void *arg)
{
	const char *conninfo = arg;
	struct ogi_db *db = NULL;
	while (!listener_stop) {
		if (db == NULL || !ogi_db_ok(db)) {
			/* the database went away (a restart): listen again as soon as it is back */
			ogi_db_free(db);
			db = ogi_db_new_as(conninfo, ogid.db_role);
			if (db == NULL || !ogi_db_ok(db) ||
			    ogi_db_listen(db, OGI_DB_CALENDAR_CHANNEL) != 0) {
				usleep(200000);
				continue;
			}
			/* anything may have changed while we were not listening */
			calendar_reload(db);
		}
		/* half a second at most, so a stop is noticed soon */
		int changes = ogi_db_wait_notify(db, 500);
		if (changes < 0) {
			ogi_db_free(db); /* the connection broke: reconnect above */
			db = NULL;
			continue;
		}
		if (changes > 0 && !calendar_reload(db)) {
			char message[512];
			ogi_redact(ogi_db_message(db), message, sizeof message);
			log_line("ogid: warning: calendar reload failed: %s", message);
		}
	}
	ogi_db_free(db);
	return NULL;
}

void calendar_listener_start(const char *conninfo)
{
	listener_stop = 0;
	listener_running = pthread_create(&listener, NULL, listen_loop, (void *)conninfo) == 0;
}

void calendar_listener_stop(void)
{
	if (!listener_running)
		return;
	listener_stop = 1;
	pthread_join(listener, NULL);
	listener_running = false;
	pthread_mutex_lock(&lock);
	struct calendar_holder *old = current;
	current = NULL;
	pthread_mutex_unlock(&lock);
	holder_put(old);
}

int calendar_signed_workdays(const struct ogi_calendar *cal, ogi_date a, ogi_date b)
{
	return ogi_workdays_between(cal, a, b);
}
