// PermaSAR viewer front end: layer list, client-side colour mapping on a canvas, value readout,
// and the time series of a clicked pixel drawn with Chart.js. No build step.
// State is exposed as window.viewerState for tests and for the curious.
'use strict';

const state = window.viewerState = {
  layers: [], layer: null, rows: 0, cols: 0, step: 1, values: null,
  series: null, chartReady: false, status: 'loading'
};

// Colour scales as evenly spaced RGB stops, interpolated linearly.
const CMAPS = {
  viridis: [[68, 1, 84], [72, 40, 120], [62, 74, 137], [49, 104, 142], [38, 130, 142],
            [31, 158, 137], [53, 183, 121], [109, 205, 89], [180, 222, 44], [253, 231, 37]],
  RdBu: [[103, 0, 31], [178, 24, 43], [214, 96, 77], [244, 165, 130], [253, 219, 199], [247, 247, 247],
         [209, 229, 240], [146, 197, 222], [67, 147, 195], [33, 102, 172], [5, 48, 97]],
  gray: [[0, 0, 0], [255, 255, 255]]
};

const $ = id => document.getElementById(id);

function setStatus(text) {
  state.status = text;
  $('status').textContent = text;
}

function colourAt(stops, f) {
  const x = Math.min(Math.max(f, 0), 1) * (stops.length - 1);
  const i = Math.min(Math.floor(x), stops.length - 2), t = x - i;
  const a = stops[i], b = stops[i + 1];
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

function percentiles(values, lo, hi) {
  const finite = [];
  const stride = Math.max(1, Math.floor(values.length / 200000));
  for (let i = 0; i < values.length; i += stride) {
    if (Number.isFinite(values[i])) finite.push(values[i]);
  }
  if (finite.length === 0) return [0, 1];
  finite.sort((p, q) => p - q);
  const pick = p => finite[Math.min(finite.length - 1, Math.floor(p * (finite.length - 1) + 0.5))];
  let a = pick(lo), b = pick(hi);
  if (a === b) { a -= 0.5; b += 0.5; }
  return [a, b];
}

async function loadLayers() {
  const resp = await fetch('/api/layers');
  state.layers = await resp.json();
  const sel = $('layer');
  sel.innerHTML = '';
  state.layers.forEach((l, i) => {
    const o = document.createElement('option');
    o.value = i;
    const du = display(l.unit).unit;
    o.textContent = l.name + (du ? ' [' + du + ']' : '');
    sel.appendChild(o);
  });
  if (state.layers.length === 0) { setStatus('no 2-D rasters found'); return; }
  sel.selectedIndex = 0;
  await showLayer(0);
}

async function showLayer(index) {
  const l = state.layers[index];
  setStatus('loading ' + l.name + '…');
  const q = new URLSearchParams({file: l.file, dataset: l.dataset, band: l.band});
  const resp = await fetch('/api/raster?' + q);
  if (!resp.ok) { setStatus('cannot load ' + l.name + ': ' + await resp.text()); return; }
  const buf = await resp.arrayBuffer();
  const view = new DataView(buf);
  const values = new Float32Array(buf.byteLength / 4);
  for (let i = 0; i < values.length; i++) values[i] = view.getFloat32(4 * i, true);
  state.layer = l;
  state.rows = +resp.headers.get('X-Rows');
  state.cols = +resp.headers.get('X-Cols');
  state.step = +resp.headers.get('X-Step');
  state.values = values;
  const [a, b] = percentiles(values, 0.02, 0.98);
  $('vmin').value = +a.toPrecision(4);
  $('vmax').value = +b.toPrecision(4);
  $('layerinfo').textContent = l.fileType + ', ' + l.cols + ' × ' + l.rows + ' px'
      + (l.epsg ? ', EPSG:' + l.epsg : '') + (state.step > 1 ? ', shown 1:' + state.step : '');
  draw();
  setStatus('layer ' + l.name);
}

function draw() {
  if (!state.values) return;
  const canvas = $('map'), rows = state.rows, cols = state.cols;
  canvas.width = cols;
  canvas.height = rows;
  const scale = Math.max(1, Math.floor(480 / Math.max(rows, cols)));
  canvas.style.width = (cols * scale) + 'px';
  canvas.style.height = (rows * scale) + 'px';
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(cols, rows);
  const stops = CMAPS[$('cmap').value];
  const lo = parseFloat($('vmin').value), hi = parseFloat($('vmax').value);
  const span = hi - lo || 1;
  const v = state.values, px = img.data;
  for (let i = 0; i < v.length; i++) {
    const k = 4 * i;
    if (!Number.isFinite(v[i])) { px[k + 3] = 0; continue; }
    const c = colourAt(stops, (v[i] - lo) / span);
    px[k] = c[0]; px[k + 1] = c[1]; px[k + 2] = c[2]; px[k + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
  drawColourbar(stops, lo, hi);
}

/**
 * Display unit of a file unit: lengths in mm and rates in mm/yr (files stay SI, as their UNIT
 * attribute says), everything else as it is.
 */
function display(unit) {
  const u = (unit || '').trim();
  if (u === 'm' || u === 'metre' || u === 'meters' || u === 'meter') return {k: 1000, unit: 'mm'};
  if (u === 'm/year' || u === 'm/yr' || u === 'm/y') return {k: 1000, unit: 'mm/yr'};
  return {k: 1, unit: u};
}

function drawColourbar(stops, lo, hi) {
  const cb = $('colorbar'), ctx = cb.getContext('2d');
  for (let x = 0; x < cb.width; x++) {
    const c = colourAt(stops, x / (cb.width - 1));
    ctx.fillStyle = 'rgb(' + c.map(Math.round).join(',') + ')';
    ctx.fillRect(x, 0, 1, cb.height);
  }
  const d = display(state.layer ? state.layer.unit : '');
  $('cb-min').textContent = d.k === 1 ? lo : Number((lo * d.k).toPrecision(4));
  $('cb-max').textContent = d.k === 1 ? hi : Number((hi * d.k).toPrecision(4));
  $('cb-unit').textContent = d.unit;
}

/** Full-resolution (row, col) of a mouse event on the map canvas. */
function pixelOf(ev) {
  const canvas = $('map'), rect = canvas.getBoundingClientRect();
  const c = Math.floor((ev.clientX - rect.left) / rect.width * state.cols);
  const r = Math.floor((ev.clientY - rect.top) / rect.height * state.rows);
  if (r < 0 || c < 0 || r >= state.rows || c >= state.cols) return null;
  return {r: r, c: c, row: r * state.step, col: c * state.step};
}

function onMove(ev) {
  const p = pixelOf(ev);
  if (!p) return;
  const v = state.values[p.r * state.cols + p.c];
  const d = display(state.layer.unit);
  $('readout').textContent = 'row ' + p.row + ', col ' + p.col + ': '
      + (Number.isFinite(v) ? (v * d.k).toPrecision(5) + ' ' + d.unit : 'no data');
}

async function onClick(ev) {
  const p = pixelOf(ev);
  if (!p) return;
  state.chartReady = false;
  setStatus('time series at row ' + p.row + ', col ' + p.col + '…');
  const q = new URLSearchParams({file: state.layer.file, row: p.row, col: p.col});
  const resp = await fetch('/api/series?' + q);
  if (!resp.ok) { setStatus('no time series: ' + await resp.text()); return; }
  state.series = await resp.json();
  drawChart(state.series);
  state.chartReady = true;
  setStatus(state.series.series.length + ' time series at row ' + p.row + ', col ' + p.col);
}

const DAY_MS = 86400000;
const toDays = iso => Date.parse(iso) / DAY_MS;
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];

function drawChart(result) {
  const datasets = [];
  const info = [];
  result.series.forEach((s, i) => {
    const colour = PALETTE[i % PALETTE.length];
    datasets.push({
      label: s.track + ' (' + s.file + ')', borderColor: colour, backgroundColor: colour,
      showLine: false, pointRadius: 3,
      data: s.dates.map((d, k) => ({x: toDays(d), y: s.mm[k]}))
    });
    if (s.model) {
      datasets.push({
        label: s.track + ' model', borderColor: colour, borderDash: [6, 3], pointRadius: 0,
        borderWidth: 1.5, showLine: true,
        data: s.model.dates.map((d, k) => ({x: toDays(d), y: s.model.mm[k]}))
      });
      // one vocabulary: peak-to-trough 2|A| (seasonalAmplitude), semi-amplitude |A| (MintPy's annualAmplitude)
      info.push(s.track + ': rate ' + fmt(s.model.velocityMmPerYear) + ' mm/yr, annual peak-to-trough '
          + fmt(2 * s.model.annualAmplitudeMm) + ' mm (semi-amplitude ' + fmt(s.model.annualAmplitudeMm)
          + ' mm; ref ' + s.model.refDate + ')');
    }
  });
  $('seriesinfo').textContent = info.join('\n');
  const existing = Chart.getChart('chart');
  if (existing) existing.destroy();
  new Chart($('chart'), {
    type: 'line',
    data: {datasets: datasets},
    options: {
      animation: false, parsing: true, spanGaps: false,
      scales: {
        x: {type: 'linear', title: {display: true, text: 'date'},
            ticks: {callback: v => new Date(v * DAY_MS).toISOString().slice(0, 10)}},
        y: {title: {display: true, text: 'displacement (mm)'}}
      },
      plugins: {title: {display: true,
        text: 'pixel row ' + result.row + ', col ' + result.col + ' of ' + result.file}}
    }
  });
}

function fmt(x) {
  return x === null || x === undefined ? 'n/a' : x.toFixed(2);
}

$('layer').addEventListener('change', ev => showLayer(+ev.target.value));
$('cmap').addEventListener('change', draw);
$('vmin').addEventListener('change', draw);
$('vmax').addEventListener('change', draw);
$('auto').addEventListener('click', () => {
  const [a, b] = percentiles(state.values, 0.02, 0.98);
  $('vmin').value = +a.toPrecision(4);
  $('vmax').value = +b.toPrecision(4);
  draw();
});
$('map').addEventListener('mousemove', onMove);
$('map').addEventListener('click', onClick);
loadLayers().catch(e => setStatus('error: ' + e));
