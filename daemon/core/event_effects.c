/* The fee and consultation side of recording an event (see event_effects.h). */
#include "daemon/core/event_effects.h"

#include <stdlib.h>

#include "api/errors.h"
#include "lib/consultation.h"
#include "lib/db/consultations.h"
#include "lib/db/fee_notices.h"
#include "lib/fees.h"
#include "lib/refuse.h"

/* The payload's members, as its spec let them in (absent or null: none). */
static bool named(json_t *payload, const char *key)
{
	return json_object_get(payload, key) != NULL; /* even null */
}

static long long money_of(json_t *payload, const char *key)
{
	long long fen;
	json_t *v = json_object_get(payload, key);
	return json_is_number(v) && ogi_money_from_yuan(json_number_value(v), &fen)
	           ? fen
	           : OGI_MONEY_NONE;
}

static long long int_of(json_t *payload, const char *key)
{
	json_t *v = json_object_get(payload, key);
	return json_is_integer(v) ? json_integer_value(v) : 0;
}

static const char *str_of(json_t *payload, const char *key)
{
	json_t *v = json_object_get(payload, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int enum_of(json_t *payload, const char *key, const char *const names[])
{
	const char *v = str_of(payload, key);
	return v ? ogi_enum_parse(names, v) : -1;
}

static ogi_date date_of(json_t *payload, const char *key)
{
	ogi_date d;
	const char *v = str_of(payload, key);
	return v != NULL && ogi_date_parse(v, &d) ? d : OGI_DATE_NONE;
}

static json_t *money_or_null(long long fen)
{
	return fen == OGI_MONEY_NONE ? json_null() : ogi_money_json(fen);
}

int event_effects_resolve(struct ogi_db *db, struct event_effects *w)
{
	if (w->type != OGI_EV_CONSULTATION_DELIVERED && w->type != OGI_EV_CONSULTATION_ENDED &&
	    w->type != OGI_EV_OBJECTION_OVERRIDDEN)
		return 0;
	if (named(w->payload, "consultation") || w->closed)
		return 0;
	struct ogi_consultation_record *v;
	size_t n;
	int rc = ogi_db_consultations_of(db, w->request_id, &v, &n);
	if (rc != 0)
		return rc;
	long long found = 0;
	int fitting = ogi_consultation_fitting(w->type, v, n, &found);
	ogi_consultation_records_free(v, n);
	if (fitting > 1 && w->type == OGI_EV_CONSULTATION_ENDED)
		return 0; /* the rule check names the open consultations' count */
	if (fitting > 1)
		return ogi_refuse(w->detail, w->detail_len, OGI_E_CONSULTATION_AMBIGUOUS,
		                  "%d consultations fit: give consultation (the id of its "
		                  "consultation_started event)",
		                  fitting);
	if (fitting == 1)
		json_object_set_new(w->payload, "consultation", json_integer(found));
	return 0;
}

static int complete_notice(struct ogi_db *db, struct event_effects *w)
{
	int method = enum_of(w->payload, "method", ogi_fee_method_names);
	struct ogi_fee_notice_input in = {
	    .method = method >= 0 ? (enum ogi_fee_method)method : OGI_FEE_LEGACY,
	    .on = w->on,
	    .amount = money_of(w->payload, "amount"),
	    .ordinal = int_of(w->payload, "ordinal"),
	    .items = int_of(w->payload, "items"),
	    .pages = int_of(w->payload, "pages"),
	    .pay_by = date_of(w->payload, "pay_by"),
	};
	for (int k = 0; k < OGI_FEE_PART_COUNT; k++)
		in.part[k] = money_of(w->payload, ogi_fee_part_names[k]);
	if (in.method == OGI_FEE_PER_ITEM && in.ordinal == 0) {
		/* the running count is by identity number, never by name */
		if (w->id_number == NULL)
			return ogi_refuse(w->detail, w->detail_len, OGI_E_FEE_NOT_APPLICABLE,
			                  "the applicant's identity number is not recorded, and "
			                  "the monthly count is by identity number: give ordinal");
		int rc = ogi_db_applicant_month_count(db, w->body_id, w->id_number, w->received_on,
		                                      w->request_id, &in.ordinal);
		if (rc != 0)
			return rc;
		json_object_set_new(w->payload, "ordinal", json_integer(in.ordinal));
	}
	struct ogi_fee_notice_result out;
	int rc = ogi_fee_notice_complete(w->cal, &in, &out, w->errs, w->detail, w->detail_len);
	if (rc != 0)
		return rc;
	json_object_set_new(w->payload, "amount", ogi_money_json(out.amount));
	if (out.quoted != OGI_MONEY_NONE)
		json_object_set_new(w->payload, "quoted_amount", ogi_money_json(out.quoted));
	if (in.pay_by == OGI_DATE_NONE) {
		char buf[OGI_DATE_STRLEN];
		json_object_set_new(w->payload, "pay_by",
		                    json_string(ogi_date_format(out.pay_by, buf)));
	}
	return 0;
}

static int complete_payment(struct ogi_db *db, struct event_effects *w)
{
	struct ogi_fee_notice notice;
	int rc = ogi_db_fee_notice_outstanding(db, w->request_id, &notice);
	if (rc == OGI_E_NOT_FOUND)
		return ogi_refuse(w->detail, w->detail_len, OGI_E_PAYMENT_WITHOUT_NOTICE,
		                  "no fee notice is outstanding");
	if (rc != 0)
		return rc;
	struct ogi_fee_payment_input in = {.amount = money_of(w->payload, "amount"),
	                                   .reduced = named(w->payload, "reduction_reason")};
	for (int k = 0; k < OGI_FEE_PART_COUNT; k++) {
		in.part_named[k] = named(w->payload, ogi_fee_part_names[k]);
		in.part[k] = money_of(w->payload, ogi_fee_part_names[k]);
	}
	struct ogi_fee_payment_result out;
	rc = ogi_fee_payment_complete(&notice, &in, &out, w->errs);
	free(notice.waiver_note);
	if (rc != 0)
		return rc;
	for (int k = 0; k < OGI_FEE_PART_COUNT && out.split; k++)
		json_object_set_new(w->payload, ogi_fee_part_names[k], money_or_null(out.part[k]));
	json_object_set_new(w->payload, "amount", ogi_money_json(out.paid));
	return 0;
}

int event_effects_complete(struct ogi_db *db, struct event_effects *w)
{
	switch (w->type) {
	case OGI_EV_FEE_NOTICE_ISSUED:
		return complete_notice(db, w);
	case OGI_EV_FEE_PAID:
		return complete_payment(db, w);
	default:
		return 0;
	}
}

static int notice_insert(struct ogi_db *db, struct event_effects *w, long long event_id)
{
	json_t *pl = w->payload;
	int method = enum_of(pl, "method", ogi_fee_method_names);
	json_t *pages = json_object_get(pl, "pages");
	struct ogi_fee_notice n = {
	    .request_id = w->request_id,
	    .body_id = w->body_id,
	    .event_id = event_id,
	    .method = method >= 0 ? (enum ogi_fee_method)method : OGI_FEE_LEGACY,
	    .notice_on = w->on,
	    .pay_by = date_of(pl, "pay_by"),
	    .ordinal = int_of(pl, "ordinal"),
	    .pages = json_is_integer(pages) ? json_integer_value(pages) : -1,
	    .quoted = money_of(pl, "quoted_amount"),
	    .amount = money_of(pl, "amount"),
	};
	for (int k = 0; k < OGI_FEE_PART_COUNT; k++)
		n.part[k] = money_of(pl, ogi_fee_part_names[k]);
	return ogi_db_fee_notice_insert(db, &n);
}

/* The outstanding notice (if any) settled by this event. */
static int settle(struct ogi_db *db, struct event_effects *w, enum ogi_fee_status status,
                  long long event_id)
{
	json_t *pl = w->payload;
	struct ogi_fee_settlement s = {.status = status,
	                               .on = w->on,
	                               .event_id = event_id,
	                               .paid = OGI_MONEY_NONE,
	                               .reason = -1};
	for (int k = 0; k < OGI_FEE_PART_COUNT; k++)
		s.paid_part[k] = OGI_MONEY_NONE;
	if (status == OGI_FEE_PAID) {
		s.paid = money_of(pl, "amount");
		s.reason = enum_of(pl, "reduction_reason", ogi_waiver_reason_names);
		s.note = str_of(pl, "notes");
		/* a payment of cost fees: what it collected of each part */
		for (int k = 0; k < OGI_FEE_PART_COUNT; k++)
			s.paid_part[k] = money_of(pl, ogi_fee_part_names[k]);
	} else if (status == OGI_FEE_WAIVED) {
		s.reason = enum_of(pl, "reason", ogi_waiver_reason_names);
		s.note = str_of(pl, "notes");
	}
	return ogi_db_fee_notice_settle(db, w->request_id, &s);
}

int event_effects_apply(struct ogi_db *db, struct event_effects *w, long long event_id)
{
	json_t *pl = w->payload;
	long long consultation = int_of(pl, "consultation");
	switch (w->type) {
	case OGI_EV_FEE_NOTICE_ISSUED:
		return notice_insert(db, w, event_id);
	case OGI_EV_FEE_PAID:
		return settle(db, w, OGI_FEE_PAID, event_id);
	case OGI_EV_FEE_WAIVED:
		return settle(db, w, OGI_FEE_WAIVED, event_id);
	case OGI_EV_FEE_LAPSED:
	case OGI_EV_WITHDRAWN:
		/* a withdrawal with a notice outstanding: the fee was not collected */
		return settle(db, w, OGI_FEE_LAPSED, event_id);
	case OGI_EV_CONSULTATION_STARTED: {
		int party = enum_of(pl, "party", ogi_consultation_party_names);
		return ogi_db_consultation_insert(
		    db, w->request_id, w->body_id, event_id,
		    party == OGI_PARTY_OTHER_BODY ? OGI_PARTY_OTHER_BODY : OGI_PARTY_THIRD_PARTY,
		    str_of(pl, "name"), w->on, date_of(pl, "party_received_on"));
	}
	case OGI_EV_CONSULTATION_DELIVERED:
		return ogi_db_consultation_delivered(db, w->request_id, consultation, w->on);
	case OGI_EV_CONSULTATION_ENDED:
		return ogi_db_consultation_end(db, w->request_id, consultation,
		                               enum_of(pl, "answer", ogi_consultation_answer_names),
		                               w->on, str_of(pl, "reasons"), event_id);
	case OGI_EV_OBJECTION_OVERRIDDEN:
		return ogi_db_consultation_override(db, w->request_id, consultation,
		                                    str_of(pl, "reason"), w->on,
		                                    date_of(pl, "notified_on"), event_id);
	default:
		return 0;
	}
}
