/* A body's settings (lib/body_settings.h, lib/body_settings_check.h): the
 * defaults — the kind codes of the 文号 (reference/letters.md: 平湛马办依申复
 * 〔2024〕3号; one code per type or one for several) and the reconsideration
 * body, which from 2024-01-01 (行政复议法 2023 art. 24; reference/letters.md) is the 区人民政府
 * above a street office or a district department —, the merge with what a body stored, the rules of
 * a PUT, and the PNG check of a seal. */
#include <stdint.h>
#include <stdlib.h>

#include "lib/body_settings_check.h"
#include "lib/domain.h"
#include "tests/unit/check.h"

static void defaults(void)
{
	static const struct {
		enum ogi_letter_kind kind;
		const char *code;
	} codes[] = {
	    {OGI_LETTER_RECEIPT, "依申收"},
	    {OGI_LETTER_CORRECTION_NOTICE, "依申告"},
	    {OGI_LETTER_EXTENSION_NOTICE, "依申告"},
	    {OGI_LETTER_DELAY_NOTICE, "依申告"},
	    {OGI_LETTER_CONSULTATION_NOTICE, "依申告"},
	    {OGI_LETTER_FEE_NOTICE, "依申告"},
	    {OGI_LETTER_THIRD_PARTY_CONSULTATION, "依申征"},
	    {OGI_LETTER_BODY_CONSULTATION, "依申征"},
	    {OGI_LETTER_OVERRIDE_NOTICE, "依申告"},
	    {OGI_LETTER_REPLY, "依申复"},
	};
	struct ogi_body_settings s;
	ogi_body_settings_defaults(&s, "马山街道办事处", "平湛市马山区人民政府");
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
		CHECK_STR(s.kind_code[codes[i].kind], codes[i].code, "%s",
		          ogi_letter_kind_names[codes[i].kind]);
	CHECK_STR(s.name, "马山街道办事处", "the name as given");
	CHECK_STR(s.reconsideration_body, "平湛市马山区人民政府",
	          "a street office: the district government above (2023 art. 24)");
	ogi_body_settings_defaults(&s, "马山区教育局", "平湛市马山区政务服务中心");
	CHECK_STR(s.reconsideration_body, "", "a parent that is no 人民政府: none guessed");
	ogi_body_settings_defaults(&s, "本机关", NULL);
	CHECK_STR(s.reconsideration_body, "", "a top-level body: none");
	CHECK_STR(s.letter_prefix, "", "no 机关代字 by default");
	CHECK_STR(s.court, "", "no court by default (letters say 人民法院)");
}

static void effective(void)
{
	struct ogi_body_settings stored = {
	    .body_id = 7, .version = 3, .review_first_not_held = true};
	snprintf(stored.name, sizeof stored.name, "马山街道办事处");
	snprintf(stored.letter_prefix, sizeof stored.letter_prefix, "平湛马办");
	snprintf(stored.kind_code[OGI_LETTER_REPLY], sizeof stored.kind_code[0], "依申答");
	snprintf(stored.court, sizeof stored.court, "平湛市马山区人民法院");
	struct ogi_body_settings out;
	struct ogi_body_settings_unset unset;
	ogi_body_settings_effective(&stored, "平湛市马山区人民政府", &out, &unset);
	CHECK_STR(out.letter_prefix, "平湛马办", "stored wins");
	CHECK(!unset.letter_prefix, "the prefix was set");
	CHECK_STR(out.kind_code[OGI_LETTER_REPLY], "依申答", "the body's own reply code");
	CHECK(!unset.kind_code[OGI_LETTER_REPLY], "set");
	CHECK_STR(out.kind_code[OGI_LETTER_FEE_NOTICE], "依申告", "the default for the rest");
	CHECK(unset.kind_code[OGI_LETTER_FEE_NOTICE], "defaulted");
	CHECK_STR(out.reconsideration_body, "平湛市马山区人民政府", "from the parent");
	CHECK(unset.reconsideration_body, "defaulted");
	CHECK_STR(out.court, "平湛市马山区人民法院", "stored");
	CHECK(unset.address && unset.phone, "nothing stored: unset");
	CHECK(out.body_id == 7 && out.version == 3 && out.review_first_not_held,
	      "id, version, review-first as stored");
}

static void rules(void)
{
	static const struct {
		const char *field, *value, *error; /* error: the field named, NULL when it passes */
	} cases[] = {
	    {"name", "平湛市马山区马山街道办事处", NULL},
	    {"name", " \u3000 ", "name"},
	    {"name", "马山\n街道", "name"},
	    {"name", "本机关", "name"}, /* the first start's placeholder is no name for letters */
	    {"reply", "", NULL},        /* the default */
	    {"reply", "依申2", "kind_codes.reply"}, /* a digit would run into the serial */
	    {"letter_prefix", "平湛马办", NULL},
	    {"letter_prefix", "", NULL},
	    {"letter_prefix", "平湛 马办", "letter_prefix"},
	    {"letter_prefix", "平湛〔马〕", "letter_prefix"},
	    {"letter_prefix", "平湛3办", "letter_prefix"},
	    {"reply", "依申复", NULL},
	    {"reply", "依申\t复", "kind_codes.reply"},
	    {"postcode", "524000", NULL},
	    {"postcode", "", NULL},
	    {"postcode", "52400", "postcode"},
	    {"postcode", "5240000", "postcode"},
	    {"postcode", "52400a", "postcode"},
	    {"phone", "0759-3333333", NULL},
	    {"phone", "(0759)3333333转8001、0759-3333334", NULL},
	    {"phone", "+86 759 333 3333", NULL},
	    {"phone", "", NULL},
	    {"phone", "123-456", "phone"},     /* six digits */
	    {"phone", "电话3333333", "phone"}, /* a word */
	    {"court", "平湛市马山区人民法院", NULL},
	    {"court", "平湛市\r马山区人民法院", "court"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct ogi_body_settings s = {0};
		snprintf(s.name, sizeof s.name, "马山街道办事处");
		const char *f = cases[i].field;
		char *slot = strcmp(f, "name") == 0            ? s.name
		             : strcmp(f, "letter_prefix") == 0 ? s.letter_prefix
		             : strcmp(f, "reply") == 0         ? s.kind_code[OGI_LETTER_REPLY]
		             : strcmp(f, "postcode") == 0      ? s.postcode
		             : strcmp(f, "phone") == 0         ? s.phone
		                                               : s.court;
		snprintf(slot, OGI_SETTING_SHORT_SIZE, "%s", cases[i].value);
		struct spec_errors errs = {0};
		bool ok = ogi_body_settings_put_check(&s, &errs);
		if (cases[i].error == NULL)
			CHECK(ok && errs.n == 0, "%s \"%s\" passes", f, cases[i].value);
		else
			CHECK(!ok && errs.n == 1 && strcmp(errs.e[0].field, cases[i].error) == 0 &&
			          errs.e[0].message_zh[0] && errs.e[0].message_en[0],
			      "%s \"%s\" is refused naming %s", f, cases[i].value, cases[i].error);
	}
}

static void templates(void)
{
	/* common.contact offers {phone}; receipt.title only the common fields */
	json_t *ok = json_pack("{s:s, s:s}", "common.closing", "特此告知。{body}", "common.contact",
	                       "联系电话：{phone}。");
	struct spec_errors errs = {0};
	CHECK(ogi_body_templates_check(ok, &errs) && errs.n == 0, "texts under real keys");
	json_decref(ok);
	char *long_text = malloc(OGI_BODY_TEMPLATE_MAX + 2);
	memset(long_text, 'x', OGI_BODY_TEMPLATE_MAX + 1);
	long_text[OGI_BODY_TEMPLATE_MAX + 1] = '\0';
	json_t *bad = json_pack("{s:s, s:s, s:i, s:s, s:s}", "common.closing", "", "common.opening",
	                        long_text, "common.contact", 1, "no.such.key", "x", "receipt.title",
	                        "{body}{phone}");
	free(long_text);
	errs.n = 0;
	CHECK(!ogi_body_templates_check(bad, &errs) && errs.n == 5, "five keys refused, got %d",
	      errs.n);
	static const char *const want[][2] = {{"templates.common.closing", "empty"},
	                                      {"templates.common.opening", "too_long"},
	                                      {"templates.common.contact", "type"},
	                                      {"templates.no.such.key", "unknown_template"},
	                                      {"templates.receipt.title", "unknown_field"}};
	for (size_t i = 0; i < 5; i++) {
		bool found = false;
		for (int e = 0; e < errs.n; e++)
			found = found || (strcmp(errs.e[e].field, want[i][0]) == 0 &&
			                  strcmp(errs.e[e].code, want[i][1]) == 0);
		CHECK(found, "%s: %s", want[i][0], want[i][1]);
	}
	json_decref(bad);
	json_t *arr = json_array();
	errs.n = 0;
	CHECK(!ogi_body_templates_check(arr, &errs) && errs.n == 1, "not an object");
	json_decref(arr);
}

/* A PNG file of w × h with an IDAT of n bytes (never decoded by the check). */
static uint32_t crc(const unsigned char *p, size_t n)
{
	uint32_t c = 0xFFFFFFFFu;
	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
	}
	return c ^ 0xFFFFFFFFu;
}
static size_t put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24), p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8), p[3] = (unsigned char)v;
	return 4;
}
static size_t chunk(unsigned char *p, const char *type, const unsigned char *data, uint32_t n)
{
	size_t at = put32(p, n);
	memcpy(p + at, type, 4);
	if (n)
		memcpy(p + at + 4, data, n);
	at += 4 + n;
	return at + put32(p + at, crc(p + 4, n + 4));
}
static size_t make_png(unsigned char *p, uint32_t w, uint32_t h, uint32_t idat)
{
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
	unsigned char ihdr[13] = {0};
	put32(ihdr, w);
	put32(ihdr + 4, h);
	ihdr[8] = 8, ihdr[9] = 6; /* 8-bit RGBA */
	memcpy(p, sig, 8);
	size_t at = 8 + chunk(p + 8, "IHDR", ihdr, 13);
	unsigned char *data = calloc(1, idat ? idat : 1);
	at += chunk(p + at, "IDAT", data, idat);
	free(data);
	return at + chunk(p + at, "IEND", NULL, 0);
}

static void seals(void)
{
	unsigned char *p = malloc(OGI_SEAL_MAX_BYTES + 4096);
	unsigned w, h;
	char why[160];
	size_t n = make_png(p, 300, 300, 100);
	CHECK_INT(ogi_seal_check(p, n, &w, &h, why, sizeof why), OGI_SEAL_OK, "%s", why);
	CHECK(w == 300 && h == 300, "its size read from IHDR");
	CHECK_INT(ogi_seal_check(p, n - 12, &w, &h, why, sizeof why), OGI_SEAL_NOT_PNG, "no IEND");
	CHECK_INT(ogi_seal_check(p, n - 20, &w, &h, why, sizeof why), OGI_SEAL_NOT_PNG,
	          "cut inside IDAT");
	CHECK_INT(ogi_seal_check(p, 20, &w, &h, why, sizeof why), OGI_SEAL_NOT_PNG,
	          "cut inside IHDR");
	CHECK_INT(ogi_seal_check(p, 7, &w, &h, why, sizeof why), OGI_SEAL_NOT_PNG,
	          "shorter than the signature");
	p[50] ^= 1;
	CHECK_INT(ogi_seal_check(p, n, &w, &h, why, sizeof why), OGI_SEAL_NOT_PNG,
	          "a damaged IDAT (CRC)");
	p[50] ^= 1;
	p[0] = 0xFF;
	CHECK_INT(ogi_seal_check(p, n, &w, &h, why, sizeof why), OGI_SEAL_NOT_PNG, "no signature");
	n = make_png(p, 31, 300, 10);
	CHECK_INT(ogi_seal_check(p, n, &w, &h, why, sizeof why), OGI_SEAL_BAD_SIZE, "31 wide");
	n = make_png(p, 32, 4000, 10);
	CHECK_INT(ogi_seal_check(p, n, &w, &h, why, sizeof why), OGI_SEAL_OK, "the limits: %s",
	          why);
	n = make_png(p, 4001, 40, 10);
	CHECK_INT(ogi_seal_check(p, n, &w, &h, why, sizeof why), OGI_SEAL_BAD_SIZE, "4001 wide");
	n = make_png(p, 40, 40, OGI_SEAL_MAX_BYTES - 57);
	CHECK_INT(n, OGI_SEAL_MAX_BYTES, "a file of exactly 512 KB");
	CHECK_INT(ogi_seal_check(p, n, &w, &h, why, sizeof why), OGI_SEAL_OK, "512 KB: %s", why);
	n = make_png(p, 40, 40, OGI_SEAL_MAX_BYTES - 56);
	CHECK_INT(ogi_seal_check(p, n, &w, &h, why, sizeof why), OGI_SEAL_TOO_LARGE,
	          "one byte more");
	/* IHDR with a bit depth its colour type does not allow: RGBA at 4 bits */
	n = make_png(p, 40, 40, 10);
	p[8 + 8 + 8] = 4;
	put32(p + 8 + 8 + 13, crc(p + 12, 17));
	CHECK_INT(ogi_seal_check(p, n, &w, &h, why, sizeof why), OGI_SEAL_NOT_PNG,
	          "RGBA at 4 bits");
	free(p);
}

int main(void)
{
	defaults();
	effective();
	rules();
	templates();
	seals();
	return check_done("body_settings_check");
}
