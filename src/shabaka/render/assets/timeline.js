/* shabaka's graph page, the timeline: documents per day or month as a histogram, a range
 * slider that filters the graph to a period, and, for a selected entity, the periods in
 * which it was mentioned.
 *
 * Runs after view.js and works through window.shabaka. Only documents with a known day
 * (DATA.documents[id].day, YYYY-MM-DD) are placed; while the whole range is selected,
 * entities without a dated document stay shown, and once it is narrowed, only what was
 * mentioned in the period is.
 */
"use strict";
(function () {
  const V = window.shabaka;
  const { el, fmt, data: DATA } = V;
  const dated = Object.entries(DATA.documents).filter(([, m]) => m.day);
  const days = [...new Set(dated.map(([, m]) => m.day))].sort();
  if (days.length < 2) return; // nothing to place on a line

  /* Periods: days when the documents span three months at most, else months; gaps kept. */
  const DAY_MS = 86400000;
  const utc = (d) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10));
  const byDay = (utc(days[days.length - 1]) - utc(days[0])) / DAY_MS <= 92;
  const periods = [];
  if (byDay) {
    for (let t = utc(days[0]); t <= utc(days[days.length - 1]); t += DAY_MS) periods.push(new Date(t).toISOString().slice(0, 10));
  } else {
    let [y, m] = [+days[0].slice(0, 4), +days[0].slice(5, 7)];
    const last = days[days.length - 1].slice(0, 7);
    for (;;) {
      const p = `${y}-${String(m).padStart(2, "0")}`;
      periods.push(p);
      if (p >= last) break;
      [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
    }
  }
  const periodIndex = new Map(periods.map((p, i) => [p, i]));
  const periodOf = new Map(dated.map(([id, m]) => [id, periodIndex.get(byDay ? m.day : m.day.slice(0, 7))]));
  const counts = new Array(periods.length).fill(0);
  for (const i of periodOf.values()) counts[i] += 1;
  const periodsOf = (docs) => docs.map((d) => periodOf.get(d)).filter((i) => i !== undefined);
  const nodePeriods = new Map(DATA.nodes.map((n) => [n.id, periodsOf(n.documents)]));
  const edgePeriods = DATA.edges.map((e) => periodsOf(e.documents));

  const range = { lo: 0, hi: periods.length - 1 };
  const whole = () => range.lo === 0 && range.hi === periods.length - 1;
  const inRange = (ps) => ps.some((i) => i >= range.lo && i <= range.hi);
  V.moreFilters.node.push((n) => whole() || inRange(nodePeriods.get(n.id)));
  V.moreFilters.edge.push((e, i) => whole() || inRange(edgePeriods[i]));

  /* ---- The strip: histogram, two sliders, what is selected ---- */
  const canvas = el("canvas", { id: "timeline-chart", height: "48" });
  const from = el("input", { type: "range", id: "time-from", min: "0", max: String(periods.length - 1), step: "1" });
  const to = el("input", { type: "range", id: "time-to", min: "0", max: String(periods.length - 1), step: "1" });
  from.value = "0";
  to.value = String(periods.length - 1);
  const label = el("span", { id: "time-range" });
  const reset = el("button", { type: "button", id: "time-reset" }, "whole range");
  const strip = el("section", { id: "timeline" },
    el("div", { class: "row" }, el("strong", {}, "Timeline"), label, reset), canvas, el("div", { class: "sliders" }, from, to));
  document.querySelector("main").before(strip);
  let selected = null; // periods of the selected entity, drawn over the bars

  function draw() {
    const w = (canvas.width = Math.max(200, canvas.clientWidth || strip.clientWidth - 20));
    const h = canvas.height;
    const ctx = canvas.getContext("2d");
    ctx.clearRect(0, 0, w, h);
    const top = Math.max(...counts);
    const bw = w / periods.length;
    const mine = new Array(periods.length).fill(0);
    if (selected) for (const i of selected) mine[i] += 1;
    for (let i = 0; i < periods.length; i++) {
      const x = i * bw, gap = bw > 3 ? 1 : 0;
      const bh = counts[i] ? Math.max(2, (h - 2) * counts[i] / top) : 0;
      ctx.fillStyle = i >= range.lo && i <= range.hi ? "#4c72b0" : "#cfd6e3";
      ctx.fillRect(x, h - bh, bw - gap, bh);
      if (mine[i]) {
        ctx.fillStyle = "#e4572e";
        ctx.fillRect(x, h - Math.max(2, (h - 2) * mine[i] / top), bw - gap, Math.max(2, (h - 2) * mine[i] / top));
      }
    }
  }
  function describe() {
    let n = 0;
    for (let i = range.lo; i <= range.hi; i++) n += counts[i];
    const span = range.lo === range.hi ? periods[range.lo] : `${periods[range.lo]} \u2013 ${periods[range.hi]}`;
    label.textContent = `${span} \u00b7 ${fmt(n)} of ${fmt(dated.length)} dated documents` +
      (dated.length < Object.keys(DATA.documents).length ? ` (${fmt(Object.keys(DATA.documents).length - dated.length)} undated)` : "");
  }
  /* Move the range to the periods lo..hi (indices into periods) and redraw the strip; the
   * graph follows at once when `graph` is true, else once the slider rests (refiltering
   * thousands of nodes takes vis-network a tenth of a second or more, too slow to follow a drag). */
  let pending = null;
  function setRange(lo, hi, graph = true) {
    range.lo = Math.max(0, Math.min(lo, hi));
    range.hi = Math.min(periods.length - 1, Math.max(lo, hi));
    from.value = String(range.lo);
    to.value = String(range.hi);
    describe();
    draw();
    clearTimeout(pending);
    if (graph) V.refresh();
    else pending = setTimeout(V.refresh, REST_MS);
  }
  const REST_MS = 120;
  const moved = (graph) => () => {
    const [a, b] = [Number(from.value), Number(to.value)];
    setRange(Math.min(a, b), Math.max(a, b), graph);
  };
  for (const slider of [from, to]) {
    slider.addEventListener("input", moved(false));
    slider.addEventListener("change", moved(true));
  }
  reset.addEventListener("click", () => setRange(0, periods.length - 1));
  window.addEventListener("resize", draw);

  /* ---- When the selected entity was mentioned ---- */
  V.panelHooks.node.push((n) => {
    selected = nodePeriods.get(n.id);
    draw();
    if (!selected.length) return [el("p", { class: "when none" }, "No dated document mentions it.")];
    const ps = [...new Set(selected)].sort((a, b) => a - b);
    const span = ps.length === 1 ? periods[ps[0]] : `${periods[ps[0]]} \u2013 ${periods[ps[ps.length - 1]]}`;
    return [el("p", { class: "when" }, el("span", { class: "swatch", style: "background:#e4572e" }),
      `Mentioned ${span}, in ${fmt(selected.length)} dated document${selected.length === 1 ? "" : "s"} (orange on the timeline)`)];
  });

  /* ... and when both ends of a selected link were named together */
  V.panelHooks.edge.push((e) => {
    selected = edgePeriods[DATA.edges.indexOf(e)];
    draw();
    return [];
  });

  describe();
  draw();
  window.shabakaTimeline = { periods, counts, setRange, draw, range, selected: () => selected };
})();
