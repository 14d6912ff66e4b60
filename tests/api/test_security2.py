"""Issue 19, items 4-8 and what must work 4 and 6, each reproducing the attack first:

Tokens      a password reset or change, or deactivating and reactivating a user, ends its bearer
            tokens (item 4), each revocation audited.
Passwords   ten spaces, 1234567890, password12 and the username twice are refused, naming the
            field and the rule in Chinese and English; guessing the current password on
            PUT /session/password is throttled like a login (item 5).
Throttle    40 concurrent wrong logins for one user get no more real checks than the free tries;
            a good login clears only its own address's count; admins see and clear throttles
            (item 6).
Http        raw sockets: two Content-Lengths, a NUL after a bearer token, %00 in a {date}, HTTP/1.2,
            Content-Encoding on a body, a Content-Type that is not exactly JSON, 8 KB of cookies
            (item 7) — each a clean problem+json with the security headers.
Proxy       --trusted-proxy: Forwarded / X-Forwarded-* believed from that peer only; Secure and
            HSTS when it says https (what must work 4, item 7's X-Forwarded-Host).
Lifetime    a session in use ends at its absolute lifetime (what must work 6).
Sessions    a user lists and ends their own sessions (what must work 6).
Unchecked   submitted_on years before received_on, a hearing in 2100, <script> in the Markdown
            report (item 8).

Each prints the figures it checked (requests by answer)."""
import collections
import json
import socket
import threading
import time

from ogitest import OgidTestCase, ogictl, psql, main

PW = "a good long password"


def raw_request(port, payload, source=None, timeout=15):
    """Sends payload on a fresh connection; what came back until ogid closed it."""
    s = socket.socket()
    if source:
        s.bind((source, 0))
    s.settimeout(timeout)
    s.connect(("127.0.0.1", port))
    data = b""
    try:
        s.sendall(payload)
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    except (ConnectionResetError, socket.timeout):
        pass
    finally:
        s.close()
    return data


class Raw:
    """One HTTP response read off a socket: status, headers (lower-case names), body."""

    def __init__(self, data):
        head, _, self.body = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        self.status_line = lines[0]
        self.status = int(lines[0].split()[1]) if len(lines[0].split()) > 1 else 0
        self.headers = {}
        for line in lines[1:]:
            k, _, v = line.partition(":")
            self.headers.setdefault(k.strip().lower(), v.strip())
        self.responses = data.count(b"HTTP/1.1 ")

    def header(self, name):
        return self.headers.get(name.lower())

    @property
    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def __repr__(self):
        return f"<{self.status_line} {self.body[:200]!r}>"


class Figures:
    """Answers counted by status, printed when the class ends."""

    def __init__(self, name):
        self.name = name
        self.counts = collections.Counter()

    def add(self, status):
        self.counts[status] += 1

    def show(self):
        parts = ", ".join(f"{k}: {v}" for k, v in sorted(self.counts.items()))
        print(f"\n{self.name}: {sum(self.counts.values())} requests ({parts})")


class Base(OgidTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.figures = Figures(cls.__name__)
        cls.street = int(ogictl(cls.dbname, "body", "add", "甲街道办事处", "--parent", "1").stdout)
        cls.other = int(ogictl(cls.dbname, "body", "add", "乙街道办事处", "--parent", "1").stdout)

    @classmethod
    def tearDownClass(cls):
        cls.figures.show()
        super().tearDownClass()

    @classmethod
    def add(cls, name, role="clerk", body=None):
        r = ogictl(cls.dbname, "user", "add", name, "--role", role, "--body", str(body or cls.street),
                   "--password-stdin", input=PW + "\n")
        return int(r.stdout.split()[0])

    def counted(self, r):
        self.figures.add(r.status)
        return r

    def login(self, name, password=PW, source=None, headers=None):
        c = self.ogid.client(source=source)
        r = self.counted(c.post("/api/v1/session", {"username": name, "password": password}, headers=headers))
        return c, r

    def sql(self, query):
        return psql(query, self.dbname)

    def raw(self, payload, source=None):
        r = Raw(raw_request(self.ogid.port, payload, source))
        self.figures.add(r.status)
        return r

    def assertRawProblem(self, r, status, code=None, field=None):
        """A problem+json answer with the security headers, and the connection closed after it."""
        self.assertEqual(r.status, status, r)
        self.assertTrue(r.header("content-type").startswith("application/problem+json"), r.headers)
        for name, value in (("x-content-type-options", "nosniff"), ("x-frame-options", "DENY"),
                            ("referrer-policy", "no-referrer")):
            self.assertEqual(r.header(name), value, r.headers)
        self.assertIn("frame-ancestors 'none'", r.header("content-security-policy") or "")
        p = r.json
        self.assertTrue(p["title_zh"] and p["title_en"], p)
        if code:
            self.assertEqual(p["code"], code, p)
        if field:
            errors = {e["field"]: e for e in p.get("errors", [])}
            self.assertIn(field, errors, p)
            self.assertTrue(errors[field]["message_zh"] and errors[field]["message_en"], p)
        return p


class Tokens(Base):
    """Item 4: tokens outlived a password reset or change, and came back with a reactivation."""

    def token(self, c, label="script"):
        r = self.counted(c.post("/api/v1/tokens", {"label": label}))
        self.assertEqual(r.status, 201, r)
        return r.json

    def works(self, token):
        return self.counted(self.ogid.client(token=token).get("/api/v1/session")).status == 200

    def revocations(self, uid):
        return self.sql("SELECT new_value->>'reason' FROM audit_log WHERE entity = 'token' AND action = 'revoke' "
                        f"AND (new_value->>'user_id')::bigint = {uid} ORDER BY id").splitlines()

    def test_an_admins_reset_ends_the_tokens(self):
        uid = self.add("tok_reset")
        c, _ = self.login("tok_reset")
        one, two = self.token(c, "one")["token"], self.token(c, "two")["token"]
        self.assertTrue(self.works(one) and self.works(two))
        r = self.counted(self.admin.patch(f"/api/v1/users/{uid}", {"password": "the reset pass phrase"}))
        self.assertEqual(r.status, 200, r)
        self.assertFalse(self.works(one), "a token outlived the password reset")
        self.assertFalse(self.works(two))
        self.assertEqual(self.revocations(uid), ["password reset", "password reset"])
        self.assertIn('"tokens_revoked": 2', self.sql(
            f"SELECT new_value::text FROM audit_log WHERE entity = 'user' AND entity_id = '{uid}' "
            "AND action = 'update' ORDER BY id DESC LIMIT 1"))

    def test_ones_own_change_ends_the_other_tokens(self):
        uid = self.add("tok_own")
        c, _ = self.login("tok_own")
        a, b = self.token(c, "a")["token"], self.token(c, "b")["token"]
        # changed by a script with token a: a goes on (as the session in use would), b ends
        r = self.counted(self.ogid.client(token=a).put(
            "/api/v1/session/password", {"current_password": PW, "new_password": "my second pass phrase"}))
        self.assertEqual(r.status, 204, r)
        self.assertTrue(self.works(a))
        self.assertFalse(self.works(b))
        self.assertProblem(c.get("/api/v1/session"), 401)  # and the browser's session ended
        # changed in the browser: every token ends
        c, _ = self.login("tok_own", "my second pass phrase")
        r = self.counted(c.put("/api/v1/session/password",
                               {"current_password": "my second pass phrase", "new_password": "my third pass phrase"}))
        self.assertEqual(r.status, 204, r)
        self.assertFalse(self.works(a))
        self.assertEqual(c.get("/api/v1/session").status, 200)
        self.assertEqual(self.revocations(uid), ["password changed", "password changed"])

    def test_deactivate_then_reactivate_brings_no_token_back(self):
        uid = self.add("tok_inactive")
        c, _ = self.login("tok_inactive")
        t = self.token(c)["token"]
        self.assertEqual(self.counted(self.admin.patch(f"/api/v1/users/{uid}", {"active": False})).status, 200)
        self.assertFalse(self.works(t))
        self.assertEqual(self.counted(self.admin.patch(f"/api/v1/users/{uid}", {"active": True})).status, 200)
        self.assertFalse(self.works(t), "the token worked again after the reactivation")
        self.assertEqual(self.revocations(uid), ["deactivated"])
        listed = self.login("tok_inactive")[0].get("/api/v1/tokens").json["tokens"]
        self.assertIsNotNone(listed[0]["revoked_at"])

    def test_ogictl_passwd_ends_the_tokens(self):
        uid = self.add("tok_ctl")
        c, _ = self.login("tok_ctl")
        t = self.token(c)["token"]
        ogictl(self.dbname, "user", "passwd", "tok_ctl", "--password-stdin", input="set by the operator\n")
        self.assertFalse(self.works(t))
        self.assertEqual(self.revocations(uid), ["password reset"])


class Passwords(Base):
    """Item 5: only the length was checked, and the current password could be guessed freely."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.add("pw_victim")

    def test_the_issues_passwords_are_refused(self):
        cases = [("          ", "blank"), ("1234567890", "digits_only"), ("password12", "common"),
                 ("pw_newbiepw_newbie", "username"), ("P@ssw0rd2024!", "common"), ("qwertyuiop", "sequence"),
                 ("abcabcabcabc", "repeated"), ("13812345678", "digits_only")]
        for password, code in cases:
            with self.subTest(password=password):
                r = self.counted(self.admin.post("/api/v1/users", {
                    "username": "pw_newbie", "password": password, "roles": [{"body_id": self.street, "role": "clerk"}]}))
                p = self.assertProblem(r, 400, "invalid_input", field="password")
                e = next(e for e in p["errors"] if e["field"] == "password")
                self.assertEqual(e["code"], code, e)
        self.assertEqual(self.sql("SELECT count(*) FROM users WHERE username = 'pw_newbie'"), "0")
        # a good one still passes
        r = self.counted(self.admin.post("/api/v1/users", {
            "username": "pw_newbie", "password": "a desk by the window", "roles": [{"body_id": self.street, "role": "clerk"}]}))
        self.assertEqual(r.status, 201, r)
        # PATCH knows the username only once it has found the user
        uid = r.json["id"]
        p = self.assertProblem(self.counted(self.admin.patch(f"/api/v1/users/{uid}", {"password": "pw_newbie2024"})),
                               400, "invalid_input", field="password")
        self.assertEqual(p["errors"][0]["code"], "username")
        self.assertIn("用户名", p["errors"][0]["message_zh"])
        # one's own change, and ogictl, apply the same rule
        c, _ = self.login("pw_newbie", "a desk by the window")
        p = self.assertProblem(self.counted(c.put("/api/v1/session/password", {
            "current_password": "a desk by the window", "new_password": "password12"})), 400, field="new_password")
        self.assertEqual(p["errors"][0]["code"], "common")
        r = ogictl(self.dbname, "user", "add", "pw_ctl", "--role", "clerk", "--body", str(self.street),
                   "--password-stdin", input="1234567890\n", check=False)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("digits only", r.stderr)

    def test_guessing_the_current_password_is_throttled(self):
        stolen, _ = self.login("pw_victim", source="127.0.0.21")  # a session someone else holds
        for i in range(5):
            r = self.counted(stolen.put("/api/v1/session/password",
                                        {"current_password": f"guess number {i}", "new_password": "the thief's phrase"}))
            self.assertProblem(r, 400, "invalid_input", field="current_password")
        r = self.counted(stolen.put("/api/v1/session/password",
                                    {"current_password": PW, "new_password": "the thief's phrase"}))
        self.assertProblem(r, 429, "login_throttled")
        self.assertGreater(int(r.header("Retry-After")), 0)
        # the owner at their own desk is not kept waiting
        own, _ = self.login("pw_victim", source="127.0.0.22")
        r = self.counted(own.put("/api/v1/session/password",
                                 {"current_password": PW, "new_password": "the owner's new phrase"}))
        self.assertEqual(r.status, 204, r)


class Throttle(Base):
    """Item 6: a race let 8 of 40 concurrent guesses past a limit of 5; one good login cleared
    every address's failures; the lockout kept the owner out; admins could not see any of it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for name, role, body in (("th_race", "clerk", cls.street), ("th_owner", "clerk", cls.street),
                                 ("th_streetadmin", "admin", cls.street), ("th_otheradmin", "admin", cls.other),
                                 ("th_clerk", "clerk", cls.street)):
            cls.add(name, role, body)

    def test_forty_concurrent_guesses_get_five_real_checks(self):
        results = []
        lock = threading.Lock()
        start = threading.Barrier(40)

        def guess():
            c = self.ogid.client(source="127.0.0.31")
            start.wait()
            r = c.post("/api/v1/session", {"username": "th_race", "password": "a wrong guess!"})
            with lock:
                results.append(r.status)

        threads = [threading.Thread(target=guess) for _ in range(40)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for s in results:
            self.figures.add(s)
        counts = collections.Counter(results)
        print(f"\n40 concurrent wrong logins: {dict(counts)}")
        self.assertEqual(counts[401] + counts[429], 40, counts)
        self.assertEqual(counts[401], 5, f"real checks past the limit of 5: {counts}")
        self.assertEqual(self.sql("SELECT attempts FROM login_throttles WHERE username = 'th_race' "
                                  "AND address = '127.0.0.31'"), "5")

    def test_a_good_login_clears_only_its_own_address(self):
        for address in ("127.0.0.32", "127.0.0.33"):
            for _ in range(4):
                self.assertProblem(self.login("th_owner", "wrong guess!", source=address)[1], 401)
        _, r = self.login("th_owner", source="127.0.0.33")
        self.assertEqual(r.status, 201, r)
        # .33 starts afresh; .32 keeps its four: one more try, then a wait
        self.assertEqual(self.sql("SELECT address || ':' || attempts FROM login_throttles "
                                  "WHERE username = 'th_owner' ORDER BY address"), "127.0.0.32:4")
        self.assertProblem(self.login("th_owner", "wrong guess!", source="127.0.0.32")[1], 401)
        self.assertProblem(self.login("th_owner", source="127.0.0.32")[1], 429, "login_throttled")
        for _ in range(5):
            self.assertProblem(self.login("th_owner", "wrong guess!", source="127.0.0.33")[1], 401)

    def test_a_day_forgets(self):
        for i in range(3):
            self.login(f"guessed_name_{i}", "wrong guess!", source="127.0.0.36")
        self.sql("UPDATE login_throttles SET last_at = now() - interval '25 hours', "
                 "first_at = now() - interval '25 hours' WHERE address = '127.0.0.36'")
        self.login("guessed_name_x", "wrong guess!", source="127.0.0.37")  # any attempt prunes a few
        self.assertEqual(self.sql("SELECT count(*) FROM login_throttles WHERE address = '127.0.0.36'"), "0")

    def test_admins_see_and_clear_throttles(self):
        for _ in range(6):
            self.login("th_clerk", "wrong guess!", source="127.0.0.34")
        self.login("nobody_at_all", "wrong guess!", source="127.0.0.34")
        listed = lambda c: {(t["kind"], t["username"], t["address"]): t
                            for t in self.counted(c.get("/api/v1/throttles")).json["throttles"]}
        top = listed(self.admin)
        mine = top[("login", "th_clerk", "127.0.0.34")]
        self.assertEqual(mine["attempts"], 5)  # the sixth was throttled before it counted
        self.assertGreater(mine["retry_after_seconds"], 0)
        self.assertIsNotNone(mine["user_id"])
        self.assertIn(("login", "nobody_at_all", "127.0.0.34"), top)
        self.assertIn(("address", None, "127.0.0.34"), top)
        # the admin of the user's body sees the user's, not the address's nor a stranger's
        street, _ = self.login("th_streetadmin")
        seen = listed(street)
        self.assertIn(("login", "th_clerk", "127.0.0.34"), seen)
        self.assertNotIn(("address", None, "127.0.0.34"), seen)
        self.assertNotIn(("login", "nobody_at_all", "127.0.0.34"), seen)
        # another office's admin sees none of them, and cannot clear it
        other, _ = self.login("th_otheradmin")
        self.assertNotIn(("login", "th_clerk", "127.0.0.34"), listed(other))
        self.assertProblem(self.counted(other.delete(f"/api/v1/throttles/{mine['id']}")), 404, "not_found")
        # a clerk may not look
        clerk, _ = self.login("th_clerk", source="127.0.0.35")
        self.assertProblem(self.counted(clerk.get("/api/v1/throttles")), 403, "forbidden")
        # cleared by the street's admin: the clerk logs in at that desk at once, and it is audited
        self.assertEqual(self.counted(street.delete(f"/api/v1/throttles/{mine['id']}")).status, 204)
        _, r = self.login("th_clerk", source="127.0.0.34")
        self.assertEqual(r.status, 201, r)
        uid = mine["user_id"]
        self.assertIn("clear throttle", self.sql(
            f"SELECT action FROM audit_log WHERE entity = 'user' AND entity_id = '{uid}' ORDER BY id"))
        self.assertProblem(self.counted(street.delete(f"/api/v1/throttles/{mine['id']}")), 404)


class Http(Base):
    """Item 7: the leniencies of the HTTP layer, over raw sockets."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.add("http_admin", "admin", 1)
        c = cls.ogid.client()
        c.login("http_admin", PW)
        cls.cookie = c.cookie
        cls.token = c.post("/api/v1/tokens", {"label": "raw"}).json["token"]

    def head(self, method, path, extra=b"", version=b"HTTP/1.1"):
        return (method + b" " + path + b" " + version + b"\r\nHost: 127.0.0.1:%d\r\n" % self.ogid.port + extra +
                b"Connection: close\r\n")

    def login_body(self):
        return json.dumps({"username": "http_admin", "password": PW}).encode()

    def sessions(self):
        return int(self.sql("SELECT count(*) FROM sessions"))

    def test_two_different_content_lengths(self):
        body = self.login_body()
        before = self.sessions()
        r = self.raw(self.head(b"POST", b"/api/v1/session",
                               b"Content-Type: application/json\r\nContent-Length: %d\r\nContent-Length: 2\r\n"
                               % len(body)) + b"\r\n" + body)
        self.assertRawProblem(r, 400, "request_framing")
        self.assertEqual(r.header("connection"), "close")
        self.assertEqual(r.responses, 1, "the rest was not read as another request")
        r = self.raw(self.head(b"POST", b"/api/v1/session", b"Content-Type: application/json\r\nContent-Length: %d\r\n"
                               b"Transfer-Encoding: chunked\r\n" % len(body)) + b"\r\n" + body)
        self.assertRawProblem(r, 400, "request_framing")
        r = self.raw(self.head(b"POST", b"/api/v1/session", b"Content-Type: application/json\r\n"
                               b"Transfer-Encoding: gzip\r\n") + b"\r\n" + body)
        self.assertRawProblem(r, 400, "request_framing")
        self.assertEqual(self.sessions(), before, "no login happened")
        # the same length twice is one length (RFC 9112 6.3)
        r = self.raw(self.head(b"POST", b"/api/v1/session", b"Content-Type: application/json\r\nContent-Length: %d\r\n"
                               b"Content-Length: %d\r\n" % (len(body), len(body))) + b"\r\n" + body)
        self.assertEqual(r.status, 201, r)

    def test_a_header_of_one_value_given_twice(self):
        # two Hosts, two credentials, two body types: a proxy and ogid could each take another one
        # (RFC 9110 5.3; RFC 9112 3.2: two Hosts are a 400)
        body = self.login_body()
        before = self.sessions()
        r = self.raw(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
        self.assertRawProblem(r, 400, "invalid_input", field="Host")
        r = self.raw(self.head(b"GET", b"/api/v1/session", b"Authorization: Bearer " + self.token.encode() +
                               b"\r\nAuthorization: Bearer " + b"x" * 43 + b"\r\n") + b"\r\n")
        self.assertRawProblem(r, 401, "unauthenticated")
        r = self.raw(self.head(b"POST", b"/api/v1/session", b"Content-Type: application/json\r\n"
                               b"Content-Type: text/plain\r\nContent-Length: %d\r\n" % len(body)) + b"\r\n" + body)
        self.assertRawProblem(r, 400, "invalid_input", field="Content-Type")
        self.assertEqual(self.sessions(), before, "no login happened")
        r = self.raw(self.head(b"GET", b"/api/v1/session", b"Authorization: Bearer " + self.token.encode() +
                               b"\r\n") + b"\r\n")
        self.assertEqual(r.status, 200, r)

    def test_a_nul_or_control_after_a_bearer_token(self):
        for tail in (b"\x00", b"\x00junk", b"\x01", b"\x7f", b"\x0bx"):
            with self.subTest(tail=tail):
                r = self.raw(self.head(b"GET", b"/api/v1/session", b"Authorization: Bearer " + self.token.encode() +
                                       tail + b"\r\n") + b"\r\n")
                self.assertRawProblem(r, 401, "unauthenticated")
        for bad in (self.token[:-1], self.token + "A", "x" * 43 + "!"):
            r = self.raw(self.head(b"GET", b"/api/v1/session", b"Authorization: Bearer " + bad.encode() + b"\r\n") +
                         b"\r\n")
            self.assertRawProblem(r, 401, "unauthenticated")
        r = self.raw(self.head(b"GET", b"/api/v1/session", b"Authorization: Bearer " + self.token.encode() + b"\r\n") +
                     b"\r\n")
        self.assertEqual(r.status, 200, r)
        # a NUL in any other header, or a cookie: 400 naming it
        r = self.raw(self.head(b"GET", b"/healthz", b"X-Note: ok\x00hidden\r\n") + b"\r\n")
        self.assertRawProblem(r, 400, "invalid_input", field="X-Note")
        r = self.raw(self.head(b"GET", b"/api/v1/session", b"Cookie: ogi_session=" + self.cookie.encode() +
                               b"\x00x\r\n") + b"\r\n")
        self.assertRawProblem(r, 400, "invalid_input", field="Cookie")
        r = self.raw(self.head(b"GET", b"/healthz", b"X-Folded: one\r\n two\r\n") + b"\r\n")
        self.assertRawProblem(r, 400, "invalid_input")

    def test_a_control_character_in_the_path(self):
        day = lambda: self.sql("SELECT count(*) FROM calendar_days WHERE day = '2024-03-01'")
        before = day()
        body = b'{"kind":"holiday","name":"x"}'
        for path in (b"/api/v1/calendar/days/2024-03-01%00junk", b"/api/v1/calendar/days/2024-03-01%00",
                     b"/api/v1/calendar/days/2024-03-01%0a", b"/api/v1/calendar/days/2024-03-01%1F"):
            with self.subTest(path=path):
                r = self.raw(self.head(b"PUT", path, b"Authorization: Bearer " + self.token.encode() + b"\r\n"
                                       b"Content-Type: application/json\r\nContent-Length: %d\r\n" % len(body)) +
                             b"\r\n" + body)
                self.assertRawProblem(r, 400, "invalid_input", field="path")
        self.assertEqual(day(), before, "the calendar was changed")
        r = self.raw(self.head(b"GET", b"/api/v1/requests?q=a%00b", b"Authorization: Bearer " +
                               self.token.encode() + b"\r\n") + b"\r\n")
        self.assertRawProblem(r, 400, "invalid_input", field="query")
        r = self.raw(self.head(b"GET", b"/heal\x01thz") + b"\r\n")
        self.assertRawProblem(r, 400, "invalid_input", field="path")

    def test_http_versions(self):
        for version in (b"HTTP/1.2", b"HTTP/1.9"):
            r = self.raw(self.head(b"GET", b"/healthz", version=version) + b"\r\n")
            self.assertRawProblem(r, 505, "http_version_not_supported")
        r = self.raw(self.head(b"GET", b"/healthz", version=b"HTTP/2.0") + b"\r\n")
        self.assertEqual(r.status, 505, r)  # libmicrohttpd's own answer
        for version in (b"HTTP/1.0", b"HTTP/1.1"):
            self.assertEqual(self.raw(self.head(b"GET", b"/healthz", version=version) + b"\r\n").status, 200)

    def test_a_content_encoding_on_a_body(self):
        body = self.login_body()
        for coding in (b"gzip", b"deflate", b"br", b"identity, gzip"):
            r = self.raw(self.head(b"POST", b"/api/v1/session", b"Content-Type: application/json\r\n"
                                   b"Content-Encoding: " + coding + b"\r\nContent-Length: %d\r\n" % len(body)) +
                         b"\r\n" + body)
            self.assertRawProblem(r, 415, "unsupported_content_encoding")
        r = self.raw(self.head(b"POST", b"/api/v1/session", b"Content-Type: application/json\r\n"
                               b"Content-Encoding: identity\r\nContent-Length: %d\r\n" % len(body)) + b"\r\n" + body)
        self.assertEqual(r.status, 201, r)

    def test_content_type_exactly_json(self):
        body = self.login_body()
        post = lambda ct: self.raw(self.head(b"POST", b"/api/v1/session", (b"Content-Type: " + ct + b"\r\n" if ct else b"") +
                                             b"Content-Length: %d\r\n" % len(body)) + b"\r\n" + body)
        for ct in (None, b"application/jsonx", b"application/json-patch+json", b"text/plain",
                   b"application/json; charset=gbk", b"application/json; charset=utf-8; x=1",
                   b"application/x-www-form-urlencoded", b"multipart/form-data; boundary=x"):
            with self.subTest(ct=ct):
                self.assertRawProblem(post(ct), 415, "unsupported_media_type")
        for ct in (b"application/json", b"Application/JSON", b"application/json; charset=utf-8",
                   b"application/json;charset=UTF-8", b'application/json; charset="utf-8"'):
            with self.subTest(ct=ct):
                self.assertEqual(post(ct).status, 201)
        # the calendar import takes a holiday-cn JSON or an iCalendar file, nothing else
        year = b'{"year":2031,"days":[]}'
        for ct in (b"text/plain", b"application/x-www-form-urlencoded", b"multipart/form-data; boundary=x", None):
            r = self.raw(self.head(b"POST", b"/api/v1/calendar/import", b"Authorization: Bearer " +
                                   self.token.encode() + b"\r\n" + (b"Content-Type: " + ct + b"\r\n" if ct else b"") +
                                   b"Content-Length: %d\r\n" % len(year)) + b"\r\n" + year)
            p = self.assertRawProblem(r, 415, "body_type_not_accepted")
            self.assertIn("text/calendar", p["detail"])
        r = self.raw(self.head(b"POST", b"/api/v1/calendar/import", b"Authorization: Bearer " + self.token.encode() +
                               b"\r\nContent-Type: application/json\r\nContent-Length: %d\r\n" % len(year)) +
                     b"\r\n" + year)
        self.assertRawProblem(r, 400, "invalid_input", field="file")  # read, and found no year

    def test_eight_kilobytes_of_cookies(self):
        shapes = {"the smallest": b"a;" * 4096,
                  "many small": b"; ".join(b"c%d=v" % i for i in range(1400)),
                  "few large": b"; ".join(b"big%d=" % i + b"x" * 2000 for i in range(4)),
                  "one huge": b"x=" + b"y" * 8192}
        for name, cookies in shapes.items():
            with self.subTest(shape=name):
                self.assertGreaterEqual(len(cookies), 8000)
                r = self.raw(self.head(b"GET", b"/healthz", b"Cookie: " + cookies + b"\r\n") + b"\r\n")
                self.assertRawProblem(r, 431, "header_too_large")
                self.assertEqual(r.header("connection"), "close")
        # a browser's ordinary cookies are fine
        r = self.raw(self.head(b"GET", b"/healthz", b"Cookie: a=1; b=2; ogi_lang=zh\r\n") + b"\r\n")
        self.assertEqual(r.status, 200, r)


class Proxy(Base):
    """What must work 4, item 7: X-Forwarded-Host was trusted from any client for the Origin
    check.  127.0.0.41 is the trusted reverse proxy here; 127.0.0.42 a client speaking directly."""
    ogid_args = ("--trusted-proxy", "127.0.0.41", "--trusted-proxy", "10.0.0.0/8")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.add("px_user")

    def post_token(self, source, origin, extra=b""):
        c = self.ogid.client(source=source)
        c.login("px_user", PW)
        body = b'{"label":"proxied"}'
        return self.raw(b"POST /api/v1/tokens HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nOrigin: " % self.ogid.port +
                        origin + b"\r\nCookie: ogi_session=" + c.cookie.encode() +
                        b"\r\nContent-Type: application/json\r\n" + extra +
                        b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body) + body, source=source)

    def test_forwarded_host_only_from_the_trusted_proxy(self):
        fwd = b"X-Forwarded-Host: ogi.example.gov.cn\r\n"
        self.assertEqual(self.post_token("127.0.0.41", b"https://ogi.example.gov.cn", fwd).status, 201)
        self.assertRawProblem(self.post_token("127.0.0.42", b"https://ogi.example.gov.cn", fwd), 403,
                              "origin_mismatch")
        r = self.post_token("127.0.0.41", b"https://ogi.example.gov.cn",
                            b'Forwarded: for=203.0.113.9;host=ogi.example.gov.cn;proto=https\r\n')
        self.assertEqual(r.status, 201, r)
        # the proxy names the host: the Host header it sends along no longer counts
        self.assertRawProblem(self.post_token("127.0.0.41", b"http://127.0.0.1:%d" % self.ogid.port, fwd), 403)

    def test_https_from_the_proxy_gives_secure_and_hsts(self):
        for source, proto, secure in (("127.0.0.41", "https", True), ("127.0.0.42", "https", False),
                                      ("127.0.0.41", "http", False)):
            with self.subTest(source=source, proto=proto):
                c, r = self.login("px_user", source=source, headers={"X-Forwarded-Proto": proto})
                self.assertEqual(r.status, 201, r)
                self.assertEqual("Secure" in r.header("Set-Cookie").split("; "), secure, r.headers)
                hsts = r.header("Strict-Transport-Security")
                self.assertEqual(hsts is not None, secure, r.headers)
                if secure:
                    self.assertEqual(hsts, "max-age=31536000")
                    later = c.get("/healthz", headers={"X-Forwarded-Proto": "https"})
                    self.assertEqual(later.header("Strict-Transport-Security"), "max-age=31536000")

    def test_the_client_address_only_from_the_trusted_proxy(self):
        behind = lambda ip: {"X-Forwarded-For": ip}
        # through the proxy, each client's address counts for itself
        for _ in range(5):
            self.assertProblem(self.login("px_user", "wrong guess!", "127.0.0.41", behind("203.0.113.9"))[1], 401)
        self.assertProblem(self.login("px_user", PW, "127.0.0.41", behind("203.0.113.9"))[1], 429)
        c, r = self.login("px_user", PW, "127.0.0.41", behind("203.0.113.10"))
        self.assertEqual(r.status, 201, r)
        self.assertEqual([s["address"] for s in c.get("/api/v1/sessions").json["sessions"] if s["current"]],
                         ["203.0.113.10"])
        # a client speaking directly cannot pick its address by writing the header itself
        for i in range(5):
            self.assertProblem(self.login("px_user", "wrong guess!", "127.0.0.42", behind(f"198.51.100.{i}"))[1],
                               401)
        self.assertProblem(self.login("px_user", PW, "127.0.0.42", behind("198.51.100.99"))[1], 429)
        self.assertEqual(self.sql("SELECT count(*) FROM login_throttles WHERE address LIKE '198.51.100.%'"), "0")


class Lifetime(Base):
    """What must work 6: a session lived as long as it was used; now it has an absolute lifetime."""
    ogid_env = {"OGI_SESSION_LIFETIME_SECONDS": "3", "OGI_SESSION_IDLE_SECONDS": "600"}

    def test_a_busy_session_ends_at_its_lifetime(self):
        self.add("life_user")
        c, r = self.login("life_user")
        self.assertEqual(r.json["lifetime_seconds"], 3)
        for _ in range(6):  # used every half second, never idle
            self.counted(c.get("/api/v1/session"))
            time.sleep(0.5)
        time.sleep(1)
        p = self.assertProblem(self.counted(c.get("/api/v1/session")), 401, "unauthenticated")
        self.assertIn("expired", p["detail"])
        self.assertEqual(self.login("life_user")[1].status, 201)


class Sessions(Base):
    """What must work 6: a user lists and ends their own sessions and tokens."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.add("ss_user")
        cls.add("ss_other")

    def test_list_and_end_ones_own_sessions(self):
        desk, _ = self.login("ss_user", source="127.0.0.51", headers={"User-Agent": "Desk browser 1.0"})
        phone, _ = self.login("ss_user", source="127.0.0.52", headers={"User-Agent": "Phone \xe2\x80\x94 browser"})
        other, _ = self.login("ss_other")
        r = self.counted(desk.get("/api/v1/sessions"))
        self.assertEqual(r.status, 200, r)
        listed = r.json["sessions"]
        self.assertEqual(len(listed), 2, listed)
        self.assertEqual(r.json["lifetime_seconds"], 43200)
        mine = {s["address"]: s for s in listed}
        self.assertTrue(mine["127.0.0.51"]["current"])
        self.assertFalse(mine["127.0.0.52"]["current"])
        self.assertEqual(mine["127.0.0.51"]["user_agent"], "Desk browser 1.0")
        for key in ("created_at", "last_seen", "expires_at"):
            self.assertTrue(mine["127.0.0.52"][key], key)
        self.assertNotIn(desk.cookie, r.body.decode())
        # another user's session is nobody's to end but theirs
        theirs = self.counted(other.get("/api/v1/sessions")).json["sessions"][0]["id"]
        self.assertProblem(self.counted(desk.delete(f"/api/v1/sessions/{theirs}")), 404, "not_found")
        self.assertEqual(other.get("/api/v1/session").status, 200)
        # the phone left signed in is signed out from the desk
        self.assertEqual(self.counted(desk.delete(f"/api/v1/sessions/{mine['127.0.0.52']['id']}")).status, 204)
        self.assertProblem(phone.get("/api/v1/session"), 401)
        self.assertProblem(self.counted(desk.delete(f"/api/v1/sessions/{mine['127.0.0.52']['id']}")), 404)
        # ending the session in use is logging out
        r = self.counted(desk.delete(f"/api/v1/sessions/{mine['127.0.0.51']['id']}"))
        self.assertEqual(r.status, 204)
        self.assertIn("Max-Age=0", r.header("Set-Cookie"))
        # tokens: listed and revoked by their owner
        c, _ = self.login("ss_user")
        t = c.post("/api/v1/tokens", {"label": "mine"}).json
        self.assertEqual([x["id"] for x in c.get("/api/v1/tokens").json["tokens"]], [t["id"]])
        self.assertEqual(self.counted(c.delete(f"/api/v1/tokens/{t['id']}")).status, 204)
        self.assertProblem(self.ogid.client(token=t["token"]).get("/api/v1/session"), 401)


class Unchecked(Base):
    """Item 8: a submission years before its receipt, a hearing in 9999 (and 2100), <script> in
    the Markdown report."""
    ogid_env = {"OGI_TODAY": "2026-01-20"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.add("un_clerk", "clerk")
        cls.add("un_approver", "approver")
        cls.add("un_admin", "admin")

    def intake(self, **kw):
        body = {"body_id": self.street, "channel": "post_registered", "received_on": "2026-01-05",
                "applicant": {"kind": "natural_person", "name": "张三"}, "description": "某项目的审批文件",
                "form": {"medium": "paper", "delivery": "post"}}
        body.update(kw)
        return body

    def test_a_submission_years_before_the_receipt(self):
        c, _ = self.login("un_clerk")
        before = self.sql("SELECT count(*) FROM requests")
        p = self.assertProblem(self.counted(c.post("/api/v1/requests", self.intake(submitted_on="2007-12-31"))), 400,
                               "invalid_input", field="submitted_on")
        self.assertEqual(p["errors"][0]["code"], "too_early")
        self.assertIn("一年", p["errors"][0]["message_zh"])
        self.assertEqual(self.sql("SELECT count(*) FROM requests"), before, "nothing stored")
        r = self.counted(c.post("/api/v1/requests", self.intake(submitted_on="2025-12-29")))
        self.assertEqual(r.status, 201, r)

    def test_a_hearing_far_from_its_filing(self):
        c, _ = self.login("un_clerk")
        rid = self.counted(c.post("/api/v1/requests", self.intake(received_on="2025-11-03"))).json["id"]
        ap, _ = self.login("un_approver")
        r = self.counted(ap.post(f"/api/v1/requests/{rid}/events", {"type": "replied", "on": "2025-11-20",
                                                                     "outcome": "disclosed", "delivered_on": "2025-11-21"}))
        self.assertEqual(r.status, 201, r)
        r = self.counted(c.post(f"/api/v1/requests/{rid}/litigations",
                                {"filed_on": "2026-01-10", "court": "某区人民法院", "route": "direct"}))
        self.assertEqual(r.status, 201, r)
        path = f"/api/v1/requests/{rid}/litigations/{r.json['id']}/instances/1"
        self.assertProblem(self.counted(c.patch(path, {"hearing_on": "9999-12-31"})), 400, field="hearing_on")
        p = self.assertProblem(self.counted(c.patch(path, {"hearing_on": "2100-12-31"})), 400, field="hearing_on")
        self.assertEqual(p["errors"][0]["code"], "too_late")
        self.assertEqual(self.sql("SELECT count(*) FROM litigation_instances WHERE hearing_on IS NOT NULL"), "0")
        r = self.counted(c.patch(path, {"hearing_on": "2026-03-16"}))
        self.assertEqual(r.status, 200, r)

    def test_the_markdown_report_escapes_its_inputs(self):
        admin, _ = self.login("un_admin")
        text = "<script>alert(1)</script> & [点此](javascript:alert(1))\n# 标题\n1. 列表 *强调* `代码` a|b"
        r = self.counted(admin.put(f"/api/v1/reports/annual/2025/{self.street}/inputs", {"text": {"overview": text}}))
        self.assertEqual(r.status, 200, r)
        r = self.counted(admin.get(f"/api/v1/reports/annual?year=2025&body_id={self.street}&type=md"))
        self.assertEqual(r.status, 200, r)
        md = r.body.decode()
        self.assertNotIn("<script>", md)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt; &amp; \\[点此\\](javascript:alert(1))", md)
        self.assertIn("\n\\# 标题\n", md)
        self.assertIn("\n1\\. 列表 \\*强调\\* \\`代码\\` a\\|b\n", md)
        # and as before in HTML and CSV
        html = self.counted(admin.get(f"/api/v1/reports/annual?year=2025&body_id={self.street}&type=html")).body
        self.assertNotIn(b"<script>alert", html)


if __name__ == "__main__":
    main()
