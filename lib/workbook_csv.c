/* The register reader's CSV (workbook.h): the bytes decoded to UTF-8 first (a byte-order mark
 * of UTF-8 or UTF-16; else UTF-8 if the whole file is; else GB18030, which holds GBK, with
 * iconv), then RFC 4180 read over the text: fields quoted or not, "" inside quotes, line ends
 * CRLF, LF or CR, quoted line ends kept in the cell; tab-separated when the first line has a
 * tab and no comma. */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "lib/workbook_int.h"

/* The 1-based line of the end of text (n bytes): line ends counted as the reader counts them. */
static size_t line_at(const unsigned char *t, size_t n)
{
	size_t line = 1;
	for (size_t i = 0; i < n; i++)
		if (t[i] == '\n' || (t[i] == '\r' && (i + 1 >= n || t[i + 1] != '\n')))
			line++;
	return line;
}

/* in (n bytes) from code into UTF-8 in *out (malloc'd, *outlen bytes); false with *bad at the
 * length of what decoded before the fault (in the output). */
static bool decode(const char *code, const unsigned char *in, size_t n, char **out, size_t *outlen,
                   size_t *bad)
{
	*out = NULL;
	*bad = 0;
	iconv_t cd = iconv_open("UTF-8", code);
	if (cd == (iconv_t)-1)
		return false;
	size_t cap = n * 2 + 16;
	char *buf = malloc(cap);
	if (buf == NULL) {
		iconv_close(cd);
		return false;
	}
	char *ip = (char *)in, *op = buf;
	size_t il = n, ol = cap - 1;
	bool ok = true;
	while (il > 0) {
		if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
			if (errno == E2BIG) { /* cannot happen with 2n, but never loop on it */
				ok = false;
				break;
			}
			ok = false; /* EILSEQ, EINVAL: a sequence invalid or cut at the end */
			break;
		}
	}
	if (ok && iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1)
		ok = false;
	iconv_close(cd);
	*outlen = (size_t)(op - buf);
	if (!ok) {
		*bad = *outlen;
		*out = buf;
		return false;
	}
	*op = '\0';
	*out = buf;
	return true;
}

static bool bad_encoding(struct wb *wb, size_t row)
{
	return wb_fail(wb, "bad_encoding", row,
	               "文字编码无法识别：既不是 UTF-8，也不是 GBK/GB18030。请在 Excel 或 WPS "
	               "中另存为“CSV UTF-8”或 .xlsx 再导入。",
	               "the text is neither UTF-8 nor GBK/GB18030: save it as \"CSV UTF-8\" or "
	               ".xlsx in Excel or WPS and import that.");
}

static bool parse(struct wb *wb, const char *t, size_t n)
{
	if (memchr(t, '\0', n) != NULL)
		return wb_fail(
		    wb, "not_a_spreadsheet",
		    line_at((const unsigned char *)t,
		            (size_t)((const char *)memchr(t, '\0', n) - t)),
		    "这不是电子表格或 CSV 文本文件（含有二进制数据）。",
		    "this is not a spreadsheet or a CSV text file (it holds binary data).");
	char delim = ',';
	size_t first = 0; /* the text has no terminator: the first line's length */
	while (first < n && t[first] != '\r' && t[first] != '\n')
		first++;
	if (memchr(t, '\t', first) != NULL && memchr(t, ',', first) == NULL)
		delim = '\t';
	char *scratch = malloc(n + 1);
	if (scratch == NULL)
		return wb_fail(wb, "too_large", 0, "文件太大，无法读入内存。",
		               "the file is too large to be read into memory.");
	size_t row = 0, col = 0, i = 0;
	bool ok = true;
	while (ok && i < n) {
		if (t[i] == '"') {
			size_t quote_row = row, k = 0; /* a line end quoted is no new row */
			i++;
			for (;;) {
				if (i >= n) {
					ok = wb_fail(
					    wb, "bad_csv", quote_row + 1,
					    "引号没有配对：从这一行开始的带引号的单元格直到文件末尾"
					    "都没有结束。",
					    "a quote is not closed: the quoted cell that starts on "
					    "this row runs to the end of the file.");
					break;
				}
				if (t[i] == '"') {
					if (i + 1 < n && t[i + 1] == '"') {
						scratch[k++] = '"';
						i += 2;
						continue;
					}
					i++;
					break;
				}
				scratch[k++] = t[i++];
			}
			if (!ok)
				break;
			/* text after the closing quote is kept, as Excel does */
			while (i < n && t[i] != delim && t[i] != '\r' && t[i] != '\n')
				scratch[k++] = t[i++];
			ok = wb_cell(wb, quote_row, col, k ? OGI_WB_CELL_TEXT : OGI_WB_CELL_EMPTY,
			             scratch, k, false, 0, false);
		} else {
			size_t start = i;
			while (i < n && t[i] != delim && t[i] != '\r' && t[i] != '\n')
				i++;
			ok = wb_cell(wb, row, col, i > start ? OGI_WB_CELL_TEXT : OGI_WB_CELL_EMPTY,
			             t + start, i - start, false, 0, false);
		}
		if (!ok || i >= n)
			break;
		if (t[i] == delim) {
			col++;
			i++;
		} else {
			i += t[i] == '\r' && i + 1 < n && t[i + 1] == '\n' ? 2 : 1;
			row++;
			col = 0;
		}
	}
	free(scratch);
	return ok;
}

bool wb_read_csv(struct wb *wb, const unsigned char *d, size_t len)
{
	char *text = NULL;
	size_t n = 0, bad = 0;
	bool ok;
	if (len >= 2 && ((d[0] == 0xFF && d[1] == 0xFE) || (d[0] == 0xFE && d[1] == 0xFF))) {
		wb->pub.encoding = "UTF-16";
		if (!decode("UTF-16", d, len, &text, &n, &bad)) {
			size_t row = text ? line_at((unsigned char *)text, bad) : 0;
			free(text);
			return bad_encoding(wb, row);
		}
	} else {
		size_t skip = len >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF ? 3 : 0;
		size_t u = skip + wb_utf8_prefix(d + skip, len - skip);
		if (u == len) {
			wb->pub.encoding = "UTF-8";
			if (!wb_sheet_begin(wb, "", 0, false))
				return false;
			return parse(wb, (const char *)d + skip, len - skip) && wb_sheet_end(wb);
		}
		/* evidence of UTF-8 before the fault (a BOM, a character beyond ASCII): the fault
		 * is told where UTF-8 broke */
		bool utf8 = skip > 0;
		for (size_t i = skip; i < u && !utf8; i++)
			utf8 = d[i] >= 0x80;
		if (utf8)
			return bad_encoding(wb, line_at(d, u));
		wb->pub.encoding = "GB18030";
		if (!decode("GB18030", d, len, &text, &n, &bad)) {
			size_t row = text ? line_at((unsigned char *)text, bad) : line_at(d, u);
			free(text);
			return bad_encoding(wb, row);
		}
	}
	ok = wb_sheet_begin(wb, "", 0, false) && parse(wb, text, n) && wb_sheet_end(wb);
	free(text);
	return ok;
}
