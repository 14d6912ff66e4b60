"""The public channel (issue 15) as an attacker meets it, over real HTTP and PostgreSQL: the proof
of work (a challenge replayed, expired, forged with another difficulty, made up, missing; a
wrong nonce), bodies too large and fields too long, fields that are not the form's and markup in
every text (stored and answered literally), a body that does not take online applications, the
rate limits per address and per identity number (429 problem+json with Retry-After; 100
submissions from one address store 5; 10 000 in test_public_flood.py), lookups by guessing (a wrong code answers byte for byte
as a made-up number; 10 wrong codes lock the number), the staff side (the list with the
identity number masked, confirm → 201 with the request registered online and received on the day
of confirmation, confirmed twice → 409, decline with the reason the applicant sees, another
body's clerk 404, an auditor 403), online 补正 (the applicant's answer while a correction is asked;
staff list it, confirm it as correction_received — the due date equal to a paper correction's —
or return it with a reason the applicant reads and may answer again; twice → 409, a request no
longer awaiting the correction → 409, another body's clerk 404, markup kept literally, the audit
log), --public-listen serving nothing but the public channel, the
personal data of every submission absent from ogid's log, and no 5xx at all."""
import datetime
import hashlib
import hmac
import base64
import os
import re
import socket
import time
import unittest

from ogitest import Client, Ogid, OgidTestCase, ogictl, psql, main

PW = "a good long password"
BITS = 8


def resident_id(seq, birth="19900101", region="110105"):
    """A 居民身份证 number with its GB 11643 check digit (ISO 7064 MOD 11-2)."""
    body = f"{region}{birth}{seq % 1000:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(body, weights))
    return body + "10X98765432"[total % 11]


def solve(challenge, bits):
    """The nonce whose SHA-256(challenge ‖ decimal nonce) has `bits` leading zero bits."""
    nonce = 0
    while True:
        d = hashlib.sha256((challenge + str(nonce)).encode()).digest()
        if int.from_bytes(d, "big") >> (256 - bits) == 0:
            return nonce
        nonce += 1


def leading_zeros(challenge, nonce):
    d = int.from_bytes(hashlib.sha256((challenge + str(nonce)).encode()).digest(), "big")
    return 256 - d.bit_length()


class Public(OgidTestCase):
    ogid_env = {"OGI_POW_BITS": str(BITS)}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.street = int(ogictl(cls.dbname, "body", "add", "马山街道办事处", "--parent", "1", "--code", "MS").stdout)
        cls.other = int(ogictl(cls.dbname, "body", "add", "乙街道办事处", "--parent", "1", "--code", "YI").stdout)
        cls.closed = int(ogictl(cls.dbname, "body", "add", "丙街道办事处", "--parent", "1").stdout)
        for body in (cls.street, cls.other):
            b = cls.admin.get(f"/api/v1/bodies/{body}").json
            r = cls.admin.put(f"/api/v1/bodies/{body}", {"name": b["name"], "accepts_online": True},
                              headers={"If-Match": f'"{b["version"]}"'})
            assert r.status == 200 and r.json["accepts_online"] is True, r
        cls.c = {}
        for name, role, body in (("clerk", "clerk", cls.street), ("auditor", "auditor", cls.street),
                                 ("otherclerk", "clerk", cls.other)):
            ogictl(cls.dbname, "user", "add", name, "--role", role, "--body", str(body), "--password-stdin",
                   input=PW + "\n")
            cl = cls.ogid.client()
            cl.login(name, PW)
            cls.c[name] = cl
        cls.seq = 0
        cls.source_n = 10
        cls.submitted = []  # (name, id_number, phone) of every stored submission

    # -- helpers --------------------------------------------------------------------------------

    def source(self):
        """A loopback address of its own: each test's submissions have their own budget."""
        type(self).source_n += 1
        return f"127.0.{type(self).source_n // 250}.{type(self).source_n % 250 + 2}"

    def public(self, source=None):
        return self.ogid.client(source=source or self.source())

    def application(self, body=None, **applicant):
        type(self).seq += 1
        a = {"kind": "natural_person", "name": f"申请人{self.seq}", "id_type": "resident_id_card",
             "id_number": resident_id(self.seq), "phone": f"139{self.seq:08d}"}
        a.update(applicant)
        return {"body_id": body or self.street, "applicant": a,
                "information": {"title": "老旧小区改造招标文件", "ref": "马办发〔2023〕5号",
                                "description": "2023年本街道老旧小区改造项目的招标文件"},
                "form": {"medium": "electronic", "delivery": "online"}, "declaration": True}

    def challenge(self, cl):
        r = cl.get("/api/v1/public/challenge")
        self.assertEqual(r.status, 200, r)
        return r.json

    def submit(self, cl, app=None, status=201, pow=None):
        app = app or self.application()
        if pow is None:
            ch = self.challenge(cl)
            pow = {"challenge": ch["challenge"], "nonce": solve(ch["challenge"], ch["bits"])}
        r = cl.post("/api/v1/public/applications", {**app, "pow": pow})
        if status is not None:
            self.assertEqual(r.status, status, r)
        if r.status == 201:
            a = app["applicant"]
            type(self).submitted.append((a["name"], a["id_number"], a["phone"]))
        return r

    def server_key(self):
        return bytes.fromhex(psql("SELECT encode(key, 'hex') FROM server_keys WHERE name = 'public'",
                                  self.dbname))

    def signed(self, expires, bits, key=None):
        """A challenge of ogid's form, signed with key (the server's unless given)."""
        rnd = base64.urlsafe_b64encode(os.urandom(16)).rstrip(b"=").decode()
        text = f"v1.{expires}.{bits}.{rnd}"
        mac = hmac.new(key or self.server_key(), b"ogi-pow-v1" + text.encode(), hashlib.sha256).digest()
        return text + "." + base64.urlsafe_b64encode(mac).rstrip(b"=").decode()

    # -- the proof of work ------------------------------------------------------------------------

    def test_challenge(self):
        cl = self.public()
        ch = self.challenge(cl)
        self.assertEqual(ch["bits"], BITS)
        self.assertRegex(ch["challenge"], r"^v1\.\d{10}\.8\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$")
        expires = datetime.datetime.fromisoformat(ch["expires_at"].replace("Z", "+00:00"))
        left = (expires - datetime.datetime.now(datetime.timezone.utc)).total_seconds()
        self.assertTrue(500 < left <= 601, left)
        self.assertNotEqual(ch["challenge"], self.challenge(cl)["challenge"], "random each time")
        r = cl.get("/api/v1/public/challenge")
        self.assertEqual(r.header("Cache-Control"), "no-store")
        self.assertSecurityHeaders(r)

    def test_replayed_challenge(self):
        cl = self.public()
        ch = self.challenge(cl)
        pow = {"challenge": ch["challenge"], "nonce": solve(ch["challenge"], BITS)}
        self.submit(cl, pow=pow)
        r = self.submit(cl, pow=pow, status=400)
        self.assertProblem(r, 400, "pow_replayed")
        # from another address, for another applicant: still spent
        r = self.submit(self.public(), pow=pow, status=400)
        self.assertProblem(r, 400, "pow_replayed")

    def test_expired_challenge(self):
        cl = self.public()
        ch = self.signed(int(time.time()) - 5, BITS)
        r = self.submit(cl, pow={"challenge": ch, "nonce": solve(ch, BITS)}, status=400)
        self.assertProblem(r, 400, "pow_expired")

    def test_forged_challenges(self):
        cl = self.public()
        ch = self.challenge(cl)["challenge"]
        easier = re.sub(r"^v1\.(\d+)\.8\.", r"v1.\1.0.", ch)  # difficulty 0 under the old MAC
        later = re.sub(r"^v1\.(\d+)\.", lambda m: f"v1.{int(m.group(1)) + 86400}.", ch)
        other_key = self.signed(int(time.time()) + 600, 0, key=b"k" * 32)
        for forged in (easier, later, other_key, "v1.9999999999.0.x.y", "", "a" * 95, ch[:-1], ch + "A"):
            with self.subTest(forged=forged[:40]):
                r = self.submit(cl, pow={"challenge": forged, "nonce": 0}, status=400)
                self.assertIn(r.json["code"], ("pow_invalid", "invalid_input"), r)
        # the server's own key, but a difficulty of 0: signed by us, so honoured (the key is the secret)
        own = self.signed(int(time.time()) + 600, 0)
        self.submit(cl, pow={"challenge": own, "nonce": 0})

    def test_wrong_nonce_and_missing_pow(self):
        cl = self.public()
        ch = self.challenge(cl)["challenge"]
        bad = next(n for n in range(1000) if leading_zeros(ch, n) < BITS)
        r = self.submit(cl, pow={"challenge": ch, "nonce": bad}, status=400)
        self.assertProblem(r, 400, "pow_unsolved")
        for pow in ({"challenge": ch}, {"nonce": 1}, {"challenge": ch, "nonce": -1},
                    {"challenge": ch, "nonce": "12"}, {"challenge": ch, "nonce": 2 ** 53},
                    {"challenge": ch, "nonce": 1.5}):
            with self.subTest(pow=pow):
                r = self.submit(cl, pow=pow, status=400)
                self.assertProblem(r, 400, "invalid_input")
        app = self.application()
        r = cl.post("/api/v1/public/applications", app)  # no pow at all
        self.assertProblem(r, 400, "invalid_input", "pow")

    # -- the form's input -------------------------------------------------------------------------

    def test_sizes(self):
        cl = self.public()
        s = socket.create_connection(("127.0.0.1", self.ogid.port), timeout=10)
        s.sendall(b"POST /api/v1/public/applications HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 10485760\r\n\r\n{\"body_id\":")
        data = s.recv(4096)
        s.close()
        self.assertTrue(data.startswith(b"HTTP/1.1 413"), data[:80])
        self.assertIn(b"body_too_large", data)
        for obj, field, n in (("applicant", "name", 101), ("applicant", "address", 201),
                              ("information", "description", 2001), ("information", "title", 201)):
            with self.subTest(field=field):
                app = self.application()
                app[obj][field] = "长" * n
                r = self.submit(cl, app, status=400, pow={"challenge": "x", "nonce": 0})
                self.assertProblem(r, 400, "invalid_input", f"{obj}.{field}")

    def test_field_injection(self):
        cl = self.public()
        pow = {"challenge": "x", "nonce": 0}
        for path, value, field, code in (
                ((None, "state"), "confirmed", "state", "unknown_field"),
                ((None, "request_id"), 1, "request_id", "unknown_field"),
                (("applicant", "role"), "admin", "applicant.role", "unknown_field"),
                (("applicant", "name"), "张三\n已确认", "applicant.name", "control_character"),
                (("applicant", "id_number"), "110105199001010011", "applicant.id_number", "check_digit"),
                (("applicant", "id_type"), "uscc", "applicant.id_type", "person_document"),
                (("applicant", "postcode"), "1000';", "applicant.postcode", "format"),
                ((None, "declaration"), False, "declaration", "required"),
                ((None, "body_id"), "1 OR 1=1", "body_id", "type")):
            with self.subTest(field=field):
                app = self.application()
                (app[path[0]] if path[0] else app)[path[1]] = value
                r = self.submit(cl, app, status=400, pow=pow)
                p = self.assertProblem(r, 400, "invalid_input", field)
                self.assertIn(code, [e["code"] for e in p["errors"]], p)
        # the organisation's GB 32100 code, checked on the server as in the browser
        app = self.application(kind="commercial_enterprise", id_type="uscc", id_number="91110000600037341M")
        r = self.submit(cl, app, status=400, pow=pow)
        self.assertProblem(r, 400, "invalid_input", "applicant.id_number")

    def test_markup_is_kept_literally(self):
        cl = self.public()
        xss = '<img src=x onerror=alert(1)>"\'&'
        app = self.application(name=f"张{xss}", address=f"路{xss}", contact=f"{xss}")
        app["information"] = {"title": xss, "ref": xss, "description": f"<script>alert(1)</script>{xss}"}
        number = self.submit(cl, app).json["number"]
        items = self.c["clerk"].get("/api/v1/online-applications").json["items"]
        row = next(i for i in items if i["number"] == number)
        self.assertEqual(row["applicant"]["name"], f"张{xss}")
        self.assertEqual(row["information"]["description"], f"<script>alert(1)</script>{xss}")

    def test_body_not_open(self):
        cl = self.public()
        self.assertProblem(self.submit(cl, self.application(self.closed), status=400), 400, "online_body_closed")
        self.assertProblem(self.submit(cl, self.application(999999), status=400), 400, "online_body_closed")
        bodies = cl.get("/api/v1/public/bodies").json["items"]
        self.assertEqual(sorted(b["id"] for b in bodies), sorted([self.street, self.other]))
        self.assertEqual(set(bodies[0]), {"id", "name", "address", "phone", "office_hours"})

    # -- rate limits ------------------------------------------------------------------------------

    def test_rate_limit_per_address(self):
        cl = self.public()
        before = int(psql("SELECT count(*) FROM online_applications", self.dbname))
        created = limited = 0
        for _ in range(100):
            r = self.submit(cl, status=None)
            if r.status == 201:
                created += 1
            else:
                p = self.assertProblem(r, 429, "public_rate_limited")
                retry = int(r.header("Retry-After"))
                self.assertTrue(0 < retry <= 3600, retry)
                self.assertTrue(p["title_zh"])
                limited += 1
        self.assertEqual((created, limited), (5, 95))
        self.assertEqual(int(psql("SELECT count(*) FROM online_applications", self.dbname)), before + 5)
        # the throttle keeps keyed hashes, never the address
        self.assertEqual(psql("SELECT count(*) FROM public_throttles WHERE "
                              "encode(key_hash, 'escape') LIKE '%127.0.%'", self.dbname), "0")

    def test_rate_limit_per_identity(self):
        number = resident_id(777)
        codes = [self.submit(self.public(), self.application(id_number=number), status=None).status
                 for _ in range(7)]
        self.assertEqual(codes, [201] * 5 + [429] * 2)

    # -- status lookups ---------------------------------------------------------------------------

    def test_lookup_by_guessing(self):
        cl = self.public()
        got = self.submit(cl).json
        self.assertRegex(got["number"], r"^WS\d{8}[0-9A-Z]{6}$")
        self.assertRegex(got["code"], r"^[2-9A-HJKMNP-Z]{12}$")
        look = self.public()
        r = look.post("/api/v1/public/status", {"number": got["number"], "code": got["code"]})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["status"]["code"], "submitted")
        self.assertEqual(r.json["status"]["label_zh"], "已提交待确认")
        self.assertNotIn(self.submitted[-1][1], r.body.decode(), "never the identity number")
        wrong_code = look.post("/api/v1/public/status", {"number": got["number"], "code": "AAAAAAAAAAAA"})
        no_number = look.post("/api/v1/public/status", {"number": "WS20000101AAAAAA", "code": "AAAAAAAAAAAA"})
        junk = look.post("/api/v1/public/status", {"number": "' OR 1=1 --", "code": "x"})
        for r in (wrong_code, no_number, junk):
            self.assertProblem(r, 404, "status_not_found")
        self.assertEqual(wrong_code.body, no_number.body, "a wrong code answers as a made-up number")
        self.assertEqual(wrong_code.body, junk.body)
        # 9 more wrong codes (10 in all) lock the number: the right code then answers the same 404
        for _ in range(9):
            self.assertEqual(look.post("/api/v1/public/status",
                                       {"number": got["number"], "code": "BBBBBBBBBBBB"}).status, 404)
        r = look.post("/api/v1/public/status", {"number": got["number"], "code": got["code"]})
        self.assertEqual(r.body, no_number.body, "locked for the hour")
        # the 查询码 is stored only as its hash
        self.assertEqual(psql(f"SELECT count(*) FROM online_applications WHERE "
                              f"position('{got['code']}' IN encode(code_hash, 'escape')) > 0", self.dbname), "0")

    def test_lookups_throttled(self):
        look = self.public()
        statuses = [look.post("/api/v1/public/status", {"number": "WS20000101AAAAAA", "code": "x"}).status
                    for _ in range(31)]
        self.assertEqual(statuses, [404] * 30 + [429])

    # -- the staff side ---------------------------------------------------------------------------

    def test_confirm_and_decline(self):
        cl = self.public()
        app = self.application()
        got = self.submit(cl, app).json
        clerk = self.c["clerk"]
        listed = clerk.get("/api/v1/online-applications").json["items"]
        row = next(i for i in listed if i["number"] == got["number"])
        self.assertEqual(row["state"], "pending")
        self.assertEqual(row["applicant"]["id_number"][:3] + "***", app["applicant"]["id_number"][:3] + "***")
        self.assertIn("*", row["applicant"]["id_number"], "masked in the list")
        self.assertGreaterEqual(row["age_seconds"], 0)
        queue = clerk.get("/api/v1/queue").json
        self.assertGreaterEqual(queue["online_pending"]["count"], 1)
        # other body's clerk: not theirs; an auditor: may not confirm
        self.assertProblem(self.c["otherclerk"].post(f"/api/v1/online-applications/{row['id']}/confirm"), 404)
        self.assertProblem(self.c["auditor"].post(f"/api/v1/online-applications/{row['id']}/confirm"), 403)
        self.assertNotIn(got["number"], [i["number"] for i in
                                         self.c["otherclerk"].get("/api/v1/online-applications").json["items"]])
        r = clerk.post(f"/api/v1/online-applications/{row['id']}/confirm")
        self.assertEqual(r.status, 201, r)
        req = r.json
        today = datetime.date.today().isoformat()  # Asia/Shanghai and UTC agree but near midnight
        self.assertEqual(req["channel"], "online")
        self.assertEqual(req["received_on"], req["confirmed_on"])
        self.assertIn(req["received_on"], (today, (datetime.date.today() + datetime.timedelta(days=1)).isoformat()))
        self.assertEqual(req["status"], "registered")
        self.assertTrue(req["due_on"] and req["tracking_no"])
        self.assertIn("2023年本街道老旧小区改造项目的招标文件", req["description"])
        self.assertEqual(r.header("Location"), f"/api/v1/requests/{req['id']}")
        self.assertProblem(clerk.post(f"/api/v1/online-applications/{row['id']}/confirm"), 409, "online_decided")
        s = self.public().post("/api/v1/public/status", {"number": got["number"], "code": got["code"]}).json
        self.assertEqual((s["status"]["code"], s["tracking_no"], s["due_on"], s["received_on"]),
                         ("accepted", req["tracking_no"], req["due_on"], req["received_on"]))
        # a correction asked: the status says 待补正 with the items
        ev = clerk.post(f"/api/v1/requests/{req['id']}/events",
                        {"type": "correction_requested", "on": req["received_on"], "items": "请写明文件的年份"})
        self.assertEqual(ev.status, 201, ev)
        s = self.public().post("/api/v1/public/status", {"number": got["number"], "code": got["code"]}).json
        self.assertEqual(s["status"]["label_zh"], "待补正")
        self.assertEqual(s["correction"]["items"], "请写明文件的年份")

        spam = self.submit(self.public()).json
        sid = next(i["id"] for i in clerk.get("/api/v1/online-applications").json["items"]
                   if i["number"] == spam["number"])
        self.assertProblem(clerk.post(f"/api/v1/online-applications/{sid}/decline", {"reason": "  "}),
                           400, "invalid_input", "reason")
        r = clerk.post(f"/api/v1/online-applications/{sid}/decline", {"reason": "重复提交（已有WS…号申请）"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["state"], "declined")
        self.assertProblem(clerk.post(f"/api/v1/online-applications/{sid}/confirm"), 409, "online_decided")
        s = self.public().post("/api/v1/public/status", {"number": spam["number"], "code": spam["code"]}).json
        self.assertEqual((s["status"]["code"], s["decline_reason"]), ("declined", "重复提交（已有WS…号申请）"))
        declined = clerk.get("/api/v1/online-applications?state=declined").json["items"]
        self.assertIn(spam["number"], [i["number"] for i in declined])

    # -- the letters to download (online delivery) ------------------------------------------------

    def confirmed(self, app=None):
        """A submission confirmed by the clerk: (number, code, request)."""
        got = self.submit(self.public(), app).json
        clerk = self.c["clerk"]
        oid = next(i["id"] for i in clerk.get("/api/v1/online-applications").json["items"]
                   if i["number"] == got["number"])
        r = clerk.post(f"/api/v1/online-applications/{oid}/confirm")
        self.assertEqual(r.status, 201, r)
        return got["number"], got["code"], r.json

    # -- online 补正: the applicant answers a correction on the status page ---------------------

    def test_correction_answer(self):
        number, code, req = self.confirmed()
        look = self.public()
        answer = {"number": number, "code": code, "text": "文件的年份是2023年"}
        # no correction asked yet: refused
        self.assertProblem(look.post("/api/v1/public/correction", answer), 409, "correction_not_asked")
        s = look.post("/api/v1/public/status", {"number": number, "code": code}).json
        self.assertIsNone(s["correction_answer"])
        due = (datetime.date.fromisoformat(req["received_on"]) + datetime.timedelta(days=15)).isoformat()
        ev = self.c["clerk"].post(f"/api/v1/requests/{req['id']}/events",
                                  {"type": "correction_requested", "on": req["received_on"],
                                   "items": "请写明文件的年份", "correction_due": due})
        self.assertEqual(ev.status, 201, ev)
        s = look.post("/api/v1/public/status", {"number": number, "code": code}).json
        self.assertEqual(s["correction"]["due_on"], due)
        # bad input: empty, blanks, oversized (5001 characters)
        for text in ("", "  \n ", "补" * 5001):
            self.assertProblem(look.post("/api/v1/public/correction", {**answer, "text": text}),
                               400, "invalid_input", "text")
        # a wrong code answers exactly as a made-up number
        wrong_code = look.post("/api/v1/public/correction", {**answer, "code": "AAAAAAAAAAAA"})
        no_number = look.post("/api/v1/public/correction", {**answer, "number": "WS20000101AAAAAA"})
        self.assertProblem(wrong_code, 404, "status_not_found")
        self.assertEqual(wrong_code.body, no_number.body)
        # the answer, markup kept literally; a staff cookie adds nothing on the public route
        xss = "<script>alert(1)</script>&lt;b&gt;年份：2023"
        r = self.c["clerk"].post("/api/v1/public/correction", {**answer, "text": "补" * 5000})
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json["state"], "pending")
        self.assertEqual(psql(f"SELECT count(*) FROM online_corrections WHERE request_id = {req['id']}",
                              self.dbname), "1")
        # one pending answer at a time: a second is refused, the first stays as it was
        self.assertProblem(look.post("/api/v1/public/correction", {**answer, "text": xss}), 409,
                           "correction_answer_pending")
        self.assertEqual(psql(f"SELECT length(text), state, received_on = (received_at AT TIME ZONE "
                              f"'Asia/Shanghai')::date FROM online_corrections WHERE request_id = {req['id']}",
                              self.dbname), "5000|pending|t")
        s = look.post("/api/v1/public/status", {"number": number, "code": code}).json
        self.assertEqual(s["status"]["label_zh"], "待补正")
        self.assertEqual((s["correction_answer"]["state"], s["correction_answer"]["received_on"],
                          s["correction_answer"]["reject_reason"]), ("pending", r.json["received_on"], None))
        # an application not yet confirmed asks no correction
        other = self.submit(self.public()).json
        self.assertProblem(self.public().post("/api/v1/public/correction",
                                              {"number": other["number"], "code": other["code"],
                                               "text": "补正"}), 409, "correction_not_asked")

    def test_correction_wrong_codes_lock(self):
        """Wrong codes given with an answer count toward the number's lock as lookups do."""
        number, code, req = self.confirmed()
        look = self.public()
        for _ in range(10):
            self.assertProblem(look.post("/api/v1/public/correction",
                                         {"number": number, "code": "BBBBBBBBBBBB", "text": "补正"}),
                               404, "status_not_found")
        locked = look.post("/api/v1/public/status", {"number": number, "code": code})
        made_up = look.post("/api/v1/public/status", {"number": "WS20000101AAAAAA", "code": code})
        self.assertProblem(locked, 404, "status_not_found")
        self.assertEqual(locked.body, made_up.body, "locked for the hour")

    def asked(self, req, days=15):
        """correction_requested on the request's day of receipt, due days later: the due date."""
        due = (datetime.date.fromisoformat(req["received_on"]) + datetime.timedelta(days=days)).isoformat()
        ev = self.c["clerk"].post(f"/api/v1/requests/{req['id']}/events",
                                  {"type": "correction_requested", "on": req["received_on"],
                                   "items": "请写明文件的年份", "correction_due": due})
        self.assertEqual(ev.status, 201, ev)
        return due

    def answer(self, number, code, text, status=201):
        r = self.public().post("/api/v1/public/correction", {"number": number, "code": code, "text": text})
        self.assertEqual(r.status, status, r)
        return r.json

    def pending_answer(self, clerk, request_id):
        items = clerk.get(f"/api/v1/online-corrections?request_id={request_id}").json["items"]
        self.assertEqual(len(items), 1, items)
        return items[0]

    def test_correction_confirm(self):
        """answer → staff list → confirm: correction_received on the day it arrived, the clock
        restarted as for a paper correction, the status back to 办理中; twice → 409."""
        number, code, req = self.confirmed()
        self.asked(req)
        clerk, other, auditor = self.c["clerk"], self.c["otherclerk"], self.c["auditor"]
        xss = "<script>alert(1)</script><img src=x onerror=alert(2)>&amp; 年份：2023"
        sent = self.answer(number, code, xss)
        # the staff list: the text literally, the request and its tracking number, when it came
        row = self.pending_answer(clerk, req["id"])
        self.assertEqual((row["id"], row["text"], row["request_id"], row["tracking_no"], row["state"],
                          row["received_on"], row["online_number"], row["reject_reason"]),
                         (sent["id"], xss, req["id"], req["tracking_no"], "pending", sent["received_on"],
                          number, None))
        self.assertTrue(row["received_at"])
        self.assertIn(sent["id"], [i["id"] for i in clerk.get("/api/v1/online-corrections").json["items"]])
        self.assertIn(sent["id"], [i["id"] for i in auditor.get("/api/v1/online-corrections").json["items"]])
        self.assertNotIn(sent["id"], [i["id"] for i in
                                      clerk.get("/api/v1/online-corrections?state=confirmed").json["items"]])
        self.assertProblem(clerk.get("/api/v1/online-corrections?state=maybe"), 400, "invalid_input", "state")
        queue = clerk.get("/api/v1/queue").json["online_corrections_pending"]
        self.assertGreaterEqual(queue["count"], 1)
        self.assertIsNotNone(queue["oldest_request_id"])
        # another body's clerk neither sees it nor handles it; an auditor may not
        self.assertNotIn(sent["id"], [i["id"] for i in other.get("/api/v1/online-corrections").json["items"]])
        self.assertEqual(other.get("/api/v1/queue").json["online_corrections_pending"]["count"], 0)
        self.assertProblem(other.post(f"/api/v1/online-corrections/{sent['id']}/confirm", {}), 404, "not_found")
        self.assertProblem(other.post(f"/api/v1/online-corrections/{sent['id']}/reject", {"reason": "不对"}),
                           404, "not_found")
        self.assertProblem(auditor.post(f"/api/v1/online-corrections/{sent['id']}/confirm", {}), 403)
        self.assertProblem(clerk.post("/api/v1/online-corrections/999999/confirm", {}), 404, "not_found")
        # the clerk's date: not before the answer came, not in the future
        day = datetime.date.fromisoformat(sent["received_on"])
        for bad in (day - datetime.timedelta(days=1), day + datetime.timedelta(days=2)):
            self.assertProblem(clerk.post(f"/api/v1/online-corrections/{sent['id']}/confirm",
                                          {"received_on": bad.isoformat()}), 400, "invalid_input", "received_on")
        self.assertEqual(self.pending_answer(clerk, req["id"])["state"], "pending", "nothing recorded")
        # a paper correction received the same day on a twin request: the due date to expect
        _, _, twin = self.confirmed()
        self.asked(twin)
        paper = clerk.post(f"/api/v1/requests/{twin['id']}/events",
                           {"type": "correction_received", "on": sent["received_on"]})
        self.assertEqual(paper.status, 201, paper)
        before = clerk.get(f"/api/v1/requests/{req['id']}").json
        self.assertEqual(before["status"], "awaiting_correction")
        r = clerk.post(f"/api/v1/online-corrections/{sent['id']}/confirm", {})
        self.assertEqual(r.status, 200, r)
        got, after = r.json["correction"], r.json["request"]
        self.assertEqual((got["state"], got["handled_by"], got["text"]), ("confirmed", "clerk", xss))
        self.assertIsNotNone(got["event_id"])
        self.assertEqual(after["status"], "registered")
        self.assertEqual(after["due_on"], paper.json["due_on"], "the clock restarts as on paper")
        self.assertEqual(after["version"], before["version"] + 1)
        events = clerk.get(f"/api/v1/requests/{req['id']}/events").json["events"]
        received = [e for e in events if e["type"] == "correction_received"]
        self.assertEqual([(e["id"], e["on"]) for e in received], [(got["event_id"], sent["received_on"])])
        # twice: 409, nothing more recorded; nor may it be returned now
        self.assertProblem(clerk.post(f"/api/v1/online-corrections/{sent['id']}/confirm", {}), 409,
                           "correction_answer_handled")
        self.assertProblem(clerk.post(f"/api/v1/online-corrections/{sent['id']}/reject", {"reason": "不对"}),
                           409, "correction_answer_handled")
        self.assertEqual(clerk.get(f"/api/v1/requests/{req['id']}").json["version"], after["version"])
        self.assertEqual(clerk.get("/api/v1/online-corrections?state=confirmed&request_id="
                                   f"{req['id']}").json["items"][0]["id"], sent["id"])
        # the applicant's status: 办理中 again, the answer confirmed; no second answer taken
        s = self.public().post("/api/v1/public/status", {"number": number, "code": code}).json
        self.assertEqual(s["status"]["code"], "in_progress")
        self.assertEqual(s["due_on"], after["due_on"])
        self.assertEqual(s["correction_answer"]["state"], "confirmed")
        self.answer(number, code, "再补充一点", status=409)
        # the audit log names the clerk
        self.assertEqual(psql("SELECT a.action || '|' || (a.new_value->>'event_id') || '|' || "
                              "(a.body_id = r.body_id)::text FROM audit_log a JOIN requests r "
                              f"ON r.id = {req['id']} WHERE a.entity = 'online_correction' "
                              f"AND a.entity_id = '{sent['id']}'", self.dbname),
                         f"confirm|{got['event_id']}|true")

    def test_correction_reject(self):
        """reject → the applicant sees the reason and answers again; a request no longer awaiting
        the correction → 409 on confirm."""
        number, code, req = self.confirmed()
        self.asked(req)
        clerk = self.c["clerk"]
        first = self.answer(number, code, "不知道")
        self.assertProblem(clerk.post(f"/api/v1/online-corrections/{first['id']}/reject", {"reason": " \n"}),
                           400, "invalid_input", "reason")
        self.assertProblem(clerk.post(f"/api/v1/online-corrections/{first['id']}/reject", {}),
                           400, "invalid_input", "reason")
        reason = "<b>未写明</b>文件的年份 & 名称"
        r = clerk.post(f"/api/v1/online-corrections/{first['id']}/reject", {"reason": reason})
        self.assertEqual(r.status, 200, r)
        self.assertEqual((r.json["state"], r.json["reject_reason"], r.json["event_id"]),
                         ("rejected", reason, None))
        self.assertEqual(clerk.get(f"/api/v1/requests/{req['id']}").json["status"], "awaiting_correction")
        self.assertProblem(clerk.post(f"/api/v1/online-corrections/{first['id']}/confirm", {}), 409,
                           "correction_answer_handled")
        s = self.public().post("/api/v1/public/status", {"number": number, "code": code}).json
        self.assertEqual(s["status"]["label_zh"], "待补正")
        self.assertEqual((s["correction_answer"]["state"], s["correction_answer"]["reject_reason"]),
                         ("rejected", reason))
        self.assertEqual(psql(f"SELECT action FROM audit_log WHERE entity = 'online_correction' "
                              f"AND entity_id = '{first['id']}'", self.dbname), "reject")
        # a new answer while the correction is still asked
        second = self.answer(number, code, "文件是2023年的")
        self.assertEqual(self.pending_answer(clerk, req["id"])["id"], second["id"])
        s = self.public().post("/api/v1/public/status", {"number": number, "code": code}).json
        self.assertEqual((s["correction_answer"]["state"], s["correction_answer"]["reject_reason"]),
                         ("pending", None))
        # the correction received on paper meanwhile: the online answer can no longer be confirmed
        paper = clerk.post(f"/api/v1/requests/{req['id']}/events",
                           {"type": "correction_received", "on": req["received_on"]})
        self.assertEqual(paper.status, 201, paper)
        self.assertProblem(clerk.post(f"/api/v1/online-corrections/{second['id']}/confirm", {}), 409,
                           "correction_not_requested")
        self.assertEqual(self.pending_answer(clerk, req["id"])["state"], "pending")
        # but it can be returned (it leaves the queue)
        r = clerk.post(f"/api/v1/online-corrections/{second['id']}/reject", {"reason": "已收到纸质补正"})
        self.assertEqual(r.status, 200, r)

    def issued_receipt(self, rid):
        d = self.admin.post(f"/api/v1/requests/{rid}/letters", {"kind": "receipt"})
        self.assertEqual(d.status, 201, d)
        r = self.admin.post(f"/api/v1/requests/{rid}/letters/{d.json['id']}/issue")
        self.assertEqual(r.status, 200, r)
        return r.json

    def test_letters_to_download(self):
        number, code, req = self.confirmed()
        look = self.public()
        s = look.post("/api/v1/public/status", {"number": number, "code": code}).json
        self.assertEqual((s["online_delivery"], s["letters"]), (True, []))
        draft = self.admin.post(f"/api/v1/requests/{req['id']}/letters", {"kind": "receipt"}).json
        letter = self.issued_receipt(req["id"])
        s = look.post("/api/v1/public/status", {"number": number, "code": code}).json
        self.assertEqual([(x["id"], x["kind"], x["ref"]) for x in s["letters"]],
                         [(letter["id"], "receipt", letter["ref"])], "the issued letter, not the draft")
        # refused: a wrong code (as for no such number), a draft, another request's letter
        self.assertProblem(look.post("/api/v1/public/letter", {"number": number, "code": "AAAAAAAAAAAA",
                                                                "letter_id": letter["id"]}), 404, "status_not_found")
        self.assertProblem(look.post("/api/v1/public/letter", {"number": number, "code": code,
                                                                "letter_id": draft["id"]}), 404,
                           "public_letter_not_found")
        n2, c2, req2 = self.confirmed()
        theirs = self.issued_receipt(req2["id"])
        self.assertProblem(look.post("/api/v1/public/letter", {"number": number, "code": code,
                                                                "letter_id": theirs["id"]}), 404,
                           "public_letter_not_found")
        self.assertProblem(look.post("/api/v1/public/letter", {"number": number, "code": code,
                                                                "letter_id": "1"}), 400, "invalid_input", "letter_id")
        served = f"SELECT count(*) FROM letter_deliveries WHERE letter_id = {letter['id']}"
        self.assertEqual(psql(served, self.dbname), "0", "refusals serve nothing")
        # the download: the PDF, and the first one is the letter's service that day
        r = look.post("/api/v1/public/letter", {"number": number, "code": code, "letter_id": letter["id"]})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.header("Content-Type"), "application/pdf")
        self.assertTrue(r.body.startswith(b"%PDF-"))
        got = self.admin.get(f"/api/v1/requests/{req['id']}/letters/{letter['id']}").json
        self.assertEqual([(d["method"], d["served_on"]) for d in got["deliveries"]],
                         [("online", got["deliveries"][0]["sent_on"])])
        events = self.admin.get(f"/api/v1/requests/{req['id']}/events").json["events"]
        served_ev = [e for e in events if e["type"] == "letter_served"]
        self.assertEqual(len(served_ev), 1, events)
        self.assertEqual(served_ev[0]["payload"]["letter_id"], letter["id"])
        self.assertEqual(served_ev[0]["payload"]["method"], "online")
        again = look.post("/api/v1/public/letter", {"number": number, "code": code, "letter_id": letter["id"]})
        self.assertEqual(again.body, r.body)
        self.assertEqual(psql(served, self.dbname), "1", "a later download serves nothing more")
        self.assertEqual(psql(f"SELECT count(*) FROM letter_deliveries WHERE letter_id = {theirs['id']}",
                              self.dbname), "0", "never another request's letter")
        # picked up at the office: no letter to download
        app = self.application()
        app["form"] = {"medium": "paper", "delivery": "pickup"}
        n3, c3, req3 = self.confirmed(app)
        posted = self.issued_receipt(req3["id"])
        s = look.post("/api/v1/public/status", {"number": n3, "code": c3}).json
        self.assertEqual((s["online_delivery"], s["letters"]), (False, []))
        self.assertProblem(look.post("/api/v1/public/letter", {"number": n3, "code": c3, "letter_id": posted["id"]}),
                           404, "public_letter_not_found")

    def test_letter_downloads_throttled(self):
        look = self.public()
        statuses = [look.post("/api/v1/public/letter", {"number": "WS20000101AAAAAA", "code": "x",
                                                        "letter_id": 1}).status for _ in range(31)]
        self.assertEqual(statuses, [404] * 30 + [429], "counted with the lookups")

    def test_public_routes_ignore_staff_cookie(self):
        """A staff cookie gives the public routes nothing: they never load a session."""
        clerk = self.c["clerk"]
        r = clerk.post("/api/v1/public/applications", {**self.application(), "pow": {"challenge": "x", "nonce": 0}})
        self.assertProblem(r, 400, "pow_invalid")
        anon = self.public()
        self.assertProblem(anon.get("/api/v1/online-applications"), 401)

    # -- last: nothing personal in the log --------------------------------------------------------

    def test_zz_no_personal_data_in_log(self):
        self.assertTrue(self.submitted)
        with open(self.ogid.log_path, "rb") as f:
            log = f.read().decode("utf-8", "replace")
        self.assertIn("/api/v1/public/applications", log)
        for name, id_number, phone in self.submitted:
            self.assertNotIn(id_number, log)
            self.assertNotIn(phone, log)
            self.assertNotIn(name, log)
        self.assertNotRegex(log, r"\s5\d\d\s\d+us", "no 5xx answered")

    def test_zz_no_personal_number_at_rest(self):
        """Issue 19, what must work 5: the online applications, and the requests confirmed from
        them, hold the identity and phone numbers sealed, not in plaintext."""
        self.assertTrue(self.submitted)
        rows = psql("SELECT o::text FROM online_applications o", self.dbname) + \
            psql("SELECT r::text FROM requests r", self.dbname)
        self.assertIn("ogi1:", rows)
        self.assertEqual(psql("SELECT count(*) FROM online_applications WHERE applicant_id_number "
                              "NOT LIKE 'ogi1:%' OR applicant_phone NOT LIKE 'ogi1:%'", self.dbname), "0")
        for name, id_number, phone in self.submitted:
            self.assertNotIn(id_number, rows)
            self.assertNotIn(phone, rows)


class PublicListen(OgidTestCase):
    """--public-listen: a second address with the public channel and nothing else."""
    ogid_env = {"OGI_POW_BITS": "4"}
    ogid_args = ("--public-listen", "127.0.0.1:0")

    def public_port(self):
        for _ in range(100):
            with open(self.ogid.log_path, "rb") as f:
                m = re.search(rb"public channel only on http://127\.0\.0\.1:(\d+)/apply/", f.read())
            if m:
                return int(m.group(1))
            time.sleep(0.05)
        self.fail("no public address in the log")

    def test_only_the_public_channel(self):
        port = self.public_port()
        pub = Client(port)
        self.assertEqual(pub.get("/api/v1/public/challenge").status, 200)
        self.assertEqual(pub.get("/api/v1/public/bodies").status, 200)
        r = pub.get("/apply/")
        self.assertEqual(r.status, 200)
        self.assertIn("text/html", r.header("Content-Type"))
        self.assertSecurityHeaders(r)
        self.assertEqual(pub.get("/apply/status").status, 200)
        script = re.search(rb'src="(/v/[0-9a-f]+/apply/apply\.js)"', r.body)
        self.assertTrue(script, r.body[:400])
        self.assertEqual(pub.get(script.group(1).decode()).status, 200)
        # the staff client and every staff route: unknown here, even with a staff cookie (these
        # 404s are the public address's, not the API's: not for the contract test)
        pub.cookie = self.admin.cookie
        os.environ["OGI_CONTRACT_RECORD"] = "0"
        self.addCleanup(os.environ.pop, "OGI_CONTRACT_RECORD", None)
        for method, path in (("GET", "/"), ("GET", "/index.html"), ("GET", "/js/app.js"),
                             ("POST", "/api/v1/session"), ("GET", "/api/v1/session"),
                             ("GET", "/api/v1/requests"), ("GET", "/api/v1/online-applications"),
                             ("POST", "/api/v1/online-applications/1/confirm"), ("GET", "/healthz"),
                             ("GET", "/metrics"), ("GET", "/api/v1/openapi.yaml")):
            with self.subTest(path=path):
                r = pub.request(method, path, body={} if method == "POST" else None)
                self.assertEqual(r.status, 404, r)
        # the staff address still serves both
        self.assertEqual(self.admin.get("/api/v1/requests").status, 200)
        self.assertEqual(self.admin.get("/api/v1/public/challenge").status, 200)


class PlatformImport(OgidTestCase):
    """POST /api/v1/requests/import: a platform's day of applications, idempotently."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.street = int(ogictl(cls.dbname, "body", "add", "马山街道办事处", "--parent", "1", "--code", "MS").stdout)
        cls.other = int(ogictl(cls.dbname, "body", "add", "乙街道办事处", "--parent", "1", "--code", "YI").stdout)
        ogictl(cls.dbname, "user", "add", "platform", "--role", "clerk", "--body", str(cls.street), "--password-stdin",
               input=PW + "\n")
        cls.token = ogictl(cls.dbname, "token", "create", "platform").stdout.split()[-1]
        ogictl(cls.dbname, "user", "add", "reader", "--role", "auditor", "--body", str(cls.street), "--password-stdin",
               input=PW + "\n")
        cls.reader = ogictl(cls.dbname, "token", "create", "reader").stdout.split()[-1]

    def row(self, pid, **over):
        r = {"platform_id": pid, "body_id": self.street, "submitted_on": "2025-06-03", "confirmed_on": "2025-06-04",
             "applicant": {"kind": "natural_person", "name": "王五", "id_type": "resident_id_card",
                           "id_number": resident_id(int(pid[-3:])), "phone": "13900000000"},
             "description": "2024年本街道财政预算执行情况", "form": {"medium": "electronic", "delivery": "email"}}
        r.update(over)
        return r

    def test_batch_idempotent(self):
        cl = self.ogid.client(token=self.token)
        rows = [self.row("PT-001"), self.row("PT-002"),
                self.row("PT-003", applicant={"kind": "natural_person", "name": "赵六", "id_type": "resident_id_card",
                                              "id_number": "110105199001010011"}),
                self.row("PT-004", body_id=self.other),
                self.row("PT-005", confirmed_on="2025-06-01")]
        r = cl.post("/api/v1/requests/import", {"platform": "平湛市政府信息公开平台", "applications": rows})
        self.assertEqual(r.status, 200, r)
        got = r.json
        self.assertEqual(got["counts"], {"created": 2, "exists": 0, "refused": 3})
        res = got["results"]
        self.assertEqual([x["result"] for x in res], ["created", "created", "refused", "refused", "refused"])
        self.assertIn("applicant.id_number", [e["field"] for e in res[2]["errors"]])
        self.assertIn("body_id", [e["field"] for e in res[3]["errors"]])
        self.assertIn("submitted_on", [e["field"] for e in res[4]["errors"]], "submitted after confirmation")
        req = cl.get(f"/api/v1/requests/{res[0]['request_id']}").json
        self.assertEqual((req["channel"], req["received_on"], req["submitted_on"], req["confirmed_on"]),
                         ("online", "2025-06-04", "2025-06-03", "2025-06-04"))
        # the same batch again: nothing new
        before = psql("SELECT count(*) FROM requests", self.dbname)
        again = cl.post("/api/v1/requests/import", {"platform": "平湛市政府信息公开平台", "applications": rows}).json
        self.assertEqual(again["counts"], {"created": 0, "exists": 2, "refused": 3})
        self.assertEqual([x.get("request_id") for x in again["results"][:2]], [x["request_id"] for x in res[:2]])
        self.assertEqual(psql("SELECT count(*) FROM requests", self.dbname), before)
        # another platform's id of the same text is another application
        other = cl.post("/api/v1/requests/import", {"platform": "另一平台", "applications": [self.row("PT-001")]}).json
        self.assertEqual(other["counts"]["created"], 1)

    def test_batch_refused(self):
        cl = self.ogid.client(token=self.token)
        self.assertProblem(cl.post("/api/v1/requests/import", {"platform": "p", "applications": []}), 400,
                           "invalid_input", "applications")
        self.assertProblem(cl.post("/api/v1/requests/import", {"platform": "p", "applications": [{}] * 501}), 400,
                           "invalid_input", "applications")
        self.assertProblem(cl.post("/api/v1/requests/import", {"applications": [self.row("PT-009")]}), 400,
                           "invalid_input", "platform")
        reader = self.ogid.client(token=self.reader)
        self.assertProblem(reader.post("/api/v1/requests/import", {"platform": "p", "applications": [self.row("PT-010")]}),
                           403)


if __name__ == "__main__":
    main()
