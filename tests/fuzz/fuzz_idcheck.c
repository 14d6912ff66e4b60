/* The identity-document and contact checks (lib/idcheck.c) and the log
 * redaction (lib/redact.c).  The first byte picks the document type, the
 * rest is the number, as a client would send it.  Checked: total over any
 * bytes (no overread: the input is an exact-size copy), a normal form that
 * passes its own check again and fits its buffer, a mask that keeps nothing
 * but the ends, and a redaction that leaves no identity-like run behind. */
#include <string.h>

#include "lib/domain.h"
#include "lib/idcheck.h"
#include "lib/redact.h"
#include "tests/fuzz/fuzz.h"

static void no_identity_run(const char *s)
{
	size_t run = 0, digits = 0;
	for (;; s++) {
		unsigned char ch = (unsigned char)*s;
		bool alnum = (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') ||
		             (ch >= 'a' && ch <= 'z');
		if (alnum) {
			run++;
			digits += ch >= '0' && ch <= '9';
			continue;
		}
		FUZZ_CHECK(!(run >= 9 && digits >= 6));
		run = digits = 0;
		if (ch == '\0')
			return;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	int type = data[0] % OGI_ID_TYPE_COUNT;
	size_t len = size - 1;
	char *s = malloc(len + 1);
	if (s == NULL)
		return 0;
	memcpy(s, data + 1, len);
	s[len] = '\0';
	ogi_date today = ogi_date_from_ymd(2026, 11, 23);
	struct ogi_idcheck why;
	char norm[64];
	memset(norm, 0x55, sizeof norm);
	char *exact = malloc(len ? len : 1); /* no terminator: the checks take a length */
	if (exact == NULL) {
		free(s);
		return 0;
	}
	memcpy(exact, data + 1, len);
	if (ogi_check_id(type, exact, len, today, norm, sizeof norm, &why)) {
		FUZZ_CHECK(memchr(norm, '\0', sizeof norm) != NULL);
		char again[64];
		FUZZ_CHECK(
		    ogi_check_id(type, norm, strlen(norm), today, again, sizeof again, &why));
		FUZZ_CHECK(strcmp(again, norm) == 0);
	} else {
		FUZZ_CHECK(why.code != NULL && why.message_zh != NULL && why.message_en != NULL);
	}
	ogi_check_resident_id(exact, len, today, &why);
	ogi_check_uscc(exact, len, &why);
	ogi_check_phone(exact, len, &why);
	ogi_check_email(exact, len, &why);
	free(exact);

	char masked[64];
	ogi_mask_id(s, masked, sizeof masked);
	FUZZ_CHECK(memchr(masked, '\0', sizeof masked) != NULL);
	char *redacted = malloc(len + 1);
	if (redacted != NULL) {
		ogi_redact(s, redacted, len + 1);
		if (strlen(s) == len) /* an embedded NUL ends the text early */
			no_identity_run(redacted);
		free(redacted);
	}
	free(s);
	return 0;
}
