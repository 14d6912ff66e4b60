/* Sealing of applicants' personal fields (lib/pii_seal.h): issue 19, what must work 5 — the
 * identity and phone numbers, e-mail and address are kept sealed (secretbox) under a key with
 * an id; during a rotation values under the old and the new key both open; a changed, cut or
 * foreign value is refused, never opened into garbage. */
#include <stdlib.h>
#include <string.h>

#include "lib/pii_seal.h"
#include "tests/unit/check.h"

#define KEY   "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
#define KEY2  "ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
#define SEAL2 "seal 2 2222222222222222222222222222222222222222222222222222222222222222\n"

/* Key files: what parses and what is refused, with the reason (never the key). */
static const struct {
	const char *text;
	bool ok;
	int n; /* keys in the ring */
	unsigned sealer;
	const char *why; /* a part of the refusal */
} files[] = {
    {KEY "\n", true, 1, 1, NULL}, /* the key file of before: one line */
    {KEY, true, 1, 1, NULL},      /* no final newline */
    {"# comment\n\n  " KEY "  \r\n", true, 1, 1, NULL},
    {KEY "\n" SEAL2, true, 2, 2, NULL},                     /* after a rotation: 2 seals, 1 opens */
    {KEY "\n" SEAL2 "seal 1 " KEY2 "\n", true, 2, 2, NULL}, /* key 1 written out */
    {"", false, 0, 0, "does not hold a key"},
    {"# only a comment\n", false, 0, 0, "does not hold a key"},
    {"abcd\n", false, 0, 0, "first line"},
    {KEY "00\n", false, 0, 0, "first line"},
    {KEY "\n" SEAL2 SEAL2, false, 0, 0, "twice"},
    {KEY "\nseal 0 " KEY2 "\n", false, 0, 0, "line 2"},
    {KEY "\nseal 100000 " KEY2 "\n", false, 0, 0, "line 2"},
    {KEY "\nseal 3 " KEY2 "00\n", false, 0, 0, "line 2"},
    {KEY "\nseal 3\n", false, 0, 0, "line 2"},
    {KEY "\nsomething else\n", false, 0, 0, "neither a comment nor a key"},
};

static void parse(void)
{
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		struct ogi_pii_keys k;
		char why[200] = "";
		bool ok =
		    ogi_pii_keys_parse(files[i].text, strlen(files[i].text), &k, why, sizeof why);
		CHECK(ok == files[i].ok, "file %zu parses: %d (%s)", i, ok, why);
		if (ok) {
			CHECK_INT(k.n, files[i].n, "file %zu: keys", i);
			CHECK_INT(k.seal[0].id, files[i].sealer, "file %zu: the key that seals", i);
		} else {
			CHECK(strstr(why, files[i].why) != NULL, "file %zu: why %s", i, why);
			CHECK(strstr(why, "2222") == NULL && strstr(why, "0102") == NULL,
			      "file %zu: no key in the message", i);
		}
	}
	/* key 1 is the same whether derived or not: a one-line file and its formatted form */
	struct ogi_pii_keys a, b;
	char why[200], text[1024];
	ogi_pii_keys_parse(KEY "\n", strlen(KEY) + 1, &a, why, sizeof why);
	CHECK(ogi_pii_keys_add_new(&a), "a new key");
	CHECK_INT(a.seal[0].id, 2, "above the highest");
	size_t n = ogi_pii_keys_format(&a, text, sizeof text);
	CHECK(n > 0 && ogi_pii_keys_parse(text, n, &b, why, sizeof why), "formatted parses: %s",
	      why);
	CHECK(b.n == 2 && b.seal[0].id == 2 && memcmp(b.seal[0].key, a.seal[0].key, 32) == 0 &&
	          memcmp(b.seal[1].key, a.seal[1].key, 32) == 0 &&
	          memcmp(b.search, a.search, 32) == 0,
	      "the same keys again");
	CHECK(strstr(text, "seal 1 ") == NULL, "the derived key is not written out");
	CHECK_INT(ogi_pii_keys_format(&a, text, 100), 0, "too small a buffer");
}

static struct ogi_pii_keys load(const char *text)
{
	struct ogi_pii_keys k;
	char why[200];
	ogi_pii_keys_parse(text, strlen(text), &k, why, sizeof why);
	ogi_pii_keys_install(&k);
	return k;
}

static char *opened(const char *stored, enum ogi_pii_open_status want, uint32_t want_id)
{
	char *out = NULL;
	uint32_t id = 9;
	enum ogi_pii_open_status st = ogi_pii_open(stored, &out, &id);
	CHECK_INT(st, want, "open %.20s", stored ? stored : "(null)");
	CHECK_INT(id, want_id, "the key id of %.20s", stored ? stored : "(null)");
	return out;
}

static void seal(void)
{
	bool failed = false;
	CHECK(ogi_pii_seal("x", &failed) == NULL && failed, "no key: nothing is sealed");
	load(KEY);
	/* what a field may hold: numbers, Chinese, the empty string, long text */
	static const char *const plains[] = {"110105199003071234",
	                                     "13800138000",
	                                     "",
	                                     "北京市朝阳区建国路1号院2号楼301室",
	                                     "a@b.example",
	                                     "ogi1:1:looks-sealed-but-is-plain"};
	for (size_t i = 0; i < sizeof plains / sizeof plains[0]; i++) {
		failed = false;
		char *s = ogi_pii_seal(plains[i], &failed);
		CHECK(s != NULL && !failed, "sealed %zu", i);
		CHECK(strncmp(s, "ogi1:1:", 7) == 0, "names key 1: %s", s);
		CHECK(plains[i][0] == '\0' || strstr(s, plains[i]) == NULL, "no plaintext in %s",
		      s);
		CHECK_INT(ogi_pii_sealed_key_id(s), 1, "its key id");
		char *t = ogi_pii_seal(plains[i], &failed);
		CHECK(strcmp(s, t) != 0, "a fresh nonce each time: two seals differ");
		char *o = opened(s, OGI_PII_OPENED, 1);
		CHECK(o != NULL && strcmp(o, plains[i]) == 0, "opens to the same %zu", i);
		free(o);
		free(s);
		free(t);
	}
	CHECK(ogi_pii_seal(NULL, &failed) == NULL, "NULL stays NULL");
	char *o = opened(NULL, OGI_PII_PLAIN, 0);
	CHECK(o == NULL, "NULL opens to NULL");
	o = opened("13800138000", OGI_PII_PLAIN, 0);
	CHECK(o != NULL && strcmp(o, "13800138000") == 0, "plaintext of before passes");
	free(o);

	/* damage: a changed character, a cut, a wrong id, no body */
	char *s = ogi_pii_seal("110105199003071234", &failed);
	char *bad = strdup(s);
	bad[strlen(bad) - 3] = bad[strlen(bad) - 3] == 'A' ? 'B' : 'A';
	CHECK(opened(bad, OGI_PII_DAMAGED, 1) == NULL, "a changed byte does not open");
	bad[strlen(bad) - 10] = '\0';
	CHECK(opened(bad, OGI_PII_DAMAGED, 1) == NULL, "a cut value does not open");
	CHECK(opened("ogi1:1:", OGI_PII_DAMAGED, 1) == NULL, "no box");
	CHECK(opened("ogi1:1:!!!!", OGI_PII_DAMAGED, 1) == NULL, "not base64");
	CHECK(opened("ogi1:x:AAAA", OGI_PII_DAMAGED, 0) == NULL, "no id");
	CHECK(opened("ogi1:0:AAAA", OGI_PII_DAMAGED, 0) == NULL, "id 0");
	CHECK(opened("ogi1:7:AAAA", OGI_PII_NO_KEY, 7) == NULL, "a key the ring lacks");
	free(bad);

	/* rotation: the ring of both keys seals under 2 and opens both */
	load(KEY "\n" SEAL2);
	CHECK_INT(ogi_pii_seal_key_id(), 2, "key 2 seals");
	o = opened(s, OGI_PII_OPENED, 1);
	CHECK(o != NULL && strcmp(o, "110105199003071234") == 0, "key 1's value still opens");
	free(o);
	char *s2 = ogi_pii_seal("13800138000", &failed);
	CHECK(strncmp(s2, "ogi1:2:", 7) == 0, "sealed under key 2");
	uint32_t ids[8];
	CHECK_INT(ogi_pii_ring_ids(ids, 8), 2, "two keys");
	char c1[OGI_PII_CHECK_HEX], c2[OGI_PII_CHECK_HEX];
	CHECK(ogi_pii_key_check(1, c1) && ogi_pii_key_check(2, c2) && strcmp(c1, c2) != 0,
	      "two check values");
	CHECK(!ogi_pii_key_check(3, c1), "no check of a key not there");

	/* another key under the same id does not open (authenticated, never garbage) */
	load(KEY "\nseal 2 " KEY2 "\n");
	CHECK(opened(s2, OGI_PII_DAMAGED, 2) == NULL, "key 2 of another file does not open it");
	char c2b[OGI_PII_CHECK_HEX];
	ogi_pii_key_check(2, c2b);
	CHECK(strcmp(c2, c2b) != 0, "and its check value differs");
	/* another search key: another key 1 */
	load(KEY2);
	CHECK(opened(s, OGI_PII_DAMAGED, 1) == NULL, "key 1 of another search key does not open");
	free(s);
	free(s2);
}

static int refreshed;
static void refresh(bool force)
{
	refreshed += force ? 10 : 1;
	if (force)
		load(KEY "\n" SEAL2);
}

/* A value under a key this process lacks makes it read its key file again (ogid during a
 * rotation by ogictl), once. */
static void reload(void)
{
	load(KEY "\n" SEAL2);
	bool failed = false;
	char *s2 = ogi_pii_seal("13800138000", &failed);
	load(KEY);
	ogi_pii_set_refresh(refresh);
	refreshed = 0;
	char *o = opened(s2, OGI_PII_OPENED, 2);
	CHECK(o != NULL && strcmp(o, "13800138000") == 0, "opened after the refresh");
	CHECK_INT(refreshed, 10, "one forced refresh");
	free(o);
	free(ogi_pii_seal("x", &failed));
	CHECK_INT(refreshed, 11, "sealing asks for a refresh when changed");
	ogi_pii_set_refresh(NULL);
	free(s2);
}

int main(void)
{
	parse();
	seal();
	reload();
	return check_done("pii_seal");
}
