/* GET /api/v1/openapi.yaml: the API's OpenAPI document, compiled in. */
#include <string.h>

#include "daemon/core/reply.h"
#include "daemon/ep/ep.h"
#include "lib/embedded.h"

extern const struct ogi_embedded_file ogi_api_files[];

enum MHD_Result h_openapi(struct ctx *c)
{
	for (const struct ogi_embedded_file *f = ogi_api_files; f->name; f++)
		if (strcmp(f->name, "openapi.yaml") == 0)
			return reply_bytes(c, 200, "application/yaml; charset=utf-8", f->data,
			                   f->len, "public, max-age=300");
	return reply_problem(c, OGI_E_NOT_FOUND, NULL);
}
