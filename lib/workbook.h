/* Reading a spreadsheet an office keeps its register in (issue 20): an .xlsx
 * workbook (Excel, WPS; read with libzip and expat, no conversion step) or a
 * .csv file in UTF-8 (with or without a byte-order mark) or GBK/GB18030 (what
 * Excel and WPS write for "CSV" on a Chinese system; decoded with iconv).
 * The result is every sheet as a grid of cells in UTF-8, as the office sees
 * them: a date cell as its date, a formula as the value it last showed, with
 * what a reader of the register must know about (hidden sheets, merged
 * cells, formulas).  Pure: no I/O beyond the bytes given.  Bounded: a file
 * beyond the limits below is refused with a message, never read into
 * unbounded memory (a zip bomb, a sheet claiming a million columns). */
#ifndef OGI_WORKBOOK_H
#define OGI_WORKBOOK_H

#include <stdbool.h>
#include <stddef.h>

/* Limits of what is read. */
#define OGI_WB_FILE_MAX   (64u << 20)  /* bytes of the file */
#define OGI_WB_PART_MAX   (256u << 20) /* bytes of one part of an xlsx, uncompressed */
#define OGI_WB_ROWS_MAX   200000u
#define OGI_WB_COLS_MAX   200u
#define OGI_WB_SHEETS_MAX 64u
#define OGI_WB_CELL_MAX   32767u /* bytes of one cell's text (Excel's own limit in characters) */
/* cells held in memory over all sheets, each sheet's rows * cols counted (a sheet of 100 000
 * rows of 20 columns is 2 000 000); beyond it the file is refused as too_large */
#define OGI_WB_CELLS_MAX 4000000u

enum ogi_wb_format { OGI_WB_XLSX, OGI_WB_CSV };

enum ogi_wb_cell_kind {
	OGI_WB_CELL_EMPTY,
	OGI_WB_CELL_TEXT,
	OGI_WB_CELL_NUMBER,
	OGI_WB_CELL_DATE, /* a number formatted as a date (or date and time) */
	OGI_WB_CELL_BOOL,
	OGI_WB_CELL_ERROR /* #DIV/0!, #REF!, … */
};

struct ogi_wb_cell {
	enum ogi_wb_cell_kind kind;
	/* UTF-8, never NULL ("" when empty), NUL-terminated: the text as the
	 * sheet shows it — for TEXT the string; for NUMBER the shortest decimal
	 * that reads back the same ("12.5", "3"); for DATE "YYYY-MM-DD" (with
	 * " HH:MM:SS" when it has a time of day; a time alone, a serial below 1,
	 * is "HH:MM:SS"; Excel's day 60 is its "1900-02-29"); for BOOL "TRUE"/"FALSE"; for
	 * ERROR the error ("#REF!").  In a CSV file every non-empty cell is TEXT. */
	const char *text;
	double number; /* NUMBER, DATE (the Excel serial day, 1900 system), BOOL (0/1) */
	bool formula;  /* the cell holds a formula; text/number are its cached value */
};

struct ogi_wb_range {
	unsigned row0, col0, row1, col1; /* 0-based, inclusive */
};

struct ogi_wb_sheet {
	const char *name;  /* the sheet's name ("Sheet1"; a CSV's one sheet is "") */
	bool hidden;       /* hidden or very hidden in the workbook */
	size_t rows, cols; /* the used range from A1: the last row and column with a cell */
	const struct ogi_wb_cell *cells; /* rows * cols, row-major (NULL when 0); see ogi_wb_at */
	size_t nmerges;
	const struct ogi_wb_range
	    *merges; /* merged ranges (mergeCells); the value is in the top-left cell */
};

struct ogi_wb {
	enum ogi_wb_format format;
	const char *encoding; /* CSV: "UTF-8", "GB18030" (GBK is a part of it) or "UTF-16"
	                         (with its byte-order mark, Excel's "Unicode text") as
	                         detected; XLSX: "UTF-8" */
	size_t nsheets;       /* in workbook order; at least 1 */
	const struct ogi_wb_sheet *sheets;
	size_t formulas; /* cells holding formulas, over all sheets */
};

/* Why a file could not be read, and where. */
struct ogi_wb_error {
	const char *rule; /* a code: "empty", "too_large", "not_a_spreadsheet", "bad_zip",
	                     "bad_xml", "bad_encoding", "bad_csv", "too_many_rows",
	                     "too_many_columns", "cell_too_long", "encrypted"; "too_large" is
	                     also a book beyond OGI_WB_CELLS_MAX or OGI_WB_SHEETS_MAX, "empty"
	                     a file without one non-empty cell */
	char sheet[128];  /* the sheet's name, or "" */
	size_t row;       /* 1-based, or 0 when not about a row */
	char zh[256];     /* what is wrong, in Chinese, for a clerk */
	char en[256];     /* and in English */
};

/* Reads data (len bytes).  name is the file's name (only its extension is
 * looked at, as a hint: an xlsx is recognised by its content; a name ending
 * in .xls is refused as the old binary format with a sentence saying to
 * save it as .xlsx).  NULL with err filled on any fault; the book is freed
 * with ogi_wb_free. */
struct ogi_wb *ogi_wb_read(const void *data, size_t len, const char *name,
                           struct ogi_wb_error *err);
/* The limits ogi_wb_read reads under (the OGI_WB_*_MAX above); ogi_wb_read_with takes others,
 * for a test of the refusals without files of hundreds of megabytes. */
struct ogi_wb_limits {
	size_t file, part, rows, cols, sheets, cell, cells;
};
extern const struct ogi_wb_limits ogi_wb_default_limits;
struct ogi_wb *ogi_wb_read_with(const void *data, size_t len, const char *name,
                                const struct ogi_wb_limits *limits, struct ogi_wb_error *err);
void ogi_wb_free(struct ogi_wb *book);

/* The cell at (row, col), 0-based; an empty cell for any position outside
 * the used range (never NULL). */
const struct ogi_wb_cell *ogi_wb_at(const struct ogi_wb_sheet *sheet, size_t row, size_t col);
/* The merged range covering (row, col), or NULL. */
const struct ogi_wb_range *ogi_wb_merge_at(const struct ogi_wb_sheet *sheet, size_t row,
                                           size_t col);
/* A column's letters ("A", "AB") into buf (at least 4 bytes). */
void ogi_wb_column_name(size_t col, char *buf, size_t len);

#endif
