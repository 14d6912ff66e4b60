/* Reminder digests (issue 16 item 4): what is "overdue" and "due within 3
 * working days" around the 2026 National Day holiday, counted by hand from
 * the official calendar (国办发明电〔2025〕7号: 10-01…10-07 off, 09-25 off,
 * 09-20 and 10-10 make-up working days), and the message's encoding. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/reminder.h"
#include "lib/smtp.h"
#include "tests/unit/caldata.h"
#include "tests/unit/check.h"

static struct ogi_calendar *cal;

static void sending_days(void)
{
	static const struct {
		const char *day;
		bool send;
		const char *why;
	} cases[] = {
	    {"2026-09-30", true, "a Wednesday before the holiday"},
	    {"2026-10-01", false, "国庆节: a day off, no digest"},
	    {"2026-10-03", false, "a Saturday inside the holiday"},
	    {"2026-10-10", true, "a Saturday make-up working day (调休) gets its digest"},
	    {"2026-09-25", false, "中秋节, a Friday off"},
	    {"2026-12-05", false, "an ordinary Saturday"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		CHECK_INT(ogi_remind_is_sending_day(cal, D(cases[i].day)), cases[i].send, "%s",
		          cases[i].why);
}

static void selection(void)
{
	/* rule: overdue when due before today; due soon when due within 3
	 * working days after today (issue 16 item 4), days off skipped */
	static const struct {
		const char *today, *due;
		int in; /* -1 out, 0 overdue, 1 soon */
		int left;
		const char *why;
	} cases[] = {
	    {"2026-09-30", "2026-10-10", 1, 3,
	     "10-08, 10-09, 10-10 (make-up): the seven days off do not count"},
	    {"2026-09-30", "2026-10-12", -1, 4, "the fourth working day after: not yet"},
	    {"2026-09-30", "2026-10-08", 1, 1, "the first working day after the holiday"},
	    {"2026-09-30", "2026-09-30", 1, 0, "due today"},
	    {"2026-09-30", "2026-09-29", 0, -1, "yesterday: one working day overdue"},
	    {"2026-09-30", "2026-09-24", 0, -3, "09-25 off, then the weekend: 28, 29, 30"},
	    {"2026-12-04", "2026-12-09", 1, 3, "Fri → Mon, Tue, Wed: the weekend skipped"},
	    {"2026-12-04", "2026-12-10", -1, 4, "Thursday is the fourth working day"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct ogi_remind_date d = {"2026-0001", OGI_REMIND_REPLY, D(cases[i].due), NULL};
		struct ogi_remind_item out[1];
		size_t n = ogi_remind_select(cal, D(cases[i].today), &d, 1, out);
		CHECK_INT(n, cases[i].in >= 0, "%s", cases[i].why);
		if (n == 1) {
			CHECK_INT(out[0].state,
			          cases[i].in == 0 ? OGI_REMIND_OVERDUE : OGI_REMIND_SOON, "%s",
			          cases[i].why);
			CHECK_INT(out[0].wd_left, cases[i].left, "%s", cases[i].why);
		}
	}
}

static void message(void)
{
	struct ogi_remind_date d[] = {
	    {"2026-0007", OGI_SUB_CORRECTION_NOTICE, D("2026-12-08"), NULL},
	    {"2026-0003", OGI_REMIND_REPLY, D("2026-12-01"), NULL},
	    {"2026-0009", OGI_REMIND_REPLY, D("2026-12-31"), "答复期限"},
	    {"2026-0004", OGI_SUB_FEE_PAYMENT, OGI_DATE_NONE, NULL},
	};
	struct ogi_remind_item it[4];
	size_t n = ogi_remind_select(cal, D("2026-12-04"), d, 4, it);
	CHECK_INT(n, 2, "the late reply and the correction notice; not the far one, not no date");
	CHECK_STR(it[0].date->tracking, "2026-0003", "overdue first");
	CHECK_INT(it[0].wd_left, -3, "12-02, 12-03, 12-04");
	struct ogi_remind_mail m = {.from = "ogi@example.org",
	                            .to = "zhang@example.org",
	                            .to_name = "张三",
	                            .user_id = 42,
	                            .today = D("2026-12-04"),
	                            .now_unix = 1796342400, /* 2026-12-04 00:00 UTC */
	                            .msgid_host = "ogi.example.org",
	                            .items = it,
	                            .nitems = n};
	char *s = ogi_remind_subject(&m), *b = ogi_remind_body(&m), *msg = ogi_remind_message(&m);
	CHECK_STR(s, "【政府信息公开】今日期限提醒：已逾期1项，3个工作日内到期1项", "subject");
	CHECK(strstr(b, "张三，您好") != NULL, "greeting by display name");
	CHECK(strstr(b, "2026年12月4日（星期五）") != NULL, "the day in Chinese: %s", b);
	CHECK(strstr(b, "2026-0003　答复期限　2026-12-01　已逾期3个工作日") != NULL, "%s", b);
	CHECK(strstr(b,
	             "2026-0007　补正告知期限（收到申请后7个工作日）　2026-12-08　还剩2个工作日") !=
	          NULL,
	      "%s", b);
	CHECK(msg != NULL &&
	          strstr(msg, "Message-ID: <ogi-remind-42-20261204@ogi.example.org>\r\n"),
	      "a Message-ID fixed per user and day");
	CHECK(msg != NULL && strstr(msg, "Date: Fri, 4 Dec 2026 08:00:00 +0800\r\n"), "%s", msg);
	CHECK(msg != NULL && strstr(msg, "To: =?UTF-8?B?5byg5LiJ?= <zhang@example.org>\r\n"),
	      "display name RFC 2047-encoded: %s", msg);
	CHECK(msg != NULL && strstr(msg, "Subject: =?UTF-8?B?") != NULL, "subject encoded");
	free(s);
	free(b);
	free(msg);
	m.to = "x@example.org\r\nBcc: evil@example.org";
	CHECK(ogi_remind_message(&m) == NULL, "no header injection through an address");

	/* long subjects fold into words of at most 75 characters, characters whole */
	char *h = ogi_remind_encode_header(
	    "【政府信息公开】今日期限提醒：已逾期12项，3个工作日内到期7项");
	CHECK(h != NULL && strstr(h, "\r\n =?UTF-8?B?") != NULL, "folded: %s",
	      h != NULL ? h : "(null)");
	for (char *w = h; w != NULL && (w = strstr(w, "=?UTF-8?B?")) != NULL; w += 10) {
		char *e = strstr(w + 10, "?=");
		CHECK(e != NULL && e + 2 - w <= 75, "an encoded word of at most 75 characters");
	}
	free(h);
	h = ogi_remind_encode_header("plain");
	CHECK_STR(h, "plain", "ASCII kept as is");
	free(h);
}

/* lib/smtp's settings: the URLs ogi sends with, the credentials file's one line */
static void smtp_settings(void)
{
	CHECK(ogi_smtp_url_ok("smtp://mail.example.org"), "smtp://");
	CHECK(ogi_smtp_url_ok("smtps://mail.example.org:465"), "smtps:// with a port");
	CHECK(!ogi_smtp_url_ok("http://mail.example.org"), "not another protocol");
	CHECK(!ogi_smtp_url_ok("smtp://"), "a host is needed");
	CHECK(!ogi_smtp_url_ok("smtp://a b"), "no spaces");
	char path[] = "/tmp/ogi-smtp-credXXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0, "a temporary file");
	FILE *f = fdopen(fd, "w");
	fputs("mailer:pa:ss word\r\nsecond line\n", f);
	fclose(f);
	struct ogi_smtp s = {0};
	char why[256];
	CHECK(ogi_smtp_credentials(&s, path, why, sizeof why), "read: %s", why);
	CHECK_STR(s.user, "mailer", "the user before the first ':'");
	CHECK_STR(s.password, "pa:ss word", "the password may hold ':' and spaces, no CR LF");
	f = fopen(path, "w");
	fputs("no colon here\n", f);
	fclose(f);
	CHECK(!ogi_smtp_credentials(&s, path, why, sizeof why), "a line without ':' is refused");
	unlink(path);
	CHECK(!ogi_smtp_credentials(&s, path, why, sizeof why) && strstr(why, path) != NULL,
	      "a missing file is named: %s", why);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	cal = caldata_load(argv[1]);
	sending_days();
	selection();
	message();
	smtp_settings();
	ogi_calendar_free(cal);
	return check_done("reminder");
}
