/* shabaka's graph page, relations: links coloured, labelled and filtered by their strongest
 * relation type (meeting, visit, role...), and a link's evidence grouped by relation.
 *
 * Runs after view.js and works through window.shabaka. Text reaches the DOM through
 * textContent only (shabaka.el, shabaka.text).
 */
"use strict";
(function () {
  const V = window.shabaka;
  const { el, text, fmt, data: DATA } = V;
  const colorOf = new Map(DATA.relation_types.map((t) => [t.type, t.color]));
  const COMENTION = "co-mention";
  const shown = new Set([COMENTION, ...DATA.relation_types.map((t) => t.type)]);

  /* An arrow along the relation's direction, on the link as vis-network has it (from, to). */
  function arrows(e, r) {
    if (!Array.isArray(r.direction)) return undefined;
    return r.direction[0] === e.from ? "to" : "from";
  }
  function tooltip(e) {
    const a = V.nodeById.get(e.from).label, b = V.nodeById.get(e.to).label;
    const lines = [`${a} \u2014 ${b}`, `${fmt(e.weight)} co-mentions`];
    for (const r of e.relations) lines.push(`${r.type}: ${r.gloss} (${fmt(r.count)})`);
    return lines.join("\n");
  }
  V.edgeSet.update(DATA.edges.map((e, i) => [e, i]).filter(([e]) => e.relation).map(([e, i]) => {
    const r = e.relations[0];
    const c = colorOf.get(e.relation);
    return {
      id: i, label: e.relation, arrows: arrows(e, r), title: tooltip(e),
      color: { color: c, highlight: c, hover: c }, font: { size: 10, color: c, strokeWidth: 3, strokeColor: "#fff", align: "middle" },
      width: Math.max(2, e.width),
    };
  }));

  /* ---- The filter: a link shows while one of its types is ticked, plain co-mentions apart ---- */
  V.moreFilters.edge.push((e) => (e.relations.length ? e.relations.some((r) => shown.has(r.type)) : shown.has(COMENTION)));
  if (DATA.relation_types.length) {
    const box = el("fieldset", { id: "relation-filter" }, el("legend", {}, "Links"));
    const plain = DATA.edges.filter((e) => !e.relation).length;
    const kinds = [...DATA.relation_types, { type: COMENTION, color: "#b5b5b5", count: plain }];
    for (const t of kinds) {
      const check = el("input", { type: "checkbox", "data-relation": t.type });
      check.checked = true;
      check.addEventListener("change", () => { check.checked ? shown.add(t.type) : shown.delete(t.type); V.refresh(); });
      box.append(el("label", {}, check, el("span", { class: "bar", style: `background:${t.color}` }), `${t.type} ${fmt(t.count)}`));
    }
    document.getElementById("graph-wrap").append(box);
  }

  /* ---- The link panel: the sentences behind each relation, the trigger marked ---- */
  function who(i) {
    return el("button", { class: "link", onclick: () => V.select(i) }, text(V.nodeById.get(i).label));
  }
  V.panelHooks.edge.push((e) => {
    if (!e.relations.length) return [];
    const out = [el("h3", {}, "Relations")];
    for (const r of e.relations) {
      const head = el("div", { class: "relation", "data-relation": r.type },
        el("span", { class: "badge", style: `background:${colorOf.get(r.type)}` }, r.type), " ");
      if (Array.isArray(r.direction)) head.append(who(r.direction[0]), ` ${r.gloss} `, who(r.direction[1]));
      else head.append(r.gloss, r.direction === "both" ? " (both ways)" : "");
      head.append(` \u00b7 ${fmt(r.count)} sentence${r.count === 1 ? "" : "s"}`);
      out.push(head, ...r.evidence.map(V.evidenceBlock));
    }
    return out;
  });
})();
