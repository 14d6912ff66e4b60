/* Query parameters of lists, read into typed values once for every route:
 * each adds its parameter's error (zh and en) to errs and returns false
 * when the value is malformed; an absent parameter leaves *out as it was. */
#ifndef OGI_DAEMON_PARAMS_H
#define OGI_DAEMON_PARAMS_H

#include <stdbool.h>

#include "daemon/core/ctx.h"
#include "lib/date.h"

/* v is 1..max in decimal digits (no sign, at most 15 digits). */
bool positive_int(const char *v, long long max, long long *out);

/* An optional date (YYYY-MM-DD) in the years every date input lies in
 * (lib/date.h); *present says whether it was given. */
bool param_date(struct ctx *c, struct spec_errors *errs, const char *name, ogi_date *out,
                bool *present);
/* An optional integer 1..max. */
bool param_int(struct ctx *c, struct spec_errors *errs, const char *name, long long max,
               long long *out, bool *present);
/* An optional id: a positive integer. */
bool param_id(struct ctx *c, struct spec_errors *errs, const char *name, long long *out,
              bool *present);
/* An optional value of a names table (enum index into *out). */
bool param_enum(struct ctx *c, struct spec_errors *errs, const char *name,
                const char *const names[], int *out, bool *present);
/* An optional boolean: true or false, as the API writes them. */
bool param_bool(struct ctx *c, struct spec_errors *errs, const char *name, bool *out,
                bool *present);

#endif
