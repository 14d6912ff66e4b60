"""The soak: mixed traffic against one ogid for a long while, at a steady
rate the machine sustains, to see errors, latency over time and memory.

    python3 bench/soak.py PORT OGID_PID CLERK_TOKEN APPROVER_TOKEN BODY_ID SECONDS RATE

Each of the worker threads (one per 8 requests a second, at least 8) sends its
share of RATE HTTP requests a second on schedule (a read is two requests: the
request and its timeline, and counts as two) (open loop: a slow answer does not
slow the schedule down, it shows as latency of the requests after it).  The mix: intake (8%, with
an Idempotency-Key), events on the worker's own open requests (47%: a note,
a correction asked and received, an extension, a reply that closes it), the
work queue (12%), searches (15%), single requests and their timelines, and
the annual report (5%) when the build has that endpoint.  Every answer that is not the
expected 2xx is an error.  Samples ogid's resident memory every RSS_EVERY
seconds.  Prints per minute the requests, p50/p99 of all, p99 of the writes
(intake, events) and of the reads (queue, search, request and timeline) against
issue 17's targets (writes < 50 ms, reads < 20 ms; the report is shown apart),
and the RSS range; then whether RSS stays flat (the last minute's within
FLAT_MIB of minute 2's, after the warm-up) and under 50 MB, and the errors.
Exits 1 on errors, 2 when a target is missed."""
import http.client
import json
import random
import statistics
import sys
import threading
import time
import urllib.parse

RSS_EVERY = 5  # seconds
FLAT_MIB = 2.0
RSS_LIMIT_MB = 50
WRITE_P99_MS, READ_P99_MS = 50, 20
WRITES, READS = ("intake", "event"), ("queue", "search", "read")


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Soak:
    def __init__(self, port, pid, clerk, approver, body, seconds, rate):
        self.port, self.pid, self.body = port, pid, body
        self.tokens = {"clerk": clerk, "approver": approver}
        self.seconds, self.rate = seconds, rate
        self.lock = threading.Lock()
        self.samples = []  # (minute, kind, seconds)
        self.errors = []
        self.counts = {}
        self.late = 0
        today = time.gmtime(time.time() + 8 * 3600 - 86400)  # yesterday in Asia/Shanghai
        self.day = time.strftime("%Y-%m-%d", today)
        self.year = today.tm_year
        self.report = False
        self.workers = max(8, int(rate / 8 + 0.999))

    def call(self, conn, who, method, path, body=None, headers=None):
        h = {"Authorization": f"Bearer {self.tokens[who]}"}
        data = None
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode()
            h["Content-Type"] = "application/json"
        h.update(headers or {})
        conn.request(method, path, body=data, headers=h)
        r = conn.getresponse()
        payload = r.read()
        return r.status, payload, r.getheader("ETag")

    def timed(self, conn, kind, expect, who, method, path, body=None, headers=None):
        started = time.monotonic()
        try:
            status, payload, etag = self.call(conn, who, method, path, body, headers)
        except (OSError, http.client.HTTPException) as e:
            status, payload, etag = 0, str(e).encode(), None
        took = time.monotonic() - started
        minute = int((time.monotonic() - self.t0) // 60)
        with self.lock:
            self.samples.append((minute, kind, took))
            self.counts[kind] = self.counts.get(kind, 0) + 1
            if status != expect:
                self.errors.append((round(time.monotonic() - self.t0, 1), kind, status, payload[:200]))
        return status, payload, etag

    def step(self, conn, rng, mine, n):
        """One operation; returns the number of HTTP requests it made."""
        # a steady state: requests are closed (five events each) a little faster than they
        # come in, so the open ones — the queue — stay few, as in an office that keeps up
        choice = rng.random()
        if choice < 0.08 or not mine:
            body = {"body_id": self.body, "channel": rng.choice(["in_person", "online", "email", "post_registered"]),
                    "received_on": self.day, "applicant": {"kind": "natural_person", "name": f"申请人{n}"},
                    "description": f"soak {rng.randrange(10**9)} 道路维修资金", "form": {"medium": "paper", "delivery": "pickup"}}
            status, payload, _ = self.timed(conn, "intake", 201, "clerk", "POST", "/api/v1/requests", body,
                                            {"Idempotency-Key": f"soak-{threading.get_ident()}-{n}"})
            if status == 201:
                mine.append({"id": json.loads(payload)["id"], "stage": 0})
        elif choice < 0.55:
            req = rng.choice(mine)
            stage = req["stage"]
            if stage == 0:
                ev = {"type": "note", "on": self.day, "text": "来电询问"}
            elif stage == 1:
                ev = {"type": "correction_requested", "on": self.day, "items": "请写明文件名称"}
            elif stage == 2:
                ev = {"type": "correction_received", "on": self.day}
            elif stage == 3:
                ev = {"type": "extension_approved", "on": self.day, "working_days": 10, "approver": "李主任",
                      "reason": "需调取档案"}
            else:
                ev = {"type": "replied", "on": self.day, "outcome": rng.choice(["disclosed", "partial", "not_held_not_exist"])}
            status, _, _ = self.timed(conn, "event", 201, "approver", "POST", f"/api/v1/requests/{req['id']}/events", ev)
            req["stage"] += 1
            if stage >= 4:
                mine.remove(req)
        elif choice < 0.67:
            self.timed(conn, "queue", 200, "clerk", "GET", "/api/v1/queue")
        elif choice < 0.82:
            q = urllib.parse.quote(rng.choice(["道路", "维修资金", "申请人1", "soak 1"]))
            self.timed(conn, "search", 200, "clerk", "GET", f"/api/v1/requests?q={q}&limit=20")
        elif choice < 0.95 or not self.report:
            req = rng.choice(mine)
            self.timed(conn, "read", 200, "clerk", "GET", f"/api/v1/requests/{req['id']}")
            self.timed(conn, "read", 200, "clerk", "GET", f"/api/v1/requests/{req['id']}/events")
            return 2
        else:
            self.timed(conn, "report", 200, "approver", "GET",
                       f"/api/v1/reports/annual?year={self.year}&body_id={self.body}")
        return 1

    def worker(self, w):
        rng = random.Random(w)
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        interval = self.workers / self.rate
        due = self.t0 + w * interval / self.workers
        mine, n = [], 0
        while True:
            now = time.monotonic()
            if now - self.t0 >= self.seconds:
                break
            if due > now:
                time.sleep(due - now)
            elif now - due > 1.0:
                with self.lock:
                    self.late += 1
            n += 1
            sent = 1
            try:
                sent = self.step(conn, rng, mine, n)
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            due += interval * sent
        conn.close()

    def run(self):
        probe = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        status, payload, _ = self.call(probe, "approver", "GET", f"/api/v1/reports/annual?year={self.year}&body_id={self.body}")
        self.report = status == 200
        probe.close()
        self.t0 = time.monotonic()
        rss = [(0.0, rss_kib(self.pid))]  # (seconds, KiB)
        threads = [threading.Thread(target=self.worker, args=(w,), daemon=True) for w in range(self.workers)]
        for t in threads:
            t.start()
        next_sample = RSS_EVERY
        while any(t.is_alive() for t in threads):
            time.sleep(0.5)
            now = time.monotonic() - self.t0
            if now >= next_sample:
                rss.append((now, rss_kib(self.pid)))
                next_sample += RSS_EVERY
        rss.append((time.monotonic() - self.t0, rss_kib(self.pid)))
        missed = self.print(rss)
        return 1 if self.errors else 2 if missed else 0

    def print(self, rss):
        def p99(lat):
            lat = sorted(lat)
            return lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000 if lat else 0.0

        total = len(self.samples)
        elapsed = time.monotonic() - self.t0
        print(f"soak: {total} requests in {elapsed:.0f} s ({total / elapsed:.1f}/s, asked {self.rate:g}/s), "
              f"{self.workers} workers, report {'included' if self.report else 'not in this build'}")
        print("soak: mix " + ", ".join(f"{k} {v}" for k, v in sorted(self.counts.items())))
        print(f"minute  requests   p50 ms   p99 ms   max ms  writes p99 (< {WRITE_P99_MS})  "
              f"reads p99 (< {READ_P99_MS})  report p99   RSS MiB (min-max)")
        missed = 0
        minutes = sorted({m for m, _, _ in self.samples})
        for m in minutes:
            lat = sorted(s for mm, _, s in self.samples if mm == m)
            w = p99(s for mm, k, s in self.samples if mm == m and k in WRITES)
            r = p99(s for mm, k, s in self.samples if mm == m and k in READS)
            rep = p99(s for mm, k, s in self.samples if mm == m and k == "report")
            ok_w, ok_r = w < WRITE_P99_MS, r < READ_P99_MS
            missed += (not ok_w) + (not ok_r)
            kib = [v for t, v in rss if m * 60 <= t < (m + 1) * 60] or [0]
            print(f"{m + 1:6d}  {len(lat):8d}  {statistics.median(lat) * 1000:7.1f}  {p99(lat):7.1f}  "
                  f"{lat[-1] * 1000:7.1f}  {w:8.1f} {'ok    ' if ok_w else 'MISSED'}  "
                  f"{r:8.1f} {'ok    ' if ok_r else 'MISSED'}  {rep:9.1f}   {min(kib) / 1024:5.1f}-{max(kib) / 1024:5.1f}")
        for kind in sorted(self.counts):
            lat = sorted(s for _, k, s in self.samples if k == kind)
            print(f"soak: {kind:7s} p50 {statistics.median(lat) * 1000:6.1f} ms  p99 {p99(lat):6.1f} ms")
        print(f"soak: ogid RSS sampled every {RSS_EVERY} s: " +
              ", ".join(f"{t / 60:.0f} min {kib / 1024:.1f}" for t, kib in rss if t % 60 < RSS_EVERY or t == rss[-1][0]) + " MiB")
        # flat: the last minute's median against minute 1's (after the warm-up), and the peak
        warm = [v for t, v in rss if 60 <= t < 120] or [rss[min(1, len(rss) - 1)][1]]
        end = [v for t, v in rss if t >= rss[-1][0] - 60] or [rss[-1][1]]
        first, last = statistics.median(warm), statistics.median(end)
        peak = max(v for _, v in rss)
        flat = last - first <= FLAT_MIB * 1024
        under = peak * 1024 < RSS_LIMIT_MB * 1e6
        print(f"soak: RSS in minute 2 (after the warm-up) {first / 1024:.1f} MiB, in the last minute {last / 1024:.1f} MiB "
              f"({(last - first) / 1024:+.1f} MiB), peak {peak / 1024:.1f} MiB")
        print(f"soak: target RSS flat (last minute within {FLAT_MIB:g} MiB of minute 2): {(last - first) / 1024:+.1f} MiB "
              f"{'ok' if flat else 'MISSED'};  RSS < {RSS_LIMIT_MB} MB: {peak * 1024 / 1e6:.1f} MB {'ok' if under else 'MISSED'}")
        print(f"soak: target p99 per minute (writes < {WRITE_P99_MS} ms, reads < {READ_P99_MS} ms): "
              f"{2 * len(minutes) - missed} of {2 * len(minutes)} ok{'' if missed == 0 else f', {missed} MISSED'}")
        print(f"soak: {len(self.errors)} errors; {self.late} requests sent more than 1 s late")
        for e in self.errors[:20]:
            print("soak: error", e)
        return missed + (not flat) + (not under)


if __name__ == "__main__":
    port, pid, clerk, approver, body, seconds, rate = sys.argv[1:8]
    sys.exit(Soak(int(port), int(pid), clerk, approver, int(body), int(seconds), float(rate)).run())
