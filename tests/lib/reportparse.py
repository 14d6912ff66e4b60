"""Readers of the annual report's outputs for the tests, as a reader of each
file sees it: the CSV's lines, the HTML tables with their row and column
spans placed on a grid, the Markdown pipe tables, and the XLSX worksheets
(a zip of XML) with their merged ranges.  Each gives table 三 as a list of
(label path, values)."""
import csv
import io
import re
import zipfile
import xml.etree.ElementTree as ET
from html.parser import HTMLParser


def _int(text):
    text = text.replace("⚠", "").strip()
    return int(text) if re.fullmatch(r"-?\d+", text) else None


class _Tables(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables = []
        self.cur = None
        self.cell = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.cur = {"name": a.get("data-table"), "rows": []}
        elif tag == "tr" and self.cur is not None:
            self.cur["rows"].append([])
        elif tag in ("td", "th") and self.cur is not None:
            self.cell = {"tag": tag, "text": "", "rowspan": int(a.get("rowspan", 1)),
                         "colspan": int(a.get("colspan", 1)), "class": a.get("class", "") or "",
                         "key": a.get("data-key"), "col": a.get("data-col")}

    def handle_data(self, data):
        if self.cell is not None:
            self.cell["text"] += data

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.cur["rows"][-1].append(self.cell)
            self.cell = None
        elif tag == "table" and self.cur is not None:
            self.tables.append(self.cur)
            self.cur = None


def place(rows):
    """Puts cells with spans on a grid {(row, col): cell}, as a browser lays them out."""
    grid = {}
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in grid:
                c += 1
            for dr in range(cell["rowspan"]):
                for dc in range(cell["colspan"]):
                    grid[(r + dr, c + dc)] = cell
            c += cell["colspan"]
    return grid


def html_tables(text):
    """{data-table: grid} of every table in the document."""
    p = _Tables()
    p.feed(text)
    return {t["name"]: place(t["rows"]) for t in p.tables}


def grid_rows(grid, first_row, label_cols, value_cols, raw=False):
    """Rows of a grid from first_row: the distinct label cells' texts (left to right) and the
    values' texts (raw: the cells themselves)."""
    out = []
    nrows = max(r for r, _ in grid) + 1
    for r in range(first_row, nrows):
        labels, seen = [], []
        for c in range(label_cols):
            cell = grid.get((r, c))
            if cell is not None and not any(cell is s for s in seen):
                seen.append(cell)
                labels.append(cell["text"] if isinstance(cell, dict) else cell)
        values = []
        for c in range(label_cols, label_cols + value_cols):
            cell = grid.get((r, c))
            values.append(cell if raw else (cell["text"] if isinstance(cell, dict) else cell))
        out.append((labels, values))
    return out


def html_applications(text, legacy=False):
    grid = html_tables(text)["applications"]
    if legacy:
        return [(l, [_int(v) for v in vals]) for l, vals in grid_rows(grid, 1, 1, 1)]
    return [(l, [_int(v) for v in vals]) for l, vals in grid_rows(grid, 3, 3, 7)]


def html_failing_cells(text):
    """(table, data-key, data-col) of every cell marked as failing a check."""
    p = _Tables()
    p.feed(text)
    out = set()
    for t in p.tables:
        for row in t["rows"]:
            for cell in row:
                if "fail" in cell["class"].split():
                    out.add((t["name"], cell["key"], int(cell["col"])))
    return out


def csv_rows(data):
    text = data.decode("utf-8")
    assert text.startswith("\ufeff"), "the CSV starts with a BOM"
    return list(csv.reader(io.StringIO(text[1:])))


def csv_table(data, table, ncols):
    """Lines of one table: (key, label path, values)."""
    out = []
    for row in csv_rows(data):
        if len(row) >= 5 + ncols and row[0] == table and row[1] != "行":
            out.append((row[1], [x for x in row[2:5] if x], [_int(v) if v else None for v in row[5:5 + ncols]]))
    return out


def md_tables(text, heading):
    """The pipe tables under one ## heading, each a list of rows of cells."""
    part = text.split("## " + heading, 1)[1].split("\n## ", 1)[0]
    tables, cur = [], None
    for line in part.splitlines():
        if line.startswith("|"):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            if cur is None:
                cur = {"head": cells, "rows": []}
            elif all(re.fullmatch(r"-+:?", c) for c in cells):
                continue
            else:
                cur["rows"].append(cells)
        elif cur is not None:
            tables.append(cur)
            cur = None
    if cur is not None:
        tables.append(cur)
    return tables


def md_applications(text, heading, nlabels, nvalues):
    """A table's rows with blank label cells read as the merged cell above."""
    t = md_tables(text, heading)[0]
    out, prev = [], [""] * nlabels
    for cells in t["rows"]:
        labels = cells[:nlabels]
        path = []
        inherit = True
        for i, l in enumerate(labels):
            l = l.lstrip("\u3000")
            if l:
                inherit = False
                path.append(l)
            elif inherit and prev[i]:
                path.append(prev[i])
        prev = (path + [""] * nlabels)[:nlabels]
        out.append((path, [_int(v) for v in cells[nlabels:nlabels + nvalues]]))
    return out


_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _ref(ref):
    m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1


def xlsx_sheets(data):
    """{sheet name: {"cells": {(row, col): (type, value)}, "merges": [(r0, c0, r1, c1)]}}."""
    z = zipfile.ZipFile(io.BytesIO(data))
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", _NS):
            shared.append("".join(t.text or "" for t in si.iter("{%s}t" % _NS["m"])))
    rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))}
    out = {}
    for s in ET.fromstring(z.read("xl/workbook.xml")).find("m:sheets", _NS):
        root = ET.fromstring(z.read("xl/" + rels[s.get(_REL)]))
        cells = {}
        for c in root.iter("{%s}c" % _NS["m"]):
            v = c.find("m:v", _NS)
            t = c.get("t", "n")
            if v is None:
                val = None
            elif t == "s":
                val = shared[int(v.text)]
            else:
                val = float(v.text)
            cells[_ref(c.get("r"))] = (t, val)
        merges = []
        for m in root.iter("{%s}mergeCell" % _NS["m"]):
            a, b = m.get("ref").split(":")
            merges.append(_ref(a) + _ref(b))
        out[s.get("name")] = {"cells": cells, "merges": merges}
    return out


def xlsx_grid(sheet):
    """The sheet as a grid where a merged range reads as its top-left cell."""
    grid = {}
    for pos, (t, v) in sheet["cells"].items():
        grid[pos] = {"type": t, "text": v}
    for r0, c0, r1, c1 in sheet["merges"]:
        top = grid.get((r0, c0))
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                grid[(r, c)] = top
    return grid


def xlsx_applications(sheet, legacy=False):
    """Table 三 of its worksheet (the title in row 0, the table from row 2)."""
    grid = xlsx_grid(sheet)
    first, nl, nv = (3, 1, 1) if legacy else (5, 3, 7)
    out = []
    for labels, vals in grid_rows(grid, first, nl, nv, raw=True):
        values = []
        for v in vals:
            assert v is not None and v.get("type") == "n", f"a number stored as a number: {v}"
            values.append(int(v["text"]))
        out.append((labels, values))
    return out
