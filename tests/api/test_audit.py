"""Reading the audit log (GET /api/v1/audit, issue 4 item 5) over real HTTP
and PostgreSQL: changes made through the API (a user added, a role granted,
a display name changed, a calendar day edited, report inputs put, a
reconsideration recorded) are there with actor, old and new values; the
filters and keyset paging work and bad ones are refused naming the field; a
street office's admin or auditor reads its own subtree's rows, not another
office's and not the calendar's; clerks, handlers and approvers are refused;
the log stays append-only; ogictl audit prints the same rows."""
import datetime
import subprocess

from ogitest import OgidTestCase, conninfo, ogictl, psql, main

PW = "a good long password"
TODAY = "2025-06-20"  # a Friday


def shanghai_today():
    """The day of `at` the filters compare with: rows are written now, in Asia/Shanghai."""
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=8)).date()


class Audit(OgidTestCase):
    ogid_env = {"OGI_TODAY": TODAY}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.street = int(ogictl(cls.dbname, "body", "add", "甲街道办事处", "--parent", "1").stdout)
        cls.other = int(ogictl(cls.dbname, "body", "add", "乙街道办事处", "--parent", "1").stdout)
        cls.c = {}
        for name, role, body in (("streetadmin", "admin", cls.street), ("streetauditor", "auditor", cls.street),
                                 ("otheradmin", "admin", cls.other), ("clerk", "clerk", cls.street),
                                 ("handler", "handler", cls.street), ("approver", "approver", cls.street)):
            ogictl(cls.dbname, "user", "add", name, "--role", role, "--body", str(body), "--password-stdin",
                   input=PW + "\n")
            cl = cls.ogid.client()
            cl.login(name, PW)
            cls.c[name] = cl
        # changes through the API, by the district's admin and the street offices' admins
        a = cls.admin
        r = a.post("/api/v1/users", {"username": "wang", "password": PW,
                                     "roles": [{"body_id": cls.street, "role": "clerk"}]})
        assert r.status == 201, r
        cls.wang = r.json["id"]
        assert a.post(f"/api/v1/users/{cls.wang}/roles", {"body_id": cls.street, "role": "handler"}).status == 204
        assert a.patch(f"/api/v1/users/{cls.wang}", {"display_name": "王登记员"}).status == 200
        r = a.put("/api/v1/calendar/days/2026-12-01", {"kind": "holiday", "name": "测试假日"})
        assert r.status == 200, r
        r = cls.c["streetadmin"].put(f"/api/v1/reports/annual/2024/{cls.street}/inputs",
                                     {"text": {"overview": "本年度工作概述。"}})
        assert r.status == 200, r
        r = cls.c["otheradmin"].post("/api/v1/users", {"username": "zhao", "password": PW,
                                                        "roles": [{"body_id": cls.other, "role": "clerk"}]})
        assert r.status == 201, r
        cls.zhao = r.json["id"]
        r = cls.c["clerk"].post("/api/v1/requests", {
            "body_id": cls.street, "channel": "online", "received_on": "2025-03-03",
            "applicant": {"kind": "natural_person", "name": "张三"}, "description": "某项目的审批文件",
            "form": {"medium": "paper", "delivery": "post"}})
        assert r.status == 201, r
        r = cls.c["clerk"].post(f"/api/v1/requests/{r.json['id']}/reconsiderations",
                                {"filed_on": "2025-04-15", "authority": "某区人民政府"})
        assert r.status == 201, r
        cls.rc = r.json["id"]

    def entries(self, client=None, **params):
        query = "&".join(f"{k}={v}" for k, v in params.items())
        r = (client or self.admin).get("/api/v1/audit" + ("?" + query if query else ""))
        self.assertEqual(r.status, 200, r)
        return r.json

    def all_entries(self, client=None, **params):
        return self.entries(client, limit=200, **params)["entries"]

    def test_api_changes_with_actor_old_and_new(self):
        log = self.all_entries()
        ids = [e["id"] for e in log]
        self.assertEqual(ids, sorted(ids, reverse=True))  # newest first
        mine = [e for e in log if e["entity"] in ("user", "role") and e["entity_id"] == str(self.wang)]
        self.assertEqual([e["action"] for e in reversed(mine)], ["create", "grant", "grant", "update"])
        create, grant, _, update = reversed(mine)
        self.assertEqual((create["actor"], create["actor_id"]), ("admin", 1))
        self.assertEqual(create["new_value"], {"username": "wang"})
        self.assertIsNone(create["old_value"])
        self.assertEqual(create["body_id"], self.street)  # the body of the user's roles
        self.assertEqual(grant["new_value"], {"body_id": self.street, "role": "clerk"})
        self.assertEqual((grant["body_id"], grant["body_name"]), (self.street, "甲街道办事处"))
        self.assertEqual(update["old_value"]["display_name"], "")
        self.assertEqual(update["new_value"]["display_name"], "王登记员")
        self.assertRegex(update["at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+\+08:00$")
        cal = [e for e in log if e["entity"] == "calendar" and e["action"] == "edit day"]
        self.assertEqual(len(cal), 1, cal)
        self.assertEqual((cal[0]["entity_id"], cal[0]["body_id"], cal[0]["actor"]), ("2026", None, "admin"))
        self.assertEqual(cal[0]["new_value"]["name"], "测试假日")
        rep = [e for e in log if e["entity"] == "report"]
        self.assertEqual(len(rep), 1, rep)
        self.assertEqual((rep[0]["actor"], rep[0]["action"], rep[0]["entity_id"], rep[0]["body_id"]),
                         ("streetadmin", "inputs 2024", str(self.street), self.street))
        self.assertEqual(rep[0]["new_value"]["inputs"]["text"]["overview"], "本年度工作概述。")
        rc = [e for e in log if e["entity"] == "reconsideration"]
        self.assertEqual([(e["action"], e["entity_id"], e["body_id"], e["actor"]) for e in rc],
                         [("create", str(self.rc), self.street, "clerk")])
        self.assertEqual(rc[0]["new_value"]["authority"], "某区人民政府")
        # the bodies added by ogictl and the first start
        bodies = {e["entity_id"]: e for e in log if e["entity"] == "body"}
        self.assertEqual(bodies[str(self.street)]["actor"], "ogictl")
        self.assertEqual(bodies[str(self.street)]["body_id"], self.street)
        self.assertEqual(bodies["1"]["body_id"], 1)

    def test_filters(self):
        roles = self.all_entries(entity="role", entity_id=self.wang)
        self.assertEqual([(e["action"], e["new_value"]["role"]) for e in roles],
                         [("grant", "handler"), ("grant", "clerk")])
        by = self.all_entries(actor="streetadmin")
        self.assertEqual({e["entity"] for e in by}, {"report"})
        self.assertEqual(self.all_entries(actor="nobody"), [])
        # from/to are days of `at` in Asia/Shanghai, both inclusive
        today = shanghai_today()
        everything = self.all_entries()
        self.assertEqual(self.all_entries(**{"from": today, "to": today}), everything)
        self.assertEqual(self.all_entries(to=today - datetime.timedelta(days=1)), [])
        self.assertEqual(self.all_entries(**{"from": today + datetime.timedelta(days=1)}), [])
        self.assertEqual(len(self.all_entries(entity="calendar", **{"from": today})), 1)

    def test_keyset_paging_newest_first(self):
        everything = [e["id"] for e in self.all_entries()]
        self.assertGreater(len(everything), 7)
        seen, before = [], None
        while True:
            params = {"limit": 3}
            if before is not None:
                params["before"] = before
            page = self.entries(**params)
            self.assertLessEqual(len(page["entries"]), 3)
            seen += [e["id"] for e in page["entries"]]
            before = page["next"]
            if before is None:
                break
            self.assertEqual(before, seen[-1])
        self.assertEqual(seen, everything)
        page = self.entries()
        self.assertEqual(len(page["entries"]), min(50, len(everything)))

    def test_bad_filters_name_the_field(self):
        for query, field in (("entity=users", "entity"), ("entity_id=abc", "entity_id"), ("entity_id=0", "entity_id"),
                             ("actor=", "actor"), ("from=2025-02-30", "from"), ("to=yesterday", "to"),
                             ("from=2025-06-02&to=2025-06-01", "to"), ("before=-3", "before"),
                             ("limit=0", "limit"), ("limit=201", "limit")):
            p = self.assertProblem(self.admin.get("/api/v1/audit?" + query), 400, "invalid_input", field=field)
            self.assertTrue(p["errors"][0]["message_zh"], p)
        p = self.assertProblem(self.admin.get("/api/v1/audit?entity=x&limit=999"), 400, "invalid_input")
        self.assertEqual({e["field"] for e in p["errors"]}, {"entity", "limit"})
        self.assertEqual(len(self.entries(limit=200)["entries"]), len(self.all_entries()))

    def test_street_office_reads_its_own_subtree_only(self):
        for name in ("streetadmin", "streetauditor"):
            log = self.all_entries(self.c[name])
            self.assertTrue(log, name)
            self.assertEqual({e["body_id"] for e in log}, {self.street}, name)
            entities = {e["entity"] for e in log}
            self.assertTrue({"user", "role", "report", "reconsideration", "body"} <= entities, (name, entities))
            self.assertNotIn("calendar", entities)
            self.assertFalse([e for e in log if e["entity"] == "user" and e["entity_id"] == str(self.zhao)])
            # a filter cannot reach past the scope
            self.assertEqual(self.all_entries(self.c[name], entity="calendar"), [])
            self.assertEqual(self.all_entries(self.c[name], entity="user", entity_id=self.zhao), [])
        other = self.all_entries(self.c["otheradmin"])
        self.assertEqual({e["body_id"] for e in other}, {self.other})
        self.assertIn(str(self.zhao), {e["entity_id"] for e in other if e["entity"] == "user"})
        # the district's admin reads everything, the calendar and both offices included
        everything = self.all_entries()
        self.assertTrue({None, 1, self.street, self.other} <= {e["body_id"] for e in everything})

    def test_tokens_created_and_revoked(self):
        """An API token is a key to the office's records: who made one for whom, and who revoked
        it, is in the log (never the token itself), filed under its user's body."""
        cl = self.c["handler"]
        r = cl.post("/api/v1/tokens", {"label": "夜间脚本"})
        self.assertEqual(r.status, 201, r)
        made, secret = r.json["id"], r.json["token"]
        self.assertEqual(self.c["streetadmin"].delete(f"/api/v1/tokens/{made}").status, 204)
        cli = ogictl(self.dbname, "token", "create", "handler", "--label", "备份").stdout.strip()
        log = self.all_entries(entity="token")
        self.assertEqual([(e["action"], e["actor"]) for e in reversed(log)],
                         [("create", "handler"), ("revoke", "streetadmin"), ("create", "ogictl")])
        create, revoke, by_cli = reversed(log)
        self.assertEqual((create["entity_id"], create["new_value"]["label"]), (str(made), "夜间脚本"))
        self.assertEqual(revoke["entity_id"], str(made))
        self.assertTrue(revoke["new_value"]["revoked_at"])
        self.assertEqual(by_cli["new_value"]["label"], "备份")
        self.assertEqual({e["body_id"] for e in log}, {self.street})
        self.assertEqual(len(self.all_entries(self.c["streetauditor"], entity="token")), 3)
        self.assertEqual(self.all_entries(self.c["otheradmin"], entity="token"), [])
        text = str(log)
        self.assertNotIn(secret, text)
        self.assertNotIn(cli, text)
        # revoking an unknown or already revoked token records nothing
        self.assertProblem(self.c["streetadmin"].delete(f"/api/v1/tokens/{made}"), 404, "not_found")
        self.assertEqual(len(self.all_entries(entity="token")), 3)

    def test_clerks_handlers_approvers_refused(self):
        for name in ("clerk", "handler", "approver"):
            self.assertProblem(self.c[name].get("/api/v1/audit"), 403, "forbidden")
        self.assertProblem(self.ogid.client().get("/api/v1/audit"), 401, "unauthenticated")

    def test_history_stays_append_only(self):
        self.assertEqual(psql("SELECT string_agg(tgname || ':' || tgenabled::text, ',' ORDER BY tgname) FROM pg_trigger "
                              "WHERE tgrelid = 'audit_log'::regclass AND NOT tgisinternal", self.dbname),
                         "audit_log_append_only:O,audit_log_no_truncate:O")
        for sql in ("UPDATE audit_log SET body_id = NULL", "DELETE FROM audit_log"):
            # as the tables' owner: the trigger refuses it to everyone
            r = subprocess.run(["psql", "-X", "-d", conninfo(self.dbname), "-c", sql], capture_output=True, text=True)
            self.assertNotEqual(r.returncode, 0, sql)
            self.assertIn("history is append-only", r.stderr)
        self.assertEqual(psql("SELECT has_table_privilege('ogi_app', 'audit_log', 'UPDATE'), "
                              "has_table_privilege('ogi_app', 'audit_log', 'DELETE')", self.dbname), "f|f")
        self.assertEqual(psql("SELECT count(*) FROM audit_log WHERE entity = 'role' AND body_id IS NULL",
                              self.dbname), "0")

    def test_ogictl_audit_prints_the_rows(self):
        out = ogictl(self.dbname, "audit", "--entity", "report").stdout
        lines = out.splitlines()
        self.assertEqual(len(lines), 2, out)  # the heading and the one row
        self.assertIn("streetadmin", lines[1])
        self.assertIn("inputs 2024", lines[1])
        self.assertIn("本年度工作概述。", lines[1])
        out = ogictl(self.dbname, "audit", "--limit", "2").stdout
        self.assertEqual(len(out.splitlines()), 3, out)
        today = shanghai_today()
        self.assertEqual(len(ogictl(self.dbname, "audit", "--since", str(today + datetime.timedelta(days=1)))
                             .stdout.splitlines()), 1)
        for args in (("--entity", "users"), ("--limit", "0"), ("--since", "2025-02-30")):
            r = ogictl(self.dbname, "audit", *args, check=False)
            self.assertEqual(r.returncode, 1, (args, r.stderr))

    def test_contract_lists_the_endpoint(self):
        spec = self.admin.get("/api/v1/openapi.yaml").body.decode()
        self.assertIn("/api/v1/audit:", spec)


if __name__ == "__main__":
    main()
