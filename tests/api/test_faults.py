"""Faults beyond a restart (issue 19, what must work 7), each under a bounded
load of intakes whose clients retry with the same Idempotency-Key
(tests/lib/ogiload.py):

  - the database's disk full: the test database lives in a tablespace on a
    small tmpfs (mounted here; the test says SKIP when mounting is not
    permitted), filled until PostgreSQL cannot extend a file.  Every intake
    then answers 503 database_full (problem+json, Retry-After), reads still
    answer 200; once space is freed intake resumes by itself.
  - a migration applied while ogid runs, made inside the test (no migration
    file): a compatible one (a column added under an exclusive lock held
    18 s, registered as a version this ogid does not know) — requests wait at
    most lock_timeout (15 s) and get 503, then go on with no restart while
    /readyz says schema_not_current (replace this ogid); and an incompatible
    one (a column ogid writes renamed) — 503 schema_incompatible while it
    lasts, served again by itself once the schema is put back.

In each: never a 500, no answer slower than the clients' 30 s timeout, every
acknowledged intake present exactly once, tracking numbers gap-free, no
Idempotency-Key claimed without its answer.  Prints the figures."""
import os
import pwd
import subprocess
import sys
import tempfile
import time
import unittest
import uuid

from ogiload import IntakeLoad, intake_body
from ogitest import Ogid, OgidTestCase, conninfo, drop_database, main, ogictl, psql, skip_without_cluster

REQUEST_TIMEOUT = 30  # the load's clients give up on an answer after this long


def register_clerk(dbname, body_name, user):
    body = int(ogictl(dbname, "body", "add", body_name, "--parent", "1").stdout)
    ogictl(dbname, "user", "add", user, "--role", "clerk", "--body", str(body), "--password-stdin",
           input="a good long password\n")
    return body, ogictl(dbname, "token", "create", user).stdout.strip()


def wait_until(what, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if what():
            return True
        time.sleep(0.05)
    return what()


class FaultCase(OgidTestCase):
    ogid_env = {"OGI_TODAY": "2025-06-20"}

    def check(self, load, name, outage_code):
        problems, figures = load.verify(self.dbname)
        by_code = {k: v for k, v in figures.items() if k.startswith("503 ")}
        print(f"{name}: {figures['acknowledged']} acknowledged, {figures['found']} found, "
              f"{figures['attempts']} attempts, {figures['503']} answered 503 ({by_code}), "
              f"{figures['no_answer']} without an answer, slowest answer {figures['slowest_answer_s']} s; "
              f"acknowledged writes lost {len([p for p in problems if 'not in the database' in p])}, "
              f"problems {len(problems)}", flush=True)
        self.assertEqual(problems, [])
        self.assertEqual(figures["acknowledged"], figures["found"])
        self.assertGreater(figures.get(f"503 {outage_code}", 0), 0, f"no intake met the fault ({outage_code})")
        self.assertEqual(figures["no_answer"], 0, "a request got no answer within the clients' timeout")
        self.assertLess(figures["slowest_answer_s"], REQUEST_TIMEOUT)
        self.assertNotIn("503 not JSON", figures)
        with open(self.ogid.log_path, encoding="utf-8", errors="replace") as f:
            log = f.read()
        # a 500 from a database failure logs "ogid: error: … database: …" (daemon/core/tx.c)
        bugs = [line for line in log.splitlines() if line.startswith("ogid: error:")]
        self.assertEqual(bugs, [], "ogid answered a database failure with a 500")
        return figures


class DiskFull(FaultCase):
    """The test database on a tmpfs of 96 MB: its default tablespace."""

    @classmethod
    def setUpClass(cls):
        skip_without_cluster(cls)
        cls.mount = tempfile.mkdtemp(prefix="ogi-full-")
        os.chmod(cls.mount, 0o755)
        user = os.environ.get("OGI_TEST_PGOSUSER") or "postgres"
        try:
            pw = pwd.getpwnam(user)
        except KeyError:
            pw = None
        opts = "size=96m,mode=0700" + (f",uid={pw.pw_uid},gid={pw.pw_gid}" if pw else "")
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "ogi-full", cls.mount], capture_output=True,
                           text=True)
        if r.returncode != 0:
            os.rmdir(cls.mount)
            print(f"SKIP: cannot mount a tmpfs for the database's disk ({r.stderr.strip() or r.returncode}): "
                  "run as root where mount is permitted", flush=True)
            sys.exit(77)
        cls.space = f"ogi_full_{uuid.uuid4().hex[:8]}"
        cls.dbname = f"ogi_diskfull_{uuid.uuid4().hex[:8]}"
        try:
            psql(f"CREATE TABLESPACE {cls.space} LOCATION '{cls.mount}'")
            psql(f"CREATE DATABASE {cls.dbname} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' "
                 f"LC_CTYPE 'C.UTF-8' TABLESPACE {cls.space}")
            ogictl(cls.dbname, "migrate")
            cls.ogid = Ogid(cls.dbname, env=cls.ogid_env)
            cls.ogid.start()
            cls.admin = cls.ogid.admin()
        except Exception:
            cls.cleanup()
            raise

    @classmethod
    def cleanup(cls):
        drop_database(cls.dbname)
        psql(f"DROP TABLESPACE IF EXISTS {cls.space}", check=False)
        subprocess.run(["umount", cls.mount], capture_output=True)
        os.rmdir(cls.mount)

    @classmethod
    def tearDownClass(cls):
        cls.ogid.stop()
        cls.cleanup()

    def fill(self):
        """Fills the disk from a superuser's session; returns PostgreSQL's last refusal."""
        psql("CREATE TABLE filler (b text); ALTER TABLE filler ALTER COLUMN b SET STORAGE EXTERNAL", self.dbname)
        # one session, each INSERT committed on its own, stopping at the first refusal (a new
        # session per INSERT could die at its start on the full disk instead)
        script = "INSERT INTO filler SELECT string_agg(md5(random()::text), '') FROM generate_series(1, 32768);\n"
        r = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", conninfo(self.dbname)],
                           input=script * 400, capture_output=True, text=True)
        if r.returncode != 0:
            return r.stderr
        self.fail("the tmpfs never filled")

    def keeper(self):
        """A psql session opened while the disk has room, to free it again later: a session
        opened on a full disk may fail before its first statement (FATAL: could not write init
        file, when the relation cache's init file had to be written anew)."""
        p = subprocess.Popen(["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-d", conninfo(self.dbname)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        p.stdin.write("SELECT 'connected';\n")
        p.stdin.flush()
        self.assertEqual(p.stdout.readline().strip(), "connected")
        return p

    def test_disk_full_under_load(self):
        body, token = register_clerk(self.dbname, "磁盘测试街道", "fullclerk")
        keeper = self.keeper()
        probe = self.ogid.client(token=token)
        load = IntakeLoad([self.ogid.port], token, body, tag="diskfull", workers=3, request_timeout=REQUEST_TIMEOUT)
        load.start()
        try:
            self.assertTrue(load.wait_for(10, 60), "no intake got through before the disk filled")
            refusal = self.fill()
            self.assertRegex(refusal, r"No space left on device|could not extend", refusal)
            print(f"diskfull: the disk is full: {refusal.strip().splitlines()[0]}", flush=True)
            self.assertTrue(wait_until(lambda: load.counts.get("503 database_full", 0) >= 5, 60),
                            f"intake did not meet the full disk: {load.counts}")
            # a new intake: 503 database_full, problem+json, Retry-After; reads still answer
            r = probe.post("/api/v1/requests", intake_body(body, "diskfull diskfull-probe"),
                           headers={"Idempotency-Key": "diskfull-probe"})
            p = self.assertProblem(r, 503, "database_full")
            self.assertTrue(p["title_zh"] and p["title_en"])
            self.assertEqual(r.header("Retry-After"), "1")
            self.assertSecurityHeaders(r)
            self.assertEqual(probe.get("/api/v1/requests?limit=5").status, 200)
            self.assertEqual(self.ogid.client().get("/readyz").status, 200)
            acked_while_full = load.acknowledged()
            _, err = keeper.communicate("DROP TABLE filler;\n", timeout=120)
            self.assertEqual(keeper.returncode, 0, err)
            freed = time.monotonic()
            self.assertTrue(load.wait_for(10, 60), "intake did not resume once space was freed")
            print(f"diskfull: intake resumed {time.monotonic() - freed:.2f} s after space was freed "
                  f"({load.acknowledged() - acked_while_full} more acknowledged)", flush=True)
            r = probe.post("/api/v1/requests", intake_body(body, "diskfull diskfull-probe"),
                           headers={"Idempotency-Key": "diskfull-probe"})
            self.assertEqual(r.status, 201, r)
        finally:
            load.stop()
            if keeper.poll() is None:
                keeper.kill()
                keeper.wait()
        # the probe registered once, after the disk had room again: count it as acknowledged
        load.acked["diskfull-probe"] = (r.json["id"], r.json["tracking_no"])
        self.check(load, "diskfull", "database_full")


class LiveMigration(FaultCase):
    def migrate(self, sql):
        psql(sql, self.dbname)

    def test_migrations_while_running(self):
        body, token = register_clerk(self.dbname, "迁移测试街道", "migrateclerk")
        probe = self.ogid.client(token=token)
        anon = self.ogid.client()
        load = IntakeLoad([self.ogid.port], token, body, tag="migrate", workers=3, request_timeout=REQUEST_TIMEOUT)
        load.start()
        try:
            self.assertTrue(load.wait_for(10, 60), "no intake got through before the migration")
            # compatible: a column added, its table locked for 18 s (past lock_timeout, 15 s), registered
            # as a migration this ogid does not know
            started = time.monotonic()
            self.migrate("BEGIN; ALTER TABLE requests ADD COLUMN live_migration_note text; "
                         "INSERT INTO schema_migrations (version, name) VALUES (9901, 'live-test'); "
                         "SELECT pg_sleep(18); COMMIT")
            print(f"migrate: the compatible migration held its lock {time.monotonic() - started:.1f} s", flush=True)
            self.assertGreater(load.counts.get("503 database_unavailable", 0), 0,
                               f"no intake waited past lock_timeout: {load.counts}")
            self.assertTrue(load.wait_for(10, 30), "intake did not go on after a compatible migration")
            r = anon.get("/readyz")
            self.assertProblem(r, 503, "schema_not_current")  # replace this ogid with the one that knows 9901
            self.assertEqual(probe.get("/api/v1/requests?limit=1").status, 200)

            # incompatible: a column ogid writes renamed, for a while; then put back
            self.migrate("ALTER TABLE requests RENAME COLUMN description TO description_text")
            self.assertTrue(wait_until(lambda: load.counts.get("503 schema_incompatible", 0) >= 5, 30),
                            f"intake did not meet the incompatible schema: {load.counts}")
            r = probe.post("/api/v1/requests", intake_body(body, "migrate migrate-probe"),
                           headers={"Idempotency-Key": "migrate-probe"})
            p = self.assertProblem(r, 503, "schema_incompatible")
            self.assertTrue(p["title_zh"] and p["title_en"])
            self.assertEqual(r.header("Retry-After"), "1")
            self.assertEqual(self.ogid.client().get("/readyz").status, 503)
            acked = load.acknowledged()
            self.migrate("ALTER TABLE requests RENAME COLUMN description_text TO description")
            reverted = time.monotonic()
            self.assertTrue(load.wait_for(10, 30), "intake did not resume once the schema was put back")
            print(f"migrate: served again {time.monotonic() - reverted:.2f} s after the schema was put back "
                  f"({load.acknowledged() - acked} more acknowledged)", flush=True)
            r = probe.post("/api/v1/requests", intake_body(body, "migrate migrate-probe"),
                           headers={"Idempotency-Key": "migrate-probe"})
            self.assertEqual(r.status, 201, r)
            load.acked["migrate-probe"] = (r.json["id"], r.json["tracking_no"])
            # the test's migration undone: ready again, no restart
            self.migrate("DELETE FROM schema_migrations WHERE version = 9901; "
                         "ALTER TABLE requests DROP COLUMN live_migration_note")
            self.assertTrue(wait_until(lambda: anon.get("/readyz").status == 200, 10))
            self.assertTrue(load.wait_for(5, 30), "intake did not go on after the column was dropped")
        finally:
            load.stop()
        self.assertIsNone(self.ogid.proc.poll(), "ogid exited")
        self.check(load, "migrate", "schema_incompatible")


if __name__ == "__main__":
    main()
