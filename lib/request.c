/* Requests and event lists (see request.h). */
#include "lib/request.h"

#include <stdlib.h>
#include <string.h>

void ogi_request_free(struct ogi_request *r)
{
	struct ogi_applicant *a = &r->applicant;
	free(a->name);
	free(a->id_number);
	free(a->phone);
	free(a->email);
	free(a->address);
	free(a->contact);
	free(a->postcode);
	free(r->description);
	free(r->purpose);
	free(r->unit);
	free(r->supervision_note);
	json_decref(r->clock);
	memset(r, 0, sizeof *r);
}

bool ogi_request_list_push(struct ogi_request_list *l, struct ogi_request *r)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct ogi_request *grown = realloc(l->r, cap * sizeof *grown);
		if (grown == NULL) {
			ogi_request_free(r);
			return false;
		}
		l->r = grown;
		l->cap = cap;
	}
	l->r[l->n++] = *r;
	memset(r, 0, sizeof *r);
	return true;
}

void ogi_request_list_free(struct ogi_request_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		ogi_request_free(&l->r[i]);
	free(l->r);
	memset(l, 0, sizeof *l);
}

bool ogi_request_open(const struct ogi_request *r)
{
	return r->status != OGI_STATUS_CLOSED;
}

bool ogi_request_overdue(const struct ogi_request *r, ogi_date today)
{
	return r->status == OGI_STATUS_REGISTERED && r->due_on != OGI_DATE_NONE &&
	       today > r->due_on;
}

bool ogi_event_list_push(struct ogi_event_list *l, const struct ogi_event *ev)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct ogi_event *grown = realloc(l->e, cap * sizeof *grown);
		if (grown == NULL) {
			json_decref(ev->payload);
			return false;
		}
		l->e = grown;
		l->cap = cap;
	}
	l->e[l->n++] = *ev;
	return true;
}

void ogi_event_list_free(struct ogi_event_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		json_decref(l->e[i].payload);
	free(l->e);
	memset(l, 0, sizeof *l);
}
