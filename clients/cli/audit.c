/* ogictl audit [--entity E] [--since DATE] [--limit N]: the audit log,
 * newest first, as a table of tab-separated columns (the operator reads
 * every body's rows; GET /api/v1/audit is the scoped way to read it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clients/cli/ctl.h"
#include "lib/date.h"
#include "lib/db/audit.h"
#include "lib/domain.h"

#define AUDIT_CTL_LIMIT_MAX 100000

int cmd_audit(struct ctl *ctl, int argc, char **argv)
{
	const char *entity = NULL, *since = NULL, *limit_text = "50";
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--entity") == 0 && i + 1 < argc)
			entity = argv[++i];
		else if (strcmp(argv[i], "--since") == 0 && i + 1 < argc)
			since = argv[++i];
		else if (strcmp(argv[i], "--limit") == 0 && i + 1 < argc)
			limit_text = argv[++i];
		else
			return ctl_usage();
	}
	if (entity != NULL && ogi_enum_parse(ogi_audit_entity_names, entity) < 0)
		return ctl_fail("--entity must be one of body, calendar, litigation, "
		                "litigation_instance, reconsideration, report, role, user");
	ogi_date since_day = OGI_DATE_NONE;
	if (since != NULL && !ogi_date_parse(since, &since_day))
		return ctl_fail("--since must be a date (YYYY-MM-DD)");
	char *end;
	long limit = strtol(limit_text, &end, 10);
	if (*end != '\0' || limit < 1 || limit > AUDIT_CTL_LIMIT_MAX)
		return ctl_fail("--limit must be between 1 and %d", AUDIT_CTL_LIMIT_MAX);
	/* no scope: every body's rows */
	struct ogi_audit_query q = {
	    .all = true, .entity = entity, .from = since_day, .to = OGI_DATE_NONE, .limit = limit};
	struct ogi_audit_list rows;
	if (ogi_db_audit_list(ctl->db, &q, &rows) != 0)
		return ctl_fail("cannot read the audit log: %s", ogi_db_message(ctl->db));
	printf("id\tat\tactor\tentity\tentity_id\tbody\taction\told → new\n");
	for (size_t i = 0; i < rows.n; i++) {
		const struct ogi_audit_entry *e = &rows.e[i];
		/* at in RFC 3339, as the API gives it */
		printf("%lld\t%s\t%s\t%s\t%s\t%s\t%s\t%s → %s\n", e->id, e->at, e->actor, e->entity,
		       e->entity_id, e->body_name ? e->body_name : "-", e->action,
		       e->old_value ? e->old_value : "-", e->new_value ? e->new_value : "-");
	}
	ogi_audit_list_free(&rows);
	return 0;
}
