/* A register import of the web page (issue 20) as a job: the uploaded file, the
 * last dry run's report, the run's progress and result (migration 0035;
 * lib/db/register_jobs.h reads and writes it, daemon/wire shows it). */
#ifndef OGI_REGISTER_JOB_H
#define OGI_REGISTER_JOB_H

#include <stdbool.h>

struct ogi_register_job {
	long long id, body_id;
	char file_name[256];
	char sha256[65];
	long long bytes;
	char format[8];  /* "xlsx" or "csv" */
	char status[12]; /* checked | queued | running | done | failed */
	long long rows_total, rows_done, problems, attempts;
	bool skip_invalid;
	/* JSON texts (malloc'd; NULL when SQL NULL): freed by ogi_register_job_free */
	char *mapping, *outcomes, *report, *result;
	long long created_by, run_by;
	char created_by_name[128], run_by_name[128];
	char created_at[40], queued_at[40], started_at[40], finished_at[40]; /* RFC 3339 or "" */
};

struct ogi_register_job_list {
	int n;
	struct ogi_register_job *jobs;
};

#endif
