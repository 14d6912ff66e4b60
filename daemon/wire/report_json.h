/* The annual report's answers beyond the report itself (that is
 * lib/report_render.h's ogi_report_json): the saved staff inputs and a
 * lock, and the year as the routes take it (DESIGN.md §3). */
#ifndef OGI_WIRE_REPORT_JSON_H
#define OGI_WIRE_REPORT_JSON_H

#include <jansson.h>
#include <stdbool.h>

#include "lib/report.h"
#include "lib/spec.h"

/* Adds the error of field "year" (code "range", or "required" when it is
 * missing) to errs: a report year is OGI_REPORT_YEAR_MIN..MAX. */
void wire_report_year_error(struct spec_errors *errs, const char *code);

/* The answer to PUT …/inputs: {year, body_id, version, inputs}; takes
 * stored, the inputs as saved (ogi_report_inputs_json). */
json_t *wire_report_inputs(int year, long long body_id, long long version, json_t *stored);

/* The answer to POST …/lock: the lock, and whether every check of the
 * report as locked passed with its checks (borrowed: from its snapshot). */
json_t *wire_report_lock(const struct ogi_report_lock *l, bool ok, json_t *checks);

#endif
