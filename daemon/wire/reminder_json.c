/* A reminder digest as JSON (see reminder_json.h). */
#include "daemon/wire/reminder_json.h"

#include "daemon/wire/request_json.h"

static json_t *time_or_null(const char *t)
{
	return t[0] != '\0' ? json_string(t) : json_null();
}

json_t *wire_digest(const struct ogi_digest_row *r)
{
	return json_pack("{s:I, s:{s:I, s:s, s:s}, s:s, s:o, s:s, s:i, s:o, s:o, s:o}", "id",
	                 (json_int_t)r->id, "user", "id", (json_int_t)r->user_id, "username",
	                 r->username, "display_name", r->display_name, "email", r->email, "day",
	                 wire_date(r->day), "status", r->status, "attempts", r->attempts,
	                 "last_error", r->last_error[0] ? json_string(r->last_error) : json_null(),
	                 "next_attempt_at", time_or_null(r->next_at), "sent_at",
	                 time_or_null(r->sent_at));
}
