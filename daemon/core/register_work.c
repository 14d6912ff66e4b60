/* The shared work of a register import (see register_work.h). */
#include "daemon/core/register_work.h"

#include <string.h>

#include "api/errors.h"
#include "daemon/core/auth.h"
#include "daemon/wire/register_import_json.h"
#include "lib/db/bodies.h"
#include "lib/db/register_jobs.h"
#include "lib/domain.h"

#define RESULT_ROWS 2000

int register_work_check(struct register_work *w, struct ogi_db *db, const void *data, size_t len,
                        const char *name, long long body_id, const json_t *mapping,
                        const json_t *outcomes, struct spec_errors *errs)
{
	memset(w, 0, sizeof *w);
	struct ogi_wb_error err = {0};
	if ((w->book = ogi_wb_read(data, len, name, &err)) == NULL) {
		spec_error_add(errs, "file", err.rule ? err.rule : "not_a_spreadsheet", err.zh,
		               err.en);
		return OGI_E_INVALID_INPUT;
	}
	char zh[320], en[320];
	ogi_reg_mapping_init(&w->mapping);
	if (mapping != NULL && !ogi_reg_mapping_from_json(mapping, &w->mapping, zh, en, sizeof zh))
		spec_error_add(errs, "mapping", "mapping", zh, en);
	ogi_reg_outcomes_default(&w->outcomes);
	if (outcomes != NULL &&
	    !ogi_reg_outcomes_from_json(outcomes, &w->outcomes, zh, en, sizeof zh))
		spec_error_add(errs, "outcomes", "outcomes", zh, en);
	if (errs->n > 0)
		return OGI_E_INVALID_INPUT;
	int rc = ogi_db_register_body_names(db, body_id, w->body_names,
	                                    sizeof w->body_names / sizeof w->body_names[0],
	                                    w->names_buf, sizeof w->names_buf);
	if (rc != 0)
		return rc;
	struct ogi_reg_options opt = {
	    .body_id = body_id, .body_names = w->body_names, .today = ogi_today()};
	ogi_reg_check(w->book, &w->mapping, &w->outcomes, &opt, &w->check);
	w->checked = true;
	return 0;
}

int register_work_import(struct register_work *w, struct ogi_db *db,
                         const struct ogi_reg_import_opts *opts, struct ogi_reg_import_result *out)
{
	if (w->check.fatal) {
		memset(out, 0, sizeof *out);
		out->dry_run = opts->dry_run;
		out->refused = true;
		return 0;
	}
	return ogi_db_register_import(db, &w->check, opts, out);
}

/* The sheet the check read (by name), else the first visible one. */
static const struct ogi_wb_sheet *sheet_of(const struct register_work *w)
{
	const struct ogi_wb *b = w->book;
	for (size_t i = 0; i < b->nsheets; i++)
		if (w->check.sheet[0] != '\0' && strcmp(b->sheets[i].name, w->check.sheet) == 0)
			return &b->sheets[i];
	for (size_t i = 0; i < b->nsheets; i++)
		if (!b->sheets[i].hidden)
			return &b->sheets[i];
	return b->nsheets > 0 ? &b->sheets[0] : NULL;
}

static json_t *dry_json(const struct ogi_reg_import_result *r)
{
	if (r == NULL)
		return json_null();
	return json_pack("{s:I, s:I, s:I, s:s, s:s}", "created", (json_int_t)r->created, "existed",
	                 (json_int_t)r->existed, "refused", (json_int_t)r->refused_rows,
	                 "summary_zh", r->zh, "summary_en", r->en);
}

json_t *register_work_report(const struct register_work *w, const struct ogi_reg_import_result *dry)
{
	const struct ogi_wb_sheet *sheet = sheet_of(w);
	/* no header found (a fatal check): the first row shown as the header, to map by hand */
	size_t header_row = w->check.header_row;
	size_t shown_row = header_row > 0 ? header_row : 1;
	json_t *choices = json_array();
	for (int o = 0; o < OGI_OUTCOME_COUNT; o++)
		json_array_append_new(choices, json_string(ogi_outcome_names[o]));
	json_t *problems = wire_register_problems(&w->check, REGISTER_REPORT_PROBLEMS);
	/* the dry run's own problems (a locked year), after the check's */
	for (size_t i = 0; dry != NULL && i < dry->nproblems; i++)
		json_array_append_new(problems, ogi_reg_problem_json(&dry->problems[i]));
	return json_pack(
	    "{s:s, s:s, s:o, s:s, s:I, s:o, s:o, s:o, s:o, s:o, s:b, s:I, s:I, s:I, s:I, s:I, s:I, "
	    "s:o, s:I, s:o}",
	    "format", w->book->format == OGI_WB_XLSX ? "xlsx" : "csv", "encoding",
	    w->book->encoding ? w->book->encoding : "UTF-8", "sheets",
	    wire_register_sheets(w->book), "sheet", sheet ? sheet->name : "", "header_row",
	    (json_int_t)header_row, "columns", wire_register_columns(sheet, shown_row, shown_row),
	    "fields", wire_register_fields(), "mapping",
	    ogi_reg_mapping_to_json(&w->check.mapping, sheet), "outcomes",
	    ogi_reg_outcomes_to_json(&w->outcomes), "outcome_choices", choices, "fatal",
	    w->check.fatal, "rows", (json_int_t)w->check.nrows, "valid",
	    (json_int_t)w->check.nvalid, "errors",
	    (json_int_t)w->check.errors + (json_int_t)(dry ? dry->nproblems : 0), "warnings",
	    (json_int_t)w->check.warnings, "blank", (json_int_t)w->check.blank, "notes_rows",
	    (json_int_t)w->check.notes_rows, "problems", problems, "problems_total",
	    (json_int_t)(w->check.nproblems + (dry ? dry->nproblems : 0)), "dry_run",
	    dry_json(dry));
}

json_t *register_result_json(const struct ogi_reg_import_result *r)
{
	json_t *rows = json_array(), *problems = json_array();
	for (size_t i = 0; i < r->nrows && i < RESULT_ROWS; i++) {
		const struct ogi_reg_row_outcome *o = &r->rows[i];
		json_t *row = json_pack("{s:I, s:s}", "row", (json_int_t)o->row, "result",
		                        ogi_reg_row_result_names[o->result]);
		if (o->request_id > 0) {
			json_object_set_new(row, "request_id", json_integer(o->request_id));
			json_object_set_new(row, "tracking_no", json_string(o->tracking_no));
		}
		if (o->rule != NULL)
			json_object_set_new(row, "rule", json_string(o->rule));
		json_array_append_new(rows, row);
	}
	for (size_t i = 0; i < r->nproblems && i < REGISTER_REPORT_PROBLEMS; i++)
		json_array_append_new(problems, ogi_reg_problem_json(&r->problems[i]));
	return json_pack("{s:b, s:b, s:I, s:I, s:I, s:I, s:s, s:s, s:o, s:o, s:I}", "written",
	                 r->written, "refused", r->refused, "total", (json_int_t)r->total,
	                 "created", (json_int_t)r->created, "existed", (json_int_t)r->existed,
	                 "refused_rows", (json_int_t)r->refused_rows, "summary_zh", r->zh,
	                 "summary_en", r->en, "problems", problems, "rows", rows, "rows_total",
	                 (json_int_t)r->nrows);
}

static char *dump(json_t *steal)
{
	char *text = steal ? json_dumps(steal, JSON_COMPACT) : NULL;
	json_decref(steal);
	return text;
}

char *register_work_mapping_text(const struct register_work *w)
{
	return dump(ogi_reg_mapping_to_json(&w->check.mapping, NULL));
}

char *register_work_outcomes_text(const struct register_work *w)
{
	return dump(ogi_reg_outcomes_to_json(&w->outcomes));
}

void register_work_free(struct register_work *w)
{
	if (w->checked)
		ogi_reg_check_free(&w->check);
	w->checked = false;
	ogi_wb_free(w->book);
	w->book = NULL;
}

int register_job_for(struct ctx *c, struct ogi_db *db, long long id, bool lock,
                     struct ogi_register_job *out)
{
	int rc = ogi_db_register_job_get(db, id, lock, out);
	if (rc == OGI_E_NOT_FOUND)
		ctx_detail(c, "no register import %lld", id);
	if (rc != 0)
		return rc;
	long long path[OGI_BODY_DEPTH_MAX];
	int npath = 0;
	rc = ogi_db_body_path(db, out->body_id, path, &npath);
	if (rc == 0 && auth_allows(&c->auth, path, npath, OGI_ROLE_ADMIN))
		return 0;
	bool reads = rc == 0 && auth_allows(&c->auth, path, npath, OGI_ROLE_AUDITOR);
	ogi_register_job_free(out);
	if (rc < 0)
		return rc;
	if (reads) {
		ctx_detail(c, "needs the admin role on body %lld", out->body_id);
		return OGI_E_FORBIDDEN;
	}
	ctx_detail(c, "no register import %lld", id);
	return OGI_E_NOT_FOUND;
}
