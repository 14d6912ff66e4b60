/* The document outline of each format, the flat tables drawn from the
 * model and their official merged-cell layout (see report_layout.h). */
#include "lib/report_layout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const report_table_names[] = {"proactive", "applications", "remedies", "fees", NULL};

#define TEXT(t)                                                                                    \
	{                                                                                          \
		IT_TEXT, (t)                                                                       \
	}
#define SENT(s)                                                                                    \
	{                                                                                          \
		IT_SENTENCE, (s)                                                                   \
	}
#define TABLE(t)                                                                                   \
	{                                                                                          \
		IT_TABLE, (t)                                                                      \
	}
#define END                                                                                        \
	{                                                                                          \
		IT_END, 0                                                                          \
	}

/* 国办公开办函〔2021〕30号 (law.md §4.2). */
static const struct report_section sections_2021[] = {
    {"一、总体情况", {TEXT(OGI_TEXT_OVERVIEW), END, END}},
    {"二、主动公开政府信息情况", {TEXT(OGI_TEXT_PROACTIVE), TABLE(RT_PROACTIVE), END}},
    {"三、收到和处理政府信息公开申请情况",
     {SENT(OGI_SENT_APPLICATIONS), TABLE(RT_APPLICATIONS), END}},
    {"四、政府信息公开行政复议、行政诉讼情况", {SENT(OGI_SENT_REMEDIES), TABLE(RT_REMEDIES), END}},
    {"五、存在的主要问题及改进情况", {TEXT(OGI_TEXT_PROBLEMS), END, END}},
    {"六、其他需要报告的事项", {SENT(OGI_SENT_FEES), TEXT(OGI_TEXT_OTHER), END}},
};

/* 国办公开办函〔2019〕60号: section 五's longer title (law.md §4.7). */
static const struct report_section sections_2019[] = {
    {"一、总体情况", {TEXT(OGI_TEXT_OVERVIEW), END, END}},
    {"二、主动公开政府信息情况", {TEXT(OGI_TEXT_PROACTIVE), TABLE(RT_PROACTIVE), END}},
    {"三、收到和处理政府信息公开申请情况",
     {SENT(OGI_SENT_APPLICATIONS), TABLE(RT_APPLICATIONS), END}},
    {"四、政府信息公开行政复议、行政诉讼情况", {SENT(OGI_SENT_REMEDIES), TABLE(RT_REMEDIES), END}},
    {"五、政府信息公开工作存在的主要问题及改进情况", {TEXT(OGI_TEXT_PROBLEMS), END, END}},
    {"六、其他需要报告的事项", {SENT(OGI_SENT_FEES), TEXT(OGI_TEXT_OTHER), END}},
};

/* The 2007 regulation, art. 32, as the older reports headed it (law.md §2.2). */
static const struct report_section sections_legacy[] = {
    {"一、概述", {TEXT(OGI_TEXT_OVERVIEW), END, END}},
    {"二、主动公开政府信息的情况", {SENT(OGI_SENT_PROACTIVE), TEXT(OGI_TEXT_PROACTIVE), END}},
    {"三、依申请公开政府信息和不予公开政府信息的情况",
     {SENT(OGI_SENT_APPLICATIONS), TABLE(RT_APPLICATIONS), END}},
    {"四、政府信息公开的收费及减免情况", {SENT(OGI_SENT_FEES), TABLE(RT_FEES), END}},
    {"五、因政府信息公开申请行政复议、提起行政诉讼的情况",
     {SENT(OGI_SENT_REMEDIES), TABLE(RT_REMEDIES), END}},
    {"六、政府信息公开工作存在的主要问题及改进情况", {TEXT(OGI_TEXT_PROBLEMS), END, END}},
    {"七、其他需要报告的事项", {TEXT(OGI_TEXT_OTHER), END, END}},
};

int report_sections(enum ogi_report_format f, const struct report_section **out)
{
	switch (f) {
	case OGI_FORMAT_2019:
		*out = sections_2019;
		return (int)(sizeof sections_2019 / sizeof sections_2019[0]);
	case OGI_FORMAT_LEGACY:
		*out = sections_legacy;
		return (int)(sizeof sections_legacy / sizeof sections_legacy[0]);
	default:
		*out = sections_2021;
		return (int)(sizeof sections_2021 / sizeof sections_2021[0]);
	}
}

const char *report_table_section(enum ogi_report_format f, enum report_table t)
{
	static const char *const numerals[] = {"一", "二", "三", "四", "五", "六", "七"};
	const struct report_section *s;
	int n = report_sections(f, &s);
	for (int i = 0; i < n && i < 7; i++)
		for (int k = 0; k < 3; k++)
			if (s[i].items[k].kind == IT_TABLE && s[i].items[k].which == (int)t)
				return numerals[i];
	return "";
}

char *report_title(const struct ogi_report *r)
{
	struct ogi_buf b = {0};
	ogi_buf_printf(&b, "%s%d年政府信息公开工作年度报告", r->body_name, r->year);
	return b.oom ? NULL : b.p;
}

char *report_intro(const struct ogi_report *r)
{
	struct ogi_buf b = {0};
	if (r->format == OGI_FORMAT_LEGACY)
		ogi_buf_add(&b, "本报告根据《中华人民共和国政府信息公开条例》第三十一条、第三十二条"
		                "的规定编制。");
	else
		ogi_buf_add(&b, "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第"
		                "五十条的规定编制。");
	ogi_buf_printf(&b, "本报告所列数据的统计期限为%d年1月1日至%d年12月31日", r->year, r->year);
	if (r->subtree && r->nbodies > 1)
		ogi_buf_printf(&b, "，汇总了本机关及所属%d个机关的数据", r->nbodies - 1);
	ogi_buf_add(&b, "。");
	return b.oom ? NULL : b.p;
}

const char *report_sentence(const struct ogi_report *r, enum ogi_report_sentence s)
{
	return r->inputs.sentence[s] != NULL ? r->inputs.sentence[s] : r->generated[s];
}

void fvalue_text(const struct fvalue *v, char *buf, size_t len)
{
	if (v->blank) {
		buf[0] = '\0';
		return;
	}
	switch (v->kind) {
	case GV_FEN:
		ogi_report_yuan(v->iv, buf, len);
		if (strchr(buf, '.') == NULL && len > strlen(buf) + 3)
			strcat(buf, ".00");
		return;
	case GV_DECIMAL: {
		snprintf(buf, len, "%.4f", v->dv);
		char *dot = strchr(buf, '.');
		if (dot != NULL) {
			char *end = buf + strlen(buf) - 1;
			while (end > dot && *end == '0')
				*end-- = '\0';
			if (end == dot)
				*end = '\0';
		}
		return;
	}
	default:
		snprintf(buf, len, "%lld", v->iv);
	}
}

/* ---- flat tables ---------------------------------------------------------------------------- */

static bool cell_fails(const struct ogi_report *r, const char *table, const char *row, int col)
{
	for (int i = 0; i < r->nchecks; i++) {
		const struct ogi_report_check *c = &r->checks[i];
		if (c->ok)
			continue;
		for (int k = 0; k < c->ncells; k++)
			if (c->cells[k].col == col && strcmp(c->cells[k].table, table) == 0 &&
			    strcmp(c->cells[k].row, row) == 0)
				return true;
	}
	return false;
}

static struct fvalue ival(const struct ogi_report *r, enum report_table t, const char *row, int col,
                          long long v)
{
	return (struct fvalue){.kind = GV_INT,
	                       .iv = v,
	                       .colidx = col,
	                       .fail = cell_fails(r, report_table_names[t], row, col)};
}

static struct frow *frow_add(struct ftable *ft, const char *key)
{
	if (ft->nrows >= FT_MAX_ROWS)
		return NULL;
	struct frow *row = &ft->rows[ft->nrows++];
	memset(row, 0, sizeof *row);
	snprintf(row->key, sizeof row->key, "%s", key);
	return row;
}

static void ft_applications(const struct ogi_report *r, struct ftable *ft)
{
	bool legacy = r->format == OGI_FORMAT_LEGACY;
	ft->flat = legacy;
	ft->nlabels = legacy ? 1 : 3;
	if (legacy) {
		ft->nvalues = 1;
		ft->heads[0] = "数量（件）";
	} else {
		ft->nvalues = OGI_REPORT_COLS;
		static const char *const heads[] = {"自然人",
		                                    "法人或其他组织·商业企业",
		                                    "法人或其他组织·科研机构",
		                                    "法人或其他组织·社会公益组织",
		                                    "法人或其他组织·法律服务机构",
		                                    "法人或其他组织·其他",
		                                    "总计"};
		for (int k = 0; k < OGI_REPORT_COLS; k++)
			ft->heads[k] = heads[k];
	}
	for (int i = 0; i < r->nrows; i++) {
		struct frow *row = frow_add(ft, r->rows[i].key);
		if (row == NULL)
			return;
		for (int k = 0; k < 3; k++)
			row->labels[k] = r->rows[i].label[k];
		row->level = r->rows[i].level;
		if (legacy)
			row->v[0] = ival(r, RT_APPLICATIONS, r->rows[i].key, OGI_REPORT_TOTAL,
			                 r->cells[i][OGI_REPORT_TOTAL]);
		else
			for (int k = 0; k < OGI_REPORT_COLS; k++)
				row->v[k] =
				    ival(r, RT_APPLICATIONS, r->rows[i].key, k, r->cells[i][k]);
	}
}

static void ft_remedies(const struct ogi_report *r, struct ftable *ft)
{
	if (r->format != OGI_FORMAT_LEGACY) {
		/* the form's one row of fifteen */
		static const char *const heads[] = {"行政复议·结果维持",
		                                    "行政复议·结果纠正",
		                                    "行政复议·其他结果",
		                                    "行政复议·尚未审结",
		                                    "行政复议·总计",
		                                    "行政诉讼·未经复议直接起诉·结果维持",
		                                    "行政诉讼·未经复议直接起诉·结果纠正",
		                                    "行政诉讼·未经复议直接起诉·其他结果",
		                                    "行政诉讼·未经复议直接起诉·尚未审结",
		                                    "行政诉讼·未经复议直接起诉·总计",
		                                    "行政诉讼·复议后起诉·结果维持",
		                                    "行政诉讼·复议后起诉·结果纠正",
		                                    "行政诉讼·复议后起诉·其他结果",
		                                    "行政诉讼·复议后起诉·尚未审结",
		                                    "行政诉讼·复议后起诉·总计"};
		ft->nlabels = 0;
		ft->nvalues = 15;
		for (int k = 0; k < 15; k++)
			ft->heads[k] = heads[k];
		struct frow *row = frow_add(ft, "remedies");
		for (int b = 0; b < OGI_REPORT_REMEDY_BLOCKS; b++)
			for (int k = 0; k < OGI_REPORT_REMEDY_COLS; k++)
				row->v[b * OGI_REPORT_REMEDY_COLS + k] =
				    ival(r, RT_REMEDIES, ogi_report_remedy_names[b],
				         b * OGI_REPORT_REMEDY_COLS + k, r->remedies[b][k]);
		return;
	}
	/* the older reports: counts with the results beneath, litigation as one */
	ft->flat = true;
	ft->nlabels = 1;
	ft->nvalues = 1;
	ft->heads[0] = "数量（件）";
	static const char *const rc_labels[] = {"1.维持具体行政行为数", "2.被依法纠错数",
	                                        "3.其他情形数", "4.尚未审结数"};
	static const char *const lit_labels[] = {"1.维持具体行政行为或者驳回原告诉讼请求数",
	                                         "2.被依法纠错数", "3.其他情形数", "4.尚未审结数"};
	static const char *const keys_rc[] = {"reconsideration_upheld", "reconsideration_corrected",
	                                      "reconsideration_other", "reconsideration_pending"};
	static const char *const keys_lit[] = {"litigation_upheld", "litigation_corrected",
	                                       "litigation_other", "litigation_pending"};
	struct frow *row = frow_add(ft, "reconsideration");
	row->labels[0] = "（一）行政复议数量";
	row->v[0] = ival(r, RT_REMEDIES, "reconsideration", OGI_REPORT_REMEDY_TOTAL,
	                 r->remedies[OGI_REPORT_RECONSIDERATION][OGI_REPORT_REMEDY_TOTAL]);
	for (int k = 0; k < OGI_REPORT_REMEDY_TOTAL; k++) {
		row = frow_add(ft, keys_rc[k]);
		row->labels[0] = rc_labels[k];
		row->level = 1;
		row->v[0] = ival(r, RT_REMEDIES, "reconsideration", k,
		                 r->remedies[OGI_REPORT_RECONSIDERATION][k]);
	}
	row = frow_add(ft, "litigation");
	row->labels[0] = "（二）行政诉讼数量";
	row->v[0] = ival(r, RT_REMEDIES, "litigation", OGI_REPORT_REMEDY_TOTAL,
	                 r->remedies[OGI_REPORT_LITIGATION_DIRECT][OGI_REPORT_REMEDY_TOTAL] +
	                     r->remedies[OGI_REPORT_LITIGATION_AFTER][OGI_REPORT_REMEDY_TOTAL]);
	for (int k = 0; k < OGI_REPORT_REMEDY_TOTAL; k++) {
		row = frow_add(ft, keys_lit[k]);
		row->labels[0] = lit_labels[k];
		row->level = 1;
		row->v[0] = ival(r, RT_REMEDIES, "litigation", k,
		                 r->remedies[OGI_REPORT_LITIGATION_DIRECT][k] +
		                     r->remedies[OGI_REPORT_LITIGATION_AFTER][k]);
	}
}

static int ft_proactive(const struct ogi_report *r, struct ftable *out, int max)
{
	if (r->format == OGI_FORMAT_LEGACY)
		return 0; /* the older reports stated it in a sentence */
	const struct ogi_proactive_block *blocks;
	int nblocks = ogi_proactive_blocks(r->format, &blocks), idx = 0, n = 0;
	for (int b = 0; b < nblocks && n < max; b++, n++) {
		struct ftable *ft = &out[n];
		memset(ft, 0, sizeof *ft);
		ft->table = RT_PROACTIVE;
		ft->item = blocks[b].title;
		ft->nlabels = 1;
		ft->nvalues = blocks[b].nfields;
		for (int k = 0; k < blocks[b].nfields; k++)
			ft->heads[k] = blocks[b].columns[k];
		for (int i = 0; i < blocks[b].nrows; i++) {
			struct frow *row = frow_add(ft, blocks[b].rows[i].key);
			row->labels[0] = blocks[b].rows[i].label;
			for (int k = 0; k < blocks[b].nfields; k++, idx++) {
				const struct ogi_report_value *pv = &r->inputs.proactive[idx];
				struct fvalue v = {.blank = !pv->set,
				                   .colidx = k,
				                   .fail = cell_fails(r, "proactive", row->key, k)};
				if (blocks[b].kinds[k] == OGI_PF_AMOUNT) {
					v.kind = GV_DECIMAL;
					v.dv = pv->v;
				} else {
					v.kind = GV_INT;
					v.iv = llround(pv->v);
				}
				row->v[k] = v;
			}
		}
	}
	return n;
}

static void ft_fees(const struct ogi_report *r, struct ftable *ft)
{
	const struct ogi_report_fees *f = &r->fees;
	ft->flat = true;
	ft->nlabels = 1;
	ft->nvalues = 2;
	ft->heads[0] = "件数";
	ft->heads[1] = "金额（元）";
	struct fvalue blank = {.blank = true};
	struct frow *row = frow_add(ft, "paid");
	row->labels[0] = "（一）收取费用";
	row->v[0] = ival(r, RT_FEES, "paid", 0, f->legacy_paid);
	row->v[1] = ival(r, RT_FEES, "paid", 1, f->legacy_paid_fen);
	row->v[1].kind = GV_FEN;
	static const char *const parts[] = {"1.检索费", "2.复制费", "3.邮寄费"};
	static const char *const part_keys[] = {"search", "copy", "postage"};
	const long long part_fen[] = {f->legacy_search_fen, f->legacy_copy_fen,
	                              f->legacy_postage_fen};
	for (int k = 0; k < 3; k++) {
		row = frow_add(ft, part_keys[k]);
		row->labels[0] = parts[k];
		row->level = 1;
		row->v[0] = blank;
		row->v[1] = ival(r, RT_FEES, part_keys[k], 1, part_fen[k]);
		row->v[1].kind = GV_FEN;
	}
	long long waived = 0, waived_fen = 0;
	for (int i = 0; i < OGI_WAIVER_REASON_COUNT; i++) {
		waived += f->legacy_waived[i];
		waived_fen += f->legacy_waived_fen[i];
	}
	row = frow_add(ft, "waived");
	row->labels[0] = "（二）减免费用";
	row->v[0] = ival(r, RT_FEES, "waived", 0, waived);
	row->v[1] = ival(r, RT_FEES, "waived", 1, waived_fen);
	row->v[1].kind = GV_FEN;
	/* 财综〔2008〕44号 (五保, 低保, 优抚) and the 2007 regulation's art. 28 (经济困难) */
	static const char *const reasons[] = {"1.农村五保供养对象", "2.城乡居民最低生活保障对象",
	                                      "3.领取国家抚恤补助的优抚对象",
	                                      "4.确有经济困难的申请人", "5.其他"};
	for (int i = 0; i < OGI_WAIVER_REASON_COUNT; i++) {
		char key[40];
		snprintf(key, sizeof key, "waived_%s", ogi_waiver_reason_names[i]);
		row = frow_add(ft, key);
		row->labels[0] = reasons[i];
		row->level = 1;
		row->v[0] = ival(r, RT_FEES, key, 0, f->legacy_waived[i]);
		row->v[1] = ival(r, RT_FEES, key, 1, f->legacy_waived_fen[i]);
		row->v[1].kind = GV_FEN;
	}
}

int report_ftables(const struct ogi_report *r, enum report_table t, struct ftable *out, int max)
{
	if (max < 1)
		return 0;
	memset(out, 0, sizeof *out);
	out->table = t;
	switch (t) {
	case RT_APPLICATIONS:
		ft_applications(r, out);
		return 1;
	case RT_REMEDIES:
		ft_remedies(r, out);
		return 1;
	case RT_PROACTIVE:
		return ft_proactive(r, out, max);
	case RT_FEES:
		if (r->format != OGI_FORMAT_LEGACY)
			return 0;
		ft_fees(r, out);
		return 1;
	default:
		return 0;
	}
}

/* ---- grids ---------------------------------------------------------------------------------- */

static struct gcell *gc_add(struct grid *g, int row, int col, int rowspan, int colspan,
                            enum gcell_kind kind)
{
	if (g->ncells >= GRID_MAX_CELLS)
		return &g->cells[GRID_MAX_CELLS - 1]; /* not reached with the official forms */
	struct gcell *c = &g->cells[g->ncells++];
	memset(c, 0, sizeof *c);
	c->row = row;
	c->col = col;
	c->rowspan = rowspan;
	c->colspan = colspan;
	c->kind = kind;
	if (row + rowspan > g->nrows)
		g->nrows = row + rowspan;
	return c;
}

static void gc_head(struct grid *g, int row, int col, int rowspan, int colspan, const char *text)
{
	gc_add(g, row, col, rowspan, colspan, GC_HEAD)->text = text;
}

static void gc_value(struct grid *g, int row, int col, int colspan, const struct frow *fr, int k)
{
	struct gcell *c = gc_add(g, row, col, 1, colspan, GC_VALUE);
	c->v = fr->v[k];
	snprintf(c->rowkey, sizeof c->rowkey, "%s", fr->key);
}

static bool same_label(const struct frow *a, const struct frow *b, int level)
{
	for (int k = 0; k <= level; k++) {
		const char *x = a->labels[k], *y = b->labels[k];
		if (x == NULL || y == NULL || strcmp(x, y) != 0)
			return false;
	}
	return true;
}

/* Table 三 of 2019 and 2021: three header rows, three label columns whose
 * repeated labels merge down, the seven applicant columns. */
static void grid_applications_merged(const struct ftable *ft, struct grid *g)
{
	g->ncols = 3 + OGI_REPORT_COLS;
	g->header_rows = 3;
	gc_head(g, 0, 0, 3, 3,
	        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）");
	gc_head(g, 0, 3, 1, 7, "申请人情况");
	gc_head(g, 1, 3, 2, 1, "自然人");
	gc_head(g, 1, 4, 1, 5, "法人或其他组织");
	gc_head(g, 1, 9, 2, 1, "总计");
	for (int k = 1; k < OGI_APPLICANT_KIND_COUNT; k++)
		gc_head(g, 2, 3 + k, 1, 1, ogi_report_column_labels[k]);
	for (int i = 0; i < ft->nrows; i++) {
		const struct frow *fr = &ft->rows[i];
		int row = 3 + i;
		for (int level = 0; level < 3 && fr->labels[level] != NULL; level++) {
			if (i > 0 && same_label(fr, &ft->rows[i - 1], level))
				continue; /* covered by the merged cell above */
			int span = 1;
			while (i + span < ft->nrows && same_label(fr, &ft->rows[i + span], level))
				span++;
			bool last = level == 2 || fr->labels[level + 1] == NULL;
			struct gcell *c =
			    gc_add(g, row, level, span, last ? 3 - level : 1, GC_LABEL);
			c->text = fr->labels[level];
			snprintf(c->rowkey, sizeof c->rowkey, "%s", fr->key);
		}
		for (int k = 0; k < ft->nvalues; k++)
			gc_value(g, row, 3 + k, 1, fr, k);
	}
	static const double w[] = {1.3, 1.6, 4.6, 1, 1, 1, 1.15, 1.15, 1, 1};
	memcpy(g->widths, w, sizeof w);
}

/* A flat table: one label column indented by level, then the values. */
static void grid_flat(const struct ftable *ft, struct grid *g)
{
	g->ncols = 1 + ft->nvalues;
	g->header_rows = 1;
	gc_head(g, 0, 0, 1, 1, "项目");
	for (int k = 0; k < ft->nvalues; k++)
		gc_head(g, 0, 1 + k, 1, 1, ft->heads[k]);
	for (int i = 0; i < ft->nrows; i++) {
		const struct frow *fr = &ft->rows[i];
		struct gcell *c = gc_add(g, 1 + i, 0, 1, 1, GC_LABEL);
		c->text = fr->labels[0];
		c->level = fr->level;
		snprintf(c->rowkey, sizeof c->rowkey, "%s", fr->key);
		for (int k = 0; k < ft->nvalues; k++)
			gc_value(g, 1 + i, 1 + k, 1, fr, k);
	}
	g->widths[0] = 6;
	for (int k = 0; k < ft->nvalues; k++)
		g->widths[1 + k] = 1.6;
}

/* Table 四 of 2019 and 2021: one row of fifteen under a three-row header. */
static void grid_remedies(const struct ftable *ft, struct grid *g)
{
	g->ncols = 15;
	g->header_rows = 3;
	gc_head(g, 0, 0, 1, 5, "行政复议");
	gc_head(g, 0, 5, 1, 10, "行政诉讼");
	for (int k = 0; k < OGI_REPORT_REMEDY_COLS; k++)
		gc_head(g, 1, k, 2, 1, ogi_report_remedy_labels[k]);
	gc_head(g, 1, 5, 1, 5, "未经复议直接起诉");
	gc_head(g, 1, 10, 1, 5, "复议后起诉");
	for (int b = 0; b < 2; b++)
		for (int k = 0; k < OGI_REPORT_REMEDY_COLS; k++)
			gc_head(g, 2, 5 + b * 5 + k, 1, 1, ogi_report_remedy_labels[k]);
	for (int k = 0; k < 15; k++) {
		struct gcell *c = gc_add(g, 3, k, 1, 1, GC_VALUE);
		c->v = ft->rows[0].v[k];
		snprintf(c->rowkey, sizeof c->rowkey, "%s",
		         ogi_report_remedy_names[k / OGI_REPORT_REMEDY_COLS]);
		g->widths[k] = 1;
	}
}

/* Section 二: the blocks one under another in four columns; a block with
 * fewer figures lets its last one span the rest, as the form does. */
static void grid_proactive(const struct ftable *fts, int n, struct grid *g)
{
	g->ncols = 4;
	g->header_rows = 0;
	int row = 0;
	for (int b = 0; b < n; b++) {
		const struct ftable *ft = &fts[b];
		struct gcell *t = gc_add(g, row++, 0, 1, 4, GC_HEAD);
		t->text = ft->item;
		t->title = true;
		gc_head(g, row, 0, 1, 1, "信息内容");
		for (int k = 0; k < ft->nvalues; k++)
			gc_head(g, row, 1 + k, 1, k + 1 == ft->nvalues ? 3 - k : 1, ft->heads[k]);
		row++;
		for (int i = 0; i < ft->nrows; i++, row++) {
			struct gcell *c = gc_add(g, row, 0, 1, 1, GC_LABEL);
			c->text = ft->rows[i].labels[0];
			snprintf(c->rowkey, sizeof c->rowkey, "%s", ft->rows[i].key);
			for (int k = 0; k < ft->nvalues; k++)
				gc_value(g, row, 1 + k, k + 1 == ft->nvalues ? 3 - k : 1,
				         &ft->rows[i], k);
		}
	}
	static const double w[] = {2.2, 1.6, 1.6, 1.6};
	memcpy(g->widths, w, sizeof w);
}

bool report_grid(const struct ogi_report *r, enum report_table t, struct grid *g)
{
	struct ftable *fts = calloc(8, sizeof *fts);
	if (fts == NULL)
		return false;
	memset(g, 0, sizeof *g);
	g->table = t;
	int n = report_ftables(r, t, fts, 8);
	if (n > 0) {
		if (t == RT_PROACTIVE)
			grid_proactive(fts, n, g);
		else if (t == RT_APPLICATIONS && !fts[0].flat)
			grid_applications_merged(&fts[0], g);
		else if (t == RT_REMEDIES && !fts[0].flat)
			grid_remedies(&fts[0], g);
		else
			grid_flat(&fts[0], g);
	}
	free(fts);
	return n > 0;
}
