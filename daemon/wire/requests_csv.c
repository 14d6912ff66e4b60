/* Requests as CSV (see requests_csv.h). */
#include "daemon/wire/requests_csv.h"

#include <stdlib.h>
#include <string.h>

/* The columns' titles; a row's values follow them in wire_requests_csv_row. */
static const char *const titles[] = {
    "编号 tracking_no",
    "机关 body",
    "收到申请日期 received_on",
    "提交日期 submitted_on",
    "确认日期 confirmed_on",
    "渠道 channel",
    "适用条例 regime",
    "申请人类型 applicant_kind",
    "申请人 applicant_name",
    "申请内容 description",
    "状态 status",
    "答复期限 due_on",
    "补正告知期限 correction_notice_due",
    "其他期限 next_subdeadline",
    "办结日期 closed_on",
    "办理结果 outcome",
    "逾期答复 replied_late",
    "已延期 extension_used",
};
#define NCOLS (sizeof titles / sizeof titles[0])

void wire_csv_free(struct wire_csv *w)
{
	free(w->buf);
	*w = (struct wire_csv){0};
}

/* One field, quoted, then a comma or the line's end; NULL: an empty field. */
static bool field(struct wire_csv *w, const char *v, bool last)
{
	size_t need = (v ? 2 * strlen(v) : 0) + 4;
	if (w->len + need >= w->cap) {
		size_t cap = w->cap;
		while (w->len + need >= cap)
			cap *= 2;
		char *grown = realloc(w->buf, cap);
		if (grown == NULL) {
			wire_csv_free(w);
			return false;
		}
		w->buf = grown;
		w->cap = cap;
	}
	char *o = w->buf + w->len;
	if (v != NULL) {
		/* a leading = + - @ would be a formula in a spreadsheet */
		bool guard = v[0] != '\0' && strchr("=+-@", v[0]) != NULL;
		*o++ = '"';
		if (guard)
			*o++ = '\'';
		for (const char *s = v; *s; s++) {
			if (*s == '"')
				*o++ = '"';
			*o++ = *s;
		}
		*o++ = '"';
	}
	*o++ = last ? '\n' : ',';
	w->len = (size_t)(o - w->buf);
	return true;
}

bool wire_requests_csv_begin(struct wire_csv *w)
{
	*w = (struct wire_csv){.cap = 4096};
	if ((w->buf = malloc(w->cap)) == NULL)
		return false;
	memcpy(w->buf, "\xEF\xBB\xBF", 3);
	w->len = 3;
	for (size_t k = 0; k < NCOLS; k++)
		if (!field(w, titles[k], k + 1 == NCOLS))
			return false;
	return true;
}

/* A date as PostgreSQL writes it, or NULL (an empty field). */
static const char *date(ogi_date d, char buf[OGI_DATE_STRLEN])
{
	return d == OGI_DATE_NONE ? NULL : ogi_date_format(d, buf);
}

static const char *name(const char *const names[], int v)
{
	return v >= 0 ? names[v] : NULL;
}

bool wire_requests_csv_row(struct wire_csv *w, const struct ogi_request *r)
{
	char d[7][OGI_DATE_STRLEN];
	/* as the columns read in PostgreSQL's text (booleans t or f), in the order of titles */
	const char *v[] = {
	    r->tracking_no,
	    r->body_name,
	    date(r->received_on, d[0]),
	    date(r->submitted_on, d[1]),
	    date(r->confirmed_on, d[2]),
	    name(ogi_channel_names, r->channel),
	    name(ogi_regime_names, r->regime),
	    name(ogi_applicant_kind_names, r->applicant.kind),
	    r->applicant.name,
	    r->description,
	    name(ogi_status_names, r->status),
	    date(r->due_on, d[3]),
	    date(r->correction_notice_due, d[4]),
	    date(r->next_subdeadline, d[5]),
	    date(r->closed_on, d[6]),
	    name(ogi_outcome_names, r->outcome),
	    r->replied_late ? "t" : "f",
	    r->extension_used ? "t" : "f",
	};
	_Static_assert(sizeof v / sizeof v[0] == NCOLS, "a value for each column");
	for (size_t k = 0; k < NCOLS; k++)
		if (!field(w, v[k], k + 1 == NCOLS))
			return false;
	return true;
}
