/* The route matcher (daemon/core/routes.c): the method before the first '\n',
 * the path after it, as libmicrohttpd hands them over.  Checked: a match is
 * for that method and that path, its ids are the path's positive integers,
 * the date parameter and the Allow list are terminated and the Allow list
 * names the method matched; a path no route knows has no Allow list. */
#include <string.h>

#include "daemon/core/routes.h"
#include "daemon/ep/ep.h"
#include "tests/fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	if (nl == NULL || nl - data > 16 || size - (size_t)(nl - data) - 1 > 4096)
		return 0;
	char method[17], *path = malloc(size);
	if (path == NULL)
		return 0;
	memcpy(method, data, (size_t)(nl - data));
	method[nl - data] = '\0';
	size_t plen = size - (size_t)(nl - data) - 1;
	memcpy(path, nl + 1, plen);
	path[plen] = '\0';
	struct ctx c;
	memset(&c, 0x55, sizeof c); /* whatever was there: the matcher must set what it reports */
	char allow[128];
	bool known;
	const struct route *r = route_match(method, path, &c, allow, sizeof allow, &known);
	FUZZ_CHECK(memchr(allow, '\0', sizeof allow) != NULL);
	if (!known)
		FUZZ_CHECK(r == NULL && allow[0] == '\0');
	if (r != NULL) {
		FUZZ_CHECK(known && strcmp(r->method, method) == 0);
		FUZZ_CHECK(strstr(allow, method) != NULL);
		FUZZ_CHECK(memchr(c.param, '\0', sizeof c.param) != NULL);
		if (strstr(r->pattern, "{id}") != NULL || strstr(r->pattern, "{year}") != NULL)
			FUZZ_CHECK(c.id > 0);
		/* the same path matches again alike */
		struct ctx again;
		char allow2[128];
		bool known2;
		FUZZ_CHECK(route_match(method, path, &again, allow2, sizeof allow2, &known2) == r);
		FUZZ_CHECK(again.id == c.id && strcmp(allow, allow2) == 0);
	}
	free(path);
	return 0;
}
