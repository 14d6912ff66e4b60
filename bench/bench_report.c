/* bench_report CONNINFO BODY YEAR [ROUNDS]: the district-wide annual report
 * (ogi_db_report_load with the subtree, then each output) against a plain
 * SELECT count(*) over the same rows, on one connection, interleaved round
 * by round so both see the same machine.  Prints the median of each and
 * the ratio report / count (target: at most 3).  bench/report.sh makes the
 * data and runs it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/db/db.h"
#include "lib/db/reports.h"
#include "lib/report_render.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: bench_report CONNINFO BODY YEAR [ROUNDS]\n");
		return 2;
	}
	long long body = atoll(argv[2]);
	int year = atoi(argv[3]);
	int rounds = argc > 4 ? atoi(argv[4]) : 7;
	if (rounds < 1 || rounds > 1000)
		rounds = 7;
	struct ogi_db *db = ogi_db_new(argv[1]);
	if (!ogi_db_ok(db)) {
		fprintf(stderr, "bench_report: cannot connect: %s\n", db ? ogi_db_message(db) : "");
		return 1;
	}

	double *t_count = calloc((size_t)rounds, sizeof(double));
	double *t_load = calloc((size_t)rounds, sizeof(double));
	double *t_type[OGI_RT_COUNT];
	for (int k = 0; k < OGI_RT_COUNT; k++)
		t_type[k] = calloc((size_t)rounds, sizeof(double));
	long long rows = 0;
	size_t bytes[OGI_RT_COUNT] = {0};
	long long received = 0;
	bool ok = true;
	/* one warm-up round of each, not timed */
	for (int round = -1; round < rounds && ok; round++) {
		double t0 = now_ms();
		/* the rows the report reads, counted plainly (lib/db/reports.c report_rows_count)
		 */
		if (ogi_db_report_rows_count(db, body, year, &rows) != 0) {
			fprintf(stderr, "bench_report: count: %s\n", ogi_db_message(db));
			ok = false;
			break;
		}
		double t1 = now_ms();
		int status;
		char err[256];
		struct ogi_report *r =
		    ogi_db_report_load(db, body, year, ogi_report_format_for_year(year), true,
		                       &status, err, sizeof err);
		double t2 = now_ms();
		if (r == NULL) {
			fprintf(stderr, "bench_report: report: %s\n", err);
			ok = false;
			break;
		}
		received = r->cells[0][OGI_REPORT_TOTAL];
		for (int k = 0; k < OGI_RT_COUNT; k++) {
			struct ogi_buf out = {0};
			double s = now_ms();
			if (!ogi_report_render(r, (enum ogi_report_type)k, &out, err, sizeof err)) {
				fprintf(stderr, "bench_report: %s: %s\n", ogi_report_type_names[k],
				        err);
				ok = false;
			}
			double e = now_ms();
			bytes[k] = out.len;
			ogi_buf_free(&out);
			if (round >= 0)
				t_type[k][round] = (t2 - t1) + (e - s);
		}
		ogi_report_free(r);
		if (round >= 0) {
			t_count[round] = t1 - t0;
			t_load[round] = t2 - t1;
		}
	}
	if (ok) {
		double count = median(t_count, rounds), load = median(t_load, rounds);
		printf("rows read: %lld (received in %d: %lld), rounds: %d (medians)\n", rows, year,
		       received, rounds);
		printf("  SELECT count(*) over the same rows   %9.1f ms\n", count);
		printf("  report counted (ogi_db_report_load)  %9.1f ms   ratio %.2f\n", load,
		       load / count);
		for (int k = 0; k < OGI_RT_COUNT; k++) {
			double t = median(t_type[k], rounds);
			printf("  export as %-5s (%7zu bytes)        %9.1f ms   ratio %.2f%s\n",
			       ogi_report_type_names[k], bytes[k], t, t / count,
			       t / count <= 3 ? "" : "   (above the target of 3)");
		}
	}
	for (int k = 0; k < OGI_RT_COUNT; k++)
		free(t_type[k]);
	free(t_count);
	free(t_load);
	ogi_db_free(db);
	return ok ? 0 : 1;
}
