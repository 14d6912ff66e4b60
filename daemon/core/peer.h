/* Who sent a request (c->peer): the client's address, the host it was sent
 * to and whether over https.  From the connection and its Host header —
 * or, when the connection comes from a reverse proxy ogid trusts
 * (--trusted-proxy), from what that proxy says in Forwarded or
 * X-Forwarded-For, -Host and -Proto (lib/proxy.h).  From anyone else those
 * headers are ignored: a client cannot name another address (the login
 * throttle counts by address), another host (the Origin check compares
 * with it) or https (the cookie's Secure flag and HSTS follow it). */
#ifndef OGI_DAEMON_PEER_H
#define OGI_DAEMON_PEER_H

#include "daemon/core/ctx.h"

/* Fills c->peer; once, on the first call for a request. */
void peer_resolve(struct ctx *c);

#endif
