/* A growable byte buffer for renderers: append text, printf into it, take
 * the malloc'd result.  Out of memory is sticky (oom) and checked once at
 * the end, so renderers need no error path per append. */
#ifndef OGI_BUF_H
#define OGI_BUF_H

#include <stdbool.h>
#include <stddef.h>

struct ogi_buf {
	char *p; /* NUL-terminated while not oom */
	size_t len, cap;
	bool oom;
};

void ogi_buf_add(struct ogi_buf *b, const char *s);
void ogi_buf_addn(struct ogi_buf *b, const void *s, size_t n);
void ogi_buf_printf(struct ogi_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s with & < > " ' escaped for HTML text and attribute values. */
void ogi_buf_add_html(struct ogi_buf *b, const char *s);
void ogi_buf_free(struct ogi_buf *b);

#endif
