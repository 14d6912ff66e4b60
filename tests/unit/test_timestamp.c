/* Unit tests for lib/timestamp.c and lib/disposition.c: PostgreSQL's
 * timestamptz text in RFC 3339 (issue 18: the API documented RFC 3339 and
 * sent "2026-12-03 14:40:20.355065+08"), and the names of downloads as
 * RFC 6266 gives them (filename*, RFC 8187 percent-encoding). */
#include "lib/disposition.h"
#include "lib/timestamp.h"
#include "tests/unit/check.h"

int main(void)
{
	static const struct {
		const char *in, *want, *why;
	} cases[] = {
	    {"2026-12-03 14:40:20.355065+08", "2026-12-03T14:40:20.355+08:00",
	     "PostgreSQL in Asia/Shanghai: microseconds cut to milliseconds, +08 → +08:00"},
	    {"2026-12-03 14:40:20.355999+08", "2026-12-03T14:40:20.355+08:00",
	     "cut, not rounded: 20.355999 is still second 20"},
	    {"2026-12-03 14:40:20.999999+08", "2026-12-03T14:40:20.999+08:00",
	     "never rounded into the next second"},
	    {"2026-12-03 14:40:20+08", "2026-12-03T14:40:20.000+08:00",
	     "a whole second: PostgreSQL prints no fraction"},
	    {"2026-12-03 14:40:20.3+08", "2026-12-03T14:40:20.300+08:00", "one digit of fraction"},
	    {"2026-12-03 06:40:20.1+00", "2026-12-03T06:40:20.100+00:00", "UTC"},
	    {"2026-12-03 12:10:20.1+05:30", "2026-12-03T12:10:20.100+05:30", "India: minutes kept"},
	    {"2026-12-03 02:40:20-04", "2026-12-03T02:40:20.000-04:00", "a negative offset"},
	    {"1900-01-01 00:00:00+08:05:43", "1900-01-01T00:00:00.000+08:05",
	     "Shanghai's local mean time before 1901: the seconds of the offset go"},
	    {"2026-12-03T14:40:20.355+08:00", "2026-12-03T14:40:20.355+08:00",
	     "already RFC 3339: unchanged"},
	    {"2026-12-03T14:40:20Z", "2026-12-03T14:40:20.000+00:00", "Z is +00:00"},
	    {"2026-12-03T14:40:20+08", "2026-12-03T14:40:20.000+08:00",
	     "to_char's OF (hours only) of older queries"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[OGI_RFC3339_STRLEN];
		CHECK(ogi_timestamp_rfc3339(cases[i].in, out, sizeof out), "%s", cases[i].why);
		CHECK_STR(out, cases[i].want, "%s", cases[i].why);
	}
	static const struct {
		const char *in, *why;
	} bad[] = {
	    {"", "empty"},
	    {"2026-12-03", "a date has no time"},
	    {"2026-12-03 14:40:20", "no offset: not a point in time"},
	    {"2026-12-03 14:40:20.+08", "a dot without digits"},
	    {"2026-12-03 14:40:20.1+8", "a one-digit offset"},
	    {"2026-12-03 14:40:20.1+08 ", "trailing text"},
	    {"2026/12/03 14:40:20+08", "slashes"},
	    {"infinity", "PostgreSQL's infinity is no time"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char out[OGI_RFC3339_STRLEN] = "x";
		CHECK(!ogi_timestamp_rfc3339(bad[i].in, out, sizeof out), "%s", bad[i].why);
		CHECK_STR(out, "", "%s: out is empty", bad[i].why);
	}
	char small[OGI_RFC3339_STRLEN - 1];
	CHECK(!ogi_timestamp_rfc3339("2026-12-03 14:40:20+08", small, sizeof small),
	      "a buffer one short is refused, not cut");

	char minutes[17];
	ogi_timestamp_minutes("2026-12-03 14:40:20.355065+08", minutes, sizeof minutes);
	CHECK_STR(minutes, "2026-12-03 14:40", "a printed report's time, to the minute");
	ogi_timestamp_minutes("2026-12-03T14:40:20.355+08:00", minutes, sizeof minutes);
	CHECK_STR(minutes, "2026-12-03 14:40", "the same from RFC 3339");
	ogi_timestamp_minutes("nonsense", minutes, sizeof minutes);
	CHECK_STR(minutes, "", "no time, nothing printed");

	/* RFC 6266 with RFC 8187's filename*: UTF-8 percent-encoded, an ASCII name beside it */
	char cd[512];
	CHECK(ogi_content_disposition(cd, sizeof cd, false, "申请台账-2026-12-03.csv",
	                              "requests-2026-12-03.csv"),
	      "the CSV's name");
	CHECK_STR(cd,
	          "attachment; filename=\"requests-2026-12-03.csv\"; "
	          "filename*=UTF-8''%E7%94%B3%E8%AF%B7%E5%8F%B0%E8%B4%A6-2026-12-03.csv",
	          "申 is E7 94 B3 in UTF-8; - and . are attr-chars");
	CHECK(ogi_content_disposition(cd, sizeof cd, true, "a b\"c%.html", "a\"b\\c\n.html"),
	      "inline");
	CHECK_STR(cd, "inline; filename=\"a_b_c_.html\"; filename*=UTF-8''a%20b%22c%25.html",
	          "space, quote and percent are encoded; quotes, backslashes and controls of "
	          "the ASCII name become _");
	char tiny[40];
	CHECK(!ogi_content_disposition(tiny, sizeof tiny, false, "申请台账-2026-12-03.csv",
	                               "requests-2026-12-03.csv"),
	      "too short a buffer");
	CHECK_STR(tiny, "attachment", "a header that still says attachment");
	return check_done("timestamp");
}
