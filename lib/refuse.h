/* A rule's refusal: an error code of api/error-codes.tsv with the sentence
 * that says why, written into the caller's buffer.  The rule checks of lib/
 * (clock, remedies) and the handlers that relay them answer this way. */
#ifndef OGI_REFUSE_H
#define OGI_REFUSE_H

#include <stddef.h>

#include "api/errors.h"

/* Formats the detail into detail[len] and returns code. */
enum ogi_error ogi_refuse(char *detail, size_t len, enum ogi_error code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
