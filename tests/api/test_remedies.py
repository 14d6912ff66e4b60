"""Fees, consultations, reconsideration and litigation over real HTTP and
PostgreSQL (issue 5): the quote by the applicant's running count in the
month (by identity number) and by pages, fee notices with their defaults,
payment, reduction, waiver and lapse; consultations with the party's
receipt learnt later, windows, answers and the art. 32 override;
reconsideration and litigation records with their decisions, instances,
flags, deadlines and history; the queue and the deadline explanation; and
what the annual report reads from the tables."""
import datetime

from ogitest import OgidTestCase, ogictl, psql, main

TODAY = "2025-06-20"  # a Friday


def resident_id(prefix17):
    """A 居民身份证 number with its GB 11643 check digit."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(prefix17, weights))
    return prefix17 + "10X98765432"[total % 11]


ZHANG = resident_id("11010519850301001")
LI = resident_id("11010519900512002")


class Base(OgidTestCase):
    ogid_env = {"OGI_TODAY": TODAY}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.street = int(ogictl(cls.dbname, "body", "add", "甲街道办事处", "--parent", "1", "--code", "JD01").stdout)
        cls.other = int(ogictl(cls.dbname, "body", "add", "乙街道办事处", "--parent", "1", "--code", "JD02").stdout)
        users = {"clerk": ("clerk", cls.street), "approver": ("approver", cls.street),
                 "auditor": ("auditor", cls.street), "otherclerk": ("clerk", cls.other)}
        cls.c = {}
        for name, (role, body) in users.items():
            ogictl(cls.dbname, "user", "add", name, "--role", role, "--body", str(body), "--password-stdin",
                   input="a good long password\n")
            cl = cls.ogid.client()
            cl.login(name, "a good long password")
            cls.c[name] = cl

    def new(self, received_on, id_number=ZHANG, name="张三", body=None, client=None):
        applicant = {"kind": "natural_person", "name": name}
        if id_number:
            applicant.update({"id_type": "resident_id_card", "id_number": id_number})
        r = (client or self.c["clerk"]).post("/api/v1/requests", {
            "body_id": body or self.street, "channel": "online", "received_on": received_on,
            "applicant": applicant, "description": "某项目的审批文件",
            "form": {"medium": "paper", "delivery": "post"}})
        self.assertEqual(r.status, 201, r)
        return r.json

    def event(self, rid, body, client=None, status=201):
        r = (client or self.c["approver"]).post(f"/api/v1/requests/{rid}/events", body)
        self.assertEqual(r.status, status, r)
        return r

    def refused(self, rid, body, status, code, field=None, client=None):
        r = (client or self.c["approver"]).post(f"/api/v1/requests/{rid}/events", body)
        return self.assertProblem(r, status, code, field=field)

    def sql(self, query):
        return psql(query, self.dbname)


class Fees(Base):
    def test_quote_counts_the_applicants_month_by_identity_number(self):
        # 张三 applies 12 times in March 2025; 李四 shares his name but not his number;
        # an application in April starts a new month; one at another body counts there
        march = [self.new(f"2025-03-{d:02d}") for d in (3, 3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 17)]
        self.new("2025-03-05", id_number=LI, name="张三")
        self.new("2025-03-06", body=self.other, client=self.c["otherclerk"])
        april = self.new("2025-04-01")
        cl = self.c["auditor"]
        for k, want in ((1, 0), (10, 0), (11, 100), (12, 100)):
            q = cl.get(f"/api/v1/fees/quote?request_id={march[k - 1]['id']}").json
            self.assertEqual(q["per_item"], {"ordinal": k, "amount": want}, (k, q))
        q = cl.get(f"/api/v1/fees/quote?request_id={april['id']}&pages=250").json
        # 国办函〔2020〕109号 art. 5: 700 + 2 000 + 50 × 40 = 4 700 元 for 250 pages
        self.assertEqual(q["per_volume"], {"pages": 250, "amount": 4700})
        self.assertEqual(q["per_item"]["ordinal"], 1)
        self.assertEqual(q["month"], "2025-04")
        self.assertEqual(cl.get(f"/api/v1/fees/quote?request_id={april['id']}").json["per_volume"],
                         {"pages": None, "amount": None})
        # no identity number: no count by name
        anon = self.new("2025-03-20", id_number=None)
        q = cl.get(f"/api/v1/fees/quote?request_id={anon['id']}").json
        self.assertIsNone(q["per_item"]["ordinal"])
        self.assertIn("identity number", q["per_item"]["note_en"])

    def test_quote_refusals(self):
        cl = self.c["clerk"]
        p = self.assertProblem(cl.get(f"/api/v1/fees/quote?request_id={self.new('2020-12-31')['id']}"),
                               409, "fee_not_applicable")
        self.assertIn("2021-01-01", p["detail"])
        p = self.assertProblem(cl.get(f"/api/v1/fees/quote?request_id={self.new('2018-06-01')['id']}"),
                               409, "fee_not_applicable")
        self.assertIn("2019", p["detail"])
        self.assertProblem(cl.get("/api/v1/fees/quote"), 400, "invalid_input", field="request_id")
        self.assertProblem(cl.get("/api/v1/fees/quote?request_id=abc"), 400, "invalid_input", field="request_id")
        rid = self.new("2025-05-06")["id"]
        self.assertProblem(cl.get(f"/api/v1/fees/quote?request_id={rid}&pages=-1"), 400, field="pages")
        self.assertProblem(cl.get(f"/api/v1/fees/quote?request_id={rid}&pages=1e3"), 400, field="pages")
        self.assertProblem(self.c["otherclerk"].get(f"/api/v1/fees/quote?request_id={rid}"), 404, "not_found")
        self.assertProblem(cl.get("/api/v1/fees/quote?request_id=999999"), 404, "not_found")

    def test_notice_defaults_to_the_quote_and_payment_resumes_the_clock(self):
        reqs = [self.new(f"2025-01-{d:02d}", id_number=LI) for d in range(6, 17)]  # the 11th on 01-16
        rid = reqs[-1]["id"]
        r = self.event(rid, {"type": "fee_notice_issued", "on": "2025-01-20", "method": "per_item"})
        self.assertEqual(r.json["status"], "awaiting_payment")
        ev = self.c["clerk"].get(f"/api/v1/requests/{rid}/events").json["events"][-1]
        # the 11th application of January: 100 元; pay by 01-20 + 20 wd: 01-21..24 = 4, Sun 01-26 调休 = 5,
        # 01-27 = 6, 01-28..02-04 春节 off, 02-05..07 = 9, Sat 02-08 调休 = 10, 02-10..14 = 15, 02-17..21 = 20
        self.assertEqual((ev["payload"]["ordinal"], ev["payload"]["amount"], ev["payload"]["pay_by"]),
                         (11, 100, "2025-02-21"))
        # an application split into several items (一事一申请) is priced item by item
        split = self.new("2025-01-17", id_number=LI)["id"]  # the 12th of January
        self.refused(split, {"type": "fee_notice_issued", "on": "2025-01-20", "method": "per_item", "items": 20,
                             "amount": 2500}, 400, "invalid_input", field="amount")
        self.event(split, {"type": "fee_notice_issued", "on": "2025-01-20", "method": "per_item", "items": 20})
        # items 12th..31st: 19 × 100 + 200 = 2 100 元
        self.assertEqual(self.sql(f"SELECT ordinal, amount FROM fee_notices WHERE request_id = {split}"), "12|2100.00")
        fees = self.c["auditor"].get(f"/api/v1/requests/{rid}/fees").json["fee_notices"]
        self.assertEqual([(f["method"], f["amount"], f["quoted_amount"], f["status"], f["pay_by"]) for f in fees],
                         [("per_item", 100, 100, "outstanding", "2025-02-21")])
        # the applicant pays 80 元 on 02-05: a reduction needs its reason
        self.refused(rid, {"type": "fee_paid", "on": "2025-02-05", "amount": 80}, 400, "invalid_input",
                     field="reduction_reason")
        self.refused(rid, {"type": "fee_paid", "on": "2025-02-05", "amount": 120}, 400, "invalid_input",
                     field="amount")
        self.refused(rid, {"type": "fee_paid", "on": "2025-02-05", "amount": 80.005}, 400, "invalid_input",
                     field="amount")
        # the parts collected (检索, 复制, 邮寄) are the cost fees' only
        self.refused(rid, {"type": "fee_paid", "on": "2025-02-05", "amount": 80, "reduction_reason": "dibao",
                           "postage": 80}, 400, "invalid_input", field="postage")
        r = self.event(rid, {"type": "fee_paid", "on": "2025-02-05", "amount": 80, "reduction_reason": "dibao",
                             "notes": "持低保证"}, client=self.c["clerk"])
        # received 01-16: due 01-16 + 20 wd = 02-20 (01-17 = 1, 01-20..24 = 6, 01-26 = 7, 01-27 = 8,
        # 春节 off, 02-05..07 = 11, 02-08 = 12, 02-10..14 = 17, 02-17..19 = 20 → 02-19);
        # paused (01-20, 02-05] = 01-21..24, 26, 27, 02-05 = 7 wd → 02-19 + 7: 20, 21, 24..28 → 02-28
        self.assertEqual(r.json["status"], "registered")
        self.assertEqual(r.json["due_on"], "2025-02-28")
        row = self.sql(f"SELECT status, settled_on, paid_amount, waiver_reason, amount FROM fee_notices "
                       f"WHERE request_id = {rid}")
        self.assertEqual(row, "paid|2025-02-05|80.00|dibao|100.00")

    def test_per_volume_legacy_waiver_and_lapse(self):
        rid = self.new("2025-05-06")["id"]
        self.refused(rid, {"type": "fee_notice_issued", "on": "2025-05-07", "method": "per_volume"}, 400,
                     "invalid_input", field="pages")
        self.refused(rid, {"type": "fee_notice_issued", "on": "2025-05-07", "method": "per_volume", "pages": 20},
                     409, "fee_not_applicable")  # 30 pages or fewer are free
        self.refused(rid, {"type": "fee_notice_issued", "on": "2025-05-07", "method": "per_item", "pages": 20},
                     400, "invalid_input", field="pages")
        self.refused(rid, {"type": "fee_notice_issued", "on": "2025-05-07", "method": "legacy", "amount": 5},
                     409, "fee_not_applicable")
        self.refused(rid, {"type": "fee_notice_issued", "on": "2025-05-07", "method": "per_volume", "pages": 250,
                           "pay_by": "2025-05-20"}, 400, "invalid_input", field="pay_by")
        self.refused(rid, {"type": "fee_notice_issued", "on": "2025-05-07", "method": "per_volume", "pages": 250,
                           "amount": 5000}, 400, "invalid_input", field="amount")  # more than the 4 700 元 standard
        self.refused(rid, {"type": "fee_notice_issued", "on": "2025-05-07", "method": "per_volume", "pages": 250,
                           "items": 2}, 400, "invalid_input", field="items")
        self.refused(rid, {"type": "fee_notice_issued", "on": "2025-05-07", "method": "per_volume", "pages": 250},
                     403, "forbidden", client=self.c["clerk"])
        self.event(rid, {"type": "fee_notice_issued", "on": "2025-05-07", "method": "per_volume", "pages": 250})
        self.refused(rid, {"type": "fee_notice_issued", "on": "2025-05-08", "method": "per_volume", "pages": 40},
                     409, "fee_already_notified")
        # 05-07 + 20 wd = 06-05 (05-08, 09 = 2, 12..16 = 7, 19..23 = 12, 26..30 = 17, 06-03..05 = 20;
        # 06-02 端午 off): a lapse on 06-05 is too early
        self.refused(rid, {"type": "fee_lapsed", "on": "2025-06-05"}, 409, "fee_window_open")
        r = self.event(rid, {"type": "fee_lapsed", "on": "2025-06-06"}, client=self.c["clerk"])
        self.assertEqual((r.json["status"], r.json["outcome"]), ("closed", "lapsed_fee"))
        self.assertEqual(self.sql(f"SELECT method, pages, amount, status, settled_on FROM fee_notices "
                                  f"WHERE request_id = {rid}"), "per_volume|250|4700.00|lapsed|2025-06-06")
        # waivers
        rid = self.new("2025-05-12")["id"]
        self.event(rid, {"type": "fee_notice_issued", "on": "2025-05-13", "method": "per_volume", "pages": 31})
        self.refused(rid, {"type": "fee_waived", "on": "2025-05-14", "reason": "other"}, 400, "invalid_input",
                     field="notes")
        self.refused(rid, {"type": "fee_waived", "on": "2025-05-14", "reason": "poor"}, 400, "invalid_input",
                     field="reason")
        self.event(rid, {"type": "fee_waived", "on": "2025-05-14", "reason": "hardship", "notes": "失业"})
        self.assertEqual(self.sql(f"SELECT amount, status, waiver_reason, waiver_note, paid_amount IS NULL "
                                  f"FROM fee_notices WHERE request_id = {rid}"), "10.00|waived|hardship|失业|t")
        f = self.c["clerk"].get(f"/api/v1/requests/{rid}/fees").json["fee_notices"][0]
        self.assertEqual((f["waiver_reason"], f["waiver_reason_zh"]), ("hardship", "经济困难"))

    def test_legacy_cost_fees(self):
        rid = self.new("2018-06-01")["id"]
        self.refused(rid, {"type": "fee_notice_issued", "on": "2018-06-04", "method": "per_item"}, 409,
                     "fee_not_applicable")
        self.refused(rid, {"type": "fee_notice_issued", "on": "2018-06-04", "method": "legacy"}, 400,
                     "invalid_input", field="amount")
        self.refused(rid, {"type": "fee_notice_issued", "on": "2018-06-04", "method": "legacy", "search_fee": 5,
                           "copy_fee": 2.4, "amount": 10}, 400, "invalid_input", field="amount")
        self.refused(rid, {"type": "fee_notice_issued", "on": "2018-06-04", "method": "legacy", "search_fee": -5},
                     400, "invalid_input", field="search_fee")
        self.event(rid, {"type": "fee_notice_issued", "on": "2018-06-04", "method": "legacy", "search_fee": 5,
                         "copy_fee": 2.4, "postage": 12})
        self.event(rid, {"type": "fee_paid", "on": "2018-06-08"})
        self.assertEqual(self.sql(f"SELECT search_fee, copy_fee, postage, amount, paid_amount, status "
                                  f"FROM fee_notices WHERE request_id = {rid}"),
                         "5.00|2.40|12.00|19.40|19.40|paid")
        f = self.c["clerk"].get(f"/api/v1/requests/{rid}/fees").json["fee_notices"][0]
        self.assertEqual((f["amount"], f["copy_fee"], f["quoted_amount"]), (19.4, 2.4, None))
        # paid in full: every part as noticed was collected (what the legacy report's 收取费用 splits)
        self.assertEqual((f["paid_search_fee"], f["paid_copy_fee"], f["paid_postage"]), (5, 2.4, 12))
        # 五保 waiver of a second notice, and a withdrawal with a notice outstanding
        self.event(rid, {"type": "fee_notice_issued", "on": "2018-06-11", "method": "legacy", "postage": 8})
        r = self.event(rid, {"type": "withdrawn", "on": "2018-06-12"}, client=self.c["clerk"])
        self.assertEqual(r.json["outcome"], "withdrawn")
        self.assertEqual(self.sql(f"SELECT string_agg(status || ':' || settled_on, ',' ORDER BY id) "
                                  f"FROM fee_notices WHERE request_id = {rid}"),
                         "paid:2018-06-08,lapsed:2018-06-12")


class Consultations(Base):
    def test_receipt_learnt_later_moves_the_window(self):
        rid = self.new("2025-03-03")["id"]
        r = self.event(rid, {"type": "consultation_started", "on": "2025-03-10", "party": "third_party",
                             "name": "某建设公司"}, client=self.c["clerk"])
        cid = [e for e in self.c["clerk"].get(f"/api/v1/requests/{rid}/events").json["events"]
               if e["type"] == "consultation_started"][0]["id"]
        # the request row does not depend on today: paused, due as if the pause ended on its first day
        self.assertEqual((r.json["status"], r.json["paused"], r.json["due_on"]), ("consulting", True, "2025-03-31"))
        # as of today (06-20) the window counted from the sending (03-31) has ended unanswered, so the
        # clock runs again from 04-01: 03-31 + 15 wd paused = 04-22 (see the unit tests)
        self.assertEqual(self.c["clerk"].get(f"/api/v1/requests/{rid}/deadline").json["due_on"], "2025-04-22")
        cons = self.c["auditor"].get(f"/api/v1/requests/{rid}/consultations").json["consultations"]
        self.assertEqual([(k["id"], k["reply_due"], k["reply_due_estimated"], k["open"], k["window_ended"])
                          for k in cons], [(cid, "2025-03-31", True, True, True)])
        self.event(rid, {"type": "note", "on": "2025-03-20", "text": "已电话确认对方收到"}, client=self.c["clerk"])
        self.refused(rid, {"type": "consultation_delivered", "on": "2025-03-09"}, 409, "date_out_of_order")
        self.refused(rid, {"type": "consultation_delivered", "on": "2025-03-14", "consultation": cid + 100}, 409,
                     "consultation_not_open")
        # recorded after the note, dated before it: the party received the letter on 03-14
        r = self.event(rid, {"type": "consultation_delivered", "on": "2025-03-14"}, client=self.c["clerk"])
        # window 03-14 + 15 wd = 04-07; paused (03-10, 04-07] = 19 wd; 03-31 + 19 = Sun 04-27 (调休上班)
        self.assertEqual(self.c["clerk"].get(f"/api/v1/requests/{rid}/deadline").json["due_on"], "2025-04-27")
        self.assertEqual([s["due_on"] for s in r.json["subdeadlines"] if s["kind"] == "third_party_reply"],
                         ["2025-04-07"])
        self.refused(rid, {"type": "consultation_ended", "on": "2025-04-07", "answer": "no_answer"}, 409,
                     "consultation_window_open")
        r = self.event(rid, {"type": "consultation_ended", "on": "2025-04-08", "answer": "no_answer"},
                       client=self.c["clerk"])
        self.assertEqual(r.json["due_on"], "2025-04-27")
        self.assertEqual(self.sql(f"SELECT party_received_on, answer, answered_on FROM consultations "
                                  f"WHERE id = {cid}"), "2025-03-14|no_answer|2025-04-08")
        steps = self.c["clerk"].get(f"/api/v1/requests/{rid}/deadline").json["steps"]
        self.assertTrue(any("收到征求意见书" in s["text_zh"] for s in steps), steps)

    def test_objection_and_public_interest_override(self):
        rid = self.new("2025-06-03")["id"]
        self.event(rid, {"type": "consultation_started", "on": "2025-06-04", "party": "third_party",
                         "name": "某科技公司", "party_received_on": "2025-06-05"}, client=self.c["clerk"])
        r = self.event(rid, {"type": "consultation_started", "on": "2025-06-04", "party": "other_body",
                             "name": "区发展和改革委员会"}, client=self.c["clerk"])
        self.assertEqual(r.json["status"], "consulting")
        self.refused(rid, {"type": "consultation_started", "on": "2025-06-04", "party": "third_party", "name": "x",
                           "party_received_on": "2025-06-03"}, 400, "invalid_input", field="party_received_on")
        ids = [k["id"] for k in self.c["clerk"].get(f"/api/v1/requests/{rid}/consultations").json["consultations"]]
        self.refused(rid, {"type": "consultation_ended", "on": "2025-06-10", "answer": "agree"}, 409,
                     "consultation_ambiguous")
        self.refused(rid, {"type": "consultation_ended", "on": "2025-06-10", "answer": "object",
                           "consultation": ids[0]}, 400, "invalid_input", field="reasons")
        self.event(rid, {"type": "consultation_ended", "on": "2025-06-10", "answer": "object",
                         "consultation": ids[0], "reasons": "涉及商业秘密"}, client=self.c["clerk"])
        r = self.event(rid, {"type": "consultation_ended", "on": "2025-06-11", "answer": "agree"},
                       client=self.c["clerk"])  # the only one left
        self.assertEqual(r.json["status"], "registered")
        self.refused(rid, {"type": "replied", "on": "2025-06-12", "outcome": "disclosed"}, 409,
                     "objection_not_overridden")
        self.refused(rid, {"type": "objection_overridden", "on": "2025-06-12", "reason": "涉及公共安全"}, 403,
                     "forbidden", client=self.c["clerk"])
        self.refused(rid, {"type": "objection_overridden", "on": "2025-06-12", "consultation": ids[1],
                           "reason": "x"}, 409, "no_objection")
        self.event(rid, {"type": "objection_overridden", "on": "2025-06-12", "reason": "不公开可能对公共安全造成重大影响",
                         "notified_on": "2025-06-13"})
        r = self.event(rid, {"type": "replied", "on": "2025-06-16", "outcome": "disclosed",
                             "delivered_on": "2025-06-17"})
        self.assertEqual(r.json["status"], "closed")
        cons = self.c["auditor"].get(f"/api/v1/requests/{rid}/consultations").json["consultations"]
        self.assertEqual(cons[0]["public_interest_override"],
                         {"reason": "不公开可能对公共安全造成重大影响", "decided_on": "2025-06-12",
                          "notified_on": "2025-06-13"})
        self.assertEqual((cons[1]["answer"], cons[1]["deemed_consent"], cons[1]["open"]), ("agree", False, False))
        self.assertProblem(self.c["otherclerk"].get(f"/api/v1/requests/{rid}/consultations"), 404, "not_found")


class Remedies(Base):
    def reply(self, rid, on, outcome="disclosed", delivered=None):
        body = {"type": "replied", "on": on, "outcome": outcome}
        if delivered:
            body["delivered_on"] = delivered
        return self.event(rid, body)

    def rc(self, rid, body, client=None, status=201, headers=None):
        r = (client or self.c["clerk"]).post(f"/api/v1/requests/{rid}/reconsiderations", body, headers=headers)
        self.assertEqual(r.status, status, r)
        return r

    def lit(self, rid, body, client=None, status=201):
        r = (client or self.c["clerk"]).post(f"/api/v1/requests/{rid}/litigations", body)
        self.assertEqual(r.status, status, r)
        return r

    def test_from_intake_to_the_second_instance(self):
        rid = self.new("2024-03-01")["id"]
        cl = self.c["clerk"]
        self.event(rid, {"type": "consultation_started", "on": "2024-03-05", "party": "third_party",
                         "name": "某物业公司", "party_received_on": "2024-03-06"}, client=cl)
        self.event(rid, {"type": "consultation_ended", "on": "2024-03-15", "answer": "object",
                         "reasons": "涉及商业秘密"}, client=cl)
        self.event(rid, {"type": "fee_notice_issued", "on": "2024-03-18", "method": "per_volume", "pages": 120})
        self.event(rid, {"type": "fee_paid", "on": "2024-03-25"}, client=cl)
        r = self.reply(rid, "2024-04-10", "withheld_third_party", "2024-04-12")
        subs = {s["kind"]: s["due_on"] for s in r.json["subdeadlines"]}
        # delivered 04-12: + 60 days = 06-11 (Tue; 端午 was Mon 06-10); + 6 months = 10-12, a Saturday
        # worked in 2024 (调休上班), so the window ends that day
        self.assertEqual(subs, {"reconsideration": "2024-06-11", "litigation": "2024-10-12"})
        self.assertEqual(self.sql(f"SELECT method, pages, amount, status FROM fee_notices WHERE request_id = {rid}"),
                         "per_volume|120|1100.00|paid")  # 700 + 20 × 20

        r = self.rc(rid, {"filed_on": "2024-05-20", "authority": "某区人民政府", "case_no": "区府复〔2024〕12号"})
        rc = r.json
        self.assertEqual(r.header("Location"), f"/api/v1/requests/{rid}/reconsiderations/{rc['id']}")
        self.assertEqual(r.header("ETag"), '"1"')
        # deemed accepted 05-20 + 5 wd = 05-27; + 60 days = 07-26 (Fri)
        self.assertEqual((rc["accepted_or_deemed_on"], rc["acceptance_deemed"]), ("2024-05-27", True))
        self.assertEqual({d["kind"]: d["due_on"] for d in rc["deadlines"]}["reconsideration_decision"], "2024-07-26")
        self.assertEqual((rc["status"], rc["result"], rc["late_filing"], rc["filing_window_ends"]),
                         ("pending", None, False, "2024-06-11"))
        url = f"/api/v1/requests/{rid}/reconsiderations/{rc['id']}"
        self.assertProblem(cl.patch(url, {"decided_on": "2024-07-10"}), 400, "invalid_input", field="decision")
        self.assertProblem(cl.patch(url, {"decided_on": "2024-05-19", "decision": "维持"}), 409,
                           "decision_before_filing")
        self.assertProblem(cl.patch(url, {"decision": "同意", "decided_on": "2024-07-10"}), 400, field="decision")
        self.assertProblem(cl.patch(url, {"decided_on": "2024-07-10", "decision": "维持"},
                                    headers={"If-Match": '"7"'}), 412, "precondition_failed")
        e = self.assertProblem(cl.patch(url, {"decided_on": "2024-07-10", "decision": "维持"},
                                        headers={"If-Match": 'W/"x"'}), 400, field="If-Match")["errors"][0]
        self.assertEqual((e["message_zh"], e["message_en"]),
                         ("If-Match 应为记录的版本号（ETag）", "If-Match must be the record's ETag"))
        r = cl.patch(url, {"decided_on": "2024-07-10", "decision": "维持", "served_on": "2024-07-12"},
                     headers={"If-Match": '"1"'})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.header("ETag"), '"2"')
        self.assertEqual((r.json["result"], r.json["status"]), ("upheld", "decided"))
        # the applicant may sue within 15 days of receiving the decision: 07-12 + 15 = 07-27 (Sat) → 07-29
        self.assertEqual({d["kind"]: d["due_on"] for d in r.json["deadlines"]}["suit_after_reconsideration"],
                         "2024-07-29")
        self.assertProblem(cl.patch(url, {"decision": "驳回请求"}), 409, "already_decided")
        r = cl.patch(url, {"decision": "驳回请求", "correction_reason": "决定书载明驳回行政复议请求"})
        self.assertEqual((r.status, r.json["result"]), (200, "upheld"))

        r = self.lit(rid, {"filed_on": "2024-07-25", "court": "某区人民法院", "case_no": "(2024)某0101行初88号",
                           "route": "after_reconsideration", "reconsideration_id": rc["id"],
                           "served_on": "2024-07-30"})
        lit = r.json
        self.assertEqual((lit["late_filing"], lit["reconsideration_required"], lit["status"]), (False, False, "pending"))
        first = lit["instances"][0]
        self.assertEqual((first["seq"], first["instance"], first["filed_on"], first["court"]),
                         (1, "first", "2024-07-25", "某区人民法院"))
        dl = {d["kind"]: d["due_on"] for d in first["deadlines"]}
        # defence 07-30 + 15 = 08-14 (Wed); 6 months from 07-25 = 2025-01-25 (Sat), and Sun 01-26 was worked
        self.assertEqual(dl, {"court_defence": "2024-08-14", "court_decision": "2025-01-26"})
        lurl = f"/api/v1/requests/{rid}/litigations/{lit['id']}"
        self.assertProblem(cl.post(lurl + "/instances", {"instance": "second", "filed_on": "2024-11-28"}), 409,
                           "instance_order")
        r = cl.patch(lurl + "/instances/1", {"decided_on": "2024-11-15", "judgment": "驳回诉讼请求",
                                            "judgment_served_on": "2024-11-18"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual((r.json["status"], r.json["result"]), ("decided", "upheld"))
        # appeal within 15 days of service: 11-18 + 15 = 12-03
        self.assertEqual({d["kind"]: d["due_on"] for d in r.json["instances"][0]["deadlines"]}["appeal"], "2024-12-03")
        self.assertProblem(cl.post(lurl + "/instances", {"instance": "second", "filed_on": "2024-11-14"}), 409,
                           "instance_order")
        r = cl.post(lurl + "/instances", {"instance": "second", "filed_on": "2024-11-28", "court": "某市中级人民法院"})
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.header("Location"), lurl + "/instances/2")
        self.assertEqual({d["kind"]: d["due_on"] for d in r.json["instances"][1]["deadlines"]},
                         {"court_decision": "2025-02-28"})  # 3 months
        self.assertEqual(r.json["status"], "pending")
        r = cl.patch(lurl + "/instances/2", {"decided_on": "2025-03-20", "judgment": "维持原判"})
        self.assertEqual((r.json["instances"][1]["result"], r.json["result"]), ("upheld", "upheld"))
        self.assertProblem(cl.post(lurl + "/instances", {"instance": "second", "filed_on": "2025-04-01"}), 409,
                           "instance_order")
        self.assertProblem(cl.patch(lurl + "/instances/1", {"decided_on": "2024-07-01", "judgment": "驳回诉讼请求",
                                                           "correction_reason": "x"}), 409, "decision_before_filing")
        self.assertProblem(cl.patch(lurl + "/instances/1", {"filed_on": "2024-07-26"}), 400, field="filed_on")

        # what the annual report reads, and the rule "result as of 31 December"
        self.assertEqual(self.sql(f"SELECT filed_on, decided_on, decision, result FROM reconsiderations "
                                  f"WHERE request_id = {rid}"), "2024-05-20|2024-07-10|驳回请求|upheld")
        self.assertEqual(self.sql(f"SELECT string_agg(instance || ':' || filed_on || ':' || coalesce(result, '-'), "
                                  f"',' ORDER BY seq) FROM litigation_instances WHERE litigation_id = {lit['id']}"),
                         "first:2024-07-25:upheld,second:2024-11-28:upheld")
        self.assertEqual(self.sql(f"SELECT route, reconsideration_id = {rc['id']}, filed_on FROM litigations "
                                  f"WHERE id = {lit['id']}"), "after_reconsideration|t|2024-07-25")

        # history: every change, who and when, old and new value
        h = self.c["auditor"].get(url).json["history"]
        self.assertEqual([x["action"] for x in h], ["create", "update", "update"])
        self.assertEqual(h[2]["old_value"], {"decision": "维持"})
        self.assertEqual(h[2]["new_value"], {"decision": "驳回请求", "correction_reason": "决定书载明驳回行政复议请求"})
        self.assertEqual(h[1]["actor"], "clerk")
        h = self.c["auditor"].get(lurl).json["history"]
        self.assertEqual([(x["entity"], x["action"]) for x in h],
                         [("litigation", "create"), ("litigation_instance", "create"), ("litigation_instance", "update"),
                          ("litigation_instance", "create"), ("litigation_instance", "update")])
        self.assertEqual(h[4]["new_value"]["judgment"], "维持原判")
        self.assertEqual(self.sql(f"SELECT count(*) FROM audit_log WHERE (entity = 'reconsideration' AND "
                                  f"entity_id = '{rc['id']}') OR (entity = 'litigation' AND entity_id = '{lit['id']}') "
                                  f"OR (entity = 'litigation_instance' AND entity_id IN (SELECT id::text FROM "
                                  f"litigation_instances WHERE litigation_id = {lit['id']}))"), "8")
        self.assertNotEqual(psql_error(self.dbname, f"DELETE FROM reconsiderations WHERE id = {rc['id']}"), "")

        # the deadline explanation tells the whole story
        dl = self.c["clerk"].get(f"/api/v1/requests/{rid}/deadline").json
        kinds = [s["kind"] for s in dl["subdeadlines"]]
        for k in ("reconsideration", "litigation", "reconsideration_decision", "suit_after_reconsideration",
                  "court_defence", "court_decision", "appeal"):
            self.assertIn(k, kinds)
        text = " ".join(s["text_zh"] for s in dl["steps"])
        for words in ("申请行政复议", "复议决定：驳回请求", "复议后起诉", "一审裁判：驳回诉讼请求", "二审裁判：维持原判"):
            self.assertIn(words, text)

    def test_flags_and_impossible_sequences(self):
        cl = self.c["clerk"]
        # a withholding reply, then a direct suit in 2024: needs reconsideration first (art. 23)
        rid = self.new("2024-01-02")["id"]
        self.reply(rid, "2024-01-20", "withheld_internal_affairs", "2024-01-22")
        self.assertTrue(self.lit(rid, {"filed_on": "2024-03-01", "court": "某区人民法院",
                                       "route": "direct"}).json["reconsideration_required"])
        rid = self.new("2023-05-04")["id"]
        self.reply(rid, "2023-05-20", "withheld_internal_affairs", "2023-05-22")
        lit = self.lit(rid, {"filed_on": "2023-09-01", "court": "某区人民法院", "route": "direct"}).json
        self.assertFalse(lit["reconsideration_required"])  # filed before 2024-01-01
        self.assertFalse(lit["late_filing"])  # within 6 months of 05-22
        self.assertProblem(cl.post(f"/api/v1/requests/{rid}/reconsiderations",
                                   {"filed_on": "2023-06-01", "authority": "x", "procedure": "simple"}), 400,
                           field="procedure")
        # late filings are accepted and flagged
        rid = self.new("2024-12-20")["id"]
        self.reply(rid, "2025-01-02", "disclosed", "2025-01-03")  # window: 01-03 + 60 = 03-04
        rc = self.rc(rid, {"filed_on": "2025-03-05", "authority": "某区人民政府"}).json
        self.assertTrue(rc["late_filing"])
        self.assertEqual(rc["filing_window_ends"], "2025-03-04")
        self.assertFalse(self.rc(rid, {"filed_on": "2025-03-04", "authority": "某区人民政府"}).json["late_filing"])
        # no direct suit while a reconsideration runs; after it only once decided or its period ended
        self.assertProblem(cl.post(f"/api/v1/requests/{rid}/litigations",
                                   {"filed_on": "2025-03-10", "court": "某区人民法院", "route": "direct"}), 409,
                           "reconsideration_pending")
        self.assertProblem(cl.post(f"/api/v1/requests/{rid}/litigations",
                                   {"filed_on": "2025-03-10", "court": "某区人民法院",
                                    "route": "after_reconsideration"}), 409, "reconsideration_required")
        self.assertProblem(cl.post(f"/api/v1/requests/{rid}/litigations",
                                   {"filed_on": "2025-03-10", "court": "某区人民法院", "route": "after_reconsideration",
                                    "reconsideration_id": rc["id"]}), 409, "reconsideration_pending")
        other = self.new("2024-12-20")["id"]
        self.assertProblem(cl.post(f"/api/v1/requests/{other}/litigations",
                                   {"filed_on": "2025-03-10", "court": "某区人民法院", "route": "after_reconsideration",
                                    "reconsideration_id": rc["id"]}), 400, field="reconsideration_id")
        # the authority let its period pass (filed 03-05, deemed accepted 03-12, due 05-12): a suit on 05-20 is
        # in time (15 days after the period: 05-27)
        lit = self.lit(rid, {"filed_on": "2025-05-20", "court": "某区人民法院", "route": "after_reconsideration",
                             "reconsideration_id": rc["id"]}).json
        self.assertFalse(lit["late_filing"])
        lurl = f"/api/v1/requests/{rid}/litigations/{lit['id']}"
        self.assertProblem(cl.patch(lurl, {"route": "direct"}), 400, field="reconsideration_id")
        r = cl.patch(lurl, {"filed_on": "2025-05-28"})
        self.assertEqual((r.status, r.json["late_filing"], r.json["instances"][0]["filed_on"]), (200, True, "2025-05-28"))
        # the same again changes nothing: no new version, no history row
        again = cl.patch(lurl, {"filed_on": "2025-05-28", "court": "某区人民法院"})
        self.assertEqual((again.status, again.header("ETag")), (200, r.header("ETag")))
        self.assertEqual(len(cl.get(lurl).json["history"]), 4)  # litigation and instance created, both updated
        # impossible sequences and bad input
        self.assertProblem(cl.post(f"/api/v1/requests/{rid}/reconsiderations",
                                   {"filed_on": "2025-03-05", "authority": "x", "decided_on": "2025-03-01",
                                    "decision": "撤销"}), 409, "decision_before_filing")
        self.assertProblem(cl.post(f"/api/v1/requests/{rid}/reconsiderations",
                                   {"filed_on": "2024-12-01", "authority": "x"}), 409, "date_before_receipt")
        self.assertProblem(cl.post(f"/api/v1/requests/{rid}/reconsiderations",
                                   {"filed_on": "2025-02-30", "authority": "x"}), 400, field="filed_on")
        self.assertProblem(cl.post(f"/api/v1/requests/{rid}/reconsiderations",
                                   {"filed_on": "2025-07-01", "authority": "x"}), 400, field="filed_on")
        self.assertProblem(cl.post(f"/api/v1/requests/{rid}/reconsiderations",
                                   {"filed_on": "2025-03-05", "authorty": "x"}), 400, field="authorty")
        self.assertProblem(cl.post(f"/api/v1/requests/{rid}/reconsiderations",
                                   {"filed_on": "2025-03-05", "authority": "x", "extension_days": 31}), 400,
                           field="extension_days")
        self.assertProblem(cl.post(f"/api/v1/requests/{rid}/litigations",
                                   {"filed_on": "2025-03-05", "court": "x", "route": "sideways"}), 400, field="route")
        self.assertProblem(cl.post(f"/api/v1/requests/{rid}/litigations",
                                   {"filed_on": "2025-06-01", "court": "x", "route": "direct", "judgment": "维持原判",
                                    "decided_on": "2025-06-10"}), 409, "instance_order")
        # who may see and write
        self.assertProblem(self.c["otherclerk"].get(f"/api/v1/requests/{rid}/reconsiderations"), 404, "not_found")
        self.assertProblem(self.c["otherclerk"].get(lurl), 404, "not_found")
        self.assertProblem(self.c["otherclerk"].patch(lurl, {"notes": "x"}), 404, "not_found")
        self.assertProblem(self.c["auditor"].post(f"/api/v1/requests/{rid}/reconsiderations",
                                                  {"filed_on": "2025-03-05", "authority": "x"}), 403, "forbidden")
        self.assertProblem(cl.get(f"/api/v1/requests/{rid}/reconsiderations/999999"), 404, "not_found")
        self.assertProblem(cl.get(f"/api/v1/requests/{other}/litigations/{lit['id']}"), 404, "not_found")
        lst = self.c["auditor"].get(f"/api/v1/requests/{rid}/reconsiderations").json["reconsiderations"]
        self.assertEqual(len(lst), 2)

    def test_contract_lists_the_endpoints(self):
        text = self.c["auditor"].get("/api/v1/openapi.yaml").body.decode("utf-8")
        for path in ("/api/v1/fees/quote:", "/api/v1/requests/{id}/fees:", "/api/v1/requests/{id}/consultations:",
                     "/api/v1/requests/{id}/reconsiderations:",
                     "/api/v1/requests/{id}/reconsiderations/{reconsideration_id}:",
                     "/api/v1/requests/{id}/litigations:", "/api/v1/requests/{id}/litigations/{litigation_id}:",
                     "/api/v1/requests/{id}/litigations/{litigation_id}/instances:",
                     "/api/v1/requests/{id}/litigations/{litigation_id}/instances/{seq}:"):
            self.assertIn("\n  " + path, text)
        for word in ("objection_overridden", "consultation_delivered", "reduction_reason", "RemedyDeadline"):
            self.assertIn(word, text)

    def test_remedy_on_an_open_request(self):
        # no reply by the due date: the applicant applies for reconsideration of the non-reply
        req = self.new("2025-03-03")
        self.assertTrue(req["overdue"])
        rc = self.rc(req["id"], {"filed_on": "2025-04-15", "authority": "某区人民政府"}).json
        self.assertEqual((rc["late_filing"], rc["filing_window_ends"]), (False, None))

    def test_queue_shows_pending_remedy_dates(self):
        cl = self.c["clerk"]
        # (1) an undecided reconsideration whose decision was due 2025-03-14: overdue
        a = self.new("2024-12-02")["id"]
        self.reply(a, "2024-12-20", "disclosed", "2024-12-23")
        self.rc(a, {"filed_on": "2025-01-06", "authority": "某区人民政府"})
        # (2) a reply delivered 06-11 with no remedy filed: the applicant's 60 days (to 08-11) are his,
        # not the office's work; the request leaves the queue
        b = self.new("2025-05-26")["id"]
        r = self.reply(b, "2025-06-10", "disclosed", "2025-06-11")
        self.assertEqual([s["due_on"] for s in r.json["subdeadlines"] if s["kind"] == "reconsideration"],
                         ["2025-08-11"])  # 06-11 + 60 = 08-10 (Sun) → 08-11
        # (3) a hearing on Tue 06-24: 2 working days ahead
        d = self.new("2024-06-03")["id"]
        self.reply(d, "2024-06-20", "withheld_process_info", "2024-06-21")
        self.lit(d, {"filed_on": "2024-11-01", "court": "某区人民法院", "route": "direct", "hearing_on": "2025-06-24"})
        # (4) withdrawn long ago: nothing pending
        e = self.new("2024-02-01")["id"]
        self.event(e, {"type": "withdrawn", "on": "2024-02-05"}, client=cl)
        q = cl.get("/api/v1/queue").json
        where = {r["id"]: (band, r.get("attention_kind"), r.get("attention_on"))
                 for band in ("overdue", "due_soon", "later") for r in q[band]}
        self.assertEqual(where[a], ("overdue", "reconsideration_decision", "2025-03-14"))
        self.assertNotIn(b, where)
        # the court's decision period (6 months from 2024-11-01 = 2025-05-01, 劳动节 → 05-06) has passed
        # without a judgment recorded: that comes first
        self.assertEqual(where[d], ("overdue", "court_decision", "2025-05-06"))
        self.assertNotIn(e, where)
        self.assertGreaterEqual(q["counts"]["closed_with_remedy_dates"], 2)
        self.assertEqual(sum(q["counts"][k] for k in ("overdue", "due_soon", "later")), q["counts"]["total"])
        lid = cl.get(f"/api/v1/requests/{d}/litigations").json["litigations"][0]["id"]
        cl.patch(f"/api/v1/requests/{d}/litigations/{lid}/instances/1", {"decided_on": "2025-06-16",
                                                                         "judgment": "驳回诉讼请求"})
        q = cl.get("/api/v1/queue").json
        where = {r["id"]: (band, r.get("attention_kind"), r.get("attention_on"))
                 for band in ("overdue", "due_soon", "later") for r in q[band]}
        # decided: the hearing is done with; the appeal window (06-16 + 15 = 07-01) remains
        self.assertEqual(where[d], ("later", "appeal", "2025-07-01"))
        q = cl.get("/api/v1/queue?closed=false").json
        ids = [r["id"] for band in ("overdue", "due_soon", "later") for r in q[band]]
        self.assertNotIn(a, ids)
        self.assertEqual(q["counts"]["closed_with_remedy_dates"], 0)
        self.assertProblem(cl.get("/api/v1/queue?closed=maybe"), 400, field="closed")


    def test_an_order_to_reply_anew_is_tracked_until_the_body_replies(self):
        """A reconsideration decision or a judgment that corrects the reply orders the body to
        reply anew by a date (行政复议法 2023 art. 64, 行政诉讼法 art. 70): the closed request keeps
        its first reply for the annual report, and the new reply's date waits in the queue."""
        cl = self.c["clerk"]
        where = lambda q: {r["id"]: (band, r.get("attention_kind"), r.get("attention_on"))
                           for band in ("overdue", "due_soon", "later") for r in q[band]}
        rid = self.new("2025-01-06")["id"]
        self.reply(rid, "2025-01-20", "withheld_process_info", "2025-01-21")
        x = self.rc(rid, {"filed_on": "2025-02-10", "authority": "某区人民政府"}).json
        url = f"/api/v1/requests/{rid}/reconsiderations/{x['id']}"
        self.assertIsNone(x["redo_due"])
        self.assertProblem(cl.patch(url, {"redo_due": "2025-05-09"}), 400, field="redo_due")
        # 维持 orders nothing: no date for a new reply
        self.assertProblem(cl.patch(url, {"decided_on": "2025-04-10", "decision": "维持",
                                          "redo_due": "2025-05-09"}), 400, field="redo_due")
        self.assertProblem(cl.patch(url, {"decided_on": "2025-04-10", "decision": "撤销",
                                          "redo_due": "2025-04-09"}), 400, field="redo_due")
        r = cl.patch(url, {"decided_on": "2025-04-10", "decision": "撤销", "redo_due": "2025-05-09"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["redo_due"], "2025-05-09")
        redo = [d for d in r.json["deadlines"] if d["kind"] == "redo"]
        self.assertEqual(len(redo), 1)
        self.assertTrue(redo[0]["pending"], "today 06-20: the new reply due 05-09 is still owed")
        # the decision (04-10) and the suit window (04-25) are past: only the order keeps the
        # closed request in the queue, overdue
        self.assertEqual(where(cl.get("/api/v1/queue").json)[rid], ("overdue", "redo", "2025-05-09"))
        steps = cl.get(f"/api/v1/requests/{rid}/deadline").json["steps"]
        self.assertTrue(any("应于 2025-05-09 前重新答复" in s["text_zh"] for s in steps), steps)
        self.assertProblem(cl.patch(url, {"redone_on": "2025-06-23"}), 400, field="redone_on")
        r = cl.patch(url, {"redone_on": "2025-05-08"})
        self.assertEqual(r.status, 200, r)
        self.assertFalse([d for d in r.json["deadlines"] if d["kind"] == "redo"][0]["pending"])
        self.assertNotIn(rid, where(cl.get("/api/v1/queue").json))
        # a new reply needs its order: clearing the due date alone is refused
        self.assertProblem(cl.patch(url, {"redo_due": None}), 400, field="redone_on")
        steps = cl.get(f"/api/v1/requests/{rid}/deadline").json["steps"]
        self.assertTrue(any("已于 2025-05-08 重新答复" in s["text_zh"] for s in steps), steps)
        # the request itself stays closed with its first reply (the annual report's count)
        req = cl.get(f"/api/v1/requests/{rid}").json
        self.assertEqual((req["status"], req["outcome"]), ("closed", "withheld_process_info"))

        # a first-instance 撤销 ordering a new reply, then appealed: not in force meanwhile
        d = self.new("2024-06-03")["id"]
        self.reply(d, "2024-06-20", "withheld_process_info", "2024-06-21")
        lid = self.lit(d, {"filed_on": "2024-09-02", "court": "某区人民法院", "route": "direct"}).json["id"]
        base = f"/api/v1/requests/{d}/litigations/{lid}"
        r = cl.patch(base + "/instances/1", {"decided_on": "2025-03-03", "judgment": "撤销",
                                            "redo_due": "2025-04-30"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(where(cl.get("/api/v1/queue").json)[d], ("overdue", "redo", "2025-04-30"))
        r = cl.post(base + "/instances", {"instance": "second", "filed_on": "2025-03-14"})
        self.assertEqual(r.status, 201, r)
        # the appeal (filed 03-14) is decided within 3 months: 06-14 is a Saturday → Mon 06-16
        self.assertEqual(where(cl.get("/api/v1/queue").json)[d], ("overdue", "court_decision", "2025-06-16"))
        first = cl.get(base).json["instances"][0]
        self.assertTrue([x for x in first["deadlines"] if x["kind"] == "redo"][0]["done"],
                        "superseded by the appeal")
        self.assertProblem(cl.patch(base + "/instances/2", {"decided_on": "2025-06-18",
                                                           "judgment": "驳回诉讼请求", "redo_due": "2025-07-18"}),
                           400, field="redo_due")
        # 维持原判 of the 撤销 makes the order final, with the date the appeal court sets
        r = cl.patch(base + "/instances/2", {"decided_on": "2025-06-18", "judgment": "维持原判",
                                            "redo_due": "2025-07-18"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(where(cl.get("/api/v1/queue").json)[d], ("later", "redo", "2025-07-18"))


def psql_error(dbname, sql):
    """The error PostgreSQL gives for sql ("" when it succeeds)."""
    try:
        psql(sql, dbname)
        return ""
    except RuntimeError as e:
        return str(e)


if __name__ == "__main__":
    main()
