import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One `curl` call found in a Markdown file's code blocks. */
export interface CurlExample {
  /** `docs/x.md:42`, for the failure message. */
  readonly where: string;
  readonly method: string;
  /** The path without the host or query, variables left as written (`/api/v1/workspaces/$WS/programs`). */
  readonly path: string;
  /** The `-d` argument as written, when there is one. */
  readonly body: string | undefined;
}

/** The server's address as the docs write it: `$TRIBUTARY/…`, `${TRIBUTARY}/…` or a local URL. */
const BASE = /^(?:\$\{?TRIBUTARY\}?|https?:\/\/(?:127\.0\.0\.1|localhost)(?::\d+)?)(\/[^?#]*)?/;

const DATA_OPTIONS = new Set(['-d', '--data', '--data-raw', '--data-binary']);
/** Options whose value is the next word, so it is not taken for the URL. */
const VALUE_OPTIONS = new Set(['-H', '--header', '-u', '--user', '-o', '--output', '-X', '--request', '-w', '--write-out', '-F', '--form', '--max-time', '-m', '-A']);

/**
 * Words of a shell command, as the shell would split them (quotes removed, variables left as
 * written), up to the end of the command (`|`, `)`, `;`, `&&`, `>`, `#`).
 */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < command.length; i += 1) {
    const char = command[i]!;
    if (char === "'") {
      const end = command.indexOf("'", i + 1);
      word += command.slice(i + 1, end === -1 ? undefined : end);
      inWord = true;
      i = end === -1 ? command.length : end;
    } else if (char === '"') {
      let j = i + 1;
      for (; j < command.length && command[j] !== '"'; j += 1) {
        if (command[j] === '\\' && j + 1 < command.length) j += 1;
        word += command[j];
      }
      inWord = true;
      i = j;
    } else if (char === '\\' && i + 1 < command.length) {
      word += command[i + 1];
      inWord = true;
      i += 1;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if ('|);'.includes(char) || (char === '&' && command[i + 1] === '&') || (!inWord && '>#'.includes(char))) {
      // `>` and `#` only at the start of a word: inside one they are text (`…/<deliveryId>/replay`).
      break;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** True when a quote opened in `command` is not closed yet. */
function openQuote(command: string): boolean {
  let quote: string | undefined;
  for (let i = 0; i < command.length; i += 1) {
    const char = command[i]!;
    if (quote === undefined && char === '\\') i += 1;
    else if (quote === '"' && char === '\\') i += 1;
    else if (quote === undefined && (char === "'" || char === '"')) quote = char;
    else if (char === quote) quote = undefined;
  }
  return quote !== undefined;
}

function parseCurl(words: string[], where: string): CurlExample | undefined {
  let method: string | undefined;
  let body: string | undefined;
  let url: string | undefined;
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i]!;
    if (word === '-X' || word === '--request') method = words[++i];
    else if (DATA_OPTIONS.has(word)) body = words[++i];
    else if (VALUE_OPTIONS.has(word)) i += 1;
    else if (!word.startsWith('-') && url === undefined && BASE.test(word)) url = word;
  }
  if (url === undefined) return undefined;
  return { where, method: (method ?? (body === undefined ? 'GET' : 'POST')).toUpperCase(), path: BASE.exec(url)![1] ?? '/', body };
}

/** Every `curl` to this server in the fenced code blocks of `file` (continuation lines joined). */
export function curlExamples(root: string, file: string): CurlExample[] {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const found: CurlExample[] = [];
  let inBlock = false;
  for (let n = 0; n < lines.length; n += 1) {
    if (lines[n]!.trimStart().startsWith('```')) {
      inBlock = !inBlock;
      continue;
    }
    if (!inBlock) continue;
    if (!/(^|[\s(])curl\s/.test(lines[n]!)) continue;
    let command = lines[n]!;
    const start = n;
    // Continuation lines, and quoted bodies that span lines (`-d '{` … `}'`).
    while (n + 1 < lines.length && (command.endsWith('\\') || openQuote(command))) {
      command = command.endsWith('\\') ? command.slice(0, -1) + ' ' + lines[++n]! : command + '\n' + lines[++n]!;
    }
    const at = command.search(/(^|[\s(])curl\s/);
    if (at === -1) continue;
    const example = parseCurl(shellWords(command.slice(command.indexOf('curl', at))).slice(1), `${file}:${start + 1}`);
    if (example) found.push(example);
  }
  return found;
}

/** README.md and every docs/*.md. */
export function documentationFiles(root: string): string[] {
  return ['README.md', ...readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
}
