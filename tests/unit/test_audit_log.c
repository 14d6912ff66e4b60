/* Who reads the audit log (lib/audit_log.h): the auditor and the admin —
 * GET /api/v1/audit answers 403 to anyone else, whatever their rank in the
 * clerk < handler < approver < admin order (api/openapi.yaml,
 * docs/operations.md "the auditor or the admin role"). */
#include "lib/audit_log.h"
#include "tests/unit/check.h"

int main(void)
{
	static const struct {
		enum ogi_role role;
		bool reads;
		const char *why;
	} cases[] = {
	    {OGI_ROLE_AUDITOR, true, "oversight: the auditor changes nothing, reads it all"},
	    {OGI_ROLE_CLERK, false, "a clerk registers requests; the log is not theirs"},
	    {OGI_ROLE_HANDLER, false, "a handler answers requests"},
	    {OGI_ROLE_APPROVER, false, "an approver ranks above a handler, and still not"},
	    {OGI_ROLE_ADMIN, true, "the admin, whose changes the log records"},
	};
	_Static_assert(sizeof cases / sizeof cases[0] == OGI_ROLE_COUNT, "every role has a row");
	unsigned mask = 0;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		CHECK(ogi_audit_readable_by(cases[i].role) == cases[i].reads, "%s: %s",
		      ogi_role_names[cases[i].role], cases[i].why);
		if (cases[i].reads)
			mask |= 1u << cases[i].role;
	}
	CHECK_INT(ogi_audit_reader_roles(), mask, "the mask holds exactly the reading roles");
	CHECK(!ogi_audit_readable_by(OGI_ROLE_COUNT), "no role past the table");
	return check_done("audit_log");
}
