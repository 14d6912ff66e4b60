/* ogid's command line (options.c): what main.c starts with. */
#ifndef OGI_DAEMON_OPTIONS_H
#define OGI_DAEMON_OPTIONS_H

#include <stddef.h>
#include <sys/socket.h>

#include "daemon/core/config.h"

struct ogid_options {
	const char *listen; /* ADDRESS:PORT as given */
	/* --public-listen: a second address serving only /apply/ and /api/v1/public/ (NULL: none)
	 */
	const char *public_listen;
	struct sockaddr_storage public_addr;
	socklen_t public_addrlen;
	struct sockaddr_storage addr;
	socklen_t addrlen;
	const char *database; /* NULL or empty: the embedded cluster */
	const char *data_dir;
	const char *key_file; /* NULL: DATA-DIR/ogi.key, made when missing */
	const char *body_name;
	long threads;        /* libmicrohttpd's HTTP threads */
	long db_connections; /* the workers, each with its database connection */
	unsigned int idle_timeout, request_timeout, max_connections, max_per_address;
	size_t max_header_size;
	long long max_attachment, max_attachments_total;
	int max_uploads;
	int session_idle, session_lifetime; /* seconds */
	int nreplicas;
	const char *replicas[8]; /* --replica: streaming standbys for lag-tolerant reads */
	double replica_max_lag;  /* seconds */
	int ntrusted_proxies;
	struct ogi_cidr trusted_proxies[OGID_TRUSTED_PROXIES_MAX];
	/* the reminder digests (issue 16 item 4): none without smtp_url */
	const char *smtp_url, *smtp_from, *smtp_credentials;
	int reminder_minute; /* local minutes after midnight from which a day's digests go */
	int reminder_retry;  /* seconds before the first retry */
};

/* Reads argv (and OGI_DATABASE_URL, OGI_SESSION_IDLE_SECONDS and
 * OGI_SESSION_LIFETIME_SECONDS, the defaults of their options) into o.  Returns -1 to go on, or the
 * status to exit with: 0 after --help, 2 after a usage error (said on
 * stderr). */
int options_parse(int argc, char **argv, struct ogid_options *o);

#endif
