import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, ERROR_DESCRIPTIONS } from '../../src/errors/index.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('error catalogue', () => {
  const codes = Object.keys(ERROR_CODES);

  it('documents every code', () => {
    for (const code of codes) expect(ERROR_DESCRIPTIONS[code as keyof typeof ERROR_DESCRIPTIONS], code).toMatch(/\S/);
  });

  it('uses snake_case codes and 4xx/5xx statuses only', () => {
    for (const [code, status] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(status >= 400 && status < 600, code).toBe(true);
    }
  });

  it('uses every code somewhere in src/ (an unused code is an undocumented promise)', () => {
    const catalogue = join('src', 'errors', 'error-codes.ts');
    const source = sourceFiles('src')
      .filter((file) => file !== catalogue)
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    const unused = codes.filter((code) => !source.includes(`'${code}'`));
    expect(unused).toEqual([]);
  });
});
