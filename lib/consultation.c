/* Consultations as recorded (see consultation.h). */
#include "lib/consultation.h"

#include <stdlib.h>

void ogi_consultation_records_free(struct ogi_consultation_record *v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++) {
		free(v[i].name);
		free(v[i].reasons);
		free(v[i].override_reason);
	}
	free(v);
}

int ogi_consultation_fitting(enum ogi_event_type t, const struct ogi_consultation_record *v,
                             size_t n, long long *id)
{
	int fitting = 0;
	size_t unanswered = 0;
	for (size_t i = 0; i < n; i++)
		unanswered += v[i].answer < 0;
	for (size_t i = 0; i < n; i++) {
		bool fits;
		if (t == OGI_EV_OBJECTION_OVERRIDDEN)
			fits = v[i].answer == OGI_ANSWER_OBJECT &&
			       v[i].party == OGI_PARTY_THIRD_PARTY && v[i].override_reason == NULL;
		else if (t == OGI_EV_CONSULTATION_DELIVERED && unanswered == 0)
			fits = true; /* a receipt learnt after the answer */
		else
			fits = v[i].answer < 0;
		if (fits) {
			fitting++;
			*id = v[i].id;
		}
	}
	return fitting;
}

bool ogi_consultation_deemed_consent(const struct ogi_consultation_record *k)
{
	return k->answer == OGI_ANSWER_NONE && k->party == OGI_PARTY_OTHER_BODY;
}
