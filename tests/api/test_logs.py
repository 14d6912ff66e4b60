"""No identity number and no phone number in any log of the test run.

Runs last (meson priority -1000, is_parallel : false): by then every test
has written its ogid logs into build/test-logs/ and the test cluster its
PostgreSQL log (build/test-logs/postgresql.log, a link to the live log
while the run goes on).  The numbers looked for are every 居民身份证 number,
统一社会信用代码 and mobile phone number written in the tests' sources, which
the tests send through intake, searches, paths and bad input; this test
sends a few more itself, in the places most likely to leak, before it
reads the logs."""
import os
import re
import unittest

from ogitest import LOG_DIR, SOURCE, Ogid, create_database, drop_database, ogictl, skip_without_cluster

RESIDENT_ID = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{16}[\dXx](?![0-9A-Za-z])")
USCC = re.compile(r"(?<![0-9A-Z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Z])")
PHONE = re.compile(r"(?<![0-9])1[3-9]\d{9}(?![0-9])")


def numbers_in_test_sources():
    found = set()
    for top in ("tests", "clients/web"):
        for root, dirs, files in os.walk(os.path.join(SOURCE, top)):
            dirs[:] = [d for d in dirs if d not in ("node_modules", "corpus", "regressions")]
            for name in files:
                if not name.endswith((".py", ".mjs", ".js", ".c", ".h", ".json")):
                    continue
                with open(os.path.join(root, name), encoding="utf-8", errors="replace") as f:
                    text = f.read()
                for pattern in (RESIDENT_ID, USCC, PHONE):
                    found.update(m.group(0).upper() for m in pattern.finditer(text))
    return found


def masked(number):
    return number[:3] + "…" + number[-2:]


class NoPersonalDataInLogs(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        skip_without_cluster(cls)

    def provoke(self):
        """Personal data where a careless daemon would log it: in intake, in a search,
        in a path, in refused input."""
        db = create_database("logs")
        try:
            ogictl(db, "migrate")
            o = Ogid(db, env={"OGI_TODAY": "2025-06-20"})
            o.start()
            try:
                c = o.admin()
                applicant = {"kind": "natural_person", "name": "赵六", "id_type": "resident_id_card",
                             "id_number": "11010519491231002X", "phone": "13900001111"}
                body = {"body_id": 1, "channel": "in_person", "received_on": "2025-03-03", "applicant": applicant,
                        "description": "日志测试", "form": {"medium": "paper", "delivery": "pickup"}}
                self.assertEqual(c.post("/api/v1/requests", body).status, 201)
                self.assertEqual(c.get("/api/v1/requests?q=13900001111").status, 200)
                self.assertEqual(c.get("/api/v1/requests/11010519491231002X").status, 404)
                self.assertEqual(c.get("/api/v1/requests/13900001111").status, 404)
                bad = dict(body, applicant=dict(applicant, id_number="110105194912310021", phone="13900001111x"))
                self.assertEqual(c.post("/api/v1/requests", bad).status, 400)
            finally:
                o.stop()
        finally:
            drop_database(db)

    def test_no_identity_or_phone_numbers_in_logs(self):
        self.provoke()
        numbers = numbers_in_test_sources()
        self.assertIn("11010519491231002X", numbers)
        self.assertIn("13900001111", numbers)
        self.assertGreaterEqual(len(numbers), 10, "too few numbers found in the tests' sources")
        paths = set()
        for root, _dirs, files in os.walk(LOG_DIR):
            for name in files:
                paths.add(os.path.realpath(os.path.join(root, name)))
        if os.environ.get("OGI_TEST_PGLOG"):
            paths.add(os.path.realpath(os.environ["OGI_TEST_PGLOG"]))
        names = {os.path.basename(p) for p in paths}
        self.assertIn("postgresql.log", names, "the test cluster's log is not readable")
        self.assertTrue(any(n.startswith("ogid-") for n in names), "no ogid log in " + LOG_DIR)
        leaks = []
        read = 0
        for path in sorted(paths):
            with open(path, "rb") as f:
                data = f.read().upper()
            read += len(data)
            for number in numbers:
                if number.encode() in data:
                    leaks.append(f"{masked(number)} in {path}")
        print(f"logs: {len(numbers)} identity and phone numbers looked for in {len(paths)} files "
              f"({read // 1024} KiB)", flush=True)
        self.assertEqual(leaks, [])


if __name__ == "__main__":
    unittest.main(verbosity=2)
