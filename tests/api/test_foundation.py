"""The daemon's foundation over real HTTP: health, errors as problem+json,
limits, first start, sessions, tokens, the Origin check, ogictl."""
import os
import socket
import stat
import subprocess
import time
import unittest

from ogitest import OgidTestCase, Ogid, create_database, drop_database, ogictl, main, conninfo, OGID


class Foundation(OgidTestCase):
    def test_health_and_readiness(self):
        c = self.ogid.client()
        r = c.get("/healthz")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.json["status"], "ok")
        r = c.get("/readyz")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["status"], "ready")

    def test_openapi_document_is_served(self):
        r = self.ogid.client().get("/api/v1/openapi.yaml")
        self.assertEqual(r.status, 200)
        self.assertIn(b"openapi: 3.0", r.body)
        self.assertIn("yaml", r.header("Content-Type"))

    def test_every_route_is_in_the_openapi_document(self):
        """The contract keeps up with the route table: each method and path of
        daemon/core/routes.c is documented in api/openapi.yaml."""
        import re
        from ogitest import SOURCE
        with open(os.path.join(SOURCE, "daemon", "core", "routes.c"), encoding="utf-8") as f:
            routes = re.findall(r'\{"(GET|POST|PUT|PATCH|DELETE)", "([^"]+)"', f.read())
        self.assertGreater(len(routes), 20)
        doc = self.ogid.client().get("/api/v1/openapi.yaml").body.decode("utf-8")
        documented, path = set(), None
        for line in doc.splitlines():
            m = re.match(r"^  (/\S*):\s*$", line)
            if m:
                path = m.group(1)
                continue
            m = re.match(r"^    (get|post|put|patch|delete):", line)
            if m and path:
                documented.add((m.group(1).upper(), path))
        missing = [r for r in routes if r not in documented]
        self.assertEqual(missing, [], "routes missing from api/openapi.yaml")

    def test_unknown_route_is_404_problem(self):
        p = self.assertProblem(self.admin.get("/api/v1/nothing-here"), 404, "not_found")
        self.assertIn("/api/v1/nothing-here", p["detail"])

    def test_wrong_method_is_405_with_allow(self):
        r = self.admin.request("PATCH", "/api/v1/session")
        self.assertProblem(r, 405, "method_not_allowed")
        allow = r.header("Allow")
        for m in ("POST", "GET", "DELETE"):
            self.assertIn(m, allow)

    def test_body_over_one_mib_is_413_without_reading_it(self):
        # announce 10 MB but send only a few bytes: ogid must answer at once
        s = socket.create_connection(("127.0.0.1", self.ogid.port), timeout=10)
        s.sendall(b"POST /api/v1/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 10485760\r\n\r\n{\"label\":")
        data = s.recv(4096)
        s.close()
        self.assertTrue(data.startswith(b"HTTP/1.1 413"), data[:80])
        self.assertIn(b"body_too_large", data)

    def test_body_over_one_mib_chunked_is_413(self):
        # no Content-Length: ogid counts as it reads and refuses past 1 MiB
        s = socket.create_connection(("127.0.0.1", self.ogid.port), timeout=30)
        s.sendall(b"POST /api/v1/tokens HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  b"Transfer-Encoding: chunked\r\n\r\n")
        chunk = b"x" * 65536
        try:
            for _ in range(17):
                s.sendall(b"%x\r\n" % len(chunk) + chunk + b"\r\n")
            s.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass
        data = s.recv(4096)
        s.close()
        self.assertTrue(data.startswith(b"HTTP/1.1 413"), data[:80])

    def test_malformed_json_is_400(self):
        r = self.admin.post("/api/v1/tokens", raw=b"{\"label\": ", headers={"Content-Type": "application/json"})
        self.assertProblem(r, 400, "malformed_json")
        r = self.admin.post("/api/v1/tokens", raw=b"{\"label\":\"a\",\"label\":\"b\"}",
                            headers={"Content-Type": "application/json"})
        self.assertProblem(r, 400, "malformed_json")

    def test_unknown_field_is_400_naming_it(self):
        r = self.admin.post("/api/v1/tokens", {"lable": "typo"})
        p = self.assertProblem(r, 400, "invalid_input", field="lable")
        self.assertEqual(p["errors"][0]["code"], "unknown_field")

    def test_wrong_type_names_field(self):
        r = self.admin.post("/api/v1/tokens", {"label": 12})
        self.assertProblem(r, 400, "invalid_input", field="label")

    def test_non_json_content_type_is_415(self):
        r = self.admin.post("/api/v1/tokens", raw=b"label=x",
                            headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertProblem(r, 415, "unsupported_media_type")

    def test_english_titles_on_request(self):
        r = self.admin.get("/api/v1/nothing", headers={"Accept-Language": "en-US"})
        self.assertEqual(r.json["title"], "not found")
        r = self.admin.get("/api/v1/nothing")
        self.assertEqual(r.json["title"], "资源不存在")

    def test_security_headers(self):
        r = self.ogid.client().get("/healthz")
        self.assertEqual(r.header("X-Content-Type-Options"), "nosniff")
        self.assertEqual(r.header("Referrer-Policy"), "no-referrer")
        self.assertIn("frame-ancestors 'none'", r.header("Content-Security-Policy"))

    def test_first_start_password_file(self):
        path = os.path.join(self.ogid.data_dir, "initial-admin-password")
        st = os.stat(path)
        self.assertEqual(stat.S_IMODE(st.st_mode), 0o600)
        with open(path) as f:
            self.assertEqual(f.read().strip(), self.ogid.admin_password)

    def test_second_start_creates_no_second_admin(self):
        other = Ogid(self.dbname)
        other.start()
        try:
            self.assertIsNone(other.admin_password)
            users = self.admin.get("/api/v1/users").json["users"]
            self.assertEqual([u["username"] for u in users].count("admin"), 1)
        finally:
            other.stop()

    def test_login_cookie_attributes_and_logout(self):
        c = self.ogid.client()
        r = c.login("admin", self.ogid.admin_password)
        cookie = r.header("Set-Cookie")
        self.assertIn("HttpOnly", cookie)
        self.assertIn("SameSite=Strict", cookie)
        self.assertEqual(c.get("/api/v1/session").json["username"], "admin")
        old = c.cookie
        self.assertEqual(c.delete("/api/v1/session").status, 204)
        c.cookie = old  # the old cookie must no longer work
        self.assertProblem(c.get("/api/v1/session"), 401, "unauthenticated")

    def test_login_rotates_the_session(self):
        c = self.ogid.client()
        c.login("admin", self.ogid.admin_password)
        first = c.cookie
        c.login("admin", self.ogid.admin_password)
        self.assertNotEqual(first, c.cookie)
        stale = self.ogid.client()
        stale.cookie = first
        self.assertProblem(stale.get("/api/v1/session"), 401)

    def test_bad_password_and_throttling(self):
        ogictl(self.dbname, "user", "add", "victim", "--role", "clerk", "--body", "1", "--password-stdin",
               input="correct horse battery\n")
        c = self.ogid.client()
        for _ in range(5):
            self.assertProblem(c.post("/api/v1/session", {"username": "victim", "password": "wrong wrong"}),
                               401, "bad_credentials")
        r = c.post("/api/v1/session", {"username": "victim", "password": "correct horse battery"})
        self.assertProblem(r, 429, "login_throttled")
        self.assertTrue(r.header("Retry-After"))

    def test_unknown_user_is_401_like_wrong_password(self):
        r = self.ogid.client().post("/api/v1/session", {"username": "nobody", "password": "x"})
        self.assertProblem(r, 401, "bad_credentials")

    def test_cookie_write_needs_origin(self):
        c = self.ogid.client()
        c.login("admin", self.ogid.admin_password)
        r = c.post("/api/v1/tokens", {"label": "x"}, headers={"Origin": "http://evil.example"})
        self.assertProblem(r, 403, "origin_mismatch")

    def test_tokens_api_and_revocation(self):
        r = self.admin.post("/api/v1/tokens", {"label": "nightly script"})
        self.assertEqual(r.status, 201, r)
        token, tid = r.json["token"], r.json["id"]
        script = self.ogid.client(token=token)
        self.assertEqual(script.get("/api/v1/session").json["via"], "token")
        listed = self.admin.get("/api/v1/tokens").json["tokens"]
        self.assertIn(tid, [t["id"] for t in listed])
        self.assertNotIn("token", listed[0])
        self.assertEqual(self.admin.delete(f"/api/v1/tokens/{tid}").status, 204)
        self.assertProblem(script.get("/api/v1/session"), 401, "unauthenticated")
        self.assertProblem(self.admin.delete(f"/api/v1/tokens/{tid}"), 404)

    def test_ogictl_body_user_token(self):
        body = ogictl(self.dbname, "body", "add", "某某街道办事处", "--parent", "1", "--code", "JD-TEST").stdout.strip()
        self.assertTrue(body.isdigit())
        ogictl(self.dbname, "user", "add", "clerk1", "--role", "clerk", "--body", body, "--password-stdin",
               input="a long enough password\n")
        token = ogictl(self.dbname, "token", "create", "clerk1").stdout.strip()
        c = self.ogid.client(token=token)
        me = c.get("/api/v1/session").json
        self.assertEqual(me["username"], "clerk1")
        self.assertEqual(me["roles"], [{"body_id": int(body), "role": "clerk"}])
        # the clerk sees its street office only, not the district above it
        bodies = c.get("/api/v1/bodies").json["bodies"]
        self.assertEqual([b["id"] for b in bodies], [int(body)])
        # and is not an admin
        self.assertProblem(c.get("/api/v1/users"), 403, "forbidden")
        r = ogictl(self.dbname, "user", "add", "clerk1", "--role", "clerk", "--body", body, "--password-stdin",
                   input="a long enough password\n", check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("already exists", r.stderr)

    def test_users_api_and_audit(self):
        r = self.admin.post("/api/v1/users", {"username": "handler1", "password": "another long password",
                                              "roles": [{"body_id": 1, "role": "handler"}]})
        self.assertEqual(r.status, 201, r)
        r = self.admin.post("/api/v1/users", {"username": "handler1", "password": "another long password",
                                              "roles": [{"body_id": 1, "role": "handler"}]})
        self.assertProblem(r, 409, "username_taken")
        r = self.admin.post("/api/v1/users", {"username": "h2", "password": "short",
                                              "roles": [{"body_id": 1, "role": "boss"}]})
        self.assertProblem(r, 400, "invalid_input", field="password")
        from ogitest import psql
        n = psql("SELECT count(*) FROM audit_log WHERE entity = 'user' AND new_value->>'username' = 'handler1'",
                 self.dbname)
        self.assertEqual(n, "1")
        r = subprocess.run(["psql", "-X", "-d", conninfo(self.dbname), "-c", "DELETE FROM audit_log"],
                           capture_output=True, text=True)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("append-only", r.stderr)

    def test_access_log_has_no_query_strings(self):
        self.admin.get("/api/v1/bodies?q=11010519491231002X")
        time.sleep(0.2)
        with open(self.ogid.log_path, "rb") as f:
            log = f.read().decode("utf-8", "replace")
        self.assertRegex(log, r"GET /api/v1/bodies 200 \d+us")
        self.assertNotIn("11010519491231002X", log)


class OldSchema(unittest.TestCase):
    def test_refuses_to_start_on_old_schema(self):
        from ogitest import skip_without_cluster
        skip_without_cluster(None)
        db = create_database("old")
        try:
            o = Ogid(db)
            self.assertFalse(o.start(expect_ok=False))
            o.stop()
            with open(o.log_path) as f:
                self.assertIn("ogictl migrate", f.read())
        finally:
            drop_database(db)


if __name__ == "__main__":
    main()
