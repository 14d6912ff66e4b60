/* A file's type decided from its bytes (libmagic, the Debian package
 * libmagic-dev): the one lib/ file that reads libmagic's database.  One
 * handle, loaded on first use and shared under a lock, so its database
 * (about 9 MB once touched) is in memory once, not once per thread. */
#ifndef OGI_FILETYPE_H
#define OGI_FILETYPE_H

#include <stddef.h>

#include "lib/attachment.h"

enum ogi_sniff {
	OGI_SNIFF_OK,          /* the bytes are of the declared type */
	OGI_SNIFF_NOT_ALLOWED, /* the bytes are of a type ogi does not keep (an .exe, HTML) */
	OGI_SNIFF_MISMATCH,    /* a type ogi keeps, but not the one declared */
	OGI_SNIFF_ERROR,       /* libmagic could not be loaded (logged by the caller) */
};

/* Whether head (the first len bytes of a file, at least the first 256 KiB
 * of a longer one) is a file of type declared.  libmagic's media type for
 * the bytes goes into found (for the problem's detail).  ZIP containers
 * (OFD, DOCX, XLSX) are told apart by the names of their first entries
 * (OFD.xml, word/, xl/); OLE2 files (DOC, XLS, WPS) by libmagic where it
 * can, and a generic compound file is taken for any of the three. */
enum ogi_sniff ogi_filetype_check(enum ogi_filetype declared, const void *head, size_t len,
                                  char *found, size_t found_size);

#endif
