/* Statements of the register import jobs; the typed functions of register_jobs.h. */
#include "lib/db/register_jobs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/db/pq.h"

#define JOB_COLUMNS                                                                                \
	"id, body_id, file_name, sha256, bytes, format, status, rows_total, rows_done, problems, " \
	"attempts, skip_invalid, mapping::text AS mapping, outcomes::text AS outcomes, "           \
	"report::text AS report, "                                                                 \
	"result::text AS result, created_by, created_by_name, run_by, run_by_name, "               \
	"created_at::text AS created_at, queued_at::text AS queued_at, "                           \
	"started_at::text AS started_at, finished_at::text AS finished_at "

const struct ogi_statement ogi_db_statements_register_jobs[] = {
    {"register_job_insert",
     "INSERT INTO register_import_jobs (body_id, file_name, sha256, bytes, data, format, mapping, "
     "  outcomes, report, rows_total, problems, created_by, created_by_name) "
     "VALUES ($1::bigint, $2, $3, $4::bigint, $5::bytea, $6, $7::jsonb, $8::jsonb, $9::jsonb, "
     "        $10::int, $11::int, $12::bigint, $13) RETURNING id"},
    {"register_job_get", "SELECT " JOB_COLUMNS "FROM register_import_jobs WHERE id = $1::bigint"},
    {"register_job_lock",
     "SELECT " JOB_COLUMNS "FROM register_import_jobs WHERE id = $1::bigint FOR UPDATE"},
    {"register_job_data",
     "SELECT data FROM register_import_jobs WHERE id = $1::bigint AND data IS NOT NULL"},
    {"register_job_checked", "UPDATE register_import_jobs SET mapping = $2::jsonb, outcomes = "
                             "$3::jsonb, report = $4::jsonb, "
                             "  rows_total = $5::int, problems = $6::int "
                             "WHERE id = $1::bigint AND status = 'checked'"},
    {"register_job_queue",
     "UPDATE register_import_jobs SET mapping = $2::jsonb, outcomes = $3::jsonb, status = "
     "'queued', "
     "  skip_invalid = $4::bool, run_by = $5::bigint, run_by_name = $6, queued_at = now(), "
     "rows_done = 0 "
     "WHERE id = $1::bigint AND status = 'checked'"},
    {"register_jobs_list",
     "SELECT " JOB_COLUMNS "FROM register_import_jobs WHERE body_id = $1::bigint "
     "ORDER BY id DESC LIMIT 100"},
    /* a run whose lease ran out: its daemon died (or lost the database) in the middle, and
       its import transaction went with the connection; queued again, or failed for good
       after $1 starts (a file that brings a daemon down each time) */
    {"register_jobs_requeue",
     "UPDATE register_import_jobs SET lease_until = NULL, "
     "  status = CASE WHEN attempts >= $1::int THEN 'failed' ELSE 'queued' END, "
     "  finished_at = CASE WHEN attempts >= $1::int THEN now() END, "
     "  result = CASE WHEN attempts >= $1::int THEN jsonb_build_object('error', 'interrupted', "
     "    'zh', '导入多次在进行中被中断（服务程序停止），已停止重试，未写入任何记录', "
     "    'en', 'the run was interrupted (the daemon stopped) too many times: nothing was "
     "written') END "
     "WHERE status = 'running' AND lease_until < now()"},
    {"register_job_claim",
     "UPDATE register_import_jobs SET status = 'running', started_at = now(), rows_done = 0, "
     "  attempts = attempts + 1, lease_until = now() + make_interval(secs => $1::int) "
     "WHERE id = (SELECT id FROM register_import_jobs WHERE status = 'queued' "
     "            ORDER BY queued_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) "
     "RETURNING " JOB_COLUMNS},
    {"register_job_progress",
     "UPDATE register_import_jobs SET rows_done = $3::int, "
     "  lease_until = now() + make_interval(secs => $4::int) "
     "WHERE id = $1::bigint AND status = 'running' AND attempts = $2::int"},
    {"register_job_finish",
     "UPDATE register_import_jobs SET status = CASE WHEN $3::bool THEN 'done' ELSE 'failed' END, "
     "  result = $4::jsonb, rows_done = $5::int, finished_at = now(), lease_until = NULL, "
     "  data = CASE WHEN $3::bool THEN NULL ELSE data END "
     "WHERE id = $1::bigint AND status = 'running' AND attempts = $2::int"},
    {NULL, NULL},
};

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

void ogi_register_job_free(struct ogi_register_job *j)
{
	if (j == NULL)
		return;
	free(j->mapping);
	free(j->outcomes);
	free(j->report);
	free(j->result);
	j->mapping = j->outcomes = j->report = j->result = NULL;
}

void ogi_register_job_list_free(struct ogi_register_job_list *l)
{
	for (int i = 0; i < l->n; i++)
		ogi_register_job_free(&l->jobs[i]);
	free(l->jobs);
	l->jobs = NULL;
	l->n = 0;
}

static void read_job(const PGresult *res, int row, struct ogi_register_job *j)
{
	memset(j, 0, sizeof *j);
	j->id = pq_getint(res, row, "id");
	j->body_id = pq_getint(res, row, "body_id");
	pq_copy(res, row, "file_name", j->file_name, sizeof j->file_name);
	pq_copy(res, row, "sha256", j->sha256, sizeof j->sha256);
	j->bytes = pq_getint(res, row, "bytes");
	pq_copy(res, row, "format", j->format, sizeof j->format);
	pq_copy(res, row, "status", j->status, sizeof j->status);
	j->rows_total = pq_getint(res, row, "rows_total");
	j->rows_done = pq_getint(res, row, "rows_done");
	j->problems = pq_getint(res, row, "problems");
	j->attempts = pq_getint(res, row, "attempts");
	j->skip_invalid = pq_getbool(res, row, "skip_invalid");
	j->mapping = dup_or_null(pq_get(res, row, "mapping"));
	j->outcomes = dup_or_null(pq_get(res, row, "outcomes"));
	j->report = dup_or_null(pq_get(res, row, "report"));
	j->result = dup_or_null(pq_get(res, row, "result"));
	j->created_by = pq_getint(res, row, "created_by");
	j->run_by = pq_getint(res, row, "run_by");
	pq_copy(res, row, "created_by_name", j->created_by_name, sizeof j->created_by_name);
	pq_copy(res, row, "run_by_name", j->run_by_name, sizeof j->run_by_name);
	pq_copy_time(res, row, "created_at", j->created_at, sizeof j->created_at);
	pq_copy_time(res, row, "queued_at", j->queued_at, sizeof j->queued_at);
	pq_copy_time(res, row, "started_at", j->started_at, sizeof j->started_at);
	pq_copy_time(res, row, "finished_at", j->finished_at, sizeof j->finished_at);
}

int ogi_db_register_job_insert(struct ogi_db *db, const struct ogi_register_job *in,
                               const void *data, size_t len, long long *id)
{
	struct pq_params p = {0};
	pq_int(&p, in->body_id);
	pq_str(&p, in->file_name);
	pq_str(&p, in->sha256);
	pq_int(&p, in->bytes);
	p.v[p.n++] = data;
	pq_str(&p, in->format);
	pq_str(&p, in->mapping ? in->mapping : "{}");
	pq_str(&p, in->outcomes ? in->outcomes : "{}");
	pq_str(&p, in->report);
	pq_int(&p, in->rows_total);
	pq_int(&p, in->problems);
	pq_int_opt(&p, in->created_by > 0, in->created_by);
	pq_str(&p, in->created_by_name);
	int lengths[PQ_PARAMS_MAX] = {0}, formats[PQ_PARAMS_MAX] = {0};
	lengths[4] = (int)len;
	formats[4] = 1;
	PGresult *res;
	int n = ogi_db_exec_bin(db, "register_job_insert", p.n, p.v, lengths, formats, false, &res);
	if (n < 0)
		return n;
	*id = n == 1 ? pq_getint(res, 0, "id") : 0;
	PQclear(res);
	return n == 1 ? 0 : OGI_DB_HARD;
}

static int one_job(struct ogi_db *db, const char *stmt, const struct pq_params *p,
                   struct ogi_register_job *out)
{
	PGresult *res;
	int n = pq_run(db, stmt, p, &res);
	if (n < 0)
		return n;
	if (n == 1)
		read_job(res, 0, out);
	PQclear(res);
	return n;
}

int ogi_db_register_job_get(struct ogi_db *db, long long id, bool lock,
                            struct ogi_register_job *out)
{
	memset(out, 0, sizeof *out);
	struct pq_params p = {0};
	pq_int(&p, id);
	int n = one_job(db, lock ? "register_job_lock" : "register_job_get", &p, out);
	return n < 0 ? n : n == 1 ? 0 : OGI_E_NOT_FOUND;
}

int ogi_db_register_job_data(struct ogi_db *db, long long id, unsigned char **data, size_t *len)
{
	*data = NULL;
	*len = 0;
	struct pq_params p = {0};
	pq_int(&p, id);
	PGresult *res;
	int n = ogi_db_exec_bin(db, "register_job_data", p.n, p.v, NULL, NULL, true, &res);
	if (n < 0)
		return n;
	if (n != 1) {
		PQclear(res);
		return OGI_E_NOT_FOUND;
	}
	size_t size = (size_t)PQgetlength(res, 0, 0);
	if ((*data = malloc(size ? size : 1)) == NULL) {
		PQclear(res);
		return OGI_DB_HARD;
	}
	memcpy(*data, PQgetvalue(res, 0, 0), size);
	*len = size;
	PQclear(res);
	return 0;
}

int ogi_db_register_job_checked(struct ogi_db *db, long long id, const char *mapping,
                                const char *outcomes, const char *report, long long rows_total,
                                long long problems)
{
	struct pq_params p = {0};
	pq_int(&p, id);
	pq_str(&p, mapping);
	pq_str(&p, outcomes);
	pq_str(&p, report);
	pq_int(&p, rows_total);
	pq_int(&p, problems);
	int n = pq_run(db, "register_job_checked", &p, NULL);
	return n < 0 ? n : n == 1 ? 0 : OGI_E_CONFLICT;
}

int ogi_db_register_job_queue(struct ogi_db *db, long long id, const char *mapping,
                              const char *outcomes, bool skip_invalid, long long run_by,
                              const char *run_by_name)
{
	struct pq_params p = {0};
	pq_int(&p, id);
	pq_str(&p, mapping);
	pq_str(&p, outcomes);
	pq_bool(&p, skip_invalid);
	pq_int_opt(&p, run_by > 0, run_by);
	pq_str(&p, run_by_name);
	int n = pq_run(db, "register_job_queue", &p, NULL);
	return n < 0 ? n : n == 1 ? 0 : OGI_E_CONFLICT;
}

int ogi_db_register_jobs_list(struct ogi_db *db, long long body_id,
                              struct ogi_register_job_list *out)
{
	memset(out, 0, sizeof *out);
	struct pq_params p = {0};
	pq_int(&p, body_id);
	PGresult *res;
	int n = pq_run(db, "register_jobs_list", &p, &res);
	if (n < 0)
		return n;
	if (n > 0 && (out->jobs = calloc((size_t)n, sizeof *out->jobs)) == NULL) {
		PQclear(res);
		return OGI_DB_HARD;
	}
	for (int i = 0; i < n; i++)
		read_job(res, i, &out->jobs[i]);
	out->n = n;
	PQclear(res);
	return 0;
}

int ogi_db_register_job_claim(struct ogi_db *db, int lease_seconds, struct ogi_register_job *out)
{
	memset(out, 0, sizeof *out);
	struct pq_params r = {0};
	pq_int(&r, OGI_REGISTER_JOB_ATTEMPTS);
	int n = pq_run(db, "register_jobs_requeue", &r, NULL);
	if (n < 0)
		return n;
	struct pq_params p = {0};
	pq_int(&p, lease_seconds);
	return one_job(db, "register_job_claim", &p, out);
}

int ogi_db_register_job_progress(struct ogi_db *db, long long id, long long attempts,
                                 long long rows_done, int lease_seconds)
{
	struct pq_params p = {0};
	pq_int(&p, id);
	pq_int(&p, attempts);
	pq_int(&p, rows_done);
	pq_int(&p, lease_seconds);
	int n = pq_run(db, "register_job_progress", &p, NULL);
	return n < 0 ? n : n == 1 ? 0 : OGI_E_CONFLICT;
}

int ogi_db_register_job_finish(struct ogi_db *db, long long id, long long attempts, bool done,
                               const char *result, long long rows_done)
{
	struct pq_params p = {0};
	pq_int(&p, id);
	pq_int(&p, attempts);
	pq_bool(&p, done);
	pq_str(&p, result);
	pq_int(&p, rows_done);
	int n = pq_run(db, "register_job_finish", &p, NULL);
	return n < 0 ? n : n == 1 ? 0 : OGI_E_CONFLICT;
}
