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

bool ogi_login_throttled(long long failures_of_username, long long failures_of_address)
{
	return failures_of_username >= OGI_LOGIN_FAILURES_PER_USERNAME ||
	       failures_of_address >= OGI_LOGIN_FAILURES_PER_ADDRESS;
}
