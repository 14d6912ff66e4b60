/* Assignment (承办), transfer (转办 / 退回) and units: tables of cases with the
 * reason of each (issue 16; DESIGN.md §2 "Bodies, users, roles": a user holds
 * roles on a body and its subtree). */
#include "lib/assign_rules.h"
#include "tests/unit/check.h"

static void transfer_table(void)
{
	/* the tree: 1 district, 2 and 3 its street offices, 4 a 社区 below 2 */
	static const long long d1[] = {1}, s2[] = {1, 2}, s3[] = {1, 3}, c4[] = {1, 2, 4},
	                       other[] = {9};
	static const struct {
		const long long *from;
		int nfrom;
		const long long *to;
		int nto;
		enum ogi_transfer_dir want;
		const char *why;
	} cases[] = {
	    {d1, 1, s2, 2, OGI_TRANSFER_DOWN, "the district hands a request to its street office"},
	    {d1, 1, c4, 3, OGI_TRANSFER_DOWN,
	     "at any depth: the district to a 社区 below a street office"},
	    {s2, 2, c4, 3, OGI_TRANSFER_DOWN, "a street office to its 社区"},
	    {s2, 2, d1, 1, OGI_TRANSFER_UP, "退回: a request received by mistake goes back up"},
	    {c4, 3, s2, 2, OGI_TRANSFER_UP, "the 社区 returns it to its street office"},
	    {c4, 3, d1, 1, OGI_TRANSFER_REFUSED,
	     "back up one step only: the grandparent is the parent's to ask"},
	    {s2, 2, s3, 2, OGI_TRANSFER_REFUSED,
	     "a sibling is another office: it refers the applicant (art. 36(5)), not transfers"},
	    {s3, 2, c4, 3, OGI_TRANSFER_REFUSED, "a body below another branch"},
	    {s2, 2, s2, 2, OGI_TRANSFER_REFUSED, "to itself is no transfer"},
	    {d1, 1, other, 1, OGI_TRANSFER_REFUSED, "another tree"},
	    {d1, 0, s2, 2, OGI_TRANSFER_REFUSED, "no path: nothing is known, nothing allowed"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		CHECK_INT(ogi_transfer_direction(cases[i].from, cases[i].nfrom, cases[i].to,
		                                 cases[i].nto),
		          cases[i].want, "%s", cases[i].why);
}

static void assignee_table(void)
{
	static const long long s2[] = {1, 2}, c4[] = {1, 2, 4};
	static const struct ogi_grant handler2[] = {{2, OGI_ROLE_HANDLER, false}},
	                              clerk1[] = {{1, OGI_ROLE_CLERK, true}},
	                              auditor2[] = {{2, OGI_ROLE_AUDITOR, false}},
	                              handler3[] = {{3, OGI_ROLE_HANDLER, false}},
	                              both[] = {{3, OGI_ROLE_ADMIN, false},
	                                        {2, OGI_ROLE_APPROVER, false}};
	static const struct {
		bool active;
		const struct ogi_grant *g;
		size_t ng;
		const long long *path;
		int npath;
		bool want;
		const char *why;
	} cases[] = {
	    {true, handler2, 1, s2, 2, true, "a handler of the request's body"},
	    {true, handler2, 1, c4, 3, true, "a role on a body holds on its subtree"},
	    {true, clerk1, 1, s2, 2, true, "a clerk of the district above"},
	    {true, auditor2, 1, s2, 2, false, "an auditor only reads: nobody's work is theirs"},
	    {true, handler3, 1, s2, 2, false, "a handler of another street office"},
	    {true, both, 2, s2, 2, true, "the second grant is the one that counts"},
	    {false, handler2, 1, s2, 2, false, "a deactivated user gets no new work"},
	    {true, NULL, 0, s2, 2, false, "a user without roles"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		CHECK(ogi_assignee_eligible(cases[i].active, cases[i].g, cases[i].ng, cases[i].path,
		                            cases[i].npath) == cases[i].want,
		      "%s", cases[i].why);
}

static void supervision_table(void)
{
	static const long long s2[] = {1, 2}, c4[] = {1, 2, 4}, d1[] = {1};
	static const struct ogi_grant admin1[] = {{1, OGI_ROLE_ADMIN, true}},
	                              admin2[] = {{2, OGI_ROLE_ADMIN, false}},
	                              approver1[] = {{1, OGI_ROLE_APPROVER, true}},
	                              both[] = {{1, OGI_ROLE_ADMIN, true},
	                                        {2, OGI_ROLE_ADMIN, false}};
	static const struct {
		const struct ogi_grant *g;
		size_t ng;
		const long long *path;
		int npath;
		long long want;
		const char *why;
	} cases[] = {
	    {admin1, 1, s2, 2, 1, "the district's admin supervises its street office"},
	    {admin1, 1, c4, 3, 1, "and a 社区 below it"},
	    {admin2, 1, c4, 3, 2, "the street office's admin supervises its 社区"},
	    {both, 2, c4, 3, 2, "the nearest body above speaks"},
	    {admin2, 1, s2, 2, 0,
	     "the office's own admin answers for it: no supervision of itself"},
	    {approver1, 1, s2, 2, 0,
	     "督办 is the OGI office's administrators' (an approver is not)"},
	    {admin1, 1, d1, 1, 0, "a top-level body has nobody above it"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		CHECK_INT(
		    ogi_supervising_body(cases[i].g, cases[i].ng, cases[i].path, cases[i].npath),
		    cases[i].want, "%s", cases[i].why);
}

/* 督办's answer: the supervised body reports, the supervisor does not answer
 * itself (《政府信息公开条例》art. 6 and 7: the district OGI office 督促检查 the
 * offices below it, which answer for their own work). */
static void answer_table(void)
{
	static const struct ogi_grant admin1[] = {{1, OGI_ROLE_ADMIN, true}},
	                              clerk2[] = {{2, OGI_ROLE_CLERK, false}},
	                              admin2[] = {{2, OGI_ROLE_ADMIN, false}},
	                              auditor2[] = {{2, OGI_ROLE_AUDITOR, false}},
	                              clerk4[] = {{4, OGI_ROLE_CLERK, false}},
	                              both[] = {{1, OGI_ROLE_ADMIN, true},
	                                        {2, OGI_ROLE_HANDLER, false}};
	static const struct {
		const struct ogi_grant *g;
		size_t ng;
		long long body;
		bool want;
		const char *why;
	} cases[] = {
	    {clerk2, 1, 2, true, "the street office's clerk reports for it"},
	    {admin2, 1, 2, true, "and its admin"},
	    {admin1, 1, 2, false,
	     "the district's admin supervises it and may not answer its own 督办"},
	    {auditor2, 1, 2, false, "an auditor records nothing"},
	    {clerk4, 1, 2, false, "a 社区 below answers nothing for the street office"},
	    {both, 2, 2, true, "a role held at the office itself speaks for it"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		CHECK(ogi_may_answer_supervision(cases[i].g, cases[i].ng, cases[i].body) ==
		          cases[i].want,
		      "%s", cases[i].why);
}

static void units_table(void)
{
	static const char *const good[] = {"综合科", "城管科", "东华社区"};
	static const char *const dup[] = {"综合科", "城管科", "综合科"};
	static const char *const empty[] = {"综合科", ""};
	static const char *const spaced[] = {" 综合科"};
	static const char *const trailing[] = {"综合科 "};
	/* 100 Chinese characters are 300 bytes: the limit counts characters */
	static char hundred[301], hundred_one[304];
	for (int i = 0; i < 100; i++)
		memcpy(hundred + 3 * i, "科", 3);
	memcpy(hundred_one, hundred, 300);
	memcpy(hundred_one + 300, "科", 4);
	const char *at_limit[] = {hundred}, *past_limit[] = {hundred_one};
	const char *many[OGI_UNITS_MAX + 1];
	for (int i = 0; i < OGI_UNITS_MAX + 1; i++)
		many[i] = good[0];
	const struct {
		const char *const *names;
		size_t n;
		int want;
		const char *why;
	} cases[] = {
	    {good, 3, -1, "three units of a street office"},
	    {good, 0, -1, "no units: a body that does not split its work"},
	    {dup, 3, 2, "the same name twice would make assignments ambiguous"},
	    {empty, 2, 1, "an empty name"},
	    {spaced, 1, 0, "a leading space looks like another unit"},
	    {trailing, 1, 0, "a trailing space too"},
	    {at_limit, 1, -1, "100 characters (300 bytes) is the limit"},
	    {past_limit, 1, 0, "101 characters are too many"},
	    {many, OGI_UNITS_MAX + 1, OGI_UNITS_MAX + 1, "51 units are too many to choose from"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *zh = NULL, *en = NULL;
		int got = ogi_units_check(cases[i].names, cases[i].n, &zh, &en);
		CHECK_INT(got, cases[i].want, "%s", cases[i].why);
		CHECK((got < 0) == (zh == NULL), "a refusal says why: %s", cases[i].why);
	}
}

int main(void)
{
	transfer_table();
	assignee_table();
	units_table();
	supervision_table();
	answer_table();
	return check_done("assignment");
}
