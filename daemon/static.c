/* The web client's static files, compiled into ogid from clients/web/:
 * correct content types, an ETag per file and revalidation on every use
 * (no build step means no hashed file names, so browsers must ask). */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "embedded.h"
#include "handlers.h"

extern const struct ogi_embedded_file ogi_web_files[];

static const struct {
	const char *ext, *type;
} types[] = {
	{".html", "text/html; charset=utf-8"},
	{".js", "text/javascript; charset=utf-8"},
	{".css", "text/css; charset=utf-8"},
	{".svg", "image/svg+xml"},
	{".png", "image/png"},
	{".ico", "image/x-icon"},
	{".json", "application/json; charset=utf-8"},
	{".txt", "text/plain; charset=utf-8"},
};

static const char *content_type(const char *name)
{
	const char *dot = strrchr(name, '.');
	for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

static void etag_of(const struct ogi_embedded_file *f, char out[40])
{
	unsigned char h[16];
	crypto_generichash(h, sizeof h, (const unsigned char *)f->data, f->len, NULL, 0);
	out[0] = '"';
	sodium_bin2hex(out + 1, 33, h, sizeof h);
	out[33] = '"';
	out[34] = '\0';
}

bool static_serve(struct ctx *c, enum MHD_Result *result)
{
	if (strcmp(c->method, "GET") != 0 && strcmp(c->method, "HEAD") != 0)
		return false;
	const char *name = c->path[0] == '/' ? c->path + 1 : c->path;
	if (*name == '\0')
		name = "index.html";
	for (const struct ogi_embedded_file *f = ogi_web_files; f->name; f++) {
		if (strcmp(f->name, name) != 0)
			continue;
		char etag[40];
		etag_of(f, etag);
		const char *inm = header(c, MHD_HTTP_HEADER_IF_NONE_MATCH);
		struct MHD_Response *r;
		unsigned int status = 200;
		if (inm != NULL && strcmp(inm, etag) == 0) {
			r = response_from_buffer("", 0, NULL);
			status = 304;
		} else {
			r = response_from_buffer(f->data, f->len, content_type(f->name));
		}
		MHD_add_response_header(r, "ETag", etag);
		MHD_add_response_header(r, "Cache-Control", "no-cache");
		*result = queue_response(c, status, r);
		return true;
	}
	return false;
}
