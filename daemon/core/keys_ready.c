/* ogid's keys at start: the key file of the search by personal number and of the sealed
 * personal data, checked against what the database recorded (issue 19). */
#include "daemon/core/keys_ready.h"

#include <stdio.h>
#include <unistd.h>

#include "daemon/core/keyfile.h"
#include "lib/db/applicants.h"
#include "lib/db/pii_store.h"

/* The key of the search by personal number loaded, checked against the one the database's
 * hashes were made with, and the rows registered before there were hashes hashed. */
bool keys_ready(struct ogi_db *db, const struct ogid_options *o, const char *data_dir)
{
	char path[4200], why[4400];
	if (o->key_file != NULL)
		snprintf(path, sizeof path, "%s", o->key_file);
	else
		snprintf(path, sizeof path, "%s/ogi.key", data_dir);
	/* a key is made only for a database that has none recorded: else its data needs that one */
	bool recorded = false;
	if (ogi_db_pii_key_recorded(db, &recorded) != 0) {
		fprintf(stderr, "ogid: cannot read the key's record: %s\n", ogi_db_message(db));
		return false;
	}
	if (!keyfile_load(path, o->key_file == NULL && !recorded, why, sizeof why)) {
		fprintf(stderr, "ogid: %s%s\n", why,
		        recorded && access(path, F_OK) != 0
		            ? " (this database's personal data is sealed with the keys that were "
		              "in it: "
		              "put that file back, docs/operations.md)"
		            : "");
		return false;
	}
	int rc = ogi_db_pii_key_check(db);
	if (rc == OGI_E_CONFLICT) {
		fprintf(
		    stderr,
		    "ogid: the key in %s is not the one this database's search index was made "
		    "with: start ogid with that key file (--key-file; every ogid of one database "
		    "shares one key)\n",
		    path);
		return false;
	}
	if (rc == 0 && (rc = ogi_db_pii_seal_keys_check(db, why, sizeof why)) == OGI_E_CONFLICT) {
		fprintf(stderr,
		        "ogid: the key file %s is not this database's: %s (docs/security.md)\n",
		        path, why);
		return false;
	}
	long long done = 0, sealed = 0;
	if (rc == 0)
		rc = ogi_db_pii_backfill(db, &done);
	if (rc == 0 && (rc = ogi_db_pii_reseal_all(db, true, &sealed)) == 0 && sealed > 0)
		fprintf(stderr, "ogid: sealed the personal data of %lld rows stored before\n",
		        sealed);
	if (rc != 0) {
		fprintf(stderr,
		        "ogid: cannot prepare the search by phone and identity number: %s\n",
		        ogi_db_message(db));
		return false;
	}
	if (done > 0)
		fprintf(stderr, "ogid: indexed the phone and identity numbers of %lld requests\n",
		        done);
	return true;
}
