/* Benchmark of the working-day arithmetic and the whole clock function.
 * Prints evaluations per second and ratios against a baseline measured in
 * the same run (a day-by-day add_workdays loop), since absolute times on a
 * shared machine mean little.  No assertions: run it, read it.
 *   build/bench/bench_clock migrations/0002-calendar.sql */
#include <stdio.h>
#include <time.h>

#include "lib/clock.h"
#include "tests/unit/caldata.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static ogi_date loop_add(const struct ogi_calendar *cal, ogi_date d, int n)
{
	while (n > 0)
		if (ogi_is_workday(cal, ++d))
			n--;
	return d;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: bench_clock migrations/0002-calendar.sql\n");
		return 2;
	}
	struct ogi_calendar *cal = caldata_load(argv[1]);
	ogi_date first = D("2008-05-01"), last = D("2026-10-31");
	const int rounds = 3;
	long sink = 0;

	double t = now();
	long n_loop = 0;
	for (int r = 0; r < rounds; r++)
		for (ogi_date d = first; d <= last; d++, n_loop++)
			sink += loop_add(cal, d, 20);
	double loop_rate = (double)n_loop / (now() - t);

	t = now();
	long n_add = 0;
	for (int r = 0; r < rounds * 4; r++)
		for (ogi_date d = first; d <= last; d++, n_add++)
			sink += ogi_add_workdays(cal, d, 20, NULL);
	double add_rate = (double)n_add / (now() - t);

	/* a typical request: a consultation, an extension, a reply */
	struct ogi_clock_event ev[4];
	ev[0] = ogi_clock_event_init(OGI_EV_CONSULTATION_STARTED, 0);
	ev[1] = ogi_clock_event_init(OGI_EV_CONSULTATION_ENDED, 0);
	ev[2] = ogi_clock_event_init(OGI_EV_EXTENSION_APPROVED, 0);
	ev[2].working_days = 10;
	ev[3] = ogi_clock_event_init(OGI_EV_REPLIED, 0);
	ev[3].outcome = OGI_OUT_DISCLOSED;
	struct ogi_clock out;
	t = now();
	long n_clock = 0;
	for (int r = 0; r < rounds * 2; r++)
		for (ogi_date d = first; d <= last; d++, n_clock++) {
			ev[0].on = d + 3;
			ev[1].on = d + 10;
			ev[2].on = d + 20;
			ev[3].on = d + 30;
			struct ogi_clock_input in = {.cal = cal,
			                             .received_on = d,
			                             .regime = ogi_regime_for(d),
			                             .events = ev,
			                             .nevents = 4,
			                             .today = d + 40};
			ogi_clock_run(&in, &out);
			sink += out.due_on;
		}
	double clock_rate = (double)n_clock / (now() - t);

	printf("baseline: day-by-day add of 20 wd   %12.0f /s\n", loop_rate);
	printf("ogi_add_workdays(20)                 %12.0f /s  (%.1fx the baseline)\n", add_rate,
	       add_rate / loop_rate);
	printf("ogi_clock_run, 4 events, no steps    %12.0f /s  (%.1fx the baseline)\n", clock_rate,
	       clock_rate / loop_rate);
	printf("(checksum %ld)\n", sink);
	ogi_calendar_free(cal);
	return 0;
}
