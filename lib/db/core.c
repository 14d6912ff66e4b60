/* Statements of the core area: health, bodies, users, roles. */
#include "lib/db/db.h"

/* Whether an admin of the bodies ROOTS (a bigint[] parameter) may manage the user USER: when
 * every role the user holds lies in those bodies or their subtrees — one role elsewhere and
 * the user is not the admin's, or a street admin could grant itself a role on the district
 * admin's account and then reset its password.  A user with no role at all only an admin of
 * a top-level body may manage (no smaller office can claim it). */
#define MANAGEABLE(USER, ROOTS)                                                                   \
	"(NOT EXISTS (SELECT 1 FROM user_roles m JOIN bodies mb ON mb.id = m.body_id "            \
	"             WHERE m.user_id = " USER " AND NOT (mb.path && " ROOTS "::bigint[])) "      \
	" AND (EXISTS (SELECT 1 FROM user_roles m WHERE m.user_id = " USER ") "                   \
	"      OR EXISTS (SELECT 1 FROM bodies t WHERE t.id = ANY(" ROOTS "::bigint[]) "           \
	"                 AND t.parent_id IS NULL)))"

const struct ogi_statement ogi_db_statements_core[] = {
	{"ping", "SELECT 1"},
	{"bodies_all", "SELECT id, parent_id, name, code, path::text FROM bodies ORDER BY path"},
	{"body_path", "SELECT path::text, name FROM bodies WHERE id = $1::bigint"},
	{"body_insert",
	 "INSERT INTO bodies (parent_id, name, code) VALUES ($1::bigint, $2, $3) "
	 "RETURNING id, parent_id, name, code, path::text"},
	{"body_count", "SELECT count(*) FROM bodies"},
	{"user_count", "SELECT count(*) FROM users"},
	{"user_insert",
	 "INSERT INTO users (username, display_name, password_hash) VALUES ($1, $2, $3) "
	 "ON CONFLICT (username) DO NOTHING RETURNING id"},
	{"user_by_name", "SELECT id, password_hash, active FROM users WHERE username = $1"},
	{"user_set_password", "UPDATE users SET password_hash = $2 WHERE id = $1::bigint"},
	{"role_insert",
	 "INSERT INTO user_roles (user_id, body_id, role) VALUES ($1::bigint, $2::bigint, $3) "
	 "ON CONFLICT DO NOTHING"},
	/* the users holding a role in the bodies $1 (where the caller is admin) or their subtrees,
	   with the users holding none when one of $1 is top-level, and the caller $2; each with
	   whether the caller may manage it (user_manageable) */
	{"users_visible",
	 "SELECT u.id, u.username, u.display_name, u.active, "
	 "       coalesce(json_agg(json_build_object('body_id', r.body_id, 'role', r.role) "
	 "                ORDER BY r.body_id, r.role) FILTER (WHERE r.user_id IS NOT NULL), '[]'), "
	 "       u.id = $2::bigint OR " MANAGEABLE("u.id", "$1") " "
	 "FROM users u LEFT JOIN user_roles r ON r.user_id = u.id "
	 "WHERE u.id = $2::bigint OR EXISTS (SELECT 1 FROM user_roles r2 JOIN bodies b ON b.id = r2.body_id "
	 "              WHERE r2.user_id = u.id AND b.path && $1::bigint[]) "
	 "   OR (NOT EXISTS (SELECT 1 FROM user_roles r3 WHERE r3.user_id = u.id) "
	 "       AND EXISTS (SELECT 1 FROM bodies t WHERE t.id = ANY($1::bigint[]) AND t.parent_id IS NULL)) "
	 "GROUP BY u.id ORDER BY u.id"},
	/* account upkeep (daemon/h_users.c): the user row is locked first, then user_manageable
	   runs as a statement of its own, so its snapshot sees every role committed by whoever
	   held the lock before (a concurrent grant cannot slip between check and change) */
	{"user_lock",
	 "SELECT id, username, display_name, active FROM users WHERE id = $1::bigint FOR UPDATE"},
	/* whether the caller $3, admin of the bodies $2, may manage user $1: itself, or a user
	   every role of whom lies in $2's subtrees */
	{"user_manageable", "SELECT $1::bigint = $3::bigint OR " MANAGEABLE("$1::bigint", "$2")},
	{"user_update",
	 "UPDATE users SET display_name = coalesce($2, display_name), "
	 "  active = coalesce($3::bool, active), password_hash = coalesce($4, password_hash) "
	 "WHERE id = $1::bigint RETURNING id, username, display_name, active"},
	{"user_password_hash", "SELECT password_hash FROM users WHERE id = $1::bigint AND active"},
	{"admins_lock", "SELECT pg_advisory_xact_lock(7243001)"},
	/* active admins of top-level bodies left once user $1 loses every role ($2 NULL) or
	   the one role ($2, $3) */
	{"admins_remaining",
	 "SELECT count(DISTINCT u.id) FROM users u JOIN user_roles r ON r.user_id = u.id "
	 "JOIN bodies b ON b.id = r.body_id "
	 "WHERE r.role = 'admin' AND b.parent_id IS NULL AND u.active "
	 "  AND NOT (u.id = $1::bigint AND ($2::bigint IS NULL OR (r.body_id = $2::bigint "
	 "           AND r.role = $3)))"},
	{"role_delete",
	 "DELETE FROM user_roles WHERE user_id = $1::bigint AND body_id = $2::bigint AND role = $3"},
	{"sessions_end_user",
	 "UPDATE sessions SET ended_at = now() WHERE user_id = $1::bigint AND ended_at IS NULL "
	 "AND id IS DISTINCT FROM $2::bigint"},
	{NULL, NULL},
};
