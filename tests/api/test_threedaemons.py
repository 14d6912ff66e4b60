"""Three ogid processes on one database, each reading from a streaming standby
(pg_basebackup -R, --replica), behind a real nginx as the load balancer (issue 17 item 4;
the configuration of docs/operations.md, "Several daemons behind nginx", run unprivileged
on a free port with its own prefix).  Through nginx: requests are spread over all three;
a session opened through one daemon works through the others and ends for all at logout;
a write through one is read through another; one daemon killed under load, nginx passes
its requests to the others (proxy_next_upstream) and no client sees a 5xx once the daemon
is gone.  Directly: events raced through the three with the same If-Match have exactly one
winner, events without one are all kept (no lost update of the request row), intake
through all three hands out tracking numbers without gaps, and a calendar change made
through one is used by another at once (LISTEN/NOTIFY).  The connections the daemons hold
are counted against the sizing rule of docs/operations.md."""
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time

from ogiload import IntakeLoad
from ogitest import Client, Ogid, OgidTestCase, Standby, as_server, create_database, drop_database, main, ogictl, \
    psql, skip_without_cluster, wait_for

TODAY = "2025-06-20"
PW = "a good long password"
STANDBY_PORT = 6433 + os.getpid() % 1000  # not test_replica's range: both may run at once
DB_CONNECTIONS = 3
MAX_UPLOADS = 2
FAIL_TIMEOUT = 2  # seconds nginx leaves a failed daemon out before it tries it again

NGINX_CONF = """worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log info;
events {{ worker_connections 512; }}
http {{
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    log_format upstreams '$request_method $request_uri $status "$upstream_addr" "$upstream_status"';
    access_log {prefix}/access.log upstreams;

    upstream ogid {{
{servers}
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 60m;
        location / {{
            proxy_pass http://ogid;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_connect_timeout 2s;
            proxy_read_timeout 120s;
            proxy_next_upstream error timeout http_502 http_503 http_504;
            proxy_next_upstream_tries 3;
            proxy_request_buffering off;
            proxy_buffering off;
        }}
    }}
}}
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def intake(body_id, received_on="2025-03-03"):
    return {"body_id": body_id, "channel": "online", "received_on": received_on,
            "applicant": {"kind": "legal_service_org", "name": "某律师事务所"},
            "description": "三个进程测试", "form": {"medium": "electronic", "delivery": "online"}}


class Nginx:
    """nginx (Debian's) as an unprivileged load balancer in front of ports: its own prefix,
    configuration, logs and pid file in a temporary directory, on a free port."""

    def __init__(self, ports):
        self.prefix = tempfile.mkdtemp(prefix="ogi-nginx-")
        self.port = free_port()
        servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout={FAIL_TIMEOUT}s;" for p in ports)
        self.conf = os.path.join(self.prefix, "nginx.conf")
        with open(self.conf, "w") as f:
            f.write(NGINX_CONF.format(prefix=self.prefix, port=self.port, servers=servers))
        if os.geteuid() == 0:  # nginx started by root would keep a root master: run it as the server's user
            shutil.chown(self.prefix, os.environ["OGI_TEST_PGOSUSER"])
            shutil.chown(self.conf, os.environ["OGI_TEST_PGOSUSER"])
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen(as_server(["nginx", "-p", self.prefix, "-c", self.conf, "-e",
                                                os.path.join(self.prefix, "error.log"), "-g", "daemon off;"]))

        def up():
            if self.proc.poll() is not None:
                raise AssertionError(f"nginx ended: {self.error_log()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return True
            except OSError:
                return False
        wait_for("nginx listening", up, 30)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.prefix, ignore_errors=True)

    def error_log(self):
        try:
            with open(os.path.join(self.prefix, "error.log")) as f:
                return f.read()[-3000:]
        except OSError:
            return ""

    def access(self):
        """(method, uri, status, [upstream ports tried]) of every request so far."""
        out = []
        with open(os.path.join(self.prefix, "access.log")) as f:
            for line in f:
                m = re.match(r'(\S+) (\S+) (\d+) "([^"]*)" "([^"]*)"', line)
                if m:
                    ports = [int(p) for p in re.findall(r":(\d+)", m.group(4))]
                    out.append((m.group(1), m.group(2), int(m.group(3)), ports))
        return out


class ThreeDaemons(OgidTestCase):
    ogid_env = {"OGI_TODAY": TODAY}

    @classmethod
    def setUpClass(cls):
        skip_without_cluster(cls)
        cls.daemons, cls.nginx, cls.standby = [], None, None
        cls.dbname = create_database("three")
        ogictl(cls.dbname, "migrate")
        cls.standby = Standby(STANDBY_PORT, cls.dbname)
        cls.standby.start()
        cls.replica_conninfo = cls.standby.conninfo
        args = ("--replica", cls.replica_conninfo, "--db-connections", str(DB_CONNECTIONS),
                "--max-uploads", str(MAX_UPLOADS), "--max-connections-per-address", "0",
                "--trusted-proxy", "127.0.0.1/32")
        for _ in range(3):
            d = Ogid(cls.dbname, env=cls.ogid_env, args=args)
            d.start()
            cls.daemons.append(d)
        cls.ogid, cls.b, cls.c = cls.daemons
        cls.admin = cls.ogid.admin()
        cls.nginx = Nginx([d.port for d in cls.daemons])
        cls.nginx.start()
        cls.body = int(ogictl(cls.dbname, "body", "add", "三进程街道", "--parent", "1").stdout)
        ogictl(cls.dbname, "user", "add", "twoapprover", "--role", "approver", "--body", str(cls.body),
               "--password-stdin", input=PW + "\n")
        cls.token = ogictl(cls.dbname, "token", "create", "twoapprover").stdout.strip()
        cls.via = [d.client(token=cls.token) for d in cls.daemons]
        cls.lb = Client(cls.nginx.port, token=cls.token)

    @classmethod
    def tearDownClass(cls):
        if cls.nginx is not None:
            cls.nginx.stop()
        for d in cls.daemons:
            d.stop()
        if cls.standby is not None:
            cls.standby.remove()
        drop_database(cls.dbname)

    def race(self, rid, n, if_match):
        """n clients, alternately through each ogid, post a note at the same moment."""
        barrier = threading.Barrier(n)
        statuses = [None] * n

        def post(i):
            headers = {"If-Match": if_match} if if_match else None
            barrier.wait()
            statuses[i] = self.via[i % 3].post(f"/api/v1/requests/{rid}/events",
                                               {"type": "note", "on": "2025-03-04", "text": f"第{i}个"},
                                               headers=headers).status

        threads = [threading.Thread(target=post, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        return statuses

    def test_if_match_races_have_one_winner(self):
        for _ in range(8):
            rid = self.via[0].post("/api/v1/requests", intake(self.body)).json["id"]
            statuses = self.race(rid, 6, '"1"')
            self.assertEqual(sorted(statuses), [201] + [412] * 5, statuses)
            # the loser recorded nothing: one registered event and the winner's note
            events = self.via[1].get(f"/api/v1/requests/{rid}/events").json["events"]
            self.assertEqual([e["type"] for e in events], ["registered", "note"])
            r = self.via[1].get(f"/api/v1/requests/{rid}")
            self.assertEqual(r.header("ETag"), '"2"')

    def test_unconditional_events_are_all_kept(self):
        rid = self.via[0].post("/api/v1/requests", intake(self.body)).json["id"]
        statuses = self.race(rid, 12, None)
        self.assertEqual(statuses, [201] * 12)
        # each event bumped the version once: no update of the request row was lost
        r = self.via[0].get(f"/api/v1/requests/{rid}")
        self.assertEqual(r.header("ETag"), '"13"')
        self.assertEqual(psql(f"SELECT count(*) FROM request_events WHERE request_id = {rid}", self.dbname), "13")

    def test_intake_through_all_three_has_no_gaps(self):
        body = int(ogictl(self.dbname, "body", "add", "双进程登记", "--parent", "1").stdout)
        ogictl(self.dbname, "user", "add", "twoclerk", "--role", "clerk", "--body", str(body),
               "--password-stdin", input="a good long password\n")
        token = ogictl(self.dbname, "token", "create", "twoclerk").stdout.strip()
        load = IntakeLoad([d.port for d in self.daemons], token, body, tag="three", workers=6)
        load.start()
        try:
            self.assertTrue(load.wait_for(80, 120))
        finally:
            load.stop()
        problems, figures = load.verify(self.dbname)
        self.assertEqual(problems, [])
        self.assertEqual(figures["acknowledged"], figures["found"])

    def wait_for_date(self, client, path, expected):
        started = time.monotonic()
        seen = None
        while time.monotonic() - started < 10:
            seen = client.get(path).json["date"]
            if seen == expected:
                return time.monotonic() - started
            time.sleep(0.005)
        self.fail(f"{path}: still {seen}, not {expected}")

    def test_calendar_change_reaches_the_other_at_once(self):
        admins = [self.ogid.admin(), self.b.client()]
        admins[1].login("admin", self.ogid.admin_password)
        path = "/api/v1/workdays/add?from=2026-11-30&days=1"
        # Mon 2026-11-30 + 1 wd = Tue 12-01; with 12-01 off: Wed 12-02
        for writer, reader in ((0, 1), (1, 0)):
            self.assertEqual(admins[reader].get(path).json["date"], "2026-12-01")
            r = admins[writer].put("/api/v1/calendar/days/2026-12-01", {"kind": "holiday", "name": "测试"})
            self.assertEqual(r.status, 200, r)
            delay = self.wait_for_date(admins[reader], path, "2026-12-02")
            print(f"threedaemons: a change through ogid {writer + 1} used by ogid {reader + 1} "
                  f"{delay * 1000:.1f} ms after it was committed", flush=True)
            r = admins[writer].put("/api/v1/calendar/days/2026-12-01", {"kind": "rule"})
            self.assertEqual(r.status, 200, r)
            self.wait_for_date(admins[reader], path, "2026-12-01")

    def test_calendar_listener_listens_again_after_its_connection_is_ended(self):
        """The server ends every session of the database (pg_terminate_backend, as a failover or
        an operator would): the listener of the second ogid notices, connects again and goes on
        hearing each change made through the first."""
        admins = [self.ogid.admin(), self.b.client()]
        admins[1].login("admin", self.ogid.admin_password)
        ended = psql("SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     "WHERE datname = current_database() AND pid <> pg_backend_pid()) t", self.dbname)
        self.assertGreaterEqual(int(ended), 2)  # at least the two listeners
        path = "/api/v1/workdays/add?from=2026-11-30&days=1"
        # the workers' connections were ended too: each reconnects on its next request (a 503
        # at most meanwhile)
        started = time.monotonic()
        while admins[1].get("/api/v1/session").status == 503 and time.monotonic() - started < 5:
            time.sleep(0.05)
        for kind, expected in (("holiday", "2026-12-02"), ("rule", "2026-12-01"),
                               ("holiday", "2026-12-02"), ("rule", "2026-12-01")):
            started = time.monotonic()
            while True:
                r = admins[0].put("/api/v1/calendar/days/2026-12-01", {"kind": kind, "name": "测试"})
                if r.status != 503 or time.monotonic() - started > 5:
                    break
                time.sleep(0.05)
            self.assertEqual(r.status, 200, r)
            self.wait_for_date(admins[1], path, expected)


    def lb_client(self, token=None):
        return Client(self.nginx.port, token=token)

    def test_nginx_spreads_requests_over_all_three(self):
        before = len(self.nginx.access())
        for _ in range(30):
            r = self.lb.get("/api/v1/session")
            self.assertEqual(r.status, 200, r)
        seen = {}
        for method, uri, status, ports in self.nginx.access()[before:]:
            if uri == "/api/v1/session":
                seen[ports[-1]] = seen.get(ports[-1], 0) + 1
        self.assertEqual(set(seen), {d.port for d in self.daemons}, seen)
        self.assertEqual(sum(seen.values()), 30)
        print(f"threedaemons: 30 requests through nginx answered by the daemons {sorted(seen.values())}",
              flush=True)

    def test_a_session_works_across_daemons(self):
        ogictl(self.dbname, "user", "add", "threeclerk", "--role", "clerk", "--body", str(self.body),
               "--password-stdin", input=PW + "\n", check=False)
        c = self.lb_client()
        c.login("threeclerk", PW)
        # the cookie opened through whichever daemon nginx chose is honoured by each directly
        for d in self.daemons:
            direct = d.client()
            direct.cookie = c.cookie
            r = direct.get("/api/v1/session")
            self.assertEqual(r.status, 200, r)
            self.assertEqual(r.json["username"], "threeclerk", r.json)
        # a write with it through one daemon, and through nginx (with its Origin)
        direct = self.c.client()
        direct.cookie = c.cookie
        r = direct.post("/api/v1/requests", intake(self.body))
        self.assertEqual(r.status, 201, r)
        r = c.post("/api/v1/requests", intake(self.body))
        self.assertEqual(r.status, 201, r)
        # logged out through nginx: the session is over on every daemon
        r = c.delete("/api/v1/session")
        self.assertLess(r.status, 300, r)
        for d in self.daemons:
            r = d.client().request("GET", "/api/v1/session", headers={"Cookie": f"ogi_session={direct.cookie}"})
            self.assertEqual(r.status, 401, r)

    def test_a_write_through_one_is_read_through_another(self):
        for w in range(3):
            r = self.via[w].post("/api/v1/requests", intake(self.body))
            self.assertEqual(r.status, 201, r)
            rid = r.json["id"]
            for other in range(3):
                if other == w:
                    continue
                got = self.via[other].get(f"/api/v1/requests/{rid}")
                self.assertEqual(got.status, 200, got)
                self.assertEqual(got.json["tracking_no"], r.json["tracking_no"])
                # the list may be read on the standby (another daemon did not see the write):
                # it has the row as soon as the standby replayed it, within --replica-max-lag
                wait_for(f"request {rid} listed through ogid {other + 1}",
                         lambda: any(x["id"] == rid for x in self.via[other].get(
                             f"/api/v1/requests?body_id={self.body}&limit=200").json["requests"]), 10)
            # and through nginx, whichever daemon answers
            got = self.lb.get(f"/api/v1/requests/{rid}")
            self.assertEqual(got.status, 200, got)
            self.assertEqual(got.json["id"], rid)

    def test_connections_fit_the_sizing_rule(self):
        """docs/operations.md: each daemon holds at most db-connections + 1 (LISTEN) + 1 (the replica
        monitor) + max-uploads connections to the primary, and db-connections + 1 to each standby."""
        # use every worker of every daemon a little, so that the pools are opened
        threads = [threading.Thread(target=lambda c=c: [c.get("/api/v1/requests?limit=5") for _ in range(10)])
                   for c in self.via for _ in range(DB_CONNECTIONS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        on_primary = int(psql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                              "AND pid <> pg_backend_pid()", self.dbname))
        on_standby = int(self.standby.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                          "AND pid <> pg_backend_pid()"))
        alive = sum(1 for d in self.daemons if d.proc.poll() is None)
        print(f"threedaemons: {alive} daemons hold {on_primary} connections to the primary (rule: at most "
              f"{alive * (DB_CONNECTIONS + 2 + MAX_UPLOADS)}) and {on_standby} to the standby "
              f"(at most {alive * (DB_CONNECTIONS + 1)})", flush=True)
        self.assertGreaterEqual(on_primary, alive)
        self.assertLessEqual(on_primary, alive * (DB_CONNECTIONS + 2 + MAX_UPLOADS))
        self.assertLessEqual(on_standby, alive * (DB_CONNECTIONS + 1))

    def test_z_one_daemon_killed_behind_nginx(self):
        """Clients read and register through nginx while the third daemon is killed: a read never
        gets a 5xx (nginx passes it to the next daemon); a registration in flight at the kill may get
        502 (nginx does not send a POST that reached a daemon again) and is retried with its
        Idempotency-Key; once the daemon is gone no client sees a 5xx."""
        killed_at = [None]
        log = []  # (started, method, status)
        lock = threading.Lock()
        stop = threading.Event()
        rid = self.lb.post("/api/v1/requests", intake(self.body)).json["id"]

        def one(method, path, body=None, key=None):
            started = time.monotonic()
            conn = http.client.HTTPConnection("127.0.0.1", self.nginx.port, timeout=60)
            h = {"Authorization": f"Bearer {self.token}"}
            data = None
            if body is not None:
                data = json.dumps(body, ensure_ascii=False).encode()
                h.update({"Content-Type": "application/json", "Idempotency-Key": key})
            try:
                conn.request(method, path, body=data, headers=h)
                r = conn.getresponse()
                status, payload = r.status, r.read()
            finally:
                conn.close()
            with lock:
                log.append((started, method, status))
            return status, payload

        acked = {}

        def writer(n):
            i = 0
            while not stop.is_set():
                i += 1
                key = f"z-{n}-{i}"
                for _ in range(20):
                    status, payload = one("POST", "/api/v1/requests", intake(self.body), key)
                    if status == 201:
                        acked[key] = json.loads(payload)["id"]
                        break

        def reader():
            while not stop.is_set():
                one("GET", f"/api/v1/requests/{rid}")
                one("GET", "/api/v1/requests?limit=5")

        threads = [threading.Thread(target=writer, args=(n,)) for n in range(3)] + \
                  [threading.Thread(target=reader) for _ in range(3)]
        for t in threads:
            t.start()
        try:
            wait_for("traffic through all three", lambda: len(log) >= 60, 60)
            self.c.kill()
            killed_at[0] = time.monotonic()
            wait_for("traffic after the kill", lambda: sum(1 for x in log if x[0] > killed_at[0]) >= 150, 120)
        finally:
            stop.set()
            for t in threads:
                t.join(90)
        after = [x for x in log if x[0] > killed_at[0]]
        self.assertEqual([x for x in log if x[1] == "GET" and x[2] >= 500], [])
        self.assertEqual([x for x in after if x[2] >= 500], [])
        self.assertLessEqual({x[2] for x in log}, {200, 201, 502})
        # every registration acknowledged is stored, once (a retried one was not registered twice)
        self.assertGreater(len(acked), 0)
        ids = ",".join(str(i) for i in acked.values())
        self.assertEqual(len(set(acked.values())), len(acked))
        self.assertEqual(psql(f"SELECT count(*) FROM requests WHERE id IN ({ids})", self.dbname), str(len(acked)))
        # Whether nginx met the dead daemon during the traffic depends on what was in flight at
        # the kill (a POST there is answered 502 and leaves the daemon out for FAIL_TIMEOUT without
        # passing anything on).  Once that window is over nginx tries the daemon again: a quiet
        # client's reads are then passed on to the next daemon and never see a 5xx.
        dead = self.c.port

        def passed_on():
            return [ports for _, _, _, ports in self.nginx.access() if dead in ports and len(ports) > 1]
        time.sleep(FAIL_TIMEOUT + 0.5)
        for _ in range(30):
            if passed_on():
                break
            status, _ = one("GET", f"/api/v1/requests/{rid}")
            self.assertEqual(status, 200)
        tried = passed_on()
        self.assertTrue(tried, "nginx never passed a request on from the killed daemon")
        print(f"threedaemons: {len(log)} requests through nginx, {len(after)} after the kill (no 5xx), "
              f"{sum(1 for x in log if x[2] == 502)} registrations in flight answered 502 and retried, "
              f"{len(tried)} passed on from the killed daemon", flush=True)


if __name__ == "__main__":
    main()
