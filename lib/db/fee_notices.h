/* lib/db for fees: the fee notices of a request (the read model
 * fee_notices, one row per fee_notice_issued event, settled by the later
 * fee events in their transaction) and the applicant's running count of the
 * month that per-item fees are charged by.  Every function returns 0 (or
 * the row count where it says), OGI_E_NOT_FOUND where it says, or a status
 * < 0 (db.h). */
#ifndef OGI_DB_FEE_NOTICES_H
#define OGI_DB_FEE_NOTICES_H

#include <stddef.h>

#include "lib/date.h"
#include "lib/db/db.h"
#include "lib/fees.h"

/* Every notice of request_id in order into a new array *out of *n (free it
 * with ogi_fee_notices_free). */
int ogi_db_fee_notices_of(struct ogi_db *db, long long request_id, struct ogi_fee_notice **out,
                          size_t *n);

/* The notice of request_id still outstanding (at most one), locked for the
 * caller's transaction; OGI_E_NOT_FOUND when none is.  out owns its
 * waiver_note: free() it. */
int ogi_db_fee_notice_outstanding(struct ogi_db *db, long long request_id,
                                  struct ogi_fee_notice *out);

/* Records notice n (request_id, body_id, event_id, method, notice_on,
 * pay_by, ordinal for per_item, pages for per_volume, quoted, amount,
 * parts; the rest is the outstanding state). */
int ogi_db_fee_notice_insert(struct ogi_db *db, const struct ogi_fee_notice *n);

/* How the outstanding notice of a request was settled, by event event_id on on. */
struct ogi_fee_settlement {
	enum ogi_fee_status status; /* paid, waived or lapsed */
	ogi_date on;
	long long event_id;
	long long paid;                          /* paid: collected; else OGI_MONEY_NONE */
	int reason;                              /* enum ogi_waiver_reason, or -1 */
	const char *note;                        /* or NULL */
	long long paid_part[OGI_FEE_PART_COUNT]; /* or OGI_MONEY_NONE */
};
/* Settles request_id's outstanding notice, if it has one (none: nothing changes). */
int ogi_db_fee_notice_settle(struct ogi_db *db, long long request_id,
                             const struct ogi_fee_settlement *s);

/* The place of request_id among the requests of the applicant with
 * identity number id_number to body_id received in the natural month of
 * received_on, counting those received before it and on its day up to it
 * (国办函〔2020〕109号 art. 4: the same applicant, the same body, one
 * month), into *ordinal. */
int ogi_db_applicant_month_count(struct ogi_db *db, long long body_id, const char *id_number,
                                 ogi_date received_on, long long request_id, long long *ordinal);

#endif
