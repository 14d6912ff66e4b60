/* Login throttling (lib/account.h): failed logins of the last 15 minutes
 * stop a username at 5 and an address at 30 (POST /api/v1/session answers
 * 429 with Retry-After: 900).  The counts come from the database, which
 * counts a username's failures from an address the user logged in from
 * within 90 days only for that address — so guesses from elsewhere do not
 * lock a clerk out of their own desk (migrations/0010-login-known.sql). */
#include "lib/account.h"
#include "tests/unit/check.h"

int main(void)
{
	static const struct {
		long long of_username, of_address;
		bool throttled;
		const char *why;
	} cases[] = {
	    {0, 0, false, "no failures"},
	    {4, 0, false, "4 failures of the username: one more guess allowed"},
	    {5, 0, true, "the 5th failure of a username stops it"},
	    {6, 29, true, "past the username's limit"},
	    {0, 29, false, "29 failures from the address, of many usernames: one more"},
	    {0, 30, true, "the 30th failure from one address stops it, whatever the username"},
	    {4, 29, false, "both just below their limits"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		CHECK(ogi_login_throttled(cases[i].of_username, cases[i].of_address) ==
		          cases[i].throttled,
		      "%lld of the username, %lld of the address: %s", cases[i].of_username,
		      cases[i].of_address, cases[i].why);
	CHECK_INT(OGI_LOGIN_WINDOW_SECONDS, 15 * 60, "failures count for 15 minutes (Retry-After)");
	return check_done("account");
}
