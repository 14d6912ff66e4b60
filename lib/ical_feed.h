/* A user's deadlines as an iCalendar feed (RFC 5545, issue 16 item 5): one all-day
 * VEVENT per date that is due — a request's reply due date, its sub-deadlines, its remedy
 * records' dates — that calendar applications subscribe to and fetch again.  An event's
 * UID names the request and what is due, not the date, so a deadline that moves moves the
 * event instead of adding one.  Written with libical, in this file only. */
#ifndef OGI_ICAL_FEED_H
#define OGI_ICAL_FEED_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "lib/date.h"

struct ogi_feed_event {
	long long request_id;
	const char *tracking; /* the request's tracking number */
	const char *kind;     /* "reply_due", a sub-deadline's or a remedy date's kind */
	int seq;              /* the how-manieth date of this kind on the request, from 0 */
	const char *what;     /* what is due, in words */
	const char *body;     /* the body's name */
	ogi_date on;
	bool provisional; /* a date that may still move (an estimate, a pending step) */
};

/* The feed named name (X-WR-CALNAME) with the n events, stamped now (DTSTAMP), as text
 * with CRLF line ends and folded lines; malloc'd (free it), NULL when out of memory. * host names
 * the events' UIDs (…@host); link, when not NULL, is the start of a request's page, its id appended
 * (each event's URL). */
char *ogi_ical_feed(const char *name, const char *host, const char *link,
                    const struct ogi_feed_event *ev, size_t n, time_t now);

#endif
