/* A body's settings: merged with the defaults, and the rules of a PUT (see
 * body_settings_check.h). */
#include "lib/body_settings_check.h"

#include <stdio.h>
#include <string.h>

#include "lib/domain.h"
#include "lib/letter.h"

#define OVERLAY(field)                                                                             \
	do {                                                                                       \
		bool none = stored->field[0] == '\0';                                              \
		if (!none)                                                                         \
			snprintf(out->field, sizeof out->field, "%s", stored->field);              \
		if (unset != NULL)                                                                 \
			unset->field = none;                                                       \
	} while (0)

void ogi_body_settings_effective(const struct ogi_body_settings *stored, const char *parent_name,
                                 struct ogi_body_settings *out,
                                 struct ogi_body_settings_unset *unset)
{
	ogi_body_settings_defaults(out, stored->name, parent_name);
	out->body_id = stored->body_id;
	snprintf(out->code, sizeof out->code, "%s", stored->code);
	out->review_first_not_held = stored->review_first_not_held;
	out->accepts_online = stored->accepts_online;
	out->has_seal = stored->has_seal;
	out->version = stored->version;
	OVERLAY(letter_prefix);
	OVERLAY(address);
	OVERLAY(postcode);
	OVERLAY(phone);
	OVERLAY(office_hours);
	OVERLAY(reconsideration_body);
	OVERLAY(reconsideration_address);
	OVERLAY(court);
	for (int k = 0; k < OGI_LETTER_KIND_COUNT; k++) {
		bool none = stored->kind_code[k][0] == '\0';
		if (!none)
			snprintf(out->kind_code[k], sizeof out->kind_code[k], "%s",
			         stored->kind_code[k]);
		if (unset != NULL)
			unset->kind_code[k] = none;
	}
}

/* A control character (a line break, a tab, DEL). */
static bool has_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7F)
			return true;
	return false;
}

/* Spaces only, ASCII or ideographic (U+3000). */
static bool blank(const char *s)
{
	while (*s != '\0') {
		if (*s == ' ')
			s++;
		else if (strncmp(s, "\u3000", 3) == 0)
			s += 3;
		else
			return false;
	}
	return true;
}

/* Office numbers as letters print them: 「0759-3333333」, 「(0759)3333333转8001」,
 * several joined by 、 or ，. */
static void phone(const char *s, struct spec_errors *errs)
{
	if (s[0] == '\0' || has_control(s))
		return; /* none, or refused by ogi_body_settings_check */
	static const char *const allowed[] = {"、", "，", "；", "（", "）", "转", NULL};
	int digits = 0;
	bool ok = true;
	for (const char *p = s; *p && ok;) {
		if (*p >= '0' && *p <= '9') {
			digits++;
			p++;
			continue;
		}
		if (strchr("-+ ()/,;", *p) != NULL) {
			p++;
			continue;
		}
		ok = false;
		for (int i = 0; allowed[i] != NULL; i++)
			if (strncmp(p, allowed[i], strlen(allowed[i])) == 0) {
				p += strlen(allowed[i]);
				ok = true;
				break;
			}
	}
	if (!ok)
		spec_error_add(errs, "phone", "format",
		               "电话号码只能包含数字、空格、+、-、括号、“转”和分隔号（、，；/）",
		               "a phone number may contain digits, spaces, +, -, parentheses, 转 "
		               "(extension) and separators (、，；/)");
	else if (digits < 7)
		spec_error_add(errs, "phone", "format", "电话号码至少应有7位数字",
		               "a phone number has at least seven digits");
}

bool ogi_body_settings_put_check(const struct ogi_body_settings *stored, struct spec_errors *errs)
{
	int before = errs->n;
	/* the defaults of a body without a parent: the one default a parent gives (the
	   reconsideration body, the parent's own name) is a stored name, which passes */
	struct ogi_body_settings shown;
	ogi_body_settings_effective(stored, NULL, &shown, NULL);
	ogi_body_settings_check(&shown, errs);
	bool named = false;
	for (int i = before; i < errs->n; i++)
		named = named || strcmp(errs->e[i].field, "name") == 0;
	if (!named && blank(stored->name))
		spec_error_add(errs, "name", "required",
		               "请填写机关全称（如“××市××区××街道办事处”），文书以此落款",
		               "give the body's full name: letters are signed with it");
	if (has_control(stored->code))
		spec_error_add(errs, "code", "control_character", "不能包含换行或控制字符",
		               "must not hold line breaks or control characters");
	phone(stored->phone, errs);
	return errs->n == before;
}

bool ogi_body_templates_check(json_t *templates, struct spec_errors *errs)
{
	int before = errs->n;
	if (!json_is_object(templates)) {
		spec_error_add(errs, "", "type", "应为对象 {模板名: 文字}",
		               "must be an object {template key: text}");
		return false;
	}
	const char *key;
	json_t *text;
	json_object_foreach(templates, key, text)
	{
		char field[160];
		snprintf(field, sizeof field, "templates.%s", key);
		if (ogi_letter_template_default(key) == NULL) {
			spec_error_add(errs, field, "unknown_template", "没有这个模板名",
			               "no template has this key");
			continue;
		}
		if (!json_is_string(text)) {
			spec_error_add(errs, field, "type", "应为文字", "must be a string");
			continue;
		}
		const char *value = json_string_value(text);
		char bad[96];
		size_t chars = utf8_chars(value, json_string_length(text));
		if (chars == 0)
			spec_error_add(
			    errs, field, "empty", "不能为空；要恢复默认文字，请删去这一项",
			    "must not be empty: to go back to the default text, leave the key "
			    "out");
		else if (chars > OGI_BODY_TEMPLATE_MAX) {
			char zh[96], en[96];
			snprintf(zh, sizeof zh, "过长，最多 %d 个字符", OGI_BODY_TEMPLATE_MAX);
			snprintf(en, sizeof en, "too long: at most %d characters",
			         OGI_BODY_TEMPLATE_MAX);
			spec_error_add(errs, field, "too_long", zh, en);
		} else if (!ogi_letter_template_check(key, value, bad, sizeof bad)) {
			char zh[256], en[256];
			snprintf(zh, sizeof zh, "模板中的 {%s} 不是这个模板可用的字段", bad);
			snprintf(en, sizeof en, "{%s} is no field this template offers", bad);
			spec_error_add(errs, field, "unknown_field", zh, en);
		}
	}
	return errs->n == before;
}
