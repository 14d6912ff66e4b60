/* Corrections of a registration (PATCH /api/v1/requests/{id}, issue 14
 * item 2): a clerk fixes what was typed wrong at intake, with a reason, and
 * the history keeps what it was (a record_corrected event: the history stays
 * append-only).  Here is the rule, pure: which fields a correction may
 * change, the record after it checked by intake's rules again (the identity
 * number against GB 11643 / GB 32100, phone, e-mail, the receipt date's
 * relations: lib/intake.h), and the changes as the event stores them, the
 * identity number and phone masked (lib/mask.h).  The daemon meets the
 * clock, the year lock and the database with what this returns.
 *
 * Correctable: the applicant's name, kind (the report's column), identity
 * document (type and number together), phone, e-mail, address, postcode and
 * contact person; the description, purpose and the form asked for (medium,
 * delivery); the channel, the legal receipt date and the submission and
 * confirmation dates (art. 31).  Not correctable here: the body (a transfer
 * is its own event) and the tracking number, which stays what it was when
 * the receipt date moves into another year (it is an identifier, not a
 * date). */
#ifndef OGI_CORRECTION_H
#define OGI_CORRECTION_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "lib/date.h"
#include "lib/intake.h"
#include "lib/spec.h"

enum ogi_corr_field {
	OGI_CORR_APPLICANT_NAME,
	OGI_CORR_APPLICANT_KIND,
	OGI_CORR_ID_TYPE,
	OGI_CORR_ID_NUMBER,
	OGI_CORR_PHONE,
	OGI_CORR_EMAIL,
	OGI_CORR_ADDRESS,
	OGI_CORR_POSTCODE,
	OGI_CORR_CONTACT,
	OGI_CORR_DESCRIPTION,
	OGI_CORR_PURPOSE,
	OGI_CORR_FORM_MEDIUM,
	OGI_CORR_FORM_DELIVERY,
	OGI_CORR_CHANNEL,
	OGI_CORR_RECEIVED_ON,
	OGI_CORR_SUBMITTED_ON,
	OGI_CORR_CONFIRMED_ON,
	OGI_CORR_FIELD_COUNT
};
/* The API's names of the fields, dotted as in the body: "applicant.name", …, "received_on". */
extern const char *const ogi_corr_field_names[];

#define OGI_CORR_BIT(f) (1u << (f))
/* The fields whose change moves the clock (lib/clock counts from the receipt
 * date; the channel says which date that is, art. 31). */
#define OGI_CORR_CLOCK (OGI_CORR_BIT(OGI_CORR_RECEIVED_ON) | OGI_CORR_BIT(OGI_CORR_CHANNEL))
/* The fields the annual report counts by: a change of them alters a
 * published year's figures (the applicant's column, the year received, the
 * channel of the legacy format), so a locked year needs an admin's override. */
#define OGI_CORR_FIGURES (OGI_CORR_CLOCK | OGI_CORR_BIT(OGI_CORR_APPLICANT_KIND))

/* A correction as the client gave it: a bit in given for each field named
 * (a value, or null to clear an optional one), its value in to (borrowed;
 * null: NULL, -1 or OGI_DATE_NONE; to.body_id unused). */
struct ogi_correction {
	unsigned given;
	struct ogi_intake to;
};

struct ogi_correction_result {
	struct ogi_intake after; /* the record after the correction (borrowed from the
	                            record before, the correction and id_buf) */
	unsigned changed;        /* a bit for each field whose value changes */
	char id_buf[64];         /* the corrected identity number in its normal form */
};

/* The record before with the correction applied, into out, checked as of
 * today: a required field (name, kind, description, channel, receipt date)
 * cleared is refused ("required"); then intake's rules run over the record
 * after, and their errors count for the fields the correction touches (the
 * receipt date with its submission and confirmation dates, the document type
 * with its number, phone, e-mail), so a record registered before a rule was
 * tightened does not block an unrelated correction.  True when no error was
 * added to errs; out->changed may be 0 (every value given equals the one
 * registered): the caller refuses that as nothing to correct. */
bool ogi_correction_apply(const struct ogi_intake *before, const struct ogi_correction *corr,
                          ogi_date today, struct ogi_correction_result *out,
                          struct spec_errors *errs);

/* The changes as the record_corrected event stores them, in field order:
 * [{field, from, to}], each value a string (wire names for the vocabularies,
 * YYYY-MM-DD for dates) or null, the identity number and phone masked
 * (ogi_mask_id_number, ogi_mask_phone).  A new reference; NULL when out of
 * memory. */
json_t *ogi_correction_changes(const struct ogi_intake *before,
                               const struct ogi_correction_result *res);

#endif
