"""10 000 submissions from one address (issue 15 item 9): the public channel stays bounded.

One client address sends 10 000 online applications over one keep-alive connection, each with a
freshly solved proof of work, plus, every 500th, one without a proof of work at all. Afterwards:
exactly the hourly limit is stored, every other submission is 429 public_rate_limited with a
Retry-After (within the limit, one without a proof of work is a 400 naming `pow`), never a 5xx; the throttle table
holds one row for the address (and one for each stored identity number) whatever the count; ogid's
resident memory after the flood is within a fixed bound of what it was after a warm-up (not a
timing: a leak of a few hundred bytes a request would pass 2 MiB over 10 000 requests); the staff
list and the queue's band show only the stored applications.

The order of the checks is what keeps it cheap (daemon/ep/public_applications_post.c): the body's
size (413 unread), an address already found over its limit (ogid's memory: 429 at once), the
fields, the proof of work (an HMAC and a SHA-256, no database) — so a request without work never
reaches PostgreSQL — and only then one transaction that spends the challenge, counts the address
(one row, locked and updated in place) and, within the limit, the identity number and stores the
application. Once the database has refused an address, the rest of its flood is refused from
memory: the test sees not one challenge spent by the 10 000. Status lookups (no proof of work)
are refused the same way once over their limit."""
import hashlib
import http.client
import json

from ogitest import OgidTestCase, ogictl, psql, main

BITS = 4
FLOOD = 10_000
LIMIT_HOUR = 5
SOURCE = "127.0.9.9"


def resident_id(seq):
    body = f"110105{1950 + seq // 1000 % 40}0101{seq % 1000:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(body, weights))
    return body + "10X98765432"[total % 11]


def solve(challenge, bits):
    nonce = 0
    while int.from_bytes(hashlib.sha256((challenge + str(nonce)).encode()).digest(), "big") >> (256 - bits):
        nonce += 1
    return nonce


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS")


class KeepAlive:
    """One persistent HTTP/1.1 connection from SOURCE, as an attacker's script would hold."""

    def __init__(self, port):
        self.port = port
        self.source = SOURCE
        self.conn = None
        self.connections = 0

    def request(self, method, path, body=None):
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30,
                                                   source_address=(self.source, 0))
            self.connections += 1
        headers = {"Host": f"127.0.0.1:{self.port}"}
        data = None
        if body is not None:
            data = json.dumps(body, ensure_ascii=False).encode()
            headers["Content-Type"] = "application/json"
        self.conn.request(method, path, body=data, headers=headers)
        r = self.conn.getresponse()
        payload = r.read()
        if r.getheader("Connection", "").lower() == "close":
            self.conn.close()
            self.conn = None
        return r.status, r.getheader("Retry-After"), payload

    def close(self):
        if self.conn:
            self.conn.close()


class PublicFlood(OgidTestCase):
    ogid_env = {"OGI_POW_BITS": str(BITS), "OGI_PUBLIC_LIMIT_HOUR": str(LIMIT_HOUR),
                "OGI_PUBLIC_LIMIT_DAY": "20"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.body = int(ogictl(cls.dbname, "body", "add", "马山街道办事处", "--parent", "1", "--code", "MS").stdout)
        b = cls.admin.get(f"/api/v1/bodies/{cls.body}").json
        r = cls.admin.put(f"/api/v1/bodies/{cls.body}", {"name": b["name"], "accepts_online": True},
                          headers={"If-Match": f'"{b["version"]}"'})
        assert r.status == 200, r
        ogictl(cls.dbname, "user", "add", "clerk", "--role", "clerk", "--body", str(cls.body),
               "--password-stdin", input="a good long password\n")
        cls.clerk = cls.ogid.client()
        cls.clerk.login("clerk", "a good long password")

    def application(self, seq):
        return {"body_id": self.body,
                "applicant": {"kind": "natural_person", "name": f"申请人{seq}", "id_type": "resident_id_card",
                              "id_number": resident_id(seq), "phone": f"139{seq:08d}"},
                "information": {"title": "老旧小区改造招标文件", "description": "2023年本街道老旧小区改造项目的招标文件"},
                "form": {"medium": "electronic", "delivery": "online"}, "declaration": True}

    def test_ten_thousand_from_one_address(self):
        pid = self.ogid.proc.pid
        cl = KeepAlive(self.ogid.port)
        self.addCleanup(cl.close)
        statuses = {}
        fivexx = []

        def submit(seq, with_pow=True):
            app = self.application(seq)
            if with_pow:
                status, _, body = cl.request("GET", "/api/v1/public/challenge")
                self.assertEqual(status, 200, body)
                ch = json.loads(body)
                app["pow"] = {"challenge": ch["challenge"], "nonce": solve(ch["challenge"], ch["bits"])}
            status, retry, body = cl.request("POST", "/api/v1/public/applications", app)
            statuses[status] = statuses.get(status, 0) + 1
            if status >= 500:
                fivexx.append((seq, status, body[:200]))
            return status, retry, body

        # warm-up from another address (its own budget): the threads' connections, the prepared
        # statements, the allocator's arenas are made before the first reading of the memory
        warm = self.ogid.client(source="127.0.9.10")
        for i in range(3):
            ch = warm.get("/api/v1/public/challenge").json
            app = self.application(900_500 + i)
            app["pow"] = {"challenge": ch["challenge"], "nonce": solve(ch["challenge"], ch["bits"])}
            self.assertEqual(warm.post("/api/v1/public/applications", app).status, 201)
        # within the limit, a submission without a proof of work is refused for it (400 naming pow)
        status, _, body = submit(99_999, with_pow=False)
        self.assertEqual(status, 400, body)
        self.assertIn("pow", [e["field"] for e in json.loads(body).get("errors", [])], body)
        statuses.clear()
        for seq in range(200):
            submit(100_000 + seq)
        self.assertEqual(statuses, {201: LIMIT_HOUR, 429: 200 - LIMIT_HOUR}, "the first 5 stored, then 429")
        rss_before = rss_kib(pid)
        rows_before = int(psql("SELECT count(*) FROM public_throttles WHERE scope LIKE 'submit_%'", self.dbname))
        spent_before = int(psql("SELECT count(*) FROM public_challenges_used", self.dbname))

        statuses.clear()
        retry_afters = set()
        for seq in range(FLOOD):
            status, retry, body = submit(seq)
            if status == 429:
                p = json.loads(body)
                self.assertEqual(p["code"], "public_rate_limited", p)
                self.assertTrue(retry and 0 < int(retry) <= 3600, retry)
                retry_afters.add(int(retry) > 0)
            if seq % 500 == 0:  # over the limit, one without a proof of work is refused as early
                status, retry, body = submit(seq, with_pow=False)
                self.assertEqual(status, 429, body)
                self.assertTrue(retry and int(retry) > 0, retry)
        rss_after = rss_kib(pid)
        spent_after = int(psql("SELECT count(*) FROM public_challenges_used", self.dbname))
        print(f"public_flood: {FLOOD} solved + {FLOOD // 500} unsolved submissions from {SOURCE}: {statuses}; "
              f"ogid RSS {rss_before} KiB -> {rss_after} KiB; {cl.connections} connection(s); "
              f"challenges spent by the flood: {spent_after - spent_before}", flush=True)
        no_pow = FLOOD // 500
        self.assertEqual(fivexx, [], "never a 5xx")
        self.assertEqual(statuses, {429: FLOOD + no_pow}, "nothing more stored: the address is over its limit")
        # the address was found over its limit once, by the database; the rest of the flood was
        # refused from ogid's memory before anything else: not one challenge spent, not one
        # transaction's trace
        self.assertEqual(spent_after, spent_before, "the refused flood never reached the database")
        self.assertLessEqual(cl.connections, 3, "keep-alive: one connection (ogid may close one now and then)")

        # stored: the warm-up's 3 and the address's 5, nothing else
        self.assertEqual(psql("SELECT count(*) FROM online_applications", self.dbname), str(3 + LIMIT_HOUR))
        # the throttle rows: one for each address and one for each identity number that got through,
        # not one an attempt
        rows_after = int(psql("SELECT count(*) FROM public_throttles WHERE scope LIKE 'submit_%'", self.dbname))
        self.assertEqual(rows_after, rows_before, "no row added by 10 000 refused attempts")
        self.assertEqual(rows_after, 2 + 3 + LIMIT_HOUR)
        self.assertEqual(psql("SELECT hour_count, day_count FROM public_throttles WHERE scope = 'submit_address' "
                              "ORDER BY hour_count DESC LIMIT 1", self.dbname), f"{LIMIT_HOUR}|{LIMIT_HOUR}",
                         "refused attempts are not counted: the count stays at the limit")
        # memory: bounded, not growing with the requests (a generous fixed bound, no timing)
        self.assertLess(rss_after - rss_before, 16 * 1024, f"RSS {rss_before} KiB → {rss_after} KiB")

        # staff see the stored ones only
        items = self.clerk.get("/api/v1/online-applications?state=pending").json["items"]
        self.assertEqual(len(items), 3 + LIMIT_HOUR)
        self.assertEqual(sorted(i["applicant"]["name"] for i in items),
                         sorted([f"申请人{900_500 + i}" for i in range(3)] +
                                [f"申请人{100_000 + i}" for i in range(LIMIT_HOUR)]))
        queue = self.clerk.get("/api/v1/queue").json
        self.assertEqual(queue["online_pending"]["count"], 3 + LIMIT_HOUR)

    def test_status_lookups_from_one_address(self):
        """Lookups need no proof of work: over the address's limit (30 an hour) each further one
        is 429 with Retry-After, refused from memory, never a 5xx, the count staying at the limit."""
        cl = KeepAlive(self.ogid.port)
        cl.source = "127.0.9.11"
        self.addCleanup(cl.close)
        got = {}
        for i in range(2000):
            status, retry, body = cl.request("POST", "/api/v1/public/status",
                                             {"number": "WS20250101AAAAAA", "code": f"CODE{i:08d}"})
            got[status] = got.get(status, 0) + 1
            if status == 429:
                self.assertEqual(json.loads(body)["code"], "status_throttled")
                self.assertTrue(retry and 0 < int(retry) <= 3600, retry)
        self.assertEqual(got, {404: 30, 429: 1970})
        self.assertEqual(psql("SELECT max(hour_count) FROM public_throttles WHERE scope = 'status_address'",
                              self.dbname), "30")


if __name__ == "__main__":
    main()
