/* Register imports as the API shows them (see register_import_json.h). */
#include "daemon/wire/register_import_json.h"

#include <string.h>

static json_t *text_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

/* A stored JSON text as a value (null when none or unreadable). */
static json_t *stored(const char *text)
{
	json_t *v = text ? json_loads(text, 0, NULL) : NULL;
	return v ? v : json_null();
}

json_t *wire_register_job(const struct ogi_register_job *j, bool with_report)
{
	char href[96];
	snprintf(href, sizeof href, "/api/v1/register-imports/%lld", j->id);
	json_t *o = json_pack(
	    "{s:I, s:I, s:s, s:s, s:I, s:s, s:s, s:I, s:I, s:I, s:b, s:o, s:o, s:o, s:o, s:o, s:o, "
	    "s:o, s:o, s:s}",
	    "id", (json_int_t)j->id, "body_id", (json_int_t)j->body_id, "file_name", j->file_name,
	    "sha256", j->sha256, "bytes", (json_int_t)j->bytes, "format", j->format, "status",
	    j->status, "rows_total", (json_int_t)j->rows_total, "rows_done",
	    (json_int_t)j->rows_done, "problems", (json_int_t)j->problems, "skip_invalid",
	    j->skip_invalid, "created_at", text_or_null(j->created_at), "created_by",
	    text_or_null(j->created_by_name), "queued_at", text_or_null(j->queued_at), "run_by",
	    text_or_null(j->run_by_name), "started_at", text_or_null(j->started_at), "finished_at",
	    text_or_null(j->finished_at), "result", stored(j->result), "mapping",
	    stored(j->mapping), "href", href);
	if (o != NULL && with_report)
		json_object_set_new(o, "report", stored(j->report));
	return o;
}

json_t *wire_register_jobs(const struct ogi_register_job_list *l)
{
	json_t *a = json_array();
	for (int i = 0; i < l->n; i++)
		json_array_append_new(a, wire_register_job(&l->jobs[i], false));
	return json_pack("{s:o}", "imports", a);
}

json_t *wire_register_sheets(const struct ogi_wb *book)
{
	json_t *a = json_array();
	for (size_t i = 0; book != NULL && i < book->nsheets; i++) {
		const struct ogi_wb_sheet *s = &book->sheets[i];
		json_array_append_new(a, json_pack("{s:s, s:b, s:I, s:I}", "name", s->name,
		                                   "hidden", s->hidden, "rows", (json_int_t)s->rows,
		                                   "cols", (json_int_t)s->cols));
	}
	return a;
}

json_t *wire_register_columns(const struct ogi_wb_sheet *sheet, size_t header_row, size_t data_row)
{
	json_t *a = json_array();
	for (size_t col = 0; sheet != NULL && col < sheet->cols; col++) {
		char letters[8];
		ogi_wb_column_name(col, letters, sizeof letters);
		const char *header = "";
		if (header_row > 0) {
			/* a merged header cell's text is its top-left cell's */
			const struct ogi_wb_range *m = ogi_wb_merge_at(sheet, header_row - 1, col);
			header = m ? ogi_wb_at(sheet, m->row0, m->col0)->text
			           : ogi_wb_at(sheet, header_row - 1, col)->text;
		}
		json_t *samples = json_array();
		for (size_t row = data_row;
		     row < sheet->rows && json_array_size(samples) < WIRE_REGISTER_SAMPLES; row++) {
			const char *t = ogi_wb_at(sheet, row, col)->text;
			if (t[0] != '\0')
				json_array_append_new(samples, json_string(t));
		}
		json_array_append_new(a, json_pack("{s:s, s:I, s:s, s:o}", "column", letters,
		                                   "index", (json_int_t)col, "header", header,
		                                   "samples", samples));
	}
	return a;
}

json_t *wire_register_fields(void)
{
	json_t *a = json_array();
	for (int f = 0; f < OGI_REG_FIELD_COUNT; f++) {
		bool required = f == OGI_REG_RECEIVED_ON || f == OGI_REG_APPLICANT_NAME ||
		                f == OGI_REG_DESCRIPTION;
		json_array_append_new(
		    a, json_pack("{s:s, s:s, s:b}", "name", ogi_reg_field_names[f], "label",
		                 ogi_reg_field_labels_zh[f], "required", required));
	}
	return a;
}

json_t *wire_register_problems(const struct ogi_reg_check *c, size_t max)
{
	json_t *a = json_array();
	for (size_t i = 0; i < c->nproblems && i < max; i++)
		json_array_append_new(a, ogi_reg_problem_json(&c->problems[i]));
	return a;
}

bool register_check_parse(json_t *body, bool run, json_t **mapping, json_t **outcomes,
                          bool *skip_invalid, struct spec_errors *errs)
{
	bool has_mapping = false, has_outcomes = false, has_skip = false;
	*mapping = *outcomes = NULL;
	*skip_invalid = false;
	struct spec check[] = {
	    SPEC_OPT(&has_mapping, SPEC_F_JSON("mapping", mapping)),
	    SPEC_OPT(&has_outcomes, SPEC_F_JSON("outcomes", outcomes)),
	    SPEC_END,
	};
	struct spec start[] = {
	    SPEC_OPT(&has_mapping, SPEC_F_JSON("mapping", mapping)),
	    SPEC_OPT(&has_outcomes, SPEC_F_JSON("outcomes", outcomes)),
	    SPEC_OPT(&has_skip, SPEC_F_BOOL("skip_invalid", skip_invalid)),
	    SPEC_END,
	};
	if (!spec_parse(body, run ? start : check, errs))
		return false;
	if (!has_mapping || json_is_null(*mapping))
		*mapping = NULL;
	if (!has_outcomes || json_is_null(*outcomes))
		*outcomes = NULL;
	if (*mapping != NULL && !json_is_object(*mapping))
		spec_error_add(errs, "mapping", "type", "列的对应关系应为对象",
		               "mapping must be an object");
	if (*outcomes != NULL && !json_is_object(*outcomes))
		spec_error_add(errs, "outcomes", "type", "答复类型对照表应为对象",
		               "outcomes must be an object");
	return errs->n == 0;
}
