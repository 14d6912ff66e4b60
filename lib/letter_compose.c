/* Composing a letter's draft (lib/letter.h): which letters make sense now,
 * the fields read off the record, and the letters other than the reply
 * (letter_reply.c).  Each paragraph is a template of letter_text.c filled
 * in; the articles cited are chosen here by regime (law.md §1, §2). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/consultation.h"
#include "lib/fees.h"
#include "lib/letter.h"
#include "lib/letter_fields.h"

const char *const ogi_letter_refusal_names[] = {"ok",
                                                "no_outcome",
                                                "no_correction",
                                                "no_extension",
                                                "no_delay",
                                                "no_consultation",
                                                "no_override",
                                                "no_fee_notice",
                                                "outcome_no_letter",
                                                NULL};
const char *const ogi_letter_refusal_zh[] = {
    "可以制作",
    "尚未记录答复或办结结果，不能制作答复书",
    "尚未记录补正告知，不能制作补正告知书",
    "尚未记录经批准的延期，不能制作延期答复告知书",
    "尚未记录延迟答复期限，不能制作延迟答复告知书",
    "尚未记录向该方征求意见，不能制作该征求意见文书",
    "尚未记录决定公开（不公开可能对公共利益造成重大影响），不能制作决定公开告知书",
    "尚未记录收费通知，不能制作收费通知书",
    "申请人已撤回申请，无需制作答复书",
    NULL};
const char *const ogi_letter_refusal_en[] = {
    "the letter can be made",
    "no reply or closing event is recorded yet",
    "no correction request is recorded",
    "no approved extension is recorded",
    "no art. 35 delay is recorded",
    "no consultation of that party is recorded",
    "no decision to disclose over the objection is recorded",
    "no fee notice is recorded",
    "the application was withdrawn: there is nothing to answer",
    NULL};

/* ---- the record ---- */

long long lc_last(const struct ogi_event_list *ev, enum ogi_event_type t, long long upto)
{
	long long end = upto < 0 || (size_t)upto > ev->n ? (long long)ev->n : upto;
	for (long long i = end - 1; i >= 0; i--)
		if (ev->e[i].type == t)
			return i;
	return -1;
}

const char *lc_str(const json_t *o, const char *name)
{
	const char *s = json_string_value(json_object_get(o, name));
	return s != NULL && s[0] != '\0' ? s : NULL;
}

ogi_date lc_date(const json_t *o, const char *name)
{
	ogi_date d;
	const char *s = lc_str(o, name);
	return s != NULL && ogi_date_parse(s, &d) ? d : OGI_DATE_NONE;
}

void lc_set_date(struct letter_compose *c, enum letter_field k, ogi_date d)
{
	char buf[OGI_DATE_ZH_SIZE];
	letter_fields_set(&c->f, k, d == OGI_DATE_NONE ? NULL : ogi_date_zh(d, buf));
}

void lc_set_fact(struct letter_compose *c, enum letter_field k, const char *name)
{
	const char *s = lc_str(c->facts, name);
	ogi_date d;
	if (s != NULL && ogi_date_parse(s, &d))
		lc_set_date(c, k, d);
	else
		letter_fields_set(&c->f, k, s);
}

static int party_of(const struct ogi_event *e)
{
	return ogi_enum_parse(ogi_consultation_party_names, lc_str(e->payload, "party"));
}

/* The outcome the record closed with: its last closing event's, else the
 * request's projection; -1 while open. */
static int outcome_of(const struct ogi_request *r, const struct ogi_event_list *ev)
{
	for (size_t i = ev->n; i-- > 0;) {
		const struct ogi_event *e = &ev->e[i];
		switch (e->type) {
		case OGI_EV_REPLIED: {
			int o = ogi_enum_parse(ogi_outcome_names, lc_str(e->payload, "outcome"));
			if (o >= 0)
				return o;
			break;
		}
		case OGI_EV_CORRECTION_LAPSED:
			return OGI_OUT_LAPSED_CORRECTION;
		case OGI_EV_FEE_LAPSED:
			return OGI_OUT_LAPSED_FEE;
		case OGI_EV_WITHDRAWN:
			return OGI_OUT_WITHDRAWN;
		default:
			break;
		}
	}
	return r->outcome >= 0 && r->outcome < OGI_OUTCOME_COUNT ? r->outcome : -1;
}

/* The consultation a letter of kind is about: the one facts.consultation
 * names (of the right party), else the last of that party; -1 when none. */
static long long consultation_of(enum ogi_letter_kind kind, const struct ogi_event_list *ev,
                                 json_t *facts)
{
	int want = kind == OGI_LETTER_THIRD_PARTY_CONSULTATION || kind == OGI_LETTER_OVERRIDE_NOTICE
	               ? OGI_PARTY_THIRD_PARTY
	           : kind == OGI_LETTER_BODY_CONSULTATION ? OGI_PARTY_OTHER_BODY
	                                                  : -1;
	json_t *named = json_object_get(facts, "consultation");
	long long id = json_is_integer(named) ? json_integer_value(named) : 0;
	if (id == 0 && kind == OGI_LETTER_OVERRIDE_NOTICE) {
		long long o = lc_last(ev, OGI_EV_OBJECTION_OVERRIDDEN, -1);
		json_t *of = o >= 0 ? json_object_get(ev->e[o].payload, "consultation") : NULL;
		id = json_is_integer(of) ? json_integer_value(of) : 0;
	}
	for (size_t i = ev->n; i-- > 0;) {
		const struct ogi_event *e = &ev->e[i];
		if (e->type != OGI_EV_CONSULTATION_STARTED || (id != 0 && e->id != id))
			continue;
		if (want >= 0 && party_of(e) != want) {
			if (id != 0)
				return -1; /* the one named is of the other party */
			continue;
		}
		return (long long)i;
	}
	return -1;
}

static enum ogi_letter_refusal refusal_of(enum ogi_letter_kind kind, const struct ogi_request *r,
                                          const struct ogi_event_list *ev, json_t *facts,
                                          int *outcome, long long *consult)
{
	*outcome = -1;
	*consult = -1;
	switch (kind) {
	case OGI_LETTER_RECEIPT:
		return OGI_LETTER_OK;
	case OGI_LETTER_CORRECTION_NOTICE:
		return lc_last(ev, OGI_EV_CORRECTION_REQUESTED, -1) >= 0 ? OGI_LETTER_OK
		                                                         : OGI_LETTER_NO_CORRECTION;
	case OGI_LETTER_EXTENSION_NOTICE:
		return lc_last(ev, OGI_EV_EXTENSION_APPROVED, -1) >= 0 ? OGI_LETTER_OK
		                                                       : OGI_LETTER_NO_EXTENSION;
	case OGI_LETTER_DELAY_NOTICE:
		return lc_last(ev, OGI_EV_DELAY_SET, -1) >= 0 ? OGI_LETTER_OK : OGI_LETTER_NO_DELAY;
	case OGI_LETTER_OVERRIDE_NOTICE:
		if (lc_last(ev, OGI_EV_OBJECTION_OVERRIDDEN, -1) < 0)
			return OGI_LETTER_NO_OVERRIDE;
		/* and the consultation it overrides */
		__attribute__((fallthrough));
	case OGI_LETTER_THIRD_PARTY_CONSULTATION:
	case OGI_LETTER_CONSULTATION_NOTICE:
	case OGI_LETTER_BODY_CONSULTATION:
		*consult = consultation_of(kind, ev, facts);
		return *consult >= 0 ? OGI_LETTER_OK : OGI_LETTER_NO_CONSULTATION;
	case OGI_LETTER_FEE_NOTICE:
		return lc_last(ev, OGI_EV_FEE_NOTICE_ISSUED, -1) >= 0 ? OGI_LETTER_OK
		                                                      : OGI_LETTER_NO_FEE_NOTICE;
	case OGI_LETTER_REPLY:
		*outcome = outcome_of(r, ev);
		if (*outcome < 0)
			return OGI_LETTER_NO_OUTCOME;
		return *outcome == OGI_OUT_WITHDRAWN ? OGI_LETTER_OUTCOME_NO_LETTER : OGI_LETTER_OK;
	default:
		return OGI_LETTER_REFUSAL_COUNT;
	}
}

unsigned ogi_letter_kinds_possible(const struct ogi_request *r, const struct ogi_event_list *ev)
{
	unsigned mask = 0;
	for (int k = 0; k < OGI_LETTER_KIND_COUNT; k++) {
		int outcome;
		long long consult;
		if (refusal_of((enum ogi_letter_kind)k, r, ev, NULL, &outcome, &consult) ==
		    OGI_LETTER_OK)
			mask |= 1u << k;
	}
	return mask;
}

/* ---- paragraphs ---- */

void lc_text(struct letter_compose *c, struct ogi_buf *b, bool remedy)
{
	if (b->oom) {
		c->oom = true;
		return;
	}
	const char *s = b->p != NULL ? b->p : "";
	for (;;) {
		size_t n = strcspn(s, "\n");
		struct ogi_letter_doc *d = &c->d;
		if (d->npara < OGI_LETTER_PARAGRAPHS_MAX) {
			char *p = strndup(s, n);
			if (p == NULL) {
				c->oom = true;
				return;
			}
			d->para_remedy[d->npara] = remedy;
			d->para[d->npara++] = p;
		} else {
			/* past the most paragraphs: the rest joins the last one */
			char *last = d->para[d->npara - 1], *p = NULL;
			if (asprintf(&p, "%s%.*s", last, (int)n, s) < 0) {
				c->oom = true;
				return;
			}
			free(last);
			d->para[d->npara - 1] = p;
		}
		if (s[n] == '\0')
			break;
		s += n + 1;
	}
}

void lc_para(struct letter_compose *c, int remedy, ...)
{
	struct ogi_buf b = {0};
	va_list ap;
	va_start(ap, remedy);
	for (const char *key; (key = va_arg(ap, const char *)) != NULL;)
		letter_expand(&b, key, &c->f, c->overrides);
	va_end(ap);
	lc_text(c, &b, remedy);
	ogi_buf_free(&b);
}

void lc_title(struct letter_compose *c, const char *key)
{
	struct ogi_buf b = {0};
	letter_expand(&b, key, &c->f, c->overrides);
	if (b.oom)
		c->oom = true;
	letter_copy(c->d.title, sizeof c->d.title, b.p != NULL ? b.p : "");
	ogi_buf_free(&b);
}

void lc_field_from(struct letter_compose *c, enum letter_field k, const char *key)
{
	struct ogi_buf b = {0};
	letter_expand(&b, key, &c->f, c->overrides);
	if (b.oom)
		c->oom = true;
	letter_fields_set(&c->f, k, b.p != NULL ? b.p : "");
	ogi_buf_free(&b);
}

void lc_basis(struct letter_compose *c, const char *art_2019, const char *art_2007)
{
	if (c->r->regime == OGI_REGIME_2008 && art_2007 != NULL)
		letter_fields_setf(&c->f, LF_BASIS, "%s%s", OGI_REGULATION_2007, art_2007);
	else
		letter_fields_setf(&c->f, LF_BASIS, "%s%s", OGI_REGULATION_2019, art_2019);
}

/* What a 补正 supplied: its event's text, else (for the last one) the facts'. */
static const char *correction_content(struct letter_compose *c, long long i, bool last)
{
	const json_t *p = c->ev->e[i].payload;
	const char *s = lc_str(p, "content");
	if (s == NULL)
		s = lc_str(p, "text");
	if (s == NULL)
		s = lc_str(p, "notes");
	if (s == NULL && last)
		s = lc_str(c->facts, "correction_content");
	return s;
}

void lc_opening(struct letter_compose *c, long long upto)
{
	struct ogi_buf b = {0};
	letter_expand(&b, "common.opening", &c->f, c->overrides);
	long long end = upto < 0 ? (long long)c->ev->n : upto;
	long long last = lc_last(c->ev, OGI_EV_CORRECTION_RECEIVED, end);
	for (long long i = 0; i < end; i++) {
		if (c->ev->e[i].type != OGI_EV_CORRECTION_RECEIVED)
			continue;
		lc_set_date(c, LF_CORRECTED_ON, c->ev->e[i].on);
		letter_fields_set(&c->f, LF_CORRECTION, correction_content(c, i, i == last));
		letter_expand(&b, "common.correction_received", &c->f, c->overrides);
	}
	lc_text(c, &b, false);
	ogi_buf_free(&b);
}

void lc_remedy(struct letter_compose *c)
{
	char sentence[4096];
	ogi_letter_remedy_sentence(c->kind, c->outcome, c->date, c->s, sentence, sizeof sentence);
	if (sentence[0] == '\0')
		return;
	struct ogi_buf b = {0};
	ogi_buf_add(&b, sentence);
	lc_text(c, &b, true);
	ogi_buf_free(&b);
}

/* ---- the fields every letter offers ---- */

static const char *const channel_zh[] = {
    "当面提交", "口头提出（工作人员代为填写）", "邮寄（挂号信、EMS 等需签收）",
    "平常信函", "互联网（网上申请）",           "传真",
    "电子邮件"};
static const char *const medium_zh[] = {"纸质", "电子数据", "查阅、抄录"};
static const char *const delivery_zh[] = {"当面领取", "邮寄", "电子邮件", "网上获取"};

static void weekday_date(struct letter_compose *c, enum letter_field k, ogi_date d)
{
	static const char *const wd[] = {"", "一", "二", "三", "四", "五", "六", "日"};
	char buf[OGI_DATE_ZH_SIZE];
	if (d == OGI_DATE_NONE)
		letter_fields_set(&c->f, k, NULL);
	else
		letter_fields_setf(&c->f, k, "%s（星期%s）", ogi_date_zh(d, buf),
		                   wd[ogi_date_weekday(d)]);
}

/* The body's contact lines, those set; NULL when none is. */
static void contact_fields(struct letter_compose *c)
{
	const struct ogi_body_settings *s = c->s;
	struct ogi_buf b = {0};
	const char *part[][2] = {{"地址：", s->address},
	                         {"邮政编码：", s->postcode},
	                         {"联系电话：", s->phone},
	                         {"办公时间：", s->office_hours}};
	for (size_t i = 0; i < sizeof part / sizeof part[0]; i++)
		if (part[i][1][0] != '\0')
			ogi_buf_printf(&b, "%s%s%s", b.len > 0 ? "；" : "", part[i][0], part[i][1]);
	if (b.oom)
		c->oom = true;
	letter_fields_set(&c->f, LF_CONTACT, b.len > 0 ? b.p : NULL);
	ogi_buf_free(&b);
	letter_fields_set(&c->f, LF_ADDRESS, s->address[0] ? s->address : NULL);
	letter_fields_set(&c->f, LF_POSTCODE, s->postcode[0] ? s->postcode : NULL);
	letter_fields_set(&c->f, LF_PHONE, s->phone[0] ? s->phone : NULL);
	letter_fields_set(&c->f, LF_OFFICE_HOURS, s->office_hours[0] ? s->office_hours : NULL);
	if (s->address[0] == '\0')
		letter_fields_set(&c->f, LF_RETURN_ADDRESS, NULL);
	else
		letter_fields_setf(&c->f, LF_RETURN_ADDRESS, "%s（地址：%s%s%s）",
		                   c->f.v[LF_BODY] != NULL ? c->f.v[LF_BODY] : "", s->address,
		                   s->postcode[0] ? "；邮政编码：" : "", s->postcode);
}

static void form_fields(struct letter_compose *c)
{
	const struct ogi_request *r = c->r;
	bool m = r->form_medium >= 0 && r->form_medium < OGI_MEDIUM_COUNT;
	bool d = r->form_delivery >= 0 && r->form_delivery < OGI_DELIVERY_COUNT;
	if (m && d)
		letter_fields_setf(&c->f, LF_FORM, "%s · %s", medium_zh[r->form_medium],
		                   delivery_zh[r->form_delivery]);
	else
		letter_fields_set(&c->f, LF_FORM,
		                  m   ? medium_zh[r->form_medium]
		                  : d ? delivery_zh[r->form_delivery]
		                      : NULL);
	/* how a disclosed information goes to the applicant, by default the form asked for */
	static const char *const how[] = {"当面领取", "邮寄", "通过电子邮件发送", "网上获取"};
	static const char *const what[] = {"纸质件", "电子数据", ""};
	if (m && r->form_medium == OGI_MEDIUM_INSPECTION)
		letter_fields_set(&c->f, LF_PROVIDE_HOW, "到本机关查阅、抄录");
	else if (m || d)
		letter_fields_setf(&c->f, LF_PROVIDE_HOW, "%s%s", d ? how[r->form_delivery] : "",
		                   m ? what[r->form_medium] : "");
	else
		letter_fields_set(&c->f, LF_PROVIDE_HOW, NULL);
	if (lc_str(c->facts, "provide_how") != NULL)
		lc_set_fact(c, LF_PROVIDE_HOW, "provide_how");
}

static void common_fields(struct letter_compose *c)
{
	const struct ogi_request *r = c->r;
	const char *body = c->s->name[0] != '\0' ? c->s->name : r->body_name;
	const char *name = r->applicant.name;
	letter_fields_set(&c->f, LF_APPLICANT, name != NULL && name[0] != '\0' ? name : NULL);
	letter_fields_set(&c->f, LF_YOU,
	                  r->applicant.kind == OGI_APPLICANT_NATURAL_PERSON ? "您" : "贵单位");
	letter_fields_set(&c->f, LF_BODY, body[0] != '\0' ? body : NULL);
	lc_set_date(c, LF_RECEIVED_ON, r->received_on);
	letter_fields_set(&c->f, LF_DESCRIPTION,
	                  r->description != NULL && r->description[0] != '\0' ? r->description
	                                                                      : NULL);
	letter_fields_set(&c->f, LF_TRACKING_NO, r->tracking_no[0] ? r->tracking_no : NULL);
	lc_set_date(c, LF_DATE, c->date);
	letter_fields_set(&c->f, LF_REGULATION,
	                  r->regime == OGI_REGIME_2008 ? OGI_REGULATION_2007 : OGI_REGULATION_2019);
	letter_fields_set(&c->f, LF_CHANNEL,
	                  r->channel >= 0 && r->channel < OGI_CHANNEL_COUNT ? channel_zh[r->channel]
	                                                                    : NULL);
	weekday_date(c, LF_RECEIVED_ON_WD, r->received_on);
	lc_set_date(c, LF_DUE_ON, r->due_on);
	if (r->due_on == OGI_DATE_NONE)
		letter_fields_set(&c->f, LF_DUE_ON_WD, "停止计算");
	else
		weekday_date(c, LF_DUE_ON_WD, r->due_on);
	letter_fields_setf(&c->f, LF_PERIOD, "%d", r->regime == OGI_REGIME_2008 ? 15 : 20);
	long long reg = lc_last(c->ev, OGI_EV_REGISTERED, -1);
	/* the clerk by the name people read (issue 18: 经办人 is a person, not a login) */
	const struct ogi_event *regev = reg >= 0 ? &c->ev->e[reg] : NULL;
	letter_fields_set(&c->f, LF_CLERK,
	                  regev == NULL          ? NULL
	                  : regev->actor_name[0] ? regev->actor_name
	                  : regev->actor[0]      ? regev->actor
	                                         : NULL);
	long long cr = lc_last(c->ev, OGI_EV_CORRECTION_REQUESTED, -1);
	if (cr >= 0) {
		lc_set_date(c, LF_CORRECTION_REQUESTED_ON, c->ev->e[cr].on);
		letter_fields_set(&c->f, LF_ITEMS, lc_str(c->ev->e[cr].payload, "items"));
		lc_set_date(c, LF_CORRECTION_DUE, lc_date(c->ev->e[cr].payload, "correction_due"));
	}
	contact_fields(c);
	form_fields(c);
}

/* The addressee: the applicant, or the party consulted. */
static void addressee(struct letter_compose *c, const char *name)
{
	struct ogi_buf b = {0};
	if (name != NULL && name[0] != '\0')
		ogi_buf_add(&b, name);
	else
		letter_blank(&b, c->consult >= 0 ? "被征求意见方名称" : "申请人姓名或者名称");
	if (b.oom)
		c->oom = true;
	letter_copy(c->d.addressee, sizeof c->d.addressee, b.p != NULL ? b.p : "");
	ogi_buf_free(&b);
}

static void attachments(struct letter_compose *c)
{
	json_t *a = json_object_get(c->facts, "attachments");
	size_t i;
	json_t *v;
	json_array_foreach(a, i, v)
	{
		const char *s = json_string_value(v);
		if (s == NULL || s[0] == '\0' || c->d.nattach >= 8)
			continue;
		c->d.attach[c->d.nattach] = strdup(s);
		if (c->d.attach[c->d.nattach] == NULL)
			c->oom = true;
		else
			c->d.nattach++;
	}
}

/* ---- the letters before the reply ---- */

static void receipt(struct letter_compose *c)
{
	c->d.addressee[0] = '\0';
	lc_title(c, "receipt.title");
	lc_para(c, false, "receipt.record", NULL);
	if (c->f.v[LF_FORM] != NULL)
		lc_para(c, false, "receipt.form", NULL);
	lc_para(c, false, c->r->regime == OGI_REGIME_2008 ? "receipt.note_2008" : "receipt.note",
	        NULL);
	lc_para(c, false, "receipt.keep", NULL);
	if (c->f.v[LF_CLERK] != NULL)
		lc_para(c, false, "receipt.clerk", NULL);
}

static void correction_notice(struct letter_compose *c)
{
	long long cr = lc_last(c->ev, OGI_EV_CORRECTION_REQUESTED, -1);
	lc_title(c, "correction_notice.title");
	lc_opening(c, cr);
	lc_basis(c, "第三十条", "第二十一条第（四）项");
	lc_para(c, false, "correction_notice.body", NULL);
	lc_para(c, false, "correction_notice.due", NULL);
	lc_para(c, false, "common.contact", NULL);
	lc_para(c, false, "common.closing", NULL);
}

static void extension_notice(struct letter_compose *c)
{
	const struct ogi_event *e = &c->ev->e[lc_last(c->ev, OGI_EV_EXTENSION_APPROVED, -1)];
	json_t *wd = json_object_get(e->payload, "working_days");
	letter_fields_set(&c->f, LF_REASON, lc_str(e->payload, "reason"));
	if (json_is_integer(wd))
		letter_fields_setf(&c->f, LF_WORKING_DAYS, "%lld",
		                   (long long)json_integer_value(wd));
	lc_title(c, "extension_notice.title");
	lc_opening(c, -1);
	lc_basis(c, "第三十三条第二款", "第二十四条第二款");
	lc_para(c, false, "extension_notice.body", NULL);
	lc_para(c, false, "common.closing", NULL);
}

static void delay_notice(struct letter_compose *c)
{
	const struct ogi_event *e = &c->ev->e[lc_last(c->ev, OGI_EV_DELAY_SET, -1)];
	letter_fields_set(&c->f, LF_REASON, lc_str(e->payload, "reason"));
	lc_set_date(c, LF_DELAY_DUE, lc_date(e->payload, "due_on"));
	lc_title(c, "delay_notice.title");
	lc_opening(c, -1);
	lc_basis(c, "第三十五条", NULL);
	lc_para(c, false, "delay_notice.body", NULL);
	lc_para(c, false, "common.closing", NULL);
}

static void third_party_consultation(struct letter_compose *c)
{
	lc_title(c, "third_party_consultation.title");
	lc_basis(c, "第三十二条", "第二十三条");
	lc_para(c, false, "third_party_consultation.body", NULL);
	lc_para(c, false, "third_party_consultation.ask", NULL);
	lc_para(c, false, "common.contact", NULL);
	lc_para(c, false, "common.closing", NULL);
	/* the 意见回执, printed after a page break */
	struct ogi_buf b = {0};
	letter_expand(&b, "third_party_consultation.form_title", &c->f, c->overrides);
	letter_copy(c->d.title2, sizeof c->d.title2, b.p != NULL ? b.p : "");
	b.len = 0;
	if (b.p != NULL)
		b.p[0] = '\0';
	letter_expand(&b, "third_party_consultation.form", &c->f, c->overrides);
	if (b.oom)
		c->oom = true;
	for (const char *s = b.p != NULL ? b.p : ""; !c->oom;) {
		size_t n = strcspn(s, "\n");
		if (c->d.npara2 < OGI_LETTER_PARAGRAPHS_MAX) {
			c->d.para2[c->d.npara2] = strndup(s, n);
			if (c->d.para2[c->d.npara2] == NULL)
				c->oom = true;
			else
				c->d.npara2++;
		}
		if (s[n] == '\0')
			break;
		s += n + 1;
	}
	ogi_buf_free(&b);
}

static void consultation_notice(struct letter_compose *c)
{
	const struct ogi_event *e = &c->ev->e[c->consult];
	bool third = party_of(e) == OGI_PARTY_THIRD_PARTY;
	/* the applicant is not told who the third party is (art. 15: its interests) */
	letter_fields_set(&c->f, LF_CONSULTED, third ? "第三方" : lc_str(e->payload, "name"));
	lc_title(c, "consultation_notice.title");
	lc_opening(c, -1);
	lc_basis(c, "第三十三条第三款", third ? "第二十四条第三款" : NULL);
	lc_para(c, false, "consultation_notice.body", NULL);
	lc_para(c, false, "common.closing", NULL);
}

static void body_consultation(struct letter_compose *c)
{
	lc_title(c, "body_consultation.title");
	lc_basis(c, "第三十四条", NULL);
	lc_para(c, false, "body_consultation.body", NULL);
	lc_para(c, false, "body_consultation.ask", NULL);
	lc_para(c, false, "common.contact", NULL);
	lc_para(c, false, "common.closing", NULL);
}

static void override_notice(struct letter_compose *c)
{
	const struct ogi_event *start = &c->ev->e[c->consult];
	const struct ogi_event *o = &c->ev->e[lc_last(c->ev, OGI_EV_OBJECTION_OVERRIDDEN, -1)];
	/* the answer of this consultation: its consultation_ended event */
	const struct ogi_event *answer = NULL;
	for (size_t i = (size_t)c->consult + 1; i < c->ev->n; i++) {
		const struct ogi_event *e = &c->ev->e[i];
		json_t *k = json_object_get(e->payload, "consultation");
		if (e->type == OGI_EV_CONSULTATION_ENDED &&
		    (!json_is_integer(k) || json_integer_value(k) == start->id))
			answer = e;
	}
	lc_set_date(c, LF_ANSWERED_ON, answer != NULL ? answer->on : OGI_DATE_NONE);
	letter_fields_set(&c->f, LF_OBJECTION_REASONS,
	                  answer != NULL ? lc_str(answer->payload, "reasons") : NULL);
	letter_fields_set(&c->f, LF_OVERRIDE_REASON, lc_str(o->payload, "reason"));
	lc_set_fact(c, LF_DISCLOSE_ON, "disclose_on");
	lc_title(c, "override_notice.title");
	lc_basis(c, "第三十二条", "第二十三条");
	lc_para(c, false, "override_notice.body", NULL);
	lc_para(c, false, "override_notice.decision", NULL);
	lc_remedy(c);
	lc_para(c, false, "common.closing", NULL);
}

/* Money as a letter writes it: 「4700」, 「12.50」. */
static void money_field(struct letter_compose *c, enum letter_field k, const json_t *v)
{
	long long fen;
	if (!json_is_number(v) || !ogi_money_from_yuan(json_number_value(v), &fen))
		letter_fields_set(&c->f, k, NULL);
	else if (fen % 100 == 0)
		letter_fields_setf(&c->f, k, "%lld", fen / 100);
	else
		letter_fields_setf(&c->f, k, "%lld.%02lld", fen / 100, fen % 100);
}

static void fee_notice(struct letter_compose *c)
{
	const json_t *p = c->ev->e[lc_last(c->ev, OGI_EV_FEE_NOTICE_ISSUED, -1)].payload;
	int method = ogi_enum_parse(ogi_fee_method_names, lc_str(p, "method"));
	money_field(c, LF_AMOUNT, json_object_get(p, "amount"));
	lc_set_date(c, LF_PAY_BY, lc_date(p, "pay_by"));
	lc_set_fact(c, LF_PAY_HOW, "pay_how");
	json_t *ord = json_object_get(p, "ordinal"), *items = json_object_get(p, "items");
	json_t *pages = json_object_get(p, "pages");
	if (json_is_integer(ord))
		letter_fields_setf(&c->f, LF_ORDINAL, "%lld", (long long)json_integer_value(ord));
	letter_fields_setf(&c->f, LF_FEE_ITEMS, "%lld",
	                   json_is_integer(items) ? (long long)json_integer_value(items) : 1LL);
	if (json_is_integer(pages))
		letter_fields_setf(&c->f, LF_PAGES, "%lld", (long long)json_integer_value(pages));
	struct ogi_buf parts = {0};
	for (int k = 0; k < OGI_FEE_PART_COUNT; k++) {
		money_field(c, LF_FEE_PARTS, json_object_get(p, ogi_fee_part_names[k]));
		if (c->f.v[LF_FEE_PARTS] != NULL)
			ogi_buf_printf(&parts, "%s%s%s元", parts.len > 0 ? "、" : "",
			               ogi_fee_part_labels_zh[k], c->f.v[LF_FEE_PARTS]);
	}
	letter_fields_set(&c->f, LF_FEE_PARTS, parts.len > 0 ? parts.p : NULL);
	if (parts.oom)
		c->oom = true;
	ogi_buf_free(&parts);
	lc_title(c, "fee_notice.title");
	lc_opening(c, -1);
	if (method == OGI_FEE_LEGACY) {
		letter_fields_set(&c->f, LF_BASIS,
		                  OGI_REGULATION_2007
		                  "第二十七条和《财政部 国家发展改革委关于提供政"
		                  "府公开信息收取费用等有关问题的通知》（财综〔200"
		                  "8〕44号）");
		lc_para(c, false, "fee_notice.legacy", NULL);
		lc_para(c, false, "fee_notice.pay_legacy", NULL);
	} else {
		letter_fields_setf(
		    &c->f, LF_BASIS,
		    "%s第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕10"
		    "9号）第三条、%s",
		    OGI_REGULATION_2019, method == OGI_FEE_PER_VOLUME ? "第五条" : "第四条");
		lc_para(c, false,
		        method == OGI_FEE_PER_VOLUME ? "fee_notice.per_volume"
		                                     : "fee_notice.per_item",
		        NULL);
		lc_para(c, false, "fee_notice.pay", NULL);
	}
	lc_para(c, false, "common.contact", NULL);
	lc_para(c, false, "common.closing", NULL);
}

/* ---- composing ---- */

void ogi_letter_doc_free(struct ogi_letter_doc *d)
{
	for (size_t i = 0; i < d->npara; i++)
		free(d->para[i]);
	for (size_t i = 0; i < d->nattach; i++)
		free(d->attach[i]);
	for (size_t i = 0; i < d->npara2; i++)
		free(d->para2[i]);
	d->npara = d->nattach = d->npara2 = 0;
}

enum ogi_letter_refusal ogi_letter_compose(enum ogi_letter_kind kind, const struct ogi_request *r,
                                           const struct ogi_event_list *ev,
                                           const struct ogi_body_settings *s, json_t *facts,
                                           json_t *overrides, ogi_date date,
                                           struct ogi_letter_doc *out)
{
	struct letter_compose c = {.kind = kind, .r = r, .ev = ev, .s = s, .date = date};
	c.facts = json_is_object(facts) ? facts : NULL;
	c.overrides = json_is_object(overrides) ? overrides : NULL;
	enum ogi_letter_refusal why = refusal_of(kind, r, ev, c.facts, &c.outcome, &c.consult);
	if (why != OGI_LETTER_OK)
		return why;
	c.d.kind = kind;
	c.d.outcome = kind == OGI_LETTER_REPLY ? c.outcome : -1;
	c.d.date = date;
	letter_copy(c.d.signer, sizeof c.d.signer, s->name[0] != '\0' ? s->name : r->body_name);
	common_fields(&c);
	if (c.consult >= 0) {
		const struct ogi_event *e = &ev->e[c.consult];
		lc_set_date(&c, LF_CONSULTATION_ON, e->on);
		lc_set_fact(&c, LF_INFO_CONCERNED, "info_concerned");
		addressee(&c, kind == OGI_LETTER_CONSULTATION_NOTICE ? r->applicant.name
		                                                     : lc_str(e->payload, "name"));
	} else if (kind != OGI_LETTER_RECEIPT) {
		addressee(&c, r->applicant.name);
	}
	switch (kind) {
	case OGI_LETTER_RECEIPT:
		receipt(&c);
		break;
	case OGI_LETTER_CORRECTION_NOTICE:
		correction_notice(&c);
		break;
	case OGI_LETTER_EXTENSION_NOTICE:
		extension_notice(&c);
		break;
	case OGI_LETTER_DELAY_NOTICE:
		delay_notice(&c);
		break;
	case OGI_LETTER_THIRD_PARTY_CONSULTATION:
		third_party_consultation(&c);
		break;
	case OGI_LETTER_CONSULTATION_NOTICE:
		consultation_notice(&c);
		break;
	case OGI_LETTER_BODY_CONSULTATION:
		body_consultation(&c);
		break;
	case OGI_LETTER_OVERRIDE_NOTICE:
		override_notice(&c);
		break;
	case OGI_LETTER_FEE_NOTICE:
		fee_notice(&c);
		break;
	case OGI_LETTER_REPLY:
		lc_reply(&c);
		break;
	default:
		break;
	}
	attachments(&c);
	bool oom = c.oom || c.f.oom;
	letter_fields_free(&c.f);
	if (oom) {
		ogi_letter_doc_free(&c.d);
		return OGI_LETTER_REFUSAL_COUNT;
	}
	*out = c.d;
	return OGI_LETTER_OK;
}
