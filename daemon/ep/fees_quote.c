/* GET /api/v1/fees/quote?request_id=…[&pages=…]: what each method of
 * 国办函〔2020〕109号 would charge for a request — per item by the request's
 * place in its applicant's month (art. 4), per volume for the pages given
 * (art. 5).  409 fee_not_applicable where the measures do not apply. */
#include <stdio.h>
#include <stdlib.h>

#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/core/visible.h"
#include "daemon/ep/ep.h"
#include "daemon/wire/fee_json.h"
#include "lib/db/fee_notices.h"
#include "lib/fees.h"

/* An integer query parameter, 1..max when required, else 0..max. */
static bool query_int(struct ctx *c, const char *name, long long max, bool required, long long *out,
                      struct spec_errors *errs)
{
	const char *v = query(c, name);
	if (v == NULL) {
		if (required)
			spec_error_add(errs, name, "required", "缺少该参数",
			               "this parameter is required");
		return false;
	}
	char *end = NULL;
	long long x = strtoll(v, &end, 10);
	if (*v == '\0' || *end != '\0' || x < (required ? 1 : 0) || x > max || v[0] == '+' ||
	    v[0] == '-' || v[0] == ' ') {
		char zh[96], en[96];
		snprintf(zh, sizeof zh, "应为%s至 %lld 的整数", required ? "1 " : "0 ", max);
		snprintf(en, sizeof en, "must be an integer from %d to %lld", required ? 1 : 0,
		         max);
		spec_error_add(errs, name, "invalid", zh, en);
		return false;
	}
	*out = x;
	return true;
}

enum MHD_Result h_fees_quote(struct ctx *c)
{
	struct spec_errors errs = {0};
	long long request_id = 0, pages = 0;
	query_int(c, "request_id", INT64_MAX / 2, true, &request_id, &errs);
	bool has_pages = query_int(c, "pages", OGI_FEE_MAX_PAGES, false, &pages, &errs);
	if (errs.n > 0)
		return reply_invalid(c, &errs);
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	struct ogi_request req;
	int rc = request_for(c, db, request_id, false, OGI_ROLE_AUDITOR, &req);
	if (rc != 0)
		return reply_status(c, db, rc);
	struct fee_quote q = {.request_id = request_id,
	                      .body_id = req.body_id,
	                      .received_on = req.received_on,
	                      .regime = ogi_regime_for(req.received_on),
	                      .pages = has_pages ? pages : -1,
	                      .per_volume = has_pages ? ogi_fee_per_volume(pages) : 0};
	const char *why = NULL;
	if (!ogi_fee_method_applies(OGI_FEE_PER_ITEM, q.received_on, q.regime, &why, NULL)) {
		ogi_request_free(&req);
		return reply_problem(c, OGI_E_FEE_NOT_APPLICABLE, "%s", why);
	}
	if (req.applicant.id_number != NULL)
		rc = ogi_db_applicant_month_count(db, req.body_id, req.applicant.id_number,
		                                  req.received_on, request_id, &q.ordinal);
	ogi_request_free(&req);
	if (rc != 0)
		return reply_status(c, db, rc);
	q.per_item = q.ordinal > 0 ? ogi_fee_per_item(q.ordinal) : 0;
	return reply_json(c, 200, wire_fee_quote(&q));
}
