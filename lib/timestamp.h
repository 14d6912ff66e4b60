/* Points in time as the API, the CSV and the audit log give them: RFC 3339
 * to the millisecond with the offset, "2026-12-03T14:40:20.355+08:00" — one
 * formatter for every timestamp ogi prints, whatever the column.  Dates
 * (days without a time) are lib/date.h's. */
#ifndef OGI_TIMESTAMP_H
#define OGI_TIMESTAMP_H

#include <stdbool.h>
#include <stddef.h>

/* "YYYY-MM-DDTHH:MM:SS.mmm+HH:MM" and the terminating NUL. */
#define OGI_RFC3339_STRLEN 30

/* Writes the timestamptz text in (PostgreSQL's ISO output, "2026-12-03
 * 14:40:20.355065+08", with or without fractions, an offset of hours,
 * minutes or seconds, or "T" between day and time) into out as RFC 3339 to
 * the millisecond (fractions cut, not rounded: a time never moves into the
 * next second).  An offset with seconds (local mean time before 1901) keeps
 * its hours and minutes.  False, with out empty, when in is not such a text
 * or out is shorter than OGI_RFC3339_STRLEN. */
bool ogi_timestamp_rfc3339(const char *in, char *out, size_t size);

/* The same point as a person reads it on paper, to the minute in its own
 * offset: "2026-12-03 14:40" (out: 17 bytes at least).  Empty when in is
 * neither RFC 3339 nor PostgreSQL's text. */
void ogi_timestamp_minutes(const char *in, char *out, size_t size);

#endif
