/* Who may record each event type: the least role, and why (DESIGN.md §2
 * "Bodies, users, roles": clerk registers and records, handler prepares
 * replies, approver approves extensions, delays and fees; law.md §1). */
#include "lib/roles.h"
#include "tests/unit/check.h"

static void table(void)
{
	static const struct {
		enum ogi_event_type type;
		enum ogi_role role;
		const char *why;
	} cases[] = {
	    {OGI_EV_CORRECTION_REQUESTED, OGI_ROLE_CLERK,
	     "条例 (2019) art. 30: the 补正 notice is the office's routine letter"},
	    {OGI_EV_CORRECTION_RECEIVED, OGI_ROLE_CLERK,
	     "art. 30: the corrected application is received like an intake"},
	    {OGI_EV_CONSULTATION_STARTED, OGI_ROLE_CLERK,
	     "art. 32: the office sends the 征求意见书 (written consultation)"},
	    {OGI_EV_CONSULTATION_DELIVERED, OGI_ROLE_CLERK,
	     "art. 32: the party's receipt starts its 15 working days: a fact recorded"},
	    {OGI_EV_CONSULTATION_ENDED, OGI_ROLE_CLERK,
	     "art. 32: the party's answer (or silence) is a fact recorded"},
	    {OGI_EV_EXTENSION_APPROVED, OGI_ROLE_APPROVER,
	     "art. 33(2): an extension needs the consent of the head of the OGI office "
	     "(政府信息公开工作机构负责人同意)"},
	    {OGI_EV_DELAY_SET, OGI_ROLE_APPROVER,
	     "art. 35: the body decides a reasonable delayed period (确定延迟答复的合理期限)"},
	    {OGI_EV_FEE_NOTICE_ISSUED, OGI_ROLE_APPROVER,
	     "art. 42 and 国办函〔2020〕109号: a fee is charged only when an approver decides to"},
	    {OGI_EV_FEE_PAID, OGI_ROLE_CLERK, "a payment received is a fact recorded"},
	    {OGI_EV_FEE_WAIVED, OGI_ROLE_APPROVER,
	     "条例 (2007) art. 28: a waiver needs the head of the OGI office's review and consent "
	     "(负责人审核同意)"},
	    {OGI_EV_FEE_LAPSED, OGI_ROLE_CLERK,
	     "国办函〔2020〕109号: unpaid in 20 working days, the application is deemed withdrawn: "
	     "a fact recorded"},
	    {OGI_EV_REPLIED, OGI_ROLE_HANDLER,
	     "art. 36: the reply is the body's answer; a handler prepares it (DESIGN.md §2)"},
	    {OGI_EV_WITHDRAWN, OGI_ROLE_CLERK, "the applicant's withdrawal is a fact recorded"},
	    {OGI_EV_CORRECTION_LAPSED, OGI_ROLE_CLERK,
	     "art. 30: an application not corrected in time is deemed given up (视为放弃)"},
	    {OGI_EV_NOTE, OGI_ROLE_CLERK, "a note changes nothing"},
	    {OGI_EV_OBJECTION_OVERRIDDEN, OGI_ROLE_APPROVER,
	     "art. 32: disclosure over a third party's objection in the public interest is the "
	     "body's decision (行政机关…可以决定予以公开)"},
	    {OGI_EV_DEADLINE_RECOMPUTED, OGI_ROLE_CLERK,
	     "recorded by ogi itself when the calendar changes; never by hand"},
	    {OGI_EV_REGISTERED, OGI_ROLE_CLERK, "recorded by ogi itself at intake; never by hand"},
	    {OGI_EV_LETTER_ISSUED, OGI_ROLE_CLERK,
	     "recorded by ogi when a letter is issued (POST …/letters/{id}/issue checks the "
	     "approver role, a receipt a clerk's); never by hand"},
	    {OGI_EV_LETTER_VOIDED, OGI_ROLE_CLERK,
	     "recorded by ogi when an approver voids a letter; never by hand"},
	    {OGI_EV_LETTER_SERVED, OGI_ROLE_CLERK,
	     "recorded by ogi from a delivery (送达) a clerk records; never by hand"},
	    {OGI_EV_RECORD_CORRECTED, OGI_ROLE_CLERK,
	     "recorded by ogi when the front desk corrects what it registered (PATCH "
	     "/requests/{id}); never by hand"},
	    {OGI_EV_ASSIGNED, OGI_ROLE_CLERK,
	     "承办: the front desk that registers an application routes it to the unit and the "
	     "person who hold the information (分办); it decides nothing of the answer"},
	    {OGI_EV_TRANSFERRED, OGI_ROLE_APPROVER,
	     "转办 / 退回: handing an application to another body is the office's decision, "
	     "signed off like an extension (art. 33's clock goes with it)"},
	    {OGI_EV_SUPERVISED, OGI_ROLE_CLERK,
	     "督办: recorded by ogi when an admin of a body above marks the request (POST "
	     "…/supervisions checks that rule itself); never by hand"},
	    {OGI_EV_SUPERVISION_ANSWERED, OGI_ROLE_CLERK,
	     "the supervised body's report, recorded by ogi from …/answer (a clerk of the "
	     "request's own body); never by hand"},
	};
	unsigned seen = 0;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		CHECK_STR(ogi_role_names[ogi_event_least_role(cases[i].type)],
		          ogi_role_names[cases[i].role], "%s: %s",
		          ogi_event_type_names[cases[i].type], cases[i].why);
		seen |= 1u << cases[i].type;
	}
	CHECK_INT(seen, (1u << OGI_EV_TYPE_COUNT) - 1, "every event type has a row above");
}

static void never_auditor_nor_admin(void)
{
	/* auditors read only; admins manage users and the calendar, and may do all an
	   approver may, so no event type needs more than an approver */
	for (int t = 0; t < OGI_EV_TYPE_COUNT; t++) {
		enum ogi_role r = ogi_event_least_role((enum ogi_event_type)t);
		CHECK(r >= OGI_ROLE_CLERK && r <= OGI_ROLE_APPROVER, "%s needs %s",
		      ogi_event_type_names[t], ogi_role_names[r]);
	}
}

int main(void)
{
	table();
	never_auditor_nor_admin();
	return check_done("roles");
}
