/* The case file's rules (lib/casefile.h): the names of the files inside the
 * ZIP, their order and 序号 in the index, the index as CSV, and the page
 * count of a PDF. */
#include <stdlib.h>
#include <string.h>

#include "lib/casefile.h"
#include "tests/unit/check.h"

static void safe_names(void)
{
	static const struct {
		const char *in, *out, *why;
	} cases[] = {
	    {"身份证复印件.jpg", "身份证复印件.jpg", "Chinese names stay"},
	    {"a/b\\c", "a_b_c", "no path separator, Unix or Windows"},
	    {"../../etc/passwd", "_.._etc_passwd",
	     "no way out of the folder: separators gone, dots first dropped"},
	    {".", "文件", "never . (nothing left: a plain name)"},
	    {"..", "文件", "never .."},
	    {"  .hidden", "hidden", "no hidden file, no leading space"},
	    {"name. . ", "name", "Windows drops trailing dots and spaces: so do we"},
	    {"a:b*c?d\"e<f>g|h", "a_b_c_d_e_f_g_h", "the characters Windows refuses"},
	    {"a\x01"
	     "b\x7f"
	     "c\tz",
	     "abcz", "C0 controls, DEL, tab dropped"},
	    {"a\xc2\x85"
	     "b",
	     "ab", "a C1 control (NEL) dropped"},
	    {"a\xff"
	     "b",
	     "a_b", "invalid UTF-8 byte"},
	    {"\xe4\xb8", "__", "a cut UTF-8 sequence: each byte '_'"},
	    {"CON", "_CON", "a device name of Windows"},
	    {"con.txt", "_con.txt", "with an extension too"},
	    {"COM1", "_COM1", "COM1–COM9"},
	    {"COMX", "COMX", "not a device"},
	    {"CONSOLE", "CONSOLE", "only the bare name"},
	    {"", "文件", "empty"},
	    {NULL, "文件", "NULL"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[OGI_CASEFILE_NAME_MAX + 1];
		ogi_casefile_safe_name(cases[i].in, out, sizeof out, 0);
		CHECK_STR(out, cases[i].out, "%s", cases[i].why);
	}
	/* cut to fit at a character boundary, with room for what follows */
	char long_title[400] = "";
	for (int i = 0; i < 100; i++)
		strcat(long_title, "字");
	char out[OGI_CASEFILE_NAME_MAX + 1];
	ogi_casefile_safe_name(long_title, out, sizeof out, 0);
	CHECK_INT(strlen(out), 180, "60 characters of three bytes fill 180 bytes");
	ogi_casefile_safe_name(long_title, out, sizeof out, 7);
	CHECK_INT(strlen(out), 171, "7 bytes of room: 57 characters, never half of one");
	CHECK(strncmp(out, long_title, 171) == 0, "the first characters kept");
}

static void extensions(void)
{
	static const char *const jpeg[] = {".jpg", ".jpeg", NULL};
	static const char *const pdf[] = {".pdf", NULL};
	CHECK_STR(ogi_casefile_ext("扫描件.JPEG", jpeg), ".JPEG",
	          "a right extension is kept as written");
	CHECK_STR(ogi_casefile_ext("扫描件", jpeg), ".jpg", "none: the type's own");
	CHECK_STR(ogi_casefile_ext("答复.pdf.exe", pdf), ".pdf",
	          "the last one counts, and .exe is no PDF");
	CHECK_STR(ogi_casefile_ext(NULL, pdf), ".pdf", "no name");
}

static unsigned char *bytes(const char *s)
{
	return (unsigned char *)strdup(s);
}

static void order_and_index(void)
{
	struct ogi_casefile cf = {0};
	ogi_date may10 = ogi_date_from_ymd(2025, 5, 10), jun20 = ogi_date_from_ymd(2025, 6, 20);
	ogi_date may6 = ogi_date_from_ymd(2025, 5, 6), may8 = ogi_date_from_ymd(2025, 5, 8);
	/* added in any order */
	CHECK(ogi_casefile_add(&cf, OGI_CF_TIMELINE, "办理记录与期限说明", jun20, ".pdf",
	                       bytes("%PDF /Type /Page"), 16) != NULL,
	      "add");
	CHECK(ogi_casefile_add(&cf, OGI_CF_LETTER, "答复书/第1号", jun20, ".pdf", bytes("%PDF"),
	                       4) != NULL,
	      "add");
	CHECK(ogi_casefile_add(&cf, OGI_CF_REGISTRATION, "登记表", may6, ".pdf", bytes("%PDF"),
	                       4) != NULL,
	      "add");
	CHECK(ogi_casefile_add_stream(&cf, OGI_CF_ATTACHMENT, "=身份证\"复印件\"", may8, ".jpg", 7,
	                              1000, "ab12") != NULL,
	      "add");
	CHECK(ogi_casefile_add(&cf, OGI_CF_LETTER, "补正申请告知书", may10, ".pdf", bytes("%PDF"),
	                       4) != NULL,
	      "add");
	CHECK(ogi_casefile_add(&cf, OGI_CF_INDEX, "卷内目录", jun20, ".pdf", bytes("%PDF"), 4) !=
	          NULL,
	      "add");
	CHECK(ogi_casefile_number(&cf), "numbered");
	static const char *const names[] = {
	    "01-登记表.pdf",       "02-=身份证_复印件_.jpg",    "03-补正申请告知书.pdf",
	    "04-答复书_第1号.pdf", "05-办理记录与期限说明.pdf", "00-卷内目录.pdf",
	};
	CHECK_INT(cf.n, 6, "six entries");
	for (size_t i = 0; i < cf.n && i < 6; i++)
		CHECK_STR(
		    cf.v[i].name, names[i],
		    "the registration first, papers and letters by date (an attachment of 05-08 "
		    "before the letter of 05-10), the timeline last, the index 00");
	CHECK_INT(cf.v[4].pages, 1, "a PDF's pages counted");
	CHECK(!cf.v[1].compress && cf.v[1].data == NULL, "a JPEG is streamed and stored");
	CHECK_STR(cf.v[0].sha256,
	          "315d429b7714cedb6ad04ac31240145257692630457f3c88253c5beceac76027",
	          "the SHA-256 of the bytes (sha256sum of %%PDF)");
	size_t len = 0;
	char *csv = ogi_casefile_index_csv(&cf, &len);
	CHECK(csv != NULL && len == strlen(csv), "the CSV");
	if (csv == NULL)
		csv = strdup("");
	const char *want_head =
	    "\xEF\xBB\xBF\"序号\",\"文件题名\",\"日期\",\"页数\",\"大小（字节）\","
	    "\"SHA-256\",\"文件名\"\r\n";
	CHECK(csv && strncmp(csv, want_head, strlen(want_head)) == 0, "BOM and header: %s",
	      csv ? csv : "");
	CHECK(csv && strstr(csv, "\r\n2,\"'=身份证\"\"复印件\"\"\",2025-05-08,,1000,\"ab12\","
	                         "\"02-=身份证_复印件_.jpg\"\r\n") != NULL,
	      "a formula guarded, quotes doubled, no page count for a photograph: %s",
	      csv ? csv : "");
	CHECK(csv && strstr(csv, "卷内目录") == NULL, "the index does not list itself");
	CHECK(csv && strstr(csv, "\r\n5,\"办理记录与期限说明\",2025-06-20,1,16,") != NULL, "%s",
	      csv);
	free(csv);
	ogi_casefile_free(&cf);

	/* past 99 entries the 序号 grows a digit, for every name */
	struct ogi_casefile big = {0};
	for (int i = 0; i < 120; i++)
		ogi_casefile_add(&big, OGI_CF_LETTER, "函", ogi_date_from_ymd(2025, 1, 1) + i,
		                 ".pdf", bytes("%PDF"), 4);
	CHECK(ogi_casefile_number(&big), "numbered");
	CHECK_STR(big.v[0].name, "001-函.pdf", "three digits");
	CHECK_STR(big.v[119].name, "120-函.pdf", "in date order");
	ogi_casefile_free(&big);
}

static void pdf_pages(void)
{
	static const char pdf[] = "<< /Type /Pages /Count 3 >> << /Type /Page >> <</Type/Page>> "
	                          "<< /Type\n/Page /Parent 2 0 R >> /Type /PageLabel";
	CHECK_INT(ogi_casefile_pdf_pages((const unsigned char *)pdf, sizeof pdf - 1), 3,
	          "/Type /Page, not /Pages or /PageLabel");
	CHECK_INT(ogi_casefile_pdf_pages((const unsigned char *)"GIF89a", 6), 0, "no PDF");
	char size[32];
	ogi_casefile_size_text(812, size, sizeof size);
	CHECK_STR(size, "812 字节", "bytes");
	ogi_casefile_size_text(36045, size, sizeof size);
	CHECK_STR(size, "35.2 KB", "kilobytes");
	ogi_casefile_size_text(13107200, size, sizeof size);
	CHECK_STR(size, "12.5 MB", "megabytes");
}

int main(void)
{
	safe_names();
	extensions();
	order_and_index();
	pdf_pages();
	return check_done("casefile");
}
