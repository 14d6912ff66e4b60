/* Statements of a register's import; the typed function of register_import.h. */
#include "lib/db/register_import.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/db/audit.h"
#include "lib/db/events.h"
#include "lib/db/litigations.h"
#include "lib/db/pq.h"
#include "lib/db/reconsiderations.h"
#include "lib/db/reports.h"
#include "lib/db/requests.h"
#include "lib/projection.h"
#include "lib/remedies.h"

const char *const ogi_reg_row_result_names[] = {"created", "existed", "refused", NULL};

/* the name a remedy record gets when the register does not say who decides it */
#define NOT_IN_REGISTER "台账未载明"

const struct ogi_statement ogi_db_statements_register[] = {
    {"reg_body", "SELECT name, coalesce(code, '') AS code FROM bodies WHERE id = $1::bigint"},
    /* one import of a body at a time: the second waits, then finds the first's rows */
    {"reg_lock", "SELECT pg_advisory_xact_lock(20340034, ($1::bigint % 2147483647)::int)"},
    {"reg_existing",
     "SELECT (x.file_sha256 = $1) AS same_file, x.row_no, x.row_key, x.request_id, "
     "  r.tracking_no FROM register_import_rows x JOIN requests r ON r.id = x.request_id "
     "WHERE x.file_sha256 = $1 OR x.body_id = $2::bigint"},
    {"reg_run_insert",
     "INSERT INTO register_import_runs (body_id, file_sha256, file_name, sheet, rows_total, "
     "  created, existed, refused, imported_by) "
     "VALUES ($1::bigint, $2, $3, $4, $5::int, 0, 0, 0, $6::bigint) RETURNING id"},
    {"reg_run_counts", "UPDATE register_import_runs SET created = $2::int, existed = $3::int, "
                       "  refused = $4::int WHERE id = $1::bigint"},
    {"reg_row_insert",
     "INSERT INTO register_import_rows (file_sha256, row_no, body_id, row_key, request_id, "
     "  run_id) VALUES ($1, $2::int, $3::bigint, $4, $5::bigint, $6::bigint)"},
    {NULL, NULL},
};

void ogi_reg_import_result_free(struct ogi_reg_import_result *r)
{
	free(r->rows);
	free(r->problems);
	memset(r, 0, sizeof *r);
}

int ogi_db_register_body_names(struct ogi_db *db, long long body_id, const char **names, size_t n,
                               char *buf, size_t len)
{
	struct pq_params p = {0};
	pq_int(&p, body_id);
	PGresult *res;
	int rows = pq_run(db, "reg_body", &p, &res);
	if (rows < 0)
		return rows;
	if (rows == 0) {
		PQclear(res);
		return OGI_E_NOT_FOUND;
	}
	size_t k = 0, used = 0;
	const char *cols[] = {"name", "code"};
	for (int i = 0; i < 2 && k + 1 < n; i++) {
		const char *v = pq_get(res, 0, cols[i]);
		size_t l = v ? strlen(v) : 0;
		if (l == 0 || used + l + 1 > len)
			continue;
		memcpy(buf + used, v, l + 1);
		names[k++] = buf + used;
		used += l + 1;
	}
	if (n > 0)
		names[k] = NULL;
	PQclear(res);
	return 0;
}

static void hex(const unsigned char *in, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", in[i]);
	out[2 * n] = '\0';
}

/* What is there already: this file's rows by number, this body's by content key. */
struct known {
	size_t row_no; /* 0: another file's row (found by key only) */
	char key[65];
	long long request_id;
	char tracking_no[64];
};
struct known_set {
	size_t n;
	struct known *v;
};

static int by_row_no(const void *a, const void *b)
{
	const struct known *x = a, *y = b;
	return (x->row_no > y->row_no) - (x->row_no < y->row_no);
}

static int by_key_only(const void *a, const void *b)
{
	return strcmp(((const struct known *)a)->key, ((const struct known *)b)->key);
}

static int known_load(struct ogi_db *db, const struct ogi_reg_import_opts *o,
                      struct known_set *rows, struct known_set *keys)
{
	struct pq_params p = {0};
	pq_str(&p, o->file_sha256);
	pq_int(&p, o->body_id);
	PGresult *res;
	int n = pq_run(db, "reg_existing", &p, &res);
	if (n < 0)
		return n;
	rows->v = calloc((size_t)n + 1, sizeof *rows->v);
	keys->v = calloc((size_t)n + 1, sizeof *keys->v);
	if (rows->v == NULL || keys->v == NULL) {
		PQclear(res);
		return OGI_DB_HARD;
	}
	for (int i = 0; i < n; i++) {
		struct known k = {0};
		k.row_no = (size_t)pq_getint(res, i, "row_no");
		pq_copy(res, i, "row_key", k.key, sizeof k.key);
		k.request_id = pq_getint(res, i, "request_id");
		pq_copy(res, i, "tracking_no", k.tracking_no, sizeof k.tracking_no);
		keys->v[keys->n++] = k;
		if (pq_getbool(res, i, "same_file"))
			rows->v[rows->n++] = k;
	}
	PQclear(res);
	qsort(rows->v, rows->n, sizeof *rows->v, by_row_no);
	qsort(keys->v, keys->n, sizeof *keys->v, by_key_only);
	return 0;
}

/* The year locks: whether body's report of a year is locked, asked once a year. */
#define YEARS (OGI_DATE_MAX_YEAR - OGI_DATE_MIN_YEAR + 1)
struct locks {
	signed char state[YEARS]; /* 0 not asked, 1 free, 2 locked */
	char name[YEARS][256];
};

static int year_locked(struct ogi_db *db, long long body_id, struct locks *l, int year,
                       bool *locked, const char **by)
{
	*locked = false;
	if (year < OGI_DATE_MIN_YEAR || year > OGI_DATE_MAX_YEAR)
		return 0;
	int i = year - OGI_DATE_MIN_YEAR;
	if (l->state[i] == 0) {
		struct ogi_lock_hit hit;
		int n = ogi_db_locks_covering(db, body_id, year, false, &hit, 1);
		if (n < 0)
			return n;
		l->state[i] = n > 0 ? 2 : 1;
		if (n > 0)
			snprintf(l->name[i], sizeof l->name[i], "%s", hit.body_name);
	}
	*locked = l->state[i] == 2;
	*by = l->name[i];
	return 0;
}

/* The first year row touches whose report is locked, or 0: every year from its receipt to
 * its close (open: to today's year), and each remedy's filing year. */
static int row_lock(struct ogi_db *db, long long body_id, struct locks *l,
                    const struct ogi_reg_row *row, const char **by, int *year)
{
	int from = ogi_date_year(row->in.received_on);
	int to = ogi_date_year(row->replied_on != OGI_DATE_NONE ? row->replied_on : ogi_today());
	*year = 0;
	for (int y = from; y <= to; y++) {
		bool locked;
		int rc = year_locked(db, body_id, l, y, &locked, by);
		if (rc != 0 || locked) {
			*year = locked ? y : 0;
			return rc;
		}
	}
	for (int i = 0; i < row->nremedies; i++) {
		bool locked;
		int y = ogi_date_year(row->remedies[i].filed_on);
		int rc = year_locked(db, body_id, l, y, &locked, by);
		if (rc != 0 || locked) {
			*year = locked ? y : 0;
			return rc;
		}
	}
	return 0;
}

static struct ogi_reg_problem *extra_problem(struct ogi_reg_import_result *out)
{
	struct ogi_reg_problem *v =
	    realloc(out->problems, (out->nproblems + 1) * sizeof *out->problems);
	if (v == NULL)
		return NULL;
	out->problems = v;
	struct ogi_reg_problem *p = &v[out->nproblems++];
	memset(p, 0, sizeof *p);
	return p;
}

/* The row's "imported" mark, carried by each of its events. */
static json_t *mark(const struct ogi_reg_import_opts *o, const struct ogi_reg_row *row, bool full)
{
	json_t *m =
	    json_pack("{s:s, s:I}", "file_sha256", o->file_sha256, "row", (json_int_t)row->row);
	if (row->serial[0])
		json_object_set_new(m, "serial", json_string(row->serial));
	if (!full)
		return m;
	if (o->file_name != NULL)
		json_object_set_new(m, "file_name", json_string(o->file_name));
	if (row->outcome_text != NULL)
		json_object_set_new(m, "outcome_text", json_string(row->outcome_text));
	if (row->fee >= 0)
		json_object_set_new(m, "fee_charged", json_boolean(row->fee == 1));
	if (row->notes != NULL)
		json_object_set_new(m, "notes", json_string(row->notes));
	return m;
}

static void remedy_notes(const struct ogi_reg_remedy_cell *x, bool dated, char *out, size_t len)
{
	snprintf(out, len, "自登记台账导入：%s%s", x->text,
	         dated ? "" : "（台账未载明申请日期，以答复日期记）");
}

/* The row's remedies as reconsideration and litigation records. */
static int remedies_write(struct ogi_db *db, const struct ogi_reg_import_opts *o,
                          const struct ogi_reg_row *row, const struct ogi_request *req)
{
	struct ogi_remedy_owner owner;
	ogi_remedy_owner_of(req, &owner);
	long long rc_id = 0;
	for (int i = 0; i < row->nremedies; i++) {
		const struct ogi_reg_remedy_cell *x = &row->remedies[i];
		bool dated = !x->filed_from_reply;
		if (x->kind == OGI_REG_REMEDY_RECONSIDERATION) {
			struct ogi_reconsideration r;
			ogi_reconsideration_init(&r, &owner);
			r.filed_on = x->filed_on;
			snprintf(r.authority, sizeof r.authority, "%s", NOT_IN_REGISTER);
			if (x->decision >= 0) {
				r.decision = x->decision;
				r.decided_on = x->decided_on;
			}
			r.late_filing =
			    owner.rc_window != OGI_DATE_NONE && r.filed_on > owner.rc_window;
			remedy_notes(x, dated, r.notes, sizeof r.notes);
			r.has_notes = true;
			int rc = ogi_db_reconsideration_insert(db, &r, o->actor->user_id);
			if (rc != 0)
				return rc;
			rc_id = r.id;
		} else {
			struct ogi_litigation *l = malloc(sizeof *l);
			if (l == NULL)
				return OGI_DB_HARD;
			ogi_litigation_init(l, &owner);
			l->filed_on = x->filed_on;
			snprintf(l->court, sizeof l->court, "%s", NOT_IN_REGISTER);
			l->route = rc_id ? OGI_ROUTE_AFTER_RECONSIDERATION : OGI_ROUTE_DIRECT;
			l->reconsideration_id = rc_id;
			l->late_filing = !rc_id && owner.lit_window != OGI_DATE_NONE &&
			                 l->filed_on > owner.lit_window;
			l->needs_reconsideration =
			    ogi_litigation_needs_reconsideration(!rc_id, l->filed_on, row->outcome);
			remedy_notes(x, dated, l->notes, sizeof l->notes);
			l->has_notes = true;
			struct ogi_litigation_instance *in = &l->inst[0];
			in->filed_on = x->filed_on;
			if (x->decision >= 0) {
				in->judgment = x->decision;
				in->decided_on = x->decided_on;
				in->result = ogi_judgment_result((enum ogi_judgment)x->decision,
				                                 OGI_RESULT_PENDING);
			}
			int rc = ogi_db_litigation_insert(db, l, o->actor->user_id);
			if (rc == 0)
				rc = ogi_db_instance_insert(db, l, in);
			free(l);
			if (rc != 0)
				return rc;
		}
	}
	return 0;
}

/* One row as a request with its history. */
static int row_write(struct ogi_db *db, const struct ogi_reg_import_opts *o, long long run_id,
                     const struct ogi_reg_row *row, struct ogi_reg_row_outcome *ro)
{
	struct ogi_intake in = row->in;
	in.body_id = o->body_id;
	struct ogi_event ev[2] = {0};
	size_t n = 0;
	json_t *registered = json_pack("{s:o}", "imported", mark(o, row, true));
	ev[n++] = (struct ogi_event){
	    .type = OGI_EV_REGISTERED, .on = row->in.received_on, .payload = registered};
	json_t *closing = NULL;
	if (row->close_event >= 0) {
		closing = json_pack("{s:o}", "imported", mark(o, row, false));
		if (row->close_event == OGI_EV_REPLIED) {
			json_object_set_new(closing, "outcome",
			                    json_string(ogi_outcome_names[row->outcome]));
			if (row->outcome_text != NULL)
				json_object_set_new(closing, "notes",
				                    json_string(row->outcome_text));
		}
		ev[n++] = (struct ogi_event){.type = (enum ogi_event_type)row->close_event,
		                             .on = row->replied_on,
		                             .payload = closing};
	}
	struct ogi_projection pr;
	ogi_projection_compute(o->cal, in.received_on, ev, n, &pr);
	struct ogi_request req;
	int rc = ogi_db_request_insert_with(db, &in, &pr, o->actor, registered, &req);
	json_decref(registered);
	if (rc != 0) {
		ogi_projection_free(&pr);
		json_decref(closing);
		return rc;
	}
	if (closing != NULL) {
		rc = ogi_db_event_insert(db, req.id, o->body_id,
		                         (enum ogi_event_type)row->close_event, row->replied_on,
		                         closing, o->actor, NULL);
		/* intake stores a new request's clock; the close (outcome, closed_on, replied_late)
		   is stored as after any event */
		struct ogi_request after;
		if (rc == 0 &&
		    (rc = ogi_db_request_store_projection(db, req.id, &pr, &after)) == 0) {
			ogi_request_free(&req);
			req = after;
		}
	}
	ogi_projection_free(&pr);
	json_decref(closing);
	char key[65];
	hex(row->key, sizeof row->key, key);
	if (rc == 0) {
		struct pq_params p = {0};
		pq_str(&p, o->file_sha256);
		pq_int(&p, (long long)row->row);
		pq_int(&p, o->body_id);
		pq_str(&p, key);
		pq_int(&p, req.id);
		pq_int(&p, run_id);
		rc = pq_run(db, "reg_row_insert", &p, NULL);
		rc = rc < 0 ? rc : 0;
	}
	if (rc == 0)
		rc = remedies_write(db, o, row, &req);
	ro->request_id = req.id;
	snprintf(ro->tracking_no, sizeof ro->tracking_no, "%s", req.tracking_no);
	ogi_request_free(&req);
	return rc;
}

static void progress(const struct ogi_reg_import_opts *o, size_t done, size_t total, bool last)
{
	size_t every = o->progress_every ? o->progress_every : 1000;
	if (o->progress != NULL && (last || (done > 0 && done % every == 0)))
		o->progress(done, total, o->progress_cls);
}

static void summary(struct ogi_reg_import_result *out, const struct ogi_reg_check *check)
{
	if (out->refused) {
		snprintf(out->zh, sizeof out->zh,
		         "共%zu行，其中%"
		         "zu行有问题：未导入任何一行。请改正后重新导入，或选择跳过有问题的行",
		         out->total, out->refused_rows + (check->nrows == 0));
		snprintf(
		    out->en, sizeof out->en,
		    "%zu rows, %zu with problems: nothing imported. Correct them and import again, "
		    "or skip the rows with problems",
		    out->total, out->refused_rows + (check->nrows == 0));
		return;
	}
	snprintf(out->zh, sizeof out->zh, "共%zu行：%s%zu行，已导入过%zu行，有问题未导入%zu行",
	         out->total, out->dry_run ? "可导入" : "导入", out->created, out->existed,
	         out->refused_rows);
	snprintf(out->en, sizeof out->en, "%zu rows: %zu %s, %zu already there, %zu refused",
	         out->total, out->created, out->dry_run ? "to import" : "imported", out->existed,
	         out->refused_rows);
}

static const char *first_error(const struct ogi_reg_check *check, size_t row)
{
	for (size_t i = 0; i < check->nproblems; i++)
		if (check->problems[i].row == row && !check->problems[i].warning)
			return check->problems[i].rule;
	return "invalid";
}

int ogi_db_register_import(struct ogi_db *db, const struct ogi_reg_check *check,
                           const struct ogi_reg_import_opts *o, struct ogi_reg_import_result *out)
{
	ogi_reg_import_result_free(out);
	out->dry_run = o->dry_run;
	out->total = check->nrows;
	out->rows = calloc(check->nrows + 1, sizeof *out->rows);
	struct known_set rows = {0}, keys = {0};
	struct locks *locks = calloc(1, sizeof *locks);
	if (out->rows == NULL || locks == NULL) {
		free(locks);
		return OGI_DB_HARD;
	}
	const char *names[3];
	char buf[600];
	int rc = ogi_db_register_body_names(db, o->body_id, names, 3, buf, sizeof buf);
	struct pq_params lp = {0};
	pq_int(&lp, o->body_id);
	if (rc == 0) {
		rc = pq_run(db, "reg_lock", &lp, NULL);
		rc = rc < 0 ? rc : 0;
	}
	if (rc == 0)
		rc = known_load(db, o, &rows, &keys);

	/* what each row would be */
	size_t refused_locks = 0;
	for (size_t i = 0; rc == 0 && i < check->nrows; i++) {
		const struct ogi_reg_row *row = &check->rows[i];
		struct ogi_reg_row_outcome *ro = &out->rows[out->nrows++];
		ro->row = row->row;
		ro->tracking_no[0] = '\0';
		if (!row->valid) {
			ro->result = OGI_REG_ROW_REFUSED;
			ro->rule = first_error(check, row->row);
			out->refused_rows++;
			continue;
		}
		struct known want = {.row_no = row->row}, *found;
		hex(row->key, sizeof row->key, want.key);
		found = bsearch(&want, rows.v, rows.n, sizeof want, by_row_no);
		if (found == NULL)
			found = bsearch(&want, keys.v, keys.n, sizeof want, by_key_only);
		if (found != NULL) {
			ro->result = OGI_REG_ROW_EXISTED;
			ro->request_id = found->request_id;
			snprintf(ro->tracking_no, sizeof ro->tracking_no, "%s", found->tracking_no);
			out->existed++;
			continue;
		}
		const char *by = "";
		int year = 0;
		if ((rc = row_lock(db, o->body_id, locks, row, &by, &year)) != 0)
			break;
		if (year != 0) {
			ro->result = OGI_REG_ROW_REFUSED;
			ro->rule = "year_locked";
			out->refused_rows++;
			refused_locks++;
			struct ogi_reg_problem *p = extra_problem(out);
			if (p == NULL) {
				rc = OGI_DB_HARD;
				break;
			}
			p->row = row->row;
			p->rule = "year_locked";
			snprintf(p->zh, sizeof p->zh,
			         "%d年度报告已锁定（%s），导入会改变已公布的数字：该行未导入", year,
			         by);
			snprintf(p->en, sizeof p->en,
			         "the %d report is locked (%s): importing the row would change "
			         "published "
			         "figures",
			         year, by);
			continue;
		}
		ro->result = OGI_REG_ROW_CREATED;
		out->created++;
	}
	free(locks);
	free(rows.v);
	free(keys.v);
	if (rc != 0)
		return rc;

	bool has_errors = check->errors > 0 || refused_locks > 0;
	if (!o->dry_run && has_errors && !o->skip_invalid) {
		/* nothing is written: the rows marked created are those that would have been */
		out->refused = true;
		summary(out, check);
		progress(o, out->nrows, out->nrows, true);
		return 0;
	}
	if (o->dry_run || out->created == 0) {
		for (size_t i = 0; i < out->nrows; i++)
			progress(o, i + 1, out->nrows, i + 1 == out->nrows);
		if (out->nrows == 0)
			progress(o, 0, 0, true);
		/* a real run with nothing new writes nothing: the same file again changes nothing
		 */
		summary(out, check);
		return 0;
	}

	/* the run, every new row, the counts and the audit */
	struct pq_params p = {0};
	pq_int(&p, o->body_id);
	pq_str(&p, o->file_sha256);
	pq_str(&p, o->file_name);
	pq_str(&p, check->sheet);
	pq_int(&p, (long long)check->nrows);
	pq_int_opt(&p, o->actor->user_id > 0, o->actor->user_id);
	PGresult *res;
	int n = pq_run(db, "reg_run_insert", &p, &res);
	if (n <= 0) {
		if (n == 0)
			PQclear(res);
		return n < 0 ? n : OGI_DB_HARD;
	}
	out->run_id = pq_getint(res, 0, "id");
	PQclear(res);
	for (size_t i = 0; i < out->nrows; i++) {
		if (out->rows[i].result == OGI_REG_ROW_CREATED) {
			rc = row_write(db, o, out->run_id, &check->rows[i], &out->rows[i]);
			if (rc != 0)
				return rc;
		}
		progress(o, i + 1, out->nrows, i + 1 == out->nrows);
	}
	struct pq_params c = {0};
	pq_int(&c, out->run_id);
	pq_int(&c, (long long)out->created);
	pq_int(&c, (long long)out->existed);
	pq_int(&c, (long long)out->refused_rows);
	if ((rc = pq_run(db, "reg_run_counts", &c, NULL)) < 0)
		return rc;
	json_t *audit =
	    json_pack("{s:I, s:s, s:s?, s:s, s:I, s:I, s:I, s:I, s:b}", "body_id",
	              (json_int_t)o->body_id, "file_sha256", o->file_sha256, "file_name",
	              o->file_name, "sheet", check->sheet, "rows", (json_int_t)check->nrows,
	              "created", (json_int_t)out->created, "existed", (json_int_t)out->existed,
	              "refused", (json_int_t)out->refused_rows, "skip_invalid", o->skip_invalid);
	rc = ogi_db_audit_insert(db, o->actor, "register_import", out->run_id, "import", NULL,
	                         audit);
	json_decref(audit);
	if (rc != 0)
		return rc;
	out->written = out->created > 0;
	summary(out, check);
	return 0;
}
