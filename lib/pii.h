/* Finding an applicant by a personal number without an index of the
 * numbers themselves: a keyed hash (BLAKE2b, libsodium's generichash, keyed
 * with a secret held outside the database) of the number in a normal form.
 * The database indexes the hash; whoever reads it (or a backup) learns
 * nothing from it without the key, and cannot test guesses of the numbers,
 * which are few enough (a birth date and a region, 1.2 billion mobiles) to
 * try every one against an unkeyed hash.
 *
 * Normal forms: an identity document's number trimmed and upper-cased (the
 * check digit X); a phone number's digits only, without a leading +86 / 0086
 * country code, so 138 0013 8000, +86 13800138000 and 138-0013-8000 are one
 * number.  The hash of an identity number and of a phone number differ even
 * for the same digits (each is keyed with its own kind). */
#ifndef OGI_PII_H
#define OGI_PII_H

#include <stdbool.h>
#include <stddef.h>

#define OGI_PII_KEY_LEN 32
/* 16 bytes of hash as lower-case hex, and the terminating NUL */
#define OGI_PII_HASH_HEX 33

enum ogi_pii_kind { OGI_PII_ID_NUMBER, OGI_PII_PHONE };

/* The key the hashes are keyed with, for this process; false for a key that is
 * not 64 hex digits (then no hash is made).  Set once at start. */
bool ogi_pii_set_key_hex(const char *hex, size_t len);
bool ogi_pii_has_key(void);
/* Whether k is the search key set. */
bool ogi_pii_same_search_key(const unsigned char k[OGI_PII_KEY_LEN]);
/* A short public fingerprint of the key (hex, OGI_PII_HASH_HEX), stored in the database so
 * that a process started with another key than the one the hashes were made with refuses to
 * start instead of finding nothing. */
bool ogi_pii_key_fingerprint(char out[OGI_PII_HASH_HEX]);

/* The normal form of s as kind into out; false when nothing number-like is left (an empty
 * string, a phone with fewer than 7 digits, an identity number with a character other than
 * digits, letters and the spaces around it). */
bool ogi_pii_normal(enum ogi_pii_kind kind, const char *s, char *out, size_t outlen);
/* The keyed hash of s's normal form as kind; false (out empty) when s has no normal form or
 * no key is set. */
bool ogi_pii_hash(enum ogi_pii_kind kind, const char *s, char out[OGI_PII_HASH_HEX]);

/* What a search text q looks for when it is a whole personal number: the hash of q as an
 * identity number (a resident ID of 15 or 18 characters, or a USCC of 18) in id_out and as a
 * phone number (7 to 20 digits with the separators a number is written with, nothing else) in
 * phone_out, each empty when q is not one.  A q of words finds neither. */
void ogi_pii_search_hashes(const char *q, char id_out[OGI_PII_HASH_HEX],
                           char phone_out[OGI_PII_HASH_HEX]);

#endif
