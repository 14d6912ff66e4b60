/* The register reader (lib/workbook.c): any bytes as an xlsx or a CSV, the first byte
 * choosing the file's name (.xlsx, .csv, .xls, none).  Limits lowered (a part of 8 MB,
 * 200 000 cells) so that a zip bomb costs a fuzzing second, not a minute; the code is the
 * same.  Checked: a refusal names a rule and says why in Chinese and English, valid UTF-8;
 * what is read is within the limits, every cell's text valid UTF-8 of the length the limit
 * allows, empty exactly when the cell is, a CSV's cells text; the formulas counted are the
 * cells with formulas; merges are ranges; no book without a cell in it. */
#include <string.h>

#include "lib/workbook.h"
#include "tests/fuzz/fuzz.h"

static bool utf8_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned c = *p;
		int k = c < 0x80   ? 0
		        : c < 0xC2 ? -1
		        : c < 0xE0 ? 1
		        : c < 0xF0 ? 2
		        : c < 0xF5 ? 3
		                   : -1;
		if (k < 0)
			return false;
		p++;
		for (int j = 0; j < k; j++, p++)
			if ((*p & 0xC0) != 0x80)
				return false;
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *names[] = {"a.xlsx", "a.csv", "a.xls", NULL};
	const char *name = size > 0 ? names[data[0] & 3] : NULL;
	const uint8_t *body = size > 0 ? data + 1 : data;
	size_t len = size > 0 ? size - 1 : 0;
	void *copy = malloc(len ? len : 1); /* exact size, no terminator */
	if (copy == NULL)
		return 0;
	memcpy(copy, body, len);
	struct ogi_wb_limits lim = ogi_wb_default_limits;
	lim.part = 8u << 20;
	lim.cells = 200000;
	struct ogi_wb_error err;
	struct ogi_wb *b = ogi_wb_read_with(copy, len, name, &lim, &err);
	if (b == NULL) {
		FUZZ_CHECK(err.rule != NULL && err.rule[0] != '\0');
		FUZZ_CHECK(err.zh[0] != '\0' && err.en[0] != '\0');
		FUZZ_CHECK(memchr(err.zh, '\0', sizeof err.zh) &&
		           memchr(err.en, '\0', sizeof err.en) &&
		           memchr(err.sheet, '\0', sizeof err.sheet));
		FUZZ_CHECK(utf8_valid(err.zh) && utf8_valid(err.en) && utf8_valid(err.sheet));
		FUZZ_CHECK(err.row <= lim.rows + 1);
		free(copy);
		return 0;
	}
	FUZZ_CHECK(b->nsheets >= 1 && b->nsheets <= lim.sheets);
	FUZZ_CHECK(b->encoding != NULL);
	if (b->format == OGI_WB_CSV)
		FUZZ_CHECK(b->nsheets == 1 && strcmp(b->sheets[0].name, "") == 0);
	size_t formulas = 0, cells = 0, nonempty = 0;
	for (size_t s = 0; s < b->nsheets; s++) {
		const struct ogi_wb_sheet *sh = &b->sheets[s];
		FUZZ_CHECK(sh->name != NULL && utf8_valid(sh->name));
		FUZZ_CHECK(sh->rows <= lim.rows && sh->cols <= lim.cols);
		FUZZ_CHECK((sh->rows == 0) == (sh->cols == 0));
		FUZZ_CHECK(sh->rows == 0 || sh->cells != NULL);
		cells += sh->rows * sh->cols;
		bool last_row = sh->rows == 0, last_col = sh->rows == 0;
		for (size_t r = 0; r < sh->rows; r++)
			for (size_t c = 0; c < sh->cols; c++) {
				const struct ogi_wb_cell *x = ogi_wb_at(sh, r, c);
				FUZZ_CHECK(x->text != NULL && strlen(x->text) <= lim.cell);
				FUZZ_CHECK(utf8_valid(x->text));
				FUZZ_CHECK((x->kind == OGI_WB_CELL_EMPTY) == (x->text[0] == '\0'));
				if (b->format == OGI_WB_CSV)
					FUZZ_CHECK(x->kind == OGI_WB_CELL_EMPTY ||
					           x->kind == OGI_WB_CELL_TEXT);
				formulas += x->formula;
				bool some = x->kind != OGI_WB_CELL_EMPTY || x->formula;
				nonempty += some;
				last_row = last_row || (some && r + 1 == sh->rows);
				last_col = last_col || (some && c + 1 == sh->cols);
			}
		FUZZ_CHECK(last_row && last_col); /* the used range ends at cells */
		for (size_t m = 0; m < sh->nmerges; m++) {
			const struct ogi_wb_range *g = &sh->merges[m];
			FUZZ_CHECK(g->row0 <= g->row1 && g->col0 <= g->col1);
			FUZZ_CHECK(ogi_wb_merge_at(sh, g->row0, g->col0) != NULL);
		}
		FUZZ_CHECK(ogi_wb_at(sh, sh->rows, 0)->kind == OGI_WB_CELL_EMPTY);
	}
	FUZZ_CHECK(cells <= lim.cells);
	FUZZ_CHECK(formulas == b->formulas);
	FUZZ_CHECK(nonempty > 0);
	ogi_wb_free(b);
	free(copy);
	return 0;
}
