/* A body's settings as an office edits them (PUT /api/v1/bodies/{id}): what
 * it stored merged with the defaults (lib/body_settings.h) into what its
 * letters print, which settings it left to the defaults, the rules a PUT
 * keeps (body_settings.h's and a few of an edit's own), and the checks of
 * its letter templates and of a seal image.  Pure: no SQL, no HTTP. */
#ifndef OGI_BODY_SETTINGS_CHECK_H
#define OGI_BODY_SETTINGS_CHECK_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "lib/body_settings.h"
#include "lib/spec.h"

/* The settings a body may leave unset ("" stored): true where it did. */
struct ogi_body_settings_unset {
	bool letter_prefix, address, postcode, phone, office_hours;
	bool reconsideration_body, reconsideration_address, court;
	bool kind_code[OGI_LETTER_KIND_COUNT];
};

/* out = the defaults of stored's body (its name, its parent parent_name,
 * NULL for a top-level body) with every setting stored overlaid; body_id,
 * name, code, review_first_not_held, has_seal and version are stored's.
 * unset (may be NULL) says which settings took the default. */
void ogi_body_settings_effective(const struct ogi_body_settings *stored, const char *parent_name,
                                 struct ogi_body_settings *out,
                                 struct ogi_body_settings_unset *unset);

/* The rules of a PUT beyond a length (the input spec checked those) on the
 * settings a body stores ("" where it leaves one to the default):
 * ogi_body_settings_check (body_settings.h) on what its letters would print
 * — so a setting left empty takes a default that passes —, and besides a
 * name that is not only spaces, a code without control characters and a
 * telephone number of digits and the marks offices write (at least seven
 * digits).  Each error names its field as the API does ("postcode",
 * "kind_codes.reply").  False when it added one. */
bool ogi_body_settings_put_check(const struct ogi_body_settings *stored, struct spec_errors *errs);

/* A body's letter templates as PUT gives them: an object {template key:
 * text}, each text 1 to OGI_BODY_TEMPLATE_MAX characters, each key one the
 * letter engine has (ogi_letter_template_keys) and each {field} in a text
 * one the key offers (ogi_letter_template_check, lib/letter.h).  Each error names its key
 * ("templates.<key>").  False when it added one. */
#define OGI_BODY_TEMPLATE_MAX 5000
bool ogi_body_templates_check(json_t *templates, struct spec_errors *errs);

/* A seal image: a whole PNG (signature, IHDR first, every chunk's length
 * and CRC, an IDAT, IEND last) of at most OGI_SEAL_MAX_BYTES, between
 * OGI_SEAL_MIN_PX and OGI_SEAL_MAX_PX pixels wide and high. */
#define OGI_SEAL_MAX_BYTES (512 * 1024)
#define OGI_SEAL_MIN_PX    32
#define OGI_SEAL_MAX_PX    4000
enum ogi_seal_verdict {
	OGI_SEAL_OK,
	OGI_SEAL_NOT_PNG,   /* not a PNG, or one cut short or damaged */
	OGI_SEAL_TOO_LARGE, /* more than OGI_SEAL_MAX_BYTES */
	OGI_SEAL_BAD_SIZE,  /* a PNG, but too small or too large in pixels */
};
/* The verdict on png[len], its width and height (when it got that far) and
 * why, in English, for the problem's detail (why, size bytes; "" for OK). */
enum ogi_seal_verdict ogi_seal_check(const unsigned char *png, size_t len, unsigned *width,
                                     unsigned *height, char *why, size_t size);

#endif
