"""Who does what (issue 16) over real HTTP and PostgreSQL: a body's units
(科室 / 社区) kept by its admin; assignment (承办) as `assigned` events — the
assignee and unit on the request, refused for a user of another office, an
auditor or a unit the body does not have; 「我的待办」 (GET /api/v1/queue?
assignee=me) and the list's and queue's assignee and unit filters; transfer
within the tree (转办 down, 退回 up) keeping the tracking number, receipt date
and due date, both bodies reading the history, refused sideways; and the
annual report counting a transferred request once, at the body that replied."""
from urllib.parse import quote

from ogitest import OgidTestCase, ogictl, main

PW = "a good long password"
TODAY = "2025-06-20"  # a Friday


class Base(OgidTestCase):
    ogid_env = {"OGI_TODAY": TODAY}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.district = int(ogictl(cls.dbname, "body", "add", "平湛市马山区人民政府", "--parent", "1",
                                  "--code", "MSQ").stdout)
        cls.street = int(ogictl(cls.dbname, "body", "add", "马山街道办事处", "--parent", str(cls.district),
                                "--code", "MS").stdout)
        cls.other = int(ogictl(cls.dbname, "body", "add", "乙街道办事处", "--parent", str(cls.district),
                               "--code", "YI").stdout)
        cls.community = int(ogictl(cls.dbname, "body", "add", "东华社区", "--parent", str(cls.street),
                                   "--code", "DH").stdout)
        cls.c, cls.uid = {}, {}
        for name, role, body in (("clerk", "clerk", cls.street), ("handler", "handler", cls.street),
                                 ("handler2", "handler", cls.street), ("approver", "approver", cls.street),
                                 ("auditor", "auditor", cls.street), ("streetadmin", "admin", cls.street),
                                 ("otherclerk", "clerk", cls.other), ("dclerk", "clerk", cls.district),
                                 ("dapprover", "approver", cls.district), ("dadmin", "admin", cls.district)):
            out = ogictl(cls.dbname, "user", "add", name, "--role", role, "--body", str(body),
                         "--password-stdin", input=PW + "\n").stdout
            cl = cls.ogid.client()
            cl.login(name, PW)
            cls.c[name] = cl
            cls.uid[name] = cl.get("/api/v1/session").json["user_id"]

    def new(self, body=None, client=None, received_on="2025-06-03", name="张三"):
        r = (client or self.c["clerk"]).post("/api/v1/requests", {
            "body_id": body or self.street, "channel": "in_person", "received_on": received_on,
            "applicant": {"kind": "natural_person", "name": name},
            "description": "2024年本街道老旧小区改造项目的招标文件",
            "form": {"medium": "paper", "delivery": "post"}})
        self.assertEqual(r.status, 201, r)
        return r.json

    def event(self, rid, body, client=None, status=201):
        r = (client or self.c["clerk"]).post(f"/api/v1/requests/{rid}/events", body)
        self.assertEqual(r.status, status, r)
        return r

    def queue_ids(self, client, query=""):
        r = client.get(f"/api/v1/queue?{query}")
        self.assertEqual(r.status, 200, r)
        q = r.json
        return [e["id"] for band in ("overdue", "due_soon", "later") for e in q[band]], q


class Units(Base):
    def test_units_kept_by_the_admin(self):
        path = f"/api/v1/bodies/{self.street}/units"
        self.assertEqual(self.c["clerk"].get(path).json, {"units": []})
        r = self.c["streetadmin"].put(path, {"units": ["综合科", "城管科", "东华社区"]})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(self.c["auditor"].get(path).json["units"], ["综合科", "城管科", "东华社区"])
        # the order given is the order shown; a shorter list replaces the longer one
        self.c["streetadmin"].put(path, {"units": ["城管科", "综合科"]})
        self.assertEqual(self.c["clerk"].get(path).json["units"], ["城管科", "综合科"])
        # audited with before and after
        rows = self.c["streetadmin"].get("/api/v1/audit?entity=body").json
        self.assertTrue(any(a["action"] == "update units" for a in rows.get("entries", rows.get("rows", []))),
                        rows)

    def test_assignees(self):
        """The people the 承办 form offers: a role other than auditor on the body or above it."""
        users = self.c["clerk"].get(f"/api/v1/bodies/{self.street}/assignees").json["users"]
        names = {u["name"] for u in users}
        for who in ("clerk", "handler", "handler2", "approver", "streetadmin", "dclerk", "dapprover"):
            self.assertIn(who, names)
        self.assertNotIn("auditor", names)
        self.assertNotIn("otherclerk", names)
        self.assertEqual({u["id"] for u in users if u["name"] == "handler"}, {self.uid["handler"]})
        self.assertProblem(self.c["otherclerk"].get(f"/api/v1/bodies/{self.street}/assignees"), 404)

    def test_units_refused(self):
        path = f"/api/v1/bodies/{self.street}/units"
        a = self.c["streetadmin"]
        p = self.assertProblem(a.put(path, {"units": ["综合科", "综合科"]}), 400, "invalid_input",
                               field="units[1]")
        self.assertIn("重复", p["errors"][0]["message_zh"])
        self.assertProblem(a.put(path, {"units": [""]}), 400, "invalid_input", field="units[0]")
        self.assertProblem(a.put(path, {"units": [" 综合科"]}), 400, "invalid_input", field="units[0]")
        self.assertProblem(a.put(path, {"units": [7]}), 400, "invalid_input", field="units[0]")
        self.assertProblem(a.put(path, {"units": ["科"] * 51}), 400, "invalid_input", field="units")
        self.assertProblem(a.put(path, {"unit": ["综合科"]}), 400, "invalid_input", field="units")
        # a clerk may not; another office's admin does not see the body
        self.assertProblem(self.c["clerk"].put(path, {"units": ["综合科"]}), 403, "forbidden")
        self.assertProblem(self.c["otherclerk"].get(path), 404)


class Assignment(Base):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        r = cls.c["streetadmin"].put(f"/api/v1/bodies/{cls.street}/units", {"units": ["综合科", "城管科"]})
        assert r.status == 200, r

    def test_assign_and_reassign(self):
        req = self.new()
        rid = req["id"]
        self.assertIsNone(req["assignee"])
        self.assertIsNone(req["unit"])
        r = self.event(rid, {"type": "assigned", "on": "2025-06-03", "assignee": self.uid["handler"],
                             "unit": "综合科"})
        self.assertEqual(r.json["assignee"], {"id": self.uid["handler"], "name": "handler"})
        self.assertEqual(r.json["unit"], "综合科")
        # the due date does not move: assigning is nobody's clock
        self.assertEqual(r.json["due_on"], req["due_on"])
        got = self.c["auditor"].get(f"/api/v1/requests/{rid}").json
        self.assertEqual(got["assignee"]["id"], self.uid["handler"])
        # reassigned: the request follows, the history keeps both
        r = self.event(rid, {"type": "assigned", "on": "2025-06-04", "assignee": self.uid["handler2"],
                             "unit": "城管科"})
        self.assertEqual(r.json["assignee"]["id"], self.uid["handler2"])
        events = [e for e in self.c["auditor"].get(f"/api/v1/requests/{rid}/events").json["events"]
                  if e["type"] == "assigned"]
        self.assertEqual([e["payload"]["assignee"] for e in events], [self.uid["handler"], self.uid["handler2"]])
        self.assertEqual([e["payload"]["unit"] for e in events], ["综合科", "城管科"])
        self.assertEqual(events[0]["payload"]["assignee_name"], "handler")
        # unassigned: null clears both
        r = self.event(rid, {"type": "assigned", "on": "2025-06-05", "assignee": None})
        self.assertIsNone(r.json["assignee"])
        self.assertIsNone(r.json["unit"])

    def test_assign_refused(self):
        rid = self.new()["id"]
        on = "2025-06-03"
        self.assertProblem(self.event(rid, {"type": "assigned", "on": on, "assignee": self.uid["otherclerk"]},
                                      status=409), 409, "assignee_not_of_body")
        self.assertProblem(self.event(rid, {"type": "assigned", "on": on, "assignee": self.uid["auditor"]},
                                      status=409), 409, "assignee_not_of_body")
        self.assertProblem(self.event(rid, {"type": "assigned", "on": on, "assignee": 999999}, status=409),
                           409, "assignee_not_of_body")
        self.assertProblem(self.event(rid, {"type": "assigned", "on": on, "unit": "财务科"}, status=409),
                           409, "unit_unknown")
        self.assertProblem(self.event(rid, {"type": "assigned", "on": on, "unit": ""}, status=400),
                           400, "invalid_input", field="unit")
        self.assertProblem(self.event(rid, {"type": "assigned", "on": on, "assignee": "handler"}, status=400),
                           400, "invalid_input", field="assignee")
        self.assertProblem(self.event(rid, {"type": "assigned", "on": on, "asignee": 1}, status=400),
                           400, "invalid_input")
        # an auditor records nothing; nothing was half-stored by the refusals
        self.assertProblem(self.event(rid, {"type": "assigned", "on": on, "assignee": self.uid["handler"]},
                                      client=self.c["auditor"], status=403), 403, "forbidden")
        got = self.c["clerk"].get(f"/api/v1/requests/{rid}").json
        self.assertIsNone(got["assignee"])
        self.assertEqual(got["version"], 1)
        # a user of the district above may handle a street office's request
        self.event(rid, {"type": "assigned", "on": on, "assignee": self.uid["dclerk"]})
        # a closed request is nobody's work any more
        self.event(rid, {"type": "withdrawn", "on": "2025-06-05"})
        self.assertProblem(self.event(rid, {"type": "assigned", "on": "2025-06-05",
                                            "assignee": self.uid["handler"]}, status=409), 409, "request_closed")

    def test_my_todo_and_filters(self):
        mine = self.new(name="甲")["id"]
        theirs = self.new(name="乙")["id"]
        nobodys = self.new(name="丙")["id"]
        self.event(mine, {"type": "assigned", "on": "2025-06-03", "assignee": self.uid["handler"], "unit": "综合科"})
        self.event(theirs, {"type": "assigned", "on": "2025-06-03", "assignee": self.uid["handler2"],
                            "unit": "城管科"})
        ids, q = self.queue_ids(self.c["handler"], "assignee=me")
        self.assertIn(mine, ids)
        self.assertNotIn(theirs, ids)
        self.assertNotIn(nobodys, ids)
        entry = next(e for band in ("overdue", "due_soon", "later") for e in q[band] if e["id"] == mine)
        # the queue shows whose it is and what is asked (the paper register's content column)
        self.assertEqual(entry["assignee"]["name"], "handler")
        self.assertEqual(entry["unit"], "综合科")
        self.assertEqual(entry["description"], "2024年本街道老旧小区改造项目的招标文件")
        ids, _ = self.queue_ids(self.c["handler2"], "assignee=me")
        self.assertIn(theirs, ids)
        self.assertNotIn(mine, ids)
        ids, _ = self.queue_ids(self.c["clerk"], "assignee=none")
        self.assertIn(nobodys, ids)
        self.assertNotIn(mine, ids)
        ids, _ = self.queue_ids(self.c["clerk"], "unit=" + quote("城管科"))
        self.assertIn(theirs, ids)
        self.assertNotIn(mine, ids)
        ids, _ = self.queue_ids(self.c["clerk"], f"assignee={self.uid['handler']}")
        self.assertIn(mine, ids)
        self.assertNotIn(theirs, ids)
        # the list filters the same way
        listed = [r["id"] for r in self.c["auditor"].get(
            f"/api/v1/requests?assignee={self.uid['handler2']}&limit=500").json["requests"]]
        self.assertIn(theirs, listed)
        self.assertNotIn(mine, listed)
        listed = [r["id"] for r in self.c["auditor"].get("/api/v1/requests?unit=" + quote("综合科")).json["requests"]]
        self.assertIn(mine, listed)
        self.assertNotIn(theirs, listed)
        self.assertProblem(self.c["clerk"].get("/api/v1/queue?assignee=someone"), 400, field="assignee")
        self.assertProblem(self.c["clerk"].get("/api/v1/requests?assignee=-3"), 400, field="assignee")


class Transfer(Base):
    def test_down_and_back_keep_the_clock(self):
        req = self.new(body=self.district, client=self.c["dclerk"])
        rid = req["id"]
        # the district's first number and the street office's first number of the year are both
        # …-00001: after the move they live side by side
        self.new()
        r = self.event(rid, {"type": "transferred", "on": "2025-06-04", "to_body_id": self.street,
                             "reason": "所申请信息由马山街道办事处制作并保存"}, client=self.c["dapprover"])
        moved = r.json
        self.assertEqual(moved["body_id"], self.street)
        self.assertEqual(moved["body_name"], "马山街道办事处")
        for key in ("tracking_no", "received_on", "due_on", "regime"):
            self.assertEqual(moved[key], req[key], key)
        # the street office now holds it: its clerk records on it, its handler is assigned
        self.event(rid, {"type": "assigned", "on": "2025-06-05", "assignee": self.uid["handler"]})
        ids, _ = self.queue_ids(self.c["clerk"], f"body_id={self.street}")
        self.assertIn(rid, ids)
        # 退回: the street office sends it back up; the assignee was the street's and goes
        r = self.event(rid, {"type": "transferred", "on": "2025-06-06", "to_body_id": self.district,
                             "reason": "非本街道职责范围，退回区政府"}, client=self.c["approver"])
        self.assertEqual(r.json["body_id"], self.district)
        self.assertIsNone(r.json["assignee"])
        self.assertEqual(r.json["due_on"], req["due_on"])
        # the street office still reads it and its history, but records nothing on it
        got = self.c["auditor"].get(f"/api/v1/requests/{rid}")
        self.assertEqual(got.status, 200, got)
        events = self.c["handler"].get(f"/api/v1/requests/{rid}/events").json["events"]
        moves = [e["payload"] for e in events if e["type"] == "transferred"]
        self.assertEqual([(m["from_body_id"], m["to_body_id"], m["direction"]) for m in moves],
                         [(self.district, self.street, "down"), (self.street, self.district, "up")])
        self.assertEqual(moves[0]["to_body_name"], "马山街道办事处")
        listed = [x["id"] for x in self.c["auditor"].get("/api/v1/requests?limit=500").json["requests"]]
        self.assertIn(rid, listed)
        self.assertProblem(self.event(rid, {"type": "note", "on": "2025-06-06", "text": "x"}, status=403),
                           403, "forbidden")
        # another street office never held it: it does not see it
        self.assertProblem(self.c["otherclerk"].get(f"/api/v1/requests/{rid}"), 404)

    def test_refused(self):
        rid = self.new()["id"]
        on = "2025-06-04"
        a = self.c["approver"]
        self.assertProblem(self.event(rid, {"type": "transferred", "on": on, "to_body_id": self.other,
                                            "reason": "x"}, client=a, status=409), 409, "transfer_not_in_tree")
        self.assertProblem(self.event(rid, {"type": "transferred", "on": on, "to_body_id": self.street,
                                            "reason": "x"}, client=a, status=409), 409, "transfer_not_in_tree")
        self.assertProblem(self.event(rid, {"type": "transferred", "on": on, "to_body_id": 999999,
                                            "reason": "x"}, client=a, status=409), 409, "transfer_body_unknown")
        self.assertProblem(self.event(rid, {"type": "transferred", "on": on, "to_body_id": self.community,
                                            "reason": ""}, client=a, status=400), 400, "invalid_input",
                           field="reason")
        self.assertProblem(self.event(rid, {"type": "transferred", "on": on, "to_body_id": self.community},
                                      client=a, status=400), 400, "invalid_input", field="reason")
        # a clerk does not decide where a request goes
        self.assertProblem(self.event(rid, {"type": "transferred", "on": on, "to_body_id": self.community,
                                            "reason": "x"}, status=403), 403, "forbidden")
        self.assertEqual(self.c["clerk"].get(f"/api/v1/requests/{rid}").json["body_id"], self.street)
        # down two levels from the district is fine; a 社区 below the street office too
        r = self.event(rid, {"type": "transferred", "on": on, "to_body_id": self.community,
                             "reason": "信息由社区保存"}, client=a)
        self.assertEqual(r.json["body_id"], self.community)

    def test_report_counts_it_once_where_it_was_answered(self):
        # 2024: this class's other tests leave requests of 2025 at the district
        rid = self.new(body=self.district, client=self.c["dclerk"], received_on="2024-12-02", name="丁")["id"]
        self.event(rid, {"type": "transferred", "on": "2024-12-03", "to_body_id": self.other,
                         "reason": "由乙街道办理"}, client=self.c["dapprover"])
        self.event(rid, {"type": "replied", "on": "2024-12-10", "outcome": "disclosed"},
                   client=self.admin)

        def new_total(body, subtree=False):
            q = f"year=2024&body_id={body}" + ("&subtree=true" if subtree else "")
            r = self.admin.get(f"/api/v1/reports/annual?{q}")
            self.assertEqual(r.status, 200, r)
            rows = {row["key"]: row["values"] for row in r.json["applications"]["rows"]}
            return rows["new"][-1], rows["disclosed"][-1]

        self.assertEqual(new_total(self.other), (1, 1))
        district_alone = new_total(self.district)
        self.assertEqual(district_alone, (0, 0))
        # the district with its subtree: once, not at both the district and the street office
        self.assertEqual(new_total(self.district, subtree=True), (1, 1))


class Supervision(Base):
    def test_supervise_and_answer(self):
        rid = self.new()["id"]
        d = self.c["dadmin"]
        r = d.post(f"/api/v1/requests/{rid}/supervisions", {"note": "请加快办理并报告进展", "report_by": "2025-06-25"})
        self.assertEqual(r.status, 201, r)
        sv = r.json["supervision"]
        self.assertEqual((sv["report_by"], sv["note"], sv["by_body_name"]),
                         ("2025-06-25", "请加快办理并报告进展", "平湛市马山区人民政府"))
        # both queues show it: the street office's and the district's
        for who in ("clerk", "dadmin"):
            ids, q = self.queue_ids(self.c[who], "supervised=true")
            self.assertIn(rid, ids, who)
        self.assertEqual(self.c["auditor"].get(f"/api/v1/requests/{rid}").json["supervision"]["id"], sv["id"])
        # one open at a time; the office's own admin does not supervise itself; nor an approver above
        self.assertProblem(d.post(f"/api/v1/requests/{rid}/supervisions", {"note": "再次督办", "report_by": "2025-06-30"}),
                           409, "supervision_open")
        self.assertProblem(self.c["streetadmin"].post(f"/api/v1/requests/{rid}/supervisions",
                                                      {"note": "x", "report_by": "2025-06-30"}), 403, "supervision_not_parent")
        self.assertProblem(self.c["dapprover"].post(f"/api/v1/requests/{rid}/supervisions",
                                                    {"note": "x", "report_by": "2025-06-30"}), 403)
        self.assertProblem(d.post(f"/api/v1/requests/{rid}/supervisions", {"note": "x", "report_by": "2025-06-19"}),
                           400, "invalid_input", field="report_by")
        self.assertProblem(d.post(f"/api/v1/requests/{rid}/supervisions", {"note": "", "report_by": "2025-06-30"}),
                           400, "invalid_input", field="note")
        # the street office reports; the mark leaves the queues
        path = f"/api/v1/requests/{rid}/supervisions/{sv['id']}/answer"
        self.assertProblem(self.c["auditor"].post(path, {"answer": "x"}), 403)
        r = self.c["clerk"].post(path, {"answer": "已于6月20日答复申请人"})
        self.assertEqual(r.status, 200, r)
        self.assertIsNone(r.json["supervision"])
        ids, _ = self.queue_ids(self.c["clerk"], "supervised=true")
        self.assertNotIn(rid, ids)
        ids, _ = self.queue_ids(self.c["clerk"], "supervised=false")
        self.assertIn(rid, ids)
        self.assertProblem(self.c["clerk"].post(path, {"answer": "again"}), 409, "supervision_answered")
        self.assertProblem(self.c["clerk"].post(f"/api/v1/requests/{rid}/supervisions/999999/answer", {"answer": "x"}), 404)
        # a closed request is not supervised
        self.event(rid, {"type": "withdrawn", "on": "2025-06-10"})
        self.assertProblem(d.post(f"/api/v1/requests/{rid}/supervisions", {"note": "x", "report_by": "2025-06-30"}),
                           409, "request_closed")

    def test_supervision_on_the_timeline_and_in_the_audit_log(self):
        rid = self.new()["id"]
        d = self.c["dadmin"]
        sv = d.post(f"/api/v1/requests/{rid}/supervisions",
                    {"note": "群众反映办理缓慢，请说明情况", "report_by": "2025-06-27"}).json["supervision"]
        # both bodies read the mark on the request's timeline
        for who in ("clerk", "dadmin", "auditor"):
            evs = self.c[who].get(f"/api/v1/requests/{rid}/events").json["events"]
            marks = [e for e in evs if e["type"] == "supervised"]
            self.assertEqual(len(marks), 1, (who, evs))
            self.assertEqual((marks[0]["on"], marks[0]["payload"]["supervision_id"], marks[0]["payload"]["note"],
                              marks[0]["payload"]["report_by"], marks[0]["payload"]["by_body_name"],
                              marks[0]["payload"]["by_body_id"]),
                             (TODAY, sv["id"], "群众反映办理缓慢，请说明情况", "2025-06-27", "平湛市马山区人民政府",
                              self.district))
        # neither event is recorded by hand
        for t in ("supervised", "supervision_answered"):
            self.assertProblem(self.c["streetadmin"].post(f"/api/v1/requests/{rid}/events", {"type": t, "on": TODAY}),
                               400, "invalid_input", field="type")
        # only the supervised body's own staff answer: not the district's admin nor its clerk
        path = f"/api/v1/requests/{rid}/supervisions/{sv['id']}/answer"
        for who in ("dadmin", "dclerk"):
            p = self.assertProblem(self.c[who].post(path, {"answer": "代为回复"}), 403, "supervision_not_own_body")
            self.assertIn("被督办机关", p["title_zh"])
            self.assertIn("supervised body", p["title_en"])
        self.assertProblem(self.c["otherclerk"].post(path, {"answer": "x"}), 404)
        self.assertIsNotNone(self.c["clerk"].get(f"/api/v1/requests/{rid}").json["supervision"])
        r = self.c["handler"].post(path, {"answer": "已联系申请人，将于6月25日前答复"})
        self.assertEqual(r.status, 200, r)
        evs = self.c["dadmin"].get(f"/api/v1/requests/{rid}/events").json["events"]
        ans = [e for e in evs if e["type"] == "supervision_answered"]
        self.assertEqual(len(ans), 1, evs)
        self.assertEqual((ans[0]["payload"]["supervision_id"], ans[0]["payload"]["answer"],
                          ans[0]["payload"]["by_body_name"]),
                         (sv["id"], "已联系申请人，将于6月25日前答复", "平湛市马山区人民政府"))
        # the clock is as it was: the due date did not move
        self.assertEqual(self.c["clerk"].get(f"/api/v1/requests/{rid}").json["due_on"],
                         self.c["dadmin"].get(f"/api/v1/requests/{rid}").json["due_on"])
        # the audit log: created by the district's admin, answered by the handler, both rows of the street office
        for who in ("streetadmin", "dadmin"):
            rows = self.c[who].get(f"/api/v1/audit?entity=supervision&entity_id={sv['id']}").json["entries"]
            self.assertEqual(sorted((a["action"], a["actor"]) for a in rows),
                             [("answer", "handler"), ("create", "dadmin")], (who, rows))
            self.assertTrue(all(a["body_id"] == self.street for a in rows), rows)
        created = [a for a in rows if a["action"] == "create"][0]
        self.assertEqual((created["new_value"]["note"], created["new_value"]["request_id"]),
                         ("群众反映办理缓慢，请说明情况", rid))
        # the other street office's staff read none of it
        rows = self.c["otherclerk"].get("/api/v1/audit?entity=supervision")
        self.assertTrue(rows.status == 403 or rows.json["entries"] == [], rows)


if __name__ == "__main__":
    main()
