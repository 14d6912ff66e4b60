/* A seal image's check (see body_settings_check.h): the PNG format of the
 * W3C / ISO 15948 specification read chunk by chunk, so a file cut short,
 * a damaged chunk or something else named .png is refused before it is
 * stored and printed on letters.  The pixels are not decoded. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "lib/body_settings_check.h"

static const unsigned char png_signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

/* CRC-32 of ISO 3309 over a chunk's type and data, as PNG stores it; bit by
 * bit (half a megabyte at most, once per upload), so no shared table. */
static uint32_t crc32_png(const unsigned char *p, size_t n)
{
	uint32_t c = 0xFFFFFFFFu;
	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
	}
	return c ^ 0xFFFFFFFFu;
}

/* IHDR's bit depth is one its colour type allows (PNG spec, table 11.1). */
static bool depth_ok(unsigned color, unsigned depth)
{
	switch (color) {
	case 0:
		return depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
	case 3:
		return depth == 1 || depth == 2 || depth == 4 || depth == 8;
	case 2:
	case 4:
	case 6:
		return depth == 8 || depth == 16;
	default:
		return false;
	}
}

#define REFUSE(verdict, ...)                                                                       \
	do {                                                                                       \
		snprintf(why, size, __VA_ARGS__);                                                  \
		return (verdict);                                                                  \
	} while (0)

enum ogi_seal_verdict ogi_seal_check(const unsigned char *png, size_t len, unsigned *width,
                                     unsigned *height, char *why, size_t size)
{
	*width = *height = 0;
	if (size > 0)
		why[0] = '\0';
	if (len > OGI_SEAL_MAX_BYTES)
		REFUSE(OGI_SEAL_TOO_LARGE, "%zu bytes; at most %d", len, OGI_SEAL_MAX_BYTES);
	if (len < sizeof png_signature || memcmp(png, png_signature, sizeof png_signature) != 0)
		REFUSE(OGI_SEAL_NOT_PNG, "no PNG signature");
	size_t at = sizeof png_signature;
	bool idat = false;
	for (int chunk = 0;; chunk++) {
		if (len - at < 12)
			REFUSE(OGI_SEAL_NOT_PNG, "cut short at byte %zu (chunk %d)", at, chunk);
		uint32_t n = be32(png + at);
		const unsigned char *type = png + at + 4;
		if (n > len - at - 12)
			REFUSE(OGI_SEAL_NOT_PNG, "chunk %d (%.4s) runs past the end of the file",
			       chunk, (const char *)type);
		for (int i = 0; i < 4; i++)
			if (!((type[i] >= 'A' && type[i] <= 'Z') ||
			      (type[i] >= 'a' && type[i] <= 'z')))
				REFUSE(OGI_SEAL_NOT_PNG, "chunk %d has no valid type", chunk);
		if (crc32_png(type, (size_t)n + 4) != be32(type + 4 + n))
			REFUSE(OGI_SEAL_NOT_PNG, "chunk %d (%.4s) is damaged (CRC)", chunk,
			       (const char *)type);
		const unsigned char *data = type + 4;
		if (chunk == 0) {
			if (memcmp(type, "IHDR", 4) != 0 || n != 13)
				REFUSE(OGI_SEAL_NOT_PNG, "the first chunk is not IHDR");
			*width = be32(data);
			*height = be32(data + 4);
			if (*width == 0 || *height == 0 || !depth_ok(data[9], data[8]) ||
			    data[10] != 0 || data[11] != 0 || data[12] > 1)
				REFUSE(OGI_SEAL_NOT_PNG, "IHDR holds values PNG does not allow");
		} else if (memcmp(type, "IHDR", 4) == 0) {
			REFUSE(OGI_SEAL_NOT_PNG, "a second IHDR");
		} else if (memcmp(type, "IDAT", 4) == 0) {
			idat = true;
		} else if (memcmp(type, "IEND", 4) == 0) {
			if (!idat)
				REFUSE(OGI_SEAL_NOT_PNG, "no image data (IDAT)");
			break;
		}
		at += (size_t)n + 12;
	}
	if (*width < OGI_SEAL_MIN_PX || *height < OGI_SEAL_MIN_PX || *width > OGI_SEAL_MAX_PX ||
	    *height > OGI_SEAL_MAX_PX)
		REFUSE(OGI_SEAL_BAD_SIZE, "%u × %u pixels; each side %d to %d", *width, *height,
		       OGI_SEAL_MIN_PX, OGI_SEAL_MAX_PX);
	return OGI_SEAL_OK;
}
