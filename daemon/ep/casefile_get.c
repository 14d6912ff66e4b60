/* GET /api/v1/requests/{id}/casefile: the request's case file (案卷) for the
 * archive as a ZIP (lib/db/casefiles.h): the index (卷内目录, PDF and CSV),
 * the registration sheet, every numbered letter as its stored PDF, the
 * timeline with the deadline explanation — all from one snapshot.  The ZIP
 * is written to a temporary file (under $TMPDIR, else /tmp), unlinked at
 * once and sent from its descriptor, so a case of large attachments never
 * sits in ogid's memory and nothing is left behind.  Any role on the body
 * reads it; the identity number is whole for those who read it whole on
 * the request (visible.h), masked for the others. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon/core/calendar_cache.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/log.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/core/visible.h"
#include "daemon/ep/ep.h"
#include "lib/db/casefiles.h"
#include "lib/disposition.h"

/* The case file of the loaded snapshot written at path: 0, or the problem. */
static int write_case(struct ctx *c, struct ogi_db *db, bool full_id, const char *path,
                      char *folder, size_t folder_size)
{
	struct ogi_case_sources src;
	int rc = ogi_db_case_load(db, c->id, &src);
	if (rc != 0)
		return rc;
	struct ogi_casefile cf;
	struct calendar_ref cal = calendar_acquire();
	rc = ogi_db_casefile_build(db, &src, cal.cal, full_id, &cf);
	calendar_release(cal);
	if (rc == OGI_E_CASEFILE_DAMAGED)
		ctx_detail(c, "a letter's stored PDF no longer has its recorded SHA-256");
	if (rc != 0) {
		ogi_case_sources_free(&src);
		return rc;
	}
	char fp[OGI_SHA256_HEX], comment[160], err[512];
	ogi_case_fingerprint(&src, full_id, fp);
	snprintf(comment, sizeof comment, "%s %s %s", OGI_CASEFILE_FORMAT, src.req.tracking_no, fp);
	ogi_casefile_folder(&src.req, folder, folder_size);
	int w = ogi_db_casefile_write(db, &src, &cf, path, folder, comment, err, sizeof err);
	ogi_casefile_free(&cf);
	ogi_case_sources_free(&src);
	if (w == -2) {
		log_bug("case file of request %lld: %s", c->id, err);
		ctx_detail(c, "%s", err);
		return OGI_E_CASEFILE_DAMAGED;
	}
	if (w != 0) {
		log_line("case file of request %lld: %s", c->id, err);
		ctx_detail(c, "the case file could not be written");
		return ogi_db_ok(db) ? OGI_E_CASEFILE_UNAVAILABLE : OGI_DB_HARD;
	}
	return 0;
}

enum MHD_Result h_casefile_get(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	struct ogi_request req;
	int rc = request_for(c, db, c->id, false, OGI_ROLE_AUDITOR, &req);
	if (rc != 0)
		return reply_status(c, db, rc);
	bool full_id = request_shows_full_id(c, &req);
	ogi_request_free(&req);

	const char *dir = getenv("TMPDIR");
	char path[4096];
	snprintf(path, sizeof path, "%s/ogi-casefile-XXXXXX", dir && dir[0] ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0) {
		log_line("case file: cannot create a temporary file in %s: %s", path,
		         strerror(errno));
		return reply_problem(c, OGI_E_CASEFILE_UNAVAILABLE, "no temporary file");
	}
	close(fd);
	char folder[OGI_CASEFILE_NAME_MAX + 1] = "";
	rc = ogi_db_snapshot_begin(db);
	if (rc == 0) {
		rc = write_case(c, db, full_id, path, folder, sizeof folder);
		ogi_db_snapshot_end(db);
	}
	fd = rc == 0 ? open(path, O_RDONLY | O_CLOEXEC) : -1;
	unlink(path); /* the descriptor keeps the file until the response is done */
	if (rc != 0)
		return reply_status(c, db, rc);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		if (fd >= 0)
			close(fd);
		return reply_problem(c, OGI_E_CASEFILE_UNAVAILABLE,
		                     "the case file could not be read");
	}
	struct MHD_Response *resp = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
	if (resp == NULL) {
		close(fd);
		return MHD_NO;
	}
	MHD_add_response_header(resp, "Content-Type", "application/zip");
	/* 案卷-MS-2025-00001.zip (RFC 6266 filename*), casefile-MS-2025-00001.zip for the rest */
	char name[OGI_CASEFILE_NAME_MAX + 32], ascii[64], disposition[1024];
	snprintf(name, sizeof name, "案卷-%s.zip", folder);
	snprintf(ascii, sizeof ascii, "casefile-%lld.zip", c->id);
	if (ogi_content_disposition(disposition, sizeof disposition, false, name, ascii))
		MHD_add_response_header(resp, "Content-Disposition", disposition);
	return queue_response(c, 200, resp);
}
