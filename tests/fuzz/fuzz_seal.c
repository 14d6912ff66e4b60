/* The seal image check (lib/seal_check.c): the bytes of an upload read as
 * a PNG chunk by chunk.  Checked: an accepted file is within the byte
 * limit and its IHDR's size within the pixel limits, and starts with the
 * PNG signature; every verdict leaves a printable reason; the same bytes
 * give the same verdict. */
#include <string.h>

#include "lib/body_settings_check.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *copy =
	    malloc(size ? size : 1); /* exact size: an overread shows under ASan */
	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	unsigned w, h, w2, h2;
	char why[160], why2[160];
	memset(why, 'x', sizeof why);
	enum ogi_seal_verdict v = ogi_seal_check(copy, size, &w, &h, why, sizeof why);
	FUZZ_CHECK(memchr(why, '\0', sizeof why) != NULL);
	FUZZ_CHECK(v == OGI_SEAL_OK || why[0] != '\0');
	if (v == OGI_SEAL_OK) {
		FUZZ_CHECK(size <= OGI_SEAL_MAX_BYTES && size >= 8 + 25 + 12 + 12);
		FUZZ_CHECK(memcmp(copy, "\x89PNG\r\n\x1a\n", 8) == 0);
		FUZZ_CHECK(w >= OGI_SEAL_MIN_PX && w <= OGI_SEAL_MAX_PX);
		FUZZ_CHECK(h >= OGI_SEAL_MIN_PX && h <= OGI_SEAL_MAX_PX);
	}
	FUZZ_CHECK(ogi_seal_check(copy, size, &w2, &h2, why2, sizeof why2) == v);
	FUZZ_CHECK(w2 == w && h2 == h && strcmp(why, why2) == 0);
	free(copy);
	return 0;
}
