/* A sheet: a plain A4 document of headings, paragraphs, label–value tables
 * and ruled tables — the case file's 登记表, 卷内目录 and 办理记录 (issue 14) —
 * built with the functions below and printed as a PDF with real text
 * (cairo + pango, lib/sheet_pdf.c, on the page of lib/letter_layout.h; user
 * text goes in as text, never as markup).  Out of memory while building is
 * sticky (oom) and makes ogi_sheet_pdf fail. */
#ifndef OGI_SHEET_H
#define OGI_SHEET_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

enum ogi_sheet_block_kind {
	OGI_SHEET_HEADING, /* a bold line */
	OGI_SHEET_TEXT,    /* a paragraph, broken across pages line by line */
	OGI_SHEET_FIELDS,  /* two columns, label and value, ruled */
	OGI_SHEET_TABLE    /* a ruled table; its first row is the header, repeated on each page */
};

#define OGI_SHEET_COLS_MAX 8

struct ogi_sheet_block {
	enum ogi_sheet_block_kind kind;
	char *text;
	size_t ncols;
	double widths[OGI_SHEET_COLS_MAX]; /* shares of the text width */
	bool mono[OGI_SHEET_COLS_MAX];     /* a column of digests: small monospace */
	char **cells;                      /* row-major, ncols a row */
	size_t ncells, cap;
};

struct ogi_sheet {
	char *title, *subtitle, *footer; /* footer: small print at each page's foot */
	struct ogi_sheet_block *b;
	size_t n, cap;
	time_t created; /* the PDF's creation date: the same sheet gives the same file */
	bool oom;
};

void ogi_sheet_init(struct ogi_sheet *s, const char *title, const char *subtitle,
                    const char *footer, time_t created);
void ogi_sheet_free(struct ogi_sheet *s);
void ogi_sheet_heading(struct ogi_sheet *s, const char *text);
void ogi_sheet_text(struct ogi_sheet *s, const char *text);
/* A row of label and value; consecutive ones make one table.  A NULL or
 * empty value prints as 「—」. */
void ogi_sheet_field(struct ogi_sheet *s, const char *label, const char *value);
/* A table of ncols columns (at most OGI_SHEET_COLS_MAX) of the given
 * widths (shares; NULL: equal), mono the columns printed small in
 * monospace (NULL: none), header the first row (ncols strings). */
void ogi_sheet_table(struct ogi_sheet *s, size_t ncols, const double *widths, const bool *mono,
                     const char *const *header);
/* A row of the last table (ncols strings, NULL for empty). */
void ogi_sheet_row(struct ogi_sheet *s, const char *const *cells);

/* The sheet as a PDF: malloc'd bytes into *out / *len and the page count
 * into *pages (may be NULL); 0, or -1 (out of memory, cairo's failure). */
int ogi_sheet_pdf(const struct ogi_sheet *s, unsigned char **out, size_t *len, int *pages);

#endif
