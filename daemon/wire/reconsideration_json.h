/* A reconsideration (行政复议) as the API takes and shows it: the body of
 * POST (filing) and PATCH (a change), and the record's JSON. */
#ifndef OGI_WIRE_RECONSIDERATION_JSON_H
#define OGI_WIRE_RECONSIDERATION_JSON_H

#include <jansson.h>
#include <stdbool.h>

#include "lib/calendar.h"
#include "lib/remedies.h"
#include "lib/spec.h"

/* A body as its spec parsed it; strings point into body. */
struct reconsideration_input {
	json_t *body; /* borrowed: what it gives for each field (absent, null, a value) */
	ogi_date filed_on, accepted_on, decided_on, served_on, redo_due, redone_on;
	const char *authority, *case_no, *notes;
	long long extension_days;
	int procedure, decision;
	const char *correction_reason; /* PATCH: why a recorded decision changes */
	const char *override_reason;   /* an admin's reason to record into a locked year */
};

/* Parses body by the spec of a filing (create) or a change; false after
 * adding its errors to errs.  The route runs it first; so does the fuzzer. */
bool reconsideration_input_parse(json_t *body, bool create, struct reconsideration_input *in,
                                 struct spec_errors *errs);
/* Applies what the body gives to r (a required field cleared: its error in errs). */
void reconsideration_input_apply(const struct reconsideration_input *in,
                                 struct ogi_reconsideration *r, struct spec_errors *errs);

/* The record of request o as the API shows it: its fields, where it belongs
 * (until when it could be filed: the applicant's 60 days after the reply),
 * its acceptance, deadlines and state today, and how the annual report
 * counts it. */
json_t *wire_reconsideration(const struct ogi_calendar *cal, const struct ogi_reconsideration *r,
                             const struct ogi_remedy_owner *o);

#endif
