/* Sending one e-mail over SMTP (issue 16 item 4) with libcurl, in this file only: smtp://
 * with STARTTLS when the server offers it, smtps:// with TLS from the start, a login when
 * credentials are given, every step bounded by a timeout.  No queue and no retry here: the
 * caller records a failure and tries again later (lib/db/reminders.h). */
#ifndef OGI_SMTP_H
#define OGI_SMTP_H

#include <stdbool.h>
#include <stddef.h>

struct ogi_smtp {
	const char *url;               /* smtp://host[:port] or smtps://host[:port] */
	const char *from;              /* the envelope sender, an address */
	char user[256], password[256]; /* empty user: no login */
	long timeout;                  /* seconds for the whole exchange; 0: 30 */
};

/* Whether url is one ogi sends with (smtp:// or smtps:// and a host). */
bool ogi_smtp_url_ok(const char *url);
/* Reads "user:password" from the first line of the file at path into s (the password may
 * hold ':'); false with why (a sentence) when it cannot be read or has no ':'. */
bool ogi_smtp_credentials(struct ogi_smtp *s, const char *path, char *why, size_t len);
/* Initialises libcurl once, before any thread sends (false when it cannot). */
bool ogi_smtp_init(void);
/* Sends message (RFC 5322, CRLF line ends) to the address to: true when the server took it,
 * else false with the error in err (with the server's reply code when it gave one) and
 * *permanent set when that code is a permanent refusal (5xx). */
bool ogi_smtp_send(const struct ogi_smtp *s, const char *to, const char *message, char *err,
                   size_t errlen, bool *permanent);

#endif
