/* The year lock's policy (lib/yearlock.h) as tables: which events alter a
 * published report, and what a change into a locked year is answered by
 * what the caller brings.  DESIGN.md §2: "A year can be locked once
 * published: later changes that would alter it are refused unless an admin
 * overrides with a reason, and the report then says it was amended." */
#include "lib/yearlock.h"
#include "tests/unit/check.h"

static void events(void)
{
	static const struct {
		enum ogi_event_type type;
		bool alters;
		const char *why;
	} cases[] = {
	    {OGI_EV_REGISTERED, true, "一: counted as received in the year of intake"},
	    {OGI_EV_REPLIED, true,
	     "三: closed in the year, in its outcome's row; 四 carries out less"},
	    {OGI_EV_WITHDRAWN, true, "三: closed as withdrawn (其他处理)"},
	    {OGI_EV_CORRECTION_LAPSED, true,
	     "三: closed, the applicant did not correct (其他处理)"},
	    {OGI_EV_FEE_LAPSED, true, "三: closed, the fee was not paid (其他处理)"},
	    {OGI_EV_FEE_NOTICE_ISSUED, true, "fees: a notice counts in the year it was issued"},
	    {OGI_EV_FEE_PAID, true, "fees: collected in the year of the payment"},
	    {OGI_EV_FEE_WAIVED, true, "fees: waived in the year of the waiver"},
	    {OGI_EV_CORRECTION_REQUESTED, false, "the clock stops; no figure of the report moves"},
	    {OGI_EV_CORRECTION_RECEIVED, false, "the clock restarts; no figure moves"},
	    {OGI_EV_CONSULTATION_STARTED, false, "art. 32 consultation: the clock, not the report"},
	    {OGI_EV_CONSULTATION_ENDED, false, "the clock, not the report"},
	    {OGI_EV_CONSULTATION_DELIVERED, false, "the consulted party's receipt: no figure"},
	    {OGI_EV_OBJECTION_OVERRIDDEN, false, "art. 32: the reply that follows is what counts"},
	    {OGI_EV_EXTENSION_APPROVED, false, "art. 33: a later due date, no figure"},
	    {OGI_EV_DELAY_SET, false, "a later due date, no figure"},
	    {OGI_EV_NOTE, false, "a note is no figure"},
	    {OGI_EV_DEADLINE_RECOMPUTED, false, "the calendar moved a due date, no figure"},
	    /* a reply letter is issued only after the reply (or closing) event it words,
	       which is what 三 counts; the letter adds a number and a text, no figure */
	    {OGI_EV_LETTER_ISSUED, false,
	     "a letter's 文号 and text: 三 counts the replied event recorded before it"},
	    {OGI_EV_LETTER_VOIDED, false, "a letter withdrawn: the reply it worded still counts"},
	    {OGI_EV_LETTER_SERVED, false,
	     "国办公开办函〔2016〕235号: service moves replied_late and the remedy windows, "
	     "which no table of the report counts"},
	    /* the correction's route meets the lock itself, for every year the corrected
	       receipt date, channel or applicant kind counts in (daemon/ep/request_patch.c) */
	    {OGI_EV_RECORD_CORRECTED, false,
	     "a name or address is no figure; the figures a correction moves are locked by "
	     "its route over the years they count in"},
	    {OGI_EV_ASSIGNED, false, "who handles it is no figure of the report"},
	    {OGI_EV_TRANSFERRED, true,
	     "a transfer moves the request from one body's tables to another's (counted once, at "
	     "the body that replies)"},
	    {OGI_EV_SUPERVISED, false, "督办 asks a body to report: no figure of the report"},
	    {OGI_EV_SUPERVISION_ANSWERED, false, "the body's report to its supervisor: no figure"},
	};
	size_t n = sizeof cases / sizeof cases[0];
	CHECK_INT(n, OGI_EV_TYPE_COUNT, "every event type has a row");
	for (size_t i = 0; i < n; i++)
		CHECK(ogi_event_alters_report(cases[i].type) == cases[i].alters, "%s: %s",
		      ogi_event_type_names[cases[i].type], cases[i].why);
	CHECK(!ogi_event_alters_report(OGI_EV_TYPE_COUNT), "no type past the last alters anything");
}

static const struct ogi_lock_hit own = {
    .body_id = 7, .body_name = "某区住建局", .locked_on = "2025-01-20", .locked_by = "admin"};
static const struct ogi_lock_hit parent = {.body_id = 2,
                                           .body_name = "某区人民政府",
                                           .locked_on = "2025-01-25",
                                           .locked_by = "district",
                                           .subtree = true};

static void verdicts(void)
{
	enum { Y = 1, N = 0 };
	static const struct {
		int nhits; /* 0: none; 1: the body's own lock; 2: and its parent's subtree lock */
		signed char admin[2]; /* whether the caller is an admin of each locked body */
		const char *reason;
		int want;
		const char *detail; /* the sentence, or NULL when the change goes on */
		const char *why;
	} cases[] = {
	    {0,
	     {N, N},
	     NULL,
	     0,
	     NULL,
	     /* an unlocked year's figures change freely */
	     "no lock covers the change"},
	    {0, {N, N}, "  ", 0, NULL, "no lock: a blank reason is not asked for"},
	    {1,
	     {Y, Y},
	     NULL,
	     OGI_E_YEAR_LOCKED,
	     "the 2024 report of 某区住建局 was locked on 2025-01-20 by admin; an admin may record "
	     "this with an override_reason",
	     /* a published report changes only by an admin's recorded override (DESIGN.md year
	        lock) */
	     "an admin without a reason is refused like anyone"},
	    {1,
	     {N, N},
	     NULL,
	     OGI_E_YEAR_LOCKED,
	     "the 2024 report of 某区住建局 was locked on 2025-01-20 by admin; an admin may record "
	     "this with an override_reason",
	     "a clerk without a reason learns the year is locked, not that it lacks a role"},
	    {1,
	     {Y, Y},
	     "",
	     OGI_E_OVERRIDE_REASON_REQUIRED,
	     "the 2024 report of 某区住建局 is locked: say why in override_reason",
	     /* the amendment says why (更正说明): an empty reason is none */
	     "an empty reason"},
	    {1,
	     {Y, Y},
	     " \t\r\n",
	     OGI_E_OVERRIDE_REASON_REQUIRED,
	     "the 2024 report of 某区住建局 is locked: say why in override_reason",
	     "a reason of blanks only"},
	    {1,
	     {N, N},
	     " ",
	     OGI_E_OVERRIDE_REASON_REQUIRED,
	     "the 2024 report of 某区住建局 is locked: say why in override_reason",
	     "a blank reason is answered before the role"},
	    {1,
	     {N, N},
	     "补录漏登申请",
	     OGI_E_FORBIDDEN,
	     "the 2024 report of 某区住建局 is locked: only an admin of that body may record into "
	     "it",
	     /* only the locked body's admin answers for its published report */
	     "a reason from one who is not the body's admin"},
	    {1,
	     {Y, Y},
	     "补录漏登申请",
	     0,
	     NULL,
	     /* recorded into report_amendments; the report says it was amended */
	     "an admin with a reason goes on"},
	    {2,
	     {Y, N},
	     "补录漏登申请",
	     OGI_E_FORBIDDEN,
	     "the 2024 report of 某区人民政府 is locked: only an admin of that body may record "
	     "into it",
	     /* a subtree lock of an ancestor covers the body: its admin must answer too */
	     "the body's admin, but not the locking ancestor's"},
	    {2,
	     {N, N},
	     "补录漏登申请",
	     OGI_E_FORBIDDEN,
	     "the 2024 report of 某区住建局 is locked: only an admin of that body may record into "
	     "it",
	     "admin of neither: the first locked body is named"},
	    {2,
	     {Y, Y},
	     "补录漏登申请",
	     0,
	     NULL,
	     "an admin of every locked body goes on (an amendment into each)"},
	    {2,
	     {Y, N},
	     NULL,
	     OGI_E_YEAR_LOCKED,
	     "the 2024 report of 某区住建局 was locked on 2025-01-20 by admin; an admin may record "
	     "this with an override_reason",
	     "no reason: the first lock is named"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct ogi_lock_hit hits[2] = {own, parent};
		bool admin[2] = {cases[i].admin[0] == Y, cases[i].admin[1] == Y};
		char detail[512] = "";
		int got = ogi_yearlock_decide(2024, hits, cases[i].nhits, admin, cases[i].reason,
		                              detail, sizeof detail);
		CHECK_INT(got, cases[i].want, "row %zu: %s", i, cases[i].why);
		if (cases[i].detail != NULL)
			CHECK_STR(detail, cases[i].detail, "row %zu: %s", i, cases[i].why);
		else
			CHECK_STR(detail, "", "row %zu: going on says nothing: %s", i,
			          cases[i].why);
	}
}

int main(void)
{
	events();
	verdicts();
	return check_done("yearlock");
}
