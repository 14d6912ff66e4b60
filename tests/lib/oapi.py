"""api/openapi.yaml as the contract test reads it: the operation a method and a path
name, and a checker of JSON values against OpenAPI 3.0 schema objects.

The checker knows what the document uses — type (with nullable), enum, properties,
required, additionalProperties, items, allOf / oneOf / anyOf, $ref, minimum / maximum,
minLength / maxLength, minItems, pattern and the formats date and date-time — and
says, for each value that breaks a rule, where it is and which rule.  Python's standard
library and PyYAML (Debian's python3-yaml) only."""
import datetime
import re

import yaml

RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
DATE = re.compile(r"^\d{4}-\d\d-\d\d$")
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


class Spec:
    def __init__(self, doc):
        self.doc = doc
        # the paths' templates as segment lists; a literal segment outranks a {parameter}
        self.templates = []
        for template in doc.get("paths", {}):
            self.templates.append((template, template.strip("/").split("/")))

    def resolve(self, node):
        seen = 0
        while isinstance(node, dict) and "$ref" in node:
            ref = node["$ref"]
            if not ref.startswith("#/"):
                raise ValueError(f"only local $refs: {ref}")
            node = self.doc
            for part in ref[2:].split("/"):
                node = node[part.replace("~1", "/").replace("~0", "~")]
            seen += 1
            if seen > 50:
                raise ValueError(f"a $ref loop at {ref}")
        return node

    def template_of(self, path):
        """The path template a concrete path matches (the most literal one), or None."""
        segments = path.strip("/").split("/")
        best, best_params = None, None
        for template, parts in self.templates:
            if len(parts) != len(segments):
                continue
            params = 0
            for want, got in zip(parts, segments):
                if want.startswith("{") and want.endswith("}"):
                    if not got:
                        break
                    params += 1
                elif "{" in want:  # a parameter with a literal part: {token}.ics
                    pattern = re.sub(r"\\\{[a-z_]+\\\}", "[^/]+", re.escape(want))
                    if not re.fullmatch(pattern, got):
                        break
                    params += 0.5  # more literal than a bare {id}
                elif want != got:
                    break
            else:
                if best is None or params < best_params:
                    best, best_params = template, params
        return best

    def operation(self, method, template):
        item = self.doc["paths"].get(template) or {}
        return item.get(method.lower())

    def operations(self):
        for template, item in self.doc.get("paths", {}).items():
            for method in HTTP_METHODS:
                if method in item:
                    yield method.upper(), template, item[method]

    # ---- the schema checker ----

    def check(self, value, schema, where="$"):
        """The problems of value against schema, as [(where, what)]."""
        out = []
        self._check(value, schema, where, out)
        return out

    def _check(self, v, schema, where, out):
        schema = self.resolve(schema)
        if not isinstance(schema, dict) or not schema:
            return
        if v is None:
            # null: where the schema says nullable, or says nothing of the value's type
            constrained = any(k in schema for k in ("type", "allOf", "oneOf", "anyOf", "properties", "enum", "items"))
            if not schema.get("nullable") and constrained:
                out.append((where, "null, not nullable"))
            return
        if "allOf" in schema:
            # an object composed of parts is one object: the members any part names are
            # known to all (additionalProperties false closes the whole, as code generators read it)
            if isinstance(v, dict):
                self._check(v, self._merged(schema), where, out)
                return
            for sub in schema["allOf"]:
                self._check(v, sub, where, out)
        for key in ("oneOf", "anyOf"):
            if key in schema:
                fits = [s for s in schema[key] if not self.check(v, s, where)]
                if key == "oneOf" and len(fits) != 1 or key == "anyOf" and not fits:
                    out.append((where, f"{key}: {len(fits)} of {len(schema[key])} schemas fit"))
        t = schema.get("type")
        if t and not self._type_ok(v, t):
            out.append((where, f"{type(v).__name__} {json_short(v)}, not {t}"))
            return
        if "enum" in schema and v not in schema["enum"]:
            out.append((where, f"{json_short(v)} not in enum {schema['enum']}"))
        if isinstance(v, str):
            if "maxLength" in schema and len(v) > schema["maxLength"]:
                out.append((where, f"longer than {schema['maxLength']}"))
            if "minLength" in schema and len(v) < schema["minLength"]:
                out.append((where, f"shorter than {schema['minLength']}"))
            if "pattern" in schema and not re.search(schema["pattern"], v):
                out.append((where, f"{json_short(v)} does not match {schema['pattern']}"))
            fmt = schema.get("format")
            if fmt == "date" and not valid_date(v):
                out.append((where, f"{json_short(v)} is not a date YYYY-MM-DD"))
            if fmt == "date-time" and not RFC3339.match(v):
                out.append((where, f"{json_short(v)} is not an RFC 3339 time"))
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            if "minimum" in schema and v < schema["minimum"]:
                out.append((where, f"{v} below the minimum {schema['minimum']}"))
            if "maximum" in schema and v > schema["maximum"]:
                out.append((where, f"{v} above the maximum {schema['maximum']}"))
        if isinstance(v, list):
            if "minItems" in schema and len(v) < schema["minItems"]:
                out.append((where, f"fewer than {schema['minItems']} items"))
            if "items" in schema:
                for i, x in enumerate(v):
                    self._check(x, schema["items"], f"{where}[{i}]", out)
        if isinstance(v, dict):
            props = schema.get("properties", {})
            for name in schema.get("required", []):
                if name not in v:
                    out.append((where, f"no {name} (required)"))
            extra = schema.get("additionalProperties", True)
            for name, x in v.items():
                if name in props:
                    self._check(x, props[name], f"{where}.{name}", out)
                elif extra is False:
                    out.append((where, f"{name} is not in the schema"))
                elif isinstance(extra, dict):
                    self._check(x, extra, f"{where}.{name}", out)

    def _merged(self, schema):
        """One schema of an allOf tree: the parts' properties, required members and rules."""
        schema = self.resolve(schema)
        merged = {k: v for k, v in schema.items() if k != "allOf"}
        merged["properties"] = dict(schema.get("properties", {}))
        merged["required"] = list(schema.get("required", []))
        for part in schema.get("allOf", []):
            part = self._merged(part)
            for k, v in part.items():
                if k == "properties":
                    merged["properties"].update(v)
                elif k == "required":
                    merged["required"] += v
                elif k == "additionalProperties":
                    if v is False or "additionalProperties" not in merged:
                        merged[k] = v
                elif k not in merged:
                    merged[k] = v
        return merged

    @staticmethod
    def _type_ok(v, t):
        if t == "object":
            return isinstance(v, dict)
        if t == "array":
            return isinstance(v, list)
        if t == "string":
            return isinstance(v, str)
        if t == "boolean":
            return isinstance(v, bool)
        if t == "integer":
            return isinstance(v, int) and not isinstance(v, bool)
        if t == "number":
            return isinstance(v, (int, float)) and not isinstance(v, bool)
        return True


def valid_date(s):
    if not DATE.match(s):
        return False
    try:
        datetime.date.fromisoformat(s)
        return True
    except ValueError:
        return False


def json_short(v):
    text = repr(v)
    return text if len(text) <= 60 else text[:57] + "..."
