"""The applicant's identity copy with an online application (issue 15 item 1), over real HTTP,
PostgreSQL and libmagic: a PNG uploaded with the just-submitted application's number and 查询码
is listed and downloadable by staff before they confirm, and becomes an attachment (identity_copy)
of the registered request when they confirm; hostile: bytes that are not JPEG/PNG/PDF renamed
.png and sent as image/png (400 naming the field file), another Content-Type (415), an empty file
(400), a file over the 1 MiB cap (413), a wrong code answering exactly like a made-up number, a
fourth file (409), a file after confirmation (409), another body's clerk (404), no 5xx.

Files with an online correction answer (issue 15 item 6, for=correction): a PNG sent with the
pending answer is listed with it, becomes correction material of the request with identical bytes
when the clerk confirms the answer; no pending answer → 409 online_file_no_answer; a returned
answer's files lose their bytes; bytes of another type → 400; a bad for → 400. The applicant's
status answer lists every answer with the files sent with it (name, type, size, when; never the
bytes, the hash or staff's ids) and what became of it — pending, confirmed, returned with the
reason — and never another applicant's answers or files."""
import datetime
import hashlib
import socket
import struct
import urllib.parse
import zlib

from ogitest import OgidTestCase, ogictl, psql, main
from test_public import BITS, PW, resident_id, solve


def png(w=4, h=4):
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    raw = b"".join(b"\0" + b"\xff\x00\x00" * w for _ in range(h))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


class PublicFiles(OgidTestCase):
    ogid_env = {"OGI_POW_BITS": str(BITS)}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.street = int(ogictl(cls.dbname, "body", "add", "文件街道办事处", "--parent", "1").stdout)
        cls.other = int(ogictl(cls.dbname, "body", "add", "别的街道办事处", "--parent", "1").stdout)
        b = cls.admin.get(f"/api/v1/bodies/{cls.street}").json
        r = cls.admin.put(f"/api/v1/bodies/{cls.street}", {"name": b["name"], "accepts_online": True},
                          headers={"If-Match": f'"{b["version"]}"'})
        assert r.status == 200, r
        cls.c = {}
        for name, body in (("fclerk", cls.street), ("fother", cls.other)):
            ogictl(cls.dbname, "user", "add", name, "--role", "clerk", "--body", str(body), "--password-stdin",
                   input=PW + "\n")
            cl = cls.ogid.client()
            cl.login(name, PW)
            cls.c[name] = cl
        cls.seq = 500
        cls.n = 50
        cls.statuses = []

    def public(self):
        type(self).n += 1
        return self.ogid.client(source=f"127.0.3.{self.n}")

    def submitted(self):
        type(self).seq += 1
        cl = self.public()
        ch = cl.get("/api/v1/public/challenge").json
        app = {"body_id": self.street,
               "applicant": {"kind": "natural_person", "name": f"申请人{self.seq}", "id_type": "resident_id_card",
                             "id_number": resident_id(self.seq), "phone": f"139{self.seq:08d}"},
               "information": {"description": "2023年本街道老旧小区改造项目的招标文件"},
               "form": {"medium": "electronic", "delivery": "online"}, "declaration": True,
               "pow": {"challenge": ch["challenge"], "nonce": solve(ch["challenge"], ch["bits"])}}
        r = cl.post("/api/v1/public/applications", app)
        self.assertEqual(r.status, 201, r)
        return cl, r.json["number"], r.json["code"]

    def send(self, cl, number, code, data, ctype="image/png", name="身份证.png", purpose=None):
        q = urllib.parse.urlencode({"number": number, "name": name, **({"for": purpose} if purpose else {})})
        r = cl.post(f"/api/v1/public/files?{q}", raw=data, headers={"Content-Type": ctype, "X-Query-Code": code})
        type(self).statuses.append(r.status)
        return r

    def listed(self, number):
        items = self.c["fclerk"].get("/api/v1/online-applications").json["items"]
        return next(i for i in items if i["number"] == number)

    def test_id_copy_becomes_attachment(self):
        cl, number, code = self.submitted()
        data = png()
        r = self.send(cl, number, code, data)
        self.assertEqual(r.status, 201, r)
        self.assertEqual((r.json["content_type"], r.json["size"], r.json["sha256"], r.json["name"]),
                         ("image/png", len(data), hashlib.sha256(data).hexdigest(), "身份证.png"))
        row = self.listed(number)
        self.assertEqual([f["name"] for f in row["files"]], ["身份证.png"])
        self.assertIsNone(row["files"][0]["attachment_id"])
        fid = row["files"][0]["id"]
        # staff see it before they confirm; another body's clerk does not
        d = self.c["fclerk"].get(f"/api/v1/online-applications/{row['id']}/files/{fid}")
        self.assertEqual((d.status, d.body, d.header("Content-Type")), (200, data, "image/png"))
        self.assertTrue(d.header("Content-Disposition").startswith("attachment"))
        self.assertProblem(self.c["fother"].get(f"/api/v1/online-applications/{row['id']}/files/{fid}"), 404)
        self.assertProblem(self.c["fclerk"].get(f"/api/v1/online-applications/{row['id']}/files/{fid + 999}"),
                           404)
        r = self.c["fclerk"].post(f"/api/v1/online-applications/{row['id']}/confirm")
        self.assertEqual(r.status, 201, r)
        rid = r.json["id"]
        atts = self.c["fclerk"].get(f"/api/v1/requests/{rid}/attachments").json["attachments"]
        self.assertEqual([(a["kind"], a["name"], a["size"], a["sha256"]) for a in atts],
                         [("identity_copy", "身份证.png", len(data), hashlib.sha256(data).hexdigest())])
        got = self.c["fclerk"].get(f"/api/v1/requests/{rid}/attachments/{atts[0]['id']}")
        self.assertEqual((got.status, got.body), (200, data))
        self.assertEqual(self.listed_state(number)["files"][0]["attachment_id"], atts[0]["id"])
        # the copy lives on only as the attachment
        self.assertEqual(psql(f"SELECT count(*) FROM online_files WHERE online_id = {row['id']} "
                              "AND data IS NOT NULL", self.dbname), "0")
        self.assertProblem(self.c["fclerk"].get(f"/api/v1/online-applications/{row['id']}/files/{fid}"), 404)
        # the case file is closed to the public side once confirmed
        self.assertProblem(self.send(cl, number, code, png()), 409, "online_file_not_pending")

    def test_declined_keeps_no_copy(self):
        """A declined application (spam, a duplicate) leaves no identity copy behind: its bytes are
        dropped with the decision, the name, size and hash stay as the record."""
        cl, number, code = self.submitted()
        data = png(6, 6)
        self.assertEqual(self.send(cl, number, code, data).status, 201)
        oid = self.listed(number)["id"]
        fid = self.listed(number)["files"][0]["id"]
        r = self.c["fclerk"].post(f"/api/v1/online-applications/{oid}/decline", {"reason": "重复提交"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(psql(f"SELECT count(*) FILTER (WHERE data IS NULL) || ' ' || count(*) || ' ' || "
                              f"min(sha256) FROM online_files WHERE online_id = {oid}", self.dbname),
                         f"1 1 {hashlib.sha256(data).hexdigest()}")
        self.assertProblem(self.c["fclerk"].get(f"/api/v1/online-applications/{oid}/files/{fid}"), 404)
        self.assertProblem(self.send(cl, number, code, png()), 409, "online_file_not_pending")

    def listed_state(self, number):
        items = self.c["fclerk"].get("/api/v1/online-applications?state=confirmed").json["items"]
        return next(i for i in items if i["number"] == number)

    def test_large_file_in_chunks(self):
        cl, number, code = self.submitted()
        data = b"%PDF-1.4\n" + b"%" + bytes(range(256)) * 2000 + b"\n%%EOF\n"  # ~512 KB: 2 chunks
        self.assertLess(len(data), 1024 * 1024)
        r = self.send(cl, number, code, data, "application/pdf", "证件.pdf")
        self.assertEqual(r.status, 201, r)
        oid = self.listed(number)["id"]
        rid = self.c["fclerk"].post(f"/api/v1/online-applications/{oid}/confirm").json["id"]
        att = self.c["fclerk"].get(f"/api/v1/requests/{rid}/attachments").json["attachments"][0]
        got = self.c["fclerk"].get(f"/api/v1/requests/{rid}/attachments/{att['id']}")
        self.assertEqual((got.status, got.body == data, att["content_type"]), (200, True, "application/pdf"))

    def test_hostile(self):
        cl, number, code = self.submitted()
        # an HTML page renamed .png and sent as a PNG: judged by its bytes
        self.assertProblem(self.send(cl, number, code, b"<html><script>alert(1)</script></html>" * 20),
                           400, "invalid_input", "file")
        # a PDF sent as a PNG: not what it claims
        self.assertProblem(self.send(cl, number, code, b"%PDF-1.4\n%%EOF\n"), 400, "invalid_input", "file")
        # a type not taken at all
        self.assertEqual(self.send(cl, number, code, b"MZ\x90\x00" * 100, "application/x-msdownload").status, 415)
        self.assertProblem(self.send(cl, number, code, b""), 400, "invalid_input", "file")
        self.assertProblem(self.send(cl, number, code, png(), name="../x"), 400, "invalid_input", "name")
        # over the 1 MiB cap: refused from the headers, before the body is read
        q = urllib.parse.urlencode({"number": number, "name": "大.png"})
        sock = socket.create_connection(("127.0.0.1", self.ogid.port), timeout=10)
        sock.sendall(f"POST /api/v1/public/files?{q} HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\n"
                     f"X-Query-Code: {code}\r\nContent-Length: {1024 * 1024 + 1}\r\n\r\n".encode() + png())
        answer = sock.recv(4096)
        sock.close()
        self.assertTrue(answer.startswith(b"HTTP/1.1 413"), answer[:80])
        self.assertIn(b"application/problem+json", answer)
        # a wrong code answers byte for byte as a made-up number
        wrong = self.send(cl, number, "x" * len(code), png())
        made_up = self.send(cl, number[:-1] + ("1" if number[-1] != "1" else "2"), code, png())
        self.assertProblem(wrong, 404, "status_not_found")
        self.assertEqual((wrong.status, wrong.body), (made_up.status, made_up.body))
        self.assertEqual(self.listed(number)["files"], [], "nothing stored by the refusals")
        for i in range(3):
            self.assertEqual(self.send(cl, number, code, png(4 + i)).status, 201)
        self.assertProblem(self.send(cl, number, code, png(9)), 409, "online_files_too_many")
        self.assertEqual(len(self.listed(number)["files"]), 3)
        # a staff cookie gives the public route no rights: the code still decides
        self.assertProblem(self.send(self.c["fclerk"], number, "y" * 12, png()), 404, "status_not_found")

    def confirmed_asked(self):
        """A confirmed application whose request is asked to correct: (client, number, code, request)."""
        cl, number, code = self.submitted()
        r = self.c["fclerk"].post(f"/api/v1/online-applications/{self.listed(number)['id']}/confirm")
        self.assertEqual(r.status, 201, r)
        req = r.json
        due = (datetime.date.fromisoformat(req["received_on"]) + datetime.timedelta(days=15)).isoformat()
        ev = self.c["fclerk"].post(f"/api/v1/requests/{req['id']}/events",
                                   {"type": "correction_requested", "on": req["received_on"],
                                    "items": "请提供文件的年份", "correction_due": due})
        self.assertEqual(ev.status, 201, ev)
        return cl, number, code, req

    def answered(self, cl, number, code):
        r = cl.post("/api/v1/public/correction", {"number": number, "code": code, "text": "年份见附件"})
        self.assertEqual(r.status, 201, r)
        return r.json["id"]

    def answer_row(self, request_id, state="pending"):
        items = self.c["fclerk"].get(f"/api/v1/online-corrections?request_id={request_id}&state={state}").json
        self.assertEqual(len(items["items"]), 1, items)
        return items["items"][0]

    def status(self, cl, number, code):
        r = cl.post("/api/v1/public/status", {"number": number, "code": code})
        self.assertEqual(r.status, 200, r)
        return r.json

    def sent(self, status):
        """The applicant's view of their answers: (state, reject_reason, [(name, type, size)])."""
        out = []
        for a in status["correction_answers"]:
            self.assertEqual(set(a), {"state", "received_on", "received_at", "reject_reason", "files"})
            for f in a["files"]:
                self.assertEqual(set(f), {"name", "content_type", "size", "received_at"}, "no bytes, hash or ids")
            out.append((a["state"], a["reject_reason"], [(f["name"], f["content_type"], f["size"]) for f in a["files"]]))
        return out

    def test_correction_file_becomes_material(self):
        cl, number, code, req = self.confirmed_asked()
        data = png(5, 7)
        # no answer waits yet: refused
        self.assertProblem(self.send(cl, number, code, data, purpose="correction"), 409, "online_file_no_answer")
        aid = self.answered(cl, number, code)
        self.assertProblem(self.send(cl, number, code, b"MZ\x90\x00not an image", name="a.png",
                                     purpose="correction"), 400, "invalid_input", "file")
        self.assertProblem(self.send(cl, number, code, data, purpose="other"), 400, "invalid_input", "for")
        r = self.send(cl, number, code, data, name="年份证明.png", purpose="correction")
        self.assertEqual(r.status, 201, r)
        row = self.answer_row(req["id"])
        self.assertEqual(row["id"], aid)
        self.assertEqual([(f["name"], f["size"], f["sha256"], f["attachment_id"]) for f in row["files"]],
                         [("年份证明.png", len(data), hashlib.sha256(data).hexdigest(), None)])
        # staff open it from the card before confirming
        oid, fid = row["online_id"], row["files"][0]["id"]
        d = self.c["fclerk"].get(f"/api/v1/online-applications/{oid}/files/{fid}")
        self.assertEqual((d.status, d.body), (200, data))
        # it is not the application's identity copy
        self.assertEqual(self.listed_state(number)["files"], [])
        # the applicant sees what they sent, waiting for staff
        s = self.status(cl, number, code)
        self.assertEqual(self.sent(s), [("pending", None, [("年份证明.png", "image/png", len(data))])])
        self.assertEqual(s["correction_answers"][0]["received_on"], s["correction_answer"]["received_on"])
        self.assertNotIn(hashlib.sha256(data).hexdigest(), str(s))
        r = self.c["fclerk"].post(f"/api/v1/online-corrections/{aid}/confirm", {})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(self.sent(self.status(cl, number, code)),
                         [("confirmed", None, [("年份证明.png", "image/png", len(data))])])
        atts = self.c["fclerk"].get(f"/api/v1/requests/{req['id']}/attachments").json["attachments"]
        self.assertEqual([(a["kind"], a["name"], a["sha256"]) for a in atts],
                         [("correction_material", "年份证明.png", hashlib.sha256(data).hexdigest())])
        got = self.c["fclerk"].get(f"/api/v1/requests/{req['id']}/attachments/{atts[0]['id']}")
        self.assertEqual((got.status, got.body), (200, data))
        self.assertEqual(self.answer_row(req["id"], "confirmed")["files"][0]["attachment_id"], atts[0]["id"])
        self.assertEqual(psql(f"SELECT count(*) FROM online_files WHERE correction_id = {aid} "
                              "AND data IS NOT NULL", self.dbname), "0")
        # the answer is handled: no more files with it
        self.assertProblem(self.send(cl, number, code, data, purpose="correction"), 409, "online_file_no_answer")

    def test_returned_answer_drops_files(self):
        cl, number, code, req = self.confirmed_asked()
        aid = self.answered(cl, number, code)
        for i in range(3):
            self.assertEqual(self.send(cl, number, code, png(4 + i), purpose="correction").status, 201)
        self.assertProblem(self.send(cl, number, code, png(9), purpose="correction"), 409, "online_files_too_many")
        r = self.c["fclerk"].post(f"/api/v1/online-corrections/{aid}/reject", {"reason": "材料看不清"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(psql(f"SELECT count(*) FILTER (WHERE data IS NULL) || ' ' || count(*) FROM online_files "
                              f"WHERE correction_id = {aid}", self.dbname), "3 3")
        self.assertEqual(self.c["fclerk"].get(f"/api/v1/requests/{req['id']}/attachments").json["attachments"], [])
        # the applicant sees the returned answer with its files and the reason, and answers anew
        first = [("身份证.png", "image/png", len(png(4 + i))) for i in range(3)]
        self.assertEqual(self.sent(self.status(cl, number, code)), [("rejected", "材料看不清", first)])
        self.answered(cl, number, code)
        again = png(12)
        self.assertEqual(self.send(cl, number, code, again, name="清晰版.png", purpose="correction").status, 201)
        self.assertEqual(self.sent(self.status(cl, number, code)),
                         [("rejected", "材料看不清", first), ("pending", None, [("清晰版.png", "image/png", len(again))])])

    def test_status_lists_only_own_files(self):
        """Two applicants answering the same kind of notice: each status lists their own files only;
        an identity copy is not a correction answer's file."""
        mine = self.confirmed_asked()
        theirs = self.confirmed_asked()
        self.answered(*mine[:3])
        self.answered(*theirs[:3])
        self.assertEqual(self.send(*mine[:3], png(6), name="我的.png", purpose="correction").status, 201)
        self.assertEqual(self.send(*theirs[:3], png(8), name="他的.png", purpose="correction").status, 201)
        for (cl, number, code, _), name, size in ((mine, "我的.png", len(png(6))), (theirs, "他的.png", len(png(8)))):
            self.assertEqual(self.sent(self.status(cl, number, code)), [("pending", None, [(name, "image/png", size)])])
        # before registration there is no answer to list, even with an identity copy sent
        cl, number, code = self.submitted()
        self.assertEqual(self.send(cl, number, code, png()).status, 201)
        self.assertEqual(self.status(cl, number, code)["correction_answers"], [])

    def test_zz_no_5xx(self):
        self.assertEqual(psql("SELECT count(*) FROM online_files WHERE size <> length(data)", self.dbname), "0")
        self.assertTrue(self.statuses)
        self.assertEqual([s for s in self.statuses if s >= 500], [])


if __name__ == "__main__":
    main()
