/* Around a letter document (lib/letter.h): its dates in Chinese, whether a
 * blank mark is left, the facts a draft may bring, and the 送达回证 that goes
 * with a letter served in person (国办公开办函〔2016〕235号). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/letter.h"
#include "lib/letter_fields.h"

char *ogi_date_zh(ogi_date d, char buf[OGI_DATE_ZH_SIZE])
{
	int y, m, day;
	if (d == OGI_DATE_NONE) {
		buf[0] = '\0';
		return buf;
	}
	ogi_date_to_ymd(d, &y, &m, &day);
	snprintf(buf, OGI_DATE_ZH_SIZE, "%d年%d月%d日", y, m, day);
	return buf;
}

static bool blank_in(const char *s)
{
	return s != NULL && strstr(s, OGI_LETTER_BLANK_OPEN) != NULL;
}

bool ogi_letter_has_blanks(const struct ogi_letter_doc *d)
{
	if (blank_in(d->title) || blank_in(d->addressee) || blank_in(d->title2))
		return true;
	for (size_t i = 0; i < d->npara; i++)
		if (blank_in(d->para[i]))
			return true;
	for (size_t i = 0; i < d->npara2; i++)
		if (blank_in(d->para2[i]))
			return true;
	for (size_t i = 0; i < d->nattach; i++)
		if (blank_in(d->attach[i]))
			return true;
	return false;
}

/* ---- facts ---- */

enum fact_type { FACT_TEXT, FACT_DATE, FACT_ID, FACT_PARTS, FACT_LINES };

static const struct {
	const char *name;
	enum fact_type type;
	unsigned kinds; /* bitmask over enum ogi_letter_kind; ~0u: every kind */
} facts_known[] = {
#define K(k) (1u << OGI_LETTER_##k)
    {"attachments", FACT_LINES, ~0u},
    {"correction_content", FACT_TEXT, ~0u},
    {"consultation", FACT_ID,
     K(THIRD_PARTY_CONSULTATION) | K(CONSULTATION_NOTICE) | K(BODY_CONSULTATION) |
         K(OVERRIDE_NOTICE)},
    {"info_concerned", FACT_TEXT,
     K(THIRD_PARTY_CONSULTATION) | K(BODY_CONSULTATION) | K(OVERRIDE_NOTICE)},
    {"disclose_on", FACT_TEXT, K(OVERRIDE_NOTICE)},
    {"pay_how", FACT_TEXT, K(FEE_NOTICE)},
    {"where", FACT_TEXT, K(REPLY)},
    {"url", FACT_TEXT, K(REPLY)},
    {"index", FACT_TEXT, K(REPLY)},
    {"provided", FACT_TEXT, K(REPLY)},
    {"provide_how", FACT_TEXT, K(REPLY)},
    {"disclosed_part", FACT_TEXT, K(REPLY)},
    {"withheld_parts", FACT_PARTS, K(REPLY)},
    {"reasons", FACT_TEXT, K(REPLY)},
    {"search_done", FACT_TEXT, K(REPLY)},
    {"other_body", FACT_TEXT, K(REPLY)},
    {"other_body_contact", FACT_TEXT, K(REPLY)},
    {"earlier_ref", FACT_TEXT, K(REPLY)},
    {"earlier_on", FACT_DATE, K(REPLY)},
    {"proper_channel", FACT_TEXT, K(REPLY)},
    {"decision", FACT_TEXT, K(REPLY)},
#undef K
};

#define FACT_PARTS_MAX 20

static bool text_ok(json_t *v)
{
	return json_is_string(v) &&
	       utf8_chars(json_string_value(v), json_string_length(v)) <= OGI_LETTER_FACT_MAX;
}

static void type_error(struct spec_errors *errs, const char *field, const char *zh, const char *en)
{
	spec_error_add(errs, field, "type", zh, en);
}

static void check_parts(json_t *v, const char *field, struct spec_errors *errs)
{
	if (!json_is_array(v) || json_array_size(v) == 0 || json_array_size(v) > FACT_PARTS_MAX) {
		type_error(errs, field, "应为1至20项的列表，每项含 part 与 outcome",
		           "a list of 1 to 20 items, each with part and outcome");
		return;
	}
	size_t i;
	json_t *p;
	json_array_foreach(v, i, p)
	{
		char at[96];
		snprintf(at, sizeof at, "%s[%zu]", field, i);
		const char *key;
		json_t *m;
		if (!json_is_object(p)) {
			type_error(errs, at, "每项应为含 part 与 outcome 的对象",
			           "each item is an object with part and outcome");
			continue;
		}
		int o = ogi_enum_parse(ogi_outcome_names,
		                       json_string_value(json_object_get(p, "outcome")));
		if (!text_ok(json_object_get(p, "part")) ||
		    json_string_length(json_object_get(p, "part")) == 0)
			type_error(errs, at, "part 应为不超过2000字的说明",
			           "part: a text of at most 2000 characters");
		if (o < 0 || !(ogi_outcome_is_withheld(o) || o == OGI_OUT_NOT_GOVERNMENT_INFO))
			spec_error_add(errs, at, "enum", "outcome 应为不予公开的一种情形",
			               "outcome: a withheld_* value or not_government_info");
		json_object_foreach(p, key, m)
		{
			if (strcmp(key, "part") != 0 && strcmp(key, "outcome") != 0 &&
			    !(strcmp(key, "reasons") == 0 && text_ok(m)))
				spec_error_add(errs, at, "unknown_field",
				               "只能包含 part、outcome、reasons",
				               "only part, outcome and reasons");
		}
	}
}

bool ogi_letter_facts_check(enum ogi_letter_kind kind, json_t *facts, struct spec_errors *errs)
{
	int before = errs->n;
	if (facts == NULL || json_is_null(facts))
		return true;
	if (!json_is_object(facts)) {
		type_error(errs, "facts", "应为对象", "must be an object");
		return false;
	}
	const char *key;
	json_t *v;
	json_object_foreach(facts, key, v)
	{
		char field[96];
		snprintf(field, sizeof field, "facts.%s", key);
		size_t k = 0, n = sizeof facts_known / sizeof facts_known[0];
		while (k < n && strcmp(facts_known[k].name, key) != 0)
			k++;
		if (k == n || (facts_known[k].kinds & (1u << kind)) == 0) {
			spec_error_add(errs, field, "unknown_field", "该类文书不使用此项",
			               "not a fact this kind of letter reads");
			continue;
		}
		ogi_date d;
		switch (facts_known[k].type) {
		case FACT_TEXT:
			if (!text_ok(v))
				type_error(errs, field, "应为不超过2000字的文字",
				           "a text of at most 2000 characters");
			break;
		case FACT_DATE:
			if (!json_is_string(v) || !ogi_date_parse(json_string_value(v), &d))
				type_error(errs, field, "应为日期（YYYY-MM-DD）",
				           "a date (YYYY-MM-DD)");
			break;
		case FACT_ID:
			if (!json_is_integer(v) || json_integer_value(v) < 1)
				type_error(errs, field, "应为征求意见事件的编号",
				           "the id of a consultation_started event");
			break;
		case FACT_LINES: {
			size_t i;
			json_t *line;
			bool ok = json_is_array(v) && json_array_size(v) <= 8;
			json_array_foreach(v, i, line) ok = ok && text_ok(line);
			if (!ok)
				type_error(errs, field, "应为至多8行文字",
				           "a list of at most 8 texts");
			break;
		}
		case FACT_PARTS:
			check_parts(v, field, errs);
			break;
		}
	}
	return errs->n == before;
}

/* ---- 送达回证 ---- */

#define HAND "＿＿＿＿＿＿＿＿＿＿＿＿"

static void add_line(struct ogi_letter_doc *d, bool *oom, const char *fmt, const char *a,
                     const char *b)
{
	char *p = NULL;
	if (d->npara >= OGI_LETTER_PARAGRAPHS_MAX)
		return;
	if (asprintf(&p, fmt, a, b) < 0) {
		*oom = true;
		return;
	}
	d->para[d->npara++] = p;
}

void ogi_letter_service_form(const struct ogi_letter_doc *letter, const struct ogi_request *r,
                             const struct ogi_body_settings *s, struct ogi_letter_doc *out)
{
	struct ogi_letter_doc d = {0};
	bool oom = false;
	const char *body = s->name[0] != '\0' ? s->name : r->body_name;
	const char *address = NULL;
	/* the applicant's address when the letter goes to the applicant */
	if (r->applicant.name != NULL && strcmp(letter->addressee, r->applicant.name) == 0)
		address = r->applicant.address;
	d.kind = letter->kind;
	d.outcome = letter->outcome;
	d.date = letter->date;
	snprintf(d.title, sizeof d.title, "送达回证");
	snprintf(d.signer, sizeof d.signer, "%s", body);
	add_line(&d, &oom, "送达机关：%s%s", body, "");
	add_line(&d, &oom, "受送达人：%s%s", letter->addressee[0] ? letter->addressee : HAND, "");
	if (letter->ref[0] != '\0')
		add_line(&d, &oom, "送达文书：《%s》（%s）", letter->title, letter->ref);
	else
		add_line(&d, &oom, "送达文书：《%s》%s", letter->title, "");
	add_line(&d, &oom, "送达地点：%s%s", address != NULL && address[0] ? address : HAND, "");
	add_line(&d, &oom, "送达方式：%s%s", "直接送达", "");
	add_line(&d, &oom, "受送达人签名或者盖章：%s%s", HAND, "");
	add_line(&d, &oom, "签收日期：%s%s", "　　　　年　　月　　日", "");
	add_line(&d, &oom, "代收人及代收理由：%s%s", HAND, "");
	add_line(&d, &oom, "送达人：%s　%s", HAND, HAND);
	add_line(&d, &oom, "备注：%s%s", HAND, "");
	if (oom) {
		ogi_letter_doc_free(&d);
		d = (struct ogi_letter_doc){0};
	}
	*out = d;
}
