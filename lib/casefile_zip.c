/* Writing the case file's ZIP (see casefile_zip.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include <sodium.h>

#include "lib/casefile_zip.h"

/* A streamed entry: libzip pulls its bytes from read while it writes the
 * archive; the digest is checked when the last byte has gone. */
struct stream {
	const struct ogi_casefile_entry *e;
	ogi_casefile_read_fn read;
	void *cls;
	time_t mtime;
	long long offset;
	crypto_hash_sha256_state sha;
	zip_error_t error;
	char *why; /* the failure, for the caller's err */
	size_t whylen;
	bool *damaged; /* set when the bytes are not those recorded */
};

static zip_int64_t fail(struct stream *s, int ze, const char *fmt, const char *name)
{
	zip_error_set(&s->error, ze, 0);
	if (s->why != NULL && s->why[0] == '\0')
		snprintf(s->why, s->whylen, fmt, name);
	return -1;
}

static zip_int64_t stream_cb(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	struct stream *s = ud;
	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		s->offset = 0;
		crypto_hash_sha256_init(&s->sha);
		return 0;
	case ZIP_SOURCE_READ: {
		if (s->offset >= s->e->size)
			goto end;
		size_t want = len;
		if ((long long)want > s->e->size - s->offset)
			want = (size_t)(s->e->size - s->offset);
		long long got = s->read(s->cls, s->e->source_id, s->offset, data, want);
		if (got < 0)
			return fail(s, ZIP_ER_READ, "cannot read %s from the database", s->e->name);
		if (got == 0) {
			*s->damaged = true;
			return fail(s, ZIP_ER_READ, "%s is shorter than recorded", s->e->name);
		}
		crypto_hash_sha256_update(&s->sha, data, (unsigned long long)got);
		s->offset += got;
		return got;
	end:;
		unsigned char digest[crypto_hash_sha256_BYTES];
		char hex[OGI_SHA256_HEX];
		crypto_hash_sha256_final(&s->sha, digest);
		sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
		if (strcmp(hex, s->e->sha256) != 0) {
			*s->damaged = true;
			return fail(s, ZIP_ER_CRC, "%s does not match its recorded SHA-256",
			            s->e->name);
		}
		return 0;
	}
	case ZIP_SOURCE_CLOSE:
		return 0;
	case ZIP_SOURCE_STAT: {
		if (len < sizeof(zip_stat_t)) {
			zip_error_set(&s->error, ZIP_ER_INVAL, 0);
			return -1;
		}
		zip_stat_t *st = data;
		zip_stat_init(st);
		st->size = (zip_uint64_t)s->e->size;
		st->mtime = s->mtime;
		st->valid |= ZIP_STAT_SIZE | ZIP_STAT_MTIME;
		return sizeof *st;
	}
	case ZIP_SOURCE_ERROR:
		return zip_error_to_data(&s->error, data, len);
	case ZIP_SOURCE_FREE:
		return 0;
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ,
		                                      ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
		                                      ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
	default:
		zip_error_set(&s->error, ZIP_ER_OPNOTSUPP, 0);
		return -1;
	}
}

int ogi_casefile_zip_write(const struct ogi_casefile *cf, const char *path, const char *folder,
                           const char *comment, ogi_casefile_read_fn read, void *cls, char *err,
                           size_t errlen)
{
	int rc = -1, zerr = 0;
	bool damaged = false;
	err[0] = '\0';
	struct stream *streams = calloc(cf->n ? cf->n : 1, sizeof *streams);
	zip_t *za = streams ? zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr) : NULL;
	if (za == NULL) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		snprintf(err, errlen, "cannot create %s: %s", path,
		         streams ? zip_error_strerror(&ze) : "out of memory");
		zip_error_fini(&ze);
		free(streams);
		return -1;
	}
	if (comment != NULL &&
	    zip_set_archive_comment(za, comment, (zip_uint16_t)strlen(comment)) < 0) {
		snprintf(err, errlen, "archive comment: %s", zip_strerror(za));
		goto out;
	}
	zip_int64_t dir = zip_dir_add(za, folder, ZIP_FL_ENC_UTF_8);
	if (dir < 0 || zip_file_set_mtime(za, (zip_uint64_t)dir, cf->mtime, 0) < 0) {
		snprintf(err, errlen, "folder %s: %s", folder, zip_strerror(za));
		goto out;
	}
	for (size_t i = 0; i < cf->n; i++) {
		const struct ogi_casefile_entry *e = &cf->v[i];
		zip_source_t *src;
		if (e->data != NULL) {
			src = zip_source_buffer(za, e->data, (zip_uint64_t)e->size, 0);
		} else {
			struct stream *s = &streams[i];
			s->e = e;
			s->read = read;
			s->cls = cls;
			s->mtime = cf->mtime;
			s->why = err;
			s->whylen = errlen;
			s->damaged = &damaged;
			zip_error_init(&s->error);
			src = zip_source_function(za, stream_cb, s);
		}
		size_t n = strlen(folder) + strlen(e->name) + 2;
		char *name = malloc(n);
		if (src == NULL || name == NULL) {
			snprintf(err, errlen, "%s: %s", e->name,
			         name ? zip_strerror(za) : "out of memory");
			zip_source_free(src);
			free(name);
			goto out;
		}
		snprintf(name, n, "%s/%s", folder, e->name);
		zip_int64_t idx = zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8);
		free(name);
		if (idx < 0) {
			snprintf(err, errlen, "%s: %s", e->name, zip_strerror(za));
			zip_source_free(src);
			goto out;
		}
		if (zip_set_file_compression(za, (zip_uint64_t)idx,
		                             e->compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0) < 0 ||
		    zip_file_set_mtime(za, (zip_uint64_t)idx, cf->mtime, 0) < 0) {
			snprintf(err, errlen, "%s: %s", e->name, zip_strerror(za));
			goto out;
		}
	}
	if (zip_close(za) == 0) {
		za = NULL;
		rc = 0;
	} else if (err[0] == '\0') {
		snprintf(err, errlen, "cannot write %s: %s", path, zip_strerror(za));
	}
out:
	if (za != NULL)
		zip_discard(za);
	for (size_t i = 0; i < cf->n; i++)
		if (streams[i].e != NULL)
			zip_error_fini(&streams[i].error);
	free(streams);
	return rc == 0 ? 0 : damaged ? -2 : -1;
}

bool ogi_casefile_zip_comment(const char *path, char *out, size_t outlen)
{
	int zerr = 0;
	zip_t *za = zip_open(path, ZIP_RDONLY, &zerr);
	if (za == NULL)
		return false;
	int len = 0;
	const char *c = zip_get_archive_comment(za, &len, ZIP_FL_ENC_RAW);
	bool ok = c != NULL && len > 0 && (size_t)len < outlen;
	if (ok) {
		memcpy(out, c, (size_t)len);
		out[len] = '\0';
	}
	zip_discard(za);
	return ok;
}
