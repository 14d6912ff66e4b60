/* The measures of a letter's page (GB/T 9704-2012) and the text helpers the
 * three renderers (letter_html.c, letter_pdf.c, letter_docx.c) share, so the
 * HTML, the PDF and the DOCX of a letter agree line for line. */
#ifndef OGI_LETTER_LAYOUT_H
#define OGI_LETTER_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

/* A4 and the margins (GB/T 9704 5.2.1: 天头 37 mm, 订口 28 mm; the text
 * block 156 × 225 mm). */
#define OGI_LETTER_PAGE_W_MM 210.0
#define OGI_LETTER_PAGE_H_MM 297.0
#define OGI_LETTER_TOP_MM    37.0
#define OGI_LETTER_BOTTOM_MM 35.0
#define OGI_LETTER_LEFT_MM   28.0
#define OGI_LETTER_RIGHT_MM  26.0
#define OGI_LETTER_TEXT_W_MM                                                                       \
	(OGI_LETTER_PAGE_W_MM - OGI_LETTER_LEFT_MM - OGI_LETTER_RIGHT_MM) /* 156 */
#define OGI_LETTER_TEXT_H_MM                                                                       \
	(OGI_LETTER_PAGE_H_MM - OGI_LETTER_TOP_MM - OGI_LETTER_BOTTOM_MM) /* 225 */

/* 22 lines of 28 characters (5.2.2): the body in 三号 (16 pt) with a little
 * less than its width between characters (156 mm / 28 = 15.79 pt), the title
 * in 二号 (22 pt), the page number in 四号 (14 pt) 7 mm under the text block
 * (7.5), the seal about 42 mm across. */
#define OGI_LETTER_BODY_PT       16.0
#define OGI_LETTER_TITLE_PT      22.0
#define OGI_LETTER_FOLIO_PT      14.0
#define OGI_LETTER_LINES         22
#define OGI_LETTER_CHARS         28
#define OGI_LETTER_LETTER_SPACE  (-0.25) /* pt between body characters: 28 fit a line */
#define OGI_LETTER_FOLIO_GAP_MM  7.0
#define OGI_LETTER_SEAL_MM       42.0
#define OGI_LETTER_DATE_RIGHT_CH 4 /* 成文日期右空四字 (7.3.5.1) */

#define OGI_LETTER_MM_PT(mm) ((mm)*72.0 / 25.4)
/* The height of one line of the grid in points (225 mm / 22 = 28.95 pt). */
#define OGI_LETTER_PITCH_PT (OGI_LETTER_MM_PT(OGI_LETTER_TEXT_H_MM) / OGI_LETTER_LINES)

/* A copy of s fit to print: invalid UTF-8 replaced by U+FFFD, control
 * characters (C0, C1) and the non-characters U+FFFE, U+FFFF dropped but
 * for line feeds (a line break inside a paragraph) and tabs; carriage
 * returns go too (so CR LF is one break).  NULL is
 * taken as "".  Malloc'd; NULL when out of memory. */
char *ogi_letter_clean_text(const char *s);

/* The title as printed: where it runs past one line of 二号 (20 characters),
 * broken into lines the way GB/T 9704 7.3.1 asks (words kept whole, lines
 * of like length) — after the issuing body's name when the title starts with
 * it and both parts fit a line, otherwise into lines of equal length, never
 * with a closing mark at a line's start.  A title that already holds a line
 * feed is left as written.  Cleaned (ogi_letter_clean_text); malloc'd, NULL
 * when out of memory.  The three renderers break titles alike with it. */
#define OGI_LETTER_TITLE_CHARS 20
char *ogi_letter_title_lines(const char *title, const char *body);

/* The width and height of a PNG image from its header; false when png is no
 * PNG or its size is absurd (either side 0 or over 8000 pixels). */
bool ogi_letter_png_size(const unsigned char *png, size_t len, unsigned *w, unsigned *h);

#endif
