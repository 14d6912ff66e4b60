/* A letter as a DOCX for offices that finish letters in WPS or Word: a small
 * OOXML package (libzip, in memory) with the page of GB/T 9704 — A4, the
 * margins, a document grid of 22 lines of 28 characters —, 仿宋_GB2312 三号
 * for the body, 方正小标宋简体 二号 for the title (each falling back to what
 * the machine has: fontTable.xml names 仿宋 and 宋体), 「— 1 —」 in the
 * footer, the seal as a picture in front of the signer and date, and the
 * second part after a page break.  All text is XML-escaped. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

#include "lib/buf.h"
#include "lib/letter_layout.h"
#include "lib/letter_render.h"

/* twips (1/20 pt) and EMU (1/12700 pt) */
#define TWIPS(pt)   lround((pt)*20.0)
#define EMU(pt)     llround((pt)*12700.0)
#define CHAR_PT     (OGI_LETTER_MM_PT(OGI_LETTER_TEXT_W_MM) / OGI_LETTER_CHARS) /* 15.79 */
#define BODY_FONT   "仿宋_GB2312"
#define TITLE_FONT  "方正小标宋简体"
#define FOLIO_FONT  "宋体"
#define SEAL_REL    "rIdSeal"
#define FOOTER_REL  "rIdFooter"
#define XML_HEAD    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define NS_W        "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R        "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define REL_TYPE(t) "http://schemas.openxmlformats.org/officeDocument/2006/relationships/" t
#define CONTENT(t)  "application/vnd.openxmlformats-officedocument." t "+xml"

/* Appends s (cleaned) as XML text: & < > escaped. */
static void add_xml(struct ogi_buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			ogi_buf_add(b, "&amp;");
			break;
		case '<':
			ogi_buf_add(b, "&lt;");
			break;
		case '>':
			ogi_buf_add(b, "&gt;");
			break;
		case '"':
			ogi_buf_add(b, "&quot;");
			break;
		default:
			ogi_buf_addn(b, s, 1);
		}
	}
}

/* A run of text: line feeds become <w:br/>, tabs <w:tab/>. */
static void add_run(struct ogi_buf *b, const char *text)
{
	char *c = ogi_letter_clean_text(text);
	if (c == NULL) {
		b->oom = true;
		return;
	}
	ogi_buf_add(b, "<w:r><w:t xml:space=\"preserve\">");
	for (char *s = c, *run = c;; s++) {
		if (*s != '\0' && *s != '\n' && *s != '\t')
			continue;
		char end = *s;
		*s = '\0';
		add_xml(b, run);
		if (end == '\0')
			break;
		ogi_buf_add(b, end == '\n' ? "</w:t><w:br/><w:t xml:space=\"preserve\">"
		                           : "</w:t><w:tab/><w:t xml:space=\"preserve\">");
		run = s + 1;
	}
	ogi_buf_add(b, "</w:t></w:r>");
	free(c);
}

/* A paragraph with properties ppr (inside <w:pPr>, "" for none). */
static void add_para(struct ogi_buf *b, const char *ppr, const char *text)
{
	ogi_buf_add(b, "<w:p>");
	if (ppr[0] != '\0')
		ogi_buf_printf(b, "<w:pPr>%s</w:pPr>", ppr);
	if (text != NULL && text[0] != '\0')
		add_run(b, text);
	ogi_buf_add(b, "</w:p>\n");
}

/* A title broken into its lines (ogi_letter_title_lines) with style ppr. */
static void add_title(struct ogi_buf *b, const char *ppr, const char *title, const char *body)
{
	char *t = ogi_letter_title_lines(title, body);
	if (t == NULL) {
		b->oom = true;
		return;
	}
	add_para(b, ppr, t);
	free(t);
}

/* The width of text in characters of the grid: half for ASCII. */
static double width_ch(const char *s)
{
	double w = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x80)
			w += 0.5;
		else if ((*p & 0xC0) != 0x80)
			w += 1;
	}
	return w;
}

struct seal_info {
	bool on;
	long long cx, cy; /* EMU */
};

static void add_seal_drawing(struct ogi_buf *b, const struct seal_info *si, double left_pt,
                             double top_pt)
{
	ogi_buf_printf(
	    b,
	    "<w:r><w:drawing><wp:anchor distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\" "
	    "simplePos=\"0\" relativeHeight=\"251659264\" behindDoc=\"0\" locked=\"0\" "
	    "layoutInCell=\"1\" allowOverlap=\"1\"><wp:simplePos x=\"0\" y=\"0\"/>"
	    "<wp:positionH relativeFrom=\"column\"><wp:posOffset>%lld</wp:posOffset></wp:positionH>"
	    "<wp:positionV relativeFrom=\"paragraph\"><wp:posOffset>%lld</wp:posOffset>"
	    "</wp:positionV><wp:extent cx=\"%lld\" cy=\"%lld\"/>"
	    "<wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:wrapNone/>"
	    "<wp:docPr id=\"1\" name=\"seal\" descr=\"印章\"/>"
	    "<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/>"
	    "</wp:cNvGraphicFramePr><a:graphic><a:graphicData "
	    "uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic>"
	    "<pic:nvPicPr><pic:cNvPr id=\"1\" name=\"seal.png\"/><pic:cNvPicPr/></pic:nvPicPr>"
	    "<pic:blipFill><a:blip r:embed=\"" SEAL_REL "\"/><a:stretch><a:fillRect/></a:stretch>"
	    "</pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/>"
	    "<a:ext cx=\"%lld\" cy=\"%lld\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/>"
	    "</a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:anchor>"
	    "</w:drawing></w:r>",
	    EMU(left_pt), EMU(top_pt), si->cx, si->cy, si->cx, si->cy);
}

/* The signer centred over the date, the date four characters from the right
 * (both kept together), the seal anchored to the first of them. */
static void add_signature(struct ogi_buf *b, const struct ogi_letter_doc *d,
                          const struct seal_info *si)
{
	char date[OGI_DATE_ZH_SIZE];
	ogi_date_zh(d->date, date);
	if (d->signer[0] == '\0' && date[0] == '\0')
		return;
	double width = OGI_LETTER_MM_PT(OGI_LETTER_TEXT_W_MM);
	double sw = width_ch(d->signer) * CHAR_PT, dw = width_ch(date) * CHAR_PT;
	double centre = width - OGI_LETTER_DATE_RIGHT_CH * CHAR_PT - dw / 2;
	if (centre + sw / 2 > width)
		centre = width - sw / 2;
	if (centre - sw / 2 < 0)
		centre = sw / 2;
	double seal_w = (double)si->cx / 12700, seal_h = (double)si->cy / 12700;

	for (int i = 0; i < (si->on ? 2 : 1); i++)
		add_para(b, "<w:keepNext/>", NULL);
	bool seal_done = !si->on;
	const char *texts[2] = {d->signer, date};
	double widths[2] = {sw, dw};
	for (int i = 0; i < 2; i++) {
		if (texts[i][0] == '\0')
			continue;
		double right = width - (centre + widths[i] / 2);
		if (right < 0)
			right = 0;
		/* the order of CT_PPr: keepNext, ind, jc */
		ogi_buf_printf(b,
		               "<w:p><w:pPr>%s<w:ind w:right=\"%ld\"/><w:jc w:val=\"%s\"/></w:pPr>",
		               i == 0 ? "<w:keepNext/>" : "", TWIPS(right),
		               i == 0 && sw >= width ? "center" : "right");
		if (!seal_done) {
			add_seal_drawing(b, si, centre - seal_w / 2,
			                 0.6 * OGI_LETTER_PITCH_PT - seal_h / 2);
			seal_done = true;
		}
		add_run(b, texts[i]);
		ogi_buf_add(b, "</w:p>\n");
	}
}

static void add_document(struct ogi_buf *b, const struct ogi_letter_doc *d,
                         const struct seal_info *si)
{
	ogi_buf_add(b, XML_HEAD
	            "<w:document xmlns:w=\"" NS_W "\" xmlns:r=\"" NS_R "\" "
	            "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/"
	            "wordprocessingDrawing\" "
	            "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
	            "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
	            "<w:body>\n");
	if (d->title[0] != '\0')
		add_title(b, "<w:pStyle w:val=\"OgiTitle\"/>", d->title, d->signer);
	if (d->ref[0] != '\0')
		add_para(b, "<w:jc w:val=\"right\"/>", d->ref);
	if (d->title[0] != '\0' || d->ref[0] != '\0')
		add_para(b, "", NULL);
	if (d->addressee[0] != '\0') {
		ogi_buf_add(b, "<w:p>");
		add_run(b, d->addressee);
		ogi_buf_add(b, "<w:r><w:t>：</w:t></w:r></w:p>\n");
	}
	size_t np = d->npara < OGI_LETTER_PARAGRAPHS_MAX ? d->npara : OGI_LETTER_PARAGRAPHS_MAX;
	for (size_t i = 0; i < np; i++)
		add_para(b, "<w:pStyle w:val=\"OgiBody\"/>", d->para[i]);

	size_t na = d->nattach < 8 ? d->nattach : 8;
	if (na > 0) {
		/* 「附件：」 two characters in, the names aligned after it */
		add_para(b, "", NULL);
		for (size_t i = 0; i < na; i++) {
			ogi_buf_printf(b, "<w:p><w:pPr><w:ind w:left=\"%ld\"", TWIPS(5 * CHAR_PT));
			if (i == 0)
				ogi_buf_printf(b, " w:hanging=\"%ld\"", TWIPS(3 * CHAR_PT));
			ogi_buf_add(b, "/></w:pPr>");
			char num[32] = "";
			if (na > 1)
				snprintf(num, sizeof num, "%zu.", i + 1);
			ogi_buf_printf(b, "<w:r><w:t>%s%s</w:t></w:r>", i == 0 ? "附件：" : "",
			               num);
			if (d->attach[i] != NULL)
				add_run(b, d->attach[i]);
			ogi_buf_add(b, "</w:p>\n");
		}
	}
	add_signature(b, d, si);

	size_t np2 = d->npara2 < OGI_LETTER_PARAGRAPHS_MAX ? d->npara2 : OGI_LETTER_PARAGRAPHS_MAX;
	if (np2 > 0) {
		bool broken = false;
		if (d->title2[0] != '\0') {
			add_title(b, "<w:pStyle w:val=\"OgiTitle\"/><w:pageBreakBefore/>",
			          d->title2, d->signer);
			add_para(b, "", NULL);
			broken = true;
		}
		/* a form: its lines start at the margin */
		for (size_t i = 0; i < np2; i++) {
			add_para(b, broken ? "" : "<w:pageBreakBefore/>", d->para2[i]);
			broken = true;
		}
	}
	ogi_buf_printf(b,
	               "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"" FOOTER_REL "\"/>"
	               "<w:pgSz w:w=\"%ld\" w:h=\"%ld\"/>"
	               "<w:pgMar w:top=\"%ld\" w:right=\"%ld\" w:bottom=\"%ld\" w:left=\"%ld\" "
	               "w:header=\"851\" w:footer=\"%ld\" w:gutter=\"0\"/><w:cols w:space=\"425\"/>"
	               "<w:docGrid w:type=\"lines\" w:linePitch=\"%ld\"/>"
	               "</w:sectPr></w:body></w:document>\n",
	               TWIPS(OGI_LETTER_MM_PT(OGI_LETTER_PAGE_W_MM)),
	               TWIPS(OGI_LETTER_MM_PT(OGI_LETTER_PAGE_H_MM)),
	               TWIPS(OGI_LETTER_MM_PT(OGI_LETTER_TOP_MM)),
	               TWIPS(OGI_LETTER_MM_PT(OGI_LETTER_RIGHT_MM)),
	               TWIPS(OGI_LETTER_MM_PT(OGI_LETTER_BOTTOM_MM)),
	               TWIPS(OGI_LETTER_MM_PT(OGI_LETTER_LEFT_MM)),
	               /* the footer's foot: its 14 pt line starts 7 mm under the text */
	               TWIPS(OGI_LETTER_MM_PT(OGI_LETTER_BOTTOM_MM - OGI_LETTER_FOLIO_GAP_MM) -
	                     OGI_LETTER_FOLIO_PT * 1.3),
	               TWIPS(OGI_LETTER_PITCH_PT));
}

static void add_styles(struct ogi_buf *b)
{
	ogi_buf_printf(
	    b,
	    XML_HEAD
	    "<w:styles xmlns:w=\"" NS_W "\"><w:docDefaults><w:rPrDefault><w:rPr>"
	    "<w:rFonts w:ascii=\"" BODY_FONT "\" w:eastAsia=\"" BODY_FONT "\" w:hAnsi=\"" BODY_FONT
	    "\" w:cs=\"" BODY_FONT "\"/>"
	    "<w:spacing w:val=\"%ld\"/><w:kern w:val=\"2\"/>"
	    "<w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>"
	    "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>"
	    "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"

	    "<w:spacing w:line=\"%ld\" w:lineRule=\"exact\"/></w:pPr></w:pPrDefault>"
	    "</w:docDefaults>\n"
	    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
	    "<w:name w:val=\"Normal\"/><w:qFormat/><w:pPr><w:widowControl w:val=\"0\"/>"
	    /* no extra space between Chinese and digits: widths as the PDF's */
	    "<w:autoSpaceDE w:val=\"0\"/><w:autoSpaceDN w:val=\"0\"/>"
	    "<w:jc w:val=\"both\"/></w:pPr></w:style>\n"
	    "<w:style w:type=\"paragraph\" w:styleId=\"OgiTitle\"><w:name w:val=\"ogi "
	    "title\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
	    "<w:pPr><w:keepNext/><w:snapToGrid w:val=\"0\"/><w:jc w:val=\"center\"/></w:pPr><w:rPr>"
	    "<w:rFonts w:ascii=\"" TITLE_FONT "\" w:eastAsia=\"" TITLE_FONT
	    "\" w:hAnsi=\"" TITLE_FONT "\"/><w:b/><w:bCs/><w:spacing w:val=\"0\"/>"
	    "<w:sz w:val=\"%d\"/>"
	    "<w:szCs w:val=\"%d\"/></w:rPr></w:style>\n"
	    "<w:style w:type=\"paragraph\" w:styleId=\"OgiBody\"><w:name w:val=\"ogi "
	    "body\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/><w:pPr>"
	    "<w:ind w:firstLineChars=\"200\" w:firstLine=\"%ld\"/></w:pPr></w:style>\n"
	    "<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/>"
	    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:line=\"240\" "
	    "w:lineRule=\"auto\"/><w:jc w:val=\"center\"/></w:pPr><w:rPr>"
	    "<w:rFonts w:ascii=\"" FOLIO_FONT "\" w:eastAsia=\"" FOLIO_FONT
	    "\" w:hAnsi=\"" FOLIO_FONT "\"/><w:sz w:val=\"%d\"/><w:szCs w:val=\"%d\"/>"
	    "</w:rPr></w:style>\n</w:styles>\n",
	    TWIPS(OGI_LETTER_LETTER_SPACE), (int)(OGI_LETTER_BODY_PT * 2),
	    (int)(OGI_LETTER_BODY_PT * 2), TWIPS(OGI_LETTER_PITCH_PT),
	    (int)(OGI_LETTER_TITLE_PT * 2), (int)(OGI_LETTER_TITLE_PT * 2), TWIPS(2 * CHAR_PT),
	    (int)(OGI_LETTER_FOLIO_PT * 2), (int)(OGI_LETTER_FOLIO_PT * 2));
}

static const char font_table[] =
    XML_HEAD "<w:fonts xmlns:w=\"" NS_W "\">"
             "<w:font w:name=\"" BODY_FONT "\"><w:altName w:val=\"仿宋\"/>"
             "<w:charset w:val=\"86\"/><w:family w:val=\"modern\"/><w:pitch w:val=\"fixed\"/>"
             "</w:font><w:font w:name=\"" TITLE_FONT "\"><w:altName w:val=\"宋体\"/>"
             "<w:charset w:val=\"86\"/><w:family w:val=\"script\"/><w:pitch w:val=\"variable\"/>"
             "</w:font><w:font w:name=\"" FOLIO_FONT "\"><w:altName w:val=\"SimSun\"/>"
             "<w:charset w:val=\"86\"/><w:family w:val=\"auto\"/><w:pitch w:val=\"variable\"/>"
             "</w:font></w:fonts>\n";

static const char settings[] =
    XML_HEAD "<w:settings xmlns:w=\"" NS_W "\"><w:defaultTabStop w:val=\"420\"/>"
             "<w:characterSpacingControl w:val=\"doNotCompress\"/>"
             "<w:compat><w:doNotExpandShiftReturn/><w:compatSetting w:name=\"compatibilityMode\" "
             "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
             "</w:settings>\n";

/* 「— 1 —」, the page number a PAGE field */
static const char footer[] =
    XML_HEAD "<w:ftr xmlns:w=\"" NS_W "\"><w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>"
             "<w:r><w:t xml:space=\"preserve\">— </w:t></w:r>"
             "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
             "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
             "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r>"
             "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
             "<w:r><w:t xml:space=\"preserve\"> —</w:t></w:r></w:p></w:ftr>\n";

static const char content_types[] = XML_HEAD
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Default Extension=\"png\" ContentType=\"image/png\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"" CONTENT(
        "wordprocessingml.document.main") "\"/>"
                                          "<Override PartName=\"/word/styles.xml\" "
                                          "ContentType=\"" CONTENT(
                                              "wordprocessingml.styles") "\"/>"
                                                                         "<Override "
                                                                         "PartName=\"/word/"
                                                                         "settings.xml\" "
                                                                         "ContentType=\"" CONTENT(
                                                                             "wordprocessingml."
                                                                             "settings") "\"/>"
                                                                                         "<Override"
                                                                                         " PartName"
                                                                                         "=\"/word/"
                                                                                         "fontTable"
                                                                                         ".xml\" "
                                                                                         "ContentTy"
                                                                                         "pe="
                                                                                         "\"" CONTENT(
                                                                                             "wordp"
                                                                                             "roces"
                                                                                             "singm"
                                                                                             "l."
                                                                                             "fontT"
                                                                                             "able") "\"/>"
                                                                                                     "<Override PartName=\"/word/footer1.xml\" "
                                                                                                     "ContentType=\"" CONTENT(
                                                                                                         "wordprocessingml.footer") "\"/>"
                                                                                                                                    "<Override PartName=\"/docProps/core.xml\" "
                                                                                                                                    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
                                                                                                                                    "<Override PartName=\"/docProps/app.xml\" "
                                                                                                                                    "ContentType=\"" CONTENT(
                                                                                                                                        "extended-properties") "\"/></Types>\n";

static const char package_rels[] =
    XML_HEAD "<Relationships "
             "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
             "<Relationship Id=\"rId1\" Type=\"" REL_TYPE(
                 "officeDocument") "\" "
                                   "Target=\"word/document.xml\"/>"
                                   "<Relationship Id=\"rId2\" "
                                   "Type=\"http://schemas.openxmlformats.org/package/2006/"
                                   "relationships/metadata/"
                                   "core-properties\" Target=\"docProps/core.xml\"/>"
                                   "<Relationship Id=\"rId3\" Type=\"" REL_TYPE(
                                       "extended-properties") "\" "
                                                              "Target=\"docProps/app.xml\"/></"
                                                              "Relationships>\n";

static const char app_props[] =
    XML_HEAD "<Properties "
             "xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
             "<Application>ogi</Application></Properties>\n";

static void add_document_rels(struct ogi_buf *b, bool sealed)
{
	ogi_buf_add(b, XML_HEAD
	            "<Relationships "
	            "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	            "<Relationship Id=\"rIdStyles\" Type=\"" REL_TYPE(
	                "styles") "\" "
	                          "Target=\"styles.xml\"/>"
	                          "<Relationship Id=\"rIdSettings\" Type=\"" REL_TYPE(
	                              "settings") "\" "
	                                          "Target=\"settings.xml\"/>"
	                                          "<Relationship Id=\"rIdFonts\" Type=\"" REL_TYPE(
	                                              "fontTable") "\" "
	                                                           "Target=\"fontTable.xml\"/>"
	                                                           "<Relationship Id=\"" FOOTER_REL
	                                                           "\" Type=\"" REL_TYPE(
	                                                               "footer") "\" "
	                                                                         "Target=\"footer1."
	                                                                         "xml\"/>");
	if (sealed)
		ogi_buf_add(b, "<Relationship Id=\"" SEAL_REL
		               "\" Type=\"" REL_TYPE("image") "\" "
		                                              "Target=\"media/seal.png\"/>");
	ogi_buf_add(b, "</Relationships>\n");
}

static void add_core(struct ogi_buf *b, const struct ogi_letter_doc *d)
{
	ogi_buf_add(b,
	            XML_HEAD "<cp:coreProperties "
	                     "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/"
	                     "core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
	                     "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
	                     "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>");
	char *title = ogi_letter_clean_text(d->title);
	if (title == NULL) {
		b->oom = true;
		return;
	}
	add_xml(b, title);
	free(title);
	ogi_buf_add(b, "</dc:title><dc:creator>ogi</dc:creator>");
	if (d->date != OGI_DATE_NONE) {
		char iso[OGI_DATE_STRLEN];
		ogi_buf_printf(b,
		               "<dcterms:created xsi:type=\"dcterms:W3CDTF\">%sT00:00:00+08:00"
		               "</dcterms:created>",
		               ogi_date_format(d->date, iso));
	}
	ogi_buf_add(b, "</cp:coreProperties>\n");
}

/* Adds a member: data (len bytes) is freed by libzip when owned. */
static bool add_member(zip_t *za, const char *name, const void *data, size_t len, bool owned,
                       time_t mtime)
{
	zip_source_t *s = zip_source_buffer(za, data, len, owned ? 1 : 0);
	if (s == NULL) {
		if (owned)
			free((void *)data);
		return false;
	}
	zip_int64_t i = zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
	if (i < 0) {
		zip_source_free(s);
		return false;
	}
	zip_file_set_mtime(za, (zip_uint64_t)i, mtime, 0);
	return true;
}

/* Adds a built part; the buffer goes to libzip (or is freed). */
static bool add_built(zip_t *za, const char *name, struct ogi_buf *b, time_t mtime)
{
	if (b->oom || b->p == NULL) {
		ogi_buf_free(b);
		return false;
	}
	bool ok = add_member(za, name, b->p, b->len, true, mtime);
	b->p = NULL;
	ogi_buf_free(b);
	return ok;
}

static bool read_all(zip_source_t *src, unsigned char **out, size_t *len)
{
	if (zip_source_open(src) < 0)
		return false;
	bool ok = false;
	zip_int64_t n = -1;
	if (zip_source_seek(src, 0, SEEK_END) == 0)
		n = zip_source_tell(src);
	unsigned char *p = n > 0 ? malloc((size_t)n) : NULL;
	if (p != NULL && zip_source_seek(src, 0, SEEK_SET) == 0 &&
	    zip_source_read(src, p, (zip_uint64_t)n) == n) {
		*out = p;
		*len = (size_t)n;
		p = NULL;
		ok = true;
	}
	free(p);
	zip_source_close(src);
	return ok;
}

int ogi_letter_docx(const struct ogi_letter_doc *d, const struct ogi_letter_seal *seal,
                    unsigned char **out, size_t *len)
{
	unsigned pw, ph;
	struct seal_info si = {0};
	if (seal != NULL && ogi_letter_seal_check(seal->png, seal->len) &&
	    ogi_letter_png_size(seal->png, seal->len, &pw, &ph)) {
		double w = OGI_LETTER_MM_PT(OGI_LETTER_SEAL_MM);
		si.on = true;
		si.cx = EMU(w);
		si.cy = EMU(w * ph / pw);
	}
	/* the members' times: the letter's day (00:00 in Beijing), so the same
	   letter gives the same file */
	time_t mtime = 315532800; /* 1980-01-01, the first day a zip can say */
	if (d->date != OGI_DATE_NONE && d->date > 3653)
		mtime = (time_t)d->date * 86400 - 8 * 3600;

	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	if (src == NULL) {
		zip_error_fini(&ze);
		return -1;
	}
	zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	zip_error_fini(&ze);
	if (za == NULL) {
		zip_source_free(src);
		return -1;
	}
	zip_source_keep(src); /* it outlives zip_close: the package is read from it */

	struct ogi_buf doc = {0}, styles = {0}, rels = {0}, core = {0};
	add_document(&doc, d, &si);
	add_styles(&styles);
	add_document_rels(&rels, si.on);
	add_core(&core, d);
	bool ok =
	    add_member(za, "[Content_Types].xml", content_types, sizeof content_types - 1, false,
	               mtime) &&
	    add_member(za, "_rels/.rels", package_rels, sizeof package_rels - 1, false, mtime) &&
	    add_built(za, "word/document.xml", &doc, mtime) &&
	    add_built(za, "word/styles.xml", &styles, mtime) &&
	    add_built(za, "word/_rels/document.xml.rels", &rels, mtime) &&
	    add_member(za, "word/settings.xml", settings, sizeof settings - 1, false, mtime) &&
	    add_member(za, "word/fontTable.xml", font_table, sizeof font_table - 1, false, mtime) &&
	    add_member(za, "word/footer1.xml", footer, sizeof footer - 1, false, mtime) &&
	    add_built(za, "docProps/core.xml", &core, mtime) &&
	    add_member(za, "docProps/app.xml", app_props, sizeof app_props - 1, false, mtime) &&
	    (!si.on || add_member(za, "word/media/seal.png", seal->png, seal->len, false, mtime));
	ogi_buf_free(&doc);
	ogi_buf_free(&styles);
	ogi_buf_free(&rels);
	ogi_buf_free(&core);
	if (!ok) {
		zip_discard(za);
		zip_source_free(src);
		return -1;
	}
	if (zip_close(za) < 0) {
		zip_discard(za);
		zip_source_free(src);
		return -1;
	}
	ok = read_all(src, out, len);
	zip_source_free(src);
	return ok ? 0 : -1;
}
