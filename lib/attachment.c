/* Kinds, names and media types of attachments (see attachment.h). */
#include "lib/attachment.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const ogi_attachment_kind_names[] = {
    "application_form",
    "identity_copy",
    "correction_material",
    "consultation_reply",
    "released_document",
    "delivery_proof",
    "other",
    NULL,
};

bool ogi_attachment_kind_parse(const char *s, enum ogi_attachment_kind *out)
{
	for (int k = 0; s != NULL && k < OGI_ATT_KIND_COUNT; k++)
		if (strcmp(s, ogi_attachment_kind_names[k]) == 0) {
			*out = (enum ogi_attachment_kind)k;
			return true;
		}
	return false;
}

/* Whether a format character that changes how a name reads without being seen starts at i: the
   bidirectional controls (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069: "a\u202Efdp.exe"
   shows as "aexe.pdf"), the line and paragraph separators U+2028–U+2029 (line breaks) and the
   byte-order mark U+FEFF. */
static bool invisible_format_at(const char *name, size_t len, size_t i)
{
	const unsigned char *u = (const unsigned char *)name + i;
	size_t left = len - i;
	if (left >= 2 && u[0] == 0xd8 && u[1] == 0x9c)
		return true;
	if (left < 3)
		return false;
	if (u[0] == 0xe2 && u[1] == 0x80)
		return u[2] == 0x8e || u[2] == 0x8f || (u[2] >= 0xa8 && u[2] <= 0xae);
	if (u[0] == 0xe2 && u[1] == 0x81)
		return u[2] >= 0xa6 && u[2] <= 0xa9;
	return u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf;
}

bool ogi_attachment_name_check(const char *name, size_t len, const char *field,
                               struct spec_errors *errs)
{
	if (name == NULL || len == 0 || strspn(name, " ") == len) {
		spec_error_add(errs, field, "empty", "请填写文件名", "the file needs a name");
		return false;
	}
	if (!utf8_valid(name, len)) {
		spec_error_add(errs, field, "utf8", "文件名不是有效的 UTF-8 文本",
		               "the name is not valid UTF-8");
		return false;
	}
	for (size_t i = 0; i < len; i++) {
		unsigned char b = (unsigned char)name[i];
		/* C1 controls U+0080–U+009F are C2 80 – C2 9F in UTF-8 */
		bool c1 = b == 0xc2 && i + 1 < len && (unsigned char)name[i + 1] >= 0x80 &&
		          (unsigned char)name[i + 1] <= 0x9f;
		c1 = c1 || invisible_format_at(name, len, i);
		if (b == '/' || b == '\\') {
			spec_error_add(errs, field, "separator", "文件名不能含有“/”或“\\”",
			               "the name must not hold / or \\");
			return false;
		}
		if (b < 0x20 || b == 0x7f || c1) {
			spec_error_add(
			    errs, field, "control_character",
			    "文件名不能含有控制字符（如换行、制表符、改变文字方向的符号）",
			    "the name must not hold a control character (a line break, a "
			    "tab, NUL, a text-direction mark)");
			return false;
		}
	}
	if (utf8_chars(name, len) > OGI_ATTACHMENT_NAME_MAX) {
		spec_error_add(errs, field, "too_long", "文件名不能超过 255 个字",
		               "the name must be at most 255 characters");
		return false;
	}
	if ((len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.')) {
		spec_error_add(errs, field, "reserved", "文件名不能是“.”或“..”",
		               "the name must not be . or ..");
		return false;
	}
	return true;
}

const char *const ogi_filetype_media[OGI_FT_COUNT] = {
    [OGI_FT_NONE] = "application/octet-stream",
    [OGI_FT_PDF] = "application/pdf",
    [OGI_FT_OFD] = "application/ofd",
    [OGI_FT_JPEG] = "image/jpeg",
    [OGI_FT_PNG] = "image/png",
    [OGI_FT_TIFF] = "image/tiff",
    [OGI_FT_DOC] = "application/msword",
    [OGI_FT_DOCX] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    [OGI_FT_XLS] = "application/vnd.ms-excel",
    [OGI_FT_XLSX] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    [OGI_FT_WPS] = "application/wps-office.wps",
    [OGI_FT_TXT] = "text/plain",
    [OGI_FT_ZIP] = "application/zip",
};

const char *const ogi_filetype_ext[OGI_FT_COUNT] = {
    [OGI_FT_NONE] = "",    [OGI_FT_PDF] = ".pdf",   [OGI_FT_OFD] = ".ofd", [OGI_FT_JPEG] = ".jpg",
    [OGI_FT_PNG] = ".png", [OGI_FT_TIFF] = ".tif",  [OGI_FT_DOC] = ".doc", [OGI_FT_DOCX] = ".docx",
    [OGI_FT_XLS] = ".xls", [OGI_FT_XLSX] = ".xlsx", [OGI_FT_WPS] = ".wps", [OGI_FT_TXT] = ".txt",
    [OGI_FT_ZIP] = ".zip",
};

static const struct {
	const char *media;
	enum ogi_filetype type;
} aliases[] = {
    {"image/jpg", OGI_FT_JPEG},
    {"image/pjpeg", OGI_FT_JPEG},
    {"image/x-png", OGI_FT_PNG},
    {"image/tif", OGI_FT_TIFF},
    {"application/x-zip-compressed", OGI_FT_ZIP},
    {"application/x-zip", OGI_FT_ZIP},
    {"application/vnd.ofd", OGI_FT_OFD},
    {"application/vnd.ms-works", OGI_FT_WPS},
    {"application/kswps", OGI_FT_WPS},
    {"application/vnd.ms-word", OGI_FT_DOC},
    {"application/x-msexcel", OGI_FT_XLS},
};

enum ogi_filetype ogi_filetype_of_media(const char *content_type)
{
	if (content_type == NULL)
		return OGI_FT_NONE;
	while (*content_type == ' ' || *content_type == '\t')
		content_type++;
	size_t n = strcspn(content_type, ";");
	while (n > 0 && (content_type[n - 1] == ' ' || content_type[n - 1] == '\t'))
		n--;
	for (int t = OGI_FT_NONE + 1; t < OGI_FT_COUNT; t++)
		if (strlen(ogi_filetype_media[t]) == n &&
		    strncasecmp(content_type, ogi_filetype_media[t], n) == 0)
			return (enum ogi_filetype)t;
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (strlen(aliases[i].media) == n &&
		    strncasecmp(content_type, aliases[i].media, n) == 0)
			return aliases[i].type;
	return OGI_FT_NONE;
}

void ogi_attachment_list_free(struct ogi_attachment_list *l)
{
	free(l->items);
	l->items = NULL;
	l->n = 0;
}
