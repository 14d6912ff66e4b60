"""Every response the api suite received, held to api/openapi.yaml: the route is in the
document, the status is one its operation lists (or one of x-common-responses), the media
type is one it gives for that status, and a JSON body fits the schema it gives — so a
change in behaviour that the document does not follow (or the other way round) fails CI.

Runs near the end of the run (meson priority -999, is_parallel : false): by then every api
test has written what it received to build/test-logs/contract/ (tests/lib/ogitest.py,
record_response).  The web client's files (/, /js/…, /v/…) are not the API's and are left
out; a path under /api/ that the document lacks is reported as a route missing from the
spec when ogid answered it with anything but 404 or 405 (those are the tests' own probes
of routes that do not exist)."""
import collections
import glob
import json
import os
import sys
import unittest

import oapi
from ogitest import CONTRACT_DIR, SOURCE

SPEC_PATH = os.path.join(SOURCE, "api", "openapi.yaml")
NOT_API = ("/api/", "/healthz", "/readyz", "/metrics")
# how many examples of one kind of problem are printed
EXAMPLES = 3


def records():
    for path in sorted(glob.glob(os.path.join(CONTRACT_DIR, "*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)


class Contract(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.spec = oapi.Spec(oapi.load(SPEC_PATH))
        cls.common = cls.spec.doc.get("x-common-responses", {})
        cls.records = list(records())
        if not cls.records:
            print(f"SKIP: no recorded responses in {CONTRACT_DIR} (the api suite writes them; "
                  "run the whole suite through scripts/test)")
            sys.exit(77)

    def test_every_response_is_in_the_spec(self):
        missing_routes = collections.Counter()   # (method, path) the document lacks
        problems = collections.defaultdict(list)  # (method, template, status): [what]
        checked = collections.Counter()
        for r in self.records:
            path, method, status = r["path"], r["method"], r["status"]
            if not path.startswith(NOT_API):
                continue  # the web client's static files
            template = self.spec.template_of(path)
            op = self.spec.operation(method, template) if template else None
            if op is None:
                if status not in (404, 405):
                    missing_routes[(method, template or path)] += 1
                continue
            key = (method, template, status)
            checked[key] += 1
            responses = op.get("responses", {})
            response = responses.get(str(status)) or responses.get("default") or self.common.get(str(status))
            if response is None:
                problems[key].append(f"status {status} is not among {sorted(responses)} "
                                     f"(nor x-common-responses) [{r['test']}]")
                continue
            response = self.spec.resolve(response)
            content = response.get("content")
            if not content:
                if r["length"] and status != 304:
                    problems[key].append(f"a body of {r['media'] or 'no type'} where the spec gives none "
                                         f"[{r['test']}]")
                continue
            media = r["media"]
            if media not in content:
                problems[key].append(f"media type {media or '(none)'} not among {sorted(content)} [{r['test']}]")
                continue
            if method == "HEAD":  # the headers of a GET, no body (RFC 9110 §9.3.2): nothing to check more
                continue
            schema = (content[media] or {}).get("schema")
            if media.endswith("json"):
                if schema is None:
                    problems[key].append(f"no schema for {media} [{r['test']}]")
                    continue
                for where, what in self.spec.check(r["body"], schema)[:5]:
                    problems[key].append(f"{where}: {what} [{r['test']}]")
        report = []
        if missing_routes:
            report.append("routes missing from api/openapi.yaml (add them, with their responses):")
            report += [f"  {m} {p}  ({n}×)" for (m, p), n in sorted(missing_routes.items())]
        for (method, template, status), whats in sorted(problems.items()):
            distinct = list(dict.fromkeys(whats))
            report.append(f"{method} {template} → {status}: {len(whats)} of {checked[(method, template, status)]} "
                          f"responses break the spec, e.g.")
            report += [f"    {w}" for w in distinct[:EXAMPLES]]
        print(f"contract: {sum(checked.values())} responses of {len(checked)} kinds "
              f"(method, route, status) held to the spec", flush=True)
        self.assertEqual(report, [], "\n" + "\n".join(report))

    def test_operations_the_suite_never_reached(self):
        """Not a failure: the operations of the document no recorded response came from,
        printed so a route without any test stands out."""
        reached = set()
        for r in self.records:
            template = self.spec.template_of(r["path"]) if r["path"].startswith(NOT_API) else None
            if template:
                reached.add((r["method"], template))
        unreached = [f"{m} {t}" for m, t, _ in self.spec.operations() if (m, t) not in reached]
        if unreached:
            print("contract: operations no api test reached: " + ", ".join(unreached), flush=True)


if __name__ == "__main__":
    unittest.main(verbosity=2)
