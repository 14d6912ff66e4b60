/* Inside the register reader (lib/workbook.c, workbook_csv.c, workbook_xlsx.c): a book under
 * construction, its strings in an arena freed with the book, its sheets built from cells given
 * in any order (kept sparse, only those with something in them, until the sheet ends), the
 * limits checked as cells arrive, and the one way a read fails. */
#ifndef OGI_WORKBOOK_INT_H
#define OGI_WORKBOOK_INT_H

#include "lib/workbook.h"

struct wb_block;

/* A cell as it arrives. */
struct wb_rec {
	unsigned row, col;
	enum ogi_wb_cell_kind kind;
	bool formula;
	double number;
	const char *text; /* in the arena */
};

struct wb {
	struct ogi_wb pub;
	struct ogi_wb_sheet *sheets; /* pub.sheets */
	size_t cap_sheets;
	struct wb_block *blocks;
	const struct ogi_wb_limits *lim;
	struct ogi_wb_error *err;
	size_t cells;    /* dense cells of the sheets ended so far */
	size_t nonempty; /* cells with something in them, over all sheets */
	/* the sheet being built */
	bool in_sheet;
	struct wb_rec *recs;
	size_t nrecs, cap_recs;
	struct ogi_wb_range *merges;
	size_t nmerges, cap_merges;
};

/* Fails the read: err gets rule, the current sheet's name (when one is being built and
 * sheet is true), row (1-based, 0 for none) and the two sentences (same arguments), each
 * prefixed with the sheet and row.  Always false. */
bool wb_fail(struct wb *wb, const char *rule, size_t row, const char *zh, const char *en, ...)
    __attribute__((format(printf, 5, 6)));

/* A copy of s (n bytes) with a NUL in the arena; NULL (and err: too_large) when out of memory. */
char *wb_strndup(struct wb *wb, const char *s, size_t n);
/* n bytes in the arena. */
void *wb_alloc(struct wb *wb, size_t n);

/* Starts a sheet (the name n bytes); ends the one before must have been ended. */
bool wb_sheet_begin(struct wb *wb, const char *name, size_t n, bool hidden);
/* A cell of the sheet (0-based position): its text is copied unless it is already in the
 * arena (owned).  An empty cell without a formula is dropped. */
bool wb_cell(struct wb *wb, size_t row, size_t col, enum ogi_wb_cell_kind kind, const char *text,
             size_t len, bool owned, double number, bool formula);
bool wb_merge(struct wb *wb, const struct ogi_wb_range *r);
/* The sheet as a dense grid. */
bool wb_sheet_end(struct wb *wb);

/* The readers: fill wb with its sheets, or fail. */
bool wb_read_csv(struct wb *wb, const unsigned char *data, size_t len);
bool wb_read_xlsx(struct wb *wb, const unsigned char *data, size_t len);

/* The length of the valid UTF-8 prefix of s (n when all of it is). */
size_t wb_utf8_prefix(const unsigned char *s, size_t n);

#endif
