/* Sealing of applicants' personal fields at rest (identity number, phone, e-mail, address,
 * other contact; the stored answer of an intake's Idempotency-Key): libsodium's secretbox
 * (XSalsa20-Poly1305) under a key with an id, the id written into the sealed text so that
 * during a rotation (ogictl key rotate) values under the old and the new key both open.
 *
 * A sealed value is text: "ogi1:" ID ":" base64 (no padding) of the 24-byte nonce and the
 * box.  A value without that prefix is the plaintext of a row stored before sealing
 * (migration 0021 seals them at the next start); opening passes it through.
 *
 * The key file (lib/pii_keys parse, daemon/core/keyfile.c reads) holds the search key of
 * lib/pii.h (its first line, 64 hex digits, as before) and optionally lines
 * "seal ID HEX" (64 hex digits each): the first such line seals, every one opens.  Key 1
 * is always there: derived from the search key (crypto_kdf, context "ogi-seal"), so a key
 * file of one line needs no change.  The search key itself never rotates (the hashes of
 * lib/pii.h would have to be made again): a rotation changes the sealing key only. */
#ifndef OGI_PII_SEAL_H
#define OGI_PII_SEAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/pii.h"

#define OGI_PII_RING_MAX    8
#define OGI_PII_SEAL_PREFIX "ogi1:"
/* the check value of a key as hex and its NUL */
#define OGI_PII_CHECK_HEX 65

struct ogi_pii_seal_key {
	uint32_t id;  /* 1 .. 99999 */
	bool derived; /* key 1 made from the search key, not written in the file */
	unsigned char key[OGI_PII_KEY_LEN];
};

struct ogi_pii_keys {
	unsigned char search[OGI_PII_KEY_LEN];
	int n;
	struct ogi_pii_seal_key seal[OGI_PII_RING_MAX]; /* seal[0] seals */
};

/* A key file's text parsed: the search key (the first line that is not blank nor a '#'
 * comment: 64 hex digits), then "seal ID HEX" lines, ids unique, 1 to 99999.  False with
 * why (an English sentence naming the line, never a key) otherwise. */
bool ogi_pii_keys_parse(const char *text, size_t len, struct ogi_pii_keys *out, char *why,
                        size_t whylen);
/* keys as a key file's text (with a comment saying what it is): the search key, then the
 * sealing keys not derived, the one that seals first.  Its length, 0 when out is too small. */
size_t ogi_pii_keys_format(const struct ogi_pii_keys *keys, char *out, size_t outlen);
/* A new sealing key at the front of keys (it then seals): id one above the highest.  False
 * when the ring is full. */
bool ogi_pii_keys_add_new(struct ogi_pii_keys *keys);
void ogi_pii_keys_wipe(struct ogi_pii_keys *keys);

/* Makes keys this process's keys: the search key (lib/pii.h) and the ring.  Safe while other
 * threads seal and open (a reload during a rotation).  False when libsodium cannot start. */
bool ogi_pii_keys_install(const struct ogi_pii_keys *keys);
/* The id of the key that seals now, 0 when none is installed. */
uint32_t ogi_pii_seal_key_id(void);
/* The ids of the installed ring into ids (at most max); how many. */
int ogi_pii_ring_ids(uint32_t *ids, int max);
/* The check value of installed key id (a keyed hash of a constant: says nothing of the
 * key), recorded by the database so that another key under a known id is refused at start.
 * False when id is not installed. */
bool ogi_pii_key_check(uint32_t id, char out[OGI_PII_CHECK_HEX]);

/* Called (when set) before sealing and when a value names a key id the ring lacks: the
 * daemon reads the key file again when it changed (force: even when it seems not to). */
void ogi_pii_set_refresh(void (*refresh)(bool force));

/* plain sealed under the key that seals now, as text (malloc'd); NULL for a NULL plain.
 * *failed set when it could not be sealed (no key, out of memory). */
char *ogi_pii_seal(const char *plain, bool *failed);

enum ogi_pii_open_status {
	OGI_PII_OPENED,  /* a sealed value, opened */
	OGI_PII_PLAIN,   /* no prefix: plaintext stored before sealing, returned as it is */
	OGI_PII_NO_KEY,  /* sealed under a key id the ring lacks */
	OGI_PII_DAMAGED, /* the prefix, but not a value that opens (changed, cut, another key) */
	OGI_PII_OOM,
};
/* stored opened into *out (malloc'd; NULL for a NULL stored or on failure); *key_id the id
 * it was sealed under (0 for plaintext). */
enum ogi_pii_open_status ogi_pii_open(const char *stored, char **out, uint32_t *key_id);

/* The key id a sealed text names, 0 when it is not sealed text. */
uint32_t ogi_pii_sealed_key_id(const char *stored);

#endif
