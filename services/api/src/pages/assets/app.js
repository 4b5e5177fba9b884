/* global document, fetch, setInterval */
// Live pipeline panel: polls /api/stats and redraws the queue table and the throughput chart.
// Built with DOM APIs and textContent only, so nothing from the server is ever parsed as HTML.
// The stages are the queues /api/stats lists (the stage table, in pipeline order), so a new stage
// is drawn without a change here; colours go by position.
const PALETTE = ['#2563eb', '#0891b2', '#16a34a', '#d97706', '#9333ea', '#db2777', '#65a30d', '#475569'];
const SVG = 'http://www.w3.org/2000/svg';
const POLL_MS = 5000;

function cell(row, text) {
  const td = document.createElement('td');
  td.textContent = String(text);
  row.appendChild(td);
}

function drawQueues(stats) {
  const body = document.getElementById('queue-rows');
  if (!body) return;
  body.replaceChildren(
    ...stats.queues.map((queue) => {
      const row = document.createElement('tr');
      cell(row, queue.name);
      cell(row, (queue.counts.waiting ?? 0) + (queue.counts.prioritized ?? 0) + (queue.counts.delayed ?? 0));
      cell(row, queue.counts.active ?? 0);
      cell(row, queue.counts.failed ?? 0);
      cell(row, stats.ratePerMinute[queue.name] ?? 0);
      if ((queue.counts.failed ?? 0) > 0) row.className = 'has-failed';
      return row;
    }),
  );
}

function svg(name, attributes) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  return element;
}

function drawChart(stats) {
  const chart = document.getElementById('throughput');
  if (!chart) return;
  const stages = stats.queues.map((queue) => queue.name);
  const colour = (index) => PALETTE[index % PALETTE.length];
  const minutes = stats.throughput;
  const peak = Math.max(1, ...minutes.flatMap((minute) => stages.map((stage) => minute.processed[stage] ?? 0)));
  const x = (index) => 4 + (index * 292) / Math.max(1, minutes.length - 1);
  const y = (value) => 80 - (value * 72) / peak;
  const parts = [svg('line', { x1: 4, y1: 80, x2: 296, y2: 80, class: 'axis' })];
  stages.forEach((stage, index) => {
    const points = minutes
      .map((minute, at) => `${x(at).toFixed(1)},${y(minute.processed[stage] ?? 0).toFixed(1)}`)
      .join(' ');
    parts.push(
      svg('polyline', { points, fill: 'none', stroke: colour(index), 'stroke-width': 2, 'data-stage': stage }),
    );
  });
  const labelWidth = 292 / Math.max(1, stages.length);
  stages.forEach((stage, index) => {
    const label = svg('text', { x: 6 + index * labelWidth, y: 89, fill: colour(index), 'font-size': 8 });
    label.textContent = stage;
    parts.push(label);
  });
  const top = svg('text', { x: 296, y: 8, 'text-anchor': 'end', 'font-size': 8, class: 'peak' });
  top.textContent = `${peak}/min`;
  parts.push(top);
  chart.replaceChildren(...parts);
}

async function refresh() {
  const note = document.getElementById('health-note');
  try {
    const response = await fetch('/api/stats?minutes=15', { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const stats = await response.json();
    drawQueues(stats);
    drawChart(stats);
    const indexer = stats.indexer ? ` · indexer ${stats.indexer.status}` : '';
    if (note)
      note.textContent = `${stats.documents ?? '?'} documents searchable${indexer} · updated ${new Date(stats.generatedAt).toLocaleTimeString()}`;
  } catch (error) {
    if (note) note.textContent = `stats unavailable (${error.message})`;
  }
}

if (document.getElementById('health')) {
  void refresh();
  setInterval(() => void refresh(), POLL_MS);
}
