/* Fees as the API gives them (see fee_json.h). */
#include "daemon/wire/fee_json.h"

#include <stdbool.h>
#include <stdio.h>

#include "daemon/wire/request_json.h"

json_t *wire_money(long long fen)
{
	return fen == OGI_MONEY_NONE ? json_null() : ogi_money_json(fen);
}

json_t *wire_fee_quote(const struct fee_quote *q)
{
	char received[OGI_DATE_STRLEN], month[8];
	ogi_date_format(q->received_on, received);
	snprintf(month, sizeof month, "%.7s", received);
	json_t *per_item = json_object();
	if (q->ordinal > 0) {
		json_object_set_new(per_item, "ordinal", json_integer(q->ordinal));
		json_object_set_new(per_item, "amount", json_integer(q->per_item));
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
	bool asked = q->pages >= 0;
	json_t *per_volume =
	    json_pack("{s:o, s:o}", "pages", asked ? json_integer(q->pages) : json_null(), "amount",
	              asked ? json_integer(q->per_volume) : json_null());
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:o, s:o, s:s}", "request_id",
	                 (json_int_t)q->request_id, "body_id", (json_int_t)q->body_id,
	                 "received_on", received, "regime", ogi_regime_names[q->regime], "month",
	                 month, "per_item", per_item, "per_volume", per_volume, "basis",
	                 "国办函〔2020〕109号");
}

json_t *wire_fee_notice(const struct ogi_fee_notice *n)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(n->id));
	json_object_set_new(o, "event_id", json_integer(n->event_id));
	json_object_set_new(o, "method", json_string(ogi_fee_method_names[n->method]));
	json_object_set_new(o, "notice_on", wire_date(n->notice_on));
	json_object_set_new(o, "pay_by", wire_date(n->pay_by));
	json_object_set_new(o, "ordinal", n->ordinal > 0 ? json_integer(n->ordinal) : json_null());
	json_object_set_new(o, "pages", n->pages >= 0 ? json_integer(n->pages) : json_null());
	json_object_set_new(o, "quoted_amount", wire_money(n->quoted));
	json_object_set_new(o, "amount", wire_money(n->amount));
	for (int k = 0; k < OGI_FEE_PART_COUNT; k++)
		json_object_set_new(o, ogi_fee_part_names[k], wire_money(n->part[k]));
	json_object_set_new(o, "status", json_string(ogi_fee_status_names[n->status]));
	json_object_set_new(o, "settled_on", wire_date(n->settled_on));
	json_object_set_new(o, "paid_amount", wire_money(n->paid));
	/* cost fees: what the payment collected of each part */
	static const char *const paid_parts[] = {"paid_search_fee", "paid_copy_fee",
	                                         "paid_postage"};
	for (int k = 0; k < OGI_FEE_PART_COUNT; k++)
		json_object_set_new(o, paid_parts[k], wire_money(n->paid_part[k]));
	int r = n->waiver_reason;
	json_object_set_new(o, "waiver_reason", wire_name(ogi_waiver_reason_names, r));
	json_object_set_new(o, "waiver_reason_zh", wire_name(ogi_waiver_reason_labels_zh, r));
	json_object_set_new(o, "waiver_note", wire_str(n->waiver_note));
	return o;
}
