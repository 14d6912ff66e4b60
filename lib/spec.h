/* Declarative parsing of JSON input (STYLE.md "Declarative input").
 *
 * A spec is an array of fields ending with SPEC_END.  spec_parse checks an
 * object against it: every required field present, each of the right type
 * and within its rule, and no field the spec does not name (a typo like
 * "recieved_on" must not pass silently).  It collects every field error,
 * not just the first, each naming the field (dotted path for nested
 * objects: "applicant.id_number"), a stable rule code and a message in
 * Chinese and English.  Strings point into the json_t and live as long as
 * it does.  A date is a real day of OGI_DATE_MIN_YEAR–OGI_DATE_MAX_YEAR
 * (1990–2100), whatever the field. */
#ifndef OGI_SPEC_H
#define OGI_SPEC_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "lib/date.h"

enum spec_kind {
	SPEC_K_END,
	SPEC_K_STRING,
	SPEC_K_INT,
	SPEC_K_BOOL,
	SPEC_K_DATE,
	SPEC_K_ENUM,
	SPEC_K_OBJECT,
	SPEC_K_NUMBER,
	SPEC_K_JSON, /* any JSON value, borrowed */
};

struct spec {
	const char *name;
	enum spec_kind kind;
	bool optional;
	void *out; /* const char **, long long *, bool *, ogi_date *, int *, double *, json_t ** */
	const char *const *names;  /* SPEC_K_ENUM */
	const struct spec *fields; /* SPEC_K_OBJECT */
	size_t max_len;            /* SPEC_K_STRING: in characters; 0 = 10000 */
	long long min, max;        /* SPEC_K_INT */
	bool *present;             /* optional fields: set when given (and not null) */
	bool nonempty;             /* optional strings: a value given must not be empty */
};

#define SPEC_F_STRING(n, o, maxlen)                                                                \
	.name = (n), .kind = SPEC_K_STRING, .out = (o), .max_len = (maxlen)
#define SPEC_F_INT(n, o, lo, hi)                                                                   \
	.name = (n), .kind = SPEC_K_INT, .out = (o), .min = (lo), .max = (hi)
#define SPEC_F_BOOL(n, o)        .name = (n), .kind = SPEC_K_BOOL, .out = (o)
#define SPEC_F_DATE(n, o)        .name = (n), .kind = SPEC_K_DATE, .out = (o)
#define SPEC_F_ENUM(n, table, o) .name = (n), .kind = SPEC_K_ENUM, .names = (table), .out = (o)
#define SPEC_F_OBJECT(n, spec)   .name = (n), .kind = SPEC_K_OBJECT, .fields = (spec)
#define SPEC_F_NUMBER(n, o)      .name = (n), .kind = SPEC_K_NUMBER, .out = (o)
#define SPEC_F_JSON(n, o)        .name = (n), .kind = SPEC_K_JSON, .out = (o)

#define SPEC_STRING(...)                                                                           \
	{                                                                                          \
		SPEC_F_STRING(__VA_ARGS__)                                                         \
	}
#define SPEC_INT(...)                                                                              \
	{                                                                                          \
		SPEC_F_INT(__VA_ARGS__)                                                            \
	}
#define SPEC_BOOL(...)                                                                             \
	{                                                                                          \
		SPEC_F_BOOL(__VA_ARGS__)                                                           \
	}
#define SPEC_DATE(...)                                                                             \
	{                                                                                          \
		SPEC_F_DATE(__VA_ARGS__)                                                           \
	}
#define SPEC_ENUM(...)                                                                             \
	{                                                                                          \
		SPEC_F_ENUM(__VA_ARGS__)                                                           \
	}
#define SPEC_OBJECT(...)                                                                           \
	{                                                                                          \
		SPEC_F_OBJECT(__VA_ARGS__)                                                         \
	}
#define SPEC_NUMBER(...)                                                                           \
	{                                                                                          \
		SPEC_F_NUMBER(__VA_ARGS__)                                                         \
	}
#define SPEC_JSON(...)                                                                             \
	{                                                                                          \
		SPEC_F_JSON(__VA_ARGS__)                                                           \
	}
#define SPEC_END                                                                                   \
	{                                                                                          \
		.name = NULL, .kind = SPEC_K_END                                                   \
	}

/* Optional fields: absent or null is fine; *present says whether it was given.
 * SPEC_OPT(&has_on, SPEC_F_DATE("on", &on)) */
#define SPEC_OPT(presentp, ...)                                                                    \
	{                                                                                          \
		__VA_ARGS__, .optional = true, .present = (presentp)                               \
	}

/* An optional string that is not empty when given, as a column with
 * CHECK (length(x) >= 1) needs: SPEC_OPT(&has, SPEC_F_STRING(…), SPEC_F_NONEMPTY). */
#define SPEC_F_NONEMPTY .nonempty = true

/* A field the POST of a record requires, in the PATCH of that record: it may
 * be left out (null is the handler's to refuse or clear), but a value given
 * keeps every rule of the required field: a string is not empty (PATCH
 * {"court": ""} must be refused as POST refuses it, not reach the table's
 * check).  SPEC_PATCH(SPEC_F_STRING("court", &court, 200)) */
#define SPEC_PATCH(...)                                                                            \
	{                                                                                          \
		__VA_ARGS__, .optional = true, .nonempty = true                                    \
	}

#define SPEC_MAX_ERRORS 32

/* A message's room: an enum's error lists every value (the 25 outcomes). */
#define SPEC_MESSAGE_SIZE 640

struct spec_error {
	char field[96];
	const char *code; /* required, type, unknown_field, enum, date, range, too_long, empty, … */
	char message_zh[SPEC_MESSAGE_SIZE];
	char message_en[SPEC_MESSAGE_SIZE];
};

struct spec_errors {
	int n;
	struct spec_error e[SPEC_MAX_ERRORS];
};

/* Checks obj against spec and fills the outputs; false when any error was
 * added to errs.  obj must be a JSON object (else one "type" error on ""). */
bool spec_parse(json_t *obj, const struct spec *spec, struct spec_errors *errs);

/* Adds an error (used by handlers for rules beyond the spec, e.g. an ID
 * number's check digit).  Formats are printf-like. */
void spec_error_add(struct spec_errors *errs, const char *field, const char *code, const char *zh,
                    const char *en);

/* The error of a date outside OGI_DATE_MIN_YEAR–OGI_DATE_MAX_YEAR (code "range"),
 * for dates read elsewhere than a body (a query parameter, a path). */
void spec_date_range_error(struct spec_errors *errs, const char *field);

/* Number of Unicode characters in a UTF-8 string (jansson strings are valid UTF-8). */
size_t utf8_chars(const char *s, size_t bytes);

/* True when s[0..bytes) is well-formed UTF-8 (RFC 3629): no overlong form, no
 * surrogate (U+D800–DFFF), nothing past U+10FFFF, no sequence cut short.  Text
 * from outside JSON (a query parameter, a header) is checked with it before
 * it goes near PostgreSQL, which refuses such bytes. */
bool utf8_valid(const char *s, size_t bytes);

#endif
