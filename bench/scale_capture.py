"""The SQL ogid ran for one HTTP request, as a pgbench script.

    python3 bench/scale_capture.py LOG OFFSET OUT [LITERAL VARIABLE MAX]

Reads PostgreSQL's log from byte OFFSET (written with log_statement = all,
log_line_prefix '%m [%p] %a ' and DETAIL lines on), keeps the statements of
the connections named ogid in their order, puts each one's parameters in as
literals, leaves out the settings a pooled connection makes once on its
first use and the token's once-a-minute last use, and writes them to OUT, one statement a line.  With LITERAL, every
occurrence of that quoted literal becomes the pgbench variable :VARIABLE,
drawn at random from 1..MAX each transaction (the request path's id).
Prints how many statements it kept."""
import re
import sys

LINE = re.compile(r"^\S+ \S+ \S+ \[(\d+)\] (\S*) (LOG|DETAIL):  (.*)$")
STMT = re.compile(r"^(?:statement|execute [^:]+): (.*)$")
# what a pooled connection runs once, on its first use (not part of a request)
# and the token's last use, written at most once a minute (every transaction of pgbench
# writing it would make its clients queue on that one row)
CONNECTION_SETUP = ("SET TIME ZONE", "SELECT set_config('role'", "UPDATE api_tokens SET last_used")
PARAM = re.compile(r"\$(\d+) = (NULL|'(?:[^']|'')*')")


def main():
    log, offset, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(log, "rb") as f:
        f.seek(offset)
        text = f.read().decode("utf-8", "replace")
    stmts = []  # [sql, params]
    for line in text.splitlines():
        m = LINE.match(line)
        if not m:
            continue
        _, app, kind, rest = m.groups()
        if app != "ogid":
            continue
        if kind == "LOG":
            s = STMT.match(rest)
            if s and not s.group(1).startswith(CONNECTION_SETUP):
                stmts.append([s.group(1), {}])
        elif kind == "DETAIL" and rest.lower().startswith("parameters:") and stmts:
            stmts[-1][1] = dict(PARAM.findall(rest))
    lines = []
    for sql, params in stmts:
        sql = re.sub(r"\$(\d+)\b", lambda m: params.get(m.group(1), "NULL"), sql)
        lines.append(sql.rstrip(";") + ";")
    body = "\n".join(lines) + "\n"
    head = ""
    if len(sys.argv) > 6:
        literal, var, top = sys.argv[4], sys.argv[5], sys.argv[6]
        body = body.replace("'" + literal + "'", ":" + var)
        head = f"\\set {var} random(1, {top})\n"
    with open(out, "w") as f:
        f.write(head + body)
    print(len(lines))


main()
