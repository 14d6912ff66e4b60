/* Who sent a request (see peer.h). */
#include "daemon/core/peer.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "daemon/core/config.h"

static void connection_address(struct ctx *c, char *out, size_t len)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(c->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	snprintf(out, len, "unknown");
	if (ci == NULL || ci->client_addr == NULL)
		return;
	char text[INET6_ADDRSTRLEN] = "";
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, text, sizeof text);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, text,
		          sizeof text);
	/* an IPv4 client of an IPv6 socket (::ffff:a.b.c.d) as its IPv4 address */
	if (!ogi_address_normal(text, strlen(text), out, len))
		snprintf(out, len, "unknown");
}

void peer_resolve(struct ctx *c)
{
	connection_address(c, c->peer.address, sizeof c->peer.address);
	const char *host = header(c, MHD_HTTP_HEADER_HOST);
	snprintf(c->peer.host, sizeof c->peer.host, "%s", host ? host : "");
	c->peer.https = false;
	c->peer.proxied = false;
	if (ogid.ntrusted_proxies == 0 ||
	    !ogi_cidr_holds(ogid.trusted_proxies, ogid.ntrusted_proxies, c->peer.address))
		return;
	struct ogi_forwarded f;
	ogi_forwarded_read(header(c, "Forwarded"), header(c, "X-Forwarded-For"),
	                   header(c, "X-Forwarded-Host"), header(c, "X-Forwarded-Proto"),
	                   ogid.trusted_proxies, ogid.ntrusted_proxies, &f);
	c->peer.proxied = true;
	if (f.client[0] != '\0')
		snprintf(c->peer.address, sizeof c->peer.address, "%s", f.client);
	if (f.host[0] != '\0')
		snprintf(c->peer.host, sizeof c->peer.host, "%s", f.host);
	c->peer.https = f.https;
}
