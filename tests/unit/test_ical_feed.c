/* The deadline feed (lib/ical_feed.h) as RFC 5545 has it: CRLF line ends (3.1), lines
 * folded at 75 octets and never inside a UTF-8 character (3.1), all-day events as DATE
 * values with DTEND the next day (3.6.1: DTEND is exclusive), a stable UID per request and
 * kind (a deadline that moves keeps its UID), text escaped (3.3.11). */
#include <stdlib.h>
#include <string.h>

#include "lib/ical_feed.h"
#include "tests/unit/check.h"

/* The text unfolded (3.1: a CRLF followed by one space or tab is removed). */
static char *unfold(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;
	for (const char *p = s; *p; p++) {
		if (p[0] == '\r' && p[1] == '\n' && (p[2] == ' ' || p[2] == '\t')) {
			p += 2;
			continue;
		}
		*o++ = *p;
	}
	*o = '\0';
	return out;
}

static void check_lines(const char *s)
{
	int lines = 0, bare_lf = 0, too_long = 0, split_char = 0;
	for (const char *p = s; *p;) {
		const char *end = strstr(p, "\r\n");
		if (end == NULL)
			end = p + strlen(p);
		if (memchr(p, '\n', (size_t)(end - p)) != NULL)
			bare_lf++;
		if (end - p > 75)
			too_long++;
		/* a continuation line starts with the space, then never with a UTF-8 continuation
		   byte (10xxxxxx): the fold fell between characters */
		if (*p == ' ' && ((unsigned char)p[1] & 0xC0) == 0x80)
			split_char++;
		lines++;
		p = *end ? end + 2 : end;
	}
	CHECK(lines > 10, "%d lines", lines);
	CHECK_INT(bare_lf, 0, "every line ends with CRLF (RFC 5545 3.1)");
	CHECK_INT(too_long, 0, "no line longer than 75 octets (3.1)");
	CHECK_INT(split_char, 0, "no fold inside a UTF-8 character (3.1)");
}

int main(void)
{
	/* 2025-10-09, the first working day after the National Day holiday of 2025 (国务院办公厅
	   关于2025年部分节假日安排的通知: 10月1日至8日放假): a reply due date pushed past it */
	ogi_date due = ogi_date_from_ymd(2025, 10, 9), fee = ogi_date_from_ymd(2025, 9, 30);
	struct ogi_feed_event ev[] = {
	    {.request_id = 42,
	     .tracking = "MS-2025-0042",
	     .kind = "reply_due",
	     .what = "答复期限",
	     .body = "平湛市马山区马山街道办事处, 综合科; 第一组",
	     .on = due},
	    {.request_id = 42,
	     .tracking = "MS-2025-0042",
	     .kind = "fee_payment",
	     .what = "缴费期限（收费通知后20个工作日）",
	     .body = "平湛市马山区马山街道办事处, 综合科; 第一组",
	     .on = fee,
	     .provisional = true},
	};
	char *text = ogi_ical_feed("马山街道 · 我的期限", "ogi.example.cn",
	                           "https://ogi.example.cn/#/requests/", ev, 2, 1760000000);
	CHECK(text != NULL, "a feed");
	if (text == NULL)
		return check_done("ical_feed");
	check_lines(text);
	char *u = unfold(text);
	CHECK(strncmp(u, "BEGIN:VCALENDAR\r\n", 17) == 0, "starts with BEGIN:VCALENDAR");
	CHECK(strstr(u, "\r\nVERSION:2.0\r\n") != NULL, "VERSION 2.0 (3.7.4)");
	CHECK(strstr(u, "\r\nPRODID:") != NULL, "a PRODID (3.7.3)");
	CHECK(strstr(u, "\r\nMETHOD:PUBLISH\r\n") != NULL, "published, not a request");
	CHECK(strstr(u, "\r\nX-WR-CALNAME:马山街道 · 我的期限\r\n") != NULL, "the calendar's name");
	CHECK(strstr(u, "\r\nDTSTART;VALUE=DATE:20251009\r\n") != NULL,
	      "the reply due date as an all-day DATE");
	CHECK(strstr(u, "\r\nDTEND;VALUE=DATE:20251010\r\n") != NULL,
	      "DTEND the next day (exclusive, 3.6.1)");
	CHECK(strstr(u, "\r\nDTSTART;VALUE=DATE:20250930\r\n") != NULL, "the fee date");
	CHECK(strstr(u, "\r\nUID:ogi-request-42-reply_due-0@ogi.example.cn\r\n") != NULL,
	      "a UID by request and kind, not by date");
	CHECK(strstr(u, "\r\nSUMMARY:答复期限：MS-2025-0042\r\n") != NULL, "the summary");
	CHECK(strstr(u, "\r\nSUMMARY:（暂定）缴费期限（收费通知后20个工作日）：MS-2025-0042\r\n") !=
	          NULL,
	      "a provisional date says so");
	CHECK(strstr(u, "办理机关：平湛市马山区马山街道办事处\\, 综合科\\; 第一组\\n") != NULL,
	      "commas, semicolons and line ends escaped in TEXT (3.3.11)");
	CHECK(strstr(u, "\r\nURL:https://ogi.example.cn/#/requests/42\r\n") != NULL, "the link");
	CHECK(strstr(u, "\r\nDTSTAMP:20251009T085320Z\r\n") != NULL, "DTSTAMP in UTC");
	CHECK(strstr(u, "END:VCALENDAR\r\n") != NULL, "ends with END:VCALENDAR");
	free(u);
	free(text);

	/* no events: still a valid, empty calendar */
	text = ogi_ical_feed("空", NULL, NULL, NULL, 0, 0);
	CHECK(text != NULL && strstr(text, "BEGIN:VEVENT") == NULL &&
	          strstr(text, "END:VCALENDAR") != NULL,
	      "an empty calendar");
	free(text);
	return check_done("ical_feed");
}
