/* Which statements may run on a cached generic plan (lib/db/pq.h, struct
 * ogi_statement): the hot lookups by key do, and no statement whose best
 * plan depends on its parameters ever does, marked or not.  No database:
 * the statement tables are read as compiled. */
#include "lib/db/db.h"
#include "tests/unit/check.h"

int main(void)
{
	static const struct {
		const char *sql;
		bool dependent;
		const char *why;
	} cases[] = {
	    {"SELECT 1 FROM requests WHERE id = $1::bigint", false, "a lookup by key"},
	    {"SELECT 1 FROM r WHERE ($2::bigint IS NULL OR r.unit = $2)", true,
	     "an optional filter: NULL means none"},
	    {"SELECT 1 FROM r WHERE ($1::bigint[] IS NULL OR id = ANY ($1))", true,
	     "an optional filter on an array"},
	    {"SELECT 1 FROM r WHERE ($12::text IS NULL OR r.q = $12)", true, "two digits"},
	    {"SELECT 1 FROM r WHERE ($3 IS NULL OR r.x = $3)", true, "without a cast"},
	    {"SELECT 1 FROM r WHERE r.closed_on IS NULL OR r.closed_on > $1::date", false,
	     "a column tested for NULL, not a parameter"},
	    {"SELECT 1 FROM s WHERE s.answered_on IS NULL ORDER BY s.id", false,
	     "IS NULL followed by ORDER is no OR"},
	    {"SELECT 1 FROM r WHERE ($2::bigint IS NULL ORDER", false, "ORDER after a parameter"},
	    {"SELECT 1 FROM r WHERE r.body_id = ANY (CASE WHEN $2::bool THEN a ELSE b END)", true,
	     "a branch the parameter chooses: the subtree or one body"},
	    {"UPDATE t SET x = CASE WHEN $4::bool THEN now() ELSE x END WHERE id = $1", true,
	     "any CASE WHEN $n counts (safe side)"},
	    {"SELECT $1::text", false, "a parameter alone"},
	    {"SELECT 1 WHERE cost > $", false, "a lone dollar"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		CHECK(ogi_db_sql_param_dependent(cases[i].sql) == cases[i].dependent, "%s: %s",
		      cases[i].why, cases[i].sql);

	const char *refused = "unset";
	size_t n = ogi_db_generic_statements(&refused);
	CHECK(refused == NULL,
	      "statement %s is marked generic but its plan depends on its parameters",
	      refused ? refused : "");
	CHECK(n >= 8, "the hot lookups are generic: %zu", n);
	/* the path of every authenticated request and of a request's page */
	static const char *const hot[] = {"session_lookup", "token_lookup", "session_touch",
	                                  "token_touch",    "request_get",  "request_lock",
	                                  "body_path",      "events_of"};
	for (size_t i = 0; i < sizeof hot / sizeof hot[0]; i++)
		CHECK(ogi_db_statement_generic(hot[i]), "%s runs generic", hot[i]);
	/* the lists and the queue keep their custom plans */
	static const char *const lists[] = {"requests_list", "queue_light", "queue_closed_light"};
	for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
		CHECK(!ogi_db_statement_generic(lists[i]), "%s is planned each time", lists[i]);
	CHECK(!ogi_db_statement_generic("no_such_statement"), "an unknown name");
	return check_done("db_plans");
}
