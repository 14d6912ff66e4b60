/* A consultation as the API gives it (see consultation_json.h). */
#include "daemon/wire/consultation_json.h"

#include "daemon/wire/request_json.h"

json_t *wire_consultation(const struct ogi_consultation_record *k, const struct ogi_calendar *cal,
                          bool request_open, ogi_date today)
{
	bool estimated = false, provisional = false;
	ogi_date window = ogi_consultation_window(cal, k->sent_on, k->party_received_on, &estimated,
	                                          &provisional);
	bool unanswered = k->answer < 0;
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(k->id));
	json_object_set_new(o, "party", json_string(ogi_consultation_party_names[k->party]));
	json_object_set_new(o, "name", wire_str(k->name));
	json_object_set_new(o, "sent_on", wire_date(k->sent_on));
	json_object_set_new(o, "party_received_on", wire_date(k->party_received_on));
	json_object_set_new(o, "reply_due", wire_date(window));
	json_object_set_new(o, "reply_due_estimated", json_boolean(estimated));
	json_object_set_new(o, "provisional", json_boolean(provisional));
	json_object_set_new(o, "open", json_boolean(unanswered && request_open));
	json_object_set_new(o, "window_ended", json_boolean(unanswered && today > window));
	json_object_set_new(o, "answer", wire_name(ogi_consultation_answer_names, k->answer));
	json_object_set_new(o, "answered_on", wire_date(k->answered_on));
	json_object_set_new(o, "reasons", wire_str(k->reasons));
	json_object_set_new(o, "deemed_consent", json_boolean(ogi_consultation_deemed_consent(k)));
	json_t *ov = json_null();
	if (k->override_reason != NULL)
		ov = json_pack("{s:s, s:o, s:o}", "reason", k->override_reason, "decided_on",
		               wire_date(k->override_on), "notified_on", wire_date(k->notified_on));
	json_object_set_new(o, "public_interest_override", ov);
	return o;
}
