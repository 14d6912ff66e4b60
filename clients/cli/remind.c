/* ogictl remind [--now] [--dry-run] [--smtp-url URL --smtp-from ADDR] [--smtp-credentials
 * FILE]: the e-mail digests for operators (issue 16 item 4).  --dry-run prints who would get
 * which digest today, sending and recording nothing; --now queues today's digests (on a
 * working day) and sends the due ones at once, as ogid's reminder thread does from
 * --reminder-time; without either, today's digests and what became of them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clients/cli/ctl.h"
#include "lib/date.h"
#include "lib/db/calendar_ops.h"
#include "lib/db/remind_run.h"
#include "lib/db/reminders.h"

/* Today's digests of every user, as a table. */
static int show(struct ctl *ctl, ogi_date today)
{
	struct ogi_digest_rows rows;
	if (ogi_db_reminders_list(ctl->db, NULL, 0, true, NULL, 10000, &rows) != 0)
		return ctl_fail("cannot read the digests: %s", ogi_db_message(ctl->db));
	char ds[OGI_DATE_STRLEN];
	printf("id\tday\tuser\temail\tstatus\tattempts\tlast error\n");
	for (size_t i = 0; i < rows.n; i++) {
		const struct ogi_digest_row *r = &rows.v[i];
		if (r->day != today && strcmp(r->status, "sent") == 0)
			continue;
		printf("%lld\t%s\t%s\t%s\t%s\t%d\t%s\n", r->id, ogi_date_format(r->day, ds),
		       r->username, r->email, r->status, r->attempts,
		       r->last_error[0] ? r->last_error : "-");
	}
	free(rows.v);
	return 0;
}

int cmd_remind(struct ctl *ctl, int argc, char **argv)
{
	bool now = false, dry = false;
	struct ogi_remind_settings s = {0};
	const char *credentials = NULL;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--now") == 0)
			now = true;
		else if (strcmp(argv[i], "--dry-run") == 0)
			dry = true;
		else if (strcmp(argv[i], "--smtp-url") == 0 && i + 1 < argc)
			s.smtp.url = argv[++i];
		else if (strcmp(argv[i], "--smtp-from") == 0 && i + 1 < argc)
			s.smtp.from = argv[++i];
		else if (strcmp(argv[i], "--smtp-credentials") == 0 && i + 1 < argc)
			credentials = argv[++i];
		else
			return ctl_usage();
	}
	if (now && dry)
		return ctl_fail("--now and --dry-run: one or the other");
	if (s.smtp.url != NULL && !ogi_smtp_url_ok(s.smtp.url))
		return ctl_fail("--smtp-url wants smtp://HOST[:PORT] or smtps://HOST[:PORT]");
	if (now && (s.smtp.url == NULL || s.smtp.from == NULL))
		return ctl_fail("--now needs --smtp-url and --smtp-from");
	if (s.smtp.from != NULL &&
	    (strchr(s.smtp.from, '@') == NULL || strpbrk(s.smtp.from, "\r\n<> ") != NULL))
		return ctl_fail("--smtp-from wants an address (name@host, no display name)");
	char why[512], host[256] = "localhost";
	if (credentials != NULL && !ogi_smtp_credentials(&s.smtp, credentials, why, sizeof why))
		return ctl_fail("--smtp-credentials: %s", why);
	if (s.smtp.from == NULL)
		s.smtp.from = "ogi@localhost";
	const char *at = strrchr(s.smtp.from, '@');
	snprintf(host, sizeof host, "%.*s", (int)strcspn(at + 1, ">"), at + 1);
	s.msgid_host = host;
	s.smtp.timeout = 30;
	ogi_date today = ogi_today();
	if (!now && !dry)
		return show(ctl, today);
	struct ogi_calendar *cal = ogi_db_calendar_load(ctl->db);
	if (cal == NULL)
		return ctl_fail("cannot load the calendar: %s", ogi_db_message(ctl->db));
	int rc = 0;
	if (dry) {
		int n = ogi_remind_dry_run(ctl->db, cal, &s, today, stdout);
		if (n < 0)
			rc = ctl_fail("cannot make the digests: %s", ogi_db_message(ctl->db));
		else
			printf("%d digest(s) would be sent; nothing sent, nothing recorded\n", n);
	} else if (!ogi_smtp_init()) {
		rc = ctl_fail("cannot initialise libcurl");
	} else {
		int q = ogi_remind_enqueue(ctl->db, cal, today);
		struct ogi_remind_counts c = {0};
		if (q < 0 || ogi_remind_send_due(ctl->db, cal, &s, &c, NULL) < 0)
			rc = ctl_fail("cannot send the digests: %s", ogi_db_message(ctl->db));
		else
			printf(
			    "queued %d, sent %lld, failed %lld (given up %lld), nothing due %lld\n",
			    q, c.sent, c.failed, c.gave_up, c.skipped);
		if (rc == 0 && c.failed > 0)
			rc = 1;
	}
	ogi_calendar_free(cal);
	return rc;
}
