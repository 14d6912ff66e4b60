/* Keyed hashes of personal numbers (see pii.h). */
#include "lib/pii.h"

#include <sodium.h>
#include <string.h>

static unsigned char key[OGI_PII_KEY_LEN];
static bool key_set;

bool ogi_pii_set_key_hex(const char *hex, size_t len)
{
	unsigned char k[OGI_PII_KEY_LEN];
	size_t got = 0;
	const char *end = NULL;
	if (sodium_init() < 0 || len != 2 * OGI_PII_KEY_LEN ||
	    sodium_hex2bin(k, sizeof k, hex, len, NULL, &got, &end) != 0 || got != sizeof k ||
	    end != hex + len)
		return false;
	memcpy(key, k, sizeof key);
	sodium_memzero(k, sizeof k);
	key_set = true;
	return true;
}

bool ogi_pii_same_search_key(const unsigned char k[OGI_PII_KEY_LEN])
{
	return key_set && sodium_memcmp(k, key, sizeof key) == 0;
}

bool ogi_pii_has_key(void)
{
	return key_set;
}

static void hash_hex(const char *ctx, const char *s, char out[OGI_PII_HASH_HEX])
{
	unsigned char h[(OGI_PII_HASH_HEX - 1) / 2];
	crypto_generichash_state st;
	crypto_generichash_init(&st, key, sizeof key, sizeof h);
	crypto_generichash_update(&st, (const unsigned char *)ctx, strlen(ctx) + 1);
	crypto_generichash_update(&st, (const unsigned char *)s, strlen(s));
	crypto_generichash_final(&st, h, sizeof h);
	sodium_bin2hex(out, OGI_PII_HASH_HEX, h, sizeof h);
}

bool ogi_pii_key_fingerprint(char out[OGI_PII_HASH_HEX])
{
	out[0] = '\0';
	if (!key_set)
		return false;
	hash_hex("ogi key fingerprint", "", out);
	return true;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t';
}

static bool normal_id(const char *s, char *out, size_t outlen)
{
	size_t n = strlen(s);
	while (n > 0 && is_space(s[n - 1]))
		n--;
	while (n > 0 && is_space(*s))
		s++, n--;
	if (n == 0 || n >= outlen)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')))
			return false;
		out[i] = c;
	}
	out[n] = '\0';
	return true;
}

static bool normal_phone(const char *s, char *out, size_t outlen)
{
	size_t n = 0;
	for (const char *c = s; *c; c++) {
		if (*c >= '0' && *c <= '9') {
			if (n + 1 >= outlen)
				return false;
			out[n++] = *c;
		} else if (!strchr("-+ ()", *c)) {
			return false;
		}
	}
	out[n] = '\0';
	/* the country code of a mainland number: +86 138…, 0086 138… */
	size_t skip = n >= 4 && memcmp(out, "0086", 4) == 0 ? 4
	              : n >= 2 && memcmp(out, "86", 2) == 0 ? 2
	                                                    : 0;
	if (skip > 0 && n - skip == 11 && out[skip] == '1') {
		memmove(out, out + skip, n - skip + 1);
		n -= skip;
	}
	return n >= 7 && n <= 20;
}

bool ogi_pii_normal(enum ogi_pii_kind kind, const char *s, char *out, size_t outlen)
{
	if (outlen == 0)
		return false;
	out[0] = '\0';
	if (s == NULL)
		return false;
	bool ok =
	    kind == OGI_PII_ID_NUMBER ? normal_id(s, out, outlen) : normal_phone(s, out, outlen);
	if (!ok)
		out[0] = '\0';
	return ok;
}

bool ogi_pii_hash(enum ogi_pii_kind kind, const char *s, char out[OGI_PII_HASH_HEX])
{
	char norm[64];
	out[0] = '\0';
	if (!key_set || !ogi_pii_normal(kind, s, norm, sizeof norm))
		return false;
	hash_hex(kind == OGI_PII_ID_NUMBER ? "ogi id number" : "ogi phone", norm, out);
	sodium_memzero(norm, sizeof norm);
	return true;
}

void ogi_pii_search_hashes(const char *q, char id_out[OGI_PII_HASH_HEX],
                           char phone_out[OGI_PII_HASH_HEX])
{
	char norm[64];
	id_out[0] = phone_out[0] = '\0';
	if (q == NULL)
		return;
	/* an identity number: 15 or 18 characters, digits with at most a final X (resident ID) or
	 * the USCC's digits and capitals */
	if (ogi_pii_normal(OGI_PII_ID_NUMBER, q, norm, sizeof norm)) {
		size_t n = strlen(norm), digits = strspn(norm, "0123456789");
		if ((n == 15 || n == 18) && digits >= 2)
			ogi_pii_hash(OGI_PII_ID_NUMBER, q, id_out);
	}
	if (ogi_pii_normal(OGI_PII_PHONE, q, norm, sizeof norm))
		ogi_pii_hash(OGI_PII_PHONE, q, phone_out);
	sodium_memzero(norm, sizeof norm);
}
