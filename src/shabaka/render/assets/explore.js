/* shabaka's graph page, the explorer: focus on a neighbourhood or a path, the top N entities,
 * communities, the interface language, corrections downloaded as an alias table, exports of
 * the current view, and node labels placed where they cover no other node.
 *
 * Built on what view.js leaves in window.shabaka (filters, hooks, panel helpers). Corpus
 * strings reach the DOM through textContent only (el(), text()).
 */
"use strict";
(function () {
  const X = window.shabaka;
  const { network, data: DATA, nodeById, el, text, fmt } = X;
  const S = DATA.settings;
  const $ = (id) => document.getElementById(id);
  const panel = $("panel");

  /* ---- Interface language: English strings are the keys ---- */
  const AR = {
    "Search": "بحث", "Min. link weight": "أدنى وزن للرابط", "Min. mentions": "أدنى عدد للذكر", "Size by": "الحجم حسب",
    "mentions": "الذكر", "degree": "الروابط", "physics": "حركة", "Top": "أهم", "by": "حسب", "Colour by": "اللون حسب",
    "type": "النوع", "community": "المجموعة", "Community": "المجموعة", "all": "الكل", "keep unlinked entities": "إبقاء الكيانات بلا روابط",
    "Back to all": "عودة إلى الكل", "Export": "تصدير", "Language": "اللغة", "Types": "الأنواع", "Corrections": "التصحيحات",
    "Download as aliases CSV": "تنزيل كملف أسماء CSV", "rebuild with": "أعد البناء بـ: shabaka build … --aliases corrections.csv",
    "Evidence": "الشواهد", "Strongest neighbours": "أقوى الجيران", "Documents": "الوثائق", "Aliases": "الأسماء الأخرى",
    "Roles": "الصفات", "Sentences where both appear": "جمل يرد فيها الاثنان", "none": "لا شيء", "none kept": "لا شيء محفوظ",
    "Click an entity or a link to see its evidence.": "انقر على كيان أو رابط لرؤية شواهده.",
    "Neighbourhood: 1 step": "الجوار: خطوة", "2 steps": "خطوتان", "Path to…": "مسار إلى…", "Merge with…": "دمج مع…",
    "Rename": "إعادة تسمية", "OK": "موافق", "split off": "فصل", "Path": "المسار", "no path": "لا مسار",
    "entities": "كيانا", "links": "رابطا", "of": "من", "documents": "وثائق", "co-mentions": "ذكر مشترك",
    "name or alias (Arabic or Latin)": "اسم أو اسم آخر (بالعربية أو اللاتينية)", "show all": "عرض الكل", "more": "أخرى",
    "Neighbourhood of": "جوار", "steps": "خطوات", "Path from": "مسار من", "choose the second entity": "اختر الكيان الثاني",
    "Merge": "دمج", "into": "في", "Merge into": "دمج في", "choose the entity to merge into": "اختر الكيان المدموج فيه",
    "merge": "دمج", "split": "فصل", "rename": "تسمية", "English": "بالإنجليزية", "step": "خطوة",
    "Min.": "أدنى", "PageRank": "PageRank", "links": "روابط",
    "person": "شخص", "organization": "منظمة", "place": "مكان", "other": "أخرى",
  };
  let lang = S.lang;
  const T = (s) => (lang === "ar" && AR[s]) || s;
  /* A UI string made of English words and numbers, word by word (counts, stats lines). */
  const words = (s) => (lang === "ar" ? s.replace(/[A-Za-z][A-Za-z.-]*/g, (w) => AR[w] || w) : s);

  function translatePanel() {
    for (const e of panel.querySelectorAll("h3, p.none, p.hint, button.more, [data-i18n]")) {
      if (e.dataset.i18n === undefined) e.dataset.i18n = e.textContent;
      e.textContent = e.classList.contains("more") ? words(e.dataset.i18n) : T(e.dataset.i18n);
    }
    for (const n of panel.childNodes) {  // the stats line: text nodes written by view.js, never corpus text
      if (n.nodeType === Node.TEXT_NODE) {
        if (n.en === undefined) n.en = n.textContent;
        n.textContent = words(n.en);
      }
    }
  }
  function applyLang(value) {
    lang = value;
    document.documentElement.lang = lang;
    document.documentElement.dir = lang === "ar" ? "rtl" : "ltr";
    for (const e of document.querySelectorAll("body > header [data-i18n], #explore [data-i18n], #legend [data-i18n], #corrections [data-i18n]")) {
      e.textContent = T(e.dataset.i18n);
    }
    $("search").placeholder = T("name or alias (Arabic or Latin)");
    for (const label of document.querySelectorAll("#legend label")) {  // "person (PER) 8": UI words only
      for (const n of label.childNodes) {
        if (n.nodeType !== Node.TEXT_NODE) continue;
        if (n.en === undefined) n.en = n.textContent;
        n.textContent = words(n.en);
      }
    }
    fillCommunities();
    translatePanel();
    showCounts();
    $("lang").value = lang;
  }
  function showCounts() {
    const shown = X.shown();
    $("counts").textContent = lang === "ar"
      ? `${fmt(shown.nodes.size)} من ${fmt(DATA.nodes.length)} كيانا \u00b7 ${fmt(shown.edges.size)} من ${fmt(DATA.edges.length)} رابطا`
      : `${fmt(shown.nodes.size)} of ${fmt(DATA.nodes.length)} entities \u00b7 ${fmt(shown.edges.size)} of ${fmt(DATA.edges.length)} links`;
  }

  /* ---- Top N, communities, merged entities: tests on nodes (a focus overrides the first two) ---- */
  let top = X.filters.top, community = "", focus = null, focusEdges = null;
  const merged = new Set();
  function setTop(count, by) {
    top = X.topEntities(count, by);
    if (!focus) X.filters.top = top;
  }
  X.moreFilters.node.push((n) => !merged.has(n.id));
  X.moreFilters.node.push((n) => (focus ? focus.has(n.id) : community === "" || n.community === Number(community)));
  X.moreFilters.edge.push((e, i) => focusEdges === null || focusEdges.has(i));

  /* ---- Focus: a neighbourhood, or the strongest shortest path between two entities ---- */
  const adjacent = new Map(DATA.nodes.map((n) => [n.id, []]));
  DATA.edges.forEach((e, i) => { adjacent.get(e.from).push([e.to, e.weight, i]); adjacent.get(e.to).push([e.from, e.weight, i]); });
  const usable = (w) => w >= X.filters.minWeight;

  function neighbourhood(id, steps) {
    const seen = new Set([id]);
    let ring = [id];
    for (let s = 0; s < steps; s++) {
      const next = [];
      for (const v of ring) for (const [j, w] of adjacent.get(v)) if (usable(w) && !merged.has(j) && !seen.has(j)) { seen.add(j); next.push(j); }
      ring = next;
    }
    return seen;
  }
  /* Dijkstra with a link's cost 1 + 1/weight: the fewest links, and among those the strongest. */
  function path(a, b) {
    const dist = new Map([[a, 0]]), prev = new Map(), done = new Set();
    const heap = [[0, a]];
    const push = (x) => { heap.push(x); let i = heap.length - 1; while (i > 0) { const p = (i - 1) >> 1; if (heap[p][0] <= heap[i][0]) break; [heap[p], heap[i]] = [heap[i], heap[p]]; i = p; } };
    const pop = () => {
      const top = heap[0], last = heap.pop();
      if (heap.length) {
        heap[0] = last;
        for (let i = 0; ;) {
          const l = 2 * i + 1, r = l + 1; let m = i;
          if (l < heap.length && heap[l][0] < heap[m][0]) m = l;
          if (r < heap.length && heap[r][0] < heap[m][0]) m = r;
          if (m === i) break;
          [heap[m], heap[i]] = [heap[i], heap[m]]; i = m;
        }
      }
      return top;
    };
    while (heap.length) {
      const [d, v] = pop();
      if (done.has(v)) continue;
      done.add(v);
      if (v === b) break;
      for (const [j, w, i] of adjacent.get(v)) {
        if (!usable(w) || merged.has(j) || done.has(j)) continue;
        const nd = d + 1 + 1 / w;
        if (nd < (dist.has(j) ? dist.get(j) : Infinity)) { dist.set(j, nd); prev.set(j, [v, i]); push([nd, j]); }
      }
    }
    if (!done.has(b)) return null;
    const nodes = [b], edges = [];
    for (let v = b; v !== a;) { const [p, i] = prev.get(v); edges.unshift(i); nodes.unshift(p); v = p; }
    return { nodes, edges };
  }

  function setFocus(nodes, edges, label) {
    focus = nodes; focusEdges = edges;
    X.filters.top = focus ? null : top;  // a focus shows its entities whatever their rank
    X.filters.pinned.clear();
    X.refresh();
    $("focus-bar").hidden = !label;
    $("focus-text").textContent = label || "";
    fit();
  }
  function fit() { network.fit({ nodes: [...X.shown().nodes], animation: false }); }
  function showNeighbourhood(id, steps) {
    const n = nodeById.get(id);
    setFocus(neighbourhood(id, steps), null, `${T("Neighbourhood of")} ${n.label}: ${steps} ${T(steps === 1 ? "step" : "steps")}`);
    network.selectNodes([id]);
  }
  let pathFrom = null, mergeFrom = null;
  function showPath(a, b) {
    pathFrom = null;
    const p = path(a, b);
    const A = nodeById.get(a), B = nodeById.get(b);
    if (!p) {
      $("focus-bar").hidden = false;
      $("focus-text").textContent = `${T("no path")}: ${A.label} \u2192 ${B.label}`;
      return null;
    }
    setFocus(new Set(p.nodes), new Set(p.edges), `${T("Path")}: ${A.label} \u2192 ${B.label} (${p.edges.length})`);
    network.selectNodes(p.nodes);
    const blocks = [el("h2", { class: "t", dir: "auto" }, `${A.label} \u2192 ${B.label}`)];
    p.edges.forEach((i, k) => {
      const e = DATA.edges[i];
      const from = nodeById.get(p.nodes[k]), to = nodeById.get(p.nodes[k + 1]);
      blocks.push(el("p", { class: "link-step" }, `${k + 1}. `, text(from.label), " \u2014 ", text(to.label), ` (${fmt(e.weight)} ${T("co-mentions")})`));
      blocks.push(...(e.evidence.length ? e.evidence.map(X.evidenceBlock) : [el("p", { class: "none" }, T("none kept"))]));
    });
    panel.replaceChildren(...blocks);
    panel.dataset.kind = "path";
    return p;
  }
  function back() {
    pathFrom = mergeFrom = null;
    setFocus(null, null, "");
  }

  /* ---- Corrections: merge, split off an alias, rename; downloaded as the --aliases CSV ---- */
  const corrections = [];
  function addCorrection(c) {
    corrections.push(c);
    const list = $("correction-list");
    list.replaceChildren(...corrections.map((x) => el("li", {},
      el("b", {}, T(x.kind)), " ", text(x.kind === "merge" ? x.from : x.kind === "split" ? x.alias : x.label),
      x.kind === "merge" ? " \u2192 " : x.kind === "split" ? " \u2260 " : " := ",
      text(x.kind === "merge" ? x.into : x.kind === "split" ? x.label : x.name))));
    $("corrections").hidden = false;
  }
  function merge(a, b) {
    const A = nodeById.get(a), B = nodeById.get(b);
    addCorrection({ kind: "merge", from: A.label, into: B.label });
    merged.add(a);
    X.filters.pinned.delete(a);
    mergeFrom = null;
    X.refresh();
    X.select(b);
  }
  function rename(id, name) {
    name = name.trim();
    if (!name) return;
    const n = nodeById.get(id);
    addCorrection({ kind: "rename", label: n.label, name });
    X.nodeSet.update({ id, label: name.length > 32 ? name.slice(0, 31) + "\u2026" : name });
  }
  /* A CSV cell: quoted; one that a spreadsheet would run as a formula gets a leading '
   * (shabaka's reader ignores quotes at the ends of a name). */
  const cell = (s) => `"${(/^[=+\-@\t\r]/.test(s) ? "'" + s : s).replace(/"/g, '""')}"`;
  function correctionsCsv() {
    const rows = [["alias", "canonical", "type"]];
    for (const c of corrections) {
      if (c.kind === "merge") rows.push([c.from, c.into, ""]);
      else if (c.kind === "split") rows.push([c.alias, "!=" + c.label, ""]);
      else rows.push([c.label, ":=" + c.name, ""]);
    }
    return "# corrections made in the shabaka page; use: shabaka build ... --aliases corrections.csv\n" +
      rows.map((r, i) => (i === 0 ? r.join(",") : r.map(cell).join(","))).join("\n") + "\n";
  }
  function download(name, blob) {
    const a = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.append(a);
    a.click();
    a.remove();
  }

  /* ---- The node panel's actions ---- */
  X.panelHooks.after.push((kind, n) => {
    if (kind === "node") {
      if (pathFrom !== null && pathFrom !== n.id) { showPath(pathFrom, n.id); return; }
      const actions = el("div", { class: "actions" },
        el("button", { type: "button", "data-action": "hood1", onclick: () => showNeighbourhood(n.id, 1) }, T("Neighbourhood: 1 step")),
        el("button", { type: "button", "data-action": "hood2", onclick: () => showNeighbourhood(n.id, 2) }, T("2 steps")),
        el("button", { type: "button", "data-action": "path", onclick: () => {
          pathFrom = n.id;
          $("focus-bar").hidden = false;
          $("focus-text").textContent = `${T("Path from")} ${n.label}: ${T("choose the second entity")}`;
        } }, T("Path to\u2026")),
        el("button", { type: "button", "data-action": "merge-from", onclick: () => {
          mergeFrom = n.id;
          $("focus-bar").hidden = false;
          $("focus-text").textContent = `${T("Merge")} ${n.label}: ${T("choose the entity to merge into")}`;
        } }, T("Merge with\u2026")));
      if (mergeFrom !== null && mergeFrom !== n.id && !merged.has(mergeFrom)) {
        const from = mergeFrom;
        actions.append(el("button", { type: "button", "data-action": "merge", class: "primary", onclick: () => merge(from, n.id) },
          `${T("Merge")} `, text(nodeById.get(from).label), ` ${T("into")} `, text(n.label)));
      }
      const name = el("input", { type: "text", dir: "auto", "data-action": "rename-text", value: n.label, size: "18" });
      actions.append(name, el("button", { type: "button", "data-action": "rename", onclick: () => rename(n.id, name.value) }, T("Rename")));
      const head = panel.querySelector("h2");
      if (n.en) head.after(el("div", { class: "english", dir: "ltr" }, `${T("English")}: `, text(n.en)));
      panel.querySelector(".badge").before(actions);
      const aliasList = [...panel.querySelectorAll("h3")].find((h) => h.textContent === "Aliases");
      if (aliasList && aliasList.nextElementSibling && aliasList.nextElementSibling.tagName === "UL") {
        [...aliasList.nextElementSibling.children].forEach((li, i) => {
          const alias = n.aliases[i];
          if (alias === undefined || n.aliases.length < 2) return;
          li.append(" ", el("button", { type: "button", class: "link", "data-action": "split", onclick: () => {
            addCorrection({ kind: "split", alias, label: n.label });
            li.remove();
          } }, `\u2702 ${T("split off")}`));
        });
      }
    }
    translatePanel();
  });

  /* ---- Colours: by type (view.js) or by community ---- */
  function recolor(mode) {
    const palette = new Map(DATA.communities.map((c) => [c.id, c.color]));
    X.nodeSet.update(DATA.nodes.map((n) => {
      const c = mode === "community" ? palette.get(n.community) : X.colorOf.get(n.type);
      return { id: n.id, color: { background: c, border: c, highlight: { background: c, border: "#222" }, hover: { background: c, border: "#222" } } };
    }));
  }
  function fillCommunities() {
    const box = $("community"), value = box.value;
    box.replaceChildren(el("option", { value: "" }, T("all")), ...DATA.communities.map((c) =>
      el("option", { value: String(c.id), style: `color:${c.color}` }, `${c.id + 1} (${fmt(c.count)} ${T("entities")})`)));
    box.value = value;
  }

  /* ---- Exports of what is shown ---- */
  function shownData() {
    const shown = X.shown();
    const nodes = DATA.nodes.filter((n) => shown.nodes.has(n.id)).map((n) => ({
      id: n.id, label: n.label, english: n.en, type: n.type, mentions: n.mentions, degree: n.degree,
      pagerank: n.pagerank, community: n.community, aliases: n.aliases,
    }));
    const edges = [...shown.edges].sort((a, b) => a - b).map((i) => {
      const e = DATA.edges[i];
      return { source: nodeById.get(e.from).label, target: nodeById.get(e.to).label, weight: e.weight, npmi: e.npmi, documents: e.documents };
    });
    return { nodes, edges };
  }
  function shownCsv() {
    const { nodes, edges } = shownData();
    const line = (r) => r.map((v) => cell(v === null || v === undefined ? "" : Array.isArray(v) ? v.join(" | ") : String(v))).join(",");
    return "kind,label,english,type,mentions,degree,pagerank,community,target,weight\n" +
      [...nodes.map((n) => line(["node", n.label, n.english, n.type, n.mentions, n.degree, n.pagerank, n.community, "", ""])),
        ...edges.map((e) => line(["edge", e.source, "", "", "", "", "", "", e.target, e.weight]))].join("\n") + "\n";
  }

  /* ---- Labels that sit on no other node: the selected entities first, then the most
   * mentioned; a label goes below its dot, else above it, else a little farther, where its
   * box covers no other node nor a label already placed; else it is not drawn ---- */
  const hiddenLabels = new Set(), labelShift = new Map();
  function placeLabels() {
    const shown = X.shown();
    const body = network.body;
    const ids = [...shown.nodes].filter((id) => body.nodes[id]);
    if (!ids.length) return;
    const selected = new Set(network.getSelectedNodes());  // the entities the user picked come first
    ids.sort((a, b) => selected.has(b) - selected.has(a) || body.nodes[b].options.value - body.nodes[a].options.value || a - b);
    const circles = ids.map((id) => { const n = body.nodes[id]; return { id, x: n.x, y: n.y, r: n.shape.radius || n.options.size }; });
    const cellSize = 80, grid = new Map();
    const key = (i, j) => i * 100003 + j;
    const cellsOf = (b) => {
      const out = [];
      for (let i = Math.floor(b.left / cellSize); i <= Math.floor(b.right / cellSize); i++)
        for (let j = Math.floor(b.top / cellSize); j <= Math.floor(b.bottom / cellSize); j++) out.push(key(i, j));
      return out;
    };
    const add = (item, b) => { for (const k of cellsOf(b)) { if (!grid.has(k)) grid.set(k, []); grid.get(k).push(item); } };
    for (const c of circles) add({ circle: c }, { left: c.x - c.r, right: c.x + c.r, top: c.y - c.r, bottom: c.y + c.r });
    const hits = (box, self) => {
      for (const k of cellsOf(box)) for (const item of grid.get(k) || []) {
        if (item.circle) {
          const c = item.circle;
          if (c.id === self) continue;
          const dx = Math.max(box.left - c.x, 0, c.x - box.right), dy = Math.max(box.top - c.y, 0, c.y - box.bottom);
          if (dx * dx + dy * dy < c.r * c.r) return true;
        } else if (item.box.left < box.right && box.left < item.box.right && item.box.top < box.bottom && box.top < item.box.bottom) {
          return true;
        }
      }
      return false;
    };
    const changes = [];
    for (const id of ids) {
      const base = rawLabelBox(id);
      let shift = null;
      if (base) {
        const c = body.nodes[id], r = c.shape.radius || c.options.size;
        const h = base.bottom - base.top, up = -(2 * r + h + 4);
        for (const dy of [0, up, h / 2, up - h / 2]) {  // right below the dot, right above it, a little farther
          const b = { left: base.left, right: base.right, top: base.top + dy, bottom: base.bottom + dy };
          if (!hits(b, id)) { shift = dy; add({ box: b }, b); break; }
        }
      }
      const visible = shift !== null;
      if (visible !== !hiddenLabels.has(id) || (visible && shift !== (labelShift.get(id) || 0))) {
        if (visible) hiddenLabels.delete(id); else hiddenLabels.add(id);
        if (visible) labelShift.set(id, shift);
        changes.push({ id, font: { vadjust: visible ? shift : 0, color: visible ? "#222" : "rgba(0,0,0,0)", strokeWidth: visible ? 3 : 0 } });
      }
    }
    if (changes.length) X.nodeSet.update(changes);
    const physics = network.physics;
    const moving = physics.physicsEnabled && physics.options.enabled && !physics.stabilized;
    document.body.dataset.labels = moving ? "0" : "1";  // placed where the nodes rest (tests wait for it)
  }
  /* The box of a node's label in canvas coordinates as vis-network lays it out (below the
   * dot), and as drawn (moved by its font.vadjust). */
  function rawLabelBox(id) {
    const n = network.body.nodes[id];
    const s = n.labelModule.size;
    if (!s || !s.width) return null;
    return { left: s.left, top: s.top, right: s.left + s.width, bottom: s.top + s.height };
  }
  function labelBox(id) {
    const b = rawLabelBox(id), dy = labelShift.get(id) || 0;
    return b && { left: b.left, right: b.right, top: b.top + dy, bottom: b.bottom + dy };
  }
  let placing = false;
  function schedulePlacement() {
    if (placing) return;
    placing = true;
    network.once("afterDrawing", () => { placeLabels(); placing = false; });
    network.redraw();
  }
  network.on("stabilized", schedulePlacement);
  network.on("dragEnd", schedulePlacement);
  network.on("selectNode", schedulePlacement);
  X.afterRefresh.push(() => { showCounts(); schedulePlacement(); });

  /* ---- Wiring ---- */
  const topN = $("top-n"), topBy = $("top-by");
  topN.value = S.top_n || 0;
  topBy.value = S.top_by;
  const applyTop = () => { setTop(Number(topN.value) || 0, topBy.value); X.refresh(); if (!focus) fit(); };
  topN.addEventListener("input", applyTop);
  topBy.addEventListener("change", applyTop);
  $("color-by").addEventListener("change", (ev) => recolor(ev.target.value));
  $("community").addEventListener("change", (ev) => { community = ev.target.value; X.refresh(); fit(); });
  const keep = $("keep-unlinked");
  keep.checked = S.keep_unlinked;
  keep.addEventListener("change", () => { X.filters.keepUnlinked = keep.checked; X.refresh(); });
  $("back").addEventListener("click", back);
  $("lang").addEventListener("change", (ev) => applyLang(ev.target.value));
  $("download-corrections").addEventListener("click", () => download("corrections.csv", new Blob([correctionsCsv()], { type: "text/csv" })));
  $("export-json").addEventListener("click", () => download("view.json", new Blob([JSON.stringify(shownData(), null, 1)], { type: "application/json" })));
  $("export-csv").addEventListener("click", () => download("view.csv", new Blob([shownCsv()], { type: "text/csv" })));
  $("export-png").addEventListener("click", () => {
    network.canvas.frame.canvas.toBlob((blob) => download("view.png", blob), "image/png");
  });

  /* Legends are strips above the graph, never over it (the relations' one too). */
  const relationLegend = $("relation-filter");
  if (relationLegend) $("legend").after(relationLegend);

  X.refresh();
  applyLang(lang);
  if (S.positioned) fit();

  Object.assign(X, {
    neighbourhood, path, showNeighbourhood, showPath, back, merge, rename, correctionsCsv, shownData, shownCsv,
    placeLabels, labelBox, hiddenLabels, labelShift, applyLang, setTop, corrections,
  });
})();
