"""Hostile HTTP: bad request lines, oversized headers, slow clients that
send a byte a second, thousands of idle connections and pipelined garbage
are refused or timed out by the limits ogid is given (--timeout,
--request-timeout, --max-connections, --max-connections-per-address,
--max-header-size), and ogid keeps serving everyone else.

The flood comes from other loopback addresses (127.0.0.2, …): on Linux the
whole of 127/8 is this machine, so the per-address limit can be seen at
work while the well-behaved client speaks from 127.0.0.1."""
import http.client
import re
import resource
import socket
import threading
import time

from ogitest import OgidTestCase, main

IDLE = 3  # --timeout
REQUEST = 4  # --request-timeout
MAX_CONNECTIONS = 100
PER_ADDRESS = 20


def raise_fd_limit(n):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < n:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (n, n))  # root may raise the hard limit
        except (ValueError, OSError):
            pass
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = n if hard == resource.RLIM_INFINITY else min(n, hard)
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


class Hostile(OgidTestCase):
    ogid_args = ("--timeout", str(IDLE), "--request-timeout", str(REQUEST),
                 "--max-connections", str(MAX_CONNECTIONS), "--max-connections-per-address", str(PER_ADDRESS),
                 "--max-header-size", "16384")

    # the figures of the run (issue 19, done when): hostile requests by the status of each
    # answer in them, well-behaved ones, 5xx, connections reset, crashes
    figures = {"statuses": {}, "no answer": 0, "reset": 0, "served": 0, "served not 200": 0}

    @classmethod
    def tearDownClass(cls):
        crashed = cls.ogid.proc.poll() is not None
        super().tearDownClass()
        f = cls.figures
        statuses = ", ".join(f"{k}: {v}" for k, v in sorted(f["statuses"].items()))
        fivexx = sum(v for k, v in f["statuses"].items() if k.startswith("5") and k not in ("503", "505"))
        print(f"hostile: {sum(f['statuses'].values()) + f['no answer']} hostile requests answered ({statuses}), "
              f"{f['no answer']} closed without an answer (not HTTP), {f['reset']} reset; "
              f"{f['served']} well-behaved requests meanwhile, {f['served not 200']} not 200; "
              f"5xx other than 503 and 505: {fivexx}; crashes: {int(crashed)}", flush=True)
        if fivexx or crashed or f["served not 200"]:
            raise AssertionError("a hostile request got a 5xx, ogid crashed or a well-behaved request failed")

    def raw(self, payload, wait=15):
        """Sends payload on a fresh connection; returns what came back until ogid closed it."""
        s = socket.create_connection(("127.0.0.1", self.ogid.port), timeout=wait)
        data = b""
        try:
            s.sendall(payload)
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        except ConnectionResetError:
            self.figures["reset"] += 1
        finally:
            s.close()
        # pipelined answers follow each other's bodies directly
        answers = [m.decode() for m in re.findall(rb"HTTP/1\.1 (\d{3}) ", data)]
        for status in answers:
            self.figures["statuses"][status] = self.figures["statuses"].get(status, 0) + 1
        if not answers:
            self.figures["no answer"] += 1
        return data

    def assertServing(self):
        r = self.ogid.client().get("/healthz")
        self.figures["served"] += 1
        if r.status != 200:
            self.figures["served not 200"] += 1
        self.assertEqual(r.status, 200)
        self.assertIsNone(self.ogid.proc.poll(), "ogid exited")

    def metric(self, name):
        # past the limits ogid answers 503 with Retry-After (issue 19 must-work 3), this
        # request too while the flood holds the room: asked again once room is free
        deadline = time.monotonic() + 30
        while True:
            r = self.ogid.client().get("/metrics")
            if r.status != 503 or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        self.assertEqual(r.status, 200, r)
        text = r.body.decode()
        for line in text.splitlines():
            if line.startswith(name + " "):
                return int(float(line.split()[1]))
        self.fail(f"no metric {name}")

    def test_bad_request_lines_are_refused(self):
        cases = [
            (b"GET /healthz\r\n\r\n", b"HTTP/1.1 400"),  # no version
            (b"GET /\r\n", b"HTTP/1.1 400"),  # HTTP/0.9
            (b"GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n", b"HTTP/1.1 505"),
            (b"GET /healthz HTTP/1.1\r\n\r\n", b"HTTP/1.1 400"),  # HTTP/1.1 without Host
            (b"FROB /healthz HTTP/1.1\r\nHost: x\r\n\r\n", b"HTTP/1.1 405"),
            (b"POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", b"HTTP/1.1 400"),
            (b"POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n", b"HTTP/1.1 400"),
            (b"POST /api/v1/session HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
             b"HTTP/1.1 400"),
            (b"GET /heal\x00thz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", b"HTTP/1.1 400"),
            (b"GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", b"HTTP/1.1 404"),
            (b"GET /api/v1/requests/%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", b"HTTP/1.1 400"),
        ]
        for payload, expected in cases:
            with self.subTest(payload=payload[:40]):
                self.assertTrue(self.raw(payload).startswith(expected), payload)
        # binary garbage is not HTTP at all: no answer, and the connection is closed
        started = time.monotonic()
        self.assertEqual(self.raw(b"\x00\xff\xfe\x16\x03\x01 garbage\r\n\r\n"), b"")
        self.assertLess(time.monotonic() - started, 14, "the connection was left open")
        self.assertServing()

    def test_oversized_headers_and_urls(self):
        big = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20000 + b"\r\n\r\n"
        self.assertTrue(self.raw(big).startswith(b"HTTP/1.1 431"))
        many = b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-H%d: v\r\n" % i for i in range(3000)) + b"\r\n"
        self.assertTrue(self.raw(many).startswith(b"HTTP/1.1 431"))
        url = b"GET /" + b"a" * 20000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"
        self.assertTrue(self.raw(url).startswith(b"HTTP/1.1 414"))
        # a cookie as large as a browser would send is fine
        r = self.ogid.client().get("/healthz", headers={"Cookie": "x=" + "b" * 4000})
        self.assertEqual(r.status, 200)
        self.assertServing()

    def test_pipelined_requests_and_garbage(self):
        one = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
        data = self.raw(one * 3 + b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        self.assertEqual(data.count(b"HTTP/1.1 200"), 4)
        # the valid request is answered; the garbage after it ends the connection
        data = self.raw(one + b"\x01\x02garbage\r\n\r\n" + one)
        self.assertEqual(data.count(b"HTTP/1.1 200"), 1)
        self.assertServing()

    def slow(self, fast, slow, results, key):
        """Sends fast at once, then slow a byte a second; notes when ogid closed the
        connection (None: it did not, before the client finished)."""
        s = socket.create_connection(("127.0.0.1", self.ogid.port), timeout=10)
        started = time.monotonic()
        closed_after = None
        try:
            s.sendall(fast)
            for byte in slow:
                s.send(bytes([byte]))
                s.settimeout(1.0)
                try:
                    if s.recv(4096) == b"":
                        closed_after = time.monotonic() - started
                        break
                except socket.timeout:
                    pass
        except (BrokenPipeError, ConnectionResetError):
            closed_after = time.monotonic() - started
        finally:
            s.close()
        results[key] = closed_after

    def test_slow_clients_are_cut_off_and_others_served(self):
        # the headers take 53 s at this pace, the body 60 s
        head = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: " + b"p" * 20 + b"\r\n\r\n"
        post = b"POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" \
               b"Content-Length: 60\r\n\r\n"
        body = b'{"username":"admin","password":"' + b"x" * 26 + b'"}'
        results = {}
        threads = [threading.Thread(target=self.slow, args=(b"", head, results, "headers")),
                   threading.Thread(target=self.slow, args=(post, body, results, "body"))]
        for t in threads:
            t.start()
        served = 0
        while any(t.is_alive() for t in threads):
            self.assertServing()  # everyone else is served meanwhile
            served += 1
            time.sleep(0.5)
        for t in threads:
            t.join()
        self.assertIsNotNone(results["headers"], "a client sending its headers a byte a second was not cut off")
        self.assertIsNotNone(results["body"], "a client sending its body a byte a second was not cut off")
        self.assertGreaterEqual(results["headers"], REQUEST - 0.5)  # not before its deadline
        self.assertGreater(served, 0)
        self.assertGreaterEqual(self.metric("ogi_http_connections_cut_total"), 2)

    def test_keep_alive_is_not_cut(self):
        """The request deadline counts from the previous answer: a client that keeps its
        connection and asks now and then, for longer than the deadline in all, is served."""
        conn = http.client.HTTPConnection("127.0.0.1", self.ogid.port, timeout=10)
        try:
            for _ in range(REQUEST + 2):
                conn.request("GET", "/healthz")
                r = conn.getresponse()
                r.read()
                self.assertEqual(r.status, 200)
                time.sleep(1)
        finally:
            conn.close()

    def flood(self, addresses, per_address):
        socks = []
        for a in addresses:
            for _ in range(per_address):
                s = socket.socket()
                s.bind((a, 0))
                s.settimeout(10)
                try:
                    s.connect(("127.0.0.1", self.ogid.port))
                except OSError:
                    s.close()
                    continue
                socks.append(s)
        return socks

    def wait_open_at_most(self, n, seconds=60):
        deadline = time.monotonic() + seconds
        seen = None
        while time.monotonic() < deadline:
            seen = self.metric("ogi_http_connections_open")
            if seen <= n:
                return seen
            time.sleep(0.2)
        self.fail(f"{seen} connections still open, expected at most {n}")

    def test_thousands_of_idle_connections(self):
        if raise_fd_limit(8192) < 4000:
            self.skipTest("SKIP: the file-descriptor limit (ulimit -n) is too low for 1500 sockets")
        # 1500 idle connections from one address: ogid keeps PER_ADDRESS of them and serves
        # everyone else at once.  Those past the limit, up to libmicrohttpd's limit half as
        # high again, are accepted to be told 503 (issue 19 must-work 3) and closed after a
        # second without a request; the rest wait in the listen queue.
        socks = self.flood(["127.0.0.2"], 1500)
        try:
            self.assertServing()
            open_now = self.metric("ogi_http_connections_open")
            self.assertLessEqual(open_now, PER_ADDRESS * 3 // 2 + 16 + 2)
            self.wait_open_at_most(PER_ADDRESS + 2)
            # and closes the idle ones after --timeout
            self.wait_open_at_most(1)
        finally:
            for s in socks:
                s.close()
        # 300 from 15 addresses, each within its limit but more than --max-connections in
        # all: ogid holds at most MAX_CONNECTIONS, times them out, and serves the others
        # (who wait in the listen queue meanwhile) as room frees up
        socks = self.flood([f"127.0.1.{i}" for i in range(1, 16)], PER_ADDRESS)
        try:
            peak = self.metric("ogi_http_connections_open")  # answered once room is free
            self.assertLessEqual(peak, MAX_CONNECTIONS * 3 // 2 + 64)
            self.assertServing()
        finally:
            for s in socks:
                s.close()
        self.wait_open_at_most(1)
        self.assertServing()


if __name__ == "__main__":
    main()
