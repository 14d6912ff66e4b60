/* The JSON the remedy records share (see remedy_json.h). */
#include "daemon/wire/remedy_json.h"

#include <stdio.h>

#include "daemon/wire/request_json.h"
#include "lib/report.h"

#define TEXT_MAX 512 /* a step's sentence in each language */

static json_t *deadline_json(const struct ogi_remedy_deadline *d, ogi_date today)
{
	return json_pack("{s:s, s:o, s:s, s:s, s:b, s:b, s:b, s:b}", "kind",
	                 ogi_remedy_deadline_names[d->kind], "due_on", wire_date(d->due_on),
	                 "label_zh", ogi_remedy_deadline_labels_zh[d->kind], "label_en",
	                 ogi_remedy_deadline_labels_en[d->kind], "provisional", d->provisional,
	                 "estimated", d->estimated, "done", d->done, "pending",
	                 ogi_remedy_deadline_pending(d, today));
}

json_t *wire_remedy_deadlines(const struct ogi_remedy_deadline *dl, int n, ogi_date today)
{
	json_t *list = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(list, deadline_json(&dl[i], today));
	return list;
}

void wire_remedy_ids(json_t *o, long long id, long long request_id, long long body_id,
                     ogi_date window)
{
	json_object_set_new(o, "id", json_integer(id));
	json_object_set_new(o, "request_id", json_integer(request_id));
	json_object_set_new(o, "body_id", json_integer(body_id));
	json_object_set_new(o, "filing_window_ends", wire_date(window));
}

static json_t *count_json(const struct ogi_remedy_count *k)
{
	return json_pack("{s:i, s:s, s:s, s:s}", "year", k->year, "block",
	                 ogi_report_remedy_names[k->block], "result",
	                 ogi_remedy_result_names[k->result], "result_zh",
	                 ogi_remedy_result_labels_zh[k->result]);
}

void wire_remedy_state(json_t *o, enum ogi_remedy_result now, const struct ogi_remedy_count *k,
                       long long version, const char *created_at)
{
	json_object_set_new(o, "status",
	                    json_string(now == OGI_RESULT_PENDING ? "pending" : "decided"));
	json_object_set_new(o, "annual_report", count_json(k));
	json_object_set_new(o, "version", json_integer(version));
	json_object_set_new(o, "created_at", json_string(created_at));
}

static json_t *value_or_null(json_t *v)
{
	return v != NULL ? json_incref(v) : json_null();
}

json_t *wire_remedy_history(const struct ogi_remedy_history *h)
{
	json_t *list = json_array();
	for (size_t i = 0; i < h->n; i++) {
		const struct ogi_remedy_change *ch = &h->v[i];
		json_array_append_new(
		    list, json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o}", "at", ch->at, "actor",
		                    ch->actor, "entity", ch->entity, "entity_id", ch->entity_id,
		                    "action", ch->action, "old_value", value_or_null(ch->old_value),
		                    "new_value", value_or_null(ch->new_value)));
	}
	return list;
}

/* ---- the records' dates in the deadline explanation and the queue ---------------------- */

static void add_date(json_t *subs, const struct ogi_remedy_date *d, ogi_date today)
{
	json_t *o = deadline_json(&d->d, today);
	json_object_set_new(o, "request_id", json_integer(d->request_id));
	json_object_set_new(o, d->litigation ? "litigation" : "reconsideration",
	                    json_integer(d->record_id));
	if (d->seq > 0)
		json_object_set_new(o, "instance", json_integer(d->seq));
	json_array_append_new(subs, o);
}

static void add_step(json_t *steps, ogi_date from, ogi_date to, const char *zh, const char *en)
{
	json_array_append_new(steps, json_pack("{s:o, s:o, s:i, s:s, s:s}", "from", wire_date(from),
	                                       "to", wire_date(to), "workdays", 0, "text_zh", zh,
	                                       "text_en", en));
}

/* The sentences of each step (zh, en: TEXT_MAX bytes each). */
static void rc_filed(const struct ogi_reconsideration *r, ogi_date due, char *zh, char *en)
{
	char d1[OGI_DATE_STRLEN], d2[OGI_DATE_STRLEN];
	int days = r->procedure == OGI_PROCEDURE_SIMPLE ? 30 : 60 + r->extension_days;
	snprintf(zh, TEXT_MAX,
	         "%s 申请人向%s申请行政复议%s%s；复议机关应于 %s 前作出决定（受理后%d日%s）%s。",
	         ogi_date_format(r->filed_on, d1), r->authority, r->has_case_no ? "，案号 " : "",
	         r->has_case_no ? r->case_no : "", ogi_date_format(due, d2), days,
	         r->extension_days ? "，含延长" : "", r->late_filing ? "（晚于申请期限60日）" : "");
	snprintf(en, TEXT_MAX,
	         "%s reconsideration filed with %s%s%s; the authority decides by %s "
	         "(%d days after acceptance)%s.",
	         d1, r->authority, r->has_case_no ? ", case " : "",
	         r->has_case_no ? r->case_no : "", d2, days,
	         r->late_filing ? " (filed after the 60 days)" : "");
}

static void rc_decided(const struct ogi_reconsideration *r, ogi_date suit_due, char *zh, char *en)
{
	char d1[OGI_DATE_STRLEN], d2[OGI_DATE_STRLEN];
	enum ogi_remedy_result res = ogi_reconsideration_result(r);
	const char *decision = r->decision >= 0 ? ogi_rc_decision_names[r->decision] : "";
	snprintf(zh, TEXT_MAX, "%s 复议决定：%s（%s）；申请人可于 %s 前提起行政诉讼。",
	         ogi_date_format(r->decided_on, d1), decision, ogi_remedy_result_labels_zh[res],
	         ogi_date_format(suit_due, d2));
	snprintf(en, TEXT_MAX,
	         "%s reconsideration decided: %s (%s); the applicant may sue until %s.", d1,
	         decision, ogi_remedy_result_names[res], d2);
}

static void lit_filed(const struct ogi_litigation *l, char *zh, char *en)
{
	char d1[OGI_DATE_STRLEN];
	bool direct = l->route == OGI_ROUTE_DIRECT;
	snprintf(zh, TEXT_MAX, "%s 申请人向%s提起行政诉讼（%s）%s%s。",
	         ogi_date_format(l->filed_on, d1), l->court,
	         direct ? "未经复议直接起诉" : "复议后起诉", l->late_filing ? "，晚于起诉期限" : "",
	         l->needs_reconsideration
	             ? "，不予公开答复依法应先申请行政复议（行政复议法第二十三条）"
	             : "");
	snprintf(en, TEXT_MAX, "%s suit filed with %s (%s)%s%s.", d1, l->court,
	         direct ? "direct" : "after reconsideration",
	         l->late_filing ? ", after the time limit" : "",
	         l->needs_reconsideration
	             ? "; a withholding reply goes to reconsideration first (art. 23)"
	             : "");
}

static void instance_decided(const struct ogi_litigation_instance *x, char *zh, char *en)
{
	char d1[OGI_DATE_STRLEN];
	const char *judgment = x->judgment >= 0 ? ogi_judgment_names[x->judgment] : "";
	snprintf(zh, TEXT_MAX, "%s %s裁判：%s（%s）。", ogi_date_format(x->decided_on, d1),
	         ogi_instance_kind_labels_zh[x->kind], judgment,
	         ogi_remedy_result_labels_zh[x->result]);
	snprintf(en, TEXT_MAX, "%s %s instance decided: %s (%s).", d1,
	         ogi_instance_kind_names[x->kind], judgment, ogi_remedy_result_names[x->result]);
}

/* An order to reply anew: by_zh / by_en the decision or judgment that gave it. */
static void redo(const char *by_zh, const char *by_en, ogi_date due, ogi_date done, bool superseded,
                 char *zh, char *en)
{
	char d2[OGI_DATE_STRLEN], d3[OGI_DATE_STRLEN];
	ogi_date_format(due, d2);
	if (done != OGI_DATE_NONE) {
		ogi_date_format(done, d3);
		snprintf(zh, TEXT_MAX, "%s责令重新答复（期限 %s）；本机关已于 %s 重新答复。", by_zh,
		         d2, d3);
		snprintf(en, TEXT_MAX,
		         "The %s ordered a new reply by %s; the body replied anew on %s.", by_en,
		         d2, d3);
	} else if (superseded) {
		snprintf(zh, TEXT_MAX, "%s责令于 %s 前重新答复；已提起上诉或再审，尚未生效。",
		         by_zh, d2);
		snprintf(en, TEXT_MAX,
		         "The %s ordered a new reply by %s; appealed or retried, so not in force.",
		         by_en, d2);
	} else {
		snprintf(zh, TEXT_MAX, "%s责令重新答复：本机关应于 %s 前重新答复。", by_zh, d2);
		snprintf(en, TEXT_MAX, "The %s ordered a new reply: the body replies anew by %s.",
		         by_en, d2);
	}
}

static void step_text(const struct ogi_remedy_step *s, char *zh, char *en)
{
	const struct ogi_litigation_instance *x = s->lit != NULL ? &s->lit->inst[s->inst] : NULL;
	char by_zh[64], by_en[64];
	switch (s->kind) {
	case OGI_STEP_RC_FILED:
		rc_filed(s->rc, s->to, zh, en);
		break;
	case OGI_STEP_RC_DECIDED:
		rc_decided(s->rc, s->to, zh, en);
		break;
	case OGI_STEP_LIT_FILED:
		lit_filed(s->lit, zh, en);
		break;
	case OGI_STEP_INSTANCE_DECIDED:
		instance_decided(x, zh, en);
		break;
	case OGI_STEP_REDO:
		if (s->rc != NULL) {
			redo("复议决定", "reconsideration decision", s->rc->redo_due,
			     s->rc->redone_on, false, zh, en);
			break;
		}
		snprintf(by_zh, sizeof by_zh, "%s裁判", ogi_instance_kind_labels_zh[x->kind]);
		snprintf(by_en, sizeof by_en, "%s instance's judgment",
		         ogi_instance_kind_names[x->kind]);
		redo(by_zh, by_en, x->redo_due, x->redone_on, s->superseded, zh, en);
		break;
	}
}

bool wire_remedy_dates(const struct ogi_calendar *cal, const struct ogi_remedy_records *records,
                       long long request_id, json_t *subs, json_t *steps)
{
	struct ogi_remedy_timeline t;
	if (!ogi_remedy_timeline(cal, records, request_id, &t))
		return false;
	ogi_date today = ogi_today();
	for (size_t i = 0; i < t.ndates; i++)
		add_date(subs, &t.dates[i], today);
	for (size_t i = 0; steps != NULL && i < t.nsteps; i++) {
		char zh[TEXT_MAX], en[TEXT_MAX];
		step_text(&t.steps[i], zh, en);
		add_step(steps, t.steps[i].from, t.steps[i].to, zh, en);
	}
	ogi_remedy_timeline_free(&t);
	return true;
}

/* ---- what a body gives ----------------------------------------------------------------- */

bool wire_given(json_t *body, const char *name)
{
	return json_object_get(body, name) != NULL;
}

bool wire_cleared(json_t *body, const char *name)
{
	return json_is_null(json_object_get(body, name));
}

void wire_copy_text(char *field, size_t len, bool *has, const char *src)
{
	if (has)
		*has = src != NULL;
	snprintf(field, len, "%s", src ? src : "");
}

void wire_set_date(json_t *body, const char *name, ogi_date value, ogi_date *field)
{
	if (wire_cleared(body, name))
		*field = OGI_DATE_NONE;
	else if (wire_given(body, name))
		*field = value;
}

void wire_set_text(json_t *body, const char *name, const char *value, char *field, size_t len,
                   bool *has)
{
	if (wire_cleared(body, name)) {
		field[0] = '\0';
		if (has)
			*has = false;
	} else if (wire_given(body, name)) {
		wire_copy_text(field, len, has, value);
	}
}

void wire_set_int(json_t *body, const char *name, int value, int *field)
{
	if (wire_given(body, name) && !wire_cleared(body, name))
		*field = value;
}
