/* /healthz (the process is up), /readyz (the database answers and the
 * schema is current), /metrics (Prometheus text), the OpenAPI document. */
#include <stdio.h>
#include <string.h>

#include "lib/embedded.h"
#include "daemon/ep/ep.h"
#include "lib/db/migrate.h"

extern const struct ogi_embedded_file ogi_api_files[];

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
	size_t n = metrics_text(buf, sizeof buf);
	return reply_bytes(c, 200, "text/plain; version=0.0.4", buf, n, NULL);
}

enum MHD_Result h_openapi(struct ctx *c)
{
	for (const struct ogi_embedded_file *f = ogi_api_files; f->name; f++)
		if (strcmp(f->name, "openapi.yaml") == 0)
			return reply_bytes(c, 200, "application/yaml; charset=utf-8", f->data,
					   f->len, "public, max-age=300");
	return reply_problem(c, OGI_E_NOT_FOUND, NULL);
}
