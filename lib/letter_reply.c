/* The reply (答复书 / 告知书) of each outcome (DESIGN.md §2 "Outcomes",
 * letters.md "The letters"): its title, the article and item it rests on,
 * the facts it states and, last, the remedy sentence of its date.
 *
 * Articles: the 2019 regulation's; for a request of the 2008 regime the
 * 2007 regulation's where law.md §2 gives one (art. 21 for the kinds of
 * reply, 22 partial, 23 third parties), else the 2019 article, as the
 * regulation in force on the letter's date (needs_creation, the 39 and 35
 * refusals, repeats, the query matters, a lapsed correction).  A lapsed fee
 * of the 2008 regime has no rule to cite: its basis is left blank. */
#include <stdio.h>
#include <string.h>

#include "lib/clock.h"
#include "lib/letter.h"
#include "lib/letter_fields.h"

/* What each outcome cites, and the title it takes. */
static const struct {
	const char *art_2019, *art_2007;
	enum { DECISION, NOTICE, TERMINATION } title;
} reply_rule[OGI_OUTCOME_COUNT] = {
    [OGI_OUT_ALREADY_PUBLIC] = {"第三十六条第（一）项", "第二十一条第（一）项", DECISION},
    [OGI_OUT_DISCLOSED] = {"第三十六条第（二）项", "第二十一条第（一）项", DECISION},
    [OGI_OUT_PARTIAL] = {"第三十七条", "第二十二条", DECISION},
    [OGI_OUT_WITHHELD_STATE_SECRET] = {"第十四条、第三十六条第（三）项", "第二十一条第（二）项",
                                       DECISION},
    [OGI_OUT_WITHHELD_LAW_PROHIBITED] = {"第十四条、第三十六条第（三）项", "第二十一条第（二）项",
                                         DECISION},
    [OGI_OUT_WITHHELD_SECURITY_STABILITY] = {"第十四条、第三十六条第（三）项",
                                             "第二十一条第（二）项", DECISION},
    [OGI_OUT_WITHHELD_THIRD_PARTY] = {"第十五条、第三十六条第（三）项",
                                      "第二十三条、第二十一条第（二）项", DECISION},
    [OGI_OUT_WITHHELD_INTERNAL_AFFAIRS] = {"第十六条第一款、第三十六条第（三）项",
                                           "第二十一条第（二）项", DECISION},
    [OGI_OUT_WITHHELD_PROCESS_INFO] = {"第十六条第二款、第三十六条第（三）项",
                                       "第二十一条第（二）项", DECISION},
    [OGI_OUT_WITHHELD_ENFORCEMENT_FILE] = {"第十六条第二款、第三十六条第（三）项",
                                           "第二十一条第（二）项", DECISION},
    [OGI_OUT_WITHHELD_QUERY_MATTER] = {"第三十六条第（七）项", NULL, DECISION},
    [OGI_OUT_NOT_HELD_NOT_EXIST] = {"第三十六条第（四）项", "第二十一条第（三）项", NOTICE},
    [OGI_OUT_NOT_HELD_OTHER_BODY] = {"第三十六条第（五）项", "第二十一条第（三）项", NOTICE},
    [OGI_OUT_NEEDS_CREATION] = {"第三十八条", NULL, NOTICE},
    [OGI_OUT_STILL_UNCLEAR] = {"第三十条", "第二十一条第（四）项", NOTICE},
    [OGI_OUT_NOT_GOVERNMENT_INFO] = {"第二条", NULL, NOTICE},
    [OGI_OUT_REJECTED_PETITION] = {"第三十九条第一款", NULL, NOTICE},
    [OGI_OUT_REJECTED_REPEAT] = {"第三十六条第（六）项", NULL, NOTICE},
    [OGI_OUT_REJECTED_PUBLICATION] = {"第三十九条第二款", NULL, NOTICE},
    [OGI_OUT_REJECTED_EXCESSIVE] = {"第三十五条", NULL, NOTICE},
    [OGI_OUT_REJECTED_CONFIRM_REISSUE] = {"", "", NOTICE},
    [OGI_OUT_LAPSED_CORRECTION] = {"第三十条", NULL, TERMINATION},
    [OGI_OUT_LAPSED_FEE] = {NULL, NULL, TERMINATION},
    [OGI_OUT_WITHDRAWN] = {NULL, NULL, NOTICE},
    [OGI_OUT_OTHER] = {NULL, NULL, NOTICE},
};

/* The articles a withheld part of a partial reply cites (its ground's):
 * false for an outcome that is no ground of withholding. */
static bool part_articles(int outcome, const char **art_2019, const char **art_2007)
{
	*art_2007 = "第二十一条第（二）项";
	switch (outcome) {
	case OGI_OUT_WITHHELD_STATE_SECRET:
	case OGI_OUT_WITHHELD_LAW_PROHIBITED:
	case OGI_OUT_WITHHELD_SECURITY_STABILITY:
		*art_2019 = "第十四条、第三十六条第（三）项";
		return true;
	case OGI_OUT_WITHHELD_THIRD_PARTY:
		*art_2019 = "第十五条、第三十六条第（三）项";
		*art_2007 = "第二十三条、第二十一条第（二）项";
		return true;
	case OGI_OUT_WITHHELD_INTERNAL_AFFAIRS:
		*art_2019 = "第十六条第一款、第三十六条第（三）项";
		return true;
	case OGI_OUT_WITHHELD_PROCESS_INFO:
	case OGI_OUT_WITHHELD_ENFORCEMENT_FILE:
		*art_2019 = "第十六条第二款、第三十六条第（三）项";
		return true;
	case OGI_OUT_WITHHELD_QUERY_MATTER:
		*art_2019 = "第三十六条第（七）项";
		*art_2007 = NULL;
		return true;
	case OGI_OUT_NOT_GOVERNMENT_INFO:
		*art_2019 = "第二条";
		*art_2007 = NULL;
		return true;
	default:
		return false;
	}
}

static void ground_of(struct letter_compose *c, int outcome)
{
	char key[80];
	if (outcome < 0 ||
	    !(ogi_outcome_is_withheld(outcome) || outcome == OGI_OUT_NOT_GOVERNMENT_INFO)) {
		letter_fields_set(&c->f, LF_GROUND, NULL);
		return;
	}
	snprintf(key, sizeof key, "ground.%s", ogi_outcome_names[outcome]);
	lc_field_from(c, LF_GROUND, key);
}

/* The replied event, or NULL when the reply closes with another event. */
static const struct ogi_event *replied(const struct letter_compose *c)
{
	long long i = lc_last(c->ev, OGI_EV_REPLIED, -1);
	return i >= 0 ? &c->ev->e[i] : NULL;
}

static void basis_field(struct letter_compose *c)
{
	int o = c->outcome;
	bool objected = false;
	for (size_t i = 0; i < c->ev->n; i++) {
		const char *a = lc_str(c->ev->e[i].payload, "answer");
		if (c->ev->e[i].type == OGI_EV_CONSULTATION_ENDED && a != NULL &&
		    strcmp(a, ogi_consultation_answer_names[OGI_ANSWER_OBJECT]) == 0)
			objected = true;
	}
	if (o == OGI_OUT_WITHHELD_THIRD_PARTY && objected && c->r->regime != OGI_REGIME_2008)
		/* the third party objected with reasons (art. 32) */
		lc_basis(c, "第十五条、第三十二条、第三十六条第（三）项", NULL);
	else if (o == OGI_OUT_LAPSED_FEE && c->r->regime != OGI_REGIME_2008)
		letter_fields_set(&c->f, LF_BASIS,
		                  "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）");
	else if (o == OGI_OUT_OTHER) {
		const struct ogi_event *e = replied(c);
		letter_fields_set(&c->f, LF_BASIS, e != NULL ? lc_str(e->payload, "basis") : NULL);
	} else if (reply_rule[o].art_2019 != NULL)
		lc_basis(c, reply_rule[o].art_2019, reply_rule[o].art_2007);
	else
		letter_fields_set(&c->f, LF_BASIS, NULL);
}

/* 36(1): where the information is published. */
static void where_field(struct letter_compose *c)
{
	const char *where = lc_str(c->facts, "where"), *url = lc_str(c->facts, "url");
	const char *index = lc_str(c->facts, "index");
	if (where == NULL && url == NULL && index == NULL) {
		letter_fields_set(&c->f, LF_WHERE, NULL);
		return;
	}
	letter_fields_setf(&c->f, LF_WHERE, "%s%s%s%s%s%s%s", where ? where : "",
	                   where && (url || index) ? "，" : "", url ? "网址：" : "", url ? url : "",
	                   url && index ? "，" : "", index ? "索引号：" : "", index ? index : "");
}

/* Art. 37: each withheld part with its ground and article, a paragraph each. */
static void withheld_parts(struct letter_compose *c)
{
	json_t *parts = json_object_get(c->facts, "withheld_parts");
	size_t n = json_is_array(parts) ? json_array_size(parts) : 0;
	for (size_t i = 0; i < (n > 0 ? n : 1); i++) {
		json_t *p = n > 0 ? json_array_get(parts, i) : NULL;
		int o = ogi_enum_parse(ogi_outcome_names, lc_str(p, "outcome"));
		const char *art_2019, *art_2007;
		bool ground = part_articles(o, &art_2019, &art_2007);
		char num[16];
		letter_cn_number((int)i + 1, num, sizeof num);
		letter_fields_set(&c->f, LF_N, num);
		letter_fields_set(&c->f, LF_PART, lc_str(p, "part"));
		ground_of(c, o);
		if (ground)
			lc_basis(c, art_2019, art_2007);
		else
			letter_fields_set(&c->f, LF_BASIS, NULL);
		letter_fields_set(&c->f, LF_REASONS, lc_str(p, "reasons"));
		if (c->f.v[LF_REASONS] != NULL)
			lc_para(c, false, "reply.partial.part", "reply.reasons", NULL);
		else
			lc_para(c, false, "reply.partial.part", NULL);
	}
}

/* The decision paragraph(s) of the outcome. */
static void decision(struct letter_compose *c)
{
	int o = c->outcome;
	const struct ogi_event *e = replied(c);
	switch (o) {
	case OGI_OUT_ALREADY_PUBLIC:
		where_field(c);
		lc_para(c, false, "reply.already_public.decision", NULL);
		return;
	case OGI_OUT_DISCLOSED:
		lc_set_fact(c, LF_PROVIDED, "provided");
		lc_para(c, false, "reply.disclosed.decision", NULL);
		return;
	case OGI_OUT_PARTIAL:
		lc_set_fact(c, LF_DISCLOSED_PART, "disclosed_part");
		lc_para(c, false, "reply.partial.decision", NULL);
		withheld_parts(c);
		return;
	case OGI_OUT_WITHHELD_QUERY_MATTER:
		ground_of(c, o);
		lc_set_fact(c, LF_PROPER_CHANNEL, "proper_channel");
		lc_para(c, false, "reply.withheld_query_matter.decision", NULL);
		return;
	case OGI_OUT_NOT_HELD_OTHER_BODY:
		if (lc_str(c->facts, "other_body") != NULL)
			lc_set_fact(c, LF_OTHER_BODY, "other_body");
		else
			letter_fields_set(&c->f, LF_OTHER_BODY,
			                  e != NULL ? lc_str(e->payload, "referred_body") : NULL);
		lc_set_fact(c, LF_OTHER_BODY_CONTACT, "other_body_contact");
		if (c->f.v[LF_OTHER_BODY_CONTACT] != NULL)
			lc_para(c, false, "reply.not_held_other_body.decision",
			        "reply.not_held_other_body.contact", NULL);
		else
			lc_para(c, false, "reply.not_held_other_body.decision", NULL);
		return;
	case OGI_OUT_NOT_HELD_NOT_EXIST:
		lc_set_fact(c, LF_SEARCH_DONE, "search_done");
		break;
	case OGI_OUT_REJECTED_REPEAT:
		lc_set_fact(c, LF_EARLIER_REF, "earlier_ref");
		lc_set_fact(c, LF_EARLIER_ON, "earlier_on");
		break;
	case OGI_OUT_REJECTED_PETITION:
		lc_set_fact(c, LF_PROPER_CHANNEL, "proper_channel");
		if (c->f.v[LF_PROPER_CHANNEL] != NULL) {
			lc_para(c, false, "reply.rejected_petition.decision",
			        "reply.rejected_petition.channel", NULL);
			return;
		}
		break;
	case OGI_OUT_REJECTED_PUBLICATION:
		lc_set_fact(c, LF_PROPER_CHANNEL, "proper_channel");
		break;
	case OGI_OUT_LAPSED_FEE: {
		long long f = lc_last(c->ev, OGI_EV_FEE_NOTICE_ISSUED, -1);
		lc_set_date(c, LF_FEE_NOTICE_ON, f >= 0 ? c->ev->e[f].on : OGI_DATE_NONE);
		lc_set_date(c, LF_PAY_BY,
		            f >= 0 ? lc_date(c->ev->e[f].payload, "pay_by") : OGI_DATE_NONE);
		break;
	}
	case OGI_OUT_OTHER:
		lc_set_fact(c, LF_DECISION, "decision");
		break;
	default:
		if (ogi_outcome_is_withheld(o)) {
			ground_of(c, o);
			lc_para(c, false, "reply.withheld.decision", NULL);
			return;
		}
		break;
	}
	char key[96];
	snprintf(key, sizeof key, "reply.%s.decision", ogi_outcome_names[o]);
	lc_para(c, false, key, NULL);
}

void lc_reply(struct letter_compose *c)
{
	static const char *const title[] = {"reply.title.decision", "reply.title.notice",
	                                    "reply.title.termination"};
	lc_title(c, title[reply_rule[c->outcome].title]);
	lc_opening(c, -1);
	basis_field(c);
	decision(c);
	lc_set_fact(c, LF_REASONS, "reasons");
	if (c->f.v[LF_REASONS] != NULL)
		lc_para(c, false, "reply.reasons", NULL);
	lc_remedy(c);
	lc_para(c, false, "common.closing", NULL);
}
