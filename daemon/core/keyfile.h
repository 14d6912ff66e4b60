/* The personal-data keys (lib/pii.h search key, lib/pii_seal.h sealing keys), kept in a file
 * outside the database
 * (--key-file, default DATA-DIR/ogi.key): 64 hex digits, readable by its owner only. */
#ifndef OGI_DAEMON_KEYFILE_H
#define OGI_DAEMON_KEYFILE_H

#include <stdbool.h>
#include <stddef.h>

/* Reads the key at path into lib/pii; when the file does not exist and create is set, makes
 * a new random key there first (mode 0600, its directory 0700 if missing).  False with why
 * when the file cannot be read, is readable by others than its owner, or holds no key. */
bool keyfile_load(const char *path, bool create, char *why, size_t whylen);

#endif
