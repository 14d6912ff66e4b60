/* ogictl import FILE --body ID [--dry-run] [--skip-invalid] [--mapping FILE.json]
 * [--outcomes FILE.json] [--sheet NAME]: an office's register (.xlsx, or .csv in UTF-8 or
 * GBK) imported into a body (docs/register-import.md).  The rows are checked first
 * (lib/register.h) and every problem printed with its row, column, value and rule; a real
 * run writes every new row in one transaction (lib/db/register_import.h), and is refused —
 * nothing written — when any row has an error, unless --skip-invalid.  Progress (rows done /
 * total) on stderr.  Exit status 1 when the file cannot be read, the run is refused, or a
 * dry run finds errors (a real run would be refused). */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api/errors.h"
#include "clients/cli/ctl.h"
#include "lib/db/calendar_ops.h"
#include "lib/db/register_import.h"
#include "lib/register.h"
#include "lib/workbook.h"

static const struct ogi_actor ogictl_actor = {0, "ogictl"};

/* path's bytes (at most max) into *data, its length into *len; 0 or ctl_fail's status */
static int slurp(const char *path, size_t max, char **data, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return ctl_fail("cannot read %s: %s", path, strerror(errno));
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	while (buf != NULL) {
		size_t got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (got == 0 || n > max)
			break;
		if (n == cap) {
			char *more = realloc(buf, cap * 2);
			if (more == NULL)
				free(buf);
			buf = more;
			cap *= 2;
		}
	}
	bool bad = buf == NULL || ferror(f) || n > max;
	fclose(f);
	if (bad) {
		free(buf);
		return n > max ? ctl_fail("%s: 文件超过 %zu MiB，无法读取 (larger than %zu MiB)",
		                          path, max >> 20, max >> 20)
		               : ctl_fail("cannot read %s", path);
	}
	*data = buf;
	*len = n;
	return 0;
}

static json_t *json_file(const char *path, int *rc)
{
	json_error_t err;
	json_t *j = json_load_file(path, JSON_REJECT_DUPLICATES, &err);
	*rc = j == NULL ? ctl_fail("%s:%d: not JSON: %s", path, err.line, err.text) : 0;
	return j;
}

struct progress {
	bool tty;
};

static void progress(size_t done, size_t total, void *cls)
{
	struct progress *p = cls;
	fprintf(stderr, p->tty ? "\r%zu/%zu rows" : "%zu/%zu rows\n", done, total);
	if (p->tty && done == total)
		fputc('\n', stderr);
}

struct work {
	const struct ogi_reg_check *check;
	struct ogi_reg_import_opts opts;
	struct ogi_reg_import_result result;
};

static int import_tx(struct ogi_db *db, void *cls)
{
	struct work *w = cls;
	return ogi_db_register_import(db, w->check, &w->opts, &w->result);
}

static void print_problem(const struct ogi_reg_problem *p)
{
	char where[256] = "";
	size_t n = 0;
	if (p->row > 0)
		n += (size_t)snprintf(where + n, sizeof where - n, "第%zu行", p->row);
	if (p->column[0])
		n += (size_t)snprintf(where + n, sizeof where - n, " %s列", p->column);
	if (p->header[0])
		n += (size_t)snprintf(where + n, sizeof where - n, "（%s）", p->header);
	if (n == 0)
		snprintf(where, sizeof where, "文件");
	printf("%s %s%s%s%s：%s [%s]\n", p->warning ? "提示" : "错误", where,
	       p->value[0] ? " “" : "", p->value, p->value[0] ? "”" : "", p->zh, p->rule);
}

int cmd_import(struct ctl *ctl, int argc, char **argv)
{
	const char *file = NULL, *mapping_file = NULL, *outcomes_file = NULL, *sheet = NULL;
	long long body_id = 0;
	bool dry = false, skip = false;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--body") == 0 && i + 1 < argc)
			body_id = atoll(argv[++i]);
		else if (strcmp(argv[i], "--dry-run") == 0)
			dry = true;
		else if (strcmp(argv[i], "--skip-invalid") == 0)
			skip = true;
		else if (strcmp(argv[i], "--mapping") == 0 && i + 1 < argc)
			mapping_file = argv[++i];
		else if (strcmp(argv[i], "--outcomes") == 0 && i + 1 < argc)
			outcomes_file = argv[++i];
		else if (strcmp(argv[i], "--sheet") == 0 && i + 1 < argc)
			sheet = argv[++i];
		else if (argv[i][0] != '-' && file == NULL)
			file = argv[i];
		else
			return ctl_usage();
	}
	if (file == NULL || body_id <= 0)
		return ctl_usage();

	struct ogi_reg_mapping map;
	ogi_reg_mapping_init(&map);
	struct ogi_reg_outcomes *table = malloc(sizeof *table);
	if (table == NULL)
		return ctl_fail("out of memory");
	ogi_reg_outcomes_default(table);
	char zh[320], en[320];
	int rc = 0;
	if (mapping_file != NULL) {
		json_t *j = json_file(mapping_file, &rc);
		if (j != NULL && !ogi_reg_mapping_from_json(j, &map, zh, en, sizeof zh))
			rc = ctl_fail("%s: %s (%s)", mapping_file, zh, en);
		json_decref(j);
	}
	if (rc == 0 && outcomes_file != NULL) {
		json_t *j = json_file(outcomes_file, &rc);
		if (j != NULL && !ogi_reg_outcomes_from_json(j, table, zh, en, sizeof zh))
			rc = ctl_fail("%s: %s (%s)", outcomes_file, zh, en);
		json_decref(j);
	}
	if (rc == 0 && sheet != NULL) {
		if (strlen(sheet) >= sizeof map.sheet)
			rc = ctl_fail("--sheet: too long a name");
		else
			snprintf(map.sheet, sizeof map.sheet, "%s", sheet);
	}
	char *data = NULL;
	size_t len = 0;
	if (rc == 0)
		rc = slurp(file, OGI_WB_FILE_MAX, &data, &len);
	if (rc != 0) {
		free(table);
		return rc;
	}

	struct work w = {0};
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(digest, (const unsigned char *)data, len);
	for (size_t i = 0; i < sizeof digest; i++)
		sprintf(w.opts.file_sha256 + 2 * i, "%02x", digest[i]);
	const char *base = strrchr(file, '/');
	base = base ? base + 1 : file;

	struct ogi_wb_error werr = {0};
	struct ogi_wb *book = ogi_wb_read(data, len, base, &werr);
	free(data);
	if (book == NULL) {
		free(table);
		return ctl_fail("%s: %s (%s) [%s]", file, werr.zh, werr.en, werr.rule);
	}

	const char *names[3];
	char namebuf[600];
	rc = ogi_db_register_body_names(ctl->db, body_id, names, 3, namebuf, sizeof namebuf);
	if (rc != 0) {
		ogi_wb_free(book);
		free(table);
		return rc == OGI_E_NOT_FOUND
		           ? ctl_fail("no body %lld", body_id)
		           : ctl_fail("cannot read the body: %s", ogi_db_message(ctl->db));
	}
	struct ogi_reg_options opt = {
	    .body_id = body_id, .body_names = names, .today = ogi_today()};
	struct ogi_reg_check *check = malloc(sizeof *check);
	if (check == NULL) {
		ogi_wb_free(book);
		free(table);
		return ctl_fail("out of memory");
	}
	bool readable = ogi_reg_check(book, &map, table, &opt, check);
	free(table);
	for (size_t i = 0; i < check->nproblems; i++)
		print_problem(&check->problems[i]);
	if (!readable) {
		ogi_reg_check_free(check);
		free(check);
		ogi_wb_free(book);
		return ctl_fail("%s: 无法作为登记台账读取，未导入 (not read as a register: nothing "
		                "imported)",
		                file);
	}
	printf("工作表“%s”，表头在第%zu行；%zu行申请，%zu行无误，%zu个错误，%zu个提示；"
	       "跳过空行%zu行、合计说明行%zu行\n",
	       check->sheet, check->header_row, check->nrows, check->nvalid, check->errors,
	       check->warnings, check->blank, check->notes_rows);

	struct ogi_calendar *cal = NULL;
	if (!dry && (rc = ctl_keys_ready(ctl)) != 0)
		goto out;
	cal = ogi_db_calendar_load(ctl->db);
	if (cal == NULL) {
		rc = ctl_fail("cannot load the calendar: %s", ogi_db_message(ctl->db));
		goto out;
	}
	struct progress pg = {.tty = isatty(2)};
	w.check = check;
	w.opts.body_id = body_id;
	w.opts.file_name = base;
	w.opts.dry_run = dry;
	w.opts.skip_invalid = skip;
	w.opts.cal = cal;
	w.opts.actor = &ogictl_actor;
	w.opts.progress = progress;
	w.opts.progress_cls = &pg;
	w.opts.progress_every = 1000;
	rc = ogi_db_tx(ctl->db, "register import", import_tx, &w);
	if (rc != 0) {
		rc = ctl_fail("import failed, nothing written: %s", ogi_db_message(ctl->db));
		goto out;
	}
	for (size_t i = 0; i < w.result.nproblems; i++)
		print_problem(&w.result.problems[i]);
	printf("%s%s\n", dry ? "（试导入，未写入）" : "", w.result.zh);
	if (w.result.refused)
		rc = ctl_fail("refused: %s", w.result.en);
	else if (dry && (check->errors > 0 || w.result.nproblems > 0))
		rc = 1;
out:
	ogi_reg_import_result_free(&w.result);
	if (cal != NULL)
		ogi_calendar_free(cal);
	ogi_reg_check_free(check);
	free(check);
	ogi_wb_free(book);
	return rc;
}
