"""The self-contained HTML page: the SVG inline, zoom and pan, node details on click.

The page makes no network request: no external script, style, font or image, and a
Content-Security-Policy (``default-src 'none'``, the one inline script allowed by its
hash) forbids any.  User text reaches the page three ways, all escaped: inside the SVG
(serialised by ElementTree), in the page title (``html.escape``), and as JSON in a
``<script type="application/json">`` block with ``<``, ``>`` and ``&`` written as
``\\u`` escapes so that it cannot end the block.  The script shows details with
``textContent`` only, and makes links only of http, https and mailto addresses that
:func:`argmap._render.links.safe_url` already let through, checking the scheme again.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections.abc import Mapping

from argmap._render.build import NodeInfo
from argmap._render.text import clean

__all__ = ["build_page"]

_STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; font-family: Helvetica, Arial, sans-serif;
  color: #1a1a1a; background: #fff; }
body { display: flex; flex-direction: column; }
header { display: flex; align-items: center; gap: 1rem; padding: .5rem 1rem;
  border-bottom: 1px solid #ddd; background: #f7f7f7; }
header h1 { font-size: 1.1rem; margin: 0; flex: 1; overflow: hidden;
  text-overflow: ellipsis; white-space: nowrap; }
header button { font-size: 1rem; min-width: 2.2rem; padding: .2rem .5rem; cursor: pointer; }
header .hint { color: #5f6368; font-size: .85rem; }
#stage { flex: 1; display: flex; min-height: 0; }
#viewport { flex: 1; overflow: hidden; cursor: grab; touch-action: none; }
#viewport.dragging { cursor: grabbing; }
#viewport svg { width: 100%; height: 100%; display: block; user-select: none; }
#viewport g.node { cursor: pointer; }
#viewport g.node:focus { outline: none; }
#viewport g.node.selected polygon, #viewport g.node.selected path,
#viewport g.node.selected ellipse { stroke-width: 4; }
#details { width: min(26rem, 40vw); border-left: 1px solid #ddd; padding: 1rem;
  overflow: auto; background: #fcfcfc; }
#details[hidden] { display: none; }
#details .kind { text-transform: uppercase; letter-spacing: .05em; font-size: .75rem;
  color: #5f6368; }
#details h2 { font-size: 1rem; margin: .3rem 0 .6rem; }
#details p { margin: .4rem 0; line-height: 1.4; white-space: pre-wrap; }
#details dl { margin: .6rem 0; }
#details dt { font-size: .75rem; color: #5f6368; text-transform: uppercase; margin-top: .5rem; }
#details dd { margin: .1rem 0 0; white-space: pre-wrap; }
#details blockquote { margin: .4rem 0; padding-left: .6rem; border-left: 3px solid #ccc;
  white-space: pre-wrap; }
#details .kind code { text-transform: none; letter-spacing: 0; margin-left: .5em;
  font-size: .8rem; color: #333; }
#close { float: right; cursor: pointer; }
"""

_SCRIPT = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("argmap-data").textContent);
  var viewport = document.getElementById("viewport");
  var svg = viewport.querySelector("svg");
  var panel = document.getElementById("details");
  var body = document.getElementById("details-body");
  var box = svg.viewBox.baseVal;
  var home = [box.x, box.y, box.width, box.height];
  var homeText = svg.getAttribute("viewBox");
  function setBox(x, y, w, h) { svg.setAttribute("viewBox", x + " " + y + " " + w + " " + h); }
  function fit() { svg.setAttribute("viewBox", homeText); }
  function toSvg(clientX, clientY, matrix) {
    var p = svg.createSVGPoint(); p.x = clientX; p.y = clientY;
    return p.matrixTransform(matrix || svg.getScreenCTM().inverse());
  }
  function zoom(factor, clientX, clientY) {
    var b = svg.viewBox.baseVal, r = svg.getBoundingClientRect();
    var c = toSvg(clientX === undefined ? r.left + r.width / 2 : clientX,
                  clientY === undefined ? r.top + r.height / 2 : clientY);
    var w = b.width * factor, h = b.height * factor;
    if (w < home[2] / 200 || w > home[2] * 20) { return; }
    setBox(c.x - (c.x - b.x) * factor, c.y - (c.y - b.y) * factor, w, h);
  }
  viewport.addEventListener("wheel", function (ev) {
    ev.preventDefault(); zoom(ev.deltaY < 0 ? 0.8 : 1.25, ev.clientX, ev.clientY);
  }, { passive: false });
  var drag = null;
  viewport.addEventListener("pointerdown", function (ev) {
    if (ev.button !== 0) { return; }
    var b = svg.viewBox.baseVal, m = svg.getScreenCTM().inverse();
    drag = { m: m, p: toSvg(ev.clientX, ev.clientY, m), x: b.x, y: b.y, w: b.width,
             h: b.height, sx: ev.clientX, sy: ev.clientY, moved: false };
  });
  window.addEventListener("pointermove", function (ev) {
    if (!drag) { return; }
    if (Math.abs(ev.clientX - drag.sx) + Math.abs(ev.clientY - drag.sy) > 4) {
      drag.moved = true; viewport.classList.add("dragging");
    }
    if (drag.moved) {
      var p = toSvg(ev.clientX, ev.clientY, drag.m);
      setBox(drag.x - (p.x - drag.p.x), drag.y - (p.y - drag.p.y), drag.w, drag.h);
    }
  });
  window.addEventListener("pointerup", function () {
    viewport.classList.remove("dragging");
    setTimeout(function () { drag = null; }, 0);
  });
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(0.8); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(1.25); });
  document.getElementById("zoom-fit").addEventListener("click", fit);
  document.getElementById("close").addEventListener("click", function () {
    panel.hidden = true;
  });
  function safeHref(url) {
    return typeof url === "string" && /^(https?:\\/\\/[^\\/?#\\s]|mailto:\\S)/i.test(url) &&
      !/[\\s<>"'`\\\\]/.test(url) ? url : null;
  }
  function add(parent, tag, text, cls) {
    var el = document.createElement(tag);
    if (text !== undefined && text !== null) { el.textContent = String(text); }
    if (cls) { el.className = cls; }
    parent.appendChild(el); return el;
  }
  function field(list, name, value) {
    if (value === undefined || value === null || value === "") { return; }
    add(list, "dt", name);
    add(list, "dd", Array.isArray(value) ? value.join(", ") : value);
  }
  function show(key) {
    var d = data[key];
    if (!d) { return; }
    body.textContent = "";
    var head = add(body, "div", d.kind, "kind");
    add(head, "code", d.id, "id");
    if (d.title) { add(body, "h2", d.title); }
    if (d.text) { add(body, "p", d.text, "text"); }
    var list = add(body, "dl");
    field(list, "Status", d.status);
    field(list, "Side", d.side);
    field(list, "Tags", d.tags);
    field(list, "Premises (jointly)", d.premises);
    field(list, "Conclusion", d.conclusion);
    field(list, "Warrant", d.warrant);
    field(list, "Backing", d.backing);
    field(list, "Qualifier", d.qualifier);
    field(list, "Scheme", d.scheme);
    var s = d.source;
    if (s) {
      add(list, "dt", "Source");
      var dd = add(list, "dd", null, "source");
      var cite = [s.title, s.author, s.publisher, s.date, s.locator].filter(Boolean);
      if (cite.length) { add(dd, "div", cite.join(", ")); }
      var href = safeHref(s.url);
      if (href) {
        var a = add(dd, "a", href, "source-link");
        a.href = href; a.target = "_blank"; a.rel = "noopener noreferrer";
      }
      if (s.quote) { add(dd, "blockquote", s.quote); }
      if (s.note) { add(dd, "div", s.note); }
    }
    panel.hidden = false;
    var old = svg.querySelector("g.node.selected");
    if (old) { old.classList.remove("selected"); }
    var g = document.getElementById(key);
    if (g) { g.classList.add("selected"); }
  }
  svg.querySelectorAll("g.node").forEach(function (g) {
    if (!data[g.id]) { return; }
    g.setAttribute("tabindex", "0");
    g.setAttribute("role", "button");
    g.addEventListener("click", function (ev) {
      if (drag && drag.moved) { return; }
      ev.preventDefault(); show(g.id);
    });
    g.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); show(g.id); }
    });
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.target && ev.target.tagName === "BUTTON") { return; }
    if (ev.key === "+" || ev.key === "=") { zoom(0.8); }
    else if (ev.key === "-") { zoom(1.25); }
    else if (ev.key === "0") { fit(); }
    else if (ev.key === "Escape") { panel.hidden = true; }
  });
})();
"""


def _json_for_script(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _clean_json(value: object) -> object:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, Mapping):
        return {str(k): _clean_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean_json(v) for v in value]
    return value


def build_page(svg: str, nodes: Mapping[str, NodeInfo], title: str | None) -> bytes:
    """The HTML page around ``svg`` (an ``<svg>`` element, already finished)."""
    digest = base64.b64encode(hashlib.sha256(_SCRIPT.encode("utf-8")).digest()).decode()
    policy = (f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; "
              "base-uri 'none'; form-action 'none'")
    heading = html.escape(clean(title) if title else "Argument map")
    data = {key: _clean_json(dict(info.details)) for key, info in nodes.items()}
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{html.escape(policy)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="argmap">
<title>{heading}</title>
<style>{_STYLE}</style>
</head>
<body>
<header>
<h1>{heading}</h1>
<button id="zoom-in" type="button" title="Zoom in (+)">+</button>
<button id="zoom-out" type="button" title="Zoom out (-)">&#8722;</button>
<button id="zoom-fit" type="button" title="Show the whole map (0)">Fit</button>
<span class="hint">Drag to pan, scroll to zoom, click a box for its details.</span>
</header>
<div id="stage">
<main id="viewport">
{svg}
</main>
<aside id="details" hidden>
<button id="close" type="button" title="Close (Esc)">&#215;</button>
<div id="details-body"></div>
</aside>
</div>
<script type="application/json" id="argmap-data">{_json_for_script(data)}</script>
<script>{_SCRIPT}</script>
</body>
</html>
"""
    return page.encode("utf-8")
