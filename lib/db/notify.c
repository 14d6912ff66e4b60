/* LISTEN/NOTIFY (see notify.h). */
#include "lib/db/notify.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>

#include "lib/db/pq.h"

static int broken(struct ogi_db *db, const char *why)
{
	snprintf(db->sqlstate, sizeof db->sqlstate, "08006");
	snprintf(db->message, sizeof db->message, "%s", why);
	db->message[strcspn(db->message, "\n")] = '\0'; /* libpq's messages end in one */
	return OGI_DB_HARD;
}

int ogi_db_listen(struct ogi_db *db, const char *channel)
{
	if (!ogi_db_ok(db))
		return broken(db, "no connection");
	char *quoted = PQescapeIdentifier(db->conn, channel, strlen(channel));
	if (quoted == NULL)
		return broken(db, PQerrorMessage(db->conn));
	char sql[128];
	int len = snprintf(sql, sizeof sql, "LISTEN %s", quoted);
	PQfreemem(quoted);
	if (len < 0 || (size_t)len >= sizeof sql)
		return broken(db, "channel name too long");
	int n = ogi_db_sql(db, sql);
	return n < 0 ? n : 0;
}

int ogi_db_wait_notify(struct ogi_db *db, int timeout_ms)
{
	if (!ogi_db_ok(db))
		return broken(db, "no connection");
	struct pollfd pfd = {.fd = PQsocket(db->conn), .events = POLLIN};
	if (pfd.fd < 0)
		return broken(db, "no socket");
	int r = poll(&pfd, 1, timeout_ms);
	if (r < 0 && errno != EINTR)
		return broken(db, strerror(errno));
	if (r <= 0)
		return 0;
	/* readable: what the server sent (a notification, or the end of the session) */
	if (!PQconsumeInput(db->conn))
		return broken(db, PQerrorMessage(db->conn));
	int count = 0;
	PGnotify *n;
	while ((n = PQnotifies(db->conn)) != NULL) {
		count++;
		PQfreemem(n);
	}
	return count;
}
