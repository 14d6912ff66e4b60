/* The register reader (lib/workbook.c): CSV files in the encodings and shapes offices save
 * them in, and what is refused, as a table; xlsx files written here with libxlsxwriter (as
 * Excel writes them: shared strings, date formats, formulas with cached values, merges,
 * hidden sheets) and broken ones (truncated, not a workbook, a part beyond the limit). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "lib/workbook.h"
#include "tests/unit/check.h"

static const char *fixtures; /* argv[1]: tests/unit/workbook */

#define B(s) s, sizeof(s) - 1

struct csv_case {
	const char *what;
	const char *data;
	size_t len;
	const char *name;
	const char *rule; /* NULL: read */
	size_t err_row;
	const char *encoding;
	size_t rows, cols;
	const char *cells[8]; /* "B3=text": the cell's text */
};

static const struct csv_case csv_cases[] = {
    {"plain UTF-8",
     B("序号,申请人\n1,张三\n"),
     "a.csv",
     NULL,
     0,
     "UTF-8",
     2,
     2,
     {"A1=序号", "B1=申请人", "A2=1", "B2=张三"}},
    {"UTF-8 with a BOM",
     B("\xEF\xBB\xBF申请人\r\n李四\r\n"),
     "a.csv",
     NULL,
     0,
     "UTF-8",
     2,
     1,
     {"A1=申请人", "A2=李四"}},
    {"GBK as Excel saves it",
     B("\xc9\xea\xc7\xeb\xc8\xcb\x2c\xca\xd5\xb5\xbd\xc8\xd5\xc6\xda\x0d\x0a\xd5\xc5\xc8\xfd\x2c"
       "\x32\x30\x32\x34\x2d\x30\x31\x2d\x30\x35\x0d\x0a"),
     "a.csv",
     NULL,
     0,
     "GB18030",
     2,
     2,
     {"A1=申请人", "B1=收到日期", "A2=张三", "B2=2024-01-05"}},
    {"GB18030 four-byte character",
     B("\xd6\xd0\xce\xc4,\x95\x32\x82\x36\n"),
     "a.csv",
     NULL,
     0,
     "GB18030",
     1,
     2,
     {"A1=中文", "B1=𠀀"}},
    {"UTF-16 with its BOM, tab-separated (Excel's Unicode text)",
     B("\xff\xfe\x8f\x5e\xf7\x53\x09\x00\x33\x75\xf7\x8b\xba\x4e\x0a\x00"),
     "a.txt",
     NULL,
     0,
     "UTF-16",
     1,
     2,
     {"A1=序号", "B1=申请人"}},
    {"quoted comma, doubled quote, newline in quotes",
     B("a,\"b,c\",\"say \"\"hi\"\"\"\n\"line1\nline2\",x\n"),
     "a.csv",
     NULL,
     0,
     "UTF-8",
     2,
     3,
     {"A1=a", "B1=b,c", "C1=say \"hi\"", "A2=line1\nline2", "B2=x"}},
    {"CR line ends", B("a\rb\rc"), "a.csv", NULL, 0, "UTF-8", 3, 1, {"A1=a", "A2=b", "A3=c"}},
    {"mixed line ends, no final one",
     B("a,b\r\nc,d\ne,f"),
     "a.csv",
     NULL,
     0,
     "UTF-8",
     3,
     2,
     {"A1=a", "B2=d", "B3=f"}},
    {"trailing empty lines and fields dropped from the used range",
     B("a,b,,\n,,\n\n\r\n\n"),
     "a.csv",
     NULL,
     0,
     "UTF-8",
     1,
     2,
     {"A1=a", "B1=b", "C1="}},
    {"empty cells and an empty row inside",
     B("a,,c\n\n,e,\n"),
     "a.csv",
     NULL,
     0,
     "UTF-8",
     3,
     3,
     {"A1=a", "B1=", "C1=c", "A2=", "A3=", "B3=e", "C3="}},
    {"tab-separated",
     B("序号\t申请内容\n1\t关于, 逗号\n"),
     "a.txt",
     NULL,
     0,
     "UTF-8",
     2,
     2,
     {"A1=序号", "B1=申请内容", "B2=关于, 逗号"}},
    {"tabs and commas: commas win",
     B("a\tb,c\n"),
     "a.csv",
     NULL,
     0,
     "UTF-8",
     1,
     2,
     {"A1=a\tb", "B1=c"}},
    {"text after a closing quote kept",
     B("\"ab\"cd,e\n"),
     "a.csv",
     NULL,
     0,
     "UTF-8",
     1,
     2,
     {"A1=abcd", "B1=e"}},
    {"quoted empty field", B("\"\",x\n"), "a.csv", NULL, 0, "UTF-8", 1, 2, {"A1=", "B1=x"}},
    {"the row of a cell after a quoted newline",
     B("\"a\nb\"\nc\n"),
     "a.csv",
     NULL,
     0,
     "UTF-8",
     2,
     1,
     {"A1=a\nb", "A2=c"}},
    {"unterminated quote", B("a,b\nc,\"d\ne\n"), "a.csv", "bad_csv", 2, NULL, 0, 0, {NULL}},
    {"neither UTF-8 nor GB18030",
     B("a\nb\n\x80\x80\n"),
     "a.csv",
     "bad_encoding",
     3,
     NULL,
     0,
     0,
     {NULL}},
    {"UTF-8 broken after UTF-8 text",
     B("张三\n李四\n\xff\n"),
     "a.csv",
     "bad_encoding",
     3,
     NULL,
     0,
     0,
     {NULL}},
    {"broken UTF-8 after a BOM",
     B("\xEF\xBB\xBF"
       "a\n\xC3\n"),
     "a.csv",
     "bad_encoding",
     2,
     NULL,
     0,
     0,
     {NULL}},
    {"an empty file", B(""), "a.csv", "empty", 0, NULL, 0, 0, {NULL}},
    {"only line ends and commas", B("\r\n,,\n\n"), "a.csv", "empty", 0, NULL, 0, 0, {NULL}},
    {"a BOM alone", B("\xEF\xBB\xBF"), "a.csv", "empty", 0, NULL, 0, 0, {NULL}},
    {"binary", B("ab\0cd"), "a.csv", "not_a_spreadsheet", 1, NULL, 0, 0, {NULL}},
    {"an .xls name on text", B("a,b\n"), "a.XLS", "not_a_spreadsheet", 0, NULL, 0, 0, {NULL}},
    {"an old .xls (compound file)",
     B("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0"),
     "a.xls",
     "not_a_spreadsheet",
     0,
     NULL,
     0,
     0,
     {NULL}},
    {"a compound file named .xlsx: encrypted",
     B("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0"),
     "a.xlsx",
     "encrypted",
     0,
     NULL,
     0,
     0,
     {NULL}},
    {"an encrypted package named .xls",
     B("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0"),
     "a.xls",
     "encrypted",
     0,
     NULL,
     0,
     0,
     {NULL}},
};

static bool utf8_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		int k = *p < 0x80   ? 0
		        : *p < 0xC2 ? -1
		        : *p < 0xE0 ? 1
		        : *p < 0xF0 ? 2
		        : *p < 0xF5 ? 3
		                    : -1;
		if (k < 0)
			return false;
		p++;
		for (int j = 0; j < k; j++, p++)
			if ((*p & 0xC0) != 0x80)
				return false;
	}
	return true;
}

/* "B3=text" against the sheet. */
static void check_cell(const char *what, const struct ogi_wb_sheet *s, const char *spec)
{
	size_t col = 0, row = 0;
	const char *p = spec;
	while (*p >= 'A' && *p <= 'Z')
		col = col * 26 + (size_t)(*p++ - 'A' + 1);
	while (*p >= '0' && *p <= '9')
		row = row * 10 + (size_t)(*p++ - '0');
	if (*p != '=' || col == 0 || row == 0) {
		fprintf(stderr, "bad cell in a test table: %s\n", spec);
		exit(2);
	}
	CHECK_STR(ogi_wb_at(s, row - 1, col - 1)->text, p + 1, "%s: %s", what, spec);
}

static void check_error(const char *what, const struct ogi_wb_error *err)
{
	CHECK(err->zh[0] != '\0' && err->en[0] != '\0', "%s: both sentences", what);
	CHECK(utf8_ok(err->zh) && utf8_ok(err->en) && utf8_ok(err->sheet), "%s: UTF-8", what);
}

static void csv_table(void)
{
	for (size_t i = 0; i < sizeof csv_cases / sizeof csv_cases[0]; i++) {
		const struct csv_case *c = &csv_cases[i];
		struct ogi_wb_error err;
		struct ogi_wb *b = ogi_wb_read(c->data, c->len, c->name, &err);
		if (c->rule != NULL) {
			CHECK(b == NULL, "%s: refused", c->what);
			CHECK_STR(err.rule, c->rule, "%s: %s", c->what, err.en);
			CHECK_INT(err.row, c->err_row, "%s: %s", c->what, err.en);
			check_error(c->what, &err);
			ogi_wb_free(b);
			continue;
		}
		CHECK(b != NULL, "%s: read (%s %s)", c->what, err.rule ? err.rule : "", err.en);
		if (b == NULL)
			continue;
		CHECK_INT(b->format, OGI_WB_CSV, "%s", c->what);
		CHECK_STR(b->encoding, c->encoding, "%s", c->what);
		CHECK_INT(b->nsheets, 1, "%s", c->what);
		CHECK_STR(b->sheets[0].name, "", "%s", c->what);
		CHECK_INT(b->sheets[0].rows, c->rows, "%s", c->what);
		CHECK_INT(b->sheets[0].cols, c->cols, "%s", c->what);
		for (size_t k = 0; k < 8 && c->cells[k] != NULL; k++)
			check_cell(c->what, &b->sheets[0], c->cells[k]);
		for (size_t r = 0; r < b->sheets[0].rows; r++)
			for (size_t k = 0; k < b->sheets[0].cols; k++) {
				const struct ogi_wb_cell *cell = ogi_wb_at(&b->sheets[0], r, k);
				CHECK(cell->kind == (cell->text[0] ? OGI_WB_CELL_TEXT
				                                   : OGI_WB_CELL_EMPTY) &&
				          !cell->formula,
				      "%s: CSV cells are text", c->what);
			}
		CHECK_INT(ogi_wb_at(&b->sheets[0], 100000, 3)->kind, OGI_WB_CELL_EMPTY, "%s",
		          c->what);
		CHECK_STR(ogi_wb_at(&b->sheets[0], 5, 100000)->text, "", "%s", c->what);
		CHECK(ogi_wb_merge_at(&b->sheets[0], 0, 0) == NULL, "%s", c->what);
		ogi_wb_free(b);
	}
}

/* The limits, lowered: each refusal names its rule and row. */
static void csv_limits(void)
{
	struct ogi_wb_limits lim = ogi_wb_default_limits;
	struct ogi_wb_error err;
	lim.rows = 3;
	const char *four = "a\nb\nc\nd\n";
	CHECK(ogi_wb_read_with(four, strlen(four), "a.csv", &lim, &err) == NULL, "rows");
	CHECK_STR(err.rule, "too_many_rows", "%s", err.en);
	CHECK_INT(err.row, 4, "%s", err.en);
	check_error("rows", &err);
	const char *blank = "a\nb\nc\n\n\n\n"; /* blank rows beyond the limit are no rows */
	struct ogi_wb *b = ogi_wb_read_with(blank, strlen(blank), "a.csv", &lim, &err);
	CHECK(b != NULL && b->sheets[0].rows == 3, "blank rows beyond the limit");
	ogi_wb_free(b);
	lim = ogi_wb_default_limits;
	lim.cols = 2;
	const char *three = "a,b\nc,d,e\n";
	CHECK(ogi_wb_read_with(three, strlen(three), "a.csv", &lim, &err) == NULL, "cols");
	CHECK_STR(err.rule, "too_many_columns", "%s", err.en);
	CHECK_INT(err.row, 2, "%s", err.en);
	check_error("cols", &err);
	lim = ogi_wb_default_limits;
	lim.cell = 5;
	const char *longer = "12345\n\"12\n456\"\n";
	CHECK(ogi_wb_read_with(longer, strlen(longer), "a.csv", &lim, &err) == NULL, "cell");
	CHECK_STR(err.rule, "cell_too_long", "%s", err.en);
	CHECK_INT(err.row, 2, "%s", err.en);
	CHECK(strstr(err.en, "column A") != NULL, "the column named: %s", err.en);
	check_error("cell", &err);
	lim = ogi_wb_default_limits;
	lim.file = 4;
	CHECK(ogi_wb_read_with("a,b,c", 5, "a.csv", &lim, &err) == NULL, "file");
	CHECK_STR(err.rule, "too_large", "%s", err.en);
	check_error("file", &err);
	lim = ogi_wb_default_limits;
	lim.cells = 5; /* 2 rows of 3 columns: 6 cells in the grid */
	CHECK(ogi_wb_read_with("a,,c\nd\n", 7, "a.csv", &lim, &err) == NULL, "cells");
	CHECK_STR(err.rule, "too_large", "%s", err.en);
	check_error("cells", &err);
	/* a message about a long line stays whole characters */
	struct ogi_wb_error e2;
	CHECK(ogi_wb_read("\"", 1, "a.csv", &e2) == NULL && e2.row == 1, "lone quote");
	CHECK_STR(e2.rule, "bad_csv", "%s", e2.en);
}

static void column_names(void)
{
	static const struct {
		size_t col;
		const char *name;
	} t[] = {{0, "A"},   {25, "Z"},   {26, "AA"},  {27, "AB"},   {51, "AZ"},
	         {52, "BA"}, {199, "GR"}, {701, "ZZ"}, {702, "AAA"}, {16383, "XFD"}};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		char buf[8];
		ogi_wb_column_name(t[i].col, buf, sizeof buf);
		CHECK_STR(buf, t[i].name, "column %zu", t[i].col);
	}
	char small[2];
	ogi_wb_column_name(27, small, sizeof small);
	CHECK_STR(small, "A", "cut to the buffer");
}

static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		fprintf(stderr, "cannot open %s\n", path);
		exit(2);
	}
	size_t cap = 1 << 16, n = 0;
	unsigned char *buf = malloc(cap);
	size_t k;
	while (buf != NULL && (k = fread(buf + n, 1, cap - n, f)) > 0) {
		n += k;
		if (n == cap)
			buf = realloc(buf, cap *= 2);
	}
	fclose(f);
	if (buf == NULL)
		exit(2);
	*len = n;
	return buf;
}

static unsigned char *fixture(const char *name, size_t *len)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", fixtures, name);
	return slurp(path, len);
}

static const struct ogi_wb_sheet *sheet_named(const struct ogi_wb *b, const char *name)
{
	for (size_t i = 0; i < b->nsheets; i++)
		if (strcmp(b->sheets[i].name, name) == 0)
			return &b->sheets[i];
	CHECK(false, "no sheet %s", name);
	return NULL;
}

struct want_cell {
	const char *ref;
	enum ogi_wb_cell_kind kind;
	const char *text;
	double number;
	bool formula;
};

static void check_cells(const char *what, const struct ogi_wb_sheet *s, const struct want_cell *w,
                        size_t n)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		char spec[64];
		snprintf(spec, sizeof spec, "%s=%s", w[i].ref, w[i].text);
		check_cell(what, s, spec);
		size_t col = 0, row = 0;
		const char *p = w[i].ref;
		while (*p >= 'A' && *p <= 'Z')
			col = col * 26 + (size_t)(*p++ - 'A' + 1);
		row = (size_t)atoi(p);
		const struct ogi_wb_cell *c = ogi_wb_at(s, row - 1, col - 1);
		CHECK_INT(c->kind, w[i].kind, "%s: %s kind", what, w[i].ref);
		CHECK_INT(c->formula, w[i].formula, "%s: %s formula", what, w[i].ref);
		CHECK(fabs(c->number - w[i].number) < 1e-9, "%s: %s number %.10g want %.10g", what,
		      w[i].ref, c->number, w[i].number);
	}
}

/* A workbook as libxlsxwriter (and so Excel) writes it: shared strings, styles with date
 * formats (custom, built-in, Chinese), a formula with its cached result, a merged header, a
 * hidden sheet and an empty one; with constant_memory, inline strings. */
static unsigned char *write_book(bool constant_memory, size_t *len)
{
	char path[] = "/tmp/ogi-test-workbook-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		exit(2);
	close(fd);
	lxw_workbook_options opt = {.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "登记台账");
	lxw_worksheet *hidden = workbook_add_worksheet(wb, "隐藏");
	lxw_worksheet *empty = workbook_add_worksheet(wb, "Sheet3");
	(void)empty;
	lxw_format *ymd = workbook_add_format(wb);
	format_set_num_format(ymd, "yyyy-mm-dd");
	lxw_format *ymdhm = workbook_add_format(wb);
	format_set_num_format(ymdhm, "yyyy/m/d h:mm");
	lxw_format *builtin = workbook_add_format(wb);
	format_set_num_format_index(builtin, 14);
	lxw_format *zh = workbook_add_format(wb);
	format_set_num_format(zh, "yyyy\"年\"m\"月\"d\"日\"");
	lxw_format *money = workbook_add_format(wb);
	format_set_num_format(money, "#,##0.00\"元\"");
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	worksheet_merge_range(ws, 0, 0, 0, 2, "申请情况", bold);
	const char *head[] = {"序号", "收到日期", "申请人", "金额", "是否收费", "合计"};
	for (int c = 0; c < 6; c++)
		worksheet_write_string(ws, 1, (lxw_col_t)c, head[c], bold);
	worksheet_write_number(ws, 2, 0, 1, NULL);
	lxw_datetime d1 = {2024, 1, 5, 0, 0, 0};
	worksheet_write_datetime(ws, 2, 1, &d1, ymd);
	worksheet_write_string(ws, 2, 2, "张三", NULL);
	worksheet_write_number(ws, 2, 3, 12.5, money);
	worksheet_write_boolean(ws, 2, 4, 0, NULL);
	worksheet_write_formula_num(ws, 2, 5, "=D3*2", NULL, 25);
	worksheet_write_number(ws, 3, 0, 2, NULL);
	lxw_datetime d2 = {2024, 3, 1, 14, 30, 0};
	worksheet_write_datetime(ws, 3, 1, &d2, ymdhm);
	worksheet_write_string(ws, 3, 2, " 李四\n（代理人）", NULL);
	worksheet_write_boolean(ws, 3, 4, 1, NULL);
	worksheet_write_formula_num(ws, 3, 5, "=D4*2", NULL, 0);
	lxw_datetime d3 = {2023, 12, 31, 0, 0, 0};
	worksheet_write_datetime(ws, 4, 1, &d3, builtin);
	lxw_datetime d4 = {2024, 2, 29, 0, 0, 0};
	worksheet_write_datetime(ws, 4, 2, &d4, zh);
	worksheet_write_number(ws, 4, 3, 1e20, NULL);
	worksheet_write_number(ws, 4, 4, 0.1 + 0.2, NULL);
	/* the first days of the 1900 system, with the day Lotus believed in */
	lxw_format *hm = workbook_add_format(wb);
	format_set_num_format(hm, "h:mm");
	worksheet_write_number(ws, 5, 0, 1, ymd);
	worksheet_write_number(ws, 5, 1, 59, ymd);
	worksheet_write_number(ws, 5, 2, 60, ymd);
	worksheet_write_number(ws, 5, 3, 61, ymd);
	worksheet_write_number(ws, 5, 4, 0.75, hm);
	worksheet_write_number(ws, 5, 5, -1, ymd);
	worksheet_write_blank(ws, 6, 7, bold); /* formatted, empty: not in the used range */
	worksheet_write_string(hidden, 0, 0, "别处的数据", NULL);
	worksheet_hide(hidden);
	if (workbook_close(wb) != LXW_NO_ERROR) {
		fprintf(stderr, "libxlsxwriter failed\n");
		exit(2);
	}
	unsigned char *data = slurp(path, len);
	unlink(path);
	return data;
}

static void xlsx_written(bool constant_memory)
{
	const char *what = constant_memory ? "libxlsxwriter, inline strings" : "libxlsxwriter";
	size_t len;
	unsigned char *data = write_book(constant_memory, &len);
	struct ogi_wb_error err;
	struct ogi_wb *b = ogi_wb_read(data, len, "台账.xlsx", &err);
	CHECK(b != NULL, "%s: read (%s)", what, b ? "" : err.en);
	if (b != NULL) {
		CHECK_INT(b->format, OGI_WB_XLSX, "%s", what);
		CHECK_STR(b->encoding, "UTF-8", "%s", what);
		CHECK_INT(b->nsheets, 3, "%s", what);
		CHECK_INT(b->formulas, 2, "%s", what);
		const struct ogi_wb_sheet *s = &b->sheets[0];
		CHECK_STR(s->name, "登记台账", "%s", what);
		CHECK(!s->hidden, "%s", what);
		CHECK_INT(s->rows, 6, "%s", what);
		CHECK_INT(s->cols, 6, "%s", what);
		static const struct want_cell w[] = {
		    {"A1", OGI_WB_CELL_TEXT, "申请情况", 0, false},
		    {"B1", OGI_WB_CELL_EMPTY, "", 0, false},
		    {"A2", OGI_WB_CELL_TEXT, "序号", 0, false},
		    {"F2", OGI_WB_CELL_TEXT, "合计", 0, false},
		    {"A3", OGI_WB_CELL_NUMBER, "1", 1, false},
		    {"B3", OGI_WB_CELL_DATE, "2024-01-05", 45296, false},
		    {"C3", OGI_WB_CELL_TEXT, "张三", 0, false},
		    {"D3", OGI_WB_CELL_NUMBER, "12.5", 12.5, false},
		    {"E3", OGI_WB_CELL_BOOL, "FALSE", 0, false},
		    {"F3", OGI_WB_CELL_NUMBER, "25", 25, true},
		    {"B4", OGI_WB_CELL_DATE, "2024-03-01 14:30:00", 45352 + 14.5 / 24, false},
		    {"C4", OGI_WB_CELL_TEXT, " 李四\n（代理人）", 0, false},
		    {"D4", OGI_WB_CELL_EMPTY, "", 0, false},
		    {"E4", OGI_WB_CELL_BOOL, "TRUE", 1, false},
		    {"F4", OGI_WB_CELL_NUMBER, "0", 0, true},
		    {"A5", OGI_WB_CELL_EMPTY, "", 0, false},
		    {"B5", OGI_WB_CELL_DATE, "2023-12-31", 45291, false},
		    {"C5", OGI_WB_CELL_DATE, "2024-02-29", 45351, false},
		    {"D5", OGI_WB_CELL_NUMBER, "1e+20", 1e20, false},
		    {"E5", OGI_WB_CELL_NUMBER, "0.3", 0.3, false}, /* written with 16 digits */
		    {"A6", OGI_WB_CELL_DATE, "1900-01-01", 1, false},
		    {"B6", OGI_WB_CELL_DATE, "1900-02-28", 59, false},
		    {"C6", OGI_WB_CELL_DATE, "1900-02-29", 60, false},
		    {"D6", OGI_WB_CELL_DATE, "1900-03-01", 61, false},
		    {"E6", OGI_WB_CELL_DATE, "18:00:00", 0.75, false},
		    {"F6", OGI_WB_CELL_NUMBER, "-1", -1, false}, /* no date before day 0 */
		    {"H7", OGI_WB_CELL_EMPTY, "", 0, false},
		};
		check_cells(what, s, w, sizeof w / sizeof w[0]);
		CHECK_INT(s->nmerges, 1, "%s", what);
		const struct ogi_wb_range *m = ogi_wb_merge_at(s, 0, 2);
		CHECK(m != NULL && m->row0 == 0 && m->col0 == 0 && m->row1 == 0 && m->col1 == 2,
		      "%s: the merged header A1:C1", what);
		CHECK(ogi_wb_merge_at(s, 0, 3) == NULL && ogi_wb_merge_at(s, 1, 0) == NULL, "%s",
		      what);
		const struct ogi_wb_sheet *h = sheet_named(b, "隐藏");
		CHECK(h != NULL && h->hidden && h->rows == 1 && h->cols == 1, "%s: hidden sheet",
		      what);
		if (h != NULL)
			CHECK_STR(ogi_wb_at(h, 0, 0)->text, "别处的数据", "%s", what);
		const struct ogi_wb_sheet *e = sheet_named(b, "Sheet3");
		CHECK(e != NULL && !e->hidden && e->rows == 0 && e->cols == 0, "%s: empty sheet",
		      what);
		if (e != NULL)
			CHECK_INT(ogi_wb_at(e, 0, 0)->kind, OGI_WB_CELL_EMPTY, "%s", what);
	}
	ogi_wb_free(b);

	/* the same file broken */
	static const size_t cuts[] = {0, 1, 4, 30, 100, 1000};
	for (size_t i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
		size_t cut = len > cuts[i] + 1 ? len - cuts[i] - 1 : 1;
		cut = cuts[i] == 0 ? len / 2 : cut;
		b = ogi_wb_read(data, cut, "a.xlsx", &err);
		CHECK(b == NULL, "%s: truncated to %zu of %zu read", what, cut, len);
		if (b == NULL) {
			CHECK(strcmp(err.rule, "bad_zip") == 0 || strcmp(err.rule, "bad_xml") == 0,
			      "%s: truncated: %s %s", what, err.rule, err.en);
			check_error(what, &err);
		}
		ogi_wb_free(b);
	}
	/* every part beyond a lowered part limit, from its declared size */
	struct ogi_wb_limits lim = ogi_wb_default_limits;
	lim.part = 200;
	b = ogi_wb_read_with(data, len, "a.xlsx", &lim, &err);
	CHECK(b == NULL && strcmp(err.rule, "too_large") == 0, "%s: part limit", what);
	check_error(what, &err);
	lim = ogi_wb_default_limits;
	lim.rows = 5;
	b = ogi_wb_read_with(data, len, "a.xlsx", &lim, &err);
	CHECK(b == NULL && strcmp(err.rule, "too_many_rows") == 0 && err.row == 6 &&
	          strcmp(err.sheet, "登记台账") == 0,
	      "%s: rows: %s", what, err.en);
	lim = ogi_wb_default_limits;
	lim.cols = 5;
	b = ogi_wb_read_with(data, len, "a.xlsx", &lim, &err);
	CHECK(b == NULL && strcmp(err.rule, "too_many_columns") == 0 && err.row == 2,
	      "%s: cols: %s", what, err.en);
	lim = ogi_wb_default_limits;
	lim.cells = 35; /* 6 rows of 6 columns */
	b = ogi_wb_read_with(data, len, "a.xlsx", &lim, &err);
	CHECK(b == NULL && strcmp(err.rule, "too_large") == 0, "%s: cells: %s", what, err.en);
	lim = ogi_wb_default_limits;
	lim.sheets = 2;
	b = ogi_wb_read_with(data, len, "a.xlsx", &lim, &err);
	CHECK(b == NULL && strcmp(err.rule, "too_large") == 0, "%s: sheets: %s", what, err.en);
	lim = ogi_wb_default_limits;
	lim.cell = 5;
	b = ogi_wb_read_with(data, len, "a.xlsx", &lim, &err);
	CHECK(b == NULL && strcmp(err.rule, "cell_too_long") == 0, "%s: cell: %s", what, err.en);
	check_error(what, &err);
	free(data);
}

/* Files as other programs write them (tests/unit/workbook/make_fixtures.py). */
static void xlsx_fixtures(void)
{
	size_t len;
	unsigned char *data = fixture("openpyxl.xlsx", &len);
	struct ogi_wb_error err;
	struct ogi_wb *b = ogi_wb_read(data, len, "openpyxl.xlsx", &err);
	CHECK(b != NULL, "openpyxl: %s", b ? "" : err.en);
	if (b != NULL) {
		CHECK_INT(b->nsheets, 2, "openpyxl");
		CHECK_INT(b->formulas, 1, "openpyxl");
		const struct ogi_wb_sheet *s = sheet_named(b, "台账");
		static const struct want_cell w[] = {
		    {"A1", OGI_WB_CELL_TEXT, "依申请公开登记台账", 0, false},
		    {"B3", OGI_WB_CELL_DATE, "2024-01-05", 45296, false},
		    {"B4", OGI_WB_CELL_DATE, "2024-03-01 14:30:00", 45352 + 14.5 / 24, false},
		    {"D4", OGI_WB_CELL_TEXT, "信息不存在", 0, false},
		    {"E3", OGI_WB_CELL_ERROR, "#DIV/0!", 0, false},
		    {"F3", OGI_WB_CELL_EMPTY, "", 0, true}, /* a formula never calculated */
		    {"G3", OGI_WB_CELL_BOOL, "TRUE", 1, false},
		    {"H3", OGI_WB_CELL_NUMBER, "0.1", 0.1, false},
		};
		check_cells("openpyxl", s, w, sizeof w / sizeof w[0]);
		CHECK(s != NULL && s->rows == 4 && s->cols == 8, "openpyxl: used range");
		const struct ogi_wb_range *m = s ? ogi_wb_merge_at(s, 0, 3) : NULL;
		CHECK(m != NULL && m->col0 == 0 && m->col1 == 3, "openpyxl: merged title");
		const struct ogi_wb_sheet *h = sheet_named(b, "说明");
		CHECK(h != NULL && h->hidden, "openpyxl: hidden sheet");
	}
	ogi_wb_free(b);
	free(data);

	data = fixture("date1904.xlsx", &len);
	b = ogi_wb_read(data, len, "date1904.xlsx", &err);
	CHECK(b != NULL, "1904: %s", b ? "" : err.en);
	if (b != NULL) {
		static const struct want_cell w[] = {
		    {"A1", OGI_WB_CELL_DATE, "2024-01-05", 45296, false}};
		check_cells("1904", &b->sheets[0], w, 1);
	}
	ogi_wb_free(b);
	free(data);

	data = fixture("handmade.xlsx", &len);
	b = ogi_wb_read(data, len, "handmade.xlsx", &err);
	CHECK(b != NULL, "handmade: %s", b ? "" : err.en);
	if (b != NULL) {
		CHECK_INT(b->nsheets, 3, "handmade");
		CHECK_INT(b->formulas, 3, "handmade");
		const struct ogi_wb_sheet *s = &b->sheets[0];
		CHECK_STR(s->name, "手写", "handmade");
		CHECK(s->rows == 4 && s->cols == 7, "handmade: used range %zux%zu", s->rows,
		      s->cols);
		static const struct want_cell w[] = {
		    {"A1", OGI_WB_CELL_TEXT, "纯文本", 0, false},
		    {"B1", OGI_WB_CELL_TEXT, "部分 公开", 0, false}, /* runs joined, no phonetics */
		    {"C1", OGI_WB_CELL_TEXT, "第一行\r\n第二行_x0041_", 0, false},
		    {"A2", OGI_WB_CELL_TEXT, "内联", 0, false},
		    {"B2", OGI_WB_CELL_TEXT, "富文本", 0, false},
		    {"C2", OGI_WB_CELL_DATE, "2024-01-05", 45296, false}, /* yyyy"年"m"月"d"日" */
		    {"D2", OGI_WB_CELL_NUMBER, "45296", 45296, false},    /* "day" quoted, [Red] */
		    {"E2", OGI_WB_CELL_NUMBER, "45296", 45296, false},    /* \d escaped */
		    {"F2", OGI_WB_CELL_DATE, "2024-01-05 12:00:00", 45296.5,
		     false}, /* built-in 31 */
		    {"B4", OGI_WB_CELL_DATE, "2024-02-29 08:00:00", 45351 + 8.0 / 24, false},
		    {"C4", OGI_WB_CELL_TEXT, "ab", 0, true},
		    {"D4", OGI_WB_CELL_EMPTY, "", 0, true},
		    {"E4", OGI_WB_CELL_ERROR, "#DIV/0!", 0, true},
		    {"F4", OGI_WB_CELL_BOOL, "TRUE", 1, false},
		    {"G4", OGI_WB_CELL_NUMBER, "-3.25", -3.25, false}, /* a style out of range */
		    {"A3", OGI_WB_CELL_EMPTY, "", 0, false},
		};
		check_cells("handmade", s, w, sizeof w / sizeof w[0]);
		CHECK_INT(s->nmerges, 2, "handmade: the bogus merge left out");
		const struct ogi_wb_range *m = ogi_wb_merge_at(s, 2, 0);
		CHECK(m != NULL && m->row0 == 1 && m->row1 == 2, "handmade: A2:A3");
		CHECK(b->sheets[1].hidden && strcmp(b->sheets[1].name, "很隐藏") == 0,
		      "handmade: very hidden");
		CHECK_STR(ogi_wb_at(&b->sheets[1], 1, 2)->text, "1",
		          "handmade: the relative target");
		CHECK(!b->sheets[2].hidden && b->sheets[2].rows == 0, "handmade: chart sheet");
	}
	ogi_wb_free(b);
	free(data);

	static const struct {
		const char *file, *rule;
		size_t part;
	} refused[] = {
	    {"doctype.xlsx", "bad_xml", 0},
	    {"notxlsx.zip", "not_a_spreadsheet", 0},
	    /* declared 10 bytes, inflates to 2 MB: the bytes read are counted */
	    {"lying.xlsx", "too_large", 1 << 20},
	};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		data = fixture(refused[i].file, &len);
		struct ogi_wb_limits lim = ogi_wb_default_limits;
		if (refused[i].part)
			lim.part = refused[i].part;
		b = ogi_wb_read_with(data, len, refused[i].file, &lim, &err);
		CHECK(b == NULL, "%s refused", refused[i].file);
		if (b == NULL) {
			CHECK_STR(err.rule, refused[i].rule, "%s: %s", refused[i].file, err.en);
			check_error(refused[i].file, &err);
		}
		ogi_wb_free(b);
		free(data);
	}
	/* the lying file under the real limit: read, its cell found after 2 MB */
	data = fixture("lying.xlsx", &len);
	b = ogi_wb_read(data, len, "lying.xlsx", &err);
	CHECK(b != NULL && b->sheets[0].rows == 1, "lying.xlsx under the real limit");
	ogi_wb_free(b);
	free(data);

	data = fixture("gbk.csv", &len);
	b = ogi_wb_read(data, len, "gbk.csv", &err);
	CHECK(b != NULL, "gbk.csv: %s", b ? "" : err.en);
	if (b != NULL) {
		CHECK_STR(b->encoding, "GB18030", "gbk.csv");
		CHECK(b->sheets[0].rows == 3 && b->sheets[0].cols == 5, "gbk.csv: range");
		check_cell("gbk.csv", &b->sheets[0], "D2=关于某某路拓宽工程的规划许可，及其附件");
		check_cell("gbk.csv", &b->sheets[0], "D3=他说\"不知道\"");
		check_cell("gbk.csv", &b->sheets[0], "E3=信息不存在");
	}
	ogi_wb_free(b);
	free(data);
}

/* Bytes that are no spreadsheet: refused with a rule, never a crash. */
static void random_bytes(void)
{
	unsigned long long s = 0x9E3779B97F4A7C15ull;
	unsigned char buf[4096];
	for (int round = 0; round < 200; round++) {
		size_t n = 1 + (size_t)(round * 37 % (int)sizeof buf);
		for (size_t i = 0; i < n; i++) {
			s ^= s << 13;
			s ^= s >> 7;
			s ^= s << 17;
			buf[i] = (unsigned char)s;
		}
		if (round % 2)
			memcpy(buf, "PK\3\4", n < 4 ? n : 4);
		struct ogi_wb_error err;
		struct ogi_wb *b = ogi_wb_read(buf, n, round % 3 ? "x.xlsx" : "x.csv", &err);
		if (b == NULL) {
			CHECK(err.rule != NULL, "random %d: a rule", round);
			check_error("random", &err);
		}
		ogi_wb_free(b);
	}
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_workbook FIXTURES\n");
		return 2;
	}
	fixtures = argv[1];
	csv_table();
	csv_limits();
	column_names();
	xlsx_written(false);
	xlsx_written(true);
	xlsx_fixtures();
	random_bytes();
	return check_done("workbook");
}
