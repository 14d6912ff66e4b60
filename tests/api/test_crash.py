"""ogid killed with SIGKILL while clients register applications: every
request that got a 2xx exists exactly once, tracking numbers have no gaps or
duplicates, and the event log is whole.  Clients retry what got no answer
with the same Idempotency-Key, so a request committed just before the kill
is answered by the restarted ogid with its first answer, not registered a
second time: every other kill is ogid's own, at that very moment
(OGI_TEST_CRASH_AFTER_COMMIT).  Bounded: OGI_CRASH_KILLS kills (6), each
after a few acknowledged requests or 20 s."""
import os
import random
import time

from ogiload import IntakeLoad
from ogitest import OgidTestCase, main, ogictl

KILLS = int(os.environ.get("OGI_CRASH_KILLS", "6"))


class Crash(OgidTestCase):
    ogid_env = {"OGI_TODAY": "2025-06-20"}

    def test_sigkill_under_load(self):
        body = int(ogictl(self.dbname, "body", "add", "崩溃测试街道", "--parent", "1").stdout)
        ogictl(self.dbname, "user", "add", "crashclerk", "--role", "clerk", "--body", str(body),
               "--password-stdin", input="a good long password\n")
        token = ogictl(self.dbname, "token", "create", "crashclerk").stdout.strip()
        load = IntakeLoad([self.ogid.port], token, body, tag="crash", workers=4)
        load.start()
        rng = random.Random(8)
        self_kills = 0
        try:
            self.assertTrue(load.wait_for(10, 60), "no intake got through before the first kill")
            for n in range(KILLS):
                if n % 2 == 0:
                    # the test kills ogid wherever it happens to be
                    load.wait_for(rng.randint(3, 12), 20)
                    time.sleep(rng.uniform(0, 0.05))
                    self.ogid.kill()
                    self.ogid.env.pop("OGI_TEST_CRASH_AFTER_COMMIT", None)
                else:
                    # ogid kills itself between a commit and its answer (see daemon/ep/requests_post.c)
                    deadline = time.monotonic() + 60
                    while self.ogid.proc.poll() is None and time.monotonic() < deadline:
                        time.sleep(0.02)
                    self.assertIsNotNone(self.ogid.proc.poll(), "the crash point was not reached")
                    self.ogid.kill()
                    self_kills += 1
                if n % 2 == 0 and n + 1 < KILLS:
                    self.ogid.env["OGI_TEST_CRASH_AFTER_COMMIT"] = str(rng.randint(1, 8))
                else:
                    self.ogid.env.pop("OGI_TEST_CRASH_AFTER_COMMIT", None)
                self.ogid.start()  # same port: clients just retry
            self.assertTrue(load.wait_for(10, 60), "intake did not resume after the last restart")
        finally:
            load.stop()
        problems, figures = load.verify(self.dbname)
        print(f"crash: {KILLS} kills ({self_kills} right after a commit): {figures['acknowledged']} acknowledged, {figures['found']} found; "
              f"{figures['attempts']} attempts, {figures['no_answer']} without an answer, "
              f"{figures['503']} answered 503, {figures['replayed']} answered from the stored first answer",
              flush=True)
        self.assertEqual(problems, [])
        self.assertEqual(figures["acknowledged"], figures["found"])
        self.assertGreater(figures["no_answer"], 0, "no request was caught by a kill: the test proved nothing")
        # each crash after a commit left one registered application unanswered; its client's
        # retry got the first answer instead of registering it again
        self.assertGreaterEqual(figures["replayed"], self_kills)
        # the restarted ogid serves normally
        self.assertEqual(self.ogid.client().get("/readyz").status, 200)


if __name__ == "__main__":
    main()
