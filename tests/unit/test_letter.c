/* The letter engine's rules (lib/letter.h; reference/letters.md, law.md):
 * the remedy sentence by outcome, letter date and body setting; the letters
 * refused while they make no sense; the 文号; the templates and an office's
 * overrides; and a compose of every kind against a built request and
 * history — the article cited, the record quoted, the remedy paragraph,
 * and blank marks exactly where a fact is missing. */
#include <stdlib.h>
#include <string.h>

#include "lib/letter.h"
#include "tests/unit/check.h"

static ogi_date day(const char *s)
{
	ogi_date d;
	if (!ogi_date_parse(s, &d))
		abort();
	return d;
}

/* A street office of 平湛区 as its admin set it up. */
static struct ogi_body_settings settings(void)
{
	struct ogi_body_settings s;
	ogi_body_settings_defaults(&s, "平湛区马岭街道办事处", "平湛区人民政府");
	snprintf(s.letter_prefix, sizeof s.letter_prefix, "平湛马办");
	snprintf(s.court, sizeof s.court, "平湛区人民法院");
	snprintf(s.address, sizeof s.address, "平湛区马岭路8号");
	snprintf(s.postcode, sizeof s.postcode, "524000");
	snprintf(s.phone, sizeof s.phone, "0759-3312345");
	return s;
}

/* ---- the remedy sentence ---- */

#define R_OLD                                                                                                                               \
	"如不服本答复，可以自收到本答复之日起60日内向平湛区人民政府申请行政复议，或者在6个月内依" \
	"法"                                                                                                                               \
	"向平湛区人民法院提起行政诉讼。"
#define R_ORD                                                                                                                               \
	"如不服本答复，可以自收到本答复之日起60日内向平湛区人民政府申请行政复议，或者在6个月内向" \
	"平"                                                                                                                               \
	"湛区人民法院提起行政诉讼。"
#define R_REVIEW                                                                                                                              \
	"如不服本答复，可以自收到本答复之日起60日内向平湛区人民政府申请行政复议；对行政复议决定不" \
	"服"                                                                                                                                 \
	"的，可以自收到行政复议决定书之日起15日内依法向平湛区人民法院提起行政诉讼。"
#define R_PARTIAL                                                                                                                             \
	"如对本答复中不予公开的部分不服，可以自收到本答复之日起60日内向平湛区人民政府申请行政复议" \
	"；"                                                                                                                                 \
	"对行政复议决定不服的，可以自收到行政复议决定书之日起15日内依法向平湛区人民法院提起行政诉" \
	"讼"                                                                                                                                 \
	"。如对本答复的其他内容不服，可以自收到本答复之日起60日内向平湛区人民政府申请行政复议，或" \
	"者"                                                                                                                                 \
	"在6个月内向平湛区人民法院提起行政诉讼。"

static void remedy_by_outcome(void)
{
	/* Each outcome's sentence on a letter dated 2023-12-31 (行政复议法 2017:
	 * no review first for OGI) and 2024-01-01 (行政复议法 2023 in force, art.
	 * 90; art. 23(1)(4) review first for 不予公开), with the body's setting
	 * for 信息不存在 / 非本机关 / 无法提供 off (narrow) and on (wide). */
	static const struct {
		enum ogi_outcome o;
		const char *narrow, *wide; /* from 2024-01-01 */
		const char *why;
	} rows[] = {
	    {OGI_OUT_ALREADY_PUBLIC, R_ORD, R_ORD, "36(1): a disclosure, ordinary"},
	    {OGI_OUT_DISCLOSED, R_ORD, R_ORD, "36(2): ordinary"},
	    {OGI_OUT_PARTIAL, R_PARTIAL, R_PARTIAL, "37: review first for the withheld part only"},
	    {OGI_OUT_WITHHELD_STATE_SECRET, R_REVIEW, R_REVIEW,
	     "14, 36(3): 不予公开, review first"},
	    {OGI_OUT_WITHHELD_LAW_PROHIBITED, R_REVIEW, R_REVIEW, "14: review first"},
	    {OGI_OUT_WITHHELD_SECURITY_STABILITY, R_REVIEW, R_REVIEW, "14: review first"},
	    {OGI_OUT_WITHHELD_THIRD_PARTY, R_REVIEW, R_REVIEW, "15: review first"},
	    {OGI_OUT_WITHHELD_INTERNAL_AFFAIRS, R_REVIEW, R_REVIEW, "16(1): review first"},
	    {OGI_OUT_WITHHELD_PROCESS_INFO, R_REVIEW, R_REVIEW, "16(2): review first"},
	    {OGI_OUT_WITHHELD_ENFORCEMENT_FILE, R_REVIEW, R_REVIEW, "16(2): review first"},
	    {OGI_OUT_WITHHELD_QUERY_MATTER, R_ORD, R_ORD,
	     "36(7): told which procedure to use, no refusal (letters.md: ordinary)"},
	    {OGI_OUT_NOT_HELD_NOT_EXIST, R_ORD, R_REVIEW, "36(4): 信息不存在, the setting decides"},
	    {OGI_OUT_NOT_HELD_OTHER_BODY, R_ORD, R_REVIEW, "36(5): 非本机关, the setting decides"},
	    {OGI_OUT_NEEDS_CREATION, R_ORD, R_REVIEW, "38: 无法提供, the setting decides"},
	    {OGI_OUT_STILL_UNCLEAR, R_ORD, R_REVIEW, "30: 无法提供, the setting decides"},
	    {OGI_OUT_NOT_GOVERNMENT_INFO, R_ORD, R_ORD, "2: ordinary"},
	    {OGI_OUT_REJECTED_PETITION, R_ORD, R_ORD, "39(1): 不予处理, ordinary"},
	    {OGI_OUT_REJECTED_REPEAT, R_ORD, R_ORD, "36(6): ordinary"},
	    {OGI_OUT_REJECTED_PUBLICATION, R_ORD, R_ORD, "39(2): ordinary"},
	    {OGI_OUT_REJECTED_EXCESSIVE, R_ORD, R_ORD, "35: ordinary"},
	    {OGI_OUT_REJECTED_CONFIRM_REISSUE, R_ORD, R_ORD, "ordinary"},
	    {OGI_OUT_LAPSED_CORRECTION, R_ORD, R_ORD, "30, termination: ordinary (inference)"},
	    {OGI_OUT_LAPSED_FEE, R_ORD, R_ORD, "109号, termination: ordinary (inference)"},
	    {OGI_OUT_WITHDRAWN, "", "", "withdrawn: no letter, no sentence"},
	    {OGI_OUT_OTHER, R_ORD, R_ORD, "ordinary"},
	};
	_Static_assert(sizeof rows / sizeof rows[0] == OGI_OUTCOME_COUNT, "every outcome a row");
	struct ogi_body_settings s = settings();
	char got[4096];
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const char *old = rows[i].o == OGI_OUT_WITHDRAWN ? "" : R_OLD;
		for (int wide = 0; wide <= 1; wide++) {
			s.review_first_not_held = wide;
			ogi_letter_remedy_sentence(OGI_LETTER_REPLY, (int)rows[i].o,
			                           day("2023-12-31"), &s, got, sizeof got);
			CHECK_STR(got, old, "%s on 2023-12-31 (setting %d): %s",
			          ogi_outcome_names[rows[i].o], wide, rows[i].why);
			ogi_letter_remedy_sentence(OGI_LETTER_REPLY, (int)rows[i].o,
			                           day("2024-01-01"), &s, got, sizeof got);
			CHECK_STR(got, wide ? rows[i].wide : rows[i].narrow,
			          "%s on 2024-01-01 (setting %d): %s", ogi_outcome_names[rows[i].o],
			          wide, rows[i].why);
		}
	}
}

static void remedy_by_kind(void)
{
	struct ogi_body_settings s = settings();
	char got[4096];
	/* 国办函〔2021〕132号: procedural notices are not reviewable: no sentence */
	static const enum ogi_letter_kind procedural[] = {OGI_LETTER_RECEIPT,
	                                                  OGI_LETTER_CORRECTION_NOTICE,
	                                                  OGI_LETTER_EXTENSION_NOTICE,
	                                                  OGI_LETTER_DELAY_NOTICE,
	                                                  OGI_LETTER_THIRD_PARTY_CONSULTATION,
	                                                  OGI_LETTER_CONSULTATION_NOTICE,
	                                                  OGI_LETTER_BODY_CONSULTATION,
	                                                  OGI_LETTER_FEE_NOTICE};
	for (size_t i = 0; i < sizeof procedural / sizeof procedural[0]; i++) {
		ogi_letter_remedy_sentence(procedural[i], -1, day("2024-06-03"), &s, got,
		                           sizeof got);
		CHECK_STR(got, "", "%s carries no remedy sentence",
		          ogi_letter_kind_names[procedural[i]]);
	}
	ogi_letter_remedy_sentence(OGI_LETTER_REPLY, -1, day("2024-06-03"), &s, got, sizeof got);
	CHECK_STR(got, "", "a reply without an outcome: none");
	/* art. 32: the decision to disclose is the third party's to challenge, ordinary */
	ogi_letter_remedy_sentence(OGI_LETTER_OVERRIDE_NOTICE, -1, day("2024-06-03"), &s, got,
	                           sizeof got);
	CHECK_STR(
	    got,
	    "如不服本决定，可以自收到本告知书之日起60日内向平湛区人民政府申请行政复议，或者在6个"
	    "月内向平湛区人民法院提起行政诉讼。",
	    "override notice from 2024");
	ogi_letter_remedy_sentence(OGI_LETTER_OVERRIDE_NOTICE, -1, day("2023-12-31"), &s, got,
	                           sizeof got);
	CHECK_STR(
	    got,
	    "如不服本决定，可以自收到本告知书之日起60日内向平湛区人民政府申请行政复议，或者在6个"
	    "月内依法向平湛区人民法院提起行政诉讼。",
	    "override notice before 2024");

	/* settings left empty: the reconsideration body is a blank to fill in, the court generic */
	struct ogi_body_settings bare;
	ogi_body_settings_defaults(&bare, "平湛区住房和城乡建设局", NULL);
	ogi_letter_remedy_sentence(OGI_LETTER_REPLY, OGI_OUT_DISCLOSED, day("2023-06-30"), &bare,
	                           got, sizeof got);
	CHECK_STR(
	    got,
	    "如不服本答复，可以自收到本答复之日起60日内向【待填写：行政复议机关】申请行政复议，或"
	    "者在6个月内依法向人民法院提起行政诉讼。",
	    "before 2024, no reconsideration body set: a blank mark; no court: 人民法院");
	ogi_letter_remedy_sentence(OGI_LETTER_REPLY, OGI_OUT_WITHHELD_THIRD_PARTY,
	                           day("2024-01-02"), &bare, got, sizeof got);
	CHECK_STR(
	    got,
	    "如不服本答复，可以自收到本答复之日起60日内向【待填写：行政复议机关】申请行政复议；对"
	    "行政复议决定不服的，可以自收到行政复议决定书之日起15日内依法向人民法院提起行政诉讼。",
	    "review first, no settings");
	/* the authority's address, when set, follows the sentence */
	snprintf(s.reconsideration_address, sizeof s.reconsideration_address,
	         "平湛区人民政府行政复议办公室（平湛区府前路1号）");
	ogi_letter_remedy_sentence(OGI_LETTER_REPLY, OGI_OUT_DISCLOSED, day("2024-03-01"), &s, got,
	                           sizeof got);
	CHECK_STR(got, R_ORD "行政复议机关地址：平湛区人民政府行政复议办公室（平湛区府前路1号）。",
	          "with the reconsideration address");
}

/* ---- settings, 文号, dates ---- */

static void settings_and_refs(void)
{
	struct ogi_body_settings s = settings();
	char ref[OGI_LETTER_REF_SIZE];
	CHECK_STR(s.reconsideration_body, "平湛区人民政府",
	          "2023 复议法: a street office's reconsideration body is the district government");
	CHECK_STR(s.kind_code[OGI_LETTER_REPLY], "依申复", "default reply code");
	CHECK_STR(s.kind_code[OGI_LETTER_CORRECTION_NOTICE], "依申告", "default notice code");
	ogi_letter_ref_format(&s, OGI_LETTER_REPLY, 2024, 3, ref);
	CHECK_STR(ref, "平湛马办依申复〔2024〕3号", "letters.md's street office 文号");
	ogi_letter_ref_format(&s, OGI_LETTER_EXTENSION_NOTICE, 2025, 12, ref);
	CHECK_STR(ref, "平湛马办依申告〔2025〕12号", "a notice's series");
	s.letter_prefix[0] = '\0';
	ogi_letter_ref_format(&s, OGI_LETTER_REPLY, 2024, 1, ref);
	CHECK_STR(ref, "依申复〔2024〕1号", "no 机关代字: the 文号 starts at the code");

	struct ogi_body_settings dept;
	ogi_body_settings_defaults(&dept, "平湛区教育局", "平湛区教育工作委员会");
	CHECK_STR(dept.reconsideration_body, "", "a parent that is no people's government: unset");

	char zh[OGI_DATE_ZH_SIZE];
	CHECK_STR(ogi_date_zh(day("2024-03-05"), zh), "2024年3月5日", "no leading zeros");
	CHECK_STR(ogi_date_zh(day("2023-12-31"), zh), "2023年12月31日", "two-digit month and day");

	struct spec_errors errs = {0};
	s = settings();
	CHECK(ogi_body_settings_check(&s, &errs), "the set-up settings pass");
	snprintf(s.name, sizeof s.name, "%s", OGI_BODY_PLACEHOLDER_NAME);
	snprintf(s.postcode, sizeof s.postcode, "52400");
	snprintf(s.kind_code[OGI_LETTER_REPLY], sizeof s.kind_code[0], "依申〔复〕");
	s.kind_code[OGI_LETTER_RECEIPT][0] = '\0';
	CHECK(!ogi_body_settings_check(&s, &errs), "bad settings refused");
	CHECK_INT(errs.n, 4, "name, postcode, two kind codes");
	CHECK_STR(errs.e[0].field, "name", "the placeholder name is no name to sign with");
}

/* ---- a request and its history ---- */

struct history {
	struct ogi_request r;
	struct ogi_event_list ev;
};

static void happen(struct history *h, enum ogi_event_type t, const char *on, const char *payload)
{
	struct ogi_event e = {0};
	e.id = (long long)h->ev.n + 100;
	e.type = t;
	e.on = day(on);
	e.payload = json_loads(payload != NULL ? payload : "{}", 0, NULL);
	if (e.payload == NULL)
		abort();
	/* the login and the name people read (经办人 is the name: issue 18) */
	snprintf(e.actor, sizeof e.actor, "liming");
	snprintf(e.actor_name, sizeof e.actor_name, "李明");
	ogi_event_list_push(&h->ev, &e);
}

/* 张三 asked 平湛区马岭街道办事处 in person on 2024-03-05 (a Tuesday). */
static void request_of(struct history *h)
{
	memset(h, 0, sizeof *h);
	struct ogi_request *r = &h->r;
	r->id = 7;
	snprintf(r->tracking_no, sizeof r->tracking_no, "MLJD-2024-0007");
	r->channel = OGI_CHANNEL_IN_PERSON;
	r->received_on = day("2024-03-05");
	r->regime = OGI_REGIME_2019;
	r->applicant.kind = OGI_APPLICANT_NATURAL_PERSON;
	r->applicant.name = "张三";
	r->applicant.address = "平湛区东风路12号";
	r->description = "2023年马岭街道老旧小区改造项目的招标文件";
	r->form_medium = OGI_MEDIUM_PAPER;
	r->form_delivery = OGI_DELIVERY_POST;
	r->status = OGI_STATUS_REGISTERED;
	r->due_on = day("2024-04-02");
	r->outcome = -1;
	snprintf(r->body_name, sizeof r->body_name, "平湛区马岭街道办事处");
	happen(h, OGI_EV_REGISTERED, "2024-03-05", NULL);
}

static void reply_with(struct history *h, const char *on, const char *outcome)
{
	char payload[256];
	snprintf(payload, sizeof payload, "{\"outcome\": \"%s\"}", outcome);
	happen(h, OGI_EV_REPLIED, on, payload);
	h->r.status = OGI_STATUS_CLOSED;
	h->r.outcome = ogi_enum_parse(ogi_outcome_names, outcome);
}

static const char *para_with(const struct ogi_letter_doc *d, const char *needle)
{
	for (size_t i = 0; i < d->npara; i++)
		if (strstr(d->para[i], needle) != NULL)
			return d->para[i];
	return NULL;
}

static int remedy_paras(const struct ogi_letter_doc *d, const char **text)
{
	int n = 0;
	for (size_t i = 0; i < d->npara; i++)
		if (d->para_remedy[i]) {
			n++;
			*text = d->para[i];
		}
	return n;
}

/* ---- refusals ---- */

static void refusals(void)
{
	/* each letter needs the event it reports (409 naming the rule) */
	static const struct {
		enum ogi_letter_kind kind;
		enum ogi_letter_refusal want;
		const char *why;
	} bare[] = {
	    {OGI_LETTER_RECEIPT, OGI_LETTER_OK, "arts. 29, 31: every request has its receipt"},
	    {OGI_LETTER_REPLY, OGI_LETTER_NO_OUTCOME, "a reply before the outcome is recorded"},
	    {OGI_LETTER_CORRECTION_NOTICE, OGI_LETTER_NO_CORRECTION,
	     "art. 30: a correction notice needs correction_requested"},
	    {OGI_LETTER_EXTENSION_NOTICE, OGI_LETTER_NO_EXTENSION,
	     "art. 33(2): an extension notice needs the approved extension"},
	    {OGI_LETTER_DELAY_NOTICE, OGI_LETTER_NO_DELAY, "art. 35: needs delay_set"},
	    {OGI_LETTER_THIRD_PARTY_CONSULTATION, OGI_LETTER_NO_CONSULTATION,
	     "art. 32: needs a consultation of a third party"},
	    {OGI_LETTER_CONSULTATION_NOTICE, OGI_LETTER_NO_CONSULTATION,
	     "art. 33(3): needs a consultation"},
	    {OGI_LETTER_BODY_CONSULTATION, OGI_LETTER_NO_CONSULTATION,
	     "art. 34: needs a consultation of a body"},
	    {OGI_LETTER_OVERRIDE_NOTICE, OGI_LETTER_NO_OVERRIDE,
	     "art. 32: needs objection_overridden"},
	    {OGI_LETTER_FEE_NOTICE, OGI_LETTER_NO_FEE_NOTICE,
	     "109号: a fee notice needs fee_notice_issued"},
	};
	struct ogi_body_settings s = settings();
	struct history h;
	request_of(&h);
	for (size_t i = 0; i < sizeof bare / sizeof bare[0]; i++) {
		struct ogi_letter_doc d = {0};
		enum ogi_letter_refusal got = ogi_letter_compose(bare[i].kind, &h.r, &h.ev, &s,
		                                                 NULL, NULL, day("2024-03-06"), &d);
		CHECK_INT(got, bare[i].want, "%s on a new request: %s",
		          ogi_letter_kind_names[bare[i].kind], bare[i].why);
		CHECK(got != OGI_LETTER_OK || d.npara > 0, "%s composed",
		      ogi_letter_kind_names[bare[i].kind]);
		if (got == OGI_LETTER_OK)
			ogi_letter_doc_free(&d);
	}
	CHECK_INT(ogi_letter_kinds_possible(&h.r, &h.ev), 1u << OGI_LETTER_RECEIPT,
	          "a new request: only its receipt");

	/* a body consulted (art. 34) is no third party (art. 32) */
	happen(&h, OGI_EV_CONSULTATION_STARTED, "2024-03-08",
	       "{\"party\": \"other_body\", \"name\": \"平湛区住房和城乡建设局\"}");
	struct ogi_letter_doc d = {0};
	CHECK_INT(ogi_letter_compose(OGI_LETTER_THIRD_PARTY_CONSULTATION, &h.r, &h.ev, &s, NULL,
	                             NULL, day("2024-03-08"), &d),
	          OGI_LETTER_NO_CONSULTATION, "a third-party letter for a body's consultation");
	json_t *facts = json_pack("{s:I}", "consultation", (json_int_t)h.ev.e[1].id);
	CHECK_INT(ogi_letter_compose(OGI_LETTER_THIRD_PARTY_CONSULTATION, &h.r, &h.ev, &s, facts,
	                             NULL, day("2024-03-08"), &d),
	          OGI_LETTER_NO_CONSULTATION, "facts.consultation naming a body's consultation");
	json_decref(facts);
	CHECK_INT(ogi_letter_kinds_possible(&h.r, &h.ev),
	          (1u << OGI_LETTER_RECEIPT) | (1u << OGI_LETTER_CONSULTATION_NOTICE) |
	              (1u << OGI_LETTER_BODY_CONSULTATION),
	          "consulting a body: its letter and the applicant's notice");

	happen(&h, OGI_EV_WITHDRAWN, "2024-03-10", NULL);
	h.r.status = OGI_STATUS_CLOSED;
	h.r.outcome = OGI_OUT_WITHDRAWN;
	CHECK_INT(ogi_letter_compose(OGI_LETTER_REPLY, &h.r, &h.ev, &s, NULL, NULL,
	                             day("2024-03-10"), &d),
	          OGI_LETTER_OUTCOME_NO_LETTER, "withdrawn: nothing to answer");
	CHECK((ogi_letter_kinds_possible(&h.r, &h.ev) & (1u << OGI_LETTER_REPLY)) == 0,
	      "withdrawn: no reply in the menu");
	ogi_event_list_free(&h.ev);

	CHECK_STR(ogi_letter_refusal_names[OGI_LETTER_NO_FEE_NOTICE], "no_fee_notice", "wire code");
	CHECK(ogi_letter_refusal_zh[OGI_LETTER_REFUSAL_COUNT] == NULL, "tables end with NULL");
}

/* ---- templates ---- */

static void templates(void)
{
	char bad[64];
	size_t n = 0;
	for (const char *const *k = ogi_letter_template_keys; *k != NULL; k++, n++) {
		const char *text = ogi_letter_template_default(*k);
		CHECK(text != NULL && text[0] != '\0', "%s has a default", *k);
		CHECK(ogi_letter_template_check(*k, text, bad, sizeof bad),
		      "%s's default names only its fields (bad: %s)", *k, bad);
	}
	CHECK(n > 50, "every template is listed (%zu)", n);
	CHECK(ogi_letter_template_check(
	          "common.opening", "{body}于{received_on}收到{applicant}的申请：“{description}”。",
	          bad, sizeof bad),
	      "common fields are offered everywhere");
	CHECK(!ogi_letter_template_check("common.opening", "收到{applicant_name}的申请", bad,
	                                 sizeof bad),
	      "an unknown field is refused");
	CHECK_STR(bad, "applicant_name", "the first unknown field is named");
	CHECK(!ogi_letter_template_check("reply.disclosed.decision", "请补正：{items}", bad,
	                                 sizeof bad),
	      "a field of another key ({items} is correction_notice.body's) is refused");
	CHECK_STR(bad, "items", "named");
	CHECK(
	    ogi_letter_template_check("correction_notice.body", "请补正：{items}", bad, sizeof bad),
	    "the key that offers it accepts it");
	CHECK(!ogi_letter_template_check("reply.no_such_key", "特此告知。", bad, sizeof bad),
	      "an unknown key is refused");
	CHECK(ogi_letter_template_check("common.closing", "特此告知。{ 不是字段 }{}", bad,
	                                sizeof bad),
	      "braces that hold no field name are text");
	CHECK(ogi_letter_template_default("no.such") == NULL, "no default for an unknown key");

	/* the fields each key offers, as the settings page lists them: its own
	 * first, then the eight common ones, each accepted by the check */
	for (const char *const *k = ogi_letter_template_keys; *k != NULL; k++) {
		const char *name, *label;
		bool common;
		size_t i = 0, commons = 0;
		for (; ogi_letter_template_field(*k, i, &name, &label, &common); i++) {
			char text[64];
			snprintf(text, sizeof text, "{%s}", name);
			CHECK(ogi_letter_template_check(*k, text, bad, sizeof bad), "%s offers %s",
			      *k, text);
			CHECK(label[0] != '\0', "%s is explained", name);
			CHECK(commons == 0 || common, "%s: the common fields come last", *k);
			commons += common;
		}
		CHECK(commons == 8, "%s offers the eight common fields (%zu)", *k, commons);
	}
	struct {
		const char *key;
		size_t i;
		const char *name, *label;
		bool common;
	} const fields[] = {
	    {"reply.disclosed.decision", 0, "basis", "法律依据", false},
	    {"reply.disclosed.decision", 2, "provide_how", "提供方式", false},
	    {"reply.disclosed.decision", 3, "applicant", "申请人姓名或者名称", true},
	    {"reply.disclosed.decision", 10, "regulation", "条例名称", true},
	    {"common.closing", 0, "applicant", "申请人姓名或者名称", true},
	    {"common.correction_received", 1, "correction", "补正内容", false},
	};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		const char *name = NULL, *label = NULL;
		bool common = !fields[i].common;
		CHECK(ogi_letter_template_field(fields[i].key, fields[i].i, &name, &label, &common),
		      "%s has a field %zu", fields[i].key, fields[i].i);
		CHECK_STR(name, fields[i].name, "%s's field %zu", fields[i].key, fields[i].i);
		CHECK_STR(label, fields[i].label, "explained");
		CHECK(common == fields[i].common, "%s common or its own", name);
	}
	const char *name, *label;
	bool common;
	CHECK(!ogi_letter_template_field("reply.disclosed.decision", 11, &name, &label, &common),
	      "past the last field");
	CHECK(!ogi_letter_template_field("common.closing", 8, &name, &label, &common),
	      "a key without fields of its own has the eight common ones");
	CHECK(!ogi_letter_template_field("no.such", 0, &name, &label, &common), "an unknown key");
}

/* ---- composing ---- */

#define OPENING                                                                                                                           \
	"本机关于2024年3月5日收到您提出的政府信息公开申请，申请获取“2023年马岭街道老旧小区改造项" \
	"目的"                                                                                                                          \
	"招标文件”。"

static void receipt(void)
{
	struct ogi_body_settings s = settings();
	struct history h;
	request_of(&h);
	struct ogi_letter_doc d = {0};
	CHECK_INT(ogi_letter_compose(OGI_LETTER_RECEIPT, &h.r, &h.ev, &s, NULL, NULL,
	                             day("2024-03-05"), &d),
	          OGI_LETTER_OK, "receipt");
	/* the web client's receipt (clients/web/js/pages/receipt.js), row by row */
	static const char *const rows[] = {
	    "申请编号：MLJD-2024-0007",
	    "受理机关：平湛区马岭街道办事处",
	    "申请人：张三",
	    "申请方式：当面提交",
	    "收到申请日期：2024年3月5日（星期二）",
	    "答复期限：2024年4月2日（星期二）",
	    "申请内容：2023年马岭街道老旧小区改造项目的招标文件",
	    "载体形式与获取方式：纸质 · 邮寄",
	};
	CHECK_STR(d.title, "平湛区马岭街道办事处政府信息公开申请受理回执", "title");
	CHECK_STR(d.addressee, "", "a receipt has no salutation");
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
		CHECK(i < d.npara && strcmp(d.para[i], rows[i]) == 0, "row %zu: %s", i, rows[i]);
	CHECK(para_with(&d, "第三十三条，本机关将自收到申请之日起20个工作日内予以答复") != NULL,
	      "art. 33: 20 working days");
	CHECK(para_with(&d, "请妥善保存本回执，查询办理进度时请提供申请编号 MLJD-2024-0007。") !=
	          NULL,
	      "keep the number");
	CHECK(para_with(&d, "经办人：李明") != NULL, "the clerk who registered it");
	const char *remedy = NULL;
	CHECK_INT(remedy_paras(&d, &remedy), 0, "no remedy on a receipt");
	CHECK(!ogi_letter_has_blanks(&d), "a receipt of a complete record has no blanks");
	CHECK_STR(d.signer, "平湛区马岭街道办事处", "signed by the body");
	ogi_letter_doc_free(&d);

	/* 2008 regime: 2007 art. 24, 15 working days */
	h.r.regime = OGI_REGIME_2008;
	h.r.received_on = day("2018-06-04");
	h.r.due_on = OGI_DATE_NONE;
	CHECK_INT(ogi_letter_compose(OGI_LETTER_RECEIPT, &h.r, &h.ev, &s, NULL, NULL,
	                             day("2018-06-04"), &d),
	          OGI_LETTER_OK, "receipt 2008");
	CHECK(para_with(&d, "第二十四条，本机关将自收到申请之日起15个工作日内予以答复") != NULL,
	      "2007 art. 24: 15 working days");
	CHECK(para_with(&d, "答复期限：停止计算") != NULL, "no due date: the clock stopped");
	ogi_letter_doc_free(&d);
	ogi_event_list_free(&h.ev);
}

static void correction_and_notices(void)
{
	struct ogi_body_settings s = settings();
	struct history h;
	request_of(&h);
	struct ogi_letter_doc d = {0};
	const char *remedy = NULL;

	/* art. 30: within 7 working days, every item at once, a reasonable time */
	happen(&h, OGI_EV_CORRECTION_REQUESTED, "2024-03-07",
	       "{\"items\": \"请明确所需招标文件的项目名称或者标段。\", \"correction_due\": "
	       "\"2024-03-21\"}");
	CHECK_INT(ogi_letter_compose(OGI_LETTER_CORRECTION_NOTICE, &h.r, &h.ev, &s, NULL, NULL,
	                             day("2024-03-07"), &d),
	          OGI_LETTER_OK, "correction notice");
	CHECK_STR(d.title, "平湛区马岭街道办事处政府信息公开申请补正告知书", "title");
	CHECK_STR(d.addressee, "张三", "to the applicant");
	CHECK(d.npara > 0 && strcmp(d.para[0], OPENING) == 0, "the opening quotes the record: %s",
	      d.npara > 0 ? d.para[0] : "");
	CHECK(para_with(&d, "根据《中华人民共和国政府信息公开条例》第三十条的规定") != NULL,
	      "art. 30 cited");
	CHECK(para_with(&d, "请明确所需招标文件的项目名称或者标段。") != NULL, "the items");
	CHECK(para_with(&d, "请您于2024年3月21日前向本机关提交补正后的申请。无正当理由逾期不补正"
	                    "的，视为放弃申请") != NULL,
	      "the time to correct and its consequence");
	CHECK(para_with(&d, "答复期限自本机关收到补正的申请之日起计算") != NULL,
	      "the count restarts on receipt");
	CHECK(para_with(
	          &d, "本机关地址：平湛区马岭路8号；邮政编码：524000；联系电话：0759-3312345。") !=
	          NULL,
	      "where to send it");
	CHECK_INT(remedy_paras(&d, &remedy), 0, "procedural: no remedy");
	CHECK(!ogi_letter_has_blanks(&d), "complete");
	CHECK_STR(d.para[d.npara - 1], "特此告知。", "the closing");
	ogi_letter_doc_free(&d);

	/* the 补正 received is quoted by every later letter */
	happen(&h, OGI_EV_CORRECTION_RECEIVED, "2024-03-12", NULL);
	happen(&h, OGI_EV_EXTENSION_APPROVED, "2024-04-01",
	       "{\"working_days\": 20, \"approver\": \"王主任\", \"reason\": "
	       "\"申请公开的信息需调取档案核查\"}");
	h.r.due_on = day("2024-05-10");
	json_t *facts = json_pack("{s:s}", "correction_content", "项目名称为马岭新村片区改造一期");
	CHECK_INT(ogi_letter_compose(OGI_LETTER_EXTENSION_NOTICE, &h.r, &h.ev, &s, facts, NULL,
	                             day("2024-04-01"), &d),
	          OGI_LETTER_OK, "extension notice");
	CHECK_STR(d.title, "平湛区马岭街道办事处政府信息公开申请延期答复告知书", "title");
	CHECK_STR(d.para[0],
	          OPENING
	          "2024年3月12日收到您的补正申请，补正内容为“项目名称为马岭新村片区改造一期”。",
	          "the opening with the 补正");
	CHECK(para_with(&d,
	                "因申请公开的信息需调取档案核查，本机关不能在规定期限内作出答复。经政府"
	                "信息公开工作机构负责人同意，根据《中华人民共和国政府信息公开条例》第三"
	                "十三条第二款的规定，答复期限延长20个工作日，本机关将于2024年5月10日前作"
	                "出答复。") != NULL,
	      "art. 33(2): the reason, the head's approval, the new due date");
	CHECK_INT(remedy_paras(&d, &remedy), 0, "procedural: no remedy");
	CHECK(!ogi_letter_has_blanks(&d), "complete");
	ogi_letter_doc_free(&d);
	CHECK_INT(ogi_letter_compose(OGI_LETTER_EXTENSION_NOTICE, &h.r, &h.ev, &s, NULL, NULL,
	                             day("2024-04-01"), &d),
	          OGI_LETTER_OK, "extension notice without the 补正's content");
	CHECK(strstr(d.para[0], "补正内容为“【待填写：补正内容】”") != NULL,
	      "the 补正 received but not described: a blank");
	CHECK(ogi_letter_has_blanks(&d), "so it cannot be issued yet");
	ogi_letter_doc_free(&d);
	json_decref(facts);

	/* art. 35 */
	happen(&h, OGI_EV_DELAY_SET, "2024-04-08",
	       "{\"due_on\": \"2024-06-28\", \"reason\": \"需逐项核对的文件数量较多\"}");
	CHECK_INT(ogi_letter_compose(OGI_LETTER_DELAY_NOTICE, &h.r, &h.ev, &s, NULL, NULL,
	                             day("2024-04-08"), &d),
	          OGI_LETTER_OK, "delay notice");
	CHECK(para_with(&d, "第三十五条的规定，本机关确定延迟答复的期限至2024年6月28日") != NULL,
	      "art. 35 and the date set");
	CHECK(para_with(&d, "但因需逐项核对的文件数量较多，无法在规定期限内答复") != NULL,
	      "the reason");
	CHECK_INT(remedy_paras(&d, &remedy), 0, "procedural (inference): no remedy");
	ogi_letter_doc_free(&d);
	ogi_event_list_free(&h.ev);

	/* 2008 regime: 2007 art. 21(4) for the 补正, art. 24(2) for the extension */
	request_of(&h);
	h.r.regime = OGI_REGIME_2008;
	happen(&h, OGI_EV_CORRECTION_REQUESTED, "2018-06-06", "{\"items\": \"请说明年份。\"}");
	happen(&h, OGI_EV_EXTENSION_APPROVED, "2018-06-20",
	       "{\"working_days\": 15, \"approver\": \"王主任\", \"reason\": \"涉及多个科室\"}");
	CHECK_INT(ogi_letter_compose(OGI_LETTER_CORRECTION_NOTICE, &h.r, &h.ev, &s, NULL, NULL,
	                             day("2018-06-06"), &d),
	          OGI_LETTER_OK, "2008 correction notice");
	CHECK(para_with(&d,
	                "《中华人民共和国政府信息公开条例》（国务院令第492号）第二十一条第（四）"
	                "项") != NULL,
	      "2007 art. 21(4)");
	CHECK(para_with(&d, "请您于【待填写：补正期限】前") != NULL,
	      "no correction_due recorded: a blank for the time to correct");
	ogi_letter_doc_free(&d);
	CHECK_INT(ogi_letter_compose(OGI_LETTER_EXTENSION_NOTICE, &h.r, &h.ev, &s, NULL, NULL,
	                             day("2018-06-20"), &d),
	          OGI_LETTER_OK, "2008 extension notice");
	CHECK(para_with(&d, "（国务院令第492号）第二十四条第二款的规定，答复期限延长15个工作日") !=
	          NULL,
	      "2007 art. 24(2)");
	ogi_letter_doc_free(&d);
	ogi_event_list_free(&h.ev);
}

static void consultations(void)
{
	struct ogi_body_settings s = settings();
	struct history h;
	request_of(&h);
	struct ogi_letter_doc d = {0};
	const char *remedy = NULL;
	happen(&h, OGI_EV_CONSULTATION_STARTED, "2024-03-11",
	       "{\"party\": \"third_party\", \"name\": \"平湛市宏达建设有限公司\"}");
	long long third = h.ev.e[1].id;
	happen(&h, OGI_EV_CONSULTATION_STARTED, "2024-03-12",
	       "{\"party\": \"other_body\", \"name\": \"平湛区住房和城乡建设局\"}");

	/* art. 32: the information concerned, 15 working days, silence → the body decides */
	json_t *facts = json_pack("{s:s}", "info_concerned", "宏达公司投标文件中的报价明细");
	CHECK_INT(ogi_letter_compose(OGI_LETTER_THIRD_PARTY_CONSULTATION, &h.r, &h.ev, &s, facts,
	                             NULL, day("2024-03-11"), &d),
	          OGI_LETTER_OK, "third-party consultation");
	CHECK_STR(d.title, "平湛区马岭街道办事处政府信息公开申请征求意见书", "title");
	CHECK_STR(d.addressee, "平湛市宏达建设有限公司", "to the consultation's party");
	CHECK(para_with(&d, "本机关于2024年3月5日收到申请人提出的政府信息公开申请") != NULL,
	      "the applicant is not named to the third party");
	CHECK(para_with(&d, "张三") == NULL, "nor anywhere in the letter");
	CHECK(para_with(&d, "申请公开的宏达公司投标文件中的报价明细可能涉及") != NULL,
	      "the information concerned");
	CHECK(para_with(&d, "第三十二条的规定，现书面征求您（单位）的意见") != NULL, "art. 32");
	CHECK(para_with(&d, "自收到本征求意见书之日起15个工作日内提出书面意见") != NULL,
	      "15 working days");
	CHECK(para_with(&d, "逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规"
	                    "定决定是否公开") != NULL,
	      "silence leaves it to the body");
	CHECK_STR(d.title2, "政府信息公开申请征求意见回执", "the 意见回执 follows");
	CHECK(d.npara2 >= 6, "the form's lines");
	CHECK(d.npara2 > 0 && strcmp(d.para2[0], "平湛区马岭街道办事处：") == 0,
	      "addressed back to the body");
	bool agree = false, object = false, back = false;
	for (size_t i = 0; i < d.npara2; i++) {
		agree |= strcmp(d.para2[i], "□ 同意公开。") == 0;
		object |= strstr(d.para2[i], "□ 不同意公开，理由如下") != NULL;
		back |=
		    strstr(d.para2[i], "寄送或者送达：平湛区马岭街道办事处（地址：平湛区马岭路8号；"
		                       "邮政编码：524000）") != NULL;
	}
	CHECK(agree && object, "agree / disagree with reasons");
	CHECK(back, "the return address");
	CHECK_INT(remedy_paras(&d, &remedy), 0, "procedural: no remedy");
	CHECK(!ogi_letter_has_blanks(&d), "complete");
	ogi_letter_doc_free(&d);
	CHECK_INT(ogi_letter_compose(OGI_LETTER_THIRD_PARTY_CONSULTATION, &h.r, &h.ev, &s, NULL,
	                             NULL, day("2024-03-11"), &d),
	          OGI_LETTER_OK, "without info_concerned");
	CHECK(para_with(&d, "申请公开的【待填写：涉及的政府信息】可能涉及") != NULL, "a blank");
	ogi_letter_doc_free(&d);

	/* art. 33(3): the applicant is told, the third party not named */
	json_t *which = json_pack("{s:I}", "consultation", (json_int_t)third);
	CHECK_INT(ogi_letter_compose(OGI_LETTER_CONSULTATION_NOTICE, &h.r, &h.ev, &s, which, NULL,
	                             day("2024-03-11"), &d),
	          OGI_LETTER_OK, "consultation notice");
	json_decref(which);
	CHECK_STR(d.addressee, "张三", "to the applicant");
	CHECK(para_with(&d,
	                "需要征求第三方的意见，本机关已于2024年3月11日书面征求意见。根据《中华"
	                "人民共和国政府信息公开条例》第三十三条第三款的规定，征求意见所需时间不计"
	                "算在答复期限内。") != NULL,
	      "art. 33(3)");
	CHECK(para_with(&d, "宏达") == NULL, "the third party is not named to the applicant");
	ogi_letter_doc_free(&d);

	/* art. 34: 15 working days, silence is consent */
	CHECK_INT(ogi_letter_compose(OGI_LETTER_BODY_CONSULTATION, &h.r, &h.ev, &s, facts, NULL,
	                             day("2024-03-12"), &d),
	          OGI_LETTER_OK, "body consultation");
	CHECK_STR(d.title, "平湛区马岭街道办事处政府信息公开申请征求意见函", "title");
	CHECK_STR(d.addressee, "平湛区住房和城乡建设局", "to the body");
	CHECK(para_with(&d, "第三十四条的规定，现征求贵机关意见") != NULL, "art. 34");
	CHECK(para_with(&d, "逾期未提出意见的，视为同意公开") != NULL, "silence is consent");
	CHECK_INT(remedy_paras(&d, &remedy), 0, "internal: no remedy");
	ogi_letter_doc_free(&d);

	/* art. 32: disclosure over the objection, in writing to the third party, with a remedy */
	char ended[160], over[256];
	snprintf(
	    ended, sizeof ended,
	    "{\"consultation\": %lld, \"answer\": \"object\", \"reasons\": \"报价属于商业秘密\"}",
	    third);
	happen(&h, OGI_EV_CONSULTATION_ENDED, "2024-03-25", ended);
	snprintf(over, sizeof over,
	         "{\"consultation\": %lld, \"reason\": \"该项目使用财政资金，报价关系公共利益\"}",
	         third);
	happen(&h, OGI_EV_OBJECTION_OVERRIDDEN, "2024-03-28", over);
	json_object_set_new(facts, "disclose_on", json_string("2024-04-22"));
	CHECK_INT(ogi_letter_compose(OGI_LETTER_OVERRIDE_NOTICE, &h.r, &h.ev, &s, facts, NULL,
	                             day("2024-03-28"), &d),
	          OGI_LETTER_OK, "override notice");
	CHECK_STR(d.title, "平湛区马岭街道办事处政府信息公开申请决定公开告知书", "title");
	CHECK_STR(d.addressee, "平湛市宏达建设有限公司", "to the third party");
	CHECK(para_with(&d, "于2024年3月25日答复不同意公开，理由为：报价属于商业秘密。") != NULL,
	      "its objection quoted");
	CHECK(para_with(&d,
	                "理由是：该项目使用财政资金，报价关系公共利益。根据《中华人民共和国政府"
	                "信息公开条例》第三十二条的规定，本机关决定予以公开，并将于2024年4月22日"
	                "向申请人公开") != NULL,
	      "what, why and when (art. 32)");
	CHECK_INT(remedy_paras(&d, &remedy), 1, "the third party's remedy");
	CHECK(remedy != NULL && strncmp(remedy, "如不服本决定", strlen("如不服本决定")) == 0,
	      "the ordinary sentence against the decision");
	CHECK(!ogi_letter_has_blanks(&d), "complete");
	ogi_letter_doc_free(&d);
	json_decref(facts);
	ogi_event_list_free(&h.ev);
}

static void fees(void)
{
	struct ogi_body_settings s = settings();
	struct history h;
	request_of(&h);
	struct ogi_letter_doc d = {0};
	const char *remedy = NULL;
	/* 109号 art. 5: 250 pages → 4 700 元 */
	happen(&h, OGI_EV_FEE_NOTICE_ISSUED, "2024-03-15",
	       "{\"method\": \"per_volume\", \"pages\": 250, \"amount\": 4700, \"quoted_amount\": "
	       "4700, \"pay_by\": \"2024-04-15\"}");
	json_t *facts = json_pack("{s:s}", "pay_how", "本机关指定的非税收入缴款账户");
	CHECK_INT(ogi_letter_compose(OGI_LETTER_FEE_NOTICE, &h.r, &h.ev, &s, facts, NULL,
	                             day("2024-03-15"), &d),
	          OGI_LETTER_OK, "fee notice");
	CHECK_STR(d.title, "平湛区马岭街道办事处政府信息公开申请收费通知书", "title");
	CHECK(para_with(&d, "共250页") != NULL && para_with(&d, "按量计收信息处理费4700元") != NULL,
	      "count and amount");
	CHECK(para_with(
	          &d, "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第三条、第五条") !=
	          NULL,
	      "109号 arts. 3 and 5");
	CHECK(para_with(&d, "请您于2024年4月15日前通过本机关指定的非税收入缴款账户缴纳") != NULL,
	      "how and by when");
	CHECK(para_with(&d, "逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请") != NULL,
	      "not paying ends the handling");
	CHECK_INT(remedy_paras(&d, &remedy), 0, "none during the payment period");
	CHECK(!ogi_letter_has_blanks(&d), "complete");
	ogi_letter_doc_free(&d);
	CHECK_INT(ogi_letter_compose(OGI_LETTER_FEE_NOTICE, &h.r, &h.ev, &s, NULL, NULL,
	                             day("2024-03-15"), &d),
	          OGI_LETTER_OK, "fee notice without pay_how");
	CHECK(para_with(&d, "前通过【待填写：缴费方式】缴纳") != NULL, "a blank for how to pay");
	ogi_letter_doc_free(&d);
	json_decref(facts);

	/* 109号 art. 4: the 12th application of the month */
	happen(&h, OGI_EV_FEE_NOTICE_ISSUED, "2024-03-18",
	       "{\"method\": \"per_item\", \"ordinal\": 12, \"items\": 1, \"amount\": 100, "
	       "\"pay_by\": \"2024-04-16\"}");
	CHECK_INT(ogi_letter_compose(OGI_LETTER_FEE_NOTICE, &h.r, &h.ev, &s, NULL, NULL,
	                             day("2024-03-18"), &d),
	          OGI_LETTER_OK, "per item");
	CHECK(para_with(&d, "第12件政府信息公开申请（按1件计）") != NULL &&
	          para_with(&d, "按件计收信息处理费100元") != NULL &&
	          para_with(&d, "第三条、第四条的规定") != NULL,
	      "art. 4: the place in the month and the amount");
	ogi_letter_doc_free(&d);
	ogi_event_list_free(&h.ev);

	/* 2008 regime: 2007 art. 27, 财综〔2008〕44号 cost fees */
	request_of(&h);
	h.r.regime = OGI_REGIME_2008;
	happen(&h, OGI_EV_FEE_NOTICE_ISSUED, "2018-06-10",
	       "{\"method\": \"legacy\", \"search_fee\": 5, \"copy_fee\": 2.4, \"postage\": 10, "
	       "\"amount\": 17.4, \"pay_by\": \"2018-07-09\"}");
	CHECK_INT(ogi_letter_compose(OGI_LETTER_FEE_NOTICE, &h.r, &h.ev, &s, NULL, NULL,
	                             day("2018-06-10"), &d),
	          OGI_LETTER_OK, "legacy fee");
	CHECK(para_with(&d, "本申请应缴纳费用17.40元（检索费5元、复制费2.40元、邮寄费10元）") !=
	          NULL,
	      "the cost fees itemised");
	CHECK(para_with(&d, "（国务院令第492号）第二十七条") != NULL, "2007 art. 27");
	CHECK(para_with(&d, "视为放弃申请") == NULL, "no lapse rule in 2008");
	ogi_letter_doc_free(&d);
	ogi_event_list_free(&h.ev);
}

/* Every reply: the title, the article and item, a fact that must be
 * stated, the remedy paragraph; with the facts given no blank is left, and
 * without them a blank marks each missing one. */
static void replies(void)
{
	static const struct {
		enum ogi_outcome o;
		const char *facts; /* JSON */
		const char *title, *cites, *states;
		bool needs_facts; /* a blank when facts is {} */
		const char *why;
	} rows[] = {
	    {OGI_OUT_ALREADY_PUBLIC,
	     "{\"where\": \"平湛区人民政府门户网站“政府信息公开”栏目\", \"url\": "
	     "\"http://www.pingzhan.gov.cn/xxgk/2023/12.html\", \"index\": \"MLJD-2023-0012\"}",
	     "答复书", "第三十六条第（一）项",
	     "途径获取：平湛区人民政府门户网站“政府信息公开”栏目，网址：http://www.pingzhan.gov.cn/"
	     "xxgk/2023/12.html，索引号：MLJD-2023-0012。",
	     true, "36(1): where and how to find it"},
	    {OGI_OUT_DISCLOSED, "{\"provided\": \"《马岭新村片区改造一期招标文件》1份\"}", "答复书",
	     "第三十六条第（二）项",
	     "提供的政府信息：《马岭新村片区改造一期招标文件》1份；提供方式：邮寄纸质件。", true,
	     "36(2): what and how (default: the form asked for)"},
	    {OGI_OUT_PARTIAL,
	     "{\"disclosed_part\": \"招标公告及评标结果\", \"withheld_parts\": [{\"part\": "
	     "\"投标人报价明细\", \"outcome\": \"withheld_third_party\"}, {\"part\": "
	     "\"评标专家讨论记录\", \"outcome\": \"withheld_process_info\"}]}",
	     "答复书", "第三十七条",
	     "（二）评标专家讨论记录：属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、"
	     "磋商信函、请示报告等过程性信息，根据《中华人民共和国政府信息公开条例》第十六条第二款"
	     "、"
	     "第三十六条第（三）项的规定，不予公开。",
	     true, "37: each withheld part with its article"},
	    {OGI_OUT_WITHHELD_STATE_SECRET, "{}", "答复书", "第十四条、第三十六条第（三）项",
	     "属于依法确定为国家秘密的政府信息。", false, "14"},
	    {OGI_OUT_WITHHELD_LAW_PROHIBITED, "{}", "答复书", "第十四条、第三十六条第（三）项",
	     "属于法律、行政法规禁止公开的政府信息", false, "14"},
	    {OGI_OUT_WITHHELD_SECURITY_STABILITY, "{}", "答复书", "第十四条、第三十六条第（三）项",
	     "公开后可能危及国家安全、公共安全、经济安全、社会稳定", false, "14"},
	    {OGI_OUT_WITHHELD_THIRD_PARTY, "{\"reasons\": \"涉及他人身份证号码和家庭住址\"}",
	     "答复书", "第十五条、第三十六条第（三）项", "具体理由：涉及他人身份证号码和家庭住址",
	     false, "15: the reasons stated when given"},
	    {OGI_OUT_WITHHELD_INTERNAL_AFFAIRS, "{}", "答复书",
	     "第十六条第一款、第三十六条第（三）项", "内部事务信息", false, "16(1)"},
	    {OGI_OUT_WITHHELD_PROCESS_INFO, "{}", "答复书", "第十六条第二款、第三十六条第（三）项",
	     "过程性信息", false, "16(2)"},
	    {OGI_OUT_WITHHELD_ENFORCEMENT_FILE, "{}", "答复书",
	     "第十六条第二款、第三十六条第（三）项", "属于行政执法案卷信息", false, "16(2)"},
	    {OGI_OUT_WITHHELD_QUERY_MATTER,
	     "{\"proper_channel\": \"向平湛区不动产登记中心申请查询不动产登记资料\"}", "答复书",
	     "第三十六条第（七）项", "办理：向平湛区不动产登记中心申请查询不动产登记资料。", true,
	     "36(7): the law and procedure to use instead"},
	    {OGI_OUT_NOT_HELD_NOT_EXIST,
	     "{\"search_done\": "
	     "\"本机关档案室2019年至2024年的收文、发文登记和电子公文系统（检索词：“"
	     "老旧小区改造”“招标”）\"}",
	     "告知书", "第三十六条第（四）项",
	     "对本机关档案室2019年至2024年的收文、发文登记和电子公文系统（检索词：“老旧小区改造”“招"
	     "标”）进行了检索",
	     true, "36(4): how the search was done (SPC guiding case 101)"},
	    {OGI_OUT_NOT_HELD_OTHER_BODY, "{\"other_body_contact\": \"0759-3398765\"}", "告知书",
	     "第三十六条第（五）项",
	     "该政府信息由平湛区住房和城乡建设局负责公开，您可以向该机关提出申请。平湛区住房和城乡"
	     "建"
	     "设局的联系方式：0759-3398765。",
	     false, "36(5): the body named (replied's referred_body) and its contact"},
	    {OGI_OUT_NEEDS_CREATION, "{}", "告知书", "第三十八条", "进行加工、分析", false, "38"},
	    {OGI_OUT_STILL_UNCLEAR, "{}", "告知书", "第三十条", "补正后您的申请内容仍不明确", true,
	     "30: no correction_requested in this history: its date is a blank"},
	    {OGI_OUT_NOT_GOVERNMENT_INFO, "{}", "告知书", "第二条", "所称的政府信息", false, "2"},
	    {OGI_OUT_REJECTED_PETITION, "{\"proper_channel\": \"平湛区信访局（平湛区府前路3号）\"}",
	     "告知书", "第三十九条第一款", "您可以通过平湛区信访局（平湛区府前路3号）提出。", false,
	     "39(1): the proper channel, when known"},
	    {OGI_OUT_REJECTED_REPEAT,
	     "{\"earlier_ref\": \"平湛马办依申复〔2024〕3号\", \"earlier_on\": \"2024-02-20\"}",
	     "告知书", "第三十六条第（六）项",
	     "本机关已于2024年2月20日就您提出的相同政府信息公开申请作出答复（平湛马办依申复〔2024〕"
	     "3"
	     "号）",
	     true, "36(6): the earlier 文号 and date"},
	    {OGI_OUT_REJECTED_PUBLICATION, "{\"proper_channel\": \"平湛市图书馆或者邮局订阅\"}",
	     "告知书", "第三十九条第二款", "可以通过平湛市图书馆或者邮局订阅获取", true,
	     "39(2): where to obtain it"},
	    {OGI_OUT_REJECTED_EXCESSIVE, "{}", "告知书", "第三十五条", "申请理由不合理", false,
	     "35"},
	    {OGI_OUT_REJECTED_CONFIRM_REISSUE, "{}", "告知书", "规定的政府信息公开申请",
	     "确认或者重新出具", false, "(五)5: no article of its own"},
	    {OGI_OUT_OTHER, "{\"decision\": \"经核实，您申请的信息已于2024年3月1日当面提供。\"}",
	     "告知书", "", "经核实，您申请的信息已于2024年3月1日当面提供。", true,
	     "other: the handler writes it"},
	};
	struct ogi_body_settings s = settings();
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const char *name = ogi_outcome_names[rows[i].o];
		struct history h;
		request_of(&h);
		if (rows[i].o == OGI_OUT_NOT_HELD_OTHER_BODY)
			happen(&h, OGI_EV_REPLIED, "2024-03-20",
			       "{\"outcome\": \"not_held_other_body\", \"referred_body\": "
			       "\"平湛区住房和城乡建设局\"}");
		else
			reply_with(&h, "2024-03-20", name);
		h.r.status = OGI_STATUS_CLOSED;
		h.r.outcome = (int)rows[i].o;
		json_t *facts = json_loads(rows[i].facts, 0, NULL);
		struct ogi_letter_doc d = {0};
		CHECK_INT(ogi_letter_compose(OGI_LETTER_REPLY, &h.r, &h.ev, &s, facts, NULL,
		                             day("2024-03-20"), &d),
		          OGI_LETTER_OK, "%s", name);
		char title[256];
		snprintf(title, sizeof title, "平湛区马岭街道办事处政府信息公开申请%s",
		         rows[i].title);
		CHECK_STR(d.title, title, "%s: title", name);
		CHECK_INT(d.outcome, rows[i].o, "%s: the doc's outcome", name);
		CHECK_STR(d.addressee, "张三", "%s: to the applicant", name);
		CHECK(d.npara > 0 && strcmp(d.para[0], OPENING) == 0, "%s: the opening", name);
		char cites[256];
		snprintf(cites, sizeof cites, "《中华人民共和国政府信息公开条例》%s",
		         rows[i].cites);
		CHECK(rows[i].o == OGI_OUT_OTHER || para_with(&d, cites) != NULL, "%s cites %s",
		      name, cites);
		CHECK(para_with(&d, rows[i].states) != NULL, "%s states: %s (%s)", name,
		      rows[i].states, rows[i].why);
		const char *remedy = NULL;
		char want[4096];
		ogi_letter_remedy_sentence(OGI_LETTER_REPLY, (int)rows[i].o, day("2024-03-20"), &s,
		                           want, sizeof want);
		CHECK_INT(remedy_paras(&d, &remedy), 1, "%s: one remedy paragraph", name);
		CHECK(remedy != NULL && strcmp(remedy, want) == 0, "%s: the sentence of its date",
		      name);
		CHECK_STR(d.para[d.npara - 1], "特此告知。", "%s: closing", name);
		CHECK_STR(d.signer, "平湛区马岭街道办事处", "%s: signer", name);
		CHECK_INT(d.date, day("2024-03-20"), "%s: date", name);
		bool unclear = rows[i].o == OGI_OUT_STILL_UNCLEAR;
		CHECK(ogi_letter_has_blanks(&d) == unclear, "%s with its facts: %s", name,
		      unclear ? "a blank (no correction recorded)" : "complete");
		ogi_letter_doc_free(&d);
		CHECK_INT(ogi_letter_compose(OGI_LETTER_REPLY, &h.r, &h.ev, &s, NULL, NULL,
		                             day("2024-03-20"), &d),
		          OGI_LETTER_OK, "%s without facts", name);
		CHECK(ogi_letter_has_blanks(&d) == rows[i].needs_facts, "%s without facts: %s",
		      name, rows[i].needs_facts ? "blanks to fill in" : "complete");
		ogi_letter_doc_free(&d);
		json_decref(facts);
		ogi_event_list_free(&h.ev);
	}
}

static void reply_details(void)
{
	struct ogi_body_settings s = settings();
	struct history h;
	struct ogi_letter_doc d = {0};
	const char *remedy = NULL;

	/* partial: the first part cites art. 15, the review-first split sentence on 2024-03-20 */
	request_of(&h);
	reply_with(&h, "2024-03-20", "partial");
	json_t *facts = json_loads("{\"withheld_parts\": [{\"part\": \"投标人报价明细\", "
	                           "\"outcome\": \"withheld_third_party\", \"reasons\": "
	                           "\"投标人不同意公开\"}]}",
	                           0, NULL);
	ogi_letter_compose(OGI_LETTER_REPLY, &h.r, &h.ev, &s, facts, NULL, day("2024-03-20"), &d);
	CHECK(para_with(&d,
	                "（一）投标人报价明细：涉及商业秘密、个人隐私等，公开会对第三方合法权益"
	                "造成损害，根据《中华人民共和国政府信息公开条例》第十五条、第三十六条第（"
	                "三）项的规定，不予公开。具体理由：投标人不同意公开") != NULL,
	      "art. 15 part with its reasons");
	CHECK(para_with(&d, "可以公开的部分：【待填写：予以公开的部分】") != NULL,
	      "the disclosed part missing: a blank");
	remedy_paras(&d, &remedy);
	CHECK(remedy != NULL && strcmp(remedy, R_PARTIAL) == 0,
	      "partial from 2024: split sentence");
	ogi_letter_doc_free(&d);
	json_decref(facts);
	ogi_event_list_free(&h.ev);

	/* partial without parts: one line of blanks */
	request_of(&h);
	reply_with(&h, "2024-03-20", "partial");
	ogi_letter_compose(OGI_LETTER_REPLY, &h.r, &h.ev, &s, NULL, NULL, day("2024-03-20"), &d);
	CHECK(para_with(&d,
	                "（一）【待填写：不予公开的部分】：【待填写：不予公开的情形】，根据【待填"
	                "写：法律依据】的规定，不予公开。") != NULL,
	      "no withheld_parts: a line to fill in");
	ogi_letter_doc_free(&d);
	ogi_event_list_free(&h.ev);

	/* withheld over a third party's objection: art. 32 cited too; before 2024 no review first
	 */
	request_of(&h);
	happen(&h, OGI_EV_CONSULTATION_STARTED, "2023-11-01",
	       "{\"party\": \"third_party\", \"name\": \"李四\"}");
	happen(&h, OGI_EV_CONSULTATION_ENDED, "2023-11-10",
	       "{\"answer\": \"object\", \"reasons\": \"涉及个人隐私\"}");
	reply_with(&h, "2023-12-29", "withheld_third_party");
	ogi_letter_compose(OGI_LETTER_REPLY, &h.r, &h.ev, &s, NULL, NULL, day("2023-12-29"), &d);
	CHECK(
	    para_with(&d, "第十五条、第三十二条、第三十六条第（三）项的规定，本机关决定不予公开") !=
	        NULL,
	    "the objection (art. 32) is part of the basis");
	remedy_paras(&d, &remedy);
	CHECK(remedy != NULL && strcmp(remedy, R_OLD) == 0,
	      "dated 2023-12-29: the 2017 law's sentence, direct suit offered");
	ogi_letter_doc_free(&d);
	ogi_letter_compose(OGI_LETTER_REPLY, &h.r, &h.ev, &s, NULL, NULL, day("2024-01-02"), &d);
	remedy_paras(&d, &remedy);
	CHECK(remedy != NULL && strcmp(remedy, R_REVIEW) == 0,
	      "the same reply dated 2024-01-02: review first");
	ogi_letter_doc_free(&d);
	ogi_event_list_free(&h.ev);

	/* not held, other body unknown: blank; setting on → review first */
	request_of(&h);
	reply_with(&h, "2024-03-20", "not_held_other_body");
	s.review_first_not_held = true;
	ogi_letter_compose(OGI_LETTER_REPLY, &h.r, &h.ev, &s, NULL, NULL, day("2024-03-20"), &d);
	CHECK(para_with(&d, "该政府信息由【待填写：负责公开该政府信息的机关】负责公开") != NULL,
	      "36(5): the body to name");
	remedy_paras(&d, &remedy);
	CHECK(remedy != NULL && strcmp(remedy, R_REVIEW) == 0, "the wide reading");
	s.review_first_not_held = false;
	ogi_letter_doc_free(&d);
	ogi_event_list_free(&h.ev);

	/* lapsed correction: termination notice with the dates */
	request_of(&h);
	happen(&h, OGI_EV_CORRECTION_REQUESTED, "2024-03-07",
	       "{\"items\": \"请明确项目名称。\", \"correction_due\": \"2024-03-21\"}");
	happen(&h, OGI_EV_CORRECTION_LAPSED, "2024-03-22", NULL);
	h.r.status = OGI_STATUS_CLOSED;
	h.r.outcome = OGI_OUT_LAPSED_CORRECTION;
	CHECK_INT(ogi_letter_compose(OGI_LETTER_REPLY, &h.r, &h.ev, &s, NULL, NULL,
	                             day("2024-03-22"), &d),
	          OGI_LETTER_OK, "lapsed correction");
	CHECK_STR(d.title, "平湛区马岭街道办事处政府信息公开申请终止办理告知书",
	          "termination title");
	CHECK(para_with(&d,
	                "本机关于2024年3月7日告知您作出补正，补正期限已于2024年3月21日届满。您"
	                "无正当理由逾期未补正，根据《中华人民共和国政府信息公开条例》第三十条的规"
	                "定，视为放弃申请") != NULL,
	      "art. 30: the day the time ran out");
	CHECK(!ogi_letter_has_blanks(&d), "complete");
	ogi_letter_doc_free(&d);
	ogi_event_list_free(&h.ev);

	/* lapsed fee */
	request_of(&h);
	happen(&h, OGI_EV_FEE_NOTICE_ISSUED, "2024-03-15",
	       "{\"method\": \"per_volume\", \"pages\": 250, \"amount\": 4700, \"pay_by\": "
	       "\"2024-04-15\"}");
	happen(&h, OGI_EV_FEE_LAPSED, "2024-04-16", NULL);
	h.r.status = OGI_STATUS_CLOSED;
	CHECK_INT(ogi_letter_compose(OGI_LETTER_REPLY, &h.r, &h.ev, &s, NULL, NULL,
	                             day("2024-04-16"), &d),
	          OGI_LETTER_OK, "lapsed fee");
	CHECK_INT(d.outcome, OGI_OUT_LAPSED_FEE, "the outcome from the closing event");
	CHECK(para_with(&d,
	                "本机关于2024年3月15日向您发出收费通知，缴费期限已于2024年4月15日届满。"
	                "您逾期未缴纳费用，根据《政府信息公开信息处理费管理办法》（国办函〔2020〕"
	                "109号）的规定") != NULL,
	      "109号: the notice and its end");
	ogi_letter_doc_free(&d);
	ogi_event_list_free(&h.ev);

	/* an organisation is 「贵单位」; a 2008-regime reply cites the 2007 regulation */
	request_of(&h);
	h.r.applicant.kind = OGI_APPLICANT_COMMERCIAL_ENTERPRISE;
	h.r.applicant.name = "平湛市宏达建设有限公司";
	h.r.regime = OGI_REGIME_2008;
	h.r.received_on = day("2018-06-04");
	reply_with(&h, "2018-06-20", "not_held_not_exist");
	ogi_letter_compose(OGI_LETTER_REPLY, &h.r, &h.ev, &s, NULL, NULL, day("2018-06-20"), &d);
	CHECK_STR(
	    d.para[0],
	    "本机关于2018年6月4日收到贵单位提出的政府信息公开申请，申请获取“2023年马岭街道老旧"
	    "小区改造项目的招标文件”。",
	    "贵单位");
	CHECK(para_with(&d,
	                "《中华人民共和国政府信息公开条例》（国务院令第492号）第二十一条第（三）"
	                "项") != NULL,
	      "2007 art. 21(3)");
	CHECK(para_with(&d, "对【待填写：检索的范围和方式】进行了检索") != NULL,
	      "the search to describe");
	remedy_paras(&d, &remedy);
	CHECK(remedy != NULL && strcmp(remedy, R_OLD) == 0, "2018: the old sentence");
	ogi_letter_doc_free(&d);
	ogi_event_list_free(&h.ev);

	/* overrides: an office's own wording, attachments */
	request_of(&h);
	reply_with(&h, "2024-03-20", "disclosed");
	json_t *ov = json_pack("{s:s, s:s}", "common.closing", "此复。", "reply.disclosed.decision",
	                       "经审查，{you}申请的信息可以公开，依据{basis}，现提供{provided}。");
	facts = json_pack("{s:s, s:[s]}", "provided", "招标文件1份", "attachments",
	                  "马岭新村片区改造一期招标文件（共12页）");
	ogi_letter_compose(OGI_LETTER_REPLY, &h.r, &h.ev, &s, facts, ov, day("2024-03-20"), &d);
	CHECK_STR(d.para[d.npara - 1], "此复。", "the closing overridden");
	CHECK(para_with(&d,
	                "经审查，您申请的信息可以公开，依据《中华人民共和国政府信息公开条例》第三"
	                "十六条第（二）项，现提供招标文件1份。") != NULL,
	      "the decision overridden, fields filled in");
	CHECK_INT(d.nattach, 1, "one attachment");
	CHECK(d.nattach == 1 && strcmp(d.attach[0], "马岭新村片区改造一期招标文件（共12页）") == 0,
	      "its line");
	ogi_letter_doc_free(&d);
	json_decref(ov);
	/* an overridden title longer than the document holds is cut before a character */
	char *long_title = malloc(3 * 1000 + 1);
	for (int i = 0; i < 1000; i++)
		memcpy(long_title + 3 * i, "长", 3);
	long_title[3000] = '\0';
	ov = json_pack("{s:s}", "reply.title.decision", long_title);
	ogi_letter_compose(OGI_LETTER_REPLY, &h.r, &h.ev, &s, facts, ov, day("2024-03-20"), &d);
	CHECK(strlen(d.title) > 0 && strlen(d.title) % 3 == 0 &&
	          utf8_valid(d.title, strlen(d.title)),
	      "cut to %zu bytes, whole characters", strlen(d.title));
	ogi_letter_doc_free(&d);
	free(long_title);
	json_decref(ov);
	json_decref(facts);
	ogi_event_list_free(&h.ev);
}

static void service_form(void)
{
	struct ogi_body_settings s = settings();
	struct history h;
	request_of(&h);
	reply_with(&h, "2024-03-20", "disclosed");
	struct ogi_letter_doc d = {0}, f = {0};
	ogi_letter_compose(OGI_LETTER_REPLY, &h.r, &h.ev, &s, NULL, NULL, day("2024-03-20"), &d);
	ogi_letter_ref_format(&s, OGI_LETTER_REPLY, 2024, 3, d.ref);
	ogi_letter_service_form(&d, &h.r, &s, &f);
	CHECK_STR(f.title, "送达回证", "title");
	CHECK(para_with(&f, "受送达人：张三") != NULL, "who is served");
	CHECK(para_with(&f,
	                "送达文书：《平湛区马岭街道办事处政府信息公开申请答复书》（平湛马办依申复"
	                "〔2024〕3号）") != NULL,
	      "the letter and its 文号");
	CHECK(para_with(&f, "送达地点：平湛区东风路12号") != NULL, "the applicant's address");
	CHECK(para_with(&f, "送达方式：直接送达") != NULL, "in person");
	CHECK(para_with(&f, "受送达人签名或者盖章：＿") != NULL &&
	          para_with(&f, "签收日期：") != NULL,
	      "signature and date left for the hand");
	CHECK(!ogi_letter_has_blanks(&f), "hand-filled lines are no blank marks");
	ogi_letter_doc_free(&f);
	ogi_letter_doc_free(&d);
	ogi_event_list_free(&h.ev);
}

static void facts_check(void)
{
	struct spec_errors errs = {0};
	json_t *ok = json_loads("{\"withheld_parts\": [{\"part\": \"报价\", \"outcome\": "
	                        "\"withheld_third_party\"}], \"earlier_on\": \"2024-02-20\", "
	                        "\"attachments\": [\"附件1\"]}",
	                        0, NULL);
	CHECK(ogi_letter_facts_check(OGI_LETTER_REPLY, ok, &errs), "good reply facts");
	CHECK(ogi_letter_facts_check(OGI_LETTER_REPLY, NULL, &errs), "no facts");
	CHECK(!ogi_letter_facts_check(OGI_LETTER_FEE_NOTICE, ok, &errs),
	      "reply facts on a fee notice");
	CHECK_STR(errs.e[0].field, "facts.withheld_parts", "named");
	errs.n = 0;
	json_t *bad = json_loads("{\"withheld_parts\": [{\"part\": \"报价\", \"outcome\": "
	                         "\"disclosed\"}], \"earlier_on\": \"2024-2-20\", \"nonsense\": 1}",
	                         0, NULL);
	CHECK(!ogi_letter_facts_check(OGI_LETTER_REPLY, bad, &errs), "bad facts");
	CHECK_INT(errs.n, 3, "a part that is no ground, a bad date, an unknown key");
	json_decref(ok);
	json_decref(bad);
}

int main(void)
{
	remedy_by_outcome();
	remedy_by_kind();
	settings_and_refs();
	refusals();
	templates();
	receipt();
	correction_and_notices();
	consultations();
	fees();
	replies();
	reply_details();
	service_form();
	facts_check();
	return check_done("letter");
}
