/* /healthz (the process is up), /readyz (the database answers and the
 * schema is current), /metrics (Prometheus text), the OpenAPI document. */
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "embedded.h"
#include "handlers.h"
#include "migrate.h"

extern const struct ogi_embedded_file ogi_api_files[];

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

enum MHD_Result h_healthz(struct ctx *c)
{
	return reply_json(c, 200, json_pack("{s:s}", "status", "ok"));
}

enum MHD_Result h_readyz(struct ctx *c)
{
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	if (ogi_db_exec(db, "ping", 0, NULL, NULL) < 0)
		return reply_db_error(c, db);
	if (!ogi_schema_current(db))
		return reply_problem(c, OGI_E_SCHEMA_NOT_CURRENT, "run ogictl migrate");
	return reply_json(c, 200, json_pack("{s:s}", "status", "ready"));
}

enum MHD_Result h_metrics(struct ctx *c)
{
	char buf[1024];
	int n = snprintf(buf, sizeof buf,
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
			 "ogi_http_connections_cut_total %lld\n",
			 (long long)requests_total, (long long)responses_2xx,
			 (long long)responses_4xx, (long long)responses_5xx,
			 (double)micros_total / 1e6, guard_open_connections(), guard_cut_total());
	return reply_bytes(c, 200, "text/plain; version=0.0.4", buf, (size_t)n, NULL);
}

enum MHD_Result h_openapi(struct ctx *c)
{
	for (const struct ogi_embedded_file *f = ogi_api_files; f->name; f++)
		if (strcmp(f->name, "openapi.yaml") == 0)
			return reply_bytes(c, 200, "application/yaml; charset=utf-8", f->data,
					   f->len, "public, max-age=300");
	return reply_problem(c, OGI_E_NOT_FOUND, NULL);
}
