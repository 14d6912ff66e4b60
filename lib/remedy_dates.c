/* The dates a request's remedy records set, for the deadline explanation
 * and the queue (see remedies.h). */
#include <stdlib.h>

#include "lib/remedies.h"

#define RC_DEADLINES_MAX   4
#define INST_DEADLINES_MAX 6

static bool mine(long long request_id, long long of)
{
	return request_id <= 0 || of == request_id;
}

static void add_date(struct ogi_remedy_timeline *t, const struct ogi_remedy_deadline *d,
                     long long request_id, bool litigation, long long id, int seq)
{
	t->dates[t->ndates++] = (struct ogi_remedy_date){.d = *d,
	                                                 .request_id = request_id,
	                                                 .litigation = litigation,
	                                                 .record_id = id,
	                                                 .seq = seq};
}

static struct ogi_remedy_step *add_step(struct ogi_remedy_timeline *t,
                                        enum ogi_remedy_step_kind kind, ogi_date from, ogi_date to)
{
	struct ogi_remedy_step *s = &t->steps[t->nsteps++];
	*s = (struct ogi_remedy_step){.kind = kind, .from = from, .to = to};
	return s;
}

/* An order to reply anew, from the decision that gave it to the new reply (or its date). */
static struct ogi_remedy_step *add_redo(struct ogi_remedy_timeline *t, ogi_date decided_on,
                                        ogi_date due, ogi_date done)
{
	return add_step(t, OGI_STEP_REDO, decided_on, done != OGI_DATE_NONE ? done : due);
}

static void reconsideration_dates(const struct ogi_calendar *cal,
                                  const struct ogi_reconsideration *r,
                                  struct ogi_remedy_timeline *t)
{
	struct ogi_reconsideration_dates d = ogi_reconsideration_dates_of(r);
	struct ogi_remedy_deadline dl[RC_DEADLINES_MAX];
	int n = ogi_reconsideration_deadlines(cal, &d, dl, RC_DEADLINES_MAX);
	for (int k = 0; k < n; k++)
		add_date(t, &dl[k], r->request_id, false, r->id, 0);
	/* filed → the authority's decision due (dl[0]); decided → the last day to sue (dl[1]) */
	add_step(t, OGI_STEP_RC_FILED, r->filed_on, dl[0].due_on)->rc = r;
	if (r->decided_on == OGI_DATE_NONE)
		return;
	add_step(t, OGI_STEP_RC_DECIDED, r->decided_on, dl[1].due_on)->rc = r;
	if (r->redo_due != OGI_DATE_NONE)
		add_redo(t, r->decided_on, r->redo_due, r->redone_on)->rc = r;
}

static void litigation_dates(const struct ogi_calendar *cal, const struct ogi_litigation *l,
                             struct ogi_remedy_timeline *t)
{
	struct ogi_instance v[OGI_INSTANCES_MAX];
	size_t ni = ogi_litigation_instances(l, v);
	add_step(t, OGI_STEP_LIT_FILED, l->filed_on, l->filed_on)->lit = l;
	for (size_t k = 0; k < ni; k++) {
		struct ogi_remedy_deadline dl[INST_DEADLINES_MAX];
		int nd = ogi_instance_deadlines(cal, &v[k], dl, INST_DEADLINES_MAX);
		for (int j = 0; j < nd; j++)
			add_date(t, &dl[j], l->request_id, true, l->id, l->inst[k].seq);
		if (v[k].decided_on == OGI_DATE_NONE)
			continue;
		struct ogi_remedy_step *s =
		    add_step(t, OGI_STEP_INSTANCE_DECIDED, v[k].decided_on, v[k].decided_on);
		s->lit = l;
		s->inst = (int)k;
		if (v[k].redo_due == OGI_DATE_NONE)
			continue;
		s = add_redo(t, v[k].decided_on, v[k].redo_due, v[k].redone_on);
		s->lit = l;
		s->inst = (int)k;
		s->superseded = v[k].superseded;
	}
}

bool ogi_remedy_timeline(const struct ogi_calendar *cal, const struct ogi_remedy_records *records,
                         long long request_id, struct ogi_remedy_timeline *out)
{
	*out = (struct ogi_remedy_timeline){0};
	/* room for the most each record can give */
	size_t dates = 0, steps = 0;
	for (size_t i = 0; i < records->rc.n; i++)
		if (mine(request_id, records->rc.v[i].request_id)) {
			dates += RC_DEADLINES_MAX;
			steps += 3;
		}
	for (size_t i = 0; i < records->lit.n; i++)
		if (mine(request_id, records->lit.v[i].request_id)) {
			size_t ni = (size_t)records->lit.v[i].ninst;
			dates += INST_DEADLINES_MAX * ni;
			steps += 1 + 2 * ni;
		}
	out->dates = calloc(dates + 1, sizeof *out->dates);
	out->steps = calloc(steps + 1, sizeof *out->steps);
	if (out->dates == NULL || out->steps == NULL) {
		ogi_remedy_timeline_free(out);
		return false;
	}
	for (size_t i = 0; i < records->rc.n; i++)
		if (mine(request_id, records->rc.v[i].request_id))
			reconsideration_dates(cal, &records->rc.v[i], out);
	for (size_t i = 0; i < records->lit.n; i++)
		if (mine(request_id, records->lit.v[i].request_id))
			litigation_dates(cal, &records->lit.v[i], out);
	return true;
}

void ogi_remedy_timeline_free(struct ogi_remedy_timeline *t)
{
	free(t->dates);
	free(t->steps);
	*t = (struct ogi_remedy_timeline){0};
}
