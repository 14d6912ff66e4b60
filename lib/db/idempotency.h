/* lib/db for Idempotency-Key: a client that retries an intake (its answer
 * lost, the daemon restarted) gets the first answer instead of registering
 * the application twice.  A key is the client's, per user; with it is kept
 * the hash of the request it came with and, in the same transaction, the
 * answer given.  Returns as db.h says. */
#ifndef OGI_DB_IDEMPOTENCY_H
#define OGI_DB_IDEMPOTENCY_H

#include <jansson.h>
#include <stdbool.h>

#include "lib/db/db.h"

/* The answer first given to a key's request. */
struct ogi_idem_answer {
	unsigned status;      /* its HTTP status */
	json_t *response;     /* owned: its body */
	long long request_id; /* the request it registered */
};

/* In the caller's transaction: claims key for user_id with the hash of the
 * request (a bytea literal "\x…", lib/secret.h's ogi_token_hash).  0 with
 * *seen false when the key is new: the caller stores its answer with
 * ogi_db_idem_store before it commits.  0 with *seen true and the first
 * answer in *first when the key came before with the same request (free
 * first->response); OGI_E_IDEMPOTENCY_KEY_REUSED when with another. */
int ogi_db_idem_claim(struct ogi_db *db, long long user_id, const char *key, const char *hash,
                      bool *seen, struct ogi_idem_answer *first);

/* In the claiming transaction: the answer to key's request. */
int ogi_db_idem_store(struct ogi_db *db, long long user_id, const char *key, unsigned status,
                      const json_t *response, long long request_id);

#endif
