/* The register import worker (see register_thread.h). */
#include "daemon/core/register_thread.h"

#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "daemon/core/calendar_cache.h"
#include "daemon/core/config.h"
#include "daemon/core/log.h"
#include "daemon/core/register_work.h"
#include "lib/db/register_jobs.h"

/* Seconds between two looks at the queue. */
#define POLL_SECONDS 2

static pthread_t thread;
static bool running;
static volatile int stop_flag;
static bool woken;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;

struct run {
	struct ogi_db *progress_db;
	struct ogi_register_job *job;
	struct register_work *work;
	struct ogi_reg_import_opts opts;
	struct ogi_reg_import_result result;
	json_t *result_json;
	size_t done;
};

static void progress(size_t done, size_t total, void *cls)
{
	struct run *r = cls;
	(void)total;
	r->done = done;
	if (ogi_db_register_job_progress(r->progress_db, r->job->id, r->job->attempts,
	                                 (long long)done, REGISTER_LEASE_SECONDS) < 0)
		log_line("register import %lld: progress not written: %s", r->job->id,
		         ogi_db_message(r->progress_db));
}

/* The import and the job's end, in one transaction: the job is done exactly when its rows
   are committed.  A run refused (rows with errors that skip_invalid does not let pass, a
   locked year) rolls back; its result is written afterwards. */
static int run_tx(struct ogi_db *db, void *cls)
{
	struct run *r = cls;
	ogi_reg_import_result_free(&r->result);
	json_decref(r->result_json);
	r->result_json = NULL;
	int rc = register_work_import(r->work, db, &r->opts, &r->result);
	if (rc != 0)
		return rc;
	if ((r->result_json = register_result_json(&r->result)) == NULL)
		return OGI_DB_HARD;
	if (r->result.refused)
		return OGI_E_REGISTER_IMPORT_HAS_ERRORS;
	char *text = json_dumps(r->result_json, JSON_COMPACT);
	if (text == NULL)
		return OGI_DB_HARD;
	rc = ogi_db_register_job_finish(db, r->job->id, r->job->attempts, true, text,
	                                (long long)r->result.total);
	free(text);
	return rc;
}

/* A failed run's result: {error, zh, en} or the refused import's. */
static void fail(struct ogi_db *pdb, const struct ogi_register_job *j, json_t *result, size_t done)
{
	char *text = json_dumps(result, JSON_COMPACT);
	if (text == NULL ||
	    ogi_db_register_job_finish(pdb, j->id, j->attempts, false, text, (long long)done) < 0)
		log_line("register import %lld: its failure not written: %s", j->id,
		         ogi_db_message(pdb));
	free(text);
}

static json_t *error_json(const char *code, const char *zh, const char *en)
{
	return json_pack("{s:s, s:s, s:s}", "error", code, "zh", zh, "en", en);
}

static void run_job(struct ogi_db *db, struct ogi_db *pdb, struct ogi_register_job *j)
{
	unsigned char *data = NULL;
	size_t len = 0;
	json_t *mapping = j->mapping ? json_loads(j->mapping, 0, NULL) : NULL;
	json_t *outcomes = j->outcomes ? json_loads(j->outcomes, 0, NULL) : NULL;
	struct register_work w = {0};
	struct spec_errors errs = {0};
	int rc = ogi_db_register_job_data(pdb, j->id, &data, &len);
	if (rc == 0)
		rc = register_work_check(&w, pdb, data, len, j->file_name, j->body_id, mapping,
		                         outcomes, &errs);
	json_decref(mapping);
	json_decref(outcomes);
	free(data);
	if (rc == OGI_E_INVALID_INPUT || rc == OGI_E_NOT_FOUND) {
		json_t *e =
		    rc == OGI_E_NOT_FOUND
		        ? error_json("not_found", "导入的机关或文件已不存在",
		                     "the body or the file of the import is gone")
		        : error_json(errs.e[0].code, errs.e[0].message_zh, errs.e[0].message_en);
		fail(pdb, j, e, 0);
		json_decref(e);
		register_work_free(&w);
		return;
	}
	if (rc < 0) { /* the database: the lease runs out and the job is run again */
		log_line("register import %lld: database: %s", j->id, ogi_db_message(pdb));
		register_work_free(&w);
		return;
	}
	/* the check may have taken a while: the lease renewed before the import starts */
	ogi_db_register_job_progress(pdb, j->id, j->attempts, 0, REGISTER_LEASE_SECONDS);
	struct calendar_ref cal = calendar_acquire();
	struct ogi_actor actor = {j->run_by, j->run_by_name};
	struct run r = {.progress_db = pdb, .job = j, .work = &w};
	r.opts = (struct ogi_reg_import_opts){.body_id = j->body_id,
	                                      .file_name = j->file_name,
	                                      .dry_run = false,
	                                      .skip_invalid = j->skip_invalid,
	                                      .cal = cal.cal,
	                                      .actor = &actor,
	                                      .progress = progress,
	                                      .progress_cls = &r,
	                                      .progress_every = REGISTER_PROGRESS_EVERY};
	snprintf(r.opts.file_sha256, sizeof r.opts.file_sha256, "%s", j->sha256);
	rc = ogi_db_tx(db, "register import run", run_tx, &r);
	calendar_release(cal);
	if (rc == OGI_E_REGISTER_IMPORT_HAS_ERRORS) {
		fail(pdb, j, r.result_json, r.done);
	} else if (rc == OGI_E_CONFLICT) {
		log_line("register import %lld: no longer this worker's run", j->id);
	} else if (rc > 0 || (rc < 0 && !ogi_db_outage(db))) {
		log_line("register import %lld failed: %s", j->id,
		         rc < 0 ? ogi_db_message(db) : "refused");
		json_t *e = error_json(
		    "import_failed", "导入时发生错误，没有写入任何记录，请联系系统管理员",
		    "the import failed: nothing was written; tell the administrator");
		fail(pdb, j, e, r.done);
		json_decref(e);
	} else if (rc < 0) {
		log_line("register import %lld: database unavailable, to be run again: %s", j->id,
		         ogi_db_message(db));
	} else {
		log_line("register import %lld done: %zu created, %zu already there, %zu refused",
		         j->id, r.result.created, r.result.existed, r.result.refused_rows);
	}
	ogi_reg_import_result_free(&r.result);
	json_decref(r.result_json);
	register_work_free(&w);
}

static void *loop(void *arg)
{
	(void)arg;
	struct ogi_db *db = ogi_db_new_as(ogid.conninfo, ogid.db_role);
	struct ogi_db *pdb = ogi_db_new_as(ogid.conninfo, ogid.db_role);
	while (!stop_flag) {
		if (db != NULL && pdb != NULL && ogi_db_ensure(db) && ogi_db_ensure(pdb)) {
			struct ogi_register_job j;
			int n = 0;
			while (!stop_flag && (n = ogi_db_register_job_claim(
			                          pdb, REGISTER_LEASE_SECONDS, &j)) == 1) {
				run_job(db, pdb, &j);
				ogi_register_job_free(&j);
			}
			if (!stop_flag && n < 0) {
				log_line("register imports: database: %s", ogi_db_message(pdb));
				ogi_db_drop(pdb);
			}
		}
		pthread_mutex_lock(&lock);
		if (!stop_flag && !woken) {
			struct timespec until;
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_sec += POLL_SECONDS;
			pthread_cond_timedwait(&wake, &lock, &until);
		}
		woken = false;
		pthread_mutex_unlock(&lock);
	}
	ogi_db_free(db);
	ogi_db_free(pdb);
	return NULL;
}

bool register_thread_start(void)
{
	stop_flag = 0;
	running = pthread_create(&thread, NULL, loop, NULL) == 0;
	if (!running)
		fprintf(stderr, "ogid: cannot start the register import thread\n");
	return running;
}

void register_thread_stop(void)
{
	if (!running)
		return;
	pthread_mutex_lock(&lock);
	stop_flag = 1;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
	pthread_join(thread, NULL);
	running = false;
}

void register_thread_wake(void)
{
	pthread_mutex_lock(&lock);
	woken = true;
	pthread_cond_signal(&wake);
	pthread_mutex_unlock(&lock);
}
