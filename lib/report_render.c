/* The report's outputs (report_render.h): JSON (the API's shape, DESIGN.md
 * §3: the model's figures, ogi_report_figures_json, with the document
 * around them), a print-ready HTML document in the official merged layout,
 * CSV (one line per table row) and Markdown; XLSX is in report_xlsx.c. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/report_layout.h"
#include "lib/report_render.h"
#include "lib/timestamp.h"

const char *const ogi_report_type_names[] = {"json", "csv", "html", "xlsx", "md", NULL};
const char *const ogi_report_type_mime[] = {
    "application/json; charset=utf-8",
    "text/csv; charset=utf-8",
    "text/html; charset=utf-8",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "text/markdown; charset=utf-8",
    NULL};
const char *const ogi_report_type_ext[] = {"json", "csv", "html", "xlsx", "md", NULL};

/* ---- JSON ----------------------------------------------------------------------------------- */

static json_t *text_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

static json_t *checks_json(const struct ogi_report *r)
{
	json_t *list = json_array();
	for (int i = 0; i < r->nchecks; i++) {
		const struct ogi_report_check *c = &r->checks[i];
		json_t *cells = json_array();
		for (int k = 0; k < c->ncells; k++)
			json_array_append_new(
			    cells, json_pack("{s:s, s:s, s:i}", "table", c->cells[k].table, "row",
			                     c->cells[k].row, "column", c->cells[k].col));
		json_array_append_new(list, json_pack("{s:s, s:b, s:s, s:s, s:o}", "rule", c->rule,
		                                      "ok", c->ok, "detail", c->detail, "detail_en",
		                                      c->detail_en, "cells", cells));
	}
	return list;
}

char *ogi_report_file_name(const struct ogi_report *r, enum ogi_report_type type)
{
	static const char *const formats[] = {"（2021年格式）", "（2019年格式）",
	                                      "（2018年及以前格式）"};
	char *title = report_title(r);
	if (title == NULL)
		return NULL;
	struct ogi_buf b = {0};
	ogi_buf_add(&b, title);
	free(title);
	if (r->subtree)
		ogi_buf_add(&b, "（含所属机关汇总）");
	if (r->format != ogi_report_format_for_year(r->year))
		ogi_buf_add(&b, formats[r->format]);
	ogi_buf_printf(&b, ".%s", ogi_report_type_ext[type]);
	if (b.oom) {
		ogi_buf_free(&b);
		return NULL;
	}
	return b.p;
}

json_t *ogi_report_json(const struct ogi_report *r)
{
	char today[OGI_DATE_STRLEN];
	char *title = report_title(r), *intro = report_intro(r);
	json_t *o =
	    json_pack("{s:i, s:s, s:s, s:{s:I, s:s, s:b, s:i}, s:s, s:s?, s:s?}", "year", r->year,
	              "format", ogi_report_format_names[r->format], "official_format",
	              ogi_report_format_names[ogi_report_format_for_year(r->year)], "body", "id",
	              (json_int_t)r->body_id, "name", r->body_name, "subtree", r->subtree, "bodies",
	              r->nbodies, "generated_on", ogi_date_format(r->today, today), "title", title,
	              "intro", intro);
	free(title);
	free(intro);
	json_t *figures = ogi_report_figures_json(r);
	static const char *const parts[] = {"applications", "remedies", "proactive", "fees"};
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
		json_object_set(o, parts[i], json_object_get(figures, parts[i]));
	json_decref(figures);

	json_t *text = json_object();
	for (int i = 0; i < OGI_TEXT_COUNT; i++)
		json_object_set_new(text, ogi_report_text_names[i],
		                    text_or_null(r->inputs.text[i]));
	json_object_set_new(o, "text", text);
	json_t *sentences = json_object();
	for (int i = 0; i < OGI_SENT_COUNT; i++) {
		const char *gen = r->generated[i];
		const char *mine = r->inputs.sentence[i];
		if (gen == NULL && mine == NULL) {
			json_object_set_new(sentences, ogi_report_sentence_names[i], json_null());
			continue;
		}
		const char *basis = r->inputs.sentence_basis[i];
		bool current = mine == NULL || strcmp(basis ? basis : "", gen ? gen : "") == 0;
		json_object_set_new(sentences, ogi_report_sentence_names[i],
		                    json_pack("{s:o, s:o, s:b, s:b}", "text",
		                              text_or_null(mine ? mine : gen), "generated",
		                              text_or_null(gen), "edited", mine != NULL, "current",
		                              current));
	}
	json_object_set_new(o, "sentences", sentences);

	const struct report_section *sections;
	int nsections = report_sections(r->format, &sections);
	json_t *titles = json_array();
	for (int i = 0; i < nsections; i++)
		json_array_append_new(titles, json_string(sections[i].title));
	json_object_set_new(o, "sections", titles);

	json_object_set_new(o, "inputs",
	                    r->inputs.present
	                        ? json_pack("{s:s, s:s}", "updated_at", r->inputs.updated_at,
	                                    "updated_by", r->inputs.updated_by)
	                        : json_null());
	json_object_set_new(o, "lock",
	                    r->locked
	                        ? json_pack("{s:s, s:s, s:b}", "locked_at", r->locked_at,
	                                    "locked_by", r->locked_by, "subtree", r->lock_subtree)
	                        : json_null());
	if (r->locked && (r->namendments > 0 || r->nchanges > 0)) {
		json_t *overrides = json_array(), *changes = json_array();
		for (int i = 0; i < r->namendments; i++) {
			const struct ogi_report_amendment *a = &r->amendments[i];
			json_array_append_new(
			    overrides,
			    json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s}", "at", a->at, "actor",
			              a->actor, "subject", a->subject, "detail", a->detail, "on",
			              a->on[0] ? a->on : NULL, "reason", a->reason));
		}
		for (int i = 0; i < r->nchanges; i++) {
			const struct ogi_report_change *ch = &r->changes[i];
			json_array_append_new(changes, json_pack("{s:s, s:s, s:s, s:s, s:s}",
			                                         "table", ch->table, "row", ch->row,
			                                         "label", ch->label, "before",
			                                         ch->before, "after", ch->after));
		}
		json_object_set_new(
		    o, "amendment",
		    json_pack("{s:o, s:o}", "overrides", overrides, "changes", changes));
	} else {
		json_object_set_new(o, "amendment", json_null());
	}
	if (r->finished) {
		json_object_set_new(o, "checks", checks_json(r));
		json_object_set_new(o, "ok", json_boolean(ogi_report_ok(r)));
	}
	return o;
}

/* ---- HTML ----------------------------------------------------------------------------------- */

static const char html_style[] =
    "@page{size:A4 portrait;margin:25mm 20mm 22mm 20mm}"
    "html{background:#e8e8e8}"
    "body{margin:0 auto;max-width:210mm;background:#fff;color:#000;box-sizing:border-box;"
    "padding:20mm 18mm;font-family:\"FangSong\",\"仿宋\",\"STFangsong\",\"FangSong_GB2312\","
    "\"SimSun\",\"宋体\",\"Songti SC\",\"Noto Serif CJK SC\",\"Source Han Serif SC\","
    "\"WenQuanYi Zen Hei\",serif;font-size:16pt;line-height:1.75}"
    "h1{font-family:\"FZXiaoBiaoSong-B05S\",\"方正小标宋简体\",\"SimSun\",\"宋体\",\"Songti SC\","
    "\"Noto Serif CJK SC\",\"WenQuanYi Zen Hei\",serif;font-size:22pt;font-weight:bold;"
    "text-align:center;line-height:1.5;margin:0 0 1em}"
    "h2{font-family:\"SimHei\",\"黑体\",\"Heiti SC\",\"Noto Sans CJK SC\",\"WenQuanYi Zen Hei\","
    "sans-serif;font-size:16pt;font-weight:normal;margin:.8em 0 .3em;text-indent:2em}"
    "p{margin:0;text-indent:2em;text-align:justify}"
    "p.missing{color:#888}"
    "h3.item{font-size:12pt;margin:.6em 0 .2em;text-align:center;font-weight:normal}"
    "table.form{width:100%;border-collapse:collapse;margin:.5em 0 1em;table-layout:fixed;"
    "font-family:\"SimSun\",\"宋体\",\"Songti SC\",\"Noto Serif CJK SC\",\"WenQuanYi Zen Hei\","
    "serif;font-size:10.5pt;line-height:1.35}"
    "table.form th,table.form td{border:1px solid #000;padding:2px 4px;text-align:center;"
    "vertical-align:middle;font-weight:normal;word-break:break-all}"
    "table.form td.label{text-align:left}"
    "table.form td.label.l1{padding-left:2em}"
    "table.form th.note{font-size:9pt}"
    "table.form th.title{font-weight:bold}"
    "table.form tr{break-inside:avoid;page-break-inside:avoid}"
    ".fail{background:#ffd0d0;outline:2px solid #c00;outline-offset:-2px;"
    "-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    "section.amendment{border-top:1px solid #000;margin-top:1em}"
    "section.checks{font-family:sans-serif;font-size:10pt;line-height:1.5;margin-top:2em;"
    "border:1px solid #999;padding:.5em 1em}"
    "section.checks h2{font-size:11pt;text-indent:0;margin:0 0 .3em}"
    "section.checks li.fail{color:#a00;outline:none;background:none}"
    "section.checks li.ok{color:#060}"
    "@media print{html{background:none}body{max-width:none;padding:0}"
    "section.checks.ok{display:none}}";

static void html_paragraphs(struct ogi_buf *b, const char *text, const char *cls)
{
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char *line = strndup(p, n);
		if (line != NULL) {
			/* a line of blanks only is a paragraph break, not a paragraph */
			if (strspn(line, " \t\r") != n) {
				ogi_buf_printf(b, "<p%s%s%s>", cls ? " class=\"" : "",
				               cls ? cls : "", cls ? "\"" : "");
				ogi_buf_add_html(b, line);
				ogi_buf_add(b, "</p>\n");
			}
			free(line);
		}
		p += n;
		if (*p == '\n')
			p++;
	}
}

static void html_grid(struct ogi_buf *b, const struct grid *g)
{
	double total = 0;
	for (int k = 0; k < g->ncols; k++)
		total += g->widths[k] > 0 ? g->widths[k] : 1;
	ogi_buf_printf(b, "<table class=\"form\" data-table=\"%s\"><colgroup>",
	               report_table_names[g->table]);
	for (int k = 0; k < g->ncols; k++)
		ogi_buf_printf(b, "<col style=\"width:%.1f%%\">",
		               100.0 * (g->widths[k] > 0 ? g->widths[k] : 1) / total);
	ogi_buf_add(b, "</colgroup>\n");
	for (int row = 0; row < g->nrows; row++) {
		if (row == 0 && g->header_rows > 0)
			ogi_buf_add(b, "<thead>\n");
		if (row == g->header_rows)
			ogi_buf_add(b, "<tbody>\n");
		ogi_buf_add(b, "<tr>");
		for (int i = 0; i < g->ncells; i++) {
			const struct gcell *c = &g->cells[i];
			if (c->row != row)
				continue;
			char span[64] = "";
			size_t used = 0;
			if (c->rowspan > 1)
				used += (size_t)snprintf(span + used, sizeof span - used,
				                         " rowspan=\"%d\"", c->rowspan);
			if (c->colspan > 1)
				snprintf(span + used, sizeof span - used, " colspan=\"%d\"",
				         c->colspan);
			switch (c->kind) {
			case GC_HEAD:
				ogi_buf_printf(
				    b, "<th%s%s>", span,
				    c->title ? " class=\"title\""
				    : (g->table == RT_APPLICATIONS && row == 0 && c->col == 0)
				        ? " class=\"note\""
				        : "");
				ogi_buf_add_html(b, c->text ? c->text : "");
				ogi_buf_add(b, "</th>");
				break;
			case GC_LABEL:
				ogi_buf_printf(b, "<td class=\"label%s\"%s data-key=\"%s\">",
				               c->level > 0 ? " l1" : "", span, c->rowkey);
				ogi_buf_add_html(b, c->text ? c->text : "");
				ogi_buf_add(b, "</td>");
				break;
			case GC_VALUE: {
				char text[48];
				fvalue_text(&c->v, text, sizeof text);
				ogi_buf_printf(b,
				               "<td class=\"value%s\"%s data-key=\"%s\" "
				               "data-col=\"%d\">%s</td>",
				               c->v.fail ? " fail" : "", span, c->rowkey,
				               c->v.colidx, text);
				break;
			}
			}
		}
		ogi_buf_add(b, "</tr>\n");
		if (row + 1 == g->header_rows)
			ogi_buf_add(b, "</thead>\n");
	}
	if (g->nrows > g->header_rows)
		ogi_buf_add(b, "</tbody>\n");
	ogi_buf_add(b, "</table>\n");
}

static void html_amendment(struct ogi_buf *b, const struct ogi_report *r)
{
	if (!r->locked || (r->namendments == 0 && r->nchanges == 0))
		return;
	char when[40];
	ogi_report_cn_date(r->locked_at, when, sizeof when);
	ogi_buf_add(b, "<section class=\"amendment\">\n<h2>更正说明</h2>\n");
	ogi_buf_add(b, "<p>本报告于");
	ogi_buf_add_html(b, when);
	ogi_buf_add(b, "锁定发布，发布后作了更正。</p>\n");
	if (r->namendments > 0) {
		ogi_buf_add(b, "<p>发布后经管理员批准补录、更正的事项：</p>\n<ol>\n");
		for (int i = 0; i < r->namendments; i++) {
			const struct ogi_report_amendment *a = &r->amendments[i];
			char at[24];
			ogi_timestamp_minutes(a->at, at, sizeof at);
			ogi_buf_add(b, "<li>");
			ogi_buf_add_html(b, at);
			ogi_buf_add(b, "，");
			ogi_buf_add_html(b, a->actor);
			ogi_buf_add(b, "：");
			ogi_buf_add_html(b, a->detail);
			ogi_buf_add(b, "。理由：");
			ogi_buf_add_html(b, a->reason);
			ogi_buf_add(b, "</li>\n");
		}
		ogi_buf_add(b, "</ol>\n");
	}
	if (r->nchanges > 0) {
		ogi_buf_add(
		    b, "<p>由此变化的数据：</p>\n<table class=\"form\" data-table=\"changes\">"
		       "<thead><tr><th style=\"width:70%\">项目</th><th>发布时</th><th>现在</th>"
		       "</tr></thead><tbody>\n");
		for (int i = 0; i < r->nchanges; i++) {
			const struct ogi_report_change *ch = &r->changes[i];
			ogi_buf_add(b, "<tr><td class=\"label\">");
			ogi_buf_add_html(b, ch->label);
			ogi_buf_add(b, "</td><td>");
			ogi_buf_add_html(b, ch->before);
			ogi_buf_add(b, "</td><td>");
			ogi_buf_add_html(b, ch->after);
			ogi_buf_add(b, "</td></tr>\n");
		}
		ogi_buf_add(b, "</tbody></table>\n");
	}
	ogi_buf_add(b, "</section>\n");
}

static void html_checks(struct ogi_buf *b, const struct ogi_report *r)
{
	bool ok = ogi_report_ok(r);
	ogi_buf_printf(b, "<section class=\"checks %s\">\n<h2>数据检查%s</h2>\n<ul>\n",
	               ok ? "ok" : "fail",
	               ok ? "：全部通过" : "：有未通过的检查，请核对标红的数据");
	for (int i = 0; i < r->nchecks; i++) {
		const struct ogi_report_check *c = &r->checks[i];
		ogi_buf_printf(b, "<li class=\"%s\" data-rule=\"%s\">%s ", c->ok ? "ok" : "fail",
		               c->rule, c->ok ? "通过" : "未通过");
		ogi_buf_add_html(b, c->detail);
		ogi_buf_add(b, "</li>\n");
	}
	ogi_buf_add(b, "</ul>\n</section>\n");
}

static void render_html(const struct ogi_report *r, struct ogi_buf *b)
{
	char *title = report_title(r), *intro = report_intro(r);
	struct grid *g = malloc(sizeof *g);
	ogi_buf_add(
	    b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
	       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	ogi_buf_add_html(b, title ? title : "");
	ogi_buf_printf(b,
	               "</title>\n<style>%s</style>\n</head>\n<body data-format=\"%s\" "
	               "data-year=\"%d\">\n<h1>",
	               html_style, ogi_report_format_names[r->format], r->year);
	ogi_buf_add_html(b, title ? title : "");
	ogi_buf_add(b, "</h1>\n");
	html_paragraphs(b, intro ? intro : "", NULL);
	const struct report_section *sections;
	int nsections = report_sections(r->format, &sections);
	for (int s = 0; s < nsections; s++) {
		ogi_buf_add(b, "<section>\n<h2>");
		ogi_buf_add_html(b, sections[s].title);
		ogi_buf_add(b, "</h2>\n");
		bool wrote = false;
		for (int k = 0; k < 3; k++) {
			const struct report_item *it = &sections[s].items[k];
			if (it->kind == IT_TEXT && r->inputs.text[it->which] != NULL) {
				html_paragraphs(b, r->inputs.text[it->which], NULL);
				wrote = true;
			} else if (it->kind == IT_SENTENCE &&
			           report_sentence(r, (enum ogi_report_sentence)it->which) !=
			               NULL) {
				html_paragraphs(
				    b, report_sentence(r, (enum ogi_report_sentence)it->which),
				    NULL);
				wrote = true;
			} else if (it->kind == IT_TABLE && g != NULL &&
			           report_grid(r, (enum report_table)it->which, g)) {
				html_grid(b, g);
				wrote = true;
			}
		}
		if (!wrote)
			ogi_buf_add(b, "<p class=\"missing\">（尚未填写）</p>\n");
		ogi_buf_add(b, "</section>\n");
	}
	html_amendment(b, r);
	html_checks(b, r);
	ogi_buf_add(b, "</body>\n</html>\n");
	free(g);
	free(title);
	free(intro);
}

/* ---- CSV ------------------------------------------------------------------------------------ */

static void csv_field(struct ogi_buf *b, const char *v, bool first)
{
	if (!first)
		ogi_buf_add(b, ",");
	if (v == NULL)
		return;
	if (strpbrk(v, ",\"\r\n") == NULL) {
		ogi_buf_add(b, v);
		return;
	}
	ogi_buf_add(b, "\"");
	for (const char *p = v; *p; p++) {
		if (*p == '"')
			ogi_buf_add(b, "\"");
		ogi_buf_addn(b, p, 1);
	}
	ogi_buf_add(b, "\"");
}

/* Every table: a heading line, then one line per table row:
 *   表,行,项目,项目,项目,<the table's value columns>
 * then the checks.  UTF-8 with a BOM (spreadsheets), CRLF (RFC 4180). */
static void render_csv(const struct ogi_report *r, struct ogi_buf *b)
{
	ogi_buf_add(b, "\xEF\xBB\xBF");
	struct ftable *fts = calloc(8, sizeof *fts);
	if (fts == NULL) {
		b->oom = true;
		return;
	}
	const struct report_section *sections;
	int nsections = report_sections(r->format, &sections);
	bool first_block = true;
	for (int s = 0; s < nsections; s++)
		for (int k = 0; k < 3; k++) {
			if (sections[s].items[k].kind != IT_TABLE)
				continue;
			enum report_table t = (enum report_table)sections[s].items[k].which;
			int n = report_ftables(r, t, fts, 8);
			const char *table = report_table_section(r->format, t);
			for (int f = 0; f < n; f++) {
				const struct ftable *ft = &fts[f];
				if (!first_block &&
				    (f == 0 || ft->nvalues != fts[f - 1].nvalues ||
				     strcmp(ft->heads[0], fts[f - 1].heads[0]) != 0))
					ogi_buf_add(b, "\r\n");
				/* a heading line when the columns change */
				if (f == 0 || ft->nvalues != fts[f - 1].nvalues ||
				    strcmp(ft->heads[0], fts[f - 1].heads[0]) != 0) {
					csv_field(b, "表", true);
					csv_field(b, "行", false);
					csv_field(b, "项目", false);
					csv_field(b, "项目", false);
					csv_field(b, "项目", false);
					for (int v = 0; v < ft->nvalues; v++)
						csv_field(b, ft->heads[v], false);
					ogi_buf_add(b, "\r\n");
				}
				first_block = false;
				for (int i = 0; i < ft->nrows; i++) {
					const struct frow *fr = &ft->rows[i];
					csv_field(b, table, true);
					csv_field(b, fr->key, false);
					const char *labels[3] = {NULL, NULL, NULL};
					int nl = 0;
					if (ft->item != NULL)
						labels[nl++] = ft->item;
					for (int l = 0; l < 3 && nl < 3; l++)
						if (fr->labels[l] != NULL)
							labels[nl++] = fr->labels[l];
					if (ft->nlabels == 0 && nl == 0)
						labels[nl++] = sections[s].title;
					for (int l = 0; l < 3; l++)
						csv_field(b, labels[l], false);
					for (int v = 0; v < ft->nvalues; v++) {
						char text[48];
						fvalue_text(&fr->v[v], text, sizeof text);
						csv_field(b, text, false);
					}
					ogi_buf_add(b, "\r\n");
				}
			}
		}
	ogi_buf_add(b, "\r\n");
	csv_field(b, "检查", true);
	csv_field(b, "规则", false);
	csv_field(b, "结果", false);
	csv_field(b, "说明", false);
	csv_field(b, "detail", false);
	ogi_buf_add(b, "\r\n");
	for (int i = 0; i < r->nchecks; i++) {
		const struct ogi_report_check *c = &r->checks[i];
		csv_field(b, "检查", true);
		csv_field(b, c->rule, false);
		csv_field(b, c->ok ? "通过" : "未通过", false);
		csv_field(b, c->detail, false);
		csv_field(b, c->detail_en, false);
		ogi_buf_add(b, "\r\n");
	}
	free(fts);
}

/* ---- Markdown ------------------------------------------------------------------------------- */

/* n bytes of text as Markdown shows text, never as markup (issue 19 item 8: a
 * <script> in a staff input went out as it was): <, > and & as HTML entities
 * (a renderer passes raw HTML through), the characters Markdown reads inline
 * — \ ` * _ [ ] | ~ — escaped with a backslash, line breaks as spaces.  At
 * the start of a block (line_start) also what opens one: white space
 * (indented code), #, +, -, = (headings, lists, rules) and the . or ) after
 * leading digits (an ordered list). */
static void md_text(struct ogi_buf *b, const char *s, size_t n, bool line_start)
{
	const char *end = s + n;
	if (line_start)
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
	const char *digits_end = s;
	while (line_start && digits_end < end && *digits_end >= '0' && *digits_end <= '9')
		digits_end++;
	for (const char *p = s; p < end; p++) {
		if (*p == '<')
			ogi_buf_add(b, "&lt;");
		else if (*p == '>')
			ogi_buf_add(b, "&gt;");
		else if (*p == '&')
			ogi_buf_add(b, "&amp;");
		else if (*p == '\n' || *p == '\r')
			ogi_buf_add(b, " ");
		else if (strchr("\\`*_[]|~", *p) != NULL ||
		         (line_start && p == s && strchr("#+-=", *p) != NULL) ||
		         (line_start && p == digits_end && p > s && (*p == '.' || *p == ')'))) {
			ogi_buf_add(b, "\\");
			ogi_buf_addn(b, p, 1);
		} else {
			ogi_buf_addn(b, p, 1);
		}
	}
}

static void md_inline(struct ogi_buf *b, const char *s)
{
	if (s != NULL)
		md_text(b, s, strlen(s), false);
}

static void md_cell(struct ogi_buf *b, const char *s)
{
	ogi_buf_add(b, " ");
	md_inline(b, s);
	ogi_buf_add(b, " |");
}

/* Each line of text as a paragraph of its own. */
static void md_paragraphs(struct ogi_buf *b, const char *text)
{
	const char *p = text;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		if (strspn(p, " \t\r") < n) {
			md_text(b, p, n, true);
			ogi_buf_add(b, "\n\n");
		}
		p += n;
		if (*p == '\n')
			p++;
	}
}

/* A flat table as a pipe table: label columns (a label repeated from the
 * row above is left blank, as a merged cell reads), then the values; a
 * value a failing check names is marked ⚠. */
static void md_table(struct ogi_buf *b, const struct ftable *ft)
{
	int nl = ft->nlabels;
	ogi_buf_add(b, "|");
	for (int l = 0; l < nl; l++)
		md_cell(b, l == 0 ? (ft->table == RT_PROACTIVE ? "信息内容" : "项目") : "");
	for (int v = 0; v < ft->nvalues; v++)
		md_cell(b, ft->heads[v]);
	ogi_buf_add(b, "\n|");
	for (int l = 0; l < nl; l++)
		ogi_buf_add(b, " --- |");
	for (int v = 0; v < ft->nvalues; v++)
		ogi_buf_add(b, " ---: |");
	ogi_buf_add(b, "\n");
	for (int i = 0; i < ft->nrows; i++) {
		const struct frow *fr = &ft->rows[i];
		ogi_buf_add(b, "|");
		for (int l = 0; l < nl; l++) {
			const char *label = fr->labels[l];
			if (ft->flat && l == 0 && fr->level > 0 && label != NULL) {
				char indented[512];
				snprintf(indented, sizeof indented, "　　%s", label);
				md_cell(b, indented);
				continue;
			}
			bool repeated = label != NULL && i > 0 &&
			                ft->rows[i - 1].labels[l] != NULL &&
			                strcmp(ft->rows[i - 1].labels[l], label) == 0;
			md_cell(b, repeated ? "" : label);
		}
		for (int v = 0; v < ft->nvalues; v++) {
			char text[64];
			fvalue_text(&fr->v[v], text, sizeof text);
			if (fr->v[v].fail)
				strcat(text, " ⚠");
			md_cell(b, text);
		}
		ogi_buf_add(b, "\n");
	}
	ogi_buf_add(b, "\n");
}

static void render_md(const struct ogi_report *r, struct ogi_buf *b)
{
	char *title = report_title(r), *intro = report_intro(r);
	struct ftable *fts = calloc(8, sizeof *fts);
	ogi_buf_add(b, "# ");
	md_inline(b, title);
	ogi_buf_add(b, "\n\n");
	md_paragraphs(b, intro ? intro : "");
	const struct report_section *sections;
	int nsections = report_sections(r->format, &sections);
	for (int s = 0; s < nsections; s++) {
		ogi_buf_printf(b, "## %s\n\n", sections[s].title);
		bool wrote = false;
		for (int k = 0; k < 3; k++) {
			const struct report_item *it = &sections[s].items[k];
			if (it->kind == IT_TEXT && r->inputs.text[it->which] != NULL) {
				md_paragraphs(b, r->inputs.text[it->which]);
				wrote = true;
			} else if (it->kind == IT_SENTENCE &&
			           report_sentence(r, (enum ogi_report_sentence)it->which) !=
			               NULL) {
				md_paragraphs(
				    b, report_sentence(r, (enum ogi_report_sentence)it->which));
				wrote = true;
			} else if (it->kind == IT_TABLE && fts != NULL) {
				int n = report_ftables(r, (enum report_table)it->which, fts, 8);
				if (n > 0 && it->which == RT_APPLICATIONS &&
				    r->format != OGI_FORMAT_LEGACY)
					ogi_buf_add(b, "（本列数据的勾稽关系为：第一项加第二项之和"
					               "，等于第三项加第四项之和）\n\n");
				for (int f = 0; f < n; f++) {
					if (fts[f].item != NULL) {
						ogi_buf_add(b, "**");
						md_inline(b, fts[f].item);
						ogi_buf_add(b, "**\n\n");
					}
					md_table(b, &fts[f]);
				}
				wrote = wrote || n > 0;
			}
		}
		if (!wrote)
			ogi_buf_add(b, "（尚未填写）\n\n");
	}
	if (r->locked && (r->namendments > 0 || r->nchanges > 0)) {
		char when[40];
		ogi_report_cn_date(r->locked_at, when, sizeof when);
		ogi_buf_printf(b, "## 更正说明\n\n本报告于%s锁定发布，发布后作了更正。\n\n", when);
		for (int i = 0; i < r->namendments; i++) {
			const struct ogi_report_amendment *a = &r->amendments[i];
			char at[24];
			ogi_timestamp_minutes(a->at, at, sizeof at);
			ogi_buf_printf(b, "%d. ", i + 1);
			md_inline(b, at);
			ogi_buf_add(b, "，");
			md_inline(b, a->actor);
			ogi_buf_add(b, "：");
			md_inline(b, a->detail);
			ogi_buf_add(b, "。理由：");
			md_inline(b, a->reason);
			ogi_buf_add(b, "\n");
		}
		if (r->namendments > 0)
			ogi_buf_add(b, "\n");
		if (r->nchanges > 0) {
			ogi_buf_add(b, "| 项目 | 发布时 | 现在 |\n| --- | ---: | ---: |\n");
			for (int i = 0; i < r->nchanges; i++) {
				ogi_buf_add(b, "|");
				md_cell(b, r->changes[i].label);
				md_cell(b, r->changes[i].before);
				md_cell(b, r->changes[i].after);
				ogi_buf_add(b, "\n");
			}
			ogi_buf_add(b, "\n");
		}
	}
	ogi_buf_printf(b, "## 数据检查\n\n");
	for (int i = 0; i < r->nchecks; i++) {
		ogi_buf_printf(b, "- %s `%s`：", r->checks[i].ok ? "通过" : "**未通过**",
		               r->checks[i].rule);
		md_inline(b, r->checks[i].detail);
		ogi_buf_add(b, "\n");
	}
	free(fts);
	free(title);
	free(intro);
}

/* ---- dispatch ------------------------------------------------------------------------------- */

bool ogi_report_render(const struct ogi_report *r, enum ogi_report_type type, struct ogi_buf *out,
                       char *err, size_t errlen)
{
	switch (type) {
	case OGI_RT_JSON: {
		json_t *o = ogi_report_json(r);
		char *text = o ? json_dumps(o, OGI_REPORT_JSON_FLAGS) : NULL;
		json_decref(o);
		if (text != NULL) {
			ogi_buf_add(out, text);
			ogi_buf_add(out, "\n");
			free(text);
		} else {
			out->oom = true;
		}
		break;
	}
	case OGI_RT_CSV:
		render_csv(r, out);
		break;
	case OGI_RT_HTML:
		render_html(r, out);
		break;
	case OGI_RT_MD:
		render_md(r, out);
		break;
	case OGI_RT_XLSX:
		return report_xlsx(r, out, err, errlen);
	default:
		snprintf(err, errlen, "unknown output type");
		return false;
	}
	if (out->oom)
		snprintf(err, errlen, "out of memory");
	return !out->oom;
}
