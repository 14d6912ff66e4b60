/* JSON input specs: types, required fields, unknown fields, enums, dates,
 * lengths, nested objects; every error named with its field. */
#include "lib/domain.h"
#include "lib/spec.h"
#include "tests/unit/check.h"

static bool has(const struct spec_errors *e, const char *field, const char *code)
{
	for (int i = 0; i < e->n; i++)
		if (strcmp(e->e[i].field, field) == 0 && strcmp(e->e[i].code, code) == 0)
			return true;
	return false;
}

int main(void)
{
	long long body_id = 0;
	int channel = -1, kind = -1;
	ogi_date on = 0;
	const char *name = NULL, *note = NULL;
	bool has_note = false;
	struct spec applicant[] = {SPEC_ENUM("kind", ogi_applicant_kind_names, &kind),
	                           SPEC_STRING("name", &name, 5), SPEC_END};
	struct spec spec[] = {
	    SPEC_INT("body_id", &body_id, 1, 1000),
	    SPEC_ENUM("channel", ogi_channel_names, &channel),
	    SPEC_DATE("received_on", &on),
	    SPEC_OBJECT("applicant", applicant),
	    SPEC_OPT(&has_note, SPEC_F_STRING("note", &note, 100)),
	    SPEC_END,
	};
	json_t *good =
	    json_loads("{\"body_id\": 3, \"channel\": \"fax\", \"received_on\": \"2024-02-29\","
	               "\"applicant\": {\"kind\": \"other_org\", \"name\": \"某协会\"}}",
	               0, NULL);
	struct spec_errors errs = {0};
	CHECK(spec_parse(good, spec, &errs), "a valid body passes");
	CHECK_INT(body_id, 3, "integer read");
	CHECK_INT(channel, OGI_CHANNEL_FAX, "enum read");
	CHECK_INT(kind, OGI_APPLICANT_OTHER_ORG, "nested enum read");
	CHECK(!has_note, "an absent optional field is not present");
	CHECK_STR(name, "某协会", "3 Chinese characters fit a limit of 5 characters");
	json_decref(good);

	json_t *bad = json_loads(
	    "{\"body_id\": \"3\", \"channel\": \"pigeon\", \"received_on\": \"2024-02-30\","
	    "\"applicant\": {\"kind\": \"natural_person\", \"name\": \"一二三四五六\", \"age\": 3},"
	    "\"recieved_on\": \"2024-01-01\", \"note\": null}",
	    0, NULL);
	memset(&errs, 0, sizeof errs);
	CHECK(!spec_parse(bad, spec, &errs), "an invalid body fails");
	CHECK(has(&errs, "body_id", "type"), "a string where an integer belongs");
	CHECK(has(&errs, "channel", "enum"), "an unknown channel");
	CHECK(has(&errs, "received_on", "date"), "2024-02-30");
	CHECK(has(&errs, "applicant.name", "too_long"), "6 characters > 5");
	CHECK(has(&errs, "applicant.age", "unknown_field"), "unknown nested field");
	CHECK(has(&errs, "recieved_on", "unknown_field"), "the typo is refused");
	CHECK_INT(errs.n, 6,
	          "every error reported, not just the first; null for an optional is fine");
	for (int i = 0; i < errs.n; i++)
		CHECK(errs.e[i].message_zh[0] && errs.e[i].message_en[0],
		      "messages in both languages");
	json_decref(bad);

	json_t *missing = json_loads("{}", 0, NULL);
	memset(&errs, 0, sizeof errs);
	spec_parse(missing, spec, &errs);
	CHECK(has(&errs, "body_id", "required") && has(&errs, "applicant", "required"),
	      "required fields named");
	json_decref(missing);
	json_t *array = json_loads("[1]", 0, NULL);
	memset(&errs, 0, sizeof errs);
	CHECK(!spec_parse(array, spec, &errs), "not an object");
	json_decref(array);
	/* error texts stay valid UTF-8 when cut to fit (a JSON string must be): an unknown
	 * field of 60 characters (180 bytes) is shown by its first 31, never by 31⅓
	 * (found by tests/fuzz/fuzz_specs.c) */
	char key[256] = "";
	for (int i = 0; i < 60; i++)
		strcat(key, "字");
	json_t *wide = json_object();
	json_object_set_new(wide, key, json_integer(1));
	struct spec_errors werrs = {0};
	struct spec none[] = {SPEC_END};
	CHECK(!spec_parse(wide, none, &werrs), "an unknown field is refused");
	CHECK_INT(werrs.n, 1, "one error");
	CHECK_INT(strlen(werrs.e[0].field), 31 * 3,
	          "whole characters only: 31 of them fit in 95 bytes");
	json_t *shown = json_string(werrs.e[0].field);
	CHECK(shown != NULL, "the field name is valid UTF-8");
	json_decref(shown);
	json_decref(wide);
	struct spec_errors berrs = {0};
	spec_error_add(&berrs, "bad\xff\xfe byte", "x", "\xe5\xad", "ok");
	CHECK_STR(berrs.e[0].field, "bad?? byte", "malformed bytes become '?'");
	CHECK_STR(berrs.e[0].message_zh, "", "a character cut short at the end is left out");

	/* optional strings: "" passes unless the field says a given value is not empty
	 * (SPEC_F_NONEMPTY, SPEC_PATCH: a PATCH keeps the rules of the POST) */
	static const struct {
		const char *body;
		const char *field, *code; /* the one error, or NULL */
	} empties[] = {
	    {"{\"note\": \"\"}", NULL, NULL},
	    {"{\"code\": \"\"}", "code", "empty"},
	    {"{\"court\": \"\"}", "court", "empty"},
	    {"{\"code\": \"JD01\", \"court\": \"某区人民法院\"}", NULL, NULL},
	    {"{\"code\": null, \"court\": null}", NULL, NULL},
	    {"{}", NULL, NULL},
	};
	for (size_t i = 0; i < sizeof empties / sizeof empties[0]; i++) {
		const char *code = NULL, *court = NULL;
		struct spec opt[] = {
		    SPEC_OPT(NULL, SPEC_F_STRING("note", &note, 100)),
		    SPEC_OPT(NULL, SPEC_F_STRING("code", &code, 64), SPEC_F_NONEMPTY),
		    SPEC_PATCH(SPEC_F_STRING("court", &court, 200)),
		    SPEC_END,
		};
		json_t *b = json_loads(empties[i].body, 0, NULL);
		struct spec_errors e = {0};
		bool ok = spec_parse(b, opt, &e);
		CHECK_INT(ok, empties[i].field == NULL, "%s", empties[i].body);
		if (empties[i].field != NULL)
			CHECK(e.n == 1 && has(&e, empties[i].field, empties[i].code), "%s: %s %s",
			      empties[i].body, empties[i].field, empties[i].code);
		json_decref(b);
	}

	/* every date field: a real day of 1990–2100, so nothing derived from it passes 9999 */
	static const struct {
		const char *date;
		const char *code; /* NULL: accepted */
	} dates[] = {
	    {"1990-01-01", NULL},    {"2100-12-31", NULL},    {"2025-06-20", NULL},
	    {"1989-12-31", "range"}, {"2101-01-01", "range"}, {"9999-12-31", "range"},
	    {"0001-01-01", "range"}, {"2100-02-29", "date"},  {"10000-01-01", "date"},
	    {"+2025-06-20", "date"},
	};
	for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
		ogi_date day = OGI_DATE_NONE, due = OGI_DATE_NONE;
		bool has_due = false;
		struct spec ds[] = {
		    SPEC_DATE("on", &day),
		    SPEC_OPT(&has_due, SPEC_F_DATE("due_on", &due)),
		    SPEC_END,
		};
		json_t *b = json_pack("{s:s, s:s}", "on", dates[i].date, "due_on", dates[i].date);
		struct spec_errors e = {0};
		bool ok = spec_parse(b, ds, &e);
		CHECK_INT(ok, dates[i].code == NULL, "%s", dates[i].date);
		if (dates[i].code != NULL) {
			CHECK(e.n == 2 && has(&e, "on", dates[i].code) &&
			          has(&e, "due_on", dates[i].code),
			      "%s: %s on both the required and the optional field", dates[i].date,
			      dates[i].code);
			CHECK(strcmp(dates[i].code, "range") != 0 ||
			          (strstr(e.e[0].message_zh, "1990 至 2100") &&
			           strstr(e.e[0].message_en, "between 1990 and 2100")),
			      "%s: the range named in both languages", dates[i].date);
		} else {
			CHECK(ogi_date_in_range(day) && has_due && due == day, "%s read",
			      dates[i].date);
		}
		json_decref(b);
	}

	static const struct {
		const char *bytes;
		size_t len;
		bool valid;
		const char *why;
	} utf8[] = {
	    {"", 0, true, "empty"},
	    {"q=abc", 5, true, "ASCII"},
	    {"\xe5\xbc\xa0\xe4\xb8\x89", 6, true, "张三"},
	    {"\xc2\x80", 2, true, "U+0080, the least two-byte character"},
	    {"\xf4\x8f\xbf\xbf", 4, true, "U+10FFFF, the last character"},
	    {"\xef\xbf\xbd", 3, true, "U+FFFD"},
	    {"\xed\x9f\xbf", 3, true, "U+D7FF, just below the surrogates"},
	    {"\xee\x80\x80", 3, true, "U+E000, just above them"},
	    {"\xff", 1, false, "0xFF is never in UTF-8"},
	    {"\xfe\xff", 2, false, "a UTF-16 byte order mark"},
	    {"\x80", 1, false, "a lone continuation byte"},
	    {"\xc0\xaf", 2, false, "overlong '/' (two bytes)"},
	    {"\xc1\xbf", 2, false, "overlong U+007F"},
	    {"\xe0\x80\xaf", 3, false, "overlong '/' (three bytes)"},
	    {"\xe0\x9f\xbf", 3, false, "overlong U+07FF"},
	    {"\xf0\x80\x80\xaf", 4, false, "overlong '/' (four bytes)"},
	    {"\xf0\x8f\xbf\xbf", 4, false, "overlong U+FFFF"},
	    {"\xed\xa0\x80", 3, false, "U+D800, a high surrogate"},
	    {"\xed\xbf\xbf", 3, false, "U+DFFF, a low surrogate"},
	    {"\xed\xa0\xbd\xed\xb8\x80", 6, false, "a surrogate pair (CESU-8)"},
	    {"\xf4\x90\x80\x80", 4, false, "U+110000, past the last character"},
	    {"\xf5\x80\x80\x80", 4, false, "a lead byte past U+10FFFF"},
	    {"\xf8\x88\x80\x80\x80", 5, false, "five-byte forms are gone (RFC 3629)"},
	    {"\xe5\xad", 2, false, "字 cut short at the end"},
	    {"\xe5\xad\x97\xe5", 4, false, "a whole 字 and the start of another"},
	    {"\xe5x\x97", 3, false, "a continuation byte replaced by ASCII"},
	    {"\xc3", 1, false, "a lone lead byte"},
	    {"a\xe5\xad\x97"
	     "b",
	     5, true, "字 among ASCII"},
	};
	for (size_t i = 0; i < sizeof utf8 / sizeof utf8[0]; i++)
		CHECK_INT(utf8_valid(utf8[i].bytes, utf8[i].len), utf8[i].valid, "%s", utf8[i].why);
	CHECK(!utf8_valid("\xe5\xad\x97", 2), "the length is respected: 2 bytes of 字");
	return check_done("spec");
}
