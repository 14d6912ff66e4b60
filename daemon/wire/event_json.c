/* An event as the API takes it (POST /api/v1/requests/{id}/events) and gives it (GET …/events):
 * each type's payload spec (DESIGN.md §2 "Events and status") and the rules a spec cannot say. */
#include "daemon/wire/event_json.h"

#include <stdio.h>
#include <string.h>

#include "lib/clock.h"
#include "lib/fees.h"

/* The payload fields each event type takes, besides type and on. */
struct payload {
	const char *items, *reason, *name, *unit, *basis, *notes, *referred_body, *text, *approver,
	    *reasons, *override_reason;
	int party, answer, method, waiver_reason, reduction_reason, delivery;
	long long working_days, pages, ordinal, consultation, fee_items, assignee, to_body_id;
	double amount, search_fee, copy_fee, postage;
	ogi_date correction_due, due_on, delivered_on, party_received_on, pay_by, notified_on;
	int outcome;
	bool has[40];
};
enum {
	H_ITEMS,
	H_REASON,
	H_PARTY,
	H_NAME,
	H_ANSWER,
	H_BASIS,
	H_NOTES,
	H_REFERRED,
	H_DELIVERY_METHOD,
	H_TEXT,
	H_METHOD,
	H_APPROVER,
	H_REASONS,
	H_WD,
	H_AMOUNT,
	H_PAGES,
	H_ORDINAL,
	H_CONSULTATION,
	H_CORRECTION_DUE,
	H_DUE_ON,
	H_DELIVERED_ON,
	H_PARTY_RECEIVED,
	H_PAY_BY,
	H_OUTCOME,
	H_OVERRIDE,
	H_SEARCH_FEE,
	H_COPY_FEE,
	H_POSTAGE,
	H_REDUCTION,
	H_NOTIFIED_ON,
	H_FEE_ITEMS,
	H_ASSIGNEE,
	H_UNIT,
	H_COUNT
};
_Static_assert(H_COUNT <= 40, "struct payload's has[] is too small");

/* Builds the spec of one event type into spec (room for 16 fields). */
static void event_spec(enum ogi_event_type t, struct payload *p, int *type_idx, ogi_date *on,
                       struct spec *spec)
{
	int n = 0;
	spec[n++] = (struct spec)SPEC_ENUM("type", ogi_event_type_names, type_idx);
	spec[n++] = (struct spec)SPEC_DATE("on", on);
	spec[n++] = (struct spec)SPEC_OPT(
	    &p->has[H_OVERRIDE], SPEC_F_STRING("override_reason", &p->override_reason, 500));
	switch (t) {
	case OGI_EV_CORRECTION_REQUESTED:
		spec[n++] = (struct spec)SPEC_STRING("items", &p->items, 2000);
		spec[n++] = (struct spec)SPEC_OPT(
		    &p->has[H_CORRECTION_DUE], SPEC_F_DATE("correction_due", &p->correction_due));
		break;
	case OGI_EV_CONSULTATION_STARTED:
		spec[n++] =
		    (struct spec)SPEC_ENUM("party", ogi_consultation_party_names, &p->party);
		spec[n++] = (struct spec)SPEC_STRING("name", &p->name, 200);
		spec[n++] =
		    (struct spec)SPEC_OPT(&p->has[H_PARTY_RECEIVED],
		                          SPEC_F_DATE("party_received_on", &p->party_received_on));
		spec[n++] = (struct spec)SPEC_OPT(&p->has[H_NOTES],
		                                  SPEC_F_STRING("notes", &p->notes, 2000));
		break;
	case OGI_EV_CONSULTATION_DELIVERED:
		spec[n++] = (struct spec)SPEC_OPT(
		    &p->has[H_CONSULTATION],
		    SPEC_F_INT("consultation", &p->consultation, 1, INT64_MAX / 2));
		break;
	case OGI_EV_CONSULTATION_ENDED:
		spec[n++] = (struct spec)SPEC_OPT(
		    &p->has[H_CONSULTATION],
		    SPEC_F_INT("consultation", &p->consultation, 1, INT64_MAX / 2));
		spec[n++] =
		    (struct spec)SPEC_ENUM("answer", ogi_consultation_answer_names, &p->answer);
		spec[n++] = (struct spec)SPEC_OPT(&p->has[H_REASONS],
		                                  SPEC_F_STRING("reasons", &p->reasons, 2000));
		spec[n++] = (struct spec)SPEC_OPT(&p->has[H_NOTES],
		                                  SPEC_F_STRING("notes", &p->notes, 2000));
		break;
	case OGI_EV_OBJECTION_OVERRIDDEN:
		spec[n++] = (struct spec)SPEC_OPT(
		    &p->has[H_CONSULTATION],
		    SPEC_F_INT("consultation", &p->consultation, 1, INT64_MAX / 2));
		spec[n++] = (struct spec)SPEC_STRING("reason", &p->reason, 2000);
		spec[n++] = (struct spec)SPEC_OPT(&p->has[H_NOTIFIED_ON],
		                                  SPEC_F_DATE("notified_on", &p->notified_on));
		break;
	case OGI_EV_EXTENSION_APPROVED:
		spec[n++] = (struct spec)SPEC_INT("working_days", &p->working_days, 1, 20);
		spec[n++] = (struct spec)SPEC_STRING("approver", &p->approver, 100);
		spec[n++] = (struct spec)SPEC_STRING("reason", &p->reason, 2000);
		break;
	case OGI_EV_DELAY_SET:
		spec[n++] = (struct spec)SPEC_DATE("due_on", &p->due_on);
		spec[n++] = (struct spec)SPEC_STRING("reason", &p->reason, 2000);
		break;
	case OGI_EV_FEE_NOTICE_ISSUED:
		spec[n++] = (struct spec)SPEC_ENUM("method", ogi_fee_method_names, &p->method);
		spec[n++] =
		    (struct spec)SPEC_OPT(&p->has[H_AMOUNT], SPEC_F_NUMBER("amount", &p->amount));
		spec[n++] = (struct spec)SPEC_OPT(
		    &p->has[H_PAGES], SPEC_F_INT("pages", &p->pages, 0, OGI_FEE_MAX_PAGES));
		spec[n++] = (struct spec)SPEC_OPT(
		    &p->has[H_ORDINAL], SPEC_F_INT("ordinal", &p->ordinal, 1, OGI_FEE_MAX_ORDINAL));
		spec[n++] = (struct spec)SPEC_OPT(
		    &p->has[H_FEE_ITEMS], SPEC_F_INT("items", &p->fee_items, 1, OGI_FEE_MAX_ITEMS));
		spec[n++] =
		    (struct spec)SPEC_OPT(&p->has[H_PAY_BY], SPEC_F_DATE("pay_by", &p->pay_by));
		spec[n++] = (struct spec)SPEC_OPT(&p->has[H_SEARCH_FEE],
		                                  SPEC_F_NUMBER("search_fee", &p->search_fee));
		spec[n++] = (struct spec)SPEC_OPT(&p->has[H_COPY_FEE],
		                                  SPEC_F_NUMBER("copy_fee", &p->copy_fee));
		spec[n++] = (struct spec)SPEC_OPT(&p->has[H_POSTAGE],
		                                  SPEC_F_NUMBER("postage", &p->postage));
		spec[n++] = (struct spec)SPEC_OPT(&p->has[H_NOTES],
		                                  SPEC_F_STRING("notes", &p->notes, 2000));
		break;
	case OGI_EV_FEE_PAID:
		spec[n++] =
		    (struct spec)SPEC_OPT(&p->has[H_AMOUNT], SPEC_F_NUMBER("amount", &p->amount));
		/* cost fees: what the payment collected of each part */
		spec[n++] = (struct spec)SPEC_OPT(&p->has[H_SEARCH_FEE],
		                                  SPEC_F_NUMBER("search_fee", &p->search_fee));
		spec[n++] = (struct spec)SPEC_OPT(&p->has[H_COPY_FEE],
		                                  SPEC_F_NUMBER("copy_fee", &p->copy_fee));
		spec[n++] = (struct spec)SPEC_OPT(&p->has[H_POSTAGE],
		                                  SPEC_F_NUMBER("postage", &p->postage));
		spec[n++] = (struct spec)SPEC_OPT(
		    &p->has[H_REDUCTION],
		    SPEC_F_ENUM("reduction_reason", ogi_waiver_reason_names, &p->reduction_reason));
		spec[n++] = (struct spec)SPEC_OPT(&p->has[H_NOTES],
		                                  SPEC_F_STRING("notes", &p->notes, 2000));
		break;
	case OGI_EV_FEE_WAIVED:
		spec[n++] =
		    (struct spec)SPEC_ENUM("reason", ogi_waiver_reason_names, &p->waiver_reason);
		spec[n++] = (struct spec)SPEC_OPT(&p->has[H_NOTES],
		                                  SPEC_F_STRING("notes", &p->notes, 2000));
		break;
	case OGI_EV_REPLIED:
		spec[n++] = (struct spec)SPEC_ENUM("outcome", ogi_outcome_names, &p->outcome);
		spec[n++] =
		    (struct spec)SPEC_OPT(&p->has[H_BASIS], SPEC_F_STRING("basis", &p->basis, 500));
		spec[n++] = (struct spec)SPEC_OPT(&p->has[H_NOTES],
		                                  SPEC_F_STRING("notes", &p->notes, 5000));
		spec[n++] = (struct spec)SPEC_OPT(&p->has[H_DELIVERED_ON],
		                                  SPEC_F_DATE("delivered_on", &p->delivered_on));
		/* how the reply reached the applicant: the ways of the request's form.delivery */
		spec[n++] = (struct spec)SPEC_OPT(
		    &p->has[H_DELIVERY_METHOD],
		    SPEC_F_ENUM("delivery_method", ogi_delivery_names, &p->delivery));
		spec[n++] = (struct spec)SPEC_OPT(
		    &p->has[H_REFERRED], SPEC_F_STRING("referred_body", &p->referred_body, 200));
		break;
	case OGI_EV_WITHDRAWN:
	case OGI_EV_CORRECTION_LAPSED:
	case OGI_EV_FEE_LAPSED:
		spec[n++] = (struct spec)SPEC_OPT(&p->has[H_NOTES],
		                                  SPEC_F_STRING("notes", &p->notes, 2000));
		break;
	case OGI_EV_NOTE:
		spec[n++] = (struct spec)SPEC_STRING("text", &p->text, 5000);
		break;
	case OGI_EV_ASSIGNED: /* null (or absent) clears it: no one's, in no unit */
		spec[n++] = (struct spec)SPEC_OPT(
		    &p->has[H_ASSIGNEE], SPEC_F_INT("assignee", &p->assignee, 1, INT64_MAX / 2));
		spec[n++] = (struct spec)SPEC_OPT(
		    &p->has[H_UNIT], SPEC_F_STRING("unit", &p->unit, 100), SPEC_F_NONEMPTY);
		break;
	case OGI_EV_TRANSFERRED:
		spec[n++] = (struct spec)SPEC_INT("to_body_id", &p->to_body_id, 1, INT64_MAX / 2);
		spec[n++] = (struct spec)SPEC_STRING("reason", &p->reason, 2000); /* not empty */
		break;
	default:
		break;
	}
	spec[n] = (struct spec)SPEC_END;
}

static void date_range_error(struct spec_errors *errs, const char *field, ogi_date d, ogi_date on)
{
	if (d > ogi_today())
		spec_error_add(errs, field, "date_in_future", "日期不能晚于今天",
		               "the date cannot be in the future");
	else if (d < on)
		spec_error_add(errs, field, "range", "不能早于事件日期（on）",
		               "cannot be before the event's date (on)");
}

static void money_error(struct spec_errors *errs, const char *field, double yuan, bool positive)
{
	long long fen;
	if (!ogi_money_from_yuan(yuan, &fen))
		spec_error_add(errs, field, "money", "金额应为不小于0的元数，最多两位小数",
		               "an amount in yuan, not negative, with at most two decimals");
	else if (positive && fen == 0)
		spec_error_add(errs, field, "range", "金额应大于0", "must be more than 0");
}

static void not_with(struct spec_errors *errs, bool given, const char *field, const char *method)
{
	char zh[128], en[128];
	if (!given)
		return;
	snprintf(zh, sizeof zh, "%s 方式不使用该字段", method);
	snprintf(en, sizeof en, "not used with method %s", method);
	spec_error_add(errs, field, "unexpected", zh, en);
}

/* The amounts a fee event may carry: the total (more than 0) and the 2008
 * regime's parts (0 or more). */
static void money_fields(const struct payload *p, struct spec_errors *errs)
{
	if (p->has[H_AMOUNT])
		money_error(errs, "amount", p->amount, true);
	if (p->has[H_SEARCH_FEE])
		money_error(errs, "search_fee", p->search_fee, false);
	if (p->has[H_COPY_FEE])
		money_error(errs, "copy_fee", p->copy_fee, false);
	if (p->has[H_POSTAGE])
		money_error(errs, "postage", p->postage, false);
}

/* The rules of the fee and consultation payloads that the spec cannot say. */
static bool fee_consultation_input_ok(enum ogi_event_type t, ogi_date on, struct payload *p,
                                      struct spec_errors *errs)
{
	switch (t) {
	case OGI_EV_CORRECTION_REQUESTED:
		/* the applicant's time to correct lies after the notice (it may be in the future)
		 */
		if (p->has[H_CORRECTION_DUE] && p->correction_due <= on)
			spec_error_add(errs, "correction_due", "range",
			               "补正期限应晚于告知补正的日期",
			               "the time to correct must end after the notice's date");
		break;
	case OGI_EV_CONSULTATION_STARTED:
		if (p->has[H_PARTY_RECEIVED])
			date_range_error(errs, "party_received_on", p->party_received_on, on);
		break;
	case OGI_EV_CONSULTATION_ENDED:
		if (p->answer == OGI_ANSWER_OBJECT && (!p->has[H_REASONS] || p->reasons[0] == '\0'))
			spec_error_add(errs, "reasons", "required",
			               "第三方不同意公开的，应记录其理由",
			               "an objection needs the party's reasons");
		break;
	case OGI_EV_OBJECTION_OVERRIDDEN:
		if (p->has[H_NOTIFIED_ON])
			date_range_error(errs, "notified_on", p->notified_on, on);
		break;
	case OGI_EV_FEE_NOTICE_ISSUED: {
		const char *m = ogi_fee_method_names[p->method];
		money_fields(p, errs);
		if (p->method != OGI_FEE_LEGACY) {
			not_with(errs, p->has[H_SEARCH_FEE], "search_fee", m);
			not_with(errs, p->has[H_COPY_FEE], "copy_fee", m);
			not_with(errs, p->has[H_POSTAGE], "postage", m);
		}
		if (p->method != OGI_FEE_PER_ITEM) {
			not_with(errs, p->has[H_ORDINAL], "ordinal", m);
			not_with(errs, p->has[H_FEE_ITEMS], "items", m);
		}
		if (p->method != OGI_FEE_PER_VOLUME)
			not_with(errs, p->has[H_PAGES], "pages", m);
		else if (!p->has[H_PAGES])
			spec_error_add(errs, "pages", "required", "按量计收须填写页数",
			               "per_volume needs the number of pages");
		if (p->has[H_PAY_BY] && p->pay_by <= on)
			spec_error_add(errs, "pay_by", "range", "缴费期限应晚于收费通知日期",
			               "must be after the notice date");
		break;
	}
	case OGI_EV_FEE_PAID:
		money_fields(p, errs);
		break;
	case OGI_EV_FEE_WAIVED:
		if (p->waiver_reason == OGI_WAIVER_OTHER &&
		    (!p->has[H_NOTES] || p->notes[0] == '\0'))
			spec_error_add(errs, "notes", "required",
			               "减免原因为“其他”的，应说明具体原因",
			               "a waiver for another reason needs notes saying which");
		break;
	default:
		break;
	}
	return errs->n == 0;
}

/* The spec of the event's type and the rules beyond it: on success in's
 * type and on, p the payload's fields (pointing into body). */
static bool event_parse(json_t *body, struct event_input *in, struct payload *p,
                        struct spec_errors *errs)
{
	if (!json_is_object(body)) {
		spec_error_add(errs, "", "type", "请求体应为 JSON 对象",
		               "the body must be a JSON object");
		return false;
	}
	json_t *type = json_object_get(body, "type");
	int type_idx = json_is_string(type)
	                   ? ogi_enum_parse(ogi_event_type_names, json_string_value(type))
	                   : -1;
	if (type_idx == OGI_EV_DEADLINE_RECOMPUTED || type_idx == OGI_EV_REGISTERED ||
	    type_idx == OGI_EV_SUPERVISED || type_idx == OGI_EV_SUPERVISION_ANSWERED) {
		spec_error_add(errs, "type", "enum", "该事件由系统记录，不能手工登记",
		               "this event is recorded by ogi itself");
		return false;
	}
	if (type_idx == OGI_EV_RECORD_CORRECTED) {
		spec_error_add(errs, "type", "enum",
		               "更正登记请在申请页面的“更正登记”中办理，不能手工登记",
		               "corrections of the registration are made with PATCH "
		               "/api/v1/requests/{id}, not recorded by hand");
		return false;
	}
	if (type_idx >= 0 && ogi_event_is_letter((enum ogi_event_type)type_idx)) {
		spec_error_add(errs, "type", "enum",
		               "文书的签发、作废和送达在文书中办理，不能手工登记",
		               "letters are issued, voided and served through …/letters");
		return false;
	}
	struct spec spec[20];
	event_spec(type_idx < 0 ? OGI_EV_NOTE : (enum ogi_event_type)type_idx, p, &type_idx,
	           &in->on, spec);
	if (!spec_parse(body, spec, errs))
		return false;
	in->type = (enum ogi_event_type)type_idx;
	if (in->on > ogi_today()) {
		spec_error_add(errs, "on", "date_in_future", "日期不能晚于今天",
		               "the date cannot be in the future");
		return false;
	}
	if (in->type == OGI_EV_REPLIED && p->outcome == OGI_OUT_NOT_HELD_OTHER_BODY &&
	    (!p->has[H_REFERRED] || p->referred_body[0] == '\0')) {
		spec_error_add(errs, "referred_body", "required",
		               "非本机关答复须写明负责公开该信息的机关名称",
		               "name the body that holds the information");
		return false;
	}
	if (in->type == OGI_EV_REPLIED && !ogi_outcome_is_reply(p->outcome)) {
		spec_error_add(
		    errs, "outcome", "enum", "该结果由撤回、逾期不补正或逾期未缴费事件记录",
		    "this outcome comes from a withdrawn, correction_lapsed or fee_lapsed event");
		return false;
	}
	if (p->has[H_DELIVERED_ON] && (p->delivered_on < in->on || p->delivered_on > ogi_today())) {
		spec_error_add(errs, "delivered_on", "range", "送达日期须在答复日期与今天之间",
		               "delivered_on must be between the reply date and today");
		return false;
	}
	/* the body's own rules of fee notices and consultations (lib/fees, lib/remedies) */
	return fee_consultation_input_ok(in->type, in->on, p, errs);
}

bool wire_event_parse(json_t *body, struct event_input *in, struct spec_errors *errs)
{
	struct payload p = {0};
	*in = (struct event_input){0};
	if (!event_parse(body, in, &p, errs))
		return false;
	/* the payload as stored: the body without type and on */
	in->payload = json_deep_copy(body);
	json_object_del(in->payload, "type");
	json_object_del(in->payload, "on");
	/* the reason points into body, which outlives the route */
	in->override_reason = p.has[H_OVERRIDE] ? p.override_reason : NULL;
	return true;
}

json_t *wire_event(const struct ogi_event *e)
{
	char on[OGI_DATE_STRLEN];
	/* actor_name: who recorded it as a person reads it (the display name) */
	return json_pack("{s:I, s:s, s:s, s:O, s:s, s:s, s:s}", "id", (json_int_t)e->id, "type",
	                 ogi_event_type_names[e->type], "on", ogi_date_format(e->on, on), "payload",
	                 e->payload, "actor", e->actor, "actor_name",
	                 e->actor_name[0] ? e->actor_name : e->actor, "recorded_at",
	                 e->recorded_at);
}
