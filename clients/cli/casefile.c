/* ogictl casefile: the case files (案卷) of a body's requests closed in a
 * year, one ZIP each, for the transfer to the archive (档案移交).
 *   ogictl casefile --year Y --body ID --output DIR
 * Each ZIP is what GET /api/v1/requests/{id}/casefile gives an
 * administrator (the identity numbers whole), named after the tracking
 * number (MS-2025-00001.zip).  DIR/manifest.csv (移交清单: BOM, CRLF) lists
 * every file with its size, SHA-256 and the fingerprint of what it was made
 * from (lib/db/casefiles.h).
 *
 * Resumable, and a second run changes nothing: a ZIP is written to a
 * temporary name and renamed into place only when whole (fsync'd), so an
 * interrupted run leaves either the old file or the new one; a file whose
 * SHA-256 matches the manifest's and whose fingerprint is the case's now
 * is kept as it is (not rewritten, its mtime untouched); a file the
 * manifest does not know (a run cut off before it wrote the manifest) is
 * kept when the fingerprint its ZIP comment records is the case's now; the
 * manifest is rewritten only when its content changes.  Prints one line per
 * file written and a summary. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clients/cli/ctl.h"
#include "lib/buf.h"
#include "lib/casefile_zip.h"
#include "lib/db/bodies.h"
#include "lib/db/calendar_ops.h"
#include "lib/db/casefiles.h"

#define MANIFEST "manifest.csv"
#define PARTIAL  ".ogi-partial-"
#define MANIFEST_HEAD                                                                                     \
	"\xEF\xBB\xBF\"文件名\",\"申请编号\",\"办结日期\",\"大小（字节）\",\"SHA-256\"," \
	"\"来源指纹\"\r\n"

struct row {
	char name[OGI_CASEFILE_NAME_MAX + 8];
	char tracking[64];
	char closed[OGI_DATE_STRLEN];
	long long size;
	char sha256[OGI_SHA256_HEX];
	char fp[OGI_SHA256_HEX];
};

struct rows {
	size_t n, cap;
	struct row *v;
};

static struct row *rows_push(struct rows *r)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 64;
		struct row *v = realloc(r->v, cap * sizeof *v);
		if (v == NULL)
			return NULL;
		r->v = v;
		r->cap = cap;
	}
	memset(&r->v[r->n], 0, sizeof r->v[r->n]);
	return &r->v[r->n++];
}

static const struct row *rows_find(const struct rows *r, const char *name)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->v[i].name, name) == 0)
			return &r->v[i];
	return NULL;
}

/* One quoted CSV field of the manifest (as written below) into out; the rest after it. */
static const char *csv_take(const char *s, char *out, size_t size)
{
	size_t o = 0;
	if (*s == '"') {
		for (s++; *s && !(*s == '"' && s[1] != '"'); s++) {
			if (*s == '"')
				s++;
			if (o + 1 < size)
				out[o++] = *s;
		}
		if (*s == '"')
			s++;
	} else {
		for (; *s && *s != ',' && *s != '\r' && *s != '\n'; s++)
			if (o + 1 < size)
				out[o++] = *s;
	}
	out[o] = '\0';
	if (*s == ',')
		s++;
	return s;
}

/* The manifest at path (as this command writes it) into rows; false when there is none. */
static bool manifest_read(const char *path, struct rows *rows, struct ogi_buf *raw)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return false;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		ogi_buf_addn(raw, chunk, n);
	fclose(f);
	if (raw->oom || raw->p == NULL)
		return false;
	const char *s = strstr(raw->p, "\r\n");
	while (s != NULL && *(s += 2) != '\0') {
		struct row *r = rows_push(rows);
		if (r == NULL)
			return false;
		char size[32];
		s = csv_take(s, r->name, sizeof r->name);
		s = csv_take(s, r->tracking, sizeof r->tracking);
		s = csv_take(s, r->closed, sizeof r->closed);
		s = csv_take(s, size, sizeof size);
		s = csv_take(s, r->sha256, sizeof r->sha256);
		s = csv_take(s, r->fp, sizeof r->fp);
		r->size = atoll(size);
		s = strstr(s, "\r\n");
	}
	return true;
}

static void manifest_render(const struct rows *rows, struct ogi_buf *b)
{
	ogi_buf_add(b, MANIFEST_HEAD);
	for (size_t i = 0; i < rows->n; i++) {
		const struct row *r = &rows->v[i];
		ogi_buf_printf(b, "\"%s\",\"%s\",%s,%lld,\"%s\",\"%s\"\r\n", r->name, r->tracking,
		               r->closed, r->size, r->sha256, r->fp);
	}
}

/* SHA-256 and size of the file at path; false when it cannot be read. */
static bool file_sha256(const char *path, char out[OGI_SHA256_HEX], long long *size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	crypto_hash_sha256_state sha;
	crypto_hash_sha256_init(&sha);
	static unsigned char chunk[1 << 16];
	ssize_t n;
	long long total = 0;
	while ((n = read(fd, chunk, sizeof chunk)) > 0) {
		crypto_hash_sha256_update(&sha, chunk, (unsigned long long)n);
		total += n;
	}
	close(fd);
	if (n < 0)
		return false;
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&sha, digest);
	sodium_bin2hex(out, OGI_SHA256_HEX, digest, sizeof digest);
	*size = total;
	return true;
}

static bool fsync_path(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	bool ok = fsync(fd) == 0;
	close(fd);
	return ok;
}

/* Writes bytes to dir/name through a temporary file renamed into place. */
static bool write_replace(const char *dir, const char *name, const char *bytes, size_t len)
{
	char tmp[4096], path[4096];
	snprintf(tmp, sizeof tmp, "%s/" PARTIAL "%s", dir, name);
	snprintf(path, sizeof path, "%s/%s", dir, name);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return false;
	size_t done = 0;
	while (done < len) {
		ssize_t w = write(fd, bytes + done, len - done);
		if (w < 0) {
			close(fd);
			unlink(tmp);
			return false;
		}
		done += (size_t)w;
	}
	if (fsync(fd) != 0 || close(fd) != 0 || rename(tmp, path) != 0) {
		unlink(tmp);
		return false;
	}
	return fsync_path(dir);
}

/* Temporary files a run cut off left behind. */
static void remove_partials(const char *dir)
{
	DIR *d = opendir(dir);
	if (d == NULL)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, PARTIAL, strlen(PARTIAL)) != 0)
			continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		unlink(path);
	}
	closedir(d);
}

struct run {
	struct ctl *ctl;
	const char *dir;
	const struct ogi_calendar *cal;
	const struct rows *old;
	struct rows now;
	int written, kept;
};

/* The case file of request id: kept when it is what the case would give now, else written. */
static int one_case(struct run *run, long long id)
{
	struct ogi_db *db = run->ctl->db;
	int rc = ogi_db_snapshot_begin(db);
	if (rc != 0)
		return ctl_fail("cannot read request %lld: %s", id, ogi_db_message(db));
	struct ogi_case_sources src;
	if ((rc = ogi_db_case_load(db, id, &src)) != 0) {
		ogi_db_snapshot_end(db);
		return ctl_fail("cannot read request %lld: %s", id, ogi_db_message(db));
	}
	struct row *r = rows_push(&run->now);
	if (r == NULL) {
		ogi_case_sources_free(&src);
		ogi_db_snapshot_end(db);
		return ctl_fail("out of memory");
	}
	char folder[OGI_CASEFILE_NAME_MAX + 1], path[4096], tmp[4096];
	ogi_casefile_folder(&src.req, folder, sizeof folder);
	snprintf(r->name, sizeof r->name, "%s.zip", folder);
	snprintf(r->tracking, sizeof r->tracking, "%s", src.req.tracking_no);
	ogi_date_format(src.req.closed_on, r->closed);
	ogi_case_fingerprint(&src, true, r->fp);
	snprintf(path, sizeof path, "%s/%s", run->dir, r->name);

	/* kept: the manifest's digest and the case's fingerprint, or without a manifest row
	   the fingerprint its own comment records */
	char have[OGI_SHA256_HEX];
	long long size;
	if (file_sha256(path, have, &size)) {
		const struct row *was = rows_find(run->old, r->name);
		bool keep;
		if (was != NULL) {
			keep = strcmp(was->sha256, have) == 0 && strcmp(was->fp, r->fp) == 0;
		} else {
			char comment[256], want[256];
			snprintf(want, sizeof want, "%s %s %s", OGI_CASEFILE_FORMAT,
			         src.req.tracking_no, r->fp);
			keep = ogi_casefile_zip_comment(path, comment, sizeof comment) &&
			       strcmp(comment, want) == 0;
		}
		if (keep) {
			memcpy(r->sha256, have, sizeof have);
			r->size = size;
			run->kept++;
			ogi_case_sources_free(&src);
			ogi_db_snapshot_end(db);
			return 0;
		}
	}

	struct ogi_casefile cf;
	rc = ogi_db_casefile_build(db, &src, run->cal, true, &cf);
	if (rc != 0) {
		ogi_case_sources_free(&src);
		ogi_db_snapshot_end(db);
		return ctl_fail("cannot build the case file of %s: %s", folder,
		                rc < 0 ? ogi_db_message(db)
		                : rc == OGI_E_CASEFILE_DAMAGED
		                    ? "a letter's stored PDF no longer has its recorded SHA-256"
		                    : "out of memory or a renderer failed");
	}
	char comment[256], err[512];
	snprintf(comment, sizeof comment, "%s %s %s", OGI_CASEFILE_FORMAT, src.req.tracking_no,
	         r->fp);
	snprintf(tmp, sizeof tmp, "%s/" PARTIAL "%s", run->dir, r->name);
	int w = ogi_db_casefile_write(db, &src, &cf, tmp, folder, comment, err, sizeof err);
	ogi_casefile_free(&cf);
	ogi_case_sources_free(&src);
	ogi_db_snapshot_end(db);
	if (w != 0) {
		unlink(tmp);
		return ctl_fail("cannot write %s: %s", path, err);
	}
	if (!fsync_path(tmp) || rename(tmp, path) != 0 || !fsync_path(run->dir)) {
		int e = errno;
		unlink(tmp);
		return ctl_fail("cannot write %s: %s", path, strerror(e));
	}
	if (!file_sha256(path, r->sha256, &r->size))
		return ctl_fail("cannot read %s back: %s", path, strerror(errno));
	run->written++;
	printf("%s\n", path);
	return 0;
}

static bool parse_long(const char *s, long long *out)
{
	if (s == NULL || *s == '\0')
		return false;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (*end != '\0' || errno != 0)
		return false;
	*out = v;
	return true;
}

int cmd_casefile(struct ctl *ctl, int argc, char **argv)
{
	long long year = 0, body = 0;
	const char *dir = NULL;
	for (int i = 0; i < argc; i += 2) {
		const char *arg = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
		if (val == NULL)
			return ctl_usage();
		if (strcmp(arg, "--year") == 0) {
			if (!parse_long(val, &year))
				return ctl_usage();
		} else if (strcmp(arg, "--body") == 0) {
			if (!parse_long(val, &body))
				return ctl_usage();
		} else if (strcmp(arg, "--output") == 0) {
			dir = val;
		} else {
			return ctl_usage();
		}
	}
	if (year == 0 || body == 0 || dir == NULL)
		return ctl_usage();
	if (year < 2008 || year > 9999)
		return ctl_fail("--year must be between 2008 and 9999");
	if (ctl_keys_ready(ctl) != 0)
		return 1;
	long long path_ids[64];
	int npath = 0;
	int rc = ogi_db_body_path(ctl->db, body, path_ids, &npath);
	if (rc == OGI_E_NOT_FOUND)
		return ctl_fail("no body %lld", body);
	if (rc != 0)
		return ctl_fail("cannot read body %lld: %s", body, ogi_db_message(ctl->db));
	if (mkdir(dir, 0755) != 0 && errno != EEXIST)
		return ctl_fail("cannot create %s: %s", dir, strerror(errno));
	struct stat st;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return ctl_fail("%s is not a directory", dir);
	remove_partials(dir);

	char manifest[4096];
	snprintf(manifest, sizeof manifest, "%s/" MANIFEST, dir);
	struct rows old = {0};
	struct ogi_buf old_raw = {0};
	manifest_read(manifest, &old, &old_raw);

	long long *ids = NULL;
	size_t n = 0;
	struct ogi_calendar *cal = ogi_db_calendar_load(ctl->db);
	if (cal == NULL ||
	    (rc = ogi_db_casefile_closed_ids(ctl->db, body, (int)year, &ids, &n)) != 0) {
		if (cal != NULL)
			ogi_calendar_free(cal);
		free(old.v);
		ogi_buf_free(&old_raw);
		return ctl_fail("cannot read the closed requests: %s", ogi_db_message(ctl->db));
	}
	struct run run = {.ctl = ctl, .dir = dir, .cal = cal, .old = &old};
	rc = 0;
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = one_case(&run, ids[i]);
	if (rc == 0) {
		struct ogi_buf now = {0};
		manifest_render(&run.now, &now);
		if (now.oom)
			rc = ctl_fail("out of memory");
		else if ((old_raw.p == NULL || old_raw.len != now.len ||
		          memcmp(old_raw.p, now.p, now.len) != 0) &&
		         !write_replace(dir, MANIFEST, now.p, now.len))
			rc = ctl_fail("cannot write %s: %s", manifest, strerror(errno));
		ogi_buf_free(&now);
	}
	if (rc == 0)
		fprintf(stderr,
		        "ogictl: %zu case files of %lld closed in %lld: %d written, %d unchanged\n",
		        n, body, year, run.written, run.kept);
	ogi_calendar_free(cal);
	free(ids);
	free(old.v);
	free(run.now.v);
	ogi_buf_free(&old_raw);
	return rc;
}
