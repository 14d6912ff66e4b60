/* Trusted proxies (lib/proxy.h), as tables: ranges and the addresses they
 * hold, addresses as proxies write them, and what a chain of forwarding
 * headers says about the client, the host and https once ogid trusts the
 * proxy that sent them (ogid --trusted-proxy, issue 19 item 7). */
#include "lib/proxy.h"
#include "tests/unit/check.h"

int main(void)
{
	static const struct {
		const char *range, *address;
		bool holds;
	} ranges[] = {
	    {"10.0.0.0/8", "10.1.2.3", true},
	    {"10.0.0.0/8", "11.0.0.1", false},
	    {"192.168.1.7", "192.168.1.7", true},
	    {"192.168.1.7", "192.168.1.8", false},
	    {"172.16.0.0/12", "172.31.255.255", true},
	    {"172.16.0.0/12", "172.32.0.0", false},
	    {"127.0.0.0/8", "::ffff:127.0.0.5", true}, /* IPv4-mapped: the IPv4 address */
	    {"fd00::/8", "fd12:3456::1", true},
	    {"fd00::/8", "fe80::1", false},
	    {"::1", "::1", true},
	    {"0.0.0.0/0", "203.0.113.9", true},
	    {"0.0.0.0/0", "2001:db8::1", false}, /* an IPv4 range holds no IPv6 address */
	    {"10.0.0.0/8", "not an address", false},
	};
	for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++) {
		struct ogi_cidr c;
		CHECK(ogi_cidr_parse(ranges[i].range, &c), "%s parses", ranges[i].range);
		CHECK(ogi_cidr_holds(&c, 1, ranges[i].address) == ranges[i].holds,
		      "%s holds %s: %d", ranges[i].range, ranges[i].address, ranges[i].holds);
	}
	static const char *const bad[] = {"",         "10.0.0.0/33", "::/129",      "10.0.0.0/",
	                                  "10.0.0/8", "example.com", "10.0.0.0/8x", "/8"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct ogi_cidr c;
		CHECK(!ogi_cidr_parse(bad[i], &c), "\"%s\" is no range", bad[i]);
	}

	static const struct {
		const char *text, *normal; /* NULL: none */
	} addresses[] = {
	    {"203.0.113.9", "203.0.113.9"},
	    {" 203.0.113.9 ", "203.0.113.9"},
	    {"203.0.113.9:51234", "203.0.113.9"},
	    {"[2001:db8::17]:4711", "2001:db8::17"},
	    {"\"[2001:db8::17]\"", "2001:db8::17"},
	    {"2001:db8::17", "2001:db8::17"},
	    {"::ffff:198.51.100.4", "198.51.100.4"},
	    {"unknown", NULL},
	    {"_hidden", NULL},
	    {"[2001:db8::17]x", NULL},
	    {"", NULL},
	};
	for (size_t i = 0; i < sizeof addresses / sizeof addresses[0]; i++) {
		char out[64] = "";
		bool ok = ogi_address_normal(addresses[i].text, strlen(addresses[i].text), out,
		                             sizeof out);
		CHECK(ok == (addresses[i].normal != NULL), "\"%s\" read", addresses[i].text);
		if (ok && addresses[i].normal)
			CHECK_STR(out, addresses[i].normal, "\"%s\"", addresses[i].text);
	}

	struct ogi_cidr trusted[2];
	ogi_cidr_parse("10.0.0.0/8", &trusted[0]);
	ogi_cidr_parse("127.0.0.1", &trusted[1]);
	static const struct {
		const char *forwarded, *x_for, *x_host, *x_proto;
		const char *client, *host;
		bool https;
		const char *why;
	} chains[] = {
	    {NULL, "203.0.113.9", "ogi.example.gov.cn", "https", "203.0.113.9",
	     "ogi.example.gov.cn", true, "one proxy: nginx's usual headers"},
	    {NULL, "198.51.100.1, 203.0.113.9", NULL, "http", "203.0.113.9", "", false,
	     "a client wrote an X-Forwarded-For of its own: the address the proxy saw counts"},
	    {NULL, "203.0.113.9, 10.0.0.5", NULL, NULL, "203.0.113.9", "", false,
	     "two trusted proxies: the nearest untrusted hop is the client"},
	    {NULL, "10.0.0.7, 10.0.0.5", NULL, NULL, "10.0.0.7", "", false,
	     "all hops trusted: the farthest"},
	    {NULL, "unknown", NULL, NULL, "", "", false, "the proxy does not know"},
	    {NULL, NULL, "evil.example, ogi.example.gov.cn", "http, https", "",
	     "ogi.example.gov.cn", true, "host and proto: the nearest proxy's, the last"},
	    {NULL, NULL, "bad host/<x>", "HTTPS", "", "", true, "a host with a slash is none"},
	    {"for=192.0.2.60;proto=https;host=ogi.example.gov.cn", "198.51.100.1", "x", "http",
	     "192.0.2.60", "ogi.example.gov.cn", true, "RFC 7239 wins over X-Forwarded-*"},
	    {"for=\"[2001:db8:cafe::17]:4711\";proto=http, for=10.0.0.5;host=\"a.example\"", NULL,
	     NULL, NULL, "2001:db8:cafe::17", "a.example", false,
	     "RFC 7239, two elements, quoted IPv6 with a port"},
	    {"for=unknown;proto=https", NULL, NULL, NULL, "", "", true, "for=unknown"},
	    {NULL, NULL, NULL, NULL, "", "", false, "no headers at all"},
	};
	for (size_t i = 0; i < sizeof chains / sizeof chains[0]; i++) {
		struct ogi_forwarded f;
		ogi_forwarded_read(chains[i].forwarded, chains[i].x_for, chains[i].x_host,
		                   chains[i].x_proto, trusted, 2, &f);
		CHECK_STR(f.client, chains[i].client, "row %zu client: %s", i, chains[i].why);
		CHECK_STR(f.host, chains[i].host, "row %zu host: %s", i, chains[i].why);
		CHECK(f.https == chains[i].https, "row %zu https: %s", i, chains[i].why);
	}
	return check_done("proxy");
}
