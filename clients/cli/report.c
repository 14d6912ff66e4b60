/* ogictl report: the annual report of a body (and its subtree) for a year,
 * in any output, computed and rendered by the same lib/ code as the API.
 *   ogictl report --year Y --body ID [--subtree] [--format 2021|2019|legacy]
 *                 [--type json|csv|html|xlsx|md] [--output FILE]
 * Failed checks are listed on stderr; the report is still written. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clients/cli/ctl.h"
#include "lib/db/reports.h"
#include "lib/report_render.h"

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

/* Writes all of buf to path (through a temporary file renamed into place,
 * so a failed export never leaves half a file), or to standard output. */
static int write_out(const char *path, const struct ogi_buf *buf)
{
	if (path == NULL) {
		if (fwrite(buf->p, 1, buf->len, stdout) != buf->len || fflush(stdout) != 0)
			return ctl_fail("cannot write the report: %s", strerror(errno));
		return 0;
	}
	size_t n = strlen(path) + 16;
	char *tmp = malloc(n);
	if (tmp == NULL)
		return ctl_fail("out of memory");
	snprintf(tmp, n, "%s.tmpXXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		int e = errno;
		free(tmp);
		return ctl_fail("cannot write %s: %s", path, strerror(e));
	}
	size_t done = 0;
	while (done < buf->len) {
		ssize_t w = write(fd, buf->p + done, buf->len - done);
		if (w < 0) {
			int e = errno;
			close(fd);
			unlink(tmp);
			free(tmp);
			return ctl_fail("cannot write %s: %s", path, strerror(e));
		}
		done += (size_t)w;
	}
	fchmod(fd, 0644);
	if (fsync(fd) != 0 || close(fd) != 0 || rename(tmp, path) != 0) {
		int e = errno;
		unlink(tmp);
		free(tmp);
		return ctl_fail("cannot write %s: %s", path, strerror(e));
	}
	free(tmp);
	return 0;
}

int cmd_report(struct ctl *ctl, int argc, char **argv)
{
	long long year = 0, body = 0;
	bool has_year = false, has_body = false, subtree = false;
	int format = -1, type = OGI_RT_JSON;
	const char *output = NULL;
	for (int i = 0; i < argc; i++) {
		const char *arg = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(arg, "--subtree") == 0) {
			subtree = true;
			continue;
		}
		if (val == NULL)
			return ctl_usage();
		i++;
		if (strcmp(arg, "--year") == 0)
			has_year = parse_long(val, &year);
		else if (strcmp(arg, "--body") == 0)
			has_body = parse_long(val, &body);
		else if (strcmp(arg, "--format") == 0)
			format = ogi_enum_parse(ogi_report_format_names, val);
		else if (strcmp(arg, "--type") == 0)
			type = ogi_enum_parse(ogi_report_type_names, val);
		else if (strcmp(arg, "--output") == 0)
			output = val;
		else
			return ctl_usage();
		if ((strcmp(arg, "--year") == 0 && !has_year) ||
		    (strcmp(arg, "--body") == 0 && !has_body))
			return ctl_usage();
		if (strcmp(arg, "--format") == 0 && format < 0)
			return ctl_fail("--format must be one of 2021, 2019, legacy");
		if (strcmp(arg, "--type") == 0 && type < 0)
			return ctl_fail("--type must be one of json, csv, html, xlsx, md");
	}
	if (!has_year || !has_body)
		return ctl_usage();
	if (year < OGI_REPORT_YEAR_MIN || year > OGI_REPORT_YEAR_MAX)
		return ctl_fail("--year must be between %d and %d", OGI_REPORT_YEAR_MIN,
		                OGI_REPORT_YEAR_MAX);
	if (body <= 0)
		return ctl_fail("--body wants a body id");
	enum ogi_report_format f =
	    format >= 0 ? (enum ogi_report_format)format : ogi_report_format_for_year((int)year);
	int status;
	char err[512];
	struct ogi_report *r =
	    ogi_db_report_load(ctl->db, body, (int)year, f, subtree, &status, err, sizeof err);
	if (r == NULL)
		return ctl_fail("%s", err);
	struct ogi_buf out = {0};
	int rc;
	if (!ogi_report_render(r, (enum ogi_report_type)type, &out, err, sizeof err))
		rc = ctl_fail("cannot render the report: %s", err);
	else
		rc = write_out(output, &out);
	for (int i = 0; rc == 0 && i < r->nchecks; i++)
		if (!r->checks[i].ok)
			fprintf(stderr, "ogictl: check %s failed: %s\n", r->checks[i].rule,
			        r->checks[i].detail_en);
	ogi_buf_free(&out);
	ogi_report_free(r);
	return rc;
}
