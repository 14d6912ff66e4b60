/* GET /healthz: the process is up (no database involved). */
#include "daemon/core/reply.h"
#include "daemon/ep/ep.h"

enum MHD_Result h_healthz(struct ctx *c)
{
	return reply_json(c, 200, json_pack("{s:s}", "status", "ok"));
}
