/* ogid: the daemon.  Reads the command line (options.c), starts the embedded
 * PostgreSQL cluster when no database URL is given, applies or checks the
 * schema, bootstraps the first administrator, serves HTTP with
 * libmicrohttpd until SIGINT/SIGTERM, then drains and stops. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon/core/calendar_cache.h"
#include "daemon/core/config.h"
#include "daemon/core/dispatch.h"
#include "daemon/core/guard.h"
#include "daemon/core/http_check.h"
#include "daemon/core/keys_ready.h"
#include "daemon/core/log.h"
#include "daemon/core/options.h"
#include "daemon/core/public_channel.h"
#include "daemon/core/register_thread.h"
#include "daemon/core/remind_thread.h"
#include "daemon/core/replica.h"
#include "daemon/core/routes.h"
#include "daemon/core/workers.h"
#include "lib/db/migrate.h"
#include "lib/db/setup.h"
#include "lib/pgcluster/cluster.h"
#include "lib/secret.h"

/* lib/db's own lines (a statement that failed to prepare, a failed transaction) and the
   embedded cluster's notes (created, a stale pid file removed) */
static void lib_log(const char *line)
{
	log_line("%s", line);
}

/* Every connection needs a file descriptor: raise the soft limit as far as
 * the hard one allows, and fit the connection limit into what we get. */
static unsigned int fit_connection_limit(unsigned int wanted, long threads)
{
	struct rlimit rl;
	rlim_t reserve = (rlim_t)(2 * threads + 64); /* database connections, listener, logs */
	rlim_t need = wanted + reserve;
	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return wanted;
	if (rl.rlim_cur < need) {
		rl.rlim_cur =
		    rl.rlim_max == RLIM_INFINITY || rl.rlim_max >= need ? need : rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
		getrlimit(RLIMIT_NOFILE, &rl);
	}
	if (rl.rlim_cur >= need)
		return wanted;
	unsigned int fitted =
	    rl.rlim_cur > reserve + 16 ? (unsigned int)(rl.rlim_cur - reserve) : 16;
	fprintf(stderr,
	        "ogid: warning: only %llu file descriptors allowed (ulimit -n): at most %u "
	        "connections\n",
	        (unsigned long long)rl.rlim_cur, fitted);
	return fitted;
}

static void report_connect_failure(const struct ogi_db *db, const char *what)
{
	const char *state = ogi_db_sqlstate(db), *message = ogi_db_message(db);
	if (db != NULL && strcmp(state, "22023") == 0 && strstr(message, "does not exist"))
		fprintf(stderr,
		        "ogid: the database role %s does not exist: the schema is not current, run "
		        "ogictl migrate (it makes the role)\n",
		        ogid.db_role);
	else if (db != NULL && strcmp(state, "42501") == 0)
		fprintf(
		    stderr,
		    "ogid: cannot take the database role %s: %s (as a superuser: GRANT %s TO the "
		    "login ogid uses; see docs/operations.md)\n",
		    ogid.db_role, message, ogid.db_role);
	else
		fprintf(stderr, "ogid: %s: %s\n", what, message);
}

/* ogid's requests run as ogi_app; say so when the login could do more. */
static void check_login(struct ogi_db *db)
{
	char login[128];
	bool superuser, owner;
	if (!ogi_login_privileges(db, login, sizeof login, &superuser, &owner) ||
	    (!superuser && !owner))
		return;
	fprintf(stderr,
	        "ogid: warning: the database login %s %s; requests still run as the role %s, but "
	        "give ogid a login of its own (see docs/operations.md)\n",
	        login, superuser ? "is a superuser" : "owns the tables", ogid.db_role);
}

static void write_initial_password(const char *data_dir, const char *password)
{
	char path[4200];
	snprintf(path, sizeof path, "%s/initial-admin-password", data_dir);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		fprintf(stderr, "ogid: warning: cannot write %s: %s\n", path, strerror(errno));
		return;
	}
	fchmod(fd, 0600);
	dprintf(fd, "%s\n", password);
	close(fd);
	printf("ogid: the password was also written to %s (mode 0600)\n", path);
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	char buf[512];
	vsnprintf(buf, sizeof buf, fmt, ap);
	size_t n = strlen(buf);
	while (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	fprintf(stderr, "ogid: http: %s\n", buf);
}

static void mhd_panic(void *cls, const char *file, unsigned int line, const char *reason)
{
	(void)cls;
	fprintf(stderr, "ogid: error: libmicrohttpd panic at %s:%u: %s\n", file, line,
	        reason ? reason : "");
	abort();
}

int main(int argc, char **argv)
{
	ogi_db_set_logger(lib_log);
	ogi_cluster_set_logger(lib_log);
	struct ogid_options o;
	int exit_status = options_parse(argc, argv, &o);
	if (exit_status >= 0)
		return exit_status;
	setvbuf(stdout, NULL, _IOLBF, 0);
	setvbuf(stderr, NULL, _IOLBF, 0);
	char why[256];
	if (!routes_check(why, sizeof why)) {
		fprintf(stderr, "ogid: the route table is wrong: %s\n", why);
		return 1;
	}
	if (!ogi_secret_init()) {
		fprintf(stderr, "ogid: cannot initialise libsodium\n");
		return 1;
	}
	if (getenv("PGCONNECT_TIMEOUT") == NULL)
		setenv("PGCONNECT_TIMEOUT", "3", 1);
	setenv("PGAPPNAME", "ogid", 0); /* pg_stat_activity tells ogid's connections apart */
	public_settings_init();
	ogid.session_idle_seconds = o.session_idle;
	ogid.session_lifetime_seconds = o.session_lifetime;
	ogid.max_header_size = o.max_header_size;
	ogid.max_attachment = o.max_attachment;
	ogid.max_attachments_total = o.max_attachments_total;
	ogid.max_uploads = o.max_uploads;
	ogid.ntrusted_proxies = o.ntrusted_proxies;
	memcpy(ogid.trusted_proxies, o.trusted_proxies, sizeof ogid.trusted_proxies);

	/* signals are taken by sigwait below; block them before threads start */
	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	struct ogi_cluster cluster = {.lock_fd = -1};
	char err[1024];
	ogid.data_dir = o.data_dir;
	if (o.database == NULL || *o.database == '\0') {
		if (!ogi_cluster_start(&cluster, o.data_dir, err, sizeof err)) {
			fprintf(stderr, "ogid: %s\n", err);
			ogi_cluster_stop(&cluster);
			return 1;
		}
		ogid.embedded = true;
		ogid.conninfo = cluster.conninfo; /* the owner's login, for migrations */
		ogid.data_dir = cluster.data_dir;
		fprintf(stderr, "ogid: embedded PostgreSQL running in %s (socket in %s)\n",
		        cluster.pgdata, cluster.sockdir);
	} else {
		ogid.conninfo = o.database;
	}

	int status = 1;
	/* embedded: the owner's login, for migrations; external: ogid's own, as ogi_app */
	struct ogi_db *db = ogid.embedded ? ogi_db_new_unprepared(ogid.conninfo)
	                                  : ogi_db_new_unprepared_as(ogid.conninfo, ogid.db_role);
	if (!ogi_db_ok(db)) {
		report_connect_failure(db, "cannot connect to the database");
		goto out;
	}
	if (ogid.embedded) {
		int applied = ogi_migrate_apply(db, stderr, err, sizeof err);
		if (applied < 0) {
			fprintf(stderr, "ogid: migration failed: %s\n", err);
			goto out;
		}
		/* requests run under a login of their own that holds nothing but ogi_app */
		if (!ogi_embedded_login_ensure(db, err, sizeof err)) {
			fprintf(stderr, "ogid: %s\n", err);
			goto out;
		}
		ogid.conninfo = cluster.app_conninfo;
	} else if (!ogi_schema_current(db)) {
		struct ogi_migration_state st;
		ogi_migrate_state(db, &st);
		fprintf(stderr,
		        "ogid: the database schema is not current (%d pending, %d unknown): run "
		        "ogictl migrate\n",
		        st.pending, st.unknown);
		goto out;
	} else {
		check_login(db);
	}
	ogi_db_free(db);
	/* with every statement prepared (SQL errors show now), as the role requests run as */
	db = ogi_db_new_as(ogid.conninfo, ogid.db_role);
	if (!ogi_db_ok(db)) {
		report_connect_failure(db, "cannot prepare statements");
		goto out;
	}
	char password[32];
	bool created;
	if (!ogi_first_start(db, o.body_name, password, sizeof password, &created, err,
	                     sizeof err)) {
		fprintf(stderr, "ogid: first start failed: %s\n", err);
		goto out;
	}
	if (created) {
		printf("ogid: first start: created body \"%s\" and user admin\n", o.body_name);
		printf("ogid: initial administrator: admin / %s\n", password);
		mkdir(ogid.data_dir, 0700);
		write_initial_password(ogid.data_dir, password);
	}
	if (!keys_ready(db, &o, ogid.data_dir))
		goto out;
	if (!calendar_reload(db)) {
		fprintf(stderr, "ogid: cannot load the calendar: %s\n", ogi_db_message(db));
		goto out;
	}
	ogi_db_free(db);
	db = NULL;

	MHD_set_panic_func(mhd_panic, NULL);
	unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC |
	                     MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME;
	if (o.addr.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	/* ogid's limits are answered 503 (guard.h); libmicrohttpd's, half as high again, close */
	unsigned int max_connections =
	    fit_connection_limit(o.max_connections, o.threads + o.db_connections);
	unsigned int hard_connections = fit_connection_limit(
	    max_connections + max_connections / 2 + 64, o.threads + o.db_connections);
	unsigned int hard_per_address =
	    o.max_per_address == 0 ? 0 : o.max_per_address + o.max_per_address / 2 + 16;
	if (o.nreplicas > 0 && ogid.embedded) {
		fprintf(stderr, "ogid: --replica needs --database (a standby of that server)\n");
		goto out;
	}
	replica_start(o.nreplicas, o.replicas, o.replica_max_lag);
	if (!workers_start(o.db_connections, dispatch_route)) {
		fprintf(stderr, "ogid: cannot start %ld worker threads\n", o.db_connections);
		goto out;
	}
	struct MHD_Daemon *d = MHD_start_daemon(
	    flags, 0, NULL, NULL, access_handler, NULL, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
	    MHD_OPTION_SOCK_ADDR, &o.addr, MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)o.threads,
	    MHD_OPTION_CONNECTION_LIMIT, hard_connections, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
	    hard_per_address, MHD_OPTION_LISTEN_BACKLOG_SIZE, hard_connections,
	    MHD_OPTION_CONNECTION_TIMEOUT, o.idle_timeout,
	    /* the header limit is ogid's own (431 with our headers, http_check.h); libmicrohttpd
	       gets room enough to read and parse what it then refuses */
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, http_memory_limit(o.max_header_size),
	    MHD_OPTION_URI_LOG_CALLBACK, http_uri_seen, NULL, MHD_OPTION_STRICT_FOR_CLIENT, 1,
	    MHD_OPTION_NOTIFY_CONNECTION, guard_notify, NULL, MHD_OPTION_NOTIFY_COMPLETED,
	    request_completed, NULL, MHD_OPTION_END);
	if (d == NULL) {
		fprintf(stderr, "ogid: cannot listen on %s: %s\n", o.listen, strerror(errno));
		goto out;
	}
	/* the public channel's own address: the same handler, told by its cls to serve only the
	   public routes and pages */
	struct MHD_Daemon *pd = NULL;
	if (o.public_listen != NULL) {
		unsigned int pflags = flags & ~(unsigned int)MHD_USE_IPv6;
		if (o.public_addr.ss_family == AF_INET6)
			pflags |= MHD_USE_IPv6;
		pd = MHD_start_daemon(
		    pflags, 0, NULL, NULL, access_handler, (void *)&ogid_public_listener,
		    MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL, MHD_OPTION_SOCK_ADDR, &o.public_addr,
		    MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)o.threads,
		    MHD_OPTION_CONNECTION_LIMIT, max_connections,
		    MHD_OPTION_PER_IP_CONNECTION_LIMIT, o.max_per_address,
		    MHD_OPTION_CONNECTION_TIMEOUT, o.idle_timeout,
		    MHD_OPTION_CONNECTION_MEMORY_LIMIT, http_memory_limit(o.max_header_size),
		    MHD_OPTION_URI_LOG_CALLBACK, http_uri_seen, NULL, MHD_OPTION_STRICT_FOR_CLIENT,
		    1, MHD_OPTION_NOTIFY_CONNECTION, guard_notify, NULL,
		    MHD_OPTION_NOTIFY_COMPLETED, request_completed, NULL, MHD_OPTION_END);
		if (pd == NULL) {
			fprintf(stderr, "ogid: cannot listen on %s: %s\n", o.public_listen,
			        strerror(errno));
			MHD_stop_daemon(d);
			goto out;
		}
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	char shown[160];
	snprintf(shown, sizeof shown, "%.*s:%u", (int)(strrchr(o.listen, ':') - o.listen), o.listen,
	         info ? info->port : 0);
	calendar_listener_start(ogid.conninfo);
	if (!remind_thread_start(&o) || !register_thread_start()) {
		remind_thread_stop();
		calendar_listener_stop();
		MHD_stop_daemon(d);
		if (pd != NULL)
			MHD_stop_daemon(pd);
		goto out;
	}
	guard_start(o.request_timeout, max_connections, o.max_per_address);
	printf("ogid: listening on http://%s/ with %ld HTTP threads and %ld database connections\n",
	       shown, o.threads, o.db_connections);
	if (pd != NULL) {
		const union MHD_DaemonInfo *pinfo =
		    MHD_get_daemon_info(pd, MHD_DAEMON_INFO_BIND_PORT);
		printf("ogid: public channel only on http://%.*s:%u/apply/\n",
		       (int)(strrchr(o.public_listen, ':') - o.public_listen), o.public_listen,
		       pinfo ? pinfo->port : 0);
	}

	int sig = 0;
	sigwait(&sigs, &sig);
	printf("ogid: %s received, finishing requests in flight\n",
	       sig == SIGINT ? "SIGINT" : "SIGTERM");
	ogid.shutting_down = 1;
	remind_thread_stop();   /* a send in progress ends within its timeout */
	register_thread_stop(); /* a register import in progress commits or rolls back first */
	MHD_quiesce_daemon(d);  /* stop accepting; connections in progress go on */
	if (pd != NULL)
		MHD_quiesce_daemon(pd);
	for (int i = 0; i < 100; i++) {
		const union MHD_DaemonInfo *ci =
		    MHD_get_daemon_info(d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
		if (ci == NULL || ci->num_connections == 0)
			break;
		usleep(100000);
	}
	workers_stop(); /* what is queued is answered; every connection is resumed */
	MHD_stop_daemon(d);
	if (pd != NULL)
		MHD_stop_daemon(pd);
	guard_stop();
	replica_stop();
	calendar_listener_stop();
	status = 0;
out:
	workers_stop();
	ogi_db_free(db);
	if (ogid.embedded || cluster.postmaster > 0) {
		ogi_cluster_stop(&cluster);
		fprintf(stderr, "ogid: embedded PostgreSQL stopped\n");
	}
	return status;
}
