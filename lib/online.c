/* An online application as the public submits it (see online.h). */
#include "lib/online.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/domain.h"
#include "lib/idcheck.h"
#include "lib/pow.h"

const char *const ogi_public_status_names[] = {
    "submitted", "declined", "accepted", "in_progress", "correction", "consulting",
    "extended",  "payment",  "replied",  "ended",       NULL};
const char *const ogi_public_status_zh[] = {"已提交待确认", "未受理",     "已受理", "办理中",
                                            "待补正",       "征求意见中", "已延期", "待缴费",
                                            "已答复",       "已终止",     NULL};
const char *const ogi_public_status_en[] = {"submitted, awaiting confirmation",
                                            "not accepted",
                                            "accepted",
                                            "in progress",
                                            "correction requested",
                                            "consulting others",
                                            "extended",
                                            "awaiting payment",
                                            "replied",
                                            "ended",
                                            NULL};

/* A control character (C0, DEL, C1) or a line or paragraph separator in
 * UTF-8 text: a field shown on a staff page or printed on a letter keeps
 * one line (the description may break lines). */
static bool has_control(const char *s, bool lines_ok)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (lines_ok && (*p == '\n' || *p == '\r' || *p == '\t'))
			continue;
		if (*p < 0x20 || *p == 0x7f)
			return true;
		if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) /* C1 */
			return true;
		if (*p == 0xe2 && p[1] == 0x80 &&
		    (p[2] == 0xa8 || p[2] == 0xa9 ||   /* U+2028/9 */
		     (p[2] >= 0x8b && p[2] <= 0x8f) || /* ZW, marks */
		     (p[2] >= 0xaa && p[2] <= 0xae)))  /* bidi */
			return true;
	}
	return false;
}

static void no_control(struct spec_errors *errs, const char *field, const char *s, bool lines_ok)
{
	if (s != NULL && has_control(s, lines_ok))
		spec_error_add(errs, field, "control_character",
		               lines_ok ? "不能含有控制字符" : "不能含有换行或控制字符",
		               lines_ok ? "must not contain control characters"
		                        : "must not contain line breaks or control characters");
}

static void blank_is_absent(const char **s)
{
	if (*s != NULL && strspn(*s, " \t") == strlen(*s))
		*s = NULL;
}

bool ogi_online_parse(json_t *body, ogi_date today, struct ogi_online_app *out,
                      struct spec_errors *errs)
{
	memset(out, 0, sizeof *out);
	bool has_email = false, has_address = false, has_postcode = false, has_contact = false,
	     has_title = false, has_ref = false;
	const char *id_number = NULL;
	struct spec applicant[] = {
	    SPEC_ENUM("kind", ogi_applicant_kind_names, &out->kind),
	    SPEC_STRING("name", &out->name, OGI_ONLINE_NAME_MAX),
	    SPEC_ENUM("id_type", ogi_id_type_names, &out->id_type),
	    SPEC_STRING("id_number", &id_number, 64),
	    SPEC_STRING("phone", &out->phone, 32),
	    SPEC_OPT(&has_email, SPEC_F_STRING("email", &out->email, 254)),
	    SPEC_OPT(&has_address, SPEC_F_STRING("address", &out->address, OGI_ONLINE_ADDRESS_MAX)),
	    SPEC_OPT(&has_postcode, SPEC_F_STRING("postcode", &out->postcode, 6)),
	    SPEC_OPT(&has_contact, SPEC_F_STRING("contact", &out->contact, OGI_ONLINE_CONTACT_MAX)),
	    SPEC_END,
	};
	struct spec information[] = {
	    SPEC_OPT(&has_title, SPEC_F_STRING("title", &out->info_title, OGI_ONLINE_TITLE_MAX)),
	    SPEC_OPT(&has_ref, SPEC_F_STRING("ref", &out->info_ref, OGI_ONLINE_REF_MAX)),
	    SPEC_STRING("description", &out->description, OGI_ONLINE_DESCRIPTION_MAX),
	    SPEC_END,
	};
	struct spec form[] = {
	    SPEC_ENUM("medium", ogi_medium_names, &out->medium),
	    SPEC_ENUM("delivery", ogi_delivery_names, &out->delivery),
	    SPEC_END,
	};
	struct spec pow[] = {
	    SPEC_STRING("challenge", &out->pow_challenge, OGI_POW_CHALLENGE_SIZE),
	    SPEC_INT("nonce", &out->pow_nonce, 0, OGI_POW_NONCE_MAX),
	    SPEC_END,
	};
	struct spec spec[] = {
	    SPEC_INT("body_id", &out->body_id, 1, INT64_MAX),
	    SPEC_OBJECT("applicant", applicant),
	    SPEC_OBJECT("information", information),
	    SPEC_OBJECT("form", form),
	    SPEC_BOOL("declaration", &out->declared),
	    SPEC_OBJECT("pow", pow),
	    SPEC_END,
	};
	if (!spec_parse(body, spec, errs))
		return false;
	blank_is_absent(&out->email);
	blank_is_absent(&out->address);
	blank_is_absent(&out->postcode);
	blank_is_absent(&out->contact);
	blank_is_absent(&out->info_title);
	blank_is_absent(&out->info_ref);
	no_control(errs, "applicant.name", out->name, false);
	no_control(errs, "applicant.address", out->address, false);
	no_control(errs, "applicant.contact", out->contact, false);
	no_control(errs, "information.title", out->info_title, false);
	no_control(errs, "information.ref", out->info_ref, false);
	no_control(errs, "information.description", out->description, true);
	if (strspn(out->name, " \t") == strlen(out->name))
		spec_error_add(errs, "applicant.name", "empty", "请填写姓名或名称",
		               "must not be empty");
	if (strspn(out->description, " \t\r\n") == strlen(out->description))
		spec_error_add(errs, "information.description", "empty", "请描述所需的政府信息",
		               "must not be empty");
	if (out->postcode != NULL &&
	    (strlen(out->postcode) != 6 || strspn(out->postcode, "0123456789") != 6))
		spec_error_add(errs, "applicant.postcode", "format", "邮政编码应为 6 位数字",
		               "a postcode has 6 digits");
	/* 公民 give a personal document, 法人或其他组织 their 统一社会信用代码 */
	bool person = out->kind == OGI_APPLICANT_NATURAL_PERSON;
	if (person && (out->id_type == OGI_ID_USCC || out->id_type == OGI_ID_OTHER))
		spec_error_add(errs, "applicant.id_type", "person_document",
		               "公民请选择本人的身份证件", "a citizen gives a personal document");
	else if (!person && out->id_type != OGI_ID_USCC)
		spec_error_add(errs, "applicant.id_type", "organization_document",
		               "法人或其他组织请填写统一社会信用代码",
		               "an organisation gives its unified social credit code");
	if (!out->declared)
		spec_error_add(errs, "declaration", "required", "请确认所填信息真实，并勾选声明",
		               "tick the declaration that the details are true");
	/* the identity document, phone and e-mail: the intake's own rules */
	struct ogi_intake in = {
	    .body_id = out->body_id,
	    .channel = OGI_CHANNEL_ONLINE,
	    .received_on = today,
	    .submitted_on = today,
	    .confirmed_on = OGI_DATE_NONE,
	    .applicant = {.kind = out->kind,
	                  .id_type = out->id_type,
	                  .name = out->name,
	                  .id_number = id_number,
	                  .phone = out->phone,
	                  .email = out->email},
	    .description = out->description,
	    .form_medium = out->medium,
	    .form_delivery = out->delivery,
	};
	ogi_intake_check(&in, today, errs, out->id_buf, sizeof out->id_buf);
	out->id_number = out->id_buf[0] ? out->id_buf : id_number;
	if (out->delivery == OGI_DELIVERY_EMAIL && out->email == NULL)
		spec_error_add(errs, "applicant.email", "required",
		               "选择电子邮件送达时请填写电子邮箱",
		               "an e-mail address is needed for delivery by e-mail");
	if (out->delivery == OGI_DELIVERY_POST && out->address == NULL)
		spec_error_add(errs, "applicant.address", "required", "选择邮寄时请填写通信地址",
		               "a postal address is needed for delivery by post");
	return errs->n == 0;
}

void ogi_online_intake(const struct ogi_online_app *app, ogi_date submitted_on,
                       ogi_date confirmed_on, char *buf, size_t buflen, struct ogi_intake *out)
{
	size_t n = 0;
	buf[0] = '\0';
	if (app->info_title != NULL)
		n += (size_t)snprintf(buf + n, buflen - n, "信息名称：%s\n", app->info_title);
	if (app->info_ref != NULL && n < buflen)
		n += (size_t)snprintf(buf + n, buflen - n, "文号或索引号：%s\n", app->info_ref);
	if (n < buflen)
		snprintf(buf + n, buflen - n, "%s", app->description);
	*out = (struct ogi_intake){
	    .body_id = app->body_id,
	    .channel = OGI_CHANNEL_ONLINE,
	    .received_on = confirmed_on,
	    .submitted_on = submitted_on,
	    .confirmed_on = confirmed_on,
	    .applicant = {.kind = app->kind,
	                  .id_type = app->id_type,
	                  .name = app->name,
	                  .id_number = app->id_number,
	                  .phone = app->phone,
	                  .email = app->email,
	                  .address = app->address,
	                  .contact = app->contact},
	    .description = buf,
	    .purpose = NULL,
	    .form_medium = app->medium,
	    .form_delivery = app->delivery,
	};
}

/* no 0/O, 1/I/L: read aloud and typed back from a receipt */
static const char alphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

static void random_chars(char *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
	out[n] = '\0';
}

void ogi_online_number_new(ogi_date day, char out[OGI_ONLINE_NUMBER_SIZE])
{
	char ymd[OGI_DATE_STRLEN];
	ogi_date_format(day, ymd); /* YYYY-MM-DD */
	snprintf(out, OGI_ONLINE_NUMBER_SIZE, "WS%.4s%.2s%.2s", ymd, ymd + 5, ymd + 8);
	random_chars(out + 10, 6);
}

bool ogi_online_number_valid(const char *s)
{
	if (s == NULL || strlen(s) != OGI_ONLINE_NUMBER_SIZE - 1 || strncmp(s, "WS", 2) != 0)
		return false;
	for (int i = 2; i < 10; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	for (int i = 10; i < 16; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'Z')))
			return false;
	return true;
}

void ogi_online_code_new(char out[OGI_ONLINE_CODE_LEN + 1])
{
	random_chars(out, OGI_ONLINE_CODE_LEN);
}

enum ogi_public_status ogi_public_status_of(int status, int outcome, bool extended, bool any_event)
{
	switch (status) {
	case OGI_STATUS_AWAITING_CORRECTION:
		return OGI_PUBLIC_CORRECTION;
	case OGI_STATUS_CONSULTING:
		return OGI_PUBLIC_CONSULTING;
	case OGI_STATUS_AWAITING_PAYMENT:
		return OGI_PUBLIC_PAYMENT;
	case OGI_STATUS_CLOSED:
		return outcome >= 0 && ogi_outcome_is_reply((enum ogi_outcome)outcome)
		           ? OGI_PUBLIC_REPLIED
		           : OGI_PUBLIC_ENDED;
	default:
		if (extended)
			return OGI_PUBLIC_EXTENDED;
		return any_event ? OGI_PUBLIC_IN_PROGRESS : OGI_PUBLIC_ACCEPTED;
	}
}

static int name_index(const char *const *names, const char *s)
{
	for (int i = 0; names[i] != NULL; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

static const char *or_null(const char *s)
{
	return s[0] ? s : NULL;
}

void ogi_online_row_app(const struct ogi_online_row *row, struct ogi_online_app *out)
{
	memset(out, 0, sizeof *out);
	out->body_id = row->body_id;
	out->kind = name_index(ogi_applicant_kind_names, row->kind);
	out->id_type = name_index(ogi_id_type_names, row->id_type);
	out->name = row->name;
	out->id_number = row->id_number;
	out->phone = row->phone;
	out->email = or_null(row->email);
	out->address = or_null(row->address);
	out->postcode = or_null(row->postcode);
	out->contact = or_null(row->contact);
	out->info_title = or_null(row->info_title);
	out->info_ref = or_null(row->info_ref);
	out->description = row->description;
	out->medium = name_index(ogi_medium_names, row->medium);
	out->delivery = name_index(ogi_delivery_names, row->delivery);
	out->declared = true;
}

void ogi_correction_row_free(struct ogi_correction_row *o)
{
	free(o->text);
	o->text = NULL;
}
