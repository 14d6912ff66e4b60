/* Shared by the fuzz targets: each is a libFuzzer entry point
 * (LLVMFuzzerTestOneInput) that also builds, with replay.c, as a plain
 * program replaying the checked-in corpus and regressions (tests/fuzz/README.md).
 * FUZZ_CHECK aborts, which libFuzzer reports as a crash with the input. */
#ifndef OGI_FUZZ_H
#define OGI_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* Optional: checks before the first input (libFuzzer and replay.c call it). */
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

#define FUZZ_CHECK(cond)                                                                           \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__,       \
			        #cond);                                                            \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

#endif
