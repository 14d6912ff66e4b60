/* A rule's refusal: the code and the detail sentence (refuse.h). */
#include "lib/refuse.h"

#include <stdarg.h>
#include <stdio.h>

enum ogi_error ogi_refuse(char *detail, size_t len, enum ogi_error code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(detail, len, fmt, ap);
	va_end(ap);
	return code;
}
