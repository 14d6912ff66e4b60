#!/usr/bin/env python3
"""The letter renderers read back (issue 13, item 4 "Formats" and item 6).

Runs tests/unit/letter_render_sample.c, which writes a sample reply (答复书) and
three documents that break renderers into OUTDIR (build/test-logs/letters/,
kept for people to look at with the sample's pages as PNG), then checks:
  PDF   pdftotext finds the 文号, the applicant's name and the markup of a
        paragraph as literal text; the long paragraph runs onto a second page
        (pdfinfo), the seal is one image (pdfimages), the page is A4, each page
        carries its number 「— n —」;
  DOCX  python-docx opens it, finds the title, the 文号, the paragraphs, the
        markup as literal text, A4 and the GB/T 9704 margins, the page break
        before the 送达回证, the seal as word/media/seal.png; every XML part parses;
  the composer's reply and 送达回证 render, the title broken after the body's name;
  HTML  the markup escaped (&lt;script&gt;), no <script, no external resource,
        the seal a data: URI, @page A4 with the margins.
The empty, blank, cut-seal and unbroken documents render in each format
without a crash or a loop; a seal that does not decode is left out of all three.

usage: test_letter_render.py SAMPLE_EXE OUTDIR
"""
import os
import re
import subprocess
import sys
import unittest
import xml.etree.ElementTree as ET
import zipfile

try:
    import docx  # python3-docx (Debian)
    from docx.shared import Mm
except ImportError:
    # the Debian package lives in the system Python; a python3 of its own (pyenv) lacks it
    if os.path.exists('/usr/bin/python3') and os.path.realpath(sys.executable) != '/usr/bin/python3' \
            and not os.environ.get('OGI_LETTER_REEXEC'):
        os.environ['OGI_LETTER_REEXEC'] = '1'
        os.execv('/usr/bin/python3', ['/usr/bin/python3'] + sys.argv)
    raise

SAMPLE, OUTDIR = sys.argv[1], sys.argv[2]
REF = '平湛马办依申复〔2024〕3号'
APPLICANT = '张三丰'
MARKUP = '<script>alert(1)</script>'


def out(name):
    return os.path.join(OUTDIR, name)


def pdftext(path):
    return subprocess.run(['pdftotext', '-enc', 'UTF-8', path, '-'], check=True,
                          capture_output=True, text=True).stdout


def pdfinfo(path):
    info = subprocess.run(['pdfinfo', path], check=True, capture_output=True, text=True).stdout
    return dict(line.split(':', 1) for line in info.splitlines() if ':' in line)


def width(s):
    """The width of a line in characters of the grid: ASCII counts half."""
    return sum(0.5 if ord(c) < 0x80 else 1 for c in s)


def read(name):
    with open(out(name), encoding='utf-8') as f:
        return f.read()


def squash(s):
    """Text without the spaces and line breaks a PDF's extraction puts in."""
    return re.sub(r'\s+', '', s)


class Renderers(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.makedirs(OUTDIR, exist_ok=True)
        # in a sanitizer build: the leaks of Debian's cairo and fontconfig (tests/lsan.supp),
        # told apart from ours by the full stack of each allocation (the slow unwinder)
        env = dict(os.environ)
        supp = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..',
                                             'lsan.supp'))
        env['LSAN_OPTIONS'] = ':'.join(filter(None, [env.get('LSAN_OPTIONS'),
                                                     'suppressions=' + supp]))
        env['ASAN_OPTIONS'] = ':'.join(filter(None, [env.get('ASAN_OPTIONS'),
                                                     'fast_unwind_on_malloc=0']))
        run = subprocess.run([SAMPLE, OUTDIR], capture_output=True, text=True, timeout=100,
                             env=env)
        sys.stderr.write(run.stderr)
        if run.returncode != 0:
            raise AssertionError(f'letter_render_sample failed ({run.returncode}): {run.stdout}')
        # the sample's pages as pictures, for people to look at
        subprocess.run(['pdftoppm', '-r', '60', '-png', out('letter.pdf'), out('letter-page')],
                       check=True)

    # -- PDF ---------------------------------------------------------------------------------
    def test_pdf_text(self):
        text = pdftext(out('letter.pdf'))
        flat = squash(text)
        self.assertIn(REF, flat)
        self.assertIn(APPLICANT + '：', flat)
        self.assertIn(squash(MARKUP + ' & 平湛街道'), flat)
        self.assertIn('平湛街道办事处政府信息公开申请答复书', flat)
        self.assertIn('附件：1.平湛街道2023年道路维修合同（复印件）', flat)
        self.assertIn('2.政府信息公开申请登记表<b>&amp;</b>', flat)
        self.assertIn('平湛街道办事处', flat)
        self.assertIn('2024年3月15日', flat)
        self.assertIn('送达回证', flat)
        # the line feed inside a paragraph is a line break, not lost text
        self.assertIn('请查收。\n（此行在段内换行。）', text.replace(' ', ''))

    def test_pdf_pages(self):
        info = pdfinfo(out('letter.pdf'))
        pages = int(info['Pages'])
        self.assertGreaterEqual(pages, 3)  # the letter runs onto a second page, the form a third
        # A4 in points (595.28 x 841.89)
        w, h = [float(x) for x in re.findall(r'[\d.]+', info['Page size'])[:2]]
        self.assertAlmostEqual(w, 595.28, delta=0.5)
        self.assertAlmostEqual(h, 841.89, delta=0.5)
        # each page carries its number, 「— n —」, and the form starts a page of its own
        for n in range(1, pages + 1):
            page = subprocess.run(['pdftotext', '-f', str(n), '-l', str(n), '-enc', 'UTF-8',
                                   out('letter.pdf'), '-'], check=True, capture_output=True,
                                  text=True).stdout
            self.assertIn(f'—{n}—', squash(page), n)
            if n == pages:
                self.assertIn('送达回证', page)
                self.assertNotIn('特此告知', page)

    def test_pdf_lines(self):
        # 28 characters to a line of the body (GB/T 9704 5.2.2): the long paragraph's lines
        text = pdftext(out('letter.pdf'))
        lines = [squash(x) for x in text.splitlines() if '维修' in x]
        widths = [width(x) for x in lines]
        self.assertGreater(len(lines), 40)
        self.assertLessEqual(max(widths), 28, [x for x in lines if width(x) > 28][:3])
        self.assertIn(28, widths)

    def test_pdf_seal(self):
        def images(name):
            listing = subprocess.run(['pdfimages', '-list', out(name)], check=True,
                                     capture_output=True, text=True).stdout.splitlines()[2:]
            # page, num, type (image, or smask: its transparency), width, height
            return [x.split()[:5] for x in listing if x.split()[2] == 'image']
        seal = images('letter.pdf')
        self.assertEqual(len(seal), 1, seal)
        self.assertEqual(seal[0][3:5], ['400', '400'])
        self.assertEqual(images('blank.pdf'), [])  # a seal that is no PNG is left out
        self.assertEqual(images('cut-seal.pdf'), [])  # nor one cut short

    def test_pdf_edges(self):
        for name in ('empty', 'blank', 'cut-seal', 'unbroken'):
            self.assertGreaterEqual(int(pdfinfo(out(name + '.pdf'))['Pages']), 1, name)
        flat = squash(pdftext(out('unbroken.pdf')))
        # 10,000 characters with no space are all there, broken by characters
        self.assertEqual(flat.count('A'), 10000)
        self.assertEqual(flat.count('中'), 10000)
        self.assertTrue('bad\ufffd\ufffdUTF-8\ufffd\ufffdcut' in flat, 'bad UTF-8 replaced')
        self.assertTrue('[31mcontrols' in flat, 'controls dropped')
        self.assertFalse('\x1b' in flat or '\x01' in flat, 'controls dropped')
        self.assertGreater(int(pdfinfo(out('unbroken.pdf'))['Pages']), 20)

    # -- DOCX --------------------------------------------------------------------------------
    def test_docx(self):
        d = docx.Document(out('letter.docx'))
        texts = [p.text for p in d.paragraphs]
        self.assertEqual(texts[0], '平湛街道办事处政府信息公开申请答复书')
        self.assertEqual(texts[1], REF)
        self.assertIn(APPLICANT + '：', texts)
        body = [t for t in texts if MARKUP in t]
        self.assertEqual(len(body), 1, texts)
        self.assertIn(MARKUP + ' & 平湛街道2023年道路维修合同', body[0])
        self.assertIn('特此告知。', texts)
        self.assertIn('附件：1.平湛街道2023年道路维修合同（复印件）', texts)
        self.assertIn('2.政府信息公开申请登记表 <b>&amp;</b>', texts)
        self.assertIn('平湛街道办事处', texts)
        self.assertIn('2024年3月15日', texts)
        self.assertIn('请查收。\n（此行在段内换行。）', '\n'.join(texts))
        long = [t for t in texts if t.startswith('平湛街道2023年道路维修工程')]
        self.assertEqual(len(long), 1)
        self.assertGreater(len(long[0]), 1500)
        # the page of GB/T 9704
        s = d.sections[0]
        self.assertAlmostEqual(s.page_width.mm, 210, delta=0.1)
        self.assertAlmostEqual(s.page_height.mm, 297, delta=0.1)
        for got, want in ((s.top_margin, 37), (s.bottom_margin, 35), (s.left_margin, 28),
                          (s.right_margin, 26)):
            self.assertAlmostEqual(got.mm, want, delta=0.1)
        # the title in 二号 bold, the body in 三号 with a first-line indent of two characters
        title = d.paragraphs[0]
        self.assertEqual(title.style.font.size.pt, 22)
        self.assertTrue(title.style.font.bold)
        self.assertEqual(title.style.paragraph_format.alignment, 1)  # centre
        para = [p for p in d.paragraphs if MARKUP in p.text][0]
        self.assertGreater(para.style.paragraph_format.first_line_indent.pt, 31)
        self.assertEqual(d.styles['Normal'].font.size, None)  # from the defaults: 16 pt
        # the 送达回证 starts a page
        form = [p for p in d.paragraphs if p.text == '送达回证'][0]
        self.assertTrue(form.paragraph_format.page_break_before)
        # fonts named for the East Asian script
        with zipfile.ZipFile(out('letter.docx')) as z:
            styles = z.read('word/styles.xml').decode()
            self.assertIn('w:eastAsia="仿宋_GB2312"', styles)
            self.assertIn('w:eastAsia="方正小标宋简体"', styles)
            self.assertIn('<w:sz w:val="32"/>', styles)

    def test_docx_package(self):
        for name in ('letter', 'empty', 'blank', 'cut-seal', 'unbroken'):
            with zipfile.ZipFile(out(name + '.docx')) as z:
                self.assertIsNone(z.testzip(), name)
                names = z.namelist()
                self.assertEqual(names[0], '[Content_Types].xml', name)
                for part in names:
                    if part.endswith(('.xml', '.rels')):
                        ET.fromstring(z.read(part))  # well-formed
                self.assertEqual('word/media/seal.png' in names, name in ('letter', 'unbroken'),
                                 name)
                if name == 'letter':
                    doc = z.read('word/document.xml').decode()
                    self.assertIn('&lt;script&gt;', doc)
                    self.assertNotIn('<script', doc)
                    self.assertIn('r:embed="rIdSeal"', doc)
            d = docx.Document(out(name + '.docx'))
            self.assertIsNotNone(d.paragraphs, name)
        text = '\n'.join(p.text for p in docx.Document(out('unbroken.docx')).paragraphs)
        self.assertEqual(text.count('A'), 10000)
        self.assertTrue('bad \ufffd\ufffd UTF-8 \ufffd\ufffd cut' in text, 'bad UTF-8 replaced')
        self.assertFalse('\x1b' in text or '\x01' in text, 'controls dropped')

    # -- the composer's documents (lib/letter.h) -------------------------------------------
    def test_composed(self):
        ref = '平湛马办依申复〔2024〕12号'
        flat = squash(pdftext(out('composed-reply.pdf')))
        for want in (ref, '张三：', '<script>alert(1)</script>', '第三十六条第（二）项',
                     '平湛区人民法院', '2024年3月20日'):
            self.assertIn(want, flat)
        # the title broken after the body's name (GB/T 9704 7.3.1: words whole)
        lines = [x.strip() for x in pdftext(out('composed-reply.pdf')).splitlines()]
        self.assertEqual(lines[:3], ['平湛区马岭街道办事处', '政府信息公开申请答复书', ref])
        texts = [p.text for p in docx.Document(out('composed-reply.docx')).paragraphs]
        self.assertEqual(texts[:2], ['平湛区马岭街道办事处\n政府信息公开申请答复书', ref])
        self.assertTrue(any('<script>alert(1)</script>' in t for t in texts))
        html = read('composed-reply.html')
        self.assertIn('<h1>平湛区马岭街道办事处<br>政府信息公开申请答复书</h1>', html)
        self.assertNotIn('<script', html.lower())
        form = squash(pdftext(out('composed-service-form.pdf')))
        self.assertIn('送达回证', form)
        self.assertIn(ref, form)
        self.assertEqual(int(pdfinfo(out('composed-service-form.pdf'))['Pages']), 1)

    # -- HTML --------------------------------------------------------------------------------
    def test_html(self):
        html = read('letter.html')
        self.assertIn('&lt;script&gt;alert(1)&lt;/script&gt; &amp; 平湛街道', html)
        self.assertNotIn('<script', html.lower())
        self.assertIn('&lt;b&gt;&amp;amp;&lt;/b&gt;', html)
        self.assertIn(REF, html)
        self.assertIn(f'<p class="to">{APPLICANT}：</p>', html)
        self.assertIn('请查收。<br>（此行在段内换行。）', html)
        self.assertIn('size: A4; margin: 37mm 26mm 35mm 28mm', html)
        self.assertIn('"FangSong", "STFangsong", "Noto Serif CJK SC", serif', html)
        self.assertIn('"FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", serif', html)
        self.assertRegex(html, r'font-size: 16pt; line-height: 28\.9\dpt')
        self.assertIn('src="data:image/png;base64,iVBORw0KGgo', html)
        self.assertIsNone(re.search(r'(src|href)="(?!data:)', html))
        self.assertNotIn('url(', html)
        self.assertIn('<section class="sheet part2">', html)
        self.assertIn('class="remedy"', html)
        for name in ('empty', 'blank', 'cut-seal', 'unbroken'):
            h = read(name + '.html')
            self.assertTrue(h.startswith('<!DOCTYPE html>'), name)
            self.assertTrue(h.rstrip().endswith('</html>'), name)
            self.assertEqual('data:image' in h, name == 'unbroken', name)
        h = read('unbroken.html')
        self.assertNotIn('\x1b', h)
        self.assertNotIn('\x01', h)
        self.assertIn('\ufffd', h)


if __name__ == '__main__':
    unittest.main(argv=[sys.argv[0], '-v'])
