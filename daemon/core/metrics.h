/* Counters for /metrics, bumped once per answered request (metrics.c). */
#ifndef OGI_DAEMON_METRICS_H
#define OGI_DAEMON_METRICS_H

#include <stddef.h>
#include <stdint.h>

void metrics_count(unsigned int status, int64_t micros);
/* The Prometheus text of the counters into buf; its length. */
size_t metrics_text(char *buf, size_t len);

#endif
