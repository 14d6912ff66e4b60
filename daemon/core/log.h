/* The floor of ogid: the clock it times requests with and its one log.
 * Includes nothing else of the daemon; everything above may use it. */
#ifndef OGI_DAEMON_LOG_H
#define OGI_DAEMON_LOG_H

#include <stdbool.h>
#include <stdint.h>

/* Microseconds on a monotonic clock. */
int64_t now_us(void);
/* One line on stderr (the service manager's journal). */
void log_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* False: log_line writes nothing (the HTTP fuzzer, which runs thousands of requests a second,
 * checks the answers instead of reading their access lines). */
extern bool log_enabled;
/* Our own bug, logged with where it was found (a client's error is not one). */
#define log_bug(...) log_bug_at(__FILE__, __LINE__, __VA_ARGS__)
void log_bug_at(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
