/* Read replicas (see standby.h).
 *
 * A monitor thread asks, five times a second, the primary for its WAL
 * position and each standby how far it has replayed.  A standby that has
 * replayed everything the primary had written when asked is caught up at that
 * moment; otherwise its lag is the time since it was last caught up, or since
 * the last transaction it replayed committed, whichever is less (both bound
 * how stale its data can be).  A standby is read from while it answers, is in
 * recovery and lags no more than --replica-max-lag; a read that fails on it
 * with an outage marks it down and is run again on the primary. */
#include "daemon/core/replica.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <unistd.h>

#include "daemon/core/config.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/log.h"
#include "lib/db/standby.h"

enum state { DOWN, STREAMING, LAGGING, NOT_STANDBY };
static const char *const state_names[] = {"down", "streaming", "lagging", "not_standby"};

struct replica {
	const char *conninfo;
	atomic_int state;
	atomic_llong lag_us; /* -1: unknown */
	atomic_llong reads, fallbacks;
	int64_t caught_up_us; /* the monitor's own */
	struct ogi_db *mon;
};

static struct replica replicas[OGID_REPLICAS_MAX];
static int nreplicas;
static int64_t max_lag_us;
static atomic_llong primary_reads;
static atomic_uint next_pick;
static __thread struct ogi_db *worker_conn[OGID_REPLICAS_MAX];
static pthread_key_t conns_key;
static pthread_once_t conns_once = PTHREAD_ONCE_INIT;

/* A worker's standby connections are closed when the thread ends (like its primary one,
   dbconn.c). */
static void conns_destroy(void *conns)
{
	struct ogi_db **v = conns;
	for (int i = 0; i < OGID_REPLICAS_MAX; i++)
		ogi_db_free(v[i]);
}

static void conns_key_create(void)
{
	pthread_key_create(&conns_key, conns_destroy);
}

static pthread_t monitor;
static bool monitor_running;
static atomic_bool monitor_stop;

/* who wrote lately: a few probes of a small table keyed by user id */
#define WRITERS 4096
#define PROBES  8
static pthread_mutex_t writers_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
	long long user_id;
	int64_t at_us;
} writers[WRITERS];

void replica_note_write(long long user_id)
{
	if (nreplicas == 0 || user_id <= 0)
		return;
	int64_t now = now_us();
	size_t base = (size_t)((unsigned long long)user_id * 2654435761u % WRITERS), pick = base;
	pthread_mutex_lock(&writers_lock);
	for (size_t i = 0; i < PROBES; i++) {
		size_t k = (base + i) % WRITERS;
		if (writers[k].user_id == user_id || now - writers[k].at_us > OGID_OWN_WRITE_US) {
			pick = k;
			break;
		}
		if (writers[k].at_us < writers[pick].at_us)
			pick = k; /* all recent: the oldest makes room */
	}
	writers[pick].user_id = user_id;
	writers[pick].at_us = now;
	pthread_mutex_unlock(&writers_lock);
}

static bool wrote_lately(long long user_id)
{
	if (user_id <= 0)
		return false;
	int64_t now = now_us();
	size_t base = (size_t)((unsigned long long)user_id * 2654435761u % WRITERS);
	bool found = false;
	pthread_mutex_lock(&writers_lock);
	for (size_t i = 0; i < PROBES && !found; i++) {
		size_t k = (base + i) % WRITERS;
		found =
		    writers[k].user_id == user_id && now - writers[k].at_us <= OGID_OWN_WRITE_US;
	}
	pthread_mutex_unlock(&writers_lock);
	return found;
}

static void measure(int64_t primary_at_us, bool primary_known, unsigned long long primary_lsn)
{
	for (int i = 0; i < nreplicas; i++) {
		struct replica *r = &replicas[i];
		struct ogi_standby_state st;
		if (r->mon == NULL)
			r->mon = ogi_db_new_unprepared_as(r->conninfo, ogid.db_role);
		if (!ogi_db_usable(r->mon) && !ogi_db_ensure(r->mon)) {
			atomic_store(&r->state, DOWN);
			atomic_store(&r->lag_us, -1);
			continue;
		}
		if (ogi_db_standby_state(r->mon, &st) != 0) {
			atomic_store(&r->state, DOWN);
			atomic_store(&r->lag_us, -1);
			continue;
		}
		if (!st.in_recovery) {
			atomic_store(&r->state, NOT_STANDBY);
			atomic_store(&r->lag_us, -1);
			continue;
		}
		int64_t now = now_us(), lag = -1;
		if (primary_known && st.replay_lsn >= primary_lsn) {
			r->caught_up_us = primary_at_us;
			lag = 0;
		} else {
			if (r->caught_up_us > 0)
				lag = now - r->caught_up_us;
			int64_t since = (int64_t)(st.since_replay * 1e6);
			if (st.replayed_any && (lag < 0 || since < lag))
				lag = since < 0 ? 0 : since;
		}
		atomic_store(&r->lag_us, lag);
		atomic_store(&r->state, lag >= 0 && lag <= max_lag_us ? STREAMING : LAGGING);
	}
}

static void *monitor_loop(void *arg)
{
	(void)arg;
	struct ogi_db *primary = NULL;
	while (!atomic_load(&monitor_stop)) {
		if (primary == NULL)
			primary = ogi_db_new_unprepared_as(ogid.conninfo, ogid.db_role);
		unsigned long long lsn = 0;
		int64_t at = now_us();
		bool known = (ogi_db_usable(primary) || ogi_db_ensure(primary)) &&
		             ogi_db_wal_position(primary, &lsn) == 0;
		measure(at, known, lsn);
		usleep(200000);
	}
	ogi_db_free(primary);
	for (int i = 0; i < nreplicas; i++) {
		ogi_db_free(replicas[i].mon);
		replicas[i].mon = NULL;
	}
	return NULL;
}

void replica_start(int n, const char *const *conninfo, double max_lag_seconds)
{
	nreplicas = n < OGID_REPLICAS_MAX ? n : OGID_REPLICAS_MAX;
	max_lag_us = (int64_t)(max_lag_seconds * 1e6);
	for (int i = 0; i < nreplicas; i++) {
		replicas[i].conninfo = conninfo[i];
		atomic_store(&replicas[i].state, DOWN);
		atomic_store(&replicas[i].lag_us, -1);
	}
	if (nreplicas == 0)
		return;
	atomic_store(&monitor_stop, false);
	measure(0, false, 0); /* a first look before serving */
	monitor_running = pthread_create(&monitor, NULL, monitor_loop, NULL) == 0;
}

void replica_stop(void)
{
	if (!monitor_running)
		return;
	atomic_store(&monitor_stop, true);
	pthread_join(monitor, NULL);
	monitor_running = false;
}

/* This worker's connection to standby i, opened when first needed; NULL when it fails. */
static struct ogi_db *standby_conn(int i)
{
	struct ogi_db *db = worker_conn[i];
	if (db == NULL) {
		db = worker_conn[i] = ogi_db_new_as(replicas[i].conninfo, ogid.db_role);
		pthread_once(&conns_once, conns_key_create);
		pthread_setspecific(conns_key, worker_conn);
		return ogi_db_ok(db) ? db : NULL;
	}
	return ogi_db_usable(db) || ogi_db_ensure(db) ? db : NULL;
}

struct ogi_db *read_db(struct ctx *c, enum MHD_Result *result)
{
	c->read_replica = -1;
	if (nreplicas > 0 && !wrote_lately(c->auth.user_id)) {
		unsigned int start = atomic_fetch_add(&next_pick, 1);
		for (int k = 0; k < nreplicas; k++) {
			int i = (int)((start + (unsigned int)k) % (unsigned int)nreplicas);
			if (atomic_load(&replicas[i].state) != STREAMING)
				continue;
			struct ogi_db *db = standby_conn(i);
			if (db == NULL) {
				atomic_store(&replicas[i].state,
				             DOWN); /* until the monitor sees it */
				continue;
			}
			c->read_replica = i;
			atomic_fetch_add(&replicas[i].reads, 1);
			return db;
		}
	}
	atomic_fetch_add(&primary_reads, 1);
	return thread_db(c, result);
}

bool read_db_again(struct ctx *c, struct ogi_db **db)
{
	if (c->read_replica < 0 || !ogi_db_outage(*db))
		return false;
	struct replica *r = &replicas[c->read_replica];
	atomic_store(&r->state, DOWN);
	atomic_fetch_add(&r->fallbacks, 1);
	log_line("ogid: replica %d: a read failed (%s), read again from the primary",
	         c->read_replica + 1, ogi_db_sqlstate(*db));
	c->read_replica = -1;
	enum MHD_Result ignored;
	struct ogi_db *p = thread_db(c, &ignored);
	if (p == NULL)
		return false;
	atomic_fetch_add(&primary_reads, 1);
	*db = p;
	return true;
}

json_t *replica_states(void)
{
	if (nreplicas == 0)
		return NULL;
	json_t *list = json_array();
	for (int i = 0; i < nreplicas; i++) {
		long long lag = atomic_load(&replicas[i].lag_us);
		int st = atomic_load(&replicas[i].state);
		json_array_append_new(
		    list, json_pack("{s:i, s:s, s:b, s:o, s:I}", "replica", i + 1, "state",
		                    state_names[st], "used", st == STREAMING, "lag_seconds",
		                    lag < 0 ? json_null() : json_real((double)lag / 1e6), "reads",
		                    (json_int_t)atomic_load(&replicas[i].reads)));
	}
	return list;
}

size_t replica_metrics_text(char *buf, size_t len)
{
	size_t used = 0;
#define ADD(...)                                                                                   \
	do {                                                                                       \
		int w = snprintf(buf + used, len - used, __VA_ARGS__);                             \
		if (w > 0)                                                                         \
			used = used + (size_t)w < len ? used + (size_t)w : len - 1;                \
	} while (0)
	if (len == 0)
		return 0;
	buf[0] = '\0';
	ADD("# TYPE ogi_reads_total counter\n"
	    "ogi_reads_total{server=\"primary\"} %lld\n",
	    (long long)atomic_load(&primary_reads));
	for (int i = 0; i < nreplicas; i++)
		ADD("ogi_reads_total{server=\"replica%d\"} %lld\n", i + 1,
		    (long long)atomic_load(&replicas[i].reads));
	if (nreplicas > 0)
		ADD("# TYPE ogi_replica_used gauge\n");
	for (int i = 0; i < nreplicas; i++)
		ADD("ogi_replica_used{replica=\"%d\",state=\"%s\"} %d\n", i + 1,
		    state_names[atomic_load(&replicas[i].state)],
		    atomic_load(&replicas[i].state) == STREAMING);
	if (nreplicas > 0)
		ADD("# TYPE ogi_replica_lag_seconds gauge\n");
	for (int i = 0; i < nreplicas; i++) {
		long long lag = atomic_load(&replicas[i].lag_us);
		if (lag < 0)
			ADD("ogi_replica_lag_seconds{replica=\"%d\"} NaN\n", i + 1);
		else
			ADD("ogi_replica_lag_seconds{replica=\"%d\"} %.3f\n", i + 1,
			    (double)lag / 1e6);
	}
	if (nreplicas > 0)
		ADD("# TYPE ogi_replica_fallbacks_total counter\n");
	for (int i = 0; i < nreplicas; i++)
		ADD("ogi_replica_fallbacks_total{replica=\"%d\"} %lld\n", i + 1,
		    (long long)atomic_load(&replicas[i].fallbacks));
#undef ADD
	return used;
}
