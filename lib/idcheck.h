/* Identity documents and contact data at intake: 居民身份证 (GB 11643-1999,
 * ISO 7064 MOD 11-2 check digit, a real birth date, a province code),
 * 统一社会信用代码 (GB 32100-2015, MOD 31 check character), mainland phone
 * numbers and e-mail addresses; and masking for display.  Total functions
 * over any bytes. */
#ifndef OGI_IDCHECK_H
#define OGI_IDCHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/date.h"

struct ogi_idcheck {
	const char *code; /* length, charset, region, birth_date, check_digit, format */
	const char *message_zh;
	const char *message_en;
};

/* Checks a document of type id_type (enum ogi_id_type) and writes its
 * normal form (trimmed, upper case) into out.  Types without a published
 * check rule are checked for length and printable characters only. */
bool ogi_check_id(int id_type, const char *s, size_t len, ogi_date today, char *out, size_t outlen,
                  struct ogi_idcheck *why);
bool ogi_check_resident_id(const char *s, size_t len, ogi_date today, struct ogi_idcheck *why);
bool ogi_check_uscc(const char *s, size_t len, struct ogi_idcheck *why);
bool ogi_check_phone(const char *s, size_t len, struct ogi_idcheck *why);
bool ogi_check_email(const char *s, size_t len, struct ogi_idcheck *why);

/* Keeps the first 3 and last 4 characters: 110***********002X. */
void ogi_mask_id(const char *s, char *out, size_t outlen);

#endif
