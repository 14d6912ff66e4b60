"""Security over real HTTP and real PostgreSQL: cookie sessions (HttpOnly,
SameSite=Strict, stored hashed, rotated at login, ended at logout and after
idle time), the Origin check of state-changing requests, login throttling
per (username, address) and per address, revocable tokens, the security headers on
every kind of response, and history tables that even ogid's own database
role cannot change (privileges) and nobody can (trigger)."""
import hashlib
import subprocess
import time

from ogitest import Ogid, OgidTestCase, conninfo, main, ogictl, psql

PASSWORD = "a good long password"


def psql_as_app(sql, dbname):
    """Runs sql as ogid's requests do: with the privileges of ogi_app only."""
    return subprocess.run(["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-d", conninfo(dbname),
                           "-c", "SET ROLE ogi_app", "-c", sql], capture_output=True, text=True)


class Sessions(OgidTestCase):
    ogid_env = {"OGI_SESSION_IDLE_SECONDS": "3"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.body = int(ogictl(cls.dbname, "body", "add", "安全测试街道", "--parent", "1").stdout)
        for name, role in (("secclerk", "clerk"), ("secadmin", "admin"), ("victim", "clerk"), ("bystander", "clerk"),
                           ("deskclerk", "clerk")):
            ogictl(cls.dbname, "user", "add", name, "--role", role, "--body", str(cls.body), "--password-stdin",
                   input=PASSWORD + "\n")

    def login(self, username="secclerk", source=None):
        c = self.ogid.client(source=source)
        r = c.login(username, PASSWORD)
        return c, r

    def test_cookie_attributes_and_storage(self):
        c, r = self.login()
        cookie = r.header("Set-Cookie")
        self.assertRegex(cookie, r"^ogi_session=[A-Za-z0-9_-]{43}; ")
        for attribute in ("HttpOnly", "SameSite=Strict", "Path=/"):
            self.assertIn(attribute, cookie.split("; "))
        self.assertNotIn("Secure", cookie)  # plain HTTP on loopback
        # a client's own X-Forwarded-Proto is no trusted proxy's word (test_security2.py: with one)
        r = self.ogid.client().post("/api/v1/session", {"username": "secclerk", "password": PASSWORD},
                                    headers={"X-Forwarded-Proto": "https"})
        self.assertNotIn("Secure", r.header("Set-Cookie").split("; "))
        self.assertIsNone(r.header("Strict-Transport-Security"))
        # the database holds the token's SHA-256, never the token
        digest = hashlib.sha256(c.cookie.encode()).hexdigest()
        self.assertEqual(psql(f"SELECT count(*) FROM sessions WHERE token_hash = '\\x{digest}'::bytea",
                              self.dbname), "1")
        self.assertEqual(psql(f"SELECT count(*) FROM sessions WHERE position('{c.cookie}' in "
                              f"encode(token_hash, 'escape')) > 0", self.dbname), "0")

    def test_login_rotates_and_never_adopts_a_cookie(self):
        c, _ = self.login()
        before = c.cookie
        c.login("secclerk", PASSWORD)
        self.assertNotEqual(c.cookie, before)
        stale = self.ogid.client()
        stale.cookie = before
        self.assertProblem(stale.get("/api/v1/session"), 401, "unauthenticated")
        # a cookie planted by someone else (session fixation) is not taken over by a login
        planted = self.ogid.client()
        planted.cookie = "A" * 43
        planted.login("secclerk", PASSWORD)
        self.assertNotEqual(planted.cookie, "A" * 43)

    def test_logout_expires_the_cookie(self):
        c, _ = self.login()
        old = c.cookie
        r = c.delete("/api/v1/session")
        self.assertEqual(r.status, 204)
        self.assertIn("Max-Age=0", r.header("Set-Cookie"))
        c.cookie = old
        self.assertProblem(c.get("/api/v1/session"), 401, "unauthenticated")

    def test_idle_session_expires(self):
        c, _ = self.login()
        # in use, it lives on past the idle time (each use counts, however short that time)
        for _ in range(5):
            self.assertEqual(c.get("/api/v1/session").status, 200)
            time.sleep(1)
        time.sleep(4)  # OGI_SESSION_IDLE_SECONDS=3
        p = self.assertProblem(c.get("/api/v1/session"), 401, "unauthenticated")
        self.assertIn("expired", p["detail"])

    def test_origin_check_of_state_changing_requests(self):
        c, _ = self.login()
        own = f"http://127.0.0.1:{self.ogid.port}"
        self.assertEqual(c.post("/api/v1/tokens", {"label": "ok"}, headers={"Origin": own}).status, 201)
        for origin in (None, "http://evil.example", "null", f"http://127.0.0.1:{self.ogid.port}.evil.example"):
            raw = self.raw_post("/api/v1/tokens", b'{"label":"csrf"}', c.cookie, origin)
            self.assertTrue(raw.startswith(b"HTTP/1.1 403"), (origin, raw[:200]))
            self.assertIn(b"origin_mismatch", raw)
        # reading needs no Origin
        self.assertEqual(self.raw_get("/api/v1/session", c.cookie)[:12], b"HTTP/1.1 200")
        # logging out is a change too
        self.assertTrue(self.raw_delete("/api/v1/session", c.cookie).startswith(b"HTTP/1.1 403"))
        self.assertEqual(c.get("/api/v1/session").status, 200, "the refused logout ended the session")
        # an X-Forwarded-Host from the client itself proves nothing (issue 19 item 7; behind a
        # trusted proxy the Origin may name the forwarded host: test_security2.py)
        raw = self.raw_post("/api/v1/tokens", b'{"label":"proxy"}', c.cookie, "https://ogi.example.gov.cn",
                            extra=b"X-Forwarded-Host: ogi.example.gov.cn\r\n")
        self.assertTrue(raw.startswith(b"HTTP/1.1 403"), raw[:200])
        # a script with a token sends no Origin and is fine; another site's page is not
        token = c.post("/api/v1/tokens", {"label": "script"}).json["token"]
        script = self.ogid.client(token=token)
        self.assertEqual(script.post("/api/v1/tokens", {"label": "from script"}).status, 201)
        r = script.post("/api/v1/tokens", {"label": "x"}, headers={"Origin": "http://evil.example"})
        self.assertProblem(r, 403, "origin_mismatch")
        # nor may another site's page log a browser in (login CSRF)
        r = self.ogid.client().post("/api/v1/session", {"username": "secclerk", "password": PASSWORD},
                                    headers={"Origin": "http://evil.example"})
        self.assertProblem(r, 403, "origin_mismatch")

    def raw(self, request):
        import socket
        s = socket.create_connection(("127.0.0.1", self.ogid.port), timeout=30)
        s.sendall(request)
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        s.close()
        return data

    def raw_post(self, path, body, cookie, origin, extra=b""):
        o = b"Origin: " + origin.encode() + b"\r\n" if origin else b""
        return self.raw(b"POST " + path.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n" % self.ogid.port + o +
                        b"Cookie: ogi_session=" + cookie.encode() + b"\r\nContent-Type: application/json\r\n" +
                        extra + b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body) + body)

    def raw_get(self, path, cookie):
        return self.raw(b"GET " + path.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n" % self.ogid.port +
                        b"Cookie: ogi_session=" + cookie.encode() + b"\r\nConnection: close\r\n\r\n")

    def raw_delete(self, path, cookie):
        return self.raw(b"DELETE " + path.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n" % self.ogid.port +
                        b"Cookie: ogi_session=" + cookie.encode() + b"\r\nConnection: close\r\n\r\n")

    def test_login_throttled_per_username_and_address(self):
        # five failures for one name, from one address …
        attacker = self.ogid.client(source="127.0.0.2")
        for _ in range(5):
            self.assertProblem(attacker.post("/api/v1/session", {"username": "victim", "password": "wrong guess!"}),
                               401, "bad_credentials")
        # … slow that address down for that name, even with the right password …
        r = attacker.post("/api/v1/session", {"username": "victim", "password": PASSWORD})
        p = self.assertProblem(r, 429, "login_throttled")
        self.assertTrue(0 < int(r.header("Retry-After")) <= 15)
        self.assertTrue(p["title_zh"] and p["title_en"])
        # … but not the owner elsewhere (the lockout of a name from everywhere is gone)
        _, r = self.login("victim", source="127.0.0.3")
        self.assertEqual(r.status, 201, r)
        # and other users are not affected at the attacker's address
        self.login("bystander", source="127.0.0.2")

    def test_a_desk_is_not_locked_out_by_guesses_elsewhere(self):
        # someone who knows the clerk's username guesses from elsewhere …
        attacker = self.ogid.client(source="127.0.0.7")
        for _ in range(8):
            r = attacker.post("/api/v1/session", {"username": "deskclerk", "password": "wrong guess!"})
            self.assertIn(r.status, (401, 429), r)
        self.assertProblem(attacker.post("/api/v1/session", {"username": "deskclerk", "password": PASSWORD}),
                           429, "login_throttled")
        # … which never keeps the clerk waiting at a desk, used before or not
        for desk in ("127.0.0.6", "127.0.0.8"):
            _, r = self.login("deskclerk", source=desk)
            self.assertEqual(r.status, 201, r)
        # guessing at the desk itself is throttled like anywhere else
        desk = self.ogid.client(source="127.0.0.6")
        for _ in range(5):
            self.assertProblem(desk.post("/api/v1/session", {"username": "deskclerk", "password": "wrong guess!"}),
                               401, "bad_credentials")
        self.assertProblem(desk.post("/api/v1/session", {"username": "deskclerk", "password": PASSWORD}),
                           429, "login_throttled")

    def test_login_throttled_per_address(self):
        # thirty failures from one address, each for another name …
        attacker = self.ogid.client(source="127.0.0.4")
        for i in range(30):
            attacker.post("/api/v1/session", {"username": f"guess{i}", "password": "wrong guess!"})
        # … stop that address, even for a real user with the right password
        r = attacker.post("/api/v1/session", {"username": "secadmin", "password": PASSWORD})
        self.assertProblem(r, 429, "login_throttled")
        # the same user from elsewhere logs in
        self.login("secadmin", source="127.0.0.5")

    def test_tokens_are_revocable(self):
        admin, _ = self.login("secadmin")
        clerk, _ = self.login("secclerk")
        mine = clerk.post("/api/v1/tokens", {"label": "clerk script"}).json
        theirs = admin.post("/api/v1/tokens", {"label": "admin script"}).json
        script = self.ogid.client(token=mine["token"])
        self.assertEqual(script.get("/api/v1/session").json["username"], "secclerk")
        # stored hashed; listed without the secret
        digest = hashlib.sha256(mine["token"].encode()).hexdigest()
        self.assertEqual(psql(f"SELECT count(*) FROM api_tokens WHERE token_hash = '\\x{digest}'::bytea",
                              self.dbname), "1")
        self.assertNotIn(mine["token"], clerk.get("/api/v1/tokens").body.decode())
        # a clerk cannot revoke an administrator's token (nor learn that it exists)
        self.assertProblem(clerk.delete(f"/api/v1/tokens/{theirs['id']}"), 404, "not_found")
        # the administrator of the clerk's body can revoke the clerk's
        self.assertEqual(admin.delete(f"/api/v1/tokens/{mine['id']}").status, 204)
        self.assertProblem(script.get("/api/v1/session"), 401, "unauthenticated")
        self.assertProblem(script.post("/api/v1/tokens", {"label": "again"}), 401, "unauthenticated")
        self.assertProblem(admin.delete(f"/api/v1/tokens/{mine['id']}"), 404, "not_found")
        revoked = [t for t in clerk.get("/api/v1/tokens").json["tokens"] if t["id"] == mine["id"]]
        self.assertIsNotNone(revoked[0]["revoked_at"])
        # one's own token: revoked by oneself
        self.assertEqual(admin.delete(f"/api/v1/tokens/{theirs['id']}").status, 204)

    def test_security_headers_on_every_response(self):
        admin, _ = self.login("secadmin")
        c = self.ogid.client()
        index = c.get("/")
        cases = {
            "static file": index,
            "static 304": c.get("/", headers={"If-None-Match": index.header("ETag")}),
            "script": c.get("/js/app.js"),
            "healthz": c.get("/healthz"),
            "openapi": c.get("/api/v1/openapi.yaml"),
            "metrics": c.get("/metrics"),
            "404": c.get("/api/v1/nothing"),
            "405": c.request("PATCH", "/api/v1/session"),
            "401": c.get("/api/v1/requests"),
            "400": admin.post("/api/v1/tokens", raw=b"{", headers={"Content-Type": "application/json"}),
            "415": admin.post("/api/v1/tokens", raw=b"x", headers={"Content-Type": "text/plain"}),
            "403": admin.post("/api/v1/tokens", {}, headers={"Origin": "http://evil.example"}),
            "413": c.post("/api/v1/session", raw=b"{}", headers={"Content-Length": "20000000"}),
            "201": admin.post("/api/v1/tokens", {"label": "h"}),
            "200 json": admin.get("/api/v1/requests"),
            "csv": admin.get("/api/v1/requests.csv"),
            "204": self.login("secadmin")[0].delete("/api/v1/session"),
        }
        for name, r in cases.items():
            with self.subTest(name):
                self.assertSecurityHeaders(r)
        self.assertEqual(cases["static 304"].status, 304)
        self.assertEqual(cases["413"].status, 413)


class History(OgidTestCase):
    """The event log and the audit log: append-only for ogid's role by privilege, for
    everyone (the owner too) by trigger."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        r = cls.admin.post("/api/v1/requests", {
            "body_id": 1, "channel": "in_person", "received_on": "2025-03-03",
            "applicant": {"kind": "natural_person", "name": "李四"},
            "description": "历史记录测试", "form": {"medium": "paper", "delivery": "pickup"}})
        assert r.status == 201, r
        cls.rid = r.json["id"]
        r = cls.admin.post(f"/api/v1/requests/{cls.rid}/events", {"type": "note", "on": "2025-03-04", "text": "x"})
        assert r.status == 201, r

    def test_ogid_role_cannot_change_history(self):
        for table in ("request_events", "audit_log"):
            for sql in (f"UPDATE {table} SET id = id", f"DELETE FROM {table}", f"TRUNCATE {table}"):
                with self.subTest(sql):
                    r = psql_as_app(sql, self.dbname)
                    self.assertNotEqual(r.returncode, 0, sql)
                    self.assertIn("permission denied", r.stderr)
            # reading and appending is what ogid does
            self.assertEqual(psql_as_app(f"SELECT count(*) > 0 FROM {table}", self.dbname).returncode, 0)
        r = psql_as_app(f"INSERT INTO request_events (request_id, body_id, type, on_date, actor) "
                        f"VALUES ({self.rid}, 1, 'note', '2025-03-05', 'test') RETURNING id", self.dbname)
        self.assertEqual(r.returncode, 0, r.stderr)
        # nor can it make tables, or hand itself more (a GRANT by a non-owner grants nothing)
        for sql in ("CREATE TABLE sneaky (x int)", "ALTER TABLE request_events DISABLE TRIGGER USER",
                    "GRANT UPDATE ON request_events TO ogi_app", "RESET ROLE; UPDATE request_events SET id = id"):
            with self.subTest(sql):
                r = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", conninfo(self.dbname),
                                    "-c", "SET ROLE ogi_app", "-c", sql], capture_output=True, text=True)
                if sql.startswith("GRANT"):
                    self.assertIn("no privileges were granted", r.stderr)
                elif sql.startswith("RESET"):
                    # the test's login is a superuser: RESET ROLE restores it, and then the trigger
                    # still refuses (a login of ogid's own has nothing to reset to: see below)
                    self.assertIn("append-only", r.stderr)
                else:
                    self.assertNotEqual(r.returncode, 0, sql)
        self.assertEqual(psql("SELECT has_table_privilege('ogi_app', 'request_events', 'UPDATE')", self.dbname), "f")

    def test_owner_is_refused_by_the_trigger(self):
        for table in ("request_events", "audit_log"):
            # CASCADE: not the foreign keys of other tables but the trigger refuses
            for sql in (f"UPDATE {table} SET id = id", f"DELETE FROM {table}", f"TRUNCATE {table} CASCADE"):
                with self.subTest(sql):
                    r = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", conninfo(self.dbname),
                                        "-c", sql], capture_output=True, text=True)
                    self.assertNotEqual(r.returncode, 0)
                    self.assertIn("append-only", r.stderr)

    def test_privileges_follow_the_tables(self):
        """What a table's refusing trigger (a function named refuse_…) forbids, ogi_app is not
        granted, on today's tables and on any later migration's; everything else it may do."""
        refused = {}
        for line in psql("SELECT t.tgrelid::regclass::text, bit_or(t.tgtype::int) FROM pg_trigger t "
                         "JOIN pg_proc p ON p.oid = t.tgfoid WHERE p.proname LIKE 'refuse%' AND NOT t.tgisinternal "
                         "GROUP BY 1", self.dbname).splitlines():
            table, bits = line.split("|")
            refused[table] = {"UPDATE": int(bits) & 16 != 0, "DELETE": int(bits) & 8 != 0}
        self.assertEqual(refused["request_events"], {"UPDATE": True, "DELETE": True})
        self.assertEqual(refused["audit_log"], {"UPDATE": True, "DELETE": True})
        rows = psql("SELECT c.relname, has_table_privilege('ogi_app', c.oid, 'SELECT'), "
                    "has_table_privilege('ogi_app', c.oid, 'INSERT'), "
                    "has_table_privilege('ogi_app', c.oid, 'UPDATE'), "
                    "has_table_privilege('ogi_app', c.oid, 'DELETE'), "
                    "has_table_privilege('ogi_app', c.oid, 'TRUNCATE') "
                    "FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'",
                    self.dbname)
        for line in rows.splitlines():
            table, select, insert, update, delete, truncate = line.split("|")
            with self.subTest(table):
                self.assertEqual((select, truncate), ("t", "f"))
                if table == "schema_migrations":
                    self.assertEqual((insert, update, delete), ("f", "f", "f"))
                    continue
                self.assertEqual(insert, "t")
                r = refused.get(table, {"UPDATE": False, "DELETE": False})
                self.assertEqual(update, "f" if r["UPDATE"] else "t")
                self.assertEqual(delete, "f" if r["DELETE"] else "t")
        facts = psql("SELECT rolsuper, rolcreaterole, rolcreatedb, rolcanlogin FROM pg_roles "
                     "WHERE rolname = 'ogi_app'", self.dbname)
        self.assertEqual(facts, "f|f|f|f")
        self.assertEqual(psql("SELECT has_schema_privilege('ogi_app', 'public', 'CREATE')", self.dbname), "f")

    def test_ogid_with_a_login_of_its_own(self):
        """The external setup of docs/operations.md: ogid's login holds only ogi_app."""
        psql("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ogid_least') THEN "
             "CREATE ROLE ogid_least LOGIN NOINHERIT IN ROLE ogi_app; END IF; END $$")
        psql("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'ogid_nobody') THEN "
             "CREATE ROLE ogid_nobody LOGIN; END IF; END $$")
        o = Ogid(self.dbname, conninfo_override=conninfo(self.dbname) + " user=ogid_least")
        o.start()
        try:
            c = o.client()
            c.login("admin", self.ogid.admin_password)
            r = c.post("/api/v1/requests", {
                "body_id": 1, "channel": "email", "received_on": "2025-03-03",
                "applicant": {"kind": "other_org", "name": "某协会"},
                "description": "最小权限", "form": {"medium": "electronic", "delivery": "email"}})
            self.assertEqual(r.status, 201, r)
            rid = r.json["id"]
            self.assertEqual(c.post(f"/api/v1/requests/{rid}/events",
                                    {"type": "note", "on": "2025-03-04", "text": "ok"}).status, 201)
            users = psql("SELECT DISTINCT usename FROM pg_stat_activity WHERE application_name = 'ogid' "
                         f"AND datname = '{self.dbname}' AND usename = 'ogid_least'", self.dbname)
            self.assertEqual(users, "ogid_least")
            # that login has nothing to RESET ROLE back to
            r = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d",
                                conninfo(self.dbname) + " user=ogid_least", "-c", "RESET ROLE",
                                "-c", "UPDATE request_events SET id = id"], capture_output=True, text=True)
            self.assertIn("permission denied", r.stderr)
        finally:
            o.stop()
        with open(o.log_path) as f:
            self.assertNotIn("warning: the database login", f.read())
        # a login that is not a member of ogi_app is refused at start, with the remedy
        o = Ogid(self.dbname, conninfo_override=conninfo(self.dbname) + " user=ogid_nobody")
        self.assertFalse(o.start(expect_ok=False))
        o.stop()
        with open(o.log_path) as f:
            log = f.read()
        self.assertIn("cannot take the database role ogi_app", log)
        self.assertIn("GRANT ogi_app", log)

    def test_superuser_login_is_warned_about(self):
        with open(self.ogid.log_path) as f:
            self.assertRegex(f.read(), r"warning: the database login \S+ is a superuser; requests still run "
                                       r"as the role ogi_app")


if __name__ == "__main__":
    main()
