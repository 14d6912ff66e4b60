/* The register reader (workbook.h): what every format shares — the book and its arena, the
 * sheets built from cells, the limits, the refusals, and the choice of reader by content. */
#include "lib/workbook.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/workbook_int.h"

const struct ogi_wb_limits ogi_wb_default_limits = {
    .file = OGI_WB_FILE_MAX,
    .part = OGI_WB_PART_MAX,
    .rows = OGI_WB_ROWS_MAX,
    .cols = OGI_WB_COLS_MAX,
    .sheets = OGI_WB_SHEETS_MAX,
    .cell = OGI_WB_CELL_MAX,
    .cells = OGI_WB_CELLS_MAX,
};

static const struct ogi_wb_cell empty_cell = {.kind = OGI_WB_CELL_EMPTY, .text = ""};

struct wb_block {
	struct wb_block *next;
	size_t used, cap;
	max_align_t data[];
};

#define BLOCK_SIZE ((size_t)64 << 10)

size_t wb_utf8_prefix(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t k;
		uint32_t cp;
		if (c >= 0xC2 && c <= 0xDF) {
			k = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			k = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			k = 3;
			cp = c & 0x07;
		} else {
			return i;
		}
		if (n - i <= k)
			return i;
		for (size_t j = 1; j <= k; j++) {
			if ((s[i + j] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + j] & 0x3F);
		}
		if ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += k + 1;
	}
	return n;
}

/* A message cut short by its buffer does not end in part of a character. */
static void trim_utf8(char *m)
{
	size_t n = strlen(m);
	size_t ok = wb_utf8_prefix((const unsigned char *)m, n);
	m[ok] = '\0';
}

bool wb_fail(struct wb *wb, const char *rule, size_t row, const char *zh, const char *en, ...)
{
	struct ogi_wb_error *err = wb->err;
	if (err->rule != NULL)
		return false; /* the first fault is the one told */
	err->rule = rule;
	err->row = row;
	err->sheet[0] = '\0';
	const char *sheet = "";
	if (wb->pub.format == OGI_WB_XLSX && wb->in_sheet)
		sheet = wb->sheets[wb->pub.nsheets - 1].name;
	snprintf(err->sheet, sizeof err->sheet, "%s", sheet);
	trim_utf8(err->sheet);
	char zhw[256], enw[256];
	if (err->sheet[0] != '\0' && row > 0) {
		snprintf(zhw, sizeof zhw, "工作表“%s”第 %zu 行：", err->sheet, row);
		snprintf(enw, sizeof enw, "sheet \"%s\", row %zu: ", err->sheet, row);
	} else if (err->sheet[0] != '\0') {
		snprintf(zhw, sizeof zhw, "工作表“%s”：", err->sheet);
		snprintf(enw, sizeof enw, "sheet \"%s\": ", err->sheet);
	} else if (row > 0) {
		snprintf(zhw, sizeof zhw, "第 %zu 行：", row);
		snprintf(enw, sizeof enw, "row %zu: ", row);
	} else {
		zhw[0] = enw[0] = '\0';
	}
	trim_utf8(zhw);
	size_t zl = strlen(zhw), el = strlen(enw);
	va_list ap, aq;
	va_start(ap, en);
	va_copy(aq, ap);
	snprintf(err->zh, sizeof err->zh, "%s", zhw);
	snprintf(err->en, sizeof err->en, "%s", enw);
	if (zl < sizeof err->zh)
		vsnprintf(err->zh + zl, sizeof err->zh - zl, zh, aq);
	if (el < sizeof err->en)
		vsnprintf(err->en + el, sizeof err->en - el, en, ap);
	va_end(aq);
	va_end(ap);
	trim_utf8(err->zh);
	trim_utf8(err->en);
	return false;
}

static bool out_of_memory(struct wb *wb)
{
	return wb_fail(wb, "too_large", 0, "文件太大，无法读入内存。",
	               "the file is too large to be read into memory.");
}

void *wb_alloc(struct wb *wb, size_t n)
{
	n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
	struct wb_block *b = wb->blocks;
	if (b == NULL || b->cap - b->used < n) {
		size_t cap = n > BLOCK_SIZE / 4 ? n : BLOCK_SIZE;
		struct wb_block *nb = malloc(sizeof *nb + cap);
		if (nb == NULL) {
			out_of_memory(wb);
			return NULL;
		}
		nb->used = 0;
		nb->cap = cap;
		if (b != NULL && cap == n) {
			/* a big one goes behind the current block, which keeps its room */
			nb->next = b->next;
			b->next = nb;
			nb->used = n;
			return nb->data;
		}
		nb->next = b;
		wb->blocks = b = nb;
	}
	void *p = (char *)b->data + b->used;
	b->used += n;
	return p;
}

char *wb_strndup(struct wb *wb, const char *s, size_t n)
{
	char *p = wb_alloc(wb, n + 1);
	if (p == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

bool wb_sheet_begin(struct wb *wb, const char *name, size_t n, bool hidden)
{
	if (wb->pub.nsheets >= wb->lim->sheets)
		return wb_fail(wb, "too_large", 0, "工作簿的工作表超过 %zu 个。",
		               "the workbook has more than %zu sheets.", wb->lim->sheets);
	if (wb->pub.nsheets == wb->cap_sheets) {
		size_t cap = wb->cap_sheets ? wb->cap_sheets * 2 : 4;
		struct ogi_wb_sheet *s = realloc(wb->sheets, cap * sizeof *s);
		if (s == NULL)
			return out_of_memory(wb);
		wb->sheets = s;
		wb->cap_sheets = cap;
		wb->pub.sheets = s;
	}
	char *copy = wb_strndup(wb, name, n);
	if (copy == NULL)
		return false;
	struct ogi_wb_sheet *s = &wb->sheets[wb->pub.nsheets++];
	memset(s, 0, sizeof *s);
	s->name = copy;
	s->hidden = hidden;
	wb->in_sheet = true;
	wb->nrecs = 0;
	wb->nmerges = 0;
	if (wb->recs == NULL) {
		wb->cap_recs = 256;
		wb->recs = malloc(wb->cap_recs * sizeof *wb->recs);
		if (wb->recs == NULL)
			return out_of_memory(wb);
	}
	return true;
}

bool wb_cell(struct wb *wb, size_t row, size_t col, enum ogi_wb_cell_kind kind, const char *text,
             size_t len, bool owned, double number, bool formula)
{
	if (kind == OGI_WB_CELL_EMPTY && !formula)
		return true;
	if (row >= wb->lim->rows)
		return wb_fail(wb, "too_many_rows", row + 1, "超过 %zu 行。", "more than %zu rows.",
		               wb->lim->rows);
	if (col >= wb->lim->cols)
		return wb_fail(wb, "too_many_columns", row + 1, "超过 %zu 列。",
		               "more than %zu columns.", wb->lim->cols);
	if (len > wb->lim->cell) {
		char c[8];
		ogi_wb_column_name(col, c, sizeof c);
		return wb_fail(wb, "cell_too_long", row + 1, "%s 列的单元格超过 %zu 字节。",
		               "the cell in column %s is longer than %zu bytes.", c, wb->lim->cell);
	}
	if (wb->nonempty >= wb->lim->cells)
		return wb_fail(wb, "too_large", row + 1, "单元格超过 %zu 个。",
		               "more than %zu cells.", wb->lim->cells);
	if (wb->nrecs == wb->cap_recs) {
		size_t cap = wb->cap_recs * 2;
		struct wb_rec *r = realloc(wb->recs, cap * sizeof *r);
		if (r == NULL)
			return out_of_memory(wb);
		wb->recs = r;
		wb->cap_recs = cap;
	}
	const char *t = "";
	if (len > 0 || owned) {
		t = owned ? text : wb_strndup(wb, text, len);
		if (t == NULL)
			return false;
	}
	wb->recs[wb->nrecs++] = (struct wb_rec){.row = (unsigned)row,
	                                        .col = (unsigned)col,
	                                        .kind = kind,
	                                        .formula = formula,
	                                        .number = number,
	                                        .text = t};
	wb->nonempty++;
	return true;
}

bool wb_merge(struct wb *wb, const struct ogi_wb_range *r)
{
	if (wb->nmerges >= wb->lim->cells)
		return wb_fail(wb, "too_large", 0, "合并单元格超过 %zu 处。",
		               "more than %zu merged ranges.", wb->lim->cells);
	if (wb->nmerges == wb->cap_merges) {
		size_t cap = wb->cap_merges ? wb->cap_merges * 2 : 16;
		struct ogi_wb_range *m = realloc(wb->merges, cap * sizeof *m);
		if (m == NULL)
			return out_of_memory(wb);
		wb->merges = m;
		wb->cap_merges = cap;
	}
	wb->merges[wb->nmerges++] = *r;
	return true;
}

bool wb_sheet_end(struct wb *wb)
{
	struct ogi_wb_sheet *s = &wb->sheets[wb->pub.nsheets - 1];
	size_t rows = 0, cols = 0;
	for (size_t i = 0; i < wb->nrecs; i++) {
		if (wb->recs[i].row + (size_t)1 > rows)
			rows = wb->recs[i].row + (size_t)1;
		if (wb->recs[i].col + (size_t)1 > cols)
			cols = wb->recs[i].col + (size_t)1;
	}
	/* rows < 2^32 and cols < 2^32: no overflow in size_t of 64 bits; checked anyway */
	if (rows != 0 && (cols > (SIZE_MAX / rows) || rows * cols > wb->lim->cells - wb->cells))
		return wb_fail(wb, "too_large", 0, "%zu 行 %zu 列，单元格超过 %zu 个。",
		               "%zu rows by %zu columns is more than %zu cells.", rows, cols,
		               wb->lim->cells);
	struct ogi_wb_cell *cells = NULL;
	if (rows * cols > 0) {
		cells = wb_alloc(wb, rows * cols * sizeof *cells);
		if (cells == NULL)
			return false;
		for (size_t i = 0; i < rows * cols; i++)
			cells[i] = empty_cell;
		for (size_t i = 0; i < wb->nrecs; i++) {
			const struct wb_rec *r = &wb->recs[i];
			struct ogi_wb_cell *c = &cells[r->row * cols + r->col];
			if (c->formula)
				wb->pub.formulas--; /* a cell given twice: the last one counts */
			*c = (struct ogi_wb_cell){.kind = r->kind,
			                          .text = r->text,
			                          .number = r->number,
			                          .formula = r->formula};
			if (r->formula)
				wb->pub.formulas++;
		}
	}
	wb->cells += rows * cols;
	s->rows = rows;
	s->cols = cols;
	s->cells = cells;
	if (wb->nmerges > 0) {
		struct ogi_wb_range *m = wb_alloc(wb, wb->nmerges * sizeof *m);
		if (m == NULL)
			return false;
		memcpy(m, wb->merges, wb->nmerges * sizeof *m);
		s->merges = m;
		s->nmerges = wb->nmerges;
	}
	wb->nrecs = 0;
	wb->nmerges = 0;
	wb->in_sheet = false;
	return true;
}

static bool has_ext(const char *name, const char *ext)
{
	if (name == NULL)
		return false;
	size_t n = strlen(name), e = strlen(ext);
	return n >= e && strcasecmp(name + n - e, ext) == 0;
}

/* "EncryptedPackage" as a compound file's directory spells it (UTF-16LE). */
static bool names_encrypted_package(const unsigned char *d, size_t len)
{
	static const char word[] = "EncryptedPackage";
	size_t w = sizeof word - 1;
	for (size_t i = 0; i + 2 * w <= len; i++) {
		size_t j = 0;
		while (j < w && d[i + 2 * j] == (unsigned char)word[j] && d[i + 2 * j + 1] == 0)
			j++;
		if (j == w)
			return true;
	}
	return false;
}

static bool old_format(struct wb *wb)
{
	return wb_fail(
	    wb, "not_a_spreadsheet", 0,
	    "这是旧版 Excel 97-2003（.xls）或 WPS（.et）格式，请在 Excel 或 WPS 中另存为 "
	    ".xlsx 再导入。",
	    "this is the old Excel 97-2003 (.xls) or WPS (.et) format: save it as .xlsx "
	    "in Excel or WPS and import that.");
}

static void book_free(struct wb *wb)
{
	struct wb_block *b = wb->blocks;
	while (b != NULL) {
		struct wb_block *next = b->next;
		free(b);
		b = next;
	}
	free(wb->sheets);
	free(wb->recs);
	free(wb->merges);
	free(wb);
}

struct ogi_wb *ogi_wb_read_with(const void *data, size_t len, const char *name,
                                const struct ogi_wb_limits *lim, struct ogi_wb_error *err)
{
	const unsigned char *d = data;
	memset(err, 0, sizeof *err);
	struct wb *wb = calloc(1, sizeof *wb);
	if (wb == NULL) {
		err->rule = "too_large";
		snprintf(err->zh, sizeof err->zh, "内存不足，无法读入文件。");
		snprintf(err->en, sizeof err->en, "out of memory reading the file.");
		return NULL;
	}
	wb->lim = lim;
	wb->err = err;
	wb->pub.encoding = "UTF-8";
	bool ok;
	static const unsigned char ole[] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
	if (len == 0 || d == NULL) {
		ok = wb_fail(wb, "empty", 0, "文件是空的。", "the file is empty.");
	} else if (len > lim->file) {
		ok = wb_fail(wb, "too_large", 0, "文件超过 %zu MB。", "the file is over %zu MB.",
		             lim->file >> 20);
	} else if (len >= 8 && memcmp(d, ole, 8) == 0) {
		/* a compound file: an encrypted xlsx (its EncryptedPackage stream), or the old
		 * binary formats (.xls, WPS's .et) */
		if (names_encrypted_package(d, len) || has_ext(name, ".xlsx") ||
		    has_ext(name, ".xlsm"))
			ok = wb_fail(
			    wb, "encrypted", 0,
			    "文件设有打开密码（已加密），请在 Excel 或 WPS 中取消密码后另存为 "
			    ".xlsx 再导入。",
			    "the file is password-protected (encrypted): remove the password "
			    "in Excel or WPS, save it as .xlsx and import that.");
		else
			ok = old_format(wb);
	} else if (len >= 4 && d[0] == 'P' && d[1] == 'K' && d[2] == 3 && d[3] == 4) {
		wb->pub.format = OGI_WB_XLSX;
		ok = wb_read_xlsx(wb, d, len);
	} else if (has_ext(name, ".xls") || has_ext(name, ".et")) {
		ok = old_format(wb);
	} else {
		wb->pub.format = OGI_WB_CSV;
		ok = wb_read_csv(wb, d, len);
	}
	if (ok && wb->nonempty == 0)
		ok = wb_fail(wb, "empty", 0, "文件里没有任何数据。", "the file holds no data.");
	if (!ok) {
		book_free(wb);
		return NULL;
	}
	free(wb->recs);
	wb->recs = NULL;
	free(wb->merges);
	wb->merges = NULL;
	return &wb->pub;
}

struct ogi_wb *ogi_wb_read(const void *data, size_t len, const char *name, struct ogi_wb_error *err)
{
	return ogi_wb_read_with(data, len, name, &ogi_wb_default_limits, err);
}

void ogi_wb_free(struct ogi_wb *book)
{
	if (book != NULL)
		book_free((struct wb *)book);
}

const struct ogi_wb_cell *ogi_wb_at(const struct ogi_wb_sheet *sheet, size_t row, size_t col)
{
	if (sheet == NULL || row >= sheet->rows || col >= sheet->cols || sheet->cells == NULL)
		return &empty_cell;
	return &sheet->cells[row * sheet->cols + col];
}

const struct ogi_wb_range *ogi_wb_merge_at(const struct ogi_wb_sheet *sheet, size_t row, size_t col)
{
	if (sheet == NULL)
		return NULL;
	for (size_t i = 0; i < sheet->nmerges; i++) {
		const struct ogi_wb_range *r = &sheet->merges[i];
		if (row >= r->row0 && row <= r->row1 && col >= r->col0 && col <= r->col1)
			return r;
	}
	return NULL;
}

void ogi_wb_column_name(size_t col, char *buf, size_t len)
{
	char tmp[16];
	size_t n = 0;
	size_t c = col + 1;
	while (c > 0 && n < sizeof tmp) {
		c--;
		tmp[n++] = (char)('A' + c % 26);
		c /= 26;
	}
	size_t i = 0;
	while (n > 0 && i + 1 < len)
		buf[i++] = tmp[--n];
	if (len > 0)
		buf[i] = '\0';
}
