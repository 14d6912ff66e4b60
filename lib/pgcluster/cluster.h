/* The embedded PostgreSQL cluster: created on first use under a data
 * directory, reachable only through a Unix socket inside it, run under an
 * unprivileged user when we are root, stopped with its owner. */
#ifndef OGI_CLUSTER_H
#define OGI_CLUSTER_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct ogi_cluster {
	char data_dir[4096];     /* absolute */
	char pgdata[4096];       /* data_dir/pg */
	char sockdir[4096];      /* data_dir/run */
	char conninfo[4200];     /* for libpq: host=sockdir dbname=ogi user=ogi (the owner) */
	char app_conninfo[4200]; /* user=ogid: ogid's requests (see ogi_embedded_login_ensure) */
	pid_t postmaster;        /* ours, or 0 when someone else runs it */
	int lock_fd;             /* flock on data_dir/ogid.lock while we own the cluster */
	bool created;            /* initdb ran in this start */
};

/* Where the cluster's notes go (the cluster created, a stale pid file
 * removed, a directory opened to the server user): the library never
 * writes to stderr itself.  NULL (the default) drops them.  Set once,
 * before a cluster is started. */
void ogi_cluster_set_logger(void (*fn)(const char *line));

/* Takes the data directory's lock, creates the cluster when it does not
 * exist, clears a stale postmaster.pid left by a crash, starts postgres as
 * a child that dies with us (SIGINT on our death), and waits until it
 * accepts connections and the database "ogi" exists.  On failure writes a
 * one-line reason into err and returns false. */
bool ogi_cluster_start(struct ogi_cluster *c, const char *data_dir, char *err, size_t errlen);

/* Connects to a cluster an ogid already runs on data_dir (its lock is
 * held); false when none runs there. */
bool ogi_cluster_attach(struct ogi_cluster *c, const char *data_dir);

/* Fast shutdown of our postmaster (in-flight transactions roll back),
 * waiting for it to exit; releases the lock. */
void ogi_cluster_stop(struct ogi_cluster *c);

/* Runs a PostgreSQL client program (pg_dump, pg_restore) from the server's
 * bin directory with the given arguments (argv[0] the tool's name), its
 * standard output to /dev/null when quiet; returns its exit status (127
 * when it cannot be run). */
int ogi_cluster_run_tool(const char *tool, char *const argv[], bool quiet);

/* The directory holding postgres and initdb: $OGI_PG_BINDIR, else the
 * newest /usr/lib/postgresql/<ver>/bin. */
bool ogi_pg_bindir(char *out, size_t len);

#endif
