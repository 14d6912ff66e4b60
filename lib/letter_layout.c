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

void ogi_letter_date_zh(ogi_date d, char out[OGI_LETTER_DATE_SIZE])
{
	if (d == OGI_DATE_NONE) {
		out[0] = '\0';
		return;
	}
	int y, m, day;
	ogi_date_to_ymd(d, &y, &m, &day);
	snprintf(out, OGI_LETTER_DATE_SIZE, "%d年%d月%d日", y, m, day);
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
