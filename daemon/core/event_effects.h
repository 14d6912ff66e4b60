/* What recording an event does besides appending it (POST …/events), in the
 * event's transaction: the payload completed from the database and the
 * calendar — the consultation an event is about when it names none, a fee
 * notice's ordinal, amount, quote and payment window, a payment's amount
 * and parts against the notice — and the read models fee_notices and
 * consultations brought up to date.  The rules are lib/fees.h's and
 * lib/consultation.h's, the SQL lib/db/fee_notices.h's and
 * lib/db/consultations.h's. */
#ifndef OGI_DAEMON_EVENT_EFFECTS_H
#define OGI_DAEMON_EVENT_EFFECTS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "lib/calendar.h"
#include "lib/date.h"
#include "lib/db/db.h"
#include "lib/domain.h"
#include "lib/spec.h"

/* An event about to be appended to a request. */
struct event_effects {
	long long request_id, body_id;
	ogi_date received_on;
	const char *id_number; /* the applicant's, or NULL */
	bool closed;           /* the request is closed (the rule check will say so) */
	enum ogi_event_type type;
	ogi_date on;
	json_t *payload; /* as it will be stored: completed here */
	const struct ogi_calendar *cal;
	struct spec_errors *errs; /* filled with OGI_E_INVALID_INPUT */
	char *detail;             /* the sentence of another refusal */
	size_t detail_len;
};

/* Each returns 0, a database status (< 0), or an error code (> 0; for
 * OGI_E_INVALID_INPUT the field errors are in w->errs). */
/* Before the rule check: names the consultation an event is about when the
 * client left it out and only one fits (409 consultation_ambiguous when
 * several do, but for consultation_ended, whose rule check names the count). */
int event_effects_resolve(struct ogi_db *db, struct event_effects *w);
/* After the rule check: a fee notice's defaults (the ordinal from the
 * applicant's month, the quote as amount, the payment window) and a
 * payment's amount against the notice. */
int event_effects_complete(struct ogi_db *db, struct event_effects *w);
/* After the event is appended (event_id): fee_notices and consultations. */
int event_effects_apply(struct ogi_db *db, struct event_effects *w, long long event_id);

#endif
