/* Online applications as the API returns them: to staff (the list, a
 * confirmation's application) and to the applicant (the receipt and the
 * status page), see online_json.c. */
#ifndef OGI_DAEMON_WIRE_ONLINE_JSON_H
#define OGI_DAEMON_WIRE_ONLINE_JSON_H

#include <jansson.h>
#include <stdbool.h>

#include "lib/online.h"

/* An online application for staff: everything the applicant gave, the
 * identity number masked unless full_id, its state, age and what became of
 * it. */
json_t *wire_online_application(const struct ogi_online_row *row, bool full_id);
/* The applicant's files of an online application: [{id, name, content_type, size, sha256,
 * received_at, attachment_id (null until confirmed)}]. */
json_t *wire_online_files(const struct ogi_online_file *f, size_t n);

/* An online 补正 for staff: {id, online_number, request_id, tracking_no, body_id, body_name,
 * text (literally as the applicant wrote it), received_at, received_on, age_seconds, state,
 * handled_at, handled_by, reject_reason, event_id}. */
json_t *wire_online_correction(const struct ogi_correction_row *row);

/* The public status {code, label_zh, label_en} of s (enum ogi_public_status). */
json_t *wire_public_status(int s);

#endif
