/* The password rule (lib/password.h), case by case: each row a password a
 * person might choose, the username it is for, and what the rule says with
 * the reason.  The first rows are the passwords issue 19 item 5 found
 * accepted (ten spaces, 1234567890, password12, the username twice). */
#include "lib/password.h"
#include "tests/unit/check.h"

int main(void)
{
	static const struct {
		const char *password, *username;
		enum ogi_password_flaw flaw;
		const char *why;
	} cases[] = {
	    /* issue 19 item 5: all four passed the length rule */
	    {"          ", "clerk", OGI_PW_BLANK, "ten spaces"},
	    {"1234567890", "clerk", OGI_PW_DIGITS_ONLY, "ten digits in a row"},
	    {"password12", "clerk", OGI_PW_COMMON, "the commonest word with two digits"},
	    {"zhangweizhangwei", "zhangwei", OGI_PW_USERNAME, "the username twice"},
	    /* white space and length */
	    {"", NULL, OGI_PW_BLANK, "nothing at all"},
	    {"\t \n\u3000\u00a0   ", NULL, OGI_PW_BLANK, "tabs, ideographic and no-break spaces"},
	    {"short", NULL, OGI_PW_TOO_SHORT, "5 characters"},
	    {"这是九个汉字的密码", NULL, OGI_PW_TOO_SHORT, "9 characters (27 bytes)"},
	    {"这是十个汉字组成的密码", NULL, OGI_PW_OK, "10 characters, counted as characters"},
	    /* digits */
	    {"13812345678", NULL, OGI_PW_DIGITS_ONLY, "a mobile number"},
	    {"110101199003074258", NULL, OGI_PW_DIGITS_ONLY, "an identity number's digits"},
	    {"2024-05-01 08:30", NULL, OGI_PW_DIGITS_ONLY, "a date and time"},
	    {"1990.03.07/1992", NULL, OGI_PW_DIGITS_ONLY, "dates with dots and a slash"},
	    /* the username */
	    {"Clerk01 at the desk", "clerk01", OGI_PW_USERNAME, "contains it, any case"},
	    {"my name is 10krelc", "clerk01", OGI_PW_USERNAME, "contains it backwards"},
	    {"Zh@ngw3i is here", "zhangwei", OGI_PW_USERNAME,
	     "contains it with digits for letters"},
	    {"li!!!!!!!!", "li", OGI_PW_USERNAME, "a two-letter username as the whole core"},
	    {"Lisbon in the rain", "li", OGI_PW_OK, "a two-letter username inside a word"},
	    {"adminadmin", NULL, OGI_PW_REPEATED, "without the username: a word twice"},
	    /* repeated */
	    {"aaaaaaaaaa", NULL, OGI_PW_REPEATED, "one character"},
	    {"ababababab", NULL, OGI_PW_REPEATED, "two characters"},
	    {"abcabcabcabc", NULL, OGI_PW_REPEATED, "three characters"},
	    {"passwordpassword", NULL, OGI_PW_REPEATED, "one word said twice"},
	    {"xyzwxyzwxy", NULL, OGI_PW_REPEATED, "a piece of four, cut off"},
	    {"哈哈哈哈哈哈哈哈哈哈", NULL, OGI_PW_REPEATED, "one Chinese character ten times"},
	    {"abab2024!!", NULL, OGI_PW_REPEATED, "the core repeats"},
	    /* sequences */
	    {"abcdefghij", NULL, OGI_PW_SEQUENCE, "the alphabet"},
	    {"jihgfedcba", NULL, OGI_PW_SEQUENCE, "the alphabet backwards"},
	    {"qwertyuiop", NULL, OGI_PW_SEQUENCE, "the keyboard's top row"},
	    {"QWERTYuiop123", NULL, OGI_PW_SEQUENCE, "the top row with digits"},
	    {"1qaz2wsx3edc", NULL, OGI_PW_SEQUENCE, "down the keyboard's columns"},
	    {"1q2w3e4r5t", NULL, OGI_PW_SEQUENCE, "zigzag over two rows"},
	    {"abc12345678", NULL, OGI_PW_SEQUENCE, "abc and digits"},
	    {"!@#$%^&*()", NULL, OGI_PW_SEQUENCE, "the shifted digit row"},
	    /* common */
	    {"P@ssw0rd2024!", NULL, OGI_PW_COMMON, "password with swaps, a year and a mark"},
	    {"iloveyou1314", NULL, OGI_PW_COMMON, "iloveyou and 1314"},
	    {"woaini520520", NULL, OGI_PW_COMMON, "woaini (我爱你) and 520"},
	    {"Woaini 1314!", NULL, OGI_PW_COMMON, "with a space and a mark"},
	    {"zhang123456", NULL, OGI_PW_COMMON, "a surname and 123456"},
	    {"wangfang1988", NULL, OGI_PW_COMMON, "a common name and a birth year"},
	    {"2024beijing", NULL, OGI_PW_COMMON, "a year, then a city"},
	    {"@dmin12345", NULL, OGI_PW_COMMON, "admin with @ for a"},
	    {"xinxigongkai2024", NULL, OGI_PW_COMMON, "信息公开 in pinyin and a year"},
	    {"Welcome123!", NULL, OGI_PW_COMMON, "welcome, digits and a mark"},
	    {"qq1234567890", NULL, OGI_PW_COMMON, "two letters among digits"},
	    {"a123456789", NULL, OGI_PW_COMMON, "one letter among digits"},
	    {"correct horse battery staple", NULL, OGI_PW_COMMON, "the famous example"},
	    /* accepted */
	    {"a good long password", "clerk", OGI_PW_OK, "a phrase of four words"},
	    {"correct horse battery", "clerk", OGI_PW_OK, "three words, not the famous four"},
	    {"街道办事处前台的电脑2024", "clerk", OGI_PW_OK, "a Chinese phrase and a year"},
	    {"Tr0ub4dor&3 in May", "clerk", OGI_PW_OK, "an odd word, symbols, a month"},
	    {"7kQ!m2pZ#v", "clerk", OGI_PW_OK, "random characters"},
	    {"zhao's new password", "zhao", OGI_PW_USERNAME, "contains the username"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		enum ogi_password_flaw got =
		    ogi_password_check(cases[i].password, cases[i].username);
		CHECK(got == cases[i].flaw, "\"%s\" (user %s): %s, got %s, want %s",
		      cases[i].password, cases[i].username ? cases[i].username : "-", cases[i].why,
		      ogi_password_flaw_code(got), ogi_password_flaw_code(cases[i].flaw));
	}

	/* the length counts characters of UTF-8, not bytes (the rows of the length rule) */
	static const struct {
		const char *password;
		bool long_enough;
		const char *why;
	} lengths[] = {
	    {"ab3456789", false, "9 characters: one short"},
	    {"ab34567890", true, "10 characters: the least allowed"},
	    {"密码ab密码cd密码", true, "mixed: 6 Chinese and 4 Latin characters"},
	    {"办事密码12345", false, "9 characters in 17 bytes"},
	    {"😀😁😂🤣😃😄😅😆😉😊", true, "10 characters of 4 bytes each"},
	    {"😀😁😂🤣😃😄😅😆😉", false,
	     "9 characters of 4 bytes each: 36 bytes, too short"},
	};
	for (size_t i = 0; i < sizeof lengths / sizeof lengths[0]; i++)
		CHECK((ogi_password_check(lengths[i].password, NULL) != OGI_PW_TOO_SHORT) ==
		          lengths[i].long_enough,
		      "\"%s\": %s", lengths[i].password, lengths[i].why);

	/* the list: sorted for bsearch, so every word is found */
	static const char *const listed[] = {"password",     "qwerty",   "woaini",  "zhangwei",
	                                     "xinxigongkai", "1qaz2wsx", "iloveyou"};
	for (size_t i = 0; i < sizeof listed / sizeof listed[0]; i++)
		CHECK(ogi_password_listed(listed[i]), "%s is on the list", listed[i]);
	CHECK(!ogi_password_listed(""), "the empty string is not");
	CHECK(!ogi_password_listed("agoodlongpassword"), "a phrase is not");

	/* the field error names the rule in both languages */
	struct spec_errors errs = {0};
	CHECK(!ogi_password_ok("new_password", "password12", "clerk", &errs), "refused");
	CHECK_INT(errs.n, 1, "one error");
	CHECK_STR(errs.e[0].field, "new_password", "named by the field");
	CHECK_STR(errs.e[0].code, "common", "the rule's code");
	CHECK(errs.e[0].message_zh[0] && errs.e[0].message_en[0], "Chinese and English");
	CHECK_INT(OGI_PASSWORD_MIN_CHARS, 10, "the minimum the messages say");
	return check_done("password");
}
