/* ogid's fee and remedy glue (issue 5): the fee and consultation events'
 * read models (fee_notices, consultations) and JSON helpers they share (the
 * remedy records' dates are in daemon/core/remedy_dates.h). */
#ifndef OGID_FEES_REMEDIES_H
#define OGID_FEES_REMEDIES_H

#include "lib/calendar.h"
#include "daemon/core/ogid.h"
#include "lib/remedies.h"

/* A yuan amount held in fen as a JSON number (4700, 12.5). */
json_t *money_json(long long fen);
/* A numeric column (text) as a JSON number, or null. */
json_t *money_column(PGresult *res, int row, int col);
json_t *date_or_null(ogi_date d);
/* A date column as a date (OGI_DATE_NONE when NULL). */
ogi_date date_column(PGresult *res, int row, int col);

/* An event about to be appended, seen by the fee and consultation code. */
struct event_work {
	struct ctx *c;
	long long request_id;
	char request_text[24], body_text[24];
	ogi_date received_on;
	enum ogi_regime regime;
	const char *id_number; /* the applicant's, or NULL */
	bool closed;           /* the request is closed (the rule check will say so) */
	enum ogi_event_type type;
	ogi_date on;
	json_t *payload; /* as it will be stored: completed here */
	const struct ogi_calendar *cal;
	struct spec_errors *errs; /* filled with OGI_E_INVALID_INPUT */
	char *detail;
	size_t detail_len;
};

/* Each returns 0, a database status (< 0), or an error code (> 0; for
 * OGI_E_INVALID_INPUT the field errors are in w->errs). */
/* Before the rule check: names the consultation an event is about when the
 * client left it out and only one fits. */
int event_records_resolve(struct ogi_db *db, struct event_work *w);
/* After the rule check: the fee notice's defaults (ordinal from the
 * applicant's month, the quote as amount, the payment window) and the
 * payment's amount against the notice. */
int event_records_complete(struct ogi_db *db, struct event_work *w);
/* After the event is appended (event_id): fee_notices and consultations. */
int event_records_apply(struct ogi_db *db, struct event_work *w, long long event_id);

#endif
