/* ogid's log: one line per event on stderr (see log.h). */
#include "daemon/core/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

int64_t now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

bool log_enabled = true;

void log_line(const char *fmt, ...)
{
	if (!log_enabled)
		return;
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s\n", buf);
}

void log_bug_at(const char *file, int line, const char *fmt, ...)
{
	char buf[896];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	log_line("ogid: error: %s:%d: %s", file, line, buf);
}
