/* Reminders by e-mail (issue 16 item 4): what a user's digest holds on a
 * local working day, and the digest as an RFC 5322 message.  Pure: the
 * caller gives the dates (from the request's due_on, its clock's
 * subdeadlines and its remedy dates) and the calendar; nothing is read or
 * sent here. */
#ifndef OGI_REMINDER_H
#define OGI_REMINDER_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/calendar.h"
#include "lib/clock.h"
#include "lib/date.h"

/* The window of "due soon": the due day lies within this many working
 * days after today (issue 16 item 4: "due within 3 working days"). */
#define OGI_REMIND_SOON_WD 3
/* kind of the reply deadline itself (the others are enum ogi_subdeadline_kind) */
#define OGI_REMIND_REPLY OGI_SUB_COUNT

struct ogi_remind_date {
	const char *tracking; /* the request's tracking number */
	int kind;             /* enum ogi_subdeadline_kind or OGI_REMIND_REPLY */
	ogi_date due_on;
	const char *what; /* what is due in words; NULL: ogi_remind_kind_zh(kind) */
};

enum ogi_remind_state { OGI_REMIND_OVERDUE, OGI_REMIND_SOON };

struct ogi_remind_item {
	const struct ogi_remind_date *date;
	enum ogi_remind_state state;
	int wd_left; /* working days in (today, due]; negative when overdue */
};

/* No digest is made on a day off (weekend or holiday, make-up days count). */
bool ogi_remind_is_sending_day(const struct ogi_calendar *cal, ogi_date today);
/* Fills out (room for n) with the dates that are overdue or due within
 * OGI_REMIND_SOON_WD working days, overdue first, then by date and
 * tracking number; returns how many. */
size_t ogi_remind_select(const struct ogi_calendar *cal, ogi_date today,
                         const struct ogi_remind_date *in, size_t n, struct ogi_remind_item *out);

/* What is due, in Chinese. */
const char *ogi_remind_kind_zh(int kind);

struct ogi_remind_mail {
	const char *from, *to, *to_name; /* addresses; to_name may be NULL */
	long long user_id;
	ogi_date today;
	long long now_unix;     /* for the Date header, written in +0800 */
	const char *msgid_host; /* the right-hand side of the Message-ID */
	const struct ogi_remind_item *items;
	size_t nitems;
};

/* malloc'd UTF-8 subject and plain-text body (LF line ends). */
char *ogi_remind_subject(const struct ogi_remind_mail *m);
char *ogi_remind_body(const struct ogi_remind_mail *m);
/* The whole message, CRLF line ends, headers RFC 2047-encoded, body base64;
 * the Message-ID is <ogi-remind-USER-YYYYMMDD@host>, the same on every
 * attempt.  NULL when an address holds CR, LF, '<' or '>' or memory runs out. */
char *ogi_remind_message(const struct ogi_remind_mail *m);
/* RFC 2047 B-encoding of a UTF-8 header value (words of at most 75
 * characters, split at character boundaries, folded); ASCII without
 * specials is kept as is.  malloc'd. */
char *ogi_remind_encode_header(const char *utf8);

/* One digest as the administrators' list shows it. */
struct ogi_digest_row {
	long long id, user_id;
	char username[72], display_name[400], email[256];
	ogi_date day;
	char status[12];
	int attempts;
	char last_error[1004];
	char next_at[40], sent_at[40]; /* RFC 3339, empty when none */
};

#endif
