/* Letters as ogi keeps them, and their service (see letter_record.h). */
#include "lib/letter_record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const ogi_letter_status_names[] = {"draft", "issued", "void", NULL};
const char *const ogi_letter_format_names[] = {"html", "pdf", "docx", NULL};
const char *const ogi_letter_format_mime[] = {
    "text/html; charset=utf-8", "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", NULL};

void ogi_letter_record_free(struct ogi_letter_record *l)
{
	free(l->title);
	free(l->addressee);
	free(l->signer);
	free(l->void_reason);
	json_decref(l->paragraphs);
	json_decref(l->generated);
	json_decref(l->facts);
	json_decref(l->second);
	json_decref(l->attachments);
	memset(l, 0, sizeof *l);
}

bool ogi_letter_list_push(struct ogi_letter_list *list, struct ogi_letter_record *l)
{
	if (list->n == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 8;
		struct ogi_letter_record *v = realloc(list->v, cap * sizeof *v);
		if (v == NULL) {
			ogi_letter_record_free(l);
			return false;
		}
		list->v = v;
		list->cap = cap;
	}
	list->v[list->n++] = *l;
	memset(l, 0, sizeof *l);
	return true;
}

void ogi_letter_list_free(struct ogi_letter_list *list)
{
	for (size_t i = 0; i < list->n; i++)
		ogi_letter_record_free(&list->v[i]);
	free(list->v);
	memset(list, 0, sizeof *list);
}

static json_t *strings_json(char *const *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; a != NULL && i < n; i++)
		if (json_array_append_new(a, json_string(v[i] ? v[i] : "")) != 0) {
			json_decref(a);
			return NULL;
		}
	return a;
}

bool ogi_letter_record_set_doc(struct ogi_letter_record *l, const struct ogi_letter_doc *d)
{
	struct ogi_letter_record keep = {.id = l->id,
	                                 .request_id = l->request_id,
	                                 .body_id = l->body_id,
	                                 .version = l->version,
	                                 .status = l->status};
	json_t *facts = json_incref(l->facts);
	memcpy(keep.created_by, l->created_by, sizeof keep.created_by);
	memcpy(keep.created_at, l->created_at, sizeof keep.created_at);
	ogi_letter_record_free(l);
	*l = keep;
	l->facts = facts ? facts : json_object();
	l->kind = d->kind;
	l->outcome = d->kind == OGI_LETTER_REPLY ? d->outcome : -1;
	l->letter_date = d->date;
	l->title = strdup(d->title);
	l->addressee = strdup(d->addressee);
	l->signer = strdup(d->signer);
	l->paragraphs = strings_json(d->para, d->npara);
	l->attachments = strings_json(d->attach, d->nattach);
	json_t *remedy = json_array();
	for (size_t i = 0; remedy != NULL && i < d->npara; i++)
		if (d->para_remedy[i])
			json_array_append_new(remedy, json_integer((json_int_t)i));
	l->generated = json_pack("{s:s, s:s, s:O?, s:o?}", "title", d->title, "addressee",
	                         d->addressee, "paragraphs", l->paragraphs, "remedy", remedy);
	if (d->npara2 > 0)
		l->second = json_pack("{s:s, s:o?}", "title", d->title2, "paragraphs",
		                      strings_json(d->para2, d->npara2));
	return l->facts && l->title && l->addressee && l->signer && l->paragraphs &&
	       l->attachments && l->generated && (d->npara2 == 0 || l->second);
}

static bool copy_strings(json_t *a, char **out, size_t max, size_t *n)
{
	size_t i;
	json_t *v;
	*n = 0;
	json_array_foreach(a, i, v)
	{
		if (*n >= max)
			break;
		out[*n] = strdup(json_is_string(v) ? json_string_value(v) : "");
		if (out[*n] == NULL)
			return false;
		(*n)++;
	}
	return true;
}

/* Whether text is, word for word, a paragraph the generator marked as the remedy sentence. */
static bool is_remedy(json_t *generated, const char *text)
{
	json_t *paras = json_object_get(generated, "paragraphs");
	size_t i;
	json_t *idx;
	json_array_foreach(json_object_get(generated, "remedy"), i, idx)
	{
		json_t *p = json_array_get(paras, (size_t)json_integer_value(idx));
		if (json_is_string(p) && strcmp(json_string_value(p), text) == 0)
			return true;
	}
	return false;
}

bool ogi_letter_record_doc(const struct ogi_letter_record *l, struct ogi_letter_doc *d)
{
	memset(d, 0, sizeof *d);
	d->kind = l->kind;
	d->outcome = l->outcome;
	d->date = l->letter_date;
	snprintf(d->title, sizeof d->title, "%s", l->title ? l->title : "");
	snprintf(d->ref, sizeof d->ref, "%s",
	         l->status == OGI_LETTER_STATUS_DRAFT ? OGI_LETTER_DRAFT_MARK : l->ref);
	snprintf(d->addressee, sizeof d->addressee, "%s", l->addressee ? l->addressee : "");
	snprintf(d->signer, sizeof d->signer, "%s", l->signer ? l->signer : "");
	bool ok = copy_strings(l->paragraphs, d->para, OGI_LETTER_PARAGRAPHS_MAX, &d->npara) &&
	          copy_strings(l->attachments, d->attach, sizeof d->attach / sizeof d->attach[0],
	                       &d->nattach);
	for (size_t i = 0; ok && i < d->npara; i++)
		d->para_remedy[i] = is_remedy(l->generated, d->para[i]);
	if (ok && l->second != NULL) {
		json_t *t = json_object_get(l->second, "title");
		snprintf(d->title2, sizeof d->title2, "%s",
		         json_is_string(t) ? json_string_value(t) : "");
		ok = copy_strings(json_object_get(l->second, "paragraphs"), d->para2,
		                  OGI_LETTER_PARAGRAPHS_MAX, &d->npara2);
	}
	if (!ok)
		ogi_letter_doc_free(d);
	return ok;
}

bool ogi_letter_record_has_blanks(const struct ogi_letter_record *l)
{
	struct ogi_letter_doc d;
	if (!ogi_letter_record_doc(l, &d))
		return true; /* out of memory: never issued by mistake */
	bool blanks = ogi_letter_has_blanks(&d);
	ogi_letter_doc_free(&d);
	return blanks;
}

static const enum ogi_error refusal_errors[] = {
    [OGI_LETTER_OK] = 0,
    [OGI_LETTER_NO_OUTCOME] = OGI_E_LETTER_NO_OUTCOME,
    [OGI_LETTER_NO_CORRECTION] = OGI_E_LETTER_NO_CORRECTION,
    [OGI_LETTER_NO_EXTENSION] = OGI_E_LETTER_NO_EXTENSION,
    [OGI_LETTER_NO_DELAY] = OGI_E_LETTER_NO_DELAY,
    [OGI_LETTER_NO_CONSULTATION] = OGI_E_LETTER_NO_CONSULTATION,
    [OGI_LETTER_NO_OVERRIDE] = OGI_E_LETTER_NO_OVERRIDE,
    [OGI_LETTER_NO_FEE_NOTICE] = OGI_E_LETTER_NO_FEE_NOTICE,
    [OGI_LETTER_OUTCOME_NO_LETTER] = OGI_E_LETTER_OUTCOME_NO_LETTER,
};
_Static_assert(sizeof refusal_errors / sizeof refusal_errors[0] == OGI_LETTER_REFUSAL_COUNT,
               "every refusal of lib/letter.h has its problem");

enum ogi_error ogi_letter_refusal_error(enum ogi_letter_refusal r)
{
	if ((unsigned)r >= OGI_LETTER_REFUSAL_COUNT)
		return OGI_E_INTERNAL;
	return refusal_errors[r];
}

bool ogi_letter_paragraphs_check(json_t *paragraphs, struct spec_errors *errs)
{
	int before = errs->n;
	if (!json_is_array(paragraphs)) {
		spec_error_add(errs, "paragraphs", "type", "应为段落文字的数组",
		               "must be an array of paragraphs (strings)");
		return false;
	}
	size_t n = json_array_size(paragraphs);
	if (n == 0 || n > OGI_LETTER_PARAGRAPHS_MAX) {
		char zh[128], en[128];
		snprintf(zh, sizeof zh, "段落数应在1至%d之间", OGI_LETTER_PARAGRAPHS_MAX);
		snprintf(en, sizeof en, "between 1 and %d paragraphs", OGI_LETTER_PARAGRAPHS_MAX);
		spec_error_add(errs, "paragraphs", "range", zh, en);
		return false;
	}
	for (size_t i = 0; i < n; i++) {
		json_t *p = json_array_get(paragraphs, i);
		char field[40];
		snprintf(field, sizeof field, "paragraphs[%zu]", i);
		if (!json_is_string(p)) {
			spec_error_add(errs, field, "type", "段落应为文字",
			               "a paragraph is a string");
			continue;
		}
		if (utf8_chars(json_string_value(p), json_string_length(p)) >
		    OGI_LETTER_PARAGRAPH_MAX) {
			char zh[128], en[128];
			snprintf(zh, sizeof zh, "一个段落最多%d个字", OGI_LETTER_PARAGRAPH_MAX);
			snprintf(en, sizeof en, "at most %d characters in a paragraph",
			         OGI_LETTER_PARAGRAPH_MAX);
			spec_error_add(errs, field, "too_long", zh, en);
		}
	}
	return errs->n == before;
}
