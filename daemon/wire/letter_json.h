/* Letters (文书) and their deliveries (送达) as the API takes and shows
 * them: the bodies of POST …/letters, PATCH …/letters/{id}, …/void, POST
 * …/deliveries and PATCH …/deliveries/{id}, and the JSON of a letter (in a
 * list and whole) and of a delivery. */
#ifndef OGI_WIRE_LETTER_JSON_H
#define OGI_WIRE_LETTER_JSON_H

#include <jansson.h>
#include <stdbool.h>

#include "lib/letter_record.h"
#include "lib/spec.h"

/* POST …/letters {kind, facts?, letter_date?}; pointers into body. */
struct letter_post_input {
	int kind; /* enum ogi_letter_kind */
	json_t *facts;
	bool has_date;
	ogi_date letter_date;
};
bool letter_post_parse(json_t *body, struct letter_post_input *in, struct spec_errors *errs);

/* PATCH …/letters/{id}: what is given (has_*) and its value. */
struct letter_patch_input {
	json_t *paragraphs, *facts;
	const char *title, *addressee;
	ogi_date letter_date;
	bool has_paragraphs, has_title, has_addressee, has_date, has_facts, regenerate;
};
bool letter_patch_parse(json_t *body, struct letter_patch_input *in, struct spec_errors *errs);

/* POST …/void {reason}. */
bool letter_void_parse(json_t *body, const char **reason, struct spec_errors *errs);

/* POST …/deliveries (create: method required) and PATCH …/deliveries/{id}:
 * applies what body gives to d (null clears an optional field); strings are
 * copied into d. */
bool delivery_parse(json_t *body, bool create, struct ogi_letter_delivery *d,
                    struct spec_errors *errs);

/* A letter in a request's list: what it is, its state, its 文号. */
json_t *wire_letter_summary(const struct ogi_letter_record *l);
/* A letter whole: the summary, the texts as they print now and as composed
 * (generated, and edited: whether they differ), the facts, the renderings'
 * SHA-256, and its deliveries (NULL: none loaded). */
json_t *wire_letter(const struct ogi_letter_record *l, const struct ogi_delivery_list *deliveries);
json_t *wire_delivery(const struct ogi_letter_delivery *d);

#endif
