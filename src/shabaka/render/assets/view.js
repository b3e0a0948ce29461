/* shabaka's graph page: controls, search and the side panel around a vis-network graph.
 *
 * Every string of the corpus reaches the DOM through textContent (see el()), never as
 * markup. The data comes from the JSON element #shabaka-data written by
 * shabaka/render/html.py.
 */
"use strict";
(function () {
  const DATA = JSON.parse(document.getElementById("shabaka-data").textContent);
  const S = DATA.settings;
  const nodeById = new Map(DATA.nodes.map((n) => [n.id, n]));
  const colorOf = new Map(DATA.types.map((t) => [t.type, t.color]));
  const nameOf = new Map(DATA.types.map((t) => [t.type, t.name]));
  const shownTypes = new Set(DATA.types.map((t) => t.type));
  const $ = (id) => document.getElementById(id);
  const fmt = (x) => x.toLocaleString("en-US");

  /* An element with text children only: strings become text nodes, never HTML. */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v;
      else if (k === "onclick") e.addEventListener("click", v);
      else e.setAttribute(k, v);
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      e.append(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return e;
  }
  const text = (s, tag) => el(tag || "span", { class: "t", dir: "auto" }, s);

  /* ---- Search: a port of shabaka.text.normalize_key and of html.py's search_keys ----
   * Python: NFKC, drop invisible characters and tatweel, map Persian letters and
   * Arabic-Indic digits, remove diacritics (camel-tools AR_DIAC_CHARSET), alef
   * variants -> ا, ى -> ي, ة -> ه, lower-case, collapse whitespace. test_browser.py
   * checks this port against Python on sample strings. */
  const INVISIBLE = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\u0640]/g;
  const DIACRITICS = /[\u064b-\u0652\u0670]/g;
  const LETTERS = { "\u06cc": "\u064a", "\u06d2": "\u064a", "\u06a9": "\u0643", "\u06c1": "\u0647", "\u0671": "\u0627",
    "\u0625": "\u0627", "\u0623": "\u0627", "\u0622": "\u0627", "\u0649": "\u064a", "\u0629": "\u0647" };
  function normalizeKey(s) {
    s = s.normalize("NFKC").replace(INVISIBLE, "");
    s = s.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x660));
    s = s.replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x6f0));
    s = s.replace(DIACRITICS, "").replace(/[\u06cc\u06d2\u06a9\u06c1\u0671\u0625\u0623\u0622\u0649\u0629]/g, (c) => LETTERS[c]);
    return s.toLowerCase().split(/\s+/).filter(Boolean).join(" ");
  }
  const stripArticles = (k) => k.split(" ").map((w) => (w.startsWith("\u0627\u0644") && w.length > 3 ? w.slice(2) : w)).join(" ");
  const skeleton = (k) => k.split(" ").map((w) => w.slice(0, 1) + w.slice(1).replace(/[\u0627\u0648\u064a]/g, "")).join(" ");
  /* A port of shabaka.latin.latin_skeleton: "hamouchi" finds Hammouchi. */
  const latinSkeleton = (s) => s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^a-z ]+/g, " ")
    .split(/\s+/).filter(Boolean).map((w) => (w[0] + w.slice(1).replace(/[aeiouy]/g, "")).replace(/(.)\1+/g, "$1")).join(" ");

  /* Nodes matching a query, best first: exact key, then without articles, then skeleton
   * (Arabic, then Latin: html.py's search_keys holds the Latin keys of English labels). */
  function search(query) {
    const q = normalizeKey(query);
    if (!q) return [];
    const tiers = [q, stripArticles(q), skeleton(stripArticles(q)), latinSkeleton(q)];
    const scored = [];
    for (const n of DATA.nodes) {
      const tier = tiers.findIndex((t) => t && n.search.some((k) => k.includes(t)));
      if (tier >= 0) scored.push([tier, -n.mentions, n]);
    }
    scored.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    return scored.map((s) => s[2]);
  }

  /* ---- The network ---- */
  const nodeSize = { mentions: (n) => n.mentions, pagerank: (n) => n.pagerank, degree: (n) => n.degree };
  const short = (s) => (s.length > 32 ? s.slice(0, 31) + "\u2026" : s);
  function visNode(n) {
    const c = colorOf.get(n.type);
    const v = {
      id: n.id, label: short(n.label), value: nodeSize[S.size_by](n),
      color: { background: c, border: c, highlight: { background: c, border: "#222" }, hover: { background: c, border: "#222" } },
      title: `${n.label}${n.en ? ` \u00b7 ${n.en}` : ""}\n${nameOf.get(n.type)} (${n.type}) \u00b7 ${fmt(n.mentions)} mentions \u00b7 ` +
        `${fmt(n.documents.length)} documents \u00b7 ${fmt(n.degree)} links`,
    };
    if ("x" in n) { v.x = n.x; v.y = n.y; }
    return v;
  }
  const edges = DATA.edges.map((e, i) => ({
    id: i, from: e.from, to: e.to, width: e.width,
    title: `${nodeById.get(e.from).label} \u2014 ${nodeById.get(e.to).label}\n${fmt(e.weight)} co-mentions` +
      (e.npmi === null || e.npmi === undefined ? "" : ` \u00b7 NPMI ${e.npmi.toFixed(2)}`),
  }));
  const nodeSet = new vis.DataSet(DATA.nodes.map(visNode));
  const edgeSet = new vis.DataSet(edges);
  /* An entity left without a visible link is hidden unless filters.keepUnlinked; the
   * entities in filters.pinned (selected by the user) are shown whatever the filters. */
  const filters = { minWeight: S.min_weight, minMentions: S.min_mentions, keepUnlinked: S.keep_unlinked, pinned: new Set() };
  /* More conditions on what is shown, added by the scripts that extend the view
   * (relations.js, timeline.js, explore.js): a node or a link is shown when every one holds;
   * a link's conditions get the link and its index. */
  const moreFilters = { node: [], edge: [] };
  /* The first `count` entities by mentions, PageRank or degree (null: no limit): big graphs
   * open showing the top ones only (settings top_n, top_by; explore.js has the control). */
  function topEntities(count, by) {
    if (!count || count >= DATA.nodes.length) return null;
    const rank = nodeSize[by];
    return new Set([...DATA.nodes].sort((a, b) => rank(b) - rank(a) || b.mentions - a.mentions || a.id - b.id).slice(0, count).map((n) => n.id));
  }
  filters.top = topEntities(S.top_n, S.top_by);
  const nodeVisible = (n) => shownTypes.has(n.type) && n.mentions >= filters.minMentions && (filters.top === null || filters.top.has(n.id)) &&
    moreFilters.node.every((f) => f(n));
  let shownNodes = new Set(), shownEdges = new Set();
  /* What is shown, computed once per refresh: the nodes that pass, the links between them
   * that pass, then (by default) only the nodes some shown link touches. */
  function computeShown() {
    const nodes = new Set(DATA.nodes.filter((n) => filters.pinned.has(n.id) || nodeVisible(n)).map((n) => n.id));
    const edges = new Set(), linked = new Set();
    DATA.edges.forEach((e, i) => {
      if (nodes.has(e.from) && nodes.has(e.to) && e.weight >= filters.minWeight && moreFilters.edge.every((f) => f(e, i))) {
        edges.add(i); linked.add(e.from); linked.add(e.to);
      }
    });
    shownNodes = filters.keepUnlinked ? nodes : new Set([...nodes].filter((id) => linked.has(id) || filters.pinned.has(id)));
    shownEdges = edges;
  }
  computeShown();
  const nodeView = new vis.DataView(nodeSet, { filter: (v) => shownNodes.has(v.id) });
  const edgeView = new vis.DataView(edgeSet, { filter: (v) => shownEdges.has(v.id) });
  const big = S.positioned;
  const physics = !big;
  const network = new vis.Network($("graph"), { nodes: nodeView, edges: edgeView }, {
    autoResize: true,
    layout: { randomSeed: 7, improvedLayout: !big && DATA.nodes.length <= 150 },
    nodes: {
      shape: "dot", scaling: { min: 6, max: 36, label: { enabled: true, min: 11, max: 22, drawThreshold: 7 } },
      font: { face: getComputedStyle(document.body).getPropertyValue("--font"), color: "#222", strokeWidth: 3, strokeColor: "#fff" },
      borderWidth: 1,
      // a picked or hovered node keeps its label's font: a bold label is wider than the box
      // explore.js placed clear of the other nodes, and would then sit on them
      chosen: { node: true, label: false },
    },
    edges: { color: { color: "#b5b5b5", highlight: "#333", hover: "#555" }, smooth: big ? false : { type: "continuous" }, selectionWidth: 2 },
    physics: { enabled: physics, solver: "forceAtlas2Based", stabilization: { iterations: 250, updateInterval: 50 } },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: big, hideEdgesOnZoom: big },
  });

  /* ---- Side panel ---- */
  const panel = $("panel");
  /* Functions (node or link) -> elements, added to its panel by the scripts that extend the view;
   * functions (kind, node or link) called once the panel is drawn (explore.js adds its actions). */
  const panelHooks = { node: [], edge: [], after: [] };
  const DOCUMENTS_SHOWN = 10;
  /* A document named by its title (its id when it has none), then its id, date, source, link. */
  function docLine(id) {
    const m = DATA.documents[id] || {};
    const parts = m.title ? [el("b", { class: "t", dir: "auto" }, m.title), " \u00b7 ", text(id, "bdi")] : [text(id, "bdi")];
    if (m.date) parts.push(" \u00b7 ", text(m.date));
    if (m.source) parts.push(" \u00b7 ", text(m.source));
    if (m.url) {
      const link = m.link && /^https?:\/\//i.test(m.link)
        ? el("a", { href: m.link, target: "_blank", rel: "noopener noreferrer", class: "t", dir: "ltr" }, m.url)
        : text(m.url);
      parts.push(" \u00b7 ", link);
    }
    return el("span", { class: "source" }, ...parts);
  }
  function evidenceBlock(ev) {
    const body = el("div", { class: "evidence", dir: ev.dir });
    for (const [s, hl] of ev.segments) {
      body.append(hl === 2 ? el("mark", { class: "trigger" }, s) : hl ? el("mark", {}, s) : document.createTextNode(s));
    }
    body.append(docLine(ev.doc));
    return body;
  }
  /* A titled list; beyond `shown` items the rest stay folded behind a "show all" button. */
  function section(title, items, render, shown) {
    const out = [el("h3", {}, title)];
    if (!items.length) { out.push(el("p", { class: "none" }, "none")); return out; }
    const limit = shown || items.length;
    const list = el("ul", {}, ...items.slice(0, limit).map((x) => el("li", {}, render(x))));
    out.push(list);
    if (items.length > limit) {
      const more = el("button", { class: "link more", onclick: () => {
        list.append(...items.slice(limit).map((x) => el("li", {}, render(x))));
        more.remove();
      } }, `show all ${fmt(items.length)} (${fmt(items.length - limit)} more)`);
      out.push(more);
    }
    return out;
  }
  const typeBadge = (t) => el("span", { class: "badge", style: `background:${colorOf.get(t)}` }, t);

  function showNode(id) {
    const n = nodeById.get(id);
    panel.replaceChildren(
      el("h2", { dir: "auto", class: "t" }, n.label), typeBadge(n.type), " ",
      `${fmt(n.mentions)} mentions \u00b7 ${fmt(n.documents.length)} documents \u00b7 ${fmt(n.degree)} links \u00b7 PageRank ${n.pagerank.toFixed(4)}`,
      el("h3", {}, "Evidence"),
      ...(n.evidence.length ? n.evidence.map(evidenceBlock) : [el("p", { class: "none" }, "none kept")]),
      ...panelHooks.node.flatMap((h) => h(n)),
      ...section("Strongest neighbours", n.neighbours, ([j, w]) =>
        el("span", {}, el("button", { class: "link", onclick: () => select(j) }, text(nodeById.get(j).label)), ` (${fmt(w)})`)),
      ...section("Documents", n.documents, (d) => docLine(d), DOCUMENTS_SHOWN),
      ...section("Aliases", n.aliases, (a) => text(a)),
      ...section("Roles", n.roles, (r) => text(r)),
    );
    panel.dataset.kind = "node";
    for (const h of panelHooks.after) h("node", n);
  }
  function showEdge(i) {
    const e = DATA.edges[i];
    const a = nodeById.get(e.from), b = nodeById.get(e.to);
    panel.replaceChildren(
      el("h2", {}, el("button", { class: "link", onclick: () => select(a.id) }, text(a.label)), " \u2014 ",
        el("button", { class: "link", onclick: () => select(b.id) }, text(b.label))),
      `${fmt(e.weight)} co-mentions` + (e.npmi === null || e.npmi === undefined ? "" : ` \u00b7 NPMI ${e.npmi.toFixed(3)}`),
      ...panelHooks.edge.flatMap((h) => h(e)),
      el("h3", {}, "Sentences where both appear"),
      ...(e.evidence.length ? e.evidence.map(evidenceBlock) : [el("p", { class: "none" }, "none kept")]),
      ...section("Documents", e.documents, (d) => docLine(d), DOCUMENTS_SHOWN),
    );
    panel.dataset.kind = "edge";
    for (const h of panelHooks.after) h("edge", e);
  }
  function select(id) {
    if (!nodeById.has(id)) return;
    if (!nodeView.get(id)) { filters.pinned.add(id); refresh(); }  // hidden by a filter: shown anyway
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1), animation: false });
    showNode(id);
  }
  network.on("click", (p) => {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
  });

  /* ---- Controls ---- */
  $("title").textContent = DATA.title;
  const counts = $("counts");
  const afterRefresh = [];
  function refresh() {
    computeShown();
    nodeView.refresh();
    edgeView.refresh();
    counts.textContent = `${fmt(nodeView.length)} of ${fmt(DATA.nodes.length)} entities \u00b7 ` +
      `${fmt(edgeView.length)} of ${fmt(DATA.edges.length)} links`;
    for (const f of afterRefresh) f();
  }
  const legend = $("legend");
  for (const t of DATA.types) {
    const box = el("input", { type: "checkbox", "data-type": t.type });
    box.checked = true;
    box.addEventListener("change", () => { box.checked ? shownTypes.add(t.type) : shownTypes.delete(t.type); refresh(); });
    legend.append(el("label", {}, box, el("span", { class: "swatch", style: `background:${t.color}` }), `${t.name} (${t.type}) ${fmt(t.count)}`));
  }
  const minWeight = $("min-weight"), minMentions = $("min-mentions");
  minWeight.value = filters.minWeight;
  minWeight.max = Math.max(1, ...DATA.edges.map((e) => e.weight));
  minMentions.value = filters.minMentions;
  minMentions.max = Math.max(1, ...DATA.nodes.map((n) => n.mentions));
  minWeight.addEventListener("input", () => { filters.minWeight = Number(minWeight.value) || 1; refresh(); });
  minMentions.addEventListener("input", () => { filters.minMentions = Number(minMentions.value) || 1; refresh(); });
  const sizeBy = $("size-by");
  sizeBy.value = S.size_by;
  sizeBy.addEventListener("change", () => {
    nodeSet.update(DATA.nodes.map((n) => ({ id: n.id, value: nodeSize[sizeBy.value](n) })));
  });
  const physicsBox = $("physics");
  physicsBox.checked = physics;
  physicsBox.addEventListener("change", () => network.setOptions({ physics: { enabled: physicsBox.checked } }));

  const box = $("search"), results = $("results");
  function showResults() {
    const found = search(box.value);
    results.hidden = !box.value.trim();
    results.replaceChildren(...found.slice(0, 20).map((n, i) => {
      const li = el("li", { class: i === 0 ? "first" : "", "data-id": n.id }, el("span", { class: "swatch", style: `background:${colorOf.get(n.type)}` }), text(n.label));
      li.addEventListener("click", () => { select(n.id); results.hidden = true; });
      return li;
    }));
    if (!found.length) results.append(el("li", { class: "muted" }, "no match"));
    else if (found.length > 20) results.append(el("li", { class: "muted" }, `\u2026 and ${fmt(found.length - 20)} more`));
    network.selectNodes(found.map((n) => n.id).filter((id) => nodeView.get(id)));
  }
  box.addEventListener("input", showResults);
  box.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") {
      const first = search(box.value)[0];
      if (first) { select(first.id); results.hidden = true; }
    } else if (ev.key === "Escape") {
      results.hidden = true;
    }
  });

  if (DATA.pruned) {
    const p = DATA.pruned;
    $("pruned").hidden = false;
    $("pruned").textContent = `This graph has ${fmt(p.total)} entities and ${fmt(p.edges_total)} links: ` +
      `only the ${fmt(p.shown)} most central entities (by PageRank) and their ${fmt(p.edges_shown)} links are shown.`;
  }
  refresh();

  /* Ready once drawn with everything wired (benchmarks and tests wait for this). */
  network.once("afterDrawing", () => {
    window.shabakaReady = performance.now();
    document.body.dataset.ready = "1";
  });
  window.shabaka = {
    network, search, normalizeKey, latinSkeleton, select, showEdge, showNode, data: DATA,
    /* for the scripts that extend the view (relations.js, timeline.js, explore.js) */
    nodeById, nodeSet, edgeSet, nodeView, edgeView, refresh, moreFilters, panelHooks, el, text, fmt, docLine, evidenceBlock, section,
    filters, afterRefresh, colorOf, topEntities, shown: () => ({ nodes: shownNodes, edges: shownEdges }),
  };
})();
