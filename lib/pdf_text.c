/* The PDF renderers' text set-up (see pdf_text.h). */
#include "lib/pdf_text.h"

PangoContext *ogi_pdf_text_context(PangoFontMap **fonts)
{
	*fonts = pango_cairo_font_map_new();
	if (*fonts == NULL)
		return NULL;
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(*fonts), 72);
	PangoContext *ctx = pango_font_map_create_context(*fonts);
	cairo_font_options_t *opts = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(ctx, opts);
	cairo_font_options_destroy(opts);
	pango_context_set_language(ctx, pango_language_from_string("zh-cn"));
	return ctx;
}

PangoFontDescription *ogi_pdf_font(const char *family, PangoWeight weight, double pt)
{
	PangoFontDescription *f = pango_font_description_new();
	pango_font_description_set_family(f, family);
	pango_font_description_set_weight(f, weight);
	/* at 72 dpi a point is a unit of the page */
	pango_font_description_set_absolute_size(f, pt * PANGO_SCALE);
	return f;
}
