/* A letter (文书) as ogi keeps it: the draft a handler edits, the issued
 * letter frozen with its 文号 and renderings, the voided one kept; and its
 * deliveries (送达).  Plain structs that lib/db fills and daemon/wire prints,
 * and the rules around them that are not wording (lib/letter.h words the
 * letters): who drafts and issues each kind, the limits of an edit, the
 * legal date of a service (国办公开办函〔2016〕235号) and the checks of a
 * delivery. */
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
#define OGI_LETTERS_PER_REQUEST_MAX   200
#define OGI_DELIVERIES_PER_LETTER_MAX 20
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

/* True when a paragraph still holds an OGI_LETTER_BLANK_OPEN mark (the
 * letter is then not issued). */
bool ogi_letter_record_has_blanks(const struct ogi_letter_record *l);

/* The draft mark in a draft's ref slot. */
#define OGI_LETTER_DRAFT_MARK "（草稿）"

/* Who may draft (POST …/letters) and issue (…/issue) a letter of kind: a
 * clerk drafts every kind but the reply, which a handler prepares (DESIGN.md
 * §2); an approver issues, but a receipt, which decides nothing, a clerk. */
enum ogi_role ogi_letter_draft_role(enum ogi_letter_kind kind);
enum ogi_role ogi_letter_issue_role(enum ogi_letter_kind kind);

/* The problem (409) a refusal of lib/letter.h's compose answers with. */
enum ogi_error ogi_letter_refusal_error(enum ogi_letter_refusal r);

/* Checks an edit's paragraphs (a JSON array of strings: 1 to
 * OGI_LETTER_PARAGRAPHS_MAX, each at most OGI_LETTER_PARAGRAPH_MAX
 * characters), naming "paragraphs" or "paragraphs[i]" in errs.  True when
 * they pass. */
bool ogi_letter_paragraphs_check(json_t *paragraphs, struct spec_errors *errs);

/* A letter's delivery (送达). */
struct ogi_letter_delivery {
	long long id, letter_id, request_id, body_id, version;
	enum ogi_service_method method;
	ogi_date sent_on, served_on; /* OGI_DATE_NONE when not known */
	ogi_date legal_on;           /* the legal date of the service (below), or NONE */
	char *post_tracking_no, *signed_by, *note; /* owned, NULL when absent */
	char created_by[72], created_at[40], updated_by[72], updated_at[40];
};
void ogi_letter_delivery_free(struct ogi_letter_delivery *d);

struct ogi_delivery_list {
	size_t n, cap;
	struct ogi_letter_delivery *v;
};
bool ogi_delivery_list_push(struct ogi_delivery_list *list, struct ogi_letter_delivery *d);
void ogi_delivery_list_free(struct ogi_delivery_list *list);

/* The legal date of a service (国办公开办函〔2016〕235号; for e-mail 〔2015〕207号):
 *   in_person         the day the addressee signed (served_on);
 *   post              the day handed to the post office (sent_on, 交邮之日);
 *   email, online,    the day sent — the day the mail system or the platform
 *   fax               received it (sent_on), else served_on;
 *   left_at_address   the day it was left (served_on, else sent_on);
 *   public_notice     the day the notice counts as served (served_on).
 * OGI_DATE_NONE while that day is not known. */
ogi_date ogi_service_legal_date(enum ogi_service_method m, ogi_date sent_on, ogi_date served_on);

/* The rules of a delivery beyond its spec, naming the field in errs: post
 * needs sent_on; no date before the letter's date nor after today; served_on
 * not before sent_on; a legal date once known (had_legal) is corrected, not
 * removed.  True when d passes. */
bool ogi_delivery_check(const struct ogi_letter_delivery *d, ogi_date letter_date, ogi_date today,
                        bool had_legal, struct spec_errors *errs);

#endif
