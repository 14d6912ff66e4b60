/* What the PDF renderers (letter_pdf.c, sheet_pdf.c) set up alike for their text: a Pango
 * context on cairo at 72 dpi (a point is a unit of the page), without hinting so that the same
 * text lays out the same on every machine, in simplified Chinese; and a font by family, weight
 * and size in points. */
#ifndef OGI_PDF_TEXT_H
#define OGI_PDF_TEXT_H

#include <pango/pangocairo.h>

/* A new context and, in *fonts, its font map (unref both); NULL when Pango has none. */
PangoContext *ogi_pdf_text_context(PangoFontMap **fonts);
PangoFontDescription *ogi_pdf_font(const char *family, PangoWeight weight, double pt);

#endif
