/* The annual report model: the official labels and layout of each format,
 * the outcome → row mapping as migration 0005 ships it (the file is this
 * test's argument) against DESIGN.md §2's table, the tally, every check
 * failing where it should and naming its cells, the sentences, the staff
 * inputs, the outputs agreeing, and the comparison with a locked report. */
#include <stdlib.h>

#include "lib/report.h"
#include "lib/report_layout.h"
#include "lib/report_render.h"
#include "tests/unit/check.h"

/* ---- the mapping as shipped ----------------------------------------------------------------- */

static void load_mapping(const char *path, struct ogi_report_mapping *m, int *rows)
{
	ogi_report_mapping_init(m);
	*rows = 0;
	FILE *fp = fopen(path, "r");
	CHECK(fp != NULL, "cannot open %s", path);
	if (fp == NULL)
		return;
	char line[512], f[16], kind[16], value[64], row[64];
	bool in_map = false;
	while (fgets(line, sizeof line, fp)) {
		if (strstr(line, "INSERT INTO report_row_map") != NULL)
			in_map = true;
		else if (in_map && line[0] != '(' && line[0] != '-')
			in_map = false;
		if (in_map && sscanf(line, "('%15[^']','%15[^']','%63[^']','%63[^']')", f, kind,
		                     value, row) == 4) {
			CHECK(ogi_report_mapping_add(m, f, kind, value, row), "%s %s %s → %s", f,
			      kind, value, row);
			(*rows)++;
		}
	}
	fclose(fp);
}

/* DESIGN.md §2 "Outcomes and the report rows", written out again here. */
static const struct {
	const char *outcome, *r2021, *r2019, *legacy;
} design[] = {
    {"already_public", "disclosed", "disclosed", "agreed"}, /* 36(1) → (一)予以公开 / 同意公开 */
    {"disclosed", "disclosed", "disclosed", "agreed"},   /* 36(2) */
    {"partial", "partial", "partial", "agreed_partial"}, /* 37 */
    {"withheld_state_secret", "withheld_state_secret", "withheld_state_secret", "refused"}, /* 14 */
    {"withheld_law_prohibited", "withheld_law_prohibited", "withheld_law_prohibited", "refused"},
    {"withheld_security_stability", "withheld_security_stability", "withheld_security_stability",
     "refused"},
    {"withheld_third_party", "withheld_third_party", "withheld_third_party",
     "refused"}, /* 15, 32 */
    {"withheld_internal_affairs", "withheld_internal_affairs", "withheld_internal_affairs",
     "refused"}, /* 16(1) */
    {"withheld_process_info", "withheld_process_info", "withheld_process_info",
     "refused"}, /* 16(2) */
    {"withheld_enforcement_file", "withheld_enforcement_file", "withheld_enforcement_file",
     "refused"},
    {"withheld_query_matter", "withheld_query_matter", "withheld_query_matter",
     "redirected"},                                                                    /* 36(7) */
    {"not_held_not_exist", "unable_not_held", "unable_not_held", "not_exist"},         /* 36(4) */
    {"not_held_other_body", "unable_not_held", "unable_not_held", "not_this_body"},    /* 36(5) */
    {"needs_creation", "unable_needs_creation", "unable_needs_creation", "not_exist"}, /* 38 */
    {"still_unclear", "unable_still_unclear", "unable_still_unclear", "unclear"},      /* 30 */
    {"not_government_info", "other_other", "other_processing", "not_government_info"}, /* 2 */
    {"rejected_petition", "rejected_petition", "rejected_petition",
     "not_government_info"},                                            /* 39(1) */
    {"rejected_repeat", "rejected_repeat", "rejected_repeat", "other"}, /* 36(6) */
    {"rejected_publication", "rejected_publication", "rejected_publication",
     "redirected"},                                                              /* 39(2) */
    {"rejected_excessive", "rejected_excessive", "rejected_excessive", "other"}, /* 35 */
    {"rejected_confirm_reissue", "rejected_confirm_reissue", "rejected_confirm_reissue", "other"},
    {"lapsed_correction", "other_correction_lapsed", "other_processing", "unclear"}, /* 30 */
    {"lapsed_fee", "other_fee_lapsed", "other_processing", "other"},
    {"withdrawn", "other_other", "other_processing", "other"},
    {"other", "other_other", "other_processing", "other"},
};

static void test_mapping(const struct ogi_report_mapping *m, int rows)
{
	CHECK_INT(m->nerrors, 0, "the shipped mapping has no errors");
	CHECK_INT(rows, 3 * OGI_OUTCOME_COUNT + 7, "every outcome in 3 formats and 7 channels");
	CHECK_INT(sizeof design / sizeof design[0], OGI_OUTCOME_COUNT,
	          "the table covers every outcome");
	for (size_t i = 0; i < sizeof design / sizeof design[0]; i++) {
		int o = ogi_enum_parse(ogi_outcome_names, design[i].outcome);
		const char *want[] = {design[i].r2021, design[i].r2019, design[i].legacy};
		for (int f = 0; f < OGI_FORMAT_COUNT; f++) {
			int row = m->outcome[f][o];
			int n;
			const struct ogi_report_row *r =
			    ogi_report_rows((enum ogi_report_format)f, &n);
			CHECK(row >= 0 && strcmp(r[row].key, want[f]) == 0, "%s in %s: %s, want %s",
			      design[i].outcome, ogi_report_format_names[f],
			      row >= 0 ? r[row].key : "-", want[f]);
		}
	}
	/* the legacy channels: 当面 (and oral, taken down at the desk), 传真, 电子邮件, 网上, 信函
	 */
	int n;
	const struct ogi_report_row *r = ogi_report_rows(OGI_FORMAT_LEGACY, &n);
	CHECK_STR(r[m->channel[OGI_FORMAT_LEGACY][OGI_CHANNEL_ORAL]].key, "new_in_person", "oral");
	CHECK_STR(r[m->channel[OGI_FORMAT_LEGACY][OGI_CHANNEL_POST_ORDINARY]].key, "new_letter",
	          "post");
	CHECK_STR(r[m->channel[OGI_FORMAT_LEGACY][OGI_CHANNEL_EMAIL]].key, "new_email", "email");

	struct ogi_report_mapping bad;
	ogi_report_mapping_init(&bad);
	CHECK(!ogi_report_mapping_add(&bad, "2021", "outcome", "disclosed", "carried_out"),
	      "an outcome cannot be counted in 四");
	CHECK(!ogi_report_mapping_add(&bad, "2021", "outcome", "nonsense", "disclosed"),
	      "unknown outcome");
	CHECK(!ogi_report_mapping_add(&bad, "2019", "outcome", "lapsed_fee", "other_fee_lapsed"),
	      "2019 has no (六)2 row");
	CHECK(!ogi_report_mapping_add(&bad, "2030", "outcome", "disclosed", "disclosed"),
	      "unknown format");
	CHECK_INT(bad.nerrors, 4, "each refusal is recorded for the export to show");
}

/* ---- labels and layout ---------------------------------------------------------------------- */

static void test_labels(void)
{
	int n;
	const struct ogi_report_row *r = ogi_report_rows(OGI_FORMAT_2021, &n);
	CHECK_INT(n, 25, "2021: 25 data rows (law.md §4.4)");
	/* DESIGN.md §3: the row keys of the 2021 format, in order */
	static const char *const keys[] = {"new",
	                                   "carried_in",
	                                   "disclosed",
	                                   "partial",
	                                   "withheld_state_secret",
	                                   "withheld_law_prohibited",
	                                   "withheld_security_stability",
	                                   "withheld_third_party",
	                                   "withheld_internal_affairs",
	                                   "withheld_process_info",
	                                   "withheld_enforcement_file",
	                                   "withheld_query_matter",
	                                   "unable_not_held",
	                                   "unable_needs_creation",
	                                   "unable_still_unclear",
	                                   "rejected_petition",
	                                   "rejected_repeat",
	                                   "rejected_publication",
	                                   "rejected_excessive",
	                                   "rejected_confirm_reissue",
	                                   "other_correction_lapsed",
	                                   "other_fee_lapsed",
	                                   "other_other",
	                                   "total",
	                                   "carried_out"};
	for (int i = 0; i < n && i < 25; i++)
		CHECK_STR(r[i].key, keys[i], "row %d", i);
	/* law.md §4.4, character for character (full-width brackets and curly quotes) */
	CHECK_STR(r[0].label[0], "一、本年新收政府信息公开申请数量", "一");
	CHECK_STR(r[1].label[0], "二、上年结转政府信息公开申请数量", "二");
	CHECK_STR(r[2].label[0], "三、本年度办理结果", "三");
	CHECK_STR(r[3].label[1], "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
	          "(二)");
	CHECK_STR(r[6].label[2], "3.危及“三安全一稳定”", "curly quotes U+201C/U+201D");
	CHECK(strstr(r[6].label[2], "\xe2\x80\x9c") != NULL, "U+201C present");
	CHECK_STR(r[11].label[2], "8.属于行政查询事项", "(三)8");
	CHECK_STR(r[12].label[1], "（四）无法提供", "(四)");
	CHECK_STR(r[19].label[2], "5.要求行政机关确认或重新出具已获取信息", "(五)5");
	CHECK_STR(r[20].label[2],
	          "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "(六)1");
	CHECK_STR(r[21].label[2],
	          "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
	          "(六)2");
	CHECK_STR(r[22].label[2], "3.其他", "(六)3");
	CHECK_STR(r[23].label[1], "（七）总计", "(七)");
	CHECK_STR(r[24].label[0], "四、结转下年度继续办理", "四");
	CHECK_STR(ogi_report_column_labels[3], "社会公益组织", "column");
	r = ogi_report_rows(OGI_FORMAT_2019, &n);
	CHECK_INT(n, 23, "2019: (六) is one row");
	CHECK_STR(r[20].key, "other_processing", "2019 (六)");
	CHECK(r[20].label[2] == NULL && strcmp(r[20].label[1], "（六）其他处理") == 0,
	      "no sub-rows");
	CHECK_INT(ogi_report_format_for_year(2018), OGI_FORMAT_LEGACY, "2018: the 2007 regulation");
	CHECK_INT(ogi_report_format_for_year(2019), OGI_FORMAT_2019, "〔2019〕60号 for 2019");
	CHECK_INT(ogi_report_format_for_year(2020), OGI_FORMAT_2019, "and 2020");
	CHECK_INT(ogi_report_format_for_year(2021), OGI_FORMAT_2021, "〔2021〕30号 from 2021");

	const struct ogi_proactive_block *b;
	CHECK_INT(ogi_proactive_blocks(OGI_FORMAT_2021, &b), 4,
	          "2021 section 二: (一)(五)(六)(八)");
	CHECK_STR(b[0].title, "第二十条第（一）项", "full-width brackets");
	CHECK_STR(b[0].columns[0], "本年制发件数", "2021 columns");
	CHECK_STR(b[0].rows[1].label, "行政规范性文件", "2021 row");
	CHECK_STR(b[3].columns[0], "本年收费金额（单位：万元）", "万元");
	CHECK_INT(ogi_proactive_blocks(OGI_FORMAT_2019, &b), 5, "2019 section 二 has (九)");
	CHECK_STR(b[0].columns[1], "本年新公开数量", "2019 columns");
	CHECK_STR(b[0].rows[1].label, "规范性文件", "2019 row");
	CHECK_STR(b[1].rows[1].label, "其他对外管理服务事项", "2019 (五)");
	CHECK_STR(b[4].rows[0].label, "政府集中采购", "2019 (九)");
}

static const struct gcell *grid_label(const struct grid *g, const char *text)
{
	for (int i = 0; i < g->ncells; i++)
		if (g->cells[i].kind != GC_VALUE && g->cells[i].text &&
		    strcmp(g->cells[i].text, text) == 0)
			return &g->cells[i];
	return NULL;
}

static void test_layout(const struct ogi_report_mapping *m)
{
	struct grid *g = malloc(sizeof *g);
	struct ogi_report *r = ogi_report_new(2024, OGI_FORMAT_2021, 1, "甲街道办事处", false, m);
	ogi_report_finish(r);
	CHECK(report_grid(r, RT_APPLICATIONS, g), "table 三");
	CHECK_INT(g->ncols, 10, "3 label columns and 7 values");
	CHECK_INT(g->nrows, 28, "3 header rows and 25 data rows");
	const struct gcell *c = grid_label(g, "三、本年度办理结果");
	CHECK(c && c->rowspan == 22 && c->colspan == 1, "三 spans 22 rows (law.md §4.4)");
	c = grid_label(g, "（三）不予公开");
	CHECK(c && c->rowspan == 8, "(三) spans its 8 sub-rows; no subtotal row");
	c = grid_label(g, "（六）其他处理");
	CHECK(c && c->rowspan == 3, "(六) spans 3 in 2021");
	c = grid_label(g, "一、本年新收政府信息公开申请数量");
	CHECK(c && c->colspan == 3 && c->rowspan == 1, "一 spans the three label columns");
	c = grid_label(g, "（一）予以公开");
	CHECK(c && c->colspan == 2, "(一) spans two label columns");
	c = grid_label(g, "法人或其他组织");
	CHECK(c && c->colspan == 5 && c->row == 1, "法人或其他组织 over the five organisations");
	c = grid_label(g, "自然人");
	CHECK(c && c->rowspan == 2, "自然人 spans two header rows");
	c = grid_label(g, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）");
	CHECK(c && c->rowspan == 3 && c->colspan == 3, "the note heads the label columns");
	CHECK(report_grid(r, RT_REMEDIES, g), "table 四");
	CHECK_INT(g->ncols, 15, "15 figures");
	c = grid_label(g, "行政诉讼");
	CHECK(c && c->colspan == 10, "行政诉讼 over ten");
	c = grid_label(g, "未经复议直接起诉");
	CHECK(c && c->colspan == 5 && c->row == 1, "two litigation blocks of five");
	CHECK(report_grid(r, RT_PROACTIVE, g), "section 二");
	c = grid_label(g, "本年处理决定数量");
	CHECK(c && c->colspan == 3, "a single figure spans the three value columns");
	CHECK(!report_grid(r, RT_FEES, g), "no fee table in 2021");
	ogi_report_free(r);

	r = ogi_report_new(2020, OGI_FORMAT_2019, 1, "甲街道办事处", false, m);
	ogi_report_finish(r);
	report_grid(r, RT_APPLICATIONS, g);
	c = grid_label(g, "三、本年度办理结果");
	CHECK(c && c->rowspan == 20, "2019: 三 spans 20 rows");
	c = grid_label(g, "（六）其他处理");
	CHECK(c && c->colspan == 2 && c->rowspan == 1,
	      "2019 (六) is one row over two label columns");
	report_grid(r, RT_PROACTIVE, g);
	c = grid_label(g, "本年增/减");
	CHECK(c != NULL, "2019 section 二 columns");
	ogi_report_free(r);
	free(g);
}

/* ---- a tally -------------------------------------------------------------------------------- */

static long long at(const struct ogi_report *r, const char *key, int col)
{
	int i = ogi_report_row_find(r->format, key);
	CHECK(i >= 0, "row %s", key);
	return i >= 0 ? r->cells[i][col] : -1;
}

static const struct ogi_report_check *check_of(const struct ogi_report *r, const char *rule)
{
	for (int i = 0; i < r->nchecks; i++)
		if (strcmp(r->checks[i].rule, rule) == 0)
			return &r->checks[i];
	return NULL;
}

static bool names_cell(const struct ogi_report_check *c, const char *row, int col)
{
	for (int i = 0; c && i < c->ncells; i++)
		if (strcmp(c->cells[i].row, row) == 0 && c->cells[i].col == col)
			return true;
	return false;
}

/* groups as the counting query gives them (kind, outcome, channel: received,
   carried in, closed, carried out) */
static struct ogi_report *sample(const struct ogi_report_mapping *m, enum ogi_report_format f,
                                 int year)
{
	struct ogi_report *r = ogi_report_new(year, f, 7, "甲街道办事处", false, m);
	ogi_report_add_counts(r, "natural_person", "disclosed", "in_person", 3, 1, 4, 0);
	ogi_report_add_counts(r, "natural_person", "partial", "email", 1, 0, 1, 0);
	ogi_report_add_counts(r, "natural_person", NULL, "online", 2, 1, 0, 3);
	ogi_report_add_counts(r, "commercial_enterprise", "withheld_state_secret",
	                      "post_registered", 1, 0, 1, 0);
	ogi_report_add_counts(r, "legal_service_org", "not_held_other_body", "fax", 2, 0, 2, 0);
	ogi_report_add_counts(r, "other_org", "lapsed_fee", "oral", 0, 1, 1, 0);
	/* closed after the year ends: carried out, whatever the outcome */
	ogi_report_add_counts(r, "research_institution", "withdrawn", "online", 1, 0, 0, 1);
	return r;
}

static void test_tally(const struct ogi_report_mapping *m)
{
	struct ogi_report *r = sample(m, OGI_FORMAT_2021, 2024);
	ogi_report_finish(r);
	CHECK_INT(at(r, "new", OGI_APPLICANT_NATURAL_PERSON), 6, "3 + 1 + 2 received");
	CHECK_INT(at(r, "new", OGI_REPORT_TOTAL), 10, "all received");
	CHECK_INT(at(r, "carried_in", OGI_REPORT_TOTAL), 3, "carried in");
	CHECK_INT(at(r, "disclosed", OGI_APPLICANT_NATURAL_PERSON), 4, "(一)");
	CHECK_INT(at(r, "partial", OGI_APPLICANT_NATURAL_PERSON), 1, "(二)");
	CHECK_INT(at(r, "withheld_state_secret", OGI_APPLICANT_COMMERCIAL_ENTERPRISE), 1, "(三)1");
	CHECK_INT(at(r, "unable_not_held", OGI_APPLICANT_LEGAL_SERVICE_ORG), 2, "36(5) → (四)1");
	CHECK_INT(at(r, "other_fee_lapsed", OGI_APPLICANT_OTHER_ORG), 1, "(六)2");
	CHECK_INT(at(r, "other_other", OGI_REPORT_TOTAL), 0, "withdrawn after the year: not here");
	CHECK_INT(at(r, "total", OGI_REPORT_TOTAL), 9, "(七)");
	CHECK_INT(at(r, "carried_out", OGI_REPORT_TOTAL), 4, "四");
	CHECK(ogi_report_ok(r) == false, "section 二 not entered and no remedies table yet");
	CHECK(check_of(r, "balance")->ok, "10 + 3 = 9 + 4");
	CHECK(check_of(r, "row_totals")->ok, "总计 = the six");
	CHECK(check_of(r, "result_total")->ok, "(七) = the rows");
	CHECK(check_of(r, "mapping")->ok, "every outcome mapped");
	CHECK(!check_of(r, "proactive_complete")->ok, "section 二 is blank");
	CHECK(names_cell(check_of(r, "proactive_complete"), "regulations", 0),
	      "names the blank cell");
	CHECK_STR(r->generated[OGI_SENT_APPLICATIONS],
	          "本年度共收到政府信息公开申请10件，其中自然人申请6件，法人或其他组织申请4件（商业"
	          "企业1件、"
	          "科研机构1件、法律服务机构2件）；上年结转3件。本年度办结9件，其中予以公开4件、部"
	          "分公开1件、"
	          "不予公开1件、无法提供2件、其他处理1件；结转下年度继续办理4件。",
	          "the sentences of the numbers");
	CHECK_STR(r->generated[OGI_SENT_FEES], "本年度未收取信息处理费。", "no fee");

	/* the same counts in the legacy format: the old categories and the channels */
	struct ogi_report *l = sample(m, OGI_FORMAT_LEGACY, 2017);
	ogi_report_finish(l);
	CHECK_INT(at(l, "agreed", OGI_REPORT_TOTAL), 4, "同意公开");
	CHECK_INT(at(l, "agreed_partial", OGI_REPORT_TOTAL), 1, "同意部分公开");
	CHECK_INT(at(l, "refused", OGI_REPORT_TOTAL), 1, "不予公开");
	CHECK_INT(at(l, "not_this_body", OGI_REPORT_TOTAL), 2, "非本机关");
	CHECK_INT(at(l, "other", OGI_REPORT_TOTAL), 1, "逾期未缴费: 其他");
	CHECK_INT(at(l, "new_in_person", OGI_REPORT_TOTAL), 3, "当面");
	CHECK_INT(at(l, "new_online", OGI_REPORT_TOTAL), 3, "网上 2 + 1");
	CHECK_INT(at(l, "new_letter", OGI_REPORT_TOTAL), 1, "信函");
	CHECK_INT(at(l, "new_fax", OGI_REPORT_TOTAL), 2, "传真");
	CHECK_INT(at(l, "new_email", OGI_REPORT_TOTAL), 1, "电子邮件");
	CHECK(check_of(l, "new_by_channel")->ok, "收到申请数 = the channels");
	CHECK(check_of(l, "balance")->ok, "legacy balance");
	CHECK(check_of(l, "format_for_year")->ok, "legacy for 2017");
	CHECK_STR(l->generated[OGI_SENT_APPLICATIONS],
	          "本年度共收到政府信息公开申请10件，其中当面申请3件、传真申请2件、电子邮件申请1件"
	          "、网上申请3件、"
	          "信函申请1件；上年结转3件。本年度办结9件，其中同意公开4件、同意部分公开1件、不予"
	          "公开1件、"
	          "非本机关2件、其他1件；结转下年度继续办理4件。",
	          "legacy sentences");

	/* broken counts: every check that should fail does, naming its cells */
	int disclosed = ogi_report_row_find(r->format, "disclosed");
	r->cells[disclosed][OGI_APPLICANT_NATURAL_PERSON] += 1; /* one too many, total unchanged */
	ogi_report_add_counts(r, "natural_person", "not_an_outcome", "in_person", 0, 0, 1, 0);
	r->remedies[OGI_REPORT_RECONSIDERATION][OGI_REPORT_UPHELD] = 2;
	r->remedies[OGI_REPORT_RECONSIDERATION][OGI_REPORT_REMEDY_TOTAL] = 1;
	r->cells[ogi_report_row_find(r->format, "carried_out")][OGI_APPLICANT_OTHER_ORG] = -1;
	r->prev_known = r->prev_locked = true;
	snprintf(r->prev_locked_at, sizeof r->prev_locked_at, "2024-01-25T10:00:00+08");
	r->prev_carried_out[OGI_REPORT_TOTAL] = 5;
	r->prev_carried_out[OGI_APPLICANT_NATURAL_PERSON] = 2;
	ogi_report_finish(r);
	const struct ogi_report_check *c = check_of(r, "row_totals");
	CHECK(!c->ok && names_cell(c, "disclosed", OGI_REPORT_TOTAL), "总计 ≠ the six: %s",
	      c->detail);
	c = check_of(r, "result_total");
	/* the unknown outcome is in (七) but in no row: the total column differs by one; the
	   natural-person column balances, the row above having one too many */
	CHECK(!c->ok && names_cell(c, "total", OGI_REPORT_TOTAL) &&
	          !names_cell(c, "total", OGI_APPLICANT_NATURAL_PERSON),
	      "(七) ≠ the rows: %s", c->detail);
	c = check_of(r, "mapping");
	CHECK(!c->ok && strstr(c->detail, "(unknown)") != NULL, "the unknown outcome: %s",
	      c->detail);
	c = check_of(r, "balance");
	CHECK(!c->ok && names_cell(c, "new", OGI_APPLICANT_NATURAL_PERSON) &&
	          names_cell(c, "carried_out", OGI_APPLICANT_OTHER_ORG),
	      "一+二 ≠ 三(七)+四: %s", c->detail);
	c = check_of(r, "remedies_totals");
	CHECK(!c->ok && names_cell(c, "reconsideration", OGI_REPORT_REMEDY_TOTAL), "复议 总计: %s",
	      c->detail);
	c = check_of(r, "non_negative");
	CHECK(!c->ok && names_cell(c, "carried_out", OGI_APPLICANT_OTHER_ORG), "negative: %s",
	      c->detail);
	c = check_of(r, "carry_over");
	/* carried in: 2 natural persons, 1 other organisation, 3 in all */
	CHECK(!c->ok && names_cell(c, "carried_in", OGI_REPORT_TOTAL) &&
	          names_cell(c, "carried_in", OGI_APPLICANT_OTHER_ORG) &&
	          !names_cell(c, "carried_in", OGI_APPLICANT_NATURAL_PERSON),
	      "二 ≠ last year's 四 as locked: %s", c->detail);

	/* the failing cells are marked in every output */
	struct ogi_buf out = {0};
	char err[128];
	CHECK(ogi_report_render(r, OGI_RT_HTML, &out, err, sizeof err), "html: %s", err);
	CHECK(strstr(out.p,
	             "<td class=\"value fail\" data-key=\"carried_in\" data-col=\"6\">3</td>") !=
	          NULL,
	      "a failing cell is marked in HTML");
	CHECK(strstr(out.p, "rowspan=\"22\"") != NULL, "the merged 三 in HTML");
	CHECK(strstr(out.p, "<section class=\"checks fail\">") != NULL, "failed checks shown");
	ogi_buf_free(&out);
	CHECK(ogi_report_render(r, OGI_RT_MD, &out, err, sizeof err), "md: %s", err);
	CHECK(strstr(out.p, "| 3 ⚠ |") != NULL, "a failing cell is marked in Markdown");
	CHECK(strstr(out.p, "**未通过** `balance`") != NULL, "failed check listed");
	ogi_buf_free(&out);
	CHECK(ogi_report_render(r, OGI_RT_CSV, &out, err, sizeof err), "csv: %s", err);
	CHECK(strncmp(out.p, "\xEF\xBB\xBF", 3) == 0, "a BOM for spreadsheets");
	CHECK(strstr(out.p,
	             "\r\n三,carried_in,二、上年结转政府信息公开申请数量,,,2,0,0,0,0,1,3\r\n") !=
	          NULL,
	      "one line per table row");
	CHECK(strstr(out.p, "检查,balance,未通过,") != NULL, "failed check in CSV");
	ogi_buf_free(&out);
	CHECK(ogi_report_render(r, OGI_RT_XLSX, &out, err, sizeof err), "xlsx: %s", err);
	CHECK(out.len > 1000 && memcmp(out.p, "PK", 2) == 0, "an XLSX is a zip");
	ogi_buf_free(&out);
	ogi_report_free(r);
	ogi_report_free(l);
}

static ogi_date D(const char *s)
{
	ogi_date d = OGI_DATE_NONE;
	CHECK(ogi_date_parse(s, &d), "date %s", s);
	return d;
}

#define NONE OGI_DATE_NONE
#define INST(kind, filed, decided, judgment)                                                       \
	{                                                                                          \
		kind, D(filed), decided, judgment                                                  \
	}

/* Table 四 of 2024, the scenario of tests/api/test_reports.py: each record as
 * stored, with its result as of 2024-12-31 by lib/remedies.h's rule. */
static void test_remedies(const struct ogi_report_mapping *m)
{
	struct ogi_report *r = sample(m, OGI_FORMAT_2021, 2024);
	ogi_report_add_reconsideration(r, D("2024-03-01"), D("2024-04-19"), "维持"); /* upheld */
	ogi_report_add_reconsideration(r, D("2024-05-06"), D("2024-06-14"), "撤销"); /* corrected */
	ogi_report_add_reconsideration(r, D("2024-11-20"), D("2025-01-10"),
	                               "驳回申请"); /* decided after 31 Dec: pending */
	ogi_report_add_reconsideration(r, D("2024-07-01"), D("2024-08-01"), "终止"); /* other */
	ogi_report_add_reconsideration(r, D("2024-09-02"), NONE, NULL);              /* undecided */
	/* L1 direct: 驳回诉讼请求 at first instance → upheld */
	struct ogi_report_instance l1[] = {
	    INST("first", "2024-02-01", D("2024-05-10"), "驳回诉讼请求")};
	/* L2 direct: 撤销, then an appeal pending on 31 December (decided 2025-02-10) → pending */
	struct ogi_report_instance l2[] = {
	    INST("first", "2024-03-01", D("2024-06-03"), "撤销"),
	    INST("second", "2024-06-20", D("2025-02-10"), "维持原判")};
	/* L3 after reconsideration: 准许撤诉 → other */
	struct ogi_report_instance l3[] = {
	    INST("first", "2024-05-06", D("2024-09-02"), "准许撤诉")};
	/* L4 after reconsideration: filed 12-20, undecided → pending */
	struct ogi_report_instance l4[] = {INST("first", "2024-12-20", NONE, NULL)};
	/* L5 direct: remanded (发回重审) and decided again at first instance on 12-20 → corrected
	 */
	struct ogi_report_instance l5[] = {
	    INST("first", "2024-04-01", D("2024-07-01"), "撤销"),
	    INST("second", "2024-08-01", D("2024-11-01"), "发回重审"),
	    INST("first", "2024-12-02", D("2024-12-20"), "确认违法")};
	/* L6 direct: remanded on 10-08 and not tried again by 31 December → pending */
	struct ogi_report_instance l6[] = {
	    INST("first", "2024-01-10", D("2024-03-01"), "驳回起诉"),
	    INST("second", "2024-03-15", D("2024-10-08"), "发回重审")};
	/* L7 direct: upheld twice, then a retrial decided 11-15 (撤销) → corrected */
	struct ogi_report_instance l7[] = {
	    INST("first", "2024-01-15", D("2024-03-01"), "驳回诉讼请求"),
	    INST("second", "2024-03-18", D("2024-05-20"), "维持原判"),
	    INST("retrial", "2024-09-02", D("2024-11-15"), "撤销")};
	/* L8 direct: upheld; a retrial filed 2025-01-06 does not reach back into 2024 → upheld */
	struct ogi_report_instance l8[] = {
	    INST("first", "2024-02-05", D("2024-04-01"), "驳回诉讼请求"),
	    INST("retrial", "2025-01-06", NONE, NULL)};
	ogi_report_add_litigation(r, "direct", D("2024-02-01"), l1, 1);
	ogi_report_add_litigation(r, "direct", D("2024-03-01"), l2, 2);
	ogi_report_add_litigation(r, "after_reconsideration", D("2024-05-06"), l3, 1);
	ogi_report_add_litigation(r, "after_reconsideration", D("2024-12-20"), l4, 1);
	ogi_report_add_litigation(r, "direct", D("2024-04-01"), l5, 3);
	ogi_report_add_litigation(r, "direct", D("2024-01-10"), l6, 2);
	ogi_report_add_litigation(r, "direct", D("2024-01-15"), l7, 3);
	ogi_report_add_litigation(r, "direct", D("2024-02-05"), l8, 2);
	ogi_report_finish(r);
	static const long long want[3][5] = {{1, 1, 1, 2, 5}, {2, 2, 0, 2, 6}, {0, 0, 1, 1, 2}};
	for (int b = 0; b < 3; b++)
		for (int k = 0; k < 5; k++)
			CHECK_INT(r->remedies[b][k], want[b][k], "%s %s",
			          ogi_report_remedy_names[b], ogi_report_remedy_cols[k]);
	CHECK(check_of(r, "remedies_totals")->ok, "table 四 adds up");
	CHECK_STR(r->generated[OGI_SENT_REMEDIES],
	          "本年度因政府信息公开被申请行政复议5件，其中结果维持1件、结果纠正1件、其他结果1件"
	          "、尚未审结2件；"
	          "被提起行政诉讼8件，其中未经复议直接起诉6件、复议后起诉2件；结果维持2件、结果纠正"
	          "2件、其他结果1件、"
	          "尚未审结3件。",
	          "the remedies in a sentence");
	/* the same records by lib/remedies.h directly: the report adds nothing of its own */
	struct ogi_instance v[3] = {{.kind = OGI_INSTANCE_FIRST,
	                             .filed_on = D("2024-03-01"),
	                             .decided_on = D("2024-06-03"),
	                             .judgment = OGI_J_REVOKE},
	                            {.kind = OGI_INSTANCE_SECOND,
	                             .filed_on = D("2024-06-20"),
	                             .decided_on = D("2025-02-10"),
	                             .judgment = OGI_J_AFFIRM}};
	CHECK_INT(ogi_litigation_report_result(D("2024-03-01"), v, 2), OGI_RESULT_PENDING,
	          "L2 in 2024");
	CHECK_INT(v[1].result, OGI_RESULT_CORRECTED, "L2 today: 维持原判 of 撤销");
	CHECK_INT(
	    ogi_reconsideration_report_result(D("2024-11-20"), D("2025-01-10"), OGI_RC_REJECT),
	    OGI_RESULT_PENDING, "X3 in 2024");

	/* what cannot be classified is not dropped */
	ogi_report_add_reconsideration(r, D("2024-10-08"), D("2024-11-01"), "同意");
	struct ogi_report_instance bad[] = {INST("first", "2024-06-03", D("2024-07-01"), "胜诉")};
	ogi_report_add_litigation(r, "direct", D("2024-06-03"), bad, 1);
	ogi_report_add_litigation(r, "appeal", D("2024-06-03"), l1, 1);
	ogi_report_add_reconsideration(r, D("2023-12-29"), NONE, NULL); /* not of this year */
	ogi_report_finish(r);
	const struct ogi_report_check *c = check_of(r, "remedies_totals");
	CHECK(!c->ok && names_cell(c, "reconsideration", OGI_REPORT_REMEDY_TOTAL) &&
	          names_cell(c, "litigation_direct",
	                     OGI_REPORT_REMEDY_COLS + OGI_REPORT_REMEDY_TOTAL),
	      "an unknown decision, judgment or route fails the check: %s", c->detail);
	CHECK(strstr(c->detail, "4件复议或诉讼的途径或结果无法归类") != NULL, "%s", c->detail);
	ogi_report_free(r);
}

/* The fee figures as the report states them. */
static void test_fees(const struct ogi_report_mapping *m)
{
	struct ogi_report *r = sample(m, OGI_FORMAT_2021, 2024);
	r->fees.notices = 5;
	r->fees.paid = 3;
	r->fees.paid_fen = 88000;
	r->fees.waived = 1;
	r->fees.waived_fen = 1000;
	r->fees.reduced = 1;
	r->fees.reduced_fen = 2000;
	ogi_report_finish(r);
	CHECK_STR(r->generated[OGI_SENT_FEES],
	          "本年度收取信息处理费880元（3件），减免信息处理费2件，共计30元。",
	          "collected, and what was waived or reduced");
	CHECK(check_of(r, "fees_total") == NULL, "no cost fees: no check of their parts");
	r->fees = (struct ogi_report_fees){.paid = 3, .paid_fen = 30050};
	ogi_report_finish(r);
	CHECK_STR(r->generated[OGI_SENT_FEES], "本年度收取信息处理费300.50元（3件）。",
	          "yuan with cents");
	r->fees = (struct ogi_report_fees){0};
	ogi_report_finish(r);
	CHECK_STR(r->generated[OGI_SENT_FEES], "本年度未收取信息处理费。", "none");
	ogi_report_free(r);

	/* 2019 and 2020: no information-processing fee yet; cost fees of 2008-regime requests */
	struct ogi_report *y19 = sample(m, OGI_FORMAT_2019, 2019);
	ogi_report_finish(y19);
	CHECK_STR(y19->generated[OGI_SENT_FEES], "本年度未收取政府信息公开相关费用。",
	          "2019, nothing");
	y19->fees.legacy_paid = 1;
	y19->fees.legacy_paid_fen = 1240;
	y19->fees.legacy_search_fen = 500;
	y19->fees.legacy_copy_fen = 240;
	y19->fees.legacy_postage_fen = 500;
	ogi_report_finish(y19);
	CHECK_STR(y19->generated[OGI_SENT_FEES],
	          "按2007年《条例》办理的申请，本年度收取检索、复制、邮寄等费用1件，共计12."
	          "40元（检索费5元、复制费2.40元、"
	          "邮寄费5元）。",
	          "2019: the cost fees of an old request");
	CHECK(check_of(y19, "fees_total") && check_of(y19, "fees_total")->ok, "their parts add up");
	ogi_report_free(y19);

	/* legacy: the parts are of what was collected; a payment without them fails the check */
	struct ogi_report *l = sample(m, OGI_FORMAT_LEGACY, 2017);
	l->fees.legacy_paid = 2;
	l->fees.legacy_paid_fen = 3000;
	l->fees.legacy_search_fen = 500;
	l->fees.legacy_copy_fen = 1000;
	l->fees.legacy_unsplit = 1;
	l->fees.legacy_waived[OGI_WAIVER_DIBAO] = 1;
	l->fees.legacy_waived_fen[OGI_WAIVER_DIBAO] = 500;
	ogi_report_finish(l);
	const struct ogi_report_check *c = check_of(l, "fees_total");
	CHECK(c && !c->ok && names_cell(c, "search", 1) && names_cell(c, "paid", 1),
	      "parts 15 元 ≠ collected 30 元: %s", c ? c->detail : "");
	CHECK(c && strstr(c->detail, "有1件收费未分列") != NULL, "%s", c ? c->detail : "");
	CHECK_STR(l->generated[OGI_SENT_FEES],
	          "本年度依申请提供政府信息收取费用2件，共计30元（检索费5元、复制费10元、邮寄费0元"
	          "）；减免费用1件，共计5元。",
	          "legacy fee sentence");
	struct ogi_buf out = {0};
	char err[128];
	CHECK(ogi_report_render(l, OGI_RT_HTML, &out, err, sizeof err), "html");
	CHECK(strstr(out.p,
	             "<td class=\"value fail\" data-key=\"search\" data-col=\"1\">5.00</td>") !=
	          NULL,
	      "the fee cells marked");
	CHECK(strstr(out.p, "data-key=\"waived_dibao\" data-col=\"1\">5.00</td>") != NULL,
	      "低保 waiver");
	ogi_buf_free(&out);
	l->fees.legacy_postage_fen = 1500;
	l->fees.legacy_unsplit = 0;
	ogi_report_finish(l);
	CHECK(check_of(l, "fees_total")->ok, "5 + 10 + 15 = 30: %s",
	      check_of(l, "fees_total")->detail);
	ogi_report_free(l);
}

/* ---- inputs --------------------------------------------------------------------------------- */

static bool has_error(const struct spec_errors *e, const char *field, const char *code)
{
	for (int i = 0; i < e->n; i++)
		if (strcmp(e->e[i].field, field) == 0 && strcmp(e->e[i].code, code) == 0)
			return true;
	return false;
}

static void test_inputs(const struct ogi_report_mapping *m)
{
	struct ogi_report_inputs in;
	const char *reason;
	struct spec_errors errs = {0};
	json_t *body = json_loads(
	    "{\"proactive\": {\"regulations\": {\"issued\": 2, \"repealed\": 0, \"in_force\": 11},"
	    " \"administrative_fees\": {\"amount\": 12.3456}}, \"text\": {\"overview\": "
	    "\"一段。\\n二段。\"},"
	    " \"sentences\": {\"fees\": \"本年度未收取任何费用。\"}}",
	    0, NULL);
	CHECK(ogi_report_inputs_parse(body, OGI_FORMAT_2021, &in, &reason, &errs), "valid inputs");
	CHECK(in.proactive[0].set && in.proactive[0].v == 2, "规章 本年制发件数");
	CHECK(in.proactive[9].set && in.proactive[9].v == 12.3456, "万元 with 4 places");
	CHECK(!in.proactive[3].set, "not given: blank");
	CHECK_STR(in.text[OGI_TEXT_OVERVIEW], "一段。\n二段。", "text kept");
	CHECK(reason == NULL, "no override");
	json_t *stored = ogi_report_inputs_json(&in, OGI_FORMAT_2021);
	char *text = json_dumps(stored, OGI_REPORT_JSON_FLAGS | JSON_SORT_KEYS);
	CHECK(strstr(text, "\"amount\":12.3456") != NULL, "decimals without float noise: %s", text);
	free(text);
	struct ogi_report *r = ogi_report_new(2024, OGI_FORMAT_2021, 7, "甲街道办事处", false, m);
	ogi_report_inputs_load(stored, OGI_FORMAT_2021, &r->inputs);
	json_decref(stored);
	ogi_report_finish(r);
	struct ogi_buf out = {0};
	char err[128];
	ogi_report_render(r, OGI_RT_HTML, &out, err, sizeof err);
	CHECK(strstr(out.p, "<p>一段。</p>\n<p>二段。</p>") != NULL, "paragraphs");
	CHECK(strstr(out.p, "<p>本年度未收取任何费用。</p>") != NULL,
	      "staff's sentence replaces the generated one");
	CHECK(strstr(out.p, "data-key=\"administrative_fees\" data-col=\"0\">12.3456</td>") != NULL,
	      "万元 cell");
	ogi_buf_free(&out);
	CHECK(!check_of(r, "sentences_current")->ok, "edited over nothing: the basis differs");
	ogi_report_free(r);
	ogi_report_inputs_free(&in);
	json_decref(body);

	memset(&errs, 0, sizeof errs);
	body = json_loads("{\"proactive\": {\"regulations\": {\"issued\": -1, \"made\": 3},"
	                  " \"administrative_fees\": {\"amount\": 1.23456}, \"procurement\": {}},"
	                  " \"text\": {\"summary\": \"x\"}, \"override_reason\": \"更正\"}",
	                  0, NULL);
	CHECK(!ogi_report_inputs_parse(body, OGI_FORMAT_2021, &in, &reason, &errs),
	      "invalid inputs");
	CHECK(has_error(&errs, "proactive.regulations.issued", "range"), "a count is not negative");
	CHECK(has_error(&errs, "proactive.regulations.made", "unknown_field"),
	      "2019's column in 2021");
	CHECK(has_error(&errs, "proactive.procurement", "unknown_field"), "2019's (九) in 2021");
	CHECK(has_error(&errs, "text.summary", "unknown_field"), "unknown text");
	ogi_report_inputs_free(&in);
	json_decref(body);
	memset(&errs, 0, sizeof errs);
	body = json_loads("{\"proactive\": {\"administrative_fees\": {\"amount\": 1.23456}}}", 0,
	                  NULL);
	CHECK(!ogi_report_inputs_parse(body, OGI_FORMAT_2021, &in, &reason, &errs), "5 places");
	CHECK(has_error(&errs, "proactive.administrative_fees.amount", "range"),
	      "at most 4 places (1 元)");
	ogi_report_inputs_free(&in);
	json_decref(body);
	memset(&errs, 0, sizeof errs);
	body = json_loads("{\"proactive\": {\"licensing\": {\"previous\": 40, \"change\": -3, "
	                  "\"decisions\": 120},"
	                  " \"procurement\": {\"items\": 2, \"amount\": 35.5}}}",
	                  0, NULL);
	CHECK(ogi_report_inputs_parse(body, OGI_FORMAT_2019, &in, &reason, &errs),
	      "2019: 本年增/减 may be negative, (九) exists");
	ogi_report_inputs_free(&in);
	json_decref(body);
}

/* Issue 19 item 8: the Markdown report passed a staff text's <script> through as markup (HTML
 * and CSV escaped it).  Every text taken from input is Markdown's text, never its markup: a
 * renderer shows these lines as written and makes no element, link, heading or list of them. */
static void test_markdown_escapes(const struct ogi_report_mapping *m)
{
	struct ogi_report *r =
	    ogi_report_new(2024, OGI_FORMAT_2021, 7, "甲街道<b>办事处</b>", false, m);
	r->inputs.text[OGI_TEXT_OVERVIEW] =
	    strdup("<script>alert(1)</script> & more\n"
	           "[点此](javascript:alert(1)) ![x](http://evil.example/x.png)\n"
	           "# 不是标题\n"
	           "    四个空格不是代码\n"
	           "1. 不是列表 2) 也不是\n"
	           "- 不是列表 *不是强调* _也不是_ `不是代码` a|b ~~删~~ \\n");
	ogi_report_finish(r);
	struct ogi_buf out = {0};
	char err[128];
	CHECK(ogi_report_render(r, OGI_RT_MD, &out, err, sizeof err), "md: %s", err);
	CHECK(strstr(out.p, "<script>") == NULL && strstr(out.p, "<b>") == NULL,
	      "no HTML tag from input:\n%.400s", out.p);
	CHECK(strstr(out.p, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more\n\n") != NULL,
	      "<, > and & as entities");
	CHECK(strstr(out.p, "# 甲街道&lt;b&gt;办事处&lt;/b&gt;") != NULL,
	      "the body's name in the title");
	CHECK(strstr(out.p,
	             "\\[点此\\](javascript:alert(1)) !\\[x\\](http://evil.example/x.png)") != NULL,
	      "no link, no image");
	CHECK(strstr(out.p, "\n\\# 不是标题\n") != NULL, "no heading");
	CHECK(strstr(out.p, "\n四个空格不是代码\n") != NULL, "no indented code block");
	CHECK(strstr(out.p, "\n1\\. 不是列表 2) 也不是\n") != NULL, "no ordered list");
	CHECK(
	    strstr(out.p,
	           "\n\\- 不是列表 \\*不是强调\\* \\_也不是\\_ \\`不是代码\\` a\\|b \\~\\~删\\~\\~ "
	           "\\\\n\n") != NULL,
	    "no list, emphasis, code, table cell or strike-through");
	ogi_buf_free(&out);
	ogi_report_free(r);
}

/* ---- the lock ------------------------------------------------------------------------------- */

static void test_snapshot(const struct ogi_report_mapping *m)
{
	struct ogi_report *then = sample(m, OGI_FORMAT_2021, 2024);
	ogi_report_finish(then);
	json_t *snapshot = ogi_report_json(then);
	ogi_report_free(then);

	/* after the lock an admin records a reply of 2024-12-30: one more 予以公开, one less 四 */
	struct ogi_report *now = sample(m, OGI_FORMAT_2021, 2024);
	ogi_report_add_counts(now, "natural_person", "disclosed", "online", 0, 0, 1, -1);
	ogi_report_set_lock(now, "2025-01-20T09:30:00+08", "admin", false, snapshot);
	struct ogi_report_amendment a = {.at = "2025-02-03 10:00",
	                                 .actor = "admin",
	                                 .subject = "event",
	                                 .detail =
	                                     "申请JD-2024-00012：答复（2024-12-30，予以公开）",
	                                 .on = "2024-12-30",
	                                 .reason = "答复书漏登"};
	ogi_report_add_amendment(now, &a);
	ogi_report_finish(now);
	CHECK_INT(now->nchanges, 6, "予以公开, (七) and 四, each in 自然人 and 总计");
	bool found = false;
	for (int i = 0; i < now->nchanges; i++)
		if (strcmp(now->changes[i].row, "disclosed") == 0 &&
		    strcmp(now->changes[i].before, "4") == 0 &&
		    strcmp(now->changes[i].after, "5") == 0 &&
		    strstr(now->changes[i].label, "（一）予以公开·自然人") != NULL)
			found = true;
	CHECK(found, "the changed cell with its labels, before and after");
	const struct ogi_report_check *c = check_of(now, "matches_published");
	CHECK(c && !c->ok && names_cell(c, "disclosed", OGI_APPLICANT_NATURAL_PERSON),
	      "the changed figures fail against the published report");
	struct ogi_buf out = {0};
	char err[128];
	ogi_report_render(now, OGI_RT_HTML, &out, err, sizeof err);
	CHECK(strstr(out.p, "<h2>更正说明</h2>") != NULL, "the report says it was amended");
	CHECK(strstr(out.p, "答复书漏登") != NULL, "with the reason");
	CHECK(strstr(out.p, "2025年1月20日锁定发布") != NULL, "and when it was published");
	ogi_buf_free(&out);
	json_t *j = ogi_report_json(now);
	CHECK_INT(json_array_size(json_object_get(json_object_get(j, "amendment"), "changes")), 6,
	          "changes in JSON");
	json_decref(j);
	ogi_report_free(now);

	/* the locked report was the subtree's: this body's own export is not compared with it */
	then = sample(m, OGI_FORMAT_2021, 2024);
	then->subtree = true;
	ogi_report_finish(then);
	snapshot = ogi_report_json(then);
	ogi_report_free(then);
	now = sample(m, OGI_FORMAT_2021, 2024);
	ogi_report_add_counts(now, "natural_person", "disclosed", "online", 0, 0, 1, -1);
	ogi_report_set_lock(now, "2025-01-20T09:30:00+08", "admin", true, snapshot);
	ogi_report_finish(now);
	c = check_of(now, "matches_published");
	CHECK(c && c->ok && now->nchanges == 0 && strstr(c->detail, "未逐项比对") != NULL,
	      "another scope: said, not compared: %s", c ? c->detail : "");
	ogi_report_free(now);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_report migrations/0005-reports.sql\n");
		return 2;
	}
	setenv("OGI_TODAY", "2025-03-01", 1);
	struct ogi_report_mapping m;
	int rows;
	load_mapping(argv[1], &m, &rows);
	test_mapping(&m, rows);
	test_labels();
	test_layout(&m);
	test_tally(&m);
	test_remedies(&m);
	test_fees(&m);
	test_inputs(&m);
	test_markdown_escapes(&m);
	test_snapshot(&m);
	return check_done("report");
}
