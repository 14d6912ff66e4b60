/* The work queue as the API returns it (see queue_json.h). */
#include "daemon/wire/queue_json.h"

#include "daemon/wire/request_json.h"

json_t *wire_queue_entry(const struct ogi_request *r, bool full_id, ogi_date on, const char *kind,
                         int workdays_left, json_t *remedy_dates)
{
	json_t *o = wire_request(r, full_id);
	if (on != OGI_DATE_NONE) {
		json_object_set_new(o, "attention_on", wire_date(on));
		json_object_set_new(o, "attention_kind", json_string(kind));
		json_object_set_new(o, "workdays_left", json_integer(workdays_left));
	} else {
		json_object_set_new(o, "workdays_left", json_null());
	}
	if (remedy_dates != NULL)
		json_object_set(o, "remedy_deadlines", remedy_dates);
	return o;
}

json_t *wire_queue(json_t *bands[QUEUE_BANDS], const struct queue_counts *n, long long limit,
                   ogi_date today)
{
	static const char *const names[QUEUE_BANDS] = {"overdue", "due_soon", "later"};
	json_t *out = json_object(), *counts = json_object(), *more = json_object();
	for (int b = 0; b < QUEUE_BANDS; b++) {
		json_object_set_new(counts, names[b], json_integer(n->band[b]));
		json_object_set_new(more, names[b], json_integer(n->band[b] - n->listed[b]));
		json_object_set_new(out, names[b], bands[b]);
	}
	json_object_set_new(counts, "total", json_integer(n->total));
	json_object_set_new(counts, "closed_with_remedy_dates",
	                    json_integer(n->closed_with_remedy_dates));
	json_object_set_new(out, "counts", counts);
	json_object_set_new(out, "more", more);
	json_object_set_new(out, "limit", json_integer(limit));
	json_object_set_new(out, "today", wire_date(today));
	return out;
}
