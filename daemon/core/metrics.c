/* The request counters /metrics shows (see metrics.h). */
#include "daemon/core/metrics.h"

#include <stdatomic.h>
#include <stdio.h>

#include "daemon/core/guard.h"
#include "daemon/core/remind_thread.h"
#include "daemon/core/replica.h"
#include "daemon/core/workers.h"

static atomic_llong requests_total, responses_2xx, responses_4xx, responses_5xx, micros_total;

void metrics_count(unsigned int status, int64_t micros)
{
	atomic_fetch_add(&requests_total, 1);
	atomic_fetch_add(&micros_total, micros);
	if (status >= 500)
		atomic_fetch_add(&responses_5xx, 1);
	else if (status >= 400)
		atomic_fetch_add(&responses_4xx, 1);
	else
		atomic_fetch_add(&responses_2xx, 1);
}

size_t metrics_text(char *buf, size_t len)
{
	long long workers, busy, queued, expired;
	workers_stats(&workers, &busy, &queued, &expired);
	int n =
	    snprintf(buf, len,
	             "# TYPE ogi_http_requests_total counter\n"
	             "ogi_http_requests_total %lld\n"
	             "ogi_http_responses_total{class=\"2xx\"} %lld\n"
	             "ogi_http_responses_total{class=\"4xx\"} %lld\n"
	             "ogi_http_responses_total{class=\"5xx\"} %lld\n"
	             "# TYPE ogi_http_request_seconds_total counter\n"
	             "ogi_http_request_seconds_total %.6f\n"
	             "# TYPE ogi_http_connections_open gauge\n"
	             "ogi_http_connections_open %lld\n"
	             "# TYPE ogi_http_connections_cut_total counter\n"
	             "ogi_http_connections_cut_total %lld\n"
	             "# TYPE ogi_http_overloaded_total counter\n"
	             "ogi_http_overloaded_total{why=\"connections\"} %lld\n"
	             "ogi_http_overloaded_total{why=\"queue_wait\"} %lld\n"
	             "# TYPE ogi_workers gauge\n"
	             "ogi_workers %lld\n"
	             "# TYPE ogi_workers_busy gauge\n"
	             "ogi_workers_busy %lld\n"
	             "# TYPE ogi_requests_queued gauge\n"
	             "ogi_requests_queued %lld\n",
	             (long long)requests_total, (long long)responses_2xx, (long long)responses_4xx,
	             (long long)responses_5xx, (double)micros_total / 1e6, guard_open_connections(),
	             guard_cut_total(), guard_over_total(), expired, workers, busy, queued);
	size_t used = n < 0 ? 0 : (size_t)n >= len ? len - 1 : (size_t)n;
	used += replica_metrics_text(buf + used, len - used);
	return used + remind_metrics_text(buf + used, len - used);
}
