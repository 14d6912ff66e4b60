/* The key file of the personal-number hashes (see keyfile.h). */
#include "daemon/core/keyfile.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lib/pii.h"
#include "lib/pii_seal.h"

/* A new random key written to path, which must not exist yet. */
static bool create_key(const char *path, char *why, size_t whylen)
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s", path);
	mkdir(dirname(dir), 0700); /* the data directory on a first start; an error shows below */
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		snprintf(why, whylen, "cannot create the key file %s: %s", path, strerror(errno));
		return false;
	}
	unsigned char raw[OGI_PII_KEY_LEN];
	char hex[2 * OGI_PII_KEY_LEN + 2];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
	sodium_memzero(raw, sizeof raw);
	strcat(hex, "\n");
	bool ok = write(fd, hex, strlen(hex)) == (ssize_t)strlen(hex) && fsync(fd) == 0;
	sodium_memzero(hex, sizeof hex);
	close(fd);
	if (!ok) {
		unlink(path);
		snprintf(why, whylen, "cannot write the key file %s: %s", path, strerror(errno));
		return false;
	}
	fprintf(stderr,
	        "ogid: created the key of the applicants' search index in %s (mode 0600): back it "
	        "up apart from the database (docs/operations.md)\n",
	        path);
	return true;
}

/* The file read and parsed into keys; false with why. */
static bool read_keys(const char *path, struct ogi_pii_keys *keys, struct stat *st, char *why,
                      size_t whylen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(why, whylen, "cannot read the key file %s: %s", path, strerror(errno));
		return false;
	}
	if (fstat(fd, st) != 0 || (st->st_mode & 077) != 0 || !S_ISREG(st->st_mode)) {
		close(fd);
		snprintf(why, whylen,
		         "the key file %s must be a file readable by its owner only (chmod 600)",
		         path);
		return false;
	}
	char buf[2048], what[200];
	ssize_t n = read(fd, buf, sizeof buf);
	close(fd);
	if (n < 0)
		n = 0;
	bool ok =
	    n < (ssize_t)sizeof buf && ogi_pii_keys_parse(buf, (size_t)n, keys, what, sizeof what);
	sodium_memzero(buf, sizeof buf);
	if (!ok)
		snprintf(why, whylen, "the key file %s: %s", path,
		         n >= (ssize_t)sizeof buf ? "too long" : what);
	return ok;
}

static char watched[4096];
static pthread_mutex_t watch_lock = PTHREAD_MUTEX_INITIALIZER;
static struct stat watched_st;
static time_t checked_at;

/* lib/pii_seal's refresh: the key file read again when it changed (a rotation writes a new
 * file and renames it over the old: another inode), at most once a second unless forced. */
static void refresh(bool force)
{
	pthread_mutex_lock(&watch_lock);
	time_t now = time(NULL);
	struct stat st;
	if ((force || now != checked_at) && watched[0] != '\0' && stat(watched, &st) == 0 &&
	    (force || st.st_ino != watched_st.st_ino || st.st_mtime != watched_st.st_mtime ||
	     st.st_size != watched_st.st_size)) {
		struct ogi_pii_keys keys;
		char why[4400];
		if (!read_keys(watched, &keys, &st, why, sizeof why)) {
			fprintf(stderr,
			        "ogid: error: the key file changed and cannot be read: %s\n", why);
		} else if (!ogi_pii_same_search_key(keys.search)) {
			fprintf(stderr,
			        "ogid: error: the key file %s now holds another search key: "
			        "ignored (the "
			        "search key never changes)\n",
			        watched);
		} else {
			ogi_pii_keys_install(&keys);
			watched_st = st;
		}
		ogi_pii_keys_wipe(&keys);
	}
	checked_at = now;
	pthread_mutex_unlock(&watch_lock);
}

bool keyfile_load(const char *path, bool create, char *why, size_t whylen)
{
	if (access(path, F_OK) != 0 && errno == ENOENT && create && !create_key(path, why, whylen))
		return false;
	struct ogi_pii_keys keys;
	struct stat st;
	if (!read_keys(path, &keys, &st, why, whylen))
		return false;
	bool ok = ogi_pii_keys_install(&keys);
	ogi_pii_keys_wipe(&keys);
	if (!ok) {
		snprintf(why, whylen, "the key file %s: libsodium cannot start", path);
		return false;
	}
	pthread_mutex_lock(&watch_lock);
	snprintf(watched, sizeof watched, "%s", path);
	watched_st = st;
	checked_at = time(NULL);
	pthread_mutex_unlock(&watch_lock);
	ogi_pii_set_refresh(refresh);
	return true;
}
