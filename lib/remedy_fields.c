/* The stored fields of the remedy records as JSON (see remedies.h): one
 * list of fields for the audit log's old and new values, the test whether a
 * change changed anything, and the API's record. */
#include "lib/remedies.h"

static json_t *date_json(ogi_date d)
{
	char buf[OGI_DATE_STRLEN];
	return d == OGI_DATE_NONE ? json_null() : json_string(ogi_date_format(d, buf));
}

static json_t *text_json(bool has, const char *s)
{
	return has ? json_string(s) : json_null();
}

static json_t *name_json(const char *const names[], int v)
{
	return v >= 0 ? json_string(names[v]) : json_null();
}

json_t *ogi_reconsideration_fields(const struct ogi_reconsideration *r)
{
	json_t *o = json_object();
	json_object_set_new(o, "filed_on", date_json(r->filed_on));
	json_object_set_new(o, "authority", json_string(r->authority));
	json_object_set_new(o, "case_no", text_json(r->has_case_no, r->case_no));
	json_object_set_new(o, "accepted_on", date_json(r->accepted_on));
	json_object_set_new(o, "procedure", name_json(ogi_procedure_names, r->procedure));
	json_object_set_new(o, "extension_days", json_integer(r->extension_days));
	json_object_set_new(o, "decided_on", date_json(r->decided_on));
	json_object_set_new(o, "decision", name_json(ogi_rc_decision_names, r->decision));
	json_object_set_new(
	    o, "result",
	    r->decision >= 0 ? json_string(ogi_remedy_result_names[ogi_reconsideration_result(r)])
	                     : json_null());
	json_object_set_new(o, "served_on", date_json(r->served_on));
	json_object_set_new(o, "redo_due", date_json(r->redo_due));
	json_object_set_new(o, "redone_on", date_json(r->redone_on));
	json_object_set_new(o, "late_filing", json_boolean(r->late_filing));
	json_object_set_new(o, "notes", text_json(r->has_notes, r->notes));
	return o;
}

json_t *ogi_instance_fields(const struct ogi_litigation_instance *x)
{
	json_t *o = json_object();
	json_object_set_new(o, "seq", json_integer(x->seq));
	json_object_set_new(o, "instance", name_json(ogi_instance_kind_names, x->kind));
	json_object_set_new(o, "court", text_json(x->has_court, x->court));
	json_object_set_new(o, "case_no", text_json(x->has_case_no, x->case_no));
	json_object_set_new(o, "filed_on", date_json(x->filed_on));
	json_object_set_new(o, "procedure", name_json(ogi_procedure_names, x->procedure));
	json_object_set_new(o, "served_on", date_json(x->served_on));
	json_object_set_new(o, "hearing_on", date_json(x->hearing_on));
	json_object_set_new(o, "decided_on", date_json(x->decided_on));
	json_object_set_new(o, "judgment", name_json(ogi_judgment_names, x->judgment));
	json_object_set_new(o, "result",
	                    x->decided_on != OGI_DATE_NONE && x->result != OGI_RESULT_PENDING
	                        ? json_string(ogi_remedy_result_names[x->result])
	                        : json_null());
	json_object_set_new(o, "judgment_served_on", date_json(x->judgment_served_on));
	json_object_set_new(o, "redo_due", date_json(x->redo_due));
	json_object_set_new(o, "redone_on", date_json(x->redone_on));
	return o;
}

json_t *ogi_litigation_fields(const struct ogi_litigation *l)
{
	json_t *o = json_object();
	json_object_set_new(o, "filed_on", date_json(l->filed_on));
	json_object_set_new(o, "court", json_string(l->court));
	json_object_set_new(o, "case_no", text_json(l->has_case_no, l->case_no));
	json_object_set_new(o, "route", name_json(ogi_litigation_route_names, l->route));
	json_object_set_new(o, "reconsideration_id",
	                    l->reconsideration_id ? json_integer(l->reconsideration_id)
	                                          : json_null());
	json_object_set_new(o, "late_filing", json_boolean(l->late_filing));
	json_object_set_new(o, "reconsideration_required", json_boolean(l->needs_reconsideration));
	json_object_set_new(o, "notes", text_json(l->has_notes, l->notes));
	return o;
}
