/* Login throttling (lib/account.h), as a table: each row the counters of a
 * (username, address) pair and of its address as stored, the wait the
 * rule answers (429 Retry-After) and the counters written back when the
 * attempt may go on.  Five free tries per pair, then 15 s doubling to at
 * most 15 minutes, forgotten after a quiet day; 30 attempts per address in
 * a window of 15 minutes, whatever the username (issue 19 item 6: the
 * lockout of a username from everywhere is gone). */
#include "lib/account.h"
#include "tests/unit/check.h"

int main(void)
{
	static const struct {
		struct ogi_login_counts in;
		long long wait;
		struct ogi_login_counts out; /* when wait is 0 */
		const char *why;
	} cases[] = {
	    {{0, 0, 0, 0}, 0, {1, 0, 1, 0}, "the first attempt ever: counted in both"},
	    {{4, 3, 10, 300}, 0, {5, 0, 11, 300}, "the 5th attempt of the pair is still free"},
	    {{5, 0, 11, 300}, 15, {0}, "after 5, the 6th waits 15 s"},
	    {{5, 10, 11, 310}, 5, {0}, "10 s of the 15 gone: 5 s to wait"},
	    {{5, 15, 11, 315}, 0, {6, 0, 12, 315}, "the 15 s waited: the 6th goes on"},
	    {{6, 0, 12, 315}, 30, {0}, "after the 6th, 30 s"},
	    {{7, 0, 0, 0}, 60, {0}, "after the 7th, 60 s"},
	    {{8, 0, 0, 0}, 120, {0}, "after the 8th, 2 min"},
	    {{10, 0, 0, 0}, 480, {0}, "after the 10th, 8 min"},
	    {{11, 0, 0, 0}, 900, {0}, "after the 11th, 15 min: the longest wait (not 16)"},
	    {{500, 0, 0, 0}, 900, {0}, "however many, never more than 15 min"},
	    {{500, 899, 0, 0}, 1, {0}, "one second left"},
	    {{500, 900, 0, 0}, 0, {501, 0, 1, 0}, "a guesser gets a try each 15 min, no more"},
	    {{500, 86400, 0, 0}, 0, {1, 0, 1, 0}, "a day without attempts: the pair starts afresh"},
	    {{0, 0, 29, 100},
	     0,
	     {1, 0, 30, 100},
	     "the address's 30th attempt in the window goes on"},
	    {{0, 0, 30, 100},
	     800,
	     {0},
	     "the 31st waits for the window's end, whatever the username"},
	    {{0, 0, 30, 900},
	     0,
	     {1, 0, 1, 0},
	     "the window over: a new one begins with this attempt"},
	    {{5, 0, 30, 100}, 800, {0}, "both throttled: the longer wait"},
	    {{6, 10, 30, 880}, 20, {0}, "both throttled, 20 s each"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct ogi_login_counts c = cases[i].in;
		long long wait = ogi_login_claim(&c);
		CHECK_INT(wait, cases[i].wait, "row %zu: %s", i, cases[i].why);
		if (cases[i].wait == 0) {
			CHECK_INT(c.attempts, cases[i].out.attempts, "row %zu: pair's attempts", i);
			CHECK_INT(c.since_last, 0, "row %zu: the attempt is the pair's last", i);
			CHECK_INT(c.budget_attempts, cases[i].out.budget_attempts,
			          "row %zu: address's attempts", i);
			CHECK_INT(c.since_window, cases[i].out.since_window,
			          "row %zu: the window's start", i);
		}
	}
	/* what the admins' list shows as the wait left */
	CHECK_INT(ogi_login_backoff_wait(4, 0), 0, "4 attempts: none");
	CHECK_INT(ogi_login_backoff_wait(9, 40), 200, "9 attempts, 40 s ago: 240 - 40");
	CHECK_INT(ogi_login_backoff_wait(9, 86400), 0, "forgotten");
	CHECK_INT(OGI_LOGIN_FREE_ATTEMPTS, 5, "five free tries, as docs/security.md says");
	return check_done("account");
}
