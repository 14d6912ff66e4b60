"""The district dashboard (督办看板, issue 16) over real HTTP and PostgreSQL:
GET /api/v1/bodies/{id}/dashboard?year=Y on a small tree (a district, two
street offices) against figures counted by hand, as of Tuesday 2025-09-30,
the last working day before the National Day holiday (10月1日至8日放假,
9月28日(周日)、10月11日(周六)上班): a reply due on 10月9日 or 10月11日 is due
within 3 working days (one, three), one due on 10月13日 is not (four), though
a count of weekdays alone would call 10月9日 seven days away."""
from ogitest import OgidTestCase, ogictl, main

PW = "a good long password"
TODAY = "2025-09-30"


class Dashboard(OgidTestCase):
    ogid_env = {"OGI_TODAY": TODAY}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.district = int(ogictl(cls.dbname, "body", "add", "平湛市马山区人民政府", "--parent", "1",
                                  "--code", "MSQ").stdout)
        cls.s1 = int(ogictl(cls.dbname, "body", "add", "马山街道办事处", "--parent", str(cls.district),
                            "--code", "MS").stdout)
        cls.s2 = int(ogictl(cls.dbname, "body", "add", "乙街道办事处", "--parent", str(cls.district),
                            "--code", "YI").stdout)
        cls.c = {}
        for name, role, body in (("dadmin", "admin", cls.district), ("dapprover", "approver", cls.district),
                                 ("dclerk", "clerk", cls.district), ("s1approver", "approver", cls.s1),
                                 ("s1clerk", "clerk", cls.s1), ("s2clerk", "clerk", cls.s2),
                                 ("s2handler", "handler", cls.s2), ("dhandler", "handler", cls.district)):
            ogictl(cls.dbname, "user", "add", name, "--role", role, "--body", str(body),
                   "--password-stdin", input=PW + "\n")
            cl = cls.ogid.client()
            cl.login(name, PW)
            cls.c[name] = cl
        cls.due = {}

        def new(key, body, clerk, received_on):
            r = cls.c[clerk].post("/api/v1/requests", {
                "body_id": body, "channel": "in_person", "received_on": received_on,
                "applicant": {"kind": "natural_person", "name": "张三"},
                "description": "2025年本街道道路维修资金的使用情况",
                "form": {"medium": "paper", "delivery": "post"}})
            assert r.status == 201, r
            cls.due[key] = r.json["due_on"]
            return r.json["id"]

        def reply(rid, clerk, on):
            r = cls.c[clerk].post(f"/api/v1/requests/{rid}/events",
                                  {"type": "replied", "on": on, "outcome": "disclosed"})
            assert r.status == 201, r

        cls.a = new("a", cls.s1, "s1clerk", "2025-09-04")  # due 10月9日: 1 working day
        cls.b = new("b", cls.s1, "s1clerk", "2025-09-08")  # due 10月11日 (周六上班): 3
        cls.cc = new("c", cls.s1, "s1clerk", "2025-09-09")  # due 10月13日: 4, not soon
        cls.d = new("d", cls.s2, "s2clerk", "2025-08-01")  # due 8月29日: overdue
        e = new("e", cls.s2, "s2clerk", "2025-08-04")  # due 9月1日, replied 9月10日: late
        reply(e, "s2handler", "2025-09-10")
        f = new("f", cls.s2, "s2clerk", "2025-08-04")  # replied 8月20日: on time
        reply(f, "s2handler", "2025-08-20")
        g = new("g", cls.district, "dclerk", "2025-01-06")  # due 2月8日 (周六上班, 春节), on time
        reply(g, "dhandler", "2025-01-10")
        r = cls.c["dadmin"].post(f"/api/v1/requests/{cls.a}/supervisions",
                                 {"note": "请于国庆前答复", "report_by": "2025-10-09"})
        assert r.status == 201, r

    def test_due_dates_as_counted_by_hand(self):
        self.assertEqual(self.due, {"a": "2025-10-09", "b": "2025-10-11", "c": "2025-10-13",
                                    "d": "2025-08-29", "e": "2025-09-01", "f": "2025-09-01",
                                    "g": "2025-02-08"})

    def test_figures_worst_first(self):
        r = self.c["dadmin"].get(f"/api/v1/bodies/{self.district}/dashboard?year=2025")
        self.assertEqual(r.status, 200, r)
        j = r.json
        self.assertEqual((j["body_id"], j["year"], j["today"]), (self.district, 2025, TODAY))
        rows = [(b["id"], b["open"], b["due_soon"], b["overdue"], b["replied"], b["replied_late"],
                 b["on_time_rate"], b["received"], b["supervised"]) for b in j["bodies"]]
        # 乙 is late (one overdue) before 马山 (two due soon) before the district (nothing pending)
        self.assertEqual(rows, [(self.s2, 1, 0, 1, 2, 1, 0.5, 3, 0),
                                (self.s1, 3, 2, 0, 0, 0, None, 3, 1),
                                (self.district, 0, 0, 0, 1, 0, 1.0, 1, 0)])
        self.assertEqual([b["name"] for b in j["bodies"]], ["乙街道办事处", "马山街道办事处", "平湛市马山区人民政府"])
        self.assertEqual(j["bodies"][0]["parent_id"], self.district)
        self.assertEqual(j["months"], [1, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0])
        t = j["totals"]
        self.assertEqual((t["open"], t["due_soon"], t["overdue"], t["replied"], t["replied_late"], t["received"],
                          t["supervised"], t["on_time_rate"]), (4, 2, 1, 3, 1, 7, 1, 0.6667))

    def test_the_year_and_who_reads_it(self):
        j = self.c["dapprover"].get(f"/api/v1/bodies/{self.district}/dashboard?year=2024").json
        # another year: nothing received or replied in it; what is open is open now
        self.assertEqual(j["months"], [0] * 12)
        self.assertEqual({b["id"]: (b["open"], b["received"], b["replied"], b["on_time_rate"]) for b in j["bodies"]},
                         {self.s1: (3, 0, 0, None), self.s2: (1, 0, 0, None), self.district: (0, 0, 0, None)})
        # a street office's approver sees its own office only
        j = self.c["s1approver"].get(f"/api/v1/bodies/{self.s1}/dashboard").json
        self.assertEqual([b["id"] for b in j["bodies"]], [self.s1])
        self.assertEqual(j["year"], 2025)
        # a clerk has no dashboard; a street office reads nothing of the district's
        self.assertProblem(self.c["s1clerk"].get(f"/api/v1/bodies/{self.s1}/dashboard"), 403, "forbidden")
        self.assertProblem(self.c["s1approver"].get(f"/api/v1/bodies/{self.district}/dashboard"), 404)
        for y in ("2007", "2026", "x"):
            self.assertProblem(self.c["dadmin"].get(f"/api/v1/bodies/{self.district}/dashboard?year={y}"),
                               400, field="year")


if __name__ == "__main__":
    main()
