/* GET /metrics: the request counters in Prometheus's text format. */
#include "daemon/core/metrics.h"
#include "daemon/core/reply.h"
#include "daemon/ep/ep.h"

enum MHD_Result h_metrics(struct ctx *c)
{
	char buf[8192];
	size_t n = metrics_text(buf, sizeof buf);
	return reply_bytes(c, 200, "text/plain; version=0.0.4", buf, n, NULL);
}
