/* The rule for a password a person chooses (see password.h). */
#include "lib/password.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* lib/common-passwords.txt, sorted by scripts/wordlist.py (strcmp's order) */
extern const char *const ogi_common_passwords[];
extern const size_t ogi_common_passwords_count;

/* The password is at most 1024 characters (the routes' specs), 4096 bytes. */
#define WORK_SIZE 4200

static const struct {
	const char *code, *zh, *en;
} flaws[] = {
    [OGI_PW_OK] = {"ok", "", ""},
    [OGI_PW_BLANK] = {"blank", "密码不能只有空格", "the password cannot be white space only"},
    [OGI_PW_TOO_SHORT] = {"too_short", "密码至少 10 个字符",
                          "the password needs at least 10 characters"},
    [OGI_PW_DIGITS_ONLY] = {"digits_only", "密码不能全是数字（如电话号码、证件号码、日期）",
                            "the password cannot be digits only (a phone or identity number, "
                            "a date)"},
    [OGI_PW_USERNAME] = {"username", "密码不能包含用户名",
                         "the password cannot contain the username"},
    [OGI_PW_REPEATED] = {"repeated", "密码不能是同一个字符或同一段文字的重复",
                         "the password cannot be one character or one piece repeated"},
    [OGI_PW_SEQUENCE] = {"sequence", "密码不能是连续的字母、数字或键盘上相邻的键",
                         "the password cannot be a run of letters, digits or neighbouring keys"},
    [OGI_PW_COMMON] = {"common", "这是常见密码，很容易被猜中，请换一个",
                       "this is a common password, easily guessed: choose another"},
};

const char *ogi_password_flaw_code(enum ogi_password_flaw f)
{
	return flaws[f].code;
}

const char *ogi_password_flaw_zh(enum ogi_password_flaw f)
{
	return flaws[f].zh;
}

const char *ogi_password_flaw_en(enum ogi_password_flaw f)
{
	return flaws[f].en;
}

static int by_strcmp(const void *key, const void *item)
{
	return strcmp(key, *(const char *const *)item);
}

bool ogi_password_listed(const char *word)
{
	return *word != '\0' && bsearch(word, ogi_common_passwords, ogi_common_passwords_count,
	                                sizeof ogi_common_passwords[0], by_strcmp) != NULL;
}

static bool ascii_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* White space only: ASCII, no-break (U+00A0) and ideographic (U+3000) spaces. */
static bool blank(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		if (ascii_space(*p))
			p++;
		else if (p[0] == 0xC2 && p[1] == 0xA0)
			p += 2;
		else if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)
			p += 3;
		else
			return false;
	}
	return true;
}

/* Digits, perhaps grouped by spaces, dashes, dots, slashes or colons. */
static bool digits_only(const char *s)
{
	bool digit = false;
	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digit = true;
		else if (!strchr(" -./:", *p))
			return false;
	}
	return digit;
}

static void lower(const char *s, char *out)
{
	size_t i = 0;
	for (; s[i] && i < WORK_SIZE - 1; i++)
		out[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
	out[i] = '\0';
}

/* Digits, ASCII punctuation and white space: what is taken off a core's ends. */
static bool padding(unsigned char c)
{
	return (c >= '0' && c <= '9') || ascii_space(c) || (c >= '!' && c <= '/') ||
	       (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
}

/* s without the padding at its start (when front) and its end (when back), into out. */
static void strip(const char *s, bool front, bool back, char *out)
{
	size_t n = strlen(s), a = 0;
	if (front)
		while (a < n && padding((unsigned char)s[a]))
			a++;
	if (back)
		while (n > a && padding((unsigned char)s[n - 1]))
			n--;
	memcpy(out, s + a, n - a);
	out[n - a] = '\0';
}

/* s without separators inside it, the usual digits and symbols for letters read back. */
static void unleet(const char *s, char *out)
{
	static const char from[] = "013457@$!|+", to[] = "oieastasilt";
	size_t k = 0;
	for (const char *p = s; *p; p++) {
		if (strchr(" -_.", *p))
			continue;
		const char *hit = *p ? strchr(from, *p) : NULL;
		out[k++] = hit ? to[hit - from] : *p;
	}
	out[k] = '\0';
}

static void reverse(const char *s, char *out)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++)
		out[i] = s[n - 1 - i];
	out[n] = '\0';
}

/* Fewer than 4 different characters (code points), or the string is its
 * first p bytes said again and again, p at most half of it. */
static bool repeated(const char *s)
{
	uint32_t seen[4];
	int nseen = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p && nseen < 4) {
		uint32_t cp = *p++;
		while ((*p & 0xC0) == 0x80)
			cp = cp << 8 | *p++;
		bool known = false;
		for (int i = 0; i < nseen; i++)
			known = known || seen[i] == cp;
		if (!known)
			seen[nseen++] = cp;
	}
	if (nseen < 4)
		return true;
	size_t n = strlen(s);
	for (size_t period = 1; period <= n / 2; period++) {
		size_t i = period;
		while (i < n && s[i] == s[i - period])
			i++;
		if (i == n)
			return true;
	}
	return false;
}

/* Runs along the alphabet, the digits and the keyboard, read either way. */
static const char *const runs[] = {
    "abcdefghijklmnopqrstuvwxyz",
    "1234567890",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "qwertyuiopasdfghjklzxcvbnm",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
    "qazwsxedcrfvtgbyhnujmikolp",
    "zaqxswcdevfrbgtnhymjukilop",
    "1q2w3e4r5t6y7u8i9o0p",
    "q1w2e3r4t5y6u7i8o9p0",
    "a1b2c3d4e5f6g7h8i9j0",
    "1a2b3c4d5e6f7g8h9i0j",
    "qweasdzxc",
    "!@#$%^&*()_+",
};

static bool sequence(const char *s)
{
	if (strlen(s) < 3)
		return false;
	char back[WORK_SIZE];
	reverse(s, back);
	for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++)
		if (strstr(runs[i], s) != NULL || strstr(runs[i], back) != NULL)
			return true;
	return false;
}

/* ASCII letters and characters beyond ASCII (a Chinese character counts as a letter). */
static int letters(const char *s)
{
	int n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p >= 0xC0)
			n++;
	return n;
}

/* The password, its core and the core's unleet reading, each with either end
 * stripped, looked up in the list. */
static bool common(const char *low)
{
	if (letters(low) <= 2)
		return true;
	char part[WORK_SIZE], plain[WORK_SIZE];
	if (ogi_password_listed(low))
		return true;
	for (int way = 0; way < 3; way++) {
		strip(low, way != 2, way != 1, part);
		unleet(part, plain);
		if (ogi_password_listed(part) || ogi_password_listed(plain))
			return true;
	}
	return false;
}

static bool has_username(const char *low, const char *core, const char *username)
{
	char name[WORK_SIZE], back[WORK_SIZE], low_plain[WORK_SIZE], name_plain[WORK_SIZE];
	lower(username, name);
	if (name[0] == '\0')
		return false;
	if (strcmp(core, name) == 0)
		return true;
	if (strlen(name) < 3)
		return false;
	reverse(name, back);
	unleet(low, low_plain);
	unleet(name, name_plain);
	return strstr(low, name) || strstr(low, back) ||
	       (name_plain[0] && strstr(low_plain, name_plain));
}

enum ogi_password_flaw ogi_password_check(const char *password, const char *username)
{
	if (blank(password))
		return OGI_PW_BLANK;
	if (utf8_chars(password, strlen(password)) < OGI_PASSWORD_MIN_CHARS)
		return OGI_PW_TOO_SHORT;
	if (digits_only(password))
		return OGI_PW_DIGITS_ONLY;
	if (strlen(password) >= WORK_SIZE)
		return OGI_PW_OK; /* longer than any route takes: nothing common is that long */
	char low[WORK_SIZE], core[WORK_SIZE];
	lower(password, low);
	strip(low, true, true, core);
	if (username != NULL && has_username(low, core, username))
		return OGI_PW_USERNAME;
	if (repeated(low) || (strlen(core) >= 4 && repeated(core)))
		return OGI_PW_REPEATED;
	if (sequence(low) || sequence(core))
		return OGI_PW_SEQUENCE;
	if (common(low))
		return OGI_PW_COMMON;
	return OGI_PW_OK;
}

bool ogi_password_ok(const char *field, const char *password, const char *username,
                     struct spec_errors *errs)
{
	enum ogi_password_flaw f = ogi_password_check(password, username);
	if (f == OGI_PW_OK)
		return true;
	spec_error_add(errs, field, flaws[f].code, flaws[f].zh, flaws[f].en);
	return false;
}
