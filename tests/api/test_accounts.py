"""Looking after accounts: an admin renames, deactivates, reactivates and
resets the password of a user and revokes a role; a user changes their own
password; the last administrator cannot be removed; every change is in the
audit log; an admin of one street office cannot touch another's staff."""
import json

from ogitest import OgidTestCase, ogictl, psql, main

PW = "a good long password"


class Accounts(OgidTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.street = int(ogictl(cls.dbname, "body", "add", "甲街道办事处", "--parent", "1").stdout)
        cls.other = int(ogictl(cls.dbname, "body", "add", "乙街道办事处", "--parent", "1").stdout)
        for name, role, body in (("streetadmin", "admin", cls.street), ("otheradmin", "admin", cls.other)):
            ogictl(cls.dbname, "user", "add", name, "--role", role, "--body", str(body), "--password-stdin",
                   input=PW + "\n")

    def add_user(self, name, role="clerk", body=None):
        r = self.admin.post("/api/v1/users", {"username": name, "password": PW,
                                              "roles": [{"body_id": body or self.street, "role": role}]})
        self.assertEqual(r.status, 201, r)
        return r.json["id"]

    def login(self, name, password=PW):
        c = self.ogid.client()
        return c, c.post("/api/v1/session", {"username": name, "password": password})

    def audit(self, uid):
        rows = psql(f"SELECT action || ' ' || coalesce(new_value::text, '') || ' ' || coalesce(old_value::text, '') "
                    f"FROM audit_log WHERE entity IN ('user', 'role') AND entity_id = '{uid}' ORDER BY id",
                    self.dbname)
        return rows.splitlines()

    def test_rename_deactivate_reactivate(self):
        uid = self.add_user("wang")
        c, r = self.login("wang")
        self.assertEqual(r.status, 201)
        token = c.post("/api/v1/tokens", {"label": "script"}).json["token"]
        r = self.admin.patch(f"/api/v1/users/{uid}", {"display_name": "王登记员"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["display_name"], "王登记员")
        self.assertTrue(r.json["active"])
        # deactivated: the session, the token and a new login all stop working
        r = self.admin.patch(f"/api/v1/users/{uid}", {"active": False})
        self.assertEqual(r.status, 200, r)
        self.assertFalse(r.json["active"])
        self.assertProblem(c.get("/api/v1/session"), 401, "unauthenticated")
        self.assertProblem(self.ogid.client(token).get("/api/v1/session"), 401, "unauthenticated")
        self.assertProblem(self.login("wang")[1], 401, "bad_credentials")
        r = self.admin.patch(f"/api/v1/users/{uid}", {"active": True})
        self.assertTrue(r.json["active"])
        self.assertEqual(self.login("wang")[1].status, 201)
        log = self.audit(uid)
        self.assertTrue(log[0].startswith("create"), log)
        self.assertTrue(any('"display_name": "王登记员"' in line for line in log), log)
        self.assertTrue(any('"active": false' in line for line in log), log)

    def test_admin_resets_a_password(self):
        uid = self.add_user("li")
        c, _ = self.login("li")
        r = self.admin.patch(f"/api/v1/users/{uid}", {"password": "a brand new password"})
        self.assertEqual(r.status, 200, r)
        self.assertNotIn("password", r.json)
        self.assertProblem(c.get("/api/v1/session"), 401)  # the reset ended the session
        self.assertProblem(self.login("li")[1], 401, "bad_credentials")
        self.assertEqual(self.login("li", "a brand new password")[1].status, 201)
        self.assertTrue(any('"password": "reset"' in line for line in self.audit(uid)))
        self.assertProblem(self.admin.patch(f"/api/v1/users/{uid}", {"password": "short"}), 400,
                           "invalid_input", field="password")

    def test_own_password_change(self):
        self.add_user("zhao")
        c, _ = self.login("zhao")
        other, _ = self.login("zhao")  # a second browser
        self.assertProblem(c.put("/api/v1/session/password", {"current_password": "wrong password!",
                                                               "new_password": "zhao's new password"}),
                           400, "invalid_input", field="current_password")
        self.assertProblem(c.put("/api/v1/session/password", {"current_password": PW, "new_password": PW}),
                           400, field="new_password")
        r = c.put("/api/v1/session/password", {"current_password": PW, "new_password": "zhao's new password"})
        self.assertEqual(r.status, 204, r)
        self.assertEqual(c.get("/api/v1/session").status, 200)  # this session goes on
        self.assertProblem(other.get("/api/v1/session"), 401)  # the other one ended
        self.assertProblem(self.login("zhao")[1], 401)
        self.assertEqual(self.login("zhao", "zhao's new password")[1].status, 201)

    def test_revoke_a_role(self):
        uid = self.add_user("sun", role="handler")
        c, _ = self.login("sun")
        self.assertEqual(c.get(f"/api/v1/bodies").json["bodies"][0]["id"], self.street)
        r = self.admin.delete(f"/api/v1/users/{uid}/roles?body_id={self.street}&role=handler")
        self.assertEqual(r.status, 204, r)
        self.assertEqual(c.get("/api/v1/session").json["roles"], [])
        self.assertEqual(c.get("/api/v1/bodies").json["bodies"], [])
        self.assertProblem(self.admin.delete(f"/api/v1/users/{uid}/roles?body_id={self.street}&role=handler"),
                           404, "not_found")
        self.assertTrue(any(line.startswith("revoke") and '"role": "handler"' in line for line in self.audit(uid)))
        p = self.assertProblem(self.admin.delete(f"/api/v1/users/{uid}/roles?role=king"), 400, "invalid_input")
        self.assertEqual(sorted(e["field"] for e in p["errors"]), ["body_id", "role"])

    def test_last_admin_stays(self):
        me = self.admin.get("/api/v1/session").json["user_id"]
        self.assertProblem(self.admin.patch(f"/api/v1/users/{me}", {"active": False}), 409, "last_admin")
        self.assertProblem(self.admin.delete(f"/api/v1/users/{me}/roles?body_id=1&role=admin"), 409, "last_admin")
        # with a second administrator of the top body, the first may go
        second = self.add_user("admin2", role="admin", body=1)
        r = self.admin.delete(f"/api/v1/users/{second}/roles?body_id=1&role=admin")
        self.assertEqual(r.status, 204, r)

    def test_other_street_admin_cannot_touch_my_staff(self):
        uid = self.add_user("zhou")
        c, _ = self.login("otheradmin")
        self.assertProblem(c.patch(f"/api/v1/users/{uid}", {"active": False}), 404, "not_found")
        self.assertProblem(c.delete(f"/api/v1/users/{uid}/roles?body_id={self.street}&role=clerk"), 404)
        mine, _ = self.login("streetadmin")
        self.assertEqual(mine.patch(f"/api/v1/users/{uid}", {"display_name": "周"}).status, 200)
        clerk, _ = self.login("zhou")
        self.assertProblem(clerk.patch(f"/api/v1/users/{uid}", {"display_name": "x"}), 403, "forbidden")

    def test_bad_input(self):
        uid = self.add_user("wu")
        self.assertProblem(self.admin.patch(f"/api/v1/users/{uid}", {}), 400, "invalid_input")
        self.assertProblem(self.admin.patch(f"/api/v1/users/{uid}", {"activ": False}), 400, field="activ")
        self.assertProblem(self.admin.patch(f"/api/v1/users/{uid}", {"active": "no"}), 400, field="active")
        self.assertProblem(self.admin.patch("/api/v1/users/999999", {"active": False}), 404, "not_found")

    def test_ogictl_user_passwd(self):
        self.add_user("qian")
        r = ogictl(self.dbname, "user", "passwd", "qian", "--password-stdin", input="set by the operator\n")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.login("qian", "set by the operator")[1].status, 201)
        r = ogictl(self.dbname, "user", "passwd", "qian")
        new = r.stdout.split("password: ")[1].strip()
        self.assertEqual(self.login("qian", new)[1].status, 201)
        r = ogictl(self.dbname, "user", "passwd", "nobody", check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("no user nobody", r.stderr)

    def test_password_rule_counts_characters(self):
        """One rule for a chosen password in the API and in ogictl (lib/secret.h): at least 10
        characters, counted as characters — 四个汉字 are 12 bytes of UTF-8 but 4 characters."""
        short, enough = "密码四字", "十个汉字的一个好密码"
        for args in (("user", "add", "hanzi", "--role", "clerk", "--body", str(self.street)),
                     ("user", "passwd", "admin")):
            r = ogictl(self.dbname, *args, "--password-stdin", input=short + "\n", check=False)
            self.assertEqual(r.returncode, 1, args)
            self.assertIn("at least 10 characters", r.stderr)
        r = ogictl(self.dbname, "user", "add", "hanzi", "--role", "clerk", "--body", str(self.street),
                   "--password-stdin", input=enough + "\n")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.login("hanzi", enough)[1].status, 201)
        uid = int(r.stdout.split()[0])
        p = self.assertProblem(self.admin.patch(f"/api/v1/users/{uid}", {"password": short}), 400,
                               field="password")
        self.assertEqual(p["errors"][0]["code"], "too_short")
        self.assertProblem(self.admin.post("/api/v1/users", {"username": "hanzi2", "password": short,
                                                              "roles": [{"body_id": self.street, "role": "clerk"}]}),
                           400, field="password")
        self.assertEqual(self.admin.patch(f"/api/v1/users/{uid}", {"password": enough}).status, 200)


if __name__ == "__main__":
    main()
