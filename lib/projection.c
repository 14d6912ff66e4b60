/* Stored events → lib/clock → the request row's projection, the rule
 * check and the deadline explanation (see projection.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/clock.h"
#include "lib/fees.h"
#include "lib/projection.h"

static ogi_date payload_date(json_t *payload, const char *key)
{
	ogi_date d;
	json_t *v = json_object_get(payload, key);
	if (json_is_string(v) && ogi_date_parse(json_string_value(v), &d))
		return d;
	return OGI_DATE_NONE;
}

static struct ogi_clock_event clock_event(const struct ogi_event *s)
{
	struct ogi_clock_event e = ogi_clock_event_init(s->type, s->on);
	json_t *p = s->payload;
	e.id = s->id;
	e.working_days = (int)json_integer_value(json_object_get(p, "working_days"));
	e.due_on = payload_date(p, "due_on");
	e.correction_due = payload_date(p, "correction_due");
	e.party_received_on = payload_date(p, "party_received_on");
	json_t *party = json_object_get(p, "party");
	e.party = json_is_string(party) && strcmp(json_string_value(party), "other_body") == 0;
	e.consultation = json_integer_value(json_object_get(p, "consultation"));
	json_t *outcome = json_object_get(p, "outcome");
	e.outcome = json_is_string(outcome)
	                ? ogi_enum_parse(ogi_outcome_names, json_string_value(outcome))
	                : -1;
	e.delivered_on = payload_date(p, "delivered_on");
	e.pay_by = payload_date(p, "pay_by");
	json_t *answer = json_object_get(p, "answer");
	e.answer = json_is_string(answer)
	               ? ogi_enum_parse(ogi_consultation_answer_names, json_string_value(answer))
	               : -1;
	json_t *method = json_object_get(p, "method");
	e.fee_method = json_is_string(method) && s->type == OGI_EV_FEE_NOTICE_ISSUED
	                   ? ogi_enum_parse(ogi_fee_method_names, json_string_value(method))
	                   : -1;
	if (s->type == OGI_EV_RECORD_CORRECTED) {
		/* the changes of the clock's fields: [{field, from, to}] (lib/correction.h) */
		size_t i;
		json_t *ch;
		json_array_foreach(json_object_get(p, "changes"), i, ch)
		{
			const char *field = json_string_value(json_object_get(ch, "field"));
			json_t *from = json_object_get(ch, "from"), *to = json_object_get(ch, "to");
			if (field == NULL || !json_is_string(from) || !json_is_string(to))
				continue;
			if (strcmp(field, "received_on") == 0) {
				e.received_from = payload_date(ch, "from");
				e.received_to = payload_date(ch, "to");
			} else if (strcmp(field, "channel") == 0) {
				e.channel_from =
				    ogi_enum_parse(ogi_channel_names, json_string_value(from));
				e.channel_to =
				    ogi_enum_parse(ogi_channel_names, json_string_value(to));
			}
		}
	}
	if (ogi_event_is_letter(s->type)) {
		e.letter = json_integer_value(json_object_get(p, "letter_id"));
		json_t *kind = json_object_get(p, "kind");
		e.letter_kind = json_is_string(kind)
		                    ? ogi_enum_parse(ogi_letter_kind_names, json_string_value(kind))
		                    : -1;
	}
	return e;
}

/* The clock's view of the events: a new array of n (the caller frees it), NULL when out of memory.
 */
static struct ogi_clock_event *to_clock(const struct ogi_event *events, size_t n)
{
	struct ogi_clock_event *out = malloc((n ? n : 1) * sizeof *out);
	for (size_t i = 0; out != NULL && i < n; i++)
		out[i] = clock_event(&events[i]);
	return out;
}

/* today: OGI_DATE_NONE for what is stored on the request row, which must not
 * depend on the day it was computed (an open pause then counts as ending on
 * its first day: the stored due date is the earliest the reply can be due,
 * and moves when the pause ends); the real today for explanations. */
static void run(const struct ogi_calendar *cal, ogi_date received_on,
                const struct ogi_event *events, size_t n, bool explain, ogi_date today,
                struct ogi_clock *out)
{
	struct ogi_clock_event *ce = to_clock(events, n);
	struct ogi_clock_input in = {.cal = cal,
	                             .received_on = received_on,
	                             .regime = ogi_regime_for(received_on),
	                             .events = ce,
	                             .nevents = ce ? n : 0,
	                             .today = today,
	                             .explain = explain};
	ogi_clock_run(&in, out);
	free(ce);
}

static json_t *date_json(ogi_date d)
{
	char buf[OGI_DATE_STRLEN];
	return d == OGI_DATE_NONE ? json_null() : json_string(ogi_date_format(d, buf));
}

static json_t *subdeadlines_json(const struct ogi_clock *c)
{
	json_t *list = json_array();
	for (int i = 0; i < c->nsub; i++) {
		const struct ogi_subdeadline *s = &c->sub[i];
		json_t *o = json_pack(
		    "{s:s, s:o, s:s, s:s, s:b}", "kind", ogi_subdeadline_names[s->kind], "due_on",
		    date_json(s->due_on), "label_zh", ogi_subdeadline_labels_zh[s->kind],
		    "label_en", ogi_subdeadline_labels_en[s->kind], "provisional", s->provisional);
		if (s->ref)
			json_object_set_new(o, "consultation", json_integer(s->ref));
		if (s->estimated)
			json_object_set_new(o, "estimated", json_true());
		json_array_append_new(list, o);
	}
	return list;
}

void ogi_projection_compute(const struct ogi_calendar *cal, ogi_date received_on,
                            const struct ogi_event *events, size_t n, struct ogi_projection *out)
{
	struct ogi_clock *c = malloc(sizeof *c);
	memset(out, 0, sizeof *out);
	run(cal, received_on, events, n, false, OGI_DATE_NONE, c);
	out->status = c->status;
	out->due_on = c->status == OGI_STATUS_AWAITING_CORRECTION ? OGI_DATE_NONE : c->due_on;
	out->provisional = c->provisional;
	out->closed_on = c->closed_on;
	out->outcome = c->outcome;
	out->replied_late = c->replied_late;
	out->extension_used = c->extension_used;
	out->correction_notice_late = c->correction_notice_late;
	out->correction_notice_due = ogi_regime_for(received_on) == OGI_REGIME_2019
	                                 ? c->correction_notice_due
	                                 : OGI_DATE_NONE;
	/* the earliest window of an open request after which someone must act (a
	   consulted party's answer, a payment, the applicant's correction), for
	   the queue; the correction notice date is a limit, not a task, and
	   remedies belong to closed requests */
	out->next_subdeadline = OGI_DATE_NONE;
	for (int i = 0; i < c->nsub && c->status != OGI_STATUS_CLOSED; i++)
		if ((c->sub[i].kind == OGI_SUB_THIRD_PARTY ||
		     c->sub[i].kind == OGI_SUB_FEE_PAYMENT ||
		     c->sub[i].kind == OGI_SUB_CORRECTION_PERIOD) &&
		    (out->next_subdeadline == OGI_DATE_NONE ||
		     c->sub[i].due_on < out->next_subdeadline))
			out->next_subdeadline = c->sub[i].due_on;
	out->clock = json_pack("{s:o, s:b, s:o, s:o}", "subdeadlines", subdeadlines_json(c),
	                       "paused", c->paused, "pause_since",
	                       date_json(c->paused ? c->pause_since : OGI_DATE_NONE),
	                       "reply_served_on", date_json(c->reply_served_on));
	free(c);
}

void ogi_projection_free(struct ogi_projection *pr)
{
	json_decref(pr->clock);
	pr->clock = NULL;
}

enum ogi_error ogi_projection_check(const struct ogi_calendar *cal, ogi_date received_on,
                                    const struct ogi_event *events, size_t n,
                                    const struct ogi_event *next, char *detail, size_t len)
{
	struct ogi_clock_event *ce = to_clock(events, n);
	if (ce == NULL)
		return OGI_E_INTERNAL;
	struct ogi_clock_input in = {.cal = cal,
	                             .received_on = received_on,
	                             .regime = ogi_regime_for(received_on),
	                             .events = ce,
	                             .nevents = n,
	                             .today = ogi_today()};
	struct ogi_clock_event e = clock_event(next);
	enum ogi_error rc = ogi_clock_check(&in, &e, detail, len);
	free(ce);
	return rc;
}

enum ogi_error ogi_projection_recheck(const struct ogi_calendar *cal, ogi_date received_on,
                                      const struct ogi_event *events, size_t n, size_t *at,
                                      char *detail, size_t len)
{
	struct ogi_clock_event *ce = to_clock(events, n);
	if (ce == NULL)
		return OGI_E_INTERNAL;
	struct ogi_clock_input in = {.cal = cal,
	                             .received_on = received_on,
	                             .regime = ogi_regime_for(received_on),
	                             .events = ce,
	                             .today = ogi_today()};
	enum ogi_error rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		enum ogi_event_type t = events[i].type;
		if (t == OGI_EV_REGISTERED || t == OGI_EV_DEADLINE_RECOMPUTED ||
		    t == OGI_EV_RECORD_CORRECTED || ogi_event_is_supervision(t))
			continue;
		in.nevents = i;
		char why[256];
		rc = ogi_clock_check(&in, &ce[i], why, sizeof why);
		if (rc != 0) {
			char on[OGI_DATE_STRLEN];
			*at = i;
			snprintf(detail, len, "the %s event of %s would no longer hold: %s",
			         ogi_event_type_names[t], ogi_date_format(events[i].on, on), why);
		}
	}
	free(ce);
	return rc;
}

unsigned ogi_projection_allowed(const struct ogi_calendar *cal, ogi_date received_on,
                                const struct ogi_event *events, size_t n)
{
	struct ogi_clock_event *ce = to_clock(events, n);
	struct ogi_clock *st = malloc(sizeof *st);
	unsigned allowed = 0;
	if (ce == NULL || st == NULL)
		goto out;
	struct ogi_clock_input in = {.cal = cal,
	                             .received_on = received_on,
	                             .regime = ogi_regime_for(received_on),
	                             .events = ce,
	                             .nevents = n,
	                             .today = ogi_today()};
	ogi_clock_run(&in, st);
	/* An event type is allowed when some probe of it passes the rules: dated
	   the last event's day or today (the rules are monotone in the date: an
	   extension must come by the due date, a lapse only after the window),
	   with the most permissive payload — the shortest extension, a delay to
	   the day after the due date, any fee method, and for the events about
	   one consultation each consultation in turn. */
	ogi_date dates[2] = {st->last_on, in.today};
	for (int t = 0; t < OGI_EV_TYPE_COUNT; t++) {
		if (t == OGI_EV_DEADLINE_RECOMPUTED || t == OGI_EV_REGISTERED ||
		    t == OGI_EV_RECORD_CORRECTED || ogi_event_is_letter((enum ogi_event_type)t) ||
		    ogi_event_is_supervision((enum ogi_event_type)t))
			continue;
		bool about_consultation = t == OGI_EV_CONSULTATION_DELIVERED ||
		                          t == OGI_EV_CONSULTATION_ENDED ||
		                          t == OGI_EV_OBJECTION_OVERRIDDEN;
		int nref = about_consultation ? st->ncons : 1;
		int nmethod = t == OGI_EV_FEE_NOTICE_ISSUED ? OGI_FEE_METHOD_COUNT : 1;
		for (int k = 0; k < 2 && !(allowed & (1u << t)); k++)
			for (int ref = 0; ref < nref && !(allowed & (1u << t)); ref++)
				for (int m = 0; m < nmethod && !(allowed & (1u << t)); m++) {
					struct ogi_clock_event probe =
					    ogi_clock_event_init((enum ogi_event_type)t, dates[k]);
					probe.working_days = 1;
					probe.due_on = st->due_on + 1;
					if (about_consultation) {
						const struct ogi_consultation *c = &st->cons[ref];
						/* a receipt worth recording: the party's window is
						   still counted from the sending */
						if (t == OGI_EV_CONSULTATION_DELIVERED &&
						    (c->answer >= 0 || !c->estimated))
							continue;
						probe.consultation = c->id;
					}
					if (t == OGI_EV_FEE_NOTICE_ISSUED)
						probe.fee_method = m;
					char detail[256];
					if (ogi_clock_check(&in, &probe, detail, sizeof detail) ==
					    0)
						allowed |= 1u << t;
				}
	}
out:
	free(st);
	free(ce);
	return allowed;
}

json_t *ogi_projection_explain(const struct ogi_calendar *cal, ogi_date received_on,
                               const struct ogi_event *events, size_t n)
{
	struct ogi_clock *c = malloc(sizeof *c);
	run(cal, received_on, events, n, true, ogi_today(), c);
	json_t *steps = json_array();
	for (int i = 0; i < c->nsteps; i++) {
		const struct ogi_clock_step *s = &c->steps[i];
		json_array_append_new(steps, json_pack("{s:o, s:o, s:i, s:s, s:s}", "from",
		                                       date_json(s->from), "to", date_json(s->to),
		                                       "workdays", s->workdays, "text_zh",
		                                       s->text_zh, "text_en", s->text_en));
	}
	json_t *out = json_pack(
	    "{s:s, s:s, s:o, s:b, s:b, s:o, s:o, s:o, s:b, s:b, s:o, s:o}", "status",
	    ogi_status_names[c->status], "regime", ogi_regime_names[ogi_regime_for(received_on)],
	    "due_on",
	    date_json(c->status == OGI_STATUS_AWAITING_CORRECTION ? OGI_DATE_NONE : c->due_on),
	    "provisional", c->provisional, "overdue", c->overdue, "closed_on",
	    date_json(c->closed_on), "received_on", date_json(received_on), "correction_notice_due",
	    date_json(c->correction_notice_due), "correction_notice_late",
	    c->correction_notice_late, "paused", c->paused, "steps", steps, "subdeadlines",
	    subdeadlines_json(c));
	json_object_set_new(out, "reply_served_on", date_json(c->reply_served_on));
	json_object_set_new(out, "period_workdays",
	                    json_integer(ogi_clock_period(ogi_regime_for(received_on))));
	free(c);
	return out;
}
