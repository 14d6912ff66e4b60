/* The letter engine's own header (lib/letter_*.c only): the named fields a
 * template fills in, the template table and its expander.  Callers outside
 * the engine use lib/letter.h. */
#ifndef OGI_LETTER_FIELDS_H
#define OGI_LETTER_FIELDS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "lib/buf.h"
#include "lib/letter.h"

/* Every field a template may name, in braces: 「{applicant}」.  The first
 * LF_COMMON_COUNT are offered by every template; the others only by the
 * templates that list them (struct ogi_letter_template's fields). */
enum letter_field {
	/* common */
	LF_APPLICANT,   /* the applicant's name */
	LF_YOU,         /* 「您」 for a natural person, 「贵单位」 for an organisation */
	LF_BODY,        /* the body's full name (settings) */
	LF_RECEIVED_ON, /* the legal receipt date, 「2024年3月5日」 */
	LF_DESCRIPTION, /* the information sought, as recorded */
	LF_TRACKING_NO,
	LF_DATE, /* the letter's date */
	LF_REGULATION, /* 「《中华人民共和国政府信息公开条例》」 (2008 regime: the 2007 one) */
	LF_COMMON_COUNT,
	/* the record */
	LF_CORRECTED_ON = LF_COMMON_COUNT, /* a correction_received event's date */
	LF_CORRECTION,                     /* what the correction supplied */
	LF_CORRECTION_REQUESTED_ON,
	LF_ITEMS,          /* correction_requested: what to supply */
	LF_CORRECTION_DUE, /* correction_requested: the applicant's time */
	LF_CHANNEL,
	LF_RECEIVED_ON_WD, /* the receipt date with its weekday, 「2024年3月5日（星期二）」 */
	LF_DUE_ON,         /* the request's due date */
	LF_DUE_ON_WD,      /* with its weekday, or 「停止计算」 */
	LF_FORM,           /* the medium and delivery asked for */
	LF_PERIOD,         /* 20 (15 in the 2008 regime) */
	LF_CLERK,          /* who registered it */
	LF_BASIS,          /* the regulation with the article and item the letter rests on */
	LF_REASON,         /* extension_approved / delay_set */
	LF_WORKING_DAYS, /* extension_approved */
	LF_DELAY_DUE,    /* delay_set */
	LF_CONSULTED,    /* 「第三方」 or the consulted body's name */
	LF_CONSULTATION_ON,
	LF_INFO_CONCERNED, /* facts.info_concerned */
	LF_ANSWERED_ON,
	LF_OBJECTION_REASONS,
	LF_OVERRIDE_REASON,
	LF_DISCLOSE_ON,
	LF_ORDINAL,
	LF_FEE_ITEMS,
	LF_PAGES,
	LF_AMOUNT,
	LF_FEE_PARTS,
	LF_FEE_NOTICE_ON,
	LF_PAY_BY,
	LF_PAY_HOW,
	LF_WHERE,
	LF_PROVIDED,
	LF_PROVIDE_HOW,
	LF_DISCLOSED_PART,
	LF_N, /* a withheld part's number, 「一」 */
	LF_PART,
	LF_GROUND,
	LF_REASONS,
	LF_SEARCH_DONE,
	LF_OTHER_BODY,
	LF_OTHER_BODY_CONTACT,
	LF_EARLIER_REF,
	LF_EARLIER_ON,
	LF_PROPER_CHANNEL,
	LF_DECISION,
	/* the body */
	LF_ADDRESS,
	LF_POSTCODE,
	LF_PHONE,
	LF_OFFICE_HOURS,
	LF_CONTACT, /* address, postcode, phone and office hours, those set */
	LF_RETURN_ADDRESS,
	LF_COUNT
};

struct letter_field_def {
	const char *name;  /* as written in braces */
	const char *label; /* what the blank mark asks for: 「【待填写：label】」 */
};
extern const struct letter_field_def letter_field_defs[LF_COUNT];

struct ogi_letter_template {
	const char *key;
	const char *fields; /* the fields beyond the common ones, space-separated */
	const char *text;   /* the default; '\n' separates paragraphs */
};
extern const struct ogi_letter_template ogi_letter_templates[];
const struct ogi_letter_template *letter_template_find(const char *key);

/* The values a letter's templates are filled from: NULL for a fact the
 * record lacks (a blank mark is printed), "" for one that is rightly empty. */
struct letter_fields {
	char *v[LF_COUNT]; /* owned */
	bool oom;
};
void letter_fields_set(struct letter_fields *f, enum letter_field k, const char *value);
void letter_fields_setf(struct letter_fields *f, enum letter_field k, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void letter_fields_free(struct letter_fields *f);

/* Appends to b the text of key (the override's when overrides holds a string
 * for it, else the default) with its fields filled in: a value NULL becomes
 * a blank mark, a field the key does not offer stays as written. */
void letter_expand(struct ogi_buf *b, const char *key, const struct letter_fields *f,
                   json_t *overrides);

/* 「【待填写：label】」 into b. */
void letter_blank(struct ogi_buf *b, const char *label);

/* One letter being composed (letter_compose.c, letter_reply.c). */
struct letter_compose {
	enum ogi_letter_kind kind;
	const struct ogi_request *r;
	const struct ogi_event_list *ev;
	const struct ogi_body_settings *s;
	json_t *facts, *overrides;
	ogi_date date;
	int outcome;       /* the reply's, or -1 */
	long long consult; /* the consultation_started event's index in ev, or -1 */
	struct letter_fields f;
	struct ogi_letter_doc d;
	bool oom;
};

/* The regulation as cited: the 2019 revision, or for a request of the 2008
 * regime the 2007 one when it has an article for the point. */
#define OGI_REGULATION_2019 "《中华人民共和国政府信息公开条例》"
#define OGI_REGULATION_2007 "《中华人民共和国政府信息公开条例》（国务院令第492号）"

/* {basis}: the regulation and art_2019, or in the 2008 regime the 2007
 * regulation and art_2007 — the 2019 one where art_2007 is NULL (the 2007
 * regulation has no such rule, or law.md does not give it: the regulation
 * in force on the letter's date is cited). */
void lc_basis(struct letter_compose *c, const char *art_2019, const char *art_2007);
/* Adds one paragraph (or several, at each '\n') from the keys, in order,
 * until a NULL; remedy flags it as the remedy sentence. */
void lc_para(struct letter_compose *c, int remedy,
             ...); /* remedy: 0 or 1 (an int: va_start takes no bool) */
/* Adds text as it is, split at '\n'. */
void lc_text(struct letter_compose *c, struct ogi_buf *b, bool remedy);
/* The title from key. */
void lc_title(struct letter_compose *c, const char *key);
/* The expanded text of key as a field's value. */
void lc_field_from(struct letter_compose *c, enum letter_field k, const char *key);
/* The opening that quotes the record: the receipt, the information sought,
 * each 补正 received (before the event at index upto, -1: all). */
void lc_opening(struct letter_compose *c, long long upto);
/* The remedy sentence on the letter's date, when the letter carries one. */
void lc_remedy(struct letter_compose *c);

/* The last event of type t (before index upto, -1: anywhere), or -1. */
long long lc_last(const struct ogi_event_list *ev, enum ogi_event_type t, long long upto);
/* A payload's non-empty string member, or NULL. */
const char *lc_str(const json_t *o, const char *name);
/* A payload's date member ("YYYY-MM-DD"), or OGI_DATE_NONE. */
ogi_date lc_date(const json_t *o, const char *name);
/* Sets field k to the date in Chinese, or NULL for OGI_DATE_NONE. */
void lc_set_date(struct letter_compose *c, enum letter_field k, ogi_date d);
/* Sets field k to a fact: a date written as one in Chinese, other text as
 * given; NULL when absent. */
void lc_set_fact(struct letter_compose *c, enum letter_field k, const char *name);

/* The reply of c->outcome (letter_reply.c). */
void lc_reply(struct letter_compose *c);

/* Copies src into dst (size bytes), cut, when it must be, before a
 * character rather than inside one. */
void letter_copy(char *dst, size_t size, const char *src);

/* The Chinese numeral of n (1 ≤ n ≤ 99): 「一」, 「十二」. */
void letter_cn_number(int n, char *buf, size_t size);

#endif
