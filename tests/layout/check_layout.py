#!/usr/bin/env python3
"""The layout of ogi's C code (DESIGN.md §1, docs/architecture.md): who may
include what.  Reads every #include of the tree at ROOT and prints each
violation; exits 1 when there is one.  With --self-test it first plants one
violation of each rule in a copy of a small tree and checks each is caught.

Rules:
  lib-pure      lib/ (but lib/db/, lib/pgcluster/) includes no libpq, no
                libmicrohttpd, nothing of daemon/ or clients/, and writes
                nothing to stderr; a rendering library only in its renderer
  libpq         <libpq-fe.h> only in lib/db/ and lib/pgcluster/; lib/db/pq.h
                (PGresult, raw statements) only in lib/db/
  no-pgresult   PGresult is never named in daemon/ or clients/
  wire          daemon/wire/ includes nothing of lib/db/ (no database)
  route         a route file (daemon/ep/*.c) includes no other file of daemon/ep/ but
                daemon/ep/ep.h (the handlers' declarations for the route table)
  floor         daemon/core/{log,ctx,reply}.[ch] include nothing else of the daemon
  clients       clients/ include nothing of daemon/
  spelled       a quoted include spells its folder from the root and names a file there
  unique        no two headers share a name
  size          no daemon/ file over 400 lines
"""
import os
import re
import shutil
import sys
import tempfile

INCLUDE = re.compile(r'^\s*#\s*include\s+([<"])([^>"]+)[>"]', re.M)
RENDERERS = {  # library header prefix -> the lib/ files that may include it
    'xlsxwriter': {'lib/report_xlsx.c'},
    'cairo': {'lib/letter_pdf.c', 'lib/sheet_pdf.c', 'lib/pdf_text.c', 'lib/pdf_text.h'},
    'pango': {'lib/letter_pdf.c', 'lib/sheet_pdf.c', 'lib/pdf_text.c', 'lib/pdf_text.h'},
    'zip.h': {'lib/letter_docx.c', 'lib/casefile_zip.c', 'lib/xlsx_read.c', 'lib/workbook_xlsx.c'},
    # the register reader's xlsx parts, in this one file
    'expat': {'lib/workbook_xlsx.c'},
    # an attachment's type from its bytes: libmagic reads its database, in this one file
    'magic.h': {'lib/filetype.c'},
    # iCalendar (RFC 5545) both ways: the deadline feeds and the calendar import
    'libical': {'lib/ical_feed.c', 'lib/calendar_import.c'},
    # e-mail over SMTP for the reminders, in this one file
    'curl/': {'lib/smtp.c'},
}
FLOOR = {'daemon/core/log.c', 'daemon/core/log.h', 'daemon/core/ctx.c', 'daemon/core/ctx.h',
         'daemon/core/reply.c', 'daemon/core/reply.h'}
FLOOR_HEADERS = {'daemon/core/log.h', 'daemon/core/ctx.h', 'daemon/core/reply.h'}
SOURCES = ('lib', 'daemon', 'clients', 'tests/unit', 'tests/fuzz', 'bench')
GENERATED = {'api/errors.h'}
MAX_DAEMON_LINES = 400


def c_files(root):
    for top in SOURCES:
        for d, dirs, files in os.walk(os.path.join(root, top)):
            dirs[:] = [x for x in dirs if x not in ('node_modules', 'corpus', 'regressions')]
            for f in files:
                if f.endswith(('.c', '.h')):
                    yield os.path.relpath(os.path.join(d, f), root).replace(os.sep, '/')


def under(path, *folders):
    return any(path.startswith(f.rstrip('/') + '/') for f in folders)


def check(root):
    problems = []
    files = sorted(c_files(root))
    known = set(files) | GENERATED

    def bad(rule, path, what):
        problems.append(f'{rule}: {path}: {what}')

    headers = {}
    for path in files:
        if path.endswith('.h'):
            headers.setdefault(os.path.basename(path), []).append(path)
        text = open(os.path.join(root, path), encoding='utf-8', errors='replace').read()
        in_lib = under(path, 'lib') and not under(path, 'lib/db', 'lib/pgcluster')
        for kind, name in INCLUDE.findall(text):
            if kind == '"':
                if name not in known:
                    bad('spelled', path, f'#include "{name}" names no file from the root')
                    continue
                if in_lib and under(name, 'daemon', 'clients'):
                    bad('lib-pure', path, f'includes "{name}"')
                if name == 'lib/db/pq.h' and not under(path, 'lib/db'):
                    bad('libpq', path, 'includes lib/db/pq.h (private to lib/db)')
                if under(path, 'daemon/wire') and under(name, 'lib/db'):
                    bad('wire', path, f'includes "{name}"')
                if (under(path, 'daemon/ep') and path.endswith('.c') and under(name, 'daemon/ep')
                        and name != 'daemon/ep/ep.h'):
                    bad('route', path, f'includes "{name}" of another route')
                if path in FLOOR and under(name, 'daemon') and name not in FLOOR_HEADERS:
                    bad('floor', path, f'includes "{name}"')
                if under(path, 'clients') and under(name, 'daemon'):
                    bad('clients', path, f'includes "{name}"')
            else:
                if name == 'libpq-fe.h' and not under(path, 'lib/db', 'lib/pgcluster'):
                    bad('libpq', path, 'includes <libpq-fe.h>')
                if in_lib and name == 'microhttpd.h':
                    bad('lib-pure', path, 'includes <microhttpd.h>')
                if in_lib:
                    for prefix, allowed in RENDERERS.items():
                        if name.startswith(prefix) and path not in allowed:
                            bad('lib-pure', path, f'includes <{name}> outside its renderer')
        if in_lib and re.search(r'\bstderr\b', text):
            bad('lib-pure', path, 'writes to stderr')
        if under(path, 'daemon', 'clients') and re.search(r'\bPGresult\b', text):
            bad('no-pgresult', path, 'names PGresult')
        if under(path, 'daemon'):
            lines = text.count('\n')
            if lines > MAX_DAEMON_LINES:
                bad('size', path, f'{lines} lines (at most {MAX_DAEMON_LINES})')
    for name, paths in sorted(headers.items()):
        if len(paths) > 1:
            bad('unique', ', '.join(paths), f'two headers named {name}')
    return problems


def self_test():
    """Plants one violation of each rule and checks each is reported."""
    plants = {
        'lib/bad_pq.c': '#include <libpq-fe.h>\n',
        'lib/bad_mhd.c': '#include <microhttpd.h>\n',
        'lib/bad_daemon.c': '#include "daemon/core/log.h"\n',
        'lib/bad_err.c': 'void f(void) { fputs("x", stderr); }\n',
        'lib/bad_xlsx.c': '#include <xlsxwriter.h>\n',
        'daemon/ep/a_get.c': '#include "daemon/ep/b_get.c"\n',
        'daemon/ep/b_get.c': '\n',
        'daemon/ep/pg.c': 'PGresult *r;\n#include "lib/db/pq.h"\n',
        'daemon/wire/x_json.c': '#include "lib/db/requests.h"\n',
        'daemon/core/log.c': '#include "daemon/core/tx.h"\n',
        'daemon/core/tx.h': '\n',
        'clients/cli/x.c': '#include "daemon/core/ctx.h"\n',
        'clients/cli/y.c': '#include "requests.h"\n',
        'lib/db/requests.h': '\n',
        'lib/calendar.h': '\n',
        'lib/db/calendar.h': '\n',
        'daemon/core/ctx.h': '\n',
        'daemon/core/reply.h': '\n',
        'lib/db/pq.h': '\n',
        'daemon/core/log.h': '\n',
        'daemon/ep/long.c': '\n' * (MAX_DAEMON_LINES + 1),
    }
    expected = {
        ('libpq', 'lib/bad_pq.c'), ('lib-pure', 'lib/bad_mhd.c'), ('lib-pure', 'lib/bad_daemon.c'),
        ('lib-pure', 'lib/bad_err.c'), ('lib-pure', 'lib/bad_xlsx.c'), ('route', 'daemon/ep/a_get.c'),
        ('no-pgresult', 'daemon/ep/pg.c'), ('libpq', 'daemon/ep/pg.c'), ('wire', 'daemon/wire/x_json.c'),
        ('floor', 'daemon/core/log.c'), ('clients', 'clients/cli/x.c'), ('spelled', 'clients/cli/y.c'),
        ('unique', 'lib/calendar.h, lib/db/calendar.h'), ('size', 'daemon/ep/long.c'),
    }
    with tempfile.TemporaryDirectory() as tmp:
        for path, text in plants.items():
            os.makedirs(os.path.dirname(os.path.join(tmp, path)), exist_ok=True)
            with open(os.path.join(tmp, path), 'w') as f:
                f.write(text)
        found = {(p.split(': ')[0], p.split(': ')[1]) for p in check(tmp)}
    missed = expected - found
    extra = {f for f in found if f not in expected}
    for rule, path in sorted(missed):
        print(f'self-test: the planted {rule} violation in {path} was not caught')
    for rule, path in sorted(extra):
        print(f'self-test: unexpected {rule} violation reported for {path}')
    print(f'self-test: {len(expected) - len(missed)} of {len(expected)} planted violations caught')
    return not missed and not extra


def main():
    args = sys.argv[1:]
    ok = True
    if '--self-test' in args:
        args.remove('--self-test')
        ok = self_test()
    root = args[0] if args else os.path.join(os.path.dirname(__file__), '..', '..')
    problems = check(os.path.abspath(root))
    for p in problems:
        print(p)
    print(f'layout: {len(problems)} violations')
    sys.exit(0 if ok and not problems else 1)


if __name__ == '__main__':
    main()
