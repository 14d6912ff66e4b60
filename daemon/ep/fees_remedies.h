/* Transitional (issue 12): what h_remedies.c still takes from the fee and
 * remedy glue — column helpers over PGresult (fees_remedies.c).  Recording
 * fee and consultation events is daemon/core/event_effects.h's; the remedy
 * records' dates are daemon/core/remedy_dates.h's. */
#ifndef OGID_FEES_REMEDIES_H
#define OGID_FEES_REMEDIES_H

#include "lib/calendar.h"
#include "daemon/core/ogid.h"
#include "lib/remedies.h"

json_t *date_or_null(ogi_date d);
/* A date column as a date (OGI_DATE_NONE when NULL). */
ogi_date date_column(PGresult *res, int row, int col);


#endif
