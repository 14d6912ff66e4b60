/* The records of reconsideration and litigation: their rules after a change,
 * how the annual report counts them, the request they belong to (see
 * remedies.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/clock.h"
#include "lib/refuse.h"
#include "lib/remedies.h"
#include "lib/report.h"

void ogi_reconsideration_list_free(struct ogi_reconsideration_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void ogi_litigation_list_free(struct ogi_litigation_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void ogi_remedy_records_free(struct ogi_remedy_records *r)
{
	ogi_reconsideration_list_free(&r->rc);
	ogi_litigation_list_free(&r->lit);
}

void ogi_remedy_history_free(struct ogi_remedy_history *h)
{
	for (size_t i = 0; i < h->n; i++) {
		json_decref(h->v[i].old_value);
		json_decref(h->v[i].new_value);
	}
	free(h->v);
	h->v = NULL;
	h->n = 0;
}

void ogi_reconsideration_init(struct ogi_reconsideration *r, const struct ogi_remedy_owner *o)
{
	memset(r, 0, sizeof *r);
	r->request_id = o->id;
	r->body_id = o->body_id;
	r->filed_on = r->accepted_on = r->decided_on = r->served_on = OGI_DATE_NONE;
	r->redo_due = r->redone_on = OGI_DATE_NONE;
	r->procedure = OGI_PROCEDURE_ORDINARY;
	r->decision = -1;
}

void ogi_instance_init(struct ogi_litigation_instance *x, int seq)
{
	memset(x, 0, sizeof *x);
	x->seq = seq;
	x->kind = OGI_INSTANCE_FIRST;
	x->procedure = OGI_PROCEDURE_ORDINARY;
	x->judgment = -1;
	x->filed_on = x->served_on = x->hearing_on = x->decided_on = OGI_DATE_NONE;
	x->judgment_served_on = x->redo_due = x->redone_on = OGI_DATE_NONE;
	x->result = OGI_RESULT_PENDING;
}

void ogi_litigation_init(struct ogi_litigation *l, const struct ogi_remedy_owner *o)
{
	memset(l, 0, offsetof(struct ogi_litigation, inst));
	l->request_id = o->id;
	l->body_id = o->body_id;
	l->filed_on = OGI_DATE_NONE;
	/* the first instance is filed with the litigation */
	l->ninst = 1;
	ogi_instance_init(&l->inst[0], 1);
}

void ogi_remedy_owner_of(const struct ogi_request *r, struct ogi_remedy_owner *out)
{
	memset(out, 0, sizeof *out);
	out->id = r->id;
	out->body_id = r->body_id;
	memcpy(out->tracking_no, r->tracking_no, sizeof out->tracking_no);
	out->received_on = r->received_on;
	out->outcome = r->outcome;
	out->rc_window = out->lit_window = OGI_DATE_NONE;
	size_t i;
	json_t *s;
	json_array_foreach(json_object_get(r->clock, "subdeadlines"), i, s)
	{
		const char *kind = json_string_value(json_object_get(s, "kind"));
		ogi_date d;
		if (kind == NULL ||
		    !ogi_date_parse(json_string_value(json_object_get(s, "due_on")), &d))
			continue;
		if (strcmp(kind, ogi_subdeadline_names[OGI_SUB_RECONSIDERATION]) == 0)
			out->rc_window = d;
		else if (strcmp(kind, ogi_subdeadline_names[OGI_SUB_LITIGATION]) == 0)
			out->lit_window = d;
	}
}

struct ogi_reconsideration_dates ogi_reconsideration_dates_of(const struct ogi_reconsideration *r)
{
	return (struct ogi_reconsideration_dates){.filed_on = r->filed_on,
	                                          .accepted_on = r->accepted_on,
	                                          .decided_on = r->decided_on,
	                                          .served_on = r->served_on,
	                                          .simple = r->procedure == OGI_PROCEDURE_SIMPLE,
	                                          .extension_days = r->extension_days,
	                                          .redo_due = r->redo_due,
	                                          .redone_on = r->redone_on};
}

size_t ogi_litigation_instances(const struct ogi_litigation *l, struct ogi_instance *v)
{
	size_t n = l->ninst > 0 ? (size_t)l->ninst : 0;
	for (size_t i = 0; i < n; i++) {
		const struct ogi_litigation_instance *x = &l->inst[i];
		v[i] = (struct ogi_instance){.kind = (enum ogi_instance_kind)x->kind,
		                             .filed_on = x->filed_on,
		                             .decided_on = x->decided_on,
		                             .judgment = x->judgment,
		                             .result = x->result,
		                             .simple = x->procedure == OGI_PROCEDURE_SIMPLE,
		                             .served_on = x->served_on,
		                             .hearing_on = x->hearing_on,
		                             .judgment_served_on = x->judgment_served_on,
		                             .redo_due = x->redo_due,
		                             .redone_on = x->redone_on,
		                             /* an order to reply anew is in force only while no
		                                later instance was filed against it */
		                             .superseded = i + 1 < n};
	}
	return n;
}

enum ogi_remedy_result ogi_reconsideration_result(const struct ogi_reconsideration *r)
{
	return r->decision >= 0 && r->decision < OGI_RC_DECISION_COUNT
	           ? ogi_rc_decision_result((enum ogi_rc_decision)r->decision)
	           : OGI_RESULT_PENDING;
}

/* ---- how a record counts in the annual report ------------------------------------------ */

struct ogi_remedy_count ogi_reconsideration_count(const struct ogi_reconsideration *r)
{
	enum ogi_remedy_result res =
	    ogi_reconsideration_report_result(r->filed_on, r->decided_on, r->decision);
	return (struct ogi_remedy_count){ogi_date_year(r->filed_on), OGI_REPORT_RECONSIDERATION,
	                                 res,
	                                 res == OGI_RESULT_PENDING ? OGI_DATE_NONE : r->decided_on};
}

struct ogi_remedy_count ogi_litigation_count(const struct ogi_litigation *l)
{
	struct ogi_instance v[OGI_INSTANCES_MAX];
	size_t n = ogi_litigation_instances(l, v);
	enum ogi_remedy_result res = ogi_litigation_report_result(l->filed_on, v, n);
	/* the instance that gives the result is the one the report's rule reads */
	ogi_date as_of = ogi_remedy_report_as_of(l->filed_on);
	const struct ogi_instance *x = ogi_litigation_instance_as_of(v, n, as_of);
	ogi_date decisive = x != NULL && x->decided_on != OGI_DATE_NONE && x->decided_on <= as_of
	                        ? x->decided_on
	                        : OGI_DATE_NONE;
	return (struct ogi_remedy_count){ogi_date_year(l->filed_on),
	                                 l->route == OGI_ROUTE_DIRECT ? OGI_REPORT_LITIGATION_DIRECT
	                                                              : OGI_REPORT_LITIGATION_AFTER,
	                                 res, decisive};
}

bool ogi_remedy_count_same(const struct ogi_remedy_count *a, const struct ogi_remedy_count *b)
{
	return a->year == b->year && a->block == b->block && a->result == b->result;
}

/* ---- the checks after a change --------------------------------------------------------- */

static void not_future(struct spec_errors *errs, const char *field, ogi_date d, ogi_date today)
{
	if (d != OGI_DATE_NONE && d > today)
		spec_error_add(errs, field, "date_in_future", "日期不能晚于今天",
		               "the date cannot be in the future");
}

static void not_before(struct spec_errors *errs, const char *field, ogi_date d, ogi_date floor,
                       const char *floor_name_zh, const char *floor_name)
{
	if (d == OGI_DATE_NONE || floor == OGI_DATE_NONE || d >= floor)
		return;
	char zh[160], en[160];
	snprintf(zh, sizeof zh, "不能早于%s", floor_name_zh);
	snprintf(en, sizeof en, "cannot be before %s", floor_name);
	spec_error_add(errs, field, "range", zh, en);
}

static void needs_both(struct spec_errors *errs, ogi_date decided_on, int decision,
                       const char *date_field, const char *type_field)
{
	if (decided_on != OGI_DATE_NONE && decision < 0)
		spec_error_add(errs, type_field, "required", "记录决定日期时须同时记录决定类型",
		               "a decision date needs the decision type");
	if (decided_on == OGI_DATE_NONE && decision >= 0)
		spec_error_add(errs, date_field, "required", "记录决定类型时须同时记录决定日期",
		               "a decision type needs its date");
}

/* An order to reply anew (a record's redo_due, redone_on): set by a decision
 * or judgment, on or after it; the new reply after the order. */
static void redo_check(struct spec_errors *e, ogi_date decided_on, ogi_date redo_due,
                       ogi_date redone_on, ogi_date today)
{
	not_future(e, "redone_on", redone_on, today);
	if (redo_due != OGI_DATE_NONE && decided_on == OGI_DATE_NONE)
		spec_error_add(e, "redo_due", "unexpected", "尚无决定或裁判，不能记录重新答复期限",
		               "there is no decision or judgment to set a new reply's date");
	not_before(e, "redo_due", redo_due, decided_on, "决定（裁判）日期", "decided_on");
	if (redone_on != OGI_DATE_NONE && redo_due == OGI_DATE_NONE)
		spec_error_add(e, "redone_on", "unexpected", "请先填写决定或裁判所定的重新答复期限",
		               "record the new reply's due date (redo_due) first");
	not_before(e, "redone_on", redone_on, decided_on, "决定（裁判）日期", "decided_on");
}

/* A date for a new reply only where the decision or judgment can order one. */
static void redo_ordered(struct spec_errors *e, ogi_date redo_due, bool orders)
{
	if (redo_due != OGI_DATE_NONE && !orders)
		spec_error_add(
		    e, "redo_due", "not_ordered",
		    "该决定（裁判）未纠正答复，不会责令重新答复（变更、维持、驳回等无需记录）",
		    "this decision or judgment does not correct the reply, so it orders no "
		    "new reply (变更, 维持, dismissals)");
}

static bool decision_changed(ogi_date old_on, int old_type, ogi_date new_on, int new_type)
{
	return old_on != OGI_DATE_NONE && (old_on != new_on || old_type != new_type);
}

enum ogi_error ogi_reconsideration_validate(const struct ogi_reconsideration *before,
                                            struct ogi_reconsideration *r,
                                            const struct ogi_remedy_owner *o, bool correcting,
                                            ogi_date today, struct spec_errors *e, char *detail,
                                            size_t len)
{
	redo_check(e, r->decided_on, r->redo_due, r->redone_on, today);
	if (r->decision >= 0)
		redo_ordered(e, r->redo_due, ogi_rc_decision_orders_redo(r->decision));
	not_future(e, "filed_on", r->filed_on, today);
	not_future(e, "accepted_on", r->accepted_on, today);
	not_future(e, "decided_on", r->decided_on, today);
	not_future(e, "served_on", r->served_on, today);
	not_before(e, "accepted_on", r->accepted_on, r->filed_on, "申请日期", "filed_on");
	needs_both(e, r->decided_on, r->decision, "decided_on", "decision");
	if (r->served_on != OGI_DATE_NONE && r->decided_on == OGI_DATE_NONE)
		spec_error_add(e, "served_on", "unexpected", "尚无复议决定",
		               "there is no decision to serve");
	not_before(e, "served_on", r->served_on, r->decided_on, "决定日期", "decided_on");
	if (r->procedure == OGI_PROCEDURE_SIMPLE &&
	    !ogi_reconsideration_simple_allowed(r->filed_on))
		spec_error_add(
		    e, "procedure", "range", "简易程序自2024年1月1日起适用（行政复议法第五十三条）",
		    "the simple procedure exists from 2024-01-01 (行政复议法 2023 art. 53)");
	if (r->procedure == OGI_PROCEDURE_SIMPLE && r->extension_days > 0)
		spec_error_add(e, "extension_days", "range", "简易程序不得延长审理期限",
		               "the simple procedure is not extended");
	if (e->n > 0)
		return OGI_E_INVALID_INPUT;
	char d1[OGI_DATE_STRLEN], d2[OGI_DATE_STRLEN];
	if (r->filed_on < o->received_on)
		return ogi_refuse(detail, len, OGI_E_DATE_BEFORE_RECEIPT,
		                  "the request was received on %s",
		                  ogi_date_format(o->received_on, d1));
	if (r->decided_on != OGI_DATE_NONE && r->decided_on < r->filed_on)
		return ogi_refuse(detail, len, OGI_E_DECISION_BEFORE_FILING,
		                  "decided on %s, filed on %s", ogi_date_format(r->decided_on, d1),
		                  ogi_date_format(r->filed_on, d2));
	if (before != NULL &&
	    decision_changed(before->decided_on, before->decision, r->decided_on, r->decision) &&
	    !correcting)
		return ogi_refuse(
		    detail, len, OGI_E_ALREADY_DECIDED,
		    "a decision (%s, %s) is recorded; to correct it give correction_reason",
		    ogi_rc_decision_names[before->decision],
		    ogi_date_format(before->decided_on, d1));
	/* 行政复议法 2023 art. 20: 60 days from the reply's delivery; a later filing is accepted
	 * and flagged */
	r->late_filing = o->rc_window != OGI_DATE_NONE && r->filed_on > o->rc_window;
	return 0;
}

void ogi_instance_validate(const struct ogi_litigation_instance *x, ogi_date today,
                           struct spec_errors *e)
{
	redo_check(e, x->decided_on, x->redo_due, x->redone_on, today);
	not_future(e, "filed_on", x->filed_on, today);
	not_future(e, "served_on", x->served_on, today);
	not_future(e, "decided_on", x->decided_on, today);
	not_future(e, "judgment_served_on", x->judgment_served_on, today);
	not_before(e, "served_on", x->served_on, x->filed_on, "立案日期", "filed_on");
	not_before(e, "hearing_on", x->hearing_on, x->filed_on, "立案日期", "filed_on");
	/* 行政诉讼法 art. 81: a first instance is judged within 6 months of its filing (longer
	   only with the higher court's approval), art. 88 an appeal within 3: a hearing more than
	   OGI_HEARING_MAX_MONTHS after the filing (or, the filing unknown, after today) is a year
	   typed wrong (9999-12-31: issue 19 item 8), not a court's calendar */
	ogi_date from = x->filed_on != OGI_DATE_NONE ? x->filed_on : today;
	if (x->hearing_on != OGI_DATE_NONE &&
	    x->hearing_on > ogi_date_add_months(from, OGI_HEARING_MAX_MONTHS))
		spec_error_add(
		    e, "hearing_on", "too_late",
		    x->filed_on != OGI_DATE_NONE ? "开庭日期晚于立案日期三年以上，请检查年份"
		                                 : "开庭日期晚于今天三年以上，请检查年份",
		    x->filed_on != OGI_DATE_NONE
		        ? "the hearing is more than three years after the filing: check the year"
		        : "the hearing is more than three years from today: check the year");
	needs_both(e, x->decided_on, x->judgment, "decided_on", "judgment");
	if (x->judgment_served_on != OGI_DATE_NONE && x->decided_on == OGI_DATE_NONE)
		spec_error_add(e, "judgment_served_on", "unexpected", "尚无裁判",
		               "there is no decision to serve");
	not_before(e, "judgment_served_on", x->judgment_served_on, x->decided_on, "裁判日期",
	           "decided_on");
	if (x->procedure == OGI_PROCEDURE_SIMPLE && x->kind != OGI_INSTANCE_FIRST)
		spec_error_add(e, "procedure", "range",
		               "简易程序仅适用于第一审（行政诉讼法第八十二条）",
		               "the simple procedure is for first instances (行政诉讼法 art. 82)");
}

enum ogi_error ogi_instance_correction(const struct ogi_litigation_instance *was,
                                       const struct ogi_litigation_instance *x, bool correcting,
                                       char *detail, size_t len)
{
	if (correcting ||
	    !decision_changed(was->decided_on, was->judgment, x->decided_on, x->judgment))
		return 0;
	char d1[OGI_DATE_STRLEN];
	return ogi_refuse(detail, len, OGI_E_ALREADY_DECIDED,
	                  "instance %d is decided (%s, %s); to correct it give correction_reason",
	                  was->seq, ogi_judgment_names[was->judgment],
	                  ogi_date_format(was->decided_on, d1));
}

/* The reconsiderations of the request against the suit l: the one a suit
 * after reconsideration names (found), and its late filing. */
static enum ogi_error suit_against(const struct ogi_calendar *cal, struct ogi_litigation *l,
                                   const struct ogi_reconsideration_list *rcs, bool *found,
                                   char *detail, size_t len)
{
	char d1[OGI_DATE_STRLEN], d2[OGI_DATE_STRLEN], d3[OGI_DATE_STRLEN];
	bool direct = l->route == OGI_ROUTE_DIRECT;
	for (size_t i = 0; i < rcs->n; i++) {
		const struct ogi_reconsideration *r = &rcs->v[i];
		struct ogi_reconsideration_dates d = ogi_reconsideration_dates_of(r);
		/* 行政复议法 2023 art. 62: the decision period (2017 text art. 31) */
		ogi_date due = ogi_reconsideration_decision_due(cal, &d, NULL);
		bool decided_by_then =
		    r->decided_on != OGI_DATE_NONE && r->decided_on <= l->filed_on;
		bool running = r->filed_on <= l->filed_on && !decided_by_then && l->filed_on <= due;
		if (!direct && r->id == l->reconsideration_id) {
			*found = true;
			/* 行政诉讼法 art. 45: after the decision, or once its period ran out */
			if (r->filed_on > l->filed_on || running)
				return ogi_refuse(
				    detail, len, OGI_E_RECONSIDERATION_PENDING,
				    "reconsideration %lld (filed %s) was not decided by %s and its "
				    "period runs to %s (行政诉讼法 art. 45)",
				    r->id, ogi_date_format(r->filed_on, d1),
				    ogi_date_format(l->filed_on, d2), ogi_date_format(due, d3));
			/* art. 45: 15 days from the decision's service, or from the period's end */
			ogi_date window = ogi_suit_after_reconsideration_due(cal, &d, NULL);
			l->late_filing = l->filed_on > window;
		} else if (direct && running) {
			/* 行政复议法 2023 art. 29: no suit while an accepted reconsideration runs
			 */
			return ogi_refuse(
			    detail, len, OGI_E_RECONSIDERATION_PENDING,
			    "reconsideration %lld of this request (filed %s) runs to %s: "
			    "no suit meanwhile "
			    "(行政复议法 2023 art. 29); a suit after it is filed with "
			    "route after_reconsideration",
			    r->id, ogi_date_format(r->filed_on, d1), ogi_date_format(due, d2));
		}
	}
	return 0;
}

enum ogi_error ogi_litigation_validate(const struct ogi_calendar *cal, struct ogi_litigation *l,
                                       const struct ogi_remedy_owner *o,
                                       const struct ogi_reconsideration_list *rcs, ogi_date today,
                                       struct spec_errors *e, char *detail, size_t len)
{
	not_future(e, "filed_on", l->filed_on, today);
	bool direct = l->route == OGI_ROUTE_DIRECT;
	if (direct && l->reconsideration_id != 0)
		spec_error_add(e, "reconsideration_id", "unexpected", "直接起诉不关联行政复议",
		               "a direct suit has no reconsideration");
	if (e->n > 0)
		return OGI_E_INVALID_INPUT;
	char d1[OGI_DATE_STRLEN];
	if (l->filed_on < o->received_on)
		return ogi_refuse(detail, len, OGI_E_DATE_BEFORE_RECEIPT,
		                  "the request was received on %s",
		                  ogi_date_format(o->received_on, d1));
	if (!direct && l->reconsideration_id == 0)
		return ogi_refuse(
		    detail, len, OGI_E_RECONSIDERATION_REQUIRED,
		    "a suit after reconsideration names its reconsideration (reconsideration_id)");
	bool found = false;
	l->late_filing = false;
	enum ogi_error rc = suit_against(cal, l, rcs, &found, detail, len);
	if (rc != 0)
		return rc;
	if (!direct && !found) {
		spec_error_add(e, "reconsideration_id", "not_found", "该申请没有这一行政复议记录",
		               "no such reconsideration of this request");
		return OGI_E_INVALID_INPUT;
	}
	/* 行政诉讼法 art. 46: a direct suit within 6 months of knowing (the reply's delivery) */
	if (direct)
		l->late_filing = o->lit_window != OGI_DATE_NONE && l->filed_on > o->lit_window;
	l->needs_reconsideration =
	    ogi_litigation_needs_reconsideration(direct, l->filed_on, o->outcome);
	/* the first instance is filed with the litigation */
	if (l->ninst > 0)
		l->inst[0].filed_on = l->filed_on;
	struct ogi_instance v[OGI_INSTANCES_MAX];
	size_t n = ogi_litigation_instances(l, v);
	rc = ogi_litigation_check(v, n, detail, len);
	if (rc != 0)
		return rc;
	ogi_litigation_results(v, n);
	for (size_t i = 0; i < n; i++) {
		l->inst[i].result = v[i].result;
		redo_ordered(e, v[i].redo_due,
		             ogi_judgment_orders_redo(v[i].judgment, v[i].result));
	}
	return e->n > 0 ? OGI_E_INVALID_INPUT : 0;
}
