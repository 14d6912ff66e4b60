/* Personal numbers as a record shows them where the whole number is not
 * needed: the history (a record_corrected event's old and new values, which
 * must never carry them in plaintext: docs/personal-data.md) and any text
 * rendered from it.  The number keeps a head and a tail, the middle is
 * starred, one '*' per character: 110105********1234 (a 居民身份证: its
 * 6-digit region code and last 4), 138****5678 (a mobile number: its
 * 3-digit network prefix and last 4).  Total functions over any bytes. */
#ifndef OGI_MASK_H
#define OGI_MASK_H

#include <stddef.h>

/* s with every character but the first head and the last tail starred
 * (characters, not bytes: a stray multi-byte character is one '*').  A
 * string too short to hide anything that way (at most head + tail + 1
 * characters) keeps only its last quarter, at most tail characters, so a
 * short number never shows whole.  out is always NUL-terminated. */
void ogi_mask_middle(const char *s, size_t head, size_t tail, char *out, size_t outlen);

/* An identity number of type id_type (enum ogi_id_type, or -1): a
 * 居民身份证 keeps its region code (6) and last 4; any other document its
 * first 2 and last 4. */
void ogi_mask_id_number(int id_type, const char *s, char *out, size_t outlen);

/* A phone number: its first 3 and last 4. */
void ogi_mask_phone(const char *s, char *out, size_t outlen);

/* The other personal fields a correction's history shows (issue 19: no plaintext personal data
 * at rest, and the history is append-only, so it cannot be sealed again by a rotation): an
 * address its first 6 characters (the city and district), an e-mail address the first
 * character of its local part and its domain, another contact its first and last 2. */
void ogi_mask_address(const char *s, char *out, size_t outlen);
void ogi_mask_email(const char *s, char *out, size_t outlen);
void ogi_mask_contact(const char *s, char *out, size_t outlen);

#endif
