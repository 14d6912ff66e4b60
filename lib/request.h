/* A request (依申请公开 application) and its events as lib/, lib/db and the
 * wire see them: plain structs, no SQL, no JSON text. */
#ifndef OGI_REQUEST_H
#define OGI_REQUEST_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "lib/date.h"
#include "lib/domain.h"

/* The most events a request records: a write past it is refused (409
 * history_full) rather than a load ever cutting a history short.  Events
 * ogi records itself (deadline_recomputed) are not refused. */
#define OGI_EVENTS_MAX 1000
/* The deepest body tree: a body's path from its root holds at most this many ids. */
#define OGI_BODY_DEPTH_MAX 64

struct ogi_applicant {
	int kind;                                                   /* enum ogi_applicant_kind */
	int id_type;                                                /* enum ogi_id_type, or -1 */
	char *name, *id_number, *phone, *email, *address, *contact; /* NULL when absent */
	char *postcode; /* 邮政编码: six digits, or NULL */
};

struct ogi_request {
	long long id, body_id, version;
	int year, seq;
	char tracking_no[64];
	int channel;                                      /* enum ogi_channel */
	ogi_date received_on, submitted_on, confirmed_on; /* OGI_DATE_NONE when absent */
	int regime;                                       /* enum ogi_regime */
	struct ogi_applicant applicant;
	char *description, *purpose;    /* purpose NULL when absent */
	int form_medium, form_delivery; /* enum ogi_medium / ogi_delivery, or -1 */
	int status;                     /* enum ogi_status */
	ogi_date due_on, closed_on, correction_notice_due, next_subdeadline;
	bool provisional, replied_late, extension_used, correction_notice_late;
	int outcome;   /* enum ogi_outcome, or -1 while open */
	json_t *clock; /* owned: {subdeadlines, paused, pause_since} as the projection stored it */
	char created_at[40];
	long long
	    body_path[OGI_BODY_DEPTH_MAX]; /* the body's ancestors from the root, itself last */
	int npath;
	char body_name[256];
	/* 承办 (issue 16): the assignee (0: nobody) with the name people read, and the unit */
	long long assignee_id;
	char assignee_name[404];
	char *unit; /* NULL when none */
	/* the bodies it was transferred from, with their ancestors: they still read it */
	long long former_path[OGI_BODY_DEPTH_MAX];
	int nformer;
	/* an open supervision (督办) of a body above: its id (0: none), report-by date, note */
	long long supervision_id;
	ogi_date supervision_report_by;
	char *supervision_note;   /* NULL when none */
	char supervision_by[256]; /* the supervising body's name */
};

/* Frees what r owns and zeroes it. */
void ogi_request_free(struct ogi_request *r);

/* Requests in the order a list gave them (lib/db fills it). */
struct ogi_request_list {
	size_t n, cap;
	struct ogi_request *r;
};
/* Appends r (taking what it owns); false when out of memory (r is then freed). */
bool ogi_request_list_push(struct ogi_request_list *l, struct ogi_request *r);
/* Frees the list and the requests it holds. */
void ogi_request_list_free(struct ogi_request_list *l);

/* Which requests a list shows (GET /api/v1/requests and its CSV; the queue
 * reads roots, body_id with its subtree, q, status and today).  Absent
 * filters: 0, -1, OGI_DATE_NONE, NULL, false. */
struct ogi_request_filter {
	const long long *roots; /* the bodies the caller may read, each with its subtree */
	int nroots;
	long long body_id; /* only this body (0: all of roots) */
	bool subtree;      /* with body_id: and its sub-bodies */
	int status;        /* enum ogi_status, or -1 */
	bool has_overdue;  /* then only requests that are (or are not) overdue as of today */
	bool overdue;
	ogi_date due_before;    /* due on or before */
	ogi_date received_from; /* received on or after */
	ogi_date received_to;   /* received on or before */
	int outcome;            /* enum ogi_outcome, or -1 */
	const char
	    *q; /* a substring, taken literally, of the tracking number, applicant or description */
	long long after; /* keyset paging, newest first: ids below this one (0: from the newest) */
	ogi_date today;  /* what overdue means */
	long long limit; /* rows at most */
	long long assignee;  /* only this user's (0: anyone's, -1: nobody's) */
	const char *unit;    /* only this unit's (NULL: any) */
	bool has_supervised; /* then only requests with (or without) an open supervision */
	bool supervised;
};
bool ogi_request_open(const struct ogi_request *r);
/* Open, still registered and past its due date as of today. */
bool ogi_request_overdue(const struct ogi_request *r, ogi_date today);

/* One event of a request's history, as stored. */
struct ogi_event {
	long long id;
	enum ogi_event_type type;
	ogi_date on;
	json_t *payload; /* owned by the list it is in */
	char actor[72];
	char actor_name[404]; /* the person's display name (users.display_name), else actor */
	char recorded_at[40];
};

/* A request's whole history in order (lib/db fills it; it grows as needed). */
struct ogi_event_list {
	size_t n, cap;
	struct ogi_event *e;
};

/* Appends ev (taking its payload); false when out of memory (the payload is then freed). */
bool ogi_event_list_push(struct ogi_event_list *l, const struct ogi_event *ev);
/* Frees the list and the payloads it holds. */
void ogi_event_list_free(struct ogi_event_list *l);

#endif
