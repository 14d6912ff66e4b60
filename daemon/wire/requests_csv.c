/* Requests as CSV (see requests_csv.h). */
#include "daemon/wire/requests_csv.h"

#include <stdlib.h>
#include <string.h>

/* The columns: a clerk's heading and the field's name for scripts (?codes=true);
 * a row's values follow them in wire_requests_csv_row. */
static const struct {
	const char *zh, *code;
} columns[] = {
    {"编号", "tracking_no"},
    {"机关", "body"},
    {"收到申请日期", "received_on"},
    {"提交日期", "submitted_on"},
    {"确认日期", "confirmed_on"},
    {"申请方式", "channel"},
    {"适用条例", "regime"},
    {"申请人类型", "applicant_kind"},
    {"申请人", "applicant_name"},
    {"申请内容", "description"},
    {"状态", "status"},
    {"答复期限", "due_on"},
    {"答复期限为暂定", "provisional_deadline"},
    {"补正告知期限", "correction_notice_due"},
    {"其他期限", "next_subdeadline"},
    {"办结日期", "closed_on"},
    {"办理结果", "outcome"},
    {"逾期答复", "replied_late"},
    {"已延期", "extension_used"},
};
#define NCOLS (sizeof columns / sizeof columns[0])

/* The words of the web client (clients/web/js/i18n.js) for the codes. */
static const char *const channel_zh[] = {"当面提交", "口头提出", "邮寄（需签收）", "平常信函",
                                         "互联网",   "传真",     "电子邮件",       NULL};
static const char *const regime_zh[] = {"2008年施行的条例", "2019年修订的条例", NULL};
static const char *const kind_zh[] = {"自然人",       "商业企业", "科研机构", "社会公益组织",
                                      "法律服务机构", "其他组织", NULL};
static const char *const status_zh[] = {"办理中", "待补正", "征求意见中", "待缴费", "已办结", NULL};
_Static_assert(sizeof channel_zh / sizeof *channel_zh == OGI_CHANNEL_COUNT + 1, "every channel");
_Static_assert(sizeof regime_zh / sizeof *regime_zh == 3, "both regimes");
_Static_assert(sizeof kind_zh / sizeof *kind_zh == OGI_APPLICANT_KIND_COUNT + 1, "every kind");
_Static_assert(sizeof status_zh / sizeof *status_zh == OGI_STATUS_COUNT + 1, "every status");

void wire_csv_free(struct wire_csv *w)
{
	free(w->buf);
	*w = (struct wire_csv){0};
}

/* Room for need more bytes; false (w freed) when out of memory. */
static bool grow(struct wire_csv *w, size_t need)
{
	if (w->len + need < w->cap)
		return true;
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
	return true;
}

/* One field, then a comma or the line's end (RFC 4180's CRLF); NULL: an
 * empty field.  Text is quoted; a date (bare) stays unquoted so a
 * spreadsheet reads it as a date. */
static bool field(struct wire_csv *w, const char *v, bool bare, bool last)
{
	if (!grow(w, (v ? 2 * strlen(v) : 0) + 5))
		return false;
	char *o = w->buf + w->len;
	if (v != NULL && bare) {
		size_t n = strlen(v);
		memcpy(o, v, n);
		o += n;
	} else if (v != NULL) {
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
	if (last) {
		*o++ = '\r';
		*o++ = '\n';
	} else {
		*o++ = ',';
	}
	w->len = (size_t)(o - w->buf);
	return true;
}

bool wire_requests_csv_begin(struct wire_csv *w, bool codes)
{
	*w = (struct wire_csv){.cap = 4096, .codes = codes};
	if ((w->buf = malloc(w->cap)) == NULL)
		return false;
	/* the BOM: Excel and WPS read the file as UTF-8 */
	memcpy(w->buf, "\xEF\xBB\xBF", 3);
	w->len = 3;
	for (size_t k = 0; k < NCOLS; k++)
		if (!field(w, codes ? columns[k].code : columns[k].zh, false, k + 1 == NCOLS))
			return false;
	return true;
}

/* A date as YYYY-MM-DD, or NULL (an empty field). */
static const char *date(ogi_date d, char buf[OGI_DATE_STRLEN])
{
	return d == OGI_DATE_NONE ? NULL : ogi_date_format(d, buf);
}

/* A value by its code (codes) or its words. */
static const char *name(const struct wire_csv *w, const char *const codes[],
                        const char *const words[], int v)
{
	return v < 0 ? NULL : w->codes ? codes[v] : words[v];
}

static const char *flag(const struct wire_csv *w, bool v)
{
	return w->codes ? (v ? "true" : "false") : (v ? "是" : "否");
}

bool wire_requests_csv_row(struct wire_csv *w, const struct ogi_request *r)
{
	char d[7][OGI_DATE_STRLEN];
	/* in the order of columns; bare: dates, which a spreadsheet reads as such */
	const struct {
		const char *v;
		bool bare;
	} v[] = {
	    {r->tracking_no, false},
	    {r->body_name, false},
	    {date(r->received_on, d[0]), true},
	    {date(r->submitted_on, d[1]), true},
	    {date(r->confirmed_on, d[2]), true},
	    {name(w, ogi_channel_names, channel_zh, r->channel), false},
	    {name(w, ogi_regime_names, regime_zh, r->regime), false},
	    {name(w, ogi_applicant_kind_names, kind_zh, r->applicant.kind), false},
	    {r->applicant.name, false},
	    {r->description, false},
	    {name(w, ogi_status_names, status_zh, r->status), false},
	    {date(r->due_on, d[3]), true},
	    {r->due_on != OGI_DATE_NONE ? flag(w, r->provisional) : NULL, false},
	    {date(r->correction_notice_due, d[4]), true},
	    {date(r->next_subdeadline, d[5]), true},
	    {date(r->closed_on, d[6]), true},
	    {name(w, ogi_outcome_names, ogi_outcome_labels_zh, r->outcome), false},
	    {flag(w, r->replied_late), false},
	    {flag(w, r->extension_used), false},
	};
	_Static_assert(sizeof v / sizeof v[0] == NCOLS, "a value for each column");
	for (size_t k = 0; k < NCOLS; k++)
		if (!field(w, v[k].v, v[k].bare, k + 1 == NCOLS))
			return false;
	return true;
}
