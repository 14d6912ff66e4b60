/* Trusted reverse proxies and their forwarding headers (see proxy.h). */
#include "lib/proxy.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The 4 or 16 bytes of address text a, IPv4-mapped IPv6 read as IPv4; 0 when it is none. */
static int address_bytes(const char *a, unsigned char out[16])
{
	if (inet_pton(AF_INET, a, out) == 1)
		return 4;
	if (inet_pton(AF_INET6, a, out) != 1)
		return 0;
	static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	if (memcmp(out, mapped, sizeof mapped) == 0) {
		memmove(out, out + 12, 4);
		return 4;
	}
	return 6;
}

bool ogi_cidr_parse(const char *text, struct ogi_cidr *out)
{
	char a[64];
	const char *slash = strchr(text, '/');
	size_t n = slash ? (size_t)(slash - text) : strlen(text);
	if (n == 0 || n >= sizeof a)
		return false;
	memcpy(a, text, n);
	a[n] = '\0';
	memset(out, 0, sizeof *out);
	out->family = address_bytes(a, out->addr);
	if (out->family == 0)
		return false;
	int max = out->family == 4 ? 32 : 128;
	out->bits = max;
	if (slash != NULL) {
		char *end;
		long bits = strtol(slash + 1, &end, 10);
		if (slash[1] < '0' || slash[1] > '9' || *end != '\0' || bits < 0 || bits > max)
			return false;
		out->bits = (int)bits;
	}
	return true;
}

static bool holds(const struct ogi_cidr *c, int family, const unsigned char *addr)
{
	if (c->family != family)
		return false;
	int full = c->bits / 8, rest = c->bits % 8;
	if (memcmp(c->addr, addr, (size_t)full) != 0)
		return false;
	if (rest == 0)
		return true;
	unsigned char mask = (unsigned char)(0xff << (8 - rest));
	return (c->addr[full] & mask) == (addr[full] & mask);
}

bool ogi_cidr_holds(const struct ogi_cidr *ranges, int n, const char *address)
{
	unsigned char addr[16];
	int family = address_bytes(address, addr);
	for (int i = 0; family != 0 && i < n; i++)
		if (holds(&ranges[i], family, addr))
			return true;
	return false;
}

bool ogi_address_normal(const char *text, size_t n, char *out, size_t len)
{
	while (n > 0 && (*text == ' ' || *text == '\t')) {
		text++;
		n--;
	}
	while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t'))
		n--;
	if (n >= 2 && text[0] == '"' && text[n - 1] == '"') {
		text++;
		n -= 2;
	}
	char a[64];
	if (n == 0 || n >= sizeof a)
		return false;
	if (text[0] == '[') {
		const char *close = memchr(text, ']', n);
		if (close == NULL)
			return false;
		size_t after = n - (size_t)(close - text) - 1;
		if (after != 0 && close[1] != ':')
			return false;
		n = (size_t)(close - text) - 1;
		memcpy(a, text + 1, n);
	} else {
		memcpy(a, text, n);
		const char *colon = memchr(a, ':', n);
		/* one colon: an IPv4 address with a port; more: a bare IPv6 address */
		if (colon != NULL && memchr(colon + 1, ':', n - (size_t)(colon - a) - 1) == NULL)
			n = (size_t)(colon - a);
	}
	a[n] = '\0';
	unsigned char bytes[16];
	int family = address_bytes(a, bytes);
	if (family == 0)
		return false;
	return inet_ntop(family == 4 ? AF_INET : AF_INET6, bytes, out, (socklen_t)len) != NULL;
}

#define CHAIN_MAX 32

struct chain {
	int n;
	struct {
		const char *at;
		size_t len;
	} hop[CHAIN_MAX];
};

static void chain_add(struct chain *ch, const char *at, size_t len)
{
	if (ch->n == CHAIN_MAX) { /* keep the nearest hops: drop the farthest */
		memmove(&ch->hop[0], &ch->hop[1], sizeof ch->hop[0] * (CHAIN_MAX - 1));
		ch->n--;
	}
	ch->hop[ch->n].at = at;
	ch->hop[ch->n].len = len;
	ch->n++;
}

/* A host as a client may name it: letters, digits, dots, dashes, a port, an IPv6 literal. */
static void host_copy(const char *text, size_t n, char *out, size_t len)
{
	while (n > 0 && (*text == ' ' || *text == '"')) {
		text++;
		n--;
	}
	while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '"'))
		n--;
	out[0] = '\0';
	if (n == 0 || n >= len)
		return;
	for (size_t i = 0; i < n; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]",
		            text[i]))
			return;
	memcpy(out, text, n);
	out[n] = '\0';
}

/* The last element of a comma-separated list, trimmed. */
static void last_element(const char *list, const char **at, size_t *len)
{
	const char *comma = strrchr(list, ',');
	*at = comma ? comma + 1 : list;
	*len = strlen(*at);
}

/* RFC 7239: elements by ",", pairs by ";", values tokens or quoted strings. */
static void forwarded_read(const char *h, struct chain *ch, const char **host, size_t *host_len,
                           const char **proto, size_t *proto_len)
{
	const char *p = h;
	while (*p) {
		/* one element: its pairs until a "," outside quotes */
		*host = *proto = NULL;
		while (*p && *p != ',') {
			while (*p == ' ' || *p == ';')
				p++;
			const char *key = p;
			while (*p && *p != '=' && *p != ';' && *p != ',')
				p++;
			size_t klen = (size_t)(p - key);
			if (*p != '=')
				continue;
			const char *value = ++p;
			if (*p == '"') {
				p++;
				while (*p && *p != '"')
					p += p[0] == '\\' && p[1] ? 2 : 1;
				if (*p == '"')
					p++;
			} else {
				while (*p && *p != ';' && *p != ',')
					p++;
			}
			size_t vlen = (size_t)(p - value);
			if (klen == 3 && strncasecmp(key, "for", 3) == 0)
				chain_add(ch, value, vlen);
			else if (klen == 4 && strncasecmp(key, "host", 4) == 0)
				*host = value, *host_len = vlen;
			else if (klen == 5 && strncasecmp(key, "proto", 5) == 0)
				*proto = value, *proto_len = vlen;
		}
		if (*p == ',')
			p++;
	}
}

void ogi_forwarded_read(const char *forwarded, const char *x_for, const char *x_host,
                        const char *x_proto, const struct ogi_cidr *trusted, int ntrusted,
                        struct ogi_forwarded *out)
{
	memset(out, 0, sizeof *out);
	struct chain ch = {0};
	const char *host = NULL, *proto = NULL;
	size_t host_len = 0, proto_len = 0;
	if (forwarded != NULL && *forwarded) {
		forwarded_read(forwarded, &ch, &host, &host_len, &proto, &proto_len);
	} else {
		for (const char *p = x_for; p != NULL && *p;) {
			const char *comma = strchr(p, ',');
			size_t n = comma ? (size_t)(comma - p) : strlen(p);
			chain_add(&ch, p, n);
			p = comma ? comma + 1 : p + n;
		}
		if (x_host != NULL)
			last_element(x_host, &host, &host_len);
		if (x_proto != NULL)
			last_element(x_proto, &proto, &proto_len);
	}
	/* from the nearest hop outwards: the first that is not a trusted proxy */
	for (int i = ch.n - 1; i >= 0; i--) {
		char a[64];
		if (!ogi_address_normal(ch.hop[i].at, ch.hop[i].len, a, sizeof a))
			break; /* "unknown", an obfuscated name: nothing beyond it can be read */
		snprintf(out->client, sizeof out->client, "%s", a);
		if (!ogi_cidr_holds(trusted, ntrusted, a))
			break;
	}
	if (host != NULL)
		host_copy(host, host_len, out->host, sizeof out->host);
	if (proto != NULL) {
		while (proto_len > 0 && (*proto == ' ' || *proto == '"')) {
			proto++;
			proto_len--;
		}
		while (proto_len > 0 &&
		       (proto[proto_len - 1] == ' ' || proto[proto_len - 1] == '"'))
			proto_len--;
		out->https = proto_len == 5 && strncasecmp(proto, "https", 5) == 0;
	}
}
