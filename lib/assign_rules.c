/* The rules of assignment, transfer and units (see assign_rules.h); each is
 * tested by a table in tests/unit/test_assignment.c. */
#include "lib/assign_rules.h"

#include <string.h>

const char *const ogi_transfer_dir_names[] = {"refused", "down", "up", NULL};

enum ogi_transfer_dir ogi_transfer_direction(const long long *from, int nfrom, const long long *to,
                                             int nto)
{
	if (nfrom < 1 || nto < 1 || from[nfrom - 1] == to[nto - 1])
		return OGI_TRANSFER_REFUSED;
	/* to lies below from: from's path is a prefix of to's */
	if (nto > nfrom) {
		bool below = true;
		for (int i = 0; i < nfrom && below; i++)
			below = from[i] == to[i];
		if (below)
			return OGI_TRANSFER_DOWN;
	}
	/* to is from's parent: to's path is from's without its last id */
	if (nto == nfrom - 1) {
		bool parent = true;
		for (int i = 0; i < nto && parent; i++)
			parent = from[i] == to[i];
		if (parent)
			return OGI_TRANSFER_UP;
	}
	return OGI_TRANSFER_REFUSED;
}

bool ogi_assignee_eligible(bool active, const struct ogi_grant *grants, size_t ngrants,
                           const long long *path, int npath)
{
	if (!active)
		return false;
	for (size_t g = 0; g < ngrants; g++) {
		if (grants[g].role == OGI_ROLE_AUDITOR)
			continue;
		for (int i = 0; i < npath; i++)
			if (path[i] == grants[g].body_id)
				return true;
	}
	return false;
}

long long ogi_supervising_body(const struct ogi_grant *grants, size_t ngrants,
                               const long long *path, int npath)
{
	for (int i = npath - 2; i >= 0; i--)
		for (size_t g = 0; g < ngrants; g++)
			if (grants[g].role == OGI_ROLE_ADMIN && grants[g].body_id == path[i])
				return path[i];
	return 0;
}

bool ogi_may_answer_supervision(const struct ogi_grant *grants, size_t ngrants, long long body_id)
{
	for (size_t g = 0; g < ngrants; g++)
		if (grants[g].body_id == body_id && grants[g].role >= OGI_ROLE_CLERK)
			return true;
	return false;
}

/* Characters of UTF-8 text (its lead bytes). */
static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static bool blank_edge(const char *s)
{
	size_t len = strlen(s);
	return s[0] == ' ' || s[0] == '\t' ||
	       (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'));
}

int ogi_units_check(const char *const *names, size_t n, const char **why_zh, const char **why_en)
{
	if (n > OGI_UNITS_MAX) {
		*why_zh = "科室（社区）最多 50 个";
		*why_en = "at most 50 units";
		return (int)n;
	}
	for (size_t i = 0; i < n; i++) {
		size_t chars = utf8_chars(names[i]);
		if (chars == 0 || chars > OGI_UNIT_NAME_MAX) {
			*why_zh = "名称应为 1 至 100 个字";
			*why_en = "a name has 1 to 100 characters";
			return (int)i;
		}
		if (blank_edge(names[i])) {
			*why_zh = "名称前后不能有空格";
			*why_en = "a name neither starts nor ends with a space";
			return (int)i;
		}
		for (size_t j = 0; j < i; j++)
			if (strcmp(names[i], names[j]) == 0) {
				*why_zh = "名称重复";
				*why_en = "the name is given twice";
				return (int)i;
			}
	}
	return -1;
}
