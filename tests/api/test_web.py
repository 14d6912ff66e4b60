"""What the web client relies on besides the rest of the API: the static
files (content types, cache headers — immutable under the release's /v/
prefix, revalidated otherwise — the Content-Security-Policy, nothing from
another host), the server's legal "today" in the session, the loaded years
of the calendar, and allowed_events on …/deadline: exactly the events the
API would accept now from this caller, checked against what POSTing each of
the others answers."""
import re
from collections import deque

from ogitest import OgidTestCase, Client, ogictl, main

TODAY = "2025-06-20"
PASSWORD = "web client tests"
TYPES = ["correction_requested", "correction_received", "consultation_started", "consultation_delivered",
         "consultation_ended", "objection_overridden",
         "extension_approved", "delay_set", "fee_notice_issued", "fee_paid", "fee_waived", "fee_lapsed",
         "replied", "withdrawn", "correction_lapsed", "note"]
# the least payload each type takes
PAYLOAD = {
    "correction_requested": {"items": "写明文件名称"}, "consultation_started": {"party": "third_party", "name": "某公司"},
    "consultation_ended": {"answer": "agree"}, "extension_approved": {"working_days": 1, "approver": "主任", "reason": "调档"},
    "delay_set": {"due_on": "2030-01-01", "reason": "数量大"}, "fee_notice_issued": {"method": "per_volume", "pages": 40},
    "fee_waived": {"reason": "dibao"}, "objection_overridden": {"reason": "涉及公共安全，公开利大于弊"}, "replied": {"outcome": "disclosed"}, "note": {"text": "备注"},
}


class Web(OgidTestCase):
    ogid_env = {"OGI_TODAY": TODAY}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.body = cls.admin.post("/api/v1/bodies", {"name": "网页测试街道", "parent_id": 1}).json["id"]
        cls.users = {}
        for role in ("clerk", "handler", "approver", "auditor"):
            ogictl(cls.dbname, "user", "add", f"web_{role}", "--role", role, "--body", str(cls.body), "--password-stdin",
                   input=PASSWORD + "\n")
            c = Client(cls.ogid.port)
            c.login(f"web_{role}", PASSWORD)
            cls.users[role] = c

    def intake(self, received_on):
        r = self.users["clerk"].post("/api/v1/requests", {
            "body_id": self.body, "channel": "in_person", "received_on": received_on,
            "applicant": {"kind": "natural_person", "name": "网页"}, "description": "测试"})
        self.assertEqual(r.status, 201, r)
        return r.json["id"]

    def allowed(self, role, rid):
        r = self.users[role].get(f"/api/v1/requests/{rid}/deadline")
        self.assertEqual(r.status, 200, r)
        return r.json["allowed_events"]

    def record(self, rid, type_, on, **extra):
        r = self.users["approver"].post(f"/api/v1/requests/{rid}/events", {"type": type_, "on": on, **PAYLOAD.get(type_, {}), **extra})
        self.assertEqual(r.status, 201, r)

    def assertOthersRefused(self, rid, allowed, on):
        """Every type not offered to an approver is refused by the API (409), dated the last event's day."""
        for t in TYPES:
            if t in allowed:
                continue
            r = self.users["approver"].post(f"/api/v1/requests/{rid}/events", {"type": t, "on": on, **PAYLOAD.get(t, {})})
            self.assertEqual(r.status, 409, f"{t} was not offered but the API answered {r}")

    def test_static_files(self):
        c = Client(self.ogid.port)
        r = c.get("/")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("Content-Type"), "text/html; charset=utf-8")
        self.assertEqual(r.header("Cache-Control"), "no-cache", "the document is revalidated on every load")
        self.assertTrue(r.header("ETag"))
        csp = r.header("Content-Security-Policy")
        for rule in ("default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "img-src 'self'",
                     "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "require-trusted-types-for 'script'",
                     "frame-src 'self'"):
            self.assertIn(rule, csp)
        self.assertNotIn("unsafe", csp)
        self.assertEqual(r.header("X-Content-Type-Options"), "nosniff")
        html = r.body.decode()
        self.assertIsNone(re.search(r"https?://", html), "nothing from another host")
        version = re.search(r'src="/v/([0-9a-f]{16})/js/app\.js"', html).group(1)
        refs = re.findall(r'(?:src|href)="(/[^"]*)"', html)
        self.assertTrue(refs and all(ref.startswith(f"/v/{version}/") for ref in refs), refs)
        self.assertEqual(c.get("/", headers={"If-None-Match": r.header("ETag")}).status, 304)
        head = c.request("HEAD", "/")
        self.assertEqual((head.status, head.body, head.header("Content-Type")), (200, b"", "text/html; charset=utf-8"))

        # every file of this release, found from the document and the modules' imports
        types = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".svg": "image/svg+xml"}
        todo, seen = deque(refs), set()
        while todo:
            path = todo.popleft()
            if path in seen:
                continue
            seen.add(path)
            f = c.get(path)
            self.assertEqual(f.status, 200, path)
            self.assertEqual(f.header("Content-Type"), types[path[path.rindex("."):]], path)
            self.assertEqual(f.header("Cache-Control"), "public, max-age=31536000, immutable", path)
            self.assertTrue(f.header("Content-Security-Policy"))
            self.assertEqual(c.get(path, headers={"If-None-Match": f.header("ETag")}).status, 304, path)
            text = f.body.decode()
            # an XML namespace is a name, not something loaded (an attribute in markup, the SVG
            # namespace a script passes to createElementNS for the charts it draws)
            names = r'xmlns(:\w+)?="[^"]*"|\'http://www\.w3\.org/2000/svg\''
            self.assertIsNone(re.search(r"https?://", re.sub(names, "", text)), f"{path} names another host")
            if path.endswith(".js"):
                folder = path[:path.rindex("/") + 1]
                for imp in re.findall(r"""(?:from|import\()\s*'(\.{1,2}/[^']+)'""", text):
                    parts = (folder + imp).split("/")
                    out = []
                    for p in parts:
                        if p == "..":
                            out.pop()
                        elif p != ".":
                            out.append(p)
                    todo.append("/".join(out))
        self.assertIn(f"/v/{version}/js/pages/calendar.js", seen)
        self.assertIn(f"/v/{version}/js/validate.js", seen)

        # the same files at their plain paths are revalidated, not immutable
        plain = c.get("/js/app.js")
        self.assertEqual((plain.status, plain.header("Cache-Control")), (200, "no-cache"))
        # another release's files are gone: 404, never this release's under its name
        for path in ("/v/0000000000000000/js/app.js", f"/v/{version}/index.html", f"/v/{version}/js/nothing.js",
                     f"/v/{version}/../meson.build", "/v/short/js/app.js", "/nothing.html", "/js/"):
            p = self.assertProblem(c.get(path), 404, "not_found")
            self.assertTrue(p["detail"])
        self.assertEqual(c.post("/", {"x": 1}).status, 404)

    def test_session_carries_the_legal_today(self):
        r = self.users["clerk"].get("/api/v1/session")
        self.assertEqual(r.json["today"], TODAY)
        self.assertEqual(r.json["roles"], [{"body_id": self.body, "role": "clerk"}])

    def test_calendar_lists_loaded_years(self):
        r = self.admin.get("/api/v1/calendar/2030").json
        self.assertFalse(r["loaded"])
        self.assertEqual(r["loaded_years"], list(range(2008, 2027)), "2008–2026 ship with the migrations")

    def test_allowed_events_follow_the_rules_and_the_role(self):
        rid = self.intake("2025-06-09")
        # a clerk and above assign (承办, issue 16)
        self.assertEqual(self.allowed("clerk", rid), ["correction_requested", "consultation_started", "withdrawn", "note", "assigned"])
        self.assertEqual(self.allowed("handler", rid), ["correction_requested", "consultation_started", "replied", "withdrawn", "note",
                                                        "assigned"])
        fresh = ["correction_requested", "consultation_started", "extension_approved", "delay_set", "fee_notice_issued",
                 "replied", "withdrawn", "note", "assigned", "transferred"]
        self.assertEqual(self.allowed("approver", rid), fresh)
        self.assertEqual(self.allowed("auditor", rid), [], "an auditor records nothing")
        self.assertOthersRefused(rid, fresh, "2025-06-09")

        self.record(rid, "correction_requested", "2025-06-10")
        # while it is open, an approver may assign and transfer it whatever else waits
        waiting = ["correction_received", "withdrawn", "correction_lapsed", "note", "assigned", "transferred"]
        self.assertEqual(self.allowed("approver", rid), waiting)
        self.assertOthersRefused(rid, waiting, "2025-06-10")

        self.record(rid, "correction_received", "2025-06-12")
        # art. 30: one correction notice, all items at once
        self.assertEqual(self.allowed("approver", rid), fresh[1:])

        self.record(rid, "fee_notice_issued", "2025-06-13")
        # fee_lapsed only once the 20 working days to pay have passed (06-13 + 20 wd = 07-11, after today)
        paying = ["delay_set", "fee_paid", "fee_waived", "withdrawn", "note", "assigned", "transferred"]
        self.assertEqual(self.allowed("approver", rid), paying)
        self.assertOthersRefused(rid, paying, "2025-06-13")
        self.record(rid, "fee_paid", "2025-06-16")

        self.record(rid, "consultation_started", "2025-06-17")
        # the party's receipt is not recorded yet: its 15 working days count from the sending until it is
        consulting = ["consultation_started", "consultation_ended", "extension_approved", "delay_set", "fee_notice_issued",
                      "withdrawn", "note", "consultation_delivered", "assigned", "transferred"]
        self.assertEqual(self.allowed("approver", rid), consulting)
        self.assertOthersRefused(rid, consulting, "2025-06-17")
        self.record(rid, "consultation_ended", "2025-06-18")

        self.record(rid, "extension_approved", "2025-06-18")
        self.assertNotIn("extension_approved", self.allowed("approver", rid), "one extension only")
        self.record(rid, "replied", "2025-06-20")
        for role in self.users:
            self.assertEqual(self.allowed(role, rid), [] if role == "auditor" else ["note"],
                             "after closing only a note")

    def test_no_extension_once_the_last_event_is_past_the_due_date(self):
        # received 05-06, due 06-04; a consultation 06-05 → 06-06 pauses one working day (06-06): due 06-05,
        # and an extension would now have to be dated on or after 06-06, after the due date
        rid = self.intake("2025-05-06")
        self.assertIn("extension_approved", self.allowed("approver", rid), "decided in time, recorded late: still possible")
        self.record(rid, "consultation_started", "2025-06-05")
        self.record(rid, "consultation_ended", "2025-06-06")
        self.assertEqual(self.users["approver"].get(f"/api/v1/requests/{rid}").json["due_on"], "2025-06-05")
        allowed = self.allowed("approver", rid)
        self.assertNotIn("extension_approved", allowed)
        self.assertIn("delay_set", allowed)
        r = self.users["approver"].post(f"/api/v1/requests/{rid}/events",
                                        {"type": "extension_approved", "on": "2025-06-06", **PAYLOAD["extension_approved"]})
        self.assertProblem(r, 409, "extension_after_due")

    def test_report_and_remedy_members_the_client_reads(self):
        """The report page draws its tables from these members in the export's layout; the request
        page shows the remedy records' dates and history and PATCHes with their version; the queue
        bands a closed request by its reconsideration's date."""
        rid = self.intake("2025-03-03")
        self.record(rid, "replied", "2025-03-10", delivered_on="2025-03-11")
        rep = self.admin.get(f"/api/v1/reports/annual?year=2025&body_id={self.body}").json
        apps = rep["applications"]
        self.assertEqual(len(apps["columns"]), 7)
        self.assertEqual(apps["column_labels"], ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"])
        for row in apps["rows"]:
            self.assertEqual(row["path"][-1], row["label"], row["key"])
            self.assertEqual(len(row["values"]), 7, row["key"])
        for row in rep["proactive"]["rows"]:
            self.assertTrue(row["item"] and row["label"] and row["key"])
            self.assertEqual(len(row["fields"]), len(row["columns"]))
            self.assertEqual(len(row["fields"]), len(row["values"]))
        self.assertEqual(len(rep["sections"]), 6)
        for key in ("applications", "remedies", "fees"):
            self.assertLessEqual({"text", "generated", "edited", "current"}, set(rep["sentences"][key]))
        self.assertLessEqual({"overview", "proactive", "problems", "other"}, set(rep["text"]))
        for c in rep["checks"]:
            self.assertLessEqual({"rule", "ok", "detail", "detail_en", "cells"}, set(c))
            for cell in c["cells"]:
                self.assertEqual(set(cell), {"table", "row", "column"})
        for block in ("reconsideration", "litigation_direct", "litigation_after_reconsideration"):
            self.assertEqual(set(rep["remedies"][block]), {"upheld", "corrected", "other", "pending", "total"})
        self.assertLessEqual({"lock", "amendment", "inputs", "official_format", "title", "intro"}, set(rep))

        clerk = self.users["clerk"]
        r = clerk.post(f"/api/v1/requests/{rid}/reconsiderations", {"filed_on": "2025-04-01", "authority": "某区人民政府"})
        self.assertEqual(r.status, 201, r)
        rc = r.json
        self.assertEqual(r.header("ETag"), f'"{rc["version"]}"', "If-Match is sent as the version quoted")
        for d in rc["deadlines"]:
            self.assertLessEqual({"kind", "due_on", "label_zh", "label_en", "done", "pending", "estimated", "provisional"}, set(d))
        listed = clerk.get(f"/api/v1/requests/{rid}/reconsiderations").json["reconsiderations"]
        self.assertEqual([x["version"] for x in listed], [rc["version"]])
        history = clerk.get(f"/api/v1/requests/{rid}/reconsiderations/{rc['id']}").json["history"]
        self.assertEqual([h["action"] for h in history], ["create"])
        self.assertLessEqual({"at", "actor", "entity", "entity_id", "old_value", "new_value"}, set(history[0]))
        # filed 04-01, acceptance deemed 04-09 (5 working days; Qingming 04-04..06 off), decided within
        # 60 days: 06-08, a Sunday → 06-09; still undecided on 06-20, the request is overdue in the queue
        q = clerk.get("/api/v1/queue").json
        row = next(x for x in q["overdue"] if x["id"] == rid)
        self.assertEqual((row["status"], row["attention_on"], row["attention_kind"]), ("closed", "2025-06-09", "reconsideration_decision"))
        self.assertTrue(row["remedy_deadlines"])


if __name__ == "__main__":
    main()
