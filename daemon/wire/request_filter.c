/* The query of a list of requests (see request_filter.h). */
#include "daemon/wire/request_filter.h"

#include <string.h>

#include "daemon/core/params.h"

bool wire_request_who_filter(struct ctx *c, struct ogi_request_filter *f, struct spec_errors *errs)
{
	int before = errs->n;
	bool given;
	const char *a = query(c, "assignee");
	if (a != NULL && strcmp(a, "me") == 0)
		f->assignee = c->auth.user_id > 0 ? c->auth.user_id : -1;
	else if (a != NULL && strcmp(a, "none") == 0)
		f->assignee = -1;
	else if (a != NULL) {
		param_id(c, errs, "assignee", &f->assignee, &given);
		if (errs->n > before) { /* say the words too */
			errs->n = before;
			spec_error_add(errs, "assignee", "invalid", "应为 me、none 或用户编号",
			               "me, none or a user id");
		}
	}
	const char *u = query(c, "unit");
	if (u != NULL && *u) {
		if (strlen(u) > 400)
			spec_error_add(errs, "unit", "invalid", "过长", "too long");
		f->unit = u;
	}
	param_bool(c, errs, "supervised", &f->supervised, &f->has_supervised);
	return errs->n == before;
}

bool wire_request_filter(struct ctx *c, struct ogi_request_filter *f, struct spec_errors *errs)
{
	bool given;
	f->status = f->outcome = -1;
	f->due_before = f->received_from = f->received_to = OGI_DATE_NONE;
	f->today = ogi_today();
	f->limit = REQUESTS_LIMIT_DEFAULT;
	int before = errs->n;
	param_id(c, errs, "body_id", &f->body_id, &given);
	param_bool(c, errs, "subtree", &f->subtree, &given);
	param_enum(c, errs, "status", ogi_status_names, &f->status, &given);
	param_bool(c, errs, "overdue", &f->overdue, &f->has_overdue);
	param_date(c, errs, "due_before", &f->due_before, &given);
	param_date(c, errs, "received_from", &f->received_from, &given);
	param_date(c, errs, "received_to", &f->received_to, &given);
	param_enum(c, errs, "outcome", ogi_outcome_names, &f->outcome, &given);
	const char *q = query(c, "q");
	if (q != NULL && *q) {
		if (strlen(q) > 200)
			spec_error_add(errs, "q", "invalid", "过长", "too long");
		f->q = q;
	}
	wire_request_who_filter(c, f, errs);
	param_id(c, errs, "after", &f->after, &given);
	param_int(c, errs, "limit", REQUESTS_LIMIT_MAX, &f->limit, &given);
	return errs->n == before;
}
