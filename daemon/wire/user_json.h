/* Users as the API returns them. */
#ifndef OGI_WIRE_USER_JSON_H
#define OGI_WIRE_USER_JSON_H

#include <jansson.h>

#include "lib/account.h"

/* {id, username, display_name, active}: what a change returns and audits. */
json_t *wire_user(const struct ogi_user *u);
/* The same with the user's roles and whether the caller may change it (the users list). */
json_t *wire_user_listed(const struct ogi_user *u);

#endif
