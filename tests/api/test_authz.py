"""The authorization matrix: each role on its own street office and on
another one, against each endpoint that reads or changes requests.  Another
body's request is 404 (its existence does not leak); too small a role on
one's own body is 403; lists and the queue leave other bodies out.  Also:
idle sessions expire."""
import time

from ogitest import OgidTestCase, ogictl, main

ROLES = ["auditor", "clerk", "handler", "approver", "admin"]
RANK = {r: i for i, r in enumerate(ROLES)}


class Authz(OgidTestCase):
    ogid_env = {"OGI_TODAY": "2025-06-20", "OGI_SESSION_IDLE_SECONDS": "3"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own = int(ogictl(cls.dbname, "body", "add", "本街道", "--parent", "1").stdout)
        cls.far = int(ogictl(cls.dbname, "body", "add", "他街道", "--parent", "1").stdout)
        cls.tokens = {}
        for body, tag in ((cls.own, "own"), (cls.far, "far")):
            for role in ROLES:
                name = f"{role}_{tag}"
                ogictl(cls.dbname, "user", "add", name, "--role", role, "--body", str(body), "--password-stdin",
                       input="a good long password\n")
                cls.tokens[name] = ogictl(cls.dbname, "token", "create", name).stdout.strip()

    def client(self, role, where):
        return self.ogid.client(token=self.tokens[f"{role}_{where}"])

    def fresh_request(self):
        r = self.client("clerk", "own").post("/api/v1/requests", {
            "body_id": self.own, "channel": "in_person", "received_on": "2025-06-02",
            "applicant": {"kind": "natural_person", "name": "赵六"}, "description": "某文件"})
        self.assertEqual(r.status, 201, r)
        return r.json["id"]

    def test_matrix(self):
        rid = self.fresh_request()
        ext = {"type": "extension_approved", "on": "2025-06-03", "working_days": 5, "approver": "a", "reason": "b"}
        reply = {"type": "replied", "on": "2025-06-03", "outcome": "disclosed"}
        note = {"type": "note", "on": "2025-06-03", "text": "x"}
        # (method, path, body, least role); writes use a fresh request so earlier ones do not interfere
        cases = [
            ("GET", "/api/v1/requests/{id}", None, "auditor"),
            ("GET", "/api/v1/requests/{id}/events", None, "auditor"),
            ("GET", "/api/v1/requests/{id}/deadline", None, "auditor"),
            ("POST", "/api/v1/requests/{id}/events", note, "clerk"),
            ("POST", "/api/v1/requests/{id}/events", reply, "handler"),
            ("POST", "/api/v1/requests/{id}/events", ext, "approver"),
            # fees, consultations and remedies (issue 5)
            ("GET", "/api/v1/fees/quote?request_id={id}", None, "auditor"),
            ("GET", "/api/v1/requests/{id}/fees", None, "auditor"),
            ("GET", "/api/v1/requests/{id}/consultations", None, "auditor"),
            ("GET", "/api/v1/requests/{id}/reconsiderations", None, "auditor"),
            ("GET", "/api/v1/requests/{id}/litigations", None, "auditor"),
            ("POST", "/api/v1/requests/{id}/events",
             {"type": "fee_notice_issued", "on": "2025-06-03", "method": "per_volume", "pages": 40}, "approver"),
            ("POST", "/api/v1/requests/{id}/reconsiderations", {"filed_on": "2025-06-10", "authority": "x"}, "clerk"),
            ("POST", "/api/v1/requests/{id}/litigations", {"filed_on": "2025-06-10", "court": "x", "route": "direct"},
             "clerk"),
        ]
        for method, path, body, least in cases:
            for role in ROLES:
                for where in ("own", "far"):
                    target = self.fresh_request() if method == "POST" else rid
                    r = self.client(role, where).request(method, path.format(id=target), body=body)
                    if where == "far" and method == "POST" and role == "auditor":
                        want = 403  # the route needs a writing role at all: the same answer for any id
                    elif where == "far":
                        want = 404
                    elif RANK[role] >= RANK[least]:
                        want = 201 if method == "POST" else 200
                    else:
                        want = 403
                    self.assertEqual(r.status, want, f"{role}@{where} {method} {path} {body and body.get('type')}: {r}")

        intake = {"body_id": self.own, "channel": "in_person", "received_on": "2025-06-02",
                  "applicant": {"kind": "natural_person", "name": "x"}, "description": "y"}
        for role in ROLES:
            want = 201 if RANK[role] >= RANK["clerk"] else 403
            self.assertEqual(self.client(role, "own").post("/api/v1/requests", intake).status, want, role)
            self.assertEqual(self.client(role, "far").post("/api/v1/requests", intake).status,
                             403 if role == "auditor" else 404, role)
            # lists and the queue of the other street office never show our requests
            listed = self.client(role, "far").get("/api/v1/requests").json["requests"]
            self.assertEqual([r for r in listed if r["body_id"] == self.own], [], role)
            q = self.client(role, "far").get("/api/v1/queue").json
            self.assertEqual(sum(1 for b in ("overdue", "due_soon", "later") for r in q[b] if r["body_id"] == self.own),
                             0, role)
            self.assertNotIn(self.own, [b["id"] for b in self.client(role, "far").get("/api/v1/bodies").json["bodies"]])
            want = 201 if role == "admin" else 403
            r = self.client(role, "own").post("/api/v1/bodies", {"parent_id": self.own, "name": f"科室{role}"})
            self.assertEqual(r.status, want, role)
            if role == "admin":
                self.assertEqual(self.client(role, "far").post("/api/v1/bodies", {"parent_id": self.own,
                                                                                 "name": "越权"}).status, 404)

    def test_idle_session_expires(self):
        c = self.ogid.client()
        ogictl(self.dbname, "user", "add", "sleepy", "--role", "clerk", "--body", str(self.own), "--password-stdin",
               input="a good long password\n")
        c.login("sleepy", "a good long password")
        self.assertEqual(c.get("/api/v1/session").status, 200)
        time.sleep(4.5)
        self.assertProblem(c.get("/api/v1/session"), 401, "unauthenticated")


if __name__ == "__main__":
    main()
