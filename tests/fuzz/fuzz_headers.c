/* What a client writes that issue 19 made ogi read more carefully: the
 * forwarding headers of a reverse proxy (lib/proxy.c) and a password a
 * person chooses (lib/password.c).  The input is up to six lines: a trusted
 * range, Forwarded, X-Forwarded-For, -Host, -Proto, then a password and its
 * username as the rest (split at the first NUL).  Checked: total over any
 * bytes; a client address named is a plain address that reads back as
 * itself; a host holds only host characters and fits; a range that parses
 * holds the address it was written from when that is one; the password
 * rule gives one of its flaws, the same twice, with both messages. */
#include <string.h>

#include "lib/password.h"
#include "lib/proxy.h"
#include "tests/fuzz/fuzz.h"

/* The next line of data (up to '\n'), as a NUL-terminated copy in out; NULL past the end. */
static const char *line(const uint8_t **p, const uint8_t *end, char *out, size_t len)
{
	if (*p >= end)
		return NULL;
	const uint8_t *nl = memchr(*p, '\n', (size_t)(end - *p));
	size_t n = (size_t)((nl ? nl : end) - *p);
	if (n >= len)
		n = len - 1;
	memcpy(out, *p, n);
	out[n] = '\0';
	*p = nl ? nl + 1 : end;
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size;
	char range[128], fwd[2048], xfor[2048], xhost[512], xproto[64];
	const char *r = line(&p, end, range, sizeof range);
	const char *f = line(&p, end, fwd, sizeof fwd);
	const char *xf = line(&p, end, xfor, sizeof xfor);
	const char *xh = line(&p, end, xhost, sizeof xhost);
	const char *xp = line(&p, end, xproto, sizeof xproto);

	struct ogi_cidr trusted[1];
	int ntrusted = r != NULL && ogi_cidr_parse(r, &trusted[0]) ? 1 : 0;
	if (ntrusted) {
		FUZZ_CHECK(trusted[0].family == 4 || trusted[0].family == 6);
		FUZZ_CHECK(trusted[0].bits >= 0 &&
		           trusted[0].bits <= (trusted[0].family == 4 ? 32 : 128));
		char a[64];
		if (ogi_address_normal(r, strcspn(r, "/"), a, sizeof a))
			FUZZ_CHECK(ogi_cidr_holds(trusted, 1, a));
	}
	struct ogi_forwarded out;
	ogi_forwarded_read(f, xf, xh, xp, trusted, ntrusted, &out);
	FUZZ_CHECK(memchr(out.client, '\0', sizeof out.client) != NULL);
	FUZZ_CHECK(memchr(out.host, '\0', sizeof out.host) != NULL);
	if (out.client[0] != '\0') {
		char again[64];
		FUZZ_CHECK(ogi_address_normal(out.client, strlen(out.client), again, sizeof again));
		FUZZ_CHECK(strcmp(again, out.client) == 0);
	}
	FUZZ_CHECK(strspn(out.host,
	                  "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") ==
	           strlen(out.host));

	/* the rest: a password, then after a NUL the username */
	size_t rest = (size_t)(end - p);
	if (rest > 4096)
		return 0;
	char *password = malloc(rest + 1);
	if (password == NULL)
		return 0;
	memcpy(password, p, rest);
	password[rest] = '\0';
	const char *username = strlen(password) < rest ? password + strlen(password) + 1 : NULL;
	enum ogi_password_flaw flaw = ogi_password_check(password, username);
	FUZZ_CHECK(flaw >= OGI_PW_OK && flaw <= OGI_PW_COMMON);
	FUZZ_CHECK(ogi_password_check(password, username) == flaw);
	if (flaw != OGI_PW_OK)
		FUZZ_CHECK(ogi_password_flaw_zh(flaw)[0] && ogi_password_flaw_en(flaw)[0]);
	if (username == NULL && flaw != OGI_PW_USERNAME)
		FUZZ_CHECK(ogi_password_check(password, NULL) == flaw);
	free(password);
	return 0;
}
