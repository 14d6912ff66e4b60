"""Calendar feeds (issue 16 item 5) over real HTTP and PostgreSQL, read with
python3-icalendar: a user makes a secret .ics URL of the deadlines of their requests
(POST /api/v1/feeds), a calendar fetches it with no session; every date is an all-day
event on the day the clock says, around the National Day holiday of 2025 (国务院办公厅
2025年节假日安排: 10月1日至8日放假, 9月28日(周日)、10月11日(周六)上班); a deadline that
moves (an approved extension, art. 33(2)) moves its event under the same UID; only the
user's own requests (scope assigned) or their bodies' (scope bodies); a revoked or unknown
token answers 404 like a path that does not exist; the token never reaches the log."""
import datetime
import os
import re

import icalendar

from ogitest import OgidTestCase, ogictl, main

PW = "a good long password"
TODAY = "2025-09-22"


class Feeds(OgidTestCase):
    ogid_env = {"OGI_TODAY": TODAY}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.street = int(ogictl(cls.dbname, "body", "add", "马山街道办事处", "--parent", "1",
                                "--code", "MS").stdout)
        cls.c, cls.uid = {}, {}
        for name, role in (("clerk", "clerk"), ("handler", "handler"), ("handler2", "handler"),
                           ("approver", "approver")):
            ogictl(cls.dbname, "user", "add", name, "--role", role, "--body", str(cls.street),
                   "--password-stdin", input=PW + "\n")
            cl = cls.ogid.client()
            cl.login(name, PW)
            cls.c[name] = cl
            cls.uid[name] = cl.get("/api/v1/session").json["user_id"]

    def new(self, received_on="2025-09-19", assignee="handler"):
        r = self.c["clerk"].post("/api/v1/requests", {
            "body_id": self.street, "channel": "in_person", "received_on": received_on,
            "applicant": {"kind": "natural_person", "name": "张三"},
            "description": "2024年本街道老旧小区改造项目的招标文件",
            "form": {"medium": "paper", "delivery": "post"}})
        self.assertEqual(r.status, 201, r)
        rid = r.json["id"]
        if assignee:
            r = self.c["clerk"].post(f"/api/v1/requests/{rid}/events",
                                     {"type": "assigned", "on": received_on, "assignee": self.uid[assignee]})
            self.assertEqual(r.status, 201, r)
        return r.json

    def feed(self, who, body=None):
        r = self.c[who].post("/api/v1/feeds", body or {"label": "我的手机"})
        self.assertEqual(r.status, 201, r)
        self.assertTrue(r.json["url"].endswith(".ics"), r.json)
        self.assertTrue(r.json["webcal_url"].startswith("webcal://"), r.json)
        return r.json

    def fetch(self, url, status=200):
        path = re.sub(r"^https?://[^/]+", "", url)
        r = self.ogid.client().get(path)  # no session: the token is the credential
        self.assertEqual(r.status, status, r)
        return r

    def events(self, url):
        r = self.fetch(url)
        self.assertTrue(r.header("Content-Type").startswith("text/calendar"), r.header("Content-Type"))
        cal = icalendar.Calendar.from_ical(r.body)
        self.assertEqual(str(cal["VERSION"]), "2.0")
        return {str(e["UID"]): e for e in cal.walk("VEVENT")}

    def test_reply_due_around_the_holiday_and_moving(self):
        req = self.new()
        rid = req["id"]
        # 20 working days from 2025-09-19 (art. 33): Sep 22–26, 28 (worked Sunday), 29, 30 = 8;
        # Oct 1–8 off; Oct 9, 10, 11 (worked Saturday), 13–17 = 16; Oct 20–23 = 20
        self.assertEqual(req["due_on"], "2025-10-23", req)
        f = self.feed("handler")
        ev = self.events(f["url"])
        uid = next(u for u in ev if u.startswith(f"ogi-request-{rid}-reply_due-"))
        e = ev[uid]
        self.assertEqual(e.decoded("DTSTART"), datetime.date(2025, 10, 23))
        self.assertNotIsInstance(e.decoded("DTSTART"), datetime.datetime)  # all-day: a DATE
        self.assertEqual(e.decoded("DTEND"), datetime.date(2025, 10, 24))
        self.assertIn(req["tracking_no"], str(e["SUMMARY"]))
        self.assertIn("答复期限", str(e["SUMMARY"]))
        self.assertIn(f"#/requests/{rid}", str(e["URL"]))
        self.assertNotIn("张三", f"{e['SUMMARY']}{e['DESCRIPTION']}")  # no applicant's name
        # the correction notice's 7 working days (art. 30): Sep 22–26, 28, 29 → 2025-09-29
        cn = [x for u, x in ev.items() if u.startswith(f"ogi-request-{rid}-correction_notice-")]
        self.assertEqual([x.decoded("DTSTART") for x in cn], [datetime.date(2025, 9, 29)])
        # an approved extension of 20 working days moves the event, under the same UID
        r = self.c["approver"].post(f"/api/v1/requests/{rid}/events",
                                    {"type": "extension_approved", "on": TODAY, "working_days": 20, "approver": "李主任",
                                     "reason": "需要调取档案"})
        self.assertEqual(r.status, 201, r)
        moved = r.json["due_on"]
        self.assertGreater(moved, "2025-10-23")
        ev = self.events(f["url"])
        self.assertEqual(ev[uid].decoded("DTSTART").isoformat(), moved)
        self.assertEqual(len([u for u in ev if u.startswith(f"ogi-request-{rid}-reply_due-")]), 1)

    def test_scope_and_listing_and_revoking(self):
        mine = self.new()["id"]
        theirs = self.new(assignee="handler2")["id"]
        nobody = self.new(assignee=None)["id"]
        f = self.feed("handler")
        ids = {int(u.split("-")[2]) for u in self.events(f["url"])}
        self.assertIn(mine, ids)
        self.assertNotIn(theirs, ids)
        self.assertNotIn(nobody, ids)
        # an approver's feed of the whole office
        g = self.feed("approver", {"scope": "bodies"})
        self.assertEqual(g["scope"], "bodies")
        ids = {int(u.split("-")[2]) for u in self.events(g["url"])}
        self.assertTrue({mine, theirs, nobody} <= ids, ids)
        # listed for its owner with the fetch count, never the URL
        r = self.c["handler"].get("/api/v1/feeds")
        self.assertEqual(r.status, 200, r)
        row = next(x for x in r.json["feeds"] if x["id"] == f["id"])
        self.assertEqual(row["label"], "我的手机")
        self.assertGreaterEqual(row["fetches"], 1)
        self.assertIsNotNone(row["last_fetched_at"])
        self.assertNotIn("url", row)
        self.assertNotIn(f["url"].rsplit("/", 1)[1][:-4], r.body.decode())
        # another user cannot revoke it: 404 as for none
        self.assertProblem(self.c["handler2"].delete(f"/api/v1/feeds/{f['id']}"), 404)
        self.fetch(f["url"])
        # its owner can; then the URL is gone
        r = self.c["handler"].delete(f"/api/v1/feeds/{f['id']}")
        self.assertEqual(r.status, 204, r)
        self.fetch(f["url"], 404)
        self.assertProblem(self.c["handler"].delete(f"/api/v1/feeds/{f['id']}"), 404)
        self.assertIsNotNone(next(x for x in self.c["handler"].get("/api/v1/feeds").json["feeds"]
                                  if x["id"] == f["id"])["revoked_at"])

    def test_bad_input(self):
        anon = self.ogid.client()
        self.assertProblem(anon.post("/api/v1/feeds", {}), 401)
        self.assertProblem(anon.get("/api/v1/feeds"), 401)
        self.assertProblem(self.c["handler"].post("/api/v1/feeds", {"scope": "everyone"}), 400,
                           "invalid_input", field="scope")
        self.assertProblem(self.c["handler"].post("/api/v1/feeds", {"label": "长" * 201}), 400,
                           "invalid_input", field="label")
        # unknown, malformed and overlong tokens: 404, never 5xx
        for path in ("/api/v1/feeds/" + "A" * 43 + ".ics", "/api/v1/feeds/abc.ics",
                     "/api/v1/feeds/" + "A" * 200 + ".ics", "/api/v1/feeds/%00.ics",
                     "/api/v1/feeds/" + "A" * 43):
            r = anon.get(path)
            self.assertIn(r.status, (400, 404), (path, r))

    def test_token_not_in_the_log(self):
        f = self.feed("handler")
        self.fetch(f["url"])
        self.fetch(f["url"] + "x", 404)  # pasted into a path no route has: hidden all the same
        self.fetch(f["url"][:-4], 404)
        token = f["url"].rsplit("/", 1)[1][:-4]
        with open(self.ogid.log_path, "rb") as fh:
            log = fh.read().decode("utf-8", "replace")
        self.assertIn("/api/v1/feeds/{token}.ics", log)
        self.assertNotIn(token, log)


if __name__ == "__main__":
    main()
