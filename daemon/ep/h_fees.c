/* Fees and consultations of a request: GET /api/v1/fees/quote (what each
 * method of 国办函〔2020〕109号 would charge), GET …/fees (the fee notices
 * with their payment, waiver or lapse), GET …/consultations (each with its
 * window and answer). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/core/calendar_cache.h"
#include "lib/clock.h"
#include "lib/fees.h"
#include "daemon/ep/fees_remedies.h"
#include "daemon/ep/ep.h"
#include "lib/db/request_columns.h"
#include "lib/db/remedy_records.h"
#include "daemon/ep/request_rows.h"
#include "lib/db/requests.h"

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
	PGresult *req = request_visible(c, db, request_id, &result);
	if (req == NULL)
		return result;
	ogi_date received_on;
	ogi_date_parse(ogi_db_str(req, 0, RC_RECEIVED_ON), &received_on);
	enum ogi_regime regime = ogi_regime_for(received_on);
	const char *why = NULL;
	if (!ogi_fee_method_applies(OGI_FEE_PER_ITEM, received_on, regime, &why, NULL)) {
		PQclear(req);
		return reply_problem(c, OGI_E_FEE_NOT_APPLICABLE, "%s", why);
	}
	char rid[24], month[8];
	snprintf(rid, sizeof rid, "%lld", request_id);
	snprintf(month, sizeof month, "%.7s", ogi_db_str(req, 0, RC_RECEIVED_ON));
	json_t *per_item = json_object();
	const char *id_number = ogi_db_str(req, 0, RC_APPLICANT_ID_NUMBER);
	if (id_number != NULL) {
		const char *p[] = {ogi_db_str(req, 0, RC_BODY_ID), id_number,
		                   ogi_db_str(req, 0, RC_RECEIVED_ON), rid};
		PGresult *res;
		int n = ogi_db_exec(db, "applicant_month_count", 4, p, &res);
		if (n < 0) {
			PQclear(req);
			json_decref(per_item);
			return reply_db_error(c, db);
		}
		long long ordinal = ogi_db_int(res, 0, 0);
		PQclear(res);
		json_object_set_new(per_item, "ordinal", json_integer(ordinal));
		json_object_set_new(per_item, "amount", json_integer(ogi_fee_per_item(ordinal)));
	} else {
		/* the running count is by identity number, never by name */
		json_object_set_new(per_item, "ordinal", json_null());
		json_object_set_new(per_item, "amount", json_null());
		json_object_set_new(
		    per_item, "note_zh",
		    json_string("未登记申请人身份证明号码，无法按同一申请人累计件数"));
		json_object_set_new(
		    per_item, "note_en",
		    json_string("the applicant's identity number is not recorded: the "
		                "monthly count is by identity number"));
	}
	json_t *per_volume =
	    json_pack("{s:o, s:o}", "pages", has_pages ? json_integer(pages) : json_null(),
	              "amount", has_pages ? json_integer(ogi_fee_per_volume(pages)) : json_null());
	json_t *out = json_pack(
	    "{s:I, s:I, s:s, s:s, s:s, s:o, s:o, s:s}", "request_id", (json_int_t)request_id,
	    "body_id", (json_int_t)ogi_db_int(req, 0, RC_BODY_ID), "received_on",
	    ogi_db_str(req, 0, RC_RECEIVED_ON), "regime", ogi_regime_names[regime], "month", month,
	    "per_item", per_item, "per_volume", per_volume, "basis", "国办函〔2020〕109号");
	PQclear(req);
	return reply_json(c, 200, out);
}

static json_t *fee_notice_json(PGresult *res, int i)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(ogi_db_int(res, i, FC_ID)));
	json_object_set_new(o, "event_id", json_integer(ogi_db_int(res, i, FC_EVENT_ID)));
	json_object_set_new(o, "method", json_string(ogi_db_str(res, i, FC_METHOD)));
	json_object_set_new(o, "notice_on", date_or_null(date_column(res, i, FC_NOTICE_ON)));
	json_object_set_new(o, "pay_by", date_or_null(date_column(res, i, FC_PAY_BY)));
	json_object_set_new(o, "ordinal",
	                    ogi_db_str(res, i, FC_ORDINAL)
	                        ? json_integer(ogi_db_int(res, i, FC_ORDINAL))
	                        : json_null());
	json_object_set_new(o, "pages",
	                    ogi_db_str(res, i, FC_PAGES)
	                        ? json_integer(ogi_db_int(res, i, FC_PAGES))
	                        : json_null());
	json_object_set_new(o, "quoted_amount", money_column(res, i, FC_QUOTED_AMOUNT));
	json_object_set_new(o, "amount", money_column(res, i, FC_AMOUNT));
	json_object_set_new(o, "search_fee", money_column(res, i, FC_SEARCH_FEE));
	json_object_set_new(o, "copy_fee", money_column(res, i, FC_COPY_FEE));
	json_object_set_new(o, "postage", money_column(res, i, FC_POSTAGE));
	json_object_set_new(o, "status", json_string(ogi_db_str(res, i, FC_STATUS)));
	json_object_set_new(o, "settled_on", date_or_null(date_column(res, i, FC_SETTLED_ON)));
	json_object_set_new(o, "paid_amount", money_column(res, i, FC_PAID_AMOUNT));
	/* cost fees: what the payment collected of each part */
	json_object_set_new(o, "paid_search_fee", money_column(res, i, FC_PAID_SEARCH_FEE));
	json_object_set_new(o, "paid_copy_fee", money_column(res, i, FC_PAID_COPY_FEE));
	json_object_set_new(o, "paid_postage", money_column(res, i, FC_PAID_POSTAGE));
	const char *reason = ogi_db_str(res, i, FC_WAIVER_REASON);
	json_object_set_new(o, "waiver_reason", reason ? json_string(reason) : json_null());
	int r = ogi_enum_parse(ogi_waiver_reason_names, reason);
	json_object_set_new(o, "waiver_reason_zh",
	                    r >= 0 ? json_string(ogi_waiver_reason_labels_zh[r]) : json_null());
	const char *note = ogi_db_str(res, i, FC_WAIVER_NOTE);
	json_object_set_new(o, "waiver_note", note ? json_string(note) : json_null());
	return o;
}

enum MHD_Result h_fees_get(struct ctx *c)
{
	enum MHD_Result result;
	PGresult *res;
	int n = request_rows(c, "fee_notices_of", &res, NULL, &result);
	if (n < 0)
		return result;
	json_t *list = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(list, fee_notice_json(res, i));
	PQclear(res);
	return reply_json(
	    c, 200, json_pack("{s:I, s:o}", "request_id", (json_int_t)c->id, "fee_notices", list));
}

enum MHD_Result h_consultations_get(struct ctx *c)
{
	enum MHD_Result result;
	PGresult *res;
	bool open;
	int n = request_rows(c, "consultations_of", &res, &open, &result);
	if (n < 0)
		return result;
	struct calendar_ref cal = calendar_acquire();
	ogi_date today = ogi_today();
	json_t *list = json_array();
	for (int i = 0; i < n; i++) {
		bool estimated = false, provisional = false;
		ogi_date sent = date_column(res, i, CC_SENT_ON);
		ogi_date received = date_column(res, i, CC_PARTY_RECEIVED_ON);
		ogi_date window =
		    ogi_consultation_window(cal.cal, sent, received, &estimated, &provisional);
		const char *answer = ogi_db_str(res, i, CC_ANSWER);
		const char *party = ogi_db_str(res, i, CC_PARTY);
		json_t *o = json_object();
		json_object_set_new(o, "id", json_integer(ogi_db_int(res, i, CC_ID)));
		json_object_set_new(o, "party", json_string(party));
		json_object_set_new(o, "name", json_string(ogi_db_str(res, i, CC_NAME)));
		json_object_set_new(o, "sent_on", date_or_null(sent));
		json_object_set_new(o, "party_received_on", date_or_null(received));
		json_object_set_new(o, "reply_due", date_or_null(window));
		json_object_set_new(o, "reply_due_estimated", json_boolean(estimated));
		json_object_set_new(o, "provisional", json_boolean(provisional));
		json_object_set_new(o, "open", json_boolean(answer == NULL && open));
		json_object_set_new(o, "window_ended",
		                    json_boolean(answer == NULL && today > window));
		json_object_set_new(o, "answer", answer ? json_string(answer) : json_null());
		json_object_set_new(o, "answered_on",
		                    date_or_null(date_column(res, i, CC_ANSWERED_ON)));
		const char *reasons = ogi_db_str(res, i, CC_REASONS);
		json_object_set_new(o, "reasons", reasons ? json_string(reasons) : json_null());
		/* art. 34: a co-producing body's silence is deemed consent */
		json_object_set_new(o, "deemed_consent",
		                    json_boolean(answer && strcmp(answer, "no_answer") == 0 &&
		                                 strcmp(party, "other_body") == 0));
		const char *override = ogi_db_str(res, i, CC_OVERRIDE_REASON);
		json_t *ov = json_null();
		if (override != NULL)
			ov = json_pack("{s:s, s:o, s:o}", "reason", override, "decided_on",
			               date_or_null(date_column(res, i, CC_OVERRIDE_ON)),
			               "notified_on",
			               date_or_null(date_column(res, i, CC_NOTIFIED_ON)));
		json_object_set_new(o, "public_interest_override", ov);
		json_array_append_new(list, o);
	}
	calendar_release(cal);
	PQclear(res);
	return reply_json(
	    c, 200,
	    json_pack("{s:I, s:o}", "request_id", (json_int_t)c->id, "consultations", list));
}
