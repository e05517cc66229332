import { LOCKDOWN_SOURCE } from './realm-lockdown.ts';

/**
 * The script that sets up a context for a batch of runs of one source. It installs a `console`
 * that keeps lines inside the isolate (no host callback ever enters it), locks the realm down
 * (realm-lockdown.ts), and evaluates to the closures the host calls by reference: `run(eventJson)`,
 * `takeLogs()`, `runGroup(eventsJson)` (every event of a batch in one call, stopping after an
 * unclean run) and `takeGroupAnswers()` (the answers of a group the host cut short).
 *
 * The user's source is not run at the top level of the context: `contextScript` wraps it in a
 * function (the factory) that `run` calls for every event, so the source's top level (its
 * declarations, its counters) starts over for each event, and `transform` is looked up in that
 * function's scope. The host compiles the source on its own first, so a source that would close
 * the wrapper early (`}); …`) is refused as a syntax error before it is ever wrapped.
 *
 * It captures `JSON`, `Array.isArray` and `String` before user code runs, so the event is always
 * parsed with the real `JSON.parse` (the built-ins are frozen afterwards anyway).
 *
 * `run` answers a small tuple so the host never interprets a user-made exception object:
 * `['ok', 'object' | 'array' | 'drop', json, clean, logs]`, or `[kind, message, '', clean, logs]`
 * with kind `missing`, `threw` or `invalid`. `clean` is false when the run left global state that
 * could not be undone: the host then gives the next event a fresh context.
 */

/** Log lines kept per run; later lines are counted, not kept. */
export const MAX_LOG_LINES = 100;
/** Characters kept of one log line. */
export const MAX_LOG_LINE_CHARS = 1000;
/** Characters kept of all log lines of one run. */
export const MAX_LOG_CHARS = 16_384;

const PRELUDE_HEAD = `(function (factory) {
  'use strict';
  const stringify = JSON.stringify;
  const parse = JSON.parse;
  const isArray = Array.isArray;
  const toText = String;
  const ErrorType = Error;
  const lines = [];
  let chars = 0;
  let dropped = 0;

  function show(value) {
    if (typeof value === 'string') return value;
    try {
      const text = stringify(value);
      if (typeof text === 'string') return text;
    } catch (_) {}
    try {
      return toText(value);
    } catch (_) {
      return '[unprintable]';
    }
  }

  function log() {
    if (lines.length >= ${MAX_LOG_LINES} || chars >= ${MAX_LOG_CHARS}) {
      dropped += 1;
      return;
    }
    let line = '';
    for (let i = 0; i < arguments.length; i += 1) line += (i === 0 ? '' : ' ') + show(arguments[i]);
    if (line.length > ${MAX_LOG_LINE_CHARS}) line = line.slice(0, ${MAX_LOG_LINE_CHARS}) + '…';
    lines.push(line);
    chars += line.length;
  }

  // WebAssembly memories are reserved outside the isolate's heap limit (a 32 MB isolate could map
  // gigabytes), and shared memory has no use in a synchronous function: neither is reachable.
  delete globalThis.WebAssembly;
  delete globalThis.SharedArrayBuffer;
  delete globalThis.Atomics;

  const console = { log: log, info: log, warn: log, error: log, debug: log, trace: log };
  Object.defineProperty(globalThis, 'console', { value: console, writable: true, configurable: true });

  const resetGlobal = (${LOCKDOWN_SOURCE})(globalThis);
  // sloppy code reaches the factory through arguments.callee: nothing may be kept on it either.
  Object.freeze(factory);
  Object.freeze(factory.prototype);

  function typeName(value) {
    if (value === null) return 'null';
    if (isArray(value)) return 'an array';
    switch (typeof value) {
      case 'function': return 'a function';
      case 'symbol': return 'a Symbol';
      case 'bigint': return 'a BigInt';
      case 'number': return 'a number';
      case 'string': return 'a string';
      case 'boolean': return 'a boolean';
      case 'undefined': return 'undefined';
      default: return 'an object';
    }
  }

  function describeThrown(thrown, who) {
    try {
      if (thrown instanceof ErrorType) return toText(thrown.name) + ': ' + toText(thrown.message);
      return who + ' threw a non-Error value: ' + show(thrown);
    } catch (_) {
      return who + ' threw a value that cannot be described';
    }
  }

  function isThenable(value) {
    try {
      return typeof value.then === 'function';
    } catch (_) {
      return false;
    }
  }

  function runOnce(event) {
    let fn;
    try {
      fn = factory();
    } catch (thrown) {
      return ['threw', describeThrown(thrown, 'the source')];
    }
    if (typeof fn !== 'function') {
      return ['missing', 'source_code must define a function named transform'];
    }
    let result;
    try {
      result = fn(event);
    } catch (thrown) {
      return ['threw', describeThrown(thrown, 'transform')];
    }
    if (result === null || result === undefined) return ['ok', 'drop', ''];
    if (typeof result !== 'object') {
      return ['invalid', 'transform must return an object, an array of objects, or null; it returned ' + typeName(result)];
    }
    if (isThenable(result)) {
      return ['invalid', 'transform returned a Promise; it must be synchronous and return the event'];
    }
    let shape = 'object';
    if (isArray(result)) {
      shape = 'array';
      for (let i = 0; i < result.length; i += 1) {
        const item = result[i];
        if (item === null || typeof item !== 'object' || isArray(item)) {
          return ['invalid', 'element ' + i + ' of the returned array is ' + typeName(item) + '; every element must be an object'];
        }
      }
    }
    let json;
    try {
      json = stringify(result);
    } catch (thrown) {
      return ['invalid', 'the result cannot be serialised as JSON (' + describeThrown(thrown, 'transform') + ')'];
    }
    if (typeof json !== 'string') return ['invalid', 'the result cannot be serialised as JSON'];
    return ['ok', shape, json];
  }

  function runEvent(event) {
    lines.length = 0;
    chars = 0;
    dropped = 0;
    const answer = runOnce(event);
    return [answer[0], answer[1], answer.length > 2 ? answer[2] : '', resetGlobal(), takeLogs()];
  }

  function run(eventJson) {
    return runEvent(parse(eventJson));
  }

  // The answers of the current group so far: readable after the host cut the group short.
  let groupAnswers = [];

  function runGroup(eventsJson) {
    groupAnswers = [];
    const events = parse(eventsJson);
    for (let i = 0; i < events.length; i += 1) {
      const answer = runEvent(events[i]);
      groupAnswers.push(answer);
      if (answer[3] !== true) break;
    }
    return groupAnswers;
  }

  function takeGroupAnswers() {
    return groupAnswers;
  }

  function takeLogs() {
    const copy = [];
    for (let i = 0; i < lines.length; i += 1) copy.push(lines[i]);
    if (dropped > 0) copy.push('… ' + dropped + ' more log lines dropped');
    return copy;
  }

  return [run, takeLogs, runGroup, takeGroupAnswers];
})(`;

/**
 * The script that sets up one context for `source`: the prelude, called with the source wrapped
 * in its factory function. The source keeps its own line numbers in errors (`lineOffset`).
 */
export function contextScript(source: string): { code: string; lineOffset: number } {
  const head = `${PRELUDE_HEAD}function () {\n`;
  const lineOffset = -(head.split('\n').length - 1);
  return { code: `${head}${source}\n;return typeof transform === 'function' ? transform : undefined;\n})`, lineOffset };
}
