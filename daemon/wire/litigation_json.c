/* A litigation and its instances as the API takes and shows them (see
 * litigation_json.h). */
#include "daemon/wire/litigation_json.h"

#include <stdint.h>

#include "daemon/wire/remedy_json.h"

#define LIT_SPEC_MAX 20

static void lit_spec(struct litigation_input *in, bool create, struct spec *s)
{
	int n = 0;
	if (create) {
		s[n++] = (struct spec)SPEC_DATE("filed_on", &in->filed_on);
		s[n++] = (struct spec)SPEC_STRING("court", &in->court, 200);
		s[n++] = (struct spec)SPEC_ENUM("route", ogi_litigation_route_names, &in->route);
		/* the first instance's own facts may come with the filing */
		s[n++] = (struct spec)SPEC_OPT(
		    NULL, SPEC_F_ENUM("procedure", ogi_procedure_names, &in->procedure));
		s[n++] = (struct spec)SPEC_OPT(NULL, SPEC_F_DATE("served_on", &in->served_on));
		s[n++] = (struct spec)SPEC_OPT(NULL, SPEC_F_DATE("hearing_on", &in->hearing_on));
		s[n++] = (struct spec)SPEC_OPT(NULL, SPEC_F_DATE("decided_on", &in->decided_on));
		s[n++] = (struct spec)SPEC_OPT(
		    NULL, SPEC_F_ENUM("judgment", ogi_judgment_names, &in->judgment));
		s[n++] = (struct spec)SPEC_OPT(
		    NULL, SPEC_F_DATE("judgment_served_on", &in->judgment_served_on));
	} else {
		s[n++] = (struct spec)SPEC_PATCH(SPEC_F_DATE("filed_on", &in->filed_on));
		s[n++] = (struct spec)SPEC_PATCH(SPEC_F_STRING("court", &in->court, 200));
		s[n++] = (struct spec)SPEC_PATCH(
		    SPEC_F_ENUM("route", ogi_litigation_route_names, &in->route));
	}
	s[n++] = (struct spec)SPEC_OPT(NULL, SPEC_F_STRING("case_no", &in->case_no, 100));
	s[n++] = (struct spec)SPEC_OPT(
	    NULL, SPEC_F_INT("reconsideration_id", &in->reconsideration_id, 1, INT64_MAX / 2));
	s[n++] = (struct spec)SPEC_OPT(NULL, SPEC_F_STRING("notes", &in->notes, 2000));
	s[n++] = (struct spec)SPEC_OPT(NULL,
	                               SPEC_F_STRING("override_reason", &in->override_reason, 500));
	s[n] = (struct spec)SPEC_END;
}

static void inst_spec(struct litigation_input *in, bool create, struct spec *s)
{
	int n = 0;
	if (create) {
		s[n++] = (struct spec)SPEC_ENUM("instance", ogi_instance_kind_names, &in->instance);
		s[n++] = (struct spec)SPEC_DATE("filed_on", &in->filed_on);
	} else {
		s[n++] = (struct spec)SPEC_PATCH(
		    SPEC_F_ENUM("instance", ogi_instance_kind_names, &in->instance));
		s[n++] = (struct spec)SPEC_PATCH(SPEC_F_DATE("filed_on", &in->filed_on));
		s[n++] = (struct spec)SPEC_OPT(
		    NULL, SPEC_F_STRING("correction_reason", &in->correction_reason, 500));
	}
	/* an instance's court may be unrecorded (null), never an empty name */
	s[n++] =
	    (struct spec)SPEC_OPT(NULL, SPEC_F_STRING("court", &in->court, 200), SPEC_F_NONEMPTY);
	s[n++] = (struct spec)SPEC_OPT(NULL, SPEC_F_STRING("case_no", &in->case_no, 100));
	s[n++] = (struct spec)SPEC_OPT(
	    NULL, SPEC_F_ENUM("procedure", ogi_procedure_names, &in->procedure));
	s[n++] = (struct spec)SPEC_OPT(NULL, SPEC_F_DATE("served_on", &in->served_on));
	s[n++] = (struct spec)SPEC_OPT(NULL, SPEC_F_DATE("hearing_on", &in->hearing_on));
	s[n++] = (struct spec)SPEC_OPT(NULL, SPEC_F_DATE("decided_on", &in->decided_on));
	s[n++] =
	    (struct spec)SPEC_OPT(NULL, SPEC_F_ENUM("judgment", ogi_judgment_names, &in->judgment));
	s[n++] =
	    (struct spec)SPEC_OPT(NULL, SPEC_F_DATE("judgment_served_on", &in->judgment_served_on));
	s[n++] = (struct spec)SPEC_OPT(NULL, SPEC_F_DATE("redo_due", &in->redo_due));
	s[n++] = (struct spec)SPEC_OPT(NULL, SPEC_F_DATE("redone_on", &in->redone_on));
	s[n++] = (struct spec)SPEC_OPT(NULL,
	                               SPEC_F_STRING("override_reason", &in->override_reason, 500));
	s[n] = (struct spec)SPEC_END;
}

bool litigation_input_parse(json_t *body, enum litigation_body kind, struct litigation_input *in,
                            struct spec_errors *errs)
{
	*in = (struct litigation_input){
	    .body = body, .procedure = -1, .judgment = -1, .route = -1, .instance = -1};
	struct spec spec[LIT_SPEC_MAX];
	if (kind == LIT_BODY_FILE || kind == LIT_BODY_CHANGE)
		lit_spec(in, kind == LIT_BODY_FILE, spec);
	else
		inst_spec(in, kind == INSTANCE_BODY_FILE, spec);
	return spec_parse(body, spec, errs);
}

void litigation_input_apply(const struct litigation_input *in, struct ogi_litigation *l,
                            struct spec_errors *errs)
{
	json_t *b = in->body;
	wire_set_date(b, "filed_on", in->filed_on, &l->filed_on);
	if (wire_given(b, "court") && !wire_cleared(b, "court"))
		wire_copy_text(l->court, sizeof l->court, NULL, in->court);
	else if (wire_cleared(b, "court"))
		spec_error_add(errs, "court", "required", "须写明人民法院",
		               "the court is required");
	wire_set_int(b, "route", in->route, &l->route);
	wire_set_text(b, "case_no", in->case_no, l->case_no, sizeof l->case_no, &l->has_case_no);
	wire_set_text(b, "notes", in->notes, l->notes, sizeof l->notes, &l->has_notes);
	if (wire_cleared(b, "reconsideration_id"))
		l->reconsideration_id = 0;
	else if (wire_given(b, "reconsideration_id"))
		l->reconsideration_id = in->reconsideration_id;
}

void instance_input_apply(const struct litigation_input *in, struct ogi_litigation_instance *x)
{
	json_t *b = in->body;
	wire_set_int(b, "instance", in->instance, &x->kind);
	wire_set_date(b, "filed_on", in->filed_on, &x->filed_on);
	wire_set_text(b, "court", in->court, x->court, sizeof x->court, &x->has_court);
	wire_set_text(b, "case_no", in->case_no, x->case_no, sizeof x->case_no, &x->has_case_no);
	wire_set_int(b, "procedure", in->procedure, &x->procedure);
	wire_set_date(b, "served_on", in->served_on, &x->served_on);
	wire_set_date(b, "hearing_on", in->hearing_on, &x->hearing_on);
	wire_set_date(b, "decided_on", in->decided_on, &x->decided_on);
	if (wire_cleared(b, "judgment"))
		x->judgment = -1;
	else if (wire_given(b, "judgment"))
		x->judgment = in->judgment;
	wire_set_date(b, "judgment_served_on", in->judgment_served_on, &x->judgment_served_on);
	wire_set_date(b, "redo_due", in->redo_due, &x->redo_due);
	wire_set_date(b, "redone_on", in->redone_on, &x->redone_on);
}

json_t *wire_litigation(const struct ogi_calendar *cal, const struct ogi_litigation *l,
                        const struct ogi_remedy_owner *o)
{
	json_t *out = ogi_litigation_fields(l);
	ogi_date today = ogi_today();
	wire_remedy_ids(out, l->id, l->request_id, l->body_id,
	                l->route == OGI_ROUTE_DIRECT ? o->lit_window : OGI_DATE_NONE);
	struct ogi_instance v[OGI_INSTANCES_MAX];
	size_t n = ogi_litigation_instances(l, v);
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *x = ogi_instance_fields(&l->inst[i]);
		struct ogi_remedy_deadline dl[6];
		int nd = ogi_instance_deadlines(cal, &v[i], dl, 6);
		json_object_set_new(x, "deadlines", wire_remedy_deadlines(dl, nd, today));
		json_array_append_new(list, x);
	}
	json_object_set_new(out, "instances", list);
	enum ogi_remedy_result now = ogi_litigation_result_as_of(v, n, today);
	json_object_set_new(out, "result",
	                    now == OGI_RESULT_PENDING ? json_null()
	                                              : json_string(ogi_remedy_result_names[now]));
	struct ogi_remedy_count k = ogi_litigation_count(l);
	wire_remedy_state(out, now, &k, l->version, l->created_at);
	return out;
}
