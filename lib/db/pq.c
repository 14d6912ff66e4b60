/* Parameters and columns by name for the area files (see pq.h). */
#include "lib/db/pq.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/timestamp.h"

static const char **slot(struct pq_params *p)
{
	if (p->n >= PQ_PARAMS_MAX) {
		ogi_db_log("ogi: error: %s:%d: more than %d parameters", __FILE__, __LINE__,
		           PQ_PARAMS_MAX);
		abort(); /* a statement table and its caller disagree: never at run time */
	}
	return &p->v[p->n++];
}

void pq_int(struct pq_params *p, long long v)
{
	int i = p->n;
	snprintf(p->text[i], sizeof p->text[i], "%lld", v);
	*slot(p) = p->text[i];
}

void pq_str(struct pq_params *p, const char *s)
{
	*slot(p) = s;
}

void pq_bool(struct pq_params *p, bool v)
{
	*slot(p) = v ? "true" : "false";
}

void pq_date(struct pq_params *p, ogi_date d)
{
	int i = p->n;
	if (d == OGI_DATE_NONE) {
		*slot(p) = NULL;
		return;
	}
	ogi_date_format(d, p->text[i]);
	*slot(p) = p->text[i];
}

void pq_null(struct pq_params *p)
{
	*slot(p) = NULL;
}

void pq_int_opt(struct pq_params *p, bool present, long long v)
{
	if (present)
		pq_int(p, v);
	else
		pq_null(p);
}

void pq_ids(struct pq_params *p, const long long *ids, int n, char *buf, size_t len)
{
	size_t used = (size_t)snprintf(buf, len, "{");
	for (int i = 0; i < n && used + 24 < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%lld", i ? "," : "", ids[i]);
	snprintf(buf + used, len - used, "}");
	*slot(p) = buf;
}

int pq_run(struct ogi_db *db, const char *stmt, const struct pq_params *p, PGresult **res)
{
	return ogi_db_exec(db, stmt, p ? p->n : 0, p ? p->v : NULL, res);
}

static int column(const PGresult *res, const char *col)
{
	int i = PQfnumber(res, col);
	if (i < 0)
		ogi_db_log("ogi: error: %s:%d: no column \"%s\" in the result", __FILE__, __LINE__,
		           col);
	return i;
}

bool pq_isnull(const PGresult *res, int row, const char *col)
{
	int i = column(res, col);
	return i < 0 || PQgetisnull(res, row, i);
}

const char *pq_get(const PGresult *res, int row, const char *col)
{
	int i = column(res, col);
	if (i < 0 || PQgetisnull(res, row, i))
		return NULL;
	return PQgetvalue(res, row, i);
}

long long pq_getint(const PGresult *res, int row, const char *col)
{
	const char *v = pq_get(res, row, col);
	return v ? strtoll(v, NULL, 10) : 0;
}

bool pq_getbool(const PGresult *res, int row, const char *col)
{
	const char *v = pq_get(res, row, col);
	return v != NULL && v[0] == 't';
}

ogi_date pq_getdate(const PGresult *res, int row, const char *col)
{
	const char *v = pq_get(res, row, col);
	ogi_date d;
	return v != NULL && ogi_date_parse(v, &d) ? d : OGI_DATE_NONE;
}

long long pq_getfen(const PGresult *res, int row, const char *col)
{
	const char *v = pq_get(res, row, col);
	return v ? llround(strtod(v, NULL) * 100) : 0;
}

void pq_copy(const PGresult *res, int row, const char *col, char *out, size_t len)
{
	const char *v = pq_get(res, row, col);
	snprintf(out, len, "%s", v ? v : "");
}

void pq_copy_time(const PGresult *res, int row, const char *col, char *out, size_t len)
{
	const char *v = pq_get(res, row, col);
	if (v == NULL || !ogi_timestamp_rfc3339(v, out, len))
		snprintf(out, len, "%s", v ? v : "");
}

int pq_getids(const PGresult *res, int row, const char *col, long long *out, int max)
{
	int n = 0;
	for (const char *p = pq_get(res, row, col); p != NULL && *p && n < max;) {
		if (*p >= '0' && *p <= '9') {
			char *end;
			out[n++] = strtoll(p, &end, 10);
			p = end;
		} else {
			p++;
		}
	}
	return n;
}
