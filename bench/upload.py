#!/usr/bin/env python3
"""Attachment uploads under load (issue 14): BENCH_CLIENTS clients (8) upload BENCH_MB (40) MB
files at once, through ogid, while ogid's resident memory is sampled every 20 ms.  Baseline in
the same run, on the same cluster: the same bytes written as 256 KiB bytea rows by as many
psql \\copy processes at once (what PostgreSQL itself takes in).  Prints both throughputs,
their ratio, ogid's peak RSS (VmHWM and the sampled peak) and the check of the target
(peak RSS < 50 MB).  Run: scripts/pgtmp bench/upload.py (after ninja -C build)."""
import hashlib
import http.client
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "lib"))
from attachfiles import pdf  # noqa: E402
from ogitest import Ogid, conninfo, create_database, drop_database, ogictl, psql  # noqa: E402

CLIENTS = int(os.environ.get("BENCH_CLIENTS", "8"))
MB = int(os.environ.get("BENCH_MB", "40"))
CHUNK = 256 * 1024


def rss_kb(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def baseline(db, data):
    """CLIENTS psql \\copy processes at once, each the file as 256 KiB bytea rows."""
    psql("CREATE TABLE bench_chunks (id int, seq int, data bytea)", db)
    files = []
    for i in range(CLIENTS):
        f = tempfile.NamedTemporaryFile("w", suffix=".copy", delete=False)
        for seq in range(0, len(data), CHUNK):
            f.write(f"{i}\t{seq // CHUNK}\t\\\\x{data[seq:seq + CHUNK].hex()}\n")
        f.close()
        files.append(f.name)
    started = time.monotonic()
    procs = [subprocess.Popen(["psql", "-X", "-q", "-d", conninfo(db), "-c",
                               f"\\copy bench_chunks FROM '{name}'"]) for name in files]
    for p in procs:
        assert p.wait() == 0
    took = time.monotonic() - started
    for name in files:
        os.unlink(name)
    rows = psql("SELECT count(*) FROM bench_chunks", db)
    assert int(rows) == CLIENTS * ((len(data) + CHUNK - 1) // CHUNK), rows
    return took


def main():
    db = create_database("benchup")
    ogictl(db, "migrate")
    o = Ogid(db, args=("--max-attachment", str((MB + 1) * 1024 * 1024),
                       "--max-attachments-total", str(4 * CLIENTS * (MB + 1) * 1024 * 1024),
                       "--request-timeout", "600", "--timeout", "600"))
    o.start()
    try:
        admin = o.admin()
        r = admin.post("/api/v1/requests", {
            "body_id": 1, "channel": "in_person", "received_on": "2025-06-02",
            "applicant": {"kind": "natural_person", "name": "测试"}, "description": "上传基准",
            "form": {"medium": "paper", "delivery": "pickup"}})
        rid = r.json["id"]
        data = pdf(MB * 1024 * 1024)
        digest = hashlib.sha256(data).hexdigest()
        pid = o.proc.pid
        idle_kb = rss_kb(pid, "VmRSS")
        # the high-water mark from here on: the first start's and the login's argon2id hashing
        # (64 MiB each, freed at once) is not the uploads' (clear_refs 5 resets VmHWM)
        with open(f"/proc/{pid}/clear_refs", "w") as f:
            f.write("5")
        peak = [0]
        stop = threading.Event()

        def sample():
            while not stop.is_set():
                peak[0] = max(peak[0], rss_kb(pid, "VmRSS"))
                time.sleep(0.02)
        sampler = threading.Thread(target=sample)
        sampler.start()
        results = [None] * CLIENTS

        def upload(i):
            c = http.client.HTTPConnection("127.0.0.1", o.port, timeout=600)
            c.request("POST", f"/api/v1/requests/{rid}/attachments?kind=other&name="
                      + urllib.parse.quote(f"基准{i}.pdf"), body=data,
                      headers={"Content-Type": "application/pdf", "Cookie": f"ogi_session={admin.cookie}",
                               "Origin": f"http://127.0.0.1:{o.port}"})
            resp = c.getresponse()
            results[i] = (resp.status, resp.read())
            c.close()
        threads = [threading.Thread(target=upload, args=(i,)) for i in range(CLIENTS)]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        took = time.monotonic() - started
        stop.set()
        sampler.join()
        hwm_kb = rss_kb(pid, "VmHWM")
        statuses = [s for s, _ in results]
        assert statuses == [201] * CLIENTS, results
        listed = admin.get(f"/api/v1/requests/{rid}/attachments").json["attachments"]
        assert all(a["sha256"] == digest for a in listed) and len(listed) == CLIENTS
        base = baseline(db, data)
        total_mb = CLIENTS * len(data) / 1048576
        print(f"upload: {CLIENTS} clients x {len(data) / 1048576:.0f} MB at once")
        print(f"  ogid:           {took:7.2f} s  {total_mb / took:8.1f} MB/s")
        print(f"  psql \\copy:     {base:7.2f} s  {total_mb / base:8.1f} MB/s  (the same bytes, 256 KiB rows, "
              f"{CLIENTS} at once)")
        print(f"  ratio ogid/psql: {base / took:.2f}")
        print(f"  ogid RSS: idle {idle_kb / 1024:.1f} MB, peak sampled {peak[0] / 1024:.1f} MB, "
              f"VmHWM during the uploads {hwm_kb / 1024:.1f} MB (target < 50 MB: {'met' if hwm_kb < 50 * 1024 else 'NOT met'})")
    finally:
        o.stop()
        drop_database(db)


if __name__ == "__main__":
    main()
