"""No legitimate connection is cut under load (issue 19, must work 3).

At the configured limits: 256 keep-alive clients on raw sockets, all connected at once,
each sending a fixed number of requests (reads of the list and of one request, and
intakes) one after another on its own connection: every answer is 2xx, no connection is
reset, closed early or told Connection: close.  Past the limits (--max-connections, and
--max-connections-per-address): the connections beyond are each answered one clean 503
overloaded with Retry-After and Connection: close, then closed by ogid after the answer
(no reset), while those within keep being served.  Bounded by request counts; no timing
assertion."""
import json
import socket
import threading
import time

from ogitest import Ogid, OgidTestCase, main, ogictl

PW = "a good long password"
CLIENTS = 256
REQUESTS_EACH = 12


class Cut(Exception):
    """The connection was reset or closed before a whole answer arrived."""


class RawClient:
    def __init__(self, port, token):
        self.port, self.token = port, token
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=120)
        self.buf = b""

    def send(self, method, path, body=None):
        head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
        if self.token:
            head += f"Authorization: Bearer {self.token}\r\n"
        data = b""
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode()
            head += f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n"
        try:
            self.sock.sendall(head.encode() + b"\r\n" + data)
        except OSError as e:  # a reset or a broken pipe
            raise Cut(f"send: {e!r}")

    def _more(self):
        try:
            chunk = self.sock.recv(65536)
        except OSError as e:
            raise Cut(f"recv: {e!r}")
        if not chunk:
            raise Cut("closed by ogid before the whole answer")
        self.buf += chunk

    def answer(self):
        """(status, headers, body) of one whole response."""
        while b"\r\n\r\n" not in self.buf:
            self._more()
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {}
        for line in lines[1:]:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip()
        n = int(headers.get("content-length", "0"))
        while len(self.buf) < n:
            self._more()
        body, self.buf = self.buf[:n], self.buf[n:]
        return status, headers, body

    def closed_cleanly(self):
        """After Connection: close: an orderly end of stream, not a reset."""
        try:
            return self.sock.recv(1) == b""
        except OSError:
            return False

    def close(self):
        self.sock.close()


def intake(body_id, i):
    return {"body_id": body_id, "channel": "online", "received_on": "2025-03-03",
            "applicant": {"kind": "legal_service_org", "name": f"负载测试{i}"},
            "description": "负载测试", "form": {"medium": "electronic", "delivery": "online"}}


class Load(OgidTestCase):
    # the limits configured for this many clients from one address (a proxy, or here the test)
    ogid_args = ("--max-connections", "300", "--max-connections-per-address", "300")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.body = int(ogictl(cls.dbname, "body", "add", "负载街道", "--parent", "1").stdout)
        ogictl(cls.dbname, "user", "add", "loadclerk", "--role", "clerk", "--body", str(cls.body),
               "--password-stdin", input=PW + "\n")
        cls.token = ogictl(cls.dbname, "token", "create", "loadclerk").stdout.strip()
        r = cls.ogid.client(token=cls.token).post("/api/v1/requests", intake(cls.body, 0))
        assert r.status == 201, r
        cls.rid = r.json["id"]

    def test_256_keepalive_clients_none_cut(self):
        clients = [RawClient(self.ogid.port, self.token) for _ in range(CLIENTS)]  # all open at once
        start = threading.Barrier(CLIENTS)
        lock = threading.Lock()
        tally = {"answers": 0, "2xx": 0, "other": [], "cut": [], "close": 0}

        def run(i, c):
            start.wait()
            for k in range(REQUESTS_EACH):
                try:
                    kind = (i + k) % 4
                    if kind == 0:
                        c.send("POST", "/api/v1/requests", intake(self.body, i * 100 + k))
                    elif kind == 1:
                        c.send("GET", "/api/v1/requests?limit=5")
                    else:
                        c.send("GET", f"/api/v1/requests/{self.rid}")
                    status, headers, _ = c.answer()
                except Cut as e:
                    with lock:
                        tally["cut"].append(f"client {i} request {k}: {e}")
                    return
                with lock:
                    tally["answers"] += 1
                    if 200 <= status < 300:
                        tally["2xx"] += 1
                    else:
                        tally["other"].append(status)
                    if headers.get("connection", "").lower() == "close":
                        tally["close"] += 1

        threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(600)
        for c in clients:
            c.close()
        print(f"load: {CLIENTS} keep-alive clients, {tally['answers']} answers, {tally['2xx']} 2xx, "
              f"{len(tally['other'])} other, {len(tally['cut'])} cut, {tally['close']} Connection: close")
        self.assertEqual(tally["cut"], [])
        self.assertEqual(tally["other"], [])
        self.assertEqual(tally["close"], 0)
        self.assertEqual(tally["2xx"], CLIENTS * REQUESTS_EACH)
        metrics = self.ogid.client().get("/metrics").body.decode()
        self.assertIn('ogi_http_overloaded_total{why="connections"} 0', metrics)


class PastTheLimits(OgidTestCase):
    ogid_args = ("--max-connections", "24", "--max-connections-per-address", "0")
    within, beyond = 24, 12

    def over_limit(self):
        """within + beyond connections open at once, one request on each, in the order they opened.

        The harness's own connections (its start-up probe, setUpClass) are closed, but ogid
        notices a close asynchronously: the first connection waits until ogid counts only
        itself, so every slot of the limit is free when the others open."""
        first = RawClient(self.ogid.port, None)
        for _ in range(200):
            first.send("GET", "/metrics")
            status, _, body = first.answer()
            self.assertEqual(status, 200)
            if "ogi_http_connections_open 1\n" in body.decode():
                break
            time.sleep(0.05)
        else:
            self.fail("ogid still counts connections the harness closed")
        clients = [first] + [RawClient(self.ogid.port, None)
                             for _ in range(self.within + self.beyond - 1)]
        answers = []
        for c in clients:
            c.send("GET", "/healthz")
            answers.append(c.answer())
        return clients, answers

    def test_beyond_the_limit_a_clean_503(self):
        clients, answers = self.over_limit()
        statuses = [a[0] for a in answers]
        self.assertEqual(statuses.count(200), self.within, statuses)
        self.assertEqual(statuses.count(503), self.beyond, statuses)
        for (status, headers, body), c in zip(answers, clients):
            if status == 503:
                self.assertEqual(headers.get("retry-after"), "1")
                self.assertEqual(headers.get("connection", "").lower(), "close")
                p = json.loads(body)
                self.assertEqual(p["code"], "overloaded")
                self.assertTrue(p["title_zh"] and p["title_en"])
                self.assertTrue(c.closed_cleanly())  # the answer, then an orderly close
        # those within the limit go on being served on the same connections
        for c, (status, _, _) in zip(clients, answers):
            if status == 200:
                c.send("GET", "/healthz")
                self.assertEqual(c.answer()[0], 200)
        for c in clients:
            c.close()
        # and once they are gone, a new connection is served again
        fresh = RawClient(self.ogid.port, None)
        fresh.send("GET", "/healthz")
        self.assertEqual(wait_200(fresh), 200)
        fresh.close()


def wait_200(c):
    """ogid notices the closed connections asynchronously: retry on a fresh socket until served."""
    for _ in range(100):
        status = c.answer()[0]
        if status == 200:
            return status
        c.close()
        c.__init__(c.port, c.token)
        c.send("GET", "/healthz")
    return status


class PastTheAddressLimit(PastTheLimits):
    ogid_args = ("--max-connections", "1000", "--max-connections-per-address", "10")
    within, beyond = 10, 5


if __name__ == "__main__":
    main()
