/* A correction of a registration as the API takes it (PATCH
 * /api/v1/requests/{id}): the fields to correct, as intake names them, and
 * the reason. */
#ifndef OGI_WIRE_CORRECTION_JSON_H
#define OGI_WIRE_CORRECTION_JSON_H

#include <jansson.h>
#include <stdbool.h>

#include "lib/correction.h"
#include "lib/spec.h"

struct correction_input {
	struct ogi_correction corr;  /* the fields named: a value, or null to clear one */
	const char *reason;          /* why (required, not blank); borrowed from the body */
	const char *override_reason; /* into a locked year: an admin's reason, or NULL */
};

/* Parses body into in: every field optional but reason; a field named with
 * null clears it (lib/correction refuses that of a required one); at least
 * one field to correct.  False after adding every error to errs. */
bool wire_correction_parse(json_t *body, struct correction_input *in, struct spec_errors *errs);

#endif
