/* An attachment's name and type (lib/attachment.c, lib/filetype.c): the
 * first byte picks the declared type, the next one how many of the bytes
 * after it are the name (as the query gives it, NUL and all), the rest the
 * file's first bytes.  Checked: total over any bytes (the input is an
 * exact-size copy), a name accepted is valid UTF-8 of 1 to 255 characters
 * with no separator or control character and fits its buffer, a refused
 * one says its rule once; the type check answers one of its four values,
 * libmagic's type fits its buffer, and the same bytes always get the same
 * answer. */
#include <stdlib.h>
#include <string.h>

#include "lib/attachment.h"
#include "lib/filetype.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	enum ogi_filetype declared = (enum ogi_filetype)(data[0] % OGI_FT_COUNT);
	size_t nlen = data[1];
	if (nlen > size - 2)
		nlen = size - 2;
	char *name = malloc(nlen + 1);
	if (name == NULL)
		return 0;
	memcpy(name, data + 2, nlen);
	name[nlen] = '\0';
	struct spec_errors errs = {0};
	bool ok = ogi_attachment_name_check(name, nlen, "name", &errs);
	FUZZ_CHECK(ok == (errs.n == 0));
	FUZZ_CHECK(ok || errs.n == 1);
	if (ok) {
		FUZZ_CHECK(utf8_valid(name, nlen));
		FUZZ_CHECK(nlen < OGI_ATTACHMENT_NAME_SIZE);
		size_t chars = utf8_chars(name, nlen);
		FUZZ_CHECK(chars >= 1 && chars <= OGI_ATTACHMENT_NAME_MAX);
		for (size_t i = 0; i < nlen; i++) {
			unsigned char b = (unsigned char)name[i];
			FUZZ_CHECK(b != '/' && b != '\\' && b >= 0x20 && b != 0x7f);
		}
	}
	/* the media type of a Content-Type as given: its name or none */
	enum ogi_filetype of = ogi_filetype_of_media(name);
	FUZZ_CHECK(of >= OGI_FT_NONE && of < OGI_FT_COUNT);
	free(name);

	size_t hlen = size - 2 - nlen;
	unsigned char *head = malloc(hlen ? hlen : 1);
	if (head == NULL)
		return 0;
	memcpy(head, data + 2 + nlen, hlen);
	if (declared != OGI_FT_NONE) {
		char found[128], again[128];
		enum ogi_sniff s = ogi_filetype_check(declared, head, hlen, found, sizeof found);
		FUZZ_CHECK(s == OGI_SNIFF_OK || s == OGI_SNIFF_NOT_ALLOWED ||
		           s == OGI_SNIFF_MISMATCH || s == OGI_SNIFF_ERROR);
		FUZZ_CHECK(s == OGI_SNIFF_ERROR || memchr(found, '\0', sizeof found) != NULL);
		FUZZ_CHECK(ogi_filetype_check(declared, head, hlen, again, sizeof again) == s);
		FUZZ_CHECK(s == OGI_SNIFF_ERROR || strcmp(found, again) == 0);
	}
	free(head);
	return 0;
}
