/* An application as registered at intake (POST /api/v1/requests), before
 * it has an id: what the clerk typed, checked. */
#ifndef OGI_INTAKE_H
#define OGI_INTAKE_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/date.h"
#include "lib/domain.h"
#include "lib/spec.h"

struct ogi_intake {
	long long body_id;
	int channel;                                      /* enum ogi_channel */
	ogi_date received_on, submitted_on, confirmed_on; /* OGI_DATE_NONE when absent */
	struct {
		int kind;    /* enum ogi_applicant_kind */
		int id_type; /* enum ogi_id_type, or -1 */
		/* borrowed; NULL when absent; id_number normalized (upper case, no spaces) */
		const char *name, *id_number, *phone, *email, *address, *contact;
		const char *postcode; /* 邮政编码: six digits, or NULL */
	} applicant;
	const char *description, *purpose; /* purpose NULL when absent */
	int form_medium, form_delivery;    /* enum ogi_medium / ogi_delivery, or -1 */
};

/* The first receipt date ogi registers: the day the regulation came into
 * force (条例 (国务院令第492号, 2007) art. 38).  An application received
 * before it had no statutory clock to track. */
#define OGI_INTAKE_FLOOR_YEAR  2008
#define OGI_INTAKE_FLOOR_MONTH 5
#define OGI_INTAKE_FLOOR_DAY   1

/* The longest a submission may lie before its receipt (art. 31(二)(三): the
 * post's days, a confirmation's days or weeks), with room to spare: a year. */
#define OGI_INTAKE_SUBMITTED_MAX_DAYS 366

/* The rules of an application beyond the types its spec checks, as of
 * today: one error in errs for each rule in breaks, named by the API's
 * field (received_on, submitted_on, confirmed_on, applicant.id_type,
 * applicant.id_number, applicant.phone, applicant.email, applicant.postcode) with its code
 * (date_in_future, before_regulation, after_receipt, too_early, required, and those
 * of lib/idcheck.h).  A valid identity number is written in its normal
 * form into id_buf and in->applicant.id_number pointed at it.  True when
 * in breaks none. */
bool ogi_intake_check(struct ogi_intake *in, ogi_date today, struct spec_errors *errs, char *id_buf,
                      size_t id_len);

#endif
