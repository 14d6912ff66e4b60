/* SMTP through libcurl (see smtp.h). */
#include "lib/smtp.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

bool ogi_smtp_url_ok(const char *url)
{
	if (url == NULL)
		return false;
	const char *rest = strncmp(url, "smtp://", 7) == 0    ? url + 7
	                   : strncmp(url, "smtps://", 8) == 0 ? url + 8
	                                                      : NULL;
	return rest != NULL && rest[0] != '\0' && rest[0] != '/' && rest[0] != ':' &&
	       strpbrk(url, " \t\r\n") == NULL;
}

bool ogi_smtp_credentials(struct ogi_smtp *s, const char *path, char *why, size_t len)
{
	FILE *f = fopen(path, "r");
	if (f == NULL) {
		snprintf(why, len, "cannot read %s: %s", path, strerror(errno));
		return false;
	}
	char line[600];
	bool ok = fgets(line, sizeof line, f) != NULL;
	fclose(f);
	line[ok ? strcspn(line, "\r\n") : 0] = '\0';
	char *colon = strchr(line, ':');
	if (!ok || colon == NULL || colon == line) {
		snprintf(why, len, "%s does not hold user:password on its first line", path);
		return false;
	}
	*colon = '\0';
	if (strlen(line) >= sizeof s->user || strlen(colon + 1) >= sizeof s->password) {
		snprintf(why, len, "%s: the user or the password is too long", path);
		return false;
	}
	snprintf(s->user, sizeof s->user, "%s", line);
	snprintf(s->password, sizeof s->password, "%s", colon + 1);
	return true;
}

bool ogi_smtp_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
}

struct upload {
	const char *p;
	size_t left;
};

static size_t read_cb(char *buf, size_t size, size_t nitems, void *cls)
{
	struct upload *u = cls;
	size_t n = size * nitems < u->left ? size * nitems : u->left;
	memcpy(buf, u->p, n);
	u->p += n;
	u->left -= n;
	return n;
}

/* The envelope address of a header-style one ("Name <a@b>" gives a@b). */
static void envelope(const char *addr, char *out, size_t len)
{
	const char *lt = strrchr(addr, '<'), *gt = lt != NULL ? strchr(lt, '>') : NULL;
	if (lt != NULL && gt != NULL)
		snprintf(out, len, "<%.*s>", (int)(gt - lt - 1), lt + 1);
	else
		snprintf(out, len, "<%s>", addr);
}

bool ogi_smtp_send(const struct ogi_smtp *s, const char *to, const char *message, char *err,
                   size_t errlen, bool *permanent)
{
	err[0] = '\0';
	*permanent = false;
	CURL *c = curl_easy_init();
	if (c == NULL) {
		snprintf(err, errlen, "out of memory");
		return false;
	}
	char from[320], rcpt[320], ebuf[CURL_ERROR_SIZE] = "";
	envelope(s->from, from, sizeof from);
	envelope(to, rcpt, sizeof rcpt);
	struct curl_slist *rcpts = curl_slist_append(NULL, rcpt);
	struct upload u = {message, strlen(message)};
	curl_easy_setopt(c, CURLOPT_URL, s->url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY); /* STARTTLS when offered */
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpts);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(c, CURLOPT_READDATA, &u);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)u.left);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L); /* threads: no SIGALRM for timeouts */
	long timeout = s->timeout > 0 ? s->timeout : 30;
	curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, timeout < 10 ? timeout : 10L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, ebuf);
	if (s->user[0] != '\0') {
		curl_easy_setopt(c, CURLOPT_USERNAME, s->user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, s->password);
	}
	CURLcode rc = rcpts != NULL ? curl_easy_perform(c) : CURLE_OUT_OF_MEMORY;
	long code = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	if (rc != CURLE_OK) {
		/* a 5xx is for good, but a login refused (53x) is the setup's to fix: retried */
		*permanent = code >= 500 && code < 600 && code / 10 != 53;
		if (code > 0)
			snprintf(err, errlen, "%s (server answered %ld)",
			         ebuf[0] ? ebuf : curl_easy_strerror(rc), code);
		else
			snprintf(err, errlen, "%s", ebuf[0] ? ebuf : curl_easy_strerror(rc));
	}
	curl_slist_free_all(rcpts);
	curl_easy_cleanup(c);
	return rc == CURLE_OK;
}
