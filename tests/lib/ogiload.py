"""Intake under faults: clients that register applications in a loop, each
with an Idempotency-Key of its own, and retry whatever got no answer (a
refused or broken connection, a timeout, a 503) with the same key until it
gets one, as a careful script would; then the checks that nothing
acknowledged was lost or doubled, that tracking numbers have no gaps and
that the event log is whole.  Python's standard library only."""
import http.client
import json
import threading
import time

from ogitest import psql


def intake_body(body_id, description, received_on="2025-03-03"):
    return {"body_id": body_id, "channel": "in_person", "received_on": received_on,
            "applicant": {"kind": "natural_person", "name": "王五"},
            "description": description, "form": {"medium": "paper", "delivery": "pickup"}}


class IntakeLoad:
    """workers threads registering requests for body_id with a bearer token,
    spread over the daemons listening on ports (a list, read at each attempt,
    so a test may change it)."""

    def __init__(self, ports, token, body_id, tag, workers=3, request_timeout=15, give_up_after=180):
        self.ports = ports
        self.token = token
        self.body_id = body_id
        self.tag = tag
        self.workers = workers
        self.request_timeout = request_timeout
        self.give_up_after = give_up_after
        self.acked = {}  # key -> (id, tracking_no)
        self.errors = []  # (key, what) of answers that are neither 2xx nor a retryable outage
        self.counts = {"attempts": 0, "retries": 0, "503": 0, "no_answer": 0, "replayed": 0}
        self.slowest_answer = 0.0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads = []
        self._rr = 0

    def _count(self, what, n=1):
        with self._lock:
            self.counts[what] = self.counts.get(what, 0) + n

    def acknowledged(self):
        with self._lock:
            return len(self.acked)

    def _port(self):
        with self._lock:
            self._rr += 1
            return self.ports[self._rr % len(self.ports)]

    def _post(self, key, body):
        conn = http.client.HTTPConnection("127.0.0.1", self._port(), timeout=self.request_timeout)
        try:
            conn.request("POST", "/api/v1/requests", body=body,
                         headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json",
                                  "Idempotency-Key": key})
            r = conn.getresponse()
            if r.getheader("Idempotent-Replayed") == "true":
                self._count("replayed")
            return r.status, r.getheader("Content-Type") or "", r.read()
        finally:
            conn.close()

    def register(self, key):
        body = json.dumps(intake_body(self.body_id, f"{self.tag} {key}"), ensure_ascii=False).encode()
        give_up = time.monotonic() + self.give_up_after
        first = True
        while time.monotonic() < give_up:
            if not first:
                self._count("retries")
                time.sleep(0.05)
            first = False
            self._count("attempts")
            started = time.monotonic()
            try:
                status, ctype, data = self._post(key, body)
            except (OSError, http.client.HTTPException):
                self._count("no_answer")  # refused, reset, timed out: ogid is down or was killed
                continue
            with self._lock:
                self.slowest_answer = max(self.slowest_answer, time.monotonic() - started)
            if status == 201:
                r = json.loads(data)
                with self._lock:
                    if key in self.acked and self.acked[key][0] != r["id"]:
                        self.errors.append((key, f"a retry answered request {r['id']}, not {self.acked[key][0]}"))
                    self.acked[key] = (r["id"], r["tracking_no"])
                return True
            if status == 503 and ctype.startswith("application/problem+json"):
                self._count("503")
                try:
                    self._count("503 " + json.loads(data).get("code", "?"))  # by problem code
                except ValueError:
                    self._count("503 not JSON")
                continue
            with self._lock:
                self.errors.append((key, f"HTTP {status}: {data[:200]!r}"))
            return False
        with self._lock:
            self.errors.append((key, f"no answer within {self.give_up_after} s"))
        return False

    def _work(self, n):
        i = 0
        while not self._stop.is_set():
            i += 1
            self.register(f"{self.tag}-{n}-{i}")

    def start(self):
        for n in range(self.workers):
            t = threading.Thread(target=self._work, args=(n,), daemon=True)
            t.start()
            self._threads.append(t)

    def stop(self):
        """Lets every worker finish the key it holds (it retries until answered)."""
        self._stop.set()
        for t in self._threads:
            t.join(self.give_up_after + 30)

    def wait_for(self, more, seconds):
        """Waits until `more` requests more are acknowledged (or seconds pass)."""
        target = self.acknowledged() + more
        deadline = time.monotonic() + seconds
        while self.acknowledged() < target and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.acknowledged() >= target

    def verify(self, dbname):
        """What the database holds against what was acknowledged: a list of
        problems (empty when all is well) and the figures."""
        problems = list(f"{k}: {w}" for k, w in self.errors)
        rows = psql(f"SELECT r.id, r.tracking_no, r.seq, r.description, r.received_on, "
                    f"(SELECT count(*) FROM request_events e WHERE e.request_id = r.id), "
                    f"(SELECT count(*) FROM request_events e WHERE e.request_id = r.id AND e.type = 'registered' "
                    f"   AND e.on_date = r.received_on AND e.payload->>'tracking_no' = r.tracking_no) "
                    f"FROM requests r WHERE r.body_id = {int(self.body_id)} ORDER BY r.seq", dbname)
        found = {}
        seqs = []
        for line in rows.splitlines():
            rid, tracking, seq, description, _received, events, registered = line.split("|")
            seqs.append(int(seq))
            key = description[len(self.tag) + 1:]
            if key in found:
                problems.append(f"{key}: registered twice (requests {found[key][0]} and {rid})")
            found[key] = (int(rid), tracking)
            if (int(events), int(registered)) != (1, 1):
                problems.append(f"request {rid}: {events} events, {registered} matching 'registered' events")
        for key, (rid, tracking) in self.acked.items():
            if key not in found:
                problems.append(f"{key}: acknowledged as request {rid} but not in the database")
            elif found[key] != (rid, tracking):
                problems.append(f"{key}: acknowledged as {rid} {tracking}, stored as {found[key]}")
        for key in found.keys() - self.acked.keys():
            problems.append(f"{key}: in the database but never acknowledged (its client gave up)")
        if seqs != list(range(1, len(seqs) + 1)):
            missing = sorted(set(range(1, max(seqs, default=0) + 1)) - set(seqs))
            problems.append(f"tracking numbers have gaps or duplicates: missing {missing[:10]}")
        last = psql(f"SELECT coalesce(max(last_seq), 0) FROM tracking_counters WHERE body_id = {int(self.body_id)}",
                    dbname)
        if int(last) != len(seqs):
            problems.append(f"the counter says {last} numbers were handed out, {len(seqs)} exist")
        half = psql("SELECT count(*) FROM idempotency_keys WHERE status IS NULL OR request_id IS NULL", dbname)
        if half != "0":
            problems.append(f"{half} idempotency keys claimed without a stored answer")
        figures = dict(self.counts, acknowledged=len(self.acked), found=len(found),
                       slowest_answer_s=round(self.slowest_answer, 3))
        return problems, figures
