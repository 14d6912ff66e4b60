/* The names of downloaded files (Content-Disposition, RFC 6266): a file is
 * named in Chinese after what it is (「申请台账-2026-12-03.csv」), with an
 * ASCII name for the clients that read only filename=. */
#ifndef OGI_DISPOSITION_H
#define OGI_DISPOSITION_H

#include <stdbool.h>
#include <stddef.h>

/* Writes the header's value into out: "attachment" (or "inline"), then
 * filename="ascii" and filename*=UTF-8''name with name percent-encoded
 * (RFC 8187: every byte outside attr-char).  A quote, backslash or control
 * character in ascii becomes '_'.  False when out is too short (then out
 * holds the disposition type alone, or is empty). */
bool ogi_content_disposition(char *out, size_t size, bool inline_, const char *name,
                             const char *ascii);

#endif
