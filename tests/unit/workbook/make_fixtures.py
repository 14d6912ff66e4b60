#!/usr/bin/env python3
"""Writes the register reader's fixtures (tests/unit/test_workbook.c reads them) into this
folder: files as Excel, WPS and openpyxl write them, and broken ones.  Run it again after a
change here: /usr/bin/python3 tests/unit/workbook/make_fixtures.py (python3-openpyxl).

  openpyxl.xlsx   openpyxl's workbook: shared strings, dates as numbers with a date format,
                  an error, a formula (no cached value), merged header, a hidden sheet
  date1904.xlsx   the 1904 date system (Excel for Mac)
  handmade.xlsx   parts written by hand: rich text runs and a phonetic run, inline strings,
                  cells and rows without r, _x000D_, a prefixed namespace, t="d", a custom
                  date format with quotes and brackets, a very hidden sheet, a chart sheet
  doctype.xlsx    a worksheet declaring a DTD with an entity
  lying.xlsx      a part whose declared size (in both headers) is a lie: 10 bytes
  notxlsx.zip     a zip with no workbook in it
  gbk.csv         a register saved as CSV on a Chinese system (GBK)
"""
import datetime
import os
import struct
import zipfile

import openpyxl
from openpyxl.styles import Alignment

HERE = os.path.dirname(os.path.abspath(__file__))


def out(name):
    return os.path.join(HERE, name)


def openpyxl_book():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = '台账'
    ws['A1'] = '依申请公开登记台账'
    ws.merge_cells('A1:D1')
    ws['A1'].alignment = Alignment(horizontal='center')
    ws.append(['序号', '收到日期', '申请人', '答复类型'])
    ws.append([1, datetime.date(2024, 1, 5), '张三', '予以公开'])
    ws.append([2, datetime.datetime(2024, 3, 1, 14, 30), '李四', '信息不存在'])
    ws['E3'] = '#DIV/0!'
    ws['F3'] = '=A3+A4'
    ws['G3'] = True
    ws['H3'] = 0.1
    h = wb.create_sheet('说明')
    h['A1'] = '隐藏的说明'
    h.sheet_state = 'hidden'
    wb.save(out('openpyxl.xlsx'))


def date1904_book():
    wb = openpyxl.Workbook()
    wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    ws = wb.active
    ws['A1'] = datetime.date(2024, 1, 5)
    wb.save(out('date1904.xlsx'))


CT = ('<?xml version="1.0" encoding="UTF-8"?>'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="xml" ContentType="application/xml"/></Types>')
ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8"?>'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
             'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
RNS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'


def rel(i, kind, target):
    return (f'<Relationship Id="rId{i}" Type="{RNS}/{kind}" Target="{target}"/>')


def handmade_book():
    workbook = (f'<?xml version="1.0" encoding="UTF-8"?>'
                f'<x:workbook xmlns:x="{NS}" xmlns:r="{RNS}"><x:sheets>'
                '<x:sheet name="手写" sheetId="1" r:id="rId1"/>'
                '<x:sheet name="很隐藏" sheetId="2" state="veryHidden" r:id="rId2"/>'
                '<x:sheet name="图表" sheetId="3" r:id="rId3"/>'
                '</x:sheets></x:workbook>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + rel(1, 'worksheet', '/xl/worksheets/a.xml')
            + rel(2, 'worksheet', 'worksheets/../worksheets/b.xml')
            + rel(3, 'chartsheet', 'chartsheets/sheet1.xml')
            + rel(4, 'sharedStrings', 'strings.xml')
            + rel(5, 'styles', 'styles.xml')
            + '<Relationship Id="rId9" Type="x" Target="http://example.com/" TargetMode="External"/>'
            + '</Relationships>')
    strings = (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS}" count="3">'
               '<si><t>纯文本</t></si>'
               '<si><r><rPr><b/></rPr><t>部分</t></r><r><t xml:space="preserve"> 公开</t></r>'
               '<rPh sb="0" eb="1"><t>ぶぶん</t></rPh></si>'
               '<si><t>第一行_x000D_\n第二行_x005F_x0041_</t></si>'
               '</sst>')
    styles = (f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{NS}">'
              '<numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>'
              '<numFmt numFmtId="165" formatCode="[Red]0.00;&quot;day&quot;0"/>'
              '<numFmt numFmtId="166" formatCode="[$-804]General\\d"/></numFmts>'
              '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>'
              '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/>'
              '<xf numFmtId="166"/><xf numFmtId="31"/></cellXfs></styleSheet>')
    sheet_a = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData>'
               '<row r="1"><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="s"><v>2</v></c></row>'
               '<row><c r="A2" t="inlineStr"><is><t>内联</t></is></c>'
               '<c t="inlineStr"><is><r><t>富</t></r><r><t>文本</t></r></is></c>'
               '<c s="1"><v>45296</v></c><c s="2"><v>45296</v></c><c s="3"><v>45296</v></c>'
               '<c s="4"><v>45296.5</v></c></row>'
               '<row r="4"><c r="B4" t="d"><v>2024-02-29T08:00:00</v></c>'
               '<c r="C4" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>'
               '<c r="D4"><f t="shared" si="0"/></c>'
               '<c r="E4" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
               '<c r="F4" t="b"><v>1</v></c><c r="G4" s="99"><v>-3.25</v></c>'
               '<c r="H4" s="7"/></row>'
               '</sheetData><mergeCells count="2"><mergeCell ref="B1:C1"/><mergeCell ref="A2:A3"/>'
               '<mergeCell ref="bogus"/></mergeCells></worksheet>')
    sheet_b = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData>'
               '<row r="2"><c r="C2"><v>1</v></c></row></sheetData></worksheet>')
    with zipfile.ZipFile(out('handmade.xlsx'), 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', CT)
        z.writestr('_rels/.rels', ROOT_RELS)
        z.writestr('xl/workbook.xml', workbook)
        z.writestr('xl/_rels/workbook.xml.rels', rels)
        z.writestr('xl/strings.xml', strings)
        z.writestr('xl/styles.xml', styles)
        z.writestr('xl/worksheets/a.xml', sheet_a)
        z.writestr('xl/worksheets/b.xml', sheet_b)
        z.writestr('xl/chartsheets/sheet1.xml', '<chartsheet/>')


def minimal(path, sheet_xml):
    workbook = (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="{RNS}">'
                '<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + rel(1, 'worksheet', 'worksheets/sheet1.xml') + '</Relationships>')
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', CT)
        z.writestr('xl/workbook.xml', workbook)
        z.writestr('xl/_rels/workbook.xml.rels', rels)
        z.writestr('xl/worksheets/sheet1.xml', sheet_xml)


def doctype_book():
    minimal(out('doctype.xlsx'),
            '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]>'
            f'<worksheet xmlns="{NS}"><sheetData><row r="1"><c t="inlineStr"><is><t>&a;</t></is>'
            '</c></row></sheetData></worksheet>')


def lying_book():
    """A 2 MB worksheet of spaces whose headers say it is 10 bytes."""
    path = out('lying.xlsx')
    body = (f'<worksheet xmlns="{NS}"><sheetData>' + ' ' * (2 << 20)
            + '<row r="1"><c><v>1</v></c></row></sheetData></worksheet>')
    minimal(path, body)
    data = bytearray(open(path, 'rb').read())
    name = b'xl/worksheets/sheet1.xml'
    # the local header: signature, then the uncompressed size at offset 22
    i = 0
    while True:
        i = data.find(b'PK\x03\x04', i)
        if i < 0:
            break
        n, = struct.unpack_from('<H', data, i + 26)
        if data[i + 30:i + 30 + n] == name:
            struct.pack_into('<I', data, i + 22, 10)
        i += 4
    # the central directory: uncompressed size at offset 24
    i = 0
    while True:
        i = data.find(b'PK\x01\x02', i)
        if i < 0:
            break
        n, = struct.unpack_from('<H', data, i + 28)
        if data[i + 46:i + 46 + n] == name:
            struct.pack_into('<I', data, i + 24, 10)
        i += 4
    open(path, 'wb').write(bytes(data))


def not_xlsx():
    with zipfile.ZipFile(out('notxlsx.zip'), 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('word/document.xml', '<document/>')


def gbk_csv():
    text = ('序号,收到日期,申请人,申请内容,答复类型\r\n'
            '1,2024-01-05,张三,"关于某某路拓宽工程的规划许可，及其附件",予以公开\r\n'
            '2,2024/3/1,李四,"他说""不知道""",信息不存在\r\n')
    open(out('gbk.csv'), 'wb').write(text.encode('gbk'))


if __name__ == '__main__':
    openpyxl_book()
    date1904_book()
    handmade_book()
    doctype_book()
    lying_book()
    not_xlsx()
    gbk_csv()
