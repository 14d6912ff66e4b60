/* lib/register: a register's rows checked (issue 20).  Table tests of the
 * date forms, the preset's header names (a title row above, a two-row header
 * with a merged group heading), the outcome table and its overrides, the free
 * mapping, and each rule a row can break — the legal ones with their article
 * and day: a receipt is a day that has come (条例 art. 31), no receipt before
 * the 2007 regulation took effect on 2008-05-01 (国务院令第492号 art. 38), a
 * 居民身份证 number's check digit (GB 11643-1999), a reply after its receipt
 * (arts. 33, 36), the report counts a refusal by its ground (2021 format
 * table 三(三)1–8: a bare 不予公开 cannot be counted). */
#include "lib/register.h"

#include <stdlib.h>

#include "lib/remedies.h"
#include "tests/unit/check.h"

static ogi_date today; /* 2026-12-04, set in main */

static struct ogi_wb *csv(const char *text)
{
	struct ogi_wb_error err;
	struct ogi_wb *b = ogi_wb_read(text, strlen(text), "r.csv", &err);
	if (b == NULL) {
		fprintf(stderr, "csv not read: %s %s\n", err.rule, err.en);
		exit(2);
	}
	return b;
}

/* the problems of row with rule (row 0: the file's) */
static int count(const struct ogi_reg_check *c, size_t row, const char *rule)
{
	int n = 0;
	for (size_t i = 0; i < c->nproblems; i++)
		if (c->problems[i].row == row && strcmp(c->problems[i].rule, rule) == 0)
			n++;
	return n;
}

static const struct ogi_reg_problem *find(const struct ogi_reg_check *c, size_t row,
                                          const char *rule)
{
	for (size_t i = 0; i < c->nproblems; i++)
		if (c->problems[i].row == row && strcmp(c->problems[i].rule, rule) == 0)
			return &c->problems[i];
	return NULL;
}

static const struct ogi_reg_row *row_of(const struct ogi_reg_check *c, size_t row)
{
	for (size_t i = 0; i < c->nrows; i++)
		if (c->rows[i].row == row)
			return &c->rows[i];
	return NULL;
}

static void dates(void)
{
	static const struct {
		const char *text;
		int y, m, d; /* 0: not a date */
	} t[] = {
	    {"2025-03-04", 2025, 3, 4},     {"2025/3/4", 2025, 3, 4},
	    {"2025年3月4日", 2025, 3, 4},   {"2025.3.4", 2025, 3, 4},
	    {"20250304", 2025, 3, 4},       {" 2025-03-04 10:30:00", 2025, 3, 4},
	    {"2025年03月04号", 2025, 3, 4}, {"2024-02-29", 2024, 2, 29},
	    {"2025-02-29", 0, 0, 0},        {"2025-13-01", 0, 0, 0},
	    {"3/4/2025", 0, 0, 0},          {"2025-3", 0, 0, 0},
	    {"三月四日", 0, 0, 0},          {"", 0, 0, 0},
	    {"2025-03-04xyz", 0, 0, 0},
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		ogi_date d;
		bool ok = ogi_reg_parse_date(t[i].text, &d);
		CHECK_INT(ok, t[i].y != 0, "%s", t[i].text);
		if (ok && t[i].y)
			CHECK_INT(d, ogi_date_from_ymd(t[i].y, t[i].m, t[i].d), "%s", t[i].text);
	}
}

static void outcomes(void)
{
	struct ogi_reg_outcomes t;
	ogi_reg_outcomes_default(&t);
	static const struct {
		const char *text;
		int o;
	} cases[] = {
	    {"予以公开", OGI_OUT_DISCLOSED},
	    {" 部分公开 ", OGI_OUT_PARTIAL},
	    {"不予公开（国家秘密）", OGI_OUT_WITHHELD_STATE_SECRET},
	    {"不予公开-属于国家秘密", OGI_OUT_WITHHELD_STATE_SECRET},
	    {"不予公开（法律行政法规禁止）", OGI_OUT_WITHHELD_LAW_PROHIBITED},
	    {"不予公开（三安全一稳定）", OGI_OUT_WITHHELD_SECURITY_STABILITY},
	    {"不予公开（第三方合法权益）", OGI_OUT_WITHHELD_THIRD_PARTY},
	    {"不予公开（内部事务信息）", OGI_OUT_WITHHELD_INTERNAL_AFFAIRS},
	    {"不予公开（过程性信息）", OGI_OUT_WITHHELD_PROCESS_INFO},
	    {"不予公开（行政执法案卷）", OGI_OUT_WITHHELD_ENFORCEMENT_FILE},
	    {"不予公开（行政查询事项）", OGI_OUT_WITHHELD_QUERY_MATTER},
	    {"信息不存在", OGI_OUT_NOT_HELD_NOT_EXIST},
	    {"无法提供（本机关不掌握相关政府信息）", OGI_OUT_NOT_HELD_NOT_EXIST},
	    {"非本机关", OGI_OUT_NOT_HELD_OTHER_BODY},
	    {"需另行制作", OGI_OUT_NEEDS_CREATION},
	    {"补正后申请内容仍不明确", OGI_OUT_STILL_UNCLEAR},
	    {"不予处理（信访举报投诉类申请）", OGI_OUT_REJECTED_PETITION},
	    {"不予处理（重复申请）", OGI_OUT_REJECTED_REPEAT},
	    {"不予处理（要求提供公开出版物）", OGI_OUT_REJECTED_PUBLICATION},
	    {"不予处理（无正当理由大量反复申请）", OGI_OUT_REJECTED_EXCESSIVE},
	    {"已主动公开", OGI_OUT_ALREADY_PUBLIC},
	    {"撤回", OGI_OUT_WITHDRAWN},
	    {"逾期未补正", OGI_OUT_LAPSED_CORRECTION},
	    {"逾期未缴费", OGI_OUT_LAPSED_FEE},
	    {"其他", OGI_OUT_OTHER},
	    /* the 2021 table counts a refusal by its ground: a bare one cannot be counted */
	    {"不予公开", -1},
	    {"不予处理", -1},
	    {"已办", -1},
	    {"", -1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		CHECK_INT(ogi_reg_outcome_lookup(&t, cases[i].text), cases[i].o, "%s",
		          cases[i].text);

	/* the table is data: an office's own label added, one removed */
	char zh[320], en[320];
	json_t *j = json_loads("{\"已办结-公开\": \"disclosed\", \"其他\": null}", 0, NULL);
	CHECK(ogi_reg_outcomes_from_json(j, &t, zh, en, sizeof zh), "%s", en);
	json_decref(j);
	CHECK_INT(ogi_reg_outcome_lookup(&t, "已办结（公开）"), OGI_OUT_DISCLOSED, "added");
	CHECK_INT(ogi_reg_outcome_lookup(&t, "其他"), -1, "removed");
	j = json_loads("{\"x\": \"published\"}", 0, NULL);
	CHECK(!ogi_reg_outcomes_from_json(j, &t, zh, en, sizeof zh), "bad outcome name");
	CHECK(strstr(zh, "“x”") != NULL, "%s", zh);
	json_decref(j);
	json_t *out = ogi_reg_outcomes_to_json(&t);
	CHECK_STR(json_string_value(json_object_get(out, "部分公开")), "partial", "to_json");
	json_decref(out);
}

#define HEAD                                                                                                                           \
	"序号,收到日期,申请人,申请人类型,证件号码,联系电话,申请方式,申请内容,答复日期,答复类型," \
	"是否收"                                                                                                                    \
	"费,复议/诉讼,备注\n"

static void rows(void)
{
	const char *text =
	    "2025年依申请公开登记台账\n" HEAD
	    /* row 3: a good closed one */
	    "1,2025-03-04,张三,自然人,11010519491231002X,13800000000,当面,老旧小区改造招标文件,"
	    "2025/3/"
	    "20,予以公开,否,无,\n"
	    /* 4: 2月30日 does not exist */
	    "2,2025年2月30日,李四,自然人,,,邮寄,文件甲,,,,,\n"
	    /* 5: received tomorrow (art. 31: a receipt is a day that has come) */
	    "3,2026-12-05,王五,,,,网上申请,文件乙,,,,,\n"
	    /* 6: before the regulation (2008-05-01) */
	    "4,2008-04-30,赵六,,,,,文件丙,2008-05-10,予以公开,,,\n"
	    /* 7: reply before receipt */
	    "5,2025-05-10,钱七,,,,,文件丁,2025-05-01,部分公开,,,\n"
	    /* 8: a check digit wrong (GB 11643) */
	    "6,2025-05-11,孙八,,110105194912310021,,,文件戊,,,,,\n"
	    /* 9: unknown label, 10: a bare refusal */
	    "7,2025-05-12,周九,,,,,文件己,2025-05-20,已办,,,\n"
	    "8,2025-05-13,吴十,,,,,文件庚,2025-05-20,不予公开,,,\n"
	    /* 11: a ground given */
	    "9,2025-05-14,郑一,,,,,文件辛,2025-05-21,不予公开（国家秘密）,,,\n"
	    /* 12: unknown channel, 13: unknown kind, 14: no name */
	    "10,2025-05-15,冯二,,,,飞鸽传书,文件壬,,,,,\n"
	    "11,2025-05-16,陈三,外星人,,,,文件癸,,,,,\n"
	    "12,2025-05-17,,,,,,文件子,,,,,\n"
	    /* 15: the same as row 3 */
	    "13,2025-03-04,张三,自然人,,,,老旧小区改造招标文件,,,,,\n"
	    /* 16: a reconsideration filed and decided */
	    "14,2025-01-06,褚四,商业企业,,,,文件丑,2025-01-20,不予公开（第三方合法权益）,是,复议 "
	    "2025-03-01 维持 2025-05-01,\n"
	    /* 17: open, 18: closed by lapse, 19: blank, 20: totals */
	    "15,2025-12-20,卫五,,,,,文件寅,,,,,\n"
	    "16,2025-06-02,蒋六,,,,,文件卯,2025-07-15,逾期未补正,,,\n"
	    ",,,,,,,,,,,,\n"
	    "合计,16件,,,,,,,,,,,\n";
	struct ogi_wb *b = csv(text);
	struct ogi_reg_options opt = {.body_id = 7, .today = today};
	struct ogi_reg_check c;
	CHECK(ogi_reg_check(b, NULL, NULL, &opt, &c), "read");
	CHECK_INT(c.header_row, 2, "the title row above the header");
	CHECK_INT(c.nrows, 16, "rows");
	CHECK_INT(c.blank, 1, "blank");
	CHECK_INT(c.notes_rows, 1, "totals row");
	CHECK_INT(count(&c, 20, "note_row"), 1, "totals row said");

	const struct ogi_reg_row *r = row_of(&c, 3);
	CHECK(r && r->valid, "row 3 valid");
	if (r) {
		CHECK_INT(r->in.received_on, ogi_date_from_ymd(2025, 3, 4), "received");
		CHECK_INT(r->replied_on, ogi_date_from_ymd(2025, 3, 20), "replied");
		CHECK_INT(r->outcome, OGI_OUT_DISCLOSED, "outcome");
		CHECK_INT(r->close_event, OGI_EV_REPLIED, "closed by a reply");
		CHECK_INT(r->in.applicant.id_type, OGI_ID_RESIDENT_ID_CARD, "id type inferred");
		CHECK_INT(r->in.channel, OGI_CHANNEL_IN_PERSON, "当面");
		CHECK_INT(r->fee, 0, "否");
		CHECK_INT(r->nremedies, 0, "无");
		CHECK_STR(r->serial, "1", "serial");
	}
	const struct ogi_reg_problem *p = find(&c, 4, "bad_date");
	CHECK(p != NULL, "2月30日");
	if (p) {
		CHECK_STR(p->column, "B", "column letter");
		CHECK_STR(p->header, "收到日期", "header text");
		CHECK_STR(p->value, "2025年2月30日", "value");
		CHECK(strstr(p->zh, "不是存在的日期") != NULL, "%s", p->zh);
	}
	CHECK_INT(count(&c, 5, "date_in_future"), 1, "art. 31");
	CHECK_INT(count(&c, 6, "before_regulation"), 1, "2008-05-01");
	CHECK_INT(count(&c, 7, "reply_before_receipt"), 1, "reply before receipt");
	CHECK_INT(count(&c, 8, "check_digit"), 1, "GB 11643 check digit");
	p = find(&c, 8, "check_digit");
	CHECK(p && strcmp(p->column, "E") == 0, "id column");
	CHECK_INT(count(&c, 9, "unknown_outcome"), 1, "已办");
	CHECK_INT(count(&c, 10, "outcome_needs_ground"), 1, "bare 不予公开");
	r = row_of(&c, 11);
	CHECK(r && r->valid && r->outcome == OGI_OUT_WITHHELD_STATE_SECRET, "国家秘密");
	CHECK_INT(count(&c, 12, "unknown_channel"), 1, "飞鸽传书");
	CHECK_INT(count(&c, 13, "unknown_applicant_kind"), 1, "外星人");
	CHECK_INT(count(&c, 14, "required"), 1, "no name");
	CHECK_INT(count(&c, 15, "duplicate"), 1, "the same as row 3");
	p = find(&c, 15, "duplicate");
	CHECK(p && strstr(p->zh, "第3行") != NULL, "names the first row");
	r = row_of(&c, 16);
	CHECK(r && r->valid, "row 16 valid");
	if (r) {
		CHECK_INT(r->in.applicant.kind, OGI_APPLICANT_COMMERCIAL_ENTERPRISE, "kind");
		CHECK_INT(r->fee, 1, "是");
		CHECK_INT(r->nremedies, 1, "a reconsideration");
		CHECK_INT(r->remedies[0].kind, OGI_REG_REMEDY_RECONSIDERATION, "kind");
		CHECK_INT(r->remedies[0].filed_on, ogi_date_from_ymd(2025, 3, 1), "filed");
		CHECK_INT(r->remedies[0].decided_on, ogi_date_from_ymd(2025, 5, 1), "decided");
		CHECK_INT(r->remedies[0].decision, OGI_RC_UPHOLD, "维持");
	}
	r = row_of(&c, 17);
	CHECK(r && r->valid && r->outcome == -1 && r->close_event == -1, "open");
	r = row_of(&c, 18);
	CHECK(r && r->valid && r->close_event == OGI_EV_CORRECTION_LAPSED, "lapsed");
	CHECK_INT(c.nvalid, 5, "valid rows: 3, 11, 16, 17, 18");
	/* problems sorted by row */
	for (size_t i = 1; i < c.nproblems; i++)
		CHECK(c.problems[i - 1].row <= c.problems[i].row, "sorted at %zu", i);
	json_t *j = ogi_reg_problem_json(find(&c, 4, "bad_date"));
	CHECK_STR(json_string_value(json_object_get(j, "severity")), "error", "json");
	CHECK_INT(json_integer_value(json_object_get(j, "row")), 4, "json row");
	json_decref(j);
	ogi_reg_check_free(&c);
	ogi_wb_free(b);
}

/* A sheet built in memory: an xlsx's merges, formulas, date cells and hidden sheets. */
struct grid {
	struct ogi_wb book;
	struct ogi_wb_sheet sheets[2];
	struct ogi_wb_cell cells[2][12 * 8];
	struct ogi_wb_range merges[8];
};

static void put(struct grid *g, int s, size_t r, size_t c, const char *text)
{
	struct ogi_wb_cell *x = &g->cells[s][r * 8 + c];
	x->kind = OGI_WB_CELL_TEXT;
	x->text = text;
}

static void grid_init(struct grid *g, int nsheets)
{
	memset(g, 0, sizeof *g);
	for (int s = 0; s < 2; s++) {
		for (int i = 0; i < 12 * 8; i++)
			g->cells[s][i] =
			    (struct ogi_wb_cell){.kind = OGI_WB_CELL_EMPTY, .text = ""};
		g->sheets[s] = (struct ogi_wb_sheet){
		    .name = s ? "隐藏表" : "Sheet1", .rows = 12, .cols = 8, .cells = g->cells[s]};
	}
	g->book = (struct ogi_wb){.format = OGI_WB_XLSX,
	                          .encoding = "UTF-8",
	                          .nsheets = (size_t)nsheets,
	                          .sheets = g->sheets};
}

static void two_row_header(void)
{
	struct grid g;
	grid_init(&g, 2);
	/* row 1: 序号 and 收到日期 merged down two rows; 申请人信息 merged over C1:E1 */
	put(&g, 0, 0, 0, "序号");
	put(&g, 0, 0, 1, "收到\n日期");
	put(&g, 0, 0, 2, "申请人信息");
	put(&g, 0, 0, 5, "申请内容");
	put(&g, 0, 0, 6, "办理情况");
	put(&g, 0, 1, 2, "姓名（名称）");
	put(&g, 0, 1, 3, "证件号码");
	put(&g, 0, 1, 4, "联系电话");
	put(&g, 0, 1, 6, "答复日期");
	put(&g, 0, 1, 7, "答复类型");
	g.merges[0] = (struct ogi_wb_range){0, 0, 1, 0};
	g.merges[1] = (struct ogi_wb_range){0, 1, 1, 1};
	g.merges[2] = (struct ogi_wb_range){0, 2, 0, 4};
	g.merges[3] = (struct ogi_wb_range){0, 5, 1, 5};
	g.merges[4] = (struct ogi_wb_range){0, 6, 0, 7};
	/* data: row 3 with an Excel date cell and a formula; row 4's date merged from row 3 */
	put(&g, 0, 2, 0, "1");
	g.cells[0][2 * 8 + 1] =
	    (struct ogi_wb_cell){.kind = OGI_WB_CELL_DATE, .text = "2025-03-04", .number = 45720};
	put(&g, 0, 2, 2, "张三");
	put(&g, 0, 2, 5, "文件甲");
	g.cells[0][2 * 8 + 6] = (struct ogi_wb_cell){
	    .kind = OGI_WB_CELL_DATE, .text = "2025-03-18", .number = 45734, .formula = true};
	put(&g, 0, 2, 7, "予以公开");
	put(&g, 0, 3, 0, "2");
	put(&g, 0, 3, 2, "李四");
	put(&g, 0, 3, 5, "文件乙");
	g.merges[5] = (struct ogi_wb_range){2, 1, 3, 1};
	g.sheets[0].nmerges = 6;
	g.sheets[0].merges = g.merges;
	g.sheets[0].rows = 4;
	/* a hidden sheet with rows of its own */
	g.sheets[1].hidden = true;
	put(&g, 1, 0, 0, "收到日期");
	put(&g, 1, 0, 1, "申请人");
	put(&g, 1, 0, 2, "申请内容");
	put(&g, 1, 0, 3, "备注");

	struct ogi_reg_options opt = {.body_id = 7, .today = today};
	struct ogi_reg_check c;
	CHECK(ogi_reg_check(&g.book, NULL, NULL, &opt, &c), "read");
	CHECK_INT(c.header_row, 2, "the lower header row");
	CHECK_INT(c.mapping.col[OGI_REG_SERIAL], 0, "序号 merged down");
	CHECK_INT(c.mapping.col[OGI_REG_RECEIVED_ON], 1, "收到日期 merged down, with a line break");
	CHECK_INT(c.mapping.col[OGI_REG_APPLICANT_NAME], 2, "姓名 under 申请人信息");
	CHECK_INT(c.mapping.col[OGI_REG_ID_NUMBER], 3, "证件号码");
	CHECK_INT(c.mapping.col[OGI_REG_DESCRIPTION], 5, "申请内容 merged down");
	CHECK_INT(c.mapping.col[OGI_REG_REPLIED_ON], 6, "答复日期");
	CHECK_INT(c.mapping.col[OGI_REG_OUTCOME], 7, "答复类型");
	CHECK_INT(c.nrows, 2, "rows");
	const struct ogi_reg_row *r = row_of(&c, 3);
	CHECK(r && r->valid, "row 3");
	if (r) {
		CHECK_INT(r->in.received_on, ogi_date_from_ymd(2025, 3, 4), "Excel date cell");
		CHECK_INT(r->replied_on, ogi_date_from_ymd(2025, 3, 18), "formula's value");
	}
	CHECK_INT(count(&c, 3, "formula"), 1, "formula warned");
	CHECK(find(&c, 3, "formula")->warning, "a warning");
	r = row_of(&c, 4);
	CHECK(r && r->valid && r->in.received_on == ogi_date_from_ymd(2025, 3, 4),
	      "merged date cell");
	CHECK_INT(count(&c, 4, "merged_cell"), 1, "merge warned");
	CHECK_INT(count(&c, 0, "hidden_sheet"), 1, "hidden sheet said");
	CHECK_INT(c.errors, 0, "no errors");
	json_t *m = ogi_reg_mapping_to_json(&c.mapping, &g.sheets[0]);
	CHECK_STR(
	    json_string_value(json_object_get(json_object_get(m, "columns"), "applicant_name")),
	    "C", "mapping json");
	CHECK_STR(
	    json_string_value(json_object_get(json_object_get(m, "headers"), "applicant_name")),
	    "姓名（名称）", "header text");
	json_decref(m);
	ogi_reg_check_free(&c);

	/* only the hidden sheet has a header: not read, said so */
	grid_init(&g, 2);
	g.sheets[1].hidden = true;
	put(&g, 1, 0, 0, "收到日期");
	put(&g, 1, 0, 1, "申请人");
	put(&g, 1, 0, 2, "申请内容");
	CHECK(!ogi_reg_check(&g.book, NULL, NULL, &opt, &c), "hidden only");
	CHECK(c.fatal && strstr(c.problems[0].zh, "隐藏") != NULL, "%s", c.problems[0].zh);
	ogi_reg_check_free(&c);
	/* named, it is read, with a warning */
	struct ogi_reg_mapping map;
	ogi_reg_mapping_init(&map);
	snprintf(map.sheet, sizeof map.sheet, "隐藏表");
	put(&g, 1, 1, 0, "2025-01-02");
	put(&g, 1, 1, 1, "王五");
	put(&g, 1, 1, 2, "文件丙");
	CHECK(ogi_reg_check(&g.book, &map, NULL, &opt, &c), "named hidden sheet");
	CHECK_INT(c.nvalid, 1, "its row");
	CHECK_INT(count(&c, 0, "hidden_sheet"), 1, "warned");
	ogi_reg_check_free(&c);
}

static void free_mapping(void)
{
	/* headers no preset knows, mapped by letter and by text; another body's row */
	const char *text = "日期,来人,要什么,单位\n"
	                   "2025-04-01,张三,文件甲,本街道\n"
	                   "2025-04-02,李四,文件乙,隔壁街道\n";
	struct ogi_wb *b = csv(text);
	struct ogi_reg_mapping m;
	ogi_reg_mapping_init(&m);
	char zh[320], en[320];
	json_t *j = json_loads("{\"header_row\": 1, \"columns\": {\"received_on\": \"A\", "
	                       "\"applicant_name\": \"来人\", \"description\": \"C\"}}",
	                       0, NULL);
	CHECK(ogi_reg_mapping_from_json(j, &m, zh, en, sizeof zh), "%s", en);
	json_decref(j);
	const char *names[] = {"本街道", "BJD", NULL};
	struct ogi_reg_options opt = {.body_id = 7, .body_names = names, .today = today};
	struct ogi_reg_check c;
	CHECK(ogi_reg_check(b, &m, NULL, &opt, &c), "read");
	CHECK_INT(c.mapping.col[OGI_REG_APPLICANT_NAME], 1, "by header text");
	CHECK_INT(c.mapping.col[OGI_REG_BODY], 3, "单位 by the preset");
	CHECK_INT(c.nvalid, 1, "one row");
	CHECK_INT(count(&c, 3, "other_body"), 1, "another body's row");
	ogi_reg_check_free(&c);

	/* without the mapping: no header the preset knows */
	CHECK(!ogi_reg_check(b, NULL, NULL, &opt, &c), "no header");
	CHECK(c.fatal && strcmp(c.problems[0].rule, "no_header") == 0, "no_header");
	ogi_reg_check_free(&c);
	ogi_wb_free(b);

	ogi_reg_mapping_init(&m);
	j = json_loads("{\"columns\": {\"received\": \"A\"}}", 0, NULL);
	CHECK(!ogi_reg_mapping_from_json(j, &m, zh, en, sizeof zh), "unknown field");
	CHECK(strstr(zh, "received") != NULL, "%s", zh);
	json_decref(j);
	j = json_loads("{\"colums\": {}}", 0, NULL);
	CHECK(!ogi_reg_mapping_from_json(j, &m, zh, en, sizeof zh), "unknown key");
	json_decref(j);
}

int main(void)
{
	today = ogi_date_from_ymd(2026, 12, 4);
	dates();
	outcomes();
	rows();
	two_row_header();
	free_mapping();
	return check_done("register");
}
