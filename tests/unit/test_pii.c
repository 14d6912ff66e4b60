/* Keyed hashes of personal numbers (lib/pii.h): the search of issue 14 finds an applicant who
 * phones in by the whole phone or identity number, however it is written, without an index of
 * the numbers themselves. */
#include <string.h>

#include "lib/pii.h"
#include "tests/unit/check.h"

#define KEY  "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
#define KEY2 "ff0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"

static void keys(void)
{
	char h[OGI_PII_HASH_HEX];
	CHECK(!ogi_pii_hash(OGI_PII_PHONE, "13800138000", h) && h[0] == '\0', "no key: no hash");
	CHECK(!ogi_pii_set_key_hex("abcd", 4), "a short key is refused");
	CHECK(!ogi_pii_set_key_hex(KEY "00", strlen(KEY) + 2), "a long key is refused");
	CHECK(!ogi_pii_set_key_hex(
	          "zz02030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f00", 64),
	      "a key that is not hex is refused");
	CHECK(!ogi_pii_has_key(), "and none is set");
	CHECK(ogi_pii_set_key_hex(KEY, strlen(KEY)), "64 hex digits are a key");
	CHECK(ogi_pii_hash(OGI_PII_PHONE, "13800138000", h), "hashed");
	CHECK_INT(strlen(h), OGI_PII_HASH_HEX - 1, "16 bytes in hex");
	CHECK(strstr(h, "13800138000") == NULL, "the number is not in its hash");
	char f1[OGI_PII_HASH_HEX], f2[OGI_PII_HASH_HEX], h2[OGI_PII_HASH_HEX];
	ogi_pii_key_fingerprint(f1);
	CHECK(ogi_pii_set_key_hex(KEY2, strlen(KEY2)), "another key");
	ogi_pii_key_fingerprint(f2);
	CHECK(strcmp(f1, f2) != 0, "two keys have two fingerprints");
	ogi_pii_hash(OGI_PII_PHONE, "13800138000", h2);
	CHECK(strcmp(h, h2) != 0, "the same number hashes differently under another key");
	ogi_pii_set_key_hex(KEY, strlen(KEY));
}

/* One number written as people write it: each row's hash equals the first's. */
static const struct {
	enum ogi_pii_kind kind;
	const char *a, *b;
	bool same;
} table[] = {
    {OGI_PII_PHONE, "13800138000", "138 0013 8000", true},
    {OGI_PII_PHONE, "13800138000", "138-0013-8000", true},
    {OGI_PII_PHONE, "13800138000", "+86 138 0013 8000", true},
    {OGI_PII_PHONE, "13800138000", "0086-13800138000", true},
    {OGI_PII_PHONE, "010-12345678", "(010) 1234 5678", true},
    {OGI_PII_PHONE, "13800138000", "13800138001", false},
    /* a landline beginning 86 is not a country code: only a mobile after it is stripped */
    {OGI_PII_PHONE, "86123456", "123456", false},
    {OGI_PII_ID_NUMBER, "11010519491231002X", "11010519491231002x", true},
    {OGI_PII_ID_NUMBER, "11010519491231002X", " 11010519491231002X ", true},
    {OGI_PII_ID_NUMBER, "91350100M000100Y43", "91350100m000100y43", true},
    {OGI_PII_ID_NUMBER, "11010519491231002X", "110105194912310021", false},
};

static void forms(void)
{
	for (size_t i = 0; i < sizeof table / sizeof *table; i++) {
		char a[OGI_PII_HASH_HEX], b[OGI_PII_HASH_HEX];
		bool ha = ogi_pii_hash(table[i].kind, table[i].a, a);
		bool hb = ogi_pii_hash(table[i].kind, table[i].b, b);
		if (table[i].same)
			CHECK(ha && hb && strcmp(a, b) == 0, "%s and %s are one number", table[i].a,
			      table[i].b);
		else
			CHECK(!ha || !hb || strcmp(a, b) != 0, "%s and %s are two", table[i].a,
			      table[i].b);
	}
	char id[OGI_PII_HASH_HEX], tel[OGI_PII_HASH_HEX];
	ogi_pii_hash(OGI_PII_ID_NUMBER, "13800138000", id);
	ogi_pii_hash(OGI_PII_PHONE, "13800138000", tel);
	CHECK(strcmp(id, tel) != 0, "an identity number and a phone with the same digits differ");
	char n[64];
	CHECK(!ogi_pii_normal(OGI_PII_PHONE, "12345", n, sizeof n), "five digits are no phone");
	CHECK(!ogi_pii_normal(OGI_PII_PHONE, "电话13800138000", n, sizeof n), "words are no phone");
	CHECK(!ogi_pii_normal(OGI_PII_ID_NUMBER, "1101-0519", n, sizeof n), "a dash is in no ID");
	CHECK(!ogi_pii_normal(OGI_PII_ID_NUMBER, "", n, sizeof n), "nothing is no ID");
	CHECK(!ogi_pii_normal(OGI_PII_PHONE, NULL, n, sizeof n), "NULL is nothing");
}

static void search(void)
{
	char id[OGI_PII_HASH_HEX], tel[OGI_PII_HASH_HEX], want[OGI_PII_HASH_HEX];
	ogi_pii_search_hashes("11010519491231002x", id, tel);
	ogi_pii_hash(OGI_PII_ID_NUMBER, "11010519491231002X", want);
	CHECK(strcmp(id, want) == 0 && tel[0] == '\0',
	      "an 18-character ID number is searched as one");
	ogi_pii_search_hashes("110105194912310021", id, tel);
	CHECK(id[0] != '\0' && tel[0] != '\0', "18 digits may be either: both hashes");
	ogi_pii_search_hashes("138 0013 8000", id, tel);
	ogi_pii_hash(OGI_PII_PHONE, "13800138000", want);
	CHECK(id[0] == '\0' && strcmp(tel, want) == 0, "a phone written with spaces");
	ogi_pii_search_hashes("张三", id, tel);
	CHECK(id[0] == '\0' && tel[0] == '\0', "a name is neither");
	ogi_pii_search_hashes("2024", id, tel);
	CHECK(id[0] == '\0' && tel[0] == '\0', "a year is neither (too short)");
	ogi_pii_search_hashes("ABCDEFGHIJKLMNO", id, tel);
	CHECK(id[0] == '\0', "letters without digits are no ID");
}

int main(void)
{
	keys();
	forms();
	search();
	return check_done("pii");
}
