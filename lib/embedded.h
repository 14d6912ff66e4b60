/* Files compiled into the programs by scripts/embed.py. */
#ifndef OGI_EMBEDDED_H
#define OGI_EMBEDDED_H

#include <stddef.h>

struct ogi_embedded_file {
	const char *name; /* path relative to its folder, '/'-separated; NULL ends a table */
	const char *data; /* NUL-terminated as well, for text */
	size_t len;
};

/* migrations/NNNN-*.sql in order. */
extern const struct ogi_embedded_file ogi_migration_files[];

#endif
