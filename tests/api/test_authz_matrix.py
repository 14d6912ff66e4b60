"""The authorization matrix (issue 19, what must work 2), generated from the
route table: `ogid --print-routes` lists every route with its method, path,
least role and flags, and the test sends each one from every actor — each
role (auditor, clerk, handler, approver, admin) on its own street office
(the target's body), on another office under the same parent, on the parent
and on a body of another top-level tree, and without credentials — at a
target of the own office: a request and what hangs on it, the office's
settings and report, its users, and the shared resources (the calendar, the
parent's settings, users holding roles in two offices).

What each cell must answer comes from rules, not from a list of cells:
  - a public route (an explicit list, PUBLIC: a route made public by mistake
    fails) answers everyone alike, never 401 or 5xx;
  - without credentials every other route answers 401;
  - below the route's least role (the table's; ROLE_SETS where a handler
    wants exactly some roles) 403, whatever the target;
  - a target of a body outside the caller's subtree 404, as if there were
    none; a user may be managed only by an admin whose subtree holds every
    body the user has a role on (issue 19 item 1), otherwise 404;
  - the calendar is shared: an admin of a top-level body changes it, any
    other 403; everyone signed in reads it;
  - lists (no id in the path) answer 200 and show the own office's item
    only to callers whose subtree holds the office;
  - one's own session, tokens and password: every signed-in caller; another
    user's token only an admin who may manage that user, another's session
    nobody.
A route the rules cannot place (a family of paths not known here, a path
parameter no resolver fills, a JSON route without a body, a collection
without its rule) fails the test by name, so a new route cannot be left out:
give it a line in the table that fits (FAMILIES, RESOLVE, BODIES,
COLLECTIONS, SELF) and the general rules judge it.

Prints the cells by class and the unexpected cells (0)."""
import base64
import collections
import hashlib
import os
import json
import re
import subprocess
import sys
import time

from ogitest import OGID, OgidTestCase, main, ogictl, plausible_2027, psql

ROLES = ["auditor", "clerk", "handler", "approver", "admin"]
RANK = {r: i for i, r in enumerate(ROLES)}
# where the caller holds its role, seen from the target's body S1 (own)
PLACES = ["own", "office", "parent", "tree"]
PW = "a good long password"
TODAY = "2025-06-20"

# The routes anyone may call: every other route wants a session or a token.
PUBLIC = {
    ("GET", "/healthz"), ("GET", "/readyz"), ("GET", "/metrics"), ("GET", "/api/v1/openapi.yaml"),
    ("POST", "/api/v1/session"),
    # the public channel (issue 15): the applicant's, no session
    ("GET", "/api/v1/public/challenge"), ("GET", "/api/v1/public/bodies"),
    ("POST", "/api/v1/public/applications"), ("POST", "/api/v1/public/status"),
    ("POST", "/api/v1/public/letter"), ("POST", "/api/v1/public/correction"),
    ("POST", "/api/v1/public/files"),
    # a calendar feed: the secret token in the path is the credential (issue 16)
    ("GET", "/api/v1/feeds/{token}.ics"),
}
# Handlers that want exactly some roles rather than a least one (lib/audit_log.c: the audit log
# is read by auditors and admins).
ROLE_SETS = {("GET", "/api/v1/audit"): {"auditor", "admin"}}

# Paths by family: the first pattern that matches a route's path names its rule.
FAMILIES = [
    (r"^/api/v1/(session|sessions|tokens|feeds)(/|$)", "self"),
    (r"^/api/v1/(calendar|workdays)/", "calendar"),
    (r"^/api/v1/users/\{id\}", "user"),
    (r"^/api/v1/throttles/\{id\}$", "throttle"),
    (r"^/api/v1/reminders/\{id\}/", "reminder"),
    (r"^/api/v1/requests/\{id\}", "body"),
    (r"^/api/v1/online-applications/\{id\}", "body"),
    (r"^/api/v1/online-corrections/\{id\}", "body"),
    (r"^/api/v1/bodies/\{id\}", "body"),
    (r"^/api/v1/reports/annual/\{year\}/\{body_id\}", "body"),
    (r"^/api/v1/register-imports/\{id\}", "body"),
    (r"^/api/v1/[a-z.-]+(/[a-z.-]+)?$", "collection"),
]

def png(width, height):
    """A plain RGBA PNG (a seal the office uploads)."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + b"\xcc\x00\x00\xff" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


TINY_PNG = png(40, 40)


MATRIX_ID = "11010519491231002X"
# a register of the own office (issue 20) as an office keeps it, saved as CSV
REGISTER_CSV = ("序号,收到日期,申请人,申请内容\r\n"
                "1,2025-03-04,矩阵台账申请人,矩阵台账导入的申请\r\n").encode("gbk")


def intake(body_id, description="矩阵测试的申请"):
    return {"body_id": body_id, "channel": "in_person", "received_on": "2025-06-02",
            "applicant": {"kind": "natural_person", "name": "矩阵证件人", "id_type": "resident_id_card",
                          "id_number": MATRIX_ID}, "description": description,
            "form": {"medium": "paper", "delivery": "pickup"}}


# A valid body for each route that takes one, by "METHOD pattern" ({S1} is the target's body).
BODIES = {
    "POST /api/v1/online-applications/{id}/decline": {"reason": "矩阵测试：重复提交"},
    "POST /api/v1/online-corrections/{id}/confirm": {},
    "POST /api/v1/online-corrections/{id}/reject": {"reason": "矩阵测试：未写明年份"},
    "PATCH /api/v1/requests/{id}": {"reason": "矩阵测试的更正", "description": "矩阵更正后的申请内容MATRIXMARK"},
    "POST /api/v1/requests/{id}/events": {"type": "note", "on": "2025-06-03", "text": "矩阵"},
    "POST /api/v1/requests/{id}/reconsiderations": {"filed_on": "2025-06-10", "authority": "某区人民政府"},
    "PATCH /api/v1/requests/{id}/reconsiderations/{reconsideration_id}": {"case_no": "某复字〔2025〕1号"},
    "POST /api/v1/requests/{id}/litigations": {"filed_on": "2025-06-10", "court": "某区人民法院", "route": "direct"},
    "PATCH /api/v1/requests/{id}/litigations/{litigation_id}": {"case_no": "(2025)某0102行初1号"},
    "POST /api/v1/requests/{id}/litigations/{litigation_id}/instances":
        {"instance": "second", "filed_on": "2025-06-15", "court": "某市中级人民法院"},
    "PATCH /api/v1/requests/{id}/litigations/{litigation_id}/instances/{seq}": {"case_no": "(2025)某0102行初2号"},
    "POST /api/v1/requests/{id}/letters": {"kind": "receipt"},
    "PATCH /api/v1/requests/{id}/letters/{letter_id}": {"addressee": "赵六先生"},
    "POST /api/v1/requests/{id}/letters/{letter_id}/void": {"reason": "矩阵测试作废"},
    "POST /api/v1/requests/{id}/attachments/{attachment_id}/void": {"reason": "矩阵测试作废"},
    "POST /api/v1/requests/{id}/letters/{letter_id}/deliveries": {"method": "post", "sent_on": TODAY},
    "PATCH /api/v1/requests/{id}/letters/{letter_id}/deliveries/{delivery_id}": {"served_on": TODAY,
                                                                                  "signed_by": "赵六"},
    "PUT /api/v1/bodies/{id}": {"name": "矩阵机关", "letter_prefix": "矩阵", "address": "矩阵路1号"},
    "PUT /api/v1/bodies/{id}/letter-templates": {"{TEMPLATE}": "特此告知。"},
    "PATCH /api/v1/users/{id}": {"display_name": "矩阵用户"},
    "POST /api/v1/users/{id}/roles": {"body_id": "{S1}", "role": "auditor"},
    "PUT /api/v1/reports/annual/{year}/{body_id}/inputs": {"text": {"overview": "矩阵测试。"}},
    "PUT /api/v1/calendar/days/{date}": {"kind": "rule"},
    "POST /api/v1/tokens": {"label": "矩阵"},
    "POST /api/v1/feeds": {"label": "矩阵"},
    "PATCH /api/v1/session/profile": {"display_name": "矩阵本人"},
    "PUT /api/v1/bodies/{id}/units": {"units": ["矩阵科"]},
    "POST /api/v1/requests/{id}/supervisions": {"note": "矩阵督办", "report_by": TODAY},
    "POST /api/v1/requests/{id}/supervisions/{supervision_id}/answer": {"answer": "矩阵报告"},
    "POST /api/v1/register-imports/{id}/check": {},
    "POST /api/v1/register-imports/{id}/run": {},
}
# Routes an admin of a body strictly above the target's body calls (督办): the target's own
# admin answers 403 (supervision_not_parent).
PARENT_ONLY = {("POST", "/api/v1/requests/{id}/supervisions")}
# Routes only the staff of the target's own body call (the 督办 report): staff of a body above,
# who read the request, answer 403 (supervision_not_own_body).
OWN_ONLY = {("POST", "/api/v1/requests/{id}/supervisions/{supervision_id}/answer")}
# Raw bodies by "METHOD pattern": (media type, bytes).
RAW = {
    "POST /api/v1/requests/{id}/attachments": ("text/plain", "矩阵测试的材料\n".encode()),
    "PUT /api/v1/bodies/{id}/seal": ("image/png", TINY_PNG),
    "POST /api/v1/calendar/import": ("application/json",
                                     json.dumps(plausible_2027(), ensure_ascii=False).encode()),
    "POST /api/v1/reports/annual/{year}/{body_id}/lock": ("application/json", b"{}"),
    "POST /api/v1/bodies/{id}/register-imports": ("text/csv", REGISTER_CSV),
}
# Query strings a route needs besides its path ({S1}: the target's body).
QUERIES = {
    "POST /api/v1/requests/{id}/attachments": "?kind=other&name=matrix.txt",
    "DELETE /api/v1/users/{id}/roles": "?body_id={S1}&role=clerk",
    "POST /api/v1/bodies/{id}/register-imports": "?name=matrix.csv",
}


class Matrix(OgidTestCase):
    ogid_env = {"OGI_TODAY": TODAY, "OGI_POW_BITS": "4"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        out = subprocess.run([OGID, "--print-routes"], capture_output=True, text=True, check=True).stdout
        cls.routes = json.loads(out)
        db = cls.dbname
        cls.P = 1  # the first start's body: a top-level one
        cls.S1 = int(ogictl(db, "body", "add", "矩阵本街道", "--parent", "1", "--code", "MS1").stdout)
        cls.S2 = int(ogictl(db, "body", "add", "矩阵邻街道", "--parent", "1", "--code", "MS2").stdout)
        cls.T = int(ogictl(db, "body", "add", "矩阵他区", "--code", "MT").stdout)
        cls.place_body = {"own": cls.S1, "office": cls.S2, "parent": cls.P, "tree": cls.T}
        cls.subtree = {cls.P: {cls.P, cls.S1, cls.S2}, cls.S1: {cls.S1}, cls.S2: {cls.S2}, cls.T: {cls.T}}
        cls.top_level = {cls.P, cls.T}
        cls.users_made = 0
        cls.imports_made = 0
        cls.user_pool = {}
        cls.lock_year = 2040
        # the victim: a clerk of the own office, with a token, a session and a login throttle
        cls.victim = cls.make_user("matrixvictim", [(cls.S1, "clerk")])
        psql(f"INSERT INTO reminder_digests (user_id, day, email, status, attempts, last_error) "
             f"VALUES ({cls.victim}, '2025-06-02', 'matrixvictim@example.org', 'failed', 12, "
             f"'451 try again later')", cls.dbname)
        cls.tokens = {}
        for place, body in cls.place_body.items():
            for role in ROLES:
                name = f"m_{role}_{place}"
                cls.fresh_user([(body, role)], name=name)
                cls.tokens[(role, place)] = ogictl(db, "token", "create", name).stdout.strip()
        cls.shared_users = {}
        vc = cls.ogid.client()
        vc.login("matrixvictim", PW)
        cls.victim_cookie = vc
        r = vc.post("/api/v1/tokens", {"label": "matrixvictim-token"})
        assert r.status == 201, r
        cls.victim_token_id = r.json["id"]
        cls.victim_session_id = next(s["id"] for s in vc.get("/api/v1/sessions").json["sessions"] if s["current"])
        r = cls.ogid.client(source="127.2.0.1").post("/api/v1/session",
                                                     {"username": "matrixvictim", "password": "a wrong password"})
        assert r.status == 401, r
        # what reads use: a request of the own office with a letter issued and served, a
        # reconsideration and a suit
        # a seal on the office and on the parent (what GET …/seal reads), and a template key
        for b in (cls.S1, cls.P):
            r = cls.admin.get(f"/api/v1/bodies/{b}")
            cls.ok(cls.admin.request("PUT", f"/api/v1/bodies/{b}/seal", raw=TINY_PNG,
                                     headers={"Content-Type": "image/png", "If-Match": r.header("ETag")}))
        keys = cls.admin.get(f"/api/v1/bodies/{cls.S1}/letter-templates").json["keys"]
        cls.template_key = keys[0]["key"] if isinstance(keys[0], dict) else keys[0]
        cls.shared_chains = {}
        cls.shared = cls.chain(False, {"letter_id", "issued", "delivery_id"})
        cls.online_correction()  # one pending online 补正 for the list's cells
        cls.online_application()  # one pending online application for the list's cells

    # ---- fixtures, made by the first administrator (admin of P, so of the own office too) ----

    online_pending = None
    online_made = 0

    @classmethod
    def online_application(cls):
        """A pending online application to the own office (the public channel, a proof of work
        of OGI_POW_BITS bits); its staff id."""
        import hashlib
        cls.online_made += 1
        b = cls.admin.get(f"/api/v1/bodies/{cls.S1}")
        if not b.json.get("accepts_online"):  # a PUT cell of the matrix may have reset it
            cls.ok(cls.admin.put(f"/api/v1/bodies/{cls.S1}", {"name": b.json["name"], "accepts_online": True},
                                 headers={"If-Match": b.header("ETag")}))
        body17 = f"11010519900101{cls.online_made % 1000:03d}"
        weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        id_number = body17 + "10X98765432"[sum(int(d) * w for d, w in zip(body17, weights)) % 11]
        pub = cls.ogid.client(source=f"127.3.{cls.online_made // 250}.{cls.online_made % 250 + 2}")
        ch = cls.ok(pub.get("/api/v1/public/challenge")).json
        nonce = 0
        while int.from_bytes(hashlib.sha256((ch["challenge"] + str(nonce)).encode()).digest(), "big") \
                >> (256 - ch["bits"]) != 0:
            nonce += 1
        app = {"body_id": cls.S1, "applicant": {"kind": "natural_person", "name": "矩阵网上申请人",
                                                "id_type": "resident_id_card", "id_number": id_number,
                                                "phone": f"139{cls.online_made:08d}"},
               "information": {"description": f"矩阵测试的网上申请{cls.online_made}"},
               "form": {"medium": "electronic", "delivery": "online"}, "declaration": True,
               "pow": {"challenge": ch["challenge"], "nonce": nonce}}
        cls.last_online = cls.ok(pub.post("/api/v1/public/applications", app)).json
        cls.last_online_client = pub
        items = cls.ok(cls.admin.get("/api/v1/online-applications")).json["items"]
        return max(i["id"] for i in items)

    online_correction_pending = None
    register_import = None

    @classmethod
    def online_correction(cls):
        """A pending online 补正 on a request of the own office (an online application confirmed,
        a correction asked, the applicant's answer); its staff id."""
        oid = cls.online_application()
        number, code, pub = cls.last_online["number"], cls.last_online["code"], cls.last_online_client
        req = cls.ok(cls.admin.post(f"/api/v1/online-applications/{oid}/confirm")).json
        cls.ok(cls.admin.post(f"/api/v1/requests/{req['id']}/events",
                              {"type": "correction_requested", "on": req["received_on"],
                               "items": "请写明文件的年份"}))
        return cls.ok(pub.post("/api/v1/public/correction",
                               {"number": number, "code": code, "text": "矩阵网上补正：2023年"})).json["id"]

    @classmethod
    def make_user(cls, name, grants):
        cls.users_made += 1
        r = cls.admin.post("/api/v1/users", {"username": name, "password": PW,
                                             "roles": [{"body_id": b, "role": role} for b, role in grants]})
        assert r.status == 201, r
        return r.json["id"]

    @classmethod
    def fresh_user(cls, grants, tag="", name=None):
        """A user holding grants [(body, role)], its password the victim's (its hash copied: the
        matrix makes a few hundred users, and hashing each anew would be most of its time).
        Made twenty at a time per kind of grants, in one statement (each psql costs too)."""
        key = tuple(grants)
        pool = cls.user_pool.setdefault(key, [])
        if name is None and pool:
            return pool.pop()
        n = 1 if name else 20
        cls.users_made += n
        prefix = name or f"mu{cls.users_made}{tag}x"
        values = ", ".join(f"({int(b)}, '{role}')" for b, role in grants)
        names = "ARRAY[" + (f"'{name}'" if name else f"'{prefix}' || g") + "]"
        rows = psql(f"WITH u AS (INSERT INTO users (username, password_hash) "
                    f"SELECT n, (SELECT password_hash FROM users WHERE username = 'matrixvictim') "
                    f"FROM generate_series(1, {n}) g, unnest({names}) n RETURNING id, username), "
                    f"r AS (INSERT INTO user_roles (user_id, body_id, role) SELECT u.id, g.b, g.r FROM u, "
                    f"(VALUES {values}) AS g(b, r)) SELECT id || ' ' || username FROM u", cls.dbname)
        made = [(int(line.split()[0]), line.split()[1]) for line in rows.splitlines()]
        if name:
            return made[0]
        pool.extend(made)
        return pool.pop()

    @classmethod
    def ok(cls, r, *statuses):
        assert r.status in (statuses or (200, 201, 204)), r
        return r

    @classmethod
    def chain(cls, write, need=()):
        """A request of S1 and what the path may name on it."""
        a = cls.admin
        need = frozenset(need)
        if not write and need in cls.shared_chains:
            return cls.shared_chains[need]
        ch = {}
        ch["rid"] = cls.ok(a.post("/api/v1/requests", intake(cls.S1, "矩阵标记MATRIXMARK"))).json["id"]
        rid = ch["rid"]
        if "letter_id" in need:
            ch["letter_id"] = cls.ok(a.post(f"/api/v1/requests/{rid}/letters", {"kind": "receipt"})).json["id"]
            if "issued" in need or "delivery_id" in need or not write:
                cls.ok(a.post(f"/api/v1/requests/{rid}/letters/{ch['letter_id']}/issue"))
            if "delivery_id" in need:
                r = cls.ok(a.post(f"/api/v1/requests/{rid}/letters/{ch['letter_id']}/deliveries",
                                  {"method": "post", "sent_on": TODAY}))
                ch["delivery_id"] = r.json["id"]
                ch["etag"] = f'"{r.json["version"]}"'
        if "attachment_id" in need:
            r = cls.ok(a.request("POST", f"/api/v1/requests/{rid}/attachments?kind=other&name=matrix.txt",
                                 raw="矩阵测试的材料\n".encode(), headers={"Content-Type": "text/plain"}))
            ch["attachment_id"] = r.json["id"]
        if "supervision_id" in need:
            r = cls.ok(a.post(f"/api/v1/requests/{rid}/supervisions", {"note": "矩阵督办", "report_by": TODAY}))
            ch["supervision_id"] = r.json["supervision"]["id"] if r.json.get("supervision") else \
                int(psql(f"SELECT max(id) FROM supervisions WHERE request_id = {rid}", cls.dbname))
        if "reconsideration_id" in need:
            r = cls.ok(a.post(f"/api/v1/requests/{rid}/reconsiderations",
                              {"filed_on": "2025-06-10", "authority": "某区人民政府"}))
            ch["reconsideration_id"] = r.json["id"]
        elif "litigation_id" in need:  # a direct suit waits for no reconsideration of the request
            r = cls.ok(a.post(f"/api/v1/requests/{rid}/litigations",
                              {"filed_on": "2025-06-10", "court": "某区人民法院", "route": "direct",
                               "decided_on": "2025-06-15", "judgment": "驳回诉讼请求"}))
            ch["litigation_id"] = r.json["id"]
            ch["seq"] = 1
        if not write:
            cls.shared_chains[need] = ch
        return ch

    # ---- the rules ----

    def family(self, route):
        if "public" in route["flags"]:
            return "public"
        for pattern, fam in FAMILIES:
            if re.search(pattern, route["path"]):
                return fam
        return None

    def role_ok(self, route, role):
        key = (route["method"], route["path"])
        if key in ROLE_SETS:
            return role in ROLE_SETS[key]
        return "any_role" in route["flags"] or RANK[role] >= RANK[route["role"]]

    def holds(self, place, bodies):
        """Whether the caller's subtree holds every body of the target."""
        return set(bodies) <= self.subtree[self.place_body[place]]

    def expect(self, route, fam, actor, target):
        """The class a cell must answer: allowed, 401, 403 or 404."""
        if actor is None:
            return "401"
        role, place = actor
        if fam == "self":
            if target["owner"] == "self":
                return "allowed"
            manageable = role == "admin" and self.holds(place, target["bodies"])
            return "allowed" if manageable and target.get("admin_may") else "404"
        if not self.role_ok(route, role):
            return "403"
        if (route["method"], route["path"]) in PARENT_ONLY and self.holds(place, target["bodies"]) \
                and self.place_body[place] in target["bodies"]:
            return "403"
        if (route["method"], route["path"]) in OWN_ONLY and self.holds(place, target["bodies"]) \
                and self.place_body[place] not in target["bodies"]:
            return "403"
        if fam == "calendar":
            if route["method"] == "GET":
                return "allowed"
            return "allowed" if self.place_body[place] in self.top_level else "403"
        if fam == "list":
            return "listed" if self.holds(place, target["bodies"]) else "hidden"
        # a login throttle, a user's e-mail digest: any admin of a body where its user works
        if fam in ("throttle", "reminder"):
            return "allowed" if any(self.holds(place, [b]) for b in target["bodies"]) else "404"
        return "allowed" if self.holds(place, target["bodies"]) else "404"

    # ---- the targets and the requests of each cell ----

    def params(self, path):
        return re.findall(r"\{([a-z_]+)\}", path)

    def resolve(self, route, fam, target_body, write):
        """(path with its parameters filled, bodies the target belongs to, headers) for a cell,
        making a fresh target for a write; None with a reason when no rule fills the path."""
        path = route["path"]
        key = f"{route['method']} {path}"
        names = self.params(path)
        values = {}
        headers = {}
        bodies = [target_body]
        if path.startswith("/api/v1/requests/{id}"):
            need = set(names)
            if re.search(r"/letters/\{letter_id\}/(void|deliveries|issue$)", path) and not path.endswith("/issue"):
                need.add("issued")
            ch = self.chain(write, need)
            if "etag" in ch and route["method"] != "GET":  # a resource with no GET of its own
                headers["If-Match"] = ch["etag"]
            values["id"] = ch["rid"]
            for n in names[1:]:
                if n not in ch:
                    return None, f"no resolver for {{{n}}}"
                values[n] = ch[n]
        elif path.startswith("/api/v1/online-applications/{id}/files/{file_id}"):
            # a pending application of its own with the applicant's ID copy
            values["id"] = self.online_application()
            number, code = self.last_online["number"], self.last_online["code"]
            self.ok(self.last_online_client.request(
                "POST", f"/api/v1/public/files?number={number}&name=id.png", raw=TINY_PNG,
                headers={"Content-Type": "image/png", "X-Query-Code": code}))
            values["file_id"] = int(psql(f"SELECT max(id) FROM online_files WHERE online_id = {values['id']}",
                                         self.dbname))
        elif path.startswith("/api/v1/online-applications/{id}"):
            if write or self.online_pending is None:
                self.online_pending = self.online_application()
            values["id"] = self.online_pending
            if write:
                self.online_pending = None
        elif path.startswith("/api/v1/online-corrections/{id}"):
            if write or self.online_correction_pending is None:
                self.online_correction_pending = self.online_correction()
            values["id"] = self.online_correction_pending
            if write:
                self.online_correction_pending = None
        elif path.startswith("/api/v1/register-imports/{id}"):
            # a register upload of the own office: a fresh one for a write that must succeed
            # (a run starts once), the shared one otherwise
            if write or self.register_import is None:
                r = self.ok(self.admin.request(
                    "POST", f"/api/v1/bodies/{self.S1}/register-imports?name=matrix.csv",
                    raw=REGISTER_CSV, headers={"Content-Type": "text/csv"}))
                if write:
                    values["id"] = r.json["id"]
                else:
                    Matrix.register_import = r.json["id"]
            values.setdefault("id", self.register_import)
        elif path.startswith("/api/v1/bodies/{id}"):
            values["id"] = target_body
            if route["method"] == "DELETE" and path.endswith("/seal"):
                self.ok(self.admin.request("PUT", path.replace("{id}", str(target_body)), raw=TINY_PNG,
                                           headers={"Content-Type": "image/png",
                                                    **self.if_match(path.replace("{id}", str(target_body)))}))
        elif path.startswith("/api/v1/reports/annual/{year}/{body_id}"):
            values["body_id"] = target_body
            if path.endswith("/lock"):
                Matrix.lock_year += 1
                values["year"] = self.lock_year
            else:
                values["year"] = 2024
        elif path.startswith(("/api/v1/users/{id}", "/api/v1/throttles/{id}", "/api/v1/reminders/{id}")):
            grants = target_body  # a list of (body, role) for users
            bodies = [b for b, _ in grants]
            shared = (path, tuple(grants))
            if not write and shared in self.shared_users:
                values["id"] = self.shared_users[shared]
                return self.fill(route, path, values, bodies, headers)
            uid, name = self.fresh_user(grants, "t")
            if path.startswith("/api/v1/throttles/"):
                # the counter a failed login leaves (made directly: each login hashes)
                tid = int(psql(f"INSERT INTO login_throttles (username, address, attempts) "
                               f"VALUES ('{name}', '127.1.0.{self.users_made % 250 + 1}', 1) RETURNING id",
                               self.dbname))
                values["id"] = tid
            elif path.startswith("/api/v1/reminders/"):
                # a digest the mail server refused for good (made directly: no mail server here)
                values["id"] = int(psql(f"INSERT INTO reminder_digests (user_id, day, email, status, attempts, "
                                        f"last_error) VALUES ({uid}, '2025-06-02', '{name}@example.org', "
                                        f"'failed', 1, '550 mailbox unavailable') RETURNING id", self.dbname))
            else:
                values["id"] = uid
            if not write:
                self.shared_users[shared] = values["id"]
        elif fam == "calendar":
            for n in names:
                values[n] = {"year": 2026, "date": "2026-12-31"}.get(n)
                if values[n] is None:
                    return None, f"no resolver for {{{n}}}"
            if route["method"] == "DELETE":
                values["year"] = 2027
                self.ok(self.admin.request("POST", "/api/v1/calendar/import",
                                           raw=RAW["POST /api/v1/calendar/import"][1],
                                           headers={"Content-Type": "application/json"}))
            bodies = []
        else:
            return None, "no resolver for the path"
        return self.fill(route, path, values, bodies, headers)

    def fill(self, route, path, values, bodies, headers):
        key = f"{route['method']} {path}"
        for n in self.params(path):
            if n not in values:
                return None, f"no resolver for {{{n}}}"
        filled = path
        for n, v in values.items():
            filled = filled.replace("{" + n + "}", str(v))
        q = QUERIES.get(key, "")
        filled += q.replace("{S1}", str(self.S1))
        if route["method"] in ("PUT", "PATCH", "DELETE") and "If-Match" not in headers:
            headers.update(self.if_match(filled.split("?")[0]))
        return (filled, bodies, headers), None

    def if_match(self, path):
        """The If-Match a careful client sends: the resource's current ETag, when it has one."""
        r = self.admin.get(path)
        etag = r.header("ETag") if r.status == 200 else None
        return {"If-Match": etag} if etag else {}

    def payload(self, route):
        key = f"{route['method']} {route['path']}"
        if "json" in route["flags"]:
            if key not in BODIES:
                return None, "a JSON route without a body in BODIES"
            text = json.dumps(BODIES[key], ensure_ascii=False).replace('"{S1}"', str(self.S1))
            text = text.replace("{TEMPLATE}", self.template_key)
            return ("application/json", text.encode()), None
        if "raw_body" in route["flags"] or "stream" in route["flags"]:
            if key not in RAW:
                return None, "a raw-body route without a body in RAW"
            return RAW[key], None
        return (None, None), None

    def send(self, actor, method, path, payload, headers):
        c = self.ogid.client(token=self.tokens[actor] if actor else None)
        ctype, data = payload
        h = dict(headers)
        if ctype:
            h["Content-Type"] = ctype
        return c.request(method, path, raw=data, headers=h)

    def judge(self, r, want, marker=None):
        """The class of an answer, for the want it is held to."""
        if r.status >= 500:
            return f"{r.status}"
        if want in ("listed", "hidden") and r.status == 200:
            return "listed" if marker.encode() in r.body else "hidden"
        if r.status in (401, 403, 404):
            return str(r.status)
        if 200 <= r.status < 300:
            return "allowed"
        return f"{r.status}"

    # ---- the test ----

    def test_matrix(self):
        cells = collections.Counter()
        seconds = collections.Counter()
        unexpected = []
        unplaced = []
        statuses = collections.Counter()
        actors = [None] + [(role, place) for place in PLACES for role in ROLES]
        # the outcome → row mapping of the report is data no route changes (migrations and a
        # province's own SQL do): the same before and after every cell
        mapping = "SELECT md5(coalesce(string_agg(m::text, ',' ORDER BY m::text), '')) FROM report_row_map m"
        mapping_before = psql(mapping, self.dbname)
        calendar = "SELECT md5(coalesce(string_agg(d::text, ',' ORDER BY d::text), '')) FROM calendar_days d"
        calendar_before = psql(calendar, self.dbname)
        public_in_table = {(r["method"], r["path"]) for r in self.routes if "public" in r["flags"]}
        self.assertEqual(public_in_table, PUBLIC, "the public routes are not the listed ones")
        for route in self.routes:
            fam = self.family(route)
            key = f"{route['method']} {route['path']}"
            if fam is None:
                unplaced.append(f"{key}: no family in FAMILIES")
                continue
            runner = getattr(self, "run_" + fam)
            started = time.monotonic()
            why = runner(route, fam, actors, cells, unexpected, statuses)
            seconds[fam] += time.monotonic() - started
            if why:
                unplaced.append(f"{key}: {why}")
        print("authz matrix: %d routes, %d cells" % (len(self.routes), sum(cells.values())), flush=True)
        for k in sorted(cells):
            print(f"authz matrix: {k}: {cells[k]}", flush=True)
        print("authz matrix: seconds by family " + ", ".join(f"{f}: {t:.1f}" for f, t in sorted(seconds.items())),
              flush=True)
        print("authz matrix: statuses " + ", ".join(f"{s}: {n}" for s, n in sorted(statuses.items())), flush=True)
        print(f"authz matrix: unexpected cells {len(unexpected)}, routes without a rule {len(unplaced)}", flush=True)
        for u in unexpected[:60]:
            print("  unexpected: " + u, flush=True)
        self.assertEqual(psql(mapping, self.dbname), mapping_before, "a route changed the outcome → row mapping")
        self.assertEqual(psql(calendar, self.dbname), calendar_before, "the calendar is not as it was")
        self.assertEqual(unplaced, [], "routes the matrix cannot place")
        self.maxDiff = None
        self.assertEqual(unexpected, [])
        self.assertEqual(sum(n for s, n in statuses.items() if s >= 500), 0)

    def record(self, cells, unexpected, statuses, key, fam, actor, want, r, marker=None, note=""):
        got = self.judge(r, want, marker)
        statuses[r.status] += 1
        who = "anonymous" if actor is None else f"{actor[0]}@{actor[1]}"
        cells[f"{fam}/{want}"] += 1
        if got != want:
            unexpected.append(f"{key}{note} as {who}: want {want}, got {r.status} {r.body[:160]!r}")

    def run_public(self, route, fam, actors, cells, unexpected, statuses):
        key = f"{route['method']} {route['path']}"
        if key == "POST /api/v1/session":
            # without a password: the same 400 for everyone, and no password hashed 21 times
            payload = ("application/json", json.dumps({"username": "m_auditor_own"}).encode())
        else:
            payload = (None, None)
        first = None
        for actor in actors:
            r = self.send(actor, route["method"], route["path"], payload, {})
            statuses[r.status] += 1
            cells["public/answered"] += 1
            if first is None:
                first = r.status
            if r.status >= 500 or r.status == 401 or r.status != first:
                who = "anonymous" if actor is None else f"{actor[0]}@{actor[1]}"
                unexpected.append(f"{key} as {who}: a public route answered {r.status} (first {first})")

    def run_body(self, route, fam, actors, cells, unexpected, statuses):
        key = f"{route['method']} {route['path']}"
        payload, why = self.payload(route)
        if why:
            return why
        write = route["method"] != "GET"
        targets = [self.S1]
        if route["path"].startswith("/api/v1/bodies/{id}") or "{body_id}" in route["path"]:
            targets.append(self.P)  # the parent's settings and report: a shared resource of its offices
        for target_body in targets:
            for actor in actors:
                # a write that must succeed gets a target of its own; one that must be refused
                # meets the shared one (were it let through, its status says so)
                want = self.expect(route, fam, actor, {"bodies": [target_body]})
                got, why = self.resolve(route, fam, target_body, write and want == "allowed")
                if why:
                    return why
                path, bodies, headers = got
                r = self.send(actor, route["method"], path, payload, headers)
                self.record(cells, unexpected, statuses, key, fam, actor, want, r,
                            note=" (the parent's)" if target_body == self.P else "")

    def run_throttle(self, route, fam, actors, cells, unexpected, statuses):
        return self.run_user(route, fam, actors, cells, unexpected, statuses)

    def run_reminder(self, route, fam, actors, cells, unexpected, statuses):
        return self.run_user(route, fam, actors, cells, unexpected, statuses)

    def run_user(self, route, fam, actors, cells, unexpected, statuses):
        key = f"{route['method']} {route['path']}"
        payload, why = self.payload(route)
        if why:
            return why
        # a clerk of the own office, and one who also holds a role in the other office
        for grants, note in (([(self.S1, "clerk")], ""),
                             ([(self.S1, "clerk"), (self.S2, "auditor")], " (a user of two offices)")):
            for actor in actors:
                want = self.expect(route, fam, actor, {"bodies": [b for b, _ in grants]})
                got, why = self.resolve(route, fam, grants, want == "allowed")
                if why:
                    return why
                path, bodies, headers = got
                r = self.send(actor, route["method"], path, payload, headers)
                self.record(cells, unexpected, statuses, key, fam, actor, want, r, note=note)

    def run_calendar(self, route, fam, actors, cells, unexpected, statuses):
        key = f"{route['method']} {route['path']}"
        payload, why = self.payload(route)
        if why:
            return why
        for actor in actors:
            if route["path"] == "/api/v1/workdays/add":
                got, why = ("/api/v1/workdays/add?from=2026-06-01&days=3", [], {}), None
            else:
                got, why = self.resolve(route, fam, None, route["method"] != "GET")
            if why:
                return why
            path, bodies, headers = got
            want = self.expect(route, fam, actor, {"bodies": bodies})
            r = self.send(actor, route["method"], path, payload, headers)
            self.record(cells, unexpected, statuses, key, fam, actor, want, r)
        if route["method"] != "GET":  # what the cells changed, put back
            self.admin.put("/api/v1/calendar/days/2026-12-31", {"kind": "rule"})
            self.admin.delete("/api/v1/calendar/2027")

    # collections: lists show the own office's marker only to those whose subtree holds it;
    # creations name their body in the query or the body
    def collection_rule(self, route):
        S1 = self.S1
        rules = {
            "GET /api/v1/requests": ("list", "", "MATRIXMARK"),
            "GET /api/v1/requests.csv": ("list", "", "MATRIXMARK"),
            "GET /api/v1/online-applications": ("list", "", "矩阵网上申请人"),
            "GET /api/v1/online-corrections": ("list", "", "矩阵网上补正"),
            "GET /api/v1/queue": ("list", "", "MATRIXMARK"),
            "GET /api/v1/bodies": ("list", "", "矩阵本街道"),
            "GET /api/v1/users": ("list", "", "matrixvictim"),
            "GET /api/v1/audit": ("list", f"?entity=user&entity_id={self.victim}", "matrixvictim"),
            "GET /api/v1/throttles": ("list", "", "matrixvictim"),
            "GET /api/v1/reminders": ("list", "", "matrixvictim"),
            "GET /api/v1/fees/quote": ("scoped", f"?request_id={self.shared['rid']}", None),
            "GET /api/v1/reports/annual": ("scoped", f"?year=2025&body_id={S1}", None),
            "POST /api/v1/requests": ("scoped", "", intake(S1)),
            # a platform's batch: a row for a body the caller may not register for is refused
            # (body_id not_found) in a 200, the row's result is the cell's answer
            "POST /api/v1/requests/import": ("rows", "", None),
            # an identity number's applications: only those of the caller's subtree
            "POST /api/v1/applicants/lookup": ("list", "", "矩阵证件人",
                                               {"id_type": "resident_id_card", "id_number": MATRIX_ID}),
            "POST /api/v1/bodies": ("scoped", "", {"parent_id": S1, "name": "矩阵科室"}),
            "POST /api/v1/users": ("scoped", "", {"password": PW, "roles": [{"body_id": S1, "role": "clerk"}]}),
        }
        return rules.get(f"{route['method']} {route['path']}")

    def run_collection(self, route, fam, actors, cells, unexpected, statuses):
        key = f"{route['method']} {route['path']}"
        rule = self.collection_rule(route)
        if rule is None:
            return "a collection without its rule in collection_rule"
        kind, query, extra = rule[:3]
        for actor in actors:
            payload = (None, None)
            if len(rule) > 3:  # a list asked for with a body
                payload = ("application/json", json.dumps(rule[3], ensure_ascii=False).encode())
            if isinstance(extra, dict):
                body = dict(extra)
                if route["path"] == "/api/v1/users":
                    Matrix.users_made += 1
                    body["username"] = f"mc{self.users_made}"
                payload = ("application/json", json.dumps(body, ensure_ascii=False).encode())
            if kind == "rows":
                Matrix.imports_made += 1
                row = {"platform_id": f"MX-{self.imports_made}", "body_id": self.S1,
                       "submitted_on": "2025-06-01", "confirmed_on": "2025-06-02",
                       "applicant": {"kind": "natural_person", "name": "矩阵平台申请人"},
                       "description": "矩阵平台导入的申请", "form": {"medium": "paper", "delivery": "post"}}
                payload = ("application/json", json.dumps({"platform": "矩阵平台", "applications": [row]},
                                                          ensure_ascii=False).encode())
                want = self.expect(route, "body", actor, {"bodies": [self.S1]})
                r = self.send(actor, route["method"], route["path"] + query, payload, {})
                got = self.judge(r, want)
                if r.status == 200:
                    res = r.json["results"][0]
                    if res["result"] == "created":
                        got = "allowed"
                    elif [e["field"] for e in res.get("errors", [])] == ["body_id"]:
                        got = "404"
                    else:
                        got = f"refused {res.get('errors')}"
                statuses[r.status] += 1
                cells[f"body/{want}"] += 1
                if got != want:
                    who = "anonymous" if actor is None else f"{actor[0]}@{actor[1]}"
                    unexpected.append(f"{key} as {who}: want {want}, got {got} {r.body[:160]!r}")
            elif kind == "list":
                want = self.expect(route, "list", actor, {"bodies": [self.S1]})
                r = self.send(actor, route["method"], route["path"] + query, payload, {})
                self.record(cells, unexpected, statuses, key, "list", actor, want, r, marker=extra)
            else:
                want = self.expect(route, "body", actor, {"bodies": [self.S1]})
                r = self.send(actor, route["method"], route["path"] + query, payload, {})
                self.record(cells, unexpected, statuses, key, "body", actor, want, r)

    # one's own: what each route of the family sends, and for {id} whose it is
    SELF_ROUTES = {"GET /api/v1/session", "DELETE /api/v1/session", "POST /api/v1/tokens", "GET /api/v1/tokens",
                   "DELETE /api/v1/tokens/{id}", "GET /api/v1/sessions", "DELETE /api/v1/sessions/{id}",
                   "PUT /api/v1/session/password", "POST /api/v1/feeds", "GET /api/v1/feeds",
                   "DELETE /api/v1/feeds/{id}", "PATCH /api/v1/session/profile"}

    def mint_session(self, username):
        """A session of username as a login opens one — its cookie's secret (43 characters of
        base64url) stored as its SHA-256 — made in the database: each login hashes a password."""
        secret = base64.urlsafe_b64encode(os.urandom(32)).decode().rstrip("=")
        digest = hashlib.sha256(secret.encode()).hexdigest()
        sid = psql(f"INSERT INTO sessions (token_hash, user_id, address, user_agent) SELECT "
                   f"'\\x{digest}'::bytea, id, '127.0.0.1', 'authz matrix' FROM users "
                   f"WHERE username = '{username}' RETURNING id", self.dbname)
        return int(sid), secret

    def run_self(self, route, fam, actors, cells, unexpected, statuses):
        key = f"{route['method']} {route['path']}"
        if key not in self.SELF_ROUTES:
            return "a route of one's own without its rule in run_self"
        payload, why = self.payload(route) if key != "PUT /api/v1/session/password" else (
            ("application/json", json.dumps({"current_password": PW, "new_password": "another good long one"}).encode()),
            None)
        if why:
            return why
        for actor in actors:
            client = self.ogid.client(token=self.tokens[actor] if actor else None)
            path = route["path"]
            if actor is not None and key == "PUT /api/v1/session/password":
                # a change ends the caller's tokens: a fresh user of that role and place
                _, name = self.fresh_user([(self.place_body[actor[1]], actor[0])], "s")
                client = self.ogid.client()
                client.cookie = self.mint_session(name)[1]
            elif actor is not None and key == "DELETE /api/v1/session":
                # logging out of a session of its own (the one its cookie names)
                client = self.ogid.client()
                client.cookie = self.mint_session(f"m_{actor[0]}_{actor[1]}")[1]
            elif actor is not None and key == "DELETE /api/v1/tokens/{id}":
                path = path.replace("{id}", str(self.ok(client.post("/api/v1/tokens", {"label": "matrix"})).json["id"]))
            elif actor is not None and key == "DELETE /api/v1/feeds/{id}":
                path = path.replace("{id}", str(self.ok(client.post("/api/v1/feeds", {"label": "matrix"})).json["id"]))
            elif actor is not None and key == "DELETE /api/v1/sessions/{id}":
                sid, _ = self.mint_session(f"m_{actor[0]}_{actor[1]}")
                path = path.replace("{id}", str(sid))
            elif actor is None:
                path = path.replace("{id}", "1")
            want = self.expect(route, fam, actor, {"owner": "self"})
            ctype, data = payload
            r = client.request(route["method"], path, raw=data, headers={"Content-Type": ctype} if ctype else {})
            self.record(cells, unexpected, statuses, key, fam, actor, want, r)
        # another user's: the victim's token (an admin who may manage the victim ends it) and session
        if "{id}" in route["path"]:
            for actor in actors[1:]:
                if key == "DELETE /api/v1/tokens/{id}":
                    r = self.victim_cookie.post("/api/v1/tokens", {"label": "victim"})
                    target = self.ok(r).json["id"]
                elif key == "DELETE /api/v1/feeds/{id}":  # only its owner revokes a feed
                    target = self.ok(self.victim_cookie.post("/api/v1/feeds", {"label": "victim"})).json["id"]
                else:
                    target, _ = self.mint_session("matrixvictim")
                want = self.expect(route, fam, actor, {"owner": "victim", "bodies": [self.S1],
                                                       "admin_may": key == "DELETE /api/v1/tokens/{id}"})
                r = self.send(actor, route["method"], route["path"].replace("{id}", str(target)), (None, None), {})
                self.record(cells, unexpected, statuses, key, fam, actor, want, r, note=" (another user's)")


if __name__ == "__main__":
    main()
