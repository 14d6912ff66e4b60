/* The key file of the personal-number hashes (see keyfile.h). */
#include "daemon/core/keyfile.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/pii.h"

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

bool keyfile_load(const char *path, bool create, char *why, size_t whylen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT && create) {
		if (!create_key(path, why, whylen))
			return false;
		fd = open(path, O_RDONLY | O_CLOEXEC);
	}
	if (fd < 0) {
		snprintf(why, whylen, "cannot read the key file %s: %s", path, strerror(errno));
		return false;
	}
	struct stat st;
	if (fstat(fd, &st) != 0 || (st.st_mode & 077) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		snprintf(why, whylen,
		         "the key file %s must be a file readable by its owner only (chmod 600)",
		         path);
		return false;
	}
	char buf[256];
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n < 0)
		n = 0;
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' '))
		n--;
	bool ok = ogi_pii_set_key_hex(buf, (size_t)n);
	sodium_memzero(buf, sizeof buf);
	if (!ok)
		snprintf(why, whylen, "the key file %s does not hold a key (64 hex digits)", path);
	return ok;
}
