/* lib/db for the case file (案卷, issue 14 item 4), shared by ogid
 * (GET /api/v1/requests/{id}/casefile) and ogictl (casefile --year): what a
 * case file is made of, loaded in one read-only snapshot; its fingerprint
 * (so an export run again skips a case whose file would not change); the
 * case file built (lib/casefile.h: the registration sheet, the issued
 * letters' stored PDFs, the attachments, the timeline with the deadline
 * explanation, the index) and written as a ZIP (lib/casefile_zip.h) with
 * the attachments streamed from the database.  Functions returning int give
 * 0, OGI_E_NOT_FOUND (> 0) where they say, or a status < 0 (db.h). */
#ifndef OGI_DB_CASEFILES_H
#define OGI_DB_CASEFILES_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/attachment.h"
#include "lib/body_settings.h"
#include "lib/calendar.h"
#include "lib/casefile.h"
#include "lib/db/db.h"
#include "lib/letter_record.h"
#include "lib/request.h"

/* The version of what a case file holds and how it is laid out: part of
 * every fingerprint, so a new layout makes an export write every file again. */
#define OGI_CASEFILE_FORMAT "ogi-casefile-1"

struct ogi_case_sources {
	struct ogi_request req;
	struct ogi_event_list events;
	struct ogi_letter_list letters; /* every letter; the case file takes the numbered ones */
	struct ogi_attachment_list
	    attachments; /* every paper; the case file takes the valid ones */
	char body_name[OGI_BODY_NAME_SIZE];
};
void ogi_case_sources_free(struct ogi_case_sources *s);

/* A read-only REPEATABLE READ transaction, so a case file comes from one
 * snapshot; end it with ogi_db_snapshot_end (it never writes). */
int ogi_db_snapshot_begin(struct ogi_db *db);
void ogi_db_snapshot_end(struct ogi_db *db);

/* Request id with its events, letters, attachments and its body's name into out;
 * OGI_E_NOT_FOUND when there is no such request. */
int ogi_db_case_load(struct ogi_db *db, long long id, struct ogi_case_sources *out);

/* The SHA-256 of what s's case file is made from (the request's version,
 * its events, its numbered letters and their digests, the body's name,
 * its attachments with their digests and whether voided, full_id and
 * OGI_CASEFILE_FORMAT), 64 hex digits. */
void ogi_case_fingerprint(const struct ogi_case_sources *s, bool full_id, char out[OGI_SHA256_HEX]);

/* The case file of s into cf (emptied first; numbered): the documents
 * rendered (the identity number whole when full_id), the letters' stored
 * PDFs read, every attachment not voided listed to be streamed (a voided
 * one is left out, and counted), the deadline explained with cal as of
 * today.  0, a database
 * status, OGI_E_CASEFILE_DAMAGED when a letter's stored PDF no longer has
 * the SHA-256 recorded at its issue, or OGI_E_INTERNAL when a renderer
 * failed or memory ran out. */
int ogi_db_casefile_build(struct ogi_db *db, const struct ogi_case_sources *s,
                          const struct ogi_calendar *cal, bool full_id, struct ogi_casefile *cf);

/* The folder a case's files sit in inside its ZIP, and the ZIP's own name
 * without ".zip": the tracking number made safe ("MS-2025-00001"). */
void ogi_casefile_folder(const struct ogi_request *r, char *out, size_t size);

/* Writes cf, the case file of s, as a ZIP at path (lib/casefile_zip.h)
 * with comment, streaming its attachments from the database through db (in
 * the caller's snapshot), one stored chunk at a time.
 * 0, or -1 with err saying why, or -2 when a streamed file's bytes are not
 * those recorded. */
int ogi_db_casefile_write(struct ogi_db *db, const struct ogi_case_sources *s,
                          const struct ogi_casefile *cf, const char *path, const char *folder,
                          const char *comment, char *err, size_t errlen);

/* The ids of body_id's requests closed in year (closed_on in it), in the
 * order of their tracking numbers, into *ids (malloc'd; free it), their
 * count into *n. */
int ogi_db_casefile_closed_ids(struct ogi_db *db, long long body_id, int year, long long **ids,
                               size_t *n);

#endif
