/* A letter as a PDF (cairo's PDF surface, text laid out by pango, so the
 * text is real text pdftotext reads): the page of GB/T 9704 (letter_layout.h)
 * with every line on the grid of 22 lines, paragraphs broken across pages
 * line by line, 「— 1 —」 under each page, the seal pressed on the signer and
 * date.  User text goes in with pango_layout_set_text, never as markup.
 *
 * Threads: each call makes its own PangoFontMap and context and frees them
 * at the end, so calls from several daemon threads share no pango state
 * (fontconfig and cairo's font cache are thread-safe themselves). */
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/letter_layout.h"
#include "lib/letter_render.h"
#include "lib/pdf_text.h"

#define FONT_FAMILY "Noto Serif CJK SC"

struct pdf {
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoFontMap *fonts;
	PangoContext *ctx;
	PangoFontDescription *body, *title, *folio;
	double left, top, width, bottom, pitch; /* points */
	double y;                               /* the top of the next line */
	int page;                               /* the page being drawn, from 1 */
	bool fresh;                             /* nothing drawn on this page yet */
	bool failed;                            /* out of memory on the way */
};

static cairo_status_t write_buf(void *closure, const unsigned char *data, unsigned int length)
{
	struct ogi_buf *b = closure;
	ogi_buf_addn(b, data, length);
	return b->oom ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

struct png_reader {
	const unsigned char *p;
	size_t left;
};

static cairo_status_t read_png(void *closure, unsigned char *data, unsigned int length)
{
	struct png_reader *r = closure;
	if (length > r->left)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, r->p, length);
	r->p += length;
	r->left -= length;
	return CAIRO_STATUS_SUCCESS;
}

/* A layout of text (cleaned; NULL when out of memory) in font, width points
 * wide, its first line indented by indent points. */
static PangoLayout *layout_of(struct pdf *p, const char *text, const PangoFontDescription *font,
                              double width, PangoAlignment align, double indent, bool spaced)
{
	char *clean = ogi_letter_clean_text(text);
	if (clean == NULL) {
		p->failed = true;
		return NULL;
	}
	PangoLayout *l = pango_layout_new(p->ctx);
	pango_layout_set_font_description(l, font);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align);
	pango_layout_set_indent(l, (int)(indent * PANGO_SCALE));
	if (spaced) {
		PangoAttrList *attrs = pango_attr_list_new();
		pango_attr_list_insert(attrs, pango_attr_letter_spacing_new(
		                                  (int)(OGI_LETTER_LETTER_SPACE * PANGO_SCALE)));
		pango_layout_set_attributes(l, attrs);
		pango_attr_list_unref(attrs);
	}
	pango_layout_set_text(l, clean, -1);
	free(clean);
	return l;
}

static void show_folio(struct pdf *p)
{
	char folio[32];
	snprintf(folio, sizeof folio, "\xE2\x80\x94\xC2\xA0%d\xC2\xA0\xE2\x80\x94", p->page);
	PangoLayout *l = layout_of(p, folio, p->folio, p->width, PANGO_ALIGN_CENTER, 0, false);
	if (l == NULL)
		return;
	cairo_move_to(p->cr, p->left, p->bottom + OGI_LETTER_MM_PT(OGI_LETTER_FOLIO_GAP_MM));
	pango_cairo_show_layout(p->cr, l);
	g_object_unref(l);
}

static void new_page(struct pdf *p)
{
	show_folio(p);
	cairo_show_page(p->cr);
	p->page++;
	p->y = p->top;
	p->fresh = true;
}

/* Room for n more lines on this page, or a new page. */
static void need_lines(struct pdf *p, int n)
{
	if (!p->fresh && p->y + n * p->pitch > p->bottom + 0.01)
		new_page(p);
}

static void skip_line(struct pdf *p)
{
	/* a blank line at the top of a page is left out */
	if (p->fresh)
		return;
	if (p->y + p->pitch > p->bottom + 0.01)
		new_page(p);
	else
		p->y += p->pitch;
}

/* Draws l line by line from x, each line centred in a line of the grid,
 * starting a new page where this one is full. */
static void flow(struct pdf *p, PangoLayout *l, double x)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	do {
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		double baseline =
		    (double)(pango_layout_iter_get_baseline(it) - logical.y) / PANGO_SCALE;
		double height = (double)logical.height / PANGO_SCALE;
		need_lines(p, 1);
		cairo_move_to(p->cr, x + (double)logical.x / PANGO_SCALE,
		              p->y + (p->pitch - height) / 2 + baseline);
		pango_cairo_show_layout_line(p->cr, line);
		p->y += p->pitch;
		p->fresh = false;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

/* A paragraph: its first line indented by indent, each line feed in it a
 * break that starts the next line at the margin. */
static void paragraph(struct pdf *p, const char *text, const PangoFontDescription *font,
                      PangoAlignment align, double indent, double margin)
{
	char *copy = strdup(text != NULL ? text : "");
	if (copy == NULL) {
		p->failed = true;
		return;
	}
	char *s = copy;
	for (bool first = true;; first = false) {
		char *nl = strchr(s, '\n');
		if (nl != NULL)
			*nl = '\0';
		PangoLayout *l = layout_of(p, s, font, p->width - margin, align, first ? indent : 0,
		                           font != p->title);
		if (l != NULL) {
			flow(p, l, p->left + margin);
			g_object_unref(l);
		}
		if (nl == NULL)
			break;
		s = nl + 1;
	}
	free(copy);
}

/* A title broken into its lines (ogi_letter_title_lines), centred. */
static void title(struct pdf *p, const char *text, const char *body)
{
	char *t = ogi_letter_title_lines(text, body);
	if (t == NULL) {
		p->failed = true;
		return;
	}
	paragraph(p, t, p->title, PANGO_ALIGN_CENTER, 0, 0);
	free(t);
}

static double char_w(void)
{
	return OGI_LETTER_BODY_PT + OGI_LETTER_LETTER_SPACE;
}

static void attachments(struct pdf *p, const struct ogi_letter_doc *d)
{
	size_t n = d->nattach < 8 ? d->nattach : 8;
	if (n == 0)
		return;
	skip_line(p);
	for (size_t i = 0; i < n; i++) {
		/* 「附件：」 two characters in, the names (and their second lines)
		   aligned after it */
		struct ogi_buf line = {0};
		if (i == 0)
			ogi_buf_add(&line, "附件：");
		if (n > 1)
			ogi_buf_printf(&line, "%zu.", i + 1);
		ogi_buf_add(&line, d->attach[i] != NULL ? d->attach[i] : "");
		if (line.oom) {
			p->failed = true;
			ogi_buf_free(&line);
			return;
		}
		/* a negative indent hangs: the first line at the margin, the others 3 in */
		double margin = (i == 0 ? 2 : 5) * char_w();
		PangoLayout *l = layout_of(p, line.p, p->body, p->width - margin, PANGO_ALIGN_LEFT,
		                           i == 0 ? -3 * char_w() : 0, true);
		ogi_buf_free(&line);
		if (l == NULL)
			return;
		flow(p, l, p->left + margin);
		g_object_unref(l);
	}
}

static cairo_surface_t *seal_surface(const struct ogi_letter_seal *seal)
{
	unsigned w, h;
	if (seal == NULL || !ogi_letter_png_size(seal->png, seal->len, &w, &h))
		return NULL;
	struct png_reader r = {seal->png, seal->len};
	cairo_surface_t *s = cairo_image_surface_create_from_png_stream(read_png, &r);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS ||
	    cairo_image_surface_get_width(s) <= 0) {
		cairo_surface_destroy(s);
		return NULL;
	}
	return s;
}

bool ogi_letter_seal_check(const unsigned char *png, size_t len)
{
	struct ogi_letter_seal seal = {png, len};
	cairo_surface_t *s = seal_surface(&seal);
	if (s == NULL)
		return false;
	cairo_surface_destroy(s);
	return true;
}

/* The signer centred over the date, the date four characters from the
 * right margin (both kept on one page), and the seal over them with the two
 * lines a little under its centre (GB/T 9704 7.3.5.1). */
static void signature(struct pdf *p, const struct ogi_letter_doc *d, cairo_surface_t *seal)
{
	char date[OGI_DATE_ZH_SIZE];
	ogi_date_zh(d->date, date);
	if (d->signer[0] == '\0' && date[0] == '\0')
		return;
	PangoLayout *ls = d->signer[0] != '\0' ? layout_of(p, d->signer, p->body, p->width,
	                                                   PANGO_ALIGN_LEFT, 0, true)
	                                       : NULL;
	PangoLayout *ld = date[0] != '\0'
	                      ? layout_of(p, date, p->body, p->width, PANGO_ALIGN_LEFT, 0, true)
	                      : NULL;
	int ws = 0, wd = 0, lines = 0;
	if (ls != NULL) {
		pango_layout_get_size(ls, &ws, NULL);
		lines += pango_layout_get_line_count(ls);
	}
	if (ld != NULL) {
		pango_layout_get_size(ld, &wd, NULL);
		lines += pango_layout_get_line_count(ld);
	}
	double sw = (double)ws / PANGO_SCALE, dw = (double)wd / PANGO_SCALE;
	/* the centre of the block: the date's, unless the signer would then run
	   past the right margin */
	double centre = p->width - OGI_LETTER_DATE_RIGHT_CH * char_w() - dw / 2;
	if (centre + sw / 2 > p->width)
		centre = p->width - sw / 2;
	if (centre - sw / 2 < 0)
		centre = sw / 2;

	int blank = seal != NULL ? 2 : 1;
	need_lines(p, blank + lines);
	for (int i = 0; i < blank; i++)
		skip_line(p);
	double top = p->y;
	if (ls != NULL) {
		/* a signer too long for a line is centred on the whole width */
		if (pango_layout_get_line_count(ls) > 1) {
			pango_layout_set_alignment(ls, PANGO_ALIGN_CENTER);
			flow(p, ls, p->left);
		} else {
			flow(p, ls, p->left + centre - sw / 2);
		}
		g_object_unref(ls);
	}
	if (ld != NULL) {
		flow(p, ld, p->left + centre - dw / 2);
		g_object_unref(ld);
	}
	if (seal != NULL) {
		double iw = cairo_image_surface_get_width(seal);
		double ih = cairo_image_surface_get_height(seal);
		double scale = OGI_LETTER_MM_PT(OGI_LETTER_SEAL_MM) / iw;
		double cx = p->left + centre, cy = top + 0.6 * p->pitch;
		cairo_save(p->cr);
		cairo_translate(p->cr, cx - iw * scale / 2, cy - ih * scale / 2);
		cairo_scale(p->cr, scale, scale);
		cairo_set_source_surface(p->cr, seal, 0, 0);
		cairo_set_operator(p->cr, CAIRO_OPERATOR_MULTIPLY);
		cairo_paint(p->cr);
		cairo_restore(p->cr);
	}
}

static void body_part(struct pdf *p, const struct ogi_letter_doc *d, cairo_surface_t *seal)
{
	if (d->title[0] != '\0')
		title(p, d->title, d->signer);
	if (d->ref[0] != '\0')
		paragraph(p, d->ref, p->body, PANGO_ALIGN_RIGHT, 0, 0);
	if (d->title[0] != '\0' || d->ref[0] != '\0')
		skip_line(p);
	if (d->addressee[0] != '\0') {
		size_t n = strlen(d->addressee);
		char *to = malloc(n + sizeof "：");
		if (to == NULL) {
			p->failed = true;
			return;
		}
		memcpy(to, d->addressee, n);
		memcpy(to + n, "：", sizeof "：");
		paragraph(p, to, p->body, PANGO_ALIGN_LEFT, 0, 0);
		free(to);
	}
	size_t np = d->npara < OGI_LETTER_PARAGRAPHS_MAX ? d->npara : OGI_LETTER_PARAGRAPHS_MAX;
	for (size_t i = 0; i < np; i++)
		paragraph(p, d->para[i], p->body, PANGO_ALIGN_LEFT, 2 * char_w(), 0);
	attachments(p, d);
	signature(p, d, seal);
}

static void second_part(struct pdf *p, const struct ogi_letter_doc *d)
{
	size_t np = d->npara2 < OGI_LETTER_PARAGRAPHS_MAX ? d->npara2 : OGI_LETTER_PARAGRAPHS_MAX;
	if (np == 0)
		return;
	if (!p->fresh)
		new_page(p);
	if (d->title2[0] != '\0') {
		title(p, d->title2, d->signer);
		skip_line(p);
	}
	/* a form: its lines start at the margin */
	for (size_t i = 0; i < np; i++)
		paragraph(p, d->para2[i], p->body, PANGO_ALIGN_LEFT, 0, 0);
}

int ogi_letter_pdf(const struct ogi_letter_doc *d, const struct ogi_letter_seal *seal,
                   unsigned char **out, size_t *len)
{
	struct ogi_buf b = {0};
	struct pdf p = {
	    .left = OGI_LETTER_MM_PT(OGI_LETTER_LEFT_MM),
	    .top = OGI_LETTER_MM_PT(OGI_LETTER_TOP_MM),
	    .width = OGI_LETTER_MM_PT(OGI_LETTER_TEXT_W_MM),
	    .bottom = OGI_LETTER_MM_PT(OGI_LETTER_TOP_MM + OGI_LETTER_TEXT_H_MM),
	    .pitch = OGI_LETTER_PITCH_PT,
	    .page = 1,
	    .fresh = true,
	};
	p.y = p.top;
	int rc = -1;
	cairo_surface_t *seal_img = seal_surface(seal);

	p.surface = cairo_pdf_surface_create_for_stream(write_buf, &b,
	                                                OGI_LETTER_MM_PT(OGI_LETTER_PAGE_W_MM),
	                                                OGI_LETTER_MM_PT(OGI_LETTER_PAGE_H_MM));
	if (cairo_surface_status(p.surface) != CAIRO_STATUS_SUCCESS)
		goto out;
	char *title = ogi_letter_clean_text(d->title);
	if (title == NULL)
		goto out;
	for (char *c = title; *c; c++)
		if (*c == '\n' || *c == '\t')
			*c = ' ';
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_TITLE, title);
	free(title);
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATOR, "ogi");
	if (d->date != OGI_DATE_NONE) {
		/* the letter's date, so the same letter gives the same file */
		char iso[OGI_DATE_STRLEN], when[OGI_DATE_STRLEN + 16];
		snprintf(when, sizeof when, "%sT00:00:00+08:00", ogi_date_format(d->date, iso));
		cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATE_DATE, when);
	}
	p.cr = cairo_create(p.surface);
	if ((p.ctx = ogi_pdf_text_context(&p.fonts)) == NULL)
		goto out;
	p.body = ogi_pdf_font(FONT_FAMILY, PANGO_WEIGHT_NORMAL, OGI_LETTER_BODY_PT);
	p.title = ogi_pdf_font(FONT_FAMILY, PANGO_WEIGHT_BOLD, OGI_LETTER_TITLE_PT);
	p.folio = ogi_pdf_font(FONT_FAMILY, PANGO_WEIGHT_NORMAL, OGI_LETTER_FOLIO_PT);

	cairo_set_source_rgb(p.cr, 0, 0, 0);
	body_part(&p, d, seal_img);
	second_part(&p, d);
	show_folio(&p);
	cairo_show_page(p.cr);
	cairo_destroy(p.cr);
	p.cr = NULL;
	cairo_surface_finish(p.surface);
	if (!p.failed && cairo_surface_status(p.surface) == CAIRO_STATUS_SUCCESS && !b.oom &&
	    b.p != NULL)
		rc = 0;

out:
	if (p.body != NULL)
		pango_font_description_free(p.body);
	if (p.title != NULL)
		pango_font_description_free(p.title);
	if (p.folio != NULL)
		pango_font_description_free(p.folio);
	if (p.ctx != NULL)
		g_object_unref(p.ctx);
	if (p.fonts != NULL)
		g_object_unref(p.fonts);
	if (p.cr != NULL)
		cairo_destroy(p.cr);
	cairo_surface_destroy(p.surface);
	if (seal_img != NULL)
		cairo_surface_destroy(seal_img);
	if (rc != 0) {
		ogi_buf_free(&b);
		return -1;
	}
	*out = (unsigned char *)b.p;
	*len = b.len;
	return 0;
}
