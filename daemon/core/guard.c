/* The deadline libmicrohttpd lacks: a request must arrive whole (line,
 * headers and body) within --request-timeout seconds of its connection
 * opening or of the previous response on it.  libmicrohttpd's own timeout
 * counts idle time only, so a client sending a byte a second would hold a
 * connection (and, with many of them, the connection limit) for hours.
 *
 * Each connection is registered when libmicrohttpd opens it.  A reaper
 * thread wakes once a second and shuts down the socket of any connection
 * still receiving past its deadline; libmicrohttpd then reads end-of-file
 * and closes it as it would for a client that went away.  The socket is
 * shut down under the registry's lock, and a connection leaves the registry
 * (under the same lock) before libmicrohttpd closes its descriptor, so the
 * reaper never touches a descriptor number that was reused. */
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "daemon/core/config.h"
#include "daemon/core/guard.h"
#include "daemon/core/log.h"

struct guarded {
	struct guarded *prev, *next;
	int fd;
	_Atomic int64_t since_us; /* the current request may arrive until since_us + limit */
	atomic_bool receiving;    /* false while the request is handled and answered */
	bool cut;
	bool over; /* opened past --max-connections or the per-address limit: answered 503 */
	socklen_t addrlen;
	struct sockaddr_storage addr;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct guarded *head;
static pthread_t reaper;
static bool reaper_running;
static atomic_bool reaper_stop;
static int64_t limit_us;
static atomic_llong cut_total;
static atomic_llong open_now;
static atomic_llong over_total;
static unsigned int soft_total, soft_per_address;

/* The same client address (the port aside). */
static bool same_address(const struct guarded *a, const struct guarded *b)
{
	if (a->addrlen == 0 || b->addrlen == 0 || a->addr.ss_family != b->addr.ss_family)
		return false;
	if (a->addr.ss_family == AF_INET)
		return memcmp(&((const struct sockaddr_in *)&a->addr)->sin_addr,
		              &((const struct sockaddr_in *)&b->addr)->sin_addr,
		              sizeof(struct in_addr)) == 0;
	if (a->addr.ss_family == AF_INET6)
		return memcmp(&((const struct sockaddr_in6 *)&a->addr)->sin6_addr,
		              &((const struct sockaddr_in6 *)&b->addr)->sin6_addr,
		              sizeof(struct in6_addr)) == 0;
	return false;
}

static void *reap_loop(void *arg)
{
	(void)arg;
	while (!atomic_load(&reaper_stop)) {
		usleep(250000);
		int64_t now = now_us();
		int cut = 0;
		pthread_mutex_lock(&lock);
		for (struct guarded *g = head; g != NULL; g = g->next) {
			/* one past the limits has a second to ask (and be told 503), not a minute
			 */
			int64_t allowed = g->over ? OGID_OVER_LIMIT_GRACE_US : limit_us;
			if (g->cut || !atomic_load(&g->receiving) ||
			    now - atomic_load(&g->since_us) <= allowed)
				continue;
			shutdown(g->fd, SHUT_RDWR);
			g->cut = true;
			cut++;
		}
		pthread_mutex_unlock(&lock);
		if (cut > 0) {
			atomic_fetch_add(&cut_total, cut);
			log_line("ogid: http: closed %d connection%s that took longer than %lld s "
			         "to send "
			         "a request",
			         cut, cut == 1 ? "" : "s", (long long)(limit_us / 1000000));
		}
	}
	return NULL;
}

void guard_start(unsigned int request_timeout_seconds, unsigned int max_connections,
                 unsigned int max_per_address)
{
	soft_total = max_connections;
	soft_per_address = max_per_address;
	limit_us = (int64_t)request_timeout_seconds * 1000000;
	atomic_store(&reaper_stop, false);
	reaper_running = pthread_create(&reaper, NULL, reap_loop, NULL) == 0;
}

void guard_stop(void)
{
	if (!reaper_running)
		return;
	atomic_store(&reaper_stop, true);
	pthread_join(reaper, NULL);
	reaper_running = false;
}

void guard_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
                  enum MHD_ConnectionNotificationCode code)
{
	(void)cls;
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci =
		    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
		struct guarded *g = calloc(1, sizeof *g);
		*socket_context = g;
		if (g == NULL || ci == NULL) {
			free(g);
			*socket_context = NULL;
			return;
		}
		g->fd = ci->connect_fd;
		g->addrlen = sizeof g->addr;
		if (getpeername(g->fd, (struct sockaddr *)&g->addr, &g->addrlen) != 0)
			g->addrlen = 0;
		atomic_store(&g->since_us, now_us());
		atomic_store(&g->receiving, true);
		pthread_mutex_lock(&lock);
		unsigned int total = 1, same = 1;
		for (struct guarded *o = head; o != NULL; o = o->next) {
			total++;
			if (soft_per_address > 0 && same_address(o, g))
				same++;
		}
		g->over = (soft_total > 0 && total > soft_total) ||
		          (soft_per_address > 0 && same > soft_per_address);
		g->next = head;
		if (head != NULL)
			head->prev = g;
		head = g;
		pthread_mutex_unlock(&lock);
		atomic_fetch_add(&open_now, 1);
		return;
	}
	struct guarded *g = *socket_context;
	if (g == NULL)
		return;
	pthread_mutex_lock(&lock);
	if (g->prev != NULL)
		g->prev->next = g->next;
	else
		head = g->next;
	if (g->next != NULL)
		g->next->prev = g->prev;
	pthread_mutex_unlock(&lock);
	free(g);
	*socket_context = NULL;
	atomic_fetch_sub(&open_now, 1);
}

static struct guarded *guarded_of(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci != NULL ? ci->socket_context : NULL;
}

bool guard_over_limit(struct MHD_Connection *conn)
{
	struct guarded *g = guarded_of(conn);
	if (g == NULL || !g->over)
		return false;
	atomic_fetch_add(&over_total, 1);
	return true;
}

long long guard_over_total(void)
{
	return atomic_load(&over_total);
}

void guard_request_received(struct MHD_Connection *conn)
{
	struct guarded *g = guarded_of(conn);
	if (g != NULL)
		atomic_store(&g->receiving, false);
}

void guard_request_done(struct MHD_Connection *conn)
{
	struct guarded *g = guarded_of(conn);
	if (g != NULL) {
		atomic_store(&g->since_us, now_us());
		atomic_store(&g->receiving, true);
	}
}

long long guard_cut_total(void)
{
	return atomic_load(&cut_total);
}

long long guard_open_connections(void)
{
	return atomic_load(&open_now);
}
