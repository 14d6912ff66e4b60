/* A letter as one print-ready HTML document: A4 with the margins of GB/T
 * 9704, the body in 仿宋 三号 on a grid of 22 lines, the title in 小标宋
 * 二号, the 文号 under it, the signer and date right with the seal over
 * them, the attachments, and the second part (a form) after a page break.
 * Self-contained: styles inline, the seal a data: URI, no script. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "lib/buf.h"
#include "lib/letter_layout.h"
#include "lib/letter_render.h"

/* Appends s cleaned (letter_layout.h) and escaped, its line feeds as <br>
 * (as spaces when br is false: the <title>). */
static void add_text_br(struct ogi_buf *b, const char *s, bool br)
{
	char *c = ogi_letter_clean_text(s);
	if (c == NULL) {
		b->oom = true;
		return;
	}
	char *p = c;
	for (;;) {
		char *nl = strchr(p, '\n');
		if (nl != NULL)
			*nl = '\0';
		ogi_buf_add_html(b, p);
		if (nl == NULL)
			break;
		ogi_buf_add(b, br ? "<br>" : " ");
		p = nl + 1;
	}
	free(c);
}

static void add_text(struct ogi_buf *b, const char *s)
{
	add_text_br(b, s, true);
}

/* A title broken into its lines (ogi_letter_title_lines) as <h1>. */
static void add_title(struct ogi_buf *b, const char *title, const char *body)
{
	char *t = ogi_letter_title_lines(title, body);
	if (t == NULL) {
		b->oom = true;
		return;
	}
	ogi_buf_add(b, "<h1>");
	add_text(b, t);
	ogi_buf_add(b, "</h1>\n");
	free(t);
}

/* A paragraph of class cls (NULL: none); an empty one keeps its blank line. */
static void add_para(struct ogi_buf *b, const char *cls, const char *text)
{
	if (cls != NULL)
		ogi_buf_printf(b, "<p class=\"%s\">", cls);
	else
		ogi_buf_add(b, "<p>");
	if (text == NULL || text[0] == '\0')
		ogi_buf_add(b, "<br>");
	else
		add_text(b, text);
	ogi_buf_add(b, "</p>\n");
}

static void add_style(struct ogi_buf *b)
{
	const double pitch = OGI_LETTER_PITCH_PT;
	ogi_buf_add(b, "<style>\n");
	ogi_buf_printf(b, "@page { size: A4; margin: %.0fmm %.0fmm %.0fmm %.0fmm;\n",
	               OGI_LETTER_TOP_MM, OGI_LETTER_RIGHT_MM, OGI_LETTER_BOTTOM_MM,
	               OGI_LETTER_LEFT_MM);
	/* 「— 1 —」 under the text block (GB/T 9704 7.5) where the browser prints page margins */
	ogi_buf_printf(
	    b,
	    "  @bottom-center { content: \"\\2014\\00a0\" counter(page) \"\\00a0\\2014\";\n"
	    "    font-family: \"SimSun\", \"Songti SC\", \"Noto Serif CJK SC\", serif;\n"
	    "    font-size: %.0fpt; vertical-align: top; padding-top: %.0fmm; } }\n",
	    OGI_LETTER_FOLIO_PT, OGI_LETTER_FOLIO_GAP_MM);
	ogi_buf_add(b, "html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n");
	ogi_buf_printf(
	    b,
	    "body { margin: 0; color: #000; background: #fff;\n"
	    "  font-family: \"FangSong\", \"STFangsong\", \"Noto Serif CJK SC\", serif;\n"
	    "  font-size: %.0fpt; line-height: %.2fpt; letter-spacing: %.2fpt;\n"
	    "  overflow-wrap: anywhere; }\n",
	    OGI_LETTER_BODY_PT, pitch, OGI_LETTER_LETTER_SPACE);
	ogi_buf_printf(b, ".sheet { width: %.0fmm; }\n", OGI_LETTER_TEXT_W_MM);
	ogi_buf_add(b, ".part2 { break-before: page; page-break-before: always; }\n");
	ogi_buf_printf(
	    b,
	    "h1 { font-family: \"FZXiaoBiaoSong-B05S\", \"Noto Serif CJK SC\", serif;\n"
	    "  font-weight: bold; font-size: %.0fpt; line-height: %.2fpt; letter-spacing: 0;\n"
	    "  text-align: center; margin: 0; }\n",
	    OGI_LETTER_TITLE_PT, pitch);
	/* a blank line under the title and 文号 (主送机关 7.3.2) */
	ogi_buf_printf(b, "header { margin-bottom: %.2fpt; }\n", pitch);
	ogi_buf_add(b, "p { margin: 0; text-indent: 2em; }\n"
	               "p.ref, p.to { text-indent: 0; }\n"
	               "p.ref { text-align: right; }\n");
	/* 附件 a blank line under the text, two characters in, the names aligned (7.3.4) */
	ogi_buf_printf(b,
	               ".attach { margin-top: %.2fpt; }\n"
	               ".attach p { padding-left: 5em; text-indent: -3em; }\n"
	               ".attach p.more { text-indent: 0; }\n",
	               pitch);
	/* the signer centred over the date, the date four characters from the right, a seal
	   pressing on both with them a little under its centre (7.3.5.1) */
	ogi_buf_printf(
	    b,
	    ".sign { text-align: right; padding-right: %dem; margin-top: %.2fpt;\n"
	    "  break-inside: avoid; page-break-inside: avoid; }\n"
	    ".sign.sealed { margin-top: %.2fpt; }\n"
	    ".sign .block { display: inline-block; position: relative; text-align: center;\n"
	    "  max-width: 100%%; }\n"
	    ".sign p { text-indent: 0; }\n",
	    OGI_LETTER_DATE_RIGHT_CH, pitch, 2 * pitch);
	ogi_buf_printf(
	    b,
	    ".seal { position: absolute; left: 50%%; top: %.2fpt; width: %.0fmm; height: auto;\n"
	    "  transform: translate(-50%%, -50%%); mix-blend-mode: multiply; }\n",
	    0.6 * pitch, OGI_LETTER_SEAL_MM);
	/* the second part is a form: its lines start at the margin */
	ogi_buf_add(b, ".part2 p { text-indent: 0; }\n");
	ogi_buf_printf(
	    b,
	    "@media screen {\n"
	    "  body { background: #e6e6e6; padding: 8mm 0; }\n"
	    "  .sheet { background: #fff; margin: 0 auto 8mm; min-height: %.0fmm;\n"
	    "    padding: %.0fmm %.0fmm %.0fmm %.0fmm; box-shadow: 0 1px 4px rgba(0,0,0,.3); }\n"
	    "}\n",
	    OGI_LETTER_TEXT_H_MM, OGI_LETTER_TOP_MM, OGI_LETTER_RIGHT_MM, OGI_LETTER_BOTTOM_MM,
	    OGI_LETTER_LEFT_MM);
	ogi_buf_add(b, "</style>\n");
}

static void add_seal(struct ogi_buf *b, const struct ogi_letter_seal *seal)
{
	size_t n = sodium_base64_encoded_len(seal->len, sodium_base64_VARIANT_ORIGINAL);
	char *b64 = malloc(n);
	if (b64 == NULL) {
		b->oom = true;
		return;
	}
	sodium_bin2base64(b64, n, seal->png, seal->len, sodium_base64_VARIANT_ORIGINAL);
	ogi_buf_add(b, "<img class=\"seal\" alt=\"\" src=\"data:image/png;base64,");
	ogi_buf_add(b, b64);
	ogi_buf_add(b, "\">");
	free(b64);
}

static void add_attachments(struct ogi_buf *b, const struct ogi_letter_doc *d)
{
	size_t n = d->nattach < 8 ? d->nattach : 8;
	if (n == 0)
		return;
	ogi_buf_add(b, "<div class=\"attach\">\n");
	for (size_t i = 0; i < n; i++) {
		ogi_buf_add(b, i == 0 ? "<p>附件：" : "<p class=\"more\">");
		if (n > 1)
			ogi_buf_printf(b, "%zu.", i + 1);
		add_text(b, d->attach[i]);
		ogi_buf_add(b, "</p>\n");
	}
	ogi_buf_add(b, "</div>\n");
}

int ogi_letter_html(const struct ogi_letter_doc *d, const struct ogi_letter_seal *seal, char **out,
                    size_t *len)
{
	struct ogi_buf b = {0};
	bool sealed = seal != NULL && ogi_letter_seal_check(seal->png, seal->len);

	ogi_buf_add(&b,
	            "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
	            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	            "img-src data:; style-src 'unsafe-inline'\">\n<title>");
	add_text_br(&b, d->title, false);
	ogi_buf_add(&b, "</title>\n");
	add_style(&b);
	ogi_buf_add(&b, "</head>\n<body>\n<section class=\"sheet\">\n");

	if (d->title[0] != '\0' || d->ref[0] != '\0') {
		ogi_buf_add(&b, "<header>\n");
		if (d->title[0] != '\0')
			add_title(&b, d->title, d->signer);
		if (d->ref[0] != '\0')
			add_para(&b, "ref", d->ref);
		ogi_buf_add(&b, "</header>\n");
	}
	if (d->addressee[0] != '\0') {
		ogi_buf_add(&b, "<p class=\"to\">");
		add_text(&b, d->addressee);
		ogi_buf_add(&b, "：</p>\n");
	}
	size_t np = d->npara < OGI_LETTER_PARAGRAPHS_MAX ? d->npara : OGI_LETTER_PARAGRAPHS_MAX;
	for (size_t i = 0; i < np; i++)
		add_para(&b, d->para_remedy[i] ? "remedy" : NULL, d->para[i]);
	add_attachments(&b, d);

	char date[OGI_DATE_ZH_SIZE];
	ogi_date_zh(d->date, date);
	if (d->signer[0] != '\0' || date[0] != '\0') {
		ogi_buf_add(&b, sealed ? "<div class=\"sign sealed\"><div class=\"block\">"
		                       : "<div class=\"sign\"><div class=\"block\">");
		if (d->signer[0] != '\0')
			add_para(&b, NULL, d->signer);
		if (date[0] != '\0')
			add_para(&b, NULL, date);
		if (sealed)
			add_seal(&b, seal);
		ogi_buf_add(&b, "</div></div>\n");
	}
	ogi_buf_add(&b, "</section>\n");

	size_t np2 = d->npara2 < OGI_LETTER_PARAGRAPHS_MAX ? d->npara2 : OGI_LETTER_PARAGRAPHS_MAX;
	if (np2 > 0) {
		ogi_buf_add(&b, "<section class=\"sheet part2\">\n");
		if (d->title2[0] != '\0') {
			ogi_buf_add(&b, "<header>");
			add_title(&b, d->title2, d->signer);
			ogi_buf_add(&b, "</header>\n");
		}
		for (size_t i = 0; i < np2; i++)
			add_para(&b, NULL, d->para2[i]);
		ogi_buf_add(&b, "</section>\n");
	}
	ogi_buf_add(&b, "</body>\n</html>\n");

	if (b.oom || b.p == NULL) {
		ogi_buf_free(&b);
		return -1;
	}
	*out = b.p;
	*len = b.len;
	return 0;
}
