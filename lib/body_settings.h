/* What a body (机关) says about itself on its letters (文书): its full name,
 * the parts of a 文号, where and when applicants reach it, and who reviews
 * and tries its decisions (the remedy sentence).  Plain data, no SQL; the
 * defaults and the checks of a PUT are rules of lib/ (body_settings.c). */
#ifndef OGI_BODY_SETTINGS_H
#define OGI_BODY_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/account.h"
#include "lib/spec.h"

/* The name ogi gives the body it creates at first start, until an admin
 * enters the real one (the web client asks for it at first login). */
#define OGI_BODY_PLACEHOLDER_NAME "本机关"

/* Sizes in bytes (characters × 4 + NUL) of the settings' texts. */
#define OGI_LETTER_PREFIX_SIZE (20 * 4 + 1)  /* 机关代字, 「平湛马办」 */
#define OGI_SERIES_CODE_SIZE   (12 * 4 + 1)  /* 「依申复」, 「依申告」 */
#define OGI_SETTING_TEXT_SIZE  (200 * 4 + 1) /* address, court, body names … */
#define OGI_SETTING_SHORT_SIZE (50 * 4 + 1)  /* postcode, phone, office hours */

/* Each letter kind has a code in its 文号 (「依申复」, 「依申告」); the kinds that
 * share a code share one series, numbered gap-free per body, year and code
 * (reference/letters.md: one code per type, or one for several). */
extern const char *const ogi_letter_kind_default_codes[]; /* by enum ogi_letter_kind */

struct ogi_body_settings {
	long long body_id;
	char name[OGI_BODY_NAME_SIZE];              /* full name, as it heads and signs letters */
	char code[OGI_BODY_CODE_SIZE];              /* tracking-number code ("" when none) */
	char letter_prefix[OGI_LETTER_PREFIX_SIZE]; /* "" when none: the 文号 then starts at the
	                                               series code */
	char kind_code[OGI_LETTER_KIND_COUNT][OGI_SERIES_CODE_SIZE]; /* by enum ogi_letter_kind */
	char address[OGI_SETTING_TEXT_SIZE];
	char postcode[OGI_SETTING_SHORT_SIZE];
	char phone[OGI_SETTING_SHORT_SIZE];
	char office_hours[OGI_SETTING_SHORT_SIZE];
	char reconsideration_body[OGI_SETTING_TEXT_SIZE]; /* 「××区人民政府」 */
	char reconsideration_address[OGI_SETTING_TEXT_SIZE];
	char court[OGI_SETTING_TEXT_SIZE]; /* 「××区人民法院」; "" → 「人民法院」 */
	/* 信息不存在 / 非本机关 / 无法提供 take the review-first remedy sentence
	 * (letters.md: disputed; false follows the narrow reading). */
	bool review_first_not_held;
	/* the body takes online applications from the public channel (/apply/, issue 15) */
	bool accepts_online;
	bool has_seal;     /* a seal image (PNG) is stored; its bytes travel separately */
	long long version; /* for If-Match */
};

/* Fills s with the defaults of a body named name whose parent is named
 * parent_name (NULL for a top-level body): the kind codes, and the
 * reconsideration body 「<parent>」 when the parent's name ends in
 * 人民政府, otherwise "". */
void ogi_body_settings_defaults(struct ogi_body_settings *s, const char *name,
                                const char *parent_name);

/* The rules of a PUT beyond the lengths its spec checks, each error naming
 * its wire field (name, letter_prefix, kind_codes.<kind>, postcode, …): a
 * name neither empty nor the placeholder; no line breaks or control
 * characters in any text; a 机关代字 and kind codes without spaces, digits
 * or the 〔〕 that delimit a 文号's year; every kind code given; a postcode
 * of six digits when given.  True when none was added to errs. */
bool ogi_body_settings_check(const struct ogi_body_settings *s, struct spec_errors *errs);

#endif
