/* JSON input specs: types, rules and unknown fields (see spec.h). */
#include "lib/spec.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The length of the UTF-8 sequence at s (at most avail bytes), or 0 when
 * it is not a well-formed one. */
static size_t utf8_sequence(const unsigned char *s, size_t avail)
{
	size_t n;
	if (s[0] < 0x80)
		return 1;
	else if (s[0] >= 0xC2 && s[0] <= 0xDF)
		n = 2;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		n = 3;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		n = 4;
	else
		return 0;
	if (n > avail)
		return 0;
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] > 0x9F) ||
	    (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] > 0x8F))
		return 0; /* overlong, a surrogate, beyond U+10FFFF */
	return n;
}

/* Copies in into out[size] as valid UTF-8 whatever it holds: a character
 * that does not fit is left out whole (a field name cut in the middle of
 * 字 would make the problem document unprintable), a malformed byte
 * becomes '?'. */
static void utf8_copy(char *out, size_t size, const char *in)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t o = 0, left = strlen(in);
	while (left > 0) {
		size_t n = utf8_sequence(s, left);
		bool cut = n == 0 && s[0] >= 0xC2 && s[0] <= 0xF4 &&
		           left < (s[0] >= 0xF0   ? 4u
		                   : s[0] >= 0xE0 ? 3u
		                                  : 2u);
		if (cut || o + (n ? n : 1) >= size)
			break; /* the input itself ends inside a character (cut short by a caller)
			        */
		if (n == 0) {
			out[o++] = '?';
			s++;
			left--;
			continue;
		}
		memcpy(out + o, s, n);
		o += n;
		s += n;
		left -= n;
	}
	out[o] = '\0';
}

void spec_error_add(struct spec_errors *errs, const char *field, const char *code, const char *zh,
                    const char *en)
{
	if (errs->n >= SPEC_MAX_ERRORS)
		return;
	struct spec_error *e = &errs->e[errs->n++];
	utf8_copy(e->field, sizeof e->field, field);
	e->code = code;
	utf8_copy(e->message_zh, sizeof e->message_zh, zh);
	utf8_copy(e->message_en, sizeof e->message_en, en);
}

bool utf8_valid(const char *s, size_t bytes)
{
	const unsigned char *u = (const unsigned char *)s;
	while (bytes > 0) {
		size_t n = utf8_sequence(u, bytes);
		if (n == 0)
			return false;
		u += n;
		bytes -= n;
	}
	return true;
}

void spec_date_range_error(struct spec_errors *errs, const char *field)
{
	char zh[96], en[96];
	snprintf(zh, sizeof zh, "年份须在 %d 至 %d 之间", OGI_DATE_MIN_YEAR, OGI_DATE_MAX_YEAR);
	snprintf(en, sizeof en, "year must be between %d and %d", OGI_DATE_MIN_YEAR,
	         OGI_DATE_MAX_YEAR);
	spec_error_add(errs, field, "range", zh, en);
}

size_t utf8_chars(const char *s, size_t bytes)
{
	size_t n = 0;
	for (size_t i = 0; i < bytes; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

static void path_of(char *out, size_t len, const char *prefix, const char *name)
{
	char whole[512];
	if (prefix[0])
		snprintf(whole, sizeof whole, "%s.%s", prefix, name);
	else
		snprintf(whole, sizeof whole, "%s", name);
	utf8_copy(out, len, whole);
}

/* What to enter, said plainly: "请填写整数" (the messages a clerk reads next to a field). */
static const char *type_zh(enum spec_kind k)
{
	switch (k) {
	case SPEC_K_STRING:
		return "请填写文字";
	case SPEC_K_ENUM:
		return "请从选项中选择";
	case SPEC_K_INT:
		return "请填写整数";
	case SPEC_K_NUMBER:
		return "请填写数字";
	case SPEC_K_BOOL:
		return "请选择是或否（true 或 false）";
	case SPEC_K_DATE:
		return "请填写日期，格式如 2026-12-03";
	case SPEC_K_OBJECT:
		return "格式不对：这里应是一组内容（JSON 对象）";
	default:
		return "格式不对";
	}
}

static const char *type_en(enum spec_kind k)
{
	switch (k) {
	case SPEC_K_STRING:
	case SPEC_K_ENUM:
		return "a string";
	case SPEC_K_INT:
		return "an integer";
	case SPEC_K_NUMBER:
		return "a number";
	case SPEC_K_BOOL:
		return "true or false";
	case SPEC_K_DATE:
		return "a date string YYYY-MM-DD";
	case SPEC_K_OBJECT:
		return "an object";
	default:
		return "a value";
	}
}

static void type_error(struct spec_errors *errs, const char *field, enum spec_kind k)
{
	char en[128];
	snprintf(en, sizeof en, "must be %s", type_en(k));
	spec_error_add(errs, field, "type", type_zh(k), en);
}

static void enum_error(struct spec_errors *errs, const char *field, const char *const *names)
{
	/* every value, never the first few: the longest table (the outcomes) is 480
	   characters, SPEC_MESSAGE_SIZE holds it with the words around it */
	char list[SPEC_MESSAGE_SIZE - 48] = "";
	size_t used = 0;
	for (int i = 0; names[i] != NULL && used < sizeof list; i++)
		used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "",
		                         names[i]);
	char zh[SPEC_MESSAGE_SIZE], en[SPEC_MESSAGE_SIZE];
	snprintf(zh, sizeof zh, "请从以下选项中选择：%s", list);
	snprintf(en, sizeof en, "must be one of: %s", list);
	spec_error_add(errs, field, "enum", zh, en);
}

static bool parse_object(json_t *obj, const struct spec *spec, const char *prefix,
                         struct spec_errors *errs);

static void parse_field(json_t *v, const struct spec *f, const char *field,
                        struct spec_errors *errs)
{
	switch (f->kind) {
	case SPEC_K_STRING: {
		if (!json_is_string(v)) {
			type_error(errs, field, f->kind);
			return;
		}
		size_t max = f->max_len ? f->max_len : 10000;
		size_t chars = utf8_chars(json_string_value(v), json_string_length(v));
		if (chars > max) {
			char zh[96], en[96];
			snprintf(zh, sizeof zh, "最多填写 %zu 个字", max);
			snprintf(en, sizeof en, "too long: at most %zu characters", max);
			spec_error_add(errs, field, "too_long", zh, en);
			return;
		}
		if ((!f->optional || f->nonempty) && chars == 0) {
			spec_error_add(errs, field, "empty", "不能为空，请填写",
			               "must not be empty");
			return;
		}
		*(const char **)f->out = json_string_value(v);
		return;
	}
	case SPEC_K_ENUM: {
		if (!json_is_string(v)) {
			type_error(errs, field, f->kind);
			return;
		}
		int idx = -1;
		for (int i = 0; f->names[i] != NULL; i++)
			if (strcmp(f->names[i], json_string_value(v)) == 0 &&
			    strlen(f->names[i]) == json_string_length(v))
				idx = i;
		if (idx < 0) {
			enum_error(errs, field, f->names);
			return;
		}
		*(int *)f->out = idx;
		return;
	}
	case SPEC_K_INT: {
		if (!json_is_integer(v)) {
			type_error(errs, field, f->kind);
			return;
		}
		long long x = json_integer_value(v);
		long long lo = f->min, hi = f->max;
		if (lo == 0 && hi == 0)
			hi = INT64_MAX;
		if (x < lo || x > hi) {
			char zh[128], en[128];
			snprintf(zh, sizeof zh, "请填写 %lld 至 %lld 之间的整数", lo, hi);
			snprintf(en, sizeof en, "must be between %lld and %lld", lo, hi);
			spec_error_add(errs, field, "range", zh, en);
			return;
		}
		*(long long *)f->out = x;
		return;
	}
	case SPEC_K_NUMBER:
		if (!json_is_number(v) || !isfinite(json_number_value(v))) {
			type_error(errs, field, f->kind);
			return;
		}
		*(double *)f->out = json_number_value(v);
		return;
	case SPEC_K_BOOL:
		if (!json_is_boolean(v)) {
			type_error(errs, field, f->kind);
			return;
		}
		*(bool *)f->out = json_is_true(v);
		return;
	case SPEC_K_DATE: {
		ogi_date d;
		if (!json_is_string(v)) {
			type_error(errs, field, f->kind);
			return;
		}
		if (!ogi_date_parse_n(json_string_value(v), json_string_length(v), &d)) {
			spec_error_add(errs, field, "date", "请填写有效的日期，格式如 2026-12-03",
			               "not a valid date (YYYY-MM-DD)");
			return;
		}
		if (!ogi_date_in_range(d)) {
			/* 9999-12-31 and 20 working days more was year 10000 */
			spec_date_range_error(errs, field);
			return;
		}
		*(ogi_date *)f->out = d;
		return;
	}
	case SPEC_K_OBJECT:
		if (!json_is_object(v)) {
			type_error(errs, field, f->kind);
			return;
		}
		parse_object(v, f->fields, field, errs);
		return;
	case SPEC_K_JSON:
		*(json_t **)f->out = v;
		return;
	case SPEC_K_END:
		return;
	}
}

static bool parse_object(json_t *obj, const struct spec *spec, const char *prefix,
                         struct spec_errors *errs)
{
	int before = errs->n;
	char field[96];
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v)
	{
		const struct spec *f = spec;
		while (f->kind != SPEC_K_END && strcmp(f->name, key) != 0)
			f++;
		if (f->kind == SPEC_K_END) {
			path_of(field, sizeof field, prefix, key);
			spec_error_add(errs, field, "unknown_field", "没有这一项（名称可能写错了）",
			               "unknown field");
		}
	}
	for (const struct spec *f = spec; f->kind != SPEC_K_END; f++) {
		path_of(field, sizeof field, prefix, f->name);
		v = json_object_get(obj, f->name);
		if (v == NULL || json_is_null(v)) {
			if (!f->optional)
				spec_error_add(errs, field, "required", "请填写此项", "required");
			else if (f->present != NULL)
				*f->present = false;
			continue;
		}
		if (f->present != NULL)
			*f->present = true;
		parse_field(v, f, field, errs);
	}
	return errs->n == before;
}

bool spec_parse(json_t *obj, const struct spec *spec, struct spec_errors *errs)
{
	if (!json_is_object(obj)) {
		spec_error_add(errs, "", "type", "提交的内容应为 JSON 对象",
		               "the body must be a JSON object");
		return false;
	}
	return parse_object(obj, spec, "", errs);
}
