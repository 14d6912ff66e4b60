#ifndef OGI_DAEMON_KEYS_READY_H
#define OGI_DAEMON_KEYS_READY_H

#include <stdbool.h>

#include "daemon/core/options.h"
#include "lib/db/db.h"

/* The key file (o->key_file, else DATA_DIR/ogi.key) loaded, made only for a database that
 * recorded none, checked against the database's record, and the rows stored before there
 * were hashes or seals hashed and sealed.  False, with the reason on stderr, when ogid must
 * not start. */
bool keys_ready(struct ogi_db *db, const struct ogid_options *o, const char *data_dir);

#endif
