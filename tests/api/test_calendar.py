"""The calendar API: a year's days, the desk calculator, editing a day,
importing a file and unloading a year (admins of a top-level body only: the
calendar is the whole deployment's), bad input and implausible years refused
whole, and a change recomputing the open requests' due dates with a
deadline_recomputed event — seen at once by a second ogid on the same
database."""
import json
import tempfile

from ogitest import OgidTestCase, Ogid, calendar_exceptions, ogictl, plausible_2027, psql, main

PW = "a good long password"


class Calendar(OgidTestCase):
    ogid_env = {"OGI_TODAY": "2026-11-23"}

    def test_year_and_calculator(self):
        y = self.admin.get("/api/v1/calendar/2024").json
        self.assertTrue(y["loaded"])
        days = {d["date"]: d for d in y["days"]}
        self.assertEqual(days["2024-10-01"]["kind"], "holiday")
        self.assertEqual(days["2024-10-12"]["kind"], "workday")
        self.assertNotIn("2024-10-05", days)  # a Saturday off by the weekday rule
        self.assertEqual(y["workdays"], 251)  # 366 days, 104 weekend days, 19 weekday days off, 8 make-up days
        self.assertFalse(self.admin.get("/api/v1/calendar/2030").json["loaded"])
        r = self.admin.get("/api/v1/workdays/add?from=2024-09-27&days=20").json
        self.assertEqual(r["date"], "2024-10-30")  # law.md §5.3
        self.assertFalse(r["provisional"])
        self.assertIn({"date": "2024-10-12", "name": "国庆节"}, r["makeup_counted"])
        self.assertIn("2024-10-07", [d["date"] for d in r["skipped"] if d["reason"] == "holiday"])
        # 2030 is loaded by no test
        self.assertTrue(self.admin.get("/api/v1/workdays/add?from=2030-12-10&days=20").json["provisional"])

    def test_bad_input(self):
        a = self.admin
        self.assertProblem(a.get("/api/v1/calendar/1989"), 400, "invalid_input", field="year")
        self.assertProblem(a.get("/api/v1/calendar/2101"), 400, field="year")
        self.assertProblem(a.get("/api/v1/workdays/add?from=2025-02-30&days=3"), 400, field="from")
        self.assertProblem(a.get("/api/v1/workdays/add?from=2025-02-03&days=-1"), 400, field="days")
        self.assertProblem(a.get("/api/v1/workdays/add?from=2025-02-03&days=10001"), 400, field="days")
        self.assertProblem(a.get("/api/v1/workdays/add?from=2025-02-03&days=x"), 400, field="days")
        self.assertProblem(a.put("/api/v1/calendar/days/2025-02-30", {"kind": "holiday", "name": "x"}), 400,
                           field="date")
        self.assertProblem(a.put("/api/v1/calendar/days/2025-02-03", {"kind": "holiday"}), 400, field="name")
        before = psql("SELECT count(*) FROM calendar_days", self.dbname)
        r = a.post("/api/v1/calendar/import", raw=b'{"year":2027,"days":[{"name":"x","date":"2027-02-30","isOffDay":true}]}',
                   headers={"Content-Type": "application/json"})
        self.assertProblem(r, 400, field="file")
        self.assertEqual(psql("SELECT count(*) FROM calendar_days", self.dbname), before, "nothing half-imported")

    def test_only_admins_change_it(self):
        ogictl(self.dbname, "user", "add", "calclerk", "--role", "clerk", "--body", "1", "--password-stdin",
               input="a good long password\n")
        c = self.ogid.client()
        c.login("calclerk", "a good long password")
        self.assertProblem(c.put("/api/v1/calendar/days/2027-01-05", {"kind": "holiday", "name": "x"}), 403)
        self.assertEqual(c.get("/api/v1/calendar/2024").status, 200)

    def test_change_recomputes_open_requests_everywhere(self):
        other = Ogid(self.dbname, env={"OGI_TODAY": "2026-11-23"})
        other.start()
        try:
            req = self.admin.post("/api/v1/requests", {
                "body_id": 1, "channel": "online", "received_on": "2026-11-16",
                "applicant": {"kind": "natural_person", "name": "王五"}, "description": "某文件"}).json
            # 2026-11-16 + 20 wd = 2026-12-14 (no holiday)
            self.assertEqual(req["due_on"], "2026-12-14")
            r = self.admin.put("/api/v1/calendar/days/2026-12-01", {"kind": "holiday", "name": "测试假日"})
            self.assertEqual(r.status, 200, r)
            self.assertGreaterEqual(r.json["requests_moved"], 1)
            got = self.admin.get(f"/api/v1/requests/{req['id']}").json
            self.assertEqual(got["due_on"], "2026-12-15")
            events = self.admin.get(f"/api/v1/requests/{req['id']}/events").json["events"]
            self.assertEqual(events[-1]["type"], "deadline_recomputed")
            self.assertEqual((events[-1]["payload"]["from"], events[-1]["payload"]["to"]),
                             ("2026-12-14", "2026-12-15"))
            # the second ogid counts with the change at once (LISTEN/NOTIFY)
            o = other.admin() if other.admin_password else None
            c2 = other.client(token=ogictl(self.dbname, "token", "create", "admin").stdout.strip())
            for _ in range(50):
                if c2.get("/api/v1/workdays/add?from=2026-11-30&days=1").json["date"] == "2026-12-02":
                    break
                import time
                time.sleep(0.1)
            self.assertEqual(c2.get("/api/v1/workdays/add?from=2026-11-30&days=1").json["date"], "2026-12-02")
            # undo: back to the weekday rule
            r = self.admin.put("/api/v1/calendar/days/2026-12-01", {"kind": "rule"})
            self.assertEqual(self.admin.get(f"/api/v1/requests/{req['id']}").json["due_on"], "2026-12-14")
            audit = psql("SELECT count(*) FROM audit_log WHERE entity = 'calendar'", self.dbname)
            self.assertGreaterEqual(int(audit), 2)
            del o
        finally:
            other.stop()

    def test_import_holiday_cn_and_ical(self):
        # an art. 35 delay into 2027, a year not loaded yet: provisional until 2027 is imported
        req = self.admin.post("/api/v1/requests", {
            "body_id": 1, "channel": "in_person", "received_on": "2026-11-16",
            "applicant": {"kind": "natural_person", "name": "赵六"}, "description": "历年文件汇编"}).json
        r = self.admin.post(f"/api/v1/requests/{req['id']}/events",
                            {"type": "delay_set", "on": "2026-11-20", "due_on": "2027-03-01", "reason": "数量大"})
        self.assertEqual(r.status, 201, r)
        self.assertTrue(r.json["provisional_deadline"])
        year = plausible_2027()
        r = self.admin.post("/api/v1/calendar/import", raw=json.dumps(year, ensure_ascii=False).encode(),
                            headers={"Content-Type": "application/json"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["years"], [2027])
        y = self.admin.get("/api/v1/calendar/2027").json
        self.assertTrue(y["loaded"])
        stored = {d["date"]: d["kind"] for d in y["days"]}
        self.assertEqual(stored, calendar_exceptions(year), "exactly the file's exceptions to the weekday rule")
        self.assertEqual((stored["2027-01-01"], stored["2027-02-08"], stored["2027-02-20"]),
                         ("holiday", "holiday", "workday"))
        self.assertNotIn("2027-02-06", stored)  # a Saturday off: the weekday rule already says so
        # the delayed due date stays, and is no longer provisional; no date moved, so no event
        got = self.admin.get(f"/api/v1/requests/{req['id']}").json
        self.assertEqual((got["due_on"], got["provisional_deadline"]), ("2027-03-01", False))
        types = [e["type"] for e in self.admin.get(f"/api/v1/requests/{req['id']}/events").json["events"]]
        self.assertNotIn("deadline_recomputed", types)
        # a plausible 2028 (除夕 Tue 01-25, 中秋 Tue 10-03), not the State Council's notice: the test's
        # two days off 01-03..01-04 and the holidays every year's arrangement has
        events = [("20280103", "20280105", "测试"), ("20280125", "20280202", "春节"),
                  ("20280205", "20280206", "春节补班"), ("20280501", "20280506", "劳动节"),
                  ("20281001", "20281009", "国庆节、中秋节"), ("20281007", "20281008", "国庆节补班")]
        ics = ("BEGIN:VCALENDAR\r\n" + "".join(
            f"BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:{a}\r\nDTEND;VALUE=DATE:{b}\r\nSUMMARY:{name}\r\nEND:VEVENT\r\n"
            for a, b, name in events) + "END:VCALENDAR\r\n").encode()
        r = self.admin.post("/api/v1/calendar/import", raw=ics, headers={"Content-Type": "text/calendar"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(self.admin.get("/api/v1/workdays/add?from=2028-01-02&days=1").json["date"], "2028-01-05")


    def test_import_ical_recurrences(self):
        """An iCalendar file as a calendar program writes one: a holiday as one event with an RRULE
        (libical expands it), DURATION, RDATE, EXDATE; a malformed line refused naming it."""
        # a plausible 2029 (正月初一 Tue 02-13), not a State Council notice
        events = [
            "DTSTART;VALUE=DATE:20290101\r\nSUMMARY:元旦",
            # 02-12 .. 02-19, less Sunday 02-18 (a weekend day: it stays off by the weekday rule)
            "UID:cny@test\r\nDTSTART;VALUE=DATE:20290212\r\nRRULE:FREQ=DAILY;COUNT=8\r\n"
            "EXDATE;VALUE=DATE:20290218\r\nSUMMARY:春节",
            "DTSTART;VALUE=DATE:20290210\r\nRDATE;VALUE=DATE:20290224\r\nSUMMARY:春节补班",
            "DTSTART;VALUE=DATE:20290501\r\nDTEND;VALUE=DATE:20290506\r\nSUMMARY:劳动节",
            "DTSTART;VALUE=DATE:20291001\r\nDURATION:P7D\r\nSUMMARY:国庆\r\n 节",
            "DTSTART;VALUE=DATE:20290929\r\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=SA;COUNT=2\r\n"
            "SUMMARY:国庆节补班",
        ]
        ics = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//ZH\r\n" + "".join(
            f"BEGIN:VEVENT\r\n{e}\r\nEND:VEVENT\r\n" for e in events) + "END:VCALENDAR\r\n").encode()
        r = self.admin.post("/api/v1/calendar/import", raw=ics, headers={"Content-Type": "text/calendar"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["years"], [2029])
        stored = {d["date"]: d["kind"] for d in self.admin.get("/api/v1/calendar/2029").json["days"]}
        off = ["2029-01-01", "2029-02-12", "2029-02-13", "2029-02-14", "2029-02-15", "2029-02-16",
               "2029-02-19", "2029-05-01", "2029-05-02", "2029-05-03", "2029-05-04", "2029-10-01",
               "2029-10-02", "2029-10-03", "2029-10-04", "2029-10-05"]
        worked = ["2029-02-10", "2029-02-24", "2029-09-29", "2029-10-13"]
        self.assertEqual(stored, {**{d: "holiday" for d in off}, **{d: "workday" for d in worked}})
        names = {d["date"]: d["name"] for d in self.admin.get("/api/v1/calendar/2029").json["days"]}
        self.assertEqual(names["2029-10-01"], "国庆节", "the folded SUMMARY unfolded")

        bad = [(b"RRULE:FREQ=DAILY;COUNT=x", "第 6 行", "line 6: not valid iCalendar"),
               (b"RRULE:FREQ=SECONDLY", "第 6 行", "line 6: an RRULE's FREQ must be DAILY"),
               (b"RRULE:FREQ=DAILY;COUNT=2000000000", "一年之后", "line 6: the RRULE runs on a year")]
        for line, zh, en in bad:
            r = self.admin.post("/api/v1/calendar/import", headers={"Content-Type": "text/calendar"}, raw=(
                b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//ZH\r\nBEGIN:VEVENT\r\n"
                b"DTSTART;VALUE=DATE:20300101\r\n" + line + b"\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"))
            p = self.assertProblem(r, 400, "invalid_input", field="file")
            e = [e for e in p["errors"] if e["field"] == "file"][0]
            self.assertEqual(e["code"], "calendar_import_invalid", e)
            self.assertIn(zh, e["message_zh"], e)
            self.assertTrue(e["message_en"].startswith(en), e)
            self.assertFalse(self.admin.get("/api/v1/calendar/2030").json["loaded"], "nothing imported")


class CalendarImportByOgictl(OgidTestCase):
    """The operator's year-end import with ogictl moves open deadlines like the API does."""
    ogid_env = {"OGI_TODAY": "2026-11-23"}

    def test_ogictl_import_recomputes_open_requests(self):
        req = self.admin.post("/api/v1/requests", {
            "body_id": 1, "channel": "in_person", "received_on": "2026-11-23",
            "applicant": {"kind": "natural_person", "name": "钱七"}, "description": "年度预算"}).json
        # Mon 2026-11-23 + 20 wd = Mon 12-21; extended by 20 wd into 2027, not loaded yet: by the
        # weekday rule Fri 2027-01-01 counts, so Mon 2027-01-18, provisional
        r = self.admin.post(f"/api/v1/requests/{req['id']}/events", {
            "type": "extension_approved", "on": "2026-11-23", "working_days": 20, "approver": "主任",
            "reason": "档案在外单位"})
        self.assertEqual((r.json["due_on"], r.json["provisional_deadline"]), ("2027-01-18", True))
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump(plausible_2027(), f)
        out = ogictl(self.dbname, "calendar", "import", f.name).stdout
        self.assertIn("the due dates of 1 open request moved", out)
        # 2027-01-01 off: one working day later, Tue 01-19, no longer provisional
        got = self.admin.get(f"/api/v1/requests/{req['id']}").json
        self.assertEqual((got["due_on"], got["provisional_deadline"]), ("2027-01-19", False))
        last = self.admin.get(f"/api/v1/requests/{req['id']}/events").json["events"][-1]
        self.assertEqual((last["type"], last["actor"], last["payload"]["from"], last["payload"]["to"]),
                         ("deadline_recomputed", "ogictl", "2027-01-18", "2027-01-19"))
        # audited as the API's import is (the same lib/db function): the years and the days stored
        exceptions = calendar_exceptions(plausible_2027())
        row = json.loads(psql("SELECT json_build_object('actor_id', actor_id, 'old', old_value, 'new', new_value) "
                              "FROM audit_log WHERE entity = 'calendar' AND action = 'import'", self.dbname))
        self.assertEqual(row, {"actor_id": None, "old": None, "new": {"years": [2027], "days": len(exceptions)}})
        # show lists the year as stored: its source and each exception, 休 off and 班 worked
        shown = ogictl(self.dbname, "calendar", "show", "2027").stdout.splitlines()
        self.assertEqual(shown[0], f"2027: ogictl calendar import {f.name}")
        self.assertEqual({line.split()[0]: line.split()[1] for line in shown[1:]},
                         {day: "休" if kind == "holiday" else "班" for day, kind in exceptions.items()})
        # a day edited through the API is listed as entered, in a year not loaded too, and also
        # one that changes nothing (a holiday on Saturday 2028-03-04 keeps the rule's day off)
        r = self.admin.put("/api/v1/calendar/days/2028-03-04", {"kind": "holiday", "name": "测试假日"})
        self.assertEqual(r.status, 200, r)
        shown = ogictl(self.dbname, "calendar", "show", "2028").stdout.splitlines()
        self.assertEqual(shown, ["2028: not loaded (the weekday rule applies; due dates are provisional)",
                                 "2028-03-04  休" + " " * 4 + "  测试假日"])  # %-7s: 7 bytes
        self.assertEqual(self.admin.get("/api/v1/calendar/2028").json["days"], [])
        r = self.admin.put("/api/v1/calendar/days/2028-03-04", {"kind": "rule"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(len(ogictl(self.dbname, "calendar", "show", "2028").stdout.splitlines()), 1)
        # and unloaded again with ogictl: counted by the weekday rule, provisional, audited
        out = ogictl(self.dbname, "calendar", "unload", "2027").stdout
        self.assertIn("unloaded 2027", out)
        self.assertIn("the due dates of 1 open request moved", out)
        got = self.admin.get(f"/api/v1/requests/{req['id']}").json
        self.assertEqual((got["due_on"], got["provisional_deadline"]), ("2027-01-18", True))
        self.assertIn("not loaded", ogictl(self.dbname, "calendar", "show", "2027").stdout)
        self.assertEqual(psql("SELECT actor || ' ' || action FROM audit_log WHERE entity = 'calendar' "
                              "AND entity_id = '2027' ORDER BY id", self.dbname).splitlines(),
                         ["ogictl import", "ogictl unload"])
        r = ogictl(self.dbname, "calendar", "unload", "2027", check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("2027 is not loaded", r.stderr)
        self.assertEqual(ogictl(self.dbname, "calendar", "unload", "1900", check=False).returncode, 1)


class CalendarTopLevelOnly(OgidTestCase):
    """The calendar is one for the whole deployment: only an admin of a top-level body changes it
    (ogi issue 19 item 2).  A street office's admin editing a day moved other offices' due dates
    with that admin as the actor of their timelines; now it is 403 and nothing changes.  An
    implausible year is refused, and a loaded year can be unloaded."""
    ogid_env = {"OGI_TODAY": "2026-11-23"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.street = int(ogictl(cls.dbname, "body", "add", "甲街道办事处", "--parent", "1").stdout)
        cls.other = int(ogictl(cls.dbname, "body", "add", "乙街道办事处", "--parent", "1").stdout)
        ogictl(cls.dbname, "user", "add", "streetadmin", "--role", "admin", "--body", str(cls.street),
               "--password-stdin", input=PW + "\n")
        cls.street_admin = cls.ogid.client()
        cls.street_admin.login("streetadmin", PW)
        cls.street_token = cls.ogid.client(token=ogictl(cls.dbname, "token", "create", "streetadmin").stdout.strip())

    def other_office_request(self, name):
        # Mon 2026-11-23 + 20 wd = Mon 12-21 (no holiday in between)
        r = self.admin.post("/api/v1/requests", {
            "body_id": self.other, "channel": "in_person", "received_on": "2026-11-23",
            "applicant": {"kind": "natural_person", "name": name}, "description": "某文件"})
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json["due_on"], "2026-12-21")
        return r.json["id"]

    def calendar_audit(self):
        return psql("SELECT count(*) FROM audit_log WHERE entity = 'calendar'", self.dbname)

    def event_types(self, rid):
        return [e["type"] for e in self.admin.get(f"/api/v1/requests/{rid}/events").json["events"]]

    def assertNotTopLevel(self, r):
        p = self.assertProblem(r, 403, "calendar_top_level_only")
        self.assertIn("顶级机关", p["title_zh"])
        self.assertIn("top-level body", p["title_en"])

    def test_session_says_who_may_change_the_calendar(self):
        self.assertIs(self.admin.get("/api/v1/session").json["calendar_admin"], True)
        self.assertIs(self.street_admin.get("/api/v1/session").json["calendar_admin"], False)
        self.assertIs(self.street_token.get("/api/v1/session").json["calendar_admin"], False)
        r = self.ogid.client().post("/api/v1/session", {"username": "streetadmin", "password": PW})
        self.assertIs(r.json["calendar_admin"], False)

    def test_street_admin_edits_no_day(self):
        rid = self.other_office_request("孙八")
        audited = self.calendar_audit()
        days = psql("SELECT count(*) FROM calendar_days", self.dbname)
        for c in (self.street_admin, self.street_token):
            self.assertNotTopLevel(c.put("/api/v1/calendar/days/2026-12-10", {"kind": "holiday", "name": "x"}))
            # refused before the body is looked at: no hint of what would have been accepted
            self.assertNotTopLevel(c.put("/api/v1/calendar/days/2026-12-10", {"kind": "nonsense"}))
        self.assertEqual(psql("SELECT count(*) FROM calendar_days", self.dbname), days)
        self.assertEqual(psql("SELECT count(*) FROM calendar_days WHERE day = '2026-12-10'", self.dbname), "0")
        got = self.admin.get(f"/api/v1/requests/{rid}").json
        self.assertEqual(got["due_on"], "2026-12-21")
        self.assertNotIn("deadline_recomputed", self.event_types(rid))
        self.assertEqual(self.calendar_audit(), audited)
        self.assertEqual(self.street_admin.get("/api/v1/workdays/add?from=2026-12-09&days=1").json["date"],
                         "2026-12-10")
        # the street admin still reads the calendar
        self.assertEqual(self.street_admin.get("/api/v1/calendar/2026").status, 200)

    def test_street_admin_imports_nothing(self):
        rid = self.other_office_request("周九")
        audited = self.calendar_audit()
        body = json.dumps(plausible_2027(), ensure_ascii=False).encode()
        for c in (self.street_admin, self.street_token):
            self.assertNotTopLevel(c.post("/api/v1/calendar/import", raw=body,
                                          headers={"Content-Type": "application/json"}))
            self.assertNotTopLevel(c.post("/api/v1/calendar/import", raw=b'{"year":2027,"days":[]}',
                                          headers={"Content-Type": "application/json"}))
        self.assertFalse(self.admin.get("/api/v1/calendar/2027").json["loaded"])
        self.assertEqual(self.admin.get(f"/api/v1/requests/{rid}").json["due_on"], "2026-12-21")
        self.assertNotIn("deadline_recomputed", self.event_types(rid))
        self.assertEqual(self.calendar_audit(), audited)

    def test_street_admin_unloads_nothing(self):
        rid = self.other_office_request("吴十")
        audited = self.calendar_audit()
        for c in (self.street_admin, self.street_token):
            self.assertNotTopLevel(c.delete("/api/v1/calendar/2026"))
            self.assertNotTopLevel(c.delete("/api/v1/calendar/2030"))  # loaded or not: the same answer
        self.assertTrue(self.admin.get("/api/v1/calendar/2026").json["loaded"])
        got = self.admin.get(f"/api/v1/requests/{rid}").json
        self.assertEqual((got["due_on"], got["provisional_deadline"]), ("2026-12-21", False))
        self.assertNotIn("deadline_recomputed", self.event_types(rid))
        self.assertEqual(self.calendar_audit(), audited)

    def import_(self, year):
        return self.admin.post("/api/v1/calendar/import", raw=json.dumps(year, ensure_ascii=False).encode(),
                               headers={"Content-Type": "application/json"})

    def assertImplausible(self, r, *words):
        """Refused naming the file, one error for each rule the file breaks; returns them."""
        p = self.assertProblem(r, 400, "invalid_input", field="file")
        errors = [e for e in p["errors"] if e["field"] == "file"]
        for e in errors:
            self.assertEqual(e["code"], "calendar_import_implausible", e)
        said = " ".join(e["message_zh"] + " " + e["message_en"] for e in errors)
        for w in words:
            self.assertIn(w, said, errors)
        self.assertFalse(self.admin.get("/api/v1/calendar/2027").json["loaded"])
        return errors

    def test_implausible_years_refused(self):
        audited = self.calendar_audit()
        days = psql("SELECT count(*) FROM calendar_days", self.dbname)
        # an empty year would mark 2027 loaded with no holidays: deadlines into it would lose their
        # provisional flag on nothing
        errors = self.assertImplausible(self.import_({"year": 2027, "days": []}), "春节", "Spring Festival",
                                        "国庆节", "National Day", "法定节假日", "statutory holidays", "2027")
        self.assertEqual(len(errors), 3, errors)
        year = plausible_2027()
        no_national_day = dict(year, days=[d for d in year["days"] if d["name"] != "国庆节"])
        self.assertEqual(len(self.assertImplausible(self.import_(no_national_day), "国庆节", "National Day")), 1)
        no_spring_festival = dict(year, days=[d for d in year["days"] if d["name"] != "春节"])
        self.assertImplausible(self.import_(no_spring_festival), "春节", "Spring Festival")
        ics = ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270101\r\nDTEND;VALUE=DATE:20270104\r\n"
               "SUMMARY:元旦\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n").encode()
        r = self.admin.post("/api/v1/calendar/import", raw=ics, headers={"Content-Type": "text/calendar"})
        self.assertImplausible(r, "春节", "国庆节")
        self.assertEqual(psql("SELECT count(*) FROM calendar_days", self.dbname), days, "nothing half-imported")
        self.assertEqual(self.calendar_audit(), audited)

    def test_unload(self):
        # Mon 2026-11-23 + 20 wd = Mon 12-21, extended by 20 wd into 2027: Tue 2027-01-19 with
        # 2027-01-01 off, not provisional once 2027 is loaded
        r = self.admin.post("/api/v1/requests", {
            "body_id": self.other, "channel": "in_person", "received_on": "2026-11-23",
            "applicant": {"kind": "natural_person", "name": "郑十一"}, "description": "年度预算"}).json
        rid = r["id"]
        r = self.admin.post(f"/api/v1/requests/{rid}/events", {
            "type": "extension_approved", "on": "2026-11-23", "working_days": 20, "approver": "主任",
            "reason": "档案在外单位"})
        self.assertEqual((r.json["due_on"], r.json["provisional_deadline"]), ("2027-01-18", True))
        r = self.import_(plausible_2027())
        self.assertEqual(r.status, 200, r)
        got = self.admin.get(f"/api/v1/requests/{rid}").json
        self.assertEqual((got["due_on"], got["provisional_deadline"]), ("2027-01-19", False))

        r = self.admin.delete("/api/v1/calendar/2027")
        self.assertEqual(r.status, 200, r)
        self.assertEqual((r.json["year"], r.json["requests_moved"]), (2027, 1))
        self.assertEqual(r.json["days_removed"], len(calendar_exceptions(plausible_2027())))
        y = self.admin.get("/api/v1/calendar/2027").json
        self.assertEqual((y["loaded"], y["days"], y["source"]), (False, [], None))
        self.assertNotIn(2027, y["loaded_years"])
        # back to the weekday rule: Fri 2027-01-01 counts again, and the date is provisional
        got = self.admin.get(f"/api/v1/requests/{rid}").json
        self.assertEqual((got["due_on"], got["provisional_deadline"]), ("2027-01-18", True))
        last = self.admin.get(f"/api/v1/requests/{rid}/events").json["events"][-1]
        self.assertEqual((last["type"], last["actor"], last["payload"]["from"], last["payload"]["to"]),
                         ("deadline_recomputed", "admin", "2027-01-19", "2027-01-18"))
        self.assertTrue(self.admin.get("/api/v1/workdays/add?from=2027-06-01&days=1").json["provisional"])
        # audited, with what was unloaded
        log = self.admin.get("/api/v1/audit?entity=calendar&entity_id=2027").json["entries"]
        self.assertEqual([e["action"] for e in log], ["unload", "import"])
        self.assertEqual(log[0]["actor"], "admin")
        self.assertIsNone(log[0]["new_value"])
        self.assertEqual(log[0]["old_value"]["year"], 2027)
        self.assertEqual(log[0]["old_value"]["source"], "imported by admin")
        self.assertEqual({d["day"]: d["kind"] for d in log[0]["old_value"]["days"]}, calendar_exceptions(plausible_2027()))
        # not loaded (any more): 404, nothing audited
        self.assertProblem(self.admin.delete("/api/v1/calendar/2027"), 404, "not_found")
        self.assertProblem(self.admin.delete("/api/v1/calendar/2030"), 404, "not_found")
        self.assertProblem(self.admin.delete("/api/v1/calendar/1989"), 400, "invalid_input", field="year")
        self.assertEqual(len(self.admin.get("/api/v1/audit?entity=calendar&entity_id=2027").json["entries"]), 2)


if __name__ == "__main__":
    main()
