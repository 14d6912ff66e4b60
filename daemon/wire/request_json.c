/* A request as the API returns it (see request_json.h). */
#include "daemon/wire/request_json.h"

#include "lib/idcheck.h"

json_t *wire_date(ogi_date d)
{
	char buf[OGI_DATE_STRLEN];
	return d == OGI_DATE_NONE ? json_null() : json_string(ogi_date_format(d, buf));
}

json_t *wire_str(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *wire_name(const char *const names[], int v)
{
	return v >= 0 ? json_string(names[v]) : json_null();
}

static json_t *clock_member(const struct ogi_request *r, const char *key)
{
	json_t *v = r->clock ? json_object_get(r->clock, key) : NULL;
	return v ? json_incref(v) : NULL;
}

json_t *wire_request(const struct ogi_request *r, bool full_id)
{
	const struct ogi_applicant *a = &r->applicant;
	json_t *applicant = json_object();
	json_object_set_new(applicant, "kind", wire_name(ogi_applicant_kind_names, a->kind));
	json_object_set_new(applicant, "name", wire_str(a->name));
	json_object_set_new(applicant, "id_type", wire_name(ogi_id_type_names, a->id_type));
	if (a->id_number != NULL && !full_id) {
		char masked[128];
		ogi_mask_id(a->id_number, masked, sizeof masked);
		json_object_set_new(applicant, "id_number", json_string(masked));
		json_object_set_new(applicant, "id_number_masked", json_true());
	} else {
		json_object_set_new(applicant, "id_number", wire_str(a->id_number));
		json_object_set_new(applicant, "id_number_masked", json_false());
	}
	json_object_set_new(applicant, "phone", wire_str(a->phone));
	json_object_set_new(applicant, "email", wire_str(a->email));
	json_object_set_new(applicant, "address", wire_str(a->address));
	json_object_set_new(applicant, "contact", wire_str(a->contact));
	json_object_set_new(applicant, "postcode", wire_str(a->postcode));

	json_t *form = json_object();
	json_object_set_new(form, "medium", wire_name(ogi_medium_names, r->form_medium));
	json_object_set_new(form, "delivery", wire_name(ogi_delivery_names, r->form_delivery));

	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(r->id));
	json_object_set_new(o, "tracking_no", json_string(r->tracking_no));
	json_object_set_new(o, "body_id", json_integer(r->body_id));
	json_object_set_new(o, "body_name", json_string(r->body_name));
	json_object_set_new(o, "status", wire_name(ogi_status_names, r->status));
	json_object_set_new(o, "regime", wire_name(ogi_regime_names, r->regime));
	json_object_set_new(o, "channel", wire_name(ogi_channel_names, r->channel));
	json_object_set_new(o, "received_on", wire_date(r->received_on));
	json_object_set_new(o, "submitted_on", wire_date(r->submitted_on));
	json_object_set_new(o, "confirmed_on", wire_date(r->confirmed_on));
	json_object_set_new(o, "due_on", wire_date(r->due_on));
	json_object_set_new(o, "overdue", json_boolean(ogi_request_overdue(r, ogi_today())));
	json_object_set_new(o, "provisional_deadline", json_boolean(r->provisional));
	json_object_set_new(o, "outcome", wire_name(ogi_outcome_names, r->outcome));
	json_object_set_new(o, "closed_on", wire_date(r->closed_on));
	json_object_set_new(o, "replied_late", json_boolean(r->replied_late));
	json_object_set_new(o, "extension_used", json_boolean(r->extension_used));
	json_object_set_new(o, "correction_notice_due", wire_date(r->correction_notice_due));
	json_object_set_new(o, "correction_notice_late", json_boolean(r->correction_notice_late));
	json_object_set_new(o, "next_subdeadline", wire_date(r->next_subdeadline));
	json_t *sub = clock_member(r, "subdeadlines");
	json_object_set_new(o, "subdeadlines", sub ? sub : json_array());
	/* a paused clock (consultation, fee): due_on counts the pause as ending on
	   its first day and moves on when it ends */
	json_t *paused = r->clock ? json_object_get(r->clock, "paused") : NULL;
	json_object_set_new(o, "paused", json_boolean(json_is_true(paused)));
	json_t *since = clock_member(r, "pause_since");
	json_object_set_new(o, "pause_since", since ? since : json_null());
	json_object_set_new(o, "applicant", applicant);
	json_object_set_new(o, "description", wire_str(r->description));
	json_object_set_new(o, "purpose", wire_str(r->purpose));
	json_object_set_new(o, "form", form);
	json_object_set_new(o, "version", json_integer(r->version));
	json_object_set_new(o, "created_at", json_string(r->created_at));
	wire_request_who(o, r);
	return o;
}

void wire_request_who(json_t *o, const struct ogi_request *r)
{
	json_object_set_new(o, "assignee",
	                    r->assignee_id > 0
	                        ? json_pack("{s:I, s:s}", "id", (json_int_t)r->assignee_id, "name",
	                                    r->assignee_name)
	                        : json_null());
	json_object_set_new(o, "unit", wire_str(r->unit));
	json_t *sv = json_null();
	if (r->supervision_id > 0)
		sv = json_pack("{s:I, s:o, s:s, s:s}", "id", (json_int_t)r->supervision_id,
		               "report_by", wire_date(r->supervision_report_by), "note",
		               r->supervision_note ? r->supervision_note : "", "by_body_name",
		               r->supervision_by);
	json_object_set_new(o, "supervision", sv);
}
