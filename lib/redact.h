/* Keeping personal data out of log lines.  Identity numbers (居民身份证 and
 * 统一社会信用代码: 18 characters, passports: 9) and mobile phone numbers (11
 * digits) may reach a log only by accident: in a path a client mistyped,
 * in a database error quoting a value.  Every log line that carries such
 * text passes through ogi_redact.  So do secrets in a path (a calendar feed's
 * token, or one a client pasted into the wrong path): they must not reach it
 * either. */
#ifndef OGI_REDACT_H
#define OGI_REDACT_H

#include <stddef.h>

/* Copies in to out (always NUL-terminated, truncated to outlen), replacing
 * every run of 32 or more base64url characters (letters, digits, '-', '_':
 * a token of lib/secret.h is 43) with "{token}", and every other run of 9 or
 * more ASCII letters and digits that holds 6 or more digits with "***".
 * Request ids, dates, times and words pass unchanged. */
void ogi_redact(const char *in, char *out, size_t outlen);

#endif
