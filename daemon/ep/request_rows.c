/* Loading the request a caller may see, and a request row as the API
 * returns it (DESIGN.md §3). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/ep/ep.h"
#include "lib/db/request_columns.h"
#include "lib/idcheck.h"
#include "lib/db/requests.h"
#include "daemon/ep/request_rows.h"

static json_t *str_or_null(PGresult *res, int row, int col)
{
	const char *v = ogi_db_str(res, row, col);
	return v ? json_string(v) : json_null();
}

bool request_body_allows(const struct ctx *c, PGresult *res, int row, enum ogi_role role)
{
	long long path[64];
	int n = parse_id_array(ogi_db_str(res, row, RC_BODY_PATH), path, 64);
	return auth_allows(&c->auth, path, n, role);
}

int request_load(struct ctx *c, struct ogi_db *db, long long id, bool lock, enum ogi_role role,
		 PGresult **out)
{
	char text[24];
	snprintf(text, sizeof text, "%lld", id);
	const char *p[] = {text};
	PGresult *res;
	int n = ogi_db_exec(db, lock ? "request_lock" : "request_get", 1, p, &res);
	if (n < 0)
		return n;
	int rc = 0;
	if (n == 0 || !request_body_allows(c, res, 0, OGI_ROLE_AUDITOR))
		rc = OGI_E_NOT_FOUND;
	else if (!request_body_allows(c, res, 0, role))
		rc = OGI_E_FORBIDDEN;
	if (rc != 0) {
		PQclear(res);
		return rc;
	}
	*out = res;
	return 0;
}

PGresult *request_visible(struct ctx *c, struct ogi_db *db, long long id, enum MHD_Result *result)
{
	PGresult *res = NULL;
	int rc = request_load(c, db, id, false, OGI_ROLE_AUDITOR, &res);
	if (rc < 0)
		*result = reply_db_error(c, db);
	else if (rc > 0)
		*result = reply_problem(c, OGI_E_NOT_FOUND, "no request %lld", id);
	return rc == 0 ? res : NULL;
}

int request_rows(struct ctx *c, const char *stmt, PGresult **res, bool *open,
		 enum MHD_Result *result)
{
	struct ogi_db *db = thread_db(c, result);
	if (db == NULL)
		return -1;
	PGresult *req = request_visible(c, db, c->id, result);
	if (req == NULL)
		return -1;
	if (open != NULL)
		*open = strcmp(ogi_db_str(req, 0, RC_STATUS), "closed") != 0;
	PQclear(req);
	char id[24];
	snprintf(id, sizeof id, "%lld", c->id);
	const char *p[] = {id};
	int n = ogi_db_exec(db, stmt, 1, p, res);
	if (n < 0)
		*result = reply_db_error(c, db);
	return n < 0 ? -1 : n;
}

json_t *request_json(const struct ctx *c, PGresult *res, int row)
{
	/* identity numbers whole only for those who handle the request */
	bool full_id = request_body_allows(c, res, row, OGI_ROLE_CLERK); /* auditors see it masked */
	json_t *applicant = json_object();
	json_object_set_new(applicant, "kind", str_or_null(res, row, RC_APPLICANT_KIND));
	json_object_set_new(applicant, "name", str_or_null(res, row, RC_APPLICANT_NAME));
	json_object_set_new(applicant, "id_type", str_or_null(res, row, RC_APPLICANT_ID_TYPE));
	const char *id = ogi_db_str(res, row, RC_APPLICANT_ID_NUMBER);
	if (id != NULL && !full_id) {
		char masked[128];
		ogi_mask_id(id, masked, sizeof masked);
		json_object_set_new(applicant, "id_number", json_string(masked));
		json_object_set_new(applicant, "id_number_masked", json_true());
	} else {
		json_object_set_new(applicant, "id_number", id ? json_string(id) : json_null());
		json_object_set_new(applicant, "id_number_masked", json_false());
	}
	json_object_set_new(applicant, "phone", str_or_null(res, row, RC_APPLICANT_PHONE));
	json_object_set_new(applicant, "email", str_or_null(res, row, RC_APPLICANT_EMAIL));
	json_object_set_new(applicant, "address", str_or_null(res, row, RC_APPLICANT_ADDRESS));
	json_object_set_new(applicant, "contact", str_or_null(res, row, RC_APPLICANT_CONTACT));

	json_t *form = json_object();
	json_object_set_new(form, "medium", str_or_null(res, row, RC_FORM_MEDIUM));
	json_object_set_new(form, "delivery", str_or_null(res, row, RC_FORM_DELIVERY));

	ogi_date today = ogi_today(), due;
	const char *due_text = ogi_db_str(res, row, RC_DUE_ON);
	const char *status = ogi_db_str(res, row, RC_STATUS);
	bool open = strcmp(status, "closed") != 0;
	bool overdue = open && due_text && ogi_date_parse(due_text, &due) && today > due &&
		       strcmp(status, "registered") == 0;

	json_t *clock = json_loads(ogi_db_str(res, row, RC_CLOCK), 0, NULL);
	json_t *r = json_object();
	json_object_set_new(r, "id", json_integer(ogi_db_int(res, row, RC_ID)));
	json_object_set_new(r, "tracking_no", str_or_null(res, row, RC_TRACKING_NO));
	json_object_set_new(r, "body_id", json_integer(ogi_db_int(res, row, RC_BODY_ID)));
	json_object_set_new(r, "body_name", str_or_null(res, row, RC_BODY_NAME));
	json_object_set_new(r, "status", json_string(status));
	json_object_set_new(r, "regime", str_or_null(res, row, RC_REGIME));
	json_object_set_new(r, "channel", str_or_null(res, row, RC_CHANNEL));
	json_object_set_new(r, "received_on", str_or_null(res, row, RC_RECEIVED_ON));
	json_object_set_new(r, "submitted_on", str_or_null(res, row, RC_SUBMITTED_ON));
	json_object_set_new(r, "confirmed_on", str_or_null(res, row, RC_CONFIRMED_ON));
	json_object_set_new(r, "due_on", str_or_null(res, row, RC_DUE_ON));
	json_object_set_new(r, "overdue", json_boolean(overdue));
	json_object_set_new(r, "provisional_deadline",
			    json_boolean(ogi_db_bool(res, row, RC_PROVISIONAL)));
	json_object_set_new(r, "outcome", str_or_null(res, row, RC_OUTCOME));
	json_object_set_new(r, "closed_on", str_or_null(res, row, RC_CLOSED_ON));
	json_object_set_new(r, "replied_late", json_boolean(ogi_db_bool(res, row, RC_REPLIED_LATE)));
	json_object_set_new(r, "extension_used",
			    json_boolean(ogi_db_bool(res, row, RC_EXTENSION_USED)));
	json_object_set_new(r, "correction_notice_due",
			    str_or_null(res, row, RC_CORRECTION_NOTICE_DUE));
	json_object_set_new(r, "correction_notice_late",
			    json_boolean(ogi_db_bool(res, row, RC_CORRECTION_NOTICE_LATE)));
	json_object_set_new(r, "next_subdeadline", str_or_null(res, row, RC_NEXT_SUBDEADLINE));
	json_object_set_new(r, "subdeadlines",
			    clock && json_object_get(clock, "subdeadlines")
				    ? json_incref(json_object_get(clock, "subdeadlines"))
				    : json_array());
	/* a paused clock (consultation, fee): due_on counts the pause as ending on
	   its first day and moves on when it ends */
	json_t *paused = clock ? json_object_get(clock, "paused") : NULL;
	json_object_set_new(r, "paused", json_boolean(json_is_true(paused)));
	json_object_set_new(r, "pause_since", clock && json_object_get(clock, "pause_since")
						      ? json_incref(json_object_get(clock, "pause_since"))
						      : json_null());
	json_object_set_new(r, "applicant", applicant);
	json_object_set_new(r, "description", str_or_null(res, row, RC_DESCRIPTION));
	json_object_set_new(r, "purpose", str_or_null(res, row, RC_PURPOSE));
	json_object_set_new(r, "form", form);
	json_object_set_new(r, "version", json_integer(ogi_db_int(res, row, RC_VERSION)));
	json_object_set_new(r, "created_at", str_or_null(res, row, RC_CREATED_AT));
	json_decref(clock);
	return r;
}
