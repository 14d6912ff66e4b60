/* A letter drafted and edited (issue 13; lib/letter_compose.c,
 * lib/letter_template.c, lib/letter_record.c, lib/letter_html.c): the input
 * is a JSON object {kind, outcome, facts, overrides, edit: {paragraphs,
 * title, addressee}} — the facts of the draft request, an office's
 * template texts, and a handler's paragraph edit.  A request answered (or
 * not) on a fixed record is composed with the facts and the overrides that
 * pass their checks, stored as a record, edited as PATCH …/letters/{id}
 * edits it, and printed as HTML.  Checked: no crash, leak or undefined
 * behaviour; the checks' verdicts agree with their reasons; what is
 * composed is within the letter's limits and valid UTF-8; the record gives
 * back the document it was made from; an edited letter prints its
 * paragraphs as text (no markup of theirs, no script) and says it holds
 * blanks exactly when a paragraph holds the mark. */
#include <jansson.h>
#include <string.h>
#include <strings.h>

#include "lib/body_settings.h"
#include "lib/letter.h"
#include "lib/letter_record.h"
#include "lib/letter_render.h"
#include "lib/request.h"
#include "lib/spec.h"
#include "tests/fuzz/fuzz.h"

static void happen(struct ogi_event_list *ev, enum ogi_event_type t, const char *on,
                   const char *payload)
{
	struct ogi_event e = {0};
	e.id = (long long)ev->n + 100;
	e.type = t;
	ogi_date_parse(on, &e.on);
	e.payload = json_loads(payload, 0, NULL);
	snprintf(e.actor, sizeof e.actor, "liming");
	snprintf(e.actor_name, sizeof e.actor_name, "李明");
	if (e.payload == NULL || !ogi_event_list_push(ev, &e))
		abort();
}

/* 张三 asked in person on 2024-03-05; each kind's event is on the record, the reply's outcome
 * as the input names it (none: the request is open). */
static void record_of(struct ogi_request *r, struct ogi_event_list *ev, int outcome)
{
	memset(r, 0, sizeof *r);
	r->id = 7;
	snprintf(r->tracking_no, sizeof r->tracking_no, "MLJD-2024-0007");
	r->channel = OGI_CHANNEL_IN_PERSON;
	ogi_date_parse("2024-03-05", &r->received_on);
	r->regime = OGI_REGIME_2019;
	r->applicant.kind = OGI_APPLICANT_NATURAL_PERSON;
	r->applicant.name = "张三";
	r->applicant.address = "平湛区东风路12号";
	r->description = "2023年马岭街道老旧小区改造项目的招标文件";
	r->form_medium = OGI_MEDIUM_PAPER;
	r->form_delivery = OGI_DELIVERY_POST;
	r->status = OGI_STATUS_REGISTERED;
	ogi_date_parse("2024-04-02", &r->due_on);
	r->outcome = -1;
	snprintf(r->body_name, sizeof r->body_name, "平湛区马岭街道办事处");
	happen(ev, OGI_EV_REGISTERED, "2024-03-05", "{}");
	happen(ev, OGI_EV_CORRECTION_REQUESTED, "2024-03-06",
	       "{\"items\": \"请写明文件名称\", \"correction_due\": \"2024-03-20\"}");
	happen(ev, OGI_EV_CORRECTION_RECEIVED, "2024-03-08", "{}");
	happen(ev, OGI_EV_CONSULTATION_STARTED, "2024-03-11",
	       "{\"party\": \"third_party\", \"name\": \"某公司\"}");
	happen(ev, OGI_EV_CONSULTATION_ENDED, "2024-03-20",
	       "{\"answer\": \"object\", \"reasons\": \"商业秘密\"}");
	happen(ev, OGI_EV_OBJECTION_OVERRIDDEN, "2024-03-21", "{\"reason\": \"公共利益\"}");
	happen(ev, OGI_EV_EXTENSION_APPROVED, "2024-03-25",
	       "{\"working_days\": 20, \"approver\": \"李主任\", \"reason\": \"档案\"}");
	happen(ev, OGI_EV_FEE_NOTICE_ISSUED, "2024-03-26",
	       "{\"method\": \"per_volume\", \"amount\": 100, \"pages\": 120, \"pay_by\": "
	       "\"2024-04-24\"}");
	happen(ev, OGI_EV_DELAY_SET, "2024-03-27",
	       "{\"due_on\": \"2024-05-20\", \"reason\": \"多\"}");
	if (outcome >= 0) {
		char payload[160];
		snprintf(payload, sizeof payload,
		         "{\"outcome\": \"%s\", \"referred_body\": \"区住建局\"}",
		         ogi_outcome_names[outcome]);
		happen(ev, OGI_EV_REPLIED, "2024-04-01", payload);
		r->status = OGI_STATUS_CLOSED;
		r->outcome = outcome;
	}
}

static bool valid_text(const char *s)
{
	return s != NULL && utf8_valid(s, strlen(s));
}

static void check_errors(bool ok, const struct spec_errors *errs)
{
	FUZZ_CHECK(ok == (errs->n == 0));
	for (int i = 0; i < errs->n; i++)
		FUZZ_CHECK(errs->e[i].field[0] && errs->e[i].message_zh[0] &&
		           errs->e[i].message_en[0]);
}

/* The overrides of in that pass ogi_letter_template_check, as the body PUT keeps them. */
static json_t *accepted_overrides(json_t *in)
{
	json_t *out = json_object();
	const char *key;
	json_t *v;
	json_object_foreach(in, key, v)
	{
		char bad[128] = "";
		if (!json_is_string(v) || ogi_letter_template_default(key) == NULL)
			continue;
		bool ok = ogi_letter_template_check(key, json_string_value(v), bad, sizeof bad);
		FUZZ_CHECK(ok || bad[0] != '\0');
		if (ok)
			json_object_set(out, key, v);
	}
	return out;
}

static void check_doc(const struct ogi_letter_doc *d)
{
	FUZZ_CHECK(d->npara <= OGI_LETTER_PARAGRAPHS_MAX && d->npara2 <= OGI_LETTER_PARAGRAPHS_MAX);
	FUZZ_CHECK(valid_text(d->title) && valid_text(d->addressee) && valid_text(d->signer));
	for (size_t i = 0; i < d->npara; i++)
		FUZZ_CHECK(valid_text(d->para[i]));
	for (size_t i = 0; i < d->npara2; i++)
		FUZZ_CHECK(valid_text(d->para2[i]));
}

/* The edit as PATCH applies it: paragraphs replaced when they pass, the title and addressee
 * when they are strings. */
static void edit(struct ogi_letter_record *l, json_t *e)
{
	json_t *paras = json_object_get(e, "paragraphs");
	if (paras != NULL) {
		struct spec_errors errs = {0};
		bool ok = ogi_letter_paragraphs_check(paras, &errs);
		check_errors(ok, &errs);
		if (ok) {
			json_decref(l->paragraphs);
			l->paragraphs = json_incref(paras);
		}
	}
	json_t *t = json_object_get(e, "title"), *a = json_object_get(e, "addressee");
	if (json_is_string(t) && json_string_length(t) < OGI_LETTER_TITLE_SIZE) {
		free(l->title);
		l->title = strdup(json_string_value(t));
	}
	if (json_is_string(a) && json_string_length(a) < OGI_SETTING_TEXT_SIZE) {
		free(l->addressee);
		l->addressee = strdup(json_string_value(a));
	}
}

static size_t count(const char *s, char c)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s == c;
	return n;
}

static void print_and_check(const struct ogi_letter_record *l)
{
	struct ogi_letter_doc d;
	if (!ogi_letter_record_doc(l, &d))
		return;
	bool marked =
	    strstr(d.title, OGI_LETTER_BLANK_OPEN) || strstr(d.addressee, OGI_LETTER_BLANK_OPEN);
	for (size_t i = 0; i < d.npara; i++)
		marked = marked || strstr(d.para[i], OGI_LETTER_BLANK_OPEN) != NULL;
	for (size_t i = 0; i < d.nattach; i++)
		marked = marked || strstr(d.attach[i], OGI_LETTER_BLANK_OPEN) != NULL;
	for (size_t i = 0; i < d.npara2; i++)
		marked = marked || strstr(d.para2[i], OGI_LETTER_BLANK_OPEN) != NULL;
	FUZZ_CHECK(ogi_letter_has_blanks(&d) == marked);
	char *html = NULL;
	size_t len = 0;
	if (ogi_letter_html(&d, NULL, &html, &len) == 0) {
		FUZZ_CHECK(html != NULL && strlen(html) == len);
		FUZZ_CHECK(strcasestr(html, "<script") == NULL);
		/* a paragraph's text prints as text: the same letter with every '<' of its
		   paragraphs made an 'x' has as many '<' (its own markup: line breaks and blanks
		   stay where they were), so none came from the paragraphs' text */
		struct ogi_letter_doc plain = d;
		char *neutral[OGI_LETTER_PARAGRAPHS_MAX];
		for (size_t i = 0; i < d.npara; i++) {
			neutral[i] = strdup(d.para[i]);
			for (char *q = neutral[i]; q != NULL && *q; q++)
				if (*q == '<')
					*q = 'x';
			if (neutral[i] == NULL)
				neutral[i] =
				    d.para[i]; /* out of memory: the check below still holds */
		}
		memcpy(plain.para, neutral, sizeof(char *) * d.npara);
		char *html2 = NULL;
		size_t len2 = 0;
		if (ogi_letter_html(&plain, NULL, &html2, &len2) == 0) {
			FUZZ_CHECK(count(html, '<') == count(html2, '<'));
			free(html2);
		}
		for (size_t i = 0; i < d.npara; i++)
			if (neutral[i] != d.para[i])
				free(neutral[i]);
		free(html);
	}
	ogi_letter_doc_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 65536)
		return 0;
	json_t *in = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
	if (!json_is_object(in)) {
		json_decref(in);
		return 0;
	}
	const char *kind_name = json_string_value(json_object_get(in, "kind"));
	int kind = kind_name ? ogi_enum_parse(ogi_letter_kind_names, kind_name) : -1;
	const char *outcome_name = json_string_value(json_object_get(in, "outcome"));
	int outcome = outcome_name ? ogi_enum_parse(ogi_outcome_names, outcome_name) : -1;
	if (kind < 0) {
		json_decref(in);
		return 0;
	}
	json_t *facts = json_object_get(in, "facts");
	struct spec_errors errs = {0};
	bool facts_ok = ogi_letter_facts_check((enum ogi_letter_kind)kind, facts, &errs);
	check_errors(facts_ok, &errs);
	json_t *overrides = accepted_overrides(json_object_get(in, "overrides"));

	struct ogi_request r;
	struct ogi_event_list ev = {0};
	record_of(&r, &ev, outcome);
	struct ogi_body_settings s;
	ogi_body_settings_defaults(&s, "平湛区马岭街道办事处", "平湛区人民政府");
	ogi_date on;
	ogi_date_parse("2024-04-01", &on);
	struct ogi_letter_doc doc;
	enum ogi_letter_refusal why = facts_ok
	                                  ? ogi_letter_compose((enum ogi_letter_kind)kind, &r, &ev,
	                                                       &s, facts, overrides, on, &doc)
	                                  : OGI_LETTER_REFUSAL_COUNT;
	if (facts_ok)
		FUZZ_CHECK(why <= OGI_LETTER_REFUSAL_COUNT);
	if (why == OGI_LETTER_OK) {
		check_doc(&doc);
		struct ogi_letter_record l = {.id = 1, .status = OGI_LETTER_STATUS_DRAFT};
		FUZZ_CHECK(ogi_letter_record_set_doc(&l, &doc));
		struct ogi_letter_doc back;
		FUZZ_CHECK(ogi_letter_record_doc(&l, &back));
		FUZZ_CHECK(back.npara == doc.npara && back.npara2 == doc.npara2);
		for (size_t i = 0; i < doc.npara; i++) {
			FUZZ_CHECK(strcmp(back.para[i], doc.para[i]) == 0);
			FUZZ_CHECK(back.para_remedy[i] == doc.para_remedy[i] ||
			           (back.para_remedy[i] && !doc.para_remedy[i]));
		}
		ogi_letter_doc_free(&back);
		json_t *e = json_object_get(in, "edit");
		if (json_is_object(e))
			edit(&l, e);
		print_and_check(&l);
		ogi_letter_record_free(&l);
		ogi_letter_doc_free(&doc);
	}
	ogi_event_list_free(&ev);
	json_decref(overrides);
	json_decref(in);
	return 0;
}
