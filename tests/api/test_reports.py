"""The annual report over real HTTP and through ogictl.  Years of requests
are recorded through the API, the tables are counted by hand below, and
every cell is checked in every output — JSON, CSV, the HTML tables as laid
out with their spans, Markdown and the XLSX worksheets — from the API and
from ogictl: every outcome row, every applicant column, carry-over across
three years, replies on 31 December and 1 January, the legacy and 2019
formats, staff inputs, the checks, the lock and its override, roles."""
import json
import os
import subprocess
import tempfile
import threading
import time

from ogitest import OgidTestCase, conninfo, ogictl, psql, main
from reportparse import (csv_rows, csv_table, html_applications, html_failing_cells, html_tables, md_applications,
                         md_tables,
                         xlsx_applications, xlsx_sheets, grid_rows)

TODAY = "2025-03-10"  # a Monday
KINDS = ["natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
         "legal_service_org", "other_org"]

S3 = "三、本年度办理结果"
W, U, R, O = "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"
# law.md §4.4: table 三 of the 2021 format, row by row, as the form prints it
PATHS_2021 = [
    ("new", ["一、本年新收政府信息公开申请数量"]),
    ("carried_in", ["二、上年结转政府信息公开申请数量"]),
    ("disclosed", [S3, "（一）予以公开"]),
    ("partial", [S3, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"]),
    ("withheld_state_secret", [S3, W, "1.属于国家秘密"]),
    ("withheld_law_prohibited", [S3, W, "2.其他法律行政法规禁止公开"]),
    ("withheld_security_stability", [S3, W, "3.危及“三安全一稳定”"]),
    ("withheld_third_party", [S3, W, "4.保护第三方合法权益"]),
    ("withheld_internal_affairs", [S3, W, "5.属于三类内部事务信息"]),
    ("withheld_process_info", [S3, W, "6.属于四类过程性信息"]),
    ("withheld_enforcement_file", [S3, W, "7.属于行政执法案卷"]),
    ("withheld_query_matter", [S3, W, "8.属于行政查询事项"]),
    ("unable_not_held", [S3, U, "1.本机关不掌握相关政府信息"]),
    ("unable_needs_creation", [S3, U, "2.没有现成信息需要另行制作"]),
    ("unable_still_unclear", [S3, U, "3.补正后申请内容仍不明确"]),
    ("rejected_petition", [S3, R, "1.信访举报投诉类申请"]),
    ("rejected_repeat", [S3, R, "2.重复申请"]),
    ("rejected_publication", [S3, R, "3.要求提供公开出版物"]),
    ("rejected_excessive", [S3, R, "4.无正当理由大量反复申请"]),
    ("rejected_confirm_reissue", [S3, R, "5.要求行政机关确认或重新出具已获取信息"]),
    ("other_correction_lapsed", [S3, O, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"]),
    ("other_fee_lapsed", [S3, O, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"]),
    ("other_other", [S3, O, "3.其他"]),
    ("total", [S3, "（七）总计"]),
    ("carried_out", ["四、结转下年度继续办理"]),
]
# 国办公开办函〔2019〕60号: (六) one row
PATHS_2019 = PATHS_2021[:20] + [("other_processing", [S3, O])] + PATHS_2021[23:]
PATHS_LEGACY = [
    ("new", ["（一）收到申请数"]), ("new_in_person", ["1.当面申请"]), ("new_fax", ["2.传真申请"]),
    ("new_email", ["3.电子邮件申请"]), ("new_online", ["4.网上申请"]), ("new_letter", ["5.信函申请"]),
    ("new_other", ["6.其他形式申请"]), ("carried_in", ["（二）上年结转申请数"]),
    ("total", ["（三）本年办结申请数"]), ("agreed", ["1.同意公开"]), ("agreed_partial", ["2.同意部分公开"]),
    ("refused", ["3.不予公开"]), ("not_government_info", ["4.非政府信息"]), ("not_exist", ["5.信息不存在"]),
    ("not_this_body", ["6.非本机关"]), ("unclear", ["7.申请内容不明确"]),
    ("redirected", ["8.告知通过其他途径办理"]), ("other", ["9.其他"]),
    ("carried_out", ["（四）结转下年度办理申请数"]),
]
PATHS = {"2021": PATHS_2021, "2019": PATHS_2019, "legacy": PATHS_LEGACY}
SECTION_3 = {"2021": "三、收到和处理政府信息公开申请情况", "2019": "三、收到和处理政府信息公开申请情况",
             "legacy": "三、依申请公开政府信息和不予公开政府信息的情况"}

# The 25 outcomes in the order of domain.h; in 2024 the i-th is closed for
# an applicant of kind i mod 6, so every row and every column gets counts.
OUTCOMES = ["already_public", "disclosed", "partial", "withheld_state_secret", "withheld_law_prohibited",
            "withheld_security_stability", "withheld_third_party", "withheld_internal_affairs",
            "withheld_process_info", "withheld_enforcement_file", "withheld_query_matter", "not_held_not_exist",
            "not_held_other_body", "needs_creation", "still_unclear", "not_government_info", "rejected_petition",
            "rejected_repeat", "rejected_publication", "rejected_excessive", "rejected_confirm_reissue",
            "lapsed_correction", "lapsed_fee", "withdrawn", "other"]

Z = [0, 0, 0, 0, 0, 0, 0]


def resident_id(prefix17):
    """A 居民身份证 number with its GB 11643 check digit."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return prefix17 + "10X98765432"[sum(int(d) * w for d, w in zip(prefix17, weights)) % 11]


ZHANG = resident_id("11010519850301001")
LI = resident_id("11010519900512002")


def table(**rows):
    """A table of the 2021 format: the rows given, zeros elsewhere."""
    return {key: rows.get(key, Z) for key, _ in PATHS_2021}


# Counted by hand (columns: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计).
# 2022: P1 (自然人, 2022-03-01 → 04-01 保护第三方), RA (商业企业, 2022-06-01 → 2023-03-01 予以公开),
#       RB (自然人, 2022-11-15 → 2024-02-01 部分公开).
EXPECT_2022 = table(
    new=[2, 1, 0, 0, 0, 0, 3],
    withheld_third_party=[1, 0, 0, 0, 0, 0, 1],
    total=[1, 0, 0, 0, 0, 0, 1],
    carried_out=[1, 1, 0, 0, 0, 0, 2])
# 2023: RA and RB carried in; RF (科研机构, 2023-05-10 → 06-01 信息不存在), RC (其他, 2023-12-20, open).
EXPECT_2023 = table(
    new=[0, 0, 1, 0, 0, 1, 2],
    carried_in=[1, 1, 0, 0, 0, 0, 2],
    disclosed=[0, 1, 0, 0, 0, 0, 1],
    unable_not_held=[0, 0, 1, 0, 0, 0, 1],
    total=[0, 1, 1, 0, 0, 0, 2],
    carried_out=[1, 0, 0, 0, 0, 1, 2])
# 2024: RB and RC carried in; the 25 outcomes; RD (自然人, 12-02 → replied 12-31 予以公开);
#       RE (社会公益组织, 12-20 → replied 2025-01-01 重复申请); RG (法律服务机构, 11-01, open).
EXPECT_2024 = table(
    new=[6, 4, 4, 5, 5, 4, 28],
    carried_in=[1, 0, 0, 0, 0, 1, 2],
    disclosed=[2, 1, 0, 0, 0, 0, 3],          # already_public (0), disclosed (1), RD
    partial=[1, 0, 1, 0, 0, 0, 2],            # partial (2), RB
    withheld_state_secret=[0, 0, 0, 1, 0, 0, 1],
    withheld_law_prohibited=[0, 0, 0, 0, 1, 0, 1],
    withheld_security_stability=[0, 0, 0, 0, 0, 1, 1],
    withheld_third_party=[1, 0, 0, 0, 0, 0, 1],
    withheld_internal_affairs=[0, 1, 0, 0, 0, 0, 1],
    withheld_process_info=[0, 0, 1, 0, 0, 0, 1],
    withheld_enforcement_file=[0, 0, 0, 1, 0, 0, 1],
    withheld_query_matter=[0, 0, 0, 0, 1, 0, 1],
    unable_not_held=[1, 0, 0, 0, 0, 1, 2],    # not_exist (11, 其他), other body (12, 自然人)
    unable_needs_creation=[0, 1, 0, 0, 0, 0, 1],
    unable_still_unclear=[0, 0, 1, 0, 0, 0, 1],
    rejected_petition=[0, 0, 0, 0, 1, 0, 1],
    rejected_repeat=[0, 0, 0, 0, 0, 1, 1],
    rejected_publication=[1, 0, 0, 0, 0, 0, 1],
    rejected_excessive=[0, 1, 0, 0, 0, 0, 1],
    rejected_confirm_reissue=[0, 0, 1, 0, 0, 0, 1],
    other_correction_lapsed=[0, 0, 0, 1, 0, 0, 1],
    other_fee_lapsed=[0, 0, 0, 0, 1, 0, 1],
    other_other=[1, 0, 0, 1, 0, 1, 3],        # not government info (15), withdrawn (23), other (24)
    total=[7, 4, 4, 4, 4, 4, 27],
    carried_out=[0, 0, 0, 1, 1, 1, 3])        # RC, RE (replied 2025-01-01), RG

# The legacy street (2017–2019): counted by hand in the 2007 regulation's categories.
# 2017: L1 当面 → 2017-06-01 同意公开; L2 信函 (post_registered), open into 2018;
#       L3 网上 → 2017-09-01 不予公开 (third party).
# 2018: L2 → 2018-02-01 非本机关; L4 传真 → 2018-04-02 告知通过其他途径办理 (行政查询);
#       L5 口头 (= 当面) → 2018-05-02 withdrawn (其他); L6 电子邮件 2018-12-10, open into 2019;
#       L7 平信 → correction lapsed 2018-07-02 (申请内容不明确).
# 2019 (2019 format): L6 → 2019-01-10 信访 (不予处理 1); L8 2019-06-03 → withdrawn 2019-07-01
#       ((六) one row); L9 2019-08-01 → 2019-08-20 needs creation.
LEGACY_2018 = {
    "new": 4, "new_in_person": 1, "new_fax": 1, "new_email": 1, "new_online": 0, "new_letter": 1,
    "new_other": 0,                  # L5 (oral, taken down at the desk) is 当面; L7 (平信) is 信函
    "carried_in": 1,                 # L2
    "total": 4, "agreed": 0, "agreed_partial": 0, "refused": 0, "not_government_info": 0, "not_exist": 0,
    "not_this_body": 1, "unclear": 1, "redirected": 1, "other": 1,
    "carried_out": 1}                # L6
EXPECT_2019 = {key: Z for key, _ in PATHS_2019}
EXPECT_2019.update(
    new=[2, 0, 0, 0, 0, 0, 2], carried_in=[1, 0, 0, 0, 0, 0, 1],
    rejected_petition=[1, 0, 0, 0, 0, 0, 1], unable_needs_creation=[1, 0, 0, 0, 0, 0, 1],
    other_processing=[1, 0, 0, 0, 0, 0, 1], total=[3, 0, 0, 0, 0, 0, 3], carried_out=Z)


class Reports(OgidTestCase):
    ogid_env = {"OGI_TODAY": TODAY}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        add = lambda name, parent: int(ogictl(cls.dbname, "body", "add", name, "--parent", str(parent)).stdout)
        cls.street = add("甲街道办事处", 1)
        cls.legacy = add("乙街道办事处", 1)
        cls.locked = add("丙街道办事处", 1)
        cls.district_dept = add("区住房和城乡建设局", 1)
        cls.remedies = add("丁街道办事处", 1)
        cls.remedy_locked = add("戊街道办事处", 1)
        cls.clients = {}
        for name, role, body in (("auditor", "auditor", cls.street), ("handler", "handler", cls.street),
                                 ("otheradmin", "admin", cls.legacy), ("lockhandler", "handler", cls.locked),
                                 ("lockadmin", "admin", cls.locked), ("remclerk", "clerk", cls.remedies),
                                 ("remapprover", "approver", cls.remedies), ("rlclerk", "clerk", cls.remedy_locked),
                                 ("rlapprover", "approver", cls.remedy_locked),
                                 ("rladmin", "admin", cls.remedy_locked)):
            ogictl(cls.dbname, "user", "add", name, "--role", role, "--body", str(body), "--password-stdin",
                   input="a good long password\n")
            cl = cls.ogid.client()
            cl.login(name, "a good long password")
            cls.clients[name] = cl
        cls.build_street()
        cls.build_legacy()

    # ---- recording requests through the API --------------------------------------------------

    @classmethod
    def request(cls, body, kind, received, channel="in_person", id_number=None):
        applicant = {"kind": kind, "name": "申请人"}
        if id_number:
            applicant.update(name="张三", id_type="resident_id_card", id_number=id_number)
        r = cls.admin.post("/api/v1/requests", {
            "body_id": body, "channel": channel, "received_on": received,
            "applicant": applicant, "description": "某项政府信息"})
        assert r.status == 201, r
        return r.json["id"]

    @classmethod
    def event(cls, rid, body, client=None, status=201):
        r = (client or cls.admin).post(f"/api/v1/requests/{rid}/events", body)
        assert r.status == status, (body, r)
        return r

    @classmethod
    def close(cls, rid, outcome, on):
        if outcome == "withdrawn":
            cls.event(rid, {"type": "withdrawn", "on": on})
        elif outcome == "lapsed_correction":
            cls.event(rid, {"type": "correction_requested", "on": on, "items": "请写明所需信息的名称"})
            cls.event(rid, {"type": "correction_lapsed", "on": on})
        elif outcome == "lapsed_fee":
            # a lawful notice (40 pages: 10 元 a page over 30) and its lapse after the 20 working
            # days to pay; both dates stay in the month after the notice, in the same year
            cls.event(rid, {"type": "fee_notice_issued", "on": on, "method": "per_volume", "pages": 40})
            y, m, _ = on.split("-")
            cls.event(rid, {"type": "fee_lapsed", "on": f"{y}-{int(m) + 1:02d}-28"})
        else:
            body = {"type": "replied", "on": on, "outcome": outcome}
            if outcome == "not_held_other_body":
                body["referred_body"] = "区住房和城乡建设局"
            cls.event(rid, body)

    @classmethod
    def build_street(cls):
        s = cls.street
        p1 = cls.request(s, "natural_person", "2022-03-01")
        cls.close(p1, "withheld_third_party", "2022-04-01")
        ra = cls.request(s, "commercial_enterprise", "2022-06-01", "online")
        rb = cls.request(s, "natural_person", "2022-11-15", "post_registered")
        cls.close(ra, "disclosed", "2023-03-01")
        rf = cls.request(s, "research_institution", "2023-05-10", "email")
        cls.close(rf, "not_held_not_exist", "2023-06-01")
        cls.rc = cls.request(s, "other_org", "2023-12-20", "fax")
        cls.close(rb, "partial", "2024-02-01")
        for i, outcome in enumerate(OUTCOMES):
            rid = cls.request(s, KINDS[i % 6], "2024-%02d-05" % (i % 10 + 1))
            cls.close(rid, outcome, "2024-%02d-25" % (i % 10 + 1))
        rd = cls.request(s, "natural_person", "2024-12-02")
        cls.close(rd, "disclosed", "2024-12-31")   # closed on the last day: counted in 2024
        rg = cls.request(s, "legal_service_org", "2024-11-01")
        re_ = cls.request(s, "social_welfare_org", "2024-12-20")
        cls.close(re_, "rejected_repeat", "2025-01-01")  # closed on New Year's Day: carried out of 2024

    @classmethod
    def build_legacy(cls):
        s = cls.legacy
        l1 = cls.request(s, "natural_person", "2017-05-02", "in_person")
        cls.close(l1, "disclosed", "2017-06-01")
        l2 = cls.request(s, "natural_person", "2017-11-06", "post_registered")
        l3 = cls.request(s, "natural_person", "2017-08-01", "online")
        cls.close(l3, "withheld_third_party", "2017-09-01")
        cls.close(l2, "not_held_other_body", "2018-02-01")
        l4 = cls.request(s, "natural_person", "2018-03-01", "fax")
        cls.close(l4, "withheld_query_matter", "2018-04-02")
        l5 = cls.request(s, "natural_person", "2018-04-10", "oral")
        cls.close(l5, "withdrawn", "2018-05-02")
        l6 = cls.request(s, "natural_person", "2018-12-10", "email")
        l7 = cls.request(s, "natural_person", "2018-06-01", "post_ordinary")
        cls.close(l7, "lapsed_correction", "2018-07-02")
        cls.close(l6, "rejected_petition", "2019-01-10")
        l8 = cls.request(s, "natural_person", "2019-06-03", "online")
        cls.close(l8, "withdrawn", "2019-07-01")
        l9 = cls.request(s, "natural_person", "2019-08-01", "online")
        cls.close(l9, "needs_creation", "2019-08-20")

    # ---- reading the outputs -------------------------------------------------------------------

    def get(self, year, body, client=None, **params):
        q = "&".join(f"{k}={v}" for k, v in {"year": year, "body_id": body, **params}.items())
        return (client or self.admin).get(f"/api/v1/reports/annual?{q}")

    def outputs(self, year, body, fmt=None, subtree=False):
        """Every output of one export, from the API and from ogictl."""
        params = {}
        args = ["report", "--year", str(year), "--body", str(body)]
        if fmt:
            params["format"] = fmt
            args += ["--format", fmt]
        if subtree:
            params["subtree"] = "true"
            args.append("--subtree")
        out = {}
        for t in ("json", "csv", "html", "md", "xlsx"):
            r = self.get(year, body, type=t, **params)
            self.assertEqual(r.status, 200, r)
            out[("api", t)] = r.body
            with tempfile.TemporaryDirectory() as d:
                path = os.path.join(d, "report." + t)
                res = ogictl(self.dbname, *args, "--type", t, "--output", path)
                with open(path, "rb") as f:
                    out[("ogictl", t)] = f.read()
            self.assertIn(res.returncode, (0,), res.stderr)
        return out

    def assert_all_outputs(self, year, body, expect, fmt, subtree=False):
        """Every cell of table 三 in every output, and the labels where the form puts them."""
        paths = PATHS[fmt]
        legacy = fmt == "legacy"
        keys = [k for k, _ in paths]
        want_total = {k: (expect[k] if legacy else expect[k][6]) for k in keys}
        out = self.outputs(year, body, None, subtree)  # the format the year calls for
        for src in ("api", "ogictl"):
            where = f"{src} {year} {fmt}"
            doc = json.loads(out[(src, "json")])
            self.assertEqual(doc["format"], fmt, where)
            self.assertEqual(doc["applications"]["columns"], KINDS + ["total"], where)
            rows = doc["applications"]["rows"]
            self.assertEqual([r["key"] for r in rows], keys, where)
            for r, (key, path) in zip(rows, paths):
                self.assertEqual(r["path"], path, (where, key))
                self.assertEqual(r["label"], path[-1], (where, key))
                if legacy:
                    self.assertEqual(r["values"][6], expect[key], (where, key))
                else:
                    self.assertEqual(r["values"], expect[key], (where, key))
            # CSV: one line per table row
            lines = csv_table(out[(src, "csv")], "三", 1 if legacy else 7)
            self.assertEqual([l[0] for l in lines], keys, where)
            for key, labels, values in lines:
                self.assertEqual(labels, dict(paths)[key], (where, "csv", key))
                self.assertEqual(values, [want_total[key]] if legacy else expect[key], (where, "csv", key))
            # HTML: the grid as the browser lays it out
            grid = html_applications(out[(src, "html")].decode(), legacy)
            self.assertEqual(len(grid), len(keys), where)
            for (labels, values), (key, path) in zip(grid, paths):
                self.assertEqual(labels, path, (where, "html", key))
                self.assertEqual(values, [want_total[key]] if legacy else expect[key], (where, "html", key))
            # Markdown
            md = md_applications(out[(src, "md")].decode(), SECTION_3[fmt], 1 if legacy else 3,
                                 1 if legacy else 7)
            self.assertEqual(len(md), len(keys), where)
            for (labels, values), (key, path) in zip(md, paths):
                self.assertEqual(labels, path, (where, "md", key))
                self.assertEqual(values, [want_total[key]] if legacy else expect[key], (where, "md", key))
            # XLSX: the worksheet of section 三, merged cells, numbers as numbers
            sheets = xlsx_sheets(out[(src, "xlsx")])
            self.assertIn("报告正文", sheets, where)
            self.assertIn("数据检查", sheets, where)
            xl = xlsx_applications(sheets[SECTION_3[fmt]], legacy)
            self.assertEqual(len(xl), len(keys), where)
            for (labels, values), (key, path) in zip(xl, paths):
                self.assertEqual(labels, path, (where, "xlsx", key))
                self.assertEqual(values, [want_total[key]] if legacy else expect[key], (where, "xlsx", key))
        return json.loads(out[("api", "json")]), out

    def check(self, doc, rule):
        return next(c for c in doc["checks"] if c["rule"] == rule)

    # ---- the tests -----------------------------------------------------------------------------

    def test_2024_every_row_and_column(self):
        doc, out = self.assert_all_outputs(2024, self.street, EXPECT_2024, "2021")
        for rule in ("balance", "row_totals", "result_total", "mapping", "non_negative", "format_for_year",
                     "remedies_totals", "carry_over", "sentences_current"):
            self.assertTrue(self.check(doc, rule)["ok"], self.check(doc, rule))
        self.assertEqual(
            doc["sentences"]["applications"]["text"],
            "本年度共收到政府信息公开申请28件，其中自然人申请6件，法人或其他组织申请22件（商业企业4件、科研机构4件、"
            "社会公益组织5件、法律服务机构5件、其他4件）；上年结转2件。本年度办结27件，其中予以公开3件、部分公开2件、"
            "不予公开8件、无法提供4件、不予处理5件、其他处理5件；结转下年度继续办理3件。")
        self.assertEqual(doc["title"], "甲街道办事处2024年政府信息公开工作年度报告")
        self.assertEqual(doc["sections"], ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                                           "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                                           "六、其他需要报告的事项"])
        html = out[("api", "html")].decode()
        self.assertIn("本年度共收到政府信息公开申请28件", html)
        tables = html_tables(html)
        remedies = grid_rows(tables["remedies"], 3, 0, 15)
        self.assertEqual(remedies[0][1], ["0"] * 15)
        head = tables["remedies"]
        self.assertEqual(head[(0, 0)]["text"], "行政复议")
        self.assertEqual(head[(0, 14)]["text"], "行政诉讼")
        self.assertEqual(head[(1, 7)]["text"], "未经复议直接起诉")
        self.assertEqual(head[(2, 12)]["text"], "其他结果")
        self.assertEqual(head[(1, 4)]["text"], "总计")
        # the check that section 二 is not entered names its blank cells, in red
        self.assertFalse(self.check(doc, "proactive_complete")["ok"])
        self.assertIn(("proactive", "regulations", 0), html_failing_cells(html))

    def test_carry_over_across_three_years(self):
        d22, _ = self.assert_all_outputs(2022, self.street, EXPECT_2022, "2021")
        d23, _ = self.assert_all_outputs(2023, self.street, EXPECT_2023, "2021")
        # this year's 二 is last year's 四, column by column
        self.assertEqual(EXPECT_2023["carried_in"], EXPECT_2022["carried_out"])
        self.assertEqual(EXPECT_2024["carried_in"], EXPECT_2023["carried_out"])
        for d in (d22, d23):
            self.assertTrue(self.check(d, "balance")["ok"])
        # 2025 so far: RC, RE and RG carried in; RE closed on 1 January
        d25 = self.get(2025, self.street).json
        rows = {r["key"]: r["values"] for r in d25["applications"]["rows"]}
        self.assertEqual(rows["carried_in"], EXPECT_2024["carried_out"])
        self.assertEqual(rows["rejected_repeat"], [0, 0, 0, 1, 0, 0, 1])

    def test_subtree_sums_the_bodies(self):
        for year in (2019, 2023, 2024):
            district = self.get(year, 1, subtree="true").json
            self.assertEqual(district["body"]["bodies"], 7)
            self.assertIn("汇总了本机关及所属6个机关的数据", district["intro"])
            sums = {r["key"]: r["values"] for r in district["applications"]["rows"]}
            parts = [self.get(year, b).json for b in (1, self.street, self.legacy, self.locked, self.district_dept,
                                                      self.remedies, self.remedy_locked)]
            for key in sums:
                each = [next(r["values"] for r in p["applications"]["rows"] if r["key"] == key) for p in parts]
                self.assertEqual(sums[key], [sum(col) for col in zip(*each)], (year, key))
            # table 四 and the fees too
            for block, cells in district["remedies"].items():
                self.assertEqual(cells, {k: sum(p["remedies"][block][k] for p in parts) for k in cells}, (year, block))
            for kind in ("information_processing", "legacy"):
                for key, v in district["fees"][kind].items():
                    if not isinstance(v, dict):
                        self.assertEqual(v, sum(p["fees"][kind][key] for p in parts), (year, kind, key))
            self.assertTrue(self.check(district, "balance")["ok"])
        self.assertNotEqual(sums["new"], Z)

    def test_legacy_and_2019_formats(self):
        doc, out = self.assert_all_outputs(2018, self.legacy, LEGACY_2018, "legacy")
        self.assertTrue(self.check(doc, "new_by_channel")["ok"])
        self.assertTrue(self.check(doc, "balance")["ok"])
        self.assertEqual(doc["sections"][3], "四、政府信息公开的收费及减免情况")
        md = out[("api", "md")].decode()
        self.assertIn("## 五、因政府信息公开申请行政复议、提起行政诉讼的情况", md)
        self.assertIn("本年度共收到政府信息公开申请4件，其中当面申请1件、传真申请1件、电子邮件申请1件、信函申请1件；上年结转1件。本年度办结4件，其中非本机关1件、申请内容不明确1件、告知通过其他途径办理1件、其他1件；结转下年度继续办理1件。", md)
        d19, _ = self.assert_all_outputs(2019, self.legacy, EXPECT_2019, "2019")
        self.assertEqual(d19["sections"][4], "五、政府信息公开工作存在的主要问题及改进情况")
        # a format other than the year's is given when asked, and the check says so
        d = self.get(2018, self.legacy, format="2021").json
        self.assertEqual(d["format"], "2021")
        self.assertFalse(self.check(d, "format_for_year")["ok"])
        self.assertIn("2018年度报告应使用2008—2018年的旧格式", self.check(d, "format_for_year")["detail"])

    def test_inputs_fill_section_2_and_the_texts(self):
        inputs = {
            "proactive": {"regulations": {"issued": 1, "repealed": 0, "in_force": 4},
                          "normative_documents": {"issued": 6, "repealed": 2, "in_force": 31},
                          "licensing": {"decisions": 120}, "penalty": {"decisions": 15},
                          "enforcement": {"decisions": 0}, "administrative_fees": {"amount": 12.3456}},
            "text": {"overview": "本年度，我街道认真贯彻落实《条例》。\n加强依申请公开工作。",
                     "problems": "一是……二是……", "other": "无。"},
        }
        r = self.admin.put(f"/api/v1/reports/annual/2024/{self.street}/inputs", inputs)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["inputs"]["proactive"]["administrative_fees"]["amount"], 12.3456)
        doc, out = self.assert_all_outputs(2024, self.street, EXPECT_2024, "2021")
        self.assertTrue(self.check(doc, "proactive_complete")["ok"], self.check(doc, "proactive_complete"))
        self.assertEqual(doc["text"]["problems"], "一是……二是……")
        for src in ("api", "ogictl"):
            html = out[(src, "html")].decode()
            self.assertIn("<p>本年度，我街道认真贯彻落实《条例》。</p>\n<p>加强依申请公开工作。</p>", html)
            grid = html_tables(html)["proactive"]
            self.assertEqual(grid[(0, 0)]["text"], "第二十条第（一）项")
            self.assertEqual([grid[(3, c)]["text"] for c in range(4)], ["行政规范性文件", "6", "2", "31"])
            self.assertEqual(grid[(5, 1)]["text"], "本年处理决定数量")
            self.assertEqual(grid[(5, 3)]["text"], "本年处理决定数量")  # one cell over three columns
            self.assertEqual(grid[(13, 1)]["text"], "12.3456")
            lines = {l[0]: l[2] for l in csv_table(out[(src, "csv")], "二", 1)}
            self.assertEqual(lines["licensing"], [120])
            fee = [row for row in csv_rows(out[(src, "csv")]) if row[:2] == ["二", "administrative_fees"]]
            self.assertEqual(fee, [["二", "administrative_fees", "第二十条第（八）项", "行政事业性收费", "", "12.3456"]])
            sheets = xlsx_sheets(out[(src, "xlsx")])
            cells = sheets["二、主动公开政府信息情况"]["cells"]
            self.assertEqual(cells[(15, 1)], ("n", 12.3456))   # the title, a blank row, then the table
            self.assertEqual(cells[(5, 1)], ("n", 6.0))
        # staff's own sentence; when the numbers change after it, the check says so
        mine = "本年度共收到申请28件，办结27件。"
        r = self.admin.put(f"/api/v1/reports/annual/2024/{self.street}/inputs",
                           dict(inputs, sentences={"applications": mine}))
        self.assertEqual(r.status, 200, r)
        doc = self.get(2024, self.street).json
        self.assertEqual(doc["sentences"]["applications"]["text"], mine)
        self.assertTrue(doc["sentences"]["applications"]["edited"])
        self.assertTrue(self.check(doc, "sentences_current")["ok"])
        rid = self.request(self.street, "natural_person", "2024-12-30")
        doc = self.get(2024, self.street).json
        self.assertFalse(doc["sentences"]["applications"]["current"])
        self.assertFalse(self.check(doc, "sentences_current")["ok"])
        self.close(rid, "disclosed", "2024-12-31")
        audit = psql(f"SELECT count(*) FROM audit_log WHERE entity = 'report' AND entity_id = '{self.street}' "
                     "AND action = 'inputs 2024'", self.dbname)
        self.assertGreaterEqual(int(audit), 2)

    def test_inputs_refused_when_invalid_or_not_admin(self):
        base = f"/api/v1/reports/annual/2024/{self.street}/inputs"
        r = self.admin.put(base, {"proactive": {"regulations": {"issued": -1}, "procurement": {"items": 1}},
                                  "text": {"overview": 5}})
        p = self.assertProblem(r, 400, "invalid_input", field="proactive.regulations.issued")
        fields = {e["field"] for e in p["errors"]}
        self.assertIn("proactive.procurement", fields)  # 2019's (九) is not in the 2021 form
        self.assertIn("text.overview", fields)
        self.assertProblem(self.admin.put(f"/api/v1/reports/annual/2020/{self.street}/inputs",
                                          {"proactive": {"regulations": {"issued": 1}}}),
                           400, "invalid_input", field="proactive.regulations.issued")  # 2019 columns
        self.assertProblem(self.admin.put(f"/api/v1/reports/annual/1999/{self.street}/inputs", {}),
                           400, "invalid_input", field="year")
        self.assertProblem(self.clients["handler"].put(base, {}), 403, "forbidden")
        self.assertProblem(self.clients["otheradmin"].put(base, {}), 404, "not_found")
        self.assertProblem(self.admin.put(base, raw=b"{", headers={"Content-Type": "application/json"}),
                           400, "malformed_json")

    def test_query_errors_and_access(self):
        self.assertProblem(self.admin.get("/api/v1/reports/annual?body_id=1"), 400, "invalid_input", field="year")
        self.assertProblem(self.admin.get("/api/v1/reports/annual?year=2024"), 400, "invalid_input",
                           field="body_id")
        self.assertProblem(self.get(2007, 1), 400, "invalid_input", field="year")
        self.assertProblem(self.get(2024, 1, format="2030"), 400, "invalid_input", field="format")
        self.assertProblem(self.get(2024, 1, type="pdf"), 400, "invalid_input", field="type")
        self.assertProblem(self.get(2024, 1, subtree="maybe"), 400, "invalid_input", field="subtree")
        self.assertProblem(self.get(2024, 999999), 404, "not_found")
        self.assertProblem(self.admin.get(f"/api/v1/reports/annual?year=2024&body_id={self.street}",
                                          headers={"Accept": "image/png"}), 406, "not_acceptable")
        r = self.admin.get(f"/api/v1/reports/annual?year=2024&body_id={self.street}",
                           headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
        self.assertTrue(r.header("Content-Type").startswith("text/html"), r.headers)
        self.assertIn("style-src 'unsafe-inline'", r.header("Content-Security-Policy"))
        self.assertNotIn("script-src", r.header("Content-Security-Policy"))
        r = self.admin.get(f"/api/v1/reports/annual?year=2024&body_id={self.street}",
                           headers={"Accept": "application/json;q=0.5, text/csv"})
        self.assertTrue(r.header("Content-Type").startswith("text/csv"), r.headers)
        self.assertIn('attachment; filename="report-2024-%d-2021.csv"' % self.street,
                      r.header("Content-Disposition"))
        r = self.get(2024, self.street, client=self.clients["auditor"], type="xlsx")
        self.assertEqual(r.status, 200)
        self.assertEqual(r.header("Content-Type"),
                         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        self.assertProblem(self.get(2024, self.legacy, client=self.clients["auditor"]), 404, "not_found")
        self.assertProblem(self.get(2024, 1, client=self.clients["auditor"], subtree="true"), 404, "not_found")

    def test_ogictl_usage_and_errors(self):
        r = ogictl(self.dbname, "report", "--year", "2024", check=False)
        self.assertEqual(r.returncode, 2)
        r = ogictl(self.dbname, "report", "--year", "x", "--body", "1", check=False)
        self.assertEqual(r.returncode, 2)
        r = ogictl(self.dbname, "report", "--year", "2024", "--body", "999999", check=False)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stderr.strip(), "ogictl: no body 999999")
        r = ogictl(self.dbname, "report", "--year", "2024", "--body", "1", "--type", "pdf", check=False)
        self.assertEqual(r.returncode, 1)
        r = ogictl(self.dbname, "report", "--year", "2023", "--body", str(self.street), check=False)
        self.assertEqual(r.returncode, 0)
        self.assertEqual(json.loads(r.stdout)["year"], 2023)
        self.assertIn("check proactive_complete failed", r.stderr)

    def test_lock_refuses_then_admin_amends(self):
        s = self.locked
        rid = self.request(s, "natural_person", "2023-11-01")
        done = self.request(s, "commercial_enterprise", "2023-03-01")
        self.close(done, "disclosed", "2023-04-03")
        r = self.clients["lockhandler"].post(f"/api/v1/reports/annual/2023/{s}/lock")
        self.assertProblem(r, 403, "forbidden")
        r = self.clients["lockadmin"].post(f"/api/v1/reports/annual/2023/{s}/lock")
        self.assertEqual(r.status, 201, r)
        self.assertEqual(r.json["format"], "2021")
        self.assertProblem(self.clients["lockadmin"].post(f"/api/v1/reports/annual/2023/{s}/lock"), 409, "conflict")
        before = self.get(2023, s).json
        self.assertIsNotNone(before["lock"])
        self.assertIsNone(before["amendment"])
        self.assertTrue(self.check(before, "matches_published")["ok"])

        reply = {"type": "replied", "on": "2023-12-28", "outcome": "partial"}
        self.assertProblem(self.clients["lockhandler"].post(f"/api/v1/requests/{rid}/events", reply),
                           409, "year_locked")
        self.assertProblem(self.clients["lockhandler"].post(f"/api/v1/requests/{rid}/events",
                                                            dict(reply, override_reason="漏登")), 403, "forbidden")
        self.assertProblem(self.clients["lockadmin"].post(f"/api/v1/requests/{rid}/events",
                                                          dict(reply, override_reason="  ")),
                           400, "override_reason_required")
        # what does not change the figures goes on: a note, dated in the locked year
        self.event(rid, {"type": "note", "on": "2023-12-01", "text": "电话联系申请人"},
                   client=self.clients["lockhandler"])
        # a back-dated intake into 2023 is refused too
        intake = {"body_id": s, "channel": "in_person", "received_on": "2023-12-29",
                  "applicant": {"kind": "natural_person", "name": "补登"}, "description": "补登的申请"}
        self.assertProblem(self.clients["lockadmin"].post("/api/v1/requests", intake), 409, "year_locked")
        numbers = psql(f"SELECT count(*) FROM requests WHERE body_id = {s}", self.dbname)
        self.assertEqual(numbers, "2")  # nothing of the refused intake was kept
        self.assertProblem(self.clients["lockadmin"].put(f"/api/v1/reports/annual/2023/{s}/inputs",
                                                         {"text": {"other": "无"}}), 409, "year_locked")

        # the admin records the reply with a reason
        self.event(rid, dict(reply, override_reason="答复书已于2023年12月28日送达，漏登"),
                   client=self.clients["lockadmin"])
        after = self.get(2023, s).json
        rows = {r["key"]: r["values"] for r in after["applications"]["rows"]}
        self.assertEqual(rows["partial"], [1, 0, 0, 0, 0, 0, 1])
        self.assertEqual(rows["carried_out"], Z)
        self.assertFalse(self.check(after, "matches_published")["ok"])
        amendment = after["amendment"]
        self.assertEqual(len(amendment["overrides"]), 1)
        self.assertEqual(amendment["overrides"][0]["reason"], "答复书已于2023年12月28日送达，漏登")
        self.assertEqual(amendment["overrides"][0]["actor"], "lockadmin")
        self.assertIn("答复（2023-12-28，部分公开）", amendment["overrides"][0]["detail"])
        changed = {(c["row"], c["label"].rsplit("·", 1)[1]): (c["before"], c["after"]) for c in amendment["changes"]}
        self.assertEqual(changed[("partial", "自然人")], ("0", "1"))
        self.assertEqual(changed[("total", "总计")], ("1", "2"))
        self.assertEqual(changed[("carried_out", "自然人")], ("1", "0"))
        html = self.get(2023, s, type="html").body.decode()
        self.assertIn("<h2>更正说明</h2>", html)
        self.assertIn("答复书已于2023年12月28日送达，漏登", html)
        self.assertIn(("applications", "partial", 0), html_failing_cells(html))
        # the next year's carry-over now differs from the published 四, and says so
        d24 = self.get(2024, s).json
        self.assertFalse(self.check(d24, "carry_over")["ok"])
        self.assertIn("2023年度报告", self.check(d24, "carry_over")["detail"])
        # an event of 2024 is not in the locked year
        rid2 = self.request(s, "natural_person", "2024-01-02")
        self.close(rid2, "disclosed", "2024-01-15")
        # the admin's override for an intake and the inputs
        r = self.clients["lockadmin"].post("/api/v1/requests", dict(intake, override_reason="窗口纸质登记簿补录"))
        self.assertEqual(r.status, 201, r)
        r = self.clients["lockadmin"].put(f"/api/v1/reports/annual/2023/{s}/inputs",
                                          {"text": {"other": "无"}, "override_reason": "补充说明"})
        self.assertEqual(r.status, 200, r)
        after = self.get(2023, s).json
        self.assertEqual([o["subject"] for o in after["amendment"]["overrides"]], ["event", "intake", "inputs"])
        locks = psql(f"SELECT count(*) FROM audit_log WHERE entity = 'report' AND action = 'lock 2023' "
                     f"AND entity_id = '{s}'", self.dbname)
        self.assertEqual(locks, "1")

    # ---- table 四 and the fees, recorded as the office records them --------------------------

    def file_rc(self, rid, filed, decided=None, decision=None, served=None):
        """A reconsideration filed through the API, its decision recorded later by PATCH."""
        cl = self.clients["remclerk"]
        r = cl.post(f"/api/v1/requests/{rid}/reconsiderations", {"filed_on": filed, "authority": "某区人民政府"})
        self.assertEqual(r.status, 201, r)
        url = r.header("Location")
        if decided:
            body = {"decided_on": decided, "decision": decision}
            if served:
                body["served_on"] = served
            r = cl.patch(url, body)
            self.assertEqual(r.status, 200, r)
        return url, r.json

    def file_lit(self, rid, filed, route, instances, reconsideration=None):
        """A suit and its instances: the first filed with the suit, each later one filed after the
        decision before it, each decision recorded by PATCH as the judgments come in."""
        cl = self.clients["remclerk"]
        body = {"filed_on": filed, "court": "某区人民法院", "route": route}
        if reconsideration:
            body["reconsideration_id"] = reconsideration
        r = cl.post(f"/api/v1/requests/{rid}/litigations", body)
        self.assertEqual(r.status, 201, r)
        url = r.header("Location")
        for seq, (kind, ifiled, decided, judgment) in enumerate(instances, 1):
            if seq > 1:
                r = cl.post(url + "/instances", {"instance": kind, "filed_on": ifiled, "court": "某市中级人民法院"})
                self.assertEqual(r.status, 201, r)
            if decided:
                r = cl.patch(f"{url}/instances/{seq}", {"decided_on": decided, "judgment": judgment})
                self.assertEqual(r.status, 200, r)
        return url, r.json

    def replied(self, body, received, on, outcome="not_held_not_exist"):
        rid = self.request(body, "natural_person", received)
        self.event(rid, {"type": "replied", "on": on, "outcome": outcome, "delivered_on": on})
        return rid

    def fee(self, rid, notice, settle=None, client=None):
        """A fee notice by the approver, and its payment (clerk) or waiver (approver)."""
        r = self.event(rid, dict(type="fee_notice_issued", **notice), client=self.clients["remapprover"])
        if settle:
            who = "remapprover" if settle["type"] == "fee_waived" else "remclerk"
            self.event(rid, settle, client=self.clients[who])
        return r

    def test_table_4_and_fees(self):
        """Table 四 and the fees of a body's year, everything recorded through the API as the office
        records it, counted by hand; the report's rule for remedies is the remedies module's, shown
        on every record; the fee figures are those the fee records hold."""
        s = self.remedies
        # -- reconsiderations: (filed, decided, decision) → result as of 2024-12-31
        x1_req = self.replied(s, "2024-01-08", "2024-02-05")
        x1, x1j = self.file_rc(x1_req, "2024-03-01", "2024-04-19", "维持", served="2024-04-22")  # 结果维持
        x2_req = self.replied(s, "2024-03-04", "2024-04-01")
        x2, x2j = self.file_rc(x2_req, "2024-05-06", "2024-06-14", "撤销")                         # 结果纠正
        x3, _ = self.file_rc(self.replied(s, "2024-09-02", "2024-10-08"),
                        "2024-11-20", "2025-01-10", "驳回申请")  # decided after 31 December: 尚未审结
        x4, _ = self.file_rc(self.replied(s, "2023-10-09", "2023-11-01"),
                        "2023-12-11", "2024-01-19", "维持")      # filed in 2023: counted there (尚未审结)
        x5, _ = self.file_rc(self.replied(s, "2024-05-06", "2024-06-03"), "2024-07-01", "2024-08-01", "终止")  # 其他
        x6, _ = self.file_rc(self.replied(s, "2024-07-01", "2024-08-01"), "2024-09-02")  # undecided: 尚未审结
        # -- litigations: instances (kind, filed, decided, judgment)
        l1, _ = self.file_lit(self.replied(s, "2023-11-06", "2023-12-04"), "2024-02-01", "direct",
                         [("first", "2024-02-01", "2024-05-10", "驳回诉讼请求")])                  # 结果维持
        # an appeal pending at 31 December (decided 2025-02-10): 尚未审结, though 撤销 stands today
        l2, _ = self.file_lit(self.replied(s, "2023-12-04", "2024-01-02"), "2024-03-01", "direct",
                         [("first", "2024-03-01", "2024-06-03", "撤销"),
                          ("second", "2024-06-20", "2025-02-10", "维持原判")])
        l3, _ = self.file_lit(x1_req, "2024-05-06", "after_reconsideration",                         # 准许撤诉: 其他
                         [("first", "2024-05-06", "2024-09-02", "准许撤诉")], x1j["id"])
        l4, _ = self.file_lit(x2_req, "2024-12-20", "after_reconsideration",                         # undecided
                         [("first", "2024-12-20", None, None)], x2j["id"])
        # remanded (发回重审) and decided again at first instance before the year ends: 结果纠正
        l5, _ = self.file_lit(self.replied(s, "2024-01-02", "2024-01-29"), "2024-04-01", "direct",
                         [("first", "2024-04-01", "2024-07-01", "撤销"),
                          ("second", "2024-08-01", "2024-11-01", "发回重审"),
                          ("first", "2024-12-02", "2024-12-20", "确认违法")])
        # remanded on 10-08 and not tried again by 31 December: 尚未审结
        l6, _ = self.file_lit(self.replied(s, "2023-11-01", "2023-11-28"), "2024-01-10", "direct",
                         [("first", "2024-01-10", "2024-03-01", "驳回起诉"),
                          ("second", "2024-03-15", "2024-10-08", "发回重审")])
        # upheld twice, then a retrial decided 11-15 (撤销): 结果纠正
        l7, _ = self.file_lit(self.replied(s, "2023-11-13", "2023-12-11"), "2024-01-15", "direct",
                         [("first", "2024-01-15", "2024-03-01", "驳回诉讼请求"),
                          ("second", "2024-03-18", "2024-05-20", "维持原判"),
                          ("retrial", "2024-09-02", "2024-11-15", "撤销")])
        # upheld; a retrial filed 2025-01-06 does not reach back into 2024: 结果维持
        l8, _ = self.file_lit(self.replied(s, "2023-11-20", "2023-12-18"), "2024-02-05", "direct",
                         [("first", "2024-02-05", "2024-04-01", "驳回诉讼请求"),
                          ("retrial", "2025-01-06", None, None)])
        # counted by hand from the comments above:
        #            复议: 维持 纠正 其他 未结 总计 | 直接起诉: …        | 复议后起诉: …
        want = [1, 1, 1, 2, 5, 2, 2, 0, 2, 6, 0, 0, 1, 1, 2]
        counted = {x1: "upheld", x2: "corrected", x3: "pending", x5: "other", x6: "pending",
                   l1: "upheld", l2: "pending", l3: "other", l4: "pending", l5: "corrected", l6: "pending",
                   l7: "corrected", l8: "upheld"}

        # -- information-processing fees (国办函〔2020〕109号) in 2024: 张三 applies 12 times in March; 李四,
        #    also called 张三, once (his own first of the month)
        zhang = [self.request(s, "natural_person", d, id_number=ZHANG) for d in
                 ("2024-03-01", "2024-03-04", "2024-03-05", "2024-03-06", "2024-03-07", "2024-03-08", "2024-03-11",
                  "2024-03-12", "2024-03-13", "2024-03-14", "2024-03-15", "2024-03-18")]
        li = self.request(s, "natural_person", "2024-03-19", id_number=LI)
        q = self.admin.get(f"/api/v1/fees/quote?request_id={zhang[10]}").json["per_item"]
        self.assertEqual(q, {"ordinal": 11, "amount": 100})  # art. 4: the 11th–30th 100 元 each
        self.assertEqual(self.admin.get(f"/api/v1/fees/quote?request_id={li}").json["per_item"],
                         {"ordinal": 1, "amount": 0})  # the same applicant is the same number, not the name
        self.assertProblem(self.clients["remapprover"].post(f"/api/v1/requests/{li}/events", {
            "type": "fee_notice_issued", "on": "2024-03-20", "method": "per_item"}), 409, "fee_not_applicable")
        self.fee(zhang[10], {"on": "2024-03-18", "method": "per_item"},                # 11th: 100 元, paid in full
                 {"type": "fee_paid", "on": "2024-03-25"})
        self.fee(zhang[11], {"on": "2024-03-19", "method": "per_item"},                # 12th: 100 元, reduced to 80
                 {"type": "fee_paid", "on": "2024-03-28", "amount": 80, "reduction_reason": "dibao"})
        wang = self.request(s, "natural_person", "2024-05-06")
        self.fee(wang, {"on": "2024-05-08", "method": "per_volume", "pages": 100},     # 70 × 10 = 700 元
                 {"type": "fee_paid", "on": "2024-05-20"})
        zhao = self.request(s, "natural_person", "2024-06-03")
        self.fee(zhao, {"on": "2024-06-04", "method": "per_volume", "pages": 31},      # 10 元, waived
                 {"type": "fee_waived", "on": "2024-06-11", "reason": "hardship"})
        qian = self.request(s, "natural_person", "2024-12-09")
        self.fee(qian, {"on": "2024-12-16", "method": "per_volume", "pages": 50},      # 200 元, paid in 2025
                 {"type": "fee_paid", "on": "2025-01-06"})
        # 2024: notices 5; collected 100 + 80 + 700 = 880 元 (3); 减免: waived 10 (1) + reduced 20 (1)
        want_fees_2024 = {"notices": 5, "paid": 3, "paid_amount": 880.0, "waived": 1, "waived_amount": 10.0,
                          "reduced": 1, "reduced_amount": 20.0}
        want_fees_2025 = {"notices": 0, "paid": 1, "paid_amount": 200.0, "waived": 0, "waived_amount": 0.0,
                          "reduced": 0, "reduced_amount": 0.0}

        # -- cost fees of the 2007 regulation (财综〔2008〕44号), 2018
        g1 = self.request(s, "natural_person", "2018-03-01")
        self.fee(g1, {"on": "2018-03-05", "method": "legacy", "search_fee": 5, "copy_fee": 0.5, "postage": 20},
                 {"type": "fee_paid", "on": "2018-03-12"})                               # 25.50 in full
        g2 = self.request(s, "natural_person", "2018-06-01")
        self.fee(g2, {"on": "2018-06-04", "method": "legacy", "search_fee": 5, "copy_fee": 5},
                 {"type": "fee_waived", "on": "2018-06-08", "reason": "dibao"})        # 10 waived (低保)
        g3 = self.request(s, "natural_person", "2018-09-03")
        self.fee(g3, {"on": "2018-09-04", "method": "legacy", "search_fee": 10, "copy_fee": 10, "postage": 10})
        # a reduction of several parts says what was collected of each: here the 检索费 was not
        self.assertProblem(self.clients["remclerk"].post(f"/api/v1/requests/{g3}/events", {
            "type": "fee_paid", "on": "2018-09-10", "amount": 20, "reduction_reason": "hardship"}),
            400, "invalid_input", field="search_fee")
        self.assertProblem(self.clients["remclerk"].post(f"/api/v1/requests/{g3}/events", {
            "type": "fee_paid", "on": "2018-09-10", "amount": 20, "reduction_reason": "hardship",
            "copy_fee": 10, "postage": 12}), 400, "invalid_input", field="postage")
        self.event(g3, {"type": "fee_paid", "on": "2018-09-10", "amount": 20, "reduction_reason": "hardship",
                        "search_fee": 0, "copy_fee": 10, "postage": 10}, client=self.clients["remclerk"])
        g4 = self.request(s, "natural_person", "2018-10-08")
        # one part noticed: a reduction of it is that part
        self.fee(g4, {"on": "2018-10-09", "method": "legacy", "postage": 12},
                 {"type": "fee_paid", "on": "2018-10-15", "amount": 8, "reduction_reason": "hardship"})
        g5 = self.request(s, "natural_person", "2018-12-03")
        self.fee(g5, {"on": "2018-12-17", "method": "legacy", "copy_fee": 3},
                 {"type": "fee_paid", "on": "2019-01-07"})                               # paid in 2019
        # 2018: collected 25.50 + 20 + 8 = 53.50 (3): 检索 5 + 0 + 0, 复制 0.50 + 10 + 0, 邮寄 20 + 10 + 8;
        # 减免 3: 低保 10 (g2), 经济困难 10 (g3) + 4 (g4)
        legacy_rows = [("paid", [3, "53.50"]), ("search", [None, "5.00"]), ("copy", [None, "10.50"]),
                       ("postage", [None, "38.00"]), ("waived", [3, "24.00"]), ("waived_wubao", [0, "0.00"]),
                       ("waived_dibao", [1, "10.00"]), ("waived_youfu", [0, "0.00"]),
                       ("waived_hardship", [2, "14.00"]), ("waived_other", [0, "0.00"])]

        # ---- table 四 in every output, from the API and from ogictl
        out = self.outputs(2024, s)
        for src in ("api", "ogictl"):
            where = src
            doc = json.loads(out[(src, "json")])
            got = [doc["remedies"][b][k] for b in ("reconsideration", "litigation_direct",
                                                     "litigation_after_reconsideration")
                   for k in ("upheld", "corrected", "other", "pending", "total")]
            self.assertEqual(got, want, where)
            self.assertTrue(self.check(doc, "remedies_totals")["ok"], where)
            self.assertEqual(doc["fees"]["information_processing"], want_fees_2024, where)
            self.assertEqual(doc["sentences"]["fees"]["text"],
                             "本年度收取信息处理费880元（3件），减免信息处理费2件，共计30元。", where)
            self.assertEqual(doc["sentences"]["remedies"]["text"],
                             "本年度因政府信息公开被申请行政复议5件，其中结果维持1件、结果纠正1件、其他结果1件、尚未审结2件；"
                             "被提起行政诉讼8件，其中未经复议直接起诉6件、复议后起诉2件；结果维持2件、结果纠正2件、"
                             "其他结果1件、尚未审结3件。", where)
            lines = csv_table(out[(src, "csv")], "四", 15)
            self.assertEqual(lines, [("remedies", ["四、政府信息公开行政复议、行政诉讼情况"], want)], where)
            grid = html_tables(out[(src, "html")].decode())["remedies"]
            self.assertEqual([int(grid[(3, c)]["text"]) for c in range(15)], want, where)
            md = md_applications(out[(src, "md")].decode(), "四、政府信息公开行政复议、行政诉讼情况", 0, 15)
            self.assertEqual(md, [([], want)], where)
            self.assertIn("本年度收取信息处理费880元（3件）", out[(src, "md")].decode(), where)
            sheet = xlsx_sheets(out[(src, "xlsx")])["四、政府信息公开行政复议、行政诉讼情况"]["cells"]
            self.assertEqual([sheet[(5, c)] for c in range(15)], [("n", float(v)) for v in want], where)
            self.assertEqual(sheet[(2, 0)], ("s", "行政复议"), where)
            self.assertIn("本年度收取信息处理费880元（3件），减免信息处理费2件，共计30元。",
                          out[(src, "html")].decode(), where)
            text = xlsx_sheets(out[(src, "xlsx")])["报告正文"]["cells"]
            self.assertIn("本年度收取信息处理费880元（3件），减免信息处理费2件，共计30元。",
                          [v for _, v in text.values()], where)

        # ---- one rule: each record says how the report counts it, and the report is their sum
        tally = {}
        records = [x1, x2, x3, x4, x5, x6, l1, l2, l3, l4, l5, l6, l7, l8]
        for url in records:
            rec = self.admin.get(url)
            self.assertEqual(rec.status, 200, rec)
            a = rec.json["annual_report"]
            if url in counted:
                self.assertEqual((a["year"], a["result"]), (2024, counted[url]), url)
            key = (a["year"], a["block"])
            tally.setdefault(key, [0, 0, 0, 0, 0])
            tally[key][["upheld", "corrected", "other", "pending"].index(a["result"])] += 1
            tally[key][4] += 1
        self.assertEqual(tally[(2024, "reconsideration")] + tally[(2024, "litigation_direct")] +
                         tally[(2024, "litigation_after_reconsideration")], want)
        self.assertEqual(tally[(2023, "reconsideration")], [0, 0, 0, 1, 1])
        # as of today the same records read otherwise: the rule is "as of 31 December"
        self.assertEqual((self.admin.get(l2).json["result"], self.admin.get(x3).json["result"]), ("corrected", "other"))
        self.assertEqual(self.admin.get(x3).json["annual_report"]["result_zh"], "尚未审结")
        d23 = self.get(2023, s).json
        self.assertEqual(d23["remedies"]["reconsideration"], {"upheld": 0, "corrected": 0, "other": 0,
                                                                "pending": 1, "total": 1})
        # 2025 so far: no remedy filed (the retrial belongs to L8 of 2024); the fee paid on 01-06
        d25 = self.get(2025, s).json
        self.assertEqual(d25["remedies"]["litigation_direct"]["total"], 0)
        self.assertEqual(d25["fees"]["information_processing"], want_fees_2025)
        self.assertEqual(d25["sentences"]["fees"]["text"], "本年度收取信息处理费200元（1件）。")

        # ---- the fee figures are those the fee records hold
        def notices(rids):
            return [f for rid in rids for f in self.admin.get(f"/api/v1/requests/{rid}/fees").json["fee_notices"]]

        def in_year(f, y):
            return (f["settled_on"] or "").startswith(str(y))

        fees = notices([zhang[10], zhang[11], wang, zhao, qian])
        paid24 = [f for f in fees if f["status"] == "paid" and in_year(f, 2024)]
        self.assertEqual(sum(f["paid_amount"] for f in paid24), want_fees_2024["paid_amount"])
        self.assertEqual(sum(f["amount"] - f["paid_amount"] for f in paid24), want_fees_2024["reduced_amount"])
        self.assertEqual([(f["status"], f["waiver_reason"], f["amount"]) for f in fees if f["status"] == "waived"],
                         [("waived", "hardship", 10)])
        self.assertEqual([(f["notice_on"], f["settled_on"], f["paid_amount"]) for f in fees
                          if not in_year(f, 2024)], [("2024-12-16", "2025-01-06", 200)])
        legacy = notices([g1, g2, g3, g4, g5])
        paid18 = [f for f in legacy if f["status"] == "paid" and in_year(f, 2018)]
        self.assertEqual([(f["paid_search_fee"], f["paid_copy_fee"], f["paid_postage"]) for f in paid18],
                         [(5, 0.5, 20), (0, 10, 10), (None, None, 8)])
        self.assertEqual(sum(f["paid_amount"] for f in paid18), 53.5)

        # ---- the legacy report's 收费及减免 (2018) in every output
        out = self.outputs(2018, s)
        for src in ("api", "ogictl"):
            doc = json.loads(out[(src, "json")])
            lf = doc["fees"]["legacy"]
            self.assertEqual((lf["paid"], lf["paid_amount"], lf["search"], lf["copy"], lf["postage"], lf["unsplit"]),
                             (3, 53.5, 5.0, 10.5, 38.0, 0), src)
            self.assertEqual(lf["waivers"]["dibao"], {"count": 1, "amount": 10.0}, src)
            self.assertEqual(lf["waivers"]["hardship"], {"count": 2, "amount": 14.0}, src)
            self.assertEqual(lf["paid_amount"], sum(f["paid_amount"] for f in paid18), src)
            self.assertTrue(self.check(doc, "fees_total")["ok"], self.check(doc, "fees_total"))
            sentence = ("本年度依申请提供政府信息收取费用3件，共计53.50元（检索费5元、复制费10.50元、邮寄费38元）；"
                        "减免费用3件，共计24元。")
            self.assertEqual(doc["sentences"]["fees"]["text"], sentence, src)
            rows = [r for r in csv_rows(out[(src, "csv")]) if r and r[0] == "四"]
            self.assertEqual([(r[1], [int(r[5]) if r[5] else None, r[6]]) for r in rows], legacy_rows, src)
            grid = html_tables(out[(src, "html")].decode())["fees"]
            self.assertEqual([[grid[(1 + i, c)]["text"] or None for c in (1, 2)] for i in range(10)],
                             [[str(v[0]) if v[0] is not None else None, v[1]] for _, v in legacy_rows], src)
            md = md_tables(out[(src, "md")].decode(), "四、政府信息公开的收费及减免情况")[0]["rows"]
            self.assertEqual([[c.lstrip("\u3000") for c in row[1:3]] for row in md],
                             [[str(v[0]) if v[0] is not None else "", v[1]] for _, v in legacy_rows], src)
            self.assertIn(sentence, out[(src, "md")].decode(), src)
            sheet = xlsx_sheets(out[(src, "xlsx")])["四、政府信息公开的收费及减免情况"]["cells"]
            self.assertEqual(sheet[(3, 2)], ("n", 53.5))
            self.assertEqual(sheet[(3, 0)], ("s", "（一）收取费用"))
            self.assertEqual(sheet[(6, 2)], ("n", 38.0))
        # 2019 (the 2019 format): the cost fee of an old request paid on 2019-01-07
        d19 = self.get(2019, s).json
        self.assertEqual(d19["sentences"]["fees"]["text"],
                         "按2007年《条例》办理的申请，本年度收取检索、复制、邮寄等费用1件，共计3元（检索费0元、复制费3元、"
                         "邮寄费0元）。")
        self.assertTrue(self.check(d19, "fees_total")["ok"])


    def test_lock_covers_remedies_and_fees(self):
        """A locked year's table 四 and fee figures change only by an admin's override, listed in the
        amendment like an event's; what changes no locked figure goes on."""
        s = self.remedy_locked
        clerk, approver, admin = (self.clients[n] for n in ("rlclerk", "rlapprover", "rladmin"))
        r1 = self.replied(s, "2024-02-01", "2024-03-01")
        y1 = clerk.post(f"/api/v1/requests/{r1}/reconsiderations", {"filed_on": "2024-04-01", "authority": "某区人民政府"})
        self.assertEqual(y1.status, 201, y1)
        y1 = y1.header("Location")
        r2 = self.replied(s, "2024-01-08", "2024-02-01")
        m1 = clerk.post(f"/api/v1/requests/{r2}/litigations", {"filed_on": "2024-05-06", "court": "某区人民法院",
                                                                "route": "direct"})
        self.assertEqual(m1.status, 201, m1)
        m1 = m1.header("Location")
        r3 = self.replied(s, "2023-10-09", "2023-11-01")
        y0 = clerk.post(f"/api/v1/requests/{r3}/reconsiderations", {"filed_on": "2023-12-01", "authority": "某区人民政府"})
        y0 = y0.header("Location")
        fee_reqs = [self.request(s, "natural_person", d) for d in ("2024-11-01", "2024-12-02", "2024-12-02")]
        for rid, on in zip(fee_reqs, ("2024-11-04", "2024-12-16", "2024-12-03")):
            self.event(rid, {"type": "fee_notice_issued", "on": on, "method": "per_volume", "pages": 40},
                       client=approver)  # 10 × 10 = 100 元 each
        late = self.request(s, "natural_person", "2024-12-23")
        r = admin.post(f"/api/v1/reports/annual/2024/{s}/lock")
        self.assertEqual(r.status, 201, r)
        published = self.get(2024, s).json
        self.assertEqual(published["remedies"]["reconsideration"]["pending"], 1)
        self.assertEqual(published["fees"]["information_processing"]["notices"], 3)

        # a decision dated in the locked year changes its table 四: refused, then recorded by the admin
        decision = {"decided_on": "2024-06-03", "decision": "维持"}
        self.assertProblem(clerk.patch(y1, decision), 409, "year_locked")
        self.assertProblem(clerk.patch(y1, dict(decision, override_reason="复议决定书漏登")), 403, "forbidden")
        self.assertProblem(admin.patch(y1, dict(decision, override_reason=" ")), 400, "override_reason_required")
        self.assertIsNone(admin.get(y1).json["decided_on"])  # nothing of the refused changes was kept
        r = admin.patch(y1, dict(decision, override_reason="复议决定书漏登"))
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["annual_report"], {"year": 2024, "block": "reconsideration", "result": "upheld",
                                                   "result_zh": "结果维持"})
        # a new reconsideration filed in the locked year
        filing = {"filed_on": "2024-10-08", "authority": "某区人民政府"}
        self.assertProblem(clerk.post(f"/api/v1/requests/{r1}/reconsiderations", filing), 409, "year_locked")
        r = admin.post(f"/api/v1/requests/{r1}/reconsiderations", dict(filing, override_reason="补录2024年10月的复议"))
        self.assertEqual(r.status, 201, r)
        # a filing date corrected out of the locked year takes it out of that year's table 四
        self.assertProblem(clerk.patch(r.header("Location"), {"filed_on": "2025-01-06"}), 409, "year_locked")
        # a suit filed in the locked year: refused, and nothing kept
        suit = {"filed_on": "2024-07-01", "court": "某区人民法院", "route": "direct"}
        self.assertProblem(clerk.post(f"/api/v1/requests/{r3}/litigations", suit), 409, "year_locked")
        self.assertEqual(clerk.get(f"/api/v1/requests/{r3}/litigations").json["litigations"], [])
        # an instance decided in the locked year, then what changes no locked report goes on:
        self.assertProblem(clerk.patch(m1 + "/instances/1", {"decided_on": "2024-12-02", "judgment": "驳回诉讼请求"}),
                           409, "year_locked")
        # the judgment came on 2025-01-15: as of 2024-12-31 the suit was pending, and still is
        r = clerk.patch(m1 + "/instances/1", {"decided_on": "2025-01-15", "judgment": "驳回诉讼请求"})
        self.assertEqual((r.status, r.json["annual_report"]["result"]), (200, "pending"))
        r = clerk.post(m1 + "/instances", {"instance": "second", "filed_on": "2025-01-20"})
        self.assertEqual(r.status, 201, r)
        r = clerk.patch(m1, {"case_no": "(2024)某0101行初9号"})
        self.assertEqual(r.status, 200, r)
        # filed in 2023 (not locked), decided in 2024: counted in 2023, pending there, and not in 2024
        r = clerk.patch(y0, {"decided_on": "2024-02-05", "decision": "维持"})
        self.assertEqual((r.status, r.json["annual_report"]), (200, {"year": 2023, "block": "reconsideration",
                                                                     "result": "pending", "result_zh": "尚未审结"}))

        # fees: every fee event dated in the locked year changes its fee figures
        self.assertProblem(clerk.post(f"/api/v1/requests/{fee_reqs[0]}/events",
                                      {"type": "fee_paid", "on": "2024-12-02"}), 409, "year_locked")
        self.assertProblem(approver.post(f"/api/v1/requests/{fee_reqs[2]}/events",
                                         {"type": "fee_waived", "on": "2024-12-20", "reason": "hardship"}),
                           409, "year_locked")
        self.assertProblem(approver.post(f"/api/v1/requests/{late}/events",
                                         {"type": "fee_notice_issued", "on": "2024-12-27", "method": "per_volume",
                                          "pages": 40}), 409, "year_locked")
        self.event(fee_reqs[0], {"type": "fee_paid", "on": "2024-12-02", "override_reason": "缴费凭证补登"},
                   client=admin)
        # paid in 2025: 2024's figures (a notice issued in 2024) are the same
        self.event(fee_reqs[1], {"type": "fee_paid", "on": "2025-01-06"}, client=clerk)

        after = self.get(2024, s).json
        self.assertFalse(self.check(after, "matches_published")["ok"])
        overrides = [(o["subject"], o["on"], o["reason"]) for o in after["amendment"]["overrides"]]
        self.assertEqual(overrides, [("reconsideration", "2024-06-03", "复议决定书漏登"),
                                     ("reconsideration", "2024-10-08", "补录2024年10月的复议"),
                                     ("event", "2024-12-02", "缴费凭证补登")])
        details = [o["detail"] for o in after["amendment"]["overrides"]]
        self.assertIn("行政复议（2024-04-01申请）结果由尚未审结改为结果维持", details[0])
        self.assertIn("行政复议（2024-10-08申请）计入本年度：尚未审结", details[1])
        self.assertIn("缴纳费用（2024-12-02，100元）", details[2])
        changes = {c["label"]: (c["before"], c["after"]) for c in after["amendment"]["changes"]}
        self.assertEqual(changes, {"行政复议·结果维持": ("0", "1"), "行政复议·总计": ("1", "2"),
                                   "信息处理费·收取（件）": ("0", "1"),
                                   "信息处理费·收取金额（元）": ("0", "100")})
        html = self.get(2024, s, type="html").body.decode()
        for text in ("<h2>更正说明</h2>", "复议决定书漏登", "补录2024年10月的复议", "缴费凭证补登", "信息处理费·收取金额（元）"):
            self.assertIn(text, html)
        self.assertEqual(self.get(2025, s).json["fees"]["information_processing"]["paid_amount"], 100.0)

    def test_lock_waits_for_a_change_in_flight(self):
        """A change to a year holds its body's year key (shared) from its check to its commit; a
        lock takes the key exclusively, so it cannot freeze the year between another's check and
        commit.  Seen in pg_stat_activity, not by timing."""
        body, year = self.legacy, 2015
        inflight = subprocess.Popen(["psql", "-X", "-q", "-d", conninfo(self.dbname)], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, text=True)
        inflight.stdin.write(f"BEGIN;\nSELECT pg_advisory_xact_lock_shared(1330053120 + {year}, {body});\n"
                             "\\echo holding\n")
        inflight.stdin.flush()
        while "holding" not in inflight.stdout.readline():
            pass
        result = {}
        t = threading.Thread(target=lambda: result.setdefault(
            "r", self.admin.post(f"/api/v1/reports/annual/{year}/{body}/lock")))
        t.start()
        waiting, deadline = "0", time.time() + 120
        while waiting == "0" and time.time() < deadline:
            waiting = psql("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                           "AND wait_event = 'advisory' AND datname = current_database()", self.dbname)
        self.assertEqual(waiting, "1", "the lock waits for the change in flight")
        self.assertNotIn("r", result)
        inflight.stdin.write("COMMIT;\n\\q\n")
        inflight.stdin.close()
        inflight.wait(timeout=60)
        t.join(timeout=120)
        self.assertEqual(result["r"].status, 201, result.get("r"))

    def test_subtree_lock_covers_sub_bodies(self):
        dept = self.district_dept
        rid = self.request(dept, "natural_person", "2021-06-01")
        r = self.admin.post("/api/v1/reports/annual/2021/1/lock", {"subtree": True})
        self.assertEqual(r.status, 201, r)
        self.assertTrue(r.json["subtree"])
        self.assertProblem(self.admin.post(f"/api/v1/requests/{rid}/events",
                                           {"type": "replied", "on": "2021-07-01", "outcome": "disclosed"}),
                           409, "year_locked")
        # the district's lock is not the department's own: its inputs are its own affair
        r = self.admin.put(f"/api/v1/reports/annual/2021/{dept}/inputs", {"text": {"other": "无"}})
        self.assertEqual(r.status, 200, r)
        self.assertProblem(self.admin.post("/api/v1/reports/annual/2021/1/lock", raw=b"{\"subtree\": 1}",
                                           headers={"Content-Type": "application/json"}),
                           400, "invalid_input", field="subtree")


class AncestorLock(OgidTestCase):
    """A subtree lock of an ancestor covers its bodies' figures: an override into it needs an
    admin of the locking body, not only of the body the change is in (lib/yearlock.h)."""
    ogid_env = {"OGI_TODAY": TODAY}

    def test_override_needs_the_locking_bodys_admin(self):
        add = lambda name, parent: int(ogictl(self.dbname, "body", "add", name, "--parent", str(parent)).stdout)
        district = add("某区人民政府", 1)
        dept = add("某区住建局", district)
        clients = {}
        for name, body in (("deptadmin", dept), ("districtadmin", district)):
            ogictl(self.dbname, "user", "add", name, "--role", "admin", "--body", str(body), "--password-stdin",
                   input="a good long password\n")
            clients[name] = self.ogid.client()
            clients[name].login(name, "a good long password")
        r = self.admin.post("/api/v1/requests", {
            "body_id": dept, "channel": "in_person", "received_on": "2023-03-01",
            "applicant": {"kind": "natural_person", "name": "申请人"}, "description": "某项政府信息"})
        self.assertEqual(r.status, 201, r)
        rid = r.json["id"]
        r = clients["districtadmin"].post(f"/api/v1/reports/annual/2023/{district}/lock", {"subtree": True})
        self.assertEqual(r.status, 201, r)
        reply = {"type": "replied", "on": "2023-04-03", "outcome": "disclosed", "override_reason": "漏登"}
        p = self.assertProblem(clients["deptadmin"].post(f"/api/v1/requests/{rid}/events", reply), 403,
                               "forbidden")
        self.assertIn("某区人民政府", p["detail"])
        # the department's own report is not locked: its inputs are its admin's affair
        r = clients["deptadmin"].put(f"/api/v1/reports/annual/2023/{dept}/inputs", {"text": {"other": "无"}})
        self.assertEqual(r.status, 200, r)
        r = clients["districtadmin"].post(f"/api/v1/requests/{rid}/events", reply)
        self.assertEqual(r.status, 201, r)
        q = f"/api/v1/reports/annual?year=2023&body_id={district}&subtree=true"
        overrides = self.admin.get(q).json["amendment"]["overrides"]
        self.assertEqual([(o["actor"], o["reason"], o["subject"]) for o in overrides],
                         [("districtadmin", "漏登", "event")])
        own = self.admin.get(f"/api/v1/reports/annual?year=2023&body_id={dept}").json
        self.assertIsNone(own["lock"])
        self.assertIsNone(own["amendment"])


if __name__ == "__main__":
    main()
