/* Every route's handler, for the route table (daemon/core/routes.c): one file per route in
 * daemon/ep/. */
#ifndef OGI_DAEMON_EP_H
#define OGI_DAEMON_EP_H

#include "daemon/core/audit_record.h"
#include "daemon/core/ctx.h"

struct stream_ops;
#include "daemon/core/params.h"
#include "daemon/core/static_files.h"

enum MHD_Result h_healthz(struct ctx *c);
enum MHD_Result h_readyz(struct ctx *c);
enum MHD_Result h_metrics(struct ctx *c);
enum MHD_Result h_openapi(struct ctx *c);

enum MHD_Result h_session_post(struct ctx *c);
enum MHD_Result h_session_get(struct ctx *c);
enum MHD_Result h_session_delete(struct ctx *c);
enum MHD_Result h_tokens_post(struct ctx *c);
enum MHD_Result h_tokens_get(struct ctx *c);
enum MHD_Result h_tokens_delete(struct ctx *c);
enum MHD_Result h_feeds_post(struct ctx *c);
enum MHD_Result h_feeds_get(struct ctx *c);
enum MHD_Result h_feed_delete(struct ctx *c);
enum MHD_Result h_feed_ics_get(struct ctx *c);
enum MHD_Result h_sessions_get(struct ctx *c);
enum MHD_Result h_session_end_delete(struct ctx *c);
enum MHD_Result h_throttles_get(struct ctx *c);
enum MHD_Result h_throttle_delete(struct ctx *c);
enum MHD_Result h_reminders_get(struct ctx *c);
enum MHD_Result h_reminder_retry(struct ctx *c);

enum MHD_Result h_bodies_get(struct ctx *c);
enum MHD_Result h_bodies_post(struct ctx *c);
/* body_*.c: a body's settings, seal and letter templates (issue 13) */
enum MHD_Result h_body_get(struct ctx *c);
enum MHD_Result h_body_put(struct ctx *c);
enum MHD_Result h_body_seal_get(struct ctx *c);
enum MHD_Result h_body_seal_put(struct ctx *c);
enum MHD_Result h_body_seal_delete(struct ctx *c);
enum MHD_Result h_body_templates_get(struct ctx *c);
enum MHD_Result h_body_templates_put(struct ctx *c);
/* body_units_*.c: a body's units (科室 / 社区) requests are assigned to (issue 16) */
enum MHD_Result h_body_units_get(struct ctx *c);
enum MHD_Result h_body_units_put(struct ctx *c);
enum MHD_Result h_body_assignees_get(struct ctx *c);
/* body_dashboard_get.c: the district dashboard (督办看板) of a body's subtree */
enum MHD_Result h_body_dashboard_get(struct ctx *c);
/* supervision*.c: 督办 by a body above and the body's report (issue 16) */
enum MHD_Result h_supervisions_post(struct ctx *c);
enum MHD_Result h_supervision_answer(struct ctx *c);
enum MHD_Result h_users_get(struct ctx *c);
enum MHD_Result h_users_post(struct ctx *c);
enum MHD_Result h_user_roles_post(struct ctx *c);
enum MHD_Result h_user_patch(struct ctx *c);
enum MHD_Result h_user_roles_delete(struct ctx *c);
enum MHD_Result h_session_password_put(struct ctx *c);
enum MHD_Result h_session_profile_patch(struct ctx *c);

enum MHD_Result h_requests_post(struct ctx *c);
enum MHD_Result h_requests_get(struct ctx *c);
enum MHD_Result h_requests_csv(struct ctx *c);
enum MHD_Result h_request_get(struct ctx *c);
enum MHD_Result h_request_patch(struct ctx *c); /* request_patch.c: corrections (issue 14) */
enum MHD_Result h_request_deadline(struct ctx *c);
enum MHD_Result h_events_post(struct ctx *c);
enum MHD_Result h_events_get(struct ctx *c);
enum MHD_Result h_queue_get(struct ctx *c);

/* fees, consultations (fees_*.c, consultations_get.c); reconsideration*.c, litigation*.c,
 * instance*.c: reconsideration and litigation (issue 5) */
enum MHD_Result h_fees_quote(struct ctx *c);
enum MHD_Result h_applicants_lookup(struct ctx *c);
enum MHD_Result h_fees_get(struct ctx *c);
enum MHD_Result h_consultations_get(struct ctx *c);
enum MHD_Result h_reconsiderations_get(struct ctx *c);
enum MHD_Result h_reconsiderations_post(struct ctx *c);
enum MHD_Result h_reconsideration_get(struct ctx *c);
enum MHD_Result h_reconsideration_patch(struct ctx *c);
enum MHD_Result h_litigations_get(struct ctx *c);
enum MHD_Result h_litigations_post(struct ctx *c);
enum MHD_Result h_litigation_get(struct ctx *c);
enum MHD_Result h_litigation_patch(struct ctx *c);
enum MHD_Result h_instances_post(struct ctx *c);
enum MHD_Result h_instance_patch(struct ctx *c);

/* letter*.c, deliver*.c, service_form_get.c: letters (文书) and their service (issue 13) */
enum MHD_Result h_letters_get(struct ctx *c);
enum MHD_Result h_letters_post(struct ctx *c);
enum MHD_Result h_letter_get(struct ctx *c);
enum MHD_Result h_letter_patch(struct ctx *c);
enum MHD_Result h_letter_issue(struct ctx *c);
enum MHD_Result h_letter_void(struct ctx *c);
enum MHD_Result h_deliveries_post(struct ctx *c);
enum MHD_Result h_delivery_patch(struct ctx *c);
enum MHD_Result h_service_form_get(struct ctx *c);
/* attachment*.c: the papers of the case file (issue 14); the upload streams (routes.h) */
enum MHD_Result h_attachments_post(struct ctx *c);
extern const struct stream_ops attachment_upload;
/* register_import*.c: an office's register brought in from the web page (issue 20) */
enum MHD_Result h_register_imports_post(struct ctx *c);
extern const struct stream_ops register_import_upload;
enum MHD_Result h_register_imports_get(struct ctx *c);
enum MHD_Result h_register_import_get(struct ctx *c);
enum MHD_Result h_register_import_check(struct ctx *c);
bool in_register_import_check(json_t *body, struct spec_errors *errs);
enum MHD_Result h_register_import_run(struct ctx *c);
bool in_register_import_run(json_t *body, struct spec_errors *errs);
enum MHD_Result h_attachments_get(struct ctx *c);
enum MHD_Result h_attachment_get(struct ctx *c);
enum MHD_Result h_attachment_void(struct ctx *c);
/* casefile_get.c: the case file (案卷) as a ZIP (issue 14) */
enum MHD_Result h_casefile_get(struct ctx *c);

enum MHD_Result h_calendar_get(struct ctx *c);
enum MHD_Result h_calendar_day_put(struct ctx *c);
enum MHD_Result h_calendar_import(struct ctx *c);
enum MHD_Result h_calendar_delete(struct ctx *c);
enum MHD_Result h_workdays_add(struct ctx *c);

/* h_reports.c: the annual report */
enum MHD_Result h_report_get(struct ctx *c);
enum MHD_Result h_report_inputs_put(struct ctx *c);
enum MHD_Result h_report_lock_post(struct ctx *c);

/* The JSON input of each endpoint that takes one (see input_fn in ogid.h). */
bool in_session_post(json_t *body, struct spec_errors *errs);
bool in_tokens_post(json_t *body, struct spec_errors *errs);
bool in_feeds_post(json_t *body, struct spec_errors *errs);
bool in_applicants_lookup(json_t *body, struct spec_errors *errs);
bool in_session_password_put(json_t *body, struct spec_errors *errs);
bool in_session_profile_patch(json_t *body, struct spec_errors *errs);
bool in_bodies_post(json_t *body, struct spec_errors *errs);
bool in_body_put(json_t *body, struct spec_errors *errs);
bool in_body_templates_put(json_t *body, struct spec_errors *errs);
bool in_body_units_put(json_t *body, struct spec_errors *errs);
bool in_supervisions_post(json_t *body, struct spec_errors *errs);
bool in_supervision_answer(json_t *body, struct spec_errors *errs);
bool in_users_post(json_t *body, struct spec_errors *errs);
bool in_user_roles_post(json_t *body, struct spec_errors *errs);
bool in_user_patch(json_t *body, struct spec_errors *errs);
bool in_requests_post(json_t *body, struct spec_errors *errs);
bool in_request_patch(json_t *body, struct spec_errors *errs);
bool in_events_post(json_t *body, struct spec_errors *errs);
bool in_calendar_day_put(json_t *body, struct spec_errors *errs);
bool in_reconsiderations_post(json_t *body, struct spec_errors *errs);
bool in_reconsideration_patch(json_t *body, struct spec_errors *errs);
bool in_letters_post(json_t *body, struct spec_errors *errs);
bool in_letter_patch(json_t *body, struct spec_errors *errs);
bool in_letter_void(json_t *body, struct spec_errors *errs);
bool in_attachment_void(json_t *body, struct spec_errors *errs);
bool in_deliveries_post(json_t *body, struct spec_errors *errs);
bool in_delivery_patch(json_t *body, struct spec_errors *errs);
bool in_litigations_post(json_t *body, struct spec_errors *errs);
bool in_litigation_patch(json_t *body, struct spec_errors *errs);
bool in_instances_post(json_t *body, struct spec_errors *errs);
bool in_instance_patch(json_t *body, struct spec_errors *errs);
bool in_report_inputs_put(json_t *body, struct spec_errors *errs);
bool in_report_lock_post(json_t *body, struct spec_errors *errs); /* a raw body, JSON when given */

/* audit_get.c: the audit log, for the roles that read it */
enum MHD_Result h_audit_get(struct ctx *c);

/* public_*.c: the public channel; online_application*.c: its applications for staff
 * (issue 15) */
enum MHD_Result h_public_challenge_get(struct ctx *c);
enum MHD_Result h_public_bodies_get(struct ctx *c);
enum MHD_Result h_public_applications_post(struct ctx *c);
bool in_public_applications_post(json_t *body, struct spec_errors *errs);
enum MHD_Result h_public_status_post(struct ctx *c);
bool in_public_status_post(json_t *body, struct spec_errors *errs);
enum MHD_Result h_public_letter_post(struct ctx *c);
bool in_public_letter_post(json_t *body, struct spec_errors *errs);
enum MHD_Result h_public_correction_post(struct ctx *c);
enum MHD_Result h_public_file_post(struct ctx *c);
enum MHD_Result h_online_file_get(struct ctx *c);
bool in_public_correction_post(json_t *body, struct spec_errors *errs);
enum MHD_Result h_online_applications_get(struct ctx *c);
enum MHD_Result h_online_application_confirm(struct ctx *c);
enum MHD_Result h_online_application_decline(struct ctx *c);
enum MHD_Result h_online_corrections_get(struct ctx *c);
enum MHD_Result h_online_correction_confirm(struct ctx *c);
bool in_online_correction_confirm(json_t *body, struct spec_errors *errs);
enum MHD_Result h_online_correction_reject(struct ctx *c);
bool in_online_correction_reject(json_t *body, struct spec_errors *errs);
bool in_online_application_decline(json_t *body, struct spec_errors *errs);
enum MHD_Result h_requests_import(struct ctx *c);
bool in_requests_import(json_t *body, struct spec_errors *errs);

#endif
