/* A sheet (lib/sheet.h) built and printed as a PDF: cairo's PDF surface,
 * text laid out by pango (pdftotext reads it), on A4 with the letters'
 * left and right margins (lib/letter_layout.h), ruled tables whose rows
 * never split across a page and whose header repeats on each page, the
 * folio 「— 1 —」 and the footer under each page.
 *
 * Threads: like letter_pdf.c, each call makes its own PangoFontMap and
 * context, so calls from several daemon threads share no pango state. */
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/letter_layout.h"
#include "lib/pdf_text.h"
#include "lib/sheet.h"

#define FONT_FAMILY "Noto Serif CJK SC"
#define MONO_FAMILY "Noto Sans Mono CJK SC"
#define TITLE_PT    18.0 /* 小二 */
#define BODY_PT     10.5 /* 五号 */
#define CELL_PT     9.0
#define MONO_PT     6.5
#define SMALL_PT    8.0
#define TOP_MM      25.0
#define BOTTOM_MM   25.0
#define PAD_PT      3.0
#define RULE_PT     0.5

/* -- building ------------------------------------------------------------ */

static char *sheet_dup(struct ogi_sheet *s, const char *t)
{
	char *d = strdup(t != NULL ? t : "");
	if (d == NULL)
		s->oom = true;
	return d;
}

void ogi_sheet_init(struct ogi_sheet *s, const char *title, const char *subtitle,
                    const char *footer, time_t created)
{
	memset(s, 0, sizeof *s);
	s->title = sheet_dup(s, title);
	s->subtitle = sheet_dup(s, subtitle);
	s->footer = sheet_dup(s, footer);
	s->created = created;
}

void ogi_sheet_free(struct ogi_sheet *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->b[i].text);
		for (size_t k = 0; k < s->b[i].ncells; k++)
			free(s->b[i].cells[k]);
		free(s->b[i].cells);
	}
	free(s->b);
	free(s->title);
	free(s->subtitle);
	free(s->footer);
	memset(s, 0, sizeof *s);
}

static struct ogi_sheet_block *block(struct ogi_sheet *s, enum ogi_sheet_block_kind kind)
{
	if (s->oom)
		return NULL;
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 8;
		struct ogi_sheet_block *b = realloc(s->b, cap * sizeof *b);
		if (b == NULL) {
			s->oom = true;
			return NULL;
		}
		s->b = b;
		s->cap = cap;
	}
	struct ogi_sheet_block *b = &s->b[s->n++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	return b;
}

static void cell(struct ogi_sheet *s, struct ogi_sheet_block *b, const char *text)
{
	if (s->oom)
		return;
	if (b->ncells == b->cap) {
		size_t cap = b->cap ? 2 * b->cap : 16;
		char **c = realloc(b->cells, cap * sizeof *c);
		if (c == NULL) {
			s->oom = true;
			return;
		}
		b->cells = c;
		b->cap = cap;
	}
	char *d = sheet_dup(s, text);
	if (d != NULL)
		b->cells[b->ncells++] = d;
}

void ogi_sheet_heading(struct ogi_sheet *s, const char *text)
{
	struct ogi_sheet_block *b = block(s, OGI_SHEET_HEADING);
	if (b != NULL)
		b->text = sheet_dup(s, text);
}

void ogi_sheet_text(struct ogi_sheet *s, const char *text)
{
	struct ogi_sheet_block *b = block(s, OGI_SHEET_TEXT);
	if (b != NULL)
		b->text = sheet_dup(s, text);
}

void ogi_sheet_field(struct ogi_sheet *s, const char *label, const char *value)
{
	struct ogi_sheet_block *b = s->n > 0 ? &s->b[s->n - 1] : NULL;
	if (b == NULL || b->kind != OGI_SHEET_FIELDS) {
		if ((b = block(s, OGI_SHEET_FIELDS)) == NULL)
			return;
		b->ncols = 2;
		b->widths[0] = 0.25;
		b->widths[1] = 0.75;
	}
	cell(s, b, label);
	cell(s, b, value != NULL && value[0] != '\0' ? value : "—");
}

void ogi_sheet_table(struct ogi_sheet *s, size_t ncols, const double *widths, const bool *mono,
                     const char *const *header)
{
	struct ogi_sheet_block *b = block(s, OGI_SHEET_TABLE);
	if (b == NULL)
		return;
	if (ncols == 0 || ncols > OGI_SHEET_COLS_MAX) {
		s->oom = true; /* the caller's bug: fail the PDF rather than misprint it */
		return;
	}
	b->ncols = ncols;
	for (size_t k = 0; k < ncols; k++) {
		b->widths[k] = widths != NULL ? widths[k] : 1.0 / (double)ncols;
		b->mono[k] = mono != NULL && mono[k];
		cell(s, b, header[k]);
	}
}

void ogi_sheet_row(struct ogi_sheet *s, const char *const *cells)
{
	struct ogi_sheet_block *b = s->n > 0 ? &s->b[s->n - 1] : NULL;
	if (b == NULL || b->kind != OGI_SHEET_TABLE) {
		s->oom = true;
		return;
	}
	for (size_t k = 0; k < b->ncols; k++)
		cell(s, b, cells[k]);
}

/* -- printing ------------------------------------------------------------ */

struct pdf {
	const struct ogi_sheet *s;
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoFontMap *fonts;
	PangoContext *ctx;
	PangoFontDescription *title, *body, *bold, *cell, *mono, *small;
	double left, width, top, bottom, y;
	int page;
	bool fresh, failed;
};

static cairo_status_t write_buf(void *closure, const unsigned char *data, unsigned int length)
{
	struct ogi_buf *b = closure;
	ogi_buf_addn(b, data, length);
	return b->oom ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

static PangoLayout *layout_of(struct pdf *p, const char *text, const PangoFontDescription *f,
                              double width, PangoAlignment align)
{
	char *clean = ogi_letter_clean_text(text);
	if (clean == NULL) {
		p->failed = true;
		return NULL;
	}
	PangoLayout *l = pango_layout_new(p->ctx);
	pango_layout_set_font_description(l, f);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, clean, -1);
	free(clean);
	return l;
}

static double height_of(PangoLayout *l)
{
	int w, h;
	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

static void show_at(struct pdf *p, PangoLayout *l, double x, double y)
{
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
}

static void page_foot(struct pdf *p)
{
	char folio[32];
	snprintf(folio, sizeof folio, "\xE2\x80\x94\xC2\xA0%d\xC2\xA0\xE2\x80\x94", p->page);
	double y = p->bottom + OGI_LETTER_MM_PT(6);
	PangoLayout *l = layout_of(p, folio, p->small, p->width, PANGO_ALIGN_CENTER);
	if (l != NULL) {
		show_at(p, l, p->left, y);
		g_object_unref(l);
	}
	if (p->s->footer != NULL && p->s->footer[0] != '\0' &&
	    (l = layout_of(p, p->s->footer, p->small, p->width, PANGO_ALIGN_LEFT)) != NULL) {
		show_at(p, l, p->left, y + SMALL_PT * 1.6);
		g_object_unref(l);
	}
}

static void new_page(struct pdf *p)
{
	page_foot(p);
	cairo_show_page(p->cr);
	p->page++;
	p->y = p->top;
	p->fresh = true;
}

/* Room for h more points on this page, or a new page (unless this one is fresh). */
static bool need(struct pdf *p, double h)
{
	if (!p->fresh && p->y + h > p->bottom + 0.01) {
		new_page(p);
		return true;
	}
	return false;
}

/* A paragraph line by line, so a long one runs on to the next page. */
static void flow(struct pdf *p, const char *text, const PangoFontDescription *f,
                 PangoAlignment align, double after)
{
	PangoLayout *l = layout_of(p, text, f, p->width, align);
	if (l == NULL)
		return;
	PangoLayoutIter *it = pango_layout_get_iter(l);
	do {
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		double h = (double)logical.height / PANGO_SCALE;
		double baseline =
		    (double)(pango_layout_iter_get_baseline(it) - logical.y) / PANGO_SCALE;
		need(p, h);
		cairo_move_to(p->cr, p->left + (double)logical.x / PANGO_SCALE, p->y + baseline);
		pango_cairo_show_layout_line(p->cr, pango_layout_iter_get_line_readonly(it));
		p->y += h;
		p->fresh = false;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	g_object_unref(l);
	p->y += after;
}

/* One ruled row of cells; the header's in bold on a light grey. */
static void row(struct pdf *p, const struct ogi_sheet_block *b, char *const *cells, bool header)
{
	PangoLayout *ls[OGI_SHEET_COLS_MAX] = {0};
	double h = 0;
	for (size_t k = 0; k < b->ncols; k++) {
		const PangoFontDescription *f = header                                  ? p->bold
		                                : b->mono[k]                            ? p->mono
		                                : b->kind == OGI_SHEET_FIELDS && k == 0 ? p->bold
		                                                                        : p->cell;
		ls[k] = layout_of(p, cells[k], f, b->widths[k] * p->width - 2 * PAD_PT,
		                  PANGO_ALIGN_LEFT);
		if (ls[k] != NULL && height_of(ls[k]) > h)
			h = height_of(ls[k]);
	}
	h += 2 * PAD_PT;
	double x = p->left;
	for (size_t k = 0; k < b->ncols; k++) {
		double w = b->widths[k] * p->width;
		if (header || (b->kind == OGI_SHEET_FIELDS && k == 0)) {
			cairo_set_source_rgb(p->cr, 0.92, 0.92, 0.92);
			cairo_rectangle(p->cr, x, p->y, w, h);
			cairo_fill(p->cr);
			cairo_set_source_rgb(p->cr, 0, 0, 0);
		}
		cairo_rectangle(p->cr, x, p->y, w, h);
		cairo_stroke(p->cr);
		if (ls[k] != NULL) {
			show_at(p, ls[k], x + PAD_PT, p->y + PAD_PT);
			g_object_unref(ls[k]);
		}
		x += w;
	}
	p->y += h;
	p->fresh = false;
}

static double row_height(struct pdf *p, const struct ogi_sheet_block *b, char *const *cells)
{
	double h = 0;
	for (size_t k = 0; k < b->ncols; k++) {
		PangoLayout *l = layout_of(p, cells[k], b->mono[k] ? p->mono : p->cell,
		                           b->widths[k] * p->width - 2 * PAD_PT, PANGO_ALIGN_LEFT);
		if (l != NULL) {
			if (height_of(l) > h)
				h = height_of(l);
			g_object_unref(l);
		}
	}
	return h + 2 * PAD_PT;
}

static void table(struct pdf *p, const struct ogi_sheet_block *b)
{
	size_t nrows = b->ncols ? b->ncells / b->ncols : 0;
	bool has_header = b->kind == OGI_SHEET_TABLE;
	size_t first = has_header ? 1 : 0;
	if (has_header) {
		need(p, 2 * row_height(p, b, b->cells));
		row(p, b, b->cells, true);
	}
	for (size_t r = first; r < nrows; r++) {
		char *const *cells = b->cells + r * b->ncols;
		if (need(p, row_height(p, b, cells)) && has_header)
			row(p, b, b->cells, true);
		row(p, b, cells, false);
	}
	p->y += BODY_PT;
}

static void body(struct pdf *p)
{
	flow(p, p->s->title, p->title, PANGO_ALIGN_CENTER, BODY_PT * 0.6);
	if (p->s->subtitle != NULL && p->s->subtitle[0] != '\0')
		flow(p, p->s->subtitle, p->body, PANGO_ALIGN_CENTER, BODY_PT);
	for (size_t i = 0; i < p->s->n; i++) {
		const struct ogi_sheet_block *b = &p->s->b[i];
		switch (b->kind) {
		case OGI_SHEET_HEADING:
			need(p, 4 * BODY_PT); /* not the last line of a page */
			flow(p, b->text, p->bold, PANGO_ALIGN_LEFT, BODY_PT * 0.4);
			break;
		case OGI_SHEET_TEXT:
			flow(p, b->text, p->body, PANGO_ALIGN_LEFT, BODY_PT * 0.6);
			break;
		case OGI_SHEET_FIELDS:
		case OGI_SHEET_TABLE:
			table(p, b);
			break;
		}
	}
}

int ogi_sheet_pdf(const struct ogi_sheet *s, unsigned char **out, size_t *len, int *pages)
{
	if (s->oom)
		return -1;
	struct ogi_buf b = {0};
	struct pdf p = {
	    .s = s,
	    .left = OGI_LETTER_MM_PT(OGI_LETTER_LEFT_MM),
	    .width = OGI_LETTER_MM_PT(OGI_LETTER_TEXT_W_MM),
	    .top = OGI_LETTER_MM_PT(TOP_MM),
	    .bottom = OGI_LETTER_MM_PT(OGI_LETTER_PAGE_H_MM - BOTTOM_MM),
	    .page = 1,
	    .fresh = true,
	};
	p.y = p.top;
	int rc = -1;
	p.surface = cairo_pdf_surface_create_for_stream(write_buf, &b,
	                                                OGI_LETTER_MM_PT(OGI_LETTER_PAGE_W_MM),
	                                                OGI_LETTER_MM_PT(OGI_LETTER_PAGE_H_MM));
	if (cairo_surface_status(p.surface) != CAIRO_STATUS_SUCCESS)
		goto out;
	char *title = ogi_letter_clean_text(s->title);
	if (title == NULL)
		goto out;
	for (char *c = title; *c; c++)
		if (*c == '\n' || *c == '\t')
			*c = ' ';
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_TITLE, title);
	free(title);
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATOR, "ogi");
	{
		/* the time given, in Beijing time, so the same sheet gives the same file */
		time_t t = s->created + 8 * 3600;
		struct tm tm;
		gmtime_r(&t, &tm);
		char when[40];
		strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S+08:00", &tm);
		cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATE_DATE, when);
	}
	p.cr = cairo_create(p.surface);
	if ((p.ctx = ogi_pdf_text_context(&p.fonts)) == NULL)
		goto out;
	p.title = ogi_pdf_font(FONT_FAMILY, PANGO_WEIGHT_BOLD, TITLE_PT);
	p.body = ogi_pdf_font(FONT_FAMILY, PANGO_WEIGHT_NORMAL, BODY_PT);
	p.bold = ogi_pdf_font(FONT_FAMILY, PANGO_WEIGHT_BOLD, CELL_PT);
	p.cell = ogi_pdf_font(FONT_FAMILY, PANGO_WEIGHT_NORMAL, CELL_PT);
	p.mono = ogi_pdf_font(MONO_FAMILY, PANGO_WEIGHT_NORMAL, MONO_PT);
	p.small = ogi_pdf_font(FONT_FAMILY, PANGO_WEIGHT_NORMAL, SMALL_PT);
	cairo_set_source_rgb(p.cr, 0, 0, 0);
	cairo_set_line_width(p.cr, RULE_PT);
	body(&p);
	page_foot(&p);
	cairo_show_page(p.cr);
	cairo_destroy(p.cr);
	p.cr = NULL;
	cairo_surface_finish(p.surface);
	if (!p.failed && cairo_surface_status(p.surface) == CAIRO_STATUS_SUCCESS && !b.oom &&
	    b.p != NULL)
		rc = 0;
out : {
	PangoFontDescription *fonts[] = {p.title, p.body, p.bold, p.cell, p.mono, p.small};
	for (size_t i = 0; i < sizeof fonts / sizeof fonts[0]; i++)
		if (fonts[i] != NULL)
			pango_font_description_free(fonts[i]);
}
	if (p.ctx != NULL)
		g_object_unref(p.ctx);
	if (p.fonts != NULL)
		g_object_unref(p.fonts);
	if (p.cr != NULL)
		cairo_destroy(p.cr);
	cairo_surface_destroy(p.surface);
	if (rc != 0) {
		ogi_buf_free(&b);
		return -1;
	}
	*out = (unsigned char *)b.p;
	*len = b.len;
	if (pages != NULL)
		*pages = p.page;
	return 0;
}
