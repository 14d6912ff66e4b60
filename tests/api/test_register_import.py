"""ogictl import (issue 20 items 1–3 and 5, docs/register-import.md): an office's register —
.xlsx built with openpyxl, .csv in UTF-8 and GBK — checked and imported into a real database,
then read back through the API.  A dry run writes nothing; a real run writes every row; the
same file again (and the same register saved as CSV, UTF-8 or GBK) changes nothing.  The
imported requests keep their dates and outcomes, their events say they were imported, the
clock judges their replies late or not, the open ones are in the queue with their real due
dates, remedies are records, and the annual reports count them: the 2025 report's replies by
outcome, the 2026 report's 二 上年结转 the 2025 requests still open.  Bad inputs — an empty
file, a wrong encoding, merged header cells, formulas, hidden sheets, duplicate rows, a row of
another body, an impossible date, a bad identity number, an unknown outcome label — each
reported by row, column and rule in Chinese, nothing written."""
import datetime
import io
import os
import tempfile

import openpyxl

from ogitest import OgidTestCase, main, ogictl, psql

TODAY = "2026-03-02"
os.environ["OGI_TODAY"] = TODAY  # ogictl and ogid alike

HEAD = ["序号", "收到日期", "申请人", "申请人类型", "证件号码", "联系电话", "申请方式", "申请内容",
        "答复日期", "答复类型", "是否收费", "复议/诉讼", "备注"]
ID_ZHANG = "110105198001010016"
ID_WANG = "110101199003071233"
D = datetime.date
# the register: (序号, 收到日期, 申请人, 类型, 证件号码, 电话, 方式, 内容, 答复日期, 答复类型, 收费, 复议/诉讼, 备注)
ROWS = [
    # on time: 20 working days from 2025-03-04 end on 2025-04-01
    ["1", D(2025, 3, 4), "张三", "自然人", ID_ZHANG, "13800000001", "当面", "2024年老旧小区改造招标文件",
     D(2025, 3, 20), "予以公开", "否", "无", ""],
    # late: due 2025-02-14 (Spring Festival 01-28..02-04 off, 01-26 and 02-08 worked), replied 03-28
    ["2", "2025/1/6", "某某建设有限公司", "商业企业", "", "", "网上申请", "某项目环评批复",
     "2025年3月28日", "不予公开（第三方合法权益）", "否", "复议 2025-04-10 维持 2025-06-01", "企业申请"],
    # open at the end of 2025: carried into 2026, overdue on 2026-03-02
    ["3", "2025-12-15", "王五", "自然人", ID_WANG, "", "邮寄", "某路段拓宽工程征收方案", "", "", "", "", ""],
    ["4", "2025.5.6", "赵六", "自然人", "", "", "当面", "某小区规划许可证", "2025-05-20", "部分公开", "",
     "诉讼 2025-07-01", ""],
    ["5", "2025-11-03", "钱七", "", "", "", "", "某街道年度预算", "2025-11-10", "撤回", "", "", "电话撤回"],
    # open, received in 2026
    ["6", "2026-02-02", "孙八", "自然人", "", "", "电子邮件", "某公园改造设计方案", "", "", "", "", ""],
]


def xlsx(rows, head=HEAD, title=True, extra=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2025年台账"
    if title:
        ws.append(["东城街道依申请公开登记台账"])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(head))
    ws.append(head)
    for r in rows:
        ws.append(r)
    if extra:
        extra(wb, ws)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def csv_text(rows, head=HEAD):
    def cell(v):
        return v.isoformat() if isinstance(v, D) else str(v)
    return "\n".join(",".join(cell(v) for v in r) for r in [head] + rows) + "\n"


class RegisterImportTest(OgidTestCase):
    ogid_env = {"OGI_TODAY": TODAY}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dir = tempfile.mkdtemp(prefix="ogi-register-")
        cls.body = cls.admin.post("/api/v1/bodies", {"parent_id": 1, "name": "东城街道", "code": "DC"}).json["id"]
        cls.other = cls.admin.post("/api/v1/bodies", {"parent_id": 1, "name": "西城街道", "code": "XC"}).json["id"]

    def file(self, name, data):
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    def run_import(self, path, *args, body=None):
        return ogictl(self.dbname, "import", path, "--body", str(body or self.body), *args, check=False)

    def counts(self):
        return psql("SELECT (SELECT count(*) FROM requests), (SELECT count(*) FROM request_events), "
                    "(SELECT count(*) FROM register_import_rows), (SELECT count(*) FROM register_import_runs), "
                    "(SELECT count(*) FROM reconsiderations), (SELECT count(*) FROM litigations), "
                    "(SELECT count(*) FROM audit_log)", self.dbname)

    def refused(self, path, *rules, args=()):
        """path refused: each rule named, nothing written, a non-zero exit status."""
        before = self.counts()
        r = self.run_import(path, *args)
        self.assertNotEqual(r.returncode, 0, r.stdout + r.stderr)
        for rule in rules:
            self.assertIn(rule, r.stdout + r.stderr, r.stdout + r.stderr)
        self.assertEqual(self.counts(), before)
        return r

    def requests_by_name(self):
        rs = self.admin.get(f"/api/v1/requests?body_id={self.body}&limit=100").json["requests"]
        return {r["applicant"]["name"]: r for r in rs}

    def report(self, year):
        doc = self.admin.get(f"/api/v1/reports/annual?year={year}&body_id={self.body}").json
        return doc, {r["key"]: r["values"] for r in doc["applications"]["rows"]}

    def test_1_import_history(self):
        good = self.file("台账.xlsx", xlsx(ROWS))
        before = self.counts()
        # the dry run: every row checked and reported, nothing written
        r = self.run_import(good, "--dry-run")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("可导入6行", r.stdout)
        self.assertIn("表头在第2行", r.stdout)
        self.assertEqual(self.counts(), before)
        # the real run, with its progress on stderr
        r = self.run_import(good)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("导入6行", r.stdout)
        self.assertIn("6/6 rows", r.stderr)
        after = self.counts()
        self.assertEqual(after.split("|")[:4], ["6", "10", "6", "1"], after)
        # again: nothing changes, every row already there
        r = self.run_import(good)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("已导入过6行", r.stdout)
        self.assertEqual(self.counts(), after)
        # the same register saved as CSV, in UTF-8 and in GBK: found by content, nothing changes
        for name, enc in (("台账.csv", "utf-8"), ("台账-gbk.csv", "gb18030")):
            path = self.file(name, csv_text(ROWS).encode(enc))
            r = self.run_import(path)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            self.assertIn("已导入过6行", r.stdout, name)
            self.assertEqual(self.counts(), after, name)

        got = self.requests_by_name()
        self.assertEqual(len(got), 6)
        zhang, firm, wang = got["张三"], got["某某建设有限公司"], got["王五"]
        zhao, qian, sun = got["赵六"], got["钱七"], got["孙八"]
        # dates and outcomes kept; the clock's judgment of the replies
        self.assertEqual((zhang["received_on"], zhang["closed_on"], zhang["outcome"], zhang["status"]),
                         ("2025-03-04", "2025-03-20", "disclosed", "closed"))
        self.assertFalse(zhang["replied_late"])
        self.assertEqual(zhang["channel"], "in_person")
        self.assertEqual((firm["received_on"], firm["closed_on"], firm["outcome"]),
                         ("2025-01-06", "2025-03-28", "withheld_third_party"))
        self.assertTrue(firm["replied_late"])
        self.assertEqual(firm["applicant"]["kind"], "commercial_enterprise")
        self.assertEqual(firm["channel"], "online")
        self.assertEqual((zhao["outcome"], qian["outcome"]), ("partial", "withdrawn"))
        self.assertTrue(zhang["tracking_no"].startswith("DC-2025-"), zhang["tracking_no"])
        self.assertTrue(sun["tracking_no"].startswith("DC-2026-"), sun["tracking_no"])
        # the events say so
        events = self.admin.get(f"/api/v1/requests/{zhang['id']}/events").json["events"]
        self.assertEqual([(e["type"], e["on"]) for e in events],
                         [("registered", "2025-03-04"), ("replied", "2025-03-20")])
        for e in events:
            self.assertEqual(e["payload"]["imported"]["row"], 3, e)
            self.assertEqual(len(e["payload"]["imported"]["file_sha256"]), 64, e)
        self.assertEqual(events[0]["payload"]["imported"]["serial"], "1")
        self.assertEqual(events[1]["payload"]["outcome"], "disclosed")
        self.assertEqual(self.admin.get(f"/api/v1/requests/{qian['id']}/events").json["events"][-1]["type"],
                         "withdrawn")
        # personal data sealed at rest as intake seals it, shown whole through the API
        stored = psql(f"SELECT applicant_id_number FROM requests WHERE id = {zhang['id']}", self.dbname)
        self.assertNotIn(ID_ZHANG, stored)
        self.assertEqual(self.admin.get(f"/api/v1/requests/{zhang['id']}").json["applicant"]["id_number"], ID_ZHANG)
        # the open ones: in the queue with their real due dates
        self.assertEqual(wang["status"], "registered")
        self.assertIsNotNone(wang["due_on"])
        self.assertTrue(wang["overdue"])
        q = self.admin.get(f"/api/v1/queue?body_id={self.body}").json
        where = {x["id"]: (band, x) for band in ("overdue", "due_soon", "later") for x in q[band]}
        self.assertEqual(where[wang["id"]][0], "overdue")
        self.assertEqual(where[wang["id"]][1]["due_on"], wang["due_on"])
        self.assertIn(sun["id"], where)
        self.assertNotIn(zhang["id"], where)
        # remedies became records
        rc = self.admin.get(f"/api/v1/requests/{firm['id']}/reconsiderations").json["reconsiderations"]
        self.assertEqual([(x["filed_on"], x["decided_on"], x["decision"], x["result"]) for x in rc],
                         [("2025-04-10", "2025-06-01", "维持", "upheld")])
        lit = self.admin.get(f"/api/v1/requests/{zhao['id']}/litigations").json["litigations"]
        self.assertEqual([(x["filed_on"], x["route"], x["result"]) for x in lit],
                         [("2025-07-01", "direct", None)])
        # the reports of their years: 2025 by outcome, 2026's carry-over
        doc, rows = self.report(2025)
        self.assertEqual(rows["new"][6], 5)
        self.assertEqual(rows["disclosed"][6], 1)
        self.assertEqual(rows["partial"][6], 1)
        self.assertEqual(rows["withheld_third_party"][1], 1)
        self.assertEqual(rows["other_other"][6], 1)
        self.assertEqual(rows["carried_out"][6], 1)
        self.assertEqual(doc["remedies"]["reconsideration"]["upheld"], 1)
        self.assertEqual(doc["remedies"]["litigation_direct"]["pending"], 1)
        _, rows26 = self.report(2026)
        self.assertEqual(rows26["carried_in"][6], 1)
        self.assertEqual(rows26["carried_in"][0], 1)
        self.assertEqual(rows26["new"][6], 1)
        # audited once per run that wrote
        self.assertEqual(psql("SELECT count(*) FROM audit_log WHERE entity = 'register_import'", self.dbname), "1")

    def test_2_rows_with_problems(self):
        rows = [
            ["1", "2025年2月30日", "周一", "自然人", "", "", "当面", "文件甲", "", "", "", "", ""],
            ["2", "2025-04-01", "周二", "自然人", "110105198001010017", "", "当面", "文件乙", "", "", "", "", ""],
            ["3", "2025-04-02", "周三", "自然人", "", "", "当面", "文件丙", "2025-04-10", "已办", "", "", ""],
            ["4", "2025-04-03", "周四", "自然人", "", "", "当面", "文件丁", "2025-04-01", "予以公开", "", "", ""],
            ["5", "2025-04-04", "周五", "自然人", "", "", "当面", "文件戊", "", "", "", "", ""],
            ["6", "2025-04-04", "周五", "自然人", "", "", "当面", "文件戊", "", "", "", "", ""],
        ]
        path = self.file("problems.csv", csv_text(rows))
        r = self.refused(path, "第2行 B列（收到日期） “2025年2月30日”", "bad_date",
                         "第3行 E列（证件号码）", "check_digit",
                         "第4行 J列（答复类型） “已办”", "unknown_outcome",
                         "第5行 I列（答复日期）", "reply_before_receipt",
                         "第7行", "与第6行重复", "duplicate", "未导入任何一行")
        self.assertIn("refused", r.stderr)
        # the dry run says the same and writes nothing
        self.refused(path, "bad_date", "check_digit", "duplicate", "可导入1行", args=("--dry-run",))
        # --skip-invalid: the good row only, the others reported as not imported
        before = int(psql("SELECT count(*) FROM requests", self.dbname))
        r = self.run_import(path, "--skip-invalid")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("导入1行", r.stdout)
        self.assertIn("有问题未导入5行", r.stdout)
        self.assertEqual(int(psql("SELECT count(*) FROM requests", self.dbname)), before + 1)

    def test_3_bad_files(self):
        self.refused(self.file("empty.csv", b""), "empty")
        # neither UTF-8 nor GBK
        self.refused(self.file("bad.csv", "收到日期,申请人,申请内容\n".encode() + b"2025-01-02,\xff\xfe\xff,x\n"),
                     "bad_encoding")
        # no header a register has
        self.refused(self.file("nohead.csv", "a,b,c\n1,2,3\n"), "no_header")
        # a row of another body, with a body column
        rows = [r[:8] + ["东城街道"] for r in ROWS[:1]] + [["9", "2025-06-01", "吴九", "自然人", "", "", "当面",
                                                               "文件", "西城街道"]]
        head = HEAD[:8] + ["受理机关"]
        self.refused(self.file("bodies.csv", csv_text(rows, head)), "第3行 I列（受理机关） “西城街道”", "other_body")

    def test_4_workbook_faults(self):
        # merged header cells: a two-row header with a merged group heading — read, not refused
        def two_rows(wb, ws):
            ws.delete_rows(1, ws.max_row)
            ws.append(["序号", "收到日期", "申请人信息", None, "申请内容", "办理情况", None])
            ws.append([None, None, "姓名", "证件号码", None, "答复日期", "答复类型"])
            for a, b in (("A1", "A2"), ("B1", "B2"), ("C1", "D1"), ("E1", "E2"), ("F1", "G1")):
                ws.merge_cells(f"{a}:{b}")
            ws.append(["1", D(2025, 8, 1), "郑十", "", "文件庚", None, None])
        path = self.file("merged.xlsx", xlsx([], extra=two_rows))
        before = self.counts()
        r = self.run_import(path, "--dry-run")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("表头在第2行", r.stdout)
        self.assertIn("可导入1行", r.stdout)
        self.assertEqual(self.counts(), before)

        # a formula in the date column (openpyxl stores no cached value): said, refused
        def formula(wb, ws):
            ws["B3"] = "=DATE(2025,8,2)"
        path = self.file("formula.xlsx", xlsx([["1", None, "郑十一", "", "", "", "", "文件辛", "", "", "", "", ""]],
                                               extra=formula))
        self.refused(path, "第3行 B列（收到日期）", "formula", "required")

        # a hidden sheet: not read, said so; the visible one imported
        def hidden(wb, ws):
            h = wb.create_sheet("旧台账")
            h.append(HEAD)
            h.append(["1", "2024-01-02", "隐藏人", "", "", "", "", "不应导入", "", "", "", "", ""])
            h.sheet_state = "hidden"
        path = self.file("hidden.xlsx", xlsx([["1", "2025-09-01", "冯十二", "", "", "", "", "文件壬", "", "", "", "",
                                                 ""]], extra=hidden))
        r = self.run_import(path)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("旧台账", r.stdout)
        self.assertIn("hidden_sheet", r.stdout)
        names = self.requests_by_name()
        self.assertIn("冯十二", names)
        self.assertNotIn("隐藏人", names)


if __name__ == "__main__":
    main()
