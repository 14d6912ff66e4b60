/* lib/db for consultations: the read model consultations (one row per
 * consultation_started event, its id that event's, brought up to date by
 * the later consultation events in their transaction).  Every function
 * returns 0 or a status < 0 (db.h); an update of a consultation the
 * request does not have (id 0: none named) changes nothing. */
#ifndef OGI_DB_CONSULTATIONS_H
#define OGI_DB_CONSULTATIONS_H

#include <stddef.h>

#include "lib/consultation.h"
#include "lib/date.h"
#include "lib/db/db.h"

/* Every consultation of request_id in order into a new array *out of *n
 * (free it with ogi_consultation_records_free). */
int ogi_db_consultations_of(struct ogi_db *db, long long request_id,
                            struct ogi_consultation_record **out, size_t *n);

/* consultation_started (event id, on sent_on) of request_id of body_id: the
 * party consulted, its name, and the day it received the letter (or
 * OGI_DATE_NONE). */
int ogi_db_consultation_insert(struct ogi_db *db, long long request_id, long long body_id,
                               long long id, enum ogi_consultation_party party, const char *name,
                               ogi_date sent_on, ogi_date party_received_on);
/* consultation_delivered: the party received consultation id's letter on on. */
int ogi_db_consultation_delivered(struct ogi_db *db, long long request_id, long long id,
                                  ogi_date on);
/* consultation_ended (event event_id): answer (enum ogi_consultation_answer) on on,
 * with the party's reasons (or NULL). */
int ogi_db_consultation_end(struct ogi_db *db, long long request_id, long long id, int answer,
                            ogi_date on, const char *reasons, long long event_id);
/* objection_overridden (event event_id): art. 32's decision on on for reason, the
 * party told on notified_on (or OGI_DATE_NONE). */
int ogi_db_consultation_override(struct ogi_db *db, long long request_id, long long id,
                                 const char *reason, ogi_date on, ogi_date notified_on,
                                 long long event_id);

#endif
