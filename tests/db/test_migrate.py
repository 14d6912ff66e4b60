"""ogictl migrate and status against real PostgreSQL: applies in order, is a
no-op when current, stops at the first failure naming the file and the
server's message."""
import unittest

from ogitest import (calendar_exceptions, create_database, drop_database, ogictl, plausible_2027, psql,
                     skip_without_cluster)


class Migrate(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        skip_without_cluster(cls)

    def setUp(self):
        self.db = create_database("mig")

    def tearDown(self):
        drop_database(self.db)

    def test_apply_then_noop(self):
        out = ogictl(self.db, "status").stdout
        self.assertIn("pending  0001-base.sql", out)
        out = ogictl(self.db, "migrate").stdout
        self.assertIn("applied 0001-base.sql", out)
        versions = psql("SELECT string_agg(version::text, ',' ORDER BY version) FROM schema_migrations", self.db)
        self.assertTrue(versions.startswith("1"), versions)
        out = ogictl(self.db, "migrate").stdout
        self.assertIn("nothing to apply", out)
        out = ogictl(self.db, "status").stdout
        self.assertNotIn("pending ", out)
        self.assertIn("0 pending", out)

    def test_database_without_jit(self):
        # migration 0025: a new connection to the migrated database runs without JIT (its
        # compilation cost seconds on the work queue's and the reports' queries at scale)
        ogictl(self.db, "migrate")
        self.assertEqual(psql("SHOW jit", self.db), "off")
        self.assertEqual(psql("SHOW jit", "postgres"), "on")

    def test_failure_names_file_and_message(self):
        psql("CREATE TABLE bodies (id int)", self.db)
        r = ogictl(self.db, "migrate", check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("0001-base.sql", r.stderr)
        self.assertIn('relation "bodies" already exists', r.stderr)
        # nothing of the failed file remains
        self.assertEqual(psql("SELECT to_regclass('users') IS NULL", self.db), "t")

    def test_commands_refuse_old_schema(self):
        r = ogictl(self.db, "body", "add", "x", check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("ogictl migrate", r.stderr)

    def test_usage_error_exit_2(self):
        r = ogictl(self.db, "frobnicate", check=False)
        self.assertEqual(r.returncode, 2)


if __name__ == "__main__":
    unittest.main(verbosity=2)


class CalendarCommands(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        skip_without_cluster(cls)

    def setUp(self):
        self.db = create_database("calcli")
        ogictl(self.db, "migrate")

    def tearDown(self):
        drop_database(self.db)

    def test_show_and_import(self):
        out = ogictl(self.db, "calendar", "show", "2020").stdout
        self.assertIn("国办发明电〔2020〕1号", out)
        self.assertIn("2020-01-31  休", out)  # the 2020 Spring Festival extension
        self.assertNotIn("2020-02-01", out)  # no longer a working Saturday
        import json, tempfile
        year = plausible_2027()  # 2027-02-20 among its make-up working days
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump(year, f)
        out = ogictl(self.db, "calendar", "import", f.name).stdout
        self.assertEqual(len(calendar_exceptions(year)), 23)  # 18 weekdays off, 5 weekend days worked
        self.assertIn("imported 23 exceptions for 2027", out)
        out = ogictl(self.db, "calendar", "show", "2027").stdout
        self.assertIn("2027-02-20  班", out)
        with open(f.name, "w") as g:
            g.write('{"year": 2028, "days": [{"name": "x", "date": "2028-02-30", "isOffDay": true}]}')
        r = ogictl(self.db, "calendar", "import", f.name, check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("days[0].date", r.stderr)
        self.assertIn("not loaded", ogictl(self.db, "calendar", "show", "2028").stdout)
        # well-formed but no year's arrangement: refused by the same rule as the API's import
        with open(f.name, "w") as g:
            g.write('{"year": 2028, "days": []}')
        r = ogictl(self.db, "calendar", "import", f.name, check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("Spring Festival", r.stderr)
        self.assertIn("not loaded", ogictl(self.db, "calendar", "show", "2028").stdout)
        self.assertEqual(ogictl(self.db, "calendar", "show", "1900", check=False).returncode, 1)
