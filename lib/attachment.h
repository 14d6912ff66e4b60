/* The papers of a case file (案卷材料, issue 14): their kinds, the rules of
 * their names and the file types ogi keeps (lib/filetype.c decides a file's
 * type from its bytes).  Pure: no I/O. */
#ifndef OGI_ATTACHMENT_H
#define OGI_ATTACHMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "lib/account.h"
#include "lib/secret.h"
#include "lib/spec.h"

enum ogi_attachment_kind {
	OGI_ATT_APPLICATION_FORM,    /* 申请表 (signed) */
	OGI_ATT_IDENTITY_COPY,       /* 身份证明复印件 */
	OGI_ATT_CORRECTION_MATERIAL, /* 补正材料 */
	OGI_ATT_CONSULTATION_REPLY,  /* 第三方或其他机关的意见 */
	OGI_ATT_RELEASED_DOCUMENT,   /* 公开的政府信息 */
	OGI_ATT_DELIVERY_PROOF,      /* 邮寄凭证、送达回证 */
	OGI_ATT_OTHER,
	OGI_ATT_KIND_COUNT
};
extern const char *const ogi_attachment_kind_names[]; /* NULL-terminated */
/* The kind named s; false when s names none. */
bool ogi_attachment_kind_parse(const char *s, enum ogi_attachment_kind *out);

/* A file's original name: 1 to 255 characters of UTF-8. */
#define OGI_ATTACHMENT_NAME_MAX  255
#define OGI_ATTACHMENT_NAME_SIZE (OGI_ATTACHMENT_NAME_MAX * 4 + 1)
/* A void's reason: 1 to 500 characters. */
#define OGI_ATTACHMENT_REASON_SIZE (500 * 4 + 1)

/* Whether name (len bytes, which may hold a NUL) may name a stored file:
 * valid UTF-8, 1 to 255 characters, not only spaces, no '/', '\', NUL or
 * other control character (C0, DEL, C1), and not "." or "..".  False after
 * adding one error on field (the rule's code: empty, too_long, utf8,
 * separator, control_character, reserved) to errs. */
bool ogi_attachment_name_check(const char *name, size_t len, const char *field,
                               struct spec_errors *errs);

/* An attachment as stored (lib/db/attachments.h reads and writes it). */
struct ogi_attachment {
	long long id, request_id, body_id;
	enum ogi_attachment_kind kind;
	char name[OGI_ATTACHMENT_NAME_SIZE]; /* the original name, UTF-8 */
	char content_type[128];              /* as stored and served (ogi_filetype_media) */
	long long size;                      /* bytes, > 0 */
	char sha256[OGI_SHA256_HEX];         /* of the bytes, lower-case hex */
	int chunk_size, chunks;
	char created_at[40]; /* RFC 3339 */
	char created_by_name[OGI_USERNAME_SIZE];
	bool voided;
	char void_reason[OGI_ATTACHMENT_REASON_SIZE]; /* "" unless voided */
	char voided_at[40];
	char voided_by_name[OGI_USERNAME_SIZE];
};

struct ogi_attachment_list {
	struct ogi_attachment *items; /* malloc'd */
	size_t n;
};
void ogi_attachment_list_free(struct ogi_attachment_list *l);

/* The file types kept, by what their bytes are. */
enum ogi_filetype {
	OGI_FT_NONE, /* not one of them */
	OGI_FT_PDF,
	OGI_FT_OFD, /* GB/T 33190: a ZIP holding OFD.xml */
	OGI_FT_JPEG,
	OGI_FT_PNG,
	OGI_FT_TIFF,
	OGI_FT_DOC,
	OGI_FT_DOCX,
	OGI_FT_XLS,
	OGI_FT_XLSX,
	OGI_FT_WPS, /* Kingsoft WPS Writer: an OLE2 compound file */
	OGI_FT_TXT,
	OGI_FT_ZIP,
	OGI_FT_COUNT
};
/* The media type a kept file is stored and served as ("application/pdf"). */
extern const char *const ogi_filetype_media[OGI_FT_COUNT];
/* The usual extension (".pdf"), for a name that lacks one. */
extern const char *const ogi_filetype_ext[OGI_FT_COUNT];

/* The type a Content-Type names (case aside, parameters ignored; the
 * aliases browsers send, such as image/jpg or application/x-zip-compressed,
 * too); OGI_FT_NONE when ogi keeps no such type. */
enum ogi_filetype ogi_filetype_of_media(const char *content_type);

#endif
