/* Register imports of the web page (issue 20) as the API shows them: the job
 * with its progress and result, and the pieces of a dry run's report — the
 * workbook's sheets, a sheet's columns with their header text and sample
 * values, the register's fields, the problems of a check. */
#ifndef OGI_WIRE_REGISTER_IMPORT_JSON_H
#define OGI_WIRE_REGISTER_IMPORT_JSON_H

#include <jansson.h>
#include <stdbool.h>

#include "lib/register.h"
#include "lib/register_job.h"
#include "lib/spec.h"
#include "lib/workbook.h"

/* Sample values shown for a column. */
#define WIRE_REGISTER_SAMPLES 5

/* {id, body_id, file_name, sha256, bytes, format, status, rows_total, rows_done,
 * problems, skip_invalid, created_at, created_by, queued_at, run_by, started_at,
 * finished_at, result, href} and, with_report, the last dry run's report. */
json_t *wire_register_job(const struct ogi_register_job *j, bool with_report);
/* {imports: [...]} without their reports. */
json_t *wire_register_jobs(const struct ogi_register_job_list *l);

/* [{name, hidden, rows, cols}] of every sheet. */
json_t *wire_register_sheets(const struct ogi_wb *book);
/* [{column, index, header, samples}] of every column of sheet: header_row (1-based, 0: none)
 * gives the header text, the first WIRE_REGISTER_SAMPLES non-empty cells from data_row
 * (0-based) on the samples. */
json_t *wire_register_columns(const struct ogi_wb_sheet *sheet, size_t header_row, size_t data_row);
/* [{name, label, required}] of the register's fields, in order. */
json_t *wire_register_fields(void);
/* [problem, …] of a check (lib/register.h's ogi_reg_problem_json), at most max. */
json_t *wire_register_problems(const struct ogi_reg_check *c, size_t max);

/* The body of POST …/check and …/run: {mapping?, outcomes?} and for a run skip_invalid?;
 * the JSON values borrowed from body (NULL when absent). */
bool register_check_parse(json_t *body, bool run, json_t **mapping, json_t **outcomes,
                          bool *skip_invalid, struct spec_errors *errs);

#endif
