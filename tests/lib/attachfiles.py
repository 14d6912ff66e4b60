"""Small real files of the types ogi keeps, made with Python's standard library, for the
attachment tests and the benchmark (tests/api/test_attachments.py, bench/upload.py)."""
import io
import struct
import zipfile
import zlib


def png(width=2, height=2, extra=b""):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + (chunk(b"tEXt", b"c\x00" + extra) if extra else b"")
            + chunk(b"IEND", b""))


def pdf(pad=0):
    """A one-page PDF; pad bytes of a comment stream make it as large as wanted."""
    body = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n" \
           b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" \
           b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    if pad:
        body += b"4 0 obj<</Length %d>>stream\n" % pad + bytes((i * 7 + 13) % 251 for i in range(pad)) \
                + b"\nendstream endobj\n"
    return body + b"trailer<</Root 1 0 R>>\n%%EOF\n"


def jpeg():
    return (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
            b"\xff\xdb\x00\x43\x00" + bytes(range(64)) + b"\xff\xd9")


def zip_of(entries):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            z.writestr(name, data)
    return out.getvalue()


def docx():
    return zip_of([("[Content_Types].xml", "<Types/>"), ("_rels/.rels", "<Relationships/>"),
                   ("word/document.xml", "<w:document/>")])


def ofd():
    return zip_of([("OFD.xml", '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>'),
                   ("Doc_0/Document.xml", "<ofd:Document/>")])


def text():
    return "政府信息公开申请补正材料说明\n申请人已补充身份证明。\n".encode("utf-8")
