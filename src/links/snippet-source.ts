/**
 * The tracking snippet a shop adds with one tag (docs/partner-links.md):
 *
 *   <script src="https://tributary.example.com/js/tributary.js" data-workspace="<id>" async></script>
 *
 * Plain ES2017 without dependencies, written out here so it is served from memory exactly as read.
 * What it does, in order:
 * 1. Reads the opportunity it holds (localStorage, else its first-party cookie `tributary_oid`,
 *    `oid.expiresAtMs.code`), dropped once the attribution window has passed.
 * 2. On a page whose query names a referral code under one of the workspace's link parameters
 *    (`ref` …, read from `/js/workspaces/{id}/tracking.json`), and only when the workspace turned
 *    public visits on, reports `site-visited` with the code and the page's URL, sending the
 *    opportunity it holds as `X-Siren-OID` (seed 000: the visit keeps it when it is still live
 *    for that partner), and keeps the `X-Siren-OID` answered for the window. The same code seen
 *    again (a reload, the next page) is not reported again. Requests go without credentials:
 *    Tributary's origin gets no cookie of its own, and reads none.
 * 3. Fills the opportunity id into every `<input data-tributary-oid>`, every Stripe Payment Link
 *    (`client_reference_id`) and Buy Button (`client-reference-id`) on the page, also those added
 *    later (MutationObserver), as Rewardful's and Tolt's scripts do.
 * 4. `window.tributary.oid()` answers the id (or null); `tributary.ready(cb)` calls `cb(oid)` once
 *    the visit is reported (at once when there is nothing to report).
 */
export const SNIPPET_SOURCE = `(function () {
  'use strict';
  var w = window, d = document;
  if (w.tributary && w.tributary.version) return;
  var script = d.currentScript || d.querySelector('script[data-workspace]');
  var workspace = script && script.getAttribute('data-workspace');
  var api = script && (script.getAttribute('data-api') || new URL(script.src, location.href).origin);
  var NAME = 'tributary_oid';
  var CODE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
  var held = load();
  var settled = false, waiting = [], queued = false;

  function live(v) { return !!v && v.oid > 0 && v.exp > Date.now(); }
  function load() {
    var v = null;
    try { v = JSON.parse(localStorage.getItem(NAME) || 'null'); } catch (e) {}
    if (!live(v)) {
      var m = d.cookie.match(/(?:^|;\\s*)tributary_oid=(\\d+)\\.(\\d+)\\.([A-Za-z0-9_-]*)/);
      v = m && { oid: +m[1], exp: +m[2], code: m[3] };
    }
    return live(v) ? v : null;
  }
  function save(v) {
    held = v;
    try { localStorage.setItem(NAME, JSON.stringify(v)); } catch (e) {}
    d.cookie = NAME + '=' + v.oid + '.' + v.exp + '.' + v.code + '; Path=/; Max-Age=' + Math.round((v.exp - Date.now()) / 1000) +
      '; SameSite=Lax' + (location.protocol === 'https:' ? '; Secure' : '');
  }
  function oid() { return live(held) ? held.oid : null; }
  function each(selector, fn) { var list = d.querySelectorAll(selector); for (var i = 0; i < list.length; i++) fn(list[i]); }
  function fill() {
    var id = oid();
    if (id === null) return;
    var value = String(id);
    each('input[data-tributary-oid]', function (el) { if (el.value !== value) el.value = value; });
    each('a[href^="https://buy.stripe.com/"]', function (el) {
      var url = new URL(el.href);
      if (url.searchParams.get('client_reference_id') !== value) { url.searchParams.set('client_reference_id', value); el.href = url.href; }
    });
    each('stripe-buy-button', function (el) { if (el.getAttribute('client-reference-id') !== value) el.setAttribute('client-reference-id', value); });
  }
  function call(cb) { try { cb(oid()); } catch (e) { setTimeout(function () { throw e; }); } }
  function settle() {
    settled = true;
    fill();
    var callbacks = waiting;
    waiting = [];
    for (var i = 0; i < callbacks.length; i++) call(callbacks[i]);
  }
  w.tributary = { version: 1, oid: oid, ready: function (cb) { if (settled) call(cb); else waiting.push(cb); } };

  new MutationObserver(function () {
    if (queued) return;
    queued = true;
    setTimeout(function () { queued = false; fill(); }, 0);
  }).observe(d.documentElement, { childList: true, subtree: true });
  if (d.readyState === 'loading') d.addEventListener('DOMContentLoaded', fill);
  fill();

  if (!workspace || !location.search) return settle();
  fetch(api + '/js/workspaces/' + encodeURIComponent(workspace) + '/tracking.json', { credentials: 'omit' })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (s) {
      if (!s || !s.public_visits) return;
      var query = new URLSearchParams(location.search), code = null;
      for (var i = 0; i < s.params.length && !code; i++) {
        var value = query.get(s.params[i]);
        if (value && CODE.test(value)) code = value;
      }
      if (!code || (held && held.code.toLowerCase() === code.toLowerCase())) return;
      var headers = { 'Content-Type': 'application/json', 'X-Workspace-ID': workspace };
      if (held) headers['X-Siren-OID'] = String(held.oid);
      return fetch(api + '/event/site-visited', {
        method: 'POST', credentials: 'omit', headers: headers,
        body: JSON.stringify({ referralCode: code, landingUrl: location.href })
      }).then(function (r) {
        var id = Number(r.headers.get('X-Siren-OID'));
        if (!r.ok || !(id > 0) || id % 1 !== 0) return;
        save({ oid: id, exp: held && held.oid === id ? held.exp : Date.now() + s.window_days * 864e5, code: code });
      });
    })
    .catch(function () {})
    .then(settle);
})();
`;
