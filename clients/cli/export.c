/* ogictl export --body ID [--subtree] --output FILE: the body's data, or its subtree's, as
 * JSON Lines (docs/export-format.md), the attachments' bytes in FILE.files/ named by their
 * sha256.  One snapshot: what ogid changes meanwhile is not half in it.  Written to
 * FILE.partial (mode 0600: it holds personal data in plaintext) and renamed when whole.
 *
 * ogictl import-export FILE [--into-nonempty]: such a file loaded into a fresh ogi in one
 * transaction, ids, tracking numbers, times and every event kept; the personal data sealed
 * again under the target's key file.  Any bad line: nothing is kept. */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "clients/cli/ctl.h"
#include "lib/db/export.h"

#define FORMAT_NAME    "ogi-export"
#define FORMAT_VERSION 1
#define BATCH          500
#define BATCH_BYTES    (8 << 20) /* a batch of letters with their PDFs stays small */
#define PROGRESS       10000

struct writer {
	FILE *out;
	const char *files; /* FILE.files */
	struct ctl *ctl;
	const char *table;
	long long lines, rows, *counts;
	char why[600];
};

struct blob {
	FILE *f;
	crypto_hash_sha256_state sha;
	size_t size;
};

static int blob_write(const void *data, size_t n, void *cls)
{
	struct blob *b = cls;
	crypto_hash_sha256_update(&b->sha, data, n);
	b->size += n;
	return fwrite(data, 1, n, b->f) == n ? 0 : -1;
}

static void hex(const unsigned char *in, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", in[i]);
}

typedef int (*bytes_of_fn)(struct ogi_db *db, long long id, ogi_export_bytes_fn fn, void *cls,
                           char *why, size_t whylen);

/* the bytes of an attachment row (or a waiting online file's) in w->files/SHA256 (once for the
 * same bytes), checked */
static int write_file(struct writer *w, json_t *row, bytes_of_fn bytes_of)
{
	const char *sha = json_string_value(json_object_get(row, "sha256"));
	long long id = json_integer_value(json_object_get(row, "id"));
	if (sha == NULL || strlen(sha) != 64 || strspn(sha, "0123456789abcdef") != 64)
		return -1;
	char path[4400], partial[4500];
	snprintf(path, sizeof path, "%s/%s", w->files, sha);
	if (access(path, F_OK) == 0)
		return 0;
	snprintf(partial, sizeof partial, "%s.partial", path);
	struct blob b = {.f = fopen(partial, "wb")};
	if (b.f == NULL)
		return -1;
	crypto_hash_sha256_init(&b.sha);
	int rc = bytes_of(w->ctl->db, id, blob_write, &b, w->why, sizeof w->why);
	unsigned char digest[32];
	char got[65];
	crypto_hash_sha256_final(&b.sha, digest);
	hex(digest, 32, got);
	if (fflush(b.f) != 0 || fsync(fileno(b.f)) != 0)
		rc = -1;
	fclose(b.f);
	if (rc == 0 && strcmp(got, sha) != 0) {
		snprintf(w->why, sizeof w->why, "%s %lld: its bytes do not match its sha256",
		         w->table, id);
		rc = -1;
	}
	if (rc == 0 && rename(partial, path) != 0)
		rc = -1;
	if (rc != 0)
		unlink(partial);
	return rc;
}

static int write_line(struct writer *w, json_t *v)
{
	char *text = json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(17));
	if (text == NULL)
		return -1;
	int rc = fputs(text, w->out) >= 0 && fputc('\n', w->out) != EOF ? 0 : -1;
	free(text);
	return rc;
}

static int export_row(json_t *row, void *cls)
{
	struct writer *w = cls;
	if (strcmp(w->table, "attachments") == 0 &&
	    write_file(w, row, ogi_db_export_attachment) != 0)
		return -1;
	if (strcmp(w->table, "online_files") == 0 &&
	    json_is_true(json_object_get(row, "data_in_files")) &&
	    write_file(w, row, ogi_db_export_online_file) != 0)
		return -1;
	json_t *line = json_pack("{s:s,s:O}", "type", w->table, "row", row);
	int rc = line ? write_line(w, line) : -1;
	json_decref(line);
	if (rc != 0)
		return -1;
	w->lines++;
	if (++w->rows % PROGRESS == 0)
		fprintf(stderr, "ogictl: export: %s, %lld rows\n", w->table, w->rows);
	return 0;
}

static void now_rfc3339(char *out, size_t n)
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int export_all(struct writer *w, long long body_id, bool subtree,
                      const struct ogi_export_info *info)
{
	char at[32];
	now_rfc3339(at, sizeof at);
	json_t *head = json_pack(
	    "{s:s,s:s,s:i,s:i,s:s,s:I,s:b,s:I,s:b,s:s}", "type", "header", "format", FORMAT_NAME,
	    "version", FORMAT_VERSION, "schema_version", info->schema_version, "exported_at", at,
	    "body_id", (json_int_t)body_id, "subtree", subtree, "bodies", (json_int_t)info->bodies,
	    "whole_database", info->full, "personal_data", "plaintext");
	json_t *skipped = json_array();
	for (int i = 0; i < ogi_db_export_skipped_count(); i++)
		json_array_append_new(skipped, json_string(ogi_db_export_skipped_name(i)));
	json_object_set_new(head, "not_exported", skipped);
	int rc = write_line(w, head);
	json_decref(head);
	json_t *counts = json_object();
	for (int i = 0; rc == 0 && i < ogi_db_export_table_count(); i++) {
		w->table = ogi_db_export_table_name(i);
		w->rows = 0;
		rc = ogi_db_export_table(w->ctl->db, i, export_row, w, w->why, sizeof w->why);
		if (rc == 0)
			fprintf(stderr, "ogictl: export: %s: %lld rows (%d of %d tables)\n",
			        w->table, w->rows, i + 1, ogi_db_export_table_count());
		json_object_set_new(counts, w->table, json_integer(w->rows));
	}
	if (rc == 0) {
		json_t *end = json_pack("{s:s,s:I,s:O}", "type", "end", "lines",
		                        (json_int_t)w->lines, "rows", counts);
		rc = write_line(w, end);
		json_decref(end);
	}
	json_decref(counts);
	return rc;
}

int cmd_export(struct ctl *ctl, int argc, char **argv)
{
	const char *output = NULL;
	long long body_id = 0;
	bool subtree = false;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--body") == 0 && i + 1 < argc)
			body_id = atoll(argv[++i]);
		else if (strcmp(argv[i], "--subtree") == 0)
			subtree = true;
		else if (strcmp(argv[i], "--output") == 0 && i + 1 < argc)
			output = argv[++i];
		else
			return ctl_usage();
	}
	if (output == NULL || body_id <= 0)
		return ctl_usage();
	int rc = ctl_keys_ready(ctl);
	if (rc != 0)
		return rc;
	char partial[4200], files[4200];
	snprintf(partial, sizeof partial, "%s.partial", output);
	snprintf(files, sizeof files, "%s.files", output);
	mode_t old = umask(077);
	if (mkdir(files, 0700) != 0 && errno != EEXIST) {
		umask(old);
		return ctl_fail("cannot make %s: %s", files, strerror(errno));
	}
	FILE *out = fopen(partial, "w");
	umask(old);
	if (out == NULL)
		return ctl_fail("cannot write %s: %s", partial, strerror(errno));
	struct writer w = {.out = out, .files = files, .ctl = ctl};
	struct ogi_export_info info;
	rc = ogi_db_export_begin(ctl->db, body_id, subtree, &info, w.why, sizeof w.why);
	if (rc == 0) {
		rc = export_all(&w, body_id, subtree, &info);
		ogi_db_export_end(ctl->db);
	}
	bool ok = rc == 0 && fflush(out) == 0 && fsync(fileno(out)) == 0;
	ok = fclose(out) == 0 && ok;
	if (!ok || rename(partial, output) != 0) {
		unlink(partial);
		rmdir(files); /* when it is empty: an earlier export's files stay */
		return ctl_fail("export failed, nothing written to %s: %s", output,
		                w.why[0] ? w.why : strerror(errno));
	}
	printf("exported %lld bodies, %lld lines to %s (attachments in %s)\n", info.bodies, w.lines,
	       output, files);
	return 0;
}

/* ---- import-export ---- */

struct reader {
	struct ctl *ctl;
	const char *file;
	char files[4200];
	json_t *batch;
	size_t batch_bytes;
	char type[64];
	long long first, line; /* the batch's first line, the line read */
	char why[800];
};

static int flush(struct reader *r)
{
	if (json_array_size(r->batch) == 0)
		return 0;
	char why[600];
	int rc = ogi_db_import_rows(r->ctl->db, r->type, r->batch, why, sizeof why);
	if (rc != 0)
		snprintf(r->why, sizeof r->why, "lines %lld–%lld (%s): %s", r->first, r->line - 1,
		         r->type, why);
	json_array_clear(r->batch);
	r->batch_bytes = 0;
	return rc;
}

/* the bytes of an attachment row from FILE.files/SHA256, checked, stored as its chunks */
static int load_file(struct reader *r, json_t *row)
{
	const char *sha = json_string_value(json_object_get(row, "sha256"));
	long long id = json_integer_value(json_object_get(row, "id"));
	long long body = json_integer_value(json_object_get(row, "body_id"));
	long long size = json_integer_value(json_object_get(row, "size"));
	long long chunk = json_integer_value(json_object_get(row, "chunk_size"));
	if (sha == NULL || strlen(sha) != 64 || strspn(sha, "0123456789abcdef") != 64 ||
	    chunk <= 0 || chunk > (64 << 20)) {
		snprintf(r->why, sizeof r->why, "line %lld: an attachment without its sha256",
		         r->line);
		return -1;
	}
	char path[4400];
	snprintf(path, sizeof path, "%s/%s", r->files, sha);
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		snprintf(r->why, sizeof r->why, "line %lld: attachment %lld: cannot read %s: %s",
		         r->line, id, path, strerror(errno));
		return -1;
	}
	unsigned char *buf = malloc((size_t)chunk), digest[32];
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	long long total = 0;
	int rc = buf ? 0 : -1, seq = 0;
	size_t n;
	while (rc == 0 && (n = fread(buf, 1, (size_t)chunk, f)) > 0) {
		crypto_hash_sha256_update(&st, buf, n);
		total += (long long)n;
		char why[600];
		if (ogi_db_import_chunk(r->ctl->db, id, body, seq++, buf, n, why, sizeof why) !=
		    0) {
			snprintf(r->why, sizeof r->why, "line %lld: %s", r->line, why);
			rc = -1;
		}
	}
	fclose(f);
	free(buf);
	char got[65];
	crypto_hash_sha256_final(&st, digest);
	hex(digest, 32, got);
	if (rc == 0 && (total != size || strcmp(got, sha) != 0)) {
		snprintf(r->why, sizeof r->why,
		         "line %lld: attachment %lld: %s is not its file (%lld bytes, sha256 %s)",
		         r->line, id, path, total, got);
		rc = -1;
	}
	return rc;
}

/* a waiting online file's bytes from FILE.files/SHA256, checked, into its row's data (hex, as
 * PostgreSQL writes a bytea: at most 1 MiB a file) */
static int load_online_file(struct reader *r, json_t *row)
{
	json_t *flag = json_object_get(row, "data_in_files");
	bool beside = json_is_true(flag);
	json_object_del(row, "data_in_files");
	if (!beside)
		return 0;
	const char *sha = json_string_value(json_object_get(row, "sha256"));
	long long id = json_integer_value(json_object_get(row, "id"));
	long long size = json_integer_value(json_object_get(row, "size"));
	if (sha == NULL || strlen(sha) != 64 || strspn(sha, "0123456789abcdef") != 64 ||
	    size <= 0 || size > (1 << 20)) {
		snprintf(r->why, sizeof r->why,
		         "line %lld: an online file without its sha256 or size", r->line);
		return -1;
	}
	char path[4400];
	snprintf(path, sizeof path, "%s/%s", r->files, sha);
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		snprintf(r->why, sizeof r->why, "line %lld: online file %lld: cannot read %s: %s",
		         r->line, id, path, strerror(errno));
		return -1;
	}
	unsigned char *buf = malloc((size_t)size + 1), digest[32];
	size_t n = buf ? fread(buf, 1, (size_t)size + 1, f) : 0;
	fclose(f);
	char got[65] = "";
	if (buf) {
		crypto_hash_sha256(digest, buf, n);
		hex(digest, 32, got);
	}
	char *text = buf && n == (size_t)size && strcmp(got, sha) == 0 ? malloc(2 * n + 3) : NULL;
	if (text == NULL) {
		snprintf(r->why, sizeof r->why,
		         "line %lld: online file %lld: %s is not its file (%zu bytes, sha256 %s)",
		         r->line, id, path, n, got);
		free(buf);
		return -1;
	}
	text[0] = '\\';
	text[1] = 'x';
	hex(buf, n, text + 2);
	free(buf);
	json_object_set_new(row, "data", json_string(text));
	free(text);
	r->batch_bytes += 2 * n;
	return 0;
}

static int check_header(struct reader *r, json_t *v, int target_version)
{
	if (!json_is_object(v) || !json_is_string(json_object_get(v, "type")) ||
	    strcmp(json_string_value(json_object_get(v, "type")), "header") != 0 ||
	    !json_is_string(json_object_get(v, "format")) ||
	    strcmp(json_string_value(json_object_get(v, "format")), FORMAT_NAME) != 0) {
		snprintf(r->why, sizeof r->why,
		         "line 1 is not the header of an ogictl export (type header, format %s)",
		         FORMAT_NAME);
		return -1;
	}
	json_int_t version = json_integer_value(json_object_get(v, "version"));
	if (version != FORMAT_VERSION) {
		snprintf(r->why, sizeof r->why,
		         "the file is of format version %lld: this ogictl reads version %d",
		         (long long)version, FORMAT_VERSION);
		return -1;
	}
	json_int_t schema = json_integer_value(json_object_get(v, "schema_version"));
	if (schema != target_version) {
		snprintf(r->why, sizeof r->why,
		         "the file was exported at schema version %lld, the database is at %d: "
		         "migrate both to the same release first",
		         (long long)schema, target_version);
		return -1;
	}
	return 0;
}

static int import_lines(struct reader *r, FILE *f, int target_version)
{
	char *text = NULL;
	size_t cap = 0;
	ssize_t len;
	long long data_lines = 0;
	bool ended = false;
	int rc = 0;
	while (rc == 0 && (len = getline(&text, &cap, f)) >= 0) {
		r->line++;
		if (ended) {
			snprintf(r->why, sizeof r->why, "line %lld: lines after the end line",
			         r->line);
			rc = -1;
			break;
		}
		if (len == 0 || text[len - 1] != '\n') {
			snprintf(r->why, sizeof r->why,
			         "line %lld is cut off (no newline): the file is truncated",
			         r->line);
			rc = -1;
			break;
		}
		json_error_t err;
		json_t *v = json_loadb(text, (size_t)len, 0, &err);
		const char *type = json_string_value(json_object_get(v, "type"));
		json_t *row = json_object_get(v, "row");
		if (r->line == 1 && v != NULL) {
			rc = check_header(r, v, target_version);
		} else if (v == NULL || !json_is_object(v) || type == NULL) {
			snprintf(r->why, sizeof r->why,
			         "line %lld is not a JSON object with a type%s%s", r->line,
			         v == NULL ? ": " : "", v == NULL ? err.text : "");
			rc = -1;
		} else if (strcmp(type, "end") != 0 && !json_is_object(row)) {
			snprintf(r->why, sizeof r->why, "line %lld: a %.40s line without its row",
			         r->line, type);
			rc = -1;
		} else if (strcmp(type, "end") == 0) {
			if ((rc = flush(r)) == 0 &&
			    json_integer_value(json_object_get(v, "lines")) != data_lines) {
				snprintf(
				    r->why, sizeof r->why,
				    "the end line counts %lld lines, the file holds %lld: it is "
				    "truncated or changed",
				    (long long)json_integer_value(json_object_get(v, "lines")),
				    data_lines);
				rc = -1;
			}
			ended = true;
		} else if (!ogi_db_import_known(type)) {
			snprintf(r->why, sizeof r->why, "line %lld: unknown type %.40s", r->line,
			         type);
			rc = -1;
		} else {
			data_lines++;
			if (strcmp(type, r->type) != 0 || json_array_size(r->batch) >= BATCH ||
			    r->batch_bytes >= BATCH_BYTES)
				rc = flush(r);
			r->batch_bytes += (size_t)len;
			if (rc == 0 && json_array_size(r->batch) == 0) {
				snprintf(r->type, sizeof r->type, "%s", type);
				r->first = r->line;
			}
			if (rc == 0 && strcmp(type, "attachments") == 0)
				rc = load_file(r, row);
			if (rc == 0 && strcmp(type, "online_files") == 0)
				rc = load_online_file(r, row);
			if (rc == 0)
				json_array_append(r->batch, row);
			if (data_lines % PROGRESS == 0)
				fprintf(stderr, "ogictl: import-export: %lld lines\n", data_lines);
		}
		json_decref(v);
	}
	free(text);
	if (rc == 0 && r->line == 0) {
		snprintf(r->why, sizeof r->why, "the file is empty");
		rc = -1;
	} else if (rc == 0 && !ended) {
		snprintf(r->why, sizeof r->why,
		         "the file ends after line %lld without its end line: it is truncated",
		         r->line);
		rc = -1;
	}
	return rc;
}

int cmd_import_export(struct ctl *ctl, int argc, char **argv)
{
	const char *file = NULL;
	bool nonempty = false;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--into-nonempty") == 0)
			nonempty = true;
		else if (file == NULL)
			file = argv[i];
		else
			return ctl_usage();
	}
	if (file == NULL)
		return ctl_usage();
	FILE *f = fopen(file, "r");
	if (f == NULL)
		return ctl_fail("cannot read %s: %s", file, strerror(errno));
	int rc = ctl_keys_ready(ctl);
	if (rc != 0) {
		fclose(f);
		return rc;
	}
	struct reader r = {.ctl = ctl, .file = file, .batch = json_array()};
	snprintf(r.files, sizeof r.files, "%s.files", file);
	int version = 0;
	rc = ogi_db_import_begin(ctl->db, nonempty, &version, r.why, sizeof r.why);
	if (rc == 0) {
		rc = import_lines(&r, f, version);
		if (rc == 0)
			rc = ogi_db_import_commit(ctl->db, r.why, sizeof r.why);
		else
			ogi_db_import_abort(ctl->db);
	}
	fclose(f);
	json_decref(r.batch);
	if (rc != 0)
		return ctl_fail("import of %s refused, nothing was imported: %s", file, r.why);
	printf("imported %s: %lld lines, in one transaction\n", file, r.line);
	return 0;
}
