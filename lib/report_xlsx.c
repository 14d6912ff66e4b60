/* The report as an XLSX workbook (libxlsxwriter): one worksheet per table
 * in the official merged layout, numbers as numbers, set up to print on A4;
 * a worksheet with the report's text; one with the checks.  Failing cells
 * are filled red, as in the HTML. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "lib/report_layout.h"
#include "lib/timestamp.h"

struct formats {
	lxw_format *title, *head, *label, *label_indent, *value, *decimal, *money, *fail,
	    *fail_decimal, *fail_money, *text, *heading, *ok, *bad;
};

static lxw_format *cell_format(lxw_workbook *wb, double size)
{
	lxw_format *f = workbook_add_format(wb);
	format_set_font_name(f, "宋体");
	format_set_font_size(f, size);
	format_set_border(f, LXW_BORDER_THIN);
	format_set_align(f, LXW_ALIGN_CENTER);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	format_set_text_wrap(f);
	return f;
}

static lxw_format *fail_of(lxw_workbook *wb, const char *num_format)
{
	lxw_format *f = cell_format(wb, 10.5);
	format_set_pattern(f, LXW_PATTERN_SOLID);
	format_set_bg_color(f, 0xFFD0D0);
	format_set_font_color(f, 0xC00000);
	if (num_format != NULL)
		format_set_num_format(f, num_format);
	return f;
}

static void make_formats(lxw_workbook *wb, struct formats *f)
{
	f->title = workbook_add_format(wb);
	format_set_font_name(f->title, "黑体");
	format_set_font_size(f->title, 14);
	format_set_align(f->title, LXW_ALIGN_LEFT);
	format_set_align(f->title, LXW_ALIGN_VERTICAL_CENTER);
	f->head = cell_format(wb, 10.5);
	f->label = cell_format(wb, 10.5);
	format_set_align(f->label, LXW_ALIGN_LEFT);
	f->label_indent = cell_format(wb, 10.5);
	format_set_align(f->label_indent, LXW_ALIGN_LEFT);
	format_set_indent(f->label_indent, 2);
	f->value = cell_format(wb, 10.5);
	format_set_num_format(f->value, "0");
	f->decimal = cell_format(wb, 10.5);
	format_set_num_format(f->decimal, "General");
	f->money = cell_format(wb, 10.5);
	format_set_num_format(f->money, "0.00");
	f->fail = fail_of(wb, "0");
	f->fail_decimal = fail_of(wb, "General");
	f->fail_money = fail_of(wb, "0.00");
	f->text = workbook_add_format(wb);
	format_set_font_name(f->text, "仿宋");
	format_set_font_size(f->text, 12);
	format_set_text_wrap(f->text);
	format_set_align(f->text, LXW_ALIGN_VERTICAL_TOP);
	f->heading = workbook_add_format(wb);
	format_set_font_name(f->heading, "黑体");
	format_set_font_size(f->heading, 12);
	f->ok = workbook_add_format(wb);
	format_set_font_color(f->ok, 0x006000);
	f->bad = workbook_add_format(wb);
	format_set_font_color(f->bad, 0xC00000);
	format_set_bold(f->bad);
}

/* Display width of UTF-8 text in Excel's units (a CJK character is about two). */
static double text_width(const char *s)
{
	double w = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x80)
			w += 1;
		else if ((*p & 0xC0) == 0xC0)
			w += 2;
	}
	return w;
}

static void print_setup(lxw_worksheet *ws, int ncols)
{
	worksheet_set_paper(ws, 9); /* A4 */
	if (ncols > 10)
		worksheet_set_landscape(ws);
	else
		worksheet_set_portrait(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_center_horizontally(ws);
	worksheet_set_margins(ws, 0.7, 0.7, 0.9, 0.8);
	worksheet_gridlines(ws, LXW_HIDE_ALL_GRIDLINES);
}

static void write_value(lxw_worksheet *ws, int row, int col, const struct fvalue *v,
                        const struct formats *f)
{
	lxw_format *fmt;
	switch (v->kind) {
	case GV_DECIMAL:
		fmt = v->fail ? f->fail_decimal : f->decimal;
		break;
	case GV_FEN:
		fmt = v->fail ? f->fail_money : f->money;
		break;
	default:
		fmt = v->fail ? f->fail : f->value;
	}
	if (v->blank)
		worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)col, fmt);
	else if (v->kind == GV_DECIMAL)
		worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, v->dv, fmt);
	else if (v->kind == GV_FEN)
		worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, (double)v->iv / 100.0,
		                       fmt);
	else
		worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, (double)v->iv, fmt);
}

/* A grid on its own worksheet, the section title above it. */
static void sheet_grid(lxw_workbook *wb, const struct formats *f, const char *title,
                       const struct grid *g)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, title);
	if (ws == NULL)
		return;
	print_setup(ws, g->ncols);
	const int top = 2; /* the title, a blank row, then the table */
	double total = 0, widths[16];
	for (int k = 0; k < g->ncols; k++)
		total += g->widths[k] > 0 ? g->widths[k] : 1;
	double page = g->ncols > 10 ? 150 : 100;
	for (int k = 0; k < g->ncols; k++) {
		widths[k] = page * (g->widths[k] > 0 ? g->widths[k] : 1) / total;
		worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, widths[k], NULL);
	}
	worksheet_merge_range(ws, 0, 0, 0, (lxw_col_t)(g->ncols - 1), title, f->title);
	worksheet_set_row(ws, 0, 24, NULL);
	/* row heights: enough lines for the longest text starting in the row */
	double lines[64] = {0};
	for (int i = 0; i < g->ncells; i++) {
		const struct gcell *c = &g->cells[i];
		double w = 0;
		for (int k = c->col; k < c->col + c->colspan && k < g->ncols; k++)
			w += widths[k];
		double need = c->text ? text_width(c->text) / (w > 2 ? w - 1.5 : 1) + 0.99 : 1;
		need /= c->rowspan;
		if (c->row < 64 && need > lines[c->row])
			lines[c->row] = need;
	}
	for (int row = 0; row < g->nrows && row < 64; row++) {
		int n = (int)lines[row];
		if (n < 1)
			n = 1;
		worksheet_set_row(ws, (lxw_row_t)(top + row), 15.0 * n + 3, NULL);
	}
	for (int i = 0; i < g->ncells; i++) {
		const struct gcell *c = &g->cells[i];
		int r0 = top + c->row, c0 = c->col;
		int r1 = r0 + c->rowspan - 1, c1 = c0 + c->colspan - 1;
		lxw_format *fmt = c->kind == GC_HEAD ? f->head
		                  : c->kind == GC_LABEL
		                      ? (c->level > 0 ? f->label_indent : f->label)
		                      : NULL;
		bool merged = r1 > r0 || c1 > c0;
		if (c->kind == GC_VALUE) {
			if (merged) {
				lxw_format *mf = c->v.fail ? f->fail : f->value;
				if (c->v.kind == GV_DECIMAL)
					mf = c->v.fail ? f->fail_decimal : f->decimal;
				worksheet_merge_range(ws, (lxw_row_t)r0, (lxw_col_t)c0,
				                      (lxw_row_t)r1, (lxw_col_t)c1, "", mf);
			}
			write_value(ws, r0, c0, &c->v, f);
			continue;
		}
		if (merged)
			worksheet_merge_range(ws, (lxw_row_t)r0, (lxw_col_t)c0, (lxw_row_t)r1,
			                      (lxw_col_t)c1, c->text ? c->text : "", fmt);
		else
			worksheet_write_string(ws, (lxw_row_t)r0, (lxw_col_t)c0,
			                       c->text ? c->text : "", fmt);
	}
	if (g->header_rows > 0)
		worksheet_repeat_rows(ws, (lxw_row_t)top, (lxw_row_t)(top + g->header_rows - 1));
}

static int text_rows(lxw_worksheet *ws, int row, const char *text, lxw_format *fmt)
{
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char *line = strndup(p, n);
		if (line != NULL && strspn(line, " \t\r") != n) {
			int height = (int)(text_width(line) / 95) + 1;
			worksheet_set_row(ws, (lxw_row_t)row, 16.0 * height + 2, NULL);
			worksheet_write_string(ws, (lxw_row_t)row++, 0, line, fmt);
		}
		free(line);
		p += n;
		if (*p == '\n')
			p++;
	}
	return row;
}

static void sheet_text(lxw_workbook *wb, const struct formats *f, const struct ogi_report *r)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "报告正文");
	if (ws == NULL)
		return;
	print_setup(ws, 1);
	worksheet_set_column(ws, 0, 0, 100, NULL);
	char *title = report_title(r), *intro = report_intro(r);
	int row = 0;
	worksheet_set_row(ws, 0, 30, NULL);
	worksheet_write_string(ws, (lxw_row_t)row++, 0, title ? title : "", f->title);
	row = text_rows(ws, row, intro ? intro : "", f->text);
	const struct report_section *sections;
	int nsections = report_sections(r->format, &sections);
	for (int s = 0; s < nsections; s++) {
		worksheet_write_string(ws, (lxw_row_t)row++, 0, sections[s].title, f->heading);
		for (int k = 0; k < 3; k++) {
			const struct report_item *it = &sections[s].items[k];
			if (it->kind == IT_TEXT && r->inputs.text[it->which] != NULL) {
				row = text_rows(ws, row, r->inputs.text[it->which], f->text);
			} else if (it->kind == IT_SENTENCE &&
			           report_sentence(r, (enum ogi_report_sentence)it->which) !=
			               NULL) {
				row = text_rows(
				    ws, row,
				    report_sentence(r, (enum ogi_report_sentence)it->which),
				    f->text);
			} else if (it->kind == IT_TABLE) {
				char ref[256];
				snprintf(ref, sizeof ref, "（表格见工作表“%s”）",
				         sections[s].title);
				worksheet_write_string(ws, (lxw_row_t)row++, 0, ref, f->text);
			}
		}
	}
	if (r->locked && (r->namendments > 0 || r->nchanges > 0)) {
		worksheet_write_string(ws, (lxw_row_t)row++, 0, "更正说明", f->heading);
		char line[1400], when[40];
		ogi_report_cn_date(r->locked_at, when, sizeof when);
		snprintf(line, sizeof line, "本报告于%s锁定发布，发布后作了更正。", when);
		row = text_rows(ws, row, line, f->text);
		for (int i = 0; i < r->namendments; i++) {
			const struct ogi_report_amendment *a = &r->amendments[i];
			char at[24];
			ogi_timestamp_minutes(a->at, at, sizeof at);
			snprintf(line, sizeof line, "%d. %s，%s：%s。理由：%s", i + 1, at, a->actor,
			         a->detail, a->reason);
			row = text_rows(ws, row, line, f->text);
		}
		for (int i = 0; i < r->nchanges; i++) {
			snprintf(line, sizeof line, "%s：发布时%s，现在%s", r->changes[i].label,
			         r->changes[i].before, r->changes[i].after);
			row = text_rows(ws, row, line, f->text);
		}
	}
	free(title);
	free(intro);
}

static void sheet_checks(lxw_workbook *wb, const struct formats *f, const struct ogi_report *r)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "数据检查");
	if (ws == NULL)
		return;
	print_setup(ws, 4);
	worksheet_set_column(ws, 0, 0, 22, NULL);
	worksheet_set_column(ws, 1, 1, 8, NULL);
	worksheet_set_column(ws, 2, 3, 70, f->text);
	worksheet_write_string(ws, 0, 0, "规则", f->heading);
	worksheet_write_string(ws, 0, 1, "结果", f->heading);
	worksheet_write_string(ws, 0, 2, "说明", f->heading);
	worksheet_write_string(ws, 0, 3, "detail", f->heading);
	for (int i = 0; i < r->nchecks; i++) {
		const struct ogi_report_check *c = &r->checks[i];
		lxw_row_t row = (lxw_row_t)(i + 1);
		worksheet_write_string(ws, row, 0, c->rule, NULL);
		worksheet_write_string(ws, row, 1, c->ok ? "通过" : "未通过",
		                       c->ok ? f->ok : f->bad);
		worksheet_write_string(ws, row, 2, c->detail, f->text);
		worksheet_write_string(ws, row, 3, c->detail_en, f->text);
	}
}

static bool read_file(const char *path, struct ogi_buf *out)
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		return false;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		ogi_buf_addn(out, chunk, n);
	bool ok = !ferror(fp) && !out->oom;
	fclose(fp);
	return ok;
}

bool report_xlsx(const struct ogi_report *r, struct ogi_buf *out, char *err, size_t errlen)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	snprintf(path, sizeof path, "%s/ogi-report-XXXXXX.xlsx", dir && *dir ? dir : "/tmp");
	int fd = mkstemps(path, 5);
	if (fd < 0) {
		snprintf(err, errlen, "cannot create a temporary file in %s: %s",
		         dir && *dir ? dir : "/tmp", strerror(errno));
		return false;
	}
	close(fd);
	bool ok = false;
	struct grid *g = malloc(sizeof *g);
	lxw_workbook *wb = g != NULL ? workbook_new(path) : NULL;
	if (wb == NULL) {
		snprintf(err, errlen, "cannot start the workbook");
		goto out;
	}
	struct formats f;
	make_formats(wb, &f);
	char *title = report_title(r);
	lxw_doc_properties props = {
	    .title = title, .author = (char *)"ogi", .company = (char *)r->body_name};
	workbook_set_properties(wb, &props);
	sheet_text(wb, &f, r);
	const struct report_section *sections;
	int nsections = report_sections(r->format, &sections);
	for (int s = 0; s < nsections; s++)
		for (int k = 0; k < 3; k++)
			if (sections[s].items[k].kind == IT_TABLE &&
			    report_grid(r, (enum report_table)sections[s].items[k].which, g))
				sheet_grid(wb, &f, sections[s].title, g);
	sheet_checks(wb, &f, r);
	lxw_error rc = workbook_close(wb);
	wb = NULL;
	free(title);
	if (rc != LXW_NO_ERROR) {
		snprintf(err, errlen, "writing the workbook: %s", lxw_strerror(rc));
		goto out;
	}
	if (!read_file(path, out)) {
		snprintf(err, errlen, "reading the workbook back failed");
		goto out;
	}
	ok = true;
out:
	free(g);
	unlink(path);
	return ok;
}
