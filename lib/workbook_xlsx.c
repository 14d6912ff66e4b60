/* The register reader's xlsx (workbook.h), with libzip and expat: xl/workbook.xml (the sheets
 * in order, hidden or not, the 1904 date system), its relationships (where each sheet is), the
 * shared strings (rich text runs joined, phonetic runs left out), the styles (which cell
 * formats are dates) and each worksheet's cells and merged ranges.  Every part is read through
 * a stream: its size as the zip declares it and the bytes it really inflates to are both held
 * to the part limit; the XML may declare no DTD (so no entities). */
#include <expat.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "lib/workbook_int.h"

#define NAME_MAX_LEN 512 /* a part's name */
#define XFS_MAX      (1u << 20)
#define NUMFMTS_MAX  (1u << 16)

struct xsheet {
	char *name, *rid;
	bool hidden;
};

struct xrel {
	char *id, *target, *type;
};

struct numfmt {
	unsigned id;
	unsigned order; /* in the file: of two with one id, the last counts */
	bool date;
};

struct x {
	struct wb *wb;
	zip_t *za;
	const char *part;
	XML_Parser p;
	/* character data of the element being captured */
	char *buf;
	size_t len, cap;
	bool capture;
	/* xl/workbook.xml */
	bool date1904;
	struct xsheet *sheets;
	size_t nsheets, cap_sheets;
	/* xl/_rels/workbook.xml.rels */
	struct xrel *rels;
	size_t nrels, cap_rels;
	/* xl/sharedStrings.xml */
	const char **sst;
	size_t nsst, cap_sst;
	int in_si, in_rph;
	/* xl/styles.xml */
	unsigned *xf_fmt;
	bool *xf_date;
	size_t nxf, cap_xf;
	struct numfmt *fmts;
	size_t nfmts, cap_fmts;
	int in_cellxfs;
	/* a worksheet */
	int in_sheetdata;
	size_t row, next_col; /* the current row and the column of a cell without r */
	bool in_c, in_v, in_is, have_v, formula;
	size_t c_row, c_col, c_style;
	char c_type[12];
};

static const char *local(const char *name)
{
	const char *s = strrchr(name, '\x01');
	return s ? s + 1 : name;
}

static const char *attr(const char **atts, const char *want)
{
	for (size_t i = 0; atts[i] != NULL; i += 2)
		if (strcmp(local(atts[i]), want) == 0)
			return atts[i + 1];
	return NULL;
}

/* A handler's fault: the parse stops, err is already filled. */
static void stop(struct x *x)
{
	XML_StopParser(x->p, XML_FALSE);
}

static bool grow(struct x *x, void **p, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return true;
	size_t c = *cap ? *cap * 2 : 16;
	void *q = realloc(*p, c * size);
	if (q == NULL)
		return wb_fail(x->wb, "too_large", 0, "文件太大，无法读入内存。",
		               "the file is too large to be read into memory.");
	*p = q;
	*cap = c;
	return true;
}

static void chars(void *ud, const XML_Char *s, int n)
{
	struct x *x = ud;
	if (!x->capture || n <= 0)
		return;
	if (x->len + (size_t)n > x->wb->lim->cell) {
		wb_fail(x->wb, "cell_too_long", x->in_c ? x->c_row + 1 : 0,
		        "单元格或共享字符串超过 %zu 字节（%s）。",
		        "a cell or shared string is longer than %zu bytes (%s).", x->wb->lim->cell,
		        x->part);
		stop(x);
		return;
	}
	if (x->len + (size_t)n + 1 > x->cap) {
		size_t c = x->cap ? x->cap : 256;
		while (c < x->len + (size_t)n + 1)
			c *= 2;
		char *b = realloc(x->buf, c);
		if (b == NULL) {
			wb_fail(x->wb, "too_large", 0, "文件太大，无法读入内存。",
			        "the file is too large to be read into memory.");
			stop(x);
			return;
		}
		x->buf = b;
		x->cap = c;
	}
	memcpy(x->buf + x->len, s, (size_t)n);
	x->len += (size_t)n;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* OOXML's escapes of characters XML cannot hold, _xHHHH_ (_x000D_ a carriage return, _x005F_
 * an underscore), decoded in place (never longer). */
static void unescape(char *s, size_t *n)
{
	size_t i = 0, o = 0;
	while (i < *n) {
		if (s[i] == '_' && i + 7 <= *n && s[i + 1] == 'x' && s[i + 6] == '_') {
			int h[4] = {hexval(s[i + 2]), hexval(s[i + 3]), hexval(s[i + 4]),
			            hexval(s[i + 5])};
			if (h[0] >= 0 && h[1] >= 0 && h[2] >= 0 && h[3] >= 0) {
				unsigned cp = (unsigned)(h[0] << 12 | h[1] << 8 | h[2] << 4 | h[3]);
				if (cp != 0 && (cp < 0xD800 || cp > 0xDFFF)) {
					if (cp < 0x80) {
						s[o++] = (char)cp;
					} else if (cp < 0x800) {
						s[o++] = (char)(0xC0 | cp >> 6);
						s[o++] = (char)(0x80 | (cp & 0x3F));
					} else {
						s[o++] = (char)(0xE0 | cp >> 12);
						s[o++] = (char)(0x80 | (cp >> 6 & 0x3F));
						s[o++] = (char)(0x80 | (cp & 0x3F));
					}
					i += 7;
					continue;
				}
			}
		}
		s[o++] = s[i++];
	}
	*n = o;
}

static bool refuse_doctype(struct x *x)
{
	return wb_fail(x->wb, "bad_xml", 0, "%s 含有文档类型声明（DTD），不是 Excel 写出的文件。",
	               "%s declares a document type (DTD), which no spreadsheet program writes.",
	               x->part);
}

static void doctype(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid,
                    int internal)
{
	(void)name;
	(void)sysid;
	(void)pubid;
	(void)internal;
	struct x *x = ud;
	refuse_doctype(x);
	stop(x);
}

/* Reads the part (found case-insensitively) through the handlers; *found false when it is
 * not in the zip (then true is returned). */
static bool read_part(struct x *x, const char *name, XML_StartElementHandler start,
                      XML_EndElementHandler end, bool *found)
{
	struct wb *wb = x->wb;
	*found = false;
	zip_int64_t idx = zip_name_locate(x->za, name, ZIP_FL_NOCASE);
	if (idx < 0)
		return true;
	*found = true;
	x->part = name;
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_stat_index(x->za, (zip_uint64_t)idx, 0, &st) != 0)
		return wb_fail(wb, "bad_zip", 0, "压缩包里的 %s 无法读取。",
		               "the part %s of the zip cannot be read.", name);
	if ((st.valid & ZIP_STAT_SIZE) && st.size > wb->lim->part)
		return wb_fail(wb, "too_large", 0, "%s 解压后超过 %zu MB。",
		               "the part %s is over %zu MB uncompressed.", name,
		               wb->lim->part >> 20);
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
		return wb_fail(wb, "encrypted", 0, "文件已加密，请取消密码后另存为 .xlsx 再导入。",
		               "the file is encrypted: remove the password, save it as .xlsx and "
		               "import that.");
	zip_file_t *f = zip_fopen_index(x->za, (zip_uint64_t)idx, 0);
	if (f == NULL)
		return wb_fail(wb, "bad_zip", 0, "压缩包里的 %s 无法解压（%s）。",
		               "the part %s of the zip cannot be inflated (%s).", name,
		               zip_strerror(x->za));
	XML_Parser p = XML_ParserCreateNS(NULL, '\x01');
	if (p == NULL) {
		zip_fclose(f);
		return wb_fail(wb, "too_large", 0, "内存不足。", "out of memory.");
	}
	x->p = p;
	x->capture = false;
	x->len = 0;
	XML_SetUserData(p, x);
	XML_SetElementHandler(p, start, end);
	XML_SetCharacterDataHandler(p, chars);
	XML_SetStartDoctypeDeclHandler(p, doctype);
	char buf[65536];
	size_t total = 0;
	bool ok = true;
	for (;;) {
		zip_int64_t n = zip_fread(f, buf, sizeof buf);
		if (n < 0) {
			ok = wb_fail(wb, "bad_zip", 0, "压缩包里的 %s 已损坏（%s）。",
			             "the part %s of the zip is damaged (%s).", name,
			             zip_file_strerror(f));
			break;
		}
		total += (size_t)n;
		if (total > wb->lim->part) {
			ok = wb_fail(wb, "too_large", 0, "%s 解压后超过 %zu MB。",
			             "the part %s is over %zu MB uncompressed.", name,
			             wb->lim->part >> 20);
			break;
		}
		if (XML_Parse(p, buf, (int)n, n == 0) != XML_STATUS_OK) {
			if (wb->err->rule == NULL)
				wb_fail(wb, "bad_xml", 0, "%s 第 %lu 行的 XML 有误（%s）。",
				        "the XML of %s is broken at line %lu (%s).", name,
				        (unsigned long)XML_GetCurrentLineNumber(p),
				        XML_ErrorString(XML_GetErrorCode(p)));
			ok = false;
			break;
		}
		if (wb->err->rule != NULL) {
			ok = false;
			break;
		}
		if (n == 0)
			break;
	}
	XML_ParserFree(p);
	x->p = NULL;
	zip_fclose(f);
	return ok;
}

/* ---- xl/workbook.xml ---- */

static char *xdup(struct x *x, const char *s)
{
	return wb_strndup(x->wb, s ? s : "", s ? strlen(s) : 0);
}

static void wb_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
	struct x *x = ud;
	const char *n = local(el);
	if (strcmp(n, "workbookPr") == 0) {
		const char *v = attr(atts, "date1904");
		x->date1904 = v != NULL && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
	} else if (strcmp(n, "sheet") == 0) {
		if (x->nsheets >= x->wb->lim->sheets) {
			wb_fail(x->wb, "too_large", 0, "工作簿的工作表超过 %zu 个。",
			        "the workbook has more than %zu sheets.", x->wb->lim->sheets);
			stop(x);
			return;
		}
		if (!grow(x, (void **)&x->sheets, &x->cap_sheets, x->nsheets, sizeof *x->sheets)) {
			stop(x);
			return;
		}
		const char *state = attr(atts, "state");
		struct xsheet *s = &x->sheets[x->nsheets++];
		s->name = xdup(x, attr(atts, "name"));
		s->rid = xdup(x, attr(atts, "id"));
		s->hidden = state != NULL &&
		            (strcmp(state, "hidden") == 0 || strcmp(state, "veryHidden") == 0);
		if (s->name == NULL || s->rid == NULL)
			stop(x);
	}
}

static void no_end(void *ud, const XML_Char *el)
{
	(void)ud;
	(void)el;
}

/* ---- xl/_rels/workbook.xml.rels ---- */

static void rels_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
	struct x *x = ud;
	if (strcmp(local(el), "Relationship") != 0)
		return;
	const char *mode = attr(atts, "TargetMode");
	if (mode != NULL && strcmp(mode, "External") == 0)
		return;
	if (x->nrels >= XFS_MAX) {
		wb_fail(x->wb, "too_large", 0, "%s 的关系过多。", "%s has too many relationships.",
		        x->part);
		stop(x);
		return;
	}
	if (!grow(x, (void **)&x->rels, &x->cap_rels, x->nrels, sizeof *x->rels)) {
		stop(x);
		return;
	}
	struct xrel *r = &x->rels[x->nrels++];
	r->id = xdup(x, attr(atts, "Id"));
	r->target = xdup(x, attr(atts, "Target"));
	r->type = xdup(x, attr(atts, "Type"));
	if (r->id == NULL || r->target == NULL || r->type == NULL)
		stop(x);
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);
	return n >= t && strcmp(s + n - t, tail) == 0;
}

/* A relationship's target as the part's name in the zip: relative to xl/, or from the root
 * when it starts with a slash; "." and ".." resolved. False when it does not fit. */
static bool resolve(const char *target, char *out, size_t len)
{
	char path[NAME_MAX_LEN * 2];
	if (target[0] == '/')
		snprintf(path, sizeof path, "%s", target + 1);
	else
		snprintf(path, sizeof path, "xl/%s", target);
	size_t o = 0;
	const char *p = path;
	while (*p) {
		const char *slash = strchr(p, '/');
		size_t n = slash ? (size_t)(slash - p) : strlen(p);
		if (n == 0 || (n == 1 && p[0] == '.')) {
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
		} else {
			if (o + (o > 0) + n + 1 > len)
				return false;
			if (o > 0)
				out[o++] = '/';
			memcpy(out + o, p, n);
			o += n;
		}
		p += n + (slash != NULL);
	}
	out[o] = '\0';
	return o > 0;
}

static const struct xrel *rel_of_type(const struct x *x, const char *type)
{
	for (size_t i = 0; i < x->nrels; i++)
		if (ends_with(x->rels[i].type, type))
			return &x->rels[i];
	return NULL;
}

/* ---- xl/sharedStrings.xml ---- */

static void sst_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
	(void)atts;
	struct x *x = ud;
	const char *n = local(el);
	if (strcmp(n, "si") == 0) {
		x->in_si = 1;
		x->len = 0;
	} else if (strcmp(n, "rPh") == 0) {
		x->in_rph++;
	} else if (strcmp(n, "t") == 0 && x->in_si && x->in_rph == 0) {
		x->capture = true;
	}
}

static void sst_end(void *ud, const XML_Char *el)
{
	struct x *x = ud;
	const char *n = local(el);
	if (strcmp(n, "t") == 0) {
		x->capture = false;
	} else if (strcmp(n, "rPh") == 0) {
		if (x->in_rph > 0)
			x->in_rph--;
	} else if (strcmp(n, "si") == 0 && x->in_si) {
		x->in_si = 0;
		if (x->nsst >= x->wb->lim->cells) {
			wb_fail(x->wb, "too_large", 0, "共享字符串超过 %zu 个。",
			        "more than %zu shared strings.", x->wb->lim->cells);
			stop(x);
			return;
		}
		if (!grow(x, (void **)&x->sst, &x->cap_sst, x->nsst, sizeof *x->sst)) {
			stop(x);
			return;
		}
		unescape(x->buf, &x->len);
		const char *s = wb_strndup(x->wb, x->buf ? x->buf : "", x->len);
		if (s == NULL) {
			stop(x);
			return;
		}
		x->sst[x->nsst++] = s;
		x->len = 0;
	}
}

/* ---- xl/styles.xml ---- */

static bool builtin_date(unsigned id)
{
	/* 14–22 dates and times; 45–47 times; 27–36 and 50–58 the East Asian dates and times
	 * (in a Chinese Excel: yyyy"年"m"月"d"日", h"时"mm"分" …) */
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
	       (id >= 50 && id <= 58);
}

/* A format code with a date or time part: y, m, d, h or s outside quotes, brackets ([Red],
 * [$-804]) and escapes. */
static bool code_is_date(const char *c)
{
	for (; *c; c++) {
		switch (*c) {
		case '"':
			c++;
			while (*c && *c != '"')
				c++;
			if (!*c)
				return false;
			break;
		case '[':
			while (*c && *c != ']')
				c++;
			if (!*c)
				return false;
			break;
		case '\\':
		case '_':
		case '*':
			if (!c[1])
				return false;
			c++;
			break;
		default:
			if (strchr("yYmMdDhHsS", *c) != NULL)
				return true;
		}
	}
	return false;
}

static void styles_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
	struct x *x = ud;
	const char *n = local(el);
	if (strcmp(n, "cellXfs") == 0) {
		x->in_cellxfs++;
	} else if (strcmp(n, "xf") == 0 && x->in_cellxfs) {
		if (x->nxf >= XFS_MAX) {
			wb_fail(x->wb, "too_large", 0, "%s 的单元格格式过多。",
			        "%s has too many cell formats.", x->part);
			stop(x);
			return;
		}
		if (!grow(x, (void **)&x->xf_fmt, &x->cap_xf, x->nxf, sizeof *x->xf_fmt)) {
			stop(x);
			return;
		}
		const char *id = attr(atts, "numFmtId");
		x->xf_fmt[x->nxf++] = id ? (unsigned)strtoul(id, NULL, 10) : 0;
	} else if (strcmp(n, "numFmt") == 0) {
		if (x->nfmts >= NUMFMTS_MAX) {
			wb_fail(x->wb, "too_large", 0, "%s 的数字格式过多。",
			        "%s has too many number formats.", x->part);
			stop(x);
			return;
		}
		if (!grow(x, (void **)&x->fmts, &x->cap_fmts, x->nfmts, sizeof *x->fmts)) {
			stop(x);
			return;
		}
		const char *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
		x->fmts[x->nfmts++] = (struct numfmt){
		    .id = id ? (unsigned)strtoul(id, NULL, 10) : 0,
		    .order = (unsigned)x->nfmts,
		    .date = code != NULL && code_is_date(code),
		};
	}
}

static void styles_end(void *ud, const XML_Char *el)
{
	struct x *x = ud;
	if (strcmp(local(el), "cellXfs") == 0 && x->in_cellxfs > 0)
		x->in_cellxfs--;
}

static int fmt_cmp(const void *a, const void *b)
{
	const struct numfmt *p = a, *q = b;
	if (p->id != q->id)
		return p->id < q->id ? -1 : 1;
	return p->order < q->order ? -1 : p->order > q->order;
}

static bool styles_resolve(struct x *x)
{
	if (x->nxf == 0)
		return true;
	x->xf_date = calloc(x->nxf, sizeof *x->xf_date);
	if (x->xf_date == NULL)
		return wb_fail(x->wb, "too_large", 0, "内存不足。", "out of memory.");
	if (x->nfmts > 1)
		qsort(x->fmts, x->nfmts, sizeof *x->fmts, fmt_cmp);
	for (size_t i = 0; i < x->nxf; i++) {
		unsigned id = x->xf_fmt[i];
		bool date = builtin_date(id);
		/* a custom format of the same id overrides the built-in one: the last of the
		 * sorted run of that id */
		size_t lo = 0, hi = x->nfmts;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (x->fmts[mid].id <= id)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo > 0 && x->fmts[lo - 1].id == id)
			date = x->fmts[lo - 1].date;
		x->xf_date[i] = date;
	}
	return true;
}

/* ---- a worksheet ---- */

/* "B3" into 0-based (row, col); false when it is no reference or beyond Excel's sheet
 * (16 384 columns, 1 048 576 rows). */
static bool parse_ref(const char *s, size_t *row, size_t *col)
{
	size_t c = 0, r = 0, nl = 0, nd = 0;
	while (*s == '$')
		s++;
	for (; (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'); s++) {
		if (++nl > 3)
			return false;
		c = c * 26 + (size_t)((*s | 0x20) - 'a' + 1);
	}
	while (*s == '$')
		s++;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (++nd > 7)
			return false;
		r = r * 10 + (size_t)(*s - '0');
	}
	if (*s != '\0' || nl == 0 || nd == 0 || c > 16384 || r == 0 || r > 1048576)
		return false;
	*row = r - 1;
	*col = c - 1;
	return true;
}

static void sheet_start(void *ud, const XML_Char *el, const XML_Char **atts)
{
	struct x *x = ud;
	const char *n = local(el);
	if (strcmp(n, "sheetData") == 0) {
		x->in_sheetdata++;
		x->row = 0;
		x->next_col = 0;
		x->c_row = (size_t)-1;
	} else if (strcmp(n, "row") == 0 && x->in_sheetdata) {
		const char *r = attr(atts, "r");
		char *end;
		unsigned long v = r ? strtoul(r, &end, 10) : 0;
		if (r != NULL && (*end != '\0' || v == 0 || v > 1048576)) {
			wb_fail(x->wb, "bad_xml", 0, "%s 有错误的行号“%.20s”。",
			        "%s has a bad row number \"%.20s\".", x->part, r);
			stop(x);
			return;
		}
		/* a row without r follows the one before (the first row when none was) */
		x->row = r ? (size_t)v - 1 : (x->c_row == (size_t)-1 ? 0 : x->row + 1);
		x->c_row = x->row;
		x->next_col = 0;
	} else if (strcmp(n, "c") == 0 && x->in_sheetdata) {
		const char *r = attr(atts, "r"), *t = attr(atts, "t"), *s = attr(atts, "s");
		if (x->c_row == (size_t)-1)
			x->c_row = x->row = 0;
		if (r != NULL) {
			if (!parse_ref(r, &x->c_row, &x->c_col)) {
				wb_fail(x->wb, "bad_xml", x->row + 1,
				        "单元格引用“%.20s”有误（%s）。",
				        "the cell reference \"%.20s\" is wrong (%s).", r, x->part);
				stop(x);
				return;
			}
			x->row = x->c_row;
		} else {
			x->c_row = x->row;
			x->c_col = x->next_col;
		}
		x->next_col = x->c_col + 1;
		snprintf(x->c_type, sizeof x->c_type, "%s", t ? t : "n");
		x->c_style = s ? (size_t)strtoul(s, NULL, 10) : 0;
		x->in_c = true;
		x->have_v = x->formula = x->in_is = x->in_v = false;
		x->len = 0;
		x->in_rph = 0;
	} else if (x->in_c && strcmp(n, "v") == 0) {
		x->in_v = x->capture = x->have_v = true;
		x->len = 0;
	} else if (x->in_c && strcmp(n, "f") == 0) {
		x->formula = true;
	} else if (x->in_c && strcmp(n, "is") == 0) {
		x->in_is = x->have_v = true;
		x->len = 0;
	} else if (x->in_c && x->in_is && strcmp(n, "rPh") == 0) {
		x->in_rph++;
	} else if (x->in_c && x->in_is && x->in_rph == 0 && strcmp(n, "t") == 0) {
		x->capture = true;
	} else if (strcmp(n, "mergeCell") == 0) {
		const char *ref = attr(atts, "ref");
		char a[32], b[32];
		const char *colon = ref ? strchr(ref, ':') : NULL;
		struct ogi_wb_range m;
		size_t r0, c0, r1, c1;
		if (ref == NULL || strlen(ref) >= sizeof a)
			return;
		if (colon != NULL) {
			snprintf(a, sizeof a, "%.*s", (int)(colon - ref), ref);
			snprintf(b, sizeof b, "%s", colon + 1);
		} else {
			snprintf(a, sizeof a, "%s", ref);
			snprintf(b, sizeof b, "%s", ref);
		}
		if (!parse_ref(a, &r0, &c0) || !parse_ref(b, &r1, &c1))
			return; /* a merge that names no cells merges none */
		m.row0 = (unsigned)(r0 < r1 ? r0 : r1);
		m.row1 = (unsigned)(r0 < r1 ? r1 : r0);
		m.col0 = (unsigned)(c0 < c1 ? c0 : c1);
		m.col1 = (unsigned)(c0 < c1 ? c1 : c0);
		if (!wb_merge(x->wb, &m))
			stop(x);
	}
}

static void civil(long z, int *y, int *m, int *d)
{
	/* days since 1970-01-01 to the proleptic Gregorian date (H. Hinnant's algorithm) */
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static long days_from_civil(long y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* A serial day of the 1900 system as Excel shows it; false when it is no date Excel shows
 * (negative, after 9999-12-31). */
static bool serial_text(double v, char *out, size_t len)
{
	if (!(v >= 0 && v < 2958466.0))
		return false;
	double day = floor(v);
	long secs = lround((v - day) * 86400.0);
	long d = (long)day;
	if (secs >= 86400) {
		d++;
		secs = 0;
	}
	if (d >= 2958466)
		return false;
	char time[16];
	snprintf(time, sizeof time, "%02ld:%02ld:%02ld", secs / 3600, secs / 60 % 60, secs % 60);
	if (d == 0) {
		snprintf(out, len, "%s", time);
		return true;
	}
	int y, m, dd;
	if (d == 60) { /* Excel's 1900-02-29, which Lotus 1-2-3 believed in */
		y = 1900;
		m = 2;
		dd = 29;
	} else {
		civil(d < 60 ? d - 25568 : d - 25569, &y, &m, &dd);
	}
	if (secs == 0)
		snprintf(out, len, "%04d-%02d-%02d", y, m, dd);
	else
		snprintf(out, len, "%04d-%02d-%02d %s", y, m, dd, time);
	return true;
}

/* The shortest decimal that reads back as v ("12.5", "3", "1e+20"). */
static void number_text(double v, char *out, size_t len)
{
	if (v == 0) {
		snprintf(out, len, "0");
		return;
	}
	if (v == floor(v) && fabs(v) < 1e15) {
		snprintf(out, len, "%.0f", v);
		return;
	}
	for (int p = 1; p <= 17; p++) {
		snprintf(out, len, "%.*g", p, v);
		if (strtod(out, NULL) == v)
			return;
	}
}

static bool parse_number(const char *s, double *v)
{
	char *end;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	if (*s == '\0')
		return false;
	*v = strtod(s, &end);
	while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')
		end++;
	return *end == '\0' && isfinite(*v);
}

/* An ISO 8601 date (t="d", strict OOXML) as a serial day; false when it is not one. */
static bool iso_serial(const char *s, double *v)
{
	int y, m, d, hh = 0, mm = 0, n = 0;
	double ss = 0;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || y < 1900 || m < 1 || m > 12 ||
	    d < 1 || d > 31)
		return false;
	if (s[n] == 'T' && sscanf(s + n, "T%2d:%2d:%lf", &hh, &mm, &ss) < 2)
		return false;
	long z = days_from_civil(y, m, d);
	int cy, cm, cd;
	civil(z, &cy, &cm, &cd);
	if (cy != y || cm != m || cd != d)
		return false; /* 2023-02-30 is no day */
	long days = z + 25569;
	if (days <= 60)
		days--; /* before Excel's 1900-02-29 */
	*v = (double)days + (hh * 3600 + mm * 60 + ss) / 86400.0;
	return isfinite(*v) && *v >= 1;
}

static void sheet_cell_end(struct x *x)
{
	struct wb *wb = x->wb;
	x->in_c = x->capture = false;
	if (x->buf == NULL || !x->have_v) {
		if (!wb_cell(wb, x->c_row, x->c_col, OGI_WB_CELL_EMPTY, "", 0, false, 0,
		             x->formula))
			stop(x);
		return;
	}
	x->buf[x->len] = '\0';
	const char *t = x->c_type;
	enum ogi_wb_cell_kind kind = OGI_WB_CELL_TEXT;
	const char *text = x->buf;
	size_t len = x->len;
	bool owned = false;
	double number = 0;
	char tmp[64];
	if (strcmp(t, "s") == 0) {
		double idx;
		if (!parse_number(x->buf, &idx) || idx < 0 || idx >= (double)x->nsst ||
		    idx != floor(idx)) {
			wb_fail(wb, "bad_xml", x->c_row + 1,
			        "单元格引用了不存在的共享字符串“%.20s”。",
			        "a cell refers to a shared string \"%.20s\" that does not exist.",
			        x->buf);
			stop(x);
			return;
		}
		text = x->sst[(size_t)idx];
		len = strlen(text);
		owned = true;
	} else if (strcmp(t, "inlineStr") == 0 || strcmp(t, "str") == 0) {
		unescape(x->buf, &x->len);
		len = x->len;
	} else if (strcmp(t, "b") == 0) {
		double b;
		if (parse_number(x->buf, &b) && (b == 0 || b == 1)) {
			kind = OGI_WB_CELL_BOOL;
			number = b;
			text = b != 0 ? "TRUE" : "FALSE";
			len = strlen(text);
		}
	} else if (strcmp(t, "e") == 0) {
		kind = OGI_WB_CELL_ERROR;
	} else if (strcmp(t, "d") == 0) {
		if (iso_serial(x->buf, &number) && serial_text(number, tmp, sizeof tmp)) {
			kind = OGI_WB_CELL_DATE;
			text = tmp;
			len = strlen(tmp);
		}
	} else if (parse_number(x->buf, &number)) {
		bool date = x->c_style < x->nxf && x->xf_date != NULL && x->xf_date[x->c_style];
		double serial = x->date1904 ? number + 1462 : number;
		if (date && serial_text(serial, tmp, sizeof tmp)) {
			kind = OGI_WB_CELL_DATE;
			number = serial;
		} else {
			kind = OGI_WB_CELL_NUMBER;
			number_text(number, tmp, sizeof tmp);
		}
		text = tmp;
		len = strlen(tmp);
	} else {
		number = 0;
	}
	if (len == 0 && (kind == OGI_WB_CELL_TEXT || kind == OGI_WB_CELL_ERROR))
		kind = OGI_WB_CELL_EMPTY;
	if (!wb_cell(wb, x->c_row, x->c_col, kind, text, len, owned, number, x->formula))
		stop(x);
}

static void sheet_end(void *ud, const XML_Char *el)
{
	struct x *x = ud;
	const char *n = local(el);
	if (strcmp(n, "sheetData") == 0) {
		if (x->in_sheetdata > 0)
			x->in_sheetdata--;
	} else if (!x->in_c) {
		return;
	} else if (strcmp(n, "c") == 0) {
		sheet_cell_end(x);
	} else if (strcmp(n, "v") == 0) {
		x->in_v = x->capture = false;
	} else if (strcmp(n, "t") == 0) {
		x->capture = false;
	} else if (strcmp(n, "rPh") == 0) {
		if (x->in_rph > 0)
			x->in_rph--;
	} else if (strcmp(n, "is") == 0) {
		x->in_is = false;
	}
}

/* ---- the workbook ---- */

static bool not_a_workbook(struct wb *wb)
{
	return wb_fail(
	    wb, "not_a_spreadsheet", 0,
	    "这是一个压缩包，但不是 Excel 工作簿（.xlsx）。WPS 或 LibreOffice 的文件请另存为 "
	    ".xlsx 再导入。",
	    "this is a zip file but not an Excel workbook (.xlsx); save a WPS or "
	    "LibreOffice file as .xlsx and import that.");
}

static bool read_book(struct x *x)
{
	struct wb *wb = x->wb;
	bool found;
	if (!read_part(x, "xl/workbook.xml", wb_start, no_end, &found))
		return false;
	if (!found)
		return not_a_workbook(wb);
	if (x->nsheets == 0)
		return wb_fail(wb, "not_a_spreadsheet", 0, "工作簿里没有工作表。",
		               "the workbook has no sheets.");
	if (!read_part(x, "xl/_rels/workbook.xml.rels", rels_start, no_end, &found))
		return false;
	char name[NAME_MAX_LEN];
	const struct xrel *r = rel_of_type(x, "/styles");
	if (!resolve(r ? r->target : "styles.xml", name, sizeof name))
		snprintf(name, sizeof name, "xl/styles.xml");
	if (!read_part(x, name, styles_start, styles_end, &found) || !styles_resolve(x))
		return false;
	r = rel_of_type(x, "/sharedStrings");
	if (!resolve(r ? r->target : "sharedStrings.xml", name, sizeof name))
		snprintf(name, sizeof name, "xl/sharedStrings.xml");
	x->in_si = x->in_rph = 0;
	if (!read_part(x, name, sst_start, sst_end, &found))
		return false;
	for (size_t i = 0; i < x->nsheets; i++) {
		const struct xsheet *s = &x->sheets[i];
		const struct xrel *rel = NULL;
		for (size_t k = 0; k < x->nrels && rel == NULL; k++)
			if (strcmp(x->rels[k].id, s->rid) == 0)
				rel = &x->rels[k];
		if (!wb_sheet_begin(wb, s->name, strlen(s->name), s->hidden))
			return false;
		/* a chart sheet, a dialog sheet: a sheet without cells */
		if (rel != NULL && ends_with(rel->type, "/worksheet")) {
			if (!resolve(rel->target, name, sizeof name))
				return wb_fail(wb, "bad_zip", 0, "工作表的位置有误。",
				               "the sheet's part name is wrong.");
			x->in_sheetdata = 0;
			x->in_c = false;
			if (!read_part(x, name, sheet_start, sheet_end, &found))
				return false;
			if (!found)
				return wb_fail(wb, "bad_zip", 0, "压缩包里缺少工作表 %s。",
				               "the zip lacks the sheet's part %s.", name);
		} else if (rel == NULL && i == 0 && x->nrels == 0) {
			/* no relationships at all: the usual place of the first sheet */
			x->in_sheetdata = 0;
			x->in_c = false;
			if (!read_part(x, "xl/worksheets/sheet1.xml", sheet_start, sheet_end,
			               &found))
				return false;
		}
		if (!wb_sheet_end(wb))
			return false;
	}
	return true;
}

bool wb_read_xlsx(struct wb *wb, const unsigned char *data, size_t len)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
	if (src == NULL) {
		zip_error_fini(&ze);
		return wb_fail(wb, "too_large", 0, "内存不足。", "out of memory.");
	}
	zip_t *za = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (za == NULL) {
		zip_source_free(src);
		bool enc = zip_error_code_zip(&ze) == ZIP_ER_ENCRNOTSUPP;
		zip_error_fini(&ze);
		if (enc)
			return wb_fail(
			    wb, "encrypted", 0, "文件已加密，请取消密码后另存为 .xlsx 再导入。",
			    "the file is encrypted: remove the password, save it as .xlsx "
			    "and import that.");
		return wb_fail(
		    wb, "bad_zip", 0,
		    "文件已损坏或不完整（压缩包无法打开），请重新保存或重新下载后再导入。",
		    "the file is damaged or incomplete (the zip cannot be opened): save "
		    "or download it again.");
	}
	zip_error_fini(&ze);
	struct x x = {.wb = wb, .za = za, .part = ""};
	bool ok = read_book(&x);
	zip_discard(za);
	free(x.buf);
	free(x.sheets);
	free(x.rels);
	free(x.sst);
	free(x.xf_fmt);
	free(x.xf_date);
	free(x.fmts);
	return ok;
}
