/* Lists of accounts and the login throttling rule (see account.h). */
#include "lib/account.h"

#include <stdlib.h>
#include <string.h>

void ogi_body_list_free(struct ogi_body_list *l)
{
	free(l->b);
	memset(l, 0, sizeof *l);
}

void ogi_user_list_free(struct ogi_user_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->u[i].grants);
	free(l->u);
	memset(l, 0, sizeof *l);
}

void ogi_token_list_free(struct ogi_token_list *l)
{
	free(l->t);
	memset(l, 0, sizeof *l);
}

const char *const ogi_feed_scope_names[] = {"assigned", "bodies", NULL};

void ogi_feed_list_free(struct ogi_feed_list *l)
{
	free(l->f);
	memset(l, 0, sizeof *l);
}

void ogi_session_info_list_free(struct ogi_session_info_list *l)
{
	free(l->s);
	memset(l, 0, sizeof *l);
}

void ogi_throttle_list_free(struct ogi_throttle_list *l)
{
	free(l->t);
	memset(l, 0, sizeof *l);
}

long long ogi_login_backoff_wait(long long attempts, long long since_last)
{
	if (since_last >= OGI_LOGIN_FORGET_SECONDS || attempts < OGI_LOGIN_FREE_ATTEMPTS)
		return 0;
	long long delay = OGI_LOGIN_BACKOFF_FIRST_SECONDS;
	for (long long k = OGI_LOGIN_FREE_ATTEMPTS;
	     k < attempts && delay < OGI_LOGIN_BACKOFF_MAX_SECONDS; k++)
		delay *= 2;
	if (delay > OGI_LOGIN_BACKOFF_MAX_SECONDS)
		delay = OGI_LOGIN_BACKOFF_MAX_SECONDS;
	return since_last >= delay ? 0 : delay - since_last;
}

long long ogi_login_claim(struct ogi_login_counts *c)
{
	long long pair_wait = ogi_login_backoff_wait(c->attempts, c->since_last);
	bool window_over = c->since_window >= OGI_LOGIN_ADDRESS_WINDOW_SECONDS;
	long long budget_wait = !window_over && c->budget_attempts >= OGI_LOGIN_ADDRESS_BUDGET
	                            ? OGI_LOGIN_ADDRESS_WINDOW_SECONDS - c->since_window
	                            : 0;
	long long wait = pair_wait > budget_wait ? pair_wait : budget_wait;
	if (wait > 0)
		return wait;
	c->attempts = c->since_last >= OGI_LOGIN_FORGET_SECONDS ? 1 : c->attempts + 1;
	c->since_last = 0;
	if (window_over) {
		c->budget_attempts = 1;
		c->since_window = 0;
	} else {
		c->budget_attempts++;
	}
	return 0;
}
