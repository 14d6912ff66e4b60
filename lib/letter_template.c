/* The mechanics of the letter templates (lib/letter_fields.h): the fields a
 * template may name, filling a template in, and checking an office's
 * override before it is stored.  The wording itself is letter_text.c's. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/letter.h"
#include "lib/letter_fields.h"

const struct letter_field_def letter_field_defs[LF_COUNT] = {
    [LF_APPLICANT] = {"applicant", "申请人姓名或者名称"},
    [LF_YOU] = {"you", "对申请人的称谓"},
    [LF_BODY] = {"body", "本机关全称"},
    [LF_RECEIVED_ON] = {"received_on", "收到申请日期"},
    [LF_DESCRIPTION] = {"description", "申请获取的政府信息"},
    [LF_TRACKING_NO] = {"tracking_no", "申请编号"},
    [LF_DATE] = {"date", "文书日期"},
    [LF_REGULATION] = {"regulation", "条例名称"},
    [LF_CORRECTED_ON] = {"corrected_on", "收到补正日期"},
    [LF_CORRECTION] = {"correction", "补正内容"},
    [LF_CORRECTION_REQUESTED_ON] = {"correction_requested_on", "告知补正日期"},
    [LF_ITEMS] = {"items", "需要补正的事项"},
    [LF_CORRECTION_DUE] = {"correction_due", "补正期限"},
    [LF_CHANNEL] = {"channel", "申请方式"},
    [LF_RECEIVED_ON_WD] = {"received_on_wd", "收到申请日期"},
    [LF_DUE_ON] = {"due_on", "答复期限"},
    [LF_DUE_ON_WD] = {"due_on_wd", "答复期限"},
    [LF_FORM] = {"form", "载体形式与获取方式"},
    [LF_PERIOD] = {"period", "答复期限工作日数"},
    [LF_CLERK] = {"clerk", "经办人"},
    [LF_BASIS] = {"basis", "法律依据"},
    [LF_REASON] = {"reason", "原因"},
    [LF_WORKING_DAYS] = {"working_days", "延长的工作日数"},
    [LF_DELAY_DUE] = {"delay_due", "延迟答复期限"},
    [LF_CONSULTED] = {"consulted", "被征求意见方"},
    [LF_CONSULTATION_ON] = {"consultation_on", "征求意见日期"},
    [LF_INFO_CONCERNED] = {"info_concerned", "涉及的政府信息"},
    [LF_ANSWERED_ON] = {"answered_on", "第三方答复日期"},
    [LF_OBJECTION_REASONS] = {"objection_reasons", "第三方不同意公开的理由"},
    [LF_OVERRIDE_REASON] = {"override_reason", "决定公开的理由"},
    [LF_DISCLOSE_ON] = {"disclose_on", "公开日期"},
    [LF_ORDINAL] = {"ordinal", "本月累计申请件数"},
    [LF_FEE_ITEMS] = {"fee_items", "计收件数"},
    [LF_PAGES] = {"pages", "页数"},
    [LF_AMOUNT] = {"amount", "收费金额"},
    [LF_FEE_PARTS] = {"fee_parts", "费用构成"},
    [LF_FEE_NOTICE_ON] = {"fee_notice_on", "收费通知日期"},
    [LF_PAY_BY] = {"pay_by", "缴费期限"},
    [LF_PAY_HOW] = {"pay_how", "缴费方式"},
    [LF_WHERE] = {"where", "获取途径（网址、索引号等）"},
    [LF_PROVIDED] = {"provided", "提供的政府信息"},
    [LF_PROVIDE_HOW] = {"provide_how", "提供方式"},
    [LF_DISCLOSED_PART] = {"disclosed_part", "予以公开的部分"},
    [LF_N] = {"n", "序号"},
    [LF_PART] = {"part", "不予公开的部分"},
    [LF_GROUND] = {"ground", "不予公开的情形"},
    [LF_REASONS] = {"reasons", "具体理由"},
    [LF_SEARCH_DONE] = {"search_done", "检索的范围和方式"},
    [LF_OTHER_BODY] = {"other_body", "负责公开该政府信息的机关"},
    [LF_OTHER_BODY_CONTACT] = {"other_body_contact", "该机关的联系方式"},
    [LF_EARLIER_REF] = {"earlier_ref", "前次答复的文号"},
    [LF_EARLIER_ON] = {"earlier_on", "前次答复日期"},
    [LF_PROPER_CHANNEL] = {"proper_channel", "相应的办理渠道"},
    [LF_DECISION] = {"decision", "答复内容"},
    [LF_ADDRESS] = {"address", "本机关地址"},
    [LF_POSTCODE] = {"postcode", "邮政编码"},
    [LF_PHONE] = {"phone", "联系电话"},
    [LF_OFFICE_HOURS] = {"office_hours", "办公时间"},
    [LF_CONTACT] = {"contact", "本机关联系方式"},
    [LF_RETURN_ADDRESS] = {"return_address", "回执寄送地址"},
};

void letter_fields_set(struct letter_fields *f, enum letter_field k, const char *value)
{
	free(f->v[k]);
	f->v[k] = NULL;
	if (value == NULL)
		return;
	f->v[k] = strdup(value);
	if (f->v[k] == NULL)
		f->oom = true;
}

void letter_fields_setf(struct letter_fields *f, enum letter_field k, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	va_start(ap, fmt);
	int n = vasprintf(&s, fmt, ap);
	va_end(ap);
	free(f->v[k]);
	f->v[k] = n < 0 ? NULL : s;
	if (n < 0)
		f->oom = true;
}

void letter_fields_free(struct letter_fields *f)
{
	for (int k = 0; k < LF_COUNT; k++)
		free(f->v[k]);
	memset(f, 0, sizeof *f);
}

const struct ogi_letter_template *letter_template_find(const char *key)
{
	if (key == NULL)
		return NULL;
	for (const struct ogi_letter_template *t = ogi_letter_templates; t->key != NULL; t++)
		if (strcmp(t->key, key) == 0)
			return t;
	return NULL;
}

const char *ogi_letter_template_default(const char *key)
{
	const struct ogi_letter_template *t = letter_template_find(key);
	return t ? t->text : NULL;
}

/* Whether the template t offers the field named name (len bytes). */
static bool listed(const struct ogi_letter_template *t, const char *name, size_t len)
{
	for (const char *p = t->fields; p != NULL && *p != '\0';) {
		size_t w = strcspn(p, " ");
		if (w == len && memcmp(p, name, len) == 0)
			return true;
		p += w;
		p += strspn(p, " ");
	}
	return false;
}

/* The field a template names, when the template t offers it: its index, or -1. */
static int offered(const struct ogi_letter_template *t, const char *name, size_t len)
{
	for (int i = 0; i < LF_COUNT; i++)
		if (strlen(letter_field_defs[i].name) == len &&
		    memcmp(letter_field_defs[i].name, name, len) == 0)
			return i < LF_COMMON_COUNT || listed(t, name, len) ? i : -1;
	return -1;
}

/* A field's name at s ("{name}"): its length, or 0 when s holds none. */
static size_t field_at(const char *s)
{
	if (*s != '{')
		return 0;
	size_t n = 1;
	while ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9') || s[n] == '_')
		n++;
	return n > 1 && s[n] == '}' ? n - 1 : 0;
}

void letter_blank(struct ogi_buf *b, const char *label)
{
	ogi_buf_add(b, OGI_LETTER_BLANK_OPEN);
	ogi_buf_add(b, label);
	ogi_buf_add(b, "】");
}

void letter_expand(struct ogi_buf *b, const char *key, const struct letter_fields *f,
                   json_t *overrides)
{
	const struct ogi_letter_template *t = letter_template_find(key);
	if (t == NULL)
		return;
	const char *text = t->text;
	json_t *o = json_is_object(overrides) ? json_object_get(overrides, key) : NULL;
	if (json_is_string(o))
		text = json_string_value(o);
	for (const char *s = text; *s != '\0';) {
		size_t len = field_at(s);
		int k = len > 0 ? offered(t, s + 1, len) : -1;
		if (k < 0) {
			size_t run = len > 0 ? len + 2 : 1;
			ogi_buf_addn(b, s, run);
			s += run;
			continue;
		}
		if (f->v[k] != NULL)
			ogi_buf_add(b, f->v[k]);
		else
			letter_blank(b, letter_field_defs[k].label);
		s += len + 2;
	}
}

bool ogi_letter_template_check(const char *key, const char *text, char *bad, size_t size)
{
	const struct ogi_letter_template *t = letter_template_find(key);
	if (size > 0)
		bad[0] = '\0';
	if (t == NULL || text == NULL)
		return false;
	for (const char *s = text; *s != '\0'; s++) {
		size_t len = field_at(s);
		if (len == 0)
			continue;
		if (offered(t, s + 1, len) < 0) {
			snprintf(bad, size, "%.*s", (int)len, s + 1);
			return false;
		}
		s += len + 1;
	}
	return true;
}

bool ogi_letter_template_field(const char *key, size_t i, const char **name, const char **label,
                               bool *common)
{
	const struct ogi_letter_template *t = letter_template_find(key);
	if (t == NULL)
		return false;
	int k = -1;
	for (const char *p = t->fields; p != NULL && *p != '\0' && k < 0;) {
		size_t w = strcspn(p, " ");
		if (i-- == 0)
			k = offered(t, p, w);
		p += w;
		p += strspn(p, " ");
	}
	if (k < 0) {
		if (i >= LF_COMMON_COUNT)
			return false;
		k = (int)i;
	}
	*name = letter_field_defs[k].name;
	*label = letter_field_defs[k].label;
	*common = k < LF_COMMON_COUNT;
	return true;
}

void letter_cn_number(int n, char *buf, size_t size)
{
	static const char *const digit[] = {"〇", "一", "二", "三", "四",
	                                    "五", "六", "七", "八", "九"};
	if (n <= 0 || n > 99) {
		snprintf(buf, size, "%d", n);
		return;
	}
	int tens = n / 10, ones = n % 10;
	snprintf(buf, size, "%s%s%s", tens > 1 ? digit[tens] : "", tens > 0 ? "十" : "",
	         ones > 0 || tens == 0 ? digit[ones] : "");
}

void letter_copy(char *dst, size_t size, const char *src)
{
	if (size == 0)
		return;
	size_t n = strlen(src);
	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--; /* src[n] would be a continuation byte: cut before its lead */
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}
