/* Masking of personal numbers (see mask.h). */
#include "lib/mask.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "lib/domain.h"

/* The length in characters of s, a UTF-8 lead byte or a stray byte each one. */
static size_t chars(const char *s)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		n += (*p & 0xC0) != 0x80;
	return n;
}

void ogi_mask_middle(const char *s, size_t head, size_t tail, char *out, size_t outlen)
{
	if (outlen == 0)
		return;
	if (s == NULL)
		s = "";
	size_t n = chars(s);
	if (n <= head + tail + 1) {
		/* too short to keep a head and a tail and hide anything between them */
		head = 0;
		tail = n / 4 < tail ? n / 4 : tail;
	}
	size_t o = 0, i = 0; /* i: the character index of the byte read */
	for (const unsigned char *p = (const unsigned char *)s; *p && o + 1 < outlen; p++) {
		bool lead = (*p & 0xC0) != 0x80;
		size_t at = lead ? i++ : i - 1;
		bool keep = at < head || at >= n - tail;
		if (keep)
			out[o++] = (char)*p;
		else if (lead)
			out[o++] = '*';
	}
	/* a kept character cut short by the room: drop its part */
	while (o > 0 && ((unsigned char)out[o - 1] & 0x80) != 0) {
		size_t start = o - 1;
		while (start > 0 && ((unsigned char)out[start] & 0xC0) == 0x80)
			start--;
		unsigned char lead = (unsigned char)out[start];
		size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
		if (o - start >= want)
			break;
		o = start;
	}
	out[o] = '\0';
}

void ogi_mask_id_number(int id_type, const char *s, char *out, size_t outlen)
{
	if (id_type == OGI_ID_RESIDENT_ID_CARD)
		ogi_mask_middle(s, 6, 4, out, outlen);
	else
		ogi_mask_middle(s, 2, 4, out, outlen);
}

void ogi_mask_phone(const char *s, char *out, size_t outlen)
{
	ogi_mask_middle(s, 3, 4, out, outlen);
}

void ogi_mask_address(const char *s, char *out, size_t outlen)
{
	ogi_mask_middle(s, 6, 0, out, outlen);
}

void ogi_mask_email(const char *s, char *out, size_t outlen)
{
	const char *at = s != NULL ? strrchr(s, '@') : NULL;
	if (at == NULL || outlen == 0) {
		ogi_mask_middle(s, 1, 0, out, outlen);
		return;
	}
	char local[256];
	size_t n = (size_t)(at - s) < sizeof local ? (size_t)(at - s) : sizeof local - 1;
	memcpy(local, s, n);
	local[n] = '\0';
	ogi_mask_middle(local, 1, 0, out, outlen);
	size_t o = strlen(out);
	snprintf(out + o, outlen - o, "%s", at);
}

void ogi_mask_contact(const char *s, char *out, size_t outlen)
{
	ogi_mask_middle(s, 1, 2, out, outlen);
}
