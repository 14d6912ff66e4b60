/* Consultations (条例 arts. 32, 34) as recorded: the read model of the
 * consultation events (consultation_started, _delivered, _ended,
 * objection_overridden), and the rules read off a request's records.  The
 * clock's own view of them, from the events, is lib/clock.h's. */
#ifndef OGI_CONSULTATION_H
#define OGI_CONSULTATION_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/clock.h"
#include "lib/date.h"
#include "lib/domain.h"

/* Who is consulted: ogi_consultation_party_names's order. */
enum ogi_consultation_party { OGI_PARTY_THIRD_PARTY, OGI_PARTY_OTHER_BODY };

struct ogi_consultation_record {
	long long id; /* its consultation_started event */
	enum ogi_consultation_party party;
	char *name;                          /* owned */
	ogi_date sent_on, party_received_on; /* the receipt OGI_DATE_NONE while unknown */
	int answer;                          /* enum ogi_consultation_answer, -1 while unanswered */
	ogi_date answered_on;
	char *reasons;         /* owned; NULL when none */
	char *override_reason; /* owned: art. 32's public-interest decision, NULL when none */
	ogi_date override_on, notified_on;
};

/* Frees what n records own and the array. */
void ogi_consultation_records_free(struct ogi_consultation_record *v, size_t n);

/* An event of type t that names no consultation is about the one that fits:
 * for consultation_delivered and consultation_ended an unanswered one (a
 * receipt may also be learnt after every answer: then any fits); for
 * objection_overridden a third party's objection not yet overridden (art.
 * 32).  Returns how many of the n records fit, the last of them in *id. */
int ogi_consultation_fitting(enum ogi_event_type t, const struct ogi_consultation_record *v,
                             size_t n, long long *id);

/* Art. 34: a body consulted (co-producer) that does not answer in its
 * window is deemed to consent; a third party's silence is not consent (art.
 * 32: the body decides). */
bool ogi_consultation_deemed_consent(const struct ogi_consultation_record *k);

#endif
