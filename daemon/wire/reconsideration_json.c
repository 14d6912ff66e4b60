/* A reconsideration as the API takes and shows it (see reconsideration_json.h). */
#include "daemon/wire/reconsideration_json.h"

#include "daemon/wire/remedy_json.h"
#include "daemon/wire/request_json.h"

#define RC_SPEC_MAX 16

static void rc_spec(struct reconsideration_input *in, bool create, struct spec *s)
{
	int n = 0;
	if (create) {
		s[n++] = (struct spec)SPEC_DATE("filed_on", &in->filed_on);
		s[n++] = (struct spec)SPEC_STRING("authority", &in->authority, 200);
	} else {
		s[n++] = (struct spec)SPEC_PATCH(SPEC_F_DATE("filed_on", &in->filed_on));
		s[n++] = (struct spec)SPEC_PATCH(SPEC_F_STRING("authority", &in->authority, 200));
		s[n++] = (struct spec)SPEC_OPT(
		    NULL, SPEC_F_STRING("correction_reason", &in->correction_reason, 500));
	}
	s[n++] = (struct spec)SPEC_OPT(NULL, SPEC_F_STRING("case_no", &in->case_no, 100));
	s[n++] = (struct spec)SPEC_OPT(NULL, SPEC_F_DATE("accepted_on", &in->accepted_on));
	s[n++] = (struct spec)SPEC_OPT(
	    NULL, SPEC_F_ENUM("procedure", ogi_procedure_names, &in->procedure));
	s[n++] =
	    (struct spec)SPEC_OPT(NULL, SPEC_F_INT("extension_days", &in->extension_days, 0, 30));
	s[n++] = (struct spec)SPEC_OPT(NULL, SPEC_F_DATE("decided_on", &in->decided_on));
	s[n++] = (struct spec)SPEC_OPT(
	    NULL, SPEC_F_ENUM("decision", ogi_rc_decision_names, &in->decision));
	s[n++] = (struct spec)SPEC_OPT(NULL, SPEC_F_DATE("served_on", &in->served_on));
	s[n++] = (struct spec)SPEC_OPT(NULL, SPEC_F_DATE("redo_due", &in->redo_due));
	s[n++] = (struct spec)SPEC_OPT(NULL, SPEC_F_DATE("redone_on", &in->redone_on));
	s[n++] = (struct spec)SPEC_OPT(NULL, SPEC_F_STRING("notes", &in->notes, 2000));
	s[n++] = (struct spec)SPEC_OPT(NULL,
	                               SPEC_F_STRING("override_reason", &in->override_reason, 500));
	s[n] = (struct spec)SPEC_END;
}

bool reconsideration_input_parse(json_t *body, bool create, struct reconsideration_input *in,
                                 struct spec_errors *errs)
{
	*in = (struct reconsideration_input){.body = body, .procedure = -1, .decision = -1};
	struct spec spec[RC_SPEC_MAX];
	rc_spec(in, create, spec);
	return spec_parse(body, spec, errs);
}

void reconsideration_input_apply(const struct reconsideration_input *in,
                                 struct ogi_reconsideration *r, struct spec_errors *errs)
{
	json_t *b = in->body;
	wire_set_date(b, "filed_on", in->filed_on, &r->filed_on);
	if (wire_given(b, "authority") && !wire_cleared(b, "authority"))
		wire_copy_text(r->authority, sizeof r->authority, NULL, in->authority);
	else if (wire_cleared(b, "authority"))
		spec_error_add(errs, "authority", "required", "须写明复议机关",
		               "the authority is required");
	wire_set_text(b, "case_no", in->case_no, r->case_no, sizeof r->case_no, &r->has_case_no);
	wire_set_date(b, "accepted_on", in->accepted_on, &r->accepted_on);
	wire_set_int(b, "procedure", in->procedure, &r->procedure);
	wire_set_int(b, "extension_days", (int)in->extension_days, &r->extension_days);
	wire_set_date(b, "decided_on", in->decided_on, &r->decided_on);
	if (wire_cleared(b, "decision"))
		r->decision = -1;
	else if (wire_given(b, "decision"))
		r->decision = in->decision;
	wire_set_date(b, "served_on", in->served_on, &r->served_on);
	wire_set_text(b, "notes", in->notes, r->notes, sizeof r->notes, &r->has_notes);
	wire_set_date(b, "redo_due", in->redo_due, &r->redo_due);
	wire_set_date(b, "redone_on", in->redone_on, &r->redone_on);
}

json_t *wire_reconsideration(const struct ogi_calendar *cal, const struct ogi_reconsideration *r,
                             const struct ogi_remedy_owner *o)
{
	json_t *out = ogi_reconsideration_fields(r);
	ogi_date today = ogi_today();
	wire_remedy_ids(out, r->id, r->request_id, r->body_id, o->rc_window);
	struct ogi_reconsideration_dates d = ogi_reconsideration_dates_of(r);
	bool estimated = false;
	ogi_date accepted = ogi_reconsideration_accepted(cal, &d, &estimated);
	json_object_set_new(out, "accepted_or_deemed_on", wire_date(accepted));
	json_object_set_new(out, "acceptance_deemed", json_boolean(estimated));
	enum ogi_remedy_result now =
	    ogi_reconsideration_result_as_of(r->decided_on, ogi_reconsideration_result(r), today);
	struct ogi_remedy_deadline dl[4];
	int n = ogi_reconsideration_deadlines(cal, &d, dl, 4);
	json_object_set_new(out, "deadlines", wire_remedy_deadlines(dl, n, today));
	struct ogi_remedy_count k = ogi_reconsideration_count(r);
	wire_remedy_state(out, now, &k, r->version, r->created_at);
	return out;
}
