/* Statements of sessions, API tokens and login throttling. */
#include "lib/db/db.h"

const struct ogi_statement ogi_db_statements_auth[] = {
	{"session_lookup",
	 "SELECT s.id, u.id, u.username, "
	 "       s.last_seen < now() - make_interval(secs => least(60, $2::int / 2)), "
	 "       r.body_id, r.role, b.parent_id IS NULL "
	 "FROM sessions s JOIN users u ON u.id = s.user_id AND u.active "
	 "LEFT JOIN user_roles r ON r.user_id = u.id LEFT JOIN bodies b ON b.id = r.body_id "
	 "WHERE s.token_hash = $1::bytea AND s.ended_at IS NULL "
	 "  AND s.last_seen > now() - make_interval(secs => $2::int)"},
	{"session_touch", "UPDATE sessions SET last_seen = now() WHERE id = $1::bigint"},
	{"session_insert",
	 "INSERT INTO sessions (token_hash, user_id) VALUES ($1::bytea, $2::bigint) RETURNING id"},
	{"session_end", "UPDATE sessions SET ended_at = now() WHERE id = $1::bigint AND ended_at IS NULL"},
	{"session_end_by_hash",
	 "UPDATE sessions SET ended_at = now() WHERE token_hash = $1::bytea AND ended_at IS NULL"},
	{"token_lookup",
	 "SELECT t.id, u.id, u.username, coalesce(t.last_used < now() - interval '60 seconds', true), "
	 "       r.body_id, r.role, b.parent_id IS NULL "
	 "FROM api_tokens t JOIN users u ON u.id = t.user_id AND u.active "
	 "LEFT JOIN user_roles r ON r.user_id = u.id LEFT JOIN bodies b ON b.id = r.body_id "
	 "WHERE t.token_hash = $1::bytea AND t.revoked_at IS NULL"},
	{"token_touch", "UPDATE api_tokens SET last_used = now() WHERE id = $1::bigint"},
	{"token_insert",
	 "INSERT INTO api_tokens (token_hash, user_id, label) VALUES ($1::bytea, $2::bigint, $3) "
	 "RETURNING id, created_at"},
	{"token_list",
	 "SELECT id, label, created_at, last_used, revoked_at FROM api_tokens "
	 "WHERE user_id = $1::bigint ORDER BY id"},
	/* token $1 of user $2, once daemon/h_session.c has checked the caller may revoke it */
	{"token_revoke",
	 "UPDATE api_tokens SET revoked_at = now() "
	 "WHERE id = $1::bigint AND user_id = $2::bigint AND revoked_at IS NULL "
	 "RETURNING label, revoked_at"},
	{"token_owner", "SELECT user_id FROM api_tokens WHERE id = $1::bigint"},
	/* the recent failures for username $1 that count against a login from address $2 (all,
	   or only $2's own when the user logged in from $2 within 90 days), and from $2 */
	{"login_failures_recent",
	 "SELECT (SELECT count(*) FROM login_failures f WHERE f.username = $1 "
	 "          AND f.at > now() - interval '15 minutes' "
	 "          AND (f.address = $2 OR NOT EXISTS (SELECT 1 FROM login_known k "
	 "               WHERE k.username = $1 AND k.address = $2 "
	 "                 AND k.last_ok > now() - interval '90 days'))), "
	 "       (SELECT count(*) FROM login_failures WHERE address = $2 "
	 "          AND at > now() - interval '15 minutes')"},
	{"login_known_touch",
	 "INSERT INTO login_known (username, address) VALUES ($1, $2) "
	 "ON CONFLICT (username, address) DO UPDATE SET last_ok = now()"},
	{"login_failure_insert", "INSERT INTO login_failures (username, address) VALUES ($1, $2)"},
	{"login_failures_clear", "DELETE FROM login_failures WHERE username = $1"},
	{NULL, NULL},
};
