"""The self-contained HTML page: the SVG inline, zoom and pan, node details on click.

Large maps stay usable: a search box finds nodes by their words and centres the view on
each in turn, each side (or cluster) can be hidden with the lines that touch it, and
text is hidden while the zoom makes it too small to read (level of detail), which is
also what lets a page of 20,000 nodes paint quickly.  From :data:`CANVAS_NODES` nodes
the map is painted on a canvas, whose nodes Tab and Shift+Tab walk in reading order.

The live preview (:mod:`argmap.serve`) runs the same pieces: the view script
(:data:`VIEW`: zoom and pan, level of detail, search, hidden sides; its search part
:data:`SEARCH` is also the canvas page's), the details helpers and fields, the style,
the head, the header's controls and the details panel.

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
from collections.abc import Mapping, Sequence

from argmap._render.build import Group, NodeInfo
from argmap._render.text import clean

__all__ = ["DETAILS_PANEL", "HELPERS", "NODE_FIELDS", "SEARCH", "STYLE", "VIEW", "build_page",
           "clean_json", "controls", "head", "json_for_script"]

STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; font-family: Helvetica, Arial, sans-serif;
  color: #1a1a1a; background: #fff; }
body { display: flex; flex-direction: column; }
header { display: flex; align-items: center; gap: 1rem; padding: .5rem 1rem;
  border-bottom: 1px solid #ddd; background: #f7f7f7; flex-wrap: wrap; row-gap: .3rem; }
header h1 { font-size: 1.1rem; margin: 0; flex: 1; overflow: hidden;
  text-overflow: ellipsis; white-space: nowrap; }
header button { font-size: 1rem; min-width: 2.2rem; padding: .2rem .5rem; cursor: pointer; }
header .hint { color: #5f6368; font-size: .85rem; }
#stage { flex: 1; display: flex; min-height: 0; }
#viewport { flex: 1; overflow: hidden; cursor: grab; touch-action: none; }
#viewport.dragging { cursor: grabbing; }
#viewport svg, #viewport canvas { width: 100%; height: 100%; display: block;
  user-select: none; }
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
#search { font-size: .95rem; width: 14rem; padding: .2rem .4rem; }
#search-count, #lod-hint { color: #5f6368; font-size: .85rem; white-space: nowrap; }
#groups-box { position: relative; font-size: .9rem; }
#groups-box summary { cursor: pointer; }
#groups { position: absolute; right: 0; z-index: 2; background: #fff; border: 1px solid #ddd;
  padding: .4rem .6rem; max-height: 60vh; overflow: auto; white-space: nowrap; }
#groups label { display: block; padding: .1rem 0; }
#viewport.far g text { display: none; }
#viewport .gone { display: none; }
#viewport g.node.match polygon, #viewport g.node.match path,
#viewport g.node.match ellipse { stroke: #d93025; stroke-width: 6; }
"""

#: The canvas page's own style: its focus ring is drawn on the canvas around the node;
#: the announcement of each node reached with Tab is for screen readers only.
_CANVAS_STYLE = """#viewport canvas:focus { outline: none; }
#viewport canvas:focus-visible { outline: 2px solid #1a73e8; outline-offset: -2px; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
"""

#: The details panel's fields of a node below its status, shared with the live preview
#: (argmap.serve): side, tags, the argument's parts, the evidence's source (links only
#: when safeHref allows them).
NODE_FIELDS = """\
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
"""

#: The details panel's helpers, shared with the live preview: ``safeHref`` (an http,
#: https or mailto address, else null), ``add`` (an element with its text, never HTML),
#: ``field`` (a term and its value, classed ``f-<name>``), ``detailsHead`` (the panel
#: emptied, then a node's kind, id, title and text; it returns the list for the fields).
HELPERS = """\
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
    add(list, "dd", Array.isArray(value) ? value.join(", ") : value, "f-" + name.toLowerCase());
  }
  function detailsHead(d) {
    body.textContent = "";
    var head = add(body, "div", d.kind, "kind");
    add(head, "code", d.id, "id");
    if (d.title) { add(body, "h2", d.title); }
    if (d.text) { add(body, "p", d.text, "text"); }
    var list = add(body, "dl");
    return list;
  }
"""

_DETAILS = """
""" + HELPERS + """\
  function showDetails(key) {
    var d = data[key];
    if (!d) { return; }
    var list = detailsHead(d);
    field(list, "Status", d.status);
    // @FIELDS@
    panel.hidden = false;
  }
"""

#: The search box and the page's keys, shared by the SVG view (:data:`VIEW`) and the
#: canvas page: every node whose id, title, text, side or tags hold all the words typed
#: is marked and counted; Enter centres the next one (Shift+Enter the one before),
#: Escape clears; ``refind()`` runs the same words again on a new drawing, keeping the
#: current match while it is there.  The page defines ``data`` and sets ``keys`` (its
#: node keys) and ``haystack = null`` for each drawing, and defines ``mark(on)``,
#: ``centre(key)``, ``zoom(factor)``, ``fit()`` and ``closeDetails()``.
SEARCH = """\
  // -- search: every node whose id, title, text, side or tags hold all the words;
  // Enter: the next one (argmap SEARCH)
  var search = document.getElementById("search");
  var count = document.getElementById("search-count");
  var keys = [], haystack = null, matches = [], current = -1, currentId = null;
  // words and boxes compared folded: compatibility-decomposed (NFKD), accents and other
  // combining marks dropped, case-folded: "cafe", "CAFÉ" and "cafe" with a combining
  // accent all find "café" (accent-insensitive)
  function fold(text) {
    return String(text).normalize("NFKD").replace(/\\p{M}+/gu, "").toUpperCase()
      .toLowerCase();
  }
  // "5 found (1 in a hidden side)": Enter still goes to it, and shows its side again
  function counted() {
    var hiddenOnes = 0;
    matches.forEach(function (key) { if (hiddenKey(key)) { hiddenOnes++; } });
    return matches.length + " found" +
      (hiddenOnes ? " (" + hiddenOnes + " in a hidden side)" : "");
  }
  function recount() {  // a side hidden or shown: the count says how many are hidden
    if (current < 0 && matches.length) { count.textContent = counted(); }
  }
  function find() {
    mark(false);
    var words = fold(search.value).split(/\\s+/).filter(Boolean);
    matches = [];
    current = -1;
    if (words.length) {
      if (haystack === null) {  // built on the first search, not at load
        haystack = keys.map(function (key) {
          var d = data[key];
          return fold([d.id, d.title, d.text, d.side, (d.tags || []).join(" ")]
            .filter(Boolean).join(" \\n "));
        });
      }
      for (var i = 0; i < keys.length; i++) {
        var text = haystack[i], all = true;
        for (var j = 0; j < words.length && all; j++) { all = text.indexOf(words[j]) >= 0; }
        if (all) { matches.push(keys[i]); }
      }
    }
    mark(true);
    count.textContent = words.length ? counted() : "";
  }
  function next(step) {
    if (!matches.length) { return; }
    current = (current + step + matches.length) % matches.length;
    currentId = data[matches[current]].id;
    count.textContent = (current + 1) + " of " + matches.length;
    centre(matches[current]);
  }
  // a new drawing: the same words again; the current match is kept while it is there
  function refind() {
    clearTimeout(pending);
    find();
    if (currentId === null) { return; }
    for (var i = 0; i < matches.length; i++) {
      if (data[matches[i]].id === currentId) {
        current = i;
        count.textContent = (i + 1) + " of " + matches.length;
        return;
      }
    }
    count.textContent = counted() + "; " + currentId + " is no longer in the map";
    currentId = null;
  }
  var pending = null;
  search.addEventListener("input", function () {
    current = -1; currentId = null;  // Enter before the pause: these words, not the old
    clearTimeout(pending); pending = setTimeout(find, 150);
  });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      ev.preventDefault(); clearTimeout(pending);
      if (current < 0) { find(); }
      next(ev.shiftKey ? -1 : 1);
    } else if (ev.key === "Escape") {
      search.value = ""; currentId = null; clearTimeout(pending); find();
    }
  });
  document.addEventListener("keydown", function (ev) {
    var tag = ev.target && ev.target.tagName;
    if (tag === "BUTTON" || tag === "INPUT") { return; }
    if (ev.key === "+" || ev.key === "=") { zoom(0.8); }
    else if (ev.key === "-") { zoom(1.25); }
    else if (ev.key === "0") { fit(); }
    else if (ev.key === "/") { ev.preventDefault(); search.focus(); }
    else if (ev.key === "Escape") { closeDetails(); }
  });
  // the menu of sides opens below its summary, kept inside the window at any width
  var groupsBox = document.getElementById("groups-box");
  var groupsMenu = document.getElementById("groups");
  function placeMenu() {
    if (!groupsBox.open) { return; }
    groupsMenu.style.right = "0px";
    groupsMenu.style.maxWidth = Math.max(window.innerWidth - 16, 100) + "px";
    var r = groupsMenu.getBoundingClientRect(), over = r.right - (window.innerWidth - 8);
    if (over > 0) { groupsMenu.style.right = over + "px"; r = groupsMenu.getBoundingClientRect(); }
    if (r.left < 8) {
      groupsMenu.style.right = (parseFloat(groupsMenu.style.right) + r.left - 8) + "px";
    }
  }
  groupsBox.addEventListener("toggle", placeMenu);
  window.addEventListener("resize", placeMenu);
"""

#: The view of an SVG drawing, shared by the HTML export's SVG page and the live preview
#: (argmap.serve), so that both behave the same: zoom and pan (buttons, wheel, drag, the
#: + - 0 keys), the level of detail, the search box (``/`` focuses it, Enter centres the
#: next match, Escape clears it), hiding a side or cluster with the lines that touch it,
#: Tab and Enter on the nodes.  The page's own script defines ``viewport``, ``panel``,
#: ``add`` (one element with its text), ``show(key)`` (the details of a node) and
#: ``closeDetails()``, and hands every drawing to ``adopt(svg, nodes, nav)``: a new
#: drawing keeps the reader's view box, search words, current match and hidden sides.
VIEW = """\
  // -- the view: zoom and pan, level of detail, search, hidden sides (argmap VIEW)
  var svg = null, home = null, homeText = null, moved = false, detail = null;
  var data = {}, nav = { names: {}, groups: [] };
  // Level of detail: below this many screen pixels per unit the text is too small to
  // read, and drawing it is what makes large maps slow: the page hides it.
  var READABLE = 0.45;
  function updateDetail() {
    if (!svg) { return; }
    var b = svg.viewBox.baseVal, r = svg.getBoundingClientRect();
    if (!b.width || !r.width) { return; }
    var far = Math.min(r.width / b.width, r.height / b.height) < READABLE;
    if (far !== detail) {
      detail = far;
      viewport.classList.toggle("far", far);
      document.getElementById("lod-hint").hidden = !far;
    }
  }
  function setBox(x, y, w, h) {
    if (!svg) { return; }
    svg.setAttribute("viewBox", x + " " + y + " " + w + " " + h); moved = true;
    updateDetail();
  }
  function fit() {
    if (svg) { svg.setAttribute("viewBox", homeText); moved = false; updateDetail(); }
  }
  function toSvg(clientX, clientY, matrix) {
    var p = svg.createSVGPoint(); p.x = clientX; p.y = clientY;
    return p.matrixTransform(matrix || svg.getScreenCTM().inverse());
  }
  function zoom(factor, clientX, clientY) {
    if (!svg) { return; }
    var b = svg.viewBox.baseVal, r = svg.getBoundingClientRect();
    var c = toSvg(clientX === undefined ? r.left + r.width / 2 : clientX,
                  clientY === undefined ? r.top + r.height / 2 : clientY);
    var w = b.width * factor, h = b.height * factor;
    if (w < 20 || w > home[2] * 20) { return; }
    setBox(c.x - (c.x - b.x) * factor, c.y - (c.y - b.y) * factor, w, h);
  }
  viewport.addEventListener("wheel", function (ev) {
    if (!svg) { return; }
    ev.preventDefault(); zoom(ev.deltaY < 0 ? 0.8 : 1.25, ev.clientX, ev.clientY);
  }, { passive: false });
  var drag = null;
  viewport.addEventListener("pointerdown", function (ev) {
    if (ev.button !== 0 || !svg || !(ev.target === viewport || svg.contains(ev.target))) {
      return;
    }
    var b = svg.viewBox.baseVal, m = svg.getScreenCTM().inverse();
    drag = { m: m, p: toSvg(ev.clientX, ev.clientY, m), x: b.x, y: b.y, w: b.width,
             h: b.height, sx: ev.clientX, sy: ev.clientY, moved: false };
  });
  window.addEventListener("pointermove", function (ev) {
    if (!drag || !svg) { return; }
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
  window.addEventListener("resize", updateDetail);
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(0.8); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(1.25); });
  document.getElementById("zoom-fit").addEventListener("click", fit);
  document.getElementById("close").addEventListener("click", closeDetails);
  // one listener for all nodes (a 20,000-node map needs no 20,000 listeners)
  function nodeOf(target) {
    var g = target && target.closest ? target.closest("g.node") : null;
    return g && data[g.id] ? g : null;
  }
  viewport.addEventListener("click", function (ev) {
    var g = nodeOf(ev.target);
    if (!g || (drag && drag.moved)) { return; }
    ev.preventDefault(); show(g.id);
  });
  viewport.addEventListener("keydown", function (ev) {
    var g = nodeOf(ev.target);
    if (g && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); show(g.id); }
  });
  // @SEARCH@
  function mark(on) {
    matches.forEach(function (key) {
      var g = document.getElementById(key);
      if (g) { g.classList.toggle("match", on); }
    });
  }
  function centre(key) {
    var g = document.getElementById(key);
    if (!g || !svg) { return; }
    var group = groupOf[key];
    if (group !== undefined && isHidden(group)) { setGroup(group, false); }
    var r = g.getBoundingClientRect(), v = svg.getBoundingClientRect();
    var m = svg.getScreenCTM().inverse();
    var a = toSvg(r.left, r.top, m), c = toSvg(r.right, r.bottom, m);
    var w = Math.min(Math.max((c.x - a.x) * 5, 700), Math.max(home[2], 700));
    var h = w * (v.height / Math.max(v.width, 1));
    setBox((a.x + c.x) / 2 - w / 2, (a.y + c.y) / 2 - h / 2, w, h);
    show(key);  // the focus stays where it is (the search box: Enter goes on)
  }
  // -- sides and clusters: hide one, and the lines that touch it (known by its name, so
  // that a hidden side stays hidden in the next drawing)
  // (maps without a prototype: a side or node may be called "__proto__")
  var groupOf = {}, hidden = Object.create(null), edges = [];
  var groupList = document.getElementById("groups");
  function isHidden(index) { return hidden[nav.groups[index].label] === true; }
  function hiddenKey(key) { return groupOf[key] !== undefined && isHidden(groupOf[key]); }
  function hideGroup(index, hide) {
    var group = nav.groups[index];
    group.keys.forEach(function (key) {
      var g = document.getElementById(key);
      if (g) { g.classList.toggle("gone", hide); }
    });
    if (group.cluster) {
      var c = document.getElementById(group.cluster);
      if (c) { c.classList.toggle("gone", hide); }
    }
    var box = document.getElementById("group-" + index);
    if (box) { box.checked = !hide; }
  }
  function hideEdges() {
    edges.forEach(function (e) {
      var off = (e[1] !== undefined && groupOf[e[1]] !== undefined && isHidden(groupOf[e[1]])) ||
                (e[2] !== undefined && groupOf[e[2]] !== undefined && isHidden(groupOf[e[2]]));
      e[0].classList.toggle("gone", Boolean(off));
    });
  }
  function setGroup(index, hide) {
    if (hide) { hidden[nav.groups[index].label] = true; }
    else { delete hidden[nav.groups[index].label]; }
    hideGroup(index, hide); hideEdges(); recount();
  }
  function groupMenu() {
    groupOf = {};
    var present = Object.create(null), byName = Object.create(null);
    var active = document.activeElement, was = active && groupList.contains(active) &&
      active.parentNode ? active.parentNode.getAttribute("data-label") : null;
    nav.groups.forEach(function (group, index) {
      present[group.label] = true;
      group.keys.forEach(function (key) { groupOf[key] = index; });
    });
    Object.keys(hidden).forEach(function (label) {
      if (!present[label]) { delete hidden[label]; }  // that side is gone
    });
    Object.keys(nav.names).forEach(function (key) { byName[nav.names[key]] = key; });
    edges = [];
    svg.querySelectorAll("g.edge").forEach(function (g) {
      var t = g.querySelector("title"), ends = t ? t.textContent.split("->") : [];
      if (ends.length === 2) { edges.push([g, byName[ends[0]], byName[ends[1]]]); }
    });
    groupList.textContent = "";
    nav.groups.forEach(function (group, index) {
      var label = add(groupList, "label");
      var input = add(label, "input");
      input.type = "checkbox"; input.checked = !isHidden(index); input.id = "group-" + index;
      label.setAttribute("data-label", group.label);
      add(label, "span", group.label + " (" + group.keys.length + ")");
      input.addEventListener("change", function () { setGroup(index, !input.checked); });
      if (isHidden(index)) { hideGroup(index, true); }
      if (group.label === was) { input.focus({ preventScroll: true }); }  // a new drawing
    });
    hideEdges();
    if (nav.title) { document.querySelector("#groups-box summary").textContent = nav.title; }
    document.getElementById("groups-box").hidden = nav.groups.length < 2;
  }
  // -- where a box is on the screen (its centre), or null when it is not drawn
  function screenCentre(g) {
    var r = g.getBoundingClientRect();
    return r.width || r.height ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
  }
  // The box a new drawing is anchored on, called before the old drawing goes: the
  // selected box, else the box nearest the centre of the view; its map id and where it
  // is on the screen.  Null when the reader has not zoomed or panned (the new drawing
  // is then shown whole).
  function anchor() {
    if (!svg || !moved) { return null; }
    var g = svg.querySelector("g.node.selected");
    var at = g && data[g.id] ? screenCentre(g) : null;
    if (!at) {
      var v = svg.getBoundingClientRect(), cx = v.left + v.width / 2,
        cy = v.top + v.height / 2, best = Infinity;
      g = null;
      svg.querySelectorAll("g.node").forEach(function (n) {
        if (!data[n.id] || n.classList.contains("gone")) { return; }
        var p = screenCentre(n);
        if (!p) { return; }
        var d = (p.x - cx) * (p.x - cx) + (p.y - cy) * (p.y - cy);
        if (d < best) { best = d; g = n; at = p; }
      });
    }
    return g && at ? { id: data[g.id].id, x: at.x, y: at.y } : null;
  }
  // the view moved so that the anchor box is where it was on the screen, at the same zoom
  function holdAnchor(anchored) {
    var key = null;
    for (var i = 0; i < keys.length && key === null; i++) {
      if (data[keys[i]].id === anchored.id) { key = keys[i]; }
    }
    var g = key === null ? null : document.getElementById(key);
    var at = g && svg.contains(g) ? screenCentre(g) : null;
    var m = svg.getScreenCTM();
    if (!at || !m || !m.a) { return; }
    var b = svg.getAttribute("viewBox").split(/[\\s,]+/).map(parseFloat);  // exact zoom
    setBox(b[0] + (at.x - anchored.x) / m.a, b[1] + (at.y - anchored.y) / m.d, b[2], b[3]);
  }
  // -- a drawing (the first, or a new one in place of the old); ``anchored`` (from
  // anchor(), taken before the old one went) keeps the reader's box in place
  function adopt(fresh, nodes, navigation, anchored) {
    var keep = svg && moved ? svg.getAttribute("viewBox") : null;
    svg = fresh;
    data = nodes || {};
    nav = navigation || { names: {}, groups: [] };
    homeText = svg.getAttribute("viewBox");
    var b = svg.viewBox.baseVal;
    home = [b.x, b.y, b.width, b.height];
    if (keep) { svg.setAttribute("viewBox", keep); }
    svg.querySelectorAll("g.node").forEach(function (g) {
      if (data[g.id]) { g.setAttribute("tabindex", "0"); g.setAttribute("role", "button"); }
    });
    keys = Object.keys(data);
    haystack = null;
    groupMenu();
    if (keep && anchored) { holdAnchor(anchored); }
    refind();
    updateDetail();
  }
"""
VIEW = VIEW.replace("  // @SEARCH@\n", SEARCH)

_SCRIPT_SVG = """
(function () {
  "use strict";
  var viewport = document.getElementById("viewport");
  var panel = document.getElementById("details");
  var body = document.getElementById("details-body");
  // @VIEW@
  // @DETAILS@
  function show(key) {
    if (!data[key]) { return; }
    showDetails(key);
    var old = svg.querySelector("g.node.selected");
    if (old) { old.classList.remove("selected"); }
    var g = document.getElementById(key);
    if (g) { g.classList.add("selected"); }
  }
  function closeDetails() { panel.hidden = true; }
  adopt(viewport.querySelector("svg"),
        JSON.parse(document.getElementById("argmap-data").textContent),
        JSON.parse(document.getElementById("argmap-nav").textContent));
  document.body.setAttribute("data-ready-at", String(Math.round(performance.now())));
  document.body.setAttribute("data-ready", "1");
})();
"""


_SCRIPT_CANVAS = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("argmap-data").textContent);
  var nav = JSON.parse(document.getElementById("argmap-nav").textContent);
  var scene = JSON.parse(document.getElementById("argmap-scene").textContent);
  var viewport = document.getElementById("viewport");
  var canvas = document.getElementById("drawing");
  var ctx = canvas.getContext("2d");
  var panel = document.getElementById("details");
  var body = document.getElementById("details-body");
  var T = scene.transform;  // Graphviz: scale(T0 T1) translate(T2 T3)
  var items = scene.items, styles = scene.styles;
  var home = scene.box.slice();
  var view = home.slice();  // x, y, width, height in the SVG's user units
  var READABLE = 0.45, SIMPLE = 0.12;
  var byKey = {}, hidden = {}, groupOf = {}, selected = null, matchSet = {};
  var nodes = [];
  items.forEach(function (it, i) {
    if (it.k === "node") { byKey[it.id] = it; nodes.push(it); }
    it.i = i;
  });
  // user units of the page <- graph coordinates of an item
  function ux(x) { return x * T[0] + T[2]; }
  function uy(y) { return y * T[1] + T[3]; }
  // -- a grid of the nodes, to find the one under the pointer
  var CELL = 200, grid = {};
  nodes.forEach(function (it) {
    var b = it.b;
    for (var gx = Math.floor(ux(b[0]) / CELL); gx <= Math.floor(ux(b[2]) / CELL); gx++) {
      for (var gy = Math.floor(uy(b[1]) / CELL); gy <= Math.floor(uy(b[3]) / CELL); gy++) {
        var k = gx + "," + gy; (grid[k] || (grid[k] = [])).push(it);
      }
    }
  });
  function nodeAt(x, y) {
    var list = grid[Math.floor(x / CELL) + "," + Math.floor(y / CELL)] || [];
    for (var i = list.length - 1; i >= 0; i--) {
      var it = list[i], b = it.b;
      if (!isHidden(it) && x >= ux(b[0]) && x <= ux(b[2]) && y >= uy(b[1]) && y <= uy(b[3])) {
        return it;
      }
    }
    return null;
  }
  // -- drawing
  var paths = {};
  function pathOf(it, j) {
    var key = it.i + ":" + j;
    return paths[key] || (paths[key] = new Path2D(it.s[j][1]));
  }
  function paint(style, path) {
    var st = styles[style];
    if (st[0] && st[0] !== "none" && st[0] !== "transparent") {
      ctx.fillStyle = st[0]; ctx.fill(path);
    }
    if (st[1] && st[1] !== "none" && st[1] !== "transparent") {
      ctx.strokeStyle = st[1]; ctx.lineWidth = st[2];
      ctx.setLineDash(st[3] || []); ctx.stroke(path);
    }
  }
  function scale() {
    var r = canvas.getBoundingClientRect();
    return Math.min(r.width / view[2], r.height / view[3]);
  }
  var edgeEnds = [];
  function isHidden(it) {
    if (it.k === "node") { var g = groupOf[it.id]; return g !== undefined && hidden[g]; }
    if (it.k === "cluster") { return hiddenClusters[it.id] === true; }
    if (it.k === "edge") {
      var e = edgeEnds[it.i];
      return Boolean(e && ((e[0] !== undefined && hidden[groupOf[e[0]]]) ||
                           (e[1] !== undefined && hidden[groupOf[e[1]]])));
    }
    return false;
  }
  var hiddenClusters = {}, queued = false, detail = null;
  function draw() {
    queued = false;
    var r = canvas.getBoundingClientRect(), dpr = window.devicePixelRatio || 1;
    var w = Math.max(1, Math.round(r.width * dpr)), h = Math.max(1, Math.round(r.height * dpr));
    if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
    var s = Math.min(r.width / view[2], r.height / view[3]);
    // centre the view box in the canvas, as an SVG's preserveAspectRatio does
    var ox = (r.width - view[2] * s) / 2, oy = (r.height - view[3] * s) / 2;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, w, h);
    ctx.setTransform(dpr * s * T[0], 0, 0, dpr * s * T[1],
                     dpr * (ox + (T[2] - view[0]) * s), dpr * (oy + (T[3] - view[1]) * s));
    var far = s < READABLE, simple = s < SIMPLE;
    if (far !== detail) {
      detail = far; viewport.classList.toggle("far", far);
      document.getElementById("lod-hint").hidden = !far;
    }
    // the view in graph coordinates, to leave out what is not in it
    var x0 = (view[0] - ox / s - T[2]) / T[0], x1 = (view[0] + (r.width - ox) / s - T[2]) / T[0];
    var ya = (view[1] - oy / s - T[3]) / T[1], yb = (view[1] + (r.height - oy) / s - T[3]) / T[1];
    var y0 = Math.min(ya, yb), y1 = Math.max(ya, yb);
    var lines = simple ? {} : null;  // far away: edges as straight lines, one path a style
    for (var i = 0; i < items.length; i++) {
      var it = items[i], b = it.b;
      if (it.k !== "graph" && (b[2] < x0 || b[0] > x1 || b[3] < y0 || b[1] > y1)) { continue; }
      if (isHidden(it)) { continue; }
      if (lines && it.l) {
        var l = it.l, batch = lines[l[4]] || (lines[l[4]] = new Path2D());
        batch.moveTo(l[0], l[1]); batch.lineTo(l[2], l[3]);
        continue;
      }
      if (lines && it.k === "node" && !lines.done) { strokeLines(lines); }  // under the boxes
      if (simple && it.k === "node") {  // far away: the box only
        var st = styles[it.s.length ? it.s[0][2] : 0] || ["#fff", "#777", 1];
        ctx.fillStyle = st[0] && st[0] !== "none" ? st[0] : "#fff";
        ctx.fillRect(b[0], b[1], b[2] - b[0], b[3] - b[1]);
        ctx.strokeStyle = st[1] && st[1] !== "none" ? st[1] : "#777";
        ctx.lineWidth = 1 / s; ctx.setLineDash([]);
        ctx.strokeRect(b[0], b[1], b[2] - b[0], b[3] - b[1]);
      } else {
        for (var j = 0; j < it.s.length; j++) {
          var sh = it.s[j];
          if (sh[0] === "p") { paint(sh[2], pathOf(it, j)); }
          else if (sh[0] === "e") {
            var p = new Path2D(); p.ellipse(sh[1], sh[2], sh[3], sh[4], 0, 0, 2 * Math.PI);
            paint(sh[5], p);
          } else if (sh[0] === "t" && !far) {
            ctx.font = sh[4]; ctx.fillStyle = sh[5];
            ctx.textAlign = sh[3] === "middle" ? "center" : (sh[3] === "end" ? "right" : "left");
            ctx.fillText(sh[6], sh[1], sh[2]);
          }
        }
      }
      if (it.k === "node" && (it.id === selected || matchSet[it.id])) {
        ctx.strokeStyle = it.id === selected ? "#1a73e8" : "#d93025";
        ctx.lineWidth = Math.max(4, 3 / s); ctx.setLineDash([]);
        ctx.strokeRect(b[0] - 3, b[1] - 3, b[2] - b[0] + 6, b[3] - b[1] + 6);
      }
      if (it.k === "node" && it.id === focused && document.activeElement === canvas) {
        ring(b, s);
      }
    }
    if (lines && !lines.done) { strokeLines(lines); }
  }
  function strokeLines(lines) {
    lines.done = true;
    Object.keys(lines).forEach(function (k) {
      if (k === "done") { return; }
      var st = styles[k];
      ctx.strokeStyle = st[1] && st[1] !== "none" ? st[1] : "#777";
      ctx.lineWidth = st[2]; ctx.setLineDash([]); ctx.stroke(lines[k]);
    });
  }
  function redraw() { if (!queued) { queued = true; requestAnimationFrame(draw); } }
  function setBox(x, y, w, h) { view = [x, y, w, h]; redraw(); }
  function fit() { view = home.slice(); redraw(); }
  function toUser(clientX, clientY) {
    var r = canvas.getBoundingClientRect(), s = scale();
    var ox = (r.width - view[2] * s) / 2, oy = (r.height - view[3] * s) / 2;
    return { x: view[0] + (clientX - r.left - ox) / s, y: view[1] + (clientY - r.top - oy) / s };
  }
  function zoom(factor, clientX, clientY) {
    var r = canvas.getBoundingClientRect();
    var c = toUser(clientX === undefined ? r.left + r.width / 2 : clientX,
                   clientY === undefined ? r.top + r.height / 2 : clientY);
    var w = view[2] * factor, h = view[3] * factor;
    if (w < 20 || w > home[2] * 20) { return; }
    setBox(c.x - (c.x - view[0]) * factor, c.y - (c.y - view[1]) * factor, w, h);
  }
  viewport.addEventListener("wheel", function (ev) {
    ev.preventDefault(); zoom(ev.deltaY < 0 ? 0.8 : 1.25, ev.clientX, ev.clientY);
  }, { passive: false });
  var drag = null;
  viewport.addEventListener("pointerdown", function (ev) {
    if (ev.button !== 0) { return; }
    drag = { v: view.slice(), s: scale(), sx: ev.clientX, sy: ev.clientY, moved: false };
  });
  window.addEventListener("pointermove", function (ev) {
    if (!drag) { return; }
    if (Math.abs(ev.clientX - drag.sx) + Math.abs(ev.clientY - drag.sy) > 4) {
      drag.moved = true; viewport.classList.add("dragging");
    }
    if (drag.moved) {
      setBox(drag.v[0] - (ev.clientX - drag.sx) / drag.s,
             drag.v[1] - (ev.clientY - drag.sy) / drag.s, drag.v[2], drag.v[3]);
    }
  });
  window.addEventListener("pointerup", function () {
    viewport.classList.remove("dragging");
    setTimeout(function () { drag = null; }, 0);
  });
  window.addEventListener("resize", redraw);
  canvas.addEventListener("click", function (ev) {
    if (drag && drag.moved) { return; }
    var p = toUser(ev.clientX, ev.clientY), it = nodeAt(p.x, p.y);
    if (it && data[it.id]) { show(it.id); }
  });
  document.getElementById("zoom-in").addEventListener("click", function () { zoom(0.8); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoom(1.25); });
  document.getElementById("zoom-fit").addEventListener("click", fit);
  document.getElementById("close").addEventListener("click", closeDetails);
  // @DETAILS@
  function show(key) {
    showDetails(key);
    selected = key; canvas.setAttribute("data-selected", key); redraw();
  }
  // @SEARCH@
  keys = Object.keys(data);
  function closeDetails() { panel.hidden = true; }
  function mark(on) {
    if (!on) { matchSet = {}; }
    else { matches.forEach(function (key) { matchSet[key] = true; }); }
    redraw();
  }
  function centre(key) {
    var it = byKey[key];
    if (!it) { return; }
    var group = groupOf[key];
    if (group !== undefined && hidden[group]) { setGroup(group, false); }
    var b = it.b, r = canvas.getBoundingClientRect();
    var ax = ux(b[0]), cx = ux(b[2]), ay = uy(b[1]), cy = uy(b[3]);
    var w = Math.min(Math.max(Math.abs(cx - ax) * 5, 700), Math.max(home[2], 700));
    var h = w * (r.height / Math.max(r.width, 1));
    setBox((ax + cx) / 2 - w / 2, (ay + cy) / 2 - h / 2, w, h);
    show(key);
  }
  // -- sides and clusters: hide one, and the lines that touch it
  nav.groups.forEach(function (group, index) {
    group.keys.forEach(function (key) { groupOf[key] = index; });
  });
  var byName = {};
  Object.keys(nav.names).forEach(function (key) { byName[nav.names[key]] = key; });
  items.forEach(function (it) {
    if (it.k === "edge") {
      var ends = it.title.split("->");
      if (ends.length === 2) { edgeEnds[it.i] = [byName[ends[0]], byName[ends[1]]]; }
    }
  });
  function hiddenKey(key) { return groupOf[key] !== undefined && hidden[groupOf[key]] === true; }
  function setGroup(index, hide) {
    hidden[index] = hide;
    var group = nav.groups[index];
    if (group.cluster) { hiddenClusters[group.cluster] = hide; }
    var box = document.getElementById("group-" + index);
    if (box) { box.checked = !hide; }
    canvas.setAttribute("data-hidden", Object.keys(hidden).filter(function (k) {
      return hidden[k]; }).join(" "));
    recount(); redraw();
  }
  var groupList = document.getElementById("groups");
  nav.groups.forEach(function (group, index) {
    var label = add(groupList, "label");
    var input = add(label, "input");
    input.type = "checkbox"; input.checked = true; input.id = "group-" + index;
    add(label, "span", group.label + " (" + group.keys.length + ")");
    input.addEventListener("change", function () { setGroup(index, !input.checked); });
  });
  document.getElementById("groups-box").hidden = nav.groups.length < 2;
  // -- the keyboard: Tab and Shift+Tab walk the nodes in reading order (top to bottom,
  // left to right), each centred, its details shown, a focus ring drawn around it and
  // its name read out; past the last (or before the first) Tab leaves the map
  var focused = null, order = null;
  var announce = document.getElementById("focus-live");
  function readingOrder() {
    if (order === null) {
      order = nodes.filter(function (it) { return data[it.id]; }).map(function (it) {
        var b = it.b;
        return { it: it, x: Math.round((ux(b[0]) + ux(b[2])) / 2),
                 y: Math.round((uy(b[1]) + uy(b[3])) / 2) };
      });
      order.sort(function (a, b) { return a.y - b.y || a.x - b.x; });
      order = order.map(function (o) { return o.it; });
    }
    return order;
  }
  function ring(b, s) {  // white under dark dashes: visible on any fill
    var pad = Math.max(8, 6 / s), r = [b[0] - pad, b[1] - pad, b[2] - b[0] + 2 * pad,
                                       b[3] - b[1] + 2 * pad];
    ctx.setLineDash([]); ctx.strokeStyle = "#fff"; ctx.lineWidth = Math.max(6, 5 / s);
    ctx.strokeRect(r[0], r[1], r[2], r[3]);
    ctx.setLineDash([Math.max(8, 7 / s), Math.max(5, 4 / s)]);
    ctx.strokeStyle = "#202124"; ctx.lineWidth = Math.max(3, 2.5 / s);
    ctx.strokeRect(r[0], r[1], r[2], r[3]);
    ctx.setLineDash([]);
  }
  function step(dir) {
    var list = readingOrder(), from = focused !== null ? focused : selected;
    var i = from !== null && byKey[from] ? list.indexOf(byKey[from]) :
      (dir > 0 ? -1 : list.length);
    for (i += dir; i >= 0 && i < list.length; i += dir) {
      if (!isHidden(list[i])) {
        var key = list[i].id, d = data[key];
        focused = key; canvas.setAttribute("data-focused", key);
        centre(key);
        announce.textContent = d.kind + " " + d.id + ": " + (d.title || d.text || "") +
          " (" + (i + 1) + " of " + list.length + ")";
        return true;
      }
    }
    return false;
  }
  canvas.addEventListener("keydown", function (ev) {
    if (ev.key === "Tab") {
      if (step(ev.shiftKey ? -1 : 1)) { ev.preventDefault(); }
      else { focused = null; canvas.removeAttribute("data-focused"); redraw(); }
    } else if ((ev.key === "Enter" || ev.key === " ") && focused !== null) {
      ev.preventDefault(); centre(focused);
    }
  });
  canvas.addEventListener("focus", function (ev) {
    if (drag || focused !== null) { redraw(); return; }  // a click, or back to the node
    var from = ev.relatedTarget;
    step(from && (canvas.compareDocumentPosition(from) &
                  Node.DOCUMENT_POSITION_FOLLOWING) ? -1 : 1);
  });
  canvas.addEventListener("blur", redraw);
  // for tests and tools: where a node is drawn on the screen, in CSS pixels
  canvas.argmapNodeBox = function (key) {
    var it = byKey[key];
    if (!it) { return null; }
    var r = canvas.getBoundingClientRect(), s = scale();
    var ox = (r.width - view[2] * s) / 2, oy = (r.height - view[3] * s) / 2;
    var b = it.b, xa = ux(b[0]), xb = ux(b[2]), ya = uy(b[1]), yb = uy(b[3]);
    return { x: r.left + ox + (Math.min(xa, xb) - view[0]) * s,
             y: r.top + oy + (Math.min(ya, yb) - view[1]) * s,
             width: Math.abs(xb - xa) * s, height: Math.abs(yb - ya) * s,
             hidden: isHidden(it) };
  };
  draw();
  document.body.setAttribute("data-ready-at", String(Math.round(performance.now())));
  document.body.setAttribute("data-ready", "1");
})();
"""

_DETAILS = _DETAILS.replace("    // @FIELDS@\n", NODE_FIELDS)
_SCRIPT = _SCRIPT_SVG.replace("  // @VIEW@\n", VIEW).replace("  // @DETAILS@\n", _DETAILS)
_CANVAS = (_SCRIPT_CANVAS.replace("  // @SEARCH@\n", SEARCH)
           .replace("  // @DETAILS@\n", _DETAILS))


def json_for_script(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def clean_json(value: object) -> object:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, Mapping):
        return {str(k): clean_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_json(v) for v in value]
    return value


#: From this many drawn nodes the page opens with text hidden (the fit-to-screen view of
#: a large map is too small to read, and text is what makes it slow to paint); the
#: script shows text again as soon as the zoom makes it readable.
FAR_NODES = 400
#: From this many drawn nodes the page paints the map on a canvas from compact data
#: (:mod:`argmap._render.scene`) instead of holding it as inline SVG: a browser builds
#: an element for every shape and text of an SVG, which for 20,000 nodes took it most of
#: half a minute before the page could be used.
CANVAS_NODES = 3000


def head(policy: str, generator: str, title: str, style: str) -> str:
    """The page's ``<!DOCTYPE>`` and ``<head>`` (shared with the live preview): the
    Content-Security-Policy ``policy``, the ``generator``, the ``title`` (already
    escaped) and the ``style``."""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{html.escape(policy)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{html.escape(generator)}">
<title>{title}</title>
<style>{style}</style>
</head>"""


def controls(group_title: str = "Sides") -> str:
    """The header's controls that :data:`VIEW` drives (shared with the live preview): the
    zoom buttons, the search box and its count (read out as it changes), the menu of
    sides or clusters to hide (its summary ``group_title``) and the level-of-detail hint."""
    return f"""<button id="zoom-in" type="button" title="Zoom in (+)">+</button>
<button id="zoom-out" type="button" title="Zoom out (-)">&#8722;</button>
<button id="zoom-fit" type="button" title="Show the whole map (0)">Fit</button>
<input id="search" type="search" placeholder="Find (/)" aria-label="Find a node"
 autocomplete="off" spellcheck="false">
<span id="search-count" aria-live="polite"></span>
<details id="groups-box" hidden><summary>{html.escape(group_title)}</summary>
<div id="groups"></div></details>
<span id="lod-hint" hidden>Text hidden at this zoom: zoom in, or find a node.</span>"""


#: The details panel (shared with the live preview).
DETAILS_PANEL = """<aside id="details" hidden>
<button id="close" type="button" title="Close (Esc)">&#215;</button>
<div id="details-body"></div>
</aside>"""


def build_page(svg: str, nodes: Mapping[str, NodeInfo], title: str | None, *,
               names: Mapping[str, str] | None = None,
               groups: Sequence[Group] = (), group_title: str = "Sides") -> bytes:
    """The HTML page around ``svg`` (an ``<svg>`` element, already finished).

    ``names`` maps each node's key to its DOT name (to know the ends of each drawn
    line); ``groups`` are the sides or clusters the reader can hide.
    """
    canvas = len(nodes) >= CANVAS_NODES
    script = _CANVAS if canvas else _SCRIPT
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    policy = (f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; "
              "base-uri 'none'; form-action 'none'")
    heading = html.escape(clean(title) if title else "Argument map")
    data = {key: clean_json(dict(info.details)) for key, info in nodes.items()}
    nav = {"names": dict(names or {}),
           "groups": [{"label": clean(g.label), "cluster": g.cluster, "keys": list(g.keys)}
                      for g in groups]}
    far = ' class="far"' if len(nodes) >= FAR_NODES else ""
    style = STYLE
    if canvas:
        from argmap._render.scene import scene  # noqa: PLC0415 -- large maps only

        drawing = ('<canvas id="drawing" tabindex="0" role="application" aria-label="The '
                   "argument map: Tab and Shift+Tab walk the nodes and show each one's "
                   'details; find a node with the search box, or click a box"></canvas>\n'
                   '<span id="focus-live" class="sr-only" aria-live="polite"></span>')
        style += _CANVAS_STYLE
        extra = (f'<script type="application/json" id="argmap-scene">'
                 f"{json_for_script(scene(svg))}</script>\n")
    else:
        drawing, extra = svg, ""
    page = f"""{head(policy, "argmap", heading, style)}
<body>
<header>
<h1>{heading}</h1>
{controls(group_title)}
<span class="hint">Drag to pan, scroll to zoom, click a box for its details.</span>
</header>
<div id="stage">
<main id="viewport"{far}>
{drawing}
</main>
{DETAILS_PANEL}
</div>
<script type="application/json" id="argmap-data">{json_for_script(data)}</script>
<script type="application/json" id="argmap-nav">{json_for_script(nav)}</script>
{extra}<script>{script}</script>
</body>
</html>
"""
    return page.encode("utf-8")
