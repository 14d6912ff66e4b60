/* The request workers (see workers.h).  libmicrohttpd's few HTTP threads
 * read requests and write answers; a request for a route is handed here with
 * the connection suspended, so a slow one (a report, a lock wait) holds one
 * worker and no other connection, and requests are taken first come first
 * served whichever HTTP thread read them.  The workers are the database pool:
 * each opens its connection when it first needs it (dbconn.c). */
#include "daemon/core/workers.h"

#include <pthread.h>
#include <stdlib.h>

#include "daemon/core/log.h"
#include "daemon/core/reply.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ready = PTHREAD_COND_INITIALIZER;
static struct ctx *head, *tail;
static long long nqueued, nbusy, nexpired;
static bool stopping;
static int nthreads;
static pthread_t *threads;
static enum MHD_Result (*run_fn)(struct ctx *c);

static void run_one(struct ctx *c)
{
	c->deferred = true;
	enum MHD_Result rv;
	if (now_us() - c->queued_us > OGID_QUEUE_WAIT_MAX_US) {
		rv = reply_retry_after(c, OGI_E_OVERLOADED, 1);
		pthread_mutex_lock(&lock);
		nexpired++;
		pthread_mutex_unlock(&lock);
	} else {
		rv = run_fn(c);
	}
	if (rv == MHD_NO && c->response != NULL) {
		MHD_destroy_response(c->response);
		c->response = NULL;
	}
	c->deferred = false;
	MHD_resume_connection(c->conn); /* a response of NULL closes the connection */
}

static void *work(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&lock);
	for (;;) {
		while (head == NULL && !stopping)
			pthread_cond_wait(&ready, &lock);
		if (head == NULL)
			break;
		struct ctx *c = head;
		head = c->next_job;
		if (head == NULL)
			tail = NULL;
		nqueued--;
		nbusy++;
		pthread_mutex_unlock(&lock);
		run_one(c);
		pthread_mutex_lock(&lock);
		nbusy--;
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

bool workers_start(int n, enum MHD_Result (*run)(struct ctx *c))
{
	run_fn = run;
	threads = calloc((size_t)n, sizeof *threads);
	if (threads == NULL)
		return false;
	pthread_attr_t attr;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 1024 * 1024); /* a handler's buffers sit on its stack */
	for (nthreads = 0; nthreads < n; nthreads++)
		if (pthread_create(&threads[nthreads], &attr, work, NULL) != 0)
			break;
	pthread_attr_destroy(&attr);
	return nthreads == n;
}

bool workers_submit(struct ctx *c)
{
	pthread_mutex_lock(&lock);
	if (stopping || nthreads == 0) {
		pthread_mutex_unlock(&lock);
		return false;
	}
	/* suspended under the lock: no worker can resume it before it is suspended */
	MHD_suspend_connection(c->conn);
	c->handed_off = true;
	c->queued_us = now_us();
	c->next_job = NULL;
	if (tail != NULL)
		tail->next_job = c;
	else
		head = c;
	tail = c;
	nqueued++;
	pthread_cond_signal(&ready);
	pthread_mutex_unlock(&lock);
	return true;
}

void workers_stop(void)
{
	pthread_mutex_lock(&lock);
	stopping = true;
	pthread_cond_broadcast(&ready);
	pthread_mutex_unlock(&lock);
	for (int i = 0; i < nthreads; i++)
		pthread_join(threads[i], NULL);
	free(threads);
	threads = NULL;
	nthreads = 0;
}

void workers_stats(long long *workers, long long *busy, long long *queued, long long *expired)
{
	pthread_mutex_lock(&lock);
	*workers = nthreads;
	*busy = nbusy;
	*queued = nqueued;
	*expired = nexpired;
	pthread_mutex_unlock(&lock);
}
