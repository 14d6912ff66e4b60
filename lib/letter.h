/* The letter engine's rules (reference/letters.md, law.md): which letters a
 * request may have now, what each says — the record it quotes, the article
 * and item it cites, the remedy sentence right on the letter's date — and
 * its 文号.  Pure: the record in, a document out; lib/letter_render.h prints
 * a document as HTML, PDF or DOCX.
 *
 * Wording is data: every paragraph comes from a template (a default table in
 * letter_text.c) with named fields in braces, 「{applicant}」, filled from
 * the record; an office overrides a template per body without a release
 * (ogi_letter_template_override). */
#ifndef OGI_LETTER_H
#define OGI_LETTER_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "lib/body_settings.h"
#include "lib/date.h"
#include "lib/domain.h"
#include "lib/request.h"
#include "lib/spec.h"

#define OGI_LETTER_PARAGRAPH_MAX  20000 /* characters in one paragraph (400 past it) */
#define OGI_LETTER_PARAGRAPHS_MAX 60    /* paragraphs in one letter */
#define OGI_LETTER_REF_SIZE       256   /* a 文号 in bytes with its NUL */
/* A title in bytes with its NUL: the body's full name and the letter's name
 * (an overridden title longer than that is cut before a character). */
#define OGI_LETTER_TITLE_SIZE (OGI_BODY_NAME_SIZE + 400)

/* A mark the generator leaves where the record lacks a fact the letter must
 * state (「【待填写：……】」); a letter that still holds one is not issued. */
#define OGI_LETTER_BLANK_OPEN "【待填写："

/* Why a letter of a kind makes no sense for a request now (409, a code each). */
enum ogi_letter_refusal {
	OGI_LETTER_OK = 0,
	OGI_LETTER_NO_OUTCOME,      /* a reply before a reply or closing event is recorded */
	OGI_LETTER_NO_CORRECTION,   /* a correction notice without correction_requested */
	OGI_LETTER_NO_EXTENSION,    /* an extension notice without an approved extension */
	OGI_LETTER_NO_DELAY,        /* a delay notice without delay_set */
	OGI_LETTER_NO_CONSULTATION, /* consultation letters without a consultation of that party */
	OGI_LETTER_NO_OVERRIDE,     /* an override notice without objection_overridden */
	OGI_LETTER_NO_FEE_NOTICE,   /* a fee notice without fee_notice_issued */
	OGI_LETTER_OUTCOME_NO_LETTER, /* withdrawn: nothing to answer */
	OGI_LETTER_REFUSAL_COUNT
};
extern const char *const ogi_letter_refusal_names[]; /* wire codes */
extern const char *const ogi_letter_refusal_zh[];
extern const char *const ogi_letter_refusal_en[];

/* A letter as printed: a draft before issue (ref ""), frozen after. */
struct ogi_letter_doc {
	enum ogi_letter_kind kind;
	int outcome;                       /* the reply's enum ogi_outcome, -1 for other kinds */
	char title[OGI_LETTER_TITLE_SIZE]; /* 「平湛街道办事处政府信息公开申请答复书」 */
	char ref[OGI_LETTER_REF_SIZE]; /* the 文号, "" until issued */
	char
	    addressee[OGI_SETTING_TEXT_SIZE]; /* salutation without 「：」; "" for none (receipt) */
	size_t npara;
	char *para[OGI_LETTER_PARAGRAPHS_MAX];       /* owned, UTF-8, plain text (no markup) */
	bool para_remedy[OGI_LETTER_PARAGRAPHS_MAX]; /* this paragraph is the remedy sentence */
	char signer[OGI_BODY_NAME_SIZE]; /* the issuing body, above the date (and the seal) */
	ogi_date date;                   /* the letter's date */
	size_t nattach;
	char *attach[8]; /* 附件 lines, owned */
	/* A second part printed after a page break: the 意见回执 of a third-party
	 * consultation, the 送达回证; npara2 == 0 when none. */
	char title2[OGI_LETTER_TITLE_SIZE];
	size_t npara2;
	char *para2[OGI_LETTER_PARAGRAPHS_MAX];
};
void ogi_letter_doc_free(struct ogi_letter_doc *d);

/* The facts a letter needs that the record does not hold, given with the
 * draft request (POST …/letters {kind, facts}): a JSON object, NULL for none.
 * Every kind reads
 *   attachments         [string] (at most 8): the 附件 lines
 *   correction_content  string: what the (last) 补正 supplied, when its event holds none
 * and besides:
 *   third_party_consultation, body_consultation:
 *     consultation (the id of its consultation_started event; default the
 *     last of that party), info_concerned
 *   consultation_notice: consultation
 *   override_notice: consultation, info_concerned, disclose_on (a date or a text)
 *   fee_notice: pay_how (where and how to pay)
 *   reply, by outcome:
 *     already_public: where, url, index (at least one)
 *     disclosed: provided, provide_how (default: the form asked for)
 *     partial: disclosed_part, provide_how, withheld_parts [{part, outcome, reasons?}]
 *       (outcome a withheld_* value or not_government_info)
 *     not_held_not_exist: search_done (what was searched, and how: SPC guiding case 101)
 *     not_held_other_body: other_body (default the replied event's referred_body),
 *       other_body_contact
 *     rejected_repeat: earlier_ref, earlier_on (YYYY-MM-DD)
 *     withheld_query_matter, rejected_petition, rejected_publication: proper_channel
 *     other: decision
 *     every outcome: reasons (具体理由, a sentence of its own)
 * Strings at most OGI_LETTER_FACT_MAX characters. */
#define OGI_LETTER_FACT_MAX 2000
/* Checks facts (NULL or an object) for kind: known keys of the right type,
 * each error on "facts.<key>".  True when none was added to errs. */
bool ogi_letter_facts_check(enum ogi_letter_kind kind, json_t *facts, struct spec_errors *errs);

/* A date as letters write it, 「2024年3月5日」 (buf OGI_DATE_ZH_SIZE bytes). */
#define OGI_DATE_ZH_SIZE 48
char *ogi_date_zh(ogi_date d, char buf[OGI_DATE_ZH_SIZE]);

/* Composes the draft of kind for r with its history ev (in order), as body s
 * issues it on date, from the templates (overrides: a JSON object {template
 * key: text}, NULL for the defaults; facts as above, checked before).
 * Returns OGI_LETTER_OK and fills out (the caller frees it with
 * ogi_letter_doc_free), or the refusal (out untouched; the refusal tables
 * name the rule).  Out of memory or a kind out of range:
 * OGI_LETTER_REFUSAL_COUNT.  r, ev and s are never NULL.
 *
 * The record read: the reply's outcome from the last replied /
 * correction_lapsed / fee_lapsed / withdrawn event (else r->outcome); the
 * last correction_requested (items, correction_due), each
 * correction_received, the last extension_approved (reason, working_days;
 * the new due date is r->due_on), delay_set (due_on, reason),
 * fee_notice_issued (method, amount, ordinal, items, pages, the cost fees,
 * pay_by), the consultation's consultation_started (party, name; the
 * addressee of the letters to the party), its consultation_ended (answer,
 * reasons), objection_overridden (reason), replied (referred_body, basis
 * for outcome other), registered (its actor: the receipt's clerk). */
enum ogi_letter_refusal ogi_letter_compose(enum ogi_letter_kind kind, const struct ogi_request *r,
                                           const struct ogi_event_list *ev,
                                           const struct ogi_body_settings *s, json_t *facts,
                                           json_t *overrides, ogi_date date,
                                           struct ogi_letter_doc *out);

/* Which kinds make sense for r now (the client's menu): a bitmask over
 * enum ogi_letter_kind. */
unsigned ogi_letter_kinds_possible(const struct ogi_request *r, const struct ogi_event_list *ev);

/* The remedy sentence (救济途径) a letter of kind with outcome (-1: none)
 * dated date carries, into buf; "" when the letter carries none (procedural
 * notices, 国办函〔2021〕132号).  Before 2024-01-01 the 1999/2017 form;
 * from then the 2023 law's, review first (art. 23(1)(4)) for 不予公开 and
 * the withheld part of 部分公开, and for 信息不存在 / 非本机关 / 无法提供
 * when s->review_first_not_held. */
void ogi_letter_remedy_sentence(enum ogi_letter_kind kind, int outcome, ogi_date date,
                                const struct ogi_body_settings *s, char *buf, size_t size);

/* The 文号: prefix + the kind's code + 〔year〕 + serial + 号
 * (「平湛马办依申复〔2024〕3号」). */
void ogi_letter_ref_format(const struct ogi_body_settings *s, enum ogi_letter_kind kind, int year,
                           int serial, char out[OGI_LETTER_REF_SIZE]);

/* True when some paragraph (or the title, the addressee, an attachment, the
 * second part) still holds an OGI_LETTER_BLANK_OPEN mark. */
bool ogi_letter_has_blanks(const struct ogi_letter_doc *d);

/* The template keys an office may override (NULL-terminated), and the
 * default text of one (NULL when key is unknown). */
extern const char *const ogi_letter_template_keys[];
const char *ogi_letter_template_default(const char *key);
/* Checks an override's text: every {field} in it is one the key offers.
 * False with the first unknown field in bad (size bytes). */
bool ogi_letter_template_check(const char *key, const char *text, char *bad, size_t size);
/* The i-th field (from 0) the template key offers, its own ones first and
 * then the common ones every template offers: *name as written in braces,
 * *label what it stands for (as its blank mark says, 「收到申请日期」),
 * *common whether it is a common one.  False past the last field and for
 * an unknown key. */
bool ogi_letter_template_field(const char *key, size_t i, const char **name, const char **label,
                               bool *common);

/* The 送达回证 of a letter served in person: a document of its own (kind
 * and outcome the letter's, addressee "" — no salutation —, the body as
 * signer, the letter's date), its lines for the hand left as ＿＿ rather
 * than blank marks. */
void ogi_letter_service_form(const struct ogi_letter_doc *letter, const struct ogi_request *r,
                             const struct ogi_body_settings *s, struct ogi_letter_doc *out);

#endif
