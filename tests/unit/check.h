/* A tiny table-test helper for lib/ unit tests: CHECK records a failure
 * with file and line and goes on, check_done prints the tally and gives
 * the exit status meson reads. */
#ifndef OGI_CHECK_H
#define OGI_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_passed, check_failed;

#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (cond) {                                                                        \
			check_passed++;                                                            \
		} else {                                                                           \
			check_failed++;                                                            \
			fprintf(stderr, "%s:%d: FAIL %s: ", __FILE__, __LINE__, #cond);            \
			fprintf(stderr, __VA_ARGS__);                                              \
			fputc('\n', stderr);                                                       \
		}                                                                                  \
	} while (0)

#define CHECK_INT(got, want, ...)                                                                  \
	do {                                                                                       \
		long long g_ = (long long)(got), w_ = (long long)(want);                           \
		if (g_ == w_) {                                                                    \
			check_passed++;                                                            \
		} else {                                                                           \
			check_failed++;                                                            \
			fprintf(stderr, "%s:%d: FAIL %s = %lld, want %lld: ", __FILE__, __LINE__,  \
			        #got, g_, w_);                                                     \
			fprintf(stderr, __VA_ARGS__);                                              \
			fputc('\n', stderr);                                                       \
		}                                                                                  \
	} while (0)

#define CHECK_STR(got, want, ...)                                                                  \
	do {                                                                                       \
		const char *g_ = (got), *w_ = (want);                                              \
		if (g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0) {                             \
			check_passed++;                                                            \
		} else {                                                                           \
			check_failed++;                                                            \
			fprintf(stderr, "%s:%d: FAIL %s = \"%s\", want \"%s\": ", __FILE__,        \
			        __LINE__, #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)");           \
			fprintf(stderr, __VA_ARGS__);                                              \
			fputc('\n', stderr);                                                       \
		}                                                                                  \
	} while (0)

static inline int check_done(const char *name)
{
	printf("%s: %d passed, %d failed\n", name, check_passed, check_failed);
	return check_failed == 0 ? 0 : 1;
}

#endif
