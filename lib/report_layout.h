/* Internal to the report renderers.  Every table is first drawn from the
 * model as flat tables (rows with their label path and values), which the
 * CSV and Markdown renderers print; the grid builders lay the same flat
 * tables out in the official merged-cell layout (row and column spans) that
 * the HTML and XLSX renderers draw.  So all outputs of one export print the
 * same numbers.  Also the document outline of each format. */
#ifndef OGI_REPORT_LAYOUT_H
#define OGI_REPORT_LAYOUT_H

#include "lib/report.h"

enum report_table { RT_PROACTIVE, RT_APPLICATIONS, RT_REMEDIES, RT_FEES, RT_COUNT };
extern const char *const report_table_names[]; /* proactive applications remedies fees */

enum item_kind { IT_END, IT_TEXT, IT_SENTENCE, IT_TABLE };
struct report_item {
	enum item_kind kind;
	int which; /* enum ogi_report_text / ogi_report_sentence / report_table */
};
struct report_section {
	const char *title;
	struct report_item items[3];
};
/* The sections of a format, in order; returns their number. */
int report_sections(enum ogi_report_format f, const struct report_section **out);
/* The Chinese numeral of the section holding table t ("二"), or "". */
const char *report_table_section(enum ogi_report_format f, enum report_table t);

/* The report's title and opening paragraph (malloc'd). */
char *report_title(const struct ogi_report *r);
char *report_intro(const struct ogi_report *r);
/* The text shown for a sentence: staff's version, else the generated one (may be NULL). */
const char *report_sentence(const struct ogi_report *r, enum ogi_report_sentence s);

enum gvalue_kind { GV_INT, GV_DECIMAL, GV_FEN };
struct fvalue {
	bool blank; /* no figure (not entered, or not applicable) */
	enum gvalue_kind kind;
	long long iv; /* GV_INT, GV_FEN */
	double dv;    /* GV_DECIMAL */
	int colidx;   /* the column within the table, as checks name it */
	bool fail;    /* a failing check names this cell */
};
/* "12", "-3", "12.5" (decimals trimmed), "1234.50" (fen as yuan), "" when blank. */
void fvalue_text(const struct fvalue *v, char *buf, size_t len);

#define FT_MAX_VALUES 15
#define FT_MAX_ROWS   32
struct frow {
	char key[40];
	const char *labels[3]; /* section, item, sub-item (merged layout) or the text (flat) */
	int level;             /* flat layout: indentation */
	struct fvalue v[FT_MAX_VALUES];
};
struct ftable {
	enum report_table table;
	const char *item; /* proactive: the block's title (第二十条第（一）项) */
	int nlabels;      /* label levels */
	bool flat;        /* one label column, indented by level */
	int nvalues;
	const char *heads[FT_MAX_VALUES]; /* value column headings, flattened */
	int nrows;
	struct frow rows[FT_MAX_ROWS];
};
/* Draws table t of r as flat tables (section 二 has one per block);
 * returns how many (0: the format has no such table). */
int report_ftables(const struct ogi_report *r, enum report_table t, struct ftable *out, int max);

enum gcell_kind { GC_HEAD, GC_LABEL, GC_VALUE };
struct gcell {
	int row, col, rowspan, colspan;
	enum gcell_kind kind;
	const char *text; /* HEAD, LABEL */
	int level;        /* LABEL of a flat table: indentation */
	struct fvalue v;  /* VALUE */
	char rowkey[40];
	bool title; /* HEAD: a block title spanning the table (section 二) */
};
#define GRID_MAX_CELLS 320
struct grid {
	enum report_table table;
	int nrows, ncols;
	int header_rows; /* the rows to repeat on every printed page */
	int ncells;
	struct gcell cells[GRID_MAX_CELLS];
	double widths[16]; /* relative column widths */
};
/* Lays table t of r out as the official form does; false when the format
 * has no such table. */
bool report_grid(const struct ogi_report *r, enum report_table t, struct grid *g);

bool report_xlsx(const struct ogi_report *r, struct ogi_buf *out, char *err, size_t errlen);

#endif
