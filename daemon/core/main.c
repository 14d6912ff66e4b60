/* ogid: the daemon.  Parses the command line, starts the embedded
 * PostgreSQL cluster when no database URL is given, applies or checks the
 * schema, bootstraps the first administrator, serves HTTP with
 * libmicrohttpd until SIGINT/SIGTERM, then drains and stops. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <netinet/in.h>
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
#include "daemon/core/log.h"
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

static void usage(FILE *out)
{
	fprintf(out,
		"usage: ogid [--listen ADDR:PORT] [--database URL] [--data-dir DIR] [--threads N]\n"
		"            [--body-name NAME] [--timeout S] [--request-timeout S]\n"
		"            [--max-connections N] [--max-connections-per-address N]\n"
		"            [--max-header-size BYTES]\n"
		"  --listen     address and port to serve HTTP on (default 127.0.0.1:8080)\n"
		"  --database   PostgreSQL URL or conninfo (or OGI_DATABASE_URL); without it ogid\n"
		"               runs its own embedded cluster under the data directory\n"
		"  --data-dir   where the embedded cluster and the initial password live (./var)\n"
		"  --threads    worker threads (default 2 x cores)\n"
		"  --body-name  name of the first body created in an empty database\n"
		"  --timeout    seconds a connection may sit idle before it is closed (30)\n"
		"  --request-timeout  seconds a client has to send a whole request, however\n"
		"               slowly it trickles in (60)\n"
		"  --max-connections  open HTTP connections at most; more are refused (1000)\n"
		"  --max-connections-per-address  from one client address; 0 = no limit (100;\n"
		"               behind a reverse proxy every client has the proxy's address)\n"
		"  --max-header-size  bytes for the request line and headers; larger gets 431\n"
		"               (65536)\n");
}

/* A whole number option within [min, max]; exits with a usage error otherwise. */
static unsigned long number_option(const char *name, const char *text, unsigned long min,
				   unsigned long max)
{
	char *end;
	unsigned long v = strtoul(text, &end, 10);
	if (*text == '\0' || *end != '\0' || text[0] == '-' || v < min || v > max) {
		fprintf(stderr, "ogid: --%s must be a whole number from %lu to %lu\n", name, min, max);
		exit(2);
	}
	return v;
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
		rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max >= need ? need : rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
		getrlimit(RLIMIT_NOFILE, &rl);
	}
	if (rl.rlim_cur >= need)
		return wanted;
	unsigned int fitted = rl.rlim_cur > reserve + 16 ? (unsigned int)(rl.rlim_cur - reserve) : 16;
	fprintf(stderr,
		"ogid: warning: only %llu file descriptors allowed (ulimit -n): at most %u connections\n",
		(unsigned long long)rl.rlim_cur, fitted);
	return fitted;
}

static void report_connect_failure(const struct ogi_db *db, const char *what)
{
	if (db != NULL && strcmp(db->sqlstate, "22023") == 0 && strstr(db->message, "does not exist"))
		fprintf(stderr,
			"ogid: the database role %s does not exist: the schema is not current, run "
			"ogictl migrate (it makes the role)\n",
			ogid.db_role);
	else if (db != NULL && strcmp(db->sqlstate, "42501") == 0)
		fprintf(stderr,
			"ogid: cannot take the database role %s: %s (as a superuser: GRANT %s TO the "
			"login ogid uses; see docs/operations.md)\n",
			ogid.db_role, db->message, ogid.db_role);
	else
		fprintf(stderr, "ogid: %s: %s\n", what, db ? db->message : "out of memory");
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

static bool parse_listen(const char *spec, struct sockaddr_storage *ss, socklen_t *len)
{
	char host[128];
	const char *colon = strrchr(spec, ':');
	if (colon == NULL || (size_t)(colon - spec) >= sizeof host)
		return false;
	memcpy(host, spec, (size_t)(colon - spec));
	host[colon - spec] = '\0';
	char *end;
	long port = strtol(colon + 1, &end, 10);
	if (*end || port < 0 || port > 65535)
		return false;
	memset(ss, 0, sizeof *ss);
	char *h = host;
	if (h[0] == '[') {
		h++;
		h[strlen(h) - 1] = '\0';
	}
	struct sockaddr_in *v4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)ss;
	if (inet_pton(AF_INET, h, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)port);
		*len = sizeof *v4;
		return true;
	}
	if (inet_pton(AF_INET6, h, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)port);
		*len = sizeof *v6;
		return true;
	}
	return false;
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
	const char *listen = "127.0.0.1:8080", *database = getenv("OGI_DATABASE_URL");
	const char *data_dir = "./var", *body_name = "本机关";
	long threads = 0;
	unsigned int idle_timeout = 30, request_timeout = 60, max_connections = 1000,
		     max_per_address = 100;
	size_t max_header_size = 65536;
	static const struct option opts[] = {
		{"listen", required_argument, NULL, 'l'},
		{"database", required_argument, NULL, 'd'},
		{"data-dir", required_argument, NULL, 'D'},
		{"threads", required_argument, NULL, 't'},
		{"body-name", required_argument, NULL, 'b'},
		{"timeout", required_argument, NULL, 'T'},
		{"request-timeout", required_argument, NULL, 'R'},
		{"max-connections", required_argument, NULL, 'C'},
		{"max-connections-per-address", required_argument, NULL, 'A'},
		{"max-header-size", required_argument, NULL, 'H'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int opt;
	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (opt) {
		case 'l':
			listen = optarg;
			break;
		case 'd':
			database = optarg;
			break;
		case 'D':
			data_dir = optarg;
			break;
		case 't':
			threads = strtol(optarg, NULL, 10);
			if (threads < 1 || threads > 1024) {
				fprintf(stderr, "ogid: --threads must be between 1 and 1024\n");
				return 2;
			}
			break;
		case 'b':
			body_name = optarg;
			break;
		case 'T':
			idle_timeout = (unsigned int)number_option("timeout", optarg, 1, 86400);
			break;
		case 'R':
			request_timeout =
				(unsigned int)number_option("request-timeout", optarg, 1, 86400);
			break;
		case 'C':
			max_connections =
				(unsigned int)number_option("max-connections", optarg, 1, 1000000);
			break;
		case 'A':
			max_per_address = (unsigned int)number_option("max-connections-per-address",
								      optarg, 0, 1000000);
			break;
		case 'H':
			max_header_size = number_option("max-header-size", optarg, 4096, 1048576);
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}
	if (threads == 0) {
		long cores = sysconf(_SC_NPROCESSORS_ONLN);
		threads = cores > 0 ? 2 * cores : 4;
	}
	struct sockaddr_storage addr;
	socklen_t addrlen;
	if (!parse_listen(listen, &addr, &addrlen)) {
		fprintf(stderr, "ogid: --listen wants ADDRESS:PORT, e.g. 127.0.0.1:8080\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	setvbuf(stderr, NULL, _IOLBF, 0);
	if (!ogi_secret_init()) {
		fprintf(stderr, "ogid: cannot initialise libsodium\n");
		return 1;
	}
	if (getenv("PGCONNECT_TIMEOUT") == NULL)
		setenv("PGCONNECT_TIMEOUT", "3", 1);
	setenv("PGAPPNAME", "ogid", 0); /* pg_stat_activity tells ogid's connections apart */
	const char *idle = getenv("OGI_SESSION_IDLE_SECONDS");
	ogid.session_idle_seconds = idle ? atoi(idle) : 1800;
	if (ogid.session_idle_seconds <= 0)
		ogid.session_idle_seconds = 1800;

	/* signals are taken by sigwait below; block them before threads start */
	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	struct ogi_cluster cluster = {.lock_fd = -1};
	char err[1024];
	ogid.data_dir = data_dir;
	if (database == NULL || *database == '\0') {
		if (!ogi_cluster_start(&cluster, data_dir, err, sizeof err)) {
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
		ogid.conninfo = database;
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
	if (!ogi_first_start(db, body_name, password, sizeof password, &created, err, sizeof err)) {
		fprintf(stderr, "ogid: first start failed: %s\n", err);
		goto out;
	}
	if (created) {
		printf("ogid: first start: created body \"%s\" and user admin\n", body_name);
		printf("ogid: initial administrator: admin / %s\n", password);
		mkdir(ogid.data_dir, 0700);
		write_initial_password(ogid.data_dir, password);
	}
	if (!calendar_reload(db)) {
		fprintf(stderr, "ogid: cannot load the calendar: %s\n", db->message);
		goto out;
	}
	ogi_db_free(db);
	db = NULL;

	MHD_set_panic_func(mhd_panic, NULL);
	unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC |
			     MHD_USE_ERROR_LOG;
	if (addr.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	max_connections = fit_connection_limit(max_connections, threads);
	struct MHD_Daemon *d = MHD_start_daemon(
		flags, 0, NULL, NULL, access_handler, NULL, MHD_OPTION_EXTERNAL_LOGGER, mhd_log,
		NULL, MHD_OPTION_SOCK_ADDR, &addr, MHD_OPTION_THREAD_POOL_SIZE,
		(unsigned int)threads, MHD_OPTION_CONNECTION_LIMIT, max_connections,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, max_per_address, MHD_OPTION_CONNECTION_TIMEOUT,
		idle_timeout, MHD_OPTION_CONNECTION_MEMORY_LIMIT, max_header_size,
		MHD_OPTION_STRICT_FOR_CLIENT, 1, MHD_OPTION_NOTIFY_CONNECTION, guard_notify, NULL,
		MHD_OPTION_NOTIFY_COMPLETED, request_completed, NULL, MHD_OPTION_END);
	if (d == NULL) {
		fprintf(stderr, "ogid: cannot listen on %s: %s\n", listen, strerror(errno));
		goto out;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	char shown[160];
	snprintf(shown, sizeof shown, "%.*s:%u", (int)(strrchr(listen, ':') - listen), listen,
		 info ? info->port : 0);
	calendar_listener_start(ogid.conninfo);
	guard_start(request_timeout);
	printf("ogid: listening on http://%s/ with %ld threads\n", shown, threads);

	int sig = 0;
	sigwait(&sigs, &sig);
	printf("ogid: %s received, finishing requests in flight\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
	ogid.shutting_down = 1;
	MHD_quiesce_daemon(d); /* stop accepting; connections in progress go on */
	for (int i = 0; i < 100; i++) {
		const union MHD_DaemonInfo *ci =
			MHD_get_daemon_info(d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
		if (ci == NULL || ci->num_connections == 0)
			break;
		usleep(100000);
	}
	MHD_stop_daemon(d);
	guard_stop();
	calendar_listener_stop();
	status = 0;
out:
	ogi_db_free(db);
	if (ogid.embedded || cluster.postmaster > 0) {
		ogi_cluster_stop(&cluster);
		fprintf(stderr, "ogid: embedded PostgreSQL stopped\n");
	}
	return status;
}
