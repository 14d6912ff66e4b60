/* GET /api/v1/requests.csv[?codes=true]: the list of GET /api/v1/requests with the
 * same filters, every matching request (up to 100,000, no paging) as CSV
 * for spreadsheets (wire/requests_csv.h), streamed from the rows so a
 * long list is never held whole. */
#include "daemon/wire/requests_csv.h"
#include "daemon/core/auth.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/params.h"
#include "daemon/core/replica.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/request_filter.h"
#include "lib/date.h"
#include "lib/db/requests.h"
#include "lib/disposition.h"

#define CSV_ROWS_MAX 100000

/* Stops the list when the document cannot grow (csv_row's own status, no database's). */
#define CSV_OUT_OF_MEMORY OGI_E_INTERNAL

static int csv_row(struct ogi_request *r, void *cls)
{
	return wire_requests_csv_row(cls, r) ? 0 : CSV_OUT_OF_MEMORY;
}

enum MHD_Result h_requests_csv(struct ctx *c)
{
	long long roots[OGI_MAX_GRANTS];
	struct ogi_request_filter f = {.roots = roots};
	/* every role reads: the auditor's too */
	f.nroots = auth_root_ids(&c->auth, (1u << OGI_ROLE_COUNT) - 1, roots, OGI_MAX_GRANTS);
	struct spec_errors errs = {0};
	bool codes = false, given;
	param_bool(c, &errs, "codes", &codes, &given);
	if (!wire_request_filter(c, &f, &errs) || errs.n > 0)
		return reply_invalid(c, &errs);
	f.limit = CSV_ROWS_MAX; /* limit is checked, not applied: the CSV has no pages */
	enum MHD_Result result;
	struct ogi_db *db = read_db(c, &result); /* a standby will do (replica.h) */
	if (db == NULL)
		return result;
	struct wire_csv csv;
	if (!wire_requests_csv_begin(&csv, codes))
		return reply_problem(c, OGI_E_INTERNAL, "out of memory");
	int rc = ogi_db_requests_each(db, &f, csv_row, &csv);
	if (rc < 0 && read_db_again(c, &db)) { /* the standby went away: from the start */
		wire_csv_free(&csv);
		if (!wire_requests_csv_begin(&csv, codes))
			return reply_problem(c, OGI_E_INTERNAL, "out of memory");
		rc = ogi_db_requests_each(db, &f, csv_row, &csv);
	}
	if (rc != 0) {
		wire_csv_free(&csv);
		if (rc == CSV_OUT_OF_MEMORY)
			return reply_problem(c, OGI_E_INTERNAL, "out of memory");
		return reply_status(c, db, rc);
	}
	struct MHD_Response *r =
	    MHD_create_response_from_buffer(csv.len, csv.buf, MHD_RESPMEM_MUST_FREE);
	MHD_add_response_header(r, "Content-Type", "text/csv; charset=utf-8");
	/* 申请台账-2026-12-03.csv: what it is and the day it was taken (RFC 6266 filename*) */
	char today[OGI_DATE_STRLEN], name[64], ascii[40], disposition[256];
	ogi_date_format(ogi_today(), today);
	snprintf(name, sizeof name, "申请台账-%s.csv", today);
	snprintf(ascii, sizeof ascii, "requests-%s.csv", today);
	ogi_content_disposition(disposition, sizeof disposition, false, name, ascii);
	MHD_add_response_header(r, "Content-Disposition", disposition);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	return queue_response(c, 200, r);
}
