/* A correction of a registration as the API takes it (see correction_json.h). */
#include "daemon/wire/correction_json.h"

#include <string.h>

#include "lib/domain.h"

/* Whether the body names field f (a value or null): its dotted name split at the dot. */
static bool named(json_t *body, int f)
{
	const char *name = ogi_corr_field_names[f];
	const char *dot = strchr(name, '.');
	if (dot == NULL)
		return json_object_get(body, name) != NULL;
	char parent[32];
	size_t n = (size_t)(dot - name);
	if (n >= sizeof parent)
		return false;
	memcpy(parent, name, n);
	parent[n] = '\0';
	json_t *obj = json_object_get(body, parent);
	return json_is_object(obj) && json_object_get(obj, dot + 1) != NULL;
}

bool wire_correction_parse(json_t *body, struct correction_input *in, struct spec_errors *errs)
{
	*in = (struct correction_input){0};
	struct ogi_intake *to = &in->corr.to;
	*to = (struct ogi_intake){.channel = -1,
	                          .received_on = OGI_DATE_NONE,
	                          .submitted_on = OGI_DATE_NONE,
	                          .confirmed_on = OGI_DATE_NONE,
	                          .applicant = {.kind = -1, .id_type = -1},
	                          .form_medium = -1,
	                          .form_delivery = -1};
	bool has[OGI_CORR_FIELD_COUNT + 4] = {false};
	struct spec applicant[] = {
	    SPEC_OPT(&has[0], SPEC_F_STRING("name", &to->applicant.name, 200), SPEC_F_NONEMPTY),
	    SPEC_OPT(&has[1], SPEC_F_ENUM("kind", ogi_applicant_kind_names, &to->applicant.kind)),
	    SPEC_OPT(&has[2], SPEC_F_ENUM("id_type", ogi_id_type_names, &to->applicant.id_type)),
	    SPEC_OPT(&has[3], SPEC_F_STRING("id_number", &to->applicant.id_number, 64)),
	    SPEC_OPT(&has[4], SPEC_F_STRING("phone", &to->applicant.phone, 32)),
	    SPEC_OPT(&has[5], SPEC_F_STRING("email", &to->applicant.email, 254)),
	    SPEC_OPT(&has[6], SPEC_F_STRING("address", &to->applicant.address, 500)),
	    SPEC_OPT(&has[7], SPEC_F_STRING("contact", &to->applicant.contact, 200)),
	    SPEC_OPT(&has[16], SPEC_F_STRING("postcode", &to->applicant.postcode, 6)),
	    SPEC_END,
	};
	struct spec form[] = {
	    SPEC_OPT(&has[8], SPEC_F_ENUM("medium", ogi_medium_names, &to->form_medium)),
	    SPEC_OPT(&has[9], SPEC_F_ENUM("delivery", ogi_delivery_names, &to->form_delivery)),
	    SPEC_END,
	};
	bool has_applicant = false, has_form = false, has_override = false;
	struct spec spec[] = {
	    SPEC_STRING("reason", &in->reason, 2000),
	    SPEC_OPT(&has_override, SPEC_F_STRING("override_reason", &in->override_reason, 500)),
	    SPEC_OPT(&has_applicant, SPEC_F_OBJECT("applicant", applicant)),
	    SPEC_OPT(&has[10], SPEC_F_STRING("description", &to->description, 5000),
	             SPEC_F_NONEMPTY),
	    SPEC_OPT(&has[11], SPEC_F_STRING("purpose", &to->purpose, 1000)),
	    SPEC_OPT(&has_form, SPEC_F_OBJECT("form", form)),
	    SPEC_OPT(&has[12], SPEC_F_ENUM("channel", ogi_channel_names, &to->channel)),
	    SPEC_OPT(&has[13], SPEC_F_DATE("received_on", &to->received_on)),
	    SPEC_OPT(&has[14], SPEC_F_DATE("submitted_on", &to->submitted_on)),
	    SPEC_OPT(&has[15], SPEC_F_DATE("confirmed_on", &to->confirmed_on)),
	    SPEC_END,
	};
	if (!spec_parse(body, spec, errs))
		return false;
	if (strspn(in->reason, " \t\r\n") == strlen(in->reason))
		spec_error_add(errs, "reason", "empty", "请填写更正的理由",
		               "give the reason for the correction");
	if (!has_override)
		in->override_reason = NULL;
	for (int f = 0; f < OGI_CORR_FIELD_COUNT; f++)
		if (named(body, f))
			in->corr.given |= OGI_CORR_BIT(f);
	if (in->corr.given == 0)
		spec_error_add(errs, "", "empty", "没有要更正的内容：请至少更正一项登记信息",
		               "nothing to correct: name at least one field of the registration");
	return errs->n == 0;
}
