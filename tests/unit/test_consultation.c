/* Consultations as recorded (条例 arts. 32, 34; law.md §1): which one an
 * event that names none is about, and when silence is consent. */
#include "lib/consultation.h"
#include "tests/unit/check.h"

#define THIRD OGI_PARTY_THIRD_PARTY
#define BODY  OGI_PARTY_OTHER_BODY
#define OPEN  (-1)

struct row {
	long long id;
	enum ogi_consultation_party party;
	int answer; /* enum ogi_consultation_answer, or OPEN */
	const char *override_reason;
};

static struct ogi_consultation_record record_of(const struct row *r)
{
	struct ogi_consultation_record k = {0};
	k.id = r->id;
	k.party = r->party;
	k.answer = r->answer;
	k.override_reason = (char *)r->override_reason;
	return k;
}

static void fitting(void)
{
	static const struct {
		enum ogi_event_type type;
		struct row recs[3];
		size_t n;
		int want;
		long long want_id;
		const char *why;
	} cases[] = {
	    {OGI_EV_CONSULTATION_ENDED,
	     {{7, THIRD, OPEN, NULL}},
	     1,
	     1,
	     7,
	     "the one open consultation is the one that ended"},
	    {OGI_EV_CONSULTATION_ENDED,
	     {{7, THIRD, OGI_ANSWER_AGREE, NULL}, {9, BODY, OPEN, NULL}},
	     2,
	     1,
	     9,
	     "an answered consultation does not end twice"},
	    {OGI_EV_CONSULTATION_ENDED,
	     {{7, THIRD, OPEN, NULL}, {9, BODY, OPEN, NULL}},
	     2,
	     2,
	     9,
	     "two open: the event must say which (the rule check names the count)"},
	    {OGI_EV_CONSULTATION_ENDED,
	     {{7, THIRD, OGI_ANSWER_AGREE, NULL}},
	     1,
	     0,
	     0,
	     "none open: nothing fits"},
	    {OGI_EV_CONSULTATION_DELIVERED,
	     {{7, THIRD, OGI_ANSWER_AGREE, NULL}, {9, BODY, OPEN, NULL}},
	     2,
	     1,
	     9,
	     "art. 32: the receipt that starts the 15 working days is of the open one"},
	    {OGI_EV_CONSULTATION_DELIVERED,
	     {{7, THIRD, OGI_ANSWER_AGREE, NULL}},
	     1,
	     1,
	     7,
	     "a receipt learnt after every answer: the answered one fits"},
	    {OGI_EV_CONSULTATION_DELIVERED,
	     {{7, THIRD, OGI_ANSWER_AGREE, NULL}, {9, BODY, OGI_ANSWER_OBJECT, NULL}},
	     2,
	     2,
	     9,
	     "after every answer, with two: ambiguous"},
	    {OGI_EV_OBJECTION_OVERRIDDEN,
	     {{7, THIRD, OGI_ANSWER_OBJECT, NULL}, {9, THIRD, OPEN, NULL}},
	     2,
	     1,
	     7,
	     "art. 32: the public-interest decision is over a third party's objection"},
	    {OGI_EV_OBJECTION_OVERRIDDEN,
	     {{7, BODY, OGI_ANSWER_OBJECT, NULL}},
	     1,
	     0,
	     0,
	     "art. 32 overrides a third party, never a body consulted"},
	    {OGI_EV_OBJECTION_OVERRIDDEN,
	     {{7, THIRD, OGI_ANSWER_OBJECT, "公共利益"}},
	     1,
	     0,
	     0,
	     "an objection already overridden is not overridden again"},
	    {OGI_EV_OBJECTION_OVERRIDDEN,
	     {{7, THIRD, OGI_ANSWER_NONE, NULL}},
	     1,
	     0,
	     0,
	     "a third party's silence is no objection to override"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct ogi_consultation_record v[3];
		for (size_t k = 0; k < cases[i].n; k++)
			v[k] = record_of(&cases[i].recs[k]);
		long long id = 0;
		CHECK_INT(ogi_consultation_fitting(cases[i].type, v, cases[i].n, &id),
		          cases[i].want, "%s", cases[i].why);
		if (cases[i].want > 0)
			CHECK_INT(id, cases[i].want_id, "%s", cases[i].why);
	}
}

static void deemed_consent(void)
{
	static const struct {
		struct row rec;
		bool want;
		const char *why;
	} cases[] = {
	    {{1, BODY, OGI_ANSWER_NONE, NULL},
	     true,
	     "art. 34: a co-producing body's silence is consent"},
	    {{1, THIRD, OGI_ANSWER_NONE, NULL},
	     false,
	     "art. 32: a third party's silence leaves the decision to the body"},
	    {{1, BODY, OGI_ANSWER_OBJECT, NULL}, false, "a body that objects does not consent"},
	    {{1, BODY, OPEN, NULL}, false, "not while its window is open"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct ogi_consultation_record k = record_of(&cases[i].rec);
		CHECK_INT(ogi_consultation_deemed_consent(&k), cases[i].want, "%s", cases[i].why);
	}
}

int main(void)
{
	fitting();
	deemed_consent();
	return check_done("consultation");
}
