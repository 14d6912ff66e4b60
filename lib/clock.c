/* The statutory clock (see clock.h). */
#include "lib/clock.h"

#include "lib/fees.h"
#include "lib/refuse.h"
#include "lib/remedies.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const ogi_subdeadline_names[] = {
    "correction_notice", "third_party_reply", "fee_payment", "reconsideration",
    "litigation",        "correction_period", NULL};
const char *const ogi_subdeadline_labels_zh[] = {"补正告知期限（收到申请后7个工作日）",
                                                 "被征求意见方答复期限（收到后15个工作日）",
                                                 "缴费期限（收费通知后20个工作日）",
                                                 "申请人申请行政复议期限（60日）",
                                                 "申请人提起行政诉讼期限（6个月）",
                                                 "申请人补正期限（补正告知所定）",
                                                 NULL};
const char *const ogi_subdeadline_labels_en[] = {
    "correction notice due (7 working days after receipt)",
    "consulted party's reply due (15 working days after its receipt)",
    "fee payment due (20 working days after the notice)",
    "applicant's reconsideration window (60 days)",
    "applicant's litigation window (6 months)",
    "applicant's time to correct ends (set in the notice)",
    NULL};

const char *const ogi_consultation_answer_names[] = {"agree", "object", "no_answer", NULL};
const char *const ogi_consultation_party_names[] = {"third_party", "other_body", NULL};

struct ogi_clock_event ogi_clock_event_init(enum ogi_event_type type, ogi_date on)
{
	return (struct ogi_clock_event){.type = type,
	                                .on = on,
	                                .due_on = OGI_DATE_NONE,
	                                .correction_due = OGI_DATE_NONE,
	                                .party_received_on = OGI_DATE_NONE,
	                                .delivered_on = OGI_DATE_NONE,
	                                .pay_by = OGI_DATE_NONE,
	                                .answer = -1,
	                                .fee_method = -1,
	                                .letter_kind = -1,
	                                .outcome = -1,
	                                .received_from = OGI_DATE_NONE,
	                                .received_to = OGI_DATE_NONE,
	                                .channel_from = -1,
	                                .channel_to = -1};
}

ogi_date ogi_consultation_window(const struct ogi_calendar *cal, ogi_date sent_on,
                                 ogi_date party_received_on, bool *estimated, bool *provisional)
{
	bool est = party_received_on == OGI_DATE_NONE;
	if (estimated)
		*estimated = est;
	return ogi_add_workdays(cal, est ? sent_on : party_received_on, 15, provisional);
}

int ogi_clock_period(enum ogi_regime regime)
{
	return regime == OGI_REGIME_2008 ? 15 : 20;
}

/* A reply letter issued on the request, as its letter events make it. */
#define REPLY_LETTERS_MAX 32
struct reply_letter {
	long long id;
	bool voided;
	ogi_date served_on; /* the latest letter_served's date, or OGI_DATE_NONE */
	size_t served_at;   /* index of that event: the latest recorded counts */
};

/* The fold's state besides the output. */
struct fold {
	const struct ogi_clock_input *in;
	struct ogi_clock *out;
	size_t index; /* of the event being applied */
	int period;
	ogi_date count_from; /* receipt, or the corrected application's arrival */
	ogi_date pause_from; /* first day of the open pause */
	int npause_sources;  /* pausing consultations + an outstanding fee */
	/* the reply, for its dates once the letters are known (reply_dates) */
	bool replied, late_eligible;
	ogi_date reply_on, reply_delivered_on, due_at_reply;
	int nletters;
	struct reply_letter letters[REPLY_LETTERS_MAX];
};

/* Cuts s back to a whole UTF-8 character when snprintf truncated it. */
static void utf8_trim(char *s)
{
	size_t n = strlen(s), i = n;
	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i > 0) {
		unsigned char lead = (unsigned char)s[i - 1];
		size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
		if (n - (i - 1) < want)
			s[i - 1] = '\0';
	}
}

static void step(struct fold *f, ogi_date from, ogi_date to, int wd, const char *zh, const char *en)
{
	struct ogi_clock *o = f->out;
	if (!f->in->explain || o->nsteps >= OGI_CLOCK_MAX_STEPS)
		return;
	struct ogi_clock_step *s = &o->steps[o->nsteps++];
	s->from = from;
	s->to = to;
	s->workdays = wd;
	snprintf(s->text_zh, sizeof s->text_zh, "%s", zh);
	snprintf(s->text_en, sizeof s->text_en, "%s", en);
	utf8_trim(s->text_zh);
	utf8_trim(s->text_en);
}

/* "其间不计：国庆节 10-01至10-07（工作日5天）、周末4天；计入调休上班 10-12" */
static void span_notes(const struct ogi_calendar *cal, ogi_date a, ogi_date b, char *zh, size_t zl,
                       char *en, size_t el)
{
	struct ogi_day_note notes[128];
	int n = ogi_calendar_notes(cal, a, b, notes, 128);
	size_t uz = 0, ue = 0;
	int weekends = 0;
	zh[0] = en[0] = '\0';
	char d1[OGI_DATE_STRLEN], d2[OGI_DATE_STRLEN];
	for (int i = 0; i < n; i++) {
		if (notes[i].kind == OGI_DAY_RULE) {
			weekends++;
			continue;
		}
		if (notes[i].kind == OGI_DAY_HOLIDAY) {
			/* one span: the same holiday, possibly across its weekend */
			int j = i, days = 1;
			for (int k = i + 1; k < n && notes[k].day - notes[k - 1].day == 1; k++) {
				if (notes[k].kind == OGI_DAY_HOLIDAY &&
				    strcmp(notes[k].name, notes[i].name) == 0)
					j = k, days++;
				else if (notes[k].kind != OGI_DAY_RULE)
					break;
			}
			ogi_date_format(notes[i].day, d1);
			ogi_date_format(notes[j].day, d2);
			if (uz < zl)
				uz += (size_t)snprintf(zh + uz, zl - uz,
				                       "%s放假 %s%s%s（工作日%d天不计）；",
				                       notes[i].name, d1, j > i ? "至" : "",
				                       j > i ? d2 + 5 : "", days);
			if (ue < el)
				ue += (size_t)snprintf(
				    en + ue, el - ue, "%s off %s%s%s (%d weekday%s not counted); ",
				    notes[i].name, d1, j > i ? ".." : "", j > i ? d2 + 5 : "", days,
				    days > 1 ? "s" : "");
			for (int k = i + 1; k <= j; k++)
				if (notes[k].kind == OGI_DAY_RULE)
					weekends++;
			i = j;
			continue;
		}
		ogi_date_format(notes[i].day, d1);
		if (uz < zl)
			uz += (size_t)snprintf(zh + uz, zl - uz, "%s（周%s）%s调休上班，计入；", d1,
			                       ogi_date_weekday(notes[i].day) == 6 ? "六" : "日",
			                       notes[i].name);
		if (ue < el)
			ue += (size_t)snprintf(
			    en + ue, el - ue, "%s (%s) is a make-up working day for %s, counted; ",
			    d1, ogi_date_weekday(notes[i].day) == 6 ? "Sat" : "Sun", notes[i].name);
	}
	if (weekends > 0) {
		if (uz < zl)
			snprintf(zh + uz, zl - uz, "周末%d天不计。", weekends);
		if (ue < el)
			snprintf(en + ue, el - ue, "%d weekend day%s not counted.", weekends,
			         weekends > 1 ? "s" : "");
	}
}

static void set_due(struct fold *f, ogi_date from, int n)
{
	bool prov = false;
	f->out->due_on = ogi_add_workdays(f->in->cal, from, n, &prov);
	f->out->provisional = f->out->provisional || prov;
}

static void start_count(struct fold *f, ogi_date from, bool restart)
{
	f->count_from = from;
	set_due(f, from, f->period);
	if (!f->in->explain)
		return;
	char zh[1024], en[1024], nz[700], ne[700], d1[OGI_DATE_STRLEN], d2[OGI_DATE_STRLEN];
	span_notes(f->in->cal, from, f->out->due_on, nz, sizeof nz, ne, sizeof ne);
	ogi_date_format(from, d1);
	ogi_date_format(f->out->due_on, d2);
	snprintf(zh, sizeof zh, "%s %s（当日不计），自次日起计算%d个工作日，至 %s。%s",
	         restart ? "收到补正后的申请" : "收到申请", d1, f->period, d2, nz);
	snprintf(en, sizeof en,
	         "%s on %s (not counted); %d working days from the next day end on %s. %s",
	         restart ? "Corrected application received" : "Application received", d1, f->period,
	         d2, ne);
	step(f, from, f->out->due_on, f->period, zh, en);
}

static void pause_begin(struct fold *f, ogi_date on)
{
	if (f->npause_sources++ == 0) {
		f->pause_from = on;
		f->out->paused = true;
		f->out->pause_since = on;
	}
}

static void pause_end(struct fold *f, ogi_date on, const char *why_zh, const char *why_en)
{
	if (f->npause_sources <= 0 || --f->npause_sources > 0)
		return;
	int wd = ogi_workdays_between(f->in->cal, f->pause_from, on);
	ogi_date before = f->out->due_on;
	bool prov = false;
	f->out->due_on = ogi_add_workdays(f->in->cal, before, wd, &prov);
	f->out->provisional =
	    f->out->provisional || prov || !ogi_calendar_covers(f->in->cal, f->pause_from, on);
	f->out->paused = false;
	if (!f->in->explain)
		return;
	char zh[1024], en[1024], nz[700], ne[700], d1[OGI_DATE_STRLEN], d2[OGI_DATE_STRLEN],
	    d3[OGI_DATE_STRLEN];
	span_notes(f->in->cal, f->pause_from, on, nz, sizeof nz, ne, sizeof ne);
	ogi_date_format(f->pause_from, d1);
	ogi_date_format(on, d2);
	ogi_date_format(f->out->due_on, d3);
	snprintf(zh, sizeof zh,
	         "%s %s 至 %s 不计入答复期限：首日之后至末日共%d个工作日，期限顺延至 %s。%s",
	         why_zh, d1, d2, wd, d3, nz);
	snprintf(en, sizeof en,
	         "%s %s to %s does not count: %d working days after the first day up to "
	         "the last; due date moves to %s. %s",
	         why_en, d1, d2, wd, d3, ne);
	step(f, f->pause_from, on, wd, zh, en);
}

static void add_sub(struct ogi_clock *o, enum ogi_subdeadline_kind kind, ogi_date due,
                    long long ref, bool provisional, bool estimated)
{
	if (o->nsub < OGI_CLOCK_MAX_SUB)
		o->sub[o->nsub++] =
		    (struct ogi_subdeadline){kind, due, ref, provisional, estimated};
}

/* The consultation started by event id; with id 0 the only unanswered one
 * (the oldest when several: ogi_clock_check refuses that ambiguity). */
static struct ogi_consultation *find_consultation(struct ogi_clock *o, long long id)
{
	for (int k = 0; k < o->ncons; k++)
		if (id != 0 ? o->cons[k].id == id : o->cons[k].answer < 0)
			return &o->cons[k];
	return NULL;
}

/* The receipt date of the consultation started by events[i]: its own, or
 * the last consultation_delivered recorded for it (possibly much later). */
static ogi_date party_receipt(const struct ogi_clock_input *in, size_t i)
{
	ogi_date d = in->events[i].party_received_on;
	for (size_t j = i + 1; j < in->nevents; j++)
		if (in->events[j].type == OGI_EV_CONSULTATION_DELIVERED &&
		    in->events[j].consultation == in->events[i].id)
			d = in->events[j].on;
	return d;
}

/* Time passes up to t: a consultation whose window ended before t without an
 * answer stops pausing the clock on the window's last day (art. 32: the body
 * decides; art. 34: deemed consent).  Earliest window first. */
static void advance(struct fold *f, ogi_date t)
{
	struct ogi_clock *o = f->out;
	for (;;) {
		struct ogi_consultation *first = NULL;
		for (int k = 0; k < o->ncons; k++)
			if (o->cons[k].pausing && o->cons[k].window < t &&
			    (first == NULL || o->cons[k].window < first->window))
				first = &o->cons[k];
		if (first == NULL)
			return;
		first->pausing = false;
		pause_end(f, first->window, "征求意见（对方答复期限届满未答复，次日起恢复计算）",
		          "The consultation (the party's window ended without an answer; counting "
		          "resumes the next day)");
	}
}

static void close_with(struct fold *f, ogi_date on, int outcome)
{
	f->out->status = OGI_STATUS_CLOSED;
	f->out->closed_on = on;
	f->out->outcome = outcome;
}

/* Events that happen in order; a note and a party's receipt learnt later do not. */
static bool orders(enum ogi_event_type t)
{
	return t != OGI_EV_NOTE && t != OGI_EV_DEADLINE_RECOMPUTED &&
	       t != OGI_EV_CONSULTATION_DELIVERED && t != OGI_EV_RECORD_CORRECTED &&
	       t != OGI_EV_ASSIGNED && !ogi_event_is_letter(t) && !ogi_event_is_supervision(t);
}

/* Explanation text is only written when asked for: lists and queues run
 * the clock without it, and formatting costs more than the counting. */
#define EXPLAIN(buf, len, ...)                                                                     \
	do {                                                                                       \
		if (f->in->explain)                                                                \
			snprintf(buf, len, __VA_ARGS__);                                           \
	} while (0)

/* The channels as the explanation names them (art. 31 decides the receipt date by them). */
static const char *const channel_zh[OGI_CHANNEL_COUNT] = {
    "当面提交", "口头提出", "邮寄（需签收）", "平常信函", "互联网", "传真", "电子邮件"};

static const char *channel_of(int ch, const char *const names[])
{
	return ch >= 0 && ch < OGI_CHANNEL_COUNT ? names[ch] : "?";
}

/* A correction of the registration that moved the receipt date or the
 * channel: the count above already runs from the date the request has now;
 * this step says since when and why it differs from what was first
 * registered. */
static void correction_step(struct fold *f, const struct ogi_clock_event *e)
{
	if (!f->in->explain || (e->received_to == OGI_DATE_NONE && e->channel_to < 0))
		return;
	char zh[1024], en[1024], d0[OGI_DATE_STRLEN], d1[OGI_DATE_STRLEN], d2[OGI_DATE_STRLEN];
	char wz[400] = "", we[400] = "";
	size_t uz = 0, ue = 0;
	if (e->channel_to >= 0) {
		uz += (size_t)snprintf(wz + uz, sizeof wz - uz, "申请渠道由“%s”更正为“%s”",
		                       channel_of(e->channel_from, channel_zh),
		                       channel_of(e->channel_to, channel_zh));
		ue += (size_t)snprintf(we + ue, sizeof we - ue, "the channel from %s to %s",
		                       channel_of(e->channel_from, ogi_channel_names),
		                       channel_of(e->channel_to, ogi_channel_names));
	}
	if (e->received_to != OGI_DATE_NONE && uz < sizeof wz && ue < sizeof we) {
		snprintf(wz + uz, sizeof wz - uz, "%s收到申请日期由 %s 更正为 %s", uz ? "，" : "",
		         ogi_date_format(e->received_from, d1),
		         ogi_date_format(e->received_to, d2));
		snprintf(we + ue, sizeof we - ue, "%sthe receipt date from %s to %s",
		         ue ? ", " : "", d1, d2);
	}
	ogi_date_format(e->on, d0);
	snprintf(
	    zh, sizeof zh,
	    "%s 更正登记：%s（条例第三十一条）；答复期限自更正后的收到申请日期起算，以上各步均已"
	    "按此计算。",
	    d0, wz);
	snprintf(en, sizeof en,
	         "%s registration corrected: %s (art. 31); the due date counts from the corrected "
	         "receipt date, as every step above does.",
	         d0, we);
	step(f, e->on, e->on, 0, zh, en);
}

static void apply(struct fold *f, const struct ogi_clock_event *e)
{
	struct ogi_clock *o = f->out;
	const struct ogi_calendar *cal = f->in->cal;
	/* written only when an explanation is asked for: no zero-filling on the hot path */
	char zh[1024], en[1024], d1[OGI_DATE_STRLEN] = "", d2[OGI_DATE_STRLEN] = "";
	zh[0] = en[0] = '\0';
	if (orders(e->type)) {
		advance(f, e->on);
		o->last_on = e->on > o->last_on ? e->on : o->last_on;
	}
	switch (e->type) {
	case OGI_EV_CORRECTION_REQUESTED:
		o->correction_requested = true;
		o->status = OGI_STATUS_AWAITING_CORRECTION;
		o->correction_due = e->correction_due;
		if (f->in->regime == OGI_REGIME_2019 && e->on > o->correction_notice_due)
			o->correction_notice_late = true;
		if (f->in->explain && e->correction_due != OGI_DATE_NONE)
			ogi_date_format(e->correction_due, d2);
		EXPLAIN(zh, sizeof zh,
		        "%s 告知补正，答复期限停止计算，待收到补正后重新计算%s%s%s。%s",
		        ogi_date_format(e->on, d1), d2[0] ? "；补正期限至 " : "", d2,
		        d2[0] ? "，逾期不补正视为放弃申请" : "",
		        o->correction_notice_late ? "（补正告知晚于收到申请后7个工作日）" : "");
		EXPLAIN(en, sizeof en,
		        "%s correction requested: the clock stops until the corrected "
		        "application arrives%s%s%s.%s",
		        d1, d2[0] ? "; the applicant may correct until " : "", d2,
		        d2[0] ? ", after that the application is deemed withdrawn" : "",
		        o->correction_notice_late
		            ? " (The notice came later than 7 working days after receipt.)"
		            : "");
		step(f, e->on, e->on, 0, zh, en);
		break;
	case OGI_EV_CORRECTION_RECEIVED:
		o->status = OGI_STATUS_REGISTERED;
		o->extension_used = false;
		start_count(f, e->on, true);
		break;
	case OGI_EV_CONSULTATION_STARTED: {
		if (o->ncons >= OGI_CLOCK_MAX_CONSULT)
			break;
		struct ogi_consultation *k = &o->cons[o->ncons++];
		bool prov = false;
		*k = (struct ogi_consultation){.id = e->id,
		                               .party = e->party,
		                               .sent_on = e->on,
		                               .party_received_on = party_receipt(f->in, f->index),
		                               .answer = -1,
		                               .answered_on = OGI_DATE_NONE,
		                               .pausing = true};
		k->window =
		    ogi_consultation_window(cal, e->on, k->party_received_on, &k->estimated, &prov);
		k->provisional = prov;
		o->provisional = o->provisional || prov;
		pause_begin(f, e->on);
		o->open_consultations++;
		EXPLAIN(
		    zh, sizeof zh,
		    "%s 征求%s意见，期间不计入答复期限；对方应在收到后15个工作日内（%s 前%s）答复，"
		    "逾期未答复的自次日起恢复计算。",
		    ogi_date_format(e->on, d1), e->party == 1 ? "其他机关" : "第三方",
		    ogi_date_format(k->window, d2),
		    k->estimated ? "，对方收到日期未登记，按发出日计算" : "");
		EXPLAIN(en, sizeof en,
		        "%s consultation of %s started: the time does not count; the "
		        "party answers within 15 working days of receiving the letter (by %s%s); "
		        "without an answer counting resumes after that.",
		        d1, e->party == 1 ? "another body" : "a third party", d2,
		        k->estimated ? ", counted from the sending: its receipt is not recorded"
		                     : "");
		step(f, e->on, k->window, 15, zh, en);
		break;
	}
	case OGI_EV_CONSULTATION_DELIVERED: {
		struct ogi_consultation *k = find_consultation(o, e->consultation);
		if (k == NULL)
			break;
		EXPLAIN(zh, sizeof zh, "%s 被征求意见方收到征求意见书，其答复期限至 %s。",
		        ogi_date_format(e->on, d1), ogi_date_format(k->window, d2));
		EXPLAIN(en, sizeof en,
		        "%s the consulted party received the letter: it may answer until %s.", d1,
		        d2);
		step(f, e->on, k->window, 15, zh, en);
		break;
	}
	case OGI_EV_CONSULTATION_ENDED: {
		struct ogi_consultation *k = find_consultation(o, e->consultation);
		if (k == NULL || k->answer >= 0)
			break;
		k->answer = e->answer >= 0 ? e->answer : OGI_ANSWER_NONE;
		k->answered_on = e->on;
		o->open_consultations--;
		if (k->pausing) {
			k->pausing = false;
			pause_end(f, e->on, "征求意见", "The consultation");
		}
		break;
	}
	case OGI_EV_OBJECTION_OVERRIDDEN: {
		struct ogi_consultation *k = find_consultation(o, e->consultation);
		if (k == NULL)
			break;
		k->overridden = true;
		EXPLAIN(zh, sizeof zh,
		        "%s "
		        "第三方不同意公开，本机关认为不公开可能对公共利益造成重大影响，决定予以公开"
		        "（第三十二条）。",
		        ogi_date_format(e->on, d1));
		EXPLAIN(en, sizeof en,
		        "%s the third party objected; the body decided to disclose in the public "
		        "interest (art. 32).",
		        d1);
		step(f, e->on, e->on, 0, zh, en);
		break;
	}
	case OGI_EV_EXTENSION_APPROVED: {
		ogi_date before = o->due_on;
		o->extension_used = true;
		set_due(f, before, e->working_days);
		char d3[OGI_DATE_STRLEN] = "";
		if (f->in->explain) {
			ogi_date_format(e->on, d1);
			ogi_date_format(before, d2);
			ogi_date_format(o->due_on, d3);
		}
		EXPLAIN(zh, sizeof zh, "%s 经批准延长答复期限%d个工作日：%s 顺延至 %s。", d1,
		        e->working_days, d2, d3);
		EXPLAIN(en, sizeof en,
		        "%s extension of %d working days approved: the due date moves from "
		        "%s to %s.",
		        d1, e->working_days, d2, d3);
		step(f, before, o->due_on, e->working_days, zh, en);
		break;
	}
	case OGI_EV_DELAY_SET:
		o->due_on = e->due_on;
		o->provisional = o->provisional || !ogi_calendar_covers(cal, e->on, e->due_on);
		EXPLAIN(zh, sizeof zh, "%s 依条例第三十五条确定延迟答复的合理期限：%s。",
		        ogi_date_format(e->on, d1), ogi_date_format(e->due_on, d2));
		EXPLAIN(en, sizeof en,
		        "%s a reasonable delayed due date was set under art. 35: %s.", d1, d2);
		step(f, e->on, e->due_on, 0, zh, en);
		break;
	case OGI_EV_FEE_NOTICE_ISSUED: {
		pause_begin(f, e->on);
		o->fee_outstanding = true;
		o->fee_due =
		    e->pay_by != OGI_DATE_NONE ? e->pay_by : ogi_add_workdays(cal, e->on, 20, NULL);
		EXPLAIN(zh, sizeof zh,
		        "%s 发出收费通知，至缴费之日不计入答复期限；申请人应于 %s "
		        "前缴费（通知后20个工作日）。",
		        ogi_date_format(e->on, d1), ogi_date_format(o->fee_due, d2));
		EXPLAIN(en, sizeof en,
		        "%s fee notice issued: the time until payment does not count; pay by %s "
		        "(20 working days after the notice).",
		        d1, d2);
		step(f, e->on, o->fee_due, 20, zh, en);
		break;
	}
	case OGI_EV_FEE_PAID:
	case OGI_EV_FEE_WAIVED:
		if (!o->fee_outstanding)
			break;
		o->fee_outstanding = false;
		pause_end(f, e->on,
		          e->type == OGI_EV_FEE_PAID ? "收费通知至缴费" : "收费通知至减免",
		          e->type == OGI_EV_FEE_PAID ? "From the fee notice to payment"
		                                     : "From the fee notice to the waiver");
		break;
	case OGI_EV_REPLIED:
	case OGI_EV_WITHDRAWN:
	case OGI_EV_CORRECTION_LAPSED:
	case OGI_EV_FEE_LAPSED: {
		int outcome = e->type == OGI_EV_REPLIED      ? e->outcome
		              : e->type == OGI_EV_WITHDRAWN  ? OGI_OUT_WITHDRAWN
		              : e->type == OGI_EV_FEE_LAPSED ? OGI_OUT_LAPSED_FEE
		                                             : OGI_OUT_LAPSED_CORRECTION;
		/* an open pause ends with the request */
		if (f->npause_sources > 0) {
			f->npause_sources = 1;
			pause_end(f, e->on, "暂停", "The pause");
		}
		for (int k = 0; k < o->ncons; k++)
			o->cons[k].pausing = false;
		o->open_consultations = 0;
		o->fee_outstanding = false;
		if (e->type == OGI_EV_REPLIED && o->status != OGI_STATUS_AWAITING_CORRECTION &&
		    e->on > o->due_on)
			o->replied_late = true;
		close_with(f, e->on, outcome);
		EXPLAIN(zh, sizeof zh, "%s 办结（%s）%s。", ogi_date_format(e->on, d1),
		        outcome >= 0 && outcome < OGI_OUTCOME_COUNT ? ogi_outcome_labels_zh[outcome]
		                                                    : "其他",
		        o->replied_late ? "，晚于答复期限" : "");
		EXPLAIN(en, sizeof en, "%s closed (%s)%s.", d1,
		        outcome >= 0 && outcome < OGI_OUTCOME_COUNT ? ogi_outcome_names[outcome]
		                                                    : "other",
		        o->replied_late ? ", after the due date" : "");
		step(f, e->on, e->on, 0, zh, en);
		if (e->type == OGI_EV_REPLIED) {
			/* the remedy windows once every letter is known (reply_dates) */
			f->replied = true;
			f->late_eligible = o->status != OGI_STATUS_AWAITING_CORRECTION;
			f->reply_on = e->on;
			f->reply_delivered_on = e->delivered_on;
			f->due_at_reply = o->due_on;
		}
		break;
	}
	case OGI_EV_LETTER_ISSUED:
		if (e->letter_kind == OGI_LETTER_REPLY && f->nletters < REPLY_LETTERS_MAX)
			f->letters[f->nletters++] =
			    (struct reply_letter){.id = e->letter, .served_on = OGI_DATE_NONE};
		break;
	case OGI_EV_LETTER_VOIDED:
	case OGI_EV_LETTER_SERVED:
		for (int k = 0; k < f->nletters; k++) {
			struct reply_letter *l = &f->letters[k];
			if (l->id != e->letter)
				continue;
			if (e->type == OGI_EV_LETTER_VOIDED) {
				l->voided = true;
				continue;
			}
			l->served_on = e->on;
			l->served_at = f->index;
			EXPLAIN(zh, sizeof zh,
			        "%s 答复书送达（国办公开办函〔2016〕235号：以签收之日为答复日期，"
			        "邮寄的以交邮之日为准），救济期限自该日起算。",
			        ogi_date_format(e->on, d1));
			EXPLAIN(
			    en, sizeof en,
			    "%s the reply letter was served (235号: the day of signature, for post "
			    "the day handed to the post office, is the reply date); the remedy "
			    "windows count from it.",
			    d1);
			step(f, e->on, e->on, 0, zh, en);
		}
		break;
	case OGI_EV_RECORD_CORRECTED:
		correction_step(f, e);
		break;
	case OGI_EV_NOTE:
	case OGI_EV_DEADLINE_RECOMPUTED:
	case OGI_EV_REGISTERED:
	/* who handles it and which body holds it change nobody's clock: a transfer keeps the
	   receipt date and the due date (the applicant's time does not restart) */
	case OGI_EV_ASSIGNED:
	case OGI_EV_TRANSFERRED:
	/* 督办 asks the body to report: the legal clock goes on as it was */
	case OGI_EV_SUPERVISED:
	case OGI_EV_SUPERVISION_ANSWERED:
	case OGI_EV_TYPE_COUNT:
		break;
	}
}

/* A reply's dates once every event is known: the legal reply date of the
 * latest served reply letter not voided (国办公开办函〔2016〕235号) decides
 * replied_late, and the applicant's windows count from it (行政复议法 art.
 * 20: 60 days; 行政诉讼法 art. 46: 6 months), else from the reply's
 * delivery or date, provisional until a service is recorded. */
static void reply_dates(struct fold *f)
{
	struct ogi_clock *o = f->out;
	if (!f->replied)
		return;
	const struct reply_letter *served = NULL;
	for (int k = 0; k < f->nletters; k++) {
		const struct reply_letter *l = &f->letters[k];
		if (!l->voided && l->served_on != OGI_DATE_NONE &&
		    (served == NULL || l->served_at > served->served_at))
			served = l;
	}
	ogi_date from = f->reply_on;
	bool known = false;
	if (served != NULL) {
		o->reply_served_on = served->served_on;
		o->replied_late = f->late_eligible && served->served_on > f->due_at_reply;
		from = served->served_on;
		known = true;
	} else if (f->reply_delivered_on != OGI_DATE_NONE) {
		from = f->reply_delivered_on;
		known = true;
	}
	bool prov = false;
	ogi_date rec = ogi_period_days(f->in->cal, from, 60, &prov);
	add_sub(o, OGI_SUB_RECONSIDERATION, rec, 0, prov || !known, false);
	prov = false;
	ogi_date lit = ogi_period_months(f->in->cal, from, 6, &prov);
	add_sub(o, OGI_SUB_LITIGATION, lit, 0, prov || !known, false);
}

static void derive_status(struct fold *f)
{
	struct ogi_clock *o = f->out;
	if (o->status == OGI_STATUS_CLOSED || o->status == OGI_STATUS_AWAITING_CORRECTION)
		return;
	bool consulting = false;
	for (int k = 0; k < o->ncons; k++)
		consulting = consulting || o->cons[k].pausing;
	if (o->fee_outstanding)
		o->status = OGI_STATUS_AWAITING_PAYMENT;
	else if (consulting)
		o->status = OGI_STATUS_CONSULTING;
	else
		o->status = OGI_STATUS_REGISTERED;
}

void ogi_clock_run(const struct ogi_clock_input *in, struct ogi_clock *out)
{
	/* the arrays are filled as they are used: clearing them would cost more than the run */
	memset(out, 0, offsetof(struct ogi_clock, sub));
	out->closed_on = OGI_DATE_NONE;
	out->outcome = -1;
	out->pause_since = OGI_DATE_NONE;
	out->fee_due = OGI_DATE_NONE;
	out->correction_due = OGI_DATE_NONE;
	out->last_on = in->received_on;
	out->reply_served_on = OGI_DATE_NONE;
	struct fold f = {.in = in, .out = out, .period = ogi_clock_period(in->regime)};
	out->correction_notice_due = ogi_add_workdays(in->cal, in->received_on, 7, NULL);
	start_count(&f, in->received_on, false);
	for (size_t i = 0; i < in->nevents; i++) {
		f.index = i;
		apply(&f, &in->events[i]);
		derive_status(&f);
	}
	if (out->status == OGI_STATUS_CLOSED) {
		reply_dates(&f);
		return;
	}
	/* windows that ended by today end their pauses; an open pause: the due
	   date as if it ended today */
	advance(&f, in->today);
	derive_status(&f);
	if (f.npause_sources > 0 && in->today > f.pause_from) {
		int wd = ogi_workdays_between(in->cal, f.pause_from, in->today);
		bool prov = false;
		out->due_on = ogi_add_workdays(in->cal, out->due_on, wd, &prov);
		/* as pause_end: a pause or a count over a year not loaded is provisional */
		out->provisional = out->provisional || prov ||
		                   !ogi_calendar_covers(in->cal, f.pause_from, in->today);
	}
	if (in->regime == OGI_REGIME_2019 && !out->correction_requested)
		add_sub(out, OGI_SUB_CORRECTION_NOTICE, out->correction_notice_due, 0, false,
		        false);
	for (int k = 0; k < out->ncons; k++)
		if (out->cons[k].answer < 0)
			add_sub(out, OGI_SUB_THIRD_PARTY, out->cons[k].window, out->cons[k].id,
			        out->cons[k].provisional, out->cons[k].estimated);
	if (out->fee_outstanding)
		add_sub(out, OGI_SUB_FEE_PAYMENT, out->fee_due, 0, false, false);
	if (out->status == OGI_STATUS_AWAITING_CORRECTION && out->correction_due != OGI_DATE_NONE)
		add_sub(out, OGI_SUB_CORRECTION_PERIOD, out->correction_due, 0, false, false);
	out->overdue = out->status == OGI_STATUS_REGISTERED && in->today > out->due_on;
}

static enum ogi_error check_consultation(const struct ogi_clock *st,
                                         const struct ogi_clock_event *next, char *detail,
                                         size_t len)
{
	char d1[OGI_DATE_STRLEN];
	const struct ogi_consultation *k = NULL;
	for (int i = 0; i < st->ncons; i++)
		if (st->cons[i].id == next->consultation)
			k = &st->cons[i];
	switch (next->type) {
	case OGI_EV_CONSULTATION_DELIVERED:
		if (k == NULL)
			return ogi_refuse(detail, len, OGI_E_CONSULTATION_NOT_OPEN,
			                  "no consultation %lld on this request",
			                  next->consultation);
		if (next->on < k->sent_on)
			return ogi_refuse(
			    detail, len, OGI_E_DATE_OUT_OF_ORDER,
			    "the letter was sent on %s; it cannot have been received before",
			    ogi_date_format(k->sent_on, d1));
		return 0;
	case OGI_EV_CONSULTATION_ENDED:
		if (st->open_consultations == 0)
			return ogi_refuse(detail, len, OGI_E_CONSULTATION_NOT_OPEN,
			                  "no consultation is open");
		if (next->consultation == 0) {
			if (st->open_consultations > 1)
				return ogi_refuse(
				    detail, len, OGI_E_CONSULTATION_AMBIGUOUS,
				    "%d consultations are open: say which one ended (consultation)",
				    st->open_consultations);
			for (int i = 0; i < st->ncons; i++)
				if (st->cons[i].answer < 0)
					k = &st->cons[i];
		}
		if (k == NULL || k->answer >= 0)
			return ogi_refuse(detail, len, OGI_E_CONSULTATION_NOT_OPEN,
			                  "consultation %lld is not open", next->consultation);
		if (next->answer == OGI_ANSWER_NONE && next->on <= k->window)
			return ogi_refuse(
			    detail, len, OGI_E_CONSULTATION_WINDOW_OPEN,
			    "the party may answer until %s%s; record no_answer after that",
			    ogi_date_format(k->window, d1),
			    k->estimated ? " (counted from the sending; record its receipt with "
			                   "consultation_delivered)"
			                 : "");
		return 0;
	case OGI_EV_OBJECTION_OVERRIDDEN:
		if (k == NULL || k->answer != OGI_ANSWER_OBJECT || k->party != 0)
			return ogi_refuse(
			    detail, len, OGI_E_NO_OBJECTION,
			    "consultation %lld did not end with a third party's objection",
			    next->consultation);
		if (k->overridden)
			return ogi_refuse(
			    detail, len, OGI_E_CONFLICT,
			    "the public-interest decision on consultation %lld is already recorded",
			    next->consultation);
		return 0;
	default:
		return 0;
	}
}

static enum ogi_error check_state(const struct ogi_clock_input *in, const struct ogi_clock *st,
                                  const struct ogi_clock_event *next, char *detail, size_t len)
{
	char d1[OGI_DATE_STRLEN], d2[OGI_DATE_STRLEN];
	detail[0] = '\0';
	/* a note and a letter's record change no state: a closed request takes them
	   too (a reply letter follows the reply; its service is learnt later) */
	if (next->type == OGI_EV_NOTE || ogi_event_is_letter(next->type)) {
		if (next->on < in->received_on)
			return ogi_refuse(detail, len, OGI_E_DATE_BEFORE_RECEIPT,
			                  "the request was received on %s",
			                  ogi_date_format(in->received_on, d1));
		return 0;
	}
	if (st->status == OGI_STATUS_CLOSED)
		return ogi_refuse(detail, len, OGI_E_REQUEST_CLOSED, "the request was closed on %s",
		                  ogi_date_format(st->closed_on, d1));
	if (next->on < in->received_on)
		return ogi_refuse(detail, len, OGI_E_DATE_BEFORE_RECEIPT,
		                  "the request was received on %s",
		                  ogi_date_format(in->received_on, d1));
	if (orders(next->type) && next->on < st->last_on)
		return ogi_refuse(
		    detail, len, OGI_E_DATE_OUT_OF_ORDER,
		    "the last event is dated %s; record events in the order they happened",
		    ogi_date_format(st->last_on, d1));
	enum ogi_event_type t = next->type;
	/* an open request is assigned and transferred in any state, the clock stopped or not */
	if (t == OGI_EV_ASSIGNED || t == OGI_EV_TRANSFERRED)
		return 0;
	if (st->status == OGI_STATUS_AWAITING_CORRECTION && t != OGI_EV_CORRECTION_RECEIVED &&
	    t != OGI_EV_CORRECTION_LAPSED && t != OGI_EV_WITHDRAWN && t != OGI_EV_NOTE)
		return ogi_refuse(
		    detail, len, OGI_E_CORRECTION_PENDING,
		    "record the corrected application (correction_received) or its lapse first");
	switch (t) {
	case OGI_EV_CORRECTION_REQUESTED:
		if (st->correction_requested)
			return ogi_refuse(detail, len, OGI_E_CORRECTION_ONCE,
			                  "a correction was already requested; art. 30 asks for "
			                  "all items at once");
		if (st->status != OGI_STATUS_REGISTERED)
			return ogi_refuse(detail, len,
			                  st->fee_outstanding ? OGI_E_FEE_PENDING
			                                      : OGI_E_CONSULTATION_OPEN,
			                  "request a correction while the clock runs");
		return 0;
	case OGI_EV_CORRECTION_RECEIVED:
	case OGI_EV_CORRECTION_LAPSED:
		if (st->status != OGI_STATUS_AWAITING_CORRECTION)
			return ogi_refuse(detail, len, OGI_E_CORRECTION_NOT_REQUESTED,
			                  "no correction is awaited");
		/* art. 30: deemed withdrawn only when the applicant lets the period pass */
		if (t == OGI_EV_CORRECTION_LAPSED && st->correction_due != OGI_DATE_NONE &&
		    next->on <= st->correction_due)
			return ogi_refuse(detail, len, OGI_E_CORRECTION_WINDOW_OPEN,
			                  "the applicant may correct until %s; the application "
			                  "lapses only after that",
			                  ogi_date_format(st->correction_due, d1));
		return 0;
	case OGI_EV_CONSULTATION_STARTED:
		if (st->fee_outstanding)
			return ogi_refuse(detail, len, OGI_E_FEE_PENDING,
			                  "a fee notice is outstanding");
		if (st->ncons >= OGI_CLOCK_MAX_CONSULT)
			return ogi_refuse(detail, len, OGI_E_CONFLICT,
			                  "at most %d consultations per request",
			                  OGI_CLOCK_MAX_CONSULT);
		return 0;
	case OGI_EV_CONSULTATION_DELIVERED:
	case OGI_EV_CONSULTATION_ENDED:
	case OGI_EV_OBJECTION_OVERRIDDEN:
		return check_consultation(st, next, detail, len);
	case OGI_EV_EXTENSION_APPROVED: {
		int cap = ogi_clock_period(in->regime);
		if (st->extension_used)
			return ogi_refuse(detail, len, OGI_E_EXTENSION_TWICE,
			                  "the reply period was already extended");
		if (next->working_days < 1 || next->working_days > cap)
			return ogi_refuse(detail, len, OGI_E_EXTENSION_TOO_LONG,
			                  "at most %d working days in the %s regime", cap,
			                  ogi_regime_names[in->regime]);
		if (st->fee_outstanding)
			return ogi_refuse(detail, len, OGI_E_FEE_PENDING,
			                  "a fee notice is outstanding");
		if (next->on > st->due_on)
			return ogi_refuse(
			    detail, len, OGI_E_EXTENSION_AFTER_DUE,
			    "the due date was %s; an extension decided on %s is too late",
			    ogi_date_format(st->due_on, d1), ogi_date_format(next->on, d2));
		return 0;
	}
	case OGI_EV_DELAY_SET:
		if (next->due_on <= st->due_on)
			return ogi_refuse(detail, len, OGI_E_DELAY_TOO_EARLY,
			                  "the current due date is %s",
			                  ogi_date_format(st->due_on, d1));
		return 0;
	case OGI_EV_FEE_NOTICE_ISSUED: {
		if (st->fee_outstanding)
			return ogi_refuse(detail, len, OGI_E_FEE_ALREADY_NOTIFIED,
			                  "a fee notice is outstanding");
		const char *why = NULL;
		if (next->fee_method >= 0 &&
		    !ogi_fee_method_applies((enum ogi_fee_method)next->fee_method, in->received_on,
		                            in->regime, &why, NULL))
			return ogi_refuse(detail, len, OGI_E_FEE_NOT_APPLICABLE, "%s", why);
		return 0;
	}
	case OGI_EV_FEE_PAID:
	case OGI_EV_FEE_WAIVED:
		if (!st->fee_outstanding)
			return ogi_refuse(detail, len, OGI_E_PAYMENT_WITHOUT_NOTICE,
			                  "no fee notice is outstanding");
		return 0;
	case OGI_EV_FEE_LAPSED:
		if (!st->fee_outstanding)
			return ogi_refuse(detail, len, OGI_E_PAYMENT_WITHOUT_NOTICE,
			                  "no fee notice is outstanding");
		if (next->on <= st->fee_due)
			return ogi_refuse(
			    detail, len, OGI_E_FEE_WINDOW_OPEN,
			    "the applicant may pay until %s; the fee lapses only after that",
			    ogi_date_format(st->fee_due, d1));
		return 0;
	case OGI_EV_REPLIED:
		if (st->fee_outstanding)
			return ogi_refuse(detail, len, OGI_E_FEE_PENDING,
			                  "a fee notice is outstanding");
		if (st->open_consultations > 0)
			return ogi_refuse(detail, len, OGI_E_CONSULTATION_OPEN,
			                  "end the open consultation first (consultation_ended)");
		if (next->outcome == OGI_OUT_DISCLOSED)
			for (int i = 0; i < st->ncons; i++)
				if (st->cons[i].party == 0 &&
				    st->cons[i].answer == OGI_ANSWER_OBJECT &&
				    !st->cons[i].overridden)
					return ogi_refuse(
					    detail, len, OGI_E_OBJECTION_NOT_OVERRIDDEN,
					    "the third party of consultation %lld objected on %s; "
					    "art. 32: "
					    "record objection_overridden with the reason first",
					    st->cons[i].id,
					    ogi_date_format(st->cons[i].answered_on, d1));
		return 0;
	default:
		return 0;
	}
}

enum ogi_error ogi_clock_check(const struct ogi_clock_input *in, const struct ogi_clock_event *next,
                               char *detail, size_t len)
{
	struct ogi_clock_input quick = *in;
	quick.explain = false;
	quick.today = next->on; /* the state as of the new event's date */
	struct ogi_clock *st = malloc(sizeof *st);
	if (st == NULL)
		return ogi_refuse(detail, len, OGI_E_INTERNAL, "out of memory");
	ogi_clock_run(&quick, st);
	enum ogi_error rc = check_state(in, st, next, detail, len);
	free(st);
	return rc;
}
