/* Sealing of applicants' personal fields (see pii_seal.h). */
#include "lib/pii_seal.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ID 99999u

static pthread_rwlock_t ring_lock = PTHREAD_RWLOCK_INITIALIZER;
static struct ogi_pii_keys ring; /* guarded by ring_lock */
static bool installed;
static void (*refresh_fn)(bool force);

static void derive_one(const unsigned char search[OGI_PII_KEY_LEN], struct ogi_pii_seal_key *k)
{
	k->id = 1;
	k->derived = true;
	crypto_kdf_derive_from_key(k->key, sizeof k->key, 1, "ogi-seal", search);
}

static bool hex_key(const char *s, size_t n, unsigned char out[OGI_PII_KEY_LEN])
{
	size_t got = 0;
	const char *end = NULL;
	return n == 2 * OGI_PII_KEY_LEN &&
	       sodium_hex2bin(out, OGI_PII_KEY_LEN, s, n, NULL, &got, &end) == 0 &&
	       got == OGI_PII_KEY_LEN && end == s + n;
}

static bool has_id(const struct ogi_pii_keys *k, uint32_t id)
{
	for (int i = 0; i < k->n; i++)
		if (k->seal[i].id == id)
			return true;
	return false;
}

/* One "seal ID HEX" line into out; false with why. */
static bool seal_line(const char *s, size_t n, int lineno, struct ogi_pii_keys *out, char *why,
                      size_t whylen)
{
	char buf[160];
	if (n >= sizeof buf) {
		snprintf(why, whylen, "line %d of the key file is too long", lineno);
		return false;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	char *id_s = buf + 5, *end = NULL;
	while (*id_s == ' ' || *id_s == '\t')
		id_s++;
	unsigned long id = strtoul(id_s, &end, 10);
	bool ok = end != id_s && id >= 1 && id <= MAX_ID && (*end == ' ' || *end == '\t');
	char *hex = end;
	while (ok && (*hex == ' ' || *hex == '\t'))
		hex++;
	unsigned char key[OGI_PII_KEY_LEN];
	if (!ok || !hex_key(hex, strlen(hex), key)) {
		sodium_memzero(buf, sizeof buf);
		snprintf(why, whylen,
		         "line %d of the key file is not \"seal ID KEY\" (an id of 1 to "
		         "99999, 64 hex digits)",
		         lineno);
		return false;
	}
	sodium_memzero(buf, sizeof buf);
	if (has_id(out, (uint32_t)id) || out->n >= OGI_PII_RING_MAX) {
		sodium_memzero(key, sizeof key);
		snprintf(why, whylen,
		         "line %d of the key file: key %lu twice, or more than %d keys", lineno, id,
		         OGI_PII_RING_MAX - 1);
		return false;
	}
	struct ogi_pii_seal_key *k = &out->seal[out->n++];
	k->id = (uint32_t)id;
	k->derived = false;
	memcpy(k->key, key, sizeof key);
	sodium_memzero(key, sizeof key);
	return true;
}

bool ogi_pii_keys_parse(const char *text, size_t len, struct ogi_pii_keys *out, char *why,
                        size_t whylen)
{
	memset(out, 0, sizeof *out);
	if (sodium_init() < 0) {
		snprintf(why, whylen, "libsodium cannot start");
		return false;
	}
	bool have_search = false;
	int lineno = 0;
	for (size_t i = 0; i < len;) {
		size_t j = i;
		while (j < len && text[j] != '\n')
			j++;
		lineno++;
		const char *s = text + i;
		size_t n = j - i;
		i = j + 1;
		while (n > 0 && (s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		while (n > 0 && (*s == ' ' || *s == '\t'))
			s++, n--;
		if (n == 0 || *s == '#')
			continue;
		if (memchr(s, '\0', n) != NULL) {
			snprintf(why, whylen, "line %d of the key file holds a NUL byte", lineno);
			goto bad;
		}
		if (!have_search) {
			if (!hex_key(s, n, out->search)) {
				snprintf(why, whylen,
				         "the key file does not hold a key (its first line: 64 hex "
				         "digits)");
				goto bad;
			}
			have_search = true;
		} else if (n > 5 && strncmp(s, "seal", 4) == 0 && (s[4] == ' ' || s[4] == '\t')) {
			if (!seal_line(s, n, lineno, out, why, whylen))
				goto bad;
		} else {
			snprintf(why, whylen,
			         "line %d of the key file is neither a comment nor a key", lineno);
			goto bad;
		}
	}
	if (!have_search) {
		snprintf(why, whylen, "the key file does not hold a key (64 hex digits)");
		goto bad;
	}
	if (!has_id(out, 1)) {
		if (out->n >= OGI_PII_RING_MAX) {
			snprintf(why, whylen, "the key file has more than %d keys",
			         OGI_PII_RING_MAX - 1);
			goto bad;
		}
		derive_one(out->search, &out->seal[out->n++]);
	}
	return true;
bad:
	ogi_pii_keys_wipe(out);
	return false;
}

size_t ogi_pii_keys_format(const struct ogi_pii_keys *keys, char *out, size_t outlen)
{
	char hex[2 * OGI_PII_KEY_LEN + 1];
	size_t len = 0;
	int n = snprintf(out, outlen,
	                 "# ogi's personal-data keys (docs/security.md): keep this file apart from "
	                 "the database\n# and its backups; without it the applicants' numbers, "
	                 "addresses and e-mail cannot be read.\n");
	if (n < 0 || (size_t)n >= outlen)
		return 0;
	len = (size_t)n;
	sodium_bin2hex(hex, sizeof hex, keys->search, sizeof keys->search);
	n = snprintf(out + len, outlen - len, "%s\n", hex);
	for (int i = 0; n >= 0 && (size_t)n < outlen - len && i < keys->n; i++) {
		len += (size_t)n;
		n = 0;
		if (keys->seal[i].derived)
			continue;
		sodium_bin2hex(hex, sizeof hex, keys->seal[i].key, sizeof keys->seal[i].key);
		n = snprintf(out + len, outlen - len, "seal %u %s\n", (unsigned)keys->seal[i].id,
		             hex);
	}
	sodium_memzero(hex, sizeof hex);
	if (n < 0 || (size_t)n >= outlen - len) {
		sodium_memzero(out, outlen);
		return 0;
	}
	return len + (size_t)n;
}

bool ogi_pii_keys_add_new(struct ogi_pii_keys *keys)
{
	if (keys->n >= OGI_PII_RING_MAX || sodium_init() < 0)
		return false;
	uint32_t top = 0;
	for (int i = 0; i < keys->n; i++)
		if (keys->seal[i].id > top)
			top = keys->seal[i].id;
	if (top >= MAX_ID)
		return false;
	memmove(&keys->seal[1], &keys->seal[0], (size_t)keys->n * sizeof keys->seal[0]);
	keys->n++;
	keys->seal[0].id = top + 1;
	keys->seal[0].derived = false;
	randombytes_buf(keys->seal[0].key, sizeof keys->seal[0].key);
	return true;
}

void ogi_pii_keys_wipe(struct ogi_pii_keys *keys)
{
	sodium_memzero(keys, sizeof *keys);
}

bool ogi_pii_keys_install(const struct ogi_pii_keys *keys)
{
	if (sodium_init() < 0 || keys->n < 1)
		return false;
	char hex[2 * OGI_PII_KEY_LEN + 1];
	sodium_bin2hex(hex, sizeof hex, keys->search, sizeof keys->search);
	bool ok = ogi_pii_set_key_hex(hex, strlen(hex));
	sodium_memzero(hex, sizeof hex);
	if (!ok)
		return false;
	pthread_rwlock_wrlock(&ring_lock);
	ring = *keys;
	installed = true;
	pthread_rwlock_unlock(&ring_lock);
	return true;
}

uint32_t ogi_pii_seal_key_id(void)
{
	pthread_rwlock_rdlock(&ring_lock);
	uint32_t id = installed ? ring.seal[0].id : 0;
	pthread_rwlock_unlock(&ring_lock);
	return id;
}

int ogi_pii_ring_ids(uint32_t *ids, int max)
{
	pthread_rwlock_rdlock(&ring_lock);
	int n = 0;
	for (int i = 0; installed && i < ring.n && n < max; i++)
		ids[n++] = ring.seal[i].id;
	pthread_rwlock_unlock(&ring_lock);
	return n;
}

/* The key of id, copied into out (the lock is not held past the copy). */
static bool key_of(uint32_t id, unsigned char out[OGI_PII_KEY_LEN])
{
	bool found = false;
	pthread_rwlock_rdlock(&ring_lock);
	for (int i = 0; installed && i < ring.n && !found; i++)
		if (id == 0 ? i == 0 : ring.seal[i].id == id) {
			memcpy(out, ring.seal[i].key, OGI_PII_KEY_LEN);
			found = true;
		}
	pthread_rwlock_unlock(&ring_lock);
	return found;
}

bool ogi_pii_key_check(uint32_t id, char out[OGI_PII_CHECK_HEX])
{
	unsigned char k[OGI_PII_KEY_LEN], h[32];
	out[0] = '\0';
	if (!key_of(id, k))
		return false;
	static const char what[] = "ogi sealing key check";
	crypto_generichash(h, sizeof h, (const unsigned char *)what, sizeof what - 1, k, sizeof k);
	sodium_memzero(k, sizeof k);
	sodium_bin2hex(out, OGI_PII_CHECK_HEX, h, sizeof h);
	return true;
}

void ogi_pii_set_refresh(void (*refresh)(bool force))
{
	refresh_fn = refresh;
}

char *ogi_pii_seal(const char *plain, bool *failed)
{
	if (plain == NULL)
		return NULL;
	if (refresh_fn != NULL)
		refresh_fn(false);
	uint32_t id = ogi_pii_seal_key_id();
	unsigned char k[OGI_PII_KEY_LEN];
	if (id == 0 || !key_of(id, k)) {
		*failed = true;
		return NULL;
	}
	size_t n = strlen(plain);
	size_t boxlen = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + n;
	unsigned char *box = malloc(boxlen);
	size_t b64 = sodium_base64_ENCODED_LEN(boxlen, sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
	char *out = malloc(sizeof OGI_PII_SEAL_PREFIX + 12 + b64);
	if (box == NULL || out == NULL) {
		free(box);
		free(out);
		sodium_memzero(k, sizeof k);
		*failed = true;
		return NULL;
	}
	randombytes_buf(box, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, (const unsigned char *)plain, n,
	                      box, k);
	sodium_memzero(k, sizeof k);
	int p = sprintf(out, OGI_PII_SEAL_PREFIX "%u:", (unsigned)id);
	sodium_bin2base64(out + p, b64, box, boxlen, sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
	free(box);
	return out;
}

uint32_t ogi_pii_sealed_key_id(const char *stored)
{
	if (stored == NULL || strncmp(stored, OGI_PII_SEAL_PREFIX, sizeof OGI_PII_SEAL_PREFIX - 1))
		return 0;
	const char *s = stored + sizeof OGI_PII_SEAL_PREFIX - 1;
	uint32_t id = 0;
	int digits = 0;
	for (; *s >= '0' && *s <= '9' && digits < 6; s++, digits++)
		id = id * 10 + (uint32_t)(*s - '0');
	return digits > 0 && digits < 6 && *s == ':' && id >= 1 && id <= MAX_ID ? id : 0;
}

enum ogi_pii_open_status ogi_pii_open(const char *stored, char **out, uint32_t *key_id)
{
	*out = NULL;
	*key_id = 0;
	if (stored == NULL)
		return OGI_PII_PLAIN;
	if (strncmp(stored, OGI_PII_SEAL_PREFIX, sizeof OGI_PII_SEAL_PREFIX - 1) != 0) {
		*out = strdup(stored);
		return *out != NULL ? OGI_PII_PLAIN : OGI_PII_OOM;
	}
	uint32_t id = ogi_pii_sealed_key_id(stored);
	if (id == 0)
		return OGI_PII_DAMAGED;
	*key_id = id;
	unsigned char k[OGI_PII_KEY_LEN];
	if (!key_of(id, k)) {
		if (refresh_fn != NULL)
			refresh_fn(true);
		if (!key_of(id, k))
			return OGI_PII_NO_KEY;
	}
	const char *b64 = strchr(stored + sizeof OGI_PII_SEAL_PREFIX - 1, ':') + 1;
	size_t blen = strlen(b64), maxbin = blen / 4 * 3 + 3, got = 0;
	unsigned char *box = malloc(maxbin + 1);
	if (box == NULL) {
		sodium_memzero(k, sizeof k);
		return OGI_PII_OOM;
	}
	const char *end = NULL;
	enum ogi_pii_open_status st = OGI_PII_DAMAGED;
	if (sodium_base642bin(box, maxbin, b64, blen, NULL, &got, &end,
	                      sodium_base64_VARIANT_ORIGINAL_NO_PADDING) == 0 &&
	    end == b64 + blen && got >= crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
		size_t n = got - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
		char *plain = malloc(n + 1);
		if (plain == NULL) {
			st = OGI_PII_OOM;
		} else if (crypto_secretbox_open_easy(
		               (unsigned char *)plain, box + crypto_secretbox_NONCEBYTES,
		               got - crypto_secretbox_NONCEBYTES, box, k) == 0 &&
		           memchr(plain, '\0', n) == NULL) {
			plain[n] = '\0';
			*out = plain;
			st = OGI_PII_OPENED;
		} else {
			free(plain);
		}
	}
	sodium_memzero(k, sizeof k);
	free(box);
	return st;
}
