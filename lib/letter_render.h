/* Printing a letter (lib/letter.h's ogi_letter_doc) in the proportions of
 * GB/T 9704-2012 (A4; margins top 37 mm, bottom 35 mm, left 28 mm, right
 * 26 mm; title in 小标宋 二号, body in 仿宋_GB2312 三号, 22 lines of 28
 * characters) as closely as Debian's CJK fonts allow (fonts-noto-cjk: Noto
 * Serif CJK SC for the body, its Bold for the title).  Every renderer takes
 * the paragraphs as plain text: markup in them is printed literally.
 * Each returns 0 and a malloc'd result in *out / *len, or -1 (out of memory,
 * a renderer's failure). */
#ifndef OGI_LETTER_RENDER_H
#define OGI_LETTER_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/letter.h"

/* An optional seal image (PNG bytes) printed over the signer and date.  A
 * seal that is no PNG, or whose sides are not 1–8000 pixels, is left out. */
struct ogi_letter_seal {
	const unsigned char *png;
	size_t len;
};

/* True when png is a PNG the renderers print as a seal: it decodes whole
 * (cairo, in letter_pdf.c) and each side is 1–8000 pixels.  The check of a
 * seal upload, so a letter never meets a seal it cannot print. */
bool ogi_letter_seal_check(const unsigned char *png, size_t len);

/* A whole HTML document, print-ready (@page A4, the margins), UTF-8. */
int ogi_letter_html(const struct ogi_letter_doc *d, const struct ogi_letter_seal *seal, char **out,
                    size_t *len);
/* A PDF with real text (cairo + pango; pdftotext reads it). */
int ogi_letter_pdf(const struct ogi_letter_doc *d, const struct ogi_letter_seal *seal,
                   unsigned char **out, size_t *len);
/* A DOCX (OOXML package, libzip) Word and WPS open. */
int ogi_letter_docx(const struct ogi_letter_doc *d, const struct ogi_letter_seal *seal,
                    unsigned char **out, size_t *len);

#endif
