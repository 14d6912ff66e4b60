/* The register reader (lib/workbook.c): CSV files in the encodings and shapes offices save
 * them in, and what is refused, as a table; xlsx files written here with libxlsxwriter (as
 * Excel writes them: shared strings, date formats, formulas with cached values, merges,
 * hidden sheets) and broken ones (truncated, not a workbook, a part beyond the limit). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lib/workbook.h"
#include "tests/unit/check.h"

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

int main(void)
{
	csv_table();
	csv_limits();
	column_names();
	return check_done("workbook");
}
