"""A street office's working day over the API alone (issue 4, "done when"):
staff log in, register ten applications from different channels around
National Day 2025, ask for a correction on one, consult a third party on
another, extend a third, reply to others with different outcomes; a script
with a token does the same for two more.  The queue, the timeline and the due
dates are checked at every step against dates counted by hand on the official
2025 calendar (国办发明电〔2024〕12号): 10-01..10-08 off (国庆节、中秋节),
Sun 09-28 and Sat 10-11 make-up working days, the receipt day not counted."""
from ogitest import OgidTestCase, ogictl, main

TODAY = "2025-10-31"  # a Friday
PW = "a good long password"


class ClerkDay(OgidTestCase):
    ogid_env = {"OGI_TODAY": TODAY}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.street = int(ogictl(cls.dbname, "body", "add", "丙街道办事处", "--parent", "1", "--code", "JD03").stdout)
        cls.staff = {}
        for name, role in (("clerk", "clerk"), ("handler", "handler"), ("approver", "approver")):
            ogictl(cls.dbname, "user", "add", name, "--role", role, "--body", str(cls.street), "--password-stdin",
                   input=PW + "\n")
            c = cls.ogid.client()
            c.login(name, PW)
            cls.staff[name] = c
        token = ogictl(cls.dbname, "token", "create", "approver").stdout.strip()
        cls.script = cls.ogid.client(token)

    def register(self, client, channel, received_on, name, due_on):
        r = client.post("/api/v1/requests", {
            "body_id": self.street, "channel": channel, "received_on": received_on,
            "applicant": {"kind": "natural_person", "name": name},
            "description": f"{name}申请公开的本街道文件"})
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json["due_on"], due_on, (channel, received_on))
        self.assertEqual(r.json["status"], "registered")
        return r.json

    def record(self, client, req, body, due_on=None, status=None):
        r = client.post(f"/api/v1/requests/{req['id']}/events", body,
                        headers={"If-Match": f"\"{req['version']}\""})
        self.assertEqual(r.status, 201, r)
        if due_on is not None:
            self.assertEqual(r.json["due_on"], due_on, body)
        if status is not None:
            self.assertEqual(r.json["status"], status, body)
        return r.json

    def queue(self):
        q = self.staff["clerk"].get("/api/v1/queue").json
        return {r["tracking_no"]: (band, r["workdays_left"]) for band in ("overdue", "due_soon", "later")
                for r in q[band]}

    def test_a_day_at_the_front_desk(self):
        clerk, handler, approver = self.staff["clerk"], self.staff["handler"], self.staff["approver"]
        # R1 in person, Mon 09-22: 20 wd → Fri 10-24 (law.md §5.3 worked example)
        r1 = self.register(clerk, "in_person", "2025-09-22", "甲", "2025-10-24")
        # R2 oral, Thu 09-25: 09-26, 09-28 (Sun, worked), 09-29, 09-30, then 10-09 … → Wed 10-29
        r2 = self.register(clerk, "oral", "2025-09-25", "乙", "2025-10-29")
        # R3 registered post, Fri 09-26 → Thu 10-30
        r3 = self.register(clerk, "post_registered", "2025-09-26", "丙", "2025-10-30")
        # R4 online (confirmed Thu 10-09) → Wed 11-05
        r4 = self.register(clerk, "online", "2025-10-09", "丁", "2025-11-05")
        # R5 fax, Mon 09-01: the 20th working day is Sun 09-28, a make-up working day
        r5 = self.register(clerk, "fax", "2025-09-01", "戊", "2025-09-28")
        # R6 e-mail, Mon 10-13 → Mon 11-10
        r6 = self.register(clerk, "email", "2025-10-13", "己", "2025-11-10")
        # R7 ordinary post (confirmed Fri 10-10): Sat 10-11 counts → Thu 11-06
        r7 = self.register(clerk, "post_ordinary", "2025-10-10", "庚", "2025-11-06")
        # R8 in person, Tue 09-30: 10-01..10-08 skipped → Tue 11-04
        r8 = self.register(clerk, "in_person", "2025-09-30", "辛", "2025-11-04")
        # R9 online, Mon 09-29 → Mon 11-03
        r9 = self.register(clerk, "online", "2025-09-29", "壬", "2025-11-03")
        # R10 in person, Wed 09-24 → Tue 10-28
        r10 = self.register(clerk, "in_person", "2025-09-24", "癸", "2025-10-28")
        numbers = sorted(int(r["tracking_no"].rsplit("-", 1)[1]) for r in (r1, r2, r3, r4, r5, r6, r7, r8, r9, r10))
        self.assertEqual(numbers, list(range(1, 11)))  # JD03-2025-00001 … 00010, no gaps

        q = self.queue()
        self.assertEqual(q[r10["tracking_no"]], ("overdue", -3))  # due 10-28; 10-29, 10-30, 10-31 late
        self.assertEqual(q[r9["tracking_no"]], ("due_soon", 1))   # due Mon 11-03
        self.assertEqual(q[r8["tracking_no"]], ("due_soon", 2))   # due Tue 11-04
        self.assertEqual(q[r4["tracking_no"]], ("due_soon", 3))  # due Wed 11-05
        self.assertEqual(q[r7["tracking_no"]], ("later", 4))     # due Thu 11-06

        # R2: correction asked Mon 09-29 (within 7 wd of 09-25: by Sat 10-11); the clock stops
        r2 = self.record(clerk, r2, {"type": "correction_requested", "on": "2025-09-29",
                                     "items": "请写明文件名称或文号"}, status="awaiting_correction")
        self.assertIsNone(r2["due_on"])
        self.assertFalse(r2["correction_notice_late"])
        # still open, waiting for the applicant: listed, with no reply date to count down to
        self.assertEqual(self.queue()[r2["tracking_no"]], ("later", None))
        # the corrected application arrives Mon 10-13: the count restarts → Mon 11-10
        r2 = self.record(clerk, r2, {"type": "correction_received", "on": "2025-10-13"},
                         due_on="2025-11-10", status="registered")

        # R3: third party consulted Thu 10-09, received it Fri 10-10: its 15 wd end Thu 10-30
        r3 = self.record(clerk, r3, {"type": "consultation_started", "on": "2025-10-09", "party": "third_party",
                                     "name": "某建设公司", "party_received_on": "2025-10-10"}, status="consulting")
        windows = [s["due_on"] for s in r3["subdeadlines"] if s["kind"] == "third_party_reply"]
        self.assertEqual(windows, ["2025-10-30"])
        # answered Mon 10-20: 8 working days paused (10-10, 10-11, 10-13..10-17, 10-20) → 10-30 + 8 = Tue 11-11
        r3 = self.record(clerk, r3, {"type": "consultation_ended", "on": "2025-10-20", "answer": "agree"},
                         due_on="2025-11-11", status="registered")

        # R4: 20 more working days approved Thu 10-30, before its due date Wed 11-05 → Wed 12-03
        r4 = self.record(approver, r4, {"type": "extension_approved", "on": "2025-10-30", "working_days": 20,
                                        "approver": "王主任", "reason": "需协调多个科室检索"}, due_on="2025-12-03")
        self.assertTrue(r4["extension_used"])

        # replies with different outcomes
        r1 = self.record(handler, r1, {"type": "replied", "on": "2025-10-20", "outcome": "disclosed",
                                       "delivered_on": "2025-10-21"}, status="closed")
        self.assertFalse(r1["replied_late"])
        # R5 replied Tue 09-30, after its due date Sun 09-28: late
        r5 = self.record(handler, r5, {"type": "replied", "on": "2025-09-30", "outcome": "not_held_not_exist"},
                         status="closed")
        self.assertTrue(r5["replied_late"])
        r3 = self.record(handler, r3, {"type": "replied", "on": "2025-10-22", "outcome": "partial"})
        self.assertEqual((r3["outcome"], r3["replied_late"]), ("partial", False))
        r7 = self.record(clerk, r7, {"type": "withdrawn", "on": "2025-10-15"}, status="closed")
        self.assertEqual(r7["outcome"], "withdrawn")

        # a script with a token: registers two more and replies to one
        s1 = self.register(self.script, "online", "2025-10-27", "子", "2025-11-24")
        s2 = self.register(self.script, "in_person", "2025-10-31", "丑", "2025-11-28")
        s1 = self.record(self.script, s1, {"type": "replied", "on": "2025-10-31", "outcome": "already_public"},
                         status="closed")
        self.assertEqual(s2["tracking_no"], "JD03-2025-00012")
        events = self.script.get(f"/api/v1/requests/{s1['id']}/events").json["events"]
        self.assertEqual([(e["type"], e["actor"]) for e in events], [("registered", "approver"),
                                                                      ("replied", "approver")])

        # the queue at the end of the day
        q = self.queue()
        self.assertEqual(q[r10["tracking_no"]], ("overdue", -3))
        self.assertEqual(q[r9["tracking_no"]], ("due_soon", 1))
        self.assertEqual(q[r8["tracking_no"]], ("due_soon", 2))
        # R2 and R6 due Mon 11-10: 11-03..11-07 and 11-10 are 6 working days away
        self.assertEqual(q[r2["tracking_no"]], ("later", 6))
        self.assertEqual(q[r6["tracking_no"]], ("later", 6))
        self.assertEqual(q[r4["tracking_no"]][0], "later")
        self.assertEqual(q[s2["tracking_no"]][0], "later")
        for closed in (r1, r3, r5, r7, s1):
            self.assertNotIn(closed["tracking_no"], q)
        counts = clerk.get("/api/v1/queue").json["counts"]
        self.assertEqual((counts["overdue"], counts["due_soon"], counts["later"], counts["total"]), (1, 2, 4, 7))

        # the timelines say what happened, in order, by whom
        events = clerk.get(f"/api/v1/requests/{r2['id']}/events").json["events"]
        self.assertEqual([(e["type"], e["on"], e["actor"]) for e in events],
                         [("registered", "2025-09-25", "clerk"), ("correction_requested", "2025-09-29", "clerk"),
                          ("correction_received", "2025-10-13", "clerk")])
        # the explanation names the holiday skipped and the make-up day counted
        dl = clerk.get(f"/api/v1/requests/{r8['id']}/deadline").json
        self.assertEqual(dl["due_on"], "2025-11-04")
        text = " ".join(s["text_zh"] for s in dl["steps"])
        self.assertIn("国庆节", text)
        self.assertIn("2025-10-11（周六）", text)
        dl = clerk.get(f"/api/v1/requests/{r3['id']}/deadline").json
        self.assertTrue(any(s["workdays"] == 8 and "征求意见" in s["text_zh"] for s in dl["steps"]), dl["steps"])
        # lists filter what the office asks for
        overdue = clerk.get("/api/v1/requests?overdue=true").json["requests"]
        self.assertEqual([r["tracking_no"] for r in overdue], [r10["tracking_no"]])
        late = clerk.get("/api/v1/requests?outcome=not_held_not_exist").json["requests"]
        self.assertEqual([r["id"] for r in late], [r5["id"]])


if __name__ == "__main__":
    main()
