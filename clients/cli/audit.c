/* ogictl audit [--entity E] [--since DATE] [--limit N]: the audit log,
 * newest first, as a table of tab-separated columns (the operator reads
 * every body's rows; GET /api/v1/audit is the scoped way to read it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clients/cli/ctl.h"
#include "lib/date.h"
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
	ogi_date day;
	char since_text[OGI_DATE_STRLEN];
	if (since != NULL) {
		if (!ogi_date_parse(since, &day))
			return ctl_fail("--since must be a date (YYYY-MM-DD)");
		since = ogi_date_format(day, since_text);
	}
	char *end;
	long limit = strtol(limit_text, &end, 10);
	if (*end != '\0' || limit < 1 || limit > AUDIT_CTL_LIMIT_MAX)
		return ctl_fail("--limit must be between 1 and %d", AUDIT_CTL_LIMIT_MAX);
	char limit_param[16];
	snprintf(limit_param, sizeof limit_param, "%ld", limit);
	/* no scope ($1 NULL): every body's rows */
	const char *p[] = {NULL, entity, NULL, NULL, since, NULL, NULL, limit_param};
	PGresult *res;
	int n = ogi_db_exec(ctl->db, "audit_list", 8, p, &res);
	if (n < 0)
		return ctl_fail("cannot read the audit log: %s", ctl->db->message);
	printf("id\tat\tactor\tentity\tentity_id\tbody\taction\told → new\n");
	for (int i = 0; i < n; i++) {
		char at[20];
		snprintf(at, sizeof at, "%s", ogi_db_str(res, i, 1)); /* to the second */
		at[10] = ' ';
		const char *body = ogi_db_str(res, i, 7), *old_v = ogi_db_str(res, i, 9),
			   *new_v = ogi_db_str(res, i, 10);
		printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s → %s\n", ogi_db_str(res, i, 0), at,
		       ogi_db_str(res, i, 3), ogi_db_str(res, i, 4), ogi_db_str(res, i, 5),
		       body ? body : "-", ogi_db_str(res, i, 8), old_v ? old_v : "-",
		       new_v ? new_v : "-");
	}
	PQclear(res);
	return 0;
}
