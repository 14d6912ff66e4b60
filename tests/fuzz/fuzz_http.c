/* Bytes on the wire into ogid's own HTTP front: libmicrohttpd (external
 * mode, no listening socket) hands a connection made of a socket pair to
 * the access handler ogid runs (daemon/core/dispatch.c), with ogid's options
 * of main.c, so every request goes through the header checks of issue 19
 * item 7 (daemon/core/http_check.c: versions, framing, NULs, folded and
 * control characters, encodings, cookies, sizes), the forwarding headers of
 * a trusted proxy (peer.c), the UTF-8 check of the target, the route
 * table, Origin, the media type and the JSON parse; no database answers
 * (a socket that does not exist), so whatever needs one gets 503.  The
 * first input byte picks the set-up (bit 0: 127.0.0.0/8 a trusted proxy;
 * bit 1: a header limit of 4096 bytes), the rest is what the client sends,
 * pipelined requests and all.  Checked: no crash, leak or undefined
 * behaviour; every answer is a well-formed status line, never a 500 (a 5xx
 * only 503 or 505); every problem document carries ogid's security
 * headers; the connection is given back. */
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "daemon/core/config.h"
#include "daemon/core/dispatch.h"
#include "daemon/core/guard.h"
#include "daemon/core/http_check.h"
#include "daemon/core/log.h"
#include "lib/proxy.h"
#include "tests/fuzz/fuzz.h"

static struct MHD_Daemon *daemons[4]; /* by the set-up bits */

static void quiet(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	(void)fmt;
	(void)ap;
}

static struct MHD_Daemon *start(unsigned setup)
{
	size_t header_limit = (setup & 2) ? 4096 : 65536;
	return MHD_start_daemon(
	    MHD_USE_NO_LISTEN_SOCKET, 0, NULL, NULL, access_handler, NULL,
	    MHD_OPTION_EXTERNAL_LOGGER, quiet, NULL, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
	    http_memory_limit(header_limit), MHD_OPTION_URI_LOG_CALLBACK, http_uri_seen, NULL,
	    MHD_OPTION_STRICT_FOR_CLIENT, 1, MHD_OPTION_NOTIFY_CONNECTION, guard_notify, NULL,
	    MHD_OPTION_NOTIFY_COMPLETED, request_completed, NULL, MHD_OPTION_END);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* no server listens there: requests that need the database get 503 at once */
	ogid.conninfo = "host=/nonexistent/ogi-fuzz-http dbname=none connect_timeout=1";
	log_enabled = getenv("OGI_FUZZ_HTTP_LOG") != NULL; /* the access lines, when wanted */
	for (unsigned s = 0; s < 4; s++)
		if ((daemons[s] = start(s)) == NULL) {
			fprintf(stderr, "fuzz_http: libmicrohttpd would not start\n");
			abort();
		}
	return 0;
}

static unsigned open_connections(struct MHD_Daemon *d)
{
	const union MHD_DaemonInfo *i = MHD_get_daemon_info(d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
	return i ? i->num_connections : 0;
}

/* The answers in out[0..len): each a status line, headers and a Content-Length body. */
static void check_answers(const char *out, size_t len)
{
	size_t at = 0;
	while (at < len) {
		const char *p = out + at;
		size_t left = len - at;
		const char *end = memmem(p, left, "\r\n\r\n", 4);
		if (end == NULL)
			return; /* cut short by the end of the run */
		FUZZ_CHECK(left > 12 &&
		           (memcmp(p, "HTTP/1.1 ", 9) == 0 || memcmp(p, "HTTP/1.0 ", 9) == 0));
		int status = (p[9] - '0') * 100 + (p[10] - '0') * 10 + (p[11] - '0');
		FUZZ_CHECK(status >= 100 && status <= 599);
		FUZZ_CHECK(status != 500);
		FUZZ_CHECK(status < 500 || status == 503 || status == 505);
		size_t head = (size_t)(end - p) + 4;
		char headers[16384];
		size_t hn = head < sizeof headers - 1 ? head : sizeof headers - 1;
		memcpy(headers, p, hn);
		headers[hn] = '\0';
		for (char *c = headers; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c - 'A' + 'a');
		if (strstr(headers, "content-type: application/problem+json") != NULL)
			FUZZ_CHECK(strstr(headers, "x-content-type-options: nosniff") != NULL &&
			           strstr(headers, "content-security-policy: ") != NULL);
		const char *cl = strstr(headers, "\r\ncontent-length: ");
		size_t body = cl ? strtoul(cl + 18, NULL, 10) : 0;
		if (cl == NULL && strstr(headers, "transfer-encoding: chunked") != NULL)
			return; /* not ours: no route answers chunked */
		at += head + body;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 65536)
		return 0;
	struct MHD_Daemon *d = daemons[data[0] & 3];
	ogid.ntrusted_proxies = 0;
	if (data[0] & 1)
		ogid.ntrusted_proxies =
		    ogi_cidr_parse("127.0.0.0/8", &ogid.trusted_proxies[0]) ? 1 : 0;
	ogid.max_header_size = (data[0] & 2) ? 4096 : 65536;

	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
		return 0;
	struct sockaddr_in peer = {.sin_family = AF_INET, .sin_port = htons(40000)};
	peer.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (MHD_add_connection(d, sv[1], (struct sockaddr *)&peer, sizeof peer) != MHD_YES) {
		close(sv[0]);
		close(sv[1]);
		return 0;
	}
	fcntl(sv[0], F_SETFL, fcntl(sv[0], F_GETFL) | O_NONBLOCK);
	size_t sent = 0, todo = size - 1;
	const uint8_t *req = data + 1;
	char *out = malloc(1 << 20);
	size_t got = 0;
	int quiet_rounds = 0;
	bool closed = false;
	/* write what the socket takes, run libmicrohttpd, read what it answers, until nothing
	   moves for a while (a request waiting for bytes that never come) or it hangs up */
	for (int round = 0; round < 2000 && quiet_rounds < 3 && !closed && out != NULL; round++) {
		bool moved = false;
		if (sent < todo) {
			ssize_t n = write(sv[0], req + sent, todo - sent);
			if (n > 0) {
				sent += (size_t)n;
				moved = true;
			}
		}
		MHD_run(d);
		for (;;) {
			if (got == (1 << 20))
				break;
			ssize_t n = read(sv[0], out + got, (1 << 20) - got);
			if (n == 0) {
				closed = true;
				break;
			}
			if (n < 0)
				break;
			got += (size_t)n;
			moved = true;
		}
		quiet_rounds = moved ? 0 : quiet_rounds + 1;
	}
	close(sv[0]);
	/* libmicrohttpd notices the hang-up and gives the connection back (request_completed) */
	for (int round = 0; round < 200 && open_connections(d) > 0; round++)
		MHD_run(d);
	FUZZ_CHECK(open_connections(d) == 0);
	if (out != NULL)
		check_answers(out, got);
	free(out);
	return 0;
}
