/* Letters and deliveries on the wire (see letter_json.h). */
#include "daemon/wire/letter_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* At most, in characters: a title fits struct ogi_letter_doc's title, an
 * addressee a settings text. */
#define TITLE_MAX     100
#define ADDRESSEE_MAX 200

static bool facts_ok(json_t *facts, struct spec_errors *errs)
{
	if (!json_is_object(facts)) {
		spec_error_add(errs, "facts", "type", "应为 JSON 对象", "must be a JSON object");
		return false;
	}
	char *text = json_dumps(facts, JSON_COMPACT);
	size_t len = text ? strlen(text) : 0;
	free(text);
	if (len > OGI_LETTER_FACTS_MAX) {
		spec_error_add(errs, "facts", "too_long", "事实内容过长（最多 64 KiB）",
		               "at most 64 KiB of facts");
		return false;
	}
	return true;
}

static bool date_not_future(ogi_date d, struct spec_errors *errs)
{
	if (d > ogi_today()) {
		spec_error_add(errs, "letter_date", "date_in_future", "文书日期不能晚于今天",
		               "the letter's date cannot be in the future");
		return false;
	}
	return true;
}

bool letter_post_parse(json_t *body, struct letter_post_input *in, struct spec_errors *errs)
{
	bool has_facts = false;
	*in = (struct letter_post_input){.kind = -1};
	struct spec spec[] = {
	    SPEC_ENUM("kind", ogi_letter_kind_names, &in->kind),
	    SPEC_OPT(&has_facts, SPEC_F_JSON("facts", &in->facts)),
	    SPEC_OPT(&in->has_date, SPEC_F_DATE("letter_date", &in->letter_date)),
	    SPEC_END,
	};
	if (!spec_parse(body, spec, errs))
		return false;
	if (!has_facts)
		in->facts = NULL;
	if (in->facts != NULL &&
	    (!facts_ok(in->facts, errs) ||
	     !ogi_letter_facts_check((enum ogi_letter_kind)in->kind, in->facts, errs)))
		return false;
	return !in->has_date || date_not_future(in->letter_date, errs);
}

bool letter_patch_parse(json_t *body, struct letter_patch_input *in, struct spec_errors *errs)
{
	bool has_regenerate = false;
	*in = (struct letter_patch_input){0};
	struct spec spec[] = {
	    SPEC_OPT(&in->has_paragraphs, SPEC_F_JSON("paragraphs", &in->paragraphs)),
	    SPEC_PATCH(SPEC_F_STRING("title", &in->title, TITLE_MAX)),
	    SPEC_PATCH(SPEC_F_STRING("addressee", &in->addressee, ADDRESSEE_MAX)),
	    SPEC_OPT(&in->has_date, SPEC_F_DATE("letter_date", &in->letter_date)),
	    SPEC_OPT(&in->has_facts, SPEC_F_JSON("facts", &in->facts)),
	    SPEC_OPT(&has_regenerate, SPEC_F_BOOL("regenerate", &in->regenerate)),
	    SPEC_END,
	};
	if (!spec_parse(body, spec, errs))
		return false;
	/* a letter always has each of these: null clears none of them */
	const char *key;
	json_t *value;
	json_object_foreach(body, key, value)
	{
		if (json_is_null(value))
			spec_error_add(errs, key, "required", "不能为空（null）", "cannot be null");
	}
	if (errs->n > 0)
		return false;
	in->has_title = in->title != NULL;
	in->has_addressee = in->addressee != NULL;
	if (in->has_paragraphs && !ogi_letter_paragraphs_check(in->paragraphs, errs))
		return false;
	if (in->has_facts && !facts_ok(in->facts, errs))
		return false;
	if (in->has_date && !date_not_future(in->letter_date, errs))
		return false;
	if (in->regenerate && (in->has_paragraphs || in->has_title || in->has_addressee)) {
		spec_error_add(
		    errs, "regenerate", "conflict",
		    "重新生成会替换正文、标题和称谓，请不要同时修改它们",
		    "regenerate replaces the paragraphs, title and addressee: do not send "
		    "them with it");
		return false;
	}
	return true;
}

bool letter_void_parse(json_t *body, const char **reason, struct spec_errors *errs)
{
	*reason = NULL;
	struct spec spec[] = {SPEC_STRING("reason", reason, 500), SPEC_END};
	if (!spec_parse(body, spec, errs))
		return false;
	if (strspn(*reason, " \t\r\n") == strlen(*reason)) {
		spec_error_add(errs, "reason", "empty", "请说明作废的理由",
		               "say why the letter is voided");
		return false;
	}
	return true;
}

/* An optional string field of a delivery: given → copied into *out (freeing what was
   there), null → cleared; absent → kept. */
static bool set_string(json_t *body, const char *name, const char *value, bool given, char **out)
{
	if (json_object_get(body, name) == NULL)
		return true;
	free(*out);
	*out = NULL;
	if (given && value != NULL && (*out = strdup(value)) == NULL)
		return false;
	return true;
}

static void set_date(json_t *body, const char *name, ogi_date value, bool given, ogi_date *out)
{
	if (json_object_get(body, name) != NULL)
		*out = given ? value : OGI_DATE_NONE;
}

bool delivery_parse(json_t *body, bool create, struct ogi_letter_delivery *d,
                    struct spec_errors *errs)
{
	int method = -1;
	bool has_method = false, has_sent = false, has_served = false, has_no = false,
	     has_signed = false, has_note = false;
	ogi_date sent_on = OGI_DATE_NONE, served_on = OGI_DATE_NONE;
	const char *no = NULL, *signed_by = NULL, *note = NULL;
	struct spec required = SPEC_ENUM("method", ogi_service_method_names, &method);
	struct spec optional =
	    SPEC_OPT(&has_method, SPEC_F_ENUM("method", ogi_service_method_names, &method));
	struct spec spec[] = {
	    create ? required : optional,
	    SPEC_OPT(&has_sent, SPEC_F_DATE("sent_on", &sent_on)),
	    SPEC_OPT(&has_served, SPEC_F_DATE("served_on", &served_on)),
	    SPEC_OPT(&has_no, SPEC_F_STRING("post_tracking_no", &no, 64)),
	    SPEC_OPT(&has_signed, SPEC_F_STRING("signed_by", &signed_by, 100)),
	    SPEC_OPT(&has_note, SPEC_F_STRING("note", &note, 2000)),
	    SPEC_END,
	};
	if (!spec_parse(body, spec, errs))
		return false;
	if (json_is_null(json_object_get(body, "method"))) {
		spec_error_add(errs, "method", "required", "请选择送达方式",
		               "give the method of service");
		return false;
	}
	if (!create && json_object_size(body) == 0) {
		spec_error_add(errs, "", "empty", "没有要修改的内容", "nothing to change");
		return false;
	}
	if (create || has_method)
		d->method = (enum ogi_service_method)method;
	set_date(body, "sent_on", sent_on, has_sent, &d->sent_on);
	set_date(body, "served_on", served_on, has_served, &d->served_on);
	if (!set_string(body, "post_tracking_no", no, has_no, &d->post_tracking_no) ||
	    !set_string(body, "signed_by", signed_by, has_signed, &d->signed_by) ||
	    !set_string(body, "note", note, has_note, &d->note)) {
		spec_error_add(errs, "", "memory", "服务器内存不足", "out of memory");
		return false;
	}
	return true;
}

static json_t *date_json(ogi_date d)
{
	char buf[OGI_DATE_STRLEN];
	return d == OGI_DATE_NONE ? json_null() : json_string(ogi_date_format(d, buf));
}

static json_t *text_or_null(const char *s)
{
	return s != NULL && s[0] != '\0' ? json_string(s) : json_null();
}

json_t *wire_letter_summary(const struct ogi_letter_record *l)
{
	json_t *o = json_pack(
	    "{s:I, s:I, s:s, s:s, s:o, s:o, s:s, s:o, s:I, s:o, s:o, s:o, s:o, s:o, s:o, s:o, "
	    "s:i}",
	    "id", (json_int_t)l->id, "request_id", (json_int_t)l->request_id, "kind",
	    ogi_letter_kind_names[l->kind], "status", ogi_letter_status_names[l->status], "outcome",
	    l->outcome >= 0 && l->outcome < OGI_OUTCOME_COUNT
	        ? json_string(ogi_outcome_names[l->outcome])
	        : json_null(),
	    "letter_date", date_json(l->letter_date), "title", l->title ? l->title : "", "ref",
	    text_or_null(l->ref), "version", (json_int_t)l->version, "created_at",
	    text_or_null(l->created_at), "created_by", text_or_null(l->created_by), "issued_at",
	    text_or_null(l->issued_at), "issued_by", text_or_null(l->issued_by), "voided_at",
	    text_or_null(l->voided_at), "voided_by", text_or_null(l->voided_by), "void_reason",
	    text_or_null(l->void_reason), "deliveries_count", l->ndeliveries);
	return o;
}

json_t *wire_letter(const struct ogi_letter_record *l, const struct ogi_delivery_list *deliveries)
{
	json_t *o = wire_letter_summary(l);
	if (o == NULL)
		return NULL;
	json_t *generated = json_object_get(l->generated, "paragraphs");
	json_object_set_new(o, "addressee", json_string(l->addressee ? l->addressee : ""));
	json_object_set_new(o, "signer", json_string(l->signer ? l->signer : ""));
	json_object_set(o, "paragraphs", l->paragraphs);
	json_object_set(o, "generated", l->generated);
	const char *generated_title = json_string_value(json_object_get(l->generated, "title"));
	bool same_title =
	    generated_title != NULL && l->title != NULL && strcmp(generated_title, l->title) == 0;
	json_object_set_new(o, "edited",
	                    json_boolean(!json_equal(l->paragraphs, generated) || !same_title));
	json_object_set(o, "facts", l->facts);
	json_object_set(o, "second", l->second ? l->second : json_null());
	json_object_set(o, "attachments", l->attachments);
	json_object_set_new(o, "has_blanks", json_boolean(ogi_letter_record_has_blanks(l)));
	if (l->status != OGI_LETTER_STATUS_DRAFT && l->sha256[OGI_LETTER_HTML][0] != '\0')
		json_object_set_new(o, "sha256",
		                    json_pack("{s:s, s:s, s:s}", "html", l->sha256[OGI_LETTER_HTML],
		                              "pdf", l->sha256[OGI_LETTER_PDF], "docx",
		                              l->sha256[OGI_LETTER_DOCX]));
	else
		json_object_set_new(o, "sha256", json_null());
	if (l->code[0] != '\0')
		json_object_set_new(o, "series",
		                    json_pack("{s:s, s:i, s:i}", "code", l->code, "year", l->year,
		                              "serial", l->serial));
	json_t *list = json_array();
	for (size_t i = 0; deliveries != NULL && i < deliveries->n; i++)
		json_array_append_new(list, wire_delivery(&deliveries->v[i]));
	json_object_set_new(o, "deliveries", list);
	if (deliveries != NULL)
		json_object_set_new(o, "deliveries_count", json_integer((json_int_t)deliveries->n));
	return o;
}

json_t *wire_delivery(const struct ogi_letter_delivery *d)
{
	return json_pack("{s:I, s:I, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:I, s:o, s:o, s:o, s:o}",
	                 "id", (json_int_t)d->id, "letter_id", (json_int_t)d->letter_id, "method",
	                 ogi_service_method_names[d->method], "sent_on", date_json(d->sent_on),
	                 "post_tracking_no", text_or_null(d->post_tracking_no), "served_on",
	                 date_json(d->served_on), "signed_by", text_or_null(d->signed_by), "note",
	                 text_or_null(d->note), "legal_on", date_json(d->legal_on), "version",
	                 (json_int_t)d->version, "created_at", text_or_null(d->created_at),
	                 "created_by", text_or_null(d->created_by), "updated_at",
	                 text_or_null(d->updated_at), "updated_by", text_or_null(d->updated_by));
}
