/* Runs a fuzz target over files instead of libFuzzer: every file named on
 * the command line, and every file inside a directory named there.  The
 * normal and the sanitizer builds replay the checked-in corpus and the
 * regressions (inputs that once broke something) on every test run. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tests/fuzz/fuzz.h"

static int replayed;

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		fprintf(stderr, "replay: cannot read %s\n", path);
		return 1;
	}
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	uint8_t *data = malloc(n > 0 ? (size_t)n : 1);
	size_t got = data ? fread(data, 1, (size_t)n, f) : 0;
	fclose(f);
	if (data == NULL || got != (size_t)n) {
		free(data);
		fprintf(stderr, "replay: cannot read %s\n", path);
		return 1;
	}
	LLVMFuzzerTestOneInput(data, got);
	free(data);
	replayed++;
	return 0;
}

static int replay(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		fprintf(stderr, "replay: no %s\n", path);
		return 1;
	}
	if (!S_ISDIR(st.st_mode))
		return replay_file(path);
	DIR *d = opendir(path);
	if (d == NULL)
		return 1;
	int failed = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char child[4096];
		snprintf(child, sizeof child, "%s/%s", path, e->d_name);
		failed |= replay(child);
	}
	closedir(d);
	return failed;
}

int main(int argc, char **argv)
{
	int failed = 0;
	if (LLVMFuzzerInitialize != NULL)
		LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++)
		failed |= replay(argv[i]);
	printf("replayed %d inputs\n", replayed);
	return failed || replayed == 0;
}
