"""Helpers for ogi's database and API tests: a fresh database per test
module in the throwaway cluster the test command made (scripts/pgtmp sets
PGHOST, PGPORT, PGUSER), ogid started on a free port over real
HTTP, and a small JSON client.  Python's standard library only."""
import datetime
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import uuid

BUILD = os.environ.get("OGI_BUILD_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "build"))
OGID = os.path.join(BUILD, "daemon", "ogid")
OGICTL = os.path.join(BUILD, "clients", "cli", "ogictl")
SOURCE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
LOG_DIR = os.environ.get("OGI_TEST_LOG_DIR", os.path.join(BUILD, "test-logs"))


def have_cluster():
    return bool(os.environ.get("PGHOST") or os.environ.get("PGPORT"))


def skip_without_cluster(cls):
    """The db and api suites need the cluster the test command creates."""
    if not have_cluster():
        print("SKIP: no PostgreSQL test cluster (run the tests through scripts/test)")
        sys.exit(77)
    return cls


def conninfo(dbname):
    parts = [f"dbname={dbname}"]
    for env, key in (("PGHOST", "host"), ("PGPORT", "port"), ("PGUSER", "user"), ("PGPASSWORD", "password")):
        if os.environ.get(env):
            parts.append(f"{key}={os.environ[env]}")
    return " ".join(parts)


def psql(sql, dbname="postgres", check=True):
    r = subprocess.run(["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-d", conninfo(dbname), "-c", sql],
                       capture_output=True, text=True)
    if check and r.returncode != 0:
        raise RuntimeError(f"psql failed: {r.stderr}")
    return r.stdout.strip()


def create_database(prefix="t"):
    name = f"ogi_{prefix}_{uuid.uuid4().hex[:10]}"
    psql(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'")
    return name


def drop_database(name):
    psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)", check=False)


def ogictl(dbname, *args, input=None, check=True):
    r = subprocess.run([OGICTL, "--database", conninfo(dbname), "--key-file", test_key_file(), *args],
                       capture_output=True, text=True, input=input)
    if check and r.returncode != 0:
        raise RuntimeError(f"ogictl {' '.join(args)} failed ({r.returncode}): {r.stderr}")
    return r


def plausible_2027():
    """A plausible 2027 in holiday-cn form.  The State Council's notice for 2027 is not out: these
    dates follow the pattern of the 2025 and 2026 notices (国办发明电〔2024〕12号, 〔2025〕7号) on
    2027's own dates (除夕 Fri 02-05, 端午 Wed 06-09, 中秋 Wed 09-15), they are not the notice's."""
    def span(name, first, last):
        d, out = datetime.date.fromisoformat(first), []
        while d <= datetime.date.fromisoformat(last):
            out.append({"name": name, "date": d.isoformat(), "isOffDay": True})
            d += datetime.timedelta(days=1)
        return out

    def worked(name, day):
        return {"name": name, "date": day, "isOffDay": False}

    days = (span("元旦", "2027-01-01", "2027-01-03") + span("春节", "2027-02-05", "2027-02-12") +
            [worked("春节", "2027-02-20")] + span("清明节", "2027-04-03", "2027-04-05") +
            [worked("劳动节", "2027-04-25")] + span("劳动节", "2027-05-01", "2027-05-05") +
            [worked("劳动节", "2027-05-08")] + span("端午节", "2027-06-09", "2027-06-09") +
            span("中秋节", "2027-09-15", "2027-09-15") + [worked("国庆节", "2027-09-26")] +
            span("国庆节", "2027-10-01", "2027-10-07") + [worked("国庆节", "2027-10-09")])
    return {"year": 2027, "papers": [], "days": days}


def calendar_exceptions(year):
    """What a holiday-cn year changes in the weekday rule: weekdays off and weekend days worked
    (only those are stored and listed by GET /calendar/{year})."""
    out = {}
    for d in year["days"]:
        weekend = datetime.date.fromisoformat(d["date"]).weekday() >= 5
        if d["isOffDay"] != weekend:
            out[d["date"]] = "holiday" if d["isOffDay"] else "workday"
    return out


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body
        self._json = None

    @property
    def json(self):
        if self._json is None:
            self._json = json.loads(self.body.decode("utf-8")) if self.body else None
        return self._json

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def __repr__(self):
        return f"<{self.status} {self.body[:300]!r}>"


# Every response the api suite receives, for the contract test (tests/api/test_contract.py,
# the last of the run): one JSON line per response in LOG_DIR/contract/ — the method, the path,
# the status, the media type and the JSON body.  Strings that look like an identity or phone
# number are starred out first: the logs test reads everything under LOG_DIR for them.  A
# number must stand alone (no ASCII letter or digit beside it): a hash such as an
# attachment's SHA-256 can hold eleven digits in a row and is not a phone.
CONTRACT_DIR = os.path.join(LOG_DIR, "contract")
_PERSONAL = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{16}[\dXx](?![0-9A-Za-z])"
                       r"|(?<![0-9A-Za-z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Za-z])"
                       r"|(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])")
_record_lock = __import__("threading").Lock()


def _redact(v):
    if isinstance(v, str):
        return _PERSONAL.sub(lambda m: "*" * len(m.group(0)), v)
    if isinstance(v, list):
        return [_redact(x) for x in v]
    if isinstance(v, dict):
        return {k: _redact(x) for k, x in v.items()}
    return v


def record_response(method, path, resp):
    if os.environ.get("OGI_CONTRACT_RECORD", "1") == "0":
        return
    media = (resp.header("Content-Type") or "").split(";")[0].strip().lower()
    body = None
    if media.endswith("json") and resp.body:
        try:
            body = _redact(json.loads(resp.body.decode("utf-8")))
        except ValueError:
            body = None
            media += " (not JSON)"
    line = json.dumps({"method": method, "path": _redact(path.split("?")[0]), "status": resp.status, "media": media,
                       "length": len(resp.body), "body": body,
                       "test": os.path.basename(sys.argv[0]) if sys.argv else ""}, ensure_ascii=False)
    with _record_lock:
        os.makedirs(CONTRACT_DIR, exist_ok=True)
        with open(os.path.join(CONTRACT_DIR, f"responses-{os.getpid()}.jsonl"), "a", encoding="utf-8") as f:
            f.write(line + "\n")


class Client:
    """A JSON client speaking real HTTP to ogid; keeps a cookie like a browser
    (and sends Origin on state-changing requests) or a bearer token like a script."""

    def __init__(self, port, token=None, source=None):
        self.port = port
        self.token = token
        self.cookie = None
        self.source = source  # another loopback address (127.0.0.2, …) to speak from

    def request(self, method, path, body=None, headers=None, raw=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30,
                                          source_address=(self.source, 0) if self.source else None)
        h = {"Host": f"127.0.0.1:{self.port}"}
        if self.token:
            h["Authorization"] = f"Bearer {self.token}"
        if self.cookie:
            h["Cookie"] = f"ogi_session={self.cookie}"
            if method not in ("GET", "HEAD"):
                h["Origin"] = f"http://127.0.0.1:{self.port}"
        data = raw
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            h["Content-Type"] = "application/json"
        if headers:
            h.update(headers)
        conn.request(method, path, body=data, headers=h)
        r = conn.getresponse()
        resp = Response(r.status, r.getheaders(), r.read())
        conn.close()
        record_response(method, path, resp)
        sc = resp.header("Set-Cookie")
        if sc:
            m = re.match(r"ogi_session=([^;]*)", sc)
            if m:
                self.cookie = m.group(1) or None
        return resp

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body=body, **kw)

    def put(self, path, body=None, **kw):
        return self.request("PUT", path, body=body, **kw)

    def patch(self, path, body=None, **kw):
        return self.request("PATCH", path, body=body, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)

    def login(self, username, password):
        r = self.post("/api/v1/session", {"username": username, "password": password})
        if r.status != 201:
            raise AssertionError(f"login {username} failed: {r}")
        return r


def test_key_file():
    """The key of the search by personal number every ogid of the test run shares (as every ogid
    of one database must): made once, mode 0600."""
    path = os.environ.get("OGI_TEST_KEY_FILE") or os.path.join(tempfile.gettempdir(), "ogi-test.key")
    if not os.path.exists(path):
        tmp = f"{path}.{os.getpid()}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.write(fd, (os.urandom(32).hex() + "\n").encode())
        os.close(fd)
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        os.unlink(tmp)
    return path


class Ogid:
    """ogid on a free loopback port against a database of the test cluster."""

    def __init__(self, dbname, env=None, args=(), port=0, conninfo_override=None, shared_key=True):
        self.dbname = dbname
        self.shared_key = shared_key  # False: ogid's own key file (DATA-DIR/ogi.key or --key-file)
        self.listen_port = port  # 0: any free port; the same one again after kill()
        self.conninfo = conninfo_override or conninfo(dbname)
        self.data_dir = tempfile.mkdtemp(prefix="ogid-")
        os.makedirs(LOG_DIR, exist_ok=True)
        self.log_path = os.path.join(LOG_DIR, f"ogid-{dbname}-{uuid.uuid4().hex[:6]}.log")
        self.env = dict(os.environ)
        self.env.update(env or {})
        self.args = list(args)
        self.proc = None
        self.port = None
        self.admin_password = None

    def start(self, expect_ok=True):
        self.log = open(self.log_path, "ab")
        self.port = None
        self.proc = subprocess.Popen(
            [OGID, "--database", self.conninfo, "--data-dir", self.data_dir,
             "--listen", f"127.0.0.1:{self.listen_port}", "--threads", "4",
             *(["--key-file", test_key_file()] if self.shared_key and "--key-file" not in self.args else []), *self.args],
            stdout=subprocess.PIPE, stderr=self.log, env=self.env)
        deadline = time.time() + 60
        while time.time() < deadline:
            line = self.proc.stdout.readline().decode("utf-8", "replace")
            if not line:
                break
            self.log.write(line.encode())
            m = re.search(r"initial administrator: admin / (\S+)", line)
            if m:
                self.admin_password = m.group(1)
            m = re.search(r"listening on http://[^:]+:(\d+)/", line)
            if m:
                self.port = int(m.group(1))
                break
        if self.port is None:
            self.proc.wait(timeout=10)
            if expect_ok:
                raise RuntimeError(f"ogid did not start; see {self.log_path}")
            return False
        # drain stdout in the background so ogid never blocks on it
        import threading

        def drain(stream, log):
            for line in iter(stream.readline, b""):
                try:
                    log.write(line)
                    log.flush()
                except ValueError:
                    break

        threading.Thread(target=drain, args=(self.proc.stdout, self.log), daemon=True).start()
        self.listen_port = self.port
        return True

    def kill(self):
        """SIGKILL, as a crash would: nothing is flushed, nothing finishes."""
        self.proc.kill()
        self.proc.wait()
        self.proc.stdout.close()
        self.log.close()

    def stop(self, sig=signal.SIGTERM):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if getattr(self, "log", None):
            self.log.close()
        shutil.rmtree(self.data_dir, ignore_errors=True)
        self.check_log()

    def check_log(self):
        """A sanitizer report in ogid's log fails the test that ran it."""
        with open(self.log_path, "rb") as f:
            text = f.read().decode("utf-8", "replace")
        for mark in ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:"):
            if mark in text:
                raise AssertionError(f"sanitizer report in {self.log_path}:\n" + text[text.index(mark) - 200:][:3000])

    def client(self, token=None, source=None):
        return Client(self.port, token, source)

    def admin(self):
        c = self.client()
        c.login("admin", self.admin_password)
        return c


class OgidTestCase(unittest.TestCase):
    """One database and one ogid per test class; the first administrator logged in."""

    ogid_env = {}
    ogid_args = ()

    @classmethod
    def setUpClass(cls):
        skip_without_cluster(cls)
        cls.dbname = create_database(cls.__name__.lower()[:20])
        ogictl(cls.dbname, "migrate")
        cls.ogid = Ogid(cls.dbname, env=cls.ogid_env, args=cls.ogid_args)
        cls.ogid.start()
        cls.admin = cls.ogid.admin()

    @classmethod
    def tearDownClass(cls):
        cls.ogid.stop()
        drop_database(cls.dbname)

    def assertSecurityHeaders(self, r):
        """The headers every response of ogid carries (daemon/core/reply.c common_headers)."""
        self.assertEqual(r.header("X-Content-Type-Options"), "nosniff", r)
        self.assertEqual(r.header("Referrer-Policy"), "no-referrer", r)
        self.assertEqual(r.header("X-Frame-Options"), "DENY", r)
        csp = r.header("Content-Security-Policy") or ""
        self.assertIn("frame-ancestors 'none'", csp, r)
        self.assertRegex(csp, r"^default-src '(none|self)'", r)

    def assertProblem(self, r, status, code=None, field=None):
        self.assertEqual(r.status, status, r)
        self.assertTrue(r.header("Content-Type").startswith("application/problem+json"), r.headers)
        p = r.json
        for key in ("type", "title", "status", "code", "title_zh", "title_en"):
            self.assertIn(key, p)
        self.assertEqual(p["status"], status)
        if code:
            self.assertEqual(p["code"], code, p)
        if field:
            fields = [e["field"] for e in p.get("errors", [])]
            self.assertIn(field, fields, p)
            for e in p["errors"]:
                self.assertTrue(e["message_zh"] and e["message_en"], e)
        return p


def as_server(cmd):
    """cmd run as the system user the test cluster's server runs as (PostgreSQL refuses root)."""
    if os.geteuid() == 0:
        return ["runuser", "-u", os.environ["OGI_TEST_PGOSUSER"], "--", *cmd]
    return cmd


def pgbin(name):
    return os.path.join(os.environ["OGI_TEST_PGBIN"], name)


def pg_ctl(*args):
    """pg_ctl on the test cluster, as the system user its server runs as
    (tests that stop the shared server are is_parallel : false in meson)."""
    return subprocess.run(as_server([pgbin("pg_ctl"), "-D", os.environ["OGI_TEST_PGDATA"], *args]),
                          capture_output=True, text=True, timeout=120)


def wait_for(what, predicate, limit=90, every=0.1):
    """Polls until predicate() holds and returns its value (a bounded wait, not a timing assertion)."""
    deadline = time.time() + limit
    while time.time() < deadline:
        v = predicate()
        if v:
            return v
        time.sleep(every)
    raise AssertionError(f"gave up waiting for {what}")


class Standby:
    """A streaming standby of the test cluster on its own port: a base backup told to follow the
    primary (pg_basebackup -R), in a temporary directory owned by the server's user."""

    def __init__(self, port, dbname):
        self.port = port
        self.dir = tempfile.mkdtemp(prefix="ogi-standby-")
        if os.geteuid() == 0:
            shutil.chown(self.dir, os.environ["OGI_TEST_PGOSUSER"])
        os.chmod(self.dir, 0o700)
        self.data = os.path.join(self.dir, "data")
        self.log = os.path.join(self.dir, "standby.log")
        # a fast checkpoint: the default spread one makes the backup wait for minutes on an idle cluster
        subprocess.run(as_server([pgbin("pg_basebackup"), "-D", self.data, "-R", "-X", "stream",
                                  "--checkpoint=fast", "--no-sync", "-h", os.environ["PGHOST"],
                                  "-p", os.environ.get("PGPORT", "5432"), "-U", "postgres"]),
                       check=True, capture_output=True)
        with open(os.path.join(self.data, "postgresql.conf"), "a") as f:
            f.write(f"port = {port}\nhot_standby = on\n")
        rc = re.sub(r"port=\d+", f"port={port}", conninfo(dbname))
        self.conninfo = rc if f"port={port}" in rc else rc + f" port={port}"

    def start(self):
        subprocess.run(as_server([pgbin("pg_ctl"), "-D", self.data, "-l", self.log, "-w", "-t", "60", "start"]),
                       check=True, capture_output=True)

    def stop(self, mode="fast"):
        subprocess.run(as_server([pgbin("pg_ctl"), "-D", self.data, "-m", mode, "-w", "stop"]),
                       check=mode != "immediate", capture_output=True)

    def remove(self):
        self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)

    def sql(self, sql):
        r = subprocess.run(["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-d", self.conninfo, "-c", sql],
                           capture_output=True, text=True)
        if r.returncode != 0:
            raise AssertionError(f"standby: {sql}: {r.stderr}")
        return r.stdout.strip()


def main():
    unittest.main(verbosity=2)
