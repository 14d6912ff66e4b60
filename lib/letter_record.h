/* A letter (文书) as ogi keeps it: the draft a handler edits, the issued
 * letter frozen with its 文号 and renderings, the voided one kept.  Plain structs that lib/db fills
 * and daemon/wire prints, and the rules around them that are not wording (lib/letter.h words the
 * letters): the limits of an edit, a refusal's problem.  Who drafts and
 * issues each kind: lib/roles.h; the service: lib/letter_service.h. */
#ifndef OGI_LETTER_RECORD_H
#define OGI_LETTER_RECORD_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "api/errors.h"
#include "lib/body_settings.h"
#include "lib/date.h"
#include "lib/domain.h"
#include "lib/letter.h"
#include "lib/letter_service.h"
#include "lib/secret.h"
#include "lib/spec.h"

enum ogi_letter_status {
	OGI_LETTER_STATUS_DRAFT,
	OGI_LETTER_STATUS_ISSUED,
	OGI_LETTER_STATUS_VOID,
	OGI_LETTER_STATUS_COUNT
};
extern const char *const ogi_letter_status_names[]; /* draft, issued, void */

/* The most letters one request keeps, and deliveries one letter: past them
 * 409 (a runaway script, not a case). */
#define OGI_LETTERS_PER_REQUEST_MAX 200
/* The facts given with a draft, as JSON text, at most (bytes). */
#define OGI_LETTER_FACTS_MAX 65536

/* The renderings of an issued letter. */
enum ogi_letter_format {
	OGI_LETTER_HTML,
	OGI_LETTER_PDF,
	OGI_LETTER_DOCX,
	OGI_LETTER_FORMAT_COUNT
};
extern const char *const ogi_letter_format_names[]; /* html, pdf, docx */
extern const char *const ogi_letter_format_mime[];

struct ogi_letter_record {
	long long id, request_id, body_id, version;
	enum ogi_letter_kind kind;
	int outcome; /* enum ogi_outcome a reply words, or -1 */
	enum ogi_letter_status status;
	ogi_date letter_date;
	char *title, *addressee, *signer; /* owned */
	json_t *paragraphs;               /* owned: array of strings, as it prints now */
	json_t
	    *generated; /* owned: {title, addressee, paragraphs, remedy: [indices]} as composed */
	json_t *facts;  /* owned: object */
	json_t *second; /* owned: {title, paragraphs} or NULL */
	json_t *attachments;           /* owned: array of strings */
	char ref[OGI_LETTER_REF_SIZE]; /* "" until issued */
	char code[OGI_SERIES_CODE_SIZE];
	int year, serial;                                     /* 0 until issued */
	char sha256[OGI_LETTER_FORMAT_COUNT][OGI_SHA256_HEX]; /* "" until issued */
	char *void_reason;                                    /* owned, NULL unless void */
	char created_by[72], created_at[40], updated_at[40], issued_by[72], issued_at[40],
	    voided_by[72], voided_at[40]; /* "" when none */
	int ndeliveries;                  /* on a list: how many deliveries */
};
/* Frees what l owns and zeroes it. */
void ogi_letter_record_free(struct ogi_letter_record *l);

struct ogi_letter_list {
	size_t n, cap;
	struct ogi_letter_record *v;
};
/* Appends l (taking what it owns); false when out of memory (l is then freed). */
bool ogi_letter_list_push(struct ogi_letter_list *list, struct ogi_letter_record *l);
void ogi_letter_list_free(struct ogi_letter_list *list);

/* The record of a freshly composed document d (kind, outcome, date, the
 * texts, generated = the same texts); what l held is freed first, its ids
 * and version kept.  False when out of memory. */
bool ogi_letter_record_set_doc(struct ogi_letter_record *l, const struct ogi_letter_doc *d);
/* The document l prints, for the renderers: a draft's ref slot says
 * 「（草稿）」; a paragraph is the remedy sentence when it is, word for word,
 * one the generator marked so.  Free it with ogi_letter_doc_free.  False
 * when out of memory. */
bool ogi_letter_record_doc(const struct ogi_letter_record *l, struct ogi_letter_doc *d);

/* True when the letter l prints still holds an OGI_LETTER_BLANK_OPEN mark
 * (lib/letter.h's ogi_letter_has_blanks: it is then not issued). */
bool ogi_letter_record_has_blanks(const struct ogi_letter_record *l);

/* The draft mark in a draft's ref slot. */
#define OGI_LETTER_DRAFT_MARK "（草稿）"

/* The problem (409) a refusal of lib/letter.h's compose answers with. */
enum ogi_error ogi_letter_refusal_error(enum ogi_letter_refusal r);

/* Checks an edit's paragraphs (a JSON array of strings: 1 to
 * OGI_LETTER_PARAGRAPHS_MAX, each at most OGI_LETTER_PARAGRAPH_MAX
 * characters), naming "paragraphs" or "paragraphs[i]" in errs.  True when
 * they pass. */
bool ogi_letter_paragraphs_check(json_t *paragraphs, struct spec_errors *errs);

#endif
