/* The fee and consultation events' side of recording an event (see
 * fees_remedies.h): the payload completed from the database and the calendar,
 * and the read-model tables fee_notices and consultations kept current in
 * the event's transaction. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/clock.h"
#include "lib/fees.h"
#include "daemon/ep/fees_remedies.h"
#include "daemon/ep/ep.h"
#include "lib/refuse.h"
#include "lib/db/remedy_records.h"

json_t *money_json(long long fen)
{
	if (fen % 100 == 0)
		return json_integer(fen / 100);
	return json_real((double)fen / 100.0);
}

json_t *money_column(PGresult *res, int row, int col)
{
	long long fen;
	const char *v = ogi_db_str(res, row, col);
	return v != NULL && ogi_money_parse(v, &fen) ? money_json(fen) : json_null();
}

json_t *date_or_null(ogi_date d)
{
	char buf[OGI_DATE_STRLEN];
	return d == OGI_DATE_NONE ? json_null() : json_string(ogi_date_format(d, buf));
}

ogi_date date_column(PGresult *res, int row, int col)
{
	ogi_date d;
	const char *v = ogi_db_str(res, row, col);
	return v != NULL && ogi_date_parse(v, &d) ? d : OGI_DATE_NONE;
}

static int invalid(struct event_work *w, const char *field, const char *code, const char *zh,
                   const char *en)
{
	spec_error_add(w->errs, field, code, zh, en);
	return OGI_E_INVALID_INPUT;
}

/* yuan in the payload (validated by the spec) → fen; false when absent */
static bool payload_money(json_t *payload, const char *key, long long *fen)
{
	json_t *v = json_object_get(payload, key);
	return json_is_number(v) && ogi_money_from_yuan(json_number_value(v), fen);
}

static long long payload_int(json_t *payload, const char *key)
{
	json_t *v = json_object_get(payload, key);
	return json_is_integer(v) ? json_integer_value(v) : 0;
}

static const char *payload_str(json_t *payload, const char *key)
{
	json_t *v = json_object_get(payload, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static ogi_date payload_date(json_t *payload, const char *key)
{
	ogi_date d;
	const char *v = payload_str(payload, key);
	return v != NULL && ogi_date_parse(v, &d) ? d : OGI_DATE_NONE;
}

int event_records_resolve(struct ogi_db *db, struct event_work *w)
{
	if (w->type != OGI_EV_CONSULTATION_DELIVERED && w->type != OGI_EV_CONSULTATION_ENDED &&
	    w->type != OGI_EV_OBJECTION_OVERRIDDEN)
		return 0;
	if (json_object_get(w->payload, "consultation") != NULL || w->closed)
		return 0;
	const char *p[] = {w->request_text};
	PGresult *res;
	int n = ogi_db_exec(db, "consultations_of", 1, p, &res);
	if (n < 0)
		return n;
	long long found = 0;
	int matches = 0, unanswered = 0;
	for (int i = 0; i < n; i++)
		unanswered += ogi_db_str(res, i, CC_ANSWER) == NULL;
	for (int i = 0; i < n; i++) {
		const char *answer = ogi_db_str(res, i, CC_ANSWER);
		bool fits;
		if (w->type == OGI_EV_OBJECTION_OVERRIDDEN)
			fits = answer != NULL && strcmp(answer, "object") == 0 &&
			       strcmp(ogi_db_str(res, i, CC_PARTY), "third_party") == 0 &&
			       ogi_db_str(res, i, CC_OVERRIDE_REASON) == NULL;
		else if (w->type == OGI_EV_CONSULTATION_DELIVERED && unanswered == 0)
			fits = true; /* a receipt learnt after the answer */
		else
			fits = answer == NULL;
		if (fits) {
			matches++;
			found = ogi_db_int(res, i, CC_ID);
		}
	}
	PQclear(res);
	if (matches > 1 && w->type == OGI_EV_CONSULTATION_ENDED)
		return 0; /* the rule check names the open consultations' count */
	if (matches > 1)
		return ogi_refuse(w->detail, w->detail_len, OGI_E_CONSULTATION_AMBIGUOUS,
		                  "%d consultations fit: give consultation (the id of its "
		                  "consultation_started event)",
		                  matches);
	if (matches == 1)
		json_object_set_new(w->payload, "consultation", json_integer(found));
	return 0;
}

static int complete_notice(struct ogi_db *db, struct event_work *w)
{
	int method = ogi_enum_parse(ogi_fee_method_names, payload_str(w->payload, "method"));
	long long amount = 0, quoted = -1;
	bool has_amount = payload_money(w->payload, "amount", &amount);
	char why_zh[160] = "", why_en[160] = "";
	if (method == OGI_FEE_PER_ITEM) {
		long long ordinal = payload_int(w->payload, "ordinal");
		if (ordinal == 0) {
			if (w->id_number == NULL)
				return ogi_refuse(
				    w->detail, w->detail_len, OGI_E_FEE_NOT_APPLICABLE,
				    "the applicant's identity number is not recorded, and "
				    "the monthly "
				    "count is by identity number: give ordinal");
			char month[OGI_DATE_STRLEN], rid[24];
			snprintf(rid, sizeof rid, "%lld", w->request_id);
			const char *p[] = {w->body_text, w->id_number,
			                   ogi_date_format(w->received_on, month), rid};
			PGresult *res;
			int n = ogi_db_exec(db, "applicant_month_count", 4, p, &res);
			if (n < 0)
				return n;
			ordinal = ogi_db_int(res, 0, 0);
			PQclear(res);
			json_object_set_new(w->payload, "ordinal", json_integer(ordinal));
		}
		long long items = payload_int(w->payload, "items");
		quoted = 100 * ogi_fee_per_items(ordinal, items > 0 ? items : 1);
		snprintf(why_zh, sizeof why_zh, "本月第%lld件申请，按件计收为%lld元", ordinal,
		         quoted / 100);
		snprintf(why_en, sizeof why_en, "application %lld of the month: %lld yuan per item",
		         ordinal, quoted / 100);
	} else if (method == OGI_FEE_PER_VOLUME) {
		long long pages = payload_int(w->payload, "pages");
		quoted = 100 * ogi_fee_per_volume(pages);
		snprintf(why_zh, sizeof why_zh, "%lld页，按量计收为%lld元", pages, quoted / 100);
		snprintf(why_en, sizeof why_en, "%lld pages: %lld yuan by volume", pages,
		         quoted / 100);
	} else {
		long long part, sum = 0;
		bool any = false;
		static const char *const parts[] = {"search_fee", "copy_fee", "postage"};
		for (int k = 0; k < 3; k++)
			if (payload_money(w->payload, parts[k], &part)) {
				sum += part;
				any = true;
			}
		if (any && has_amount && amount != sum) {
			char buf[32];
			char zh[128], en[128];
			snprintf(zh, sizeof zh, "应等于检索费、复制费、邮寄费之和 %s 元",
			         ogi_money_format(sum, buf));
			snprintf(en, sizeof en, "must equal search_fee + copy_fee + postage = %s",
			         buf);
			return invalid(w, "amount", "sum", zh, en);
		}
		if (!any && !has_amount)
			return invalid(w, "amount", "required",
			               "请填写收费金额或检索、复制、邮寄费用",
			               "give the amount or its search_fee, copy_fee and postage");
		if (!has_amount)
			amount = sum;
		has_amount = true;
		snprintf(why_zh, sizeof why_zh, "收费金额为0元");
		snprintf(why_en, sizeof why_en, "the amount is 0");
	}
	if (!has_amount)
		amount = quoted;
	if (quoted >= 0 && amount > quoted) {
		/* the approver may charge less than the measures allow, never more */
		char buf[32], zh[160], en[160];
		ogi_money_format(quoted, buf);
		snprintf(zh, sizeof zh, "超过国办函〔2020〕109号规定的标准（%s 元）", buf);
		snprintf(en, sizeof en, "more than 国办函〔2020〕109号 allows (%s yuan)", buf);
		return invalid(w, "amount", "range", zh, en);
	}
	if (amount == 0)
		return ogi_refuse(w->detail, w->detail_len, OGI_E_FEE_NOT_APPLICABLE,
		                  "nothing to charge: %s", why_en);
	(void)why_zh;
	json_object_set_new(w->payload, "amount", money_json(amount));
	if (quoted >= 0)
		json_object_set_new(w->payload, "quoted_amount", money_json(quoted));
	/* the applicant has 20 working days from the notice; a later date may be given, not an
	 * earlier */
	bool prov = false;
	ogi_date window = ogi_add_workdays(w->cal, w->on, OGI_FEE_PAYMENT_WORKDAYS, &prov);
	ogi_date pay_by = payload_date(w->payload, "pay_by");
	char buf[OGI_DATE_STRLEN];
	if (pay_by != OGI_DATE_NONE && pay_by < window) {
		char zh[160], en[160];
		ogi_date_format(window, buf);
		snprintf(zh, sizeof zh, "缴费期限不得短于收费通知后20个工作日（%s）", buf);
		snprintf(en, sizeof en,
		         "must not be earlier than 20 working days after the notice (%s)", buf);
		return invalid(w, "pay_by", "range", zh, en);
	}
	if (pay_by == OGI_DATE_NONE)
		json_object_set_new(w->payload, "pay_by",
		                    json_string(ogi_date_format(window, buf)));
	return 0;
}

static const char *const fee_parts[] = {"search_fee", "copy_fee", "postage"};
static const char *const fee_parts_zh[] = {"检索费", "复制费", "邮寄费"};

/* A payment of cost fees (legacy) says what it collected of each part: the
 * parts as noticed when paid in full, the only part noticed, or — for a
 * reduction of several parts — the parts given (the approver's decision;
 * ogi never apportions).  Fills the payload's search_fee, copy_fee and
 * postage (null for a part not noticed). */
static int complete_paid_parts(struct event_work *w, PGresult *notice, long long paid,
                               long long noticed)
{
	long long part[3], given[3], sum = 0;
	bool noticed_part[3], has[3], any = false;
	int nonzero = 0, only = -1;
	for (int k = 0; k < 3; k++) {
		const char *v = ogi_db_str(notice, 0, FC_SEARCH_FEE + k);
		noticed_part[k] = v != NULL && ogi_money_parse(v, &part[k]);
		if (!noticed_part[k])
			part[k] = 0;
		if (part[k] > 0) {
			nonzero++;
			only = k;
		}
		has[k] = payload_money(w->payload, fee_parts[k], &given[k]);
		any = any || has[k];
		sum += has[k] ? given[k] : 0;
	}
	char buf[32], zh[160], en[160];
	for (int k = 0; k < 3; k++)
		if (has[k] && given[k] > part[k]) {
			ogi_money_format(part[k], buf);
			snprintf(zh, sizeof zh, "不得超过收费通知的%s %s 元", fee_parts_zh[k], buf);
			snprintf(en, sizeof en, "must not exceed the noticed %s of %s yuan",
			         fee_parts[k], buf);
			return invalid(w, fee_parts[k], "range", zh, en);
		}
	if (any && sum != paid) {
		ogi_money_format(sum, buf);
		snprintf(zh, sizeof zh, "应等于实收的检索费、复制费、邮寄费之和 %s 元", buf);
		snprintf(en, sizeof en, "must equal search_fee + copy_fee + postage = %s", buf);
		return invalid(w, "amount", "sum", zh, en);
	}
	if (nonzero == 0)
		return 0; /* a notice of its amount only: nothing to split */
	if (!any && paid == noticed) {
		for (int k = 0; k < 3; k++)
			given[k] = part[k];
	} else if (!any && nonzero == 1) {
		for (int k = 0; k < 3; k++)
			given[k] = k == only ? paid : 0;
	} else if (!any) {
		return invalid(
		    w, "search_fee", "required",
		    "减收成本费用时，须分列实收的检索费（search_fee）、复制费（copy_fee）、"
		    "邮寄费（postage）",
		    "a reduced payment of cost fees says what it collected of search_fee, "
		    "copy_fee and postage");
	}
	for (int k = 0; k < 3; k++) {
		if (!any || !has[k])
			given[k] = any ? 0 : given[k];
		json_object_set_new(w->payload, fee_parts[k],
		                    noticed_part[k] || given[k] > 0 ? money_json(given[k])
		                                                    : json_null());
	}
	return 0;
}

static int complete_payment(struct ogi_db *db, struct event_work *w)
{
	const char *p[] = {w->request_text};
	PGresult *res;
	int n = ogi_db_exec(db, "fee_notice_outstanding", 1, p, &res);
	if (n < 0)
		return n;
	if (n == 0) {
		PQclear(res);
		return ogi_refuse(w->detail, w->detail_len, OGI_E_PAYMENT_WITHOUT_NOTICE,
		                  "no fee notice is outstanding");
	}
	long long noticed = 0, paid = 0, part;
	ogi_money_parse(ogi_db_str(res, 0, FC_AMOUNT), &noticed);
	bool legacy = strcmp(ogi_db_str(res, 0, FC_METHOD), "legacy") == 0;
	char method[16];
	snprintf(method, sizeof method, "%s", ogi_db_str(res, 0, FC_METHOD));
	char buf[32], zh[160], en[160];
	int rc = 0;
	for (int k = 0; k < 3 && !legacy; k++)
		if (json_object_get(w->payload, fee_parts[k]) != NULL) {
			snprintf(zh, sizeof zh, "%s 方式的收费不分列检索、复制、邮寄费用", method);
			snprintf(en, sizeof en, "not used with a %s notice (cost fees only)",
			         method);
			rc = invalid(w, fee_parts[k], "unexpected", zh, en);
		}
	if (rc != 0)
		goto out;
	ogi_money_format(noticed, buf);
	if (!payload_money(w->payload, "amount", &paid)) {
		paid = 0;
		bool any = false;
		for (int k = 0; k < 3; k++)
			if (payload_money(w->payload, fee_parts[k], &part)) {
				paid += part;
				any = true;
			}
		if (!any)
			paid = noticed;
	}
	bool reduced = json_object_get(w->payload, "reduction_reason") != NULL;
	if (paid > noticed) {
		snprintf(zh, sizeof zh, "不得超过收费通知的金额 %s 元", buf);
		snprintf(en, sizeof en, "must not exceed the noticed amount of %s yuan", buf);
		rc = invalid(w, "amount", "range", zh, en);
	} else if (paid == 0) {
		rc = invalid(w, "amount", "range", "实收金额应大于0（全部免收请记录 fee_waived）",
		             "must be more than 0 (record fee_waived when nothing is collected)");
	} else if (paid < noticed && !reduced) {
		snprintf(zh, sizeof zh, "实缴金额少于通知金额 %s 元，须说明减免原因", buf);
		snprintf(en, sizeof en,
		         "less than the noticed %s yuan: give the reduction's reason", buf);
		rc = invalid(w, "reduction_reason", "required", zh, en);
	} else if (paid == noticed && reduced) {
		rc = invalid(w, "reduction_reason", "unexpected", "全额缴费时不填写减免原因",
		             "a reason goes with a reduced amount only");
	} else if (legacy) {
		rc = complete_paid_parts(w, res, paid, noticed);
	}
	if (rc == 0)
		json_object_set_new(w->payload, "amount", money_json(paid));
out:
	PQclear(res);
	return rc;
}

int event_records_complete(struct ogi_db *db, struct event_work *w)
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

static const char *money_param(json_t *payload, const char *key, char buf[32])
{
	long long fen;
	return payload_money(payload, key, &fen) ? ogi_money_format(fen, buf) : NULL;
}

static const char *int_param(json_t *payload, const char *key, char buf[24])
{
	json_t *v = json_object_get(payload, key);
	if (!json_is_integer(v))
		return NULL;
	snprintf(buf, 24, "%lld", (long long)json_integer_value(v));
	return buf;
}

static int settle(struct ogi_db *db, struct event_work *w, const char *status, const char *paid,
                  const char *reason, const char *note, const char *event)
{
	char on[OGI_DATE_STRLEN], parts[3][32];
	const char *p[] = {w->request_text,
	                   status,
	                   ogi_date_format(w->on, on),
	                   event,
	                   paid,
	                   reason,
	                   note,
	                   NULL,
	                   NULL,
	                   NULL};
	/* a payment of cost fees: what it collected of each part */
	for (int k = 0; k < 3 && paid != NULL; k++)
		p[7 + k] = money_param(w->payload, fee_parts[k], parts[k]);
	int n = ogi_db_exec(db, "fee_notice_settle", 10, p, NULL);
	return n < 0 ? n : 0;
}

int event_records_apply(struct ogi_db *db, struct event_work *w, long long event_id)
{
	char ev[24], on[OGI_DATE_STRLEN], b[4][32], cons[24];
	snprintf(ev, sizeof ev, "%lld", event_id);
	ogi_date_format(w->on, on);
	json_t *pl = w->payload;
	int n = 0;
	switch (w->type) {
	case OGI_EV_FEE_NOTICE_ISSUED: {
		char ord[24], pages[24];
		const char *p[] = {w->request_text,
		                   w->body_text,
		                   ev,
		                   payload_str(pl, "method"),
		                   on,
		                   payload_str(pl, "pay_by"),
		                   int_param(pl, "ordinal", ord),
		                   int_param(pl, "pages", pages),
		                   money_param(pl, "quoted_amount", b[0]),
		                   money_param(pl, "amount", b[1]),
		                   money_param(pl, "search_fee", b[2]),
		                   money_param(pl, "copy_fee", b[3]),
		                   NULL};
		char postage[32];
		p[12] = money_param(pl, "postage", postage);
		n = ogi_db_exec(db, "fee_notice_insert", 13, p, NULL);
		break;
	}
	case OGI_EV_FEE_PAID:
		return settle(db, w, "paid", money_param(pl, "amount", b[0]),
		              payload_str(pl, "reduction_reason"), payload_str(pl, "notes"), ev);
	case OGI_EV_FEE_WAIVED:
		return settle(db, w, "waived", NULL, payload_str(pl, "reason"),
		              payload_str(pl, "notes"), ev);
	case OGI_EV_FEE_LAPSED:
	case OGI_EV_WITHDRAWN:
		/* a withdrawal with a notice outstanding: the fee was not collected */
		return settle(db, w, "lapsed", NULL, NULL, NULL, ev);
	case OGI_EV_CONSULTATION_STARTED: {
		const char *p[] = {ev,
		                   w->request_text,
		                   w->body_text,
		                   payload_str(pl, "party"),
		                   payload_str(pl, "name"),
		                   on,
		                   payload_str(pl, "party_received_on")};
		n = ogi_db_exec(db, "consultation_insert", 7, p, NULL);
		break;
	}
	case OGI_EV_CONSULTATION_DELIVERED: {
		const char *p[] = {int_param(pl, "consultation", cons), w->request_text, on};
		n = ogi_db_exec(db, "consultation_delivered", 3, p, NULL);
		break;
	}
	case OGI_EV_CONSULTATION_ENDED: {
		const char *p[] = {int_param(pl, "consultation", cons), w->request_text,
		                   payload_str(pl, "answer"),           on,
		                   payload_str(pl, "reasons"),          ev};
		n = ogi_db_exec(db, "consultation_end", 6, p, NULL);
		break;
	}
	case OGI_EV_OBJECTION_OVERRIDDEN: {
		const char *p[] = {int_param(pl, "consultation", cons), w->request_text,
		                   payload_str(pl, "reason"),           on,
		                   payload_str(pl, "notified_on"),      ev};
		n = ogi_db_exec(db, "consultation_override", 6, p, NULL);
		break;
	}
	default:
		break;
	}
	return n < 0 ? n : 0;
}
