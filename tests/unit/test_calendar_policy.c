/* Who may change the working-day calendar (lib/calendar_policy.h): the
 * calendar is one for the whole deployment, so only an admin of a top-level
 * body (ogi issue 19 item 2) — every role × a top-level body or one with a
 * parent. */
#include "lib/calendar_policy.h"
#include "tests/unit/check.h"

int main(void)
{
	static const struct {
		enum ogi_role role;
		bool top_level, may;
		const char *why;
	} cases[] = {
	    {OGI_ROLE_ADMIN, true, true, "the admin of a district (no parent) keeps the calendar"},
	    {OGI_ROLE_ADMIN, false, false,
	     "a street office's admin: its change would move every other office's due dates"},
	    {OGI_ROLE_APPROVER, true, false, "approving extensions is no say over the calendar"},
	    {OGI_ROLE_APPROVER, false, false, "nor below the top"},
	    {OGI_ROLE_HANDLER, true, false, "a handler records events, not days off"},
	    {OGI_ROLE_HANDLER, false, false, "nor below the top"},
	    {OGI_ROLE_CLERK, true, false, "a clerk registers requests"},
	    {OGI_ROLE_CLERK, false, false, "nor below the top"},
	    {OGI_ROLE_AUDITOR, true, false, "the auditor only reads, even at the top"},
	    {OGI_ROLE_AUDITOR, false, false, "nor below it"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		CHECK_INT(ogi_calendar_may_change(cases[i].role, cases[i].top_level), cases[i].may,
		          "%s on a %s body: %s", ogi_role_names[cases[i].role],
		          cases[i].top_level ? "top-level" : "lower", cases[i].why);
	/* every role is in the table above: a new role must say whether it may */
	CHECK_INT(sizeof cases / sizeof cases[0], 2 * OGI_ROLE_COUNT,
	          "each role, at the top and below");
	CHECK_INT(ogi_calendar_change_roles, 1u << OGI_ROLE_ADMIN, "the admin role alone");
	CHECK(!ogi_calendar_may_change(OGI_ROLE_COUNT, true), "no role past the last");
	return check_done("calendar_policy");
}
