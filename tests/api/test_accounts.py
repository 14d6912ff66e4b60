"""Looking after accounts: an admin renames, deactivates, reactivates and
resets the password of a user and revokes a role; a user changes their own
password; the last administrator cannot be removed; every change is in the
audit log; an admin of one street office cannot touch another's staff, nor take over
an account by granting itself a role on it (Takeover)."""
import json
import subprocess
import threading
import time

from ogitest import OgidTestCase, conninfo, ogictl, psql, main

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
                                                               "new_password": "a new phrase for my desk"}),
                           400, "invalid_input", field="current_password")
        self.assertProblem(c.put("/api/v1/session/password", {"current_password": PW, "new_password": PW}),
                           400, field="new_password")
        r = c.put("/api/v1/session/password", {"current_password": PW, "new_password": "a new phrase for my desk"})
        self.assertEqual(r.status, 204, r)
        self.assertEqual(c.get("/api/v1/session").status, 200)  # this session goes on
        self.assertProblem(other.get("/api/v1/session"), 401)  # the other one ended
        self.assertProblem(self.login("zhao")[1], 401)
        self.assertEqual(self.login("zhao", "a new phrase for my desk")[1].status, 201)

    def test_own_profile(self):
        """Any user sets their own display name, reminder address and switch (issue 16 item 4)
        without an administrator; the address is checked, null removes it, each change audited."""
        uid = self.add_user("sunprofile", role="handler")
        c, _ = self.login("sunprofile")
        r = c.patch("/api/v1/session/profile", {"display_name": "钱承办", "email": "qian@jiedao.example.org",
                                                "reminders": True})
        self.assertEqual(r.status, 200, r)
        self.assertEqual((r.json["id"], r.json["display_name"], r.json["email"], r.json["reminders"]),
                         (uid, "钱承办", "qian@jiedao.example.org", True))
        self.assertEqual(c.get("/api/v1/session").json["display_name"], "钱承办")
        self.assertEqual(psql(f"SELECT email || ' ' || reminders FROM users WHERE id = {uid}", self.dbname),
                         "qian@jiedao.example.org true")
        for bad in ("qian", "钱@例子.中国", "a <b@c.org>", "a@b", "x y@c.org"):
            self.assertProblem(c.patch("/api/v1/session/profile", {"email": bad}), 400, "invalid_input",
                               field="email")
        self.assertProblem(c.patch("/api/v1/session/profile", {}), 400, "invalid_input")
        self.assertProblem(c.patch("/api/v1/session/profile", {"active": False}), 400, "invalid_input")
        r = c.patch("/api/v1/session/profile", {"email": None, "reminders": False})
        self.assertEqual((r.status, r.json["email"], r.json["reminders"]), (200, None, False), r)
        self.assertEqual(c.get("/api/v1/session").status, 200)  # nothing ends the session
        log = self.audit(uid)
        self.assertTrue(any('"email": "qian@jiedao.example.org"' in line for line in log), log)
        self.assertProblem(self.ogid.client().patch("/api/v1/session/profile", {"display_name": "x"}), 401)

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


class Takeover(OgidTestCase):
    """An admin manages a user only when every role the user holds lies in the admin's bodies
    (and their subtrees); a user with no role only an admin of a top-level body.  Any other
    user answers exactly as a user that does not exist.  The attack this guards against: a
    street office's admin grants itself a clerk role on the district admin's account, which
    then counted as the street's, and resets its password."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.street = int(ogictl(cls.dbname, "body", "add", "甲街道办事处", "--parent", "1").stdout)
        cls.city = int(ogictl(cls.dbname, "body", "add", "乙市人民政府").stdout)  # a second top-level tree
        cls.town = int(ogictl(cls.dbname, "body", "add", "乙镇人民政府", "--parent", str(cls.city)).stdout)
        cls.ids = {}
        for name, role, body in (("districtadmin", "admin", 1), ("streetadmin", "admin", cls.street),
                                 ("streetclerk", "clerk", cls.street), ("cityadmin", "admin", cls.city),
                                 ("townadmin", "admin", cls.town)):
            r = ogictl(cls.dbname, "user", "add", name, "--role", role, "--body", str(body), "--password-stdin",
                       input=PW + "\n")
            cls.ids[name] = int(r.stdout.split()[0])

    def login(self, name, password=PW):
        c = self.ogid.client()
        r = c.post("/api/v1/session", {"username": name, "password": password})
        return c, r

    def client(self, name):
        c, r = self.login(name)
        self.assertEqual(r.status, 201, r)
        return c

    def roles(self, uid):
        return psql(f"SELECT string_agg(body_id || ' ' || role, ', ' ORDER BY body_id, role) FROM user_roles "
                    f"WHERE user_id = {uid}", self.dbname)

    def changes(self, uid):
        return psql(f"SELECT count(*) FROM audit_log WHERE entity IN ('user', 'role') AND entity_id = '{uid}'",
                    self.dbname)

    def assertTakeoverRefused(self, attacker, victim, grant_body, victim_role_body, victim_role):
        """Every step of the takeover answers 404 and changes nothing; the victim still logs in."""
        vc = self.client(victim)
        token = vc.post("/api/v1/tokens", {"label": "victim's script"}).json
        uid = self.ids[victim]
        roles, changes = self.roles(uid), self.changes(uid)
        a = self.client(attacker)
        steps = {
            "grant": a.post(f"/api/v1/users/{uid}/roles", {"body_id": grant_body, "role": "clerk"}),
            "password": a.patch(f"/api/v1/users/{uid}", {"password": "attacker-chosen-pw-1"}),
            "deactivate": a.patch(f"/api/v1/users/{uid}", {"active": False}),
            "rename": a.patch(f"/api/v1/users/{uid}", {"display_name": "pwned"}),
            "revoke role": a.delete(f"/api/v1/users/{uid}/roles?body_id={grant_body}&role=clerk"),
            "revoke victim's role": a.delete(f"/api/v1/users/{uid}/roles?body_id={victim_role_body}"
                                             f"&role={victim_role}"),
            "revoke token": a.delete(f"/api/v1/tokens/{token['id']}"),
        }
        for step, r in steps.items():
            with self.subTest(attacker=attacker, victim=victim, step=step):
                self.assertProblem(r, 404, "not_found")
        self.assertEqual(self.roles(uid), roles)
        self.assertEqual(self.changes(uid), changes)
        self.assertProblem(self.login(victim, "attacker-chosen-pw-1")[1], 401, "bad_credentials")
        self.assertEqual(self.login(victim)[1].status, 201)
        self.assertEqual(vc.get("/api/v1/session").status, 200)
        self.assertEqual(self.ogid.client(token["token"]).get("/api/v1/session").json["username"], victim)

    def test_street_admin_cannot_take_over_the_district_admin(self):
        self.assertTakeoverRefused("streetadmin", "districtadmin", self.street, 1, "admin")
        # and so cannot create a district admin
        a = self.client("streetadmin")
        self.assertProblem(a.post("/api/v1/users", {"username": "mole", "password": PW,
                                                    "roles": [{"body_id": 1, "role": "admin"}]}), 404, "not_found")

    def test_no_takeover_across_top_level_trees(self):
        self.assertTakeoverRefused("cityadmin", "districtadmin", self.city, 1, "admin")
        self.assertTakeoverRefused("districtadmin", "cityadmin", 1, self.city, "admin")
        self.assertTakeoverRefused("townadmin", "streetclerk", self.town, self.street, "clerk")

    def test_unmanageable_and_missing_users_answer_alike(self):
        a = self.client("streetadmin")
        victim, missing = self.ids["districtadmin"], 9999999
        calls = (
            lambda uid: a.post(f"/api/v1/users/{uid}/roles", {"body_id": self.street, "role": "clerk"}),
            lambda uid: a.patch(f"/api/v1/users/{uid}", {"password": "attacker-chosen-pw-1"}),
            lambda uid: a.patch(f"/api/v1/users/{uid}", {"active": False}),
            lambda uid: a.delete(f"/api/v1/users/{uid}/roles?body_id={self.street}&role=clerk"),
        )
        for i, call in enumerate(calls):
            with self.subTest(call=i):
                r, m = call(victim), call(missing)
                self.assertProblem(r, 404, "not_found")
                self.assertEqual(r.status, m.status)
                self.assertEqual(r.header("Content-Type"), m.header("Content-Type"))
                # the detail may repeat the id from the URL, and nothing else differs
                self.assertEqual(r.body.decode().replace(f"user {victim}", "user {id}"),
                                 m.body.decode().replace(f"user {missing}", "user {id}"))
        token = self.client("districtadmin").post("/api/v1/tokens", {"label": "x"}).json["id"]
        r, m = a.delete(f"/api/v1/tokens/{token}"), a.delete("/api/v1/tokens/9999999")
        self.assertProblem(r, 404, "not_found")
        self.assertEqual(r.body.decode().replace(f"token {token}", "token {id}"),
                         m.body.decode().replace("token 9999999", "token {id}"))

    def test_a_role_outside_the_admins_bodies_protects_the_user(self):
        """A street clerk who also holds a role in another tree is the street admin's no more,
        nor the district admin's: neither may speak for the other tree."""
        uid = int(ogictl(self.dbname, "user", "add", "twohats", "--role", "clerk", "--body", str(self.street),
                         "--password-stdin", input=PW + "\n").stdout.split()[0])
        psql(f"INSERT INTO user_roles (user_id, body_id, role) VALUES ({uid}, {self.town}, 'handler')",
             self.dbname)
        for name in ("streetadmin", "districtadmin", "townadmin", "cityadmin"):
            a = self.client(name)
            with self.subTest(admin=name):
                self.assertProblem(a.patch(f"/api/v1/users/{uid}", {"password": "attacker-chosen-pw-1"}), 404,
                                   "not_found")
                listed = [u for u in a.get("/api/v1/users").json["users"] if u["id"] == uid]
                self.assertEqual([u["manageable"] for u in listed], [False])
        self.assertEqual(self.login("twohats")[1].status, 201)
        # the user keeps its own account
        me = self.client("twohats")
        self.assertEqual(me.put("/api/v1/session/password", {"current_password": PW,
                                                             "new_password": "my own new pass phrase"}).status, 204)

    def test_grant_checks_after_a_concurrent_grant_commits(self):
        """The grant locks the user row and only then checks: a role committed meanwhile by
        whoever held the row (here a stand-in for another admin's grant, in another tree)
        counts.  Seen in pg_stat_activity, not by timing."""
        uid = int(ogictl(self.dbname, "user", "add", "raced", "--role", "clerk", "--body", str(self.street),
                         "--password-stdin", input=PW + "\n").stdout.split()[0])
        street = self.client("streetadmin")
        inflight = subprocess.Popen(["psql", "-X", "-q", "-d", conninfo(self.dbname)], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, text=True)
        inflight.stdin.write(f"BEGIN;\nSELECT 1 FROM users WHERE id = {uid} FOR UPDATE;\n"
                             f"INSERT INTO user_roles (user_id, body_id, role) VALUES ({uid}, {self.town}, 'handler');\n"
                             "\\echo holding\n")
        inflight.stdin.flush()
        while "holding" not in inflight.stdout.readline():
            pass
        result = {}
        t = threading.Thread(target=lambda: result.setdefault(
            "r", street.post(f"/api/v1/users/{uid}/roles", {"body_id": self.street, "role": "handler"})))
        t.start()
        waiting, deadline = "0", time.time() + 120
        while waiting == "0" and time.time() < deadline:
            waiting = psql("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                           "AND datname = current_database()", self.dbname)
        self.assertEqual(waiting, "1", "the grant waits for the user row")
        self.assertNotIn("r", result)
        inflight.stdin.write("COMMIT;\n\\q\n")
        inflight.stdin.close()
        inflight.wait(timeout=60)
        t.join(timeout=120)
        self.assertProblem(result["r"], 404, "not_found")
        self.assertEqual(self.roles(uid), f"{self.street} clerk, {self.town} handler")

    def test_admins_still_manage_their_own_staff(self):
        street, district = self.client("streetadmin"), self.client("districtadmin")
        uid = street.post("/api/v1/users", {"username": "newclerk", "password": PW,
                                            "roles": [{"body_id": self.street, "role": "clerk"}]}).json["id"]
        # the street admin: its own clerk
        self.assertEqual(street.post(f"/api/v1/users/{uid}/roles", {"body_id": self.street,
                                                                    "role": "handler"}).status, 204)
        self.assertEqual(street.patch(f"/api/v1/users/{uid}", {"display_name": "新登记员"}).status, 200)
        self.assertEqual(street.delete(f"/api/v1/users/{uid}/roles?body_id={self.street}&role=handler").status, 204)
        c = self.client("newclerk")
        token = c.post("/api/v1/tokens", {"label": "script"}).json["id"]
        self.assertEqual(street.delete(f"/api/v1/tokens/{token}").status, 204)
        listed = {u["id"]: u["manageable"] for u in street.get("/api/v1/users").json["users"]}
        self.assertTrue(listed[uid])
        self.assertTrue(listed[self.ids["streetadmin"]])  # oneself
        self.assertNotIn(self.ids["districtadmin"], listed)
        # the district admin: a clerk of a street under it
        self.assertEqual(district.post(f"/api/v1/users/{uid}/roles", {"body_id": 1, "role": "auditor"}).status, 204)
        self.assertEqual(district.patch(f"/api/v1/users/{uid}", {"password": "reset by the district"}).status, 200)
        self.assertEqual(self.login("newclerk", "reset by the district")[1].status, 201)
        # now the user holds a role above the street: the street admin lets go
        self.assertProblem(street.patch(f"/api/v1/users/{uid}", {"display_name": "x"}), 404, "not_found")
        self.assertEqual(district.delete(f"/api/v1/users/{uid}/roles?body_id=1&role=auditor").status, 204)
        self.assertEqual(street.patch(f"/api/v1/users/{uid}", {"active": False}).status, 200)
        self.assertEqual(district.patch(f"/api/v1/users/{uid}", {"active": True}).status, 200)
        # an admin's own account, as before
        me = self.ids["streetadmin"]
        self.assertEqual(street.patch(f"/api/v1/users/{me}", {"display_name": "甲街道管理员"}).status, 200)

    def test_a_user_without_roles_is_for_top_level_admins(self):
        street = self.client("streetadmin")
        uid = street.post("/api/v1/users", {"username": "leaver", "password": PW,
                                            "roles": [{"body_id": self.street, "role": "clerk"}]}).json["id"]
        self.assertEqual(street.delete(f"/api/v1/users/{uid}/roles?body_id={self.street}&role=clerk").status, 204)
        self.assertProblem(street.post(f"/api/v1/users/{uid}/roles", {"body_id": self.street, "role": "clerk"}),
                           404, "not_found")
        self.assertProblem(street.patch(f"/api/v1/users/{uid}", {"active": False}), 404, "not_found")
        self.assertProblem(self.client("townadmin").patch(f"/api/v1/users/{uid}", {"active": False}), 404)
        self.assertEqual(self.roles(uid), "")
        district = self.client("districtadmin")
        listed = [u for u in district.get("/api/v1/users").json["users"] if u["id"] == uid]
        self.assertEqual([(u["roles"], u["manageable"]) for u in listed], [([], True)])
        self.assertEqual(district.patch(f"/api/v1/users/{uid}", {"active": False}).status, 200)
        self.assertEqual(district.post(f"/api/v1/users/{uid}/roles", {"body_id": self.street,
                                                                      "role": "clerk"}).status, 204)
        self.assertEqual(street.patch(f"/api/v1/users/{uid}", {"active": True}).status, 200)


if __name__ == "__main__":
    main()
