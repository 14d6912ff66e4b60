/* Identity and contact checks (see idcheck.h). */
#include "lib/idcheck.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "lib/domain.h"

static bool fail(struct ogi_idcheck *why, const char *code, const char *zh, const char *en)
{
	why->code = code;
	why->message_zh = zh;
	why->message_en = en;
	return false;
}

static bool ok(struct ogi_idcheck *why)
{
	why->code = NULL;
	why->message_zh = why->message_en = "";
	return true;
}

static bool province(int code)
{
	static const int codes[] = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34,
	                            35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
	                            53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83, 91};
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
		if (codes[i] == code)
			return true;
	return false;
}

bool ogi_check_resident_id(const char *s, size_t len, ogi_date today, struct ogi_idcheck *why)
{
	if (len != 18)
		return fail(why, "length", "居民身份证号码应为18位",
		            "a resident ID number has 18 characters");
	for (size_t i = 0; i < 17; i++)
		if (s[i] < '0' || s[i] > '9')
			return fail(why, "charset", "前17位应为数字",
			            "the first 17 characters must be digits");
	char last = (char)toupper((unsigned char)s[17]);
	if (!(last >= '0' && last <= '9') && last != 'X')
		return fail(why, "charset", "最后一位应为数字或X",
		            "the last character must be a digit or X");
	if (!province((s[0] - '0') * 10 + (s[1] - '0')))
		return fail(why, "region", "前两位不是有效的省级行政区划代码",
		            "the first two digits are not a province code");
	int y = 0, m, d;
	for (int i = 6; i < 10; i++)
		y = y * 10 + (s[i] - '0');
	m = (s[10] - '0') * 10 + (s[11] - '0');
	d = (s[12] - '0') * 10 + (s[13] - '0');
	if (y < 1900 || !ogi_date_valid(y, m, d))
		return fail(why, "birth_date", "出生日期无效", "the birth date is not a real date");
	if (ogi_date_from_ymd(y, m, d) > today)
		return fail(why, "birth_date", "出生日期晚于今天",
		            "the birth date is in the future");
	static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	int sum = 0;
	for (int i = 0; i < 17; i++)
		sum += (s[i] - '0') * weights[i];
	if ("10X98765432"[sum % 11] != last)
		return fail(why, "check_digit", "校验码不符，请核对号码",
		            "the check digit does not match");
	return ok(why);
}

static const char uscc_chars[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

bool ogi_check_uscc(const char *s, size_t len, struct ogi_idcheck *why)
{
	if (len != 18)
		return fail(why, "length", "统一社会信用代码应为18位",
		            "a unified social credit code has 18 characters");
	static const int weights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
	                                29, 25, 13, 8,  24, 10, 30, 28};
	int values[18];
	for (size_t i = 0; i < 18; i++) {
		char c = (char)toupper((unsigned char)s[i]);
		const char *p = c ? strchr(uscc_chars, c) : NULL;
		if (p == NULL)
			return fail(why, "charset", "含有不允许的字符（不使用 I、O、Z、S、V）",
			            "contains a character not used (no I, O, Z, S, V)");
		values[i] = (int)(p - uscc_chars);
	}
	int sum = 0;
	for (int i = 0; i < 17; i++)
		sum += values[i] * weights[i];
	if ((31 - sum % 31) % 31 != values[17])
		return fail(why, "check_digit", "校验码不符，请核对代码",
		            "the check character does not match");
	return ok(why);
}

bool ogi_check_phone(const char *s, size_t len, struct ogi_idcheck *why)
{
	/* mobile 1[3-9]xxxxxxxxx, or a landline: digits with -, space, +, () and an extension */
	size_t digits = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else if (!strchr("-+ ()#", s[i]) || s[i] == '\0')
			return fail(
			    why, "format", "电话号码只能包含数字、空格、+、-、括号",
			    "a phone number may contain digits, spaces, +, - and parentheses");
	}
	if (len == 11 && digits == 11 && s[0] == '1' && (s[1] < '3'))
		return fail(why, "format", "手机号码第二位应为3至9",
		            "a mobile number's second digit is 3 to 9");
	if (digits < 7 || digits > 20)
		return fail(why, "format", "电话号码位数不对", "a phone number has 7 to 20 digits");
	return ok(why);
}

bool ogi_check_email(const char *s, size_t len, struct ogi_idcheck *why)
{
	const char *at = memchr(s, '@', len);
	if (at == NULL || at == s || at == s + len - 1 ||
	    memchr(at + 1, '@', (size_t)(s + len - at - 1)))
		return fail(why, "format", "电子邮箱格式不对", "not an e-mail address");
	const char *dot = memchr(at + 1, '.', (size_t)(s + len - at - 1));
	if (dot == NULL || dot == at + 1 || dot == s + len - 1)
		return fail(why, "format", "电子邮箱格式不对", "not an e-mail address");
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] <= ' ')
			return fail(why, "format", "电子邮箱不能含空格",
			            "an e-mail address has no spaces");
	return ok(why);
}

bool ogi_check_id(int id_type, const char *s, size_t len, ogi_date today, char *out, size_t outlen,
                  struct ogi_idcheck *why)
{
	while (len > 0 && isspace((unsigned char)*s))
		s++, len--;
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	if (len == 0)
		return fail(why, "empty", "证件号码不能为空", "the number must not be empty");
	if (len >= outlen)
		return fail(why, "length", "证件号码过长", "the number is too long");
	for (size_t i = 0; i < len; i++)
		out[i] = (char)toupper((unsigned char)s[i]);
	out[len] = '\0';
	switch (id_type) {
	case OGI_ID_RESIDENT_ID_CARD:
		return ogi_check_resident_id(out, len, today, why);
	case OGI_ID_USCC:
		return ogi_check_uscc(out, len, why);
	default:
		for (size_t i = 0; i < len; i++)
			if (!isalnum((unsigned char)out[i]) && out[i] != '-' && out[i] != ' ')
				return fail(why, "charset", "证件号码只能包含字母、数字和连字符",
				            "the number may contain letters, digits and hyphens");
		if (len < 5)
			return fail(why, "length", "证件号码过短", "the number is too short");
		return ok(why);
	}
}

void ogi_mask_id(const char *s, char *out, size_t outlen)
{
	size_t len = strlen(s);
	if (outlen == 0)
		return;
	size_t n = 0;
	for (size_t i = 0; i < len && n + 1 < outlen; i++)
		out[n++] = (len > 7 && i >= 3 && i < len - 4) || (len <= 7 && i >= 1) ? '*' : s[i];
	out[n] = '\0';
}
