"""The case file (案卷) for the archive over real HTTP and PostgreSQL (issue 14
item 4): GET /api/v1/requests/{id}/casefile opened with zipfile — every name
under the case's folder, UTF-8 flagged, nothing that leaves it; the index
(卷内目录) as CSV listing exactly the other files with their sizes and
SHA-256, and as a PDF; the registration sheet (登记表) read by pdftotext,
the identity number masked for an auditor and whole for the body's
administrator; every issued letter byte for byte as stored, its 文号 read
from it; every attachment byte for byte (one of three chunks streamed), a
voided one left out and counted; the timeline with the deadline explanation; the same case giving
the same bytes twice.  Other bodies get 404, auditors may read.  ogictl
casefile --year writes one ZIP per closed case (the same bytes as the API's
for an administrator), and a second run changes nothing (same mtimes and
hashes, the manifest untouched); a file removed is written again, alone."""
import csv
import hashlib
import io
import os
import shutil
import subprocess
import tempfile
import time
import unittest
import urllib.parse
import zipfile

from attachfiles import jpeg, pdf, png
from ogitest import OGICTL, OgidTestCase, conninfo, ogictl, main, test_key_file

TODAY = "2025-06-20"  # a Friday
PW = "a good long password"
ID_NUMBER = "11010519491231002X"
SETTINGS = {
    "name": "平湛市马山区马山街道办事处",
    "code": "MS",
    "letter_prefix": "平湛马办",
    "address": "平湛市马山区马山路1号",
    "phone": "0759-3333333",
    "court": "平湛市马山区人民法院",
}
HEADER = ["序号", "文件题名", "日期", "页数", "大小（字节）", "SHA-256", "文件名"]


def pdf_text(data):
    if shutil.which("pdftotext") is None:
        raise unittest.SkipTest("pdftotext (poppler-utils) is not installed")
    r = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True)
    return r.stdout.decode("utf-8")


def pdf_pages(data):
    r = subprocess.run(["pdfinfo", "-"], input=data, capture_output=True, check=True)
    for line in r.stdout.decode().splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise AssertionError("pdfinfo gave no page count")


def casefile_ctl(dbname, *args):
    env = dict(os.environ, OGI_TODAY=TODAY)
    return subprocess.run([OGICTL, "--database", conninfo(dbname), "--key-file", test_key_file(), "casefile",
                           *args], capture_output=True,
                          text=True, env=env)


class Casefile(OgidTestCase):
    ogid_env = {"OGI_TODAY": TODAY}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        district = ogictl(cls.dbname, "body", "add", "平湛市马山区人民政府", "--parent", "1").stdout.strip()
        cls.street = int(ogictl(cls.dbname, "body", "add", "马山街道办事处", "--parent", district, "--code", "MS").stdout)
        cls.other = int(ogictl(cls.dbname, "body", "add", "乙街道办事处", "--parent", district, "--code", "YI").stdout)
        cls.c = {}
        for name, role, body in (("clerk", "clerk", cls.street), ("handler", "handler", cls.street),
                                 ("approver", "approver", cls.street), ("auditor", "auditor", cls.street),
                                 ("streetadmin", "admin", cls.street), ("otherclerk", "clerk", cls.other),
                                 ("otherauditor", "auditor", cls.other)):
            ogictl(cls.dbname, "user", "add", name, "--role", role, "--body", str(body), "--password-stdin",
                   input=PW + "\n")
            cl = cls.ogid.client()
            cl.login(name, PW)
            cls.c[name] = cl
        a = cls.c["streetadmin"]
        version = a.get(f"/api/v1/bodies/{cls.street}").json["version"]
        r = a.put(f"/api/v1/bodies/{cls.street}", SETTINGS, headers={"If-Match": f'"{version}"'})
        assert r.status == 200, r
        # a case closed in 2025 with an issued reply, another closed in 2025, one still open
        cls.rid = cls.new(cls, "张三", "2025-05-06", "2024年本街道老旧小区改造项目的招标文件")
        cls.event(cls, cls.rid, {"type": "note", "on": "2025-05-07", "text": "申请人来电询问进度"})
        cls.event(cls, cls.rid, {"type": "replied", "on": "2025-05-20", "outcome": "disclosed"})
        r = cls.c["handler"].post(f"/api/v1/requests/{cls.rid}/letters",
                                  {"kind": "reply", "facts": {"provided": "招标文件及评标报告（共12页）"}})
        assert r.status == 201, r
        cls.lid = r.json["id"]
        r = cls.c["approver"].post(f"/api/v1/requests/{cls.rid}/letters/{cls.lid}/issue")
        assert r.status == 200, r
        cls.ref = r.json["ref"]
        # the papers: an identity copy, a signed form of three chunks, and one voided
        cls.jpeg, cls.form = jpeg(), pdf(pad=600_000)
        cls.upload(cls, cls.rid, cls.jpeg, "image/jpeg", "identity_copy", "身份证复印件.jpeg")
        cls.upload(cls, cls.rid, cls.form, "application/pdf", "application_form", "申请表（签字）")
        wrong = cls.upload(cls, cls.rid, png(), "image/png", "other", "别人的材料.png")
        r = cls.c["clerk"].post(f"/api/v1/requests/{cls.rid}/attachments/{wrong['id']}/void", {"reason": "传错了申请人"})
        assert r.status == 200, r
        cls.rid2 = cls.new(cls, "李四", "2025-03-03", "本街道2024年度财政预算执行情况")
        cls.event(cls, cls.rid2, {"type": "withdrawn", "on": "2025-03-10"})
        cls.open_rid = cls.new(cls, "王五", "2025-06-16", "本街道垃圾分类收运合同")

    def new(self, name, received_on, description):
        r = self.c["clerk"].post("/api/v1/requests", {
            "body_id": self.street, "channel": "in_person", "received_on": received_on,
            "applicant": {"kind": "natural_person", "name": name, "id_type": "resident_id_card",
                          "id_number": ID_NUMBER, "phone": "13800000000", "address": "平湛市马山区幸福路8号"},
            "description": description, "form": {"medium": "paper", "delivery": "post"}})
        assert r.status == 201, r
        return r.json["id"]

    def upload(self, rid, data, ctype, kind, name):
        r = self.c["clerk"].post(f"/api/v1/requests/{rid}/attachments?kind={kind}&name={urllib.parse.quote(name)}",
                                 raw=data, headers={"Content-Type": ctype})
        assert r.status == 201, r
        return r.json

    def event(self, rid, body):
        r = self.c["approver"].post(f"/api/v1/requests/{rid}/events", body)
        assert r.status == 201, r

    def casefile(self, rid, who="auditor"):
        r = self.c[who].get(f"/api/v1/requests/{rid}/casefile")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.header("Content-Type"), "application/zip")
        self.assertSecurityHeaders(r)
        return r

    def open_zip(self, data):
        z = zipfile.ZipFile(io.BytesIO(data))
        self.assertIsNone(z.testzip(), "every member's CRC is right")
        return z

    def index_rows(self, z, folder):
        raw = z.read(f"{folder}/00-卷内目录.csv")
        self.assertTrue(raw.startswith(b"\xef\xbb\xbf"), "a BOM: Excel and WPS read UTF-8")
        self.assertIn(b"\r\n", raw)
        rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))
        self.assertEqual(rows[0], HEADER)
        return rows[1:]

    def test_zip_index_and_documents(self):
        r = self.casefile(self.rid)
        disposition = r.header("Content-Disposition")
        self.assertTrue(disposition.startswith("attachment;"), disposition)
        self.assertIn("filename*=UTF-8''%E6%A1%88%E5%8D%B7-MS-2025-", disposition)  # 案卷-MS-2025-…
        z = self.open_zip(r.body)
        tracking = self.c["auditor"].get(f"/api/v1/requests/{self.rid}").json["tracking_no"]
        folder = tracking
        names = z.namelist()
        self.assertEqual(names[0], folder + "/")
        for info in z.infolist():
            self.assertTrue(info.filename.startswith(folder + "/"), info.filename)
            self.assertNotIn("..", info.filename)
            self.assertNotIn("\\", info.filename)
            self.assertFalse(info.filename.startswith("/"))
            if any(ord(ch) > 127 for ch in info.filename):
                self.assertTrue(info.flag_bits & 0x800, f"{info.filename}: the UTF-8 flag")
        rows = self.index_rows(z, folder)
        files = {n[len(folder) + 1:] for n in names if not n.endswith("/")}
        listed = {row[6] for row in rows}
        self.assertEqual(files - listed, {"00-卷内目录.csv", "00-卷内目录.pdf"},
                         "the index lists every other file, and only those")
        self.assertEqual(listed - files, set())
        self.assertEqual([int(row[0]) for row in rows], list(range(1, len(rows) + 1)), "序号 from 1, gap-free")
        for seq, title, date, pages, size, sha, name in rows:
            data = z.read(f"{folder}/{name}")
            self.assertEqual(len(data), int(size), name)
            self.assertEqual(hashlib.sha256(data).hexdigest(), sha, name)
            self.assertTrue(name.startswith(f"{int(seq):02d}-"), name)
            self.assertRegex(date, r"^\d{4}-\d{2}-\d{2}$")
            if name.endswith(".pdf") and pages:
                self.assertEqual(int(pages), pdf_pages(data), f"{name}: 页数")
        by_title = {row[1]: row for row in rows}

        # the registration sheet: the applicant, the application, masked for an auditor
        reg = next(row for row in rows if row[1] == "政府信息公开申请登记表")
        self.assertEqual(reg[0], "1")
        self.assertEqual(reg[2], "2025-05-06", "dated the day the application was received")
        text = pdf_text(z.read(f"{folder}/{reg[6]}"))
        for words in ("政府信息公开申请登记表", SETTINGS["name"], tracking, "张三", "当面提交", "2025-05-06",
                      "2024年本街道老旧小区改造项目的招标文件", "已办结", "予以公开", "已隐去部分号码"):
            self.assertIn(words, text)
        self.assertNotIn(ID_NUMBER, text, "an auditor reads the identity number masked")

        # the issued letter: the stored PDF byte for byte, its 文号 in it
        letter = next(row for row in rows if self.ref in row[1])
        data = z.read(f"{folder}/{letter[6]}")
        stored = self.c["auditor"].get(f"/api/v1/requests/{self.rid}/letters/{self.lid}?type=pdf").body
        self.assertEqual(data, stored)
        self.assertIn(self.ref, pdf_text(data))
        self.assertEqual(letter[2], TODAY, "dated the letter's date")

        # the papers as uploaded, named by their kind and original name; the voided one left out
        photo = by_title["身份证明：身份证复印件"]
        self.assertTrue(photo[6].endswith("-身份证明：身份证复印件.jpeg"), photo)
        self.assertEqual(z.read(f"{folder}/{photo[6]}"), self.jpeg)
        self.assertEqual(photo[3], "", "no page count for a photograph")
        form = by_title["申请表：申请表（签字）"]
        self.assertTrue(form[6].endswith(".pdf"), form)
        self.assertEqual(z.read(f"{folder}/{form[6]}"), self.form, "three chunks streamed in order")
        self.assertFalse(any("别人的材料" in row[1] for row in rows), "a voided paper is not in the file")
        self.assertEqual(z.getinfo(f"{folder}/{photo[6]}").compress_type, zipfile.ZIP_STORED, "a JPEG stored")

        # the timeline: every event and the deadline explained
        timeline = by_title["办理记录与期限说明"]
        text = pdf_text(z.read(f"{folder}/{timeline[6]}"))
        for words in ("办理记录与期限说明", "登记", "备注", "申请人来电询问进度", "作出答复", "文书签发", self.ref,
                      "答复期限的计算", "按期办结"):
            self.assertIn(words, text.replace("\n", ""))
        events_csv = z.read(f"{folder}/{by_title['办理记录'][6]}")
        self.assertTrue(events_csv.startswith(b"\xef\xbb\xbf"))
        events = list(csv.reader(io.StringIO(events_csv[3:].decode("utf-8"), newline="")))
        self.assertEqual(events[0], ["日期", "事项", "说明", "记录人", "记录时间"])
        self.assertEqual([e[1] for e in events[1:]], ["登记", "备注", "作出答复", "文书签发"])

        # the index as a PDF lists the same files
        text = pdf_text(z.read(f"{folder}/00-卷内目录.pdf"))
        self.assertIn("卷内目录", text)
        for row in rows:
            self.assertIn(row[5][:32], text.replace("\n", ""), f"{row[1]}: its digest printed")
        self.assertIn(f"本卷共{len(rows)}件。另有1件已作废的案卷材料未收入本卷。", text.replace("\n", ""))

        # the same case gives the same bytes
        self.assertEqual(self.casefile(self.rid).body, r.body)

    def test_identity_number_whole_for_the_administrator(self):
        z = self.open_zip(self.casefile(self.rid, "streetadmin").body)
        folder = z.namelist()[0].rstrip("/")
        reg = next(row for row in self.index_rows(z, folder) if row[1] == "政府信息公开申请登记表")
        text = pdf_text(z.read(f"{folder}/{reg[6]}"))
        self.assertIn(ID_NUMBER, text)
        self.assertNotIn("已隐去部分号码", text)

    def test_who_reads_it(self):
        self.assertProblem(self.c["otherclerk"].get(f"/api/v1/requests/{self.rid}/casefile"), 404, "not_found")
        self.assertProblem(self.c["otherauditor"].get(f"/api/v1/requests/{self.rid}/casefile"), 404, "not_found")
        self.assertProblem(self.ogid.client().get(f"/api/v1/requests/{self.rid}/casefile"), 401)
        self.assertProblem(self.c["auditor"].get("/api/v1/requests/999999/casefile"), 404, "not_found")
        self.assertProblem(self.c["auditor"].post(f"/api/v1/requests/{self.rid}/casefile"), 405)
        # an open request has a case file too (the archive takes the closed ones)
        z = self.open_zip(self.casefile(self.open_rid, "clerk").body)
        folder = z.namelist()[0].rstrip("/")
        text = pdf_text(z.read(f"{folder}/01-政府信息公开申请登记表.pdf"))
        self.assertIn("办理中", text)

    def test_ogictl_export_is_resumable(self):
        out = tempfile.mkdtemp(prefix="casefile-")
        try:
            r = casefile_ctl(self.dbname, "--year", "2025", "--body", str(self.street), "--output", out)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("2 written, 0 unchanged", r.stderr)
            tracking = {rid: self.c["auditor"].get(f"/api/v1/requests/{rid}").json["tracking_no"]
                        for rid in (self.rid, self.rid2, self.open_rid)}
            zips = sorted(f for f in os.listdir(out) if f.endswith(".zip"))
            self.assertEqual(zips, sorted([tracking[self.rid] + ".zip", tracking[self.rid2] + ".zip"]),
                             "the closed cases of 2025, not the open one")
            self.assertEqual(sorted(os.listdir(out)), sorted(zips + ["manifest.csv"]), "no temporary file left")
            # an administrator's ZIP from the API is the same file
            with open(os.path.join(out, tracking[self.rid] + ".zip"), "rb") as f:
                self.assertEqual(f.read(), self.casefile(self.rid, "streetadmin").body)

            raw = open(os.path.join(out, "manifest.csv"), "rb").read()
            self.assertTrue(raw.startswith(b"\xef\xbb\xbf"))
            manifest = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))
            self.assertEqual(manifest[0], ["文件名", "申请编号", "办结日期", "大小（字节）", "SHA-256", "来源指纹"])
            self.assertEqual(len(manifest), 3)
            for name, number, closed, size, sha, fp in manifest[1:]:
                data = open(os.path.join(out, name), "rb").read()
                self.assertEqual((len(data), hashlib.sha256(data).hexdigest()), (int(size), sha))
                self.assertEqual(name, number + ".zip")
                self.assertRegex(fp, r"^[0-9a-f]{64}$")
                self.assertTrue(closed.startswith("2025-"))

            def state():
                return {f: (os.stat(os.path.join(out, f)).st_mtime_ns,
                            hashlib.sha256(open(os.path.join(out, f), "rb").read()).hexdigest())
                        for f in os.listdir(out)}

            before = state()
            time.sleep(0.05)  # so a rewrite would show in the mtimes
            r = casefile_ctl(self.dbname, "--year", "2025", "--body", str(self.street), "--output", out)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("0 written, 2 unchanged", r.stderr)
            self.assertEqual(state(), before, "a second run changes nothing")

            # resumed: a file lost (or a run cut off) is written again, the same bytes, alone
            gone = tracking[self.rid2] + ".zip"
            os.unlink(os.path.join(out, gone))
            open(os.path.join(out, ".ogi-partial-" + gone), "wb").write(b"half a zip")
            r = casefile_ctl(self.dbname, "--year", "2025", "--body", str(self.street), "--output", out)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("1 written, 1 unchanged", r.stderr)
            after = state()
            self.assertEqual(after[gone][1], before[gone][1], "the same bytes as before")
            for f in before:
                if f != gone:
                    self.assertEqual(after[f], before[f], f"{f} untouched")
            self.assertNotIn(".ogi-partial-" + gone, after)

            # a damaged file is found by its digest and written again
            path = os.path.join(out, tracking[self.rid] + ".zip")
            with open(path, "r+b") as f:
                f.seek(100)
                f.write(b"\0\0\0\0")
            r = casefile_ctl(self.dbname, "--year", "2025", "--body", str(self.street), "--output", out)
            self.assertIn("1 written, 1 unchanged", r.stderr)
            self.assertEqual(state()[tracking[self.rid] + ".zip"][1], before[tracking[self.rid] + ".zip"][1])

            # another year: nothing closed, nothing written but an empty manifest
            other = os.path.join(out, "2024")
            r = casefile_ctl(self.dbname, "--year", "2024", "--body", str(self.street), "--output", other)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(os.listdir(other), ["manifest.csv"])
            # usage and user errors
            self.assertEqual(casefile_ctl(self.dbname, "--year", "2025", "--output", out).returncode, 2)
            r = casefile_ctl(self.dbname, "--year", "2025", "--body", "999999", "--output", out)
            self.assertEqual(r.returncode, 1)
            self.assertIn("no body 999999", r.stderr)
        finally:
            shutil.rmtree(out)


if __name__ == "__main__":
    main()
