/* The glue of the letter routes (daemon/ep/letter*.c, deliver*.c): the
 * request a letter belongs to with what its letters need (its history, the
 * body's settings and wording), composing a draft (lib/letter.h) with the
 * refusal as its problem, rendering a letter (lib/letter_render.h), and
 * recording a letter event on the request's timeline with the projection
 * recomputed. */
#ifndef OGI_DAEMON_LETTER_CASE_H
#define OGI_DAEMON_LETTER_CASE_H

#include <stdbool.h>
#include <stddef.h>

#include "daemon/core/ctx.h"
#include "lib/body_settings.h"
#include "lib/db/db.h"
#include "lib/letter.h"
#include "lib/letter_record.h"
#include "lib/request.h"

struct letter_case {
	struct ogi_request req;
	struct ogi_event_list events;
	struct ogi_body_settings settings; /* with settings: as the body's letters print them */
	json_t *templates;                 /* with settings: the body's wording (owned) */
	bool loaded;
};

/* Loads request c->id (locked FOR UPDATE when lock) for a caller who may
 * read it, with its events, and with the body's settings and templates
 * when with_settings.  0, or the status of request_for (404 hides another
 * body's request), or a database status.  Free it with letter_case_free. */
int letter_case_load(struct ogi_db *db, struct ctx *c, bool lock, bool with_settings,
                     struct letter_case *lc);
void letter_case_free(struct letter_case *lc);

/* 0 when the caller holds role on the case's body, else OGI_E_FORBIDDEN
 * with c->detail saying what needs it. */
int letter_case_allows(struct ctx *c, const struct letter_case *lc, enum ogi_role role,
                       const char *what);

/* Composes a draft of kind for the case (the body's settings and
 * templates, facts, dated date) into doc: 0, or the refusal's problem (409,
 * c->detail naming the rule), or OGI_E_INTERNAL. */
int letter_case_compose(struct ctx *c, const struct letter_case *lc, enum ogi_letter_kind kind,
                        json_t *facts, ogi_date date, struct ogi_letter_doc *doc);

/* Renders document d in format f, with the seal when seal is not NULL:
 * malloc'd bytes into *out.  0, or OGI_E_INTERNAL (logged). */
int letter_render(struct ctx *c, const struct ogi_letter_doc *d, enum ogi_letter_format f,
                  const unsigned char *seal, size_t seal_len, unsigned char **out, size_t *len);

/* Appends a letter event of type t dated on with payload (borrowed) to the
 * case's request by the caller, after lib/clock's check, and stores the
 * projection recomputed over the history with it.  The case's request
 * must have been loaded with lock. */
int letter_case_event(struct ogi_db *db, struct ctx *c, struct letter_case *lc,
                      enum ogi_event_type t, ogi_date on, json_t *payload);

/* After delivery d of letter l was stored: when its legal date
 * (d->legal_on) is known and differs from was (OGI_DATE_NONE: none before),
 * a letter_served event {letter_id, kind, method, served_on, delivery_id}
 * dated on it goes on the timeline (the clock: 国办公开办函〔2016〕235号). */
int letter_case_served(struct ogi_db *db, struct ctx *c, struct letter_case *lc,
                       const struct ogi_letter_record *l, const struct ogi_letter_delivery *d,
                       ogi_date was);

/* The reply to a letter rendering: bytes of format f (copied) named after
 * the 文号 (Content-Disposition with an RFC 5987 UTF-8 filename*), or after
 * the letter's id for a draft. */
enum MHD_Result reply_letter_bytes(struct ctx *c, const struct ogi_letter_record *l,
                                   const char *what, enum ogi_letter_format f,
                                   const unsigned char *data, size_t len);

/* The ?type= of a letter route: -1 (JSON) when absent, else the format;
 * false after replying 400 for another value (allowed: the mask of formats). */
bool letter_format_query(struct ctx *c, unsigned allowed, int *format, enum MHD_Result *result);

#endif
