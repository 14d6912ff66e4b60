"""A clerk's day over the API: intake with validation and idempotency, the
life of requests through events (409 rules, 412 stale versions, a race with
one winner), reading, lists, the queue and the CSV, and who may see what."""
import concurrent.futures
import urllib.parse

from ogitest import OgidTestCase, ogictl, psql, main

TODAY = "2025-06-20"  # a Friday; requests below are dated before it


def intake_body(body_id, **over):
    b = {"body_id": body_id, "channel": "in_person", "received_on": "2025-03-03",
         "applicant": {"kind": "natural_person", "name": "张三", "id_type": "resident_id_card",
                       "id_number": "11010519491231002X", "phone": "13800000000"},
         "description": "2023年本街道老旧小区改造项目的招标文件",
         "form": {"medium": "electronic", "delivery": "email"}}
    b.update(over)
    return b


class Requests(OgidTestCase):
    ogid_env = {"OGI_TODAY": TODAY}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.street = int(ogictl(cls.dbname, "body", "add", "甲街道办事处", "--parent", "1", "--code", "JD01").stdout)
        cls.other = int(ogictl(cls.dbname, "body", "add", "乙街道办事处", "--parent", "1", "--code", "JD02").stdout)
        users = {"clerk": ("clerk", cls.street), "approver": ("approver", cls.street),
                 "handler": ("handler", cls.street), "auditor": ("auditor", cls.street),
                 "otherclerk": ("clerk", cls.other)}
        cls.c = {}
        for name, (role, body) in users.items():
            ogictl(cls.dbname, "user", "add", name, "--role", role, "--body", str(body), "--password-stdin",
                   input="a good long password\n")
            cl = cls.ogid.client()
            cl.login(name, "a good long password")
            cls.c[name] = cl

    def new(self, client=None, **over):
        r = (client or self.c["clerk"]).post("/api/v1/requests", intake_body(self.street, **over))
        self.assertEqual(r.status, 201, r)
        return r

    def event(self, rid, body, client=None, etag=None, status=201):
        headers = {"If-Match": etag} if etag else None
        r = (client or self.c["approver"]).post(f"/api/v1/requests/{rid}/events", body, headers=headers)
        self.assertEqual(r.status, status, r)
        return r

    def test_intake_computes_due_date_and_number(self):
        r = self.new()
        req = r.json
        self.assertEqual(r.header("Location"), f"/api/v1/requests/{req['id']}")
        self.assertEqual(r.header("ETag"), '"1"')
        self.assertRegex(req["tracking_no"], r"^JD01-2025-\d{5}$")
        self.assertEqual(req["regime"], "2019")
        self.assertEqual(req["status"], "registered")
        # law.md §5.3: received Mon 2025-03-03 → 20 wd = Mon 2025-03-31
        self.assertEqual(req["due_on"], "2025-03-31")
        self.assertEqual(req["correction_notice_due"], "2025-03-12")
        self.assertTrue(req["overdue"])  # today is 2025-06-20
        self.assertEqual(req["applicant"]["id_number"], "11010519491231002X")

    def test_2008_regime(self):
        req = self.new(received_on="2018-09-21").json
        self.assertEqual(req["regime"], "2008")
        # 15 wd across 中秋 and 国庆 2018 (see the unit tests)
        self.assertEqual(req["due_on"], "2018-10-18")

    def test_tracking_numbers_have_no_gaps(self):
        nums = [int(self.new(received_on="2024-05-06").json["tracking_no"].rsplit("-", 1)[1]) for _ in range(3)]
        self.assertEqual(nums, list(range(nums[0], nums[0] + 3)))
        # a refused intake does not use a number
        self.assertEqual(self.c["clerk"].post("/api/v1/requests", intake_body(self.street, received_on="2024-05-06",
                                                                                description="")).status, 400)
        nxt = int(self.new(received_on="2024-05-06").json["tracking_no"].rsplit("-", 1)[1])
        self.assertEqual(nxt, nums[-1] + 1)

    def test_intake_validation_names_fields(self):
        cl = self.c["clerk"]
        cases = [
            ({"received_on": "2025-02-30"}, "received_on", "date"),
            ({"received_on": "2099-01-01"}, "received_on", "date_in_future"),
            ({"received_on": "2008-04-30"}, "received_on", "before_regulation"),
            ({"channel": "pigeon"}, "channel", "enum"),
            ({"applicant": {"kind": "natural_person", "name": "李四", "id_type": "resident_id_card",
                            "id_number": "110105194912310021"}}, "applicant.id_number", "check_digit"),
            ({"applicant": {"kind": "commercial_enterprise", "name": "某公司", "id_type": "uscc",
                            "id_number": "91110000600037341M"}}, "applicant.id_number", "check_digit"),
            ({"applicant": {"kind": "martian", "name": "x"}}, "applicant.kind", "enum"),
            ({"description": ""}, "description", "empty"),
            ({"body_id": "1"}, "body_id", "type"),  # replaces the body_id given below
            ({"recieved_on": "2025-01-01"}, "recieved_on", "unknown_field"),
        ]
        for over, field, code in cases:
            body = intake_body(self.street)
            body.update(over)
            r = cl.post("/api/v1/requests", body)
            p = self.assertProblem(r, 400, "invalid_input", field=field)
            self.assertIn(code, [e["code"] for e in p["errors"] if e["field"] == field], (over, p))

    def test_strings_stored_literally(self):
        evil = "'); DROP TABLE requests; -- <script>alert(1)</script>"
        req = self.new(description=evil).json
        got = self.c["clerk"].get(f"/api/v1/requests/{req['id']}").json
        self.assertEqual(got["description"], evil)

    def test_idempotency_key(self):
        cl = self.c["clerk"]
        body = intake_body(self.street, received_on="2025-04-01")
        a = cl.post("/api/v1/requests", body, headers={"Idempotency-Key": "k-123"})
        b = cl.post("/api/v1/requests", body, headers={"Idempotency-Key": "k-123"})
        self.assertEqual(a.status, 201)
        self.assertEqual(b.status, 201)
        self.assertEqual(a.json["id"], b.json["id"])
        self.assertEqual(a.json["tracking_no"], b.json["tracking_no"])
        self.assertIsNone(a.header("Idempotent-Replayed"))
        self.assertEqual(b.header("Idempotent-Replayed"), "true")
        c = cl.post("/api/v1/requests", intake_body(self.street, received_on="2025-04-02"),
                    headers={"Idempotency-Key": "k-123"})
        self.assertProblem(c, 422, "idempotency_key_reused")

    def test_other_body_is_404_and_auditor_cannot_write(self):
        req = self.new().json
        self.assertProblem(self.c["otherclerk"].get(f"/api/v1/requests/{req['id']}"), 404, "not_found")
        self.assertProblem(self.c["otherclerk"].post(f"/api/v1/requests/{req['id']}/events",
                                                     {"type": "note", "on": "2025-03-04", "text": "x"}), 404)
        self.assertProblem(self.c["otherclerk"].post("/api/v1/requests", intake_body(self.street)), 404)
        self.assertProblem(self.c["auditor"].post("/api/v1/requests", intake_body(self.street)), 403, "forbidden")
        self.assertProblem(self.c["auditor"].post(f"/api/v1/requests/{req['id']}/events",
                                                  {"type": "note", "on": "2025-03-04", "text": "x"}), 403)
        # the auditor reads, with the identity number masked
        got = self.c["auditor"].get(f"/api/v1/requests/{req['id']}").json
        self.assertEqual(got["applicant"]["id_number"], "110***********002X")
        self.assertTrue(got["applicant"]["id_number_masked"])
        # a clerk may not approve an extension
        r = self.c["clerk"].post(f"/api/v1/requests/{req['id']}/events",
                                 {"type": "extension_approved", "on": "2025-03-20", "working_days": 10,
                                  "approver": "x", "reason": "y"})
        self.assertProblem(r, 403, "forbidden")
        ids = [x["id"] for x in self.c["otherclerk"].get("/api/v1/requests").json["requests"]]
        self.assertNotIn(req["id"], ids)

    def test_lifecycle_with_rules(self):
        req = self.new(received_on="2025-03-03").json
        rid = req["id"]
        r = self.event(rid, {"type": "extension_approved", "on": "2025-03-28", "working_days": 20,
                             "approver": "李主任", "reason": "需调取档案"}, etag='"1"')
        self.assertEqual(r.json["due_on"], "2025-04-28")  # law.md §5.3
        self.assertEqual(r.header("ETag"), '"2"')
        self.assertProblem(self.c["approver"].post(f"/api/v1/requests/{rid}/events",
                                                   {"type": "extension_approved", "on": "2025-03-29",
                                                    "working_days": 5, "approver": "x", "reason": "y"}),
                           409, "extension_twice")
        self.assertProblem(self.c["approver"].post(f"/api/v1/requests/{rid}/events",
                                                   {"type": "fee_paid", "on": "2025-03-29"}),
                           409, "payment_without_notice")
        self.assertProblem(self.c["approver"].post(f"/api/v1/requests/{rid}/events", {"type": "note", "on": "2025-03-01",
                                                                                      "text": "x"}),
                           409, "date_before_receipt")
        self.assertProblem(self.c["approver"].post(f"/api/v1/requests/{rid}/events",
                                                   {"type": "replied", "on": "2025-04-10",
                                                    "outcome": "not_held_other_body"}),
                           400, "invalid_input", field="referred_body")
        r = self.event(rid, {"type": "replied", "on": "2025-04-10", "outcome": "not_held_other_body",
                             "referred_body": "区住房和城乡建设局", "delivered_on": "2025-04-11"})
        self.assertEqual(r.json["status"], "closed")
        self.assertEqual(r.json["outcome"], "not_held_other_body")
        self.assertFalse(r.json["replied_late"])
        self.assertProblem(self.c["approver"].post(f"/api/v1/requests/{rid}/events",
                                                   {"type": "delay_set", "on": "2025-04-12", "due_on": "2025-05-30",
                                                    "reason": "x"}),
                           409, "request_closed")
        # a note is still taken on a closed request (the reply form promises 「可以以后补记」)
        self.assertEqual(self.c["approver"].post(f"/api/v1/requests/{rid}/events",
                                                 {"type": "note", "on": "2025-04-12", "text": "x"}).status, 201)
        events = self.c["clerk"].get(f"/api/v1/requests/{rid}/events").json["events"]
        self.assertEqual([e["type"] for e in events], ["registered", "extension_approved", "replied", "note"])
        self.assertEqual(events[1]["actor"], "approver")
        dl = self.c["clerk"].get(f"/api/v1/requests/{rid}/deadline").json
        self.assertEqual([s["kind"] for s in dl["subdeadlines"]], ["reconsideration", "litigation"])
        self.assertTrue(any("延长" in s["text_zh"] for s in dl["steps"]))

    def test_stale_if_match_is_412_and_nothing_recorded(self):
        rid = self.new().json["id"]
        self.event(rid, {"type": "note", "on": "2025-03-04", "text": "first"}, etag='"1"')
        r = self.c["approver"].post(f"/api/v1/requests/{rid}/events", {"type": "note", "on": "2025-03-05",
                                                                         "text": "second"},
                                    headers={"If-Match": '"1"'})
        self.assertProblem(r, 412, "precondition_failed")
        events = self.c["clerk"].get(f"/api/v1/requests/{rid}/events").json["events"]
        self.assertEqual(len(events), 2)
        # "0" is an ETag no version has (they start at 1): stale like any other, 412 (issue 18)
        r = self.c["approver"].post(f"/api/v1/requests/{rid}/events", {"type": "note", "on": "2025-03-05",
                                                                         "text": "zero"},
                                    headers={"If-Match": '"0"'})
        self.assertEqual(self.assertProblem(r, 412, "precondition_failed")["detail"],
                         "you had version 0; the request is now at version 2")
        # an If-Match that is no version's ETag is refused as the request's ETag, and records nothing
        for bad in ('"abc"', '*', '"2x"', '"2', 'W/'):
            r = self.c["approver"].post(f"/api/v1/requests/{rid}/events",
                                        {"type": "note", "on": "2025-03-05", "text": "third"},
                                        headers={"If-Match": bad})
            e = self.assertProblem(r, 400, "invalid_input", field="If-Match")["errors"][0]
            self.assertEqual((e["message_zh"], e["message_en"]),
                             ("If-Match 应为请求的版本号（ETag）", "If-Match must be the request's ETag"))
        self.assertEqual(len(self.c["clerk"].get(f"/api/v1/requests/{rid}/events").json["events"]), 2)

    def test_race_has_one_winner(self):
        rid = self.new().json["id"]
        clients = [self.ogid.client(), self.ogid.client()]
        for cl in clients:
            cl.login("approver", "a good long password")

        def post(cl):
            return cl.post(f"/api/v1/requests/{rid}/events", {"type": "note", "on": "2025-03-04", "text": "race"},
                           headers={"If-Match": '"1"'}).status

        for _ in range(3):
            with concurrent.futures.ThreadPoolExecutor(2) as ex:
                statuses = sorted(ex.map(post, clients))
            if statuses == [201, 412]:
                break
        self.assertEqual(statuses, [201, 412])

    def test_history_full_is_409_and_read_whole(self):
        # OGI_EVENTS_MAX (lib/request.h): a request records at most 1000 events; the limit is met
        # when an event is written, never by cutting a history short when it is read.  The first
        # 999 (registered + 998 notes) are written straight into the table, not posted one by one.
        limit = 1000
        rid = self.new(received_on="2023-03-06").json["id"]  # Mon: due 2023-04-03 (20 wd, no holiday)
        psql(f"INSERT INTO request_events (request_id, body_id, type, on_date, payload, actor) "
             f"SELECT {rid}, {self.street}, 'note', '2023-03-06', jsonb_build_object('text', 'n' || i), "
             f"'clerk' FROM generate_series(1, {limit - 2}) AS i", self.dbname)
        r = self.event(rid, {"type": "note", "on": "2023-03-07", "text": "the last one"})
        version = r.json["version"]
        p = self.assertProblem(self.c["approver"].post(f"/api/v1/requests/{rid}/events",
                                                       {"type": "note", "on": "2023-03-07", "text": "one more"}),
                               409, "history_full")
        self.assertEqual(p["detail"], f"request {rid} already has {limit} events")
        self.assertIn(f"({limit})", p["title_en"])
        self.assertIn(f"{limit} 条", p["title_zh"])
        # nothing was recorded, and the timeline is read whole, in order
        self.assertEqual(self.c["clerk"].get(f"/api/v1/requests/{rid}").json["version"], version)
        events = self.c["auditor"].get(f"/api/v1/requests/{rid}/events").json["events"]
        self.assertEqual(len(events), limit)
        self.assertEqual((events[0]["type"], events[1]["payload"], events[-1]["payload"]),
                         ("registered", {"text": "n1"}, {"text": "the last one"}))
        self.assertEqual([e["id"] for e in events], sorted(e["id"] for e in events))
        # what ogi records itself is never refused: a day off on Wed 2023-03-15 moves the due date
        # to 04-04, and back, each with a deadline_recomputed event past the limit
        for kind, due in (("holiday", "2023-04-04"), ("rule", "2023-04-03")):
            r = self.admin.put("/api/v1/calendar/days/2023-03-15", {"kind": kind, "name": "测试"})
            self.assertEqual(r.status, 200, r)
            self.assertEqual(self.c["clerk"].get(f"/api/v1/requests/{rid}").json["due_on"], due)
        events = self.c["auditor"].get(f"/api/v1/requests/{rid}/events").json["events"]
        self.assertEqual([e["type"] for e in events[limit:]], ["deadline_recomputed"] * 2)

    def test_correction_consultation_fee_flow(self):
        rid = self.new(received_on="2024-09-10").json["id"]
        r = self.event(rid, {"type": "consultation_started", "on": "2024-09-27", "party": "third_party",
                             "name": "某公司"})
        self.assertEqual(r.json["status"], "consulting")
        # the party's window (09-27 + 15 wd = 2024-10-23) is shown until the consultation's end is recorded
        self.assertEqual([s["due_on"] for s in r.json["subdeadlines"] if s["kind"] == "third_party_reply"],
                         ["2024-10-23"])
        r = self.event(rid, {"type": "consultation_ended", "on": "2024-10-15", "answer": "agree"})
        # the unit tests count it: 9 working days paused over National Day
        self.assertEqual(r.json["due_on"], "2024-10-25")
        rid = self.new(received_on="2024-03-01").json["id"]
        r = self.event(rid, {"type": "correction_requested", "on": "2024-03-05", "items": "请写明所需文件名称"})
        self.assertEqual(r.json["status"], "awaiting_correction")
        self.assertIsNone(r.json["due_on"])
        r = self.event(rid, {"type": "correction_received", "on": "2024-03-20"})
        self.assertEqual(r.json["due_on"], "2024-04-18")
        r = self.event(rid, {"type": "fee_notice_issued", "on": "2024-03-25", "method": "per_volume", "pages": 40})
        self.assertEqual(r.json["status"], "awaiting_payment")
        self.assertEqual([s["kind"] for s in r.json["subdeadlines"]], ["fee_payment"])
        r = self.event(rid, {"type": "fee_lapsed", "on": "2024-04-25"})
        self.assertEqual(r.json["outcome"], "lapsed_fee")

    def test_time_to_correct(self):
        # art. 30: the notice of Tue 2025-06-10 gives the applicant until Tue 06-24 to correct
        rid = self.new(received_on="2025-06-09").json["id"]
        self.assertProblem(self.c["clerk"].post(f"/api/v1/requests/{rid}/events", {
            "type": "correction_requested", "on": "2025-06-10", "items": "写明文件名称",
            "correction_due": "2025-06-10"}), 400, "invalid_input", field="correction_due")
        r = self.event(rid, {"type": "correction_requested", "on": "2025-06-10", "items": "写明文件名称",
                             "correction_due": "2025-06-24"}, client=self.c["clerk"])
        self.assertEqual([(s["kind"], s["due_on"]) for s in r.json["subdeadlines"]],
                         [("correction_period", "2025-06-24")])
        self.assertEqual(r.json["next_subdeadline"], "2025-06-24")
        # in the queue by that date: Fri 06-20 → Mon 06-23, Tue 06-24: 2 working days
        q = self.c["clerk"].get("/api/v1/queue").json
        row = next(x for x in q["due_soon"] if x["id"] == rid)
        self.assertEqual((row["attention_kind"], row["attention_on"], row["workdays_left"]),
                         ("correction_period", "2025-06-24", 2))
        # not deemed withdrawn while the applicant may still correct
        self.assertProblem(self.c["clerk"].post(f"/api/v1/requests/{rid}/events",
                                                {"type": "correction_lapsed", "on": "2025-06-20"}),
                           409, "correction_window_open")
        self.assertNotIn("correction_lapsed",
                         self.c["clerk"].get(f"/api/v1/requests/{rid}/deadline").json["allowed_events"])

    def test_queue_bands_and_lists(self):
        cl = self.c["clerk"]
        soon = self.new(received_on="2025-05-26").json  # 20 wd → 2025-06-24: 2 wd left on 06-20
        later = self.new(received_on="2025-06-16").json
        q = cl.get("/api/v1/queue").json
        self.assertEqual(q["today"], TODAY)
        where = {r["id"]: band for band in ("overdue", "due_soon", "later") for r in q[band]}
        self.assertEqual(where[soon["id"]], "due_soon")
        self.assertEqual(where[later["id"]], "later")
        self.assertEqual(sum(q["counts"][b] for b in ("overdue", "due_soon", "later")), q["counts"]["total"])
        row = next(r for r in q["due_soon"] if r["id"] == soon["id"])
        self.assertEqual(row["workdays_left"], 2)
        # a large scope: every request counted, the first `limit` of each band listed
        small = cl.get("/api/v1/queue?limit=1").json
        self.assertEqual(small["counts"], q["counts"])
        for band in ("overdue", "due_soon", "later"):
            self.assertEqual(len(small[band]), min(1, q["counts"][band]), band)
            self.assertEqual(small["more"][band], q["counts"][band] - len(small[band]), band)
            if small[band]:  # the first by attention date
                self.assertEqual(small[band][0]["id"], q[band][0]["id"], band)
        registered = cl.get("/api/v1/queue?status=registered").json
        self.assertTrue(all(r["status"] == "registered" for b in ("overdue", "due_soon", "later")
                            for r in registered[b]))
        self.assertProblem(cl.get("/api/v1/queue?limit=0"), 400, field="limit")
        self.assertProblem(cl.get("/api/v1/queue?status=asleep"), 400, field="status")
        # search by a Chinese substring and by tracking number
        found = cl.get("/api/v1/requests?q=" + urllib.parse.quote("老旧小区")).json["requests"]
        self.assertIn(later["id"], [r["id"] for r in found])
        self.assertEqual([r["id"] for r in cl.get(f"/api/v1/requests?q={later['tracking_no']}").json["requests"]],
                         [later["id"]])
        # keyset paging: stable, no duplicates
        seen, after = [], None
        while True:
            page = cl.get("/api/v1/requests?limit=2" + (f"&after={after}" if after else "")).json
            seen += [r["id"] for r in page["requests"]]
            after = page["next_after"]
            if not after:
                break
        self.assertEqual(len(seen), len(set(seen)))
        self.assertEqual(seen, sorted(seen, reverse=True))
        self.assertProblem(cl.get("/api/v1/requests?received_from=2025-02-30"), 400, field="received_from")
        self.assertProblem(cl.get("/api/v1/requests?limit=0"), 400, field="limit")
        csv = cl.get("/api/v1/requests.csv?received_from=2025-06-16")
        self.assertEqual(csv.status, 200)
        text = csv.body.decode("utf-8-sig")
        self.assertIn(later["tracking_no"], text)
        self.assertIn('"答复期限"', text.splitlines()[0])


    def test_csv_lines_and_literal_search(self):
        """The CSV a clerk opens in Excel or WPS (issue 18): a BOM, CRLF lines, Chinese
        headings and values, dates bare so a spreadsheet reads them as dates, 是/否 for
        flags, an empty field for no value, a leading = defused, quotes doubled; with
        ?codes=true the API's field names, codes and true/false for scripts.  q matches
        its text literally, % and _ too."""
        cl = self.c["clerk"]
        odd = self.new(received_on="2025-06-19", submitted_on="2025-06-18",
                       description='=SUM(A1) 编号Z9_%甲 "quoted"').json
        plain = self.new(received_on="2025-06-19", description="编号Z9ab甲").json
        q = urllib.parse.quote("Z9_%")
        self.assertEqual([r["id"] for r in cl.get("/api/v1/requests?q=" + q).json["requests"]], [odd["id"]])
        self.assertEqual(sorted(r["id"] for r in cl.get("/api/v1/requests?q=Z9").json["requests"]),
                         sorted([odd["id"], plain["id"]]))
        self.assertEqual([r["id"] for b in ("overdue", "due_soon", "later")
                          for r in cl.get("/api/v1/queue?q=" + q).json[b]], [odd["id"]])
        r = cl.get("/api/v1/requests.csv?q=" + q)
        self.assertEqual(r.status, 200)
        self.assertTrue(r.body.startswith(b"\xef\xbb\xbf"), "a BOM for Excel")
        lines = r.body.decode("utf-8-sig").split("\r\n")
        self.assertEqual(lines[2:], [""], "one request, CRLF line ends")

        def f(v):
            return "" if v is None else '"' + v.replace('"', '""') + '"'
        self.assertEqual(lines[0], ",".join(f(t) for t in (
            "编号", "机关", "收到申请日期", "提交日期", "确认日期", "申请方式", "适用条例", "申请人类型",
            "申请人", "申请内容", "状态", "答复期限", "答复期限为暂定", "补正告知期限", "其他期限", "办结日期",
            "办理结果", "逾期答复", "已延期")))
        self.assertEqual(lines[1], ",".join([
            f(odd["tracking_no"]), f("甲街道办事处"), "2025-06-19", "2025-06-18", "", f("当面提交"),
            f("2019年修订的条例"), f("自然人"), f("张三"), f("'" + odd["description"]), f("办理中"),
            odd["due_on"], f("否"), odd["correction_notice_due"], odd["next_subdeadline"] or "", "", "",
            f("否"), f("否")]))
        # for scripts: the field names and the codes
        r = cl.get("/api/v1/requests.csv?codes=true&q=" + q)
        lines = r.body.decode("utf-8-sig").split("\r\n")
        self.assertEqual(lines[0], ",".join(f(t) for t in (
            "tracking_no", "body", "received_on", "submitted_on", "confirmed_on", "channel", "regime",
            "applicant_kind", "applicant_name", "description", "status", "due_on", "provisional_deadline",
            "correction_notice_due", "next_subdeadline", "closed_on", "outcome", "replied_late",
            "extension_used")))
        self.assertEqual(lines[1], ",".join([
            f(odd["tracking_no"]), f("甲街道办事处"), "2025-06-19", "2025-06-18", "", f("in_person"),
            f("2019"), f("natural_person"), f("张三"), f("'" + odd["description"]), f("registered"),
            odd["due_on"], f("false"), odd["correction_notice_due"], odd["next_subdeadline"] or "", "", "",
            f("false"), f("false")]))
        self.assertProblem(cl.get("/api/v1/requests.csv?codes=yes"), 400, field="codes")
        # the booleans of lists are true or false, as the API writes them
        for path, field in (("/api/v1/requests?subtree=1", "subtree"), ("/api/v1/requests?overdue=0", "overdue"),
                            ("/api/v1/queue?closed=1", "closed")):
            self.assertProblem(cl.get(path), 400, "invalid_input", field=field)

    def test_csv_closed_request_in_words(self):
        """A closed request's outcome and flags in the clerk's words; its name for the download
        is 「申请台账-<today>.csv」 by RFC 6266 (filename*), an ASCII name beside it."""
        req = self.new(received_on="2025-03-03", description="仅供台账测试的申请Q7").json
        self.event(req["id"], {"type": "replied", "on": "2025-04-30", "outcome": "not_held_not_exist"},
                   client=self.c["handler"])
        r = self.c["clerk"].get("/api/v1/requests.csv?q=" + urllib.parse.quote("台账测试的申请Q7"))
        self.assertEqual(r.header("Content-Disposition"),
                         "attachment; filename=\"requests-2025-06-20.csv\"; filename*=UTF-8''"
                         + urllib.parse.quote("申请台账-2025-06-20.csv"))
        row = r.body.decode("utf-8-sig").split("\r\n")[1]
        self.assertIn('"已办结"', row)
        self.assertIn('"无法提供：本机关不掌握相关政府信息"', row)
        self.assertIn(',2025-03-31,', row, "the due date, bare")
        self.assertTrue(row.endswith(',2025-04-30,"无法提供：本机关不掌握相关政府信息","是","否"'), row)
        self.assertNotIn("not_held_not_exist", row)

if __name__ == "__main__":
    main()
