/* The letter renderers (lib/letter_render.h) on a sample reply and on the
 * documents that break renderers: none of them crashes or loops, each gives
 * a document.  Writes into the folder given as argument:
 *   letter.html, letter.pdf, letter.docx  a reply (答复书) with a seal, markup and
 *                                         「&」 in its text, a paragraph running over
 *                                         two pages, two attachments and a 送达回证
 *   empty.*                               a document with nothing in it
 *   blank.*                               empty strings everywhere, a seal that is no PNG
 *   cut-seal.*                            the same with a PNG cut after its header
 *   unbroken.*                            10,000 characters without a space, bad UTF-8
 *   composed-reply.*, composed-service-form.*  what lib/letter.h's composer makes of a
 *                                         request answered 公开, and its 送达回证
 * and renders the reply's PDF in four threads at once (the same bytes each time).
 * test_letter_render.py reads the files back (pdftotext, pdfinfo, python-docx). */
#include <cairo.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lib/buf.h"
#include "lib/letter_layout.h"
#include "lib/letter_render.h"
#include "tests/unit/check.h"

static const char *outdir;

static void write_file(const char *name, const void *p, size_t len)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", outdir, name);
	FILE *f = fopen(path, "wb");
	CHECK(f != NULL, "open %s: %s", path, strerror(errno));
	if (f == NULL)
		return;
	CHECK(fwrite(p, 1, len, f) == len, "write %s", path);
	fclose(f);
}

/* Renders d in the three formats as name.html, name.pdf, name.docx. */
static void render(const char *name, const struct ogi_letter_doc *d,
                   const struct ogi_letter_seal *seal)
{
	char file[256];
	char *html = NULL;
	unsigned char *pdf = NULL, *docx = NULL;
	size_t hl = 0, pl = 0, dl = 0;

	CHECK_INT(ogi_letter_html(d, seal, &html, &hl), 0, "%s: html", name);
	CHECK(html != NULL && hl > 0 && strlen(html) == hl, "%s: html length", name);
	if (html != NULL) {
		snprintf(file, sizeof file, "%s.html", name);
		write_file(file, html, hl);
	}
	CHECK_INT(ogi_letter_pdf(d, seal, &pdf, &pl), 0, "%s: pdf", name);
	CHECK(pdf != NULL && pl > 4 && memcmp(pdf, "%PDF", 4) == 0, "%s: a PDF", name);
	if (pdf != NULL) {
		snprintf(file, sizeof file, "%s.pdf", name);
		write_file(file, pdf, pl);
	}
	CHECK_INT(ogi_letter_docx(d, seal, &docx, &dl), 0, "%s: docx", name);
	CHECK(docx != NULL && dl > 4 && memcmp(docx, "PK\3\4", 4) == 0, "%s: a zip", name);
	if (docx != NULL) {
		snprintf(file, sizeof file, "%s.docx", name);
		write_file(file, docx, dl);
	}
	free(html);
	free(pdf);
	free(docx);
}

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int length)
{
	ogi_buf_addn(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

/* A red seal for the sample: two rings and a star (drawn, PNG). */
static void make_seal(struct ogi_buf *png)
{
	const int size = 400;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, size, size);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgba(cr, 0.85, 0.05, 0.05, 0.9);
	cairo_set_line_width(cr, 14);
	cairo_arc(cr, size / 2.0, size / 2.0, size / 2.0 - 12, 0, 2 * M_PI);
	cairo_stroke(cr);
	for (int i = 0; i < 10; i++) {
		double r = i % 2 ? 30 : 75, a = -M_PI / 2 + i * M_PI / 5;
		cairo_line_to(cr, size / 2.0 + r * cos(a), size / 2.0 + r * sin(a));
	}
	cairo_close_path(cr);
	cairo_fill(cr);
	/* an inner ring where a real seal has its name (no text: cairo's toy fonts leak) */
	cairo_set_line_width(cr, 4);
	cairo_arc(cr, size / 2.0, size / 2.0, size / 2.0 - 40, 0, 2 * M_PI);
	cairo_stroke(cr);
	cairo_destroy(cr);
	cairo_surface_write_to_png_stream(s, to_buf, png);
	cairo_surface_destroy(s);
}

static void doc_free(struct ogi_letter_doc *d)
{
	for (size_t i = 0; i < d->npara; i++)
		free(d->para[i]);
	for (size_t i = 0; i < d->nattach; i++)
		free(d->attach[i]);
	for (size_t i = 0; i < d->npara2; i++)
		free(d->para2[i]);
}

static char *repeat(const char *s, size_t times)
{
	size_t n = strlen(s);
	char *out = malloc(n * times + 1);
	for (size_t i = 0; i < times; i++)
		memcpy(out + i * n, s, n);
	out[n * times] = '\0';
	return out;
}

/* The sample reply. */
static void make_sample(struct ogi_letter_doc *out)
{
	struct ogi_letter_doc d = {.kind = OGI_LETTER_REPLY, .outcome = 0};
	snprintf(d.title, sizeof d.title, "平湛街道办事处政府信息公开申请答复书");
	snprintf(d.ref, sizeof d.ref, "平湛马办依申复〔2024〕3号");
	snprintf(d.addressee, sizeof d.addressee, "张三丰");
	const char *paras[] = {
	    "本机关于2024年3月1日收到您提出的政府信息公开申请，您申请公开「<script>alert(1)"
	    "</script> & 平湛街道2023年道路维修合同」的政府信息。",
	    "经审查，您申请公开的政府信息属于公开范围。根据《中华人民共和国政府信息公开条例》"
	    "第三十六条第（二）项的规定，现将该信息提供给您，请查收。\n（此行在段内换行。）",
	    NULL, /* the long one */
	    "如对本答复不服，可以自收到本答复之日起六十日内向××区人民政府申请行政复议，"
	    "或者在六个月内向××区人民法院提起行政诉讼。",
	    "特此告知。",
	};
	char *long_para = repeat("平湛街道2023年道路维修工程共涉及辖区内主次干道十二条，"
	                         "维修总面积约三万平方米，合同金额以审计结果为准。",
	                         30);
	for (size_t i = 0; i < sizeof paras / sizeof paras[0]; i++) {
		d.para[d.npara] = paras[i] != NULL ? strdup(paras[i]) : long_para;
		d.para_remedy[d.npara] = i == 3;
		d.npara++;
	}
	d.attach[d.nattach++] = strdup("平湛街道2023年道路维修合同（复印件）");
	d.attach[d.nattach++] = strdup("政府信息公开申请登记表 <b>&amp;</b>");
	snprintf(d.signer, sizeof d.signer, "平湛街道办事处");
	d.date = ogi_date_from_ymd(2024, 3, 15);
	snprintf(d.title2, sizeof d.title2, "送达回证");
	const char *form[] = {
	    "送达文书：平湛马办依申复〔2024〕3号 政府信息公开申请答复书",
	    "受送达人：张三丰",
	    "送达地点：",
	    "送达方式：直接送达",
	    "受送达人签名：                日期：    年  月  日",
	    "送达人签名：                  日期：    年  月  日",
	};
	for (size_t i = 0; i < sizeof form / sizeof form[0]; i++)
		d.para2[d.npara2++] = strdup(form[i]);
	*out = d;
}

/* The composer's own documents (lib/letter.h): the reply to 张三's request,
 * answered 公开 on 2024-03-20, and its 送达回证. */
static void happen(struct ogi_event_list *ev, enum ogi_event_type t, ogi_date on,
                   const char *payload)
{
	struct ogi_event e = {.id = (long long)ev->n + 100, .type = t, .on = on};
	e.payload = json_loads(payload, 0, NULL);
	snprintf(e.actor, sizeof e.actor, "李明");
	CHECK(e.payload != NULL && ogi_event_list_push(ev, &e), "event");
}

static void composed(const struct ogi_letter_seal *seal)
{
	struct ogi_body_settings s;
	ogi_body_settings_defaults(&s, "平湛区马岭街道办事处", "平湛区人民政府");
	snprintf(s.letter_prefix, sizeof s.letter_prefix, "平湛马办");
	snprintf(s.court, sizeof s.court, "平湛区人民法院");
	struct ogi_request r = {
	    .id = 7,
	    .channel = OGI_CHANNEL_IN_PERSON,
	    .received_on = ogi_date_from_ymd(2024, 3, 5),
	    .regime = OGI_REGIME_2019,
	    .applicant = {.kind = OGI_APPLICANT_NATURAL_PERSON,
	                  .name = "张三",
	                  .address = "平湛区东风路12号"},
	    .description = "2023年马岭街道老旧小区改造项目的招标文件 <script>alert(1)</script>",
	    .status = OGI_STATUS_CLOSED,
	    .due_on = ogi_date_from_ymd(2024, 4, 2),
	    .outcome = OGI_OUT_DISCLOSED,
	};
	snprintf(r.tracking_no, sizeof r.tracking_no, "MLJD-2024-0007");
	snprintf(r.body_name, sizeof r.body_name, "平湛区马岭街道办事处");
	struct ogi_event_list ev = {0};
	happen(&ev, OGI_EV_REGISTERED, r.received_on, "{}");
	happen(&ev, OGI_EV_REPLIED, ogi_date_from_ymd(2024, 3, 20), "{\"outcome\": \"disclosed\"}");

	struct ogi_letter_doc d = {0}, form = {0};
	CHECK_INT(ogi_letter_compose(OGI_LETTER_REPLY, &r, &ev, &s, NULL, NULL,
	                             ogi_date_from_ymd(2024, 3, 20), &d),
	          OGI_LETTER_OK, "the composed reply");
	if (d.npara > 0) {
		ogi_letter_ref_format(&s, OGI_LETTER_REPLY, 2024, 12, d.ref);
		render("composed-reply", &d, seal);
		ogi_letter_service_form(&d, &r, &s, &form);
		render("composed-service-form", &form, NULL);
		ogi_letter_doc_free(&form);
		ogi_letter_doc_free(&d);
	}
	ogi_event_list_free(&ev);
}

/* Several threads rendering PDFs at once (the daemon's case: a font map per
 * call) each get the bytes one thread alone gets. */
struct job {
	const struct ogi_letter_doc *doc;
	const struct ogi_letter_seal *seal;
	const unsigned char *want;
	size_t want_len;
	int ok; /* renders that gave the same bytes */
};

static void *render_job(void *arg)
{
	struct job *j = arg;
	for (int i = 0; i < 3; i++) {
		unsigned char *pdf = NULL;
		size_t len = 0;
		if (ogi_letter_pdf(j->doc, j->seal, &pdf, &len) == 0 && len == j->want_len &&
		    memcmp(pdf, j->want, len) == 0)
			j->ok++;
		free(pdf);
	}
	return NULL;
}

static void threads(const struct ogi_letter_doc *d, const struct ogi_letter_seal *seal)
{
	unsigned char *want = NULL;
	size_t len = 0;
	CHECK_INT(ogi_letter_pdf(d, seal, &want, &len), 0, "the reference PDF");
	enum { N = 4 };
	pthread_t t[N];
	struct job jobs[N];
	for (int i = 0; i < N; i++) {
		jobs[i] = (struct job){d, seal, want, len, 0};
		CHECK_INT(pthread_create(&t[i], NULL, render_job, &jobs[i]), 0, "thread %d", i);
	}
	for (int i = 0; i < N; i++) {
		pthread_join(t[i], NULL);
		CHECK_INT(jobs[i].ok, 3, "thread %d: the same PDF each time", i);
	}
	free(want);
}

/* Titles broken as GB/T 9704 7.3.1 asks (ogi_letter_title_lines). */
static void title_lines(void)
{
	static const struct {
		const char *title, *body, *want;
	} cases[] = {
	    {"送达回证", "平湛区马岭街道办事处", "送达回证"},
	    /* after the body's name: words whole */
	    {"平湛区马岭街道办事处政府信息公开申请答复书", "平湛区马岭街道办事处",
	     "平湛区马岭街道办事处\n政府信息公开申请答复书"},
	    /* as written when the composer broke it */
	    {"平湛区马岭街道办事处政府\n信息公开申请答复书", "平湛区马岭街道办事处",
	     "平湛区马岭街道办事处政府\n信息公开申请答复书"},
	    /* no name to break after: two lines of 15 */
	    {"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十", "",
	     "一二三四五六七八九十一二三四五\n六七八九十一二三四五六七八九十"},
	    /* no line starts with a closing mark: the break moves past it */
	    {"一二三四五六七八九十一二三四五六七八九十，一二三四五六七八九十一二三四五六七八九",
	     NULL,
	     "一二三四五六七八九十一二三四五六七八九十，\n一二三四五六七八九十一二三四五六七八九"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = ogi_letter_title_lines(cases[i].title, cases[i].body);
		CHECK_STR(got, cases[i].want, "title %zu", i);
		free(got);
	}
}

static void edges(const struct ogi_letter_seal *seal)
{
	/* nothing at all: no title, no paragraphs, no date */
	struct ogi_letter_doc empty = {.outcome = -1, .date = OGI_DATE_NONE};
	render("empty", &empty, NULL);

	/* empty strings everywhere and a seal that is no PNG */
	struct ogi_letter_doc blank = {.outcome = -1, .date = OGI_DATE_NONE, .npara = 3};
	for (size_t i = 0; i < blank.npara; i++)
		blank.para[i] = strdup("");
	blank.attach[blank.nattach++] = strdup("");
	blank.npara2 = 1;
	blank.para2[0] = strdup("");
	const unsigned char junk[] = "\x89PNG\r\n\x1a\n not really";
	struct ogi_letter_seal bad = {junk, sizeof junk};
	render("blank", &blank, &bad);
	CHECK(!ogi_letter_seal_check(junk, sizeof junk), "junk is no seal");
	CHECK(!ogi_letter_seal_check(NULL, 0), "nothing is no seal");
	CHECK(ogi_letter_seal_check(seal->png, seal->len), "the sample's seal");
	/* a PNG cut after its header: the header says 400 × 400, the image is not there */
	CHECK(!ogi_letter_seal_check(seal->png, 60), "a PNG cut short");
	struct ogi_letter_seal cut = {seal->png, 60};
	render("cut-seal", &blank, &cut);
	doc_free(&blank);

	/* 10,000 characters with no place to break, bad UTF-8 and control characters,
	   a title and signer as long as their arrays allow */
	struct ogi_letter_doc un = {.outcome = -1, .date = ogi_date_from_ymd(2024, 12, 31)};
	memset(un.title, 'T', sizeof un.title - 1);
	memset(un.signer, 'S', sizeof un.signer - 1);
	un.para[un.npara++] = repeat("A", 10000);
	un.para[un.npara++] = repeat("中", 10000);
	un.para[un.npara++] = strdup("bad \xff\xfe UTF-8 \xe4\xb8 cut, \xed\xa0\x80 surrogate, "
	                             "\x01\x1b[31m controls \r\n and a tab\there, \xef\xbf\xbe");
	un.para[un.npara++] = repeat("\n", 50);
	render("unbroken", &un, seal);
	doc_free(&un);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
		return 2;
	}
	outdir = argv[1];
	mkdir(outdir, 0755);

	struct ogi_buf png = {0};
	make_seal(&png);
	CHECK(!png.oom && png.len > 8, "seal png");
	struct ogi_letter_seal seal = {(const unsigned char *)png.p, png.len};

	struct ogi_letter_doc d;
	make_sample(&d);
	render("letter", &d, &seal);
	threads(&d, &seal);
	doc_free(&d);
	edges(&seal);
	composed(&seal);
	title_lines();
	ogi_buf_free(&png);
	return check_done("letter_render_sample");
}
