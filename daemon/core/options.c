/* ogid's command line (see options.h): the options, their defaults and limits. */
#include "daemon/core/options.h"

#include <arpa/inet.h>
#include <getopt.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon/core/routes.h"
#include "lib/smtp.h"

static void usage(FILE *out)
{
	fprintf(
	    out,
	    "usage: ogid [--listen ADDR:PORT] [--public-listen ADDR:PORT] [--database URL] "
	    "[--data-dir DIR] [--threads N]\n"
	    "            [--db-connections N] [--replica URL]... [--replica-max-lag S]\n"
	    "            [--body-name NAME] [--timeout S] [--request-timeout S]\n"
	    "            [--max-connections N] [--max-connections-per-address N]\n"
	    "            [--max-header-size BYTES] [--trusted-proxy CIDR]...\n"
	    "            [--session-idle S] [--session-lifetime S]\n"
	    "            [--max-attachment BYTES] [--max-attachments-total BYTES]\n"
	    "            [--max-uploads N] [--key-file FILE]\n"
	    "            [--smtp-url URL --smtp-from ADDR [--smtp-credentials FILE]]\n"
	    "            [--reminder-time HH:MM] [--reminder-retry S] | --print-routes\n"
	    "  --listen     address and port to serve HTTP on (default 127.0.0.1:8080)\n"
	    "  --public-listen  a second address and port serving only the public channel:\n"
	    "               the /apply/ pages and /api/v1/public/ (issue 15), for an office\n"
	    "               that exposes just those to the internet\n"
	    "  --database   PostgreSQL URL or conninfo (or OGI_DATABASE_URL); without it ogid\n"
	    "               runs its own embedded cluster under the data directory\n"
	    "  --data-dir   where the embedded cluster and the initial password live (./var)\n"
	    "  --threads    HTTP threads, reading requests and writing answers (default:\n"
	    "               one per core)\n"
	    "  --db-connections  database connections, each with a thread that runs\n"
	    "               requests on it (default 2 x cores, at least 4)\n"
	    "  --replica    a streaming standby of the database (repeatable, at most 8):\n"
	    "               reports, exports, lists and the audit log are read there while\n"
	    "               it lags no more than --replica-max-lag seconds (2)\n"
	    "  --body-name  name of the first body created in an empty database\n"
	    "  --timeout    seconds a connection may sit idle before it is closed (30)\n"
	    "  --request-timeout  seconds a client has to send a whole request, however\n"
	    "               slowly it trickles in (60)\n"
	    "  --max-connections  open HTTP connections at most; more are refused (1000)\n"
	    "  --max-connections-per-address  from one client address; 0 = no limit (100;\n"
	    "               behind a reverse proxy every client has the proxy's address)\n"
	    "  --max-header-size  bytes for the request line and headers; larger gets 431\n"
	    "               (65536)\n"
	    "  --trusted-proxy  a reverse proxy's address or range (10.0.0.0/8, ::1);\n"
	    "               repeatable. Only from these are Forwarded and X-Forwarded-For,\n"
	    "               -Host and -Proto believed (the client's address, host, https)\n"
	    "  --session-idle   seconds a session may go unused (1800;\n"
	    "               OGI_SESSION_IDLE_SECONDS)\n"
	    "  --session-lifetime  seconds a session lasts however busy (43200, 12 hours;\n"
	    "               OGI_SESSION_LIFETIME_SECONDS)\n"
	    "  --max-attachment  bytes of one attached file at most; larger gets 413 before\n"
	    "               it is read (52428800, 50 MiB)\n"
	    "  --max-attachments-total  bytes of all of one request's files (1073741824)\n"
	    "  --max-uploads  files streaming in at once, each on a database connection of\n"
	    "               its own; more get 503 with Retry-After (16)\n"
	    "  --key-file   the keys of the applicants' personal data (sealed) and of the\n"
	    "               search by number, outside the database (DATA-DIR/ogi.key, made on\n"
	    "               first start; mode 0600; read again when ogictl key rotate changes it)\n"
	    "  --smtp-url   the mail server for the reminder digests: smtp://HOST[:PORT]\n"
	    "               (STARTTLS when offered) or smtps://HOST[:PORT]; without it no\n"
	    "               digest is queued or sent\n"
	    "  --smtp-from  the digests' sender address (with --smtp-url)\n"
	    "  --smtp-credentials  a file holding user:password on its first line, to log\n"
	    "               in to the mail server\n"
	    "  --reminder-time  the local time (Asia/Shanghai) from which each working day's\n"
	    "               digests go out (08:00)\n"
	    "  --reminder-retry  seconds before the first retry of a failed send, doubled\n"
	    "               each time up to an hour (60)\n"
	    "  --print-routes  print the route table as JSON (method, path, least role,\n"
	    "               flags) and exit\n");
}

/* A whole number option within [min, max]; exits with a usage error otherwise. */
static unsigned long number_option(const char *name, const char *text, unsigned long min,
                                   unsigned long max)
{
	char *end;
	unsigned long v = strtoul(text, &end, 10);
	if (*text == '\0' || *end != '\0' || text[0] == '-' || v < min || v > max) {
		fprintf(stderr, "ogid: --%s must be a whole number from %lu to %lu\n", name, min,
		        max);
		exit(2);
	}
	return v;
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

/* A number of seconds from the environment, or fallback when unset or no such number. */
static int env_seconds(const char *name, int fallback)
{
	const char *v = getenv(name);
	char *end;
	long n = v ? strtol(v, &end, 10) : 0;
	return v && *v && *end == '\0' && n > 0 && n <= 31 * 86400 ? (int)n : fallback;
}

int options_parse(int argc, char **argv, struct ogid_options *o)
{
	*o = (struct ogid_options){
	    .listen = "127.0.0.1:8080",
	    .database = getenv("OGI_DATABASE_URL"),
	    .data_dir = "./var",
	    .body_name = "本机关",
	    .idle_timeout = 30,
	    .request_timeout = 60,
	    .max_connections = 1000,
	    .max_per_address = 100,
	    .max_header_size = 65536,
	    .replica_max_lag = 2,
	    .session_idle = env_seconds("OGI_SESSION_IDLE_SECONDS", 1800),
	    .session_lifetime = env_seconds("OGI_SESSION_LIFETIME_SECONDS", 43200),
	    .max_attachment = 50LL * 1024 * 1024,
	    .max_attachments_total = 1024LL * 1024 * 1024,
	    .max_uploads = 16,
	    .reminder_minute = 8 * 60,
	    .reminder_retry = 60,
	};
	static const struct option opts[] = {
	    {"listen", required_argument, NULL, 'l'},
	    {"public-listen", required_argument, NULL, 'p'},
	    {"database", required_argument, NULL, 'd'},
	    {"data-dir", required_argument, NULL, 'D'},
	    {"threads", required_argument, NULL, 't'},
	    {"db-connections", required_argument, NULL, 'n'},
	    {"replica", required_argument, NULL, 'e'},
	    {"replica-max-lag", required_argument, NULL, 'g'},
	    {"body-name", required_argument, NULL, 'b'},
	    {"timeout", required_argument, NULL, 'T'},
	    {"request-timeout", required_argument, NULL, 'R'},
	    {"max-connections", required_argument, NULL, 'C'},
	    {"max-connections-per-address", required_argument, NULL, 'A'},
	    {"max-header-size", required_argument, NULL, 'H'},
	    {"trusted-proxy", required_argument, NULL, 'P'},
	    {"session-idle", required_argument, NULL, 'I'},
	    {"session-lifetime", required_argument, NULL, 'L'},
	    {"max-attachment", required_argument, NULL, 'M'},
	    {"max-attachments-total", required_argument, NULL, 'N'},
	    {"max-uploads", required_argument, NULL, 'U'},
	    {"key-file", required_argument, NULL, 'K'},
	    {"smtp-url", required_argument, NULL, 1000},
	    {"smtp-from", required_argument, NULL, 1001},
	    {"smtp-credentials", required_argument, NULL, 1002},
	    {"reminder-time", required_argument, NULL, 1003},
	    {"reminder-retry", required_argument, NULL, 1004},
	    {"print-routes", no_argument, NULL, 'r'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	int opt;
	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (opt) {
		case 'l':
			o->listen = optarg;
			break;
		case 'p':
			o->public_listen = optarg;
			break;
		case 'd':
			o->database = optarg;
			break;
		case 'D':
			o->data_dir = optarg;
			break;
		case 't':
			o->threads = strtol(optarg, NULL, 10);
			if (o->threads < 1 || o->threads > 1024) {
				fprintf(stderr, "ogid: --threads must be between 1 and 1024\n");
				return 2;
			}
			break;
		case 'n':
			o->db_connections = (long)number_option("db-connections", optarg, 1, 1024);
			break;
		case 'e':
			if (o->nreplicas == (int)(sizeof o->replicas / sizeof o->replicas[0])) {
				fprintf(stderr, "ogid: at most 8 --replica\n");
				return 2;
			}
			o->replicas[o->nreplicas++] = optarg;
			break;
		case 'g': {
			char *end;
			o->replica_max_lag = strtod(optarg, &end);
			if (*optarg == '\0' || *end != '\0' || !(o->replica_max_lag >= 0.1) ||
			    o->replica_max_lag > 3600) {
				fprintf(
				    stderr,
				    "ogid: --replica-max-lag must be seconds from 0.1 to 3600\n");
				return 2;
			}
			break;
		}
		case 'b':
			o->body_name = optarg;
			break;
		case 'T':
			o->idle_timeout = (unsigned int)number_option("timeout", optarg, 1, 86400);
			break;
		case 'R':
			o->request_timeout =
			    (unsigned int)number_option("request-timeout", optarg, 1, 86400);
			break;
		case 'C':
			o->max_connections =
			    (unsigned int)number_option("max-connections", optarg, 1, 1000000);
			break;
		case 'A':
			o->max_per_address = (unsigned int)number_option(
			    "max-connections-per-address", optarg, 0, 1000000);
			break;
		case 'H':
			o->max_header_size =
			    number_option("max-header-size", optarg, 4096, 1048576);
			break;
		case 'P':
			if (o->ntrusted_proxies == OGID_TRUSTED_PROXIES_MAX) {
				fprintf(stderr, "ogid: at most %d --trusted-proxy ranges\n",
				        OGID_TRUSTED_PROXIES_MAX);
				return 2;
			}
			if (!ogi_cidr_parse(optarg, &o->trusted_proxies[o->ntrusted_proxies])) {
				fprintf(stderr,
				        "ogid: --trusted-proxy wants an address or a range, e.g. "
				        "10.0.0.0/8 or ::1, not %s\n",
				        optarg);
				return 2;
			}
			o->ntrusted_proxies++;
			break;
		case 'I':
			o->session_idle = (int)number_option("session-idle", optarg, 1, 31 * 86400);
			break;
		case 'L':
			o->session_lifetime =
			    (int)number_option("session-lifetime", optarg, 1, 31 * 86400);
			break;
		case 'M':
			o->max_attachment =
			    (long long)number_option("max-attachment", optarg, 1, 1UL << 40);
			break;
		case 'N':
			o->max_attachments_total =
			    (long long)number_option("max-attachments-total", optarg, 1, 1UL << 50);
			break;
		case 'U':
			o->max_uploads = (int)number_option("max-uploads", optarg, 1, 1000);
			break;
		case 'K':
			o->key_file = optarg;
			break;
		case 1000:
			o->smtp_url = optarg;
			break;
		case 1001:
			o->smtp_from = optarg;
			break;
		case 1002:
			o->smtp_credentials = optarg;
			break;
		case 1003: {
			int h, m;
			char end;
			if (sscanf(optarg, "%2d:%2d%c", &h, &m, &end) != 2 || h < 0 || h > 23 ||
			    m < 0 || m > 59) {
				fprintf(stderr, "ogid: --reminder-time wants HH:MM, e.g. 08:00\n");
				return 2;
			}
			o->reminder_minute = h * 60 + m;
			break;
		}
		case 1004:
			o->reminder_retry = (int)number_option("reminder-retry", optarg, 1, 3600);
			break;
		case 'r':
			return routes_print_json(stdout) ? 0 : 1;
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
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	if (cores < 1)
		cores = 2;
	if (o->threads == 0)
		o->threads = cores;
	if (o->db_connections == 0)
		o->db_connections = 2 * cores > 4 ? 2 * cores : 4;
	if (!parse_listen(o->listen, &o->addr, &o->addrlen)) {
		fprintf(stderr, "ogid: --listen wants ADDRESS:PORT, e.g. 127.0.0.1:8080\n");
		return 2;
	}
	if (o->public_listen != NULL &&
	    !parse_listen(o->public_listen, &o->public_addr, &o->public_addrlen)) {
		fprintf(stderr, "ogid: --public-listen wants ADDRESS:PORT, e.g. 0.0.0.0:8443\n");
		return 2;
	}
	if (o->smtp_url != NULL && !ogi_smtp_url_ok(o->smtp_url)) {
		fprintf(stderr,
		        "ogid: --smtp-url wants smtp://HOST[:PORT] or smtps://HOST[:PORT]\n");
		return 2;
	}
	if (o->smtp_url != NULL && (o->smtp_from == NULL || strchr(o->smtp_from, '@') == NULL ||
	                            strpbrk(o->smtp_from, "\r\n") != NULL)) {
		fprintf(stderr, "ogid: --smtp-url needs --smtp-from ADDRESS (name@host)\n");
		return 2;
	}
	return -1;
}
