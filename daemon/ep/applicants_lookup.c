/* POST /api/v1/applicants/lookup {id_type, id_number, name?, body_id?, received_on?}: the
 * applications an identity number already has, at the bodies the caller sees, for the clerk
 * at intake (issue 14): a different name under the same number is a warning to look at the
 * document again, and the applications at the same body in the same month are listed, since
 * they set the per-item fee's ordinal (国办函〔2020〕109号 art. 4).  A POST, so that the
 * number is in no URL; found through the keyed hash of the number (lib/pii.h), never by the
 * number itself. */
#include <string.h>

#include "daemon/core/auth.h"
#include "daemon/core/dbconn.h"
#include "daemon/core/reply.h"
#include "daemon/core/tx.h"
#include "daemon/ep/ep.h"
#include "lib/db/applicants.h"
#include "lib/domain.h"
#include "lib/idcheck.h"

#define LOOKUP_LIMIT 50

struct lookup {
	int id_type;
	const char *id_number, *name;
	bool has_name, has_body, has_on;
	long long body_id;
	ogi_date on;
	char id_buf[72];
};

static bool lookup_parse(json_t *body, struct lookup *in, struct spec_errors *errs)
{
	struct spec spec[] = {
	    SPEC_ENUM("id_type", ogi_id_type_names, &in->id_type),
	    SPEC_STRING("id_number", &in->id_number, 64),
	    SPEC_OPT(&in->has_name, SPEC_F_STRING("name", &in->name, 200)),
	    SPEC_OPT(&in->has_body, SPEC_F_INT("body_id", &in->body_id, 1, INT64_MAX)),
	    SPEC_OPT(&in->has_on, SPEC_F_DATE("received_on", &in->on)),
	    SPEC_END,
	};
	if (!spec_parse(body, spec, errs))
		return false;
	struct ogi_idcheck why;
	if (!ogi_check_id(in->id_type, in->id_number, strlen(in->id_number), ogi_today(),
	                  in->id_buf, sizeof in->id_buf, &why)) {
		spec_error_add(errs, "id_number", why.code, why.message_zh, why.message_en);
		return false;
	}
	in->id_number = in->id_buf;
	return true;
}

bool in_applicants_lookup(json_t *body, struct spec_errors *errs)
{
	struct lookup in = {0};
	return lookup_parse(body, &in, errs);
}

/* Whether two names are one after the spaces around them. */
static bool same_name(const char *a, const char *b)
{
	while (*a == ' ')
		a++;
	while (*b == ' ')
		b++;
	size_t na = strlen(a), nb = strlen(b);
	while (na > 0 && a[na - 1] == ' ')
		na--;
	while (nb > 0 && b[nb - 1] == ' ')
		nb--;
	return na == nb && memcmp(a, b, na) == 0;
}

static bool same_month(ogi_date a, ogi_date b)
{
	int ya, ma, da, yb, mb, db;
	ogi_date_to_ymd(a, &ya, &ma, &da);
	ogi_date_to_ymd(b, &yb, &mb, &db);
	return ya == yb && ma == mb;
}

enum MHD_Result h_applicants_lookup(struct ctx *c)
{
	struct lookup in = {0};
	struct spec_errors errs = {0};
	if (!lookup_parse(c->json, &in, &errs))
		return reply_invalid(c, &errs);
	if (!in.has_on)
		in.on = ogi_today();
	enum MHD_Result result;
	struct ogi_db *db = thread_db(c, &result);
	if (db == NULL)
		return result;
	long long roots[OGI_MAX_GRANTS];
	int nroots = auth_root_ids(&c->auth, (1u << OGI_ROLE_COUNT) - 1, roots, OGI_MAX_GRANTS);
	struct ogi_applicant_matches m;
	int rc = ogi_db_applicant_lookup(db, in.id_number, roots, nroots, LOOKUP_LIMIT, &m);
	if (rc != 0)
		return reply_status(c, db, rc);
	json_t *list = json_array();
	bool names_differ = false;
	int month = 0;
	for (size_t i = 0; i < m.n; i++) {
		const struct ogi_applicant_match *x = &m.v[i];
		bool other_name = in.has_name && !same_name(x->applicant_name, in.name);
		bool this_month = in.has_body && x->body_id == in.body_id &&
		                  same_month(x->received_on, in.on) && x->received_on <= in.on;
		names_differ |= other_name;
		month += this_month;
		char d[OGI_DATE_STRLEN];
		json_array_append_new(
		    list, json_pack("{s:I, s:s, s:I, s:s, s:s, s:s, s:s, s:b, s:b}", "id",
		                    (json_int_t)x->id, "tracking_no", x->tracking_no, "body_id",
		                    (json_int_t)x->body_id, "body_name", x->body_name,
		                    "applicant_name", x->applicant_name, "received_on",
		                    ogi_date_format(x->received_on, d), "status", x->status,
		                    "other_name", other_name, "same_body_month", this_month));
	}
	ogi_applicant_matches_free(&m);
	return reply_json(c, 200,
	                  json_pack("{s:o, s:b, s:i, s:i}", "requests", list, "names_differ",
	                            names_differ, "same_body_month", month, "limit", LOOKUP_LIMIT));
}
