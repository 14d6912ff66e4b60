/* Transitional (issue 12): the column helpers h_remedies.c still reads its
 * rows with (fees_remedies.h); they go with it. */
#include "daemon/ep/fees_remedies.h"

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
