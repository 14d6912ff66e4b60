/* The route table (routes.c): reading it tells you the whole API.  The
 * dispatcher answers 404 and 405 with Allow, decodes the path's {id}, checks
 * the session and the least role; route files check the body. */
#ifndef OGI_DAEMON_ROUTES_H
#define OGI_DAEMON_ROUTES_H

#include <stdio.h>

#include "daemon/core/ctx.h"

typedef enum MHD_Result (*handler_fn)(struct ctx *c);
/* Checks a JSON body as the endpoint's handler does before it touches the
 * database: the declarative spec and the rules beyond it.  The handler calls
 * the same code; the route table names it so that the fuzzer
 * (tests/fuzz/fuzz_specs.c) reaches every endpoint's input. */
typedef bool (*input_fn)(json_t *body, struct spec_errors *errs);

enum route_flags {
	ROUTE_PUBLIC = 1, /* no session needed */
	ROUTE_JSON =
	    2, /* the body is a JSON object (application/json): parsed before the handler */
	ROUTE_RAW_BODY = 4, /* the body is read but not parsed (imports): of the route's types */
	ROUTE_ANY_ROLE = 8, /* signed in is enough, even without a role (own session, password) */
	/* the body streams to the route as it arrives, never held whole (an attachment): the
	   route's stream opens once the headers are in and checked, takes each piece, and its
	   handler answers when the body has ended */
	ROUTE_STREAM = 16,
	ROUTE_PUBLIC_CHANNEL =
	    32, /* the public channel's: the only routes --public-listen serves */
};

/* A streaming route's three steps.  open runs when the headers have arrived and the
 * dispatcher's checks passed (path, origin, session, role): it sets c->stream and
 * c->streaming to take the body, or replies (a refusal: the body is then discarded unread).
 * data takes each piece (it keeps no pointer to it); release always runs when the request
 * ends, answered or cut off, and undoes what was not finished. */
struct stream_ops {
	enum MHD_Result (*open)(struct ctx *c);
	void (*data)(struct ctx *c, const char *data, size_t len);
	void (*release)(struct ctx *c);
};

struct route {
	const char *method;
	const char *pattern; /* segments; {id} an integer > 0, {date} a date, {year} 1990–2100,
	                        {token} base64url */
	handler_fn handler;
	enum ogi_role role; /* the least role the caller must hold on some body */
	int flags;
	input_fn input; /* ROUTE_JSON: the body's checks (required for those) */
	/* ROUTE_RAW_BODY: the media types it takes, "a/b, c/d" (charset=utf-8 the one parameter) */
	const char *types;
	const struct stream_ops *stream; /* ROUTE_STREAM: its steps; handler answers at the end */
};

/* The route table, for the fuzzers and the check that every JSON route names its input. */
extern const struct route ogi_routes[];
extern const size_t ogi_nroutes;

/* False, with the first route at fault in why, when an entry lacks what its
 * flags need (a JSON route its input, a raw-body route its types): ogid
 * refuses to start rather than answer such a route with a crash. */
bool routes_check(char *why, size_t size);

/* Writes the table to out as a JSON array of {method, path, role, flags, types}
 * (ogid --print-routes); false when out would not take it. */
bool routes_print_json(FILE *out);

const struct route *route_match(const char *method, const char *path, struct ctx *c, char *allow,
                                size_t allow_len, bool *path_known);

#endif
