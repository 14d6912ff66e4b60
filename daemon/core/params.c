/* Typed query parameters (see params.h). */
#include "daemon/core/params.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool positive_int(const char *v, long long max, long long *out)
{
	if (v == NULL || *v == '\0' || strlen(v) > 15)
		return false;
	for (const char *s = v; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	*out = atoll(v);
	return *out >= 1 && *out <= max;
}

static bool bad(struct spec_errors *errs, const char *name, const char *zh, const char *en)
{
	spec_error_add(errs, name, "invalid", zh, en);
	return false;
}

bool param_date(struct ctx *c, struct spec_errors *errs, const char *name, ogi_date *out,
                bool *present)
{
	const char *v = query(c, name);
	*present = v != NULL;
	if (v == NULL)
		return true;
	if (!ogi_date_parse(v, out))
		return bad(errs, name, "不是有效日期（格式 YYYY-MM-DD）",
		           "not a valid date (YYYY-MM-DD)");
	if (!ogi_date_in_range(*out)) {
		spec_date_range_error(errs, name);
		return false;
	}
	return true;
}

bool param_int(struct ctx *c, struct spec_errors *errs, const char *name, long long max,
               long long *out, bool *present)
{
	const char *v = query(c, name);
	*present = v != NULL;
	if (v == NULL)
		return true;
	if (positive_int(v, max, out))
		return true;
	char zh[96], en[96];
	snprintf(zh, sizeof zh, "应为 1 至 %lld 的整数", max);
	snprintf(en, sizeof en, "must be an integer from 1 to %lld", max);
	return bad(errs, name, zh, en);
}

bool param_id(struct ctx *c, struct spec_errors *errs, const char *name, long long *out,
              bool *present)
{
	const char *v = query(c, name);
	*present = v != NULL;
	if (v == NULL || positive_int(v, INT64_MAX / 2, out))
		return true;
	return bad(errs, name, "应为正整数", "must be a positive integer");
}

bool param_enum(struct ctx *c, struct spec_errors *errs, const char *name,
                const char *const names[], int *out, bool *present)
{
	const char *v = query(c, name);
	*present = v != NULL;
	if (v == NULL)
		return true;
	int i = ogi_enum_parse(names, v);
	if (i >= 0) {
		*out = i;
		return true;
	}
	char zh[512] = "应为以下之一：", en[512] = "must be one of: ";
	for (int k = 0; names[k] != NULL; k++) {
		strncat(zh, k ? "、" : "", sizeof zh - strlen(zh) - 1);
		strncat(zh, names[k], sizeof zh - strlen(zh) - 1);
		strncat(en, k ? ", " : "", sizeof en - strlen(en) - 1);
		strncat(en, names[k], sizeof en - strlen(en) - 1);
	}
	spec_error_add(errs, name, "enum", zh, en);
	return false;
}

bool param_bool(struct ctx *c, struct spec_errors *errs, const char *name, bool *out, bool *present)
{
	const char *v = query(c, name);
	*present = v != NULL;
	if (v == NULL)
		return true;
	if (strcmp(v, "true") == 0)
		*out = true;
	else if (strcmp(v, "false") == 0)
		*out = false;
	else
		return bad(errs, name, "应为 true 或 false", "must be true or false");
	return true;
}
