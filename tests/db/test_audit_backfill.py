"""Migration 0009 (audit-body) on a database holding audit rows written before
it: each row gets the body it belongs to (a body's and a report's own, a
role's, the deepest body above a user's roles; none for the calendar or what
cannot be traced), inside the append-only table, whose trigger is enabled
again afterwards."""
import os
import subprocess
import unittest

from ogitest import conninfo, create_database, drop_database, ogictl, psql, skip_without_cluster

MIGRATIONS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "migrations")


class AuditBackfill(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        skip_without_cluster(cls)

    def setUp(self):
        self.db = create_database("auditbf")

    def tearDown(self):
        drop_database(self.db)

    def test_rows_written_before_get_their_body(self):
        # the schema as it was before 0009, applied the way ogictl applies a file: one transaction
        for name in sorted(os.listdir(MIGRATIONS)):
            if name.endswith(".sql") and name < "0009":
                r = subprocess.run(["psql", "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", "-d", conninfo(self.db),
                                    "-f", os.path.join(MIGRATIONS, name)], capture_output=True, text=True)
                self.assertEqual(r.returncode, 0, (name, r.stderr))
        psql("INSERT INTO bodies (id, parent_id, name) VALUES (1, NULL, '区'), (2, 1, '甲街道'), (3, 1, '乙街道'), "
             "(4, 2, '甲街道某社区');"
             "INSERT INTO users (id, username) VALUES (10, 'a_clerk'), (11, 'both'), (12, 'nobody'), (13, 'deep');"
             "INSERT INTO user_roles VALUES (10, 2, 'clerk'), (11, 2, 'clerk'), (11, 3, 'handler'), "
             "(13, 4, 'clerk'), (13, 2, 'admin');"
             "INSERT INTO audit_log (actor, entity, entity_id, action, old_value, new_value) VALUES "
             "('ogictl', 'body', '3', 'create', NULL, NULL),"
             "('admin', 'user', '10', 'create', NULL, '{\"username\": \"a_clerk\"}'),"
             "('admin', 'user', '11', 'create', NULL, '{\"username\": \"both\"}'),"
             "('admin', 'user', '12', 'update', NULL, '{\"active\": false}'),"
             "('admin', 'user', '13', 'update', NULL, '{\"display_name\": \"x\"}'),"
             "('admin', 'role', '11', 'grant', NULL, '{\"body_id\": 3, \"role\": \"handler\"}'),"
             "('admin', 'role', '12', 'revoke', '{\"body_id\": 2, \"role\": \"clerk\"}', NULL),"
             "('admin', 'report', '2', 'inputs 2024', NULL, '{}'),"
             "('admin', 'calendar', '2025', 'edit day', NULL, '{}'),"
             "('admin', 'reconsideration', '99', 'create', NULL, '{}'),"
             "('admin', 'user', 'x', 'update', NULL, NULL)", self.db)
        out = ogictl(self.db, "migrate").stdout
        self.assertIn("applied 0009-audit-body.sql", out)
        rows = psql("SELECT entity || ' ' || entity_id || ' ' || coalesce(body_id::text, '-') FROM audit_log "
                    "ORDER BY id", self.db).splitlines()
        self.assertEqual(rows, [
            "body 3 3",
            "user 10 2",        # a clerk of 甲街道
            "user 11 1",        # roles on 甲 and 乙: their common ancestor, the district
            "user 12 -",        # no roles left
            "user 13 2",        # 甲街道 and a community below it
            "role 11 3",        # the body of the role granted
            "role 12 2",        # … or revoked
            "report 2 2",
            "calendar 2025 -",  # the calendar belongs to no body
            "reconsideration 99 -",  # no such record: nothing to trace
            "user x -",
        ])
        # append-only again: the trigger is enabled and refuses the owner too
        self.assertEqual(psql("SELECT tgenabled FROM pg_trigger WHERE tgname = 'audit_log_append_only'", self.db), "O")
        r = subprocess.run(["psql", "-X", "-d", conninfo(self.db), "-c", "UPDATE audit_log SET body_id = 1"],
                           capture_output=True, text=True)
        self.assertIn("history is append-only", r.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
