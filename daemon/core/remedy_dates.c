/* Transitional (see remedy_dates.h): the remedy records' statements, run
 * for h_remedies.c's remedy_dates_json. */
#include "daemon/core/remedy_dates.h"

#include <stdio.h>
#include <stdlib.h>

/* Runs the three statements with param and hands their rows to remedy_dates_json. */
static int dates_of(struct ogi_db *db, const struct ogi_calendar *cal, const char *const names[3],
                    const char *param, long long request_id, json_t *subdeadlines, json_t *steps)
{
	const char *p[] = {param};
	PGresult *res[3] = {NULL, NULL, NULL};
	int rc = 0;
	for (int i = 0; i < 3 && rc >= 0; i++)
		rc = ogi_db_exec(db, names[i], 1, p, &res[i]);
	if (rc >= 0)
		remedy_dates_json(cal, res[0], res[1], res[2], request_id, subdeadlines, steps);
	for (int i = 0; i < 3; i++)
		PQclear(res[i]);
	return rc < 0 ? rc : 0;
}

int remedy_dates_of_request(struct ogi_db *db, const struct ogi_calendar *cal, long long id,
                            json_t *subdeadlines, json_t *steps)
{
	static const char *const names[3] = {"rc_of", "lit_of", "inst_of_request"};
	char text[24];
	snprintf(text, sizeof text, "%lld", id);
	return dates_of(db, cal, names, text, id, subdeadlines, steps);
}

int remedy_dates_of_requests(struct ogi_db *db, const struct ogi_calendar *cal,
                             const long long *ids, size_t n, json_t *dates)
{
	static const char *const names[3] = {"rc_of_requests", "lit_of_requests",
	                                     "inst_of_requests"};
	size_t cap = 24 * n + 3, len = 0;
	char *text = malloc(cap);
	if (text == NULL)
		return OGI_DB_HARD;
	len += (size_t)snprintf(text, cap, "{");
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(text + len, cap - len, "%s%lld", i ? "," : "", ids[i]);
	snprintf(text + len, cap - len, "}");
	int rc = dates_of(db, cal, names, text, 0, dates, NULL);
	free(text);
	return rc;
}
