/* Fees as the API gives them: the quote of GET /api/v1/fees/quote and the
 * fee notices of GET …/fees.  Money is a number of yuan (4700, 12.5). */
#ifndef OGI_WIRE_FEE_JSON_H
#define OGI_WIRE_FEE_JSON_H

#include <jansson.h>

#include "lib/date.h"
#include "lib/domain.h"
#include "lib/fees.h"

/* An amount, or null for OGI_MONEY_NONE. */
json_t *wire_money(long long fen);

/* What each method of 国办函〔2020〕109号 would charge for a request. */
struct fee_quote {
	long long request_id, body_id;
	ogi_date received_on;
	enum ogi_regime regime;
	long long ordinal;    /* its place in the applicant's month; 0: the identity number is not
	                         recorded, so it has none */
	long long per_item;   /* yuan, for ordinal */
	long long pages;      /* as asked, or -1 */
	long long per_volume; /* yuan, for pages */
};
json_t *wire_fee_quote(const struct fee_quote *q);

json_t *wire_fee_notice(const struct ogi_fee_notice *n);

#endif
