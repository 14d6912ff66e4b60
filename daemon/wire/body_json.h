/* A body (机关) as the API returns it. */
#ifndef OGI_WIRE_BODY_JSON_H
#define OGI_WIRE_BODY_JSON_H

#include <jansson.h>

#include "lib/account.h"

/* {id, name, parent_id, code, path}: parent_id and code null when unset. */
json_t *wire_body(const struct ogi_body *b);

#endif
