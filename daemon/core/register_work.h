/* The work of a register import of the web page (issue 20) that its routes
 * and its worker thread share: the stored file read with lib/workbook, its
 * rows checked with lib/register under a mapping and an outcome table given
 * as JSON (absent: the preset and the default table), the dry run or the real
 * run of lib/db/register_import in the caller's transaction, and the report
 * the page shows (register_work.c). */
#ifndef OGI_DAEMON_REGISTER_WORK_H
#define OGI_DAEMON_REGISTER_WORK_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "daemon/core/ctx.h"
#include "lib/db/db.h"
#include "lib/db/register_import.h"
#include "lib/register.h"
#include "lib/register_job.h"
#include "lib/spec.h"
#include "lib/workbook.h"

/* Problems a report lists at most (the counts say how many there are). */
#define REGISTER_REPORT_PROBLEMS 5000
/* Rows between two progress reports of a run. */
#define REGISTER_PROGRESS_EVERY 200

struct register_work {
	struct ogi_wb *book;
	struct ogi_reg_mapping mapping;
	struct ogi_reg_outcomes outcomes;
	struct ogi_reg_check check;
	bool checked;
	const char *body_names[8];
	char names_buf[1024];
};

/* Reads data (len bytes, the file called name) and checks its rows for body_id under
 * mapping and outcomes (NULL: the preset, the default table) into w (free it with
 * register_work_free, whatever the answer).  0; OGI_E_INVALID_INPUT with the fault in errs
 * (field "file" with the reader's rule, "mapping" or "outcomes"); OGI_E_NOT_FOUND; or a
 * status < 0.  A register whose header or required columns cannot be found is no error
 * here: the check is fatal and its first problem says why (the page lets the mapping be
 * fixed). */
int register_work_check(struct register_work *w, struct ogi_db *db, const void *data, size_t len,
                        const char *name, long long body_id, const json_t *mapping,
                        const json_t *outcomes, struct spec_errors *errs);
/* The rows of w imported under opts (a dry run or a real one) in the caller's
 * transaction into out; as ogi_db_register_import.  A fatal check imports nothing: 0 with
 * out empty and refused. */
int register_work_import(struct register_work *w, struct ogi_db *db,
                         const struct ogi_reg_import_opts *opts, struct ogi_reg_import_result *out);
/* The report of a check and its dry run (dry may be NULL): {format, encoding, sheets,
 * sheet, header_row, columns, fields, mapping, outcomes, outcome_choices, fatal, rows,
 * valid, errors, warnings, blank, notes_rows, problems, problems_total, dry_run}; a new
 * reference. */
json_t *register_work_report(const struct register_work *w,
                             const struct ogi_reg_import_result *dry);
/* What an import did: {written, refused, total, created, existed, refused_rows, summary_zh,
 * summary_en, problems, rows (at most 2000), rows_total}; a new reference. */
json_t *register_result_json(const struct ogi_reg_import_result *r);
/* The mapping and the outcome table w checked with, as the JSON texts a later check or
 * run takes back (the mapping without its header texts); malloc'd, NULL when out of
 * memory. */
char *register_work_mapping_text(const struct register_work *w);
char *register_work_outcomes_text(const struct register_work *w);
void register_work_free(struct register_work *w);

/* Loads job id (locked FOR UPDATE when lock) for a caller who must be an administrator of
 * its body: 0 with it in out (free it with ogi_register_job_free); OGI_E_NOT_FOUND when
 * there is none or the caller may not read its body (its existence is not leaked);
 * OGI_E_FORBIDDEN when the caller holds a lesser role there; a status < 0.  c->detail says
 * which. */
int register_job_for(struct ctx *c, struct ogi_db *db, long long id, bool lock,
                     struct ogi_register_job *out);

#endif
