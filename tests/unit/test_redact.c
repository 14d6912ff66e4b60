/* Log lines without personal data: what ogi_redact hides and what it keeps. */
#include "lib/redact.h"
#include "tests/unit/check.h"

int main(void)
{
	static const struct {
		const char *in, *out, *why;
	} cases[] = {
	    {"GET /api/v1/requests/11010519491231002X 404 120us",
	     "GET /api/v1/requests/*** 404 120us", "a 居民身份证 number typed into a path"},
	    {"GET /x/13800000000 404 5us", "GET /x/*** 404 5us",
	     "a mobile phone number: 11 digits"},
	    {"GET /x/91350100M000100Y43 404 5us", "GET /x/*** 404 5us",
	     "a 统一社会信用代码: 18 characters, 12 of them digits"},
	    {"GET /x/E12345678 404 5us", "GET /x/*** 404 5us", "a passport number: 9 characters"},
	    {"GET /api/v1/requests/1234567", "GET /api/v1/requests/1234567",
	     "request ids of up to 8 digits stay (ogid redacts the path, not the whole line)"},
	    {"PUT /api/v1/calendar/days/2026-12-31 200", "PUT /api/v1/calendar/days/2026-12-31 200",
	     "dates are short runs"},
	    {"GET /js/pages/request.js 200 10us", "GET /js/pages/request.js 200 10us",
	     "words stay"},
	    {"invalid input syntax for type bigint: \"13912345678\"",
	     "invalid input syntax for type bigint: \"***\"", "a database message quoting a value"},
	    {"号码11010519491231002X已登记", "号码***已登记", "Chinese text around it"},
	    {"GET /api/v1/feeds/FPdboCdysLL-2Vn1tnvCTM84ItMrPNkG0f0bRYcH0J8.ics 200 90us",
	     "GET /api/v1/feeds/{token}.ics 200 90us",
	     "a calendar feed's token (43 characters of base64url) is a credential"},
	    {"GET /api/v1/feeds/FPdboCdysLL-2Vn1tnvCTM84ItMrPNkG0f0bRYcH0J8.icsx 404 9us",
	     "GET /api/v1/feeds/{token}.icsx 404 9us", "and so in a path that matches no route"},
	    {"GET /api/v1/online-applications/12/confirm",
	     "GET /api/v1/online-applications/12/confirm", "hyphenated words are short runs"},
	    {"", "", "nothing"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[256];
		ogi_redact(cases[i].in, out, sizeof out);
		CHECK_STR(out, cases[i].out, "%s", cases[i].why);
	}
	/* a short buffer truncates and stays terminated */
	char small[8];
	ogi_redact("abc 11010519491231002X", small, sizeof small);
	CHECK_STR(small, "abc ***", "truncated to 7 bytes");
	ogi_redact("11010519491231002X", small, 3);
	CHECK_STR(small, "**", "the mask itself truncated");
	return check_done("redact");
}
