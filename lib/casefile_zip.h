/* The case file (lib/casefile.h) as a ZIP (libzip): every entry under one
 * folder named after the case, names in UTF-8 with the ZIP's UTF-8 flag
 * set, each file dated the case's time, text deflated and the rest stored;
 * an attachment's bytes streamed from its source while the archive is
 * written (never held whole) and checked against its recorded size and
 * SHA-256.  The only lib/ file besides letter_docx.c that writes through
 * libzip, and the only one that writes a file. */
#ifndef OGI_CASEFILE_ZIP_H
#define OGI_CASEFILE_ZIP_H

#include <stddef.h>

#include "lib/casefile.h"

/* Reads at most n bytes of source_id from offset into buf: the bytes read
 * (0 only at the end), or -1 on failure. */
typedef long long (*ogi_casefile_read_fn)(void *cls, long long source_id, long long offset,
                                          void *buf, size_t n);

/* Writes cf (numbered: ogi_casefile_number) as a ZIP at path (created or
 * replaced: libzip writes a temporary file beside it and renames it into
 * place), its entries under folder/, comment as the archive's comment.
 * read streams the entries without data.  0, or -1 with err saying why,
 * or -2 when a streamed entry's bytes differ from its recorded size or
 * SHA-256 (err names it); the archive is then not written. */
int ogi_casefile_zip_write(const struct ogi_casefile *cf, const char *path, const char *folder,
                           const char *comment, ogi_casefile_read_fn read, void *cls, char *err,
                           size_t errlen);

/* The archive comment of the ZIP at path into out; false when there is no
 * readable ZIP there (or it has no comment). */
bool ogi_casefile_zip_comment(const char *path, char *out, size_t outlen);

#endif
