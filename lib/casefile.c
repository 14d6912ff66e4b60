/* The case file's entries, their names and the index as CSV (see casefile.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/buf.h"
#include "lib/casefile.h"

static struct ogi_casefile_entry *push(struct ogi_casefile *cf, enum ogi_casefile_kind kind,
                                       const char *title, ogi_date date, const char *ext)
{
	if (cf->n == cf->cap) {
		size_t cap = cf->cap ? cf->cap * 2 : 8;
		struct ogi_casefile_entry *v = realloc(cf->v, cap * sizeof *v);
		if (v == NULL)
			return NULL;
		cf->v = v;
		cf->cap = cap;
	}
	struct ogi_casefile_entry *e = &cf->v[cf->n];
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->date = date;
	e->title = strdup(title ? title : "");
	e->ext = strdup(ext ? ext : "");
	if (e->title == NULL || e->ext == NULL) {
		free(e->title);
		free(e->ext);
		return NULL;
	}
	cf->n++;
	return e;
}

struct ogi_casefile_entry *ogi_casefile_add(struct ogi_casefile *cf, enum ogi_casefile_kind kind,
                                            const char *title, ogi_date date, const char *ext,
                                            unsigned char *data, size_t len)
{
	struct ogi_casefile_entry *e = data ? push(cf, kind, title, date, ext) : NULL;
	if (e == NULL) {
		free(data);
		return NULL;
	}
	e->data = data;
	e->size = (long long)len;
	ogi_sha256_hex(data, len, e->sha256);
	e->compress = strcmp(e->ext, ".csv") == 0 || strcmp(e->ext, ".txt") == 0;
	if (strcmp(e->ext, ".pdf") == 0)
		e->pages = ogi_casefile_pdf_pages(data, len);
	return e;
}

struct ogi_casefile_entry *ogi_casefile_add_stream(struct ogi_casefile *cf,
                                                   enum ogi_casefile_kind kind, const char *title,
                                                   ogi_date date, const char *ext,
                                                   long long source_id, long long size,
                                                   const char *sha256)
{
	struct ogi_casefile_entry *e = push(cf, kind, title, date, ext);
	if (e == NULL)
		return NULL;
	e->source_id = source_id;
	e->size = size;
	snprintf(e->sha256, sizeof e->sha256, "%s", sha256 ? sha256 : "");
	/* text and the office formats of the 1990s shrink; scans, PDFs and
	   OOXML are compressed already */
	static const char *const shrink[] = {".txt", ".csv", ".doc",  ".xls",
	                                     ".wps", ".tif", ".tiff", NULL};
	for (size_t i = 0; shrink[i] != NULL; i++)
		if (strcasecmp(e->ext, shrink[i]) == 0)
			e->compress = true;
	return e;
}

void ogi_casefile_free(struct ogi_casefile *cf)
{
	for (size_t i = 0; i < cf->n; i++) {
		free(cf->v[i].title);
		free(cf->v[i].name);
		free(cf->v[i].ext);
		free(cf->v[i].data);
	}
	free(cf->v);
	memset(cf, 0, sizeof *cf);
}

/* The length of the UTF-8 sequence at s (at most n bytes), 0 when invalid;
 * its code point into *cp. */
static size_t utf8_seq(const unsigned char *s, size_t n, unsigned *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	size_t len;
	unsigned min;
	if ((s[0] & 0xE0) == 0xC0) {
		len = 2, min = 0x80, *cp = s[0] & 0x1F;
	} else if ((s[0] & 0xF0) == 0xE0) {
		len = 3, min = 0x800, *cp = s[0] & 0x0F;
	} else if ((s[0] & 0xF8) == 0xF0) {
		len = 4, min = 0x10000, *cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		*cp = (*cp << 6) | (s[i] & 0x3F);
	}
	if (*cp < min || *cp > 0x10FFFF || (*cp >= 0xD800 && *cp <= 0xDFFF))
		return 0;
	return len;
}

static bool windows_reserved(const char *s)
{
	static const char *const names[] = {"CON", "PRN", "AUX", "NUL", NULL};
	size_t stem = strcspn(s, ".");
	for (size_t i = 0; names[i] != NULL; i++)
		if (stem == 3 && strncasecmp(s, names[i], 3) == 0)
			return true;
	/* COM1–COM9, LPT1–LPT9 */
	return stem == 4 && (strncasecmp(s, "COM", 3) == 0 || strncasecmp(s, "LPT", 3) == 0) &&
	       s[3] >= '1' && s[3] <= '9';
}

char *ogi_casefile_safe_name(const char *s, char *out, size_t size, size_t room)
{
	size_t cap = size > room + 1 ? size - 1 - room : 0;
	size_t o = 0;
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t left = strlen((const char *)p);
	while (left > 0) {
		unsigned cp;
		size_t len = utf8_seq(p, left, &cp);
		const char *put;
		size_t putlen;
		char one[5];
		if (len == 0) {
			put = "_", putlen = 1, len = 1;
		} else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
			put = "", putlen = 0;
		} else if (cp < 0x80 && strchr("/\\:*?\"<>|", (int)cp) != NULL) {
			put = "_", putlen = 1;
		} else {
			memcpy(one, p, len);
			put = one, putlen = len;
		}
		if (o + putlen > cap)
			break; /* cut before a character, never inside one */
		memcpy(out + o, put, putlen);
		o += putlen;
		p += len;
		left -= len;
	}
	out[o] = '\0';
	/* no leading or trailing dots and spaces: never ".", "..", a hidden file, or a name
	   Windows cuts short */
	size_t lead = strspn(out, ". ");
	memmove(out, out + lead, o - lead + 1);
	o -= lead;
	while (o > 0 && (out[o - 1] == '.' || out[o - 1] == ' '))
		out[--o] = '\0';
	if (o == 0)
		snprintf(out, size, "%s", cap >= 6 ? "文件" : "_");
	else if (windows_reserved(out) && o + 1 <= cap) {
		memmove(out + 1, out, o + 1);
		out[0] = '_';
	}
	return out;
}

const char *ogi_casefile_ext(const char *name, const char *const ext_ok[])
{
	const char *dot = name ? strrchr(name, '.') : NULL;
	for (size_t i = 0; dot != NULL && ext_ok[i] != NULL; i++)
		if (strcasecmp(dot, ext_ok[i]) == 0)
			return dot;
	return ext_ok[0];
}

/* Where a kind goes in the index: the registration first, the papers and letters
   together in the order of their dates (as the case happened), the timeline last. */
static int rank(enum ogi_casefile_kind k)
{
	return k == OGI_CF_REGISTRATION ? 0 : k == OGI_CF_TIMELINE ? 2 : k == OGI_CF_INDEX ? 3 : 1;
}

static int entry_cmp(const void *a, const void *b)
{
	const struct ogi_casefile_entry *x = a, *y = b;
	if (rank(x->kind) != rank(y->kind))
		return rank(x->kind) < rank(y->kind) ? -1 : 1;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	/* as added: seq holds the order of addition while sorting */
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

bool ogi_casefile_number(struct ogi_casefile *cf)
{
	for (size_t i = 0; i < cf->n; i++)
		cf->v[i].seq = (int)i;
	qsort(cf->v, cf->n, sizeof *cf->v, entry_cmp);
	int seq = 0;
	for (size_t i = 0; i < cf->n; i++) {
		struct ogi_casefile_entry *e = &cf->v[i];
		e->seq = e->kind == OGI_CF_INDEX ? 0 : ++seq;
	}
	/* the 序号 as wide as the last one, at least two digits: 01 … 99, 001 … */
	int width = seq >= 100 ? (seq >= 1000 ? 4 : 3) : 2;
	for (size_t i = 0; i < cf->n; i++) {
		struct ogi_casefile_entry *e = &cf->v[i];
		char ext[24], stem[OGI_CASEFILE_NAME_MAX + 1];
		ogi_casefile_safe_name(e->ext, ext, sizeof ext, 0);
		if (e->ext[0] == '.' && ext[0] != '.')
			memmove(ext + 1, ext, strlen(ext) + 1), ext[0] = '.';
		if (e->ext[0] == '\0')
			ext[0] = '\0';
		size_t room = (size_t)width + 1 + strlen(ext);
		ogi_casefile_safe_name(e->title, stem, sizeof stem, room);
		free(e->name);
		size_t n = strlen(stem) + room + 1;
		if ((e->name = malloc(n)) == NULL)
			return false;
		snprintf(e->name, n, "%0*d-%s%s", width, e->seq, stem, ext);
	}
	return true;
}

/* One CSV field, quoted unless bare (numbers, dates), then ',' or CRLF. */
static void field(struct ogi_buf *b, const char *v, bool bare, bool last)
{
	if (bare) {
		ogi_buf_add(b, v);
	} else {
		ogi_buf_add(b, "\"");
		if (v[0] != '\0' && strchr("=+-@", v[0]) != NULL)
			ogi_buf_add(b, "'"); /* not a formula in a spreadsheet */
		for (const char *s = v; *s; s++)
			ogi_buf_add(b, *s == '"' ? "\"\"" : (char[]){*s, '\0'});
		ogi_buf_add(b, "\"");
	}
	ogi_buf_add(b, last ? "\r\n" : ",");
}

char *ogi_casefile_index_csv(const struct ogi_casefile *cf, size_t *len)
{
	struct ogi_buf b = {0};
	ogi_buf_add(&b, "\xEF\xBB\xBF");
	static const char *const head[] = {"序号",         "文件题名", "日期",  "页数",
	                                   "大小（字节）", "SHA-256",  "文件名"};
	for (size_t k = 0; k < 7; k++)
		field(&b, head[k], false, k == 6);
	for (size_t i = 0; i < cf->n; i++) {
		const struct ogi_casefile_entry *e = &cf->v[i];
		if (e->kind == OGI_CF_INDEX)
			continue;
		char seq[16], date[OGI_DATE_STRLEN] = "", pages[16] = "", size[24];
		snprintf(seq, sizeof seq, "%d", e->seq);
		if (e->date != OGI_DATE_NONE)
			ogi_date_format(e->date, date);
		if (e->pages > 0)
			snprintf(pages, sizeof pages, "%d", e->pages);
		snprintf(size, sizeof size, "%lld", e->size);
		field(&b, seq, true, false);
		field(&b, e->title, false, false);
		field(&b, date, true, false);
		field(&b, pages, true, false);
		field(&b, size, true, false);
		field(&b, e->sha256, false, false);
		field(&b, e->name ? e->name : "", false, true);
	}
	if (b.oom) {
		ogi_buf_free(&b);
		return NULL;
	}
	*len = b.len;
	return b.p;
}

void ogi_casefile_size_text(long long size, char *out, size_t outlen)
{
	if (size < 1024)
		snprintf(out, outlen, "%lld 字节", size);
	else if (size < 1024 * 1024)
		snprintf(out, outlen, "%.1f KB", (double)size / 1024);
	else
		snprintf(out, outlen, "%.1f MB", (double)size / (1024 * 1024));
}

int ogi_casefile_pdf_pages(const unsigned char *pdf, size_t len)
{
	static const char key[] = "/Type";
	int pages = 0;
	for (size_t i = 0; i + sizeof key - 1 < len; i++) {
		if (pdf[i] != '/' || memcmp(pdf + i, key, sizeof key - 1) != 0)
			continue;
		size_t j = i + sizeof key - 1;
		while (j < len && (pdf[j] == ' ' || pdf[j] == '\r' || pdf[j] == '\n'))
			j++;
		if (j + 5 <= len && memcmp(pdf + j, "/Page", 5) == 0 &&
		    (j + 5 == len || !((pdf[j + 5] >= 'A' && pdf[j + 5] <= 'Z') ||
		                       (pdf[j + 5] >= 'a' && pdf[j + 5] <= 'z'))))
			pages++;
	}
	return pages;
}
