import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../support/harness.ts';
import { curlExamples, documentationFiles, shellWords } from '../support/markdown-curl.ts';
import type { OpenApiDocument } from '../support/openapi-conformance.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The document's path templates as patterns: `{id}` matches any one segment, `$WS` or `7` alike. */
function operationFor(doc: OpenApiDocument, method: string, path: string) {
  const clean = path.replace(/\/+$/, '') || '/';
  for (const [template, item] of Object.entries(doc.paths)) {
    const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}|\{[^}]+\}/g, '[^/]+')}$`);
    if (pattern.test(clean) && item[method.toLowerCase()]) return { template, operation: item[method.toLowerCase()]! };
  }
  return undefined;
}

describe('shellWords', () => {
  it('splits a curl line as the shell would, up to a pipe', () => {
    expect(shellWords(`curl -H 'A: b' -d '{"x":"y z"}' "$TRIBUTARY/v1/track?a=1" | jq .`)).toEqual(['curl', '-H', 'A: b', '-d', '{"x":"y z"}', '$TRIBUTARY/v1/track?a=1']);
  });
});

/**
 * The README's and docs' curl examples against /openapi.json: each names an operation the
 * document has (method and path), and each JSON body is valid by that operation's request schema.
 * An example that drifts from the API, or a route whose description forgets a field the docs
 * use, fails here by file and line.
 */
describe('the request examples in the README and docs', () => {
  const server = useTestServer('sqlite');

  it('name documented operations, with bodies the document accepts', async () => {
    const doc = (await server.inject({ method: 'GET', url: '/openapi.json' })).json() as OpenApiDocument;
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema(doc as object, 'openapi');
    const problems: string[] = [];
    const examples = documentationFiles(ROOT).flatMap((file) => curlExamples(ROOT, file));
    for (const example of examples) {
      const found = operationFor(doc, example.method, example.path);
      if (!found) {
        problems.push(`${example.where}: ${example.method} ${example.path} is not in the document`);
        continue;
      }
      if (example.body === undefined || example.body.startsWith('@')) continue;
      let body: unknown;
      try {
        body = JSON.parse(example.body);
      } catch {
        problems.push(`${example.where}: the body is not JSON: ${example.body.slice(0, 80)}`);
        continue;
      }
      const schema = found.operation.requestBody?.content?.['application/json']?.schema;
      if (!schema) {
        problems.push(`${example.where}: ${example.method} ${found.template} documents no JSON body`);
        continue;
      }
      const pointer = `/paths/${found.template.replaceAll('~', '~0').replaceAll('/', '~1')}/${example.method.toLowerCase()}/requestBody/content/application~1json/schema`;
      const validate = ajv.getSchema(`openapi#${pointer}`) ?? ajv.compile({ $ref: `openapi#${pointer}` });
      if (!validate(body)) problems.push(`${example.where}: ${example.method} ${found.template}: ${ajv.errorsText(validate.errors)}`);
    }
    expect(examples.length).toBeGreaterThan(50);
    expect(problems).toEqual([]);
  });
});
