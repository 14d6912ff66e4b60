/* The service (送达) of a letter: a delivery as ogi keeps it, the legal
 * date of a service (国办公开办函〔2016〕235号) and the checks of a delivery.
 * Pure. */
#ifndef OGI_LETTER_SERVICE_H
#define OGI_LETTER_SERVICE_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/date.h"
#include "lib/domain.h"
#include "lib/spec.h"

/* The most deliveries one letter keeps: past it 409. */
#define OGI_DELIVERIES_PER_LETTER_MAX 20

/* A letter's delivery (送达). */
struct ogi_letter_delivery {
	long long id, letter_id, request_id, body_id, version;
	enum ogi_service_method method;
	ogi_date sent_on, served_on; /* OGI_DATE_NONE when not known */
	ogi_date legal_on;           /* the legal date of the service (below), or NONE */
	char *post_tracking_no, *signed_by, *note; /* owned, NULL when absent */
	char created_by[72], created_at[40], updated_by[72], updated_at[40];
};
void ogi_letter_delivery_free(struct ogi_letter_delivery *d);

struct ogi_delivery_list {
	size_t n, cap;
	struct ogi_letter_delivery *v;
};
bool ogi_delivery_list_push(struct ogi_delivery_list *list, struct ogi_letter_delivery *d);
void ogi_delivery_list_free(struct ogi_delivery_list *list);

/* The legal date of a service (国办公开办函〔2016〕235号; for e-mail 〔2015〕207号):
 *   in_person         the day the addressee signed (served_on);
 *   post              the day handed to the post office (sent_on, 交邮之日);
 *   email, online,    the day sent — the day the mail system or the platform
 *   fax               received it (sent_on), else served_on;
 *   left_at_address   the day it was left (served_on, else sent_on);
 *   public_notice     the day the notice counts as served (served_on).
 * OGI_DATE_NONE while that day is not known. */
ogi_date ogi_service_legal_date(enum ogi_service_method m, ogi_date sent_on, ogi_date served_on);

/* The rules of a delivery beyond its spec, naming the field in errs: post
 * needs sent_on; no date before the letter's date nor after today; served_on
 * not before sent_on; a legal date once known (had_legal) is corrected, not
 * removed.  True when d passes. */
bool ogi_delivery_check(const struct ogi_letter_delivery *d, ogi_date letter_date, ogi_date today,
                        bool had_legal, struct spec_errors *errs);

#endif
