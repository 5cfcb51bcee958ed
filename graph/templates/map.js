/* ecokg map: builds the vis-network view from the JSON blob in #ecokg-map-data.
 * Every piece of text from data is written with textContent or as text nodes,
 * never as HTML. Exposes the vis.Network instance as window.network. */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("ecokg-map-data").textContent);
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function svgEl(tag, attrs) {
    var e = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    return e;
  }
  function short(s, n) { s = String(s); return s.length > n ? s.slice(0, n - 1) + "…" : s; }
  function period(s, e) {
    if (!s && !e) { return ""; }
    return (s || "…") + " – " + (e || "…");
  }
  function amount(a) {
    if (a === null || a === undefined || a === "") { return ""; }
    var x = Number(a);
    return isFinite(x) ? x.toLocaleString("da-DK") + " kr." : String(a);
  }

  var T = D.types, R = D.relations;
  var byId = new Map(), edgeById = new Map(), adj = new Map();
  D.nodes.forEach(function (n) { byId.set(n.id, n); adj.set(n.id, []); });
  D.edges.forEach(function (e) {
    edgeById.set(e.id, e);
    adj.get(e.f).push(e);
    if (e.to !== e.f) { adj.get(e.to).push(e); }
  });

  /* ---- vis data ---------------------------------------------------- */
  function nodeItem(n) {
    var item = { id: n.id, label: short(n.l, 42), group: "t" + n.t, size: n.z };
    if (n.g || n.foc) {
      var t = T[n.t];
      item.color = { background: t.color, border: n.g ? "#c1121f" : "#111",
                     highlight: { background: t.color, border: "#111" }, hover: { background: t.color, border: "#111" } };
      item.borderWidth = n.g ? 5 : 4;
      if (n.g) { item.shapeProperties = { borderDashes: [6, 3] }; }
    }
    if (typeof n.x === "number") { item.x = n.x; item.y = n.y; }
    return item;
  }
  var groupsOpt = {};
  T.forEach(function (t, i) {
    groupsOpt["t" + i] = { shape: t.shape, borderWidth: 1,
      color: { background: t.color, border: t.border, highlight: { background: t.color, border: "#111" },
               hover: { background: t.color, border: "#111" } } };
  });
  function edgeItem(e) {
    var r = R[e.r];
    var item = {
      id: e.id, from: e.f, to: e.to, color: { color: r.color, highlight: "#111", hover: "#111", opacity: r.opacity },
      width: r.width, dashes: r.dashes,
      arrows: r.arrows ? { to: { enabled: true, scaleFactor: 0.5 } } : { to: { enabled: false } }
    };
    if (e.ov) { item.label = Math.round(e.ov.score * 100) + "%"; item.font = { color: r.color, size: 11, strokeWidth: 3 }; }
    return item;
  }
  var tick = performance.now(), timings = window.ecokgTimings = {};
  var nodes = new vis.DataSet(D.nodes.map(nodeItem));
  var edges = new vis.DataSet(D.edges.map(edgeItem));
  var options = {
    autoResize: true,
    layout: { improvedLayout: D.nodes.length <= 150, randomSeed: 7 },
    interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: D.nodes.length > 1000,
                   hideEdgesOnZoom: D.nodes.length > 3000, multiselect: false },
    physics: D.physics ? { enabled: true, solver: "forceAtlas2Based",
                           forceAtlas2Based: { gravitationalConstant: -80, springLength: 140, springConstant: 0.06, avoidOverlap: 0.9 },
                           stabilization: { enabled: true, iterations: 300, updateInterval: 50, fit: true } }
                       : { enabled: false },
    edges: { smooth: D.smooth ? { type: "continuous", roundness: 0.3 } : false, selectionWidth: 2 },
    nodes: { scaling: { label: { enabled: false } },
             font: { size: 13, color: "#1d2330", strokeWidth: 3, strokeColor: "#ffffff" } },
    groups: groupsOpt
  };
  timings.datasets = performance.now() - tick;
  /* Aggregated view: the network draws only `shown`/`edgesShown` (group
   * super-nodes and the members of expanded groups); `nodes`/`edges` keep every
   * entity and relation for filters, search and details. */
  var lazy = !!D.groups;
  var shown = lazy ? new vis.DataSet() : nodes, edgesShown = lazy ? new vis.DataSet() : edges;
  var network = new vis.Network($("ek-network"), { nodes: shown, edges: edgesShown }, options);
  timings.network = performance.now() - tick;
  window.network = network;

  function markReady() {
    if (window.ecokgReady) { return; }
    timings.ready = performance.now() - tick;
    window.ecokgReady = true;
    document.documentElement.setAttribute("data-ecokg-ready", "1");
  }
  if (D.physics) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      markReady();
    });
  }
  network.once("afterDrawing", function () { if (!D.physics) { markReady(); } });

  /* ---- aggregated view: groups (regions or communities) that expand --- */
  var groupOf = new Map(), members = [], expanded = new Set();
  function isGroup(id) { return typeof id === "string" && id.indexOf("g-") === 0; }
  function rep(id) { var k = groupOf.get(id); return expanded.has(k) ? id : "g-" + k; }
  function rebuildEdges() {
    var agg = new Map(), items = [];
    D.edges.forEach(function (e) {
      var a = rep(e.f), b = rep(e.to);
      if (!isGroup(a) && !isGroup(b)) { var it = edgeItem(e); it.hidden = !!e._hidden; items.push(it); return; }
      if (a === b) { return; }
      var key = a < b ? a + "|" + b : b + "|" + a, c = agg.get(key);
      if (c) { c.n += 1; } else { agg.set(key, { a: a, b: b, n: 1 }); }
    });
    agg.forEach(function (c, key) {
      items.push({ id: "ge-" + key, from: c.a, to: c.b, width: Math.min(12, 1 + Math.log(c.n)),
                   color: { color: "#8a99ad", opacity: 0.55 },
                   arrows: { to: { enabled: false } } });
    });
    edgesShown.clear();
    edgesShown.add(items);
  }
  function groupNode(k) {
    var g = D.groups[k];
    var item = { id: "g-" + k, label: short(g.label, 40) + " (" + g.n.toLocaleString("da-DK") + ")",
                 shape: "dot", size: Math.max(20, g.r * 0.45), borderWidth: 3,
                 color: { background: "#e9eef6", border: "#1d3557" },
                 font: { size: Math.max(16, g.r * 0.16), strokeWidth: 4, strokeColor: "#fff" } };
    if (typeof g.x === "number") { item.x = g.x; item.y = g.y; }
    return item;
  }
  function expand(k) {
    if (expanded.has(k)) { return; }
    hideTip();
    expanded.add(k);
    shown.remove("g-" + k);
    shown.add(nodes.get(members[k]));
    rebuildEdges();
    groupButton();
    network.fit({ nodes: members[k], animation: false });
  }
  function collapseAll() {
    hideTip();
    expanded.clear();
    shown.clear();
    shown.add(D.groups.map(function (g, k) { return groupNode(k); }));
    rebuildEdges();
    groupButton();
    network.fit({ animation: false });
  }
  function expandAll() {
    hideTip();
    var ks = [];
    D.groups.forEach(function (g, k) { if (!expanded.has(k)) { ks.push(k); expanded.add(k); } });
    shown.remove(ks.map(function (k) { return "g-" + k; }));
    var ids = [];
    ks.forEach(function (k) { ids = ids.concat(members[k]); });
    shown.add(nodes.get(ids));
    rebuildEdges();
    groupButton();
    network.fit({ animation: false });
  }
  function groupButton() {
    $("ek-group").textContent = allOpen() ? "Group by " + (D.groupBy || "region") : "Expand all groups";
  }
  function isCl(id) { return isGroup(id); }
  function allOpen() { return expanded.size === D.groups.length; }
  if (lazy) {
    D.groups.forEach(function () { members.push([]); });
    D.nodes.forEach(function (n) { groupOf.set(n.id, n.k); members[n.k].push(n.id); });
    $("ek-group").hidden = false;
    collapseAll();
    $("ek-group").addEventListener("click", function () { if (allOpen()) { collapseAll(); } else { expandAll(); } });
    network.on("doubleClick", function (p) {
      if (p.nodes.length && isGroup(p.nodes[0])) { expand(parseInt(p.nodes[0].slice(2), 10)); }
    });
  }

  /* ---- filters ------------------------------------------------------ */
  var off = { type: new Set(), region: new Set(), focus: new Set() };
  var keep = null; /* Set of node ids when focused on one actor */
  var from = "", to = "";

  function activeIn(s, e) {
    if (from && e && e < from) { return false; }
    if (to && s && s > to) { return false; }
    return true;
  }
  function visible(n) {
    if (off.type.has(n.t)) { return false; }
    if (n.r && off.region.has(n.r)) { return false; }
    if (n.fa.length && n.fa.every(function (f) { return off.focus.has(f); })) { return false; }
    if (!activeIn(n.s, n.e)) { return false; }
    if (keep && !keep.has(n.id)) { return false; }
    return true;
  }
  var shownN = D.nodes.length, shownE = D.edges.length;
  /* Hidden flags are written straight into the DataSet items and the drawn
   * nodes, then vis-network is told once that data changed: a DataSet.update
   * of thousands of items re-parses every node's options and takes seconds. */
  function setHidden(set, body, id, h) {
    var item = set._data.get(id);
    if (item) { item.hidden = h; }
    var view = lazy ? (set === nodes ? shown : edgesShown)._data.get(id) : null;
    if (view) { view.hidden = h; }
    var b = body[id];
    if (b) { b.options.hidden = h; }
  }
  function apply() {
    var t0 = performance.now();
    var vis = new Set(), changed = 0, bn = network.body.nodes, be = network.body.edges;
    D.nodes.forEach(function (n) {
      var v = visible(n);
      if (v) { vis.add(n.id); }
      if (!!n._hidden === v) { n._hidden = !v; setHidden(nodes, bn, n.id, !v); changed++; }
    });
    shownE = 0;
    D.edges.forEach(function (e) {
      var own = activeIn(e.s, e.e); /* edges of hidden nodes are not drawn anyway */
      if (own && vis.has(e.f) && vis.has(e.to)) { shownE += 1; }
      if (!!e._hidden === own) { e._hidden = !own; setHidden(edges, be, e.id, !own); changed++; }
    });
    shownN = vis.size;
    var t1 = performance.now();
    if (changed) { network._updateVisibleIndices(); }
    var t2 = performance.now();
    if (changed) { network.redraw(); }
    timings.applyLoop = t1 - t0; timings.applyNotify = t2 - t1; timings.apply = performance.now() - t0;
    status();
  }
  function status() {
    $("ek-status").textContent = "Showing " + shownN.toLocaleString("da-DK") + " of " +
      D.nodes.length.toLocaleString("da-DK") + " nodes, " + shownE.toLocaleString("da-DK") + " of " +
      D.edges.length.toLocaleString("da-DK") + " edges.";
  }
  window.ecokgApplyFilters = apply;

  function checklist(boxId, values, set, key) {
    var box = $(boxId);
    if (!values.length) { box.appendChild(el("span", "—", "ek-hint")); return; }
    values.forEach(function (v) {
      var lab = el("label");
      var cb = document.createElement("input");
      cb.type = "checkbox"; cb.checked = true;
      cb.setAttribute("data-filter", key);
      cb.setAttribute("data-value", v.text); /* an attribute value is text, never parsed as HTML */
      cb.setAttribute("aria-label", key + ": " + v.text);
      cb.addEventListener("change", function () {
        if (cb.checked) { set.delete(v.value); } else { set.add(v.value); }
        apply();
      });
      lab.appendChild(cb);
      if (v.swatch) { lab.appendChild(v.swatch); }
      lab.appendChild(el("span", v.text));
      lab.appendChild(el("span", v.n, "ek-n"));
      box.appendChild(lab);
    });
  }
  function count(fn) { var m = new Map(); D.nodes.forEach(function (n) { fn(n).forEach(function (k) { m.set(k, (m.get(k) || 0) + 1); }); }); return m; }
  var regionN = count(function (n) { return n.r ? [n.r] : []; });
  var focusN = count(function (n) { return n.fa; });
  checklist("ek-f-type", T.map(function (t, i) { return { value: i, text: t.name, n: t.n, swatch: swatch(t) }; })
    .filter(function (v) { return v.n > 0; }), off.type, "type");
  checklist("ek-f-region", D.regions.map(function (r) { return { value: r, text: r, n: regionN.get(r) || 0 }; }), off.region, "region");
  checklist("ek-f-focus", D.focusAreas.map(function (f) { return { value: f, text: f, n: focusN.get(f) || 0 }; }), off.focus, "focus");
  $("ek-all").addEventListener("click", function () {
    off.type.clear(); off.region.clear(); off.focus.clear();
    Array.prototype.forEach.call(document.querySelectorAll("#ek-map input[type=checkbox]"), function (c) { c.checked = true; });
    apply();
  });
  $("ek-from").addEventListener("change", function () { from = this.value; apply(); });
  $("ek-to").addEventListener("change", function () { to = this.value; apply(); });

  /* ---- focus on one actor with N hops ------------------------------ */
  var selected = D.focus || null;
  function neighbourhood(id, hops) {
    var seen = new Set([id]), frontier = [id];
    for (var h = 0; h < hops; h++) {
      var next = [];
      frontier.forEach(function (u) {
        adj.get(u).forEach(function (e) {
          var v = e.f === u ? e.to : e.f;
          if (!seen.has(v)) { seen.add(v); next.push(v); }
        });
      });
      frontier = next;
    }
    return seen;
  }
  function revealNode(id) {
    if (lazy && groupOf.has(id)) { expand(groupOf.get(id)); }
  }
  function focusOn(id, hops) {
    if (!byId.has(id)) { return; }
    keep = neighbourhood(id, hops);
    if (lazy) { keep.forEach(function (v) { expand(groupOf.get(v)); }); }
    apply();
    network.selectNodes([id]);
    network.fit({ nodes: Array.from(keep), animation: false });
    showNode(id);
  }
  window.ecokgFocus = focusOn;
  $("ek-focus").addEventListener("click", function () {
    if (selected) { focusOn(selected, Math.max(1, parseInt($("ek-hops").value, 10) || 1)); }
  });
  $("ek-reset").addEventListener("click", function () { keep = null; apply(); network.fit({ animation: false }); });
  if (D.hops) { $("ek-hops").value = String(D.hops); }

  /* ---- search -------------------------------------------------------- */
  var folded = D.nodes.map(function (n) { return [n.id, (n.l + (n.en ? "\n" + n.en : "")).toLocaleLowerCase("da")]; });
  $("ek-search").addEventListener("input", function () {
    var q = this.value.trim().toLocaleLowerCase("da"), list = $("ek-results");
    list.replaceChildren();
    if (!q) { network.unselectAll(); return; }
    var hits = [];
    for (var i = 0; i < folded.length && hits.length < 25; i++) {
      if (folded[i][1].indexOf(q) !== -1) { hits.push(folded[i][0]); }
    }
    hits.forEach(function (id) {
      var li = el("li"), b = el("button", byId.get(id).l);
      b.type = "button";
      b.addEventListener("click", function () { pick(id); });
      li.appendChild(b); list.appendChild(li);
    });
    if (!hits.length) { list.appendChild(el("li", "No match.", "ek-hint")); }
  });
  $("ek-search").addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { var b = $("ek-results").querySelector("button"); if (b) { b.click(); } }
  });
  function pick(id) {
    revealNode(id);
    selected = id;
    network.selectNodes([id]);
    network.focus(id, { scale: 1.1, animation: false });
    showNode(id);
  }
  window.ecokgPick = pick;

  /* ---- tooltips and details (DOM built from text) ------------------- */
  function nodeSummary(n, box) {
    box.appendChild(el("b", n.l));
    box.appendChild(el("div", T[n.t].name + (n.r ? " · " + n.r : "")));
    if (n.fa.length) { box.appendChild(el("div", "Focus areas: " + n.fa.join(", "))); }
    var p = period(n.s, n.e);
    if (p) { box.appendChild(el("div", "Period: " + p)); }
    if (n.g) { box.appendChild(el("div", "Growth model missing: " + n.g.join(", "), "ek-miss")); }
    if (n.b !== undefined) { box.appendChild(el("div", "Broker (betweenness " + n.b.toFixed(3) + ")")); }
    if (n.iso) { box.appendChild(el("div", "Isolated: no collaboration", "ek-miss")); }
  }
  function edgeSummary(e, box) {
    var r = R[e.r];
    box.appendChild(el("b", byId.get(e.f).l + " — " + r.name + " → " + byId.get(e.to).l));
    var p = period(e.s, e.e);
    if (p) { box.appendChild(el("div", "Period: " + p)); }
    if (e.a !== undefined && e.a !== null) { box.appendChild(el("div", "Amount: " + amount(e.a))); }
    if (e.ov) {
      box.appendChild(el("div", "Overlap score " + e.ov.score.toFixed(2)));
      e.ov.reasons.forEach(function (t) { box.appendChild(el("div", "• " + t)); });
    }
    (e.ev || []).slice(0, 2).forEach(function (v) {
      box.appendChild(el("div", [v[0], v[1]].filter(Boolean).join(", ")));
      if (v[2]) { box.appendChild(el("div", "“" + short(v[2], 220) + "”", "ek-q")); }
    });
  }
  var tip = $("ek-tooltip");
  function showTip(p, fill) {
    tip.replaceChildren();
    fill(tip);
    tip.style.display = "block";
    var x = p.pointer && p.pointer.DOM ? p.pointer.DOM.x : 0, y = p.pointer && p.pointer.DOM ? p.pointer.DOM.y : 0;
    var W = tip.parentNode.clientWidth;
    tip.style.left = Math.max(4, Math.min(x + 14, W - tip.offsetWidth - 4)) + "px";
    tip.style.top = (y + 14) + "px";
  }
  function hideTip() { $("ek-tooltip").style.display = "none"; }
  network.on("hoverNode", function (p) {
    var n = byId.get(p.node);
    if (n) { showTip(p, function (b) { nodeSummary(n, b); }); }
    else if (isCl(p.node)) {
      var g = D.groups[parseInt(p.node.slice(2), 10)];
      showTip(p, function (b) { b.appendChild(el("b", g.label)); b.appendChild(el("div", g.n.toLocaleString("da-DK") + " nodes. Double-click to expand.")); });
    }
  });
  network.on("hoverEdge", function (p) {
    var e = edgeById.get(p.edge);
    if (e) { showTip(p, function (b) { edgeSummary(e, b); }); }
  });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);

  var details = $("ek-details");
  function dl(pairs) {
    var d = el("dl");
    pairs.forEach(function (p) {
      if (p[1] === undefined || p[1] === null || p[1] === "" || (Array.isArray(p[1]) && !p[1].length)) { return; }
      d.appendChild(el("dt", p[0]));
      if (p[1] instanceof Node) { var dd = el("dd"); dd.appendChild(p[1]); d.appendChild(dd); }
      else { d.appendChild(el("dd", Array.isArray(p[1]) ? p[1].join(", ") : p[1], p[2])); }
    });
    return d;
  }
  function evidenceList(ev) {
    var box = el("div");
    ev.forEach(function (v) {
      box.appendChild(el("div", [v[0], v[1]].filter(Boolean).join(", ")));
      if (v[2]) { box.appendChild(el("blockquote", v[2])); }
    });
    return box;
  }
  function link(u) {
    if (!/^https?:\/\//i.test(u)) { return u; }
    var a = el("a", u); a.href = u; a.rel = "noopener noreferrer"; a.target = "_blank";
    return a;
  }
  function showNode(id) {
    var n = byId.get(id);
    if (!n) { return; }
    details.replaceChildren();
    details.appendChild(el("h3", n.l));
    var rows = [["English name", n.en], ["Type", T[n.t].name], ["Region", n.r], ["Focus areas", n.fa], ["Period", period(n.s, n.e)],
                ["Growth model missing", n.g, "ek-miss"],
                ["Broker", n.b !== undefined ? "betweenness " + n.b.toFixed(3) : ""],
                ["Isolated", n.iso ? "no collaboration with other actors" : "", "ek-miss"],
                ["Description", n.d], ["Website", n.u ? link(n.u) : ""]];
    if (n.c) { Object.keys(n.c).forEach(function (k) { rows.push([k, n.c[k]]); }); }
    details.appendChild(dl(rows));
    var conns = adj.get(id);
    if (conns.length) {
      details.appendChild(el("h4", "Connections (" + conns.length + ")"));
      var ul = el("ul");
      conns.slice(0, 60).forEach(function (e) {
        var other = byId.get(e.f === id ? e.to : e.f);
        var li = el("li", (e.f === id ? R[e.r].name + " → " : "← " + R[e.r].name + " ") + other.l);
        ul.appendChild(li);
      });
      if (conns.length > 60) { ul.appendChild(el("li", "… and " + (conns.length - 60) + " more")); }
      details.appendChild(ul);
    }
  }
  function showEdge(id) {
    var e = edgeById.get(id);
    if (!e) { return; }
    details.replaceChildren();
    details.appendChild(el("h3", R[e.r].name));
    details.appendChild(dl([["From", byId.get(e.f).l], ["To", byId.get(e.to).l], ["Period", period(e.s, e.e)],
      ["Amount", amount(e.a)], ["Overlap score", e.ov ? e.ov.score.toFixed(2) : ""],
      ["Reasons", e.ov ? e.ov.reasons : ""],
      ["Evidence", e.ev && e.ev.length ? evidenceList(e.ev) : ""]]));
  }
  network.on("click", function (p) {
    if (p.nodes.length && byId.has(p.nodes[0])) { selected = p.nodes[0]; showNode(selected); }
    else if (p.edges.length && edgeById.has(p.edges[0])) { showEdge(p.edges[0]); }
  });

  /* ---- legend ------------------------------------------------------ */
  function swatch(t) {
    var s = svgEl("svg", { width: 16, height: 16, viewBox: "0 0 16 16", "aria-hidden": "true" });
    var c = { fill: t.color, stroke: t.border, "stroke-width": 1 };
    var shape;
    if (t.shape === "square") { shape = svgEl("rect", Object.assign({ x: 2, y: 2, width: 12, height: 12 }, c)); }
    else if (t.shape === "diamond") { shape = svgEl("polygon", Object.assign({ points: "8,1 15,8 8,15 1,8" }, c)); }
    else if (t.shape === "triangle") { shape = svgEl("polygon", Object.assign({ points: "8,1 15,14 1,14" }, c)); }
    else if (t.shape === "triangleDown") { shape = svgEl("polygon", Object.assign({ points: "1,2 15,2 8,15" }, c)); }
    else if (t.shape === "hexagon") { shape = svgEl("polygon", Object.assign({ points: "4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8" }, c)); }
    else if (t.shape === "star") { shape = svgEl("polygon", Object.assign({ points: "8,1 10,6 15,6 11,9.5 12.5,15 8,11.5 3.5,15 5,9.5 1,6 6,6" }, c)); }
    else { shape = svgEl("circle", Object.assign({ cx: 8, cy: 8, r: 6.5 }, c)); }
    s.appendChild(shape);
    return s;
  }
  var ln = $("ek-legend-nodes");
  T.forEach(function (t) {
    if (!t.n) { return; }
    var li = el("li"); li.appendChild(swatch(t)); li.appendChild(el("span", t.name + " (" + t.n + ")")); ln.appendChild(li);
  });
  if (D.nodes.some(function (n) { return n.g; })) {
    var li = el("li");
    li.appendChild(swatch({ shape: "diamond", color: "#fff", border: "#c1121f" }));
    li.appendChild(el("span", "Red dashed border: ecosystem missing a growth-model element"));
    ln.appendChild(li);
  }
  var le = $("ek-legend-edges");
  R.forEach(function (r) {
    if (!r.n) { return; }
    var li = el("li"), s = svgEl("svg", { width: 28, height: 10, "aria-hidden": "true" });
    var line = svgEl("line", { x1: 1, y1: 5, x2: 27, y2: 5, stroke: r.color, "stroke-width": Math.min(r.width, 4) });
    if (r.dashes) { line.setAttribute("stroke-dasharray", "5,3"); }
    s.appendChild(line); li.appendChild(s); li.appendChild(el("span", r.name + " (" + r.n + ")")); le.appendChild(li);
  });

  status();
  if (D.focus && byId.has(D.focus)) { network.selectNodes([D.focus]); showNode(D.focus); }
})();
