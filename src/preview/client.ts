/**
 * The page `scorecard preview` serves at `/`: a shell around the report.
 *
 * The report itself is served untouched at `/report.html` and shown in a
 * sandboxed iframe (no `allow-scripts`, plus a CSP header forbidding script),
 * so content can never run script, in the preview as in the built report.
 * The shell alone runs one nonce'd script: it listens to server-sent events,
 * swaps in each new render (loaded in a hidden second frame, scroll position
 * kept, so the page does not flash), and lists check diagnostics in an
 * overlay beside what could be rendered (or the last render, when nothing
 * could be). Diagnostics are inserted as text nodes only: they quote content,
 * which must never become markup. Each place is a link into the editor; the
 * server makes the link from a checked template (editor-url.ts), and the page
 * checks its scheme again before using it.
 */

/** The shell page, with `nonce` on its only script and style. */
export function shellPage(nonce: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Scorecard preview</title>
<style nonce="${nonce}">${shellCss}</style>
</head>
<body>
<div id="frames">
<iframe id="frame-0" class="front" title="Report preview" sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"></iframe>
<iframe id="frame-1" title="Report preview (next render)" sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox" aria-hidden="true" tabindex="-1"></iframe>
</div>
<section id="scorecard-overlay" hidden aria-live="polite">
<details id="overlay-details">
<summary id="overlay-summary"></summary>
<p id="overlay-error" hidden></p>
<ol id="overlay-list"></ol>
</details>
<button type="button" id="overlay-hide" aria-label="Hide the problems until the next change">Hide</button>
</section>
<p id="scorecard-status" role="status">Connecting…</p>
<script nonce="${nonce}">${shellScript}</script>
</body>
</html>
`
}

const shellCss = `
html, body { margin: 0; height: 100%; }
body { font: 15px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1b1b; background: #f4f4f4; }
#frames { position: fixed; inset: 0; }
#frames iframe { position: absolute; inset: 0; width: 100%; height: 100%; border: 0; background: #fff; visibility: hidden; }
#frames iframe.front { visibility: visible; }
#scorecard-overlay { position: fixed; top: 0; left: 0; right: 0; max-height: 55vh; overflow: auto; z-index: 2;
  background: #fff6f5; border-bottom: 4px solid #b3261e; box-shadow: 0 2px 12px rgba(0,0,0,.25); padding: .5rem 1rem; }
#scorecard-overlay.warnings { top: auto; bottom: 0; border-bottom: 0; border-top: 4px solid #8a6100; background: #fffbea; max-height: 40vh; padding-left: 6.5rem; }
#scorecard-overlay summary { font-weight: 700; cursor: pointer; padding: .25rem 0; margin-right: 4rem; }
#scorecard-overlay ol { margin: .25rem 0 .5rem; padding-left: 1.25rem; }
#scorecard-overlay li { margin: .35rem 0; }
#scorecard-overlay .where { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-weight: 700; }
#scorecard-overlay a.where { color: #0b4f9c; text-decoration: underline; }
#scorecard-overlay a.where:focus-visible { outline: 2px solid #0b4f9c; outline-offset: 2px; }
#scorecard-overlay .severity-error { color: #b3261e; font-weight: 700; }
#scorecard-overlay .severity-warning { color: #7a5600; font-weight: 700; }
#scorecard-overlay .rule { color: #555; }
#scorecard-overlay .hint { color: #444; margin-left: 1rem; }
#overlay-error { white-space: pre-wrap; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
#overlay-hide { position: absolute; top: .5rem; right: 1rem; font: inherit; }
#scorecard-status { position: fixed; left: .5rem; bottom: .5rem; margin: 0; z-index: 3; padding: .15rem .6rem; border-radius: 1rem;
  font-size: 12px; background: rgba(27,27,27,.8); color: #fff; pointer-events: none; }
#scorecard-status[data-state="live"] { opacity: .55; }
#scorecard-status[data-state="disconnected"] { background: #b3261e; }
`

// Plain ES2017 in a string: it runs in the browser, not in Node.
const shellScript = `
(function () {
  'use strict';
  var frames = [document.getElementById('frame-0'), document.getElementById('frame-1')];
  var front = 0, shown = -1, loading = -1, hiddenKey = null;
  var overlay = document.getElementById('scorecard-overlay');
  var details = document.getElementById('overlay-details');
  var summary = document.getElementById('overlay-summary');
  var errorText = document.getElementById('overlay-error');
  var list = document.getElementById('overlay-list');
  var statusLine = document.getElementById('scorecard-status');

  function setStatus(state, text) { statusLine.dataset.state = state; statusLine.textContent = text; }

  function show(version) {
    if (version === shown || version === loading) return;
    loading = version;
    var back = frames[1 - front];
    back.onload = function () {
      if (loading !== version) return;
      var current = frames[front];
      try {
        var from = current.contentWindow;
        if (shown >= 0 && from) back.contentWindow.scrollTo(from.scrollX, from.scrollY);
        if (back.contentDocument && back.contentDocument.title) document.title = back.contentDocument.title + ' (preview)';
      } catch (e) {}
      back.classList.add('front'); back.removeAttribute('aria-hidden'); back.removeAttribute('tabindex');
      current.classList.remove('front'); current.setAttribute('aria-hidden', 'true'); current.setAttribute('tabindex', '-1');
      front = 1 - front; shown = version; loading = -1;
      document.documentElement.dataset.version = String(version);
    };
    back.src = '/report.html?v=' + version;
  }

  function plural(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function render(state) {
    var problems = state.diagnostics || [];
    document.documentElement.dataset.state = state.ok ? 'ok' : 'error';
    var key = JSON.stringify([state.error, problems]);
    if (!state.error && problems.length === 0) { overlay.hidden = true; hiddenKey = null; return; }
    if (key === hiddenKey) return;
    overlay.hidden = false;
    overlay.className = state.ok ? 'warnings' : 'errors';
    var counts = plural(state.errors, 'error') + ', ' + plural(state.warnings, 'warning');
    var heading = state.error ? 'Build failed' : counts;
    if (!state.ok) heading += state.shows === 'partial' ? ': showing what can be rendered' : state.shows === 'none' ? ': nothing rendered yet' : ': showing the last render';
    summary.textContent = heading;
    details.open = !state.ok;
    errorText.hidden = !state.error;
    errorText.textContent = state.error || '';
    var items = problems.map(function (d) {
      var item = el('li');
      var where = d.file + ':' + d.line + ':' + d.column;
      var scheme = /^([a-z][a-z0-9+.-]*):/i.exec(d.href || '');
      if (scheme && !/^(javascript|vbscript|data|blob|file|filesystem|about|chrome|view-source|ws|wss)$/i.test(scheme[1])) {
        var link = el('a', 'where', where);
        link.href = d.href;
        link.title = 'Open ' + where + ' in the editor';
        if (/^https?$/i.test(scheme[1])) { link.target = '_blank'; link.rel = 'noopener noreferrer'; }
        item.appendChild(link);
      } else {
        item.appendChild(el('span', 'where', where));
      }
      item.appendChild(document.createTextNode(' '));
      item.appendChild(el('span', 'severity-' + d.severity, d.severity));
      item.appendChild(document.createTextNode(' ' + d.reason + ' '));
      item.appendChild(el('span', 'rule', '[' + d.ruleId + ']'));
      if (d.hint) item.appendChild(el('div', 'hint', 'hint: ' + d.hint));
      return item;
    });
    list.replaceChildren.apply(list, items);
    overlay.dataset.key = key;
  }

  document.getElementById('overlay-hide').addEventListener('click', function () {
    hiddenKey = overlay.dataset.key || null;
    overlay.hidden = true;
  });

  var source = new EventSource('/events');
  source.addEventListener('state', function (event) {
    var state = JSON.parse(event.data);
    render(state);
    if (state.building) setStatus('building', 'Rebuilding…');
    else setStatus('live', state.ok ? 'Live' : 'Live: fix the problems to update');
    // Version 0 is the placeholder served until the first render.
    show(state.hasReport ? state.version : 0);
  });
  source.addEventListener('open', function () { setStatus('live', 'Live'); });
  source.addEventListener('error', function () {
    setStatus('disconnected', source.readyState === 2 ? 'Disconnected: scorecard preview stopped' : 'Reconnecting…');
  });
})();
`

/** The page shown in the frame until anything can be rendered (scorecard.yml itself has errors). */
export function placeholderPage(): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Nothing rendered yet</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:20vh auto;padding:0 1rem;color:#333}</style></head>
<body><h1>Nothing rendered yet</h1><p>The project has problems that stop the report from rendering. They are listed above; fix them and this page updates by itself.</p></body>
</html>
`
}
