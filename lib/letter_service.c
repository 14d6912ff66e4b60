/* The service of a letter (see letter_service.h). */
#include "lib/letter_service.h"

#include <stdlib.h>
#include <string.h>

void ogi_letter_delivery_free(struct ogi_letter_delivery *d)
{
	free(d->post_tracking_no);
	free(d->signed_by);
	free(d->note);
	memset(d, 0, sizeof *d);
}

bool ogi_delivery_list_push(struct ogi_delivery_list *list, struct ogi_letter_delivery *d)
{
	if (list->n == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 4;
		struct ogi_letter_delivery *v = realloc(list->v, cap * sizeof *v);
		if (v == NULL) {
			ogi_letter_delivery_free(d);
			return false;
		}
		list->v = v;
		list->cap = cap;
	}
	list->v[list->n++] = *d;
	memset(d, 0, sizeof *d);
	return true;
}

void ogi_delivery_list_free(struct ogi_delivery_list *list)
{
	for (size_t i = 0; i < list->n; i++)
		ogi_letter_delivery_free(&list->v[i]);
	free(list->v);
	memset(list, 0, sizeof *list);
}

ogi_date ogi_service_legal_date(enum ogi_service_method m, ogi_date sent_on, ogi_date served_on)
{
	switch (m) {
	case OGI_SERVICE_POST:
		return sent_on; /* 235号: 以交邮之日为准 */
	case OGI_SERVICE_EMAIL:
	case OGI_SERVICE_ONLINE:
	case OGI_SERVICE_FAX:
		return sent_on != OGI_DATE_NONE ? sent_on : served_on;
	case OGI_SERVICE_LEFT_AT_ADDRESS:
		return served_on != OGI_DATE_NONE ? served_on : sent_on;
	case OGI_SERVICE_IN_PERSON: /* 235号: 签收之日 */
	case OGI_SERVICE_PUBLIC_NOTICE:
		return served_on;
	case OGI_SERVICE_METHOD_COUNT:
		break;
	}
	return OGI_DATE_NONE;
}

static void date_bounds(struct spec_errors *errs, const char *field, ogi_date d,
                        ogi_date letter_date, ogi_date today)
{
	if (d == OGI_DATE_NONE)
		return;
	if (d > today)
		spec_error_add(errs, field, "date_in_future", "日期不能晚于今天",
		               "the date cannot be in the future");
	else if (d < letter_date)
		spec_error_add(errs, field, "range", "不能早于文书日期",
		               "cannot be before the letter's date");
}

bool ogi_delivery_check(const struct ogi_letter_delivery *d, ogi_date letter_date, ogi_date today,
                        bool had_legal, struct spec_errors *errs)
{
	int before = errs->n;
	if (d->method == OGI_SERVICE_POST && d->sent_on == OGI_DATE_NONE)
		spec_error_add(errs, "sent_on", "required",
		               "邮寄送达须填写交邮日期（以交邮之日为答复日期）",
		               "post needs sent_on: the day handed to the post office is the legal "
		               "date");
	date_bounds(errs, "sent_on", d->sent_on, letter_date, today);
	date_bounds(errs, "served_on", d->served_on, letter_date, today);
	if (d->sent_on != OGI_DATE_NONE && d->served_on != OGI_DATE_NONE &&
	    d->served_on < d->sent_on)
		spec_error_add(errs, "served_on", "range", "送达日期不能早于发出日期",
		               "cannot be before sent_on");
	if (errs->n == before && had_legal &&
	    ogi_service_legal_date(d->method, d->sent_on, d->served_on) == OGI_DATE_NONE)
		spec_error_add(errs,
		               d->method == OGI_SERVICE_POST || d->method == OGI_SERVICE_EMAIL ||
		                       d->method == OGI_SERVICE_ONLINE ||
		                       d->method == OGI_SERVICE_FAX
		                   ? "sent_on"
		                   : "served_on",
		               "required", "已登记的送达日期只能更正，不能删除",
		               "a service date already recorded may be corrected, not removed");
	return errs->n == before;
}
