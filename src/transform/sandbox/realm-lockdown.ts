/**
 * The part of the prelude that makes one context safe to reuse for every event of a batch (see
 * isolate-runner.ts for why a batch shares a context: a fresh context costs about 0.3 ms, the
 * call itself about 0.01 ms).
 *
 * What could carry state from one event's run to the next in a shared context, and what stops it:
 *
 * - the built-ins (`Object.prototype.x = …`, `Array.prototype.push = …`, `Math.cache = …`,
 *   `JSON.parse = …`): every object reachable from the global object, and the intrinsics only
 *   syntax reaches (generator, async and iterator prototypes), is frozen, as SES's `lockdown()`
 *   does. An assignment to them does nothing in sloppy code and throws a TypeError in strict code;
 * - the global object: its own properties are made read-only, and properties a run adds
 *   (`x = 1` without a declaration, `globalThis.seen = …`) are deleted after that run, so sloppy
 *   code that writes implicit globals still works within its run. A run that leaves something it
 *   cannot delete (a non-configurable property, a non-extensible global) is reported, and the host
 *   gives the next event a fresh context;
 * - the user's top-level variables: the source runs again for every event, inside a function of
 *   its own (see prelude.ts), so `var count = …` starts over each time;
 * - the legacy RegExp statics (`RegExp.$1`, `RegExp.lastMatch`, …) hold the last match of any
 *   regular expression: the previous event's data. They are deleted;
 * - `WeakRef` and `FinalizationRegistry` let a callback of one run fire during a later run. A
 *   synchronous transform has no use for them; they are deleted.
 *
 * Freezing has one known cost, the "override mistake": assigning a property on an ordinary object
 * whose prototype has a read-only property of that name fails (`error.name = 'MyError'`,
 * `object.toString = …`). The common names are turned into accessors whose setter defines the
 * property on the object itself, as SES's "enablements" do, so that code keeps working; the setter
 * refuses (TypeError) a change to the shared prototype itself.
 *
 * The source is a function expression `(global) => void` embedded in the prelude; it runs before
 * any user code, so the functions it captures are the real ones.
 */
export const LOCKDOWN_SOURCE = `function lockdown(global) {
  'use strict';
  const freeze = Object.freeze;
  const getPrototypeOf = Object.getPrototypeOf;
  const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  const defineProperty = Object.defineProperty;
  const ownKeys = Reflect.ownKeys;
  const TypeErrorType = TypeError;

  for (const key of ownKeys(RegExp)) {
    if (typeof key !== 'string') continue;
    if (key[0] === '$' || key === 'input' || key === 'lastMatch' || key === 'lastParen' || key === 'leftContext' || key === 'rightContext') {
      delete RegExp[key];
    }
  }
  delete global.WeakRef;
  delete global.FinalizationRegistry;

  function tame(proto, key) {
    const desc = getOwnPropertyDescriptor(proto, key);
    if (!desc || !('value' in desc) || !desc.configurable) return;
    const value = desc.value;
    defineProperty(proto, key, {
      get: function () { return value; },
      set: function (next) {
        if (this === proto) throw new TypeErrorType('Cannot change ' + String(key) + ' of a built-in prototype: built-ins are frozen');
        defineProperty(this, key, { value: next, writable: true, enumerable: true, configurable: true });
      },
      enumerable: desc.enumerable,
      configurable: false,
    });
  }
  for (const key of ownKeys(Object.prototype)) if (key !== '__proto__') tame(Object.prototype, key);
  for (const key of ['constructor', 'toString', 'toLocaleString']) {
    tame(Function.prototype, key);
    tame(Array.prototype, key);
  }
  const errors = [Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError];
  if (typeof AggregateError === 'function') errors.push(AggregateError);
  for (const type of errors) for (const key of ['constructor', 'name', 'message', 'toString']) tame(type.prototype, key);

  const seen = new WeakSet();
  const pending = [];
  function harden(value) {
    pending.push(value);
    while (pending.length > 0) {
      const item = pending.pop();
      if ((typeof item !== 'object' && typeof item !== 'function') || item === null || seen.has(item)) continue;
      seen.add(item);
      freeze(item);
      pending.push(getPrototypeOf(item));
      for (const key of ownKeys(item)) {
        const desc = getOwnPropertyDescriptor(item, key);
        if ('value' in desc) pending.push(desc.value);
        else pending.push(desc.get, desc.set);
      }
    }
  }

  seen.add(global);
  harden(getPrototypeOf(global));
  for (const key of ownKeys(global)) {
    const desc = getOwnPropertyDescriptor(global, key);
    if ('value' in desc) {
      harden(desc.value);
      if (desc.configurable || desc.writable) defineProperty(global, key, { writable: false, configurable: false });
    } else {
      harden(desc.get);
      harden(desc.set);
      if (desc.configurable) defineProperty(global, key, { configurable: false });
    }
  }
  // Intrinsics that no global property leads to, only syntax.
  harden(getPrototypeOf(function* () {}));
  harden(getPrototypeOf(async function () {}));
  harden(getPrototypeOf(async function* () {}));
  harden((function* () {})());
  harden((async function* () {})());
  harden([][Symbol.iterator]());
  harden(new Map()[Symbol.iterator]());
  harden(new Set()[Symbol.iterator]());
  harden(''[Symbol.iterator]());
  harden(/x/[Symbol.matchAll](''));
  if (typeof Intl === 'object' && typeof Intl.Segmenter === 'function') {
    const segments = new Intl.Segmenter().segment('');
    harden(segments);
    harden(segments[Symbol.iterator]());
  }

  const baseline = new Set(ownKeys(global));
  const isExtensible = Object.isExtensible;
  const deleteProperty = Reflect.deleteProperty;
  /** Deletes the global properties a run added; false when something could not be undone. */
  return function resetGlobal() {
    const keys = ownKeys(global);
    if (keys.length === baseline.size && isExtensible(global)) return true;
    let clean = isExtensible(global);
    for (let i = 0; i < keys.length; i += 1) {
      if (!baseline.has(keys[i]) && !deleteProperty(global, keys[i])) clean = false;
    }
    return clean;
  };
}`;
