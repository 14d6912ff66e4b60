/* A litigation (行政诉讼) and its instances as the API takes and shows
 * them: the bodies of POST and PATCH of a litigation and of an instance,
 * and the record's JSON. */
#ifndef OGI_WIRE_LITIGATION_JSON_H
#define OGI_WIRE_LITIGATION_JSON_H

#include <jansson.h>
#include <stdbool.h>

#include "lib/calendar.h"
#include "lib/remedies.h"
#include "lib/spec.h"

/* Which body: filing a litigation (with its first instance's facts),
 * changing one, filing an instance (an appeal, a retrial), changing one. */
enum litigation_body { LIT_BODY_FILE, LIT_BODY_CHANGE, INSTANCE_BODY_FILE, INSTANCE_BODY_CHANGE };

/* A body as its spec parsed it; strings point into body. */
struct litigation_input {
	json_t *body; /* borrowed: what it gives for each field (absent, null, a value) */
	ogi_date filed_on, served_on, hearing_on, decided_on, judgment_served_on, redo_due,
	    redone_on;
	const char *court, *case_no, *notes;
	long long reconsideration_id;
	int procedure, judgment, route, instance;
	const char *correction_reason; /* an instance's PATCH: why a recorded judgment changes */
	const char *override_reason;   /* an admin's reason to record into a locked year */
};

/* Parses body by the spec of kind; false after adding its errors to errs.
 * The route runs it first; so does the fuzzer. */
bool litigation_input_parse(json_t *body, enum litigation_body kind, struct litigation_input *in,
                            struct spec_errors *errs);
/* Applies what the body gives to the litigation's own fields (a required
 * field cleared: its error in errs) … */
void litigation_input_apply(const struct litigation_input *in, struct ogi_litigation *l,
                            struct spec_errors *errs);
/* … and to an instance's. */
void instance_input_apply(const struct litigation_input *in, struct ogi_litigation_instance *x);

/* The record of request o as the API shows it: its fields, where it belongs
 * (until when a direct suit could be filed: 6 months after the reply), its
 * instances with their deadlines, its result and state today, and how the
 * annual report counts it. */
json_t *wire_litigation(const struct ogi_calendar *cal, const struct ogi_litigation *l,
                        const struct ogi_remedy_owner *o);

#endif
