// Witness live page: polls /api/state and draws everything itself (canvas charts, SVG graphs); no libraries.
// After each render #status carries data-charts / data-points / data-alerts / data-hawkes / data-updates and
// <body data-status> says "rendered" (or "waiting" before any evidence, "error" when the job is unreachable),
// so a headless browser can check what was drawn.
'use strict';

const POLL_MS = 2000;
const SVG_NS = 'http://www.w3.org/2000/svg';
let updates = 0;

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v; else if (k.startsWith('data-')) e.setAttribute(k, v); else e[k] = v;
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

function svg(tag, attrs, ...children) {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

function fmt(v) {
  if (v === null || v === undefined || !isFinite(v)) return '–';
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(2);
  return a >= 100 ? v.toFixed(0) : a >= 1 ? v.toFixed(2) : v.toPrecision(3);
}

function clock(ms) {
  return new Date(ms).toLocaleTimeString([], { hour12: false });
}

function pow10Label(k) {
  return k >= -2 && k <= 4 ? String(Number(Math.pow(10, k).toPrecision(1))) : '1e' + k;
}

// One small time-series chart. ys may hold nulls; opts: {log, ref, refLabel, color, alarm}. Returns points drawn.
function drawChart(canvas, ts, ys, opts) {
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth || 280, h = canvas.clientHeight || 64;
  canvas.width = Math.round(w * dpr);
  canvas.height = Math.round(h * dpr);
  const g = canvas.getContext('2d');
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, w, h);
  g.font = '10px system-ui, sans-serif';

  const pts = [];
  for (let i = 0; i < ts.length; i++) {
    const y = ys[i];
    if (y === null || y === undefined || !isFinite(y) || (opts.log && y <= 0)) continue;
    pts.push([ts[i], opts.log ? Math.log10(y) : y, opts.alarm ? opts.alarm[i] === 1 : false]);
  }
  canvas.setAttribute('data-points', String(pts.length));
  if (pts.length === 0) {
    g.fillStyle = '#9aa1b0';
    g.fillText('no data', w / 2 - 18, h / 2 + 3);
    return 0;
  }
  const ref = opts.ref !== null && opts.ref !== undefined && isFinite(opts.ref) && (!opts.log || opts.ref > 0)
    ? (opts.log ? Math.log10(opts.ref) : opts.ref) : null;
  let lo = Infinity, hi = -Infinity;
  for (const p of pts) { lo = Math.min(lo, p[1]); hi = Math.max(hi, p[1]); }
  if (ref !== null) { lo = Math.min(lo, ref); hi = Math.max(hi, ref); }
  if (opts.log) { lo = Math.floor(lo); hi = Math.ceil(hi); if (hi === lo) hi = lo + 1; }
  else { const pad = (hi - lo) * 0.08 || Math.max(Math.abs(hi) * 0.1, 1); lo -= pad; hi += pad; }
  const t0 = pts[0][0], t1 = Math.max(pts[pts.length - 1][0], t0 + 1000);
  const L = 34, R = 6, T = 4, B = 12;
  const X = t => L + (w - L - R) * (t - t0) / (t1 - t0);
  const Y = v => T + (h - T - B) * (1 - (v - lo) / (hi - lo));

  // grid and y labels
  g.strokeStyle = '#eceef3'; g.fillStyle = '#8a92a3'; g.lineWidth = 1;
  const ticks = [];
  if (opts.log) {
    const step = Math.max(1, Math.ceil((hi - lo) / 2));
    for (let k = lo; k <= hi; k += step) ticks.push([k, pow10Label(k)]);
  } else {
    for (let i = 0; i <= 2; i++) { const v = lo + (hi - lo) * i / 2; ticks.push([v, fmt(v)]); }
  }
  for (const [v, label] of ticks) {
    const y = Y(v);
    g.beginPath(); g.moveTo(L, y + 0.5); g.lineTo(w - R, y + 0.5); g.stroke();
    g.fillText(label, 2, Math.min(h - B, Math.max(T + 8, y + 3)));
  }
  // time span
  const span = Math.round((t1 - t0) / 1000);
  const spanText = span >= 120 ? 'last ' + Math.round(span / 60) + ' min' : 'last ' + span + ' s';
  g.fillText(spanText, w - R - g.measureText(spanText).width, h - 1);
  // alarm level
  if (ref !== null) {
    g.strokeStyle = '#c62828'; g.setLineDash([4, 3]);
    g.beginPath(); g.moveTo(L, Y(ref) + 0.5); g.lineTo(w - R, Y(ref) + 0.5); g.stroke();
    g.setLineDash([]); g.fillStyle = '#c62828';
    g.fillText(opts.refLabel, w - R - g.measureText(opts.refLabel).width, Y(ref) - 2 < T + 8 ? Y(ref) + 10 : Y(ref) - 2);
  }
  // the series
  g.strokeStyle = opts.color; g.lineWidth = 1.4;
  g.beginPath();
  pts.forEach((p, i) => (i ? g.lineTo(X(p[0]), Y(p[1])) : g.moveTo(X(p[0]), Y(p[1]))));
  g.stroke();
  if (pts.length === 1) { g.fillStyle = opts.color; g.fillRect(X(pts[0][0]) - 1.5, Y(pts[0][1]) - 1.5, 3, 3); }
  g.fillStyle = '#c62828';
  for (const p of pts) if (p[2]) { g.beginPath(); g.arc(X(p[0]), Y(p[1]), 2.5, 0, 2 * Math.PI); g.fill(); }
  return pts.length;
}

function renderAlerts(state) {
  const body = document.querySelector('#open-alerts tbody');
  body.replaceChildren();
  for (const a of state.open_alerts) {
    body.append(el('tr', { 'data-alert': a.id },
      el('td', {}, a.monitor), el('td', {}, a.key), el('td', {}, a.state), el('td', { class: 'num' }, clock(a.opened_at)),
      el('td', { class: 'num' }, fmt(a.e_value)), el('td', { class: 'num' }, fmt(a.p_value)), el('td', { class: 'msg' }, a.message)));
  }
  document.getElementById('open-alerts').classList.toggle('has-rows', state.open_alerts.length > 0);
  document.getElementById('no-alerts').hidden = state.open_alerts.length > 0;
  document.getElementById('alert-count').textContent = state.open_alerts.length ? '(' + state.open_alerts.length + ')' : '';
  const recent = document.getElementById('recent-alerts');
  recent.replaceChildren(...state.recent_alerts.map(a => el('li', {}, clock(a.time) + ' ' + a.state + ' ' + a.message)));
  return state.open_alerts.length;
}

function renderMonitors(state, totals) {
  const root = document.getElementById('monitors');
  root.replaceChildren();
  for (const m of state.monitors) {
    const section = el('section', { class: 'monitor', 'data-monitor': m.id },
      el('h2', {}, m.id, el('span', { class: 'meta' },
        m.method + ' · α = ' + m.alpha + ' · alarm at e ≥ ' + fmt(1 / m.alpha) + ' · showing ' + m.series.length + ' of ' + m.series_tracked + ' keys')));
    const grid = el('div', { class: 'grid' });
    section.append(grid);
    root.append(section);   // in the document before drawing, so that canvases have a layout width
    if (m.series.length === 0) grid.append(el('p', { class: 'quiet' }, 'No evidence yet (models are in burn-in or no events arrived).'));
    for (const s of m.series) {
      const last = s.latest;
      const card = el('div', { class: 'card' + (s.open_alert ? ' alerting' : ''), 'data-key': s.key },
        el('div', { class: 'title' }, el('span', { class: 'key' }, s.key),
          el('span', { class: 'badge' + (s.open_alert || last.alarm ? ' alarm' : '') }, s.open_alert ? 'open alert' : last.alarm ? 'alarm' : 'ok')),
        el('div', { class: 'now' }, 'e = ' + fmt(last.e_value) + ' · p = ' + fmt(last.p_value) + ' · stat = ' + fmt(last.statistic) + ' · n = ' + last.n));
      grid.append(card);
      const charts = [
        ['e-value (log scale)', s.e_value, { log: true, ref: 1 / m.alpha, refLabel: '1/α', color: '#1f5fbf', alarm: s.alarm }],
        ['p-value (log scale)', s.p_value, { log: true, ref: m.alpha, refLabel: 'α', color: '#7b3fb3', alarm: s.alarm }],
        ['statistic', s.statistic, { log: false, ref: null, color: '#2e7d5b', alarm: s.alarm }],
      ];
      for (const [label, ys, opts] of charts) {
        const canvas = el('canvas', { class: 'chart', 'data-series': label.split(' ')[0] });
        card.append(el('div', { class: 'chart-label' }, label), canvas);
        const n = drawChart(canvas, s.t, ys, opts);
        if (n > 0) { totals.charts++; totals.points += n; }
      }
    }
  }
}

// The excitation graph of a hawkes monitor: nodes on a circle, an arrow j → i for alpha[i][j] (width ∝ α).
function hawkesGraph(h) {
  const box = el('div', { class: 'hawkes-graph', 'data-monitor': h.monitor, 'data-key': h.key });
  if (h.error) {
    box.append(el('div', { class: 'caption' }, h.monitor + ' / ' + h.key), el('div', { class: 'caption error' }, h.error));
    return [box, 0];
  }
  const p = h.nodes.length, W = 300, H = 270, cx = W / 2, cy = H / 2, r = p === 1 ? 0 : 84, nodeR = 17;
  const pos = h.nodes.map((_, i) => [cx + r * Math.cos(-Math.PI / 2 + 2 * Math.PI * i / p), cy + r * Math.sin(-Math.PI / 2 + 2 * Math.PI * i / p)]);
  let max = 0;
  h.alpha.forEach(row => row.forEach(v => { max = Math.max(max, v); }));
  const shown = v => max > 0 && v >= Math.max(1e-3, 0.05 * max);
  const root = svg('svg', { width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img' });
  root.append(svg('defs', {}, svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerUnits: 'userSpaceOnUse', markerWidth: 9, markerHeight: 9, orient: 'auto-start-reverse' },
    svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#1f5fbf' }))));
  let edges = 0;
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      const a = h.alpha[i][j];
      if (!shown(a)) continue;
      edges++;
      const width = (1 + 5 * a / max).toFixed(2);
      const title = svg('title', {}, `${h.nodes[j]} → ${h.nodes[i]}: α = ${fmt(a)}`);
      if (i === j) {   // self-excitation: a loop on the outside of the node
        const [x, y] = pos[i], dx = p === 1 ? 0 : (x - cx) / r, dy = p === 1 ? -1 : (y - cy) / r;
        const lx = x + dx * (nodeR + 12), ly = y + dy * (nodeR + 12);
        root.append(svg('circle', { cx: lx, cy: ly, r: 12, fill: 'none', stroke: '#1f5fbf', 'stroke-width': width, 'data-edge': `${j}-${i}` }, title),
          svg('text', { x: lx + 15, y: ly + 4, 'text-anchor': 'start', 'font-size': 10, fill: '#1f5fbf' }, fmt(a)));
        continue;
      }
      const [x1, y1] = pos[j], [x2, y2] = pos[i];
      const len = Math.hypot(x2 - x1, y2 - y1), ux = (x2 - x1) / len, uy = (y2 - y1) / len;
      const bend = 18, mx = (x1 + x2) / 2 - uy * bend, my = (y1 + y2) / 2 + ux * bend;   // curve aside: j→i and i→j do not overlap
      const sx = x1 + ux * nodeR, sy = y1 + uy * nodeR, ex = x2 - ux * (nodeR + 2), ey = y2 - uy * (nodeR + 2);
      root.append(svg('path', { d: `M${sx.toFixed(1)},${sy.toFixed(1)} Q${mx.toFixed(1)},${my.toFixed(1)} ${ex.toFixed(1)},${ey.toFixed(1)}`,
        fill: 'none', stroke: '#1f5fbf', 'stroke-opacity': 0.8, 'stroke-width': width, 'marker-end': 'url(#arrow)', 'data-edge': `${j}-${i}` }, title),
        svg('text', { x: mx, y: my, 'text-anchor': 'middle', 'font-size': 10, fill: '#1f5fbf' }, fmt(a)));
    }
  }
  h.nodes.forEach((name, i) => {
    const [x, y] = pos[i];
    root.append(svg('g', { 'data-node': name },
      svg('circle', { cx: x, cy: y, r: nodeR, fill: '#fff', stroke: '#1d2330', 'stroke-width': 1.5 }),
      svg('text', { x, y: y + 4, 'text-anchor': 'middle', 'font-size': 11 }, name.length > 8 ? name.slice(0, 7) + '…' : name),
      svg('title', {}, h.mu ? `${name}: baseline μ = ${fmt(h.mu[i])}` : name)));
  });
  root.setAttribute('data-nodes', String(p));
  root.setAttribute('data-edges', String(edges));
  const rho = h.branching_ratio === null ? '' : ` · branching ratio ρ = ${fmt(h.branching_ratio)}${h.branching_ratio >= 1 ? ' (unstable!)' : ''}`;
  box.append(root, el('div', { class: 'caption' }, `${h.monitor} / ${h.key}${rho} · ${clock(h.time)}${h.alarm ? ' · ALARM' : ''}`));
  return [box, 1];
}

function renderHawkes(state) {
  const section = document.getElementById('hawkes');
  const holder = document.getElementById('hawkes-graphs');
  holder.replaceChildren();
  let drawn = 0;
  for (const h of state.hawkes) {
    const [box, ok] = hawkesGraph(h);
    holder.append(box);
    drawn += ok;
  }
  section.hidden = state.hawkes.length === 0;
  return drawn;
}

function render(state) {
  const totals = { charts: 0, points: 0 };
  const alerts = renderAlerts(state);
  const hawkes = renderHawkes(state);
  renderMonitors(state, totals);
  updates++;
  const status = document.getElementById('status');
  status.setAttribute('data-charts', String(totals.charts));
  status.setAttribute('data-points', String(totals.points));
  status.setAttribute('data-alerts', String(alerts));
  status.setAttribute('data-hawkes', String(hawkes));
  status.setAttribute('data-updates', String(updates));
  status.textContent = `updated ${clock(state.generated_at)} · ${state.evidence_seen} evidence records · ${alerts} open alert${alerts === 1 ? '' : 's'}`
    + (state.series_evicted ? ` · ${state.series_evicted} series evicted (cap ${state.limits.series})` : '');
  document.body.setAttribute('data-status', totals.points > 0 || hawkes > 0 ? 'rendered' : 'waiting');
}

async function poll() {
  try {
    const response = await fetch('api/state', { cache: 'no-store' });
    if (!response.ok) throw new Error('HTTP ' + response.status);
    render(await response.json());
  } catch (e) {
    document.body.setAttribute('data-status', 'error');
    document.getElementById('status').textContent = 'cannot reach the job (' + e.message + '); retrying…';
  }
  setTimeout(poll, POLL_MS);
}

poll();
