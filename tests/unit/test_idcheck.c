/* Identity documents and contact data: GB 11643 and GB 32100 check
 * characters, birth dates, region codes, phones, e-mail, masking. */
#include "lib/domain.h"
#include "lib/idcheck.h"
#include "tests/unit/caldata.h"
#include "tests/unit/check.h"

int main(void)
{
	ogi_date today = D("2026-11-23");
	static const struct {
		const char *id;
		const char *code; /* NULL: valid */
		const char *why;
	} ids[] = {
	    {"11010519491231002X", NULL, "the example of DESIGN.md §3: weights give 10 → X"},
	    {"11010519491231002x", NULL, "a lower-case x is the same number"},
	    {"110105194912310021", "check_digit", "the same number with a wrong check digit"},
	    {"11010519490230002X", "birth_date", "1949-02-30 is not a date"},
	    {"11010520300101002X", "birth_date", "born in 2030: in the future"},
	    {"99010519491231002X", "region", "99 is no province"},
	    {"1101051949123100", "length", "16 characters"},
	    {"1101051949123100A2", "charset", "a letter inside the digits"},
	    {"440524198001010013", NULL,
	     "Guangdong, born 1980-01-01: the weighted sum mod 11 is 9, check digit 3"},
	    {"440524189001010014", "birth_date", "born 1890: before 1900, not a living applicant"},
	};
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		char norm[64];
		struct ogi_idcheck why;
		bool ok = ogi_check_id(OGI_ID_RESIDENT_ID_CARD, ids[i].id, strlen(ids[i].id), today,
		                       norm, sizeof norm, &why);
		CHECK_INT(ok, ids[i].code == NULL, "%s: %s", ids[i].id, ids[i].why);
		if (!ok && ids[i].code)
			CHECK_STR(why.code, ids[i].code, "%s: the rule named", ids[i].id);
	}
	static const struct {
		const char *code;
		bool ok;
		const char *why;
	} usccs[] = {
	    {"91110000600037341L", true,
	     "check character L from the weights 1,3,9,…,28 mod 31 (computed by hand)"},
	    {"91350100M000100Y43", true, "letters in the body; check character 3"},
	    {"91110000600037341M", false, "the check character altered"},
	    {"91110000600037341", false, "17 characters"},
	    {"9111000060003734IL", false, "I is not in the GB 32100 alphabet"},
	};
	for (size_t i = 0; i < sizeof usccs / sizeof usccs[0]; i++) {
		struct ogi_idcheck why;
		CHECK_INT(ogi_check_uscc(usccs[i].code, strlen(usccs[i].code), &why), usccs[i].ok,
		          "%s: %s", usccs[i].code, usccs[i].why);
	}
	struct ogi_idcheck why;
	CHECK(ogi_check_phone("13800000000", 11, &why), "a mobile number");
	CHECK(ogi_check_phone("010-6512 3456", 13, &why), "a Beijing landline");
	CHECK(!ogi_check_phone("12800000000", 11, &why), "mobile numbers start 13..19");
	CHECK(!ogi_check_phone("abc", 3, &why), "letters");
	CHECK(!ogi_check_phone("1380000\0000", 11, &why), "an embedded NUL");
	CHECK(ogi_check_email("zhang@example.cn", 16, &why), "an address");
	CHECK(!ogi_check_email("zhang@", 6, &why), "no domain");
	CHECK(!ogi_check_email("a b@x.cn", 8, &why), "a space");
	char masked[64];
	ogi_mask_id("11010519491231002X", masked, sizeof masked);
	CHECK_STR(masked, "110***********002X", "first 3 and last 4 kept");
	char norm[64];
	CHECK(ogi_check_id(OGI_ID_PASSPORT, " E12345678 ", 11, today, norm, sizeof norm, &why),
	      "a passport");
	CHECK_STR(norm, "E12345678", "trimmed");
	CHECK(!ogi_check_id(OGI_ID_PASSPORT, "<script>", 8, today, norm, sizeof norm, &why),
	      "markup refused");
	return check_done("idcheck");
}
