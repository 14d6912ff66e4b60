/* An application as registered at intake (POST /api/v1/requests), before
 * it has an id: what the clerk typed, checked. */
#ifndef OGI_INTAKE_H
#define OGI_INTAKE_H

#include <stdbool.h>

#include "lib/date.h"
#include "lib/domain.h"

struct ogi_intake {
	long long body_id;
	int channel; /* enum ogi_channel */
	ogi_date received_on, submitted_on, confirmed_on; /* OGI_DATE_NONE when absent */
	struct {
		int kind;    /* enum ogi_applicant_kind */
		int id_type; /* enum ogi_id_type, or -1 */
		/* borrowed; NULL when absent; id_number normalized (upper case, no spaces) */
		const char *name, *id_number, *phone, *email, *address, *contact;
	} applicant;
	const char *description, *purpose; /* purpose NULL when absent */
	int form_medium, form_delivery;    /* enum ogi_medium / ogi_delivery, or -1 */
};

#endif
