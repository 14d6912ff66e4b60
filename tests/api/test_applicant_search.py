"""Finding an applicant who phones in (issue 14 item 3): the list, the queue and the CSV find a
request by the whole phone or identity number however it is typed, through a keyed hash of the
number, so that no index of the numbers exists; the clerk at intake learns what the same
identity number has applied for already; and the key lives in a file outside the database
that every ogid of one database must share."""
import os
import re
import stat
import tempfile
import urllib.parse

from ogitest import Ogid, OgidTestCase, create_database, drop_database, main, ogictl, psql

TODAY = "2025-06-20"
ID = "11010519491231002X"
PHONE = "13912345678"


def intake(body_id, name="张三", id_number=ID, phone=PHONE, received_on="2025-06-03", **over):
    applicant = {"kind": "natural_person", "name": name, "id_type": "resident_id_card",
                 "id_number": id_number, "phone": phone}
    b = {"body_id": body_id, "channel": "in_person", "received_on": received_on,
         "applicant": applicant, "description": "某小区加装电梯的审批材料",
         "form": {"medium": "paper", "delivery": "pickup"}}
    b.update(over)
    return b


class ApplicantSearch(OgidTestCase):
    ogid_env = {"OGI_TODAY": TODAY}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.street = int(ogictl(cls.dbname, "body", "add", "丙街道办事处", "--parent", "1").stdout)
        cls.other = int(ogictl(cls.dbname, "body", "add", "丁街道办事处", "--parent", "1").stdout)
        cls.c = {}
        for name, role, body in (("sclerk", "clerk", cls.street), ("oclerk", "clerk", cls.other),
                                 ("sauditor", "auditor", cls.street)):
            ogictl(cls.dbname, "user", "add", name, "--role", role, "--body", str(body),
                   "--password-stdin", input="a good long password\n")
            cl = cls.ogid.client()
            cl.login(name, "a good long password")
            cls.c[name] = cl
        post = lambda cl, b: cl.post("/api/v1/requests", b)
        cls.mine = post(cls.c["sclerk"], intake(cls.street)).json
        cls.again = post(cls.c["sclerk"], intake(cls.street, received_on="2025-06-10")).json
        cls.may = post(cls.c["sclerk"], intake(cls.street, received_on="2025-05-28")).json
        cls.renamed = post(cls.c["sclerk"], intake(cls.street, name="张叁", phone="010-62345678",
                                                   received_on="2025-06-12")).json
        cls.theirs = post(cls.c["oclerk"], intake(cls.other)).json
        cls.stranger = post(cls.c["sclerk"], intake(cls.street, name="李四", id_number="110105194912310038",
                                                    phone="13700000000")).json
        for r in (cls.mine, cls.again, cls.may, cls.renamed, cls.theirs, cls.stranger):
            assert "id" in r, r

    def found(self, cl, q):
        r = cl.get("/api/v1/requests?q=" + urllib.parse.quote(q))
        self.assertEqual(r.status, 200, r)
        return sorted(x["id"] for x in r.json["requests"])

    def test_phone_found_however_written(self):
        want = sorted([self.mine["id"], self.again["id"], self.may["id"]])
        for q in (PHONE, "139 1234 5678", "139-1234-5678", "+86 139 1234 5678", "008613912345678"):
            self.assertEqual(self.found(self.c["sclerk"], q), want, q)
        self.assertEqual(self.found(self.c["sclerk"], "(010) 6234 5678"), [self.renamed["id"]])
        self.assertEqual(self.found(self.c["sclerk"], "13912345679"), [], "one digit off: no one")
        self.assertEqual(self.found(self.c["sclerk"], "1391234"), [], "part of a number finds no one")

    def test_id_number_found_and_scoped(self):
        want = sorted([self.mine["id"], self.again["id"], self.may["id"], self.renamed["id"]])
        self.assertEqual(self.found(self.c["sclerk"], ID.lower()), want, "x or X")
        self.assertEqual(self.found(self.c["sauditor"], ID), want, "an auditor searches too")
        self.assertEqual(self.found(self.c["oclerk"], ID), [self.theirs["id"]],
                         "another office finds only its own")
        self.assertEqual(self.found(self.admin, ID), sorted(want + [self.theirs["id"]]))
        # the words still work beside the numbers
        self.assertIn(self.mine["id"], self.found(self.c["sclerk"], "加装电梯"))

    def test_queue_and_csv_search_by_number(self):
        q = urllib.parse.quote("139 1234 5678")
        r = self.c["sclerk"].get("/api/v1/queue?q=" + q)
        self.assertEqual(r.status, 200, r)
        ids = sorted(x["id"] for b in ("overdue", "due_soon", "later") for x in r.json[b])
        self.assertEqual(ids, sorted([self.mine["id"], self.again["id"], self.may["id"]]))
        r = self.c["sclerk"].get("/api/v1/requests.csv?q=" + urllib.parse.quote(ID))
        self.assertEqual(r.status, 200)
        body = r.body.decode("utf-8-sig")
        for x in (self.mine, self.again, self.may, self.renamed):
            self.assertIn(x["tracking_no"], body)
        self.assertNotIn(self.stranger["tracking_no"], body)

    def test_no_index_of_the_numbers_and_no_number_in_the_hash(self):
        defs = psql("SELECT indexdef FROM pg_indexes WHERE tablename = 'requests'", self.dbname)
        self.assertNotRegex(defs, r"applicant_id_number|applicant_phone[ ,)]",
                            "no index over a personal number itself")
        self.assertIn("applicant_id_hash", defs)
        self.assertIn("applicant_phone_hash", defs)
        rows = psql(f"SELECT applicant_id_hash, applicant_phone_hash FROM requests WHERE id = {self.mine['id']}",
                    self.dbname)
        idh, telh = rows.split("|")
        self.assertRegex(idh, r"^[0-9a-f]{32}$")
        self.assertRegex(telh, r"^[0-9a-f]{32}$")
        self.assertNotEqual(idh, telh)
        for h in (idh, telh):
            self.assertNotIn("1949", h)
            self.assertNotIn("1234", h)
        # nothing of the search reaches the logs (the access log has paths, not queries)
        self.c["sclerk"].get("/api/v1/requests?q=" + PHONE)
        self.c["sclerk"].post("/api/v1/applicants/lookup", {"id_type": "resident_id_card", "id_number": ID})
        with open(self.ogid.log_path, encoding="utf-8", errors="replace") as f:
            log = f.read()
        self.assertNotIn(PHONE, log)
        self.assertNotIn(ID, log)

    def test_lookup_at_intake(self):
        cl = self.c["sclerk"]
        r = cl.post("/api/v1/applicants/lookup", {"id_type": "resident_id_card", "id_number": ID.lower(),
                                                  "name": "张三", "body_id": self.street,
                                                  "received_on": "2025-06-18"})
        self.assertEqual(r.status, 200, r)
        got = r.json
        ids = [x["id"] for x in got["requests"]]
        self.assertEqual(ids, [self.renamed["id"], self.again["id"], self.mine["id"], self.may["id"]],
                         "newest first, only the caller's office")
        self.assertTrue(got["names_differ"], "张叁 under the same number: a warning")
        self.assertEqual([x["id"] for x in got["requests"] if x["other_name"]], [self.renamed["id"]])
        # this month at this body: 06-03, 06-10, 06-12 (not May's): the new one would be the 4th
        self.assertEqual(got["same_body_month"], 3)
        self.assertEqual(sorted(x["id"] for x in got["requests"] if x["same_body_month"]),
                         sorted([self.mine["id"], self.again["id"], self.renamed["id"]]))
        one = got["requests"][-1]
        self.assertEqual(set(one), {"id", "tracking_no", "body_id", "body_name", "applicant_name",
                                    "received_on", "status", "other_name", "same_body_month"})
        # the same name and another body: nothing to warn about, nothing this month there
        r = self.c["oclerk"].post("/api/v1/applicants/lookup", {"id_type": "resident_id_card",
                                                               "id_number": ID, "name": "张三",
                                                               "body_id": self.other})
        self.assertEqual([x["id"] for x in r.json["requests"]], [self.theirs["id"]])
        self.assertFalse(r.json["names_differ"])
        self.assertEqual(r.json["same_body_month"], 1)
        # a number no one has
        r = cl.post("/api/v1/applicants/lookup", {"id_type": "resident_id_card", "id_number": "110101199003070038"})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json["requests"], [])

    def test_lookup_refuses_bad_input_and_readers(self):
        cl = self.c["sclerk"]
        p = self.assertProblem(cl.post("/api/v1/applicants/lookup",
                                       {"id_type": "resident_id_card", "id_number": "110105194912310020"}),
                               400, field="id_number")
        self.assertTrue(any("校验" in e["message_zh"] or "check" in e["message_en"] for e in p["errors"]), p)
        self.assertProblem(cl.post("/api/v1/applicants/lookup", {"id_number": ID}), 400, field="id_type")
        self.assertProblem(cl.post("/api/v1/applicants/lookup", {"id_type": "resident_id_card"}), 400,
                           field="id_number")
        self.assertProblem(cl.post("/api/v1/applicants/lookup", {"id_type": "resident_id_card", "id_number": ID,
                                                                 "received_on": "2025-02-30"}), 400,
                           field="received_on")
        r = self.c["sauditor"].post("/api/v1/applicants/lookup", {"id_type": "resident_id_card", "id_number": ID})
        self.assertEqual(r.status, 403, "an auditor reads files; the intake lookup is the front desk's")
        anon = self.ogid.client()
        self.assertEqual(anon.post("/api/v1/applicants/lookup",
                                   {"id_type": "resident_id_card", "id_number": ID}).status, 401)

    def test_rows_without_hashes_are_hashed_at_start(self):
        """Requests registered before the hashes existed (migration 0016) are found after the
        next start of ogid."""
        psql(f"UPDATE requests SET applicant_id_hash = NULL, applicant_phone_hash = NULL "
             f"WHERE id = {self.stranger['id']}", self.dbname)
        self.assertEqual(self.found(self.c["sclerk"], "13700000000"), [])
        b = Ogid(self.dbname, env=self.ogid_env)
        b.start()
        try:
            with open(b.log_path, encoding="utf-8") as f:
                self.assertRegex(f.read(), r"indexed the phone and identity numbers of 1 requests")
            self.assertEqual(self.found(self.c["sclerk"], "13700000000"), [self.stranger["id"]])
        finally:
            b.stop()


class KeyFile(OgidTestCase):
    """The key outside the database: made 0600 on a first start, refused when others can read
    it or when it is not the key the database's hashes were made with."""

    def test_first_start_makes_a_private_key(self):
        db = create_database("keyfile")
        try:
            ogictl(db, "migrate")
            o = Ogid(db, shared_key=False)
            o.start()
            try:
                path = os.path.join(o.data_dir, "ogi.key")
                mode = stat.S_IMODE(os.stat(path).st_mode)
                self.assertEqual(mode, 0o600)
                with open(path) as f:
                    self.assertRegex(f.read(), r"^[0-9a-f]{64}\n$")
                with open(o.log_path, encoding="utf-8") as f:
                    self.assertIn("back it up apart from the database", f.read())
                kept = os.path.join(tempfile.mkdtemp(), "kept.key")
                fd = os.open(kept, os.O_WRONLY | os.O_CREAT, 0o600)
                with open(path, "rb") as f:
                    os.write(fd, f.read())
                os.close(fd)
            finally:
                o.stop()
            # another ogid of the same database without the key: no new key is made for a
            # database that recorded one (issue 19: its personal data is sealed with it)
            other = Ogid(db, shared_key=False)
            self.assertFalse(other.start(expect_ok=False))
            with open(other.log_path, encoding="utf-8") as f:
                self.assertIn("put that file back", f.read())
            self.assertFalse(os.path.exists(os.path.join(other.data_dir, "ogi.key")))
            # with another key: refused, and told why
            another = os.path.join(tempfile.mkdtemp(), "another.key")
            fd = os.open(another, os.O_WRONLY | os.O_CREAT, 0o600)
            os.write(fd, (os.urandom(32).hex() + "\n").encode())
            os.close(fd)
            other = Ogid(db, args=["--key-file", another])
            self.assertFalse(other.start(expect_ok=False))
            with open(other.log_path, encoding="utf-8") as f:
                self.assertIn("is not the one this database's search index was made with", f.read())
            # given the first one's key it starts
            again = Ogid(db, args=["--key-file", kept])
            again.start()
            again.stop()
        finally:
            drop_database(db)

    def test_a_readable_or_broken_key_is_refused(self):
        d = tempfile.mkdtemp()
        loose = os.path.join(d, "loose.key")
        with open(loose, "w") as f:
            f.write("00" * 32 + "\n")
        os.chmod(loose, 0o644)
        o = Ogid(self.dbname, args=["--key-file", loose])
        self.assertFalse(o.start(expect_ok=False))
        with open(o.log_path, encoding="utf-8") as f:
            self.assertIn("readable by its owner only", f.read())
        short = os.path.join(d, "short.key")
        fd = os.open(short, os.O_WRONLY | os.O_CREAT, 0o600)
        os.write(fd, b"abcdef\n")
        os.close(fd)
        o = Ogid(self.dbname, args=["--key-file", short])
        self.assertFalse(o.start(expect_ok=False))
        with open(o.log_path, encoding="utf-8") as f:
            self.assertIn("does not hold a key", f.read())
        o = Ogid(self.dbname, args=["--key-file", os.path.join(d, "missing.key")])
        self.assertFalse(o.start(expect_ok=False), "a key file named but missing is not made up")


if __name__ == "__main__":
    main()
