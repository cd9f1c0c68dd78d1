"""The live preview's page: one HTML document with its style and script inline.

The page holds no map data when it is served: it opens the event stream (``events``)
and draws each snapshot it receives.  A new diagram replaces the old SVG element in
place (parsed as XML with ``DOMParser``, never as HTML), and the view box the reader
zoomed into is carried over (anchored on the selected box, else the one nearest the
centre of the view, kept at the same place on the screen), so the map changes under the
reader's eyes without a reload.  The view is the HTML export's own script
(:data:`argmap._render.page.VIEW`): zoom and pan, the search box and the menu of sides
to hide, which a new diagram keeps (the words, the current match, the hidden sides, by
name).  While the file cannot be drawn (``ok`` false: unreadable, invalid, Graphviz
failed) the last good diagram stays, greyed, with the errors on top, and can still be
searched; the check's findings leave it live and are counted in the header; the
diagnostics panel lists every problem with its ``line:column``.  Every text
from the map reaches the page through ``textContent``; the only links made are http,
https and mailto addresses that the renderer already let through, checked again here.

The Content-Security-Policy is the HTML export's (:mod:`argmap._render.page`): nothing
but the page's one script, by hash, and inline style; plus ``connect-src 'self'`` for the
event stream, and ``frame-ancestors 'none'``.  It is sent as a header and repeated in
the page (without ``frame-ancestors``, which a ``<meta>`` policy cannot carry).
"""

from __future__ import annotations

import base64
import hashlib
import html

from argmap._render.page import (
    DETAILS_PANEL,
    HELPERS,
    NODE_FIELDS,
    STYLE,
    VIEW,
    controls,
    head,
)

__all__ = ["META_POLICY", "POLICY", "page"]

_STYLE = STYLE + """
header { flex-wrap: wrap; row-gap: .3rem; }
header h1 { min-width: 12rem; }
header .file { color: #5f6368; font-size: .85rem; white-space: nowrap; }
#live { font-size: .8rem; padding: .1rem .5rem; border-radius: 1rem; background: #e0e0e0;
  white-space: nowrap; }
#live.ok { background: #d8f0d2; } #live.broken { background: #f9d6d5; }
#live.offline, #live.problems { background: #fff4c2; }
#viewport { position: relative; }
#viewport.stale svg { filter: grayscale(1); opacity: .35; }
#banner { position: absolute; top: .6rem; left: 50%; transform: translateX(-50%);
  z-index: 3; max-width: min(46rem, 90%); background: #fff; border: 2px solid #c62828;
  border-radius: .4rem; padding: .6rem .9rem; box-shadow: 0 2px 10px rgba(0,0,0,.15); }
#banner[hidden] { display: none; }
#banner h2 { font-size: 1rem; margin: 0 0 .4rem; color: #b71c1c; }
#banner ul, #problems ul { margin: 0; padding-left: 0; list-style: none; }
#banner li, #problems li { margin: .25rem 0; font-size: .9rem; line-height: 1.35;
  white-space: pre-wrap; overflow-wrap: anywhere; }
.where { font-family: monospace; font-weight: bold; margin-right: .4em; }
.sev-error .sev { color: #b71c1c; } .sev-warning .sev { color: #9a6700; }
.sev-info .sev { color: #455a64; }
.sev { font-weight: bold; margin-right: .4em; }
.hint { color: #5f6368; }
#problems { border-top: 1px solid #ddd; max-height: 30vh; overflow: auto;
  padding: .4rem 1rem; background: #fcfcfc; }
#problems h2 { font-size: .9rem; margin: .2rem 0; }
#empty { margin: auto; color: #5f6368; }
"""

_SCRIPT = """
(function () {
  "use strict";
  var viewport = document.getElementById("viewport");
  var panel = document.getElementById("details");
  var body = document.getElementById("details-body");
  var banner = document.getElementById("banner");
  var live = document.getElementById("live");
  var selected = null, drawn = -1;
  // @HELPERS@
  // @VIEW@
  // -- node details
  function keyOf(id) {
    for (var i = 0; i < keys.length; i++) { if (data[keys[i]].id === id) { return keys[i]; } }
    return null;
  }
  function closeDetails() { panel.hidden = true; selected = null; }
  function show(key) {
    var d = data[key];
    if (!d) { return; }
    selected = d.id;
    var list = detailsHead(d);
    field(list, "Status", d.status ? d.status + " (" + semantics + ")" : null);
    field(list, "Why", d.explanation);
    field(list, "Line", d.line ? d.line + (d.column ? ":" + d.column : "") : null);
    // @FIELDS@
    panel.hidden = false;
    if (svg) {
      var old = svg.querySelector("g.node.selected");
      if (old) { old.classList.remove("selected"); }
      var g = svg.getElementById ? svg.getElementById(key) : null;
      if (g) { g.classList.add("selected"); }
    }
  }
  // -- a new diagram, in place: the reader's view box, search and hidden sides are kept
  function swap(text, nodes, navigation) {
    var doc = new DOMParser().parseFromString(text, "image/svg+xml");
    var fresh = doc.documentElement;
    if (!fresh || fresh.namespaceURI !== "http://www.w3.org/2000/svg" ||
        fresh.localName !== "svg") { return false; }
    fresh = document.importNode(fresh, true);
    var empty = document.getElementById("empty");
    if (empty) { empty.remove(); }
    var anchored = anchor();  // the reader's box, found again in the new drawing
    if (svg) { viewport.replaceChild(fresh, svg); } else { viewport.appendChild(fresh); }
    adopt(fresh, nodes, navigation, anchored);
    return true;
  }
  function where(d) {
    return d.line ? d.line + (d.column ? ":" + d.column : "") : "";
  }
  function item(list, d) {
    var li = add(list, "li", null, "sev-" + d.severity);
    if (where(d)) { add(li, "span", where(d), "where"); }
    add(li, "span", d.severity + "[" + d.code + "]", "sev");
    add(li, "span", d.message, "message");
    if (d.hint) { add(li, "span", " (hint: " + d.hint + ")", "hint"); }
  }
  var semantics = "grounded", session = null;
  function apply(snap) {
    semantics = snap.semantics;
    if (snap.session !== session) { session = snap.session; drawn = -1; }
    if (snap.title) { document.getElementById("title").textContent = snap.title; }
    document.title = (snap.ok ? "" : "(broken) ") + (snap.title || "argmap") + " - live";
    if (snap.svg && snap.drawn_version !== drawn) {
      if (swap(snap.svg, snap.nodes, snap.nav)) { drawn = snap.drawn_version; }
    }
    viewport.classList.toggle("stale", !snap.ok && !snap.pending);
    // the errors on top while the file could not be drawn (the check's are listed below)
    var errors = snap.diagnostics.filter(function (d) { return d.severity === "error"; });
    var top = document.getElementById("banner-list");
    top.textContent = "";
    banner.hidden = snap.ok || snap.pending;
    if (!banner.hidden) {
      var shown = drawn >= 0 ? "the last good diagram is shown, greyed" : "nothing drawn yet";
      document.getElementById("banner-title").textContent =
        (errors.length === 1 ? "1 error" : errors.length + " errors") + ": " + shown;
      errors.slice(0, 5).forEach(function (d) { item(top, d); });
      if (errors.length > 5) { add(top, "li", "... and " + (errors.length - 5) + " more below"); }
    }
    var list = document.getElementById("problems-list");
    list.textContent = "";
    // the notes first (a quick layout shown, a fallback): below a long list of findings
    // they would go unseen
    snap.notes.forEach(function (n) { add(list, "li", n, "sev-info note"); });
    snap.diagnostics.forEach(function (d) { item(list, d); });
    var c = snap.counts;
    function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
    document.getElementById("problems-title").textContent = snap.diagnostics.length ?
      plural(c.error, "error") + ", " + plural(c.warning, "warning") + ", " +
      plural(c.info, "note") : "No problems found";
    // ok: drawn from the file as it is now; the check's errors are counted, not "broken"
    live.className = snap.pending ? "" : !snap.ok ? "broken" : c.error ? "problems" : "ok";
    live.textContent = snap.pending ? "loading" : !snap.ok ? "broken" :
      c.error ? plural(c.error, "problem") : "live";
    if (snap.ok && snap.layout && snap.layout.stage === "quick") {
      live.textContent += " \u00b7 quick layout, the layered one is coming";
    }
    if (selected !== null) {
      var key = keyOf(selected);
      if (key) { show(key); } else { panel.hidden = true; selected = null; }
    }
    document.body.setAttribute("data-version", String(snap.version));
    document.body.setAttribute("data-ok", snap.ok ? "1" : "0");
  }
  // -- the event stream: a snapshot on connection and after every save
  var source = new EventSource("events" + location.search);
  source.addEventListener("snapshot", function (ev) { apply(JSON.parse(ev.data)); });
  source.addEventListener("error", function () {
    live.className = "offline"; live.textContent = "reconnecting";
  });
  document.body.setAttribute("data-ready", "1");
})();
"""
_SCRIPT = (_SCRIPT.replace("  // @HELPERS@\n", HELPERS).replace("  // @VIEW@\n", VIEW)
           .replace("    // @FIELDS@\n", NODE_FIELDS))

_DIGEST = base64.b64encode(hashlib.sha256(_SCRIPT.encode("utf-8")).digest()).decode()

#: The Content-Security-Policy in the page (``frame-ancestors`` is ignored there).
META_POLICY = (f"default-src 'none'; style-src 'unsafe-inline'; script-src "
               f"'sha256-{_DIGEST}'; connect-src 'self'; base-uri 'none'; form-action 'none'")

#: The Content-Security-Policy header of the page and of every other answer.
POLICY = META_POLICY + "; frame-ancestors 'none'"


def page(file: str) -> bytes:
    """The page for the map ``file`` (its name is shown in the header, escaped)."""
    name = html.escape(file)
    text = f"""{head(META_POLICY, "argmap serve", f"{name} - live", _STYLE)}
<body>
<header>
<h1 id="title">{name}</h1>
<span class="file">{name}</span>
<span id="live" aria-live="polite">loading</span>
{controls()}
<span class="hint">Save the file: the map follows. Click a box for its details.</span>
</header>
<div id="stage">
<main id="viewport"><div id="banner" role="alert" hidden><h2 id="banner-title"></h2>
<ul id="banner-list"></ul></div><p id="empty">Reading the map...</p></main>
{DETAILS_PANEL}
</div>
<section id="problems" aria-live="polite"><h2 id="problems-title">Reading the map...</h2>
<ul id="problems-list"></ul></section>
<script>{_SCRIPT}</script>
</body>
</html>
"""
    return text.encode("utf-8")
