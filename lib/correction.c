/* Corrections of a registration: the fields, the check, the changes (see correction.h). */
#include "lib/correction.h"

#include <stdio.h>
#include <string.h>

#include "lib/domain.h"
#include "lib/mask.h"

const char *const ogi_corr_field_names[] = {"applicant.name",    "applicant.kind",
                                            "applicant.id_type", "applicant.id_number",
                                            "applicant.phone",   "applicant.email",
                                            "applicant.address", "applicant.postcode",
                                            "applicant.contact", "description",
                                            "purpose",           "form.medium",
                                            "form.delivery",     "channel",
                                            "received_on",       "submitted_on",
                                            "confirmed_on",      NULL};
_Static_assert(sizeof ogi_corr_field_names / sizeof ogi_corr_field_names[0] ==
                   OGI_CORR_FIELD_COUNT + 1,
               "a name for every correctable field");

#define BIT OGI_CORR_BIT
/* Fields intake checks together: an error on one counts when any of its group is corrected. */
#define DATES    (BIT(OGI_CORR_RECEIVED_ON) | BIT(OGI_CORR_SUBMITTED_ON) | BIT(OGI_CORR_CONFIRMED_ON))
#define DOCUMENT (BIT(OGI_CORR_ID_TYPE) | BIT(OGI_CORR_ID_NUMBER))

static unsigned group_of(int f)
{
	unsigned b = BIT(f);
	if (b & DATES)
		return DATES;
	if (b & DOCUMENT)
		return DOCUMENT;
	return b;
}

static const char *name_of(const char *const names[], int v)
{
	return v >= 0 ? names[v] : NULL;
}

static const char *date_of(ogi_date d, char *buf)
{
	return d == OGI_DATE_NONE ? NULL : ogi_date_format(d, buf);
}

/* Field f of record r as text (NULL when absent); dates are written into buf. */
static const char *value(const struct ogi_intake *r, int f, char buf[OGI_DATE_STRLEN])
{
	switch ((enum ogi_corr_field)f) {
	case OGI_CORR_APPLICANT_NAME:
		return r->applicant.name;
	case OGI_CORR_APPLICANT_KIND:
		return name_of(ogi_applicant_kind_names, r->applicant.kind);
	case OGI_CORR_ID_TYPE:
		return name_of(ogi_id_type_names, r->applicant.id_type);
	case OGI_CORR_ID_NUMBER:
		return r->applicant.id_number;
	case OGI_CORR_PHONE:
		return r->applicant.phone;
	case OGI_CORR_EMAIL:
		return r->applicant.email;
	case OGI_CORR_ADDRESS:
		return r->applicant.address;
	case OGI_CORR_POSTCODE:
		return r->applicant.postcode;
	case OGI_CORR_CONTACT:
		return r->applicant.contact;
	case OGI_CORR_DESCRIPTION:
		return r->description;
	case OGI_CORR_PURPOSE:
		return r->purpose;
	case OGI_CORR_FORM_MEDIUM:
		return name_of(ogi_medium_names, r->form_medium);
	case OGI_CORR_FORM_DELIVERY:
		return name_of(ogi_delivery_names, r->form_delivery);
	case OGI_CORR_CHANNEL:
		return name_of(ogi_channel_names, r->channel);
	case OGI_CORR_RECEIVED_ON:
		return date_of(r->received_on, buf);
	case OGI_CORR_SUBMITTED_ON:
		return date_of(r->submitted_on, buf);
	case OGI_CORR_CONFIRMED_ON:
		return date_of(r->confirmed_on, buf);
	case OGI_CORR_FIELD_COUNT:
		break;
	}
	return NULL;
}

/* Field f of the correction's values into r. */
static void take(struct ogi_intake *r, const struct ogi_intake *to, int f)
{
	switch ((enum ogi_corr_field)f) {
	case OGI_CORR_APPLICANT_NAME:
		r->applicant.name = to->applicant.name;
		break;
	case OGI_CORR_APPLICANT_KIND:
		r->applicant.kind = to->applicant.kind;
		break;
	case OGI_CORR_ID_TYPE:
		r->applicant.id_type = to->applicant.id_type;
		break;
	case OGI_CORR_ID_NUMBER:
		r->applicant.id_number = to->applicant.id_number;
		break;
	case OGI_CORR_PHONE:
		r->applicant.phone = to->applicant.phone;
		break;
	case OGI_CORR_EMAIL:
		r->applicant.email = to->applicant.email;
		break;
	case OGI_CORR_ADDRESS:
		r->applicant.address = to->applicant.address;
		break;
	case OGI_CORR_POSTCODE:
		r->applicant.postcode = to->applicant.postcode;
		break;
	case OGI_CORR_CONTACT:
		r->applicant.contact = to->applicant.contact;
		break;
	case OGI_CORR_DESCRIPTION:
		r->description = to->description;
		break;
	case OGI_CORR_PURPOSE:
		r->purpose = to->purpose;
		break;
	case OGI_CORR_FORM_MEDIUM:
		r->form_medium = to->form_medium;
		break;
	case OGI_CORR_FORM_DELIVERY:
		r->form_delivery = to->form_delivery;
		break;
	case OGI_CORR_CHANNEL:
		r->channel = to->channel;
		break;
	case OGI_CORR_RECEIVED_ON:
		r->received_on = to->received_on;
		break;
	case OGI_CORR_SUBMITTED_ON:
		r->submitted_on = to->submitted_on;
		break;
	case OGI_CORR_CONFIRMED_ON:
		r->confirmed_on = to->confirmed_on;
		break;
	case OGI_CORR_FIELD_COUNT:
		break;
	}
}

/* The fields a registration cannot be without (intake requires them). */
#define REQUIRED                                                                                   \
	(BIT(OGI_CORR_APPLICANT_NAME) | BIT(OGI_CORR_APPLICANT_KIND) | BIT(OGI_CORR_DESCRIPTION) | \
	 BIT(OGI_CORR_CHANNEL) | BIT(OGI_CORR_RECEIVED_ON))

static bool same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

bool ogi_correction_apply(const struct ogi_intake *before, const struct ogi_correction *corr,
                          ogi_date today, struct ogi_correction_result *out,
                          struct spec_errors *errs)
{
	int first = errs->n;
	out->after = *before;
	out->changed = 0;
	out->id_buf[0] = '\0';
	for (int f = 0; f < OGI_CORR_FIELD_COUNT; f++) {
		if (!(corr->given & BIT(f)))
			continue;
		take(&out->after, &corr->to, f);
		char buf[OGI_DATE_STRLEN];
		if ((REQUIRED & BIT(f)) && value(&out->after, f, buf) == NULL)
			spec_error_add(errs, ogi_corr_field_names[f], "required",
			               "登记必须有此项，不能清除",
			               "a registration must keep this field");
	}
	if (errs->n > first)
		return false;
	/* intake's rules over the record after; an error counts for a group corrected */
	unsigned touched = 0;
	for (int f = 0; f < OGI_CORR_FIELD_COUNT; f++)
		if (corr->given & BIT(f))
			touched |= group_of(f);
	struct spec_errors found = {0};
	ogi_intake_check(&out->after, today, &found, out->id_buf, sizeof out->id_buf);
	for (int i = 0; i < found.n; i++) {
		int f = ogi_enum_parse(ogi_corr_field_names, found.e[i].field);
		if (f < 0 || !(touched & group_of(f)))
			continue;
		if (errs->n < SPEC_MAX_ERRORS)
			errs->e[errs->n++] = found.e[i];
	}
	if (errs->n > first)
		return false;
	for (int f = 0; f < OGI_CORR_FIELD_COUNT; f++) {
		char b1[OGI_DATE_STRLEN], b2[OGI_DATE_STRLEN];
		if (!same(value(before, f, b1), value(&out->after, f, b2)))
			out->changed |= BIT(f);
	}
	return true;
}

/* Field f's value of r as the history may keep it: personal numbers masked. */
static json_t *shown(const struct ogi_intake *r, int f)
{
	char buf[OGI_DATE_STRLEN], masked[512];
	const char *v = value(r, f, buf);
	if (v == NULL)
		return json_null();
	if (f == OGI_CORR_ID_NUMBER) {
		ogi_mask_id_number(r->applicant.id_type, v, masked, sizeof masked);
		v = masked;
	} else if (f == OGI_CORR_PHONE) {
		ogi_mask_phone(v, masked, sizeof masked);
		v = masked;
	} else if (f == OGI_CORR_EMAIL) {
		ogi_mask_email(v, masked, sizeof masked);
		v = masked;
	} else if (f == OGI_CORR_ADDRESS) {
		ogi_mask_address(v, masked, sizeof masked);
		v = masked;
	} else if (f == OGI_CORR_CONTACT) {
		ogi_mask_contact(v, masked, sizeof masked);
		v = masked;
	}
	return json_string(v);
}

json_t *ogi_correction_changes(const struct ogi_intake *before,
                               const struct ogi_correction_result *res)
{
	json_t *list = json_array();
	for (int f = 0; list != NULL && f < OGI_CORR_FIELD_COUNT; f++) {
		if (!(res->changed & BIT(f)))
			continue;
		json_t *one = json_pack("{s:s, s:o, s:o}", "field", ogi_corr_field_names[f], "from",
		                        shown(before, f), "to", shown(&res->after, f));
		if (one == NULL || json_array_append_new(list, one) != 0) {
			json_decref(list);
			return NULL;
		}
	}
	return list;
}
