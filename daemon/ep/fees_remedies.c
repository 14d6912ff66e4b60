/* Transitional (issue 12): the column helpers h_fees.c and h_remedies.c
 * still read their rows with (fees_remedies.h); they go with them. */
#include "daemon/ep/fees_remedies.h"

#include "lib/fees.h"

json_t *money_json(long long fen)
{
	return ogi_money_json(fen);
}

json_t *money_column(PGresult *res, int row, int col)
{
	long long fen;
	const char *v = ogi_db_str(res, row, col);
	return v != NULL && ogi_money_parse(v, &fen) ? money_json(fen) : json_null();
}

json_t *date_or_null(ogi_date d)
{
	char buf[OGI_DATE_STRLEN];
	return d == OGI_DATE_NONE ? json_null() : json_string(ogi_date_format(d, buf));
}

ogi_date date_column(PGresult *res, int row, int col)
{
	ogi_date d;
	const char *v = ogi_db_str(res, row, col);
	return v != NULL && ogi_date_parse(v, &d) ? d : OGI_DATE_NONE;
}
