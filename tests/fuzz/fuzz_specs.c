/* The JSON input of every endpoint, reached through the route table: an
 * input is "METHOD PATTERN\n" naming a route (as in daemon/core/routes.c) and
 * then the body.  The body goes through the route's input function, the
 * very code its handler runs first.  Checked: nothing crashes or leaks, a
 * verdict agrees with its reasons, and the problem document ogid would send
 * carries every reason with its field and both messages (JSON strings must
 * be valid UTF-8, so a field name cut in the middle of a character would
 * be lost). */
#include <string.h>

#include "daemon/core/reply.h"
#include "daemon/core/routes.h"
#include "daemon/ep/ep.h"
#include "tests/fuzz/fuzz.h"

static const struct route *route_named(const char *head)
{
	for (size_t i = 0; i < ogi_nroutes; i++) {
		const struct route *r = &ogi_routes[i];
		size_t m = strlen(r->method);
		if (r->input != NULL && strncmp(head, r->method, m) == 0 && head[m] == ' ' &&
		    strcmp(head + m + 1, r->pattern) == 0)
			return r;
	}
	return NULL;
}

/* Every route that takes a JSON body names the function that checks it:
 * otherwise its input would go unfuzzed. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	int missing = 0;
	for (size_t i = 0; i < ogi_nroutes; i++) {
		if ((ogi_routes[i].flags & ROUTE_JSON) && ogi_routes[i].input == NULL) {
			fprintf(stderr,
			        "route %s %s takes a JSON body but names no input function in "
			        "daemon/core/routes.c (see tests/fuzz/README.md)\n",
			        ogi_routes[i].method, ogi_routes[i].pattern);
			missing++;
		}
	}
	if (missing > 0)
		exit(1);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	if (nl == NULL || (size_t)(nl - data) >= 128)
		return 0;
	char head[128];
	memcpy(head, data, (size_t)(nl - data));
	head[nl - data] = '\0';
	const struct route *r = route_named(head);
	if (r == NULL)
		return 0;
	/* as the dispatcher parses it (daemon/core/dispatch.c) */
	json_error_t jerr;
	json_t *body = json_loadb((const char *)nl + 1, size - (size_t)(nl - data) - 1,
	                          JSON_REJECT_DUPLICATES, &jerr);
	if (body == NULL)
		return 0;
	struct spec_errors errs = {0};
	bool ok = r->input(body, &errs);
	FUZZ_CHECK(ok == (errs.n == 0));
	for (int english = 0; english < 2; english++) {
		json_t *problem = invalid_json(&errs, english);
		FUZZ_CHECK(problem != NULL);
		json_t *list = json_object_get(problem, "errors");
		FUZZ_CHECK(json_array_size(list) == (size_t)errs.n);
		for (int i = 0; i < errs.n; i++) {
			json_t *e = json_array_get(list, (size_t)i);
			FUZZ_CHECK(json_is_string(json_object_get(e, "field")));
			FUZZ_CHECK(json_string_length(json_object_get(e, "message_zh")) > 0);
			FUZZ_CHECK(json_string_length(json_object_get(e, "message_en")) > 0);
			FUZZ_CHECK(json_string_length(json_object_get(e, "code")) > 0);
		}
		char *text = json_dumps(problem, JSON_COMPACT);
		FUZZ_CHECK(text != NULL);
		free(text);
		json_decref(problem);
	}
	json_decref(body);
	return 0;
}
