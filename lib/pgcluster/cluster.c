/* The embedded PostgreSQL cluster (see cluster.h). */
#include "lib/pgcluster/cluster.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PG_USER "ogi"

static void (*logger)(const char *line);

void ogi_cluster_set_logger(void (*fn)(const char *line))
{
	logger = fn;
}

/* A note for the operator (what the cluster's start did on their behalf). */
static void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void note(const char *fmt, ...)
{
	if (logger == NULL)
		return;
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	logger(buf);
}

static bool fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return false;
}

bool ogi_pg_bindir(char *out, size_t len)
{
	const char *env = getenv("OGI_PG_BINDIR");
	if (env != NULL && *env) {
		snprintf(out, len, "%s", env);
		return true;
	}
	DIR *d = opendir("/usr/lib/postgresql");
	if (d == NULL)
		return false;
	int best = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		int v = atoi(e->d_name);
		char probe[300];
		snprintf(probe, sizeof probe, "/usr/lib/postgresql/%s/bin/postgres", e->d_name);
		if (v > best && access(probe, X_OK) == 0)
			best = v;
	}
	closedir(d);
	if (best == 0)
		return false;
	snprintf(out, len, "/usr/lib/postgresql/%d/bin", best);
	return true;
}

static bool mkdir_p(const char *path, mode_t mode)
{
	char buf[4096];
	snprintf(buf, sizeof buf, "%s", path);
	for (char *p = buf + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			if (mkdir(buf, 0755) != 0 && errno != EEXIST)
				return false;
			*p = '/';
		}
	}
	return mkdir(buf, mode) == 0 || errno == EEXIST;
}

/* When we are root the server runs as the system user "ogi" (created if
 * missing), which must be able to reach the data directory. */
static bool server_user(uid_t *uid, gid_t *gid, char *err, size_t errlen)
{
	if (geteuid() != 0) {
		*uid = geteuid();
		*gid = getegid();
		return true;
	}
	struct passwd *pw = getpwnam(PG_USER);
	if (pw == NULL) {
		int rc = system("useradd --system --no-create-home --home-dir /nonexistent "
		                "--shell /usr/sbin/nologin " PG_USER " >/dev/null 2>&1");
		pw = getpwnam(PG_USER);
		if (pw == NULL)
			return fail(err, errlen,
			            "cannot create the system user \"" PG_USER "\" for PostgreSQL "
			            "(useradd exit %d)",
			            rc);
	}
	*uid = pw->pw_uid;
	*gid = pw->pw_gid;
	return true;
}

/* PostgreSQL must traverse every ancestor of its data directory. */
static void open_ancestors(const char *dir)
{
	char buf[4096];
	struct stat self;
	if (stat(dir, &self) == 0 && !(self.st_mode & S_IXOTH))
		chmod(dir, self.st_mode | S_IXOTH); /* search only: its files stay 0600 */
	snprintf(buf, sizeof buf, "%s", dir);
	for (char *p = strrchr(buf, '/'); p != NULL && p != buf; p = strrchr(buf, '/')) {
		*p = '\0';
		struct stat st;
		if (stat(buf, &st) == 0 && !(st.st_mode & S_IXOTH)) {
			note(
			    "ogi: note: allowing other users to traverse %s so the database server "
			    "can reach its data",
			    buf);
			chmod(buf, st.st_mode | S_IXOTH);
		}
	}
}

static bool chown_tree_top(const char *path, uid_t uid, gid_t gid)
{
	return geteuid() != 0 || chown(path, uid, gid) == 0;
}

/* Runs bin/prog as the server user with stdout/stderr to logfile. */
static pid_t spawn_as(uid_t uid, gid_t gid, const char *logfile, char *const argv[],
                      bool die_with_parent)
{
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid != 0)
		return pid;
	int fd = open(logfile, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd >= 0) {
		dup2(fd, 1);
		dup2(fd, 2);
	}
	int devnull = open("/dev/null", O_RDONLY);
	if (devnull >= 0)
		dup2(devnull, 0);
	setsid();
	if (geteuid() == 0) {
		if (setgroups(0, NULL) != 0 || setgid(gid) != 0 || setuid(uid) != 0)
			_exit(126);
	}
	/* after setuid: a credential change clears the parent-death signal */
	if (die_with_parent) {
		prctl(PR_SET_PDEATHSIG, SIGINT);
		if (getppid() != parent)
			_exit(0);
	}
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	execv(argv[0], argv);
	_exit(127);
}

static int wait_exit(pid_t pid, int seconds)
{
	for (int i = 0; i < seconds * 20; i++) {
		int status;
		pid_t r = waitpid(pid, &status, WNOHANG);
		if (r == pid)
			return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
		if (r < 0)
			return -1;
		usleep(50000);
	}
	return -2;
}

static void tail_log(const char *logfile, char *out, size_t len)
{
	out[0] = '\0';
	FILE *f = fopen(logfile, "r");
	if (f == NULL)
		return;
	char line[512];
	while (fgets(line, sizeof line, f) != NULL) {
		if (line[0] != '\n')
			snprintf(out, len, "%s", line);
	}
	fclose(f);
	size_t n = strlen(out);
	if (n > 0 && out[n - 1] == '\n')
		out[n - 1] = '\0';
}

static bool pid_is_postgres(pid_t pid)
{
	char path[64], cmd[256] = {0};
	snprintf(path, sizeof path, "/proc/%d/cmdline", (int)pid);
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return false;
	size_t n = fread(cmd, 1, sizeof cmd - 1, f);
	fclose(f);
	cmd[n] = '\0';
	return strstr(cmd, "postgres") != NULL;
}

/* A postmaster.pid left behind: a crashed server (remove the file) or an
 * orphan of a killed ogid that is still shutting down (wait for it). */
static bool clear_stale_pid(struct ogi_cluster *c, char *err, size_t errlen)
{
	char pidfile[4200];
	snprintf(pidfile, sizeof pidfile, "%s/postmaster.pid", c->pgdata);
	FILE *f = fopen(pidfile, "r");
	if (f == NULL)
		return true;
	int pid = 0;
	if (fscanf(f, "%d", &pid) != 1)
		pid = 0;
	fclose(f);
	if (pid > 0 && kill(pid, 0) == 0 && pid_is_postgres(pid)) {
		/* we hold the data directory's lock, so no ogid owns this server */
		kill(pid, SIGINT);
		for (int i = 0; i < 600 && kill(pid, 0) == 0; i++)
			usleep(50000);
		if (kill(pid, 0) == 0)
			return fail(err, errlen,
			            "an old database server (pid %d) on %s does not stop", pid,
			            c->pgdata);
		return true;
	}
	note("ogi: note: removing stale %s (pid %d is gone)", pidfile, pid);
	unlink(pidfile);
	return true;
}

static void set_paths(struct ogi_cluster *c, const char *abs)
{
	snprintf(c->data_dir, sizeof c->data_dir, "%s", abs);
	snprintf(c->pgdata, sizeof c->pgdata, "%s/pg", abs);
	snprintf(c->sockdir, sizeof c->sockdir, "%s/run", abs);
	snprintf(c->conninfo, sizeof c->conninfo, "host=%s dbname=ogi user=" PG_USER, c->sockdir);
	snprintf(c->app_conninfo, sizeof c->app_conninfo, "host=%s dbname=ogi user=ogid",
	         c->sockdir);
}

static bool wait_ready(struct ogi_cluster *c, const char *logfile, char *err, size_t errlen)
{
	char conninfo[4200];
	snprintf(conninfo, sizeof conninfo, "host=%s dbname=postgres user=" PG_USER, c->sockdir);
	for (int i = 0; i < 1200; i++) {
		if (PQping(conninfo) == PQPING_OK)
			return true;
		int status;
		if (waitpid(c->postmaster, &status, WNOHANG) == c->postmaster) {
			char last[512];
			tail_log(logfile, last, sizeof last);
			c->postmaster = 0;
			return fail(err, errlen, "the database server exited at start: %s", last);
		}
		usleep(50000);
	}
	return fail(err, errlen, "the database server did not accept connections within 60 s");
}

static bool ensure_database(struct ogi_cluster *c, char *err, size_t errlen)
{
	char conninfo[4200];
	snprintf(conninfo, sizeof conninfo, "host=%s dbname=postgres user=" PG_USER, c->sockdir);
	PGconn *conn = PQconnectdb(conninfo);
	if (PQstatus(conn) != CONNECTION_OK) {
		fail(err, errlen, "cannot connect to the embedded server: %s",
		     PQerrorMessage(conn));
		PQfinish(conn);
		return false;
	}
	PGresult *res = PQexec(conn, "SELECT 1 FROM pg_database WHERE datname = 'ogi'");
	bool exists = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1;
	PQclear(res);
	bool ok = true;
	if (!exists) {
		res = PQexec(conn, "CREATE DATABASE ogi TEMPLATE template0 ENCODING 'UTF8' "
		                   "LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'");
		if (PQresultStatus(res) != PGRES_COMMAND_OK)
			ok = fail(err, errlen, "cannot create database ogi: %s",
			          PQresultErrorMessage(res));
		PQclear(res);
	}
	PQfinish(conn);
	return ok;
}

static bool take_lock(struct ogi_cluster *c, char *err, size_t errlen)
{
	char lockfile[4200];
	snprintf(lockfile, sizeof lockfile, "%s/ogid.lock", c->data_dir);
	c->lock_fd = open(lockfile, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (c->lock_fd < 0)
		return fail(err, errlen, "cannot open %s: %s", lockfile, strerror(errno));
	if (flock(c->lock_fd, LOCK_EX | LOCK_NB) != 0) {
		close(c->lock_fd);
		c->lock_fd = -1;
		return fail(err, errlen, "another ogid already runs on %s", c->data_dir);
	}
	return true;
}

bool ogi_cluster_start(struct ogi_cluster *c, const char *data_dir, char *err, size_t errlen)
{
	memset(c, 0, sizeof *c);
	c->lock_fd = -1;
	if (!mkdir_p(data_dir, 0700))
		return fail(err, errlen, "cannot create data directory %s: %s", data_dir,
		            strerror(errno));
	char abs[4096];
	if (realpath(data_dir, abs) == NULL)
		return fail(err, errlen, "cannot resolve %s: %s", data_dir, strerror(errno));
	set_paths(c, abs);
	if (strlen(c->sockdir) + sizeof "/.s.PGSQL.5432" > 107)
		return fail(err, errlen, "data directory path too long for a Unix socket: %s", abs);
	if (!take_lock(c, err, errlen))
		return false;

	char bindir[1024];
	uid_t uid = 0;
	gid_t gid = 0;
	if (!ogi_pg_bindir(bindir, sizeof bindir))
		return fail(err, errlen,
		            "no PostgreSQL server found under /usr/lib/postgresql "
		            "(apt-get install postgresql, or set OGI_PG_BINDIR)");
	if (!server_user(&uid, &gid, err, errlen))
		return false;
	if (geteuid() == 0)
		open_ancestors(abs);
	if (!mkdir_p(c->sockdir, 0700) || !chown_tree_top(c->sockdir, uid, gid))
		return fail(err, errlen, "cannot prepare %s: %s", c->sockdir, strerror(errno));

	char logfile[4200], version_file[4200];
	snprintf(logfile, sizeof logfile, "%s/postgresql.log", abs);
	int lfd = open(logfile, O_WRONLY | O_CREAT | O_APPEND, 0600);
	if (lfd >= 0) {
		if (geteuid() == 0 && fchown(lfd, uid, gid) != 0)
			note("ogi: warning: cannot hand %s to the server user", logfile);
		close(lfd);
	}
	snprintf(version_file, sizeof version_file, "%s/PG_VERSION", c->pgdata);
	if (access(version_file, F_OK) != 0) {
		if (!mkdir_p(c->pgdata, 0700) || !chown_tree_top(c->pgdata, uid, gid))
			return fail(err, errlen, "cannot create %s: %s", c->pgdata,
			            strerror(errno));
		char initdb[1100];
		snprintf(initdb, sizeof initdb, "%s/initdb", bindir);
		char *argv[] = {initdb, "-D",   c->pgdata,          "-U", PG_USER, "--auth=trust",
		                "-E",   "UTF8", "--locale=C.UTF-8", NULL};
		note("ogi: creating the embedded database cluster in %s", c->pgdata);
		pid_t pid = spawn_as(uid, gid, logfile, argv, false);
		int rc = pid > 0 ? wait_exit(pid, 300) : -1;
		if (rc != 0) {
			char last[512];
			tail_log(logfile, last, sizeof last);
			return fail(err, errlen, "initdb failed (exit %d): %s", rc, last);
		}
		c->created = true;
	}
	if (!clear_stale_pid(c, err, errlen))
		return false;

	char postgres[1100], sockopt[4200];
	snprintf(postgres, sizeof postgres, "%s/postgres", bindir);
	snprintf(sockopt, sizeof sockopt, "unix_socket_directories=%s", c->sockdir);
	char *argv[] = {postgres, "-D", c->pgdata, "-c", "listen_addresses=", "-c", sockopt, "-c",
	                "unix_socket_permissions=0700", "-c", "max_connections=200", "-c",
	                "logging_collector=off",
	                /* no DETAIL lines: they may quote a row, and rows hold personal data */
	                "-c", "log_error_verbosity=terse", NULL};
	c->postmaster = spawn_as(uid, gid, logfile, argv, true);
	if (c->postmaster < 0)
		return fail(err, errlen, "cannot start postgres: %s", strerror(errno));
	if (!wait_ready(c, logfile, err, errlen))
		return false;
	return ensure_database(c, err, errlen);
}

bool ogi_cluster_attach(struct ogi_cluster *c, const char *data_dir)
{
	memset(c, 0, sizeof *c);
	c->lock_fd = -1;
	char abs[4096];
	if (realpath(data_dir, abs) == NULL)
		return false;
	set_paths(c, abs);
	char conninfo[4200];
	snprintf(conninfo, sizeof conninfo, "host=%s dbname=ogi user=" PG_USER, c->sockdir);
	return PQping(conninfo) == PQPING_OK;
}

void ogi_cluster_stop(struct ogi_cluster *c)
{
	if (c->postmaster > 0) {
		kill(c->postmaster, SIGINT); /* fast shutdown */
		if (wait_exit(c->postmaster, 60) == -2) {
			kill(c->postmaster, SIGQUIT);
			wait_exit(c->postmaster, 10);
		}
		c->postmaster = 0;
	}
	if (c->lock_fd >= 0) {
		close(c->lock_fd);
		c->lock_fd = -1;
	}
}

int ogi_cluster_run_tool(const char *tool, char *const argv[], bool quiet)
{
	char bindir[1024], path[1200];
	if (!ogi_pg_bindir(bindir, sizeof bindir))
		return 127;
	snprintf(path, sizeof path, "%s/%s", bindir, tool);
	fflush(stdout); /* what the caller printed comes before what the tool prints */
	pid_t pid = fork();
	if (pid == 0) {
		if (quiet) {
			int devnull = open("/dev/null", O_WRONLY);
			if (devnull >= 0)
				dup2(devnull, 1);
		}
		execv(path, argv);
		_exit(127);
	}
	if (pid < 0)
		return 127;
	int status;
	if (waitpid(pid, &status, 0) != pid)
		return 127;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
