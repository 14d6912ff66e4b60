/* Attachments (案卷材料) as the API shows them, and the body of their void. */
#ifndef OGI_WIRE_ATTACHMENT_JSON_H
#define OGI_WIRE_ATTACHMENT_JSON_H

#include <jansson.h>

#include "lib/attachment.h"
#include "lib/spec.h"

/* {id, request_id, kind, name, content_type, size, sha256, created_at,
 * created_by, void, void_reason, voided_at, voided_by, href}. */
json_t *wire_attachment(const struct ogi_attachment *a);
/* {attachments: [...], count, total_bytes}. */
json_t *wire_attachments(const struct ogi_attachment_list *l);

/* POST …/attachments/{aid}/void {reason}: 1 to 500 characters, not only spaces. */
bool attachment_void_parse(json_t *body, const char **reason, struct spec_errors *errs);

#endif
