/* POST /api/v1/register-imports/{id}/check {mapping?, outcomes?}: the dry run
 * again, with the column mapping and the outcome-label table as the
 * administrator edited them on the page (lib/register.h's JSON; absent: the
 * ones of the last check).  Nothing but the job is written.  200 with the job
 * and its new report; 400 naming mapping or outcomes and the rule when either
 * is not one; 409 register_import_started once the import was started. */
#include <stdlib.h>
#include <string.h>

#include "daemon/core/calendar_cache.h"
#include "daemon/core/register_work.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/register_import_json.h"
#include "lib/db/register_jobs.h"

struct checking {
	struct ctx *c;
	json_t *mapping, *outcomes;
	struct spec_errors errs;
	struct ogi_register_job job;
	json_t *report;
};

bool in_register_import_check(json_t *body, struct spec_errors *errs)
{
	json_t *mapping, *outcomes;
	bool skip;
	return register_check_parse(body, false, &mapping, &outcomes, &skip, errs);
}

/* The stored JSON text, or the one given (a borrowed value). */
static json_t *given_or_stored(json_t *given, const char *text, json_t **owned)
{
	*owned = NULL;
	if (given != NULL)
		return given;
	return *owned = text ? json_loads(text, 0, NULL) : NULL;
}

static int check_tx(struct ogi_db *db, void *cls)
{
	struct checking *k = cls;
	struct ctx *c = k->c;
	json_decref(k->report);
	k->report = NULL;
	k->errs.n = 0;
	ogi_register_job_free(&k->job); /* a rerun's */
	int rc = register_job_for(c, db, c->id, true, &k->job);
	if (rc != 0)
		return rc;
	if (strcmp(k->job.status, "checked") != 0) {
		ctx_detail(c, "the import is %s", k->job.status);
		ogi_register_job_free(&k->job);
		return OGI_E_REGISTER_IMPORT_STARTED;
	}
	unsigned char *data = NULL;
	size_t len = 0;
	json_t *own_m, *own_o;
	json_t *mapping = given_or_stored(k->mapping, k->job.mapping, &own_m);
	json_t *outcomes = given_or_stored(k->outcomes, k->job.outcomes, &own_o);
	struct register_work w = {0};
	struct ogi_reg_import_result dry = {0};
	rc = ogi_db_register_job_data(db, k->job.id, &data, &len);
	if (rc == 0)
		rc = register_work_check(&w, db, data, len, k->job.file_name, k->job.body_id,
		                         mapping, outcomes, &k->errs);
	struct calendar_ref cal = calendar_acquire();
	struct ogi_actor actor = {c->auth.user_id, c->auth.username};
	struct ogi_reg_import_opts opts = {.body_id = k->job.body_id,
	                                   .file_name = k->job.file_name,
	                                   .dry_run = true,
	                                   .cal = cal.cal,
	                                   .actor = &actor};
	snprintf(opts.file_sha256, sizeof opts.file_sha256, "%s", k->job.sha256);
	if (rc == 0)
		rc = register_work_import(&w, db, &opts, &dry);
	calendar_release(cal);
	if (rc == 0) {
		k->report = register_work_report(&w, &dry);
		char *m = register_work_mapping_text(&w);
		char *o = register_work_outcomes_text(&w);
		char *r = json_dumps(k->report, JSON_COMPACT);
		rc = m && o && r
		         ? ogi_db_register_job_checked(db, k->job.id, m, o, r,
		                                       (long long)w.check.nrows,
		                                       (long long)(w.check.errors + dry.nproblems))
		         : OGI_DB_HARD;
		free(m);
		free(o);
		free(r);
	}
	long long id = k->job.id;
	ogi_register_job_free(&k->job);
	if (rc == 0)
		rc = ogi_db_register_job_get(db, id, false, &k->job);
	ogi_reg_import_result_free(&dry);
	register_work_free(&w);
	free(data);
	json_decref(own_m);
	json_decref(own_o);
	if (rc == OGI_E_INVALID_INPUT)
		c->errs = &k->errs;
	return rc;
}

enum MHD_Result h_register_import_check(struct ctx *c)
{
	struct checking k = {.c = c};
	bool skip;
	if (!register_check_parse(c->json, false, &k.mapping, &k.outcomes, &skip, &k.errs))
		return reply_invalid(c, &k.errs);
	enum MHD_Result result;
	c->detail[0] = '\0';
	if (!tx(c, "check register import", check_tx, &k, &result)) {
		json_decref(k.report);
		return result;
	}
	json_t *out = wire_register_job(&k.job, false);
	json_object_set_new(out, "report", k.report);
	ogi_register_job_free(&k.job);
	return reply_json(c, 200, out);
}
