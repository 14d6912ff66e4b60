/* Users as the API returns them, and the password rule's field error that
 * every route taking a password a person chooses gives. */
#ifndef OGI_WIRE_USER_JSON_H
#define OGI_WIRE_USER_JSON_H

#include <jansson.h>
#include <stdbool.h>

#include "lib/account.h"
#include "lib/spec.h"

/* {id, username, display_name, active}: what a change returns and audits. */
json_t *wire_user(const struct ogi_user *u);
/* The same with the user's roles and whether the caller may change it (the users list). */
json_t *wire_user_listed(const struct ogi_user *u);

/* Whether password satisfies lib/secret.h's rule (ogi_password_long_enough);
 * false after adding field's error (too_short) to errs. */
bool wire_password_ok(const char *field, const char *password, struct spec_errors *errs);

#endif
