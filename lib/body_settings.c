/* A body's letter settings (lib/body_settings.h): the defaults a body starts
 * with and the rules of a change. */
#include "lib/body_settings.h"

#include <stdio.h>
#include <string.h>

/* One code for the receipts, one for the letters that consult, one for the
 * replies, and one for the other notices (letters.md: a code per type, or
 * one for several; a street office's 「平湛马办依申复〔2024〕3号」). */
const char *const ogi_letter_kind_default_codes[] = {
    [OGI_LETTER_RECEIPT] = "依申收",
    [OGI_LETTER_CORRECTION_NOTICE] = "依申告",
    [OGI_LETTER_EXTENSION_NOTICE] = "依申告",
    [OGI_LETTER_DELAY_NOTICE] = "依申告",
    [OGI_LETTER_THIRD_PARTY_CONSULTATION] = "依申征",
    [OGI_LETTER_CONSULTATION_NOTICE] = "依申告",
    [OGI_LETTER_BODY_CONSULTATION] = "依申征",
    [OGI_LETTER_OVERRIDE_NOTICE] = "依申告",
    [OGI_LETTER_FEE_NOTICE] = "依申告",
    [OGI_LETTER_REPLY] = "依申复",
    [OGI_LETTER_KIND_COUNT] = NULL,
};

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);
	return n > t && memcmp(s + n - t, tail, t) == 0;
}

void ogi_body_settings_defaults(struct ogi_body_settings *s, const char *name,
                                const char *parent_name)
{
	memset(s, 0, sizeof *s);
	snprintf(s->name, sizeof s->name, "%s", name != NULL ? name : "");
	for (int k = 0; k < OGI_LETTER_KIND_COUNT; k++)
		snprintf(s->kind_code[k], sizeof s->kind_code[k], "%s",
		         ogi_letter_kind_default_codes[k]);
	/* from 2024-01-01 one reconsideration body per level of government: for a
	 * street office (派出机关) and a district department, the district's
	 * people's government (letters.md "The remedy sentence") */
	if (parent_name != NULL && ends_with(parent_name, "人民政府"))
		snprintf(s->reconsideration_body, sizeof s->reconsideration_body, "%s",
		         parent_name);
}

/* A control character (line breaks included) anywhere in s. */
static bool has_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			return true;
	return false;
}

/* A part of a 文号: no space (ASCII or 全角), no digit, no 〔〕 or brackets. */
static bool ref_part_ok(const char *s)
{
	if (strpbrk(s, " 0123456789[]()") != NULL)
		return false;
	return strstr(s, "〔") == NULL && strstr(s, "〕") == NULL && strstr(s, "　") == NULL;
}

static void text_rule(struct spec_errors *errs, const char *field, const char *value)
{
	if (has_control(value))
		spec_error_add(errs, field, "control_character", "不能包含换行或控制字符",
		               "must not hold line breaks or control characters");
}

bool ogi_body_settings_check(const struct ogi_body_settings *s, struct spec_errors *errs)
{
	int before = errs->n;
	if (s->name[0] == '\0' || strcmp(s->name, OGI_BODY_PLACEHOLDER_NAME) == 0)
		spec_error_add(errs, "name", "required",
		               "请填写机关全称（如“××市××区××街道办事处”），文书以此落款",
		               "give the body's full name: letters are signed with it");
	text_rule(errs, "name", s->name);
	text_rule(errs, "letter_prefix", s->letter_prefix);
	if (!ref_part_ok(s->letter_prefix))
		spec_error_add(errs, "letter_prefix", "ref_part",
		               "机关代字不能包含空格、数字或括号", "no spaces, digits or brackets");
	for (int k = 0; k < OGI_LETTER_KIND_COUNT; k++) {
		char field[64];
		snprintf(field, sizeof field, "kind_codes.%s", ogi_letter_kind_names[k]);
		if (s->kind_code[k][0] == '\0')
			spec_error_add(errs, field, "required", "请填写该类文书的文号代字",
			               "give the code of this kind's 文号");
		else if (has_control(s->kind_code[k]) || !ref_part_ok(s->kind_code[k]))
			spec_error_add(errs, field, "ref_part", "文号代字不能包含空格、数字或括号",
			               "no spaces, digits or brackets");
	}
	size_t pc = strlen(s->postcode);
	if (pc > 0 && (pc != 6 || strspn(s->postcode, "0123456789") != 6))
		spec_error_add(errs, "postcode", "postcode", "邮政编码应为6位数字",
		               "a postcode is six digits");
	text_rule(errs, "address", s->address);
	text_rule(errs, "phone", s->phone);
	text_rule(errs, "office_hours", s->office_hours);
	text_rule(errs, "reconsideration_body", s->reconsideration_body);
	text_rule(errs, "reconsideration_address", s->reconsideration_address);
	text_rule(errs, "court", s->court);
	return errs->n == before;
}
