#!/usr/bin/env python3
"""Turns api/error-codes.tsv into the C enum and table (errors.h, errors.c)."""
import sys

src, out_h, out_c = sys.argv[1:4]
rows = []
with open(src, encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 5:
            sys.exit(f"{src}:{n}: want 5 tab-separated fields, got {len(parts)}")
        code, name, status, zh, en = parts
        rows.append((int(code), name, int(status), zh, en))
names = [r[1] for r in rows]
codes = [r[0] for r in rows]
if len(set(names)) != len(names) or len(set(codes)) != len(codes):
    sys.exit(f"{src}: duplicate code or name")

def cstr(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

with open(out_h, "w", encoding="utf-8") as h:
    h.write("/* Generated from api/error-codes.tsv by api/gen-errors.py: do not edit. */\n")
    h.write("#ifndef OGI_ERRORS_H\n#define OGI_ERRORS_H\n\n")
    h.write("enum ogi_error {\n")
    for code, name, *_ in rows:
        h.write(f"\tOGI_E_{name.upper()} = {code},\n")
    h.write("};\n\n")
    h.write("struct ogi_error_info {\n\tenum ogi_error code;\n\tconst char *name;\n"
            "\tint http_status;\n\tconst char *title_zh;\n\tconst char *title_en;\n};\n\n")
    h.write("/* The registry row of an error; never NULL (unknown codes map to internal). */\n")
    h.write("const struct ogi_error_info *ogi_error_info(enum ogi_error code);\n")
    h.write("extern const struct ogi_error_info ogi_error_table[];\n")
    h.write(f"#define OGI_ERROR_COUNT {len(rows)}\n\n#endif\n")

with open(out_c, "w", encoding="utf-8") as c:
    c.write("/* Generated from api/error-codes.tsv by api/gen-errors.py: do not edit. */\n")
    c.write('#include "api/errors.h"\n#include <stddef.h>\n\n')
    c.write("const struct ogi_error_info ogi_error_table[] = {\n")
    for code, name, status, zh, en in rows:
        c.write(f"\t{{OGI_E_{name.upper()}, {cstr(name)}, {status}, {cstr(zh)}, {cstr(en)}}},\n")
    c.write("};\n\n")
    c.write("const struct ogi_error_info *ogi_error_info(enum ogi_error code)\n{\n")
    c.write(f"\tfor (size_t i = 0; i < {len(rows)}; i++)\n")
    c.write("\t\tif (ogi_error_table[i].code == code)\n\t\t\treturn &ogi_error_table[i];\n")
    c.write("\treturn &ogi_error_table[0];\n}\n")
