/* What the password hash and the tokens promise (lib/secret.h); the rule
 * for a password a person chooses is lib/password.h (test_password.c). */
#include <string.h>

#include "lib/secret.h"
#include "tests/unit/check.h"

static void hashing(void)
{
	char hash[256];
	CHECK(ogi_password_hash("1234567890", hash, sizeof hash), "hashed");
	CHECK(strncmp(hash, "$argon2id$", 10) == 0, "argon2id: %s", hash);
	CHECK(ogi_password_verify(hash, "1234567890"), "the password verifies");
	CHECK(!ogi_password_verify(hash, "1234567891"), "another does not");
	CHECK(!ogi_password_verify(NULL, "1234567890"), "no hash (no password set) never verifies");
	char small[16];
	CHECK(!ogi_password_hash("1234567890", small, sizeof small), "no room: refused, not cut");
}

static void tokens(void)
{
	char a[OGI_TOKEN_LEN + 1], b[OGI_TOKEN_LEN + 1];
	ogi_token_new(a);
	ogi_token_new(b);
	CHECK_INT(strlen(a), OGI_TOKEN_LEN, "32 random bytes in base64url without padding");
	CHECK(strcmp(a, b) != 0, "two tokens differ");
	CHECK(strspn(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
	          strlen(a),
	      "a cookie- and URL-safe alphabet: %s", a);
	char h1[OGI_TOKEN_HASH_HEX], h2[OGI_TOKEN_HASH_HEX];
	ogi_token_hash("abc", 3, h1);
	ogi_token_hash("abc", 3, h2);
	/* SHA-256("abc"), FIPS 180-2 appendix B.1, as a bytea literal */
	CHECK_STR(h1, "\\xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
	          "the stored hash of a token");
	CHECK_STR(h1, h2, "the same token, the same hash: a lookup finds it");
	char p[21];
	ogi_password_new(p, 20);
	CHECK_INT(strlen(p), 20, "a random password of 20 characters");
	CHECK(strpbrk(p, "l1I0Oo") == NULL, "without look-alike characters: %s", p);
}

int main(void)
{
	if (!ogi_secret_init()) {
		fprintf(stderr, "libsodium does not start\n");
		return 1;
	}
	hashing();
	tokens();
	return check_done("secret");
}
