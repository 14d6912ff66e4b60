/* The e-mail digests' run (see remind_run.h). */
#include "lib/db/remind_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/clock.h"
#include "lib/db/due_dates.h"
#include "lib/db/reminders.h"
#include "lib/remedies.h"
#include "lib/reminder.h"

int ogi_remind_enqueue(struct ogi_db *db, const struct ogi_calendar *cal, ogi_date day)
{
	if (!ogi_remind_is_sending_day(cal, day))
		return 0;
	return ogi_db_reminders_enqueue(db, day);
}

/* The number lib/reminder orders a date's kind by: the reply first, then sub-deadlines,
 * then remedy dates. */
static int kind_number(const char *kind)
{
	if (strcmp(kind, "reply_due") == 0)
		return OGI_REMIND_REPLY;
	int k = ogi_enum_parse(ogi_subdeadline_names, kind);
	if (k >= 0)
		return k;
	k = ogi_enum_parse(ogi_remedy_deadline_names, kind);
	return OGI_REMIND_REPLY + 1 + (k < 0 ? 0 : k);
}

/* A digest as it would go. */
struct digest {
	struct ogi_db_remind_user user;
	struct ogi_due_dates dates;
	struct ogi_remind_date *in;
	struct ogi_remind_item *items;
	size_t nitems;
	char *message; /* NULL when nothing is due or an address is unusable */
	char *subject;
};

static void digest_free(struct digest *g)
{
	ogi_due_dates_free(&g->dates);
	free(g->in);
	free(g->items);
	free(g->message);
	free(g->subject);
}

/* Builds digest d into g: 0 (g->nitems 0 when nothing is due or the user wants no
 * reminders now), or a status < 0. */
static int digest_build(struct ogi_db *db, const struct ogi_calendar *cal,
                        const struct ogi_remind_settings *s, const struct ogi_db_digest *d,
                        struct digest *g)
{
	memset(g, 0, sizeof *g);
	int rc = ogi_db_remind_user(db, d->user_id, &g->user);
	if (rc == OGI_E_NOT_FOUND)
		return 0;
	if (rc != 0 || !g->user.active || !g->user.reminders)
		return rc;
	rc = ogi_db_due_dates(db, cal, g->user.roots, g->user.nroots,
	                      g->user.bodies ? 0 : d->user_id, d->day, &g->dates);
	if (rc != 0)
		return rc;
	size_t n = g->dates.n;
	g->in = calloc(n + 1, sizeof *g->in);
	g->items = calloc(n + 1, sizeof *g->items);
	if (g->in == NULL || g->items == NULL)
		return OGI_DB_HARD;
	for (size_t i = 0; i < n; i++) {
		const struct ogi_feed_event *e = &g->dates.ev[i];
		g->in[i] =
		    (struct ogi_remind_date){e->tracking, kind_number(e->kind), e->on, e->what};
	}
	g->nitems = ogi_remind_select(cal, d->day, g->in, n, g->items);
	if (g->nitems == 0)
		return 0;
	struct ogi_remind_mail m = {.from = s->smtp.from,
	                            .to = d->email,
	                            .to_name = g->user.display_name[0] ? g->user.display_name
	                                                               : g->user.username,
	                            .user_id = d->user_id,
	                            .today = d->day,
	                            .now_unix = (long long)time(NULL),
	                            .msgid_host = s->msgid_host,
	                            .items = g->items,
	                            .nitems = g->nitems};
	g->message = ogi_remind_message(&m);
	g->subject = ogi_remind_subject(&m);
	return 0;
}

/* Claims one due digest and deals with it, in a transaction: 1 when one was, 0 when none is
 * due, or a status < 0. */
static int send_one(struct ogi_db *db, const struct ogi_calendar *cal,
                    const struct ogi_remind_settings *s, struct ogi_remind_counts *counts)
{
	int rc = ogi_db_begin(db);
	if (rc != 0)
		return rc;
	struct ogi_db_digest d;
	int n = ogi_db_reminders_claim(db, &d, 1);
	if (n <= 0) {
		ogi_db_rollback(db);
		return n;
	}
	struct digest g;
	rc = digest_build(db, cal, s, &d, &g);
	bool skipped = false, failed = false, gave_up = false;
	if (rc == 0 && g.nitems == 0) {
		skipped = true;
		rc = ogi_db_reminder_skipped(db, d.id);
	} else if (rc == 0 && g.message == NULL) {
		failed = true;
		snprintf(counts->last_error, sizeof counts->last_error,
		         "the address cannot be written in a message");
		rc = ogi_db_reminder_failed(db, d.id, counts->last_error, true, s->retry_base,
		                            &gave_up);
	} else if (rc == 0) {
		char err[512];
		bool permanent;
		if (ogi_smtp_send(&s->smtp, d.email, g.message, err, sizeof err, &permanent)) {
			rc = ogi_db_reminder_sent(db, d.id);
		} else {
			failed = true;
			rc = ogi_db_reminder_failed(db, d.id, err, permanent, s->retry_base,
			                            &gave_up);
		}
	}
	digest_free(&g);
	if (rc >= 0)
		rc = ogi_db_commit(db);
	else
		ogi_db_rollback(db);
	if (rc < 0)
		return rc;
	counts->skipped += skipped;
	counts->failed += failed;
	counts->gave_up += gave_up;
	counts->sent += !skipped && !failed;
	return 1;
}

int ogi_remind_send_due(struct ogi_db *db, const struct ogi_calendar *cal,
                        const struct ogi_remind_settings *s, struct ogi_remind_counts *counts,
                        const volatile int *stop)
{
	int rc = 0;
	while ((stop == NULL || !*stop) && (rc = send_one(db, cal, s, counts)) > 0)
		;
	return rc < 0 ? rc : 0;
}

int ogi_remind_dry_run(struct ogi_db *db, const struct ogi_calendar *cal,
                       const struct ogi_remind_settings *s, ogi_date day, FILE *out)
{
	enum { MAX = 10000 };
	int rc = ogi_db_begin(db);
	if (rc != 0)
		return rc;
	struct ogi_db_digest *v = calloc(MAX, sizeof *v);
	if (v == NULL) {
		ogi_db_rollback(db);
		return OGI_DB_HARD;
	}
	char ds[OGI_DATE_STRLEN];
	rc = ogi_remind_enqueue(db, cal, day);
	int n = rc < 0 ? rc : ogi_db_reminders_claim(db, v, MAX), going = 0;
	if (!ogi_remind_is_sending_day(cal, day))
		fprintf(out, "%s is a day off: no digest is made\n", ogi_date_format(day, ds));
	for (int i = 0; i < n; i++) {
		struct digest g;
		if ((rc = digest_build(db, cal, s, &v[i], &g)) < 0) {
			digest_free(&g);
			n = rc;
			break;
		}
		fprintf(out, "%s user %lld <%s> %s: ", ogi_date_format(v[i].day, ds), v[i].user_id,
		        v[i].email, g.user.username);
		if (g.nitems == 0) {
			fprintf(out, "nothing due, no mail\n");
		} else {
			going++;
			fprintf(out, "%s\n", g.subject != NULL ? g.subject : "");
			for (size_t k = 0; k < g.nitems; k++) {
				const struct ogi_remind_item *it = &g.items[k];
				fprintf(out, "  %s %s %s%s\n", it->date->tracking,
				        ogi_date_format(it->date->due_on, ds), it->date->what,
				        it->state == OGI_REMIND_OVERDUE ? " (overdue)" : "");
			}
		}
		digest_free(&g);
	}
	free(v);
	ogi_db_rollback(db); /* nothing queued, nothing claimed stays */
	return n < 0 ? n : going;
}
