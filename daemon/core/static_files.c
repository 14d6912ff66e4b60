/* The web client's static files, compiled into ogid from clients/web/.
 *
 * There is no build step, so file names carry no hashes.  Instead the whole
 * client gets one version, a hash of every file, and index.html (the only
 * document) is served with its root-relative references rewritten to
 * /v/<version>/…: under that prefix every file is immutable and cached for
 * a year, and the ES modules' relative imports stay inside it, so a browser
 * never mixes two releases.  index.html itself is revalidated on every load
 * (no-cache with an ETag).  A /v/ path of another version answers 404 (the
 * client reloads itself to pick up the new release).  The files at their
 * plain paths are served too, revalidated like the HTML.  The
 * Content-Security-Policy and the other security headers are added to every
 * response by http.c. */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon/core/reply.h"
#include "daemon/ep/ep.h"
#include "lib/embedded.h"

extern const struct ogi_embedded_file ogi_web_files[];

#define VERSION_HEX 16 /* characters of the client's version in /v/<version>/ */
#define ETAG_LEN    36

static const struct {
	const char *ext, *type;
} types[] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".json", "application/json; charset=utf-8"},
    {".webmanifest", "application/manifest+json"},
    {".txt", "text/plain; charset=utf-8"},
    {".woff2", "font/woff2"},
};

static const char *content_type(const char *name)
{
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

/* Built once, then read-only: the version, each file's ETag and the
 * rewritten index.html. */
static struct {
	char version[VERSION_HEX + 1];
	size_t nfiles;
	char (*etags)[ETAG_LEN];
	char *index;
	size_t index_len;
	char index_etag[ETAG_LEN];
	char *apply; /* the public pages' document (apply/index.html), rewritten the same way */
	size_t apply_len;
	char apply_etag[ETAG_LEN];
	bool ready;
} web;
static pthread_once_t web_once = PTHREAD_ONCE_INIT;

static void etag_of(const void *data, size_t len, char out[ETAG_LEN])
{
	unsigned char h[16];
	char hex[33];
	crypto_generichash(h, sizeof h, data, len, NULL, 0);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	snprintf(out, ETAG_LEN, "\"%s\"", hex);
}

/* index.html with every src="/… and href="/… pointing into /v/<version>/. */
static char *rewrite_index(const struct ogi_embedded_file *f, size_t *len_out)
{
	static const char *const attrs[] = {"src=\"/", "href=\"/"};
	size_t extra = 2 + VERSION_HEX + 1; /* "v/" + version + "/" */
	size_t count = 0;
	for (size_t i = 0; i < f->len; i++)
		for (size_t a = 0; a < 2; a++)
			if (strncmp(f->data + i, attrs[a], strlen(attrs[a])) == 0)
				count++;
	char *out = malloc(f->len + count * extra + 1), *o = out;
	if (out == NULL)
		return NULL;
	for (size_t i = 0; i < f->len;) {
		size_t match = 0;
		for (size_t a = 0; a < 2 && match == 0; a++)
			if (strncmp(f->data + i, attrs[a], strlen(attrs[a])) == 0)
				match = strlen(attrs[a]);
		if (match == 0) {
			*o++ = f->data[i++];
			continue;
		}
		memcpy(o, f->data + i, match);
		o += match;
		i += match;
		o += sprintf(o, "v/%s/", web.version);
	}
	*o = '\0';
	*len_out = (size_t)(o - out);
	return out;
}

static void web_init(void)
{
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, 16);
	const struct ogi_embedded_file *index = NULL, *apply = NULL;
	for (const struct ogi_embedded_file *f = ogi_web_files; f->name; f++) {
		crypto_generichash_update(&st, (const unsigned char *)f->name, strlen(f->name) + 1);
		crypto_generichash_update(&st, (const unsigned char *)f->data, f->len);
		if (strcmp(f->name, "index.html") == 0)
			index = f;
		if (strcmp(f->name, "apply/index.html") == 0)
			apply = f;
		web.nfiles++;
	}
	unsigned char h[16];
	char hex[33];
	crypto_generichash_final(&st, h, sizeof h);
	sodium_bin2hex(hex, sizeof hex, h, sizeof h);
	memcpy(web.version, hex, VERSION_HEX);
	web.version[VERSION_HEX] = '\0';

	web.etags = calloc(web.nfiles ? web.nfiles : 1, sizeof *web.etags);
	if (web.etags == NULL)
		return;
	for (size_t i = 0; i < web.nfiles; i++)
		etag_of(ogi_web_files[i].data, ogi_web_files[i].len, web.etags[i]);
	if (index != NULL) {
		web.index = rewrite_index(index, &web.index_len);
		if (web.index == NULL)
			return;
		etag_of(web.index, web.index_len, web.index_etag);
	}
	if (apply != NULL) {
		web.apply = rewrite_index(apply, &web.apply_len);
		if (web.apply == NULL)
			return;
		etag_of(web.apply, web.apply_len, web.apply_etag);
	}
	web.ready = true;
}

/* If-None-Match: "*", one tag or a list, weak or strong. */
static bool etag_matches(const char *inm, const char *etag)
{
	if (inm == NULL)
		return false;
	size_t elen = strlen(etag);
	for (const char *s = inm; *s;) {
		while (*s == ' ' || *s == ',')
			s++;
		if (strncmp(s, "W/", 2) == 0)
			s += 2;
		if (*s == '*')
			return true;
		if (strncmp(s, etag, elen) == 0 &&
		    (s[elen] == '\0' || s[elen] == ',' || s[elen] == ' '))
			return true;
		while (*s && *s != ',')
			s++;
	}
	return false;
}

static enum MHD_Result serve(struct ctx *c, const char *data, size_t len, const char *type,
                             const char *etag, const char *cache_control)
{
	struct MHD_Response *r;
	unsigned int status = 200;
	if (etag_matches(header(c, MHD_HTTP_HEADER_IF_NONE_MATCH), etag)) {
		r = response_from_buffer("", 0, NULL);
		status = 304;
	} else {
		r = response_from_buffer(data, len, type);
	}
	if (r == NULL)
		return MHD_NO;
	MHD_add_response_header(r, "ETag", etag);
	MHD_add_response_header(r, "Cache-Control", cache_control);
	return queue_response(c, status, r);
}

static const struct ogi_embedded_file *find(const char *name, size_t *index)
{
	size_t i = 0;
	for (const struct ogi_embedded_file *f = ogi_web_files; f->name; f++, i++)
		if (strcmp(f->name, name) == 0) {
			*index = i;
			return f;
		}
	return NULL;
}

#define REVALIDATE "no-cache"
#define IMMUTABLE  "public, max-age=31536000, immutable"

bool static_serve(struct ctx *c, enum MHD_Result *result)
{
	if (strcmp(c->method, "GET") != 0 && strcmp(c->method, "HEAD") != 0)
		return false;
	pthread_once(&web_once, web_init);
	if (!web.ready)
		return false;
	const char *name = c->path[0] == '/' ? c->path + 1 : c->path;
	if (*name == '\0' || strcmp(name, "index.html") == 0) {
		*result = serve(c, web.index, web.index_len, "text/html; charset=utf-8",
		                web.index_etag, REVALIDATE);
		return true;
	}
	/* the public pages: one document for the form, the receipt and the status lookup */
	if (web.apply != NULL &&
	    (strcmp(name, "apply") == 0 || strcmp(name, "apply/") == 0 ||
	     strcmp(name, "apply/index.html") == 0 || strcmp(name, "apply/status") == 0 ||
	     strcmp(name, "apply/receipt") == 0)) {
		*result = serve(c, web.apply, web.apply_len, "text/html; charset=utf-8",
		                web.apply_etag, REVALIDATE);
		return true;
	}
	const char *cache = REVALIDATE;
	if (strncmp(name, "v/", 2) == 0) {
		const char *version = name + 2, *slash = strchr(version, '/');
		/* another release's files are gone: 404, never this release's under its name */
		if (slash == NULL || (size_t)(slash - version) != VERSION_HEX ||
		    strncmp(version, web.version, VERSION_HEX) != 0)
			return false;
		name = slash + 1;
		cache = IMMUTABLE;
		if (strcmp(name, "index.html") == 0 || strcmp(name, "apply/index.html") == 0)
			return false;
	}
	size_t i;
	const struct ogi_embedded_file *f = find(name, &i);
	if (f == NULL)
		return false;
	*result = serve(c, f->data, f->len, content_type(f->name), web.etags[i], cache);
	return true;
}

bool static_is_public(const char *path)
{
	const char *name = path[0] == '/' ? path + 1 : path;
	if (strncmp(name, "v/", 2) == 0) {
		const char *slash = strchr(name + 2, '/');
		if (slash == NULL)
			return false;
		name = slash + 1;
	}
	/* the staff client's DOM helpers and identity checks, which the form imports too */
	return strcmp(name, "apply") == 0 || strncmp(name, "apply/", 6) == 0 ||
	       strcmp(name, "js/dom.js") == 0 || strcmp(name, "js/validate.js") == 0;
}
