"""Importing an office's register from the web page's API (issue 20 items 1-2) over real
HTTP and PostgreSQL: POST /api/v1/bodies/{id}/register-imports with an .xlsx built by
openpyxl (Debian's python3-openpyxl: this test runs under /usr/bin/python3) or a GBK CSV as
Excel and WPS save one, the dry run's report (the columns with their sample values, the
guessed mapping, every problem with its row, column, value and rule in Chinese and English),
a check again with an edited mapping and outcome table, the run done by ogid's worker thread
with its progress, the result and the requests in the queue, the same file a second time
changing nothing, a run whose daemon died found again, and 4xx with the field and the rule
for bad input, another body's admin and a clerk — never a 5xx."""
import http.client
import io
import json
import urllib.parse

import openpyxl

from ogitest import OgidTestCase, main, ogictl, psql, wait_for

PW = "a good long password"
TODAY = "2026-06-20"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = ["序号", "收到日期", "申请人", "证件号码", "申请方式", "申请内容", "答复日期", "答复类型", "备注"]
# 11010519491231002X: a valid 居民身份证 number (GB 11643 check digit X)
GOOD_ID = "11010519491231002X"


def xlsx(rows, header=HEADER, title="2026年台账"):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    ws.append(header)
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def gbk_csv(rows, header=HEADER):
    lines = [",".join(header)] + [",".join(str(c) for c in r) for r in rows]
    return ("\r\n".join(lines) + "\r\n").encode("gbk")


class RegisterImportApi(OgidTestCase):
    ogid_env = {"OGI_TODAY": TODAY}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        db = cls.dbname
        cls.s1 = int(ogictl(db, "body", "add", "马山街道办事处", "--parent", "1", "--code", "MS").stdout)
        cls.s2 = int(ogictl(db, "body", "add", "乙街道办事处", "--parent", "1", "--code", "YI").stdout)
        cls.c = {}
        for name, role, body in (("s1admin", "admin", cls.s1), ("s1clerk", "clerk", cls.s1),
                                 ("s2admin", "admin", cls.s2)):
            ogictl(db, "user", "add", name, "--role", role, "--body", str(body), "--password-stdin",
                   input=PW + "\n")
            cl = cls.ogid.client()
            cl.login(name, PW)
            cls.c[name] = cl

    def send(self, who, method, path, body=None, raw=None, ctype=None):
        headers = {"Content-Type": ctype} if ctype else None
        r = self.c[who].request(method, path, body=body, raw=raw, headers=headers)
        self.assertLess(r.status, 500, r)
        return r

    def upload(self, data, name="台账.xlsx", ctype=XLSX, who="s1admin", body=None):
        return self.send(who, "POST", f"/api/v1/bodies/{body or self.s1}/register-imports?name={urllib.parse.quote(name)}",
                         raw=data, ctype=ctype)

    def wait_done(self, jid, who="s1admin"):
        return wait_for(f"import {jid} to end", lambda: (
            lambda j: j if j["status"] in ("done", "failed") else None)(
                self.send(who, "GET", f"/api/v1/register-imports/{jid}").json))

    def test_dry_run_report(self):
        rows = [
            [1, "2026-01-05", "张三", GOOD_ID, "当面", "2025年本街道道路维修资金的使用情况", "2026-01-20", "予以公开", ""],
            [2, "2026/2/30", "李四", "", "邮寄", "老旧小区改造的招标文件", "", "", ""],          # no such day
            [3, "2026-03-02", "王五", "110105194912310021", "网上", "拆迁补偿标准", "", "", ""],  # check digit
            [4, "2026-03-09", "赵六", "", "当面", "垃圾清运合同", "2026-03-01", "予以公开", ""],   # reply first
            [5, "2026-04-01", "钱七", "", "当面", "路灯维护记录", "2026-04-10", "同意给他看", ""],  # unknown label
            [6, "2026-05-06", "孙八", "", "当面", "本街道2025年预算", "", "", "尚在办理"],          # open
        ]
        r = self.upload(xlsx(rows))
        self.assertEqual(r.status, 201, r)
        self.assertTrue(r.header("Location").endswith(f"/register-imports/{r.json['id']}"))
        j = r.json
        self.assertEqual((j["status"], j["format"], j["file_name"], j["rows_total"]), ("checked", "xlsx", "台账.xlsx", 6))
        rep = j["report"]
        self.assertEqual(rep["sheet"], "2026年台账")
        self.assertEqual(rep["header_row"], 1)
        cols = {c["column"]: c for c in rep["columns"]}
        self.assertEqual(cols["B"]["header"], "收到日期")
        self.assertEqual(cols["C"]["samples"][:3], ["张三", "李四", "王五"])
        # the preset found the usual columns
        m = rep["mapping"]["columns"]
        self.assertEqual((m["received_on"], m["applicant_name"], m["description"], m["outcome"]), ("B", "C", "F", "H"))
        self.assertIn("予以公开", rep["outcomes"])
        self.assertIn("disclosed", rep["outcome_choices"])
        self.assertIn("received_on", [f["name"] for f in rep["fields"]])
        by_row = {}
        for p in rep["problems"]:
            self.assertTrue(p["message_zh"] and p["message_en"], p)
            if p["severity"] == "error":
                by_row.setdefault(p["row"], []).append(p)
        # rows as Excel numbers them: the header is row 1
        self.assertEqual(sorted(by_row), [3, 4, 5, 6], rep["problems"])
        self.assertEqual(by_row[3][0]["column"], "B")
        self.assertEqual(by_row[3][0]["value"], "2026/2/30")
        self.assertEqual(by_row[4][0]["column"], "D")
        self.assertIn("reply_before_receipt", [p["rule"] for p in by_row[5]])
        self.assertIn("unknown_outcome", [p["rule"] for p in by_row[6]])
        self.assertEqual(rep["dry_run"]["created"], 2)
        self.assertEqual(j["problems"], rep["errors"])
        # nothing written but the job
        self.assertEqual(psql(f"SELECT count(*) FROM requests WHERE body_id = {self.s1} "
                              f"AND description = '本街道2025年预算'", self.dbname), "0")
        # errors refuse the run, unless only the rows without errors are asked for
        jid = j["id"]
        self.assertProblem(self.send("s1admin", "POST", f"/api/v1/register-imports/{jid}/run", {}),
                           409, "register_import_has_errors")
        # the outcome table edited: the office's own label mapped
        r = self.send("s1admin", "POST", f"/api/v1/register-imports/{jid}/check",
                      {"outcomes": {"同意给他看": "disclosed"}})
        self.assertEqual(r.status, 200, r)
        self.assertNotIn(6, [p["row"] for p in r.json["report"]["problems"] if p["severity"] == "error"])
        self.assertEqual(r.json["report"]["outcomes"].get("同意给他看"), "disclosed")
        self.assertEqual(r.json["report"]["dry_run"]["created"], 3)
        r = self.send("s1admin", "POST", f"/api/v1/register-imports/{jid}/run", {"skip_invalid": True})
        self.assertEqual(r.status, 202, r)
        self.assertIn(r.json["status"], ("queued", "running", "done"))
        done = self.wait_done(jid)
        self.assertEqual(done["status"], "done", done)
        res = done["result"]
        self.assertEqual((res["created"], res["refused_rows"], res["total"]), (3, 3, 6), res)
        self.assertEqual(done["rows_done"], done["rows_total"])
        # started: neither checked nor run again
        self.assertProblem(self.send("s1admin", "POST", f"/api/v1/register-imports/{jid}/run", {}),
                           409, "register_import_started")
        self.assertProblem(self.send("s1admin", "POST", f"/api/v1/register-imports/{jid}/check", {}),
                           409, "register_import_started")
        # the open row is in the queue with its real due date; the closed ones keep their dates
        q = self.send("s1admin", "GET", f"/api/v1/queue?body_id={self.s1}")
        self.assertIn("本街道2025年预算", q.body.decode())
        created = [row for row in res["rows"] if row["result"] == "created"]
        one = self.send("s1admin", "GET", f"/api/v1/requests/{created[0]['request_id']}").json
        self.assertEqual((one["received_on"], one["outcome"], one["closed_on"]), ("2026-01-05", "disclosed", "2026-01-20"))
        lst = self.send("s1admin", "GET", f"/api/v1/bodies/{self.s1}/register-imports").json["imports"]
        self.assertIn(jid, [i["id"] for i in lst])
        self.assertNotIn("report", lst[0])

    def test_gbk_csv_mapping_progress_and_idempotence(self):
        header = ["编号", "来件时间", "申请人姓名", "申请方式", "所需信息", "办结日期", "处理结果"]
        rows = [[n, f"2026-0{1 + n % 5}-{10 + n % 15}", f"申请人{n}", "当面", f"第{n}项需要公开的信息",
                 "", ""] for n in range(1, 451)]
        data = gbk_csv(rows, header)
        r = self.upload(data, name="台账.csv", ctype="text/csv")
        self.assertEqual(r.status, 201, r)
        jid = r.json["id"]
        rep = r.json["report"]
        self.assertEqual(rep["encoding"], "GB18030")
        self.assertEqual({c["column"]: c["header"] for c in rep["columns"]}["B"], "来件时间")
        # 来件时间 is no name the preset knows: the receipt date mapped by hand
        if rep["mapping"]["columns"].get("received_on") != "B":
            self.assertTrue(rep["fatal"] or rep["errors"] > 0, rep)
        mapping = {"sheet": rep["sheet"], "header_row": 1,
                   "columns": {"received_on": "B", "applicant_name": "C", "description": "E"}}
        r = self.send("s1admin", "POST", f"/api/v1/register-imports/{jid}/check", {"mapping": mapping})
        self.assertEqual(r.status, 200, r)
        rep = r.json["report"]
        self.assertFalse(rep["fatal"], rep["problems"][:3])
        self.assertEqual(rep["errors"], 0, rep["problems"][:3])
        self.assertEqual((rep["rows"], rep["dry_run"]["created"]), (450, 450))
        self.assertEqual(rep["mapping"]["columns"]["received_on"], "B")
        r = self.send("s1admin", "POST", f"/api/v1/register-imports/{jid}/run", {})
        self.assertEqual(r.status, 202, r)
        done = self.wait_done(jid)
        self.assertEqual(done["status"], "done", done)
        self.assertEqual((done["rows_done"], done["rows_total"]), (450, 450))
        self.assertEqual((done["result"]["created"], done["result"]["existed"]), (450, 0))
        count = f"SELECT count(*) FROM requests WHERE body_id = {self.s1} AND description LIKE '第%项需要公开的信息'"
        self.assertEqual(psql(count, self.dbname), "450")
        # the same file again: the dry run and the run find every row there already
        r = self.upload(data, name="台账（再次）.csv", ctype="text/csv")
        self.assertEqual(r.status, 201, r)
        again = r.json["id"]
        self.assertEqual(r.json["sha256"], done["sha256"])
        r = self.send("s1admin", "POST", f"/api/v1/register-imports/{again}/check", {"mapping": mapping})
        self.assertEqual((r.json["report"]["dry_run"]["created"], r.json["report"]["dry_run"]["existed"]), (0, 450))
        self.assertEqual(self.send("s1admin", "POST", f"/api/v1/register-imports/{again}/run", {}).status, 202)
        second = self.wait_done(again)
        self.assertEqual((second["status"], second["result"]["created"], second["result"]["existed"]),
                         ("done", 0, 450), second)
        self.assertEqual(psql(count, self.dbname), "450")
        # both audited on the body
        audit = psql(f"SELECT count(*) FROM audit_log WHERE entity = 'body' AND entity_id = '{self.s1}' "
                     f"AND action IN ('register import upload', 'register import run')", self.dbname)
        self.assertGreaterEqual(int(audit), 4)

    def test_run_of_a_dead_daemon_found_again(self):
        rows = [[1, "2026-02-02", "周九", "", "当面", "一份被中断的导入", "", "", ""]]
        r = self.upload(xlsx(rows))
        jid = r.json["id"]
        # as a daemon that died in the middle leaves it: running, its lease run out
        psql(f"UPDATE register_import_jobs SET status = 'running', attempts = 1, queued_at = now(), "
             f"lease_until = now() - interval '1 minute', started_at = now() - interval '5 minutes' "
             f"WHERE id = {jid}", self.dbname)
        done = self.wait_done(jid)
        self.assertEqual(done["status"], "done", done)
        self.assertEqual(done["result"]["created"], 1)
        self.assertEqual(psql(f"SELECT attempts FROM register_import_jobs WHERE id = {jid}", self.dbname), "2")

    def test_bad_input(self):
        good = xlsx([[1, "2026-02-02", "吴十", "", "当面", "某项信息", "", "", ""]])
        # not a spreadsheet, an old .xls, empty, no name, another type
        p = self.assertProblem(self.upload(b"\x89PNG\r\n\x1a\n" + bytes(200), name="seal.xlsx",
                                           ctype="application/octet-stream"), 400, "invalid_input", "file")
        self.assertTrue(p["errors"][0]["code"])
        ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)
        p = self.assertProblem(self.upload(ole, name="台账.xls", ctype="application/vnd.ms-excel"),
                               400, "invalid_input", "file")
        self.assertIn("xlsx", p["errors"][0]["message_zh"] + p["errors"][0]["message_en"])
        self.assertProblem(self.upload(b"", name="空.csv", ctype="text/csv"), 400, "invalid_input", "file")
        r = self.send("s1admin", "POST", f"/api/v1/bodies/{self.s1}/register-imports", raw=good, ctype=XLSX)
        self.assertProblem(r, 400, "invalid_input", "name")
        self.assertProblem(self.upload(good, ctype="image/png"), 415, "register_file_type")
        # larger than the reader takes: refused from Content-Length, before anything is read
        conn = http.client.HTTPConnection("127.0.0.1", self.ogid.port, timeout=30)
        conn.putrequest("POST", f"/api/v1/bodies/{self.s1}/register-imports?name=big.csv")
        conn.putheader("Origin", f"http://127.0.0.1:{self.ogid.port}")
        conn.putheader("Cookie", f"ogi_session={self.c['s1admin'].cookie}")
        conn.putheader("Content-Type", "text/csv")
        conn.putheader("Content-Length", str(65 << 20))
        conn.endheaders()
        resp = conn.getresponse()
        answer = resp.read()
        self.assertEqual(resp.status, 413, answer)
        self.assertEqual(json.loads(answer)["code"], "register_file_too_large")
        conn.close()
        # a mapping or an outcome table that is none, an unknown field
        jid = self.upload(good).json["id"]
        path = f"/api/v1/register-imports/{jid}/check"
        self.assertProblem(self.send("s1admin", "POST", path, {"mapping": {"columns": {"no_such_field": "B"}}}),
                           400, "invalid_input", "mapping")
        self.assertProblem(self.send("s1admin", "POST", path, {"mapping": {"columns": {"received_on": 5}}}),
                           400, "invalid_input", "mapping")
        self.assertProblem(self.send("s1admin", "POST", path, {"outcomes": {"同意": "no_such_outcome"}}),
                           400, "invalid_input", "outcomes")
        self.assertProblem(self.send("s1admin", "POST", path, {"mapping": []}), 400, "invalid_input", "mapping")
        self.assertProblem(self.send("s1admin", "POST", path, {"skip_invalid": True}), 400, "invalid_input",
                           "skip_invalid")
        self.assertProblem(self.send("s1admin", "POST", f"/api/v1/register-imports/{jid}/run",
                                     {"skip_invalid": "yes"}), 400, "invalid_input", "skip_invalid")
        self.assertProblem(self.send("s1admin", "GET", "/api/v1/register-imports/999999"), 404)

    def test_authorization(self):
        good = xlsx([[1, "2026-02-02", "郑十一", "", "当面", "另一项信息", "", "", ""]])
        jid = self.upload(good).json["id"]
        # a clerk of the office: not an admin
        self.assertProblem(self.upload(good, who="s1clerk"), 403, "forbidden")
        self.assertProblem(self.send("s1clerk", "GET", f"/api/v1/register-imports/{jid}"), 403)
        self.assertProblem(self.send("s1clerk", "POST", f"/api/v1/register-imports/{jid}/run", {}), 403)
        self.assertProblem(self.send("s1clerk", "GET", f"/api/v1/bodies/{self.s1}/register-imports"), 403)
        # another office's admin: as if there were none
        self.assertProblem(self.upload(good, who="s2admin"), 404)
        for method, path, body in (("GET", f"/api/v1/register-imports/{jid}", None),
                                   ("POST", f"/api/v1/register-imports/{jid}/check", {}),
                                   ("POST", f"/api/v1/register-imports/{jid}/run", {}),
                                   ("GET", f"/api/v1/bodies/{self.s1}/register-imports", None)):
            self.assertProblem(self.send("s2admin", method, path, body), 404)
        # its own office's imports are its own
        r = self.upload(good, who="s2admin", body=self.s2)
        self.assertEqual(r.status, 201, r)
        self.assertEqual(self.send("s1admin", "GET", f"/api/v1/register-imports/{jid}").json["status"], "checked")


if __name__ == "__main__":
    main()
