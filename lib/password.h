/* The rule for a password a person chooses (POST /api/v1/users, PATCH
 * /api/v1/users/{id}, PUT /api/v1/session/password, ogictl user add and
 * user passwd): long enough, and not one an attacker tries first.
 *
 * Length alone let through ten spaces, "1234567890", "password12" and the
 * username twice (issue 19 item 5).  A password is refused, in this order,
 * when it is
 *   blank        white space only;
 *   too_short    fewer than OGI_PASSWORD_MIN_CHARS characters (UTF-8
 *                characters, not bytes);
 *   digits_only  digits only: a phone or identity number, a date;
 *   username     it contains the username (or the username backwards),
 *                username twice included — for usernames of 3 or more
 *                characters; a shorter one only as the whole core;
 *   repeated     fewer than 4 different characters, or one piece said
 *                again and again ("abcabcabcabc", "passwordpassword");
 *   sequence     a run along the alphabet, the digits or the keyboard
 *                ("abcdefghij", "qwertyuiop", "1qaz2wsx3edc"), alone or
 *                with digits and symbols around it;
 *   common       on the list of common passwords that ogi ships
 *                (lib/common-passwords.txt: words and names in English and
 *                pinyin, keyboard patterns, the leaked top lists' usual
 *                shapes), or such a word with digits, symbols or spaces
 *                around it and common letter-for-digit swaps
 *                ("P@ssw0rd2024!" is "password"); or no more than two
 *                letters among digits and symbols ("aa123456789").
 * The core of a password is what is left once the digits, ASCII
 * punctuation and white space at both ends are taken off, lower-cased. */
#ifndef OGI_PASSWORD_H
#define OGI_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/spec.h"

#define OGI_PASSWORD_MIN_CHARS 10

enum ogi_password_flaw {
	OGI_PW_OK,
	OGI_PW_BLANK,
	OGI_PW_TOO_SHORT,
	OGI_PW_DIGITS_ONLY,
	OGI_PW_USERNAME,
	OGI_PW_REPEATED,
	OGI_PW_SEQUENCE,
	OGI_PW_COMMON,
};

/* What is wrong with password for the user called username (NULL when not
 * known yet: the username rule is then left out), or OGI_PW_OK. */
enum ogi_password_flaw ogi_password_check(const char *password, const char *username);

/* The flaw's rule code (as above) and its message in Chinese and English. */
const char *ogi_password_flaw_code(enum ogi_password_flaw f);
const char *ogi_password_flaw_zh(enum ogi_password_flaw f);
const char *ogi_password_flaw_en(enum ogi_password_flaw f);

/* Checks password for username and adds field's error to errs when the rule
 * refuses it; true when it passes. */
bool ogi_password_ok(const char *field, const char *password, const char *username,
                     struct spec_errors *errs);

/* Whether word (lower case) is on the shipped list of common passwords. */
bool ogi_password_listed(const char *word);

#endif
