/* Online applications as the API returns them (see online_json.h). */
#include "daemon/wire/online_json.h"

#include "lib/idcheck.h"
#include "lib/online.h"

static json_t *text_or_null(const char *s)
{
	return s[0] ? json_string(s) : json_null();
}

json_t *wire_online_application(const struct ogi_online_row *row, bool full_id)
{
	char masked[80];
	ogi_mask_id(row->id_number, masked, sizeof masked);
	json_t *applicant = json_pack("{s:s, s:s, s:s, s:s, s:s}", "kind", row->kind, "name",
	                              row->name, "id_type", row->id_type, "id_number",
	                              full_id ? row->id_number : masked, "phone", row->phone);
	json_object_set_new(applicant, "email", text_or_null(row->email));
	json_object_set_new(applicant, "address", text_or_null(row->address));
	json_object_set_new(applicant, "postcode", text_or_null(row->postcode));
	json_object_set_new(applicant, "contact", text_or_null(row->contact));
	json_t *information =
	    json_pack("{s:o, s:o, s:s}", "title", text_or_null(row->info_title), "ref",
	              text_or_null(row->info_ref), "description", row->description);
	json_t *out = json_pack(
	    "{s:I, s:s, s:I, s:s, s:s, s:s, s:I, s:o, s:o, s:{s:s, s:s}}", "id",
	    (json_int_t)row->id, "number", row->number, "body_id", (json_int_t)row->body_id,
	    "body_name", row->body_name, "state", row->state, "submitted_at", row->submitted_at,
	    "age_seconds", (json_int_t)row->age_seconds, "applicant", applicant, "information",
	    information, "form", "medium", row->medium, "delivery", row->delivery);
	json_object_set_new(out, "request_id",
	                    row->request_id > 0 ? json_integer(row->request_id) : json_null());
	json_object_set_new(out, "decided_at", text_or_null(row->decided_at));
	json_object_set_new(out, "decline_reason", text_or_null(row->decline_reason));
	return out;
}

json_t *wire_public_status(int s)
{
	if (s < 0 || s >= OGI_PUBLIC_STATUS_COUNT)
		s = OGI_PUBLIC_SUBMITTED;
	return json_pack("{s:s, s:s, s:s}", "code", ogi_public_status_names[s], "label_zh",
	                 ogi_public_status_zh[s], "label_en", ogi_public_status_en[s]);
}

json_t *wire_online_correction(const struct ogi_correction_row *row)
{
	char on[OGI_DATE_STRLEN];
	json_t *out = json_pack("{s:I, s:s, s:I, s:s, s:I, s:s, s:s, s:s, s:s, s:I, s:s}", "id",
	                        (json_int_t)row->id, "online_number", row->number, "request_id",
	                        (json_int_t)row->request_id, "tracking_no", row->tracking_no,
	                        "body_id", (json_int_t)row->body_id, "body_name", row->body_name,
	                        "text", row->text ? row->text : "", "received_at", row->received_at,
	                        "received_on", ogi_date_format(row->received_on, on), "age_seconds",
	                        (json_int_t)row->age_seconds, "state", row->state);
	json_object_set_new(out, "online_id", json_integer(row->online_id));
	json_object_set_new(out, "handled_at", text_or_null(row->handled_at));
	json_object_set_new(out, "handled_by", text_or_null(row->handled_by_name));
	json_object_set_new(out, "reject_reason", text_or_null(row->reject_reason));
	json_object_set_new(out, "event_id",
	                    row->event_id > 0 ? json_integer(row->event_id) : json_null());
	return out;
}

json_t *wire_online_files(const struct ogi_online_file *f, size_t n)
{
	json_t *out = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
		    out, json_pack("{s:I, s:s, s:s, s:I, s:s, s:s, s:o}", "id", (json_int_t)f[i].id,
		                   "name", f[i].name, "content_type", f[i].content_type, "size",
		                   (json_int_t)f[i].size, "sha256", f[i].sha256, "received_at",
		                   f[i].received_at, "attachment_id",
		                   f[i].attachment_id > 0 ? json_integer(f[i].attachment_id)
		                                          : json_null()));
	return out;
}
