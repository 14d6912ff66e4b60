// api/openapi.yaml is a valid OpenAPI 3 document as a standard validator sees
// it (@apidevtools/swagger-parser: the OpenAPI 3.0/3.1 JSON schema, then the
// parameters, $refs and schemas), so code generators and API tools can use
// it.  The validator comes from npm (scripts/test installs it into
// tests/openapi/node_modules); without it the test says SKIP (77).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';

let SwaggerParser;
try {
  ({ default: SwaggerParser } = await import('@apidevtools/swagger-parser'));
} catch {
  console.log('SKIP: @apidevtools/swagger-parser is not installed (scripts/test installs it with npm)');
  process.exit(77);
}

const spec = join(import.meta.dirname, '..', '..', 'api', 'openapi.yaml');

test('api/openapi.yaml is valid OpenAPI 3', async () => {
  let api;
  try {
    api = await SwaggerParser.validate(spec);
  } catch (e) {
    assert.fail(`swagger-parser: ${e.message}`);
  }
  assert.match(api.openapi, /^3\./);
  // the routes of daemon/core/routes.c are all in it (tests/api/test_foundation.py checks each)
  const operations = Object.values(api.paths).flatMap((item) => Object.keys(item).filter((k) => ['get', 'put', 'post', 'delete', 'patch'].includes(k)));
  assert.ok(operations.length >= 48, `${operations.length} operations`);
});
