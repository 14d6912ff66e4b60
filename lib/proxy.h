/* Reverse proxies ogid trusts (ogid --trusted-proxy CIDR), and what such a
 * proxy says about the client: who it is (Forwarded for=, X-Forwarded-For),
 * which host it asked for (Forwarded host=, X-Forwarded-Host) and whether
 * over https (Forwarded proto=, X-Forwarded-Proto).  ogid believes these
 * headers only from a peer inside a trusted range: from anyone else they are
 * whatever the client chose to write (issue 19 item 7: X-Forwarded-Host was
 * trusted from any client for the Origin check). */
#ifndef OGI_PROXY_H
#define OGI_PROXY_H

#include <stdbool.h>
#include <stddef.h>

/* An address range: IPv4 or IPv6, the address and how many leading bits count. */
struct ogi_cidr {
	int family; /* 4 or 6 */
	unsigned char addr[16];
	int bits;
};

/* "10.0.0.0/8", "192.168.1.7" (one address), "fd00::/8", "::1": into out;
 * false for anything else (a prefix longer than the address, host bits set
 * beyond the prefix are ignored). */
bool ogi_cidr_parse(const char *text, struct ogi_cidr *out);

/* An address as text ("127.0.0.1", "::ffff:10.1.2.3" counts as 10.1.2.3,
 * "::1"): whether one of the n ranges holds it. */
bool ogi_cidr_holds(const struct ogi_cidr *ranges, int n, const char *address);

/* One address as a proxy writes it — bare, IPv4 with a port ("1.2.3.4:80"),
 * IPv6 in brackets with or without a port ("[2001:db8::1]:443"), quoted
 * ("\"[::1]\"") — in its plain form ("::ffff:1.2.3.4" as "1.2.3.4") into
 * out[len]; false when it is none ("unknown", an obfuscated "_name"). */
bool ogi_address_normal(const char *text, size_t n, char *out, size_t len);

/* What a trusted proxy said, read from its headers (each NULL when absent):
 * the client is the nearest address of the chain that is not itself a
 * trusted proxy (read from the right: each proxy appends the address it
 * was called from), or the farthest one when all are; host and proto are
 * the nearest proxy's (the last element).  Forwarded (RFC 7239) when given
 * wins over the X-Forwarded-* headers.  Fields left empty (client[0] ==
 * '\0', host[0] == '\0', https false) when the headers do not say. */
struct ogi_forwarded {
	char client[64];
	char host[256];
	bool https;
};
void ogi_forwarded_read(const char *forwarded, const char *x_for, const char *x_host,
                        const char *x_proto, const struct ogi_cidr *trusted, int ntrusted,
                        struct ogi_forwarded *out);

#endif
