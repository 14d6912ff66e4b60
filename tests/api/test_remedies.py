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
        # as of 06-20 the window counted from the sending (03-31) has ended: the clock runs again
        self.assertEqual(r.json["status"], "registered")
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
        self.assertEqual(r.json["due_on"], "2025-04-27")
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


if __name__ == "__main__":
    main()
