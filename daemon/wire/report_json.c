/* The report's inputs and lock as JSON (see report_json.h). */
#include "daemon/wire/report_json.h"

void wire_report_year_error(struct spec_errors *errs, const char *code)
{
	spec_error_add(errs, "year", code, "报告年度须为 2008 至 2100 之间的整数",
	               "year must be an integer from 2008 to 2100");
}

json_t *wire_report_inputs(int year, long long body_id, long long version, json_t *stored)
{
	return json_pack("{s:i, s:I, s:I, s:o}", "year", year, "body_id", (json_int_t)body_id,
	                 "version", (json_int_t)version, "inputs", stored);
}

json_t *wire_report_lock(const struct ogi_report_lock *l, bool ok, json_t *checks)
{
	return json_pack("{s:i, s:I, s:b, s:s, s:s, s:s, s:b, s:O}", "year", l->year, "body_id",
	                 (json_int_t)l->body_id, "subtree", l->subtree, "format",
	                 ogi_report_format_names[l->format], "locked_at", l->locked_at, "locked_by",
	                 l->locked_by, "ok", ok, "checks", checks);
}
