/* The statutory clock: one pure function from a request's receipt date,
 * regime and events (in order) to its status, due date, sub-deadlines and
 * an explanation; and the rule check made before an event is appended.
 *
 * Rules (DESIGN.md §2, law.md §1.2–1.5, §5.3, §6): the start day is not
 * counted; 20 working days (2019 regime) or 15 (2008); a correction notice
 * stops the clock and the corrected application restarts the full count
 * from the day it arrives; consultation and fee periods pause it, moving the
 * due date by the working days after the pause's first day up to and
 * including its last (overlapping pauses count once); one extension of at
 * most 20 (15) working days, decided on or before the due date; an art. 35
 * delay sets the due date.  After a reply: reconsideration 60 days and
 * litigation 6 months from delivery, moved to the next working day when
 * they end on a day off.
 *
 * Service of the reply letter (国办公开办函〔2016〕235号): once a delivery of
 * an issued reply letter has its legal date (letter_served: the day of
 * signature, for post the day handed to the post office), that date is the
 * legal reply date — replied_late compares it with the due date, and the
 * remedy windows count from it.  The latest letter_served of a reply letter
 * not voided counts.  Without one the windows count from the reply's
 * delivered_on, or from the reply date, and until a service is recorded
 * they are provisional.  Notes and letter events are recorded on a closed
 * request too (the signed return arrives weeks after the reply).
 *
 * Consultations (arts. 32–34): each has its own window, 15 working days
 * from the party's receipt of the letter (from the sending date while the
 * receipt is not recorded); the clock is paused from the sending until the
 * answer, or until the window ends when no answer came by then (art. 32: the
 * body then decides; art. 34: deemed consent).  "No answer" can be recorded
 * only after the window.  Disclosing over a third party's objection needs
 * the public-interest decision recorded first (objection_overridden).
 * Fees: the notice pauses the clock until payment or waiver; the applicant
 * has 20 working days from the notice to pay, and the fee lapses only after
 * them; per item and per volume fees apply from 2021-01-01 in the 2019
 * regime, the legacy cost fees in the 2008 regime. */
#ifndef OGI_CLOCK_H
#define OGI_CLOCK_H

#include <stdbool.h>
#include <stddef.h>

#include "api/errors.h"
#include "lib/calendar.h"
#include "lib/date.h"
#include "lib/domain.h"

struct ogi_clock_event {
	enum ogi_event_type type;
	ogi_date on;
	long long id;     /* the event's id (consultations are matched by it) */
	int working_days; /* extension_approved */
	ogi_date due_on;  /* delay_set */
	ogi_date
	    correction_due; /* correction_requested: the applicant's time to correct, or NONE */
	ogi_date party_received_on; /* consultation_started, or OGI_DATE_NONE */
	int party;                  /* consultation_started: 0 third party, 1 other body */
	long long consultation;     /* consultation_ended / _delivered, objection_overridden: id of
	                               its start; 0 = the only one open */
	int answer;                 /* consultation_ended: enum ogi_consultation_answer, or −1 */
	int outcome;                /* replied: enum ogi_outcome */
	ogi_date delivered_on;      /* replied, or OGI_DATE_NONE */
	ogi_date pay_by;            /* fee_notice_issued, or OGI_DATE_NONE */
	int fee_method;             /* fee_notice_issued: enum ogi_fee_method, or −1 */
	long long letter;           /* letter_issued / _voided / _served: the letter's id */
	int letter_kind;            /* letter_issued / _served: enum ogi_letter_kind, or −1 */
	/* record_corrected: the receipt date and the channel as they were and became
	   (OGI_DATE_NONE / −1 when the correction left them alone) — the count runs from the
	   receipt date the request has now; the step says why it moved */
	ogi_date received_from, received_to;
	int channel_from, channel_to; /* enum ogi_channel */
};

enum ogi_consultation_answer {
	OGI_ANSWER_AGREE,
	OGI_ANSWER_OBJECT,
	OGI_ANSWER_NONE,
	OGI_ANSWER_COUNT
};
extern const char *const ogi_consultation_answer_names[]; /* agree, object, no_answer */
extern const char *const ogi_consultation_party_names[];  /* third_party, other_body */

/* A consulted party's window: 15 working days from its receipt of the
 * letter, or from the sending date while that is unknown (*estimated). */
ogi_date ogi_consultation_window(const struct ogi_calendar *cal, ogi_date sent_on,
                                 ogi_date party_received_on, bool *estimated, bool *provisional);

/* An event with every optional date unset. */
struct ogi_clock_event ogi_clock_event_init(enum ogi_event_type type, ogi_date on);

struct ogi_clock_input {
	const struct ogi_calendar *cal;
	ogi_date received_on;
	enum ogi_regime regime;
	const struct ogi_clock_event *events;
	size_t nevents;
	ogi_date today;
	bool explain; /* fill steps (slower); off for lists and benchmarks */
};

enum ogi_subdeadline_kind {
	OGI_SUB_CORRECTION_NOTICE, /* 补正告知 within 7 wd of receipt (2019 regime) */
	OGI_SUB_THIRD_PARTY,       /* the consulted party's 15 wd */
	OGI_SUB_FEE_PAYMENT,       /* 20 wd from the fee notice */
	OGI_SUB_RECONSIDERATION,   /* the applicant's 60 days */
	OGI_SUB_LITIGATION,        /* the applicant's 6 months */
	OGI_SUB_CORRECTION_PERIOD, /* the applicant's time to correct, set in the notice (art. 30)
	                            */
	OGI_SUB_COUNT
};
extern const char *const ogi_subdeadline_names[];
extern const char *const ogi_subdeadline_labels_zh[];
extern const char *const ogi_subdeadline_labels_en[];

struct ogi_subdeadline {
	enum ogi_subdeadline_kind kind;
	ogi_date due_on;
	long long ref; /* the consultation's event id, for third-party windows */
	bool provisional;
	bool estimated; /* a consultation window counted from the sending date */
};

/* A consultation as the events make it. */
struct ogi_consultation {
	long long id; /* its consultation_started event */
	int party;    /* 0 third party, 1 other body */
	ogi_date sent_on, party_received_on, window;
	bool estimated;   /* window from sent_on: the receipt is not recorded */
	bool provisional; /* window counted into a year not loaded */
	int answer;       /* enum ogi_consultation_answer, −1 while unanswered */
	ogi_date answered_on;
	bool pausing;    /* the clock is paused for it now */
	bool overridden; /* art. 32 public-interest decision recorded */
};

#define OGI_CLOCK_MAX_SUB     80
#define OGI_CLOCK_MAX_CONSULT 64
#define OGI_CLOCK_MAX_STEPS   32

struct ogi_clock_step {
	ogi_date from, to;
	int workdays;
	char text_zh[1024];
	char text_en[1024];
};

struct ogi_clock {
	enum ogi_status status;
	ogi_date due_on;    /* the current due date (with an open pause: as if it ended today) */
	bool provisional;   /* the count touched a year not loaded */
	ogi_date closed_on; /* OGI_DATE_NONE while open */
	int outcome;        /* enum ogi_outcome, −1 while open */
	bool replied_late;  /* closed by a reply after the due date */
	bool overdue;       /* open, clock running and today after the due date */
	bool extension_used;
	ogi_date correction_notice_due;
	bool correction_requested, correction_notice_late;
	bool paused; /* consultation or fee period open */
	ogi_date pause_since;
	int open_consultations; /* unanswered */
	bool fee_outstanding;
	ogi_date fee_due; /* the outstanding notice's last day to pay */
	ogi_date
	    correction_due; /* awaiting correction: the applicant's last day to correct, or NONE */
	ogi_date last_on;   /* legal date of the last event that orders (not notes) */
	ogi_date
	    reply_served_on; /* the reply letter's legal service date (235号), or OGI_DATE_NONE */
	int nsub, ncons, nsteps;
	/* the arrays last: a run clears only what it uses of them */
	struct ogi_subdeadline sub[OGI_CLOCK_MAX_SUB];
	struct ogi_consultation cons[OGI_CLOCK_MAX_CONSULT];
	struct ogi_clock_step steps[OGI_CLOCK_MAX_STEPS];
};

void ogi_clock_run(const struct ogi_clock_input *in, struct ogi_clock *out);

/* 0 when next may follow in->events; else the rule it breaks, with a
 * sentence (English) for the problem's detail.  The state is taken as of
 * next's date (in->today is not used). */
enum ogi_error ogi_clock_check(const struct ogi_clock_input *in, const struct ogi_clock_event *next,
                               char *detail, size_t len);

/* The base period and the extension cap of a regime, in working days. */
int ogi_clock_period(enum ogi_regime regime);

#endif
