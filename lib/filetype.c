/* The type of a file from its bytes with libmagic (see filetype.h). */
#include "lib/filetype.h"

#include <magic.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static pthread_mutex_t magic_lock = PTHREAD_MUTEX_INITIALIZER;
static magic_t cookie;
static bool load_failed;

/* libmagic's media type of the bytes into out; false when it cannot be loaded. */
static bool sniff(const void *head, size_t len, char *out, size_t size)
{
	bool ok = false;
	pthread_mutex_lock(&magic_lock);
	if (cookie == NULL && !load_failed) {
		/* compressed files are what they are (a .gz is refused as such); no ELF probing */
		cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS | MAGIC_NO_CHECK_ELF |
		                    MAGIC_NO_CHECK_TAR | MAGIC_ERROR);
		if (cookie != NULL && magic_load(cookie, NULL) != 0) {
			magic_close(cookie);
			cookie = NULL;
		}
		load_failed = cookie == NULL;
	}
	if (cookie != NULL) {
		const char *type = magic_buffer(cookie, head, len);
		snprintf(out, size, "%s", type != NULL ? type : "application/octet-stream");
		ok = true;
	}
	pthread_mutex_unlock(&magic_lock);
	return ok;
}

static bool is(const char *found, const char *type)
{
	return strcmp(found, type) == 0;
}

/* Whether an entry's name begins with prefix among the local headers in head (PK\3\4, its
   name at offset 30, its length at 26). */
static bool zip_names(const unsigned char *head, size_t len, const char *prefix)
{
	size_t plen = strlen(prefix);
	for (size_t i = 0; i + 30 <= len; i++) {
		if (head[i] != 'P' || head[i + 1] != 'K' || head[i + 2] != 3 || head[i + 3] != 4)
			continue;
		size_t nlen = (size_t)head[i + 26] | (size_t)head[i + 27] << 8;
		if (nlen >= plen && i + 30 + plen <= len &&
		    memcmp(head + i + 30, prefix, plen) == 0)
			return true;
	}
	return false;
}

enum ogi_sniff ogi_filetype_check(enum ogi_filetype declared, const void *head, size_t len,
                                  char *found, size_t found_size)
{
	char type[128];
	if (!sniff(head, len, type, sizeof type))
		return OGI_SNIFF_ERROR;
	snprintf(found, found_size, "%s", type);
	const unsigned char *b = head;
	bool zip = is(type, "application/zip") || is(type, ogi_filetype_media[OGI_FT_DOCX]) ||
	           is(type, ogi_filetype_media[OGI_FT_XLSX]);
	bool ole = is(type, "application/vnd.ms-office") || is(type, "application/CDFV2") ||
	           is(type, "application/x-ole-storage");
	bool word = is(type, "application/msword"), excel = is(type, "application/vnd.ms-excel");
	bool text = is(type, "text/plain") || is(type, "text/csv");
	bool kept = zip || ole || word || excel || text || is(type, "application/pdf") ||
	            is(type, "image/jpeg") || is(type, "image/png") || is(type, "image/tiff");
	if (!kept)
		return OGI_SNIFF_NOT_ALLOWED;
	bool match = false;
	switch (declared) {
	case OGI_FT_PDF:
	case OGI_FT_JPEG:
	case OGI_FT_PNG:
	case OGI_FT_TIFF:
		match = is(type, ogi_filetype_media[declared]);
		break;
	case OGI_FT_TXT:
		match = text;
		break;
	case OGI_FT_ZIP:
		match = zip;
		break;
	case OGI_FT_OFD:
		match = zip && zip_names(b, len, "OFD.xml");
		break;
	case OGI_FT_DOCX:
		match = is(type, ogi_filetype_media[OGI_FT_DOCX]) ||
		        (zip && zip_names(b, len, "word/"));
		break;
	case OGI_FT_XLSX:
		match =
		    is(type, ogi_filetype_media[OGI_FT_XLSX]) || (zip && zip_names(b, len, "xl/"));
		break;
	case OGI_FT_DOC:
		match = word || ole;
		break;
	case OGI_FT_XLS:
		match = excel || ole;
		break;
	case OGI_FT_WPS: /* WPS Writer's files are Word-like compound files */
		match = word || ole;
		break;
	default:
		break;
	}
	return match ? OGI_SNIFF_OK : OGI_SNIFF_MISMATCH;
}
