/* The remedy sentence (救济途径) a letter carries on its date, and its 文号
 * (reference/letters.md "The remedy sentence", "The model set"; law.md §6).
 *
 * Before 2024-01-01 (行政复议法 1999/2017, no review first for OGI): 60 days
 * to the reconsideration body or 6 months to a court.  From 2024-01-01 (行政
 * 复议法 2023, art. 90): the same choice for most replies, but review first
 * (art. 23(1)(4), 「申请政府信息公开，行政机关不予公开」) for 不予公开 and the
 * withheld part of 部分公开 — then 15 days to a court after the
 * reconsideration decision — and, when the body's setting says so, for
 * 信息不存在 / 非本机关 / 无法提供 (disputed; letters.md).  Procedural notices
 * carry none (国办函〔2021〕132号). */
#include <stdio.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/letter.h"
#include "lib/letter_fields.h"

/* The 2023 行政复议法 applies to letters dated from this day (its art. 90). */
#define REVIEW_LAW_2023 "2024-01-01"

static bool review_first(int outcome, const struct ogi_body_settings *s)
{
	switch (outcome) {
	case OGI_OUT_WITHHELD_STATE_SECRET:
	case OGI_OUT_WITHHELD_LAW_PROHIBITED:
	case OGI_OUT_WITHHELD_SECURITY_STABILITY:
	case OGI_OUT_WITHHELD_THIRD_PARTY:
	case OGI_OUT_WITHHELD_INTERNAL_AFFAIRS:
	case OGI_OUT_WITHHELD_PROCESS_INFO:
	case OGI_OUT_WITHHELD_ENFORCEMENT_FILE:
		return true;
	/* 36(7) tells the applicant which procedure to use: no refusal
	 * (letters.md: ordinary) */
	case OGI_OUT_WITHHELD_QUERY_MATTER:
		return false;
	case OGI_OUT_NOT_HELD_NOT_EXIST:
	case OGI_OUT_NOT_HELD_OTHER_BODY:
	case OGI_OUT_NEEDS_CREATION:
	case OGI_OUT_STILL_UNCLEAR:
		return s != NULL && s->review_first_not_held;
	default:
		return false;
	}
}

/* Whether a letter of kind with outcome carries a remedy sentence at all. */
static bool carries_remedy(enum ogi_letter_kind kind, int outcome)
{
	if (kind == OGI_LETTER_OVERRIDE_NOTICE)
		return true; /* a decision against the third party (art. 32) */
	if (kind != OGI_LETTER_REPLY)
		return false;
	return outcome >= 0 && outcome < OGI_OUTCOME_COUNT && outcome != OGI_OUT_WITHDRAWN;
}

static void add_body(struct ogi_buf *b, const struct ogi_body_settings *s)
{
	if (s != NULL && s->reconsideration_body[0] != '\0')
		ogi_buf_add(b, s->reconsideration_body);
	else
		letter_blank(b, "行政复议机关");
}

static void add_court(struct ogi_buf *b, const struct ogi_body_settings *s)
{
	ogi_buf_add(b, s != NULL && s->court[0] != '\0' ? s->court : "人民法院");
}

/* 「…60日内向R申请行政复议，或者在6个月内[依法]向C提起行政诉讼。」 */
static void choice(struct ogi_buf *b, const struct ogi_body_settings *s, bool old_law)
{
	ogi_buf_add(b, "60日内向");
	add_body(b, s);
	ogi_buf_add(b, old_law ? "申请行政复议，或者在6个月内依法向"
	                       : "申请行政复议，或者在6个月内向");
	add_court(b, s);
	ogi_buf_add(b, "提起行政诉讼。");
}

/* 「…60日内向R申请行政复议；对行政复议决定不服的，…15日内依法向C提起行政诉讼。」 */
static void review_then_court(struct ogi_buf *b, const struct ogi_body_settings *s)
{
	ogi_buf_add(b, "60日内向");
	add_body(b, s);
	ogi_buf_add(
	    b, "申请行政复议；对行政复议决定不服的，可以自收到行政复议决定书之日起15日内依法向");
	add_court(b, s);
	ogi_buf_add(b, "提起行政诉讼。");
}

void ogi_letter_remedy_sentence(enum ogi_letter_kind kind, int outcome, ogi_date date,
                                const struct ogi_body_settings *s, char *buf, size_t size)
{
	if (size == 0)
		return;
	buf[0] = '\0';
	if (!carries_remedy(kind, outcome))
		return;
	ogi_date law_2023;
	ogi_date_parse(REVIEW_LAW_2023, &law_2023);
	bool old_law = date < law_2023;
	struct ogi_buf b = {0};
	if (kind == OGI_LETTER_OVERRIDE_NOTICE) {
		ogi_buf_add(&b, "如不服本决定，可以自收到本告知书之日起");
		choice(&b, s, old_law);
	} else if (old_law) {
		ogi_buf_add(&b, "如不服本答复，可以自收到本答复之日起");
		choice(&b, s, true);
	} else if (outcome == OGI_OUT_PARTIAL) {
		ogi_buf_add(&b, "如对本答复中不予公开的部分不服，可以自收到本答复之日起");
		review_then_court(&b, s);
		ogi_buf_add(&b, "如对本答复的其他内容不服，可以自收到本答复之日起");
		choice(&b, s, false);
	} else {
		ogi_buf_add(&b, "如不服本答复，可以自收到本答复之日起");
		if (review_first(outcome, s))
			review_then_court(&b, s);
		else
			choice(&b, s, false);
	}
	if (s != NULL && s->reconsideration_address[0] != '\0')
		ogi_buf_printf(&b, "行政复议机关地址：%s。", s->reconsideration_address);
	if (!b.oom && b.p != NULL)
		snprintf(buf, size, "%s", b.p);
	ogi_buf_free(&b);
}

void ogi_letter_ref_format(const struct ogi_body_settings *s, enum ogi_letter_kind kind, int year,
                           int serial, char out[OGI_LETTER_REF_SIZE])
{
	const char *code = "";
	if (s != NULL && (int)kind >= 0 && kind < OGI_LETTER_KIND_COUNT)
		code = s->kind_code[kind][0] != '\0' ? s->kind_code[kind]
		                                     : ogi_letter_kind_default_codes[kind];
	snprintf(out, OGI_LETTER_REF_SIZE, "%s%s〔%d〕%d号", s != NULL ? s->letter_prefix : "",
	         code, year, serial);
}
