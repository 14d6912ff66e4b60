"""ogid's embedded PostgreSQL: first start creates the cluster (server
processes under an unprivileged user when we are root), a second start
reuses it, kill -9 followed by a restart recovers, a stale postmaster.pid
does not block, and a second ogid on the same data directory is refused."""
import json
import os
import pwd
import re
import shutil
import signal
import subprocess
import tempfile
import time
import unittest
import urllib.request

from ogitest import OGID, OGICTL, LOG_DIR


def get(port, path):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


class Embedded(unittest.TestCase):
    def setUp(self):
        # a short path: the Unix socket path must fit in 107 bytes
        self.dir = tempfile.mkdtemp(prefix="ogie-", dir="/tmp")
        self.data = os.path.join(self.dir, "var")
        os.makedirs(LOG_DIR, exist_ok=True)
        self.log = open(os.path.join(LOG_DIR, f"embedded-{os.path.basename(self.dir)}.log"), "ab")
        self.procs = []

    def tearDown(self):
        for p in self.procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                p.wait(timeout=60)
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    def start(self):
        env = dict(os.environ)
        for k in ("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE", "OGI_DATABASE_URL"):
            env.pop(k, None)
        p = subprocess.Popen([OGID, "--data-dir", self.data, "--listen", "127.0.0.1:0", "--threads", "2"],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
        self.procs.append(p)
        out = []
        port = None
        deadline = time.time() + 120
        while time.time() < deadline:
            line = p.stdout.readline().decode("utf-8", "replace")
            if not line:
                break
            out.append(line)
            self.log.write(line.encode())
            m = re.search(r"listening on http://[^:]+:(\d+)/", line)
            if m:
                port = int(m.group(1))
                break
        return p, port, "".join(out)

    def test_lifecycle(self):
        p, port, out = self.start()
        self.assertIsNotNone(port, out)
        self.assertIn("creating the embedded database cluster", out)
        self.assertRegex(out, r"initial administrator: admin / \S{20}")
        self.assertEqual(get(port, "/readyz")[0], 200)
        # no TCP port: the socket lives in the data directory
        self.assertTrue(os.path.exists(os.path.join(self.data, "run", ".s.PGSQL.5432")))
        pid = int(open(os.path.join(self.data, "pg", "postmaster.pid")).readline())
        if os.geteuid() == 0:
            owner = os.stat(f"/proc/{pid}").st_uid
            self.assertNotEqual(owner, 0, "postgres must not run as root")
            self.assertEqual(pwd.getpwuid(owner).pw_name, "ogi")

        # a second ogid on the same data directory is refused
        p2, port2, out2 = self.start()
        self.assertIsNone(port2)
        p2.wait(timeout=30)
        self.assertNotEqual(p2.returncode, 0)
        self.assertIn("another ogid already runs", out2 + p2.stdout.read().decode())

        # ogid's requests connect as the login "ogid": no superuser, no owner, only ogi_app
        q = subprocess.run(["psql", "-X", "-At", "-d", f"host={os.path.join(self.data, 'run')} dbname=ogi user=ogi",
                            "-c", "SELECT DISTINCT a.usename, r.rolsuper, pg_has_role(a.usename, 'ogi_app', 'MEMBER'), "
                                  "EXISTS (SELECT 1 FROM pg_class c WHERE c.relowner = r.oid) "
                                  "FROM pg_stat_activity a JOIN pg_roles r ON r.rolname = a.usename "
                                  "WHERE a.application_name = 'ogid'"], capture_output=True, text=True)
        self.assertEqual(q.stdout.strip(), "ogid|f|t|f", q.stderr)

        # ogictl works against the running cluster
        r = subprocess.run([OGICTL, "--data-dir", self.data, "status"], capture_output=True, text=True,
                           env={k: v for k, v in os.environ.items() if not k.startswith("PG")})
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("applied", r.stdout)

        # clean stop stops the cluster
        p.send_signal(signal.SIGTERM)
        p.wait(timeout=60)
        self.assertEqual(p.returncode, 0)
        self.assertFalse(os.path.exists(f"/proc/{pid}"))

        # second start reuses the cluster: no initdb, no new admin
        p, port, out = self.start()
        self.assertIsNotNone(port, out)
        self.assertNotIn("creating the embedded database cluster", out)
        self.assertNotIn("initial administrator", out)
        self.assertEqual(get(port, "/readyz")[0], 200)

        # kill -9: postgres is told to stop with its parent; a restart recovers
        p.kill()
        p.wait()
        p, port, out = self.start()
        self.assertIsNotNone(port, out)
        self.assertEqual(get(port, "/readyz")[0], 200)
        p.send_signal(signal.SIGTERM)
        p.wait(timeout=60)

        # a stale postmaster.pid naming a dead process does not block the next start
        with open(os.path.join(self.data, "pg", "postmaster.pid"), "w") as f:
            f.write("999999\n")
        if os.geteuid() == 0:
            shutil.chown(os.path.join(self.data, "pg", "postmaster.pid"), "ogi", "ogi")
        p, port, out = self.start()
        self.assertIsNotNone(port, out)
        self.assertEqual(get(port, "/readyz")[0], 200)


if __name__ == "__main__":
    unittest.main(verbosity=2)
