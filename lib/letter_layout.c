/* The text helpers of the letter renderers (see letter_layout.h). */
#include "lib/letter_layout.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The length of the valid UTF-8 sequence at s (1–4), or 0 when s starts no
 * valid sequence (a stray continuation byte, an overlong form, a surrogate,
 * a code point past U+10FFFF, a sequence cut short by the NUL). */
static size_t utf8_len(const unsigned char *s)
{
	unsigned c = s[0];
	if (c < 0x80)
		return 1;
	size_t n;
	uint32_t cp;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

char *ogi_letter_clean_text(const char *s)
{
	if (s == NULL)
		s = "";
	size_t len = strlen(s);
	/* each bad byte becomes three (U+FFFD) */
	char *out = malloc(len * 3 + 1), *o = out;
	if (out == NULL)
		return NULL;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		size_t n = utf8_len(p);
		if (n == 0) {
			memcpy(o, "\xEF\xBF\xBD", 3);
			o += 3;
			p++;
			continue;
		}
		if (n == 1 && (*p < 0x20 || *p == 0x7F) && *p != '\n' && *p != '\t') {
			p++;
			continue;
		}
		/* C1 controls (U+0080–U+009F) are as unprintable as C0 */
		if (n == 2 && p[0] == 0xC2 && p[1] < 0xA0) {
			p += 2;
			continue;
		}
		/* U+FFFE and U+FFFF are no characters (and no XML) */
		if (n == 3 && p[0] == 0xEF && p[1] == 0xBF && p[2] >= 0xBE) {
			p += 3;
			continue;
		}
		memcpy(o, p, n);
		o += n;
		p += n;
	}
	*o = '\0';
	return out;
}

/* The width of the character at p in characters of the title's 二号, its
 * length in *n: ASCII taken wide (0.7; Noto's bold capitals are about 0.65)
 * so a line never breaks where its estimate said it would fit. */
static double char_width(const char *p, size_t *n)
{
	size_t len = utf8_len((const unsigned char *)p);
	*n = len ? len : 1;
	return (unsigned char)*p < 0x80 ? 0.7 : 1;
}

static double text_width(const char *s)
{
	double w = 0;
	size_t n;
	for (; *s; s += n)
		w += char_width(s, &n);
	return w;
}

/* A closing mark (or a mark no line starts with, GB/T 15834). */
static bool closing(const char *p)
{
	static const char *const marks[] = {"，", "。", "、", "；", "：", "？", "！", "）",
	                                    "》", "」", "』", "”",  "’",  "〕", "】", ")",
	                                    ",",  ".",  ";",  ":",  "!",  "?"};
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
		if (strncmp(p, marks[i], strlen(marks[i])) == 0)
			return true;
	return false;
}

char *ogi_letter_title_lines(const char *title, const char *body)
{
	char *t = ogi_letter_clean_text(title);
	if (t == NULL || strchr(t, '\n') != NULL)
		return t;
	double w = text_width(t);
	if (w <= OGI_LETTER_TITLE_CHARS)
		return t;
	char *out = malloc(strlen(t) * 2 + 1), *o = out;
	if (out == NULL) {
		free(t);
		return NULL;
	}
	size_t bl = body != NULL ? strlen(body) : 0;
	if (bl > 0 && strncmp(t, body, bl) == 0 && t[bl] != '\0' &&
	    text_width(body) <= OGI_LETTER_TITLE_CHARS &&
	    text_width(t + bl) <= OGI_LETTER_TITLE_CHARS && !closing(t + bl)) {
		/* 「平湛区马岭街道办事处」 / 「政府信息公开申请答复书」 */
		sprintf(out, "%.*s\n%s", (int)bl, t, t + bl);
		free(t);
		return out;
	}
	/* lines of like length: as many as the title needs, each about w / lines wide */
	int lines = (int)((w + OGI_LETTER_TITLE_CHARS - 0.01) / OGI_LETTER_TITLE_CHARS);
	double each = w / lines, line = 0;
	int done = 1;
	size_t n;
	for (const char *p = t; *p; p += n) {
		double cw = char_width(p, &n);
		if (done < lines && line + cw / 2 > each && !closing(p)) {
			*o++ = '\n';
			line = 0;
			done++;
		}
		memcpy(o, p, n);
		o += n;
		line += cw;
	}
	*o = '\0';
	free(t);
	return out;
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

bool ogi_letter_png_size(const unsigned char *png, size_t len, unsigned *w, unsigned *h)
{
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
	/* the signature, then the IHDR chunk: length 13, "IHDR", width, height */
	if (png == NULL || len < 33 || memcmp(png, sig, 8) != 0 || be32(png + 8) != 13 ||
	    memcmp(png + 12, "IHDR", 4) != 0)
		return false;
	uint32_t pw = be32(png + 16), ph = be32(png + 20);
	if (pw == 0 || ph == 0 || pw > 8000 || ph > 8000)
		return false;
	*w = pw;
	*h = ph;
	return true;
}
