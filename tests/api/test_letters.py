"""Letters (文书) and their service (送达) over real HTTP and PostgreSQL
(issue 13 items 3–7): a reply drafted, edited, issued, voided and issued
anew; the gap-free 文号 under 20 concurrent issues; the database refusing
any change of an issued letter, even as the tables' owner; the stored PDF
read by pdftotext (the 文号, the applicant) and the DOCX opened by
python-docx; markup in an edited paragraph printed literally; the 409s of
letters that make no sense yet, 400 for an unknown kind, 404 for another
body's request, 403 for a clerk issuing; deliveries on a closed request,
and the legal date of the reply letter's service (国办公开办函〔2016〕235号)
moving replied_late and the remedy windows."""
import hashlib
import os
import re
import shutil
import subprocess
import threading
import time
import unittest
import urllib.parse

from ogitest import OgidTestCase, ogictl, psql, main

TODAY = "2025-06-20"  # a Friday
PW = "a good long password"
SETTINGS = {
    "name": "平湛市马山区马山街道办事处",
    "code": "MS",
    "letter_prefix": "平湛马办",
    "address": "平湛市马山区马山路1号",
    "phone": "0759-3333333",
    "court": "平湛市马山区人民法院",
}
REF = re.compile(r"^平湛马办(依申[复告收征])〔(\d{4})〕(\d+)号$")


def pdf_text(data):
    if shutil.which("pdftotext") is None:
        raise unittest.SkipTest("pdftotext (poppler-utils) is not installed")
    r = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True)
    return r.stdout.decode("utf-8")


DOCX_SCRIPT = ("import docx, io, sys\n"
               "d = docx.Document(io.BytesIO(sys.stdin.buffer.read()))\n"
               "sys.stdout.write('\\n'.join(p.text for p in d.paragraphs))\n")


def docx_text(data):
    """The paragraphs' text as python-docx reads the package (Debian's python3-docx, which may live
    under the system's interpreter rather than the one running the tests)."""
    try:
        import docx  # noqa: F401
        import io
        return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    except ImportError:
        pass
    for py in ("/usr/bin/python3", "/usr/local/bin/python3"):
        if os.path.exists(py) and subprocess.run([py, "-c", "import docx"], capture_output=True).returncode == 0:
            r = subprocess.run([py, "-c", DOCX_SCRIPT], input=data, capture_output=True, check=True)
            return r.stdout.decode("utf-8")
    raise unittest.SkipTest("python3-docx is not installed")


class Base(OgidTestCase):
    ogid_env = {"OGI_TODAY": TODAY}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.district = int(ogictl(cls.dbname, "body", "add", "平湛市马山区人民政府", "--parent", "1").stdout)
        cls.street = int(ogictl(cls.dbname, "body", "add", "马山街道办事处", "--parent", str(cls.district),
                                "--code", "MS").stdout)
        cls.other = int(ogictl(cls.dbname, "body", "add", "乙街道办事处", "--parent", str(cls.district),
                               "--code", "YI").stdout)
        cls.c = {}
        for name, role, body in (("clerk", "clerk", cls.street), ("handler", "handler", cls.street),
                                 ("approver", "approver", cls.street), ("auditor", "auditor", cls.street),
                                 ("streetadmin", "admin", cls.street), ("otherclerk", "clerk", cls.other)):
            ogictl(cls.dbname, "user", "add", name, "--role", role, "--body", str(body), "--password-stdin",
                   input=PW + "\n")
            cl = cls.ogid.client()
            cl.login(name, PW)
            cls.c[name] = cl
        a = cls.c["streetadmin"]
        version = a.get(f"/api/v1/bodies/{cls.street}").json["version"]
        r = a.put(f"/api/v1/bodies/{cls.street}", SETTINGS, headers={"If-Match": f'"{version}"'})
        assert r.status == 200, r

    def new(self, received_on="2025-05-06", name="张三", body=None, client=None):
        r = (client or self.c["clerk"]).post("/api/v1/requests", {
            "body_id": body or self.street, "channel": "in_person", "received_on": received_on,
            "applicant": {"kind": "natural_person", "name": name, "address": "平湛市马山区幸福路8号"},
            "description": "2024年本街道老旧小区改造项目的招标文件",
            "form": {"medium": "paper", "delivery": "post"}})
        self.assertEqual(r.status, 201, r)
        return r.json["id"]

    def event(self, rid, body, client=None):
        r = (client or self.c["approver"]).post(f"/api/v1/requests/{rid}/events", body)
        self.assertEqual(r.status, 201, r)
        return r.json

    def replied(self, received_on="2025-05-06", on="2025-05-20", outcome="disclosed", name="张三"):
        rid = self.new(received_on, name=name)
        self.event(rid, {"type": "replied", "on": on, "outcome": outcome}, self.c["handler"])
        return rid

    def draft(self, rid, kind="reply", client=None, status=201, **extra):
        if kind == "reply" and "facts" not in extra:
            extra["facts"] = {"provided": "招标文件及评标报告（共12页）"}  # what a disclosed reply provides
        r = (client or self.c["handler"]).post(f"/api/v1/requests/{rid}/letters", {"kind": kind, **extra})
        self.assertEqual(r.status, status, r)
        return r

    def issue(self, rid, lid, client=None, status=200):
        r = (client or self.c["approver"]).post(f"/api/v1/requests/{rid}/letters/{lid}/issue")
        self.assertEqual(r.status, status, r)
        return r

    def letter(self, rid, lid, client=None, type_=None):
        q = f"?type={type_}" if type_ else ""
        r = (client or self.c["auditor"]).get(f"/api/v1/requests/{rid}/letters/{lid}{q}")
        self.assertEqual(r.status, 200, r)
        return r

    def events(self, rid):
        return self.c["auditor"].get(f"/api/v1/requests/{rid}/events").json["events"]

    def deadline(self, rid):
        return self.c["auditor"].get(f"/api/v1/requests/{rid}/deadline").json

    def sub(self, rid, kind):
        return next(s for s in self.deadline(rid)["subdeadlines"] if s["kind"] == kind)


class Lifecycle(Base):
    def test_draft_edit_issue_void_reissue(self):
        rid = self.replied()
        listing = self.c["handler"].get(f"/api/v1/requests/{rid}/letters").json
        self.assertEqual(listing["letters"], [])
        self.assertIn("reply", listing["possible"])
        self.assertNotIn("reply", self.c["clerk"].get(f"/api/v1/requests/{rid}/letters").json["possible"],
                         "a clerk does not draft a reply")
        self.assertEqual(self.c["auditor"].get(f"/api/v1/requests/{rid}/letters").json["possible"], [])
        self.assertProblem(self.c["clerk"].post(f"/api/v1/requests/{rid}/letters", {"kind": "reply"}), 403,
                           "forbidden")

        r = self.draft(rid)
        d = r.json
        self.assertEqual(r.header("Location"), f"/api/v1/requests/{rid}/letters/{d['id']}")
        self.assertEqual(r.header("ETag"), f'"{d["version"]}"')
        self.assertEqual((d["kind"], d["status"], d["ref"], d["outcome"], d["letter_date"]),
                         ("reply", "draft", None, "disclosed", TODAY))
        self.assertTrue(d["paragraphs"])
        self.assertEqual(d["paragraphs"], d["generated"]["paragraphs"])
        self.assertFalse(d["edited"])
        self.assertIsNone(d["sha256"])
        lid, path = d["id"], f"/api/v1/requests/{rid}/letters/{d['id']}"

        # a draft prints marked as one, never with a number
        html = self.letter(rid, lid, type_="html")
        self.assertTrue(html.header("Content-Type").startswith("text/html"))
        self.assertIn("（草稿）", html.body.decode())
        self.assertIn("style-src 'unsafe-inline'", html.header("Content-Security-Policy"))
        # framed by the web client only (its preview), running no script
        self.assertIn("frame-ancestors 'self'", html.header("Content-Security-Policy"))
        self.assertNotIn("script-src", html.header("Content-Security-Policy"))
        self.assertEqual(html.header("X-Frame-Options"), "SAMEORIGIN")
        self.assertEqual(self.letter(rid, lid).header("X-Frame-Options"), "DENY", "the JSON is framed by no one")
        self.assertIn("（草稿）", pdf_text(self.letter(rid, lid, type_="pdf").body))

        # edits: If-Match required and current; markup is text; the generated text stays
        h = self.c["handler"]
        evil = "<script>alert(1)</script>&<b>粗</b>"
        paragraphs = d["paragraphs"] + [evil]
        self.assertProblem(h.patch(path, {"paragraphs": paragraphs}), 428, "precondition_required")
        self.assertProblem(h.patch(path, {"paragraphs": paragraphs}, headers={"If-Match": '"999"'}), 412,
                           "precondition_failed")
        self.assertProblem(self.c["clerk"].patch(path, {"title": "x"}, headers={"If-Match": f'"{d["version"]}"'}),
                           403, "forbidden")
        self.assertProblem(h.patch(path, {"paragraphs": ["短", "长" * 20001]}, headers={"If-Match": f'"{d["version"]}"'}),
                           400, "invalid_input", field="paragraphs[1]")
        self.assertProblem(h.patch(path, {"paragraphs": []}, headers={"If-Match": f'"{d["version"]}"'}),
                           400, "invalid_input", field="paragraphs")
        self.assertProblem(h.patch(path, {"paragraphs": ["x"], "regenerate": True},
                                   headers={"If-Match": f'"{d["version"]}"'}), 400, "invalid_input", field="regenerate")
        r = h.patch(path, {"paragraphs": paragraphs + ["满" * 20000]}, headers={"If-Match": f'"{d["version"]}"'})
        self.assertEqual(r.status, 200, r)
        e = r.json
        self.assertEqual(e["version"], d["version"] + 1)
        self.assertEqual(e["paragraphs"][-2:], [evil, "满" * 20000])
        self.assertEqual(e["generated"], d["generated"])
        self.assertTrue(e["edited"])
        r = h.patch(path, {"paragraphs": paragraphs}, headers={"If-Match": f'"{e["version"]}"'})
        self.assertEqual(r.status, 200, r)
        e = r.json
        body = self.letter(rid, lid, type_="html").body.decode()
        self.assertNotIn("<script>alert", body)
        self.assertNotIn("<b>粗", body)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;&amp;&lt;b&gt;粗&lt;/b&gt;", body)
        self.assertIn("<script>alert(1)</script>&<b>粗</b>", pdf_text(self.letter(rid, lid, type_="pdf").body))

        # issuing: an approver's, not a clerk's nor a handler's
        self.assertProblem(self.c["clerk"].post(f"{path}/issue"), 403, "forbidden")
        self.assertProblem(h.post(f"{path}/issue"), 403, "forbidden")
        self.assertProblem(self.c["approver"].post(f"{path}/issue", headers={"If-Match": '"1"'}), 412,
                           "precondition_failed")
        issued = self.issue(rid, lid).json
        m = REF.match(issued["ref"])
        self.assertTrue(m, issued["ref"])
        self.assertEqual((m.group(1), m.group(2)), ("依申复", "2025"))
        self.assertEqual(issued["status"], "issued")
        self.assertEqual(issued["issued_by"], "approver")
        self.assertEqual(issued["series"], {"code": "依申复", "year": 2025, "serial": int(m.group(3))})
        for key in ("html", "pdf", "docx"):
            self.assertRegex(issued["sha256"][key], r"^[0-9a-f]{64}$")

        # the stored bytes, exactly, named after the 文号
        got = {}
        for key in ("html", "pdf", "docx"):
            r = self.letter(rid, lid, type_=key)
            got[key] = r.body
            self.assertEqual(hashlib.sha256(r.body).hexdigest(), issued["sha256"][key], key)
            disp = r.header("Content-Disposition")
            self.assertIn("filename*=UTF-8''" + urllib.parse.quote(issued["ref"] + "." + key, safe=""), disp)
        self.assertTrue(got["pdf"].startswith(b"%PDF"))
        self.assertTrue(got["docx"].startswith(b"PK"))
        text = pdf_text(got["pdf"])
        self.assertIn(issued["ref"], text)
        self.assertIn("张三", text)
        self.assertIn("平湛市马山区马山街道办事处", text)
        self.assertNotIn("（草稿）", text)
        words = docx_text(got["docx"])
        self.assertIn(issued["ref"], words)
        self.assertIn("张三", words)
        self.assertIn("<script>alert(1)</script>", words, "markup is literal in the DOCX too")
        self.assertIn("&lt;script&gt;", got["html"].decode())

        # frozen: no edit, no second issue
        self.assertProblem(h.patch(path, {"title": "改"}, headers={"If-Match": f'"{issued["version"]}"'}), 409,
                           "letter_not_draft")
        self.assertProblem(self.c["approver"].post(f"{path}/issue"), 409, "letter_not_draft")
        ev = [x for x in self.events(rid) if x["type"] == "letter_issued"]
        self.assertEqual(len(ev), 1)
        self.assertEqual(ev[0]["payload"], {"letter_id": lid, "kind": "reply", "ref": issued["ref"]})
        self.assertEqual((ev[0]["on"], ev[0]["actor"]), (TODAY, "approver"))

        # voided with a reason, still there, its bytes unchanged; a new one takes the next number
        self.assertProblem(self.c["approver"].post(f"{path}/void", {}), 400, "invalid_input", field="reason")
        self.assertProblem(self.c["approver"].post(f"{path}/void", {"reason": "  "}), 400, "invalid_input",
                           field="reason")
        self.assertProblem(self.c["clerk"].post(f"{path}/void", {"reason": "引用条款有误"}), 403, "forbidden")
        r = self.c["approver"].post(f"{path}/void", {"reason": "引用条款有误"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual((r.json["status"], r.json["void_reason"], r.json["voided_by"], r.json["ref"]),
                         ("void", "引用条款有误", "approver", issued["ref"]))
        self.assertProblem(self.c["approver"].post(f"{path}/void", {"reason": "again"}), 409, "letter_already_void")
        self.assertEqual(self.letter(rid, lid, type_="pdf").body, got["pdf"])
        ev = [x for x in self.events(rid) if x["type"] == "letter_voided"]
        self.assertEqual(ev[0]["payload"], {"letter_id": lid, "kind": "reply", "ref": issued["ref"],
                                            "reason": "引用条款有误"})
        again = self.draft(rid).json
        second = self.issue(rid, again["id"]).json
        self.assertEqual(REF.match(second["ref"]).group(3), str(int(m.group(3)) + 1),
                         "the voided letter keeps its number; the next one follows it")
        listing = self.c["auditor"].get(f"/api/v1/requests/{rid}/letters").json["letters"]
        self.assertEqual([(x["id"], x["status"]) for x in listing], [(lid, "void"), (again["id"], "issued")])

    def test_draft_discarded_and_regenerated(self):
        rid = self.replied(on="2025-05-21")
        d = self.draft(rid).json
        path = f"/api/v1/requests/{rid}/letters/{d['id']}"
        h = self.c["handler"]
        r = h.patch(path, {"paragraphs": ["改过的正文"]}, headers={"If-Match": f'"{d["version"]}"'})
        self.assertEqual(r.status, 200, r)
        r = h.patch(path + "?regenerate=1", {}, headers={"If-Match": f'"{r.json["version"]}"'})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["paragraphs"], d["generated"]["paragraphs"])
        self.assertFalse(r.json["edited"])
        r = h.patch(path, {"letter_date": "2025-06-01", "regenerate": True},
                    headers={"If-Match": f'"{r.json["version"]}"'})
        self.assertEqual((r.status, r.json["letter_date"]), (200, "2025-06-01"), r)
        self.assertProblem(h.patch(path, {"letter_date": "2025-06-21"}, headers={"If-Match": f'"{r.json["version"]}"'}),
                           400, "invalid_input", field="letter_date")
        self.assertProblem(h.patch(path, {"letter_date": "2025-05-01"}, headers={"If-Match": f'"{r.json["version"]}"'}),
                           400, "invalid_input", field="letter_date")
        self.assertProblem(h.patch(path, {}, headers={"If-Match": f'"{r.json["version"]}"'}), 400, "invalid_input")
        # a draft no one wants is voided by whoever may draft it, without an event
        r = h.post(f"{path}/void", {"reason": "重新起草"})
        self.assertEqual((r.status, r.json["status"], r.json["ref"]), (200, "void", None), r)
        self.assertFalse([x for x in self.events(rid) if x["type"].startswith("letter_")])
        self.assertProblem(self.c["clerk"].post(f"/api/v1/requests/{rid}/letters/{d['id']}/deliveries",
                                                {"method": "in_person"}), 409, "letter_not_issued")

    def test_receipt_is_issued_by_a_clerk(self):
        rid = self.new("2025-06-16")
        c = self.c["clerk"]
        d = self.draft(rid, "receipt", client=c).json
        r = self.issue(rid, d["id"], client=c)
        self.assertEqual(REF.match(r.json["ref"]).group(1), "依申收")
        self.assertIn(r.json["ref"], pdf_text(self.letter(rid, d["id"], type_="pdf").body))

    def test_letters_that_make_no_sense_now(self):
        rid = self.new("2025-06-02")
        c = self.c["approver"]
        self.assertProblem(self.draft(rid, "reply", client=c, status=409), 409, "letter_no_outcome")
        self.assertProblem(self.draft(rid, "extension_notice", client=c, status=409), 409, "letter_no_extension")
        self.assertProblem(self.draft(rid, "fee_notice", client=c, status=409), 409, "letter_no_fee_notice")
        self.assertProblem(self.draft(rid, "correction_notice", client=c, status=409), 409,
                           "letter_no_correction")
        self.assertProblem(self.draft(rid, "letter_of_thanks", client=c, status=400), 400, "invalid_input",
                           field="kind")
        self.assertProblem(c.post(f"/api/v1/requests/{rid}/letters", {"kind": "reply", "colour": "red"}), 400,
                           "invalid_input", field="colour")
        self.assertProblem(c.post(f"/api/v1/requests/{rid}/letters", {"kind": "receipt", "facts": [1]}), 400,
                           "invalid_input", field="facts")
        self.assertProblem(c.post(f"/api/v1/requests/{rid}/letters", {"kind": "receipt", "letter_date": "2025-06-01"}),
                           400, "invalid_input", field="letter_date")
        self.assertProblem(self.c["auditor"].post(f"/api/v1/requests/{rid}/letters", {"kind": "receipt"}), 403,
                           "forbidden")
        # another body's request is not there at all
        self.assertProblem(self.c["otherclerk"].get(f"/api/v1/requests/{rid}/letters"), 404, "not_found")
        self.assertProblem(self.c["otherclerk"].post(f"/api/v1/requests/{rid}/letters", {"kind": "receipt"}), 404,
                           "not_found")
        theirs = self.new("2025-06-02", body=self.other, client=self.c["otherclerk"])
        self.assertProblem(self.c["clerk"].post(f"/api/v1/requests/{theirs}/letters", {"kind": "receipt"}), 404,
                           "not_found")
        self.assertProblem(self.c["auditor"].get(f"/api/v1/requests/{rid}/letters/999999"), 404, "not_found")
        # once the events are there, the letters are
        self.event(rid, {"type": "extension_approved", "on": "2025-06-10", "working_days": 10,
                         "approver": "主任", "reason": "需要调取档案"})
        self.draft(rid, "extension_notice", client=c)
        self.event(rid, {"type": "fee_notice_issued", "on": "2025-06-11", "method": "per_volume", "pages": 300})
        self.draft(rid, "fee_notice", client=c)
        possible = c.get(f"/api/v1/requests/{rid}/letters").json["possible"]
        self.assertIn("extension_notice", possible)
        self.assertIn("fee_notice", possible)
        self.assertNotIn("reply", possible)

    def test_letter_events_are_not_recorded_by_hand(self):
        rid = self.new("2025-06-02")
        for t in ("letter_issued", "letter_voided", "letter_served"):
            self.assertProblem(self.c["approver"].post(f"/api/v1/requests/{rid}/events",
                                                       {"type": t, "on": "2025-06-03", "letter_id": 1}),
                               400, "invalid_input", field="type")

    def test_bad_queries(self):
        rid = self.replied(on="2025-05-22")
        d = self.draft(rid).json
        self.assertProblem(self.c["auditor"].get(f"/api/v1/requests/{rid}/letters/{d['id']}?type=odt"), 400,
                           "invalid_input", field="type")
        self.assertProblem(self.c["auditor"].get(f"/api/v1/requests/{rid}/letters/{d['id']}/service-form"), 409,
                           "letter_not_issued")
        self.assertEqual(self.c["auditor"].get(f"/api/v1/requests/{rid}/letters/{d['id']}?type=json").status, 200)

    def test_bad_input_is_refused_never_500(self):
        rid = self.replied(on="2025-05-23")
        d = self.draft(rid).json
        lid, path = d["id"], f"/api/v1/requests/{rid}/letters/{d['id']}"
        h, c = self.c["handler"], self.c["clerk"]
        etag = {"If-Match": f'"{d["version"]}"'}
        bad_patches = [{"paragraphs": "一段"}, {"paragraphs": [1, 2]}, {"paragraphs": [None]},
                       {"paragraphs": ["x"] * 61}, {"title": ""}, {"title": None}, {"title": "题" * 101},
                       {"addressee": ""}, {"letter_date": "2025-02-30"}, {"facts": "x"},
                       {"facts": {"reasons": 5}}, {"facts": {"no_such_fact": "x"}}, {"regenerate": "yes"},
                       {"paragraphs": ["x"], "extra": 1}, [], "string"]
        for body in bad_patches:
            r = h.patch(path, body, headers=etag)
            self.assertEqual(r.status, 400, (body, r))
        self.assertEqual(h.patch(path + "?regenerate=maybe", {}, headers=etag).status, 400)
        self.assertEqual(h.patch(path, {"title": "x"}, headers={"If-Match": "seven"}).status, 400)
        self.assertEqual(h.patch(f"/api/v1/requests/{rid}/letters/999999", {"title": "x"}, headers=etag).status, 404)
        self.assertEqual(h.patch(f"/api/v1/requests/999999/letters/{lid}", {"title": "x"}, headers=etag).status, 404)
        self.assertEqual(self.c["auditor"].get(f"/api/v1/requests/{rid + 1}/letters/{lid}").status, 404,
                         "a letter is found only under its own request")
        for body in ({"kind": None}, {"kind": 3}, {}, {"kind": "reply", "facts": {"provided": "字" * 2001}},
                     {"kind": "reply", "facts": {"withheld_parts": "all"}}, {"kind": "reply", "letter_date": 20250603}):
            self.assertEqual(h.post(f"/api/v1/requests/{rid}/letters", body).status, 400, body)
        self.assertEqual(h.post(f"/api/v1/requests/{rid}/letters", raw=b"{", headers={"Content-Type": "application/json"}).status, 400)
        self.issue(rid, lid)
        dpath = f"{path}/deliveries"
        for body in ({"method": None}, {"method": "post", "sent_on": "yesterday"}, {"method": "in_person", "note": "注" * 2001},
                     {"method": "post", "sent_on": "2025-06-19", "post_tracking_no": "N" * 65}, {"signed_by": "张三"}):
            self.assertEqual(c.post(dpath, body).status, 400, body)
        dl = c.post(dpath, {"method": "email", "sent_on": "2025-06-20"}).json
        p = f"{dpath}/{dl['id']}"
        for body in ({}, {"method": None}, {"method": "post", "sent_on": None}, {"served_on": "2025-06-18"}):
            self.assertEqual(c.patch(p, body, headers={"If-Match": f'"{dl["version"]}"'}).status, 400, body)
        self.assertEqual(c.patch(f"{dpath}/999999", {"note": "x"}, headers={"If-Match": '"1"'}).status, 404)
        self.assertEqual(c.post(f"{path}/void", {"reason": "理" * 501}).status, 400)
        self.assertEqual(self.c["auditor"].get(path + "?type=%ff").status, 400)


class Numbering(Base):
    def test_twenty_concurrent_issues_take_twenty_consecutive_numbers(self):
        drafts = []
        for k in range(20):
            rid = self.replied(on="2025-05-20", name=f"申请人{k}")
            drafts.append((rid, self.draft(rid).json["id"]))
        results, errors = [], []

        def patiently(call):
            # On a busy machine ogid may answer 503 overloaded with Retry-After; a real
            # client waits and asks again, and a refused issue uses no number.
            for _ in range(20):
                r = call()
                if r.status != 503:
                    return r
                time.sleep(float(r.header("Retry-After") or 1))
            return r

        def issue(rid, lid):
            c = self.ogid.client()  # its own session and HTTP connection
            r = patiently(lambda: c.post("/api/v1/session", {"username": "approver", "password": PW}))
            if r.status != 201:
                errors.append(r)
                return
            r = patiently(lambda: c.post(f"/api/v1/requests/{rid}/letters/{lid}/issue"))
            (results if r.status == 200 else errors).append(r.json["ref"] if r.status == 200 else r)

        threads = [threading.Thread(target=issue, args=d) for d in drafts]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])
        serials = sorted(int(REF.match(ref).group(3)) for ref in results)
        self.assertEqual(len(set(results)), 20, results)
        self.assertEqual(serials, list(range(serials[0], serials[0] + 20)), "no gap, no repeat")
        # a refused issue uses no number: the next one follows directly
        rid = self.replied(on="2025-05-20")
        blank = self.draft(rid).json
        path = f"/api/v1/requests/{rid}/letters/{blank['id']}"
        r = self.c["handler"].patch(path, {"paragraphs": blank["paragraphs"] + ["【待填写：送达地址】"]},
                                    headers={"If-Match": f'"{blank["version"]}"'})
        self.assertEqual(r.status, 200, r)
        self.assertTrue(r.json["has_blanks"])
        self.assertProblem(self.c["approver"].post(f"{path}/issue"), 409, "letter_has_blanks")
        rid2 = self.replied(on="2025-05-20")
        nxt = self.issue(rid2, self.draft(rid2).json["id"]).json
        self.assertEqual(int(REF.match(nxt["ref"]).group(3)), serials[-1] + 1)


class Immutability(Base):
    def sql_refused(self, query):
        with self.assertRaises(RuntimeError) as e:
            psql(query, self.dbname)
        return str(e.exception)

    def test_the_database_refuses_changes_of_an_issued_letter_even_as_owner(self):
        rid = self.replied(on="2025-05-20")
        lid = self.draft(rid).json["id"]
        # a draft is edited freely, but never deleted
        psql(f"UPDATE letters SET title = title || '' WHERE id = {lid}", self.dbname)
        self.assertIn("never deleted", self.sql_refused(f"DELETE FROM letters WHERE id = {lid}"))
        issued = self.issue(rid, lid).json
        for q in (f"UPDATE letters SET title = '改' WHERE id = {lid}",
                  f"UPDATE letters SET paragraphs = '[\"改\"]' WHERE id = {lid}",
                  f"UPDATE letters SET pdf = 'x'::bytea WHERE id = {lid}",
                  f"UPDATE letters SET status = 'draft', ref = NULL WHERE id = {lid}",
                  f"UPDATE letters SET status = 'void', void_reason = 'x', voided_at = now(), title = '改' "
                  f"WHERE id = {lid}"):
            self.assertIn("never changed", self.sql_refused(q), q)
        self.assertIn("never deleted", self.sql_refused(f"DELETE FROM letters WHERE id = {lid}"))
        self.assertIn("never deleted", self.sql_refused("TRUNCATE letters CASCADE"))
        self.assertEqual(psql(f"SELECT encode(sha256(pdf), 'hex') FROM letters WHERE id = {lid}", self.dbname),
                         issued["sha256"]["pdf"])
        # the one change allowed: issued → void, only the void columns; then nothing
        psql(f"UPDATE letters SET status = 'void', void_reason = '测试', voided_at = now() WHERE id = {lid}",
             self.dbname)
        self.assertIn("never changed", self.sql_refused(f"UPDATE letters SET void_reason = '改' WHERE id = {lid}"))
        self.assertIn("never changed", self.sql_refused(f"UPDATE letters SET status = 'issued' WHERE id = {lid}"))
        # ogid's role may not even try
        self.assertEqual(psql("SELECT has_table_privilege('ogi_app', 'letters', 'DELETE'), "
                              "has_table_privilege('ogi_app', 'letter_deliveries', 'DELETE'), "
                              "has_table_privilege('ogi_app', 'letters', 'UPDATE')", self.dbname), "f|f|t")


class Service(Base):
    def deliver(self, rid, lid, body, status=201):
        r = self.c["clerk"].post(f"/api/v1/requests/{rid}/letters/{lid}/deliveries", body)
        self.assertEqual(r.status, status, r)
        return r

    def test_the_reply_letters_service_is_the_legal_reply_date(self):
        # received Tue 2025-05-06: 20 wd (06-02 端午 off) → due 06-04; replied 06-03, in time
        rid = self.replied(received_on="2025-05-06", on="2025-06-03")
        req = self.c["auditor"].get(f"/api/v1/requests/{rid}").json
        self.assertEqual((req["due_on"], req["replied_late"]), ("2025-06-04", False))
        rec = self.sub(rid, "reconsideration")
        # 06-03 + 60 days = 08-02 (Sat) → Mon 08-04; provisional until the service is known (235号)
        self.assertEqual((rec["due_on"], rec["provisional"]), ("2025-08-04", True))
        self.assertIsNone(self.deadline(rid)["reply_served_on"])
        lid = self.draft(rid, letter_date="2025-06-03").json["id"]
        self.issue(rid, lid)
        path = f"/api/v1/requests/{rid}/letters/{lid}/deliveries"

        # post is dated by the posting (交邮之日); dates are bounded
        self.assertProblem(self.deliver(rid, lid, {"method": "post"}, 400), 400, "invalid_input", field="sent_on")
        self.assertProblem(self.deliver(rid, lid, {"method": "post", "sent_on": "2025-06-21"}, 400), 400,
                           "invalid_input", field="sent_on")
        self.assertProblem(self.deliver(rid, lid, {"method": "post", "sent_on": "2025-06-02"}, 400), 400,
                           "invalid_input", field="sent_on")
        self.assertProblem(self.deliver(rid, lid, {"method": "post", "sent_on": "2025-06-05",
                                                   "served_on": "2025-06-04"}, 400), 400, "invalid_input",
                           field="served_on")
        self.assertProblem(self.deliver(rid, lid, {"method": "pigeon"}, 400), 400, "invalid_input", field="method")
        self.assertProblem(self.c["auditor"].post(path, {"method": "in_person"}), 403, "forbidden")

        # the request is closed; its reply letter was posted on 06-05, after the due date
        d = self.deliver(rid, lid, {"method": "post", "sent_on": "2025-06-05", "post_tracking_no": "XA123456789CN"}).json
        self.assertEqual((d["legal_on"], d["method"], d["post_tracking_no"]), ("2025-06-05", "post", "XA123456789CN"))
        req = self.c["auditor"].get(f"/api/v1/requests/{rid}").json
        self.assertEqual((req["status"], req["replied_late"]), ("closed", True))
        self.assertEqual(self.deadline(rid)["reply_served_on"], "2025-06-05")
        # 06-05 + 60 days = 08-04 (Mon); + 6 months = 12-05 (Fri); no longer provisional
        self.assertEqual((self.sub(rid, "reconsideration")["due_on"], self.sub(rid, "reconsideration")["provisional"]),
                         ("2025-08-04", False))
        self.assertEqual(self.sub(rid, "litigation")["due_on"], "2025-12-05")
        served = [x for x in self.events(rid) if x["type"] == "letter_served"]
        self.assertEqual([(x["on"], x["payload"]["method"], x["payload"]["served_on"]) for x in served],
                         [("2025-06-05", "post", "2025-06-05")])

        # the signed return arrives: for post the legal date stays the posting's, no new event
        p = f"{path}/{d['id']}"
        c = self.c["clerk"]
        self.assertProblem(c.patch(p, {"served_on": "2025-06-09"}), 428, "precondition_required")
        self.assertProblem(c.patch(p, {"served_on": "2025-06-09"}, headers={"If-Match": '"99"'}), 412,
                           "precondition_failed")
        r = c.patch(p, {"served_on": "2025-06-09", "signed_by": "张三"}, headers={"If-Match": f'"{d["version"]}"'})
        self.assertEqual(r.status, 200, r)
        d = r.json
        self.assertEqual((d["served_on"], d["signed_by"], d["legal_on"], d["version"]),
                         ("2025-06-09", "张三", "2025-06-05", 2))
        self.assertEqual(len([x for x in self.events(rid) if x["type"] == "letter_served"]), 1)
        # the posting date corrected to 06-04: a new letter_served replaces the first
        self.assertProblem(c.patch(p, {"sent_on": None}, headers={"If-Match": f'"{d["version"]}"'}), 400,
                           "invalid_input", field="sent_on")
        r = c.patch(p, {"sent_on": "2025-06-04"}, headers={"If-Match": f'"{d["version"]}"'})
        self.assertEqual((r.status, r.json["legal_on"]), (200, "2025-06-04"), r)
        self.assertFalse(self.c["auditor"].get(f"/api/v1/requests/{rid}").json["replied_late"])
        self.assertEqual(self.sub(rid, "litigation")["due_on"], "2025-12-04")
        self.assertEqual(len([x for x in self.events(rid) if x["type"] == "letter_served"]), 2)
        # the letter lists its deliveries; a note is still taken on the closed request
        got = self.letter(rid, lid).json
        self.assertEqual([(x["id"], x["legal_on"]) for x in got["deliveries"]], [(d["id"], "2025-06-04")])
        self.assertEqual(got["deliveries_count"], 1)
        self.event(rid, {"type": "note", "on": "2025-06-10", "text": "申请人来电确认收到"}, self.c["clerk"])
        self.assertProblem(self.c["clerk"].post(f"/api/v1/requests/{rid}/events",
                                                {"type": "withdrawn", "on": "2025-06-10"}), 409, "request_closed")

    def test_in_person_service_with_its_form(self):
        rid = self.replied(received_on="2025-05-06", on="2025-05-30")
        lid = self.draft(rid, letter_date="2025-05-30").json["id"]
        ref = self.issue(rid, lid).json["ref"]
        form = self.c["auditor"].get(f"/api/v1/requests/{rid}/letters/{lid}/service-form")
        self.assertEqual(form.status, 200, form)
        self.assertIn(ref, form.body.decode())
        pdf = self.c["auditor"].get(f"/api/v1/requests/{rid}/letters/{lid}/service-form?type=pdf")
        self.assertEqual(pdf.status, 200, pdf)
        text = pdf_text(pdf.body)
        self.assertIn("送达回证", text)
        self.assertIn(ref, text)
        self.assertProblem(self.c["auditor"].get(f"/api/v1/requests/{rid}/letters/{lid}/service-form?type=docx"),
                           400, "invalid_input", field="type")
        # handed over, the signature recorded later: the legal date comes with it
        d = self.deliver(rid, lid, {"method": "in_person"}).json
        self.assertIsNone(d["legal_on"])
        self.assertTrue(self.sub(rid, "reconsideration")["provisional"])
        r = self.c["clerk"].patch(f"/api/v1/requests/{rid}/letters/{lid}/deliveries/{d['id']}",
                                  {"served_on": "2025-06-02", "signed_by": "张三"},
                                  headers={"If-Match": f'"{d["version"]}"'})
        self.assertEqual((r.status, r.json["legal_on"]), (200, "2025-06-02"), r)
        # 06-02 + 60 days = 08-01 (Fri)
        self.assertEqual((self.sub(rid, "reconsideration")["due_on"], self.sub(rid, "reconsideration")["provisional"]),
                         ("2025-08-01", False))
        self.assertFalse(self.c["auditor"].get(f"/api/v1/requests/{rid}").json["replied_late"])
        # a voided letter is served no more
        r = self.c["approver"].post(f"/api/v1/requests/{rid}/letters/{lid}/void", {"reason": "地址有误"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["deliveries_count"], 1)
        self.assertTrue(self.sub(rid, "reconsideration")["provisional"])
        self.assertProblem(self.deliver(rid, lid, {"method": "in_person"}, 409), 409, "letter_not_issued")


if __name__ == "__main__":
    main()
