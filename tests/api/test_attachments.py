"""Attachments (案卷材料, issue 14 items 1 and 7) over real HTTP: a paper uploaded as the raw
body is streamed into PostgreSQL and comes back byte for byte under its name, with its SHA-256
as the ETag, HEAD and one Range; its type is decided from the bytes; it is voided, never
deleted.  Each bad input — an empty file, a wrong type, a bad name, an over-size file (413
before the body is sent), a slow upload past the deadline, a body that lies about its length,
a connection cut off half-way — is refused or dropped with nothing stored, and ogid stays up.
Who may do what: clerks upload and void, auditors read, another body sees 404."""
import hashlib
import socket
import threading
import time
import urllib.parse

from attachfiles import docx, jpeg, ofd, pdf, png, text, zip_of
from ogitest import OgidTestCase, main, ogictl, psql

PASSWORD = "a good long password"
MAX_FILE = 2 * 1024 * 1024
MAX_TOTAL = 6 * 1024 * 1024
TIMEOUT = 3


def path_of(rid, kind="other", name="材料.pdf"):
    return f"/api/v1/requests/{rid}/attachments?kind={kind}&name={urllib.parse.quote(name)}"


class Attachments(OgidTestCase):
    ogid_env = {"OGI_TODAY": "2025-06-20"}
    ogid_args = ("--max-attachment", str(MAX_FILE), "--max-attachments-total", str(MAX_TOTAL),
                 "--request-timeout", str(TIMEOUT))

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.body = int(ogictl(cls.dbname, "body", "add", "材料街道", "--parent", "1").stdout)
        cls.other_body = int(ogictl(cls.dbname, "body", "add", "别的街道", "--parent", "1").stdout)
        for name, role, body in (("attclerk", "clerk", cls.body), ("attaudit", "auditor", cls.body),
                                 ("otherclerk", "clerk", cls.other_body)):
            ogictl(cls.dbname, "user", "add", name, "--role", role, "--body", str(body), "--password-stdin",
                   input=PASSWORD + "\n")
        cls.clerk = cls.ogid.client()
        cls.clerk.login("attclerk", PASSWORD)
        cls.auditor = cls.ogid.client()
        cls.auditor.login("attaudit", PASSWORD)
        cls.other = cls.ogid.client()
        cls.other.login("otherclerk", PASSWORD)

    def new_request(self):
        r = self.clerk.post("/api/v1/requests", {
            "body_id": self.body, "channel": "in_person", "received_on": "2025-06-16",
            "applicant": {"kind": "natural_person", "name": "王五"}, "description": "2024年老旧小区改造资金",
            "form": {"medium": "electronic", "delivery": "email"}})
        self.assertEqual(r.status, 201, r)
        return r.json["id"]

    def upload(self, rid, data, ctype, kind="other", name="材料.pdf", client=None):
        return (client or self.clerk).post(path_of(rid, kind, name), raw=data, headers={"Content-Type": ctype})

    def listed(self, rid):
        r = self.clerk.get(f"/api/v1/requests/{rid}/attachments")
        self.assertEqual(r.status, 200, r)
        return r.json["attachments"]

    def assertNothingHalfStored(self):
        # every chunk belongs to a committed attachment, and every attachment has all its chunks
        self.assertEqual(psql("SELECT count(*) FROM attachment_chunks c WHERE NOT EXISTS "
                              "(SELECT FROM attachments a WHERE a.id = c.attachment_id)", self.dbname), "0")
        self.assertEqual(psql("SELECT count(*) FROM attachments a WHERE a.chunks <> (SELECT count(*) FROM "
                              "attachment_chunks c WHERE c.attachment_id = a.id) OR a.size <> (SELECT "
                              "sum(length(data)) FROM attachment_chunks c WHERE c.attachment_id = a.id)",
                              self.dbname), "0")

    def assertUp(self):
        self.assertEqual(self.ogid.proc.poll(), None, "ogid exited")
        self.assertEqual(self.clerk.get("/healthz").status, 200)

    def raw(self, head, body=b"", wait=5.0, close_write=False):
        """Speaks HTTP by hand: sends head and body, returns what came back until ogid closed or wait."""
        s = socket.create_connection(("127.0.0.1", self.ogid.port), timeout=wait)
        try:
            s.sendall(head + body)
            if close_write:
                s.shutdown(socket.SHUT_WR)
            got = b""
            deadline = time.monotonic() + wait
            while time.monotonic() < deadline:
                try:
                    part = s.recv(65536)
                except (socket.timeout, ConnectionResetError):
                    break
                if not part:
                    break
                got += part
            return got
        finally:
            s.close()

    def head_of(self, rid, ctype, length, name="半截.pdf", extra=b""):
        return (f"POST {path_of(rid, 'other', name)} HTTP/1.1\r\nHost: 127.0.0.1:{self.ogid.port}\r\n"
                f"Cookie: ogi_session={self.clerk.cookie}\r\nOrigin: http://127.0.0.1:{self.ogid.port}\r\n"
                f"Content-Type: {ctype}\r\nContent-Length: {length}\r\n").encode() + extra + b"\r\n"

    # -- upload, list, download ------------------------------------------------------------------

    def test_round_trip(self):
        rid = self.new_request()
        data = pdf(700_000)  # three chunks of 256 KiB
        r = self.upload(rid, data, "application/pdf", "application_form", "申请表（签字）.pdf")
        self.assertEqual(r.status, 201, r)
        a = r.json
        digest = hashlib.sha256(data).hexdigest()
        self.assertEqual((a["kind"], a["name"], a["content_type"], a["size"], a["sha256"], a["void"]),
                         ("application_form", "申请表（签字）.pdf", "application/pdf", len(data), digest, False))
        self.assertEqual(a["created_by"], "attclerk")
        self.assertEqual(r.header("Location"), f"/api/v1/requests/{rid}/attachments/{a['id']}")
        self.assertEqual([x["id"] for x in self.listed(rid)], [a["id"]])
        url = a["href"]
        r = self.auditor.get(url)
        self.assertEqual(r.status, 200)
        self.assertEqual(r.body, data)
        self.assertEqual(r.header("Content-Type"), "application/pdf")
        self.assertEqual(r.header("ETag"), f'"{digest}"')
        self.assertEqual(r.header("Accept-Ranges"), "bytes")
        disposition = r.header("Content-Disposition")
        self.assertTrue(disposition.startswith("attachment;"), disposition)
        self.assertIn("filename*=UTF-8''" + urllib.parse.quote("申请表（签字）.pdf", safe=""), disposition)
        self.assertIn(f'filename="attachment-{a["id"]}.pdf"', disposition)
        self.assertSecurityHeaders(r)
        # HEAD: the headers alone
        r = self.auditor.request("HEAD", url)
        self.assertEqual((r.status, r.body, r.header("Content-Length"), r.header("ETag")),
                         (200, b"", str(len(data)), f'"{digest}"'))
        # ranges: across a chunk's end, from an offset on, the last bytes
        for spec, want in (("bytes=262100-262200", data[262100:262201]), ("bytes=600000-", data[600000:]),
                           ("bytes=-100", data[-100:]), ("bytes=0-0", data[:1]),
                           (f"bytes=10-{len(data) + 50}", data[10:])):
            r = self.auditor.get(url, headers={"Range": spec})
            self.assertEqual(r.status, 206, spec)
            self.assertEqual(r.body, want, spec)
            first = len(data) - len(want) if spec.startswith("bytes=-") else int(spec[6:].split("-")[0])
            self.assertEqual(r.header("Content-Range"), f"bytes {first}-{first + len(want) - 1}/{len(data)}")
        r = self.auditor.get(url, headers={"Range": f"bytes={len(data)}-"})
        self.assertProblem(r, 416, "range_not_satisfiable")
        self.assertEqual(r.header("Content-Range"), f"bytes */{len(data)}")
        # several ranges, or a stale If-Range: the whole file
        for h in ({"Range": "bytes=0-1,5-6"}, {"Range": "bytes=0-1", "If-Range": '"stale"'}):
            r = self.auditor.get(url, headers=h)
            self.assertEqual((r.status, r.body), (200, data), h)
        r = self.auditor.get(url, headers={"If-None-Match": f'"{digest}"'})
        self.assertEqual((r.status, r.body), (304, b""))

    def test_types_from_the_bytes(self):
        rid = self.new_request()
        kept = [(png(), "image/png", "照片.png"), (jpeg(), "image/jpeg", "身份证.jpg"),
                (docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "意见.docx"),
                (ofd(), "application/ofd", "回执.ofd"), (text(), "text/plain; charset=utf-8", "说明.txt"),
                (zip_of([("a.txt", "附件")]), "application/zip", "材料.zip"), (pdf(), "application/pdf", "a.pdf"),
                (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "application/msword", "旧版.doc"),
                (b"II*\x00\x08\x00\x00\x00" + bytes(64), "image/tiff", "扫描.tif")]
        for data, ctype, name in kept:
            r = self.upload(rid, data, ctype, "correction_material", name)
            self.assertEqual(r.status, 201, (name, r))
            self.assertEqual(r.json["sha256"], hashlib.sha256(data).hexdigest())
        n = len(self.listed(rid))
        refused = [
            (pdf(), "image/png", "attachment_type_mismatch"),           # a PDF sent as a PNG
            (docx(), "application/ofd", "attachment_type_mismatch"),    # a DOCX is no OFD
            (png(), "application/pdf", "attachment_type_mismatch"),
            (b"<html><script>alert(1)</script></html>", "text/plain", "attachment_type_not_allowed"),
            (b"MZ\x90\x00" + bytes(200), "application/pdf", "attachment_type_not_allowed"),  # a program
            (b"#!/bin/sh\nrm -rf /\n", "text/plain", "attachment_type_not_allowed"),
            (pdf(), "application/x-msdownload", "attachment_type_not_allowed"),  # refused before the body
            (pdf(), "text/html", "attachment_type_not_allowed"),
        ]
        for data, ctype, code in refused:
            self.assertProblem(self.upload(rid, data, ctype), 415, code)
        self.assertProblem(self.clerk.post(path_of(rid), raw=pdf()), 415, "attachment_type_not_allowed")
        self.assertEqual(len(self.listed(rid)), n)
        self.assertNothingHalfStored()

    # -- item 7: bad input ---------------------------------------------------------------------------

    def test_bad_names_and_kinds(self):
        rid = self.new_request()
        for name, rule in (("a/b.pdf", "separator"), ("..\\..\\etc.pdf", "separator"),
                           ("\u0085.pdf", "control_character"), ("\u009b1m.pdf", "control_character"),
                           # a right-to-left override shows "a\u202efdp.exe" as "aexe.pdf"; its kin,
                           # the line separator and the byte-order mark are as unseen
                           ("a\u202efdp.exe", "control_character"), ("a\u2067b.pdf", "control_character"),
                           ("a\u200fb.pdf", "control_character"), ("a\u061cb.pdf", "control_character"),
                           ("a\u2028b.pdf", "control_character"), ("\ufeffa.pdf", "control_character"),
                           ("字" * 300 + ".pdf", "too_long"), ("", "empty"), ("   ", "empty"), ("..", "reserved")):
            p = self.assertProblem(self.upload(rid, pdf(), "application/pdf", name=name), 400, "invalid_input",
                                   field="name")
            self.assertEqual([e["code"] for e in p["errors"]], [rule], name)
        # NUL and the C0 controls: refused where every query is checked, naming the query and the rule
        for name in ("a\x00b.pdf", "a\x01b.pdf", "行\n二.pdf", "tab\t.pdf", "del\x7f.pdf"):
            p = self.assertProblem(self.upload(rid, pdf(), "application/pdf", name=name), 400, "invalid_input",
                                   field="query")
            self.assertEqual([e["code"] for e in p["errors"]], ["control_character"], name)
        # bytes that are no UTF-8: refused naming the parameter
        r = self.clerk.post(f"/api/v1/requests/{rid}/attachments?kind=other&name=%FF%FE.pdf", raw=pdf(),
                            headers={"Content-Type": "application/pdf"})
        p = self.assertProblem(r, 400, "invalid_input", field="name")
        self.assertEqual([e["code"] for e in p["errors"]], ["utf8"])
        # 255 characters are fine
        self.assertEqual(self.upload(rid, pdf(), "application/pdf", name="字" * 251 + ".pdf").status, 201)
        for q, field in (("kind=bogus&name=a.pdf", "kind"), ("name=a.pdf", "kind"), ("kind=other", "name")):
            r = self.clerk.post(f"/api/v1/requests/{rid}/attachments?{q}", raw=pdf(),
                                headers={"Content-Type": "application/pdf"})
            self.assertProblem(r, 400, "invalid_input", field=field)
        self.assertEqual(len(self.listed(rid)), 1)
        self.assertUp()

    def test_empty_file(self):
        rid = self.new_request()
        self.assertProblem(self.upload(rid, b"", "application/pdf"), 400, "attachment_empty")
        # chunked with no bytes at all: refused at its end
        got = self.raw((f"POST {path_of(rid)} HTTP/1.1\r\nHost: 127.0.0.1:{self.ogid.port}\r\nCookie: ogi_session={self.clerk.cookie}\r\n"
                        f"Origin: http://127.0.0.1:{self.ogid.port}\r\nContent-Type: application/pdf\r\n"
                        "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n").encode())
        self.assertIn(b" 400 ", got.split(b"\r\n")[0])
        self.assertIn(b"attachment_empty", got)
        self.assertEqual(self.listed(rid), [])

    def test_over_size_refused_before_the_body(self):
        rid = self.new_request()
        # the headers alone: ogid answers 413 without waiting for a byte of the body
        started = time.monotonic()
        got = self.raw(self.head_of(rid, "application/pdf", MAX_FILE + 1), wait=TIMEOUT - 1)
        self.assertTrue(got.startswith(b"HTTP/1.1 413 "), got[:200])
        self.assertIn(b"attachment_too_large", got)
        self.assertLess(time.monotonic() - started, TIMEOUT, "ogid waited for the body")
        # chunked, no length said: stopped when the limit is passed, answered at the end
        size = MAX_FILE + 300_000
        data = pdf(size)
        chunked = b"".join(b"%x\r\n" % len(data[i:i + 65536]) + data[i:i + 65536] + b"\r\n"
                           for i in range(0, len(data), 65536)) + b"0\r\n\r\n"
        got = self.raw((f"POST {path_of(rid)} HTTP/1.1\r\nHost: 127.0.0.1:{self.ogid.port}\r\nCookie: ogi_session={self.clerk.cookie}\r\n"
                        f"Origin: http://127.0.0.1:{self.ogid.port}\r\nContent-Type: application/pdf\r\n"
                        "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").encode(), chunked)
        self.assertTrue(got.startswith(b"HTTP/1.1 413 "), got[:200])
        # the request's total: three files of 1.9 MiB fit in 6 MiB, a fourth does not
        rid = self.new_request()
        for i in range(3):
            self.assertEqual(self.upload(rid, pdf(1_900_000), "application/pdf", name=f"{i}.pdf").status, 201)
        # refused on its headers, before the body, so the answer is read off the socket: a client
        # still sending a body ogid will not read may see the connection closed under it
        got = self.raw(self.head_of(rid, "application/pdf", 1_000_000), wait=TIMEOUT - 1)
        self.assertTrue(got.startswith(b"HTTP/1.1 413 "), got[:200])
        self.assertIn(b"attachments_total_too_large", got)
        self.assertEqual(len(self.listed(rid)), 3)
        self.assertNothingHalfStored()
        self.assertUp()

    def test_slow_upload_cut_off(self):
        rid = self.new_request()
        s = socket.create_connection(("127.0.0.1", self.ogid.port), timeout=TIMEOUT + 5)
        try:
            s.sendall(self.head_of(rid, "application/pdf", 600_000) + pdf(600_000)[:300_000])
            time.sleep(TIMEOUT + 2)  # past --request-timeout with half the body sent
            try:
                s.sendall(b"x" * 1000)
                got = s.recv(1000)
            except (BrokenPipeError, ConnectionResetError):
                got = b""
            self.assertNotIn(b"201", got)
        finally:
            s.close()
        self.assertEqual(self.listed(rid), [])
        self.assertNothingHalfStored()
        self.assertUp()

    def test_cut_off_and_lying_lengths(self):
        rid = self.new_request()
        data = pdf(800_000)
        # more announced than sent, then the client hangs up: rolled back
        got = self.raw(self.head_of(rid, "application/pdf", len(data)), data[:500_000], wait=2, close_write=True)
        self.assertNotIn(b" 201 ", got)
        # cut off with the connection closed outright, mid-chunk
        s = socket.create_connection(("127.0.0.1", self.ogid.port))
        s.sendall(self.head_of(rid, "application/pdf", len(data)) + data[:300_000])
        time.sleep(0.3)
        s.close()
        time.sleep(0.5)
        self.assertEqual(self.listed(rid), [])
        # less announced than sent: the file is the bytes announced, what follows is no request
        t = text()
        got = self.raw(self.head_of(rid, "text/plain", len(t), name="说明.txt"), t + b"GARBAGE / HTTP/9\r\n\r\n")
        self.assertTrue(got.startswith(b"HTTP/1.1 201 "), got[:300])
        self.assertIn(b" 400 ", got[got.index(b"\r\n\r\n"):])  # the rest answered as a bad request
        stored = self.listed(rid)
        self.assertEqual([(x["size"], x["sha256"]) for x in stored], [(len(t), hashlib.sha256(t).hexdigest())])
        self.assertNothingHalfStored()
        self.assertUp()

    def test_many_at_once(self):
        """Uploads in parallel each keep their own transaction: all land, each whole."""
        rid = self.new_request()
        files = [pdf(300_000 + i * 1000) for i in range(6)]
        results = [None] * len(files)

        def one(i):
            results[i] = self.upload(rid, files[i], "application/pdf", name=f"并发{i}.pdf")
        threads = [threading.Thread(target=one, args=(i,)) for i in range(len(files))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual([r.status for r in results], [201] * len(files))
        by_name = {x["name"]: x for x in self.listed(rid)}
        for i, data in enumerate(files):
            a = by_name[f"并发{i}.pdf"]
            self.assertEqual(a["sha256"], hashlib.sha256(data).hexdigest())
            self.assertEqual(self.clerk.get(a["href"]).body, data)
        self.assertNothingHalfStored()

    # -- void, closed requests, who ------------------------------------------------------------------

    def test_void_keeps_the_bytes(self):
        rid = self.new_request()
        a = self.upload(rid, png(), "image/png", "identity_copy", "身份证复印件.png").json
        url = f"/api/v1/requests/{rid}/attachments/{a['id']}/void"
        self.assertProblem(self.clerk.post(url, {}), 400, "invalid_input", field="reason")
        self.assertProblem(self.clerk.post(url, {"reason": "  "}), 400, "invalid_input", field="reason")
        self.assertProblem(self.auditor.post(url, {"reason": "误传"}), 403, "forbidden")
        r = self.clerk.post(url, {"reason": "传错了申请人"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual((r.json["void"], r.json["void_reason"], r.json["voided_by"]), (True, "传错了申请人", "attclerk"))
        self.assertProblem(self.clerk.post(url, {"reason": "再次"}), 409, "attachment_already_void")
        self.assertEqual(self.clerk.get(a["href"]).body, png())  # the bytes stay
        self.assertTrue(self.listed(rid)[0]["void"])
        r = self.admin.get(f"/api/v1/audit?entity=attachment&entity_id={a['id']}")
        self.assertEqual(r.status, 200, r)
        audit = r.json
        self.assertEqual(sorted(x["action"] for x in audit["entries"]), ["upload", "void"])
        # the database itself refuses deleting or rewriting
        for sql in (f"DELETE FROM attachments WHERE id = {a['id']}",
                    f"UPDATE attachment_chunks SET data = 'x' WHERE attachment_id = {a['id']}",
                    f"UPDATE attachments SET name = 'x' WHERE id = {a['id']}"):
            with self.assertRaises(RuntimeError):
                psql(sql, self.dbname)

    def test_closed_requests_take_papers(self):
        rid = self.new_request()
        r = self.clerk.post(f"/api/v1/requests/{rid}/events", {"type": "withdrawn", "on": "2025-06-18"})
        self.assertEqual(r.status, 201, r)
        r = self.upload(rid, pdf(), "application/pdf", "delivery_proof", "送达回证.pdf")
        self.assertEqual(r.status, 201, r)

    def test_who(self):
        rid = self.new_request()
        a = self.upload(rid, pdf(), "application/pdf").json
        base = f"/api/v1/requests/{rid}/attachments"
        # an auditor reads, never writes
        self.assertEqual(self.auditor.get(base).status, 200)
        self.assertEqual(self.auditor.get(a["href"]).status, 200)
        self.assertProblem(self.upload(rid, pdf(), "application/pdf", client=self.auditor), 403, "forbidden")
        # another body's clerk: no such request
        self.assertProblem(self.other.get(base), 404, "not_found")
        self.assertProblem(self.other.get(a["href"]), 404, "not_found")
        self.assertEqual(self.other.request("HEAD", a["href"]).status, 404)
        self.assertProblem(self.upload(rid, pdf(), "application/pdf", client=self.other), 404, "not_found")
        self.assertProblem(self.other.post(f"{base}/{a['id']}/void", {"reason": "x"}), 404, "not_found")
        # nobody signed in
        anon = self.ogid.client()
        self.assertProblem(anon.get(base), 401)
        self.assertProblem(self.upload(rid, pdf(), "application/pdf", client=anon), 401)
        # an attachment of another request is not found through this one
        rid2 = self.new_request()
        self.assertProblem(self.clerk.get(f"/api/v1/requests/{rid2}/attachments/{a['id']}"), 404, "not_found")
        self.assertProblem(self.clerk.get(f"/api/v1/requests/999999/attachments"), 404, "not_found")
        self.assertEqual(len(self.listed(rid)), 1)


if __name__ == "__main__":
    main()
