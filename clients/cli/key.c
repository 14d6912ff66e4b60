/* ogictl key: the personal-data keys (lib/pii_seal.h, docs/security.md).
 *   key status               the key file's keys and the rows under each
 *   key rotate [--batch N]   a new sealing key written into the key file (the old ones stay
 *                            in it, for reading), then every row sealed again under it, N
 *                            rows of each table a transaction, while ogid runs: ogid reads
 *                            the changed key file by itself. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "clients/cli/ctl.h"
#include "lib/db/applicants.h"
#include "lib/db/pii_store.h"
#include "lib/pii_seal.h"

static int load(const char *path, struct ogi_pii_keys *keys)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return ctl_fail("cannot read the key file %s: %s (--key-file)", path,
		                strerror(errno));
	struct stat st;
	if (fstat(fd, &st) != 0 || (st.st_mode & 077) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return ctl_fail(
		    "the key file %s must be a file readable by its owner only (chmod 600)", path);
	}
	char buf[2048], why[200];
	ssize_t n = read(fd, buf, sizeof buf);
	close(fd);
	bool ok = n >= 0 && n < (ssize_t)sizeof buf &&
	          ogi_pii_keys_parse(buf, (size_t)n, keys, why, sizeof why);
	sodium_memzero(buf, sizeof buf);
	if (!ok)
		return ctl_fail("the key file %s: %s", path,
		                n >= (ssize_t)sizeof buf ? "too long" : why);
	return 0;
}

/* keys and the database: the search key's fingerprint and each sealing key's check value. */
static int check(struct ctl *ctl)
{
	char why[300];
	int rc = ogi_db_pii_key_check(ctl->db);
	if (rc == OGI_E_CONFLICT)
		return ctl_fail("the key file %s is not this database's: its search key differs",
		                ctl->key_file);
	if (rc == 0 &&
	    (rc = ogi_db_pii_seal_keys_check(ctl->db, why, sizeof why)) == OGI_E_CONFLICT)
		return ctl_fail("the key file %s is not this database's: %s", ctl->key_file, why);
	if (rc != 0)
		return ctl_fail("cannot check the key file: %s", ogi_db_message(ctl->db));
	return 0;
}

int ctl_keys_ready(struct ctl *ctl)
{
	struct ogi_pii_keys keys;
	int rc = load(ctl->key_file, &keys);
	if (rc != 0)
		return rc;
	bool ok = ogi_pii_keys_install(&keys);
	ogi_pii_keys_wipe(&keys);
	return ok ? check(ctl) : ctl_fail("cannot initialise libsodium");
}

/* keys written to path: a new file beside it (0600), fsync, renamed over it, the directory
 * synced; ogid sees another inode and reads it. */
static int write_keys(const char *path, const struct ogi_pii_keys *keys)
{
	char text[2048], tmp[4300], dir[4200];
	size_t n = ogi_pii_keys_format(keys, text, sizeof text);
	if (n == 0)
		return ctl_fail("too many keys for one key file");
	snprintf(tmp, sizeof tmp, "%s.new", path);
	unlink(tmp);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	bool ok = fd >= 0 && write(fd, text, n) == (ssize_t)n && fsync(fd) == 0;
	sodium_memzero(text, sizeof text);
	if (fd >= 0)
		close(fd);
	if (!ok || rename(tmp, path) != 0) {
		int e = errno;
		unlink(tmp);
		return ctl_fail("cannot write the key file %s: %s", path, strerror(e));
	}
	snprintf(dir, sizeof dir, "%s", path);
	int dfd = open(dirname(dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return 0;
}

int ctl_seal_plain(struct ctl *ctl)
{
	long long n = 0, done = 0;
	if (ogi_db_pii_plain_count(ctl->db, &n) != 0)
		return ctl_fail("cannot count the rows to seal: %s", ogi_db_message(ctl->db));
	if (n == 0)
		return 0;
	if (access(ctl->key_file, F_OK) != 0) {
		printf(
		    "%lld rows hold personal data stored before migration 0021: ogid seals them at "
		    "its next start (no key file %s here)\n",
		    n, ctl->key_file);
		return 0;
	}
	int rc = ctl_keys_ready(ctl);
	if (rc != 0)
		return rc;
	if (ogi_db_pii_reseal_all(ctl->db, true, &done) != 0)
		return ctl_fail("sealing stopped after %lld rows (run it again: it goes on): %s",
		                done, ogi_db_message(ctl->db));
	printf("sealed the personal data of %lld rows stored before\n", done);
	return 0;
}

static int status(struct ctl *ctl)
{
	char counts[512];
	uint32_t ids[OGI_PII_RING_MAX];
	int n = ogi_pii_ring_ids(ids, OGI_PII_RING_MAX);
	printf("key file %s: sealing key %u", ctl->key_file, (unsigned)ids[0]);
	for (int i = 1; i < n; i++)
		printf("%s%u", i == 1 ? ", reading also " : " ", (unsigned)ids[i]);
	if (ogi_db_pii_key_counts(ctl->db, counts, sizeof counts) != 0)
		return ctl_fail("cannot count: %s", ogi_db_message(ctl->db));
	printf("\nrows under each key (plain: not sealed yet): %s\n", counts[0] ? counts : "none");
	return 0;
}

static int rotate(struct ctl *ctl, int batch)
{
	struct ogi_pii_keys keys;
	int rc = load(ctl->key_file, &keys);
	if (rc != 0)
		return rc;
	if (!ogi_pii_keys_add_new(&keys)) {
		ogi_pii_keys_wipe(&keys);
		return ctl_fail("the key file %s holds %d keys already: remove the old ones that "
		                "`ogictl key status` shows no row under",
		                ctl->key_file, OGI_PII_RING_MAX);
	}
	unsigned id = (unsigned)keys.seal[0].id;
	/* the file first (a key recorded by the database but lost would block its id), then the
	   key recorded, both before anything is sealed under it */
	bool ok = ogi_pii_keys_install(&keys);
	if (!ok || (rc = write_keys(ctl->key_file, &keys)) != 0 || (rc = check(ctl)) != 0) {
		ogi_pii_keys_wipe(&keys);
		return rc != 0 ? rc : ctl_fail("cannot initialise libsodium");
	}
	ogi_pii_keys_wipe(&keys);
	fprintf(stderr, "ogictl: key %u written into %s; sealing every row again under it\n", id,
	        ctl->key_file);
	long long total = 0, moved = 0, left = 0;
	int idle = 0;
	do {
		if (ogi_db_pii_reseal_batch(ctl->db, false, batch, &moved, &left) != 0)
			return ctl_fail(
			    "rotation stopped after %lld rows (run it again: it goes on): %s",
			    total, ogi_db_message(ctl->db));
		total += moved;
		/* rows locked by a request in flight, or sealed by an ogid that has not read the
		   new file yet (it does within a second): wait and look again */
		if (moved == 0 && left > 0) {
			if (++idle > 600)
				return ctl_fail(
				    "%lld rows stay under an older key: is an ogid running "
				    "with another key file?",
				    left);
			nanosleep(&(struct timespec){0, 100000000}, NULL);
		}
	} while (left > 0);
	printf("key %u seals; %lld rows sealed again.  The older keys stay in %s for reading; "
	       "remove their lines once `ogictl key status` shows no row under them.\n",
	       id, total, ctl->key_file);
	return 0;
}

int cmd_key(struct ctl *ctl, int argc, char **argv)
{
	if (argc < 1)
		return ctl_usage();
	int batch = 200;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--batch") == 0 && i + 1 < argc &&
		    strcmp(argv[0], "rotate") == 0)
			batch = atoi(argv[++i]);
		else
			return ctl_usage();
	}
	if (batch < 1 || batch > 100000)
		return ctl_fail("--batch wants 1 to 100000 rows");
	if (strcmp(argv[0], "status") == 0) {
		int rc = ctl_keys_ready(ctl);
		return rc != 0 ? rc : status(ctl);
	}
	if (strcmp(argv[0], "rotate") == 0) {
		int rc = ctl_keys_ready(ctl);
		return rc != 0 ? rc : rotate(ctl, batch);
	}
	return ctl_usage();
}
