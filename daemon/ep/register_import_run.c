/* POST /api/v1/register-imports/{id}/run {mapping?, outcomes?, skip_invalid?}:
 * an administrator of the import's body starts the real run, with the
 * mapping and outcome table given (absent: those of the last check).  The
 * rows are checked once more; with errors the run is refused (409
 * register_import_has_errors) unless skip_invalid asks to import the rows
 * without errors and report the others.  The run itself does not hold the
 * request: the job is queued (202) and a worker thread of an ogid
 * (register_thread.h) runs it in one transaction, its progress readable at
 * GET /register-imports/{id}.  Started already, or ended: 409
 * register_import_started.  Audited. */
#include <stdlib.h>
#include <string.h>

#include "daemon/core/register_thread.h"
#include "daemon/core/register_work.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/register_import_json.h"
#include "lib/db/register_jobs.h"

struct starting {
	struct ctx *c;
	json_t *mapping, *outcomes;
	bool skip_invalid;
	struct spec_errors errs;
	struct ogi_register_job job;
};

bool in_register_import_run(json_t *body, struct spec_errors *errs)
{
	json_t *mapping, *outcomes;
	bool skip;
	return register_check_parse(body, true, &mapping, &outcomes, &skip, errs);
}

static json_t *given_or_stored(json_t *given, const char *text, json_t **owned)
{
	*owned = NULL;
	if (given != NULL)
		return given;
	return *owned = text ? json_loads(text, 0, NULL) : NULL;
}

static int run_tx(struct ogi_db *db, void *cls)
{
	struct starting *s = cls;
	struct ctx *c = s->c;
	s->errs.n = 0;
	ogi_register_job_free(&s->job); /* a rerun's */
	int rc = register_job_for(c, db, c->id, true, &s->job);
	if (rc != 0)
		return rc;
	if (strcmp(s->job.status, "checked") != 0) {
		ctx_detail(c, "the import is %s", s->job.status);
		ogi_register_job_free(&s->job);
		return OGI_E_REGISTER_IMPORT_STARTED;
	}
	unsigned char *data = NULL;
	size_t len = 0;
	json_t *own_m, *own_o;
	json_t *mapping = given_or_stored(s->mapping, s->job.mapping, &own_m);
	json_t *outcomes = given_or_stored(s->outcomes, s->job.outcomes, &own_o);
	struct register_work w = {0};
	rc = ogi_db_register_job_data(db, s->job.id, &data, &len);
	if (rc == 0)
		rc = register_work_check(&w, db, data, len, s->job.file_name, s->job.body_id,
		                         mapping, outcomes, &s->errs);
	if (rc == 0 && (w.check.fatal || (w.check.errors > 0 && !s->skip_invalid))) {
		ctx_detail(c, "%zu row problem(s) are errors", w.check.errors);
		rc = OGI_E_REGISTER_IMPORT_HAS_ERRORS;
	}
	if (rc == 0) {
		char *m = register_work_mapping_text(&w);
		char *o = register_work_outcomes_text(&w);
		rc = m && o ? ogi_db_register_job_queue(db, s->job.id, m, o, s->skip_invalid,
		                                        c->auth.user_id, c->auth.username)
		            : OGI_DB_HARD;
		free(m);
		free(o);
	}
	if (rc == 0) {
		json_t *v =
		    json_pack("{s:I, s:s, s:s, s:I, s:I, s:b}", "register_import",
		              (json_int_t)s->job.id, "file_name", s->job.file_name, "sha256",
		              s->job.sha256, "rows", (json_int_t)w.check.nrows, "errors",
		              (json_int_t)w.check.errors, "skip_invalid", s->skip_invalid);
		rc = audit_record(db, &c->auth, "body", s->job.body_id, "register import run", NULL,
		                  v);
		json_decref(v);
	}
	long long id = s->job.id;
	ogi_register_job_free(&s->job);
	if (rc == 0)
		rc = ogi_db_register_job_get(db, id, false, &s->job);
	register_work_free(&w);
	free(data);
	json_decref(own_m);
	json_decref(own_o);
	if (rc == OGI_E_INVALID_INPUT)
		c->errs = &s->errs;
	return rc;
}

enum MHD_Result h_register_import_run(struct ctx *c)
{
	struct starting s = {.c = c};
	if (!register_check_parse(c->json, true, &s.mapping, &s.outcomes, &s.skip_invalid, &s.errs))
		return reply_invalid(c, &s.errs);
	enum MHD_Result result;
	c->detail[0] = '\0';
	if (!tx(c, "start register import", run_tx, &s, &result))
		return result;
	register_thread_wake();
	json_t *out = wire_register_job(&s.job, false);
	ogi_register_job_free(&s.job);
	return reply_json(c, 202, out);
}
