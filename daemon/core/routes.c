/* The route table: reading it tells you the whole API.  The dispatcher
 * (http.c) answers 404 and 405 with Allow, decodes the path's {id}, checks
 * the session and the least role; handlers check the body.  A route that
 * takes a JSON body names, last, the function that checks it (in_…, the
 * code its handler runs first): the fuzzer reaches every endpoint's input
 * through this table (tests/fuzz/README.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "daemon/core/routes.h"
#include "daemon/ep/ep.h"

/* Routes without a JSON body leave out the last field (input). */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
const struct route ogi_routes[] = {
    {"GET", "/healthz", h_healthz, OGI_ROLE_AUDITOR, ROUTE_PUBLIC},
    {"GET", "/readyz", h_readyz, OGI_ROLE_AUDITOR, ROUTE_PUBLIC},
    {"GET", "/metrics", h_metrics, OGI_ROLE_AUDITOR, ROUTE_PUBLIC},
    {"GET", "/api/v1/openapi.yaml", h_openapi, OGI_ROLE_AUDITOR, ROUTE_PUBLIC},

    {"POST", "/api/v1/session", h_session_post, OGI_ROLE_AUDITOR, ROUTE_PUBLIC | ROUTE_JSON,
     in_session_post},
    {"GET", "/api/v1/session", h_session_get, OGI_ROLE_AUDITOR, ROUTE_ANY_ROLE},
    {"DELETE", "/api/v1/session", h_session_delete, OGI_ROLE_AUDITOR, ROUTE_ANY_ROLE},
    {"POST", "/api/v1/tokens", h_tokens_post, OGI_ROLE_AUDITOR, ROUTE_JSON, in_tokens_post},
    {"GET", "/api/v1/tokens", h_tokens_get, OGI_ROLE_AUDITOR, ROUTE_ANY_ROLE},
    {"DELETE", "/api/v1/tokens/{id}", h_tokens_delete, OGI_ROLE_AUDITOR, ROUTE_ANY_ROLE},
    /* calendar feeds of one's deadlines (issue 16): made, listed and revoked by their user;
       fetched by a calendar with the secret token in the path as the only credential */
    {"POST", "/api/v1/feeds", h_feeds_post, OGI_ROLE_AUDITOR, ROUTE_ANY_ROLE | ROUTE_JSON,
     in_feeds_post},
    {"GET", "/api/v1/feeds", h_feeds_get, OGI_ROLE_AUDITOR, ROUTE_ANY_ROLE},
    {"DELETE", "/api/v1/feeds/{id}", h_feed_delete, OGI_ROLE_AUDITOR, ROUTE_ANY_ROLE},
    {"GET", "/api/v1/feeds/{token}.ics", h_feed_ics_get, OGI_ROLE_AUDITOR, ROUTE_PUBLIC},
    {"GET", "/api/v1/sessions", h_sessions_get, OGI_ROLE_AUDITOR, ROUTE_ANY_ROLE},
    {"DELETE", "/api/v1/sessions/{id}", h_session_end_delete, OGI_ROLE_AUDITOR, ROUTE_ANY_ROLE},
    /* login throttles: admins (the handlers show and clear those of their bodies' users) */
    {"GET", "/api/v1/throttles", h_throttles_get, OGI_ROLE_ADMIN, 0},
    {"DELETE", "/api/v1/throttles/{id}", h_throttle_delete, OGI_ROLE_ADMIN, 0},
    /* e-mail reminder digests (issue 16): admins see those of their bodies' users, retry one */
    {"GET", "/api/v1/reminders", h_reminders_get, OGI_ROLE_ADMIN, 0},
    {"POST", "/api/v1/reminders/{id}/retry", h_reminder_retry, OGI_ROLE_ADMIN, 0},

    {"GET", "/api/v1/bodies", h_bodies_get, OGI_ROLE_AUDITOR, ROUTE_ANY_ROLE},
    {"POST", "/api/v1/bodies", h_bodies_post, OGI_ROLE_ADMIN, ROUTE_JSON, in_bodies_post},
    /* a body's settings for its letters: reading them any role on it, changing them its admins */
    {"GET", "/api/v1/bodies/{id}", h_body_get, OGI_ROLE_AUDITOR, 0},
    {"PUT", "/api/v1/bodies/{id}", h_body_put, OGI_ROLE_ADMIN, ROUTE_JSON, in_body_put},
    {"GET", "/api/v1/bodies/{id}/seal", h_body_seal_get, OGI_ROLE_AUDITOR, 0},
    {"PUT", "/api/v1/bodies/{id}/seal", h_body_seal_put, OGI_ROLE_ADMIN, ROUTE_RAW_BODY,
     .types = "image/png"},
    {"DELETE", "/api/v1/bodies/{id}/seal", h_body_seal_delete, OGI_ROLE_ADMIN, 0},
    {"GET", "/api/v1/bodies/{id}/letter-templates", h_body_templates_get, OGI_ROLE_AUDITOR, 0},
    {"PUT", "/api/v1/bodies/{id}/letter-templates", h_body_templates_put, OGI_ROLE_ADMIN,
     ROUTE_JSON, in_body_templates_put},
    /* a body's units (科室 / 社区), which requests are assigned to */
    {"GET", "/api/v1/bodies/{id}/units", h_body_units_get, OGI_ROLE_AUDITOR, 0},
    {"PUT", "/api/v1/bodies/{id}/units", h_body_units_put, OGI_ROLE_ADMIN, ROUTE_JSON,
     in_body_units_put},
    {"GET", "/api/v1/bodies/{id}/assignees", h_body_assignees_get, OGI_ROLE_AUDITOR, 0},
    {"GET", "/api/v1/bodies/{id}/dashboard", h_body_dashboard_get, OGI_ROLE_APPROVER, 0},
    /* an office's register brought in (issue 20): its admins upload the file (gathered in
       memory up to the reader's limit, ROUTE_STREAM), check it again with an edited mapping,
       start the run a worker thread does, and follow its progress */
    {"POST", "/api/v1/bodies/{id}/register-imports", h_register_imports_post, OGI_ROLE_ADMIN,
     ROUTE_STREAM, .stream = &register_import_upload},
    {"GET", "/api/v1/bodies/{id}/register-imports", h_register_imports_get, OGI_ROLE_ADMIN, 0},
    {"GET", "/api/v1/register-imports/{id}", h_register_import_get, OGI_ROLE_ADMIN, 0},
    {"POST", "/api/v1/register-imports/{id}/check", h_register_import_check, OGI_ROLE_ADMIN,
     ROUTE_JSON, in_register_import_check},
    {"POST", "/api/v1/register-imports/{id}/run", h_register_import_run, OGI_ROLE_ADMIN, ROUTE_JSON,
     in_register_import_run},
    {"GET", "/api/v1/users", h_users_get, OGI_ROLE_ADMIN, 0},
    {"POST", "/api/v1/users", h_users_post, OGI_ROLE_ADMIN, ROUTE_JSON, in_users_post},
    {"POST", "/api/v1/users/{id}/roles", h_user_roles_post, OGI_ROLE_ADMIN, ROUTE_JSON,
     in_user_roles_post},
    {"PATCH", "/api/v1/users/{id}", h_user_patch, OGI_ROLE_ADMIN, ROUTE_JSON, in_user_patch},
    {"DELETE", "/api/v1/users/{id}/roles", h_user_roles_delete, OGI_ROLE_ADMIN, 0},
    {"PUT", "/api/v1/session/password", h_session_password_put, OGI_ROLE_AUDITOR,
     ROUTE_JSON | ROUTE_ANY_ROLE, in_session_password_put},
    {"PATCH", "/api/v1/session/profile", h_session_profile_patch, OGI_ROLE_AUDITOR,
     ROUTE_JSON | ROUTE_ANY_ROLE, in_session_profile_patch},

    {"POST", "/api/v1/requests", h_requests_post, OGI_ROLE_CLERK, ROUTE_JSON, in_requests_post},
    {"GET", "/api/v1/requests", h_requests_get, OGI_ROLE_AUDITOR, 0},
    /* an identity number's earlier applications, for the clerk at intake (a POST: no number
       in a URL) */
    {"POST", "/api/v1/applicants/lookup", h_applicants_lookup, OGI_ROLE_CLERK, ROUTE_JSON,
     in_applicants_lookup},
    /* a platform's batch of online applications (issue 15): the handler checks each row's body */
    {"POST", "/api/v1/requests/import", h_requests_import, OGI_ROLE_CLERK, ROUTE_JSON,
     in_requests_import},
    {"GET", "/api/v1/requests.csv", h_requests_csv, OGI_ROLE_AUDITOR, 0},
    {"GET", "/api/v1/requests/{id}", h_request_get, OGI_ROLE_AUDITOR, 0},
    /* a correction of the registration, with its reason (the handler checks the body's role) */
    {"PATCH", "/api/v1/requests/{id}", h_request_patch, OGI_ROLE_CLERK, ROUTE_JSON,
     in_request_patch},
    {"GET", "/api/v1/requests/{id}/deadline", h_request_deadline, OGI_ROLE_AUDITOR, 0},
    {"POST", "/api/v1/requests/{id}/events", h_events_post, OGI_ROLE_CLERK, ROUTE_JSON,
     in_events_post},
    {"GET", "/api/v1/requests/{id}/events", h_events_get, OGI_ROLE_AUDITOR, 0},
    {"GET", "/api/v1/queue", h_queue_get, OGI_ROLE_AUDITOR, 0},
    /* 督办: an admin of a body above marks it; the body reports (the handlers check both) */
    {"POST", "/api/v1/requests/{id}/supervisions", h_supervisions_post, OGI_ROLE_ADMIN, ROUTE_JSON,
     in_supervisions_post},
    {"POST", "/api/v1/requests/{id}/supervisions/{supervision_id}/answer", h_supervision_answer,
     OGI_ROLE_CLERK, ROUTE_JSON, in_supervision_answer},

    /* fees, consultations, reconsideration and litigation */
    {"GET", "/api/v1/fees/quote", h_fees_quote, OGI_ROLE_AUDITOR, 0},
    {"GET", "/api/v1/requests/{id}/fees", h_fees_get, OGI_ROLE_AUDITOR, 0},
    {"GET", "/api/v1/requests/{id}/consultations", h_consultations_get, OGI_ROLE_AUDITOR, 0},
    {"GET", "/api/v1/requests/{id}/reconsiderations", h_reconsiderations_get, OGI_ROLE_AUDITOR, 0},
    {"POST", "/api/v1/requests/{id}/reconsiderations", h_reconsiderations_post, OGI_ROLE_CLERK,
     ROUTE_JSON, in_reconsiderations_post},
    {"GET", "/api/v1/requests/{id}/reconsiderations/{reconsideration_id}", h_reconsideration_get,
     OGI_ROLE_AUDITOR, 0},
    {"PATCH", "/api/v1/requests/{id}/reconsiderations/{reconsideration_id}",
     h_reconsideration_patch, OGI_ROLE_CLERK, ROUTE_JSON, in_reconsideration_patch},
    {"GET", "/api/v1/requests/{id}/litigations", h_litigations_get, OGI_ROLE_AUDITOR, 0},
    {"POST", "/api/v1/requests/{id}/litigations", h_litigations_post, OGI_ROLE_CLERK, ROUTE_JSON,
     in_litigations_post},
    {"GET", "/api/v1/requests/{id}/litigations/{litigation_id}", h_litigation_get, OGI_ROLE_AUDITOR,
     0},
    {"PATCH", "/api/v1/requests/{id}/litigations/{litigation_id}", h_litigation_patch,
     OGI_ROLE_CLERK, ROUTE_JSON, in_litigation_patch},
    {"POST", "/api/v1/requests/{id}/litigations/{litigation_id}/instances", h_instances_post,
     OGI_ROLE_CLERK, ROUTE_JSON, in_instances_post},
    {"PATCH", "/api/v1/requests/{id}/litigations/{litigation_id}/instances/{seq}", h_instance_patch,
     OGI_ROLE_CLERK, ROUTE_JSON, in_instance_patch},

    /* letters (文书) and their service (送达): the handlers check the role each kind needs */
    {"GET", "/api/v1/requests/{id}/letters", h_letters_get, OGI_ROLE_AUDITOR, 0},
    {"POST", "/api/v1/requests/{id}/letters", h_letters_post, OGI_ROLE_CLERK, ROUTE_JSON,
     in_letters_post},
    {"GET", "/api/v1/requests/{id}/letters/{letter_id}", h_letter_get, OGI_ROLE_AUDITOR, 0},
    {"PATCH", "/api/v1/requests/{id}/letters/{letter_id}", h_letter_patch, OGI_ROLE_HANDLER,
     ROUTE_JSON, in_letter_patch},
    {"POST", "/api/v1/requests/{id}/letters/{letter_id}/issue", h_letter_issue, OGI_ROLE_CLERK, 0},
    {"POST", "/api/v1/requests/{id}/letters/{letter_id}/void", h_letter_void, OGI_ROLE_CLERK,
     ROUTE_JSON, in_letter_void},
    {"POST", "/api/v1/requests/{id}/letters/{letter_id}/deliveries", h_deliveries_post,
     OGI_ROLE_CLERK, ROUTE_JSON, in_deliveries_post},
    {"PATCH", "/api/v1/requests/{id}/letters/{letter_id}/deliveries/{delivery_id}",
     h_delivery_patch, OGI_ROLE_CLERK, ROUTE_JSON, in_delivery_patch},
    {"GET", "/api/v1/requests/{id}/letters/{letter_id}/service-form", h_service_form_get,
     OGI_ROLE_AUDITOR, 0},

    /* the papers of the case file (案卷材料): the upload streams into the database as it
       arrives (ROUTE_STREAM); closed requests take them too; never deleted, voided */
    {"POST", "/api/v1/requests/{id}/attachments", h_attachments_post, OGI_ROLE_CLERK, ROUTE_STREAM,
     .stream = &attachment_upload},
    {"GET", "/api/v1/requests/{id}/attachments", h_attachments_get, OGI_ROLE_AUDITOR, 0},
    {"GET", "/api/v1/requests/{id}/attachments/{attachment_id}", h_attachment_get, OGI_ROLE_AUDITOR,
     0},
    {"HEAD", "/api/v1/requests/{id}/attachments/{attachment_id}", h_attachment_get,
     OGI_ROLE_AUDITOR, 0},
    {"POST", "/api/v1/requests/{id}/attachments/{attachment_id}/void", h_attachment_void,
     OGI_ROLE_CLERK, ROUTE_JSON, in_attachment_void},
    /* the case file (案卷) for the archive: a ZIP of the index, the registration sheet, the
       numbered letters and the timeline; any role on the body reads it */
    {"GET", "/api/v1/requests/{id}/casefile", h_casefile_get, OGI_ROLE_AUDITOR, 0},

    /* changing the calendar: the handlers also want the admin's body to be a top-level one */
    {"GET", "/api/v1/calendar/{year}", h_calendar_get, OGI_ROLE_AUDITOR, 0},
    {"DELETE", "/api/v1/calendar/{year}", h_calendar_delete, OGI_ROLE_ADMIN, 0},
    {"PUT", "/api/v1/calendar/days/{date}", h_calendar_day_put, OGI_ROLE_ADMIN, ROUTE_JSON,
     in_calendar_day_put},
    {"POST", "/api/v1/calendar/import", h_calendar_import, OGI_ROLE_ADMIN, ROUTE_RAW_BODY,
     .types = "application/json, text/calendar"},
    {"GET", "/api/v1/workdays/add", h_workdays_add, OGI_ROLE_AUDITOR, 0},

    {"GET", "/api/v1/reports/annual", h_report_get, OGI_ROLE_AUDITOR, 0},
    {"PUT", "/api/v1/reports/annual/{year}/{body_id}/inputs", h_report_inputs_put, OGI_ROLE_ADMIN,
     ROUTE_JSON, in_report_inputs_put},
    {"POST", "/api/v1/reports/annual/{year}/{body_id}/lock", h_report_lock_post, OGI_ROLE_ADMIN,
     ROUTE_RAW_BODY, in_report_lock_post, "application/json"},

    /* the public channel (issue 15): no session, never a staff cookie's rights (the
       dispatcher loads none for these); the only routes --public-listen serves */
    {"GET", "/api/v1/public/challenge", h_public_challenge_get, OGI_ROLE_AUDITOR,
     ROUTE_PUBLIC | ROUTE_PUBLIC_CHANNEL},
    {"GET", "/api/v1/public/bodies", h_public_bodies_get, OGI_ROLE_AUDITOR,
     ROUTE_PUBLIC | ROUTE_PUBLIC_CHANNEL},
    {"POST", "/api/v1/public/applications", h_public_applications_post, OGI_ROLE_AUDITOR,
     ROUTE_PUBLIC | ROUTE_PUBLIC_CHANNEL | ROUTE_JSON, in_public_applications_post},
    {"POST", "/api/v1/public/status", h_public_status_post, OGI_ROLE_AUDITOR,
     ROUTE_PUBLIC | ROUTE_PUBLIC_CHANNEL | ROUTE_JSON, in_public_status_post},
    /* an issued letter to download (number and code as for the status; the first download
       is its service) */
    {"POST", "/api/v1/public/letter", h_public_letter_post, OGI_ROLE_AUDITOR,
     ROUTE_PUBLIC | ROUTE_PUBLIC_CHANNEL | ROUTE_JSON, in_public_letter_post},
    /* the applicant's answer to a correction notice (number and code as for the status) */
    {"POST", "/api/v1/public/correction", h_public_correction_post, OGI_ROLE_AUDITOR,
     ROUTE_PUBLIC | ROUTE_PUBLIC_CHANNEL | ROUTE_JSON, in_public_correction_post},
    /* the applicant's identity copy with a pending application (number, code in a header) */
    {"POST", "/api/v1/public/files", h_public_file_post, OGI_ROLE_AUDITOR,
     ROUTE_PUBLIC | ROUTE_PUBLIC_CHANNEL | ROUTE_RAW_BODY,
     .types = "image/jpeg, image/png, application/pdf"},
    /* online applications for staff: reading them any role, confirming and declining clerks
       (the handlers check the role on the application's body) */
    {"GET", "/api/v1/online-applications", h_online_applications_get, OGI_ROLE_AUDITOR, 0},
    {"GET", "/api/v1/online-applications/{id}/files/{file_id}", h_online_file_get, OGI_ROLE_AUDITOR,
     0},
    {"POST", "/api/v1/online-applications/{id}/confirm", h_online_application_confirm,
     OGI_ROLE_CLERK, 0},
    {"POST", "/api/v1/online-applications/{id}/decline", h_online_application_decline,
     OGI_ROLE_CLERK, ROUTE_JSON, in_online_application_decline},
    /* online 补正 for staff: reading them any role, confirming (correction_received) and
       returning clerks (the handlers check the role on the answer's request's body) */
    {"GET", "/api/v1/online-corrections", h_online_corrections_get, OGI_ROLE_AUDITOR, 0},
    {"POST", "/api/v1/online-corrections/{id}/confirm", h_online_correction_confirm, OGI_ROLE_CLERK,
     ROUTE_JSON, in_online_correction_confirm},
    {"POST", "/api/v1/online-corrections/{id}/reject", h_online_correction_reject, OGI_ROLE_CLERK,
     ROUTE_JSON, in_online_correction_reject},

    /* the audit log: auditors and admins (the handler checks for exactly those roles) */
    {"GET", "/api/v1/audit", h_audit_get, OGI_ROLE_AUDITOR, 0},
};

#define NROUTES (sizeof ogi_routes / sizeof ogi_routes[0])
const size_t ogi_nroutes = NROUTES;

bool routes_check(char *why, size_t size)
{
	for (size_t i = 0; i < NROUTES; i++) {
		const struct route *r = &ogi_routes[i];
		const char *lack = NULL;
		if ((r->flags & ROUTE_JSON) && r->input == NULL)
			lack = "a JSON route without its input function";
		else if ((r->flags & ROUTE_RAW_BODY) && (r->types == NULL || r->types[0] == '\0'))
			lack = "a raw-body route without the media types it takes";
		else if ((r->flags & ROUTE_STREAM) &&
		         (r->stream == NULL || r->stream->open == NULL || r->stream->data == NULL ||
		          r->stream->release == NULL))
			lack = "a streaming route without its steps";
		if (lack != NULL) {
			snprintf(why, size, "%s %s: %s", r->method, r->pattern, lack);
			return false;
		}
	}
	return true;
}

/* Matches one pattern against a path; fills c->id / c->id2 / c->param. */
static bool match(const char *pattern, const char *path, struct ctx *c)
{
	long long ids[3] = {0, 0, 0};
	int nids = 0;
	char param[64] = "";
	const char *p = pattern, *s = path;
	while (*p && *s) {
		if (*p == '{') {
			const char *pend = strchr(p, '}');
			const char *send = strchr(s, '/');
			size_t slen = send ? (size_t)(send - s) : strlen(s);
			if (pend == NULL || slen == 0)
				return false;
			size_t plen = (size_t)(pend - p - 1);
			if (plen == 5 && strncmp(p + 1, "token", 5) == 0) {
				/* a secret token: base64url characters, up to what follows in the
				   pattern (".ics") */
				slen =
				    strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
				              "0123456789-_");
				if (slen == 0 || slen >= sizeof param)
					return false;
				memcpy(param, s, slen);
				param[slen] = '\0';
			} else if (plen == 4 && strncmp(p + 1, "date", 4) == 0) {
				if (slen >= sizeof param)
					return false;
				memcpy(param, s, slen);
				param[slen] = '\0';
			} else {
				/* an integer id: digits only, no sign, no leading zero, < 2^53 */
				if (slen > 15 || s[0] == '0')
					return false;
				long long v = 0;
				for (size_t i = 0; i < slen; i++) {
					if (s[i] < '0' || s[i] > '9')
						return false;
					v = v * 10 + (s[i] - '0');
				}
				if (nids < 3)
					ids[nids++] = v;
			}
			p = pend + 1;
			s += slen;
			continue;
		}
		if (*p != *s)
			return false;
		p++;
		s++;
	}
	if (*p || *s)
		return false;
	c->id = ids[0];
	c->id2 = ids[1];
	c->id3 = ids[2];
	memcpy(c->param, param, sizeof param);
	return true;
}

const struct route *route_match(const char *method, const char *path, struct ctx *c, char *allow,
                                size_t allow_len, bool *path_known)
{
	const struct route *found = NULL;
	size_t used = 0;
	allow[0] = '\0';
	*path_known = false;
	for (size_t i = 0; i < NROUTES; i++) {
		struct ctx probe = {0};
		if (!match(ogi_routes[i].pattern, path, &probe))
			continue;
		*path_known = true;
		if (used + strlen(ogi_routes[i].method) + 3 < allow_len)
			used += (size_t)snprintf(allow + used, allow_len - used, "%s%s",
			                         used ? ", " : "", ogi_routes[i].method);
		if (found == NULL && strcmp(ogi_routes[i].method, method) == 0) {
			found = &ogi_routes[i];
			c->id = probe.id;
			c->id2 = probe.id2;
			c->id3 = probe.id3;
			memcpy(c->param, probe.param, sizeof c->param);
		}
	}
	return found;
}

/* The table as JSON, for tools and the authorization matrix test (tests/api/test_authz_matrix.py):
 * one object per route with the method, the pattern, the least role and the flags by name. */
bool routes_print_json(FILE *out)
{
	json_t *list = json_array();
	for (size_t i = 0; i < NROUTES; i++) {
		const struct route *r = &ogi_routes[i];
		json_t *flags = json_array();
		static const struct {
			int bit;
			const char *name;
		} names[] = {
		    {ROUTE_PUBLIC, "public"},     {ROUTE_JSON, "json"},
		    {ROUTE_RAW_BODY, "raw_body"}, {ROUTE_ANY_ROLE, "any_role"},
		    {ROUTE_STREAM, "stream"},     {ROUTE_PUBLIC_CHANNEL, "public_channel"}};
		for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
			if (r->flags & names[k].bit)
				json_array_append_new(flags, json_string(names[k].name));
		json_array_append_new(list,
		                      json_pack("{s:s, s:s, s:s, s:o, s:s?}", "method", r->method,
		                                "path", r->pattern, "role", ogi_role_names[r->role],
		                                "flags", flags, "types", r->types));
	}
	int rc = json_dumpf(list, out, JSON_INDENT(1));
	json_decref(list);
	return rc == 0 && fputc('\n', out) != EOF && fflush(out) == 0;
}
