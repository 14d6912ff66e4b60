"""Personal data at rest (issue 19, what must work 5): the applicants' identity numbers, phones,
e-mail and addresses are sealed in the database (requests, the stored answers of Idempotency-Key,
the history of a correction masked) — a reader of the database, of pg_dump or of ogictl's backup
finds none of them — while every reader of ogid still gets them; `ogictl key rotate` seals every
row again under a new key while ogid serves requests; plaintext left by an older ogid is sealed
at the next start; a key file that is not the database's is refused at start, never opened into
garbage."""
import os
import re
import subprocess
import tempfile
import threading
import urllib.parse

from ogitest import Ogid, OgidTestCase, create_database, drop_database, main, ogictl, psql, conninfo

TODAY = "2025-06-20"


def resident_id(n):
    """A valid 居民身份证 number born 1980-01-01 + n days' worth of sequence (check digit right)."""
    body = f"110105198001{(n % 28) + 1:02d}{n % 1000:03d}"
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    s = sum(int(c) * k for c, k in zip(body, w))
    return body + "10X98765432"[s % 11]


def person(n):
    return {"kind": "natural_person", "name": f"测试人{n}", "id_type": "resident_id_card",
            "id_number": resident_id(n), "phone": f"1391{n:07d}",
            "email": f"applicant{n}@example.cn", "address": f"平湛市马山区幸福路{n}号院{n % 7}单元"}


def intake(body_id, n, received_on="2025-06-03"):
    return {"body_id": body_id, "channel": "in_person", "received_on": received_on,
            "applicant": person(n), "description": "某小区加装电梯的审批材料",
            "form": {"medium": "paper", "delivery": "post"}}


def secrets(n):
    """What must not be found in the database for applicant n: the numbers as typed and bare."""
    p = person(n)
    return [p["id_number"], p["phone"], p["email"], p["address"]]


class PiiAtRest(OgidTestCase):
    ogid_env = {"OGI_TODAY": TODAY}

    @classmethod
    def setUpClass(cls):
        # a key file of this class's own: the rotation must not change the one other tests share
        cls.keydir = tempfile.mkdtemp(prefix="ogi-pii-")
        cls.key = os.path.join(cls.keydir, "ogi.key")
        fd = os.open(cls.key, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.write(fd, (os.urandom(32).hex() + "\n").encode())
        os.close(fd)
        cls.ogid_args = ("--key-file", cls.key)
        super().setUpClass()
        cls.street = int(ogictl(cls.dbname, "body", "add", "丙街道办事处", "--parent", "1").stdout)
        ogictl(cls.dbname, "user", "add", "clerk", "--role", "clerk", "--body", str(cls.street),
               "--password-stdin", input="a good long password\n")
        cls.clerk = cls.ogid.client()
        cls.clerk.login("clerk", "a good long password")
        cls.made = {}  # applicant n -> request id
        for n in range(1, 6):
            r = cls.clerk.post("/api/v1/requests", intake(cls.street, n),
                               headers={"Idempotency-Key": f"pii-{n}"})
            assert r.status == 201, r
            cls.made[n] = r.json["id"]
        # a correction: the old and new address and phone go into the history
        rid = cls.made[1]
        etag = cls.clerk.get(f"/api/v1/requests/{rid}").header("ETag")
        r = cls.clerk.patch(f"/api/v1/requests/{rid}",
                            {"reason": "住址录错", "applicant": {"address": "平湛市马山区幸福路999号",
                                                              "phone": "13988887777"}},
                            headers={"If-Match": etag})
        assert r.status == 200, r
        cls.corrected = ["平湛市马山区幸福路999号", "13988887777"]
        cls.changed = {}

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        import shutil
        shutil.rmtree(cls.keydir, ignore_errors=True)

    def ctl(self, *args, check=True):
        return ogictl(self.dbname, "--key-file", self.key, *args, check=check)

    def dump_text(self):
        """The whole database as pg_dump writes it (plain SQL)."""
        pg_dump = os.path.join(os.environ["OGI_TEST_PGBIN"], "pg_dump")
        r = subprocess.run([pg_dump, "-d", conninfo(self.dbname)], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        return r.stdout

    def assertNoPlaintext(self, text, where, numbers):
        self.assertGreater(len(text), 1000, where)
        found = [(s, text[max(0, text.index(s) - 300):text.index(s) + 50]) for s in numbers if s in text]
        self.assertEqual(found, [], f"plaintext in {where}")

    def all_secrets(self):
        out = self.corrected[:]
        for n in self.made:
            out += secrets(n)
        return [x for x in out if x not in ('13900004444',)]

    def assertReadable(self, cl=None):
        """Every request as ogid answers it: the fields whole, as typed (the admin sees the whole
        identity number), found by the phone number."""
        cl = cl or self.admin
        for n, rid in self.made.items():
            a = cl.get(f"/api/v1/requests/{rid}").json["applicant"]
            p = person(n)
            if n == 1:
                p["address"], p["phone"] = self.corrected
            p.update(self.changed.get(n, {}))
            self.assertEqual((a["id_number"], a["phone"], a["email"], a["address"]),
                             (p["id_number"], p["phone"], p["email"], p["address"]), n)
            found = cl.get("/api/v1/requests?q=" + urllib.parse.quote(p["id_number"])).json["requests"]
            self.assertIn(rid, [x["id"] for x in found], n)

    def test_1_no_plaintext_in_the_database_nor_its_backups(self):
        self.assertReadable()
        # psql: the columns themselves are sealed text naming their key
        rows = psql("SELECT applicant_id_number || ' ' || applicant_phone || ' ' || applicant_email "
                    "|| ' ' || applicant_address FROM requests", self.dbname).splitlines()
        self.assertEqual(len(rows), len(self.made))
        for row in rows:
            self.assertRegex(row, r"^(ogi1:1:[A-Za-z0-9+/]+ ){3}ogi1:1:[A-Za-z0-9+/]+$")
        self.assertEqual(psql("SELECT count(*) FROM requests WHERE pii_key IS DISTINCT FROM 1",
                              self.dbname), "0")
        self.assertEqual(psql("SELECT count(*) FROM idempotency_keys WHERE response NOT LIKE 'ogi1:1:%'",
                              self.dbname), "0", "the stored answers are sealed too")
        self.assertNoPlaintext(self.dump_text(), "pg_dump", self.all_secrets())
        # ogictl backup: pg_dump's custom format is compressed: read it back as SQL
        d = tempfile.mkdtemp()
        file = os.path.join(d, "b.dump")
        self.ctl("backup", file)
        pg_restore = os.path.join(os.environ["OGI_TEST_PGBIN"], "pg_restore")
        r = subprocess.run([pg_restore, "-f", "-", file], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("ogi1:1:", r.stdout, "the backup holds the sealed values")
        self.assertNoPlaintext(r.stdout, "ogictl backup", self.all_secrets())
        # a replay of an Idempotency-Key answers the first answer, opened
        r = self.clerk.post("/api/v1/requests", intake(self.street, 2), headers={"Idempotency-Key": "pii-2"})
        self.assertEqual((r.status, r.header("Idempotent-Replayed"), r.json["applicant"]["email"]),
                         (201, "true", person(2)["email"]))
        # the history keeps the correction with the numbers masked
        ev = [e for e in self.admin.get(f"/api/v1/requests/{self.made[1]}/events").json["events"]
              if e["type"] == "record_corrected"]
        self.assertEqual(len(ev), 1)
        text = str(ev[0]["payload"])
        self.assertIn("139****7777", text)
        # the CSV found by a phone number, and the case file's 登记表 through ogictl
        csv = self.admin.get("/api/v1/requests.csv?q=" + person(3)["phone"]).body.decode("utf-8-sig")
        self.assertEqual(len(csv.strip().splitlines()), 2, csv)
        self.assertIn("测试人3", csv)

    def test_2_rotation_while_ogid_serves(self):
        errors, done = [], threading.Event()
        counter = {"n": 100}

        def load(cl):
            while not done.is_set():
                counter["n"] += 1
                n = counter["n"]
                r = cl.post("/api/v1/requests", intake(self.street, n))
                if r.status != 201:
                    errors.append(("post", r.status, r.body[:200]))
                    continue
                type(self).made[n] = r.json["id"]
                for rid in list(self.made.values())[:8]:
                    g = cl.get(f"/api/v1/requests/{rid}")
                    if g.status != 200:
                        errors.append(("get", g.status, g.body[:200]))
                lst = cl.get("/api/v1/requests?q=" + person(3)["phone"])
                if lst.status != 200 or not lst.json["requests"]:
                    errors.append(("search", lst.status, lst.body[:200]))

        threads = [threading.Thread(target=load, args=(self.admin,)) for _ in range(3)]
        for t in threads:
            t.start()
        try:
            r = self.ctl("key", "rotate", "--batch", "3")
        finally:
            # a little more load on the new key, then stop
            for _ in range(3):
                self.admin.get(f"/api/v1/requests/{self.made[1]}")
            done.set()
            for t in threads:
                t.join()
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("key 2 seals", r.stdout)
        self.assertEqual(errors, [], "no request failed during the rotation")
        self.assertGreater(len(self.made), 5)
        # rows written by ogid while the rotation ran are under key 2 by the end, or the next one
        r = self.ctl("key", "rotate", "--batch", "50")
        self.assertIn("key 3 seals", r.stdout)
        self.assertEqual(psql("SELECT count(*) FROM requests WHERE pii_key IS DISTINCT FROM 3",
                              self.dbname), "0")
        self.assertEqual(psql("SELECT count(*) FROM requests WHERE applicant_phone NOT LIKE 'ogi1:3:%'",
                              self.dbname), "0")
        status = self.ctl("key", "status").stdout
        self.assertIn("sealing key 3", status)
        self.assertNotRegex(status, r"\b[12]:\d", "no row left under key 1 or 2")
        with open(self.key) as f:
            text = f.read()
        self.assertEqual(re.findall(r"^seal (\d+) ", text, re.M), ["3", "2"])
        self.assertEqual(os.stat(self.key).st_mode & 0o777, 0o600)
        self.assertReadable()
        self.assertNoPlaintext(self.dump_text(), "pg_dump after the rotation", self.all_secrets())

    def test_3_plaintext_of_before_sealed_at_start(self):
        rid = self.made[4]
        # what an ogid before migration 0021 left: plaintext, no key id
        psql(f"UPDATE requests SET applicant_phone = '13900004444', applicant_email = 'old@example.cn', "
             f"pii_key = NULL WHERE id = {rid}", self.dbname)
        port = self.ogid.port
        self.ogid.stop()
        type(self).ogid = Ogid(self.dbname, env=self.ogid_env, args=self.ogid_args, port=port)
        self.ogid.start()
        with open(self.ogid.log_path, encoding="utf-8", errors="replace") as f:
            self.assertIn("sealed the personal data of 1 rows", f.read())
        self.assertNotIn("13900004444", self.dump_text())
        # the same port: the sessions (in the database) go on
        a = self.admin.get(f"/api/v1/requests/{rid}").json["applicant"]
        self.assertEqual((a["phone"], a["email"]), ("13900004444", "old@example.cn"))
        self.assertEqual(psql(f"SELECT pii_key FROM requests WHERE id = {rid}", self.dbname), "3")
        type(self).changed[4] = {"phone": "13900004444", "email": "old@example.cn"}

    def test_4_wrong_or_missing_key_refused(self):
        d = tempfile.mkdtemp()
        with open(self.key) as f:
            text = f.read()
        search = [l for l in text.splitlines() if re.fullmatch(r"[0-9a-f]{64}", l)][0]

        def key(name, body):
            path = os.path.join(d, name)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            os.write(fd, body.encode())
            os.close(fd)
            return path

        cases = [
            ("another", os.urandom(32).hex() + "\n", "is not the one"),
            ("lacks", search + "\n", "lacks the sealing key 3"),
            ("changed", search + "\nseal 3 " + os.urandom(32).hex() + "\n" +
             "\n".join(l for l in text.splitlines() if l.startswith("seal 2")) + "\n",
             "sealing key 3 is not the key 3"),
            ("broken", search + "\nseal 3 abc\n", "line 2 of the key file"),
            (None, None, "cannot read the key file"),
        ]
        for name, body, why in cases:
            path = key(name, body) if name else os.path.join(d, "missing.key")
            o = Ogid(self.dbname, args=["--key-file", path])
            self.assertFalse(o.start(expect_ok=False), name)
            with open(o.log_path, encoding="utf-8", errors="replace") as f:
                log = f.read()
            self.assertIn(why, log, name)
            self.assertNotIn(search, log, "the key is never printed")
            r = self.ctl("--key-file", path, "key", "status", check=False)
            self.assertEqual(r.returncode, 1, (name, r.stdout))
        # no --key-file and none in the data directory: not made up for a database that has data
        o = Ogid(self.dbname, shared_key=False)
        self.assertFalse(o.start(expect_ok=False))
        with open(o.log_path, encoding="utf-8", errors="replace") as f:
            self.assertIn("put that file back", f.read())
        self.assertFalse(os.path.exists(os.path.join(o.data_dir, "ogi.key")), "no new key made")
        # the right one still works
        self.assertReadable()


if __name__ == "__main__":
    main()
