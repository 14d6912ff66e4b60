/* lib/db for importing an office's register (issue 20): the rows lib/register.h
 * checked written as requests with their history, in the caller's transaction.
 *
 * All or nothing: a real run writes every row it creates in that one
 * transaction.  A real run of a check with errors is refused (nothing
 * written; the result says so and the problems are the check's) unless
 * skip_invalid: then the rows without errors are written and the others
 * reported as refused.  A dry run writes nothing and answers what a real run
 * would (created, already there, refused).
 *
 * Idempotent: each row is recorded under the file's SHA-256 and its row number
 * (register_import_rows, migrations/0034), and under a key of its content
 * (applicant, receipt date, description) per body; a row found under either
 * is "already there" and left as it is, so importing the same file twice (or
 * the same register saved again as CSV) changes nothing.
 *
 * History, not intake: each request is registered with its receipt date
 * (ogi_db_request_insert, its tracking number of that year; identity numbers,
 * phones, e-mails and addresses sealed as intake seals them), its closing
 * event (replied with the outcome, or withdrawn, correction_lapsed, fee_lapsed)
 * dated as the register says, every event's payload carrying
 * "imported": {"file_sha256", "row", "serial"}; the projection over that
 * history is computed by lib/projection (so replied_late is the clock's)
 * and stored; open ones stay open with their real due dates.  Remedies
 * become reconsideration and litigation records.  A row of a year whose
 * report is locked (ogi_db_locks_covering) is refused (year_locked): an
 * import never amends a published report.  The run is audited once
 * (entity "register_import"). */
#ifndef OGI_DB_REGISTER_IMPORT_H
#define OGI_DB_REGISTER_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/calendar.h"
#include "lib/db/db.h"
#include "lib/domain.h"
#include "lib/register.h"

struct ogi_reg_import_opts {
	long long body_id;     /* must be the check's (opts.body_id) */
	const char *file_name; /* for the audit and the run's row; may be NULL */
	char file_sha256[65];  /* the file's SHA-256 in lower-case hex */
	bool dry_run;
	bool skip_invalid; /* a real run writes the valid rows of a check with errors */
	const struct ogi_calendar *cal; /* the clock's calendar */
	const struct ogi_actor *actor;  /* user_id 0: ogictl */
	/* called with (rows done, rows total) every progress_every rows (0: 1000) and at the
	   end; may be NULL */
	void (*progress)(size_t done, size_t total, void *cls);
	void *progress_cls;
	size_t progress_every;
};

enum ogi_reg_row_result {
	OGI_REG_ROW_CREATED, /* written now (a dry run: would be) */
	OGI_REG_ROW_EXISTED, /* already there: this file's row, or the same row imported */
	OGI_REG_ROW_REFUSED, /* has an error: the check's problems, or year_locked */
	OGI_REG_ROW_RESULT_COUNT
};
extern const char *const ogi_reg_row_result_names[]; /* created, existed, refused */

struct ogi_reg_row_outcome {
	size_t row; /* 1-based file row */
	enum ogi_reg_row_result result;
	long long request_id; /* created (real run) or existed; 0 otherwise */
	char tracking_no[64]; /* likewise, or "" */
	const char *rule;     /* refused: the first error's rule ("year_locked" …) */
};

struct ogi_reg_import_result {
	bool dry_run;
	bool written; /* a real run committed rows (false: nothing written) */
	bool refused; /* a real run refused because rows have errors */
	size_t total; /* data rows of the check */
	size_t created, existed, refused_rows;
	size_t nrows;
	struct ogi_reg_row_outcome *rows; /* one per data row, in file order */
	/* problems found only here (year_locked), in addition to the check's */
	size_t nproblems;
	struct ogi_reg_problem *problems;
	long long run_id;      /* register_import_runs row of a real run, else 0 */
	char zh[320], en[320]; /* the run's summary sentence */
};
void ogi_reg_import_result_free(struct ogi_reg_import_result *r);

/* Imports check (from ogi_reg_check, not fatal) into opts->body_id in the
 * caller's transaction, as described above, into out (emptied first; free it
 * with ogi_reg_import_result_free).  0 — also when the run is refused
 * (out->refused) — or OGI_E_NOT_FOUND (no such body), or a status < 0 (db.h;
 * the caller rolls back and may retry: out is emptied again). */
int ogi_db_register_import(struct ogi_db *db, const struct ogi_reg_check *check,
                           const struct ogi_reg_import_opts *opts,
                           struct ogi_reg_import_result *out);

/* The names a body column may give body_id (its name and code) into names
 * (n entries, NULL-ended, strings into buf) for ogi_reg_options.body_names;
 * 0 or OGI_E_NOT_FOUND. */
int ogi_db_register_body_names(struct ogi_db *db, long long body_id, const char **names, size_t n,
                               char *buf, size_t len);

#endif
