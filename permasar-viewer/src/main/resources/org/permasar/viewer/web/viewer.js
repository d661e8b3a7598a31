// PermaSAR viewer front end: a Leaflet map of the layers in their grid's own coordinates, a date slider
// for cubes, colour mapping in the browser, a cursor readout (lat/lon from the server's PROJ, the grid's
// x/y and row/col), the series of a clicked pixel for every track with its fitted models and the LST
// beneath (Chart.js), a drawn box's mean series and statistics, CSV/PNG export, and the view in the URL.
// No build step. State is exposed as window.viewerState for tests and for the curious.
'use strict';

const state = window.viewerState = {
  layers: [], byId: {}, layer: null, band: 0, rows: 0, cols: 0, step: 1, values: null,
  stretch: null, map: null, mapKey: null, overlay: null, marks: {}, clicked: null, series: null,
  region: null, chartReady: false, regionReady: false, readout: null, status: 'loading', loading: 0
};

// Colour scales as evenly spaced RGB stops, interpolated linearly. RdBu: negative red, positive blue.
const CMAPS = {
  viridis: [[68, 1, 84], [72, 40, 120], [62, 74, 137], [49, 104, 142], [38, 130, 142],
            [31, 158, 137], [53, 183, 121], [109, 205, 89], [180, 222, 44], [253, 231, 37]],
  RdBu: [[103, 0, 31], [178, 24, 43], [214, 96, 77], [244, 165, 130], [253, 219, 199], [247, 247, 247],
         [209, 229, 240], [146, 197, 222], [67, 147, 195], [33, 102, 172], [5, 48, 97]],
  gray: [[0, 0, 0], [255, 255, 255]]
};
// Okabe–Ito, then a few more: distinct classes for codes (status, flags, regions)
const CLASSES = [[0, 114, 178], [230, 159, 0], [0, 158, 115], [204, 121, 167], [86, 180, 233], [213, 94, 0],
                 [240, 228, 66], [0, 0, 0], [150, 150, 150], [120, 60, 160]];

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

/** Display unit of a stored unit: lengths in mm, rates in mm/yr, kelvin in °C; others as they are. */
function display(unit) {
  const u = (unit || '').trim();
  if (u === 'm' || u === 'metre' || u === 'meters' || u === 'meter') return {k: 1000, off: 0, unit: 'mm'};
  if (u === 'm/year' || u === 'm/yr' || u === 'm/y') return {k: 1000, off: 0, unit: 'mm/yr'};
  if (u === 'm/sqrt(degC*day)') return {k: 1000, off: 0, unit: 'mm/√(°C·day)'};
  if (u === 'K' || u === 'kelvin') return {k: 1, off: -273.15, unit: '°C'};
  if (u === 'radian') return {k: 1, off: 0, unit: 'rad'};
  if (u === '1') return {k: 1, off: 0, unit: 'unitless'};
  return {k: 1, off: 0, unit: u};
}
const shown = (v, d) => v * d.k + d.off;

function fmtNum(x, digits) {
  if (x === null || x === undefined || !Number.isFinite(x)) return 'n/a';
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return x.toExponential(2);
  return x.toFixed(digits === undefined ? (a >= 100 ? 1 : 2) : digits);
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(p * (sorted.length - 1) + 0.5)))];
}

function finiteSorted(values, abs) {
  const out = [];
  const stride = Math.max(1, Math.floor(values.length / 200000));
  for (let i = 0; i < values.length; i += stride) {
    const v = values[i];
    if (Number.isFinite(v)) out.push(abs ? Math.abs(v) : v);
  }
  return out.sort((p, q) => p - q);
}

/** Default stretch of a layer's values (stored units): symmetric about 0, 2–98 % or classes. */
function autoStretch(l, values) {
  if (l.kind === 'diverging') {
    const s = finiteSorted(values, true);
    const m = s.length ? percentile(s, 0.98) || s[s.length - 1] || 1 : 1;
    return {cmap: 'RdBu', lo: -m, hi: m};
  }
  const s = finiteSorted(values, false);
  if (!s.length) return {cmap: l.kind === 'categorical' ? 'classes' : 'viridis', lo: 0, hi: 1};
  if (l.kind === 'categorical') return {cmap: 'classes', lo: Math.round(s[0]), hi: Math.round(s[s.length - 1])};
  let a = percentile(s, 0.02), b = percentile(s, 0.98);
  if (a === b) { a -= 0.5; b += 0.5; }
  return {cmap: 'viridis', lo: a, hi: b};
}

// ------------------------------------------------------------------ layers

async function loadLayers() {
  const resp = await fetch('/api/layers');
  const res = await resp.json();
  state.layers = res.layers;
  state.byId = {};
  res.layers.forEach(l => { state.byId[l.id] = l; });
  const sel = $('layer');
  sel.innerHTML = '';
  const groups = {};
  res.layers.forEach(l => {
    let g = groups[l.group];
    if (!g) {
      g = groups[l.group] = document.createElement('optgroup');
      g.label = groupName(l.group);
      sel.appendChild(g);
    }
    const o = document.createElement('option');
    o.value = l.id;
    const du = display(l.unit).unit;
    o.textContent = l.title + (l.labels.length > 1 ? ' (' + l.labels.length + (l.dated ? ' dates)' : ' slices)') : '')
        + (du ? ' [' + du + ']' : '');
    o.title = l.file + (l.dataset === 'bands' ? '' : ' : ' + l.dataset);
    g.appendChild(o);
  });
  if (res.layers.length === 0) { setStatus('no rasters found in this folder'); return; }
  const h = readHash();
  const first = h.layer && state.byId[h.layer] ? h.layer : res['default'];
  sel.value = first;
  await showLayer(first, h.band !== undefined ? +h.band : null, h);
}

function groupName(g) {
  const words = {'.': 'top level', asc: 'ascending track', desc: 'descending track', geometry: 'asc + desc decomposition',
    alt: 'active-layer thickness', scene: 'input scene'};
  const parts = g.split('/');
  const last = parts[parts.length - 1];
  if (words[g]) return words[g] + ' (' + g + ')';
  if (last === 'pecm' && parts.length > 1) return (words[parts[0]] || parts[0]) + ' — PECM fit (' + g + ')';
  return g;
}

/** Shows a layer: its last (or given) slice, a map in its grid's coordinates, the default stretch. */
async function showLayer(id, band, view) {
  const l = state.byId[id];
  stopPlay();
  const n = l.labels.length;
  const b = band === null || band === undefined || band < 0 || band >= n ? n - 1 : band;
  setStatus('loading ' + l.title + '…');
  const token = ++layerToken;
  bandToken++;
  const r = await fetchRaster(l, b);
  if (!r || token !== layerToken) return;
  const sameLayer = state.layer && state.layer.id === l.id;
  state.layer = l;
  state.band = b;
  Object.assign(state, r);
  if (!sameLayer) {
    // a cube keeps one stretch for all its dates: that of its last slice (the largest excursion from the reference)
    const basis = n > 1 && b !== n - 1 ? (await fetchRaster(l, n - 1) || r).values : r.values;
    state.stretch = autoStretch(l, basis);
    if (view && view.vmin !== undefined && view.vmax !== undefined) {
      state.stretch.lo = +view.vmin; state.stretch.hi = +view.vmax;
      if (view.cmap) state.stretch.cmap = view.cmap;
    }
  }
  setStretchInputs();
  ensureMap(l, view);
  $('datebox').hidden = n <= 1;
  const slider = $('date');
  slider.max = n - 1;
  slider.value = b;
  $('datelabel').textContent = l.labels[b];
  $('datecount').textContent = n > 1 ? '(' + (b + 1) + ' of ' + n + ')' : '';
  $('layerinfo').textContent = l.file + (l.dataset === 'bands' ? '' : ' : ' + l.dataset) + '\n' + l.fileType + ', '
      + l.cols + ' × ' + l.rows + ' px' + (l.epsg ? ', EPSG:' + l.epsg : l.transform ? '' : ', radar geometry')
      + (state.step > 1 ? ', shown 1:' + state.step : '');
  draw();
  markReference();
  setStatus(l.title + (n > 1 ? ', ' + l.labels[b] : ''));
  writeHash();
}

const rasterCache = new Map();

async function fetchRaster(l, band) {
  const key = l.id + '#' + band;
  if (rasterCache.has(key)) return rasterCache.get(key);
  const q = new URLSearchParams({file: l.file, dataset: l.dataset, band: band});
  state.loading++;
  try {
    const resp = await fetch('/api/raster?' + q);
    if (!resp.ok) { setStatus('cannot load ' + l.title + ': ' + await resp.text()); return null; }
    const buf = await resp.arrayBuffer();
    const view = new DataView(buf);
    const values = new Float32Array(buf.byteLength / 4);
    for (let i = 0; i < values.length; i++) values[i] = view.getFloat32(4 * i, true);
    const r = {rows: +resp.headers.get('X-Rows'), cols: +resp.headers.get('X-Cols'), step: +resp.headers.get('X-Step'),
               values: values};
    if (rasterCache.size > 64) rasterCache.delete(rasterCache.keys().next().value);
    rasterCache.set(key, r);
    return r;
  } finally {
    state.loading--;
  }
}

// ------------------------------------------------------------------ map in the grid's coordinates

/** Geotransform of a layer; radar grids get x = col, y = −row. */
function gt(l) {
  return l.transform || [0, 1, 0, 0, 0, -1];
}

/** Map point (x, y) of a fractional (row, col), GDAL's corner convention. */
function toMap(l, row, col) {
  const t = gt(l);
  return {x: t[0] + col * t[1] + row * t[2], y: t[3] + col * t[4] + row * t[5]};
}

/** Fractional (row, col) of a map point (north-up grids). */
function toPixel(l, x, y) {
  const t = gt(l);
  return {row: (y - t[3]) / t[5], col: (x - t[0]) / t[1]};
}

function ensureMap(l, view) {
  const t = gt(l);
  const key = (l.transform ? 'EPSG:' + l.epsg : 'radar:' + l.file);
  const bounds = L.latLngBounds([t[3] + l.rows * t[5], t[0]], [t[3], t[0] + l.cols * t[1]]);
  if (state.map && state.mapKey === key) return;
  if (state.map) { state.map.remove(); state.overlay = null; state.marks = {}; }
  // zoom 0 = one screen pixel per grid pixel of this layer, anchored at its origin
  const sx = 1 / Math.abs(t[1]), sy = 1 / Math.abs(t[5]);
  const crs = L.extend({}, L.CRS.Simple, {transformation: new L.Transformation(sx, -t[0] * sx, -sy, t[3] * sy)});
  const map = L.map('map', {crs: crs, minZoom: -6, maxZoom: 8, zoomSnap: 0.25, zoomDelta: 0.5, attributionControl: false,
    zoomAnimation: false, fadeAnimation: false,
    boxZoom: false});
  state.map = map;
  state.mapKey = key;
  if (view && view.z !== undefined && view.c) {
    const c = view.c.split(',').map(Number);
    map.setView([c[0], c[1]], +view.z);
  } else {
    map.fitBounds(bounds, {padding: [10, 10]});
  }
  if (l.transform && l.epsg && l.epsg !== 4326) L.control.scale({imperial: false, position: 'bottomleft'}).addTo(map);
  map.on('mousemove', onMove);
  map.on('click', onClick);
  map.on('moveend', writeHash);
  map.on('mousedown', boxStart);
  map.on('mouseup', boxEnd);
  map.on('dblclick', () => { if (poly.on) polygonClose(); });
}

function draw() {
  if (!state.values || !state.map) return;
  const l = state.layer, rows = state.rows, cols = state.cols;
  const canvas = document.createElement('canvas');
  canvas.width = cols;
  canvas.height = rows;
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(cols, rows);
  const s = state.stretch;
  const v = state.values, px = img.data;
  for (let i = 0; i < v.length; i++) {
    const k = 4 * i;
    if (!Number.isFinite(v[i])) { px[k + 3] = 0; continue; }
    const c = colourOf(v[i], s);
    px[k] = c[0]; px[k + 1] = c[1]; px[k + 2] = c[2]; px[k + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
  state.canvas = canvas;
  const t = gt(l);
  const bounds = L.latLngBounds([t[3] + l.rows * t[5], t[0]], [t[3], t[0] + l.cols * t[1]]);
  const url = canvas.toDataURL('image/png');
  if (state.overlay) {
    state.overlay.setUrl(url);
    state.overlay.setBounds(bounds);
  } else {
    state.overlay = L.imageOverlay(url, bounds, {className: 'pixelated', interactive: false}).addTo(state.map);
  }
  drawColourbar();
}

function colourOf(v, s) {
  if (s.cmap === 'classes') {
    const k = Math.round(v) - Math.round(s.lo);
    return CLASSES[((k % CLASSES.length) + CLASSES.length) % CLASSES.length];
  }
  return colourAt(CMAPS[s.cmap], (v - s.lo) / ((s.hi - s.lo) || 1));
}

/** Colour bar with ticks and the display unit, drawn on a canvas (also used by the map PNG). */
function drawColourbar(target) {
  const cb = target || $('colorbar'), ctx = cb.getContext('2d');
  const s = state.stretch, d = display(state.layer.unit);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, cb.width, cb.height);
  const x0 = 12, w = cb.width - 24, h = 14;
  ctx.font = '13px system-ui, sans-serif';
  ctx.fillStyle = '#222';
  ctx.textBaseline = 'top';
  if (s.cmap === 'classes') {
    const n = Math.max(1, Math.min(12, Math.round(s.hi) - Math.round(s.lo) + 1));
    for (let i = 0; i < n; i++) {
      const c = colourOf(Math.round(s.lo) + i, s);
      ctx.fillStyle = 'rgb(' + c.join(',') + ')';
      ctx.fillRect(x0 + i * w / n, 2, w / n - 2, h);
      ctx.fillStyle = '#222';
      ctx.textAlign = 'center';
      ctx.fillText(String(Math.round(s.lo) + i), x0 + (i + 0.5) * w / n, h + 5);
    }
    ctx.textAlign = 'right';
    ctx.fillText('code' + (d.unit ? ' (' + d.unit + ')' : ''), cb.width - 2, h + 22);
    return;
  }
  for (let x = 0; x < w; x++) {
    const c = colourAt(CMAPS[s.cmap], x / (w - 1));
    ctx.fillStyle = 'rgb(' + c.map(Math.round).join(',') + ')';
    ctx.fillRect(x0 + x, 2, 1, h);
  }
  ctx.strokeStyle = '#666';
  ctx.strokeRect(x0 - 0.5, 1.5, w + 1, h + 1);
  const lo = shown(s.lo, d), hi = shown(s.hi, d);
  ctx.fillStyle = '#222';
  for (let i = 0; i <= 4; i++) {
    const f = i / 4, val = lo + (hi - lo) * f, x = x0 + f * (w - 1);
    ctx.fillRect(x, h + 2, 1, 4);
    ctx.textAlign = i === 0 ? 'left' : i === 4 ? 'right' : 'center';
    ctx.fillText(fmtNum(Math.abs(val) < 1e-12 ? 0 : val), x, h + 7);
  }
  ctx.textAlign = 'right';
  ctx.fillText(state.layer.title + (d.unit ? ' (' + d.unit + ')' : ''), cb.width - 2, h + 23);
}

function setStretchInputs() {
  const s = state.stretch, d = display(state.layer.unit);
  $('cmap').value = s.cmap;
  $('vmin').value = +shown(s.lo, d).toPrecision(4);
  $('vmax').value = +shown(s.hi, d).toPrecision(4);
}

function stretchFromInputs() {
  const d = display(state.layer.unit);
  const lo = (parseFloat($('vmin').value) - d.off) / d.k, hi = (parseFloat($('vmax').value) - d.off) / d.k;
  state.stretch = {cmap: $('cmap').value, lo: lo, hi: hi};
  draw();
  writeHash();
}

function markReference() {
  const l = state.layer, map = state.map;
  if (state.marks.ref) { map.removeLayer(state.marks.ref); state.marks.ref = null; }
  if (l.refRow < 0 || l.refCol < 0) return;
  const a = toMap(l, l.refRow, l.refCol), b = toMap(l, l.refRow + 1, l.refCol + 1);
  const g = L.layerGroup([
    L.rectangle([[a.y, a.x], [b.y, b.x]], {color: '#000', weight: 2, fill: false, interactive: false}),
    L.marker([b.y, (a.x + b.x) / 2], {interactive: false, icon: L.divIcon({className: 'ref-label',
      html: 'reference', iconSize: null, iconAnchor: [28, -2]})})
  ]);
  state.marks.ref = g.addTo(map);
}

function markClicked(row, col) {
  const l = state.layer, map = state.map;
  if (state.marks.click) map.removeLayer(state.marks.click);
  const a = toMap(l, row, col), b = toMap(l, row + 1, col + 1);
  state.marks.click = L.rectangle([[a.y, a.x], [b.y, b.x]], {color: '#e0007a', weight: 3, fill: false,
    interactive: false}).addTo(map);
}

// ------------------------------------------------------------------ cursor readout

let locateBusy = false, locatePending = null;

function pixelAt(latlng) {
  const l = state.layer;
  const p = toPixel(l, latlng.lng, latlng.lat);
  const row = Math.floor(p.row), col = Math.floor(p.col);
  if (row < 0 || col < 0 || row >= l.rows || col >= l.cols) return null;
  return {row: row, col: col, rowF: p.row, colF: p.col};
}

function valueAt(row, col) {
  const r = Math.floor(row / state.step), c = Math.floor(col / state.step);
  return state.values[r * state.cols + c];
}

function onMove(ev) {
  if (box.start) { boxMove(ev); return; }
  const p = pixelAt(ev.latlng);
  if (!p) { $('readout').textContent = 'outside the grid'; return; }
  const l = state.layer, d = display(l.unit), v = valueAt(p.row, p.col);
  state.readout = {row: p.row, col: p.col, rowF: p.rowF, colF: p.colF, x: ev.latlng.lng, y: ev.latlng.lat,
    value: Number.isFinite(v) ? v : null, lat: null, lon: null};
  renderReadout();
  requestLocate(p.rowF, p.colF);
}

function renderReadout() {
  const r = state.readout, l = state.layer, d = display(l.unit);
  if (!r) return;
  const ll = r.lat === null ? 'lat …, lon …' : latLonText(r.lat, r.lon);
  const xy = l.transform ? (l.epsg === 4326 ? '' : '   x ' + r.x.toFixed(1) + ', y ' + r.y.toFixed(1)
      + (l.epsg ? ' m (EPSG:' + l.epsg + ')' : '')) : '';
  const val = r.value === null ? 'no data' : fmtNum(shown(r.value, d), 3) + (d.unit ? ' ' + d.unit : '');
  $('readout').textContent = ll + xy + '\nrow ' + r.row + ', col ' + r.col + '   ' + l.title
      + (l.labels.length > 1 ? ' ' + l.labels[state.band] : '') + ': ' + val;
}

function latLonText(lat, lon) {
  if (lat === null || !Number.isFinite(lat)) return 'lat/lon unknown';
  return Math.abs(lat).toFixed(5) + '° ' + (lat >= 0 ? 'N' : 'S') + ', ' + Math.abs(lon).toFixed(5) + '° '
      + (lon >= 0 ? 'E' : 'W');
}

function requestLocate(rowF, colF) {
  locatePending = {rowF: rowF, colF: colF, layer: state.layer};
  if (locateBusy) return;
  locateBusy = true;
  (async () => {
    while (locatePending) {
      const q = locatePending;
      locatePending = null;
      try {
        const resp = await fetch('/api/locate?' + new URLSearchParams({file: q.layer.file, row: q.rowF, col: q.colF}));
        if (resp.ok) {
          const j = await resp.json();
          if (state.readout && state.readout.rowF === q.rowF && state.readout.colF === q.colF) {
            state.readout.lat = j.lat; state.readout.lon = j.lon;
            renderReadout();
          }
        }
      } catch (e) { /* the next move asks again */ }
    }
    locateBusy = false;
  })();
}

// ------------------------------------------------------------------ clicked pixel

async function onClick(ev) {
  if (box.justDrawn) { box.justDrawn = false; return; }
  if (poly.on) { polygonClick(ev); return; }
  const p = pixelAt(ev.latlng);
  if (!p) return;
  await choosePixel(p.row, p.col);
}

async function choosePixel(row, col) {
  state.chartReady = false;
  state.clicked = {row: row, col: col};
  markClicked(row, col);
  writeHash();
  setStatus('time series at row ' + row + ', col ' + col + '…');
  const l = state.layer;
  const [resp, loc] = await Promise.all([
    fetch('/api/series?' + new URLSearchParams({file: l.file, row: row, col: col})),
    fetch('/api/locate?' + new URLSearchParams({file: l.file, row: row + 0.5, col: col + 0.5}))]);
  if (!resp.ok) { setStatus('no time series: ' + await resp.text()); return; }
  state.series = await resp.json();
  state.series.location = loc.ok ? await loc.json() : null;
  const v = valueAt(row, col), d = display(l.unit);
  $('pixelinfo').textContent = 'Pixel row ' + row + ', col ' + col + ' of ' + l.file + '\n'
      + (state.series.location ? latLonText(state.series.location.lat, state.series.location.lon) + '\n' : '') + l.title + ': ' + (Number.isFinite(v) ? fmtNum(shown(v, d), 3) + ' ' + d.unit : 'no data');
  drawCharts();
  state.chartReady = true;
  setStatus(state.series.series.length + ' time series at row ' + row + ', col ' + col);
}

const DAY_MS = 86400000;
const toDays = iso => Date.parse(iso) / DAY_MS;
const isoOf = days => new Date(days * DAY_MS).toISOString().slice(0, 10);
const PALETTE = ['#1f5fa8', '#c2261f', '#2b9a3a', '#8c4fb8', '#e07b00', '#6b4a2b'];
const DASHES = [[7, 4], [2, 3], [10, 3, 2, 3]];

function drawCharts() {
  const datasets = [], info = [];
  let xmin = Infinity, xmax = -Infinity;
  const s = state.series;
  (s ? s.series : []).forEach((t, i) => {
    const colour = PALETTE[i % PALETTE.length];
    const tk = t.track === '.' ? '' : t.track + ' ';
    datasets.push({label: tk + 'LOS (' + t.file + ')', borderColor: colour, backgroundColor: colour,
      showLine: false, pointRadius: 3, data: t.dates.map((d, k) => ({x: toDays(d), y: t.mm[k]}))});
    t.dates.forEach(d => { xmin = Math.min(xmin, toDays(d)); xmax = Math.max(xmax, toDays(d)); });
    t.models.forEach((m, j) => {
      datasets.push({label: tk + m.label, borderColor: colour, borderDash: DASHES[j % DASHES.length],
        pointRadius: 0, borderWidth: 1.6, showLine: true, fill: false,
        data: m.dates.map((d, k) => ({x: toDays(d), y: m.mm[k]}))});
      // one vocabulary: peak-to-trough 2|A| (seasonalAmplitude), semi-amplitude |A| (MintPy's annualAmplitude)
      let line = (tk ? t.track + ', ' : '') + m.label + ': rate ' + fmtNum(m.velocityMmPerYear) + ' mm/yr'
          + (m.label.startsWith('linear') ? ' (ref ' + m.refDate + ')' : ', annual peak-to-trough '
          + fmtNum(2 * m.annualAmplitudeMm) + ' mm (semi-amplitude ' + fmtNum(m.annualAmplitudeMm) + ' mm; ref '
          + m.refDate + ')');
      Object.entries(m.extras || {}).forEach(([k, v]) => { line += '; ' + k + ' ' + fmtNum(v, 3); });
      info.push(line);
    });
    if (t.pecm) {
      datasets.push({label: t.track + ' ' + t.pecm.label, borderColor: colour, backgroundColor: '#fff',
        pointRadius: 2.5, pointStyle: 'circle', borderWidth: 2.2, showLine: true, fill: false,
        data: t.pecm.dates.map((d, k) => ({x: toDays(d), y: t.pecm.mm[k]}))});
      info.push(t.track + ', ' + t.pecm.label + ': drawn at the SAR dates; forcing I beneath');
    }
  });
  const r = state.region;
  if (r) {
    r.series.forEach((t, i) => {
      const colour = PALETTE[(i + 3) % PALETTE.length];
      datasets.push({label: (r.polygon ? 'polygon' : 'box') + ' mean ' + (t.track === '.' ? '' : t.track + ' ') + '('
          + t.pixels + ' px)', borderColor: colour,
        backgroundColor: colour, showLine: true, borderWidth: 2, pointRadius: 2, pointStyle: 'rect',
        data: t.dates.map((d, k) => ({x: toDays(d), y: t.mm[k]}))});
      t.dates.forEach(d => { xmin = Math.min(xmin, toDays(d)); xmax = Math.max(xmax, toDays(d)); });
    });
  }
  $('seriesinfo').textContent = info.join('\n');
  const title = s ? 'LOS displacement at row ' + s.row + ', col ' + s.col
      + (s.location && Number.isFinite(s.location.lat) ? ' (' + latLonText(s.location.lat, s.location.lon) + ')' : '')
      : (r && r.polygon ? 'polygon mean' : 'box mean');
  chartOn('chart', datasets, 'displacement (mm)', title, xmin, xmax);
  const f = [];
  (s ? s.forcing : []).forEach(x => {
    f.push({label: 'LST (' + x.file + ')', borderColor: '#b35806', backgroundColor: '#b35806', pointRadius: 0,
      borderWidth: 1.3, showLine: true, data: x.dates.map((d, k) => ({x: toDays(d), y: x.values[k]}))});
  });
  if (f.length) {
    f.push({label: '0 °C', borderColor: '#555', borderDash: [3, 3], pointRadius: 0, borderWidth: 1, showLine: true,
      data: [{x: xmin, y: 0}, {x: xmax, y: 0}]});
  }
  let forcingI = 0;
  (s ? s.series : []).forEach((t, i) => {
    if (!t.pecm) return;
    forcingI++;
    f.push({label: t.track + ' PECM forcing I (√(°C·day))', yAxisID: 'y2', borderColor: PALETTE[i % PALETTE.length],
      backgroundColor: PALETTE[i % PALETTE.length], pointRadius: 2, borderWidth: 1.6, borderDash: [5, 3],
      showLine: true, data: t.pecm.dates.map((d, k) => ({x: toDays(d), y: t.pecm.forcing[k]}))});
  });
  const ftitle = (f.length - forcingI ? 'land-surface temperature' : 'no LST in this folder')
      + (forcingI ? ' and the PECM forcing I = √ADDT − √(κf/κt)·√ADDF' : '') + ' under the pixel';
  // no LST and no PECM forcing (e.g. a MintPy folder): no empty chart
  $('forcing').parentElement.hidden = f.length === 0;
  chartOn('forcing', f, 'LST (°C)', ftitle, xmin, xmax, forcingI ? 'I (√(°C·day))' : null);
}

function chartOn(id, datasets, ylabel, title, xmin, xmax, y2label) {
  const existing = Chart.getChart(id);
  if (existing) existing.destroy();
  new Chart($(id), {
    type: 'line',
    data: {datasets: datasets},
    options: {
      animation: false, parsing: true, spanGaps: false, maintainAspectRatio: false,
      scales: {
        x: {type: 'linear', min: Number.isFinite(xmin) ? xmin - 10 : undefined,
            max: Number.isFinite(xmax) ? xmax + 10 : undefined, title: {display: true, text: 'date'},
            ticks: {callback: v => xmax - xmin < 400 ? isoOf(v) : isoOf(v).slice(0, 7), font: {size: 12}}},
        y: {title: {display: true, text: ylabel, font: {size: 13}}, ticks: {font: {size: 12}}},
        y2: {display: !!y2label, position: 'right', grid: {drawOnChartArea: false}, beginAtZero: true,
             title: {display: !!y2label, text: y2label || '', font: {size: 13}}, ticks: {font: {size: 12}}}
      },
      plugins: {title: {display: true, text: title, font: {size: 13}},
        legend: {labels: {font: {size: 12}, boxWidth: 18}},
        tooltip: {callbacks: {title: items => items.length ? isoOf(items[0].parsed.x) : ''}}}
    }
  });
}

// ------------------------------------------------------------------ box → mean series and statistics

const box = {on: false, start: null, rect: null, justDrawn: false};

function boxStart(ev) {
  if (!box.on) return;
  box.start = ev.latlng;
  if (box.rect) state.map.removeLayer(box.rect);
  box.rect = L.rectangle([ev.latlng, ev.latlng], {color: '#111', weight: 2, dashArray: '5 4', fill: false,
    interactive: false}).addTo(state.map);
}

function boxMove(ev) {
  box.rect.setBounds(L.latLngBounds(box.start, ev.latlng));
}

async function boxEnd(ev) {
  if (!box.on || !box.start) return;
  const a = pixelAt(box.start) || clampPixel(box.start), b = pixelAt(ev.latlng) || clampPixel(ev.latlng);
  box.start = null;
  box.justDrawn = true;
  toggleBox(false);
  await chooseBox(a.row, a.col, b.row, b.col);
}

function clampPixel(latlng) {
  const l = state.layer, p = toPixel(l, latlng.lng, latlng.lat);
  return {row: Math.max(0, Math.min(l.rows - 1, Math.floor(p.row))), col: Math.max(0, Math.min(l.cols - 1, Math.floor(p.col)))};
}

async function chooseBox(r0, c0, r1, c1) {
  state.regionReady = false;
  const l = state.layer;
  const a = toMap(l, Math.min(r0, r1), Math.min(c0, c1)), b = toMap(l, Math.max(r0, r1) + 1, Math.max(c0, c1) + 1);
  if (box.rect) state.map.removeLayer(box.rect);
  box.rect = L.rectangle([[a.y, a.x], [b.y, b.x]], {color: '#111', weight: 2, dashArray: '5 4', fill: false,
    interactive: false}).addTo(state.map);
  const q = new URLSearchParams({file: l.file, dataset: l.dataset, band: state.band, row0: r0, col0: c0, row1: r1, col1: c1});
  const resp = await fetch('/api/region?' + q);
  if (!resp.ok) { setStatus('box: ' + await resp.text()); return; }
  state.region = await resp.json();
  state.boxPixels = [r0, c0, r1, c1];
  state.polygon = null;
  if (poly.shape) { state.map.removeLayer(poly.shape); poly.shape = null; }
  showRegionInfo();
  drawCharts();
  state.regionReady = true;
  writeHash();
}

/** "box rows a–b, cols c–d" or "polygon of n vertices" of the region shown. */
function regionName() {
  const r = state.region;
  if (!r) return '';
  return r.polygon ? 'polygon of ' + r.polygon.length + ' vertices' : 'box rows ' + r.box[0] + '–' + r.box[2] + ', cols '
      + r.box[1] + '–' + r.box[3];
}

const poly = {on: false, vertices: [], line: null, shape: null};

/** Polygon mode: each click adds a vertex (fractional pixel of the layer), a double-click closes it. */
function togglePolygon(on) {
  poly.on = on;
  $('drawpoly').textContent = on ? 'click vertices, double-click to close…' : 'draw a polygon';
  $('map').classList.toggle('drawing', on);
  if (on) {
    poly.vertices = [];
    if (box.rect) { state.map.removeLayer(box.rect); box.rect = null; }
    if (poly.shape) { state.map.removeLayer(poly.shape); poly.shape = null; }
    state.map.doubleClickZoom.disable();
  } else {
    state.map.doubleClickZoom.enable();
    if (poly.line) { state.map.removeLayer(poly.line); poly.line = null; }
  }
}

function polygonClick(ev) {
  const l = state.layer, p = toPixel(l, ev.latlng.lng, ev.latlng.lat);
  const last = poly.vertices[poly.vertices.length - 1];
  if (last && Math.abs(last[0] - p.row) < 1e-9 && Math.abs(last[1] - p.col) < 1e-9) return; // the double-click's clicks
  poly.vertices.push([p.row, p.col]);
  const pts = poly.vertices.map(v => { const m = toMap(l, v[0], v[1]); return [m.y, m.x]; });
  if (poly.line) poly.line.setLatLngs(pts);
  else poly.line = L.polyline(pts, {color: '#111', weight: 2, dashArray: '4 3', interactive: false}).addTo(state.map);
}

async function polygonClose() {
  const v = poly.vertices.slice();
  togglePolygon(false);
  if (v.length < 3) { setStatus('a polygon needs at least 3 vertices'); return; }
  await choosePolygon(v);
}

async function choosePolygon(vertices) {
  state.regionReady = false;
  const l = state.layer;
  if (box.rect) { state.map.removeLayer(box.rect); box.rect = null; }
  if (poly.shape) state.map.removeLayer(poly.shape);
  poly.shape = L.polygon(vertices.map(v => { const m = toMap(l, v[0], v[1]); return [m.y, m.x]; }),
    {color: '#111', weight: 2, dashArray: '5 4', fill: false, interactive: false}).addTo(state.map);
  const text = vertices.map(v => v[0].toFixed(3) + ',' + v[1].toFixed(3)).join(';');
  const q = new URLSearchParams({file: l.file, dataset: l.dataset, band: state.band, poly: text});
  const resp = await fetch('/api/region?' + q);
  if (!resp.ok) { setStatus('polygon: ' + await resp.text()); return; }
  state.region = await resp.json();
  state.boxPixels = null;
  state.polygon = text;
  showRegionInfo();
  drawCharts();
  state.regionReady = true;
  writeHash();
}

function showRegionInfo() {
  const l = state.layer, st = state.region.stats, d = display(l.unit);
  const f = x => x === null ? 'n/a' : fmtNum(shown(x, d), 3);
  const sd = x => x === null ? 'n/a' : fmtNum(x * d.k, 3);
  const name = regionName();
  $('regioninfo').textContent = name.charAt(0).toUpperCase() + name.slice(1) + ': ' + st.valid + ' of ' + st.pixels
      + ' px with a value\n' + l.title + (l.labels.length > 1 ? ' ' + l.labels[state.band] : '') + ' (' + d.unit
      + '): mean ' + f(st.mean) + ', std ' + sd(st.std) + ', median ' + f(st.median) + ', min ' + f(st.min)
      + ', max ' + f(st.max);
}

function toggleBox(on) {
  box.on = on;
  $('drawbox').textContent = on ? 'drag on the map…' : 'draw a box';
  $('map').classList.toggle('drawing', on);
  if (on) state.map.dragging.disable(); else state.map.dragging.enable();
}

// ------------------------------------------------------------------ export

function download(name, blob) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

/** The series shown, long format: source, date, value, unit (one row per point). */
function csvText() {
  const rows = ['# PermaSAR viewer export: ' + location.href];
  const s = state.series;
  if (s) {
    rows.push('# pixel row ' + s.row + ', col ' + s.col + ' of ' + s.file + (s.location && Number.isFinite(s.location.lat)
        ? ', lat ' + s.location.lat.toFixed(6) + ', lon ' + s.location.lon.toFixed(6) : ''));
  }
  rows.push('source,file,date,value,unit');
  const q = x => '"' + String(x).replace(/"/g, '""') + '"';
  if (s) {
    s.series.forEach(t => {
      t.dates.forEach((d, k) => rows.push(['displacement ' + t.track, t.file, d, num(t.mm[k]), 'mm'].map(q).join(',')));
      t.models.forEach(m => m.dates.forEach((d, k) =>
        rows.push(['model ' + t.track + ' ' + m.label, m.velocityFile, d, num(m.mm[k]), 'mm'].map(q).join(','))));
      if (t.pecm) {
        t.pecm.dates.forEach((d, k) => rows.push(['model ' + t.track + ' ' + t.pecm.label, t.file, d, num(t.pecm.mm[k]), 'mm']
            .map(q).join(',')));
        t.pecm.dates.forEach((d, k) => rows.push(['PECM forcing I ' + t.track, t.file, d, num(t.pecm.forcing[k]),
          'sqrt(degC day)'].map(q).join(',')));
      }
    });
    s.forcing.forEach(x => x.dates.forEach((d, k) => rows.push(['LST', x.file, d, num(x.values[k]), 'degC'].map(q).join(','))));
  }
  if (state.region) {
    state.region.series.forEach(t => t.dates.forEach((d, k) =>
      rows.push([regionName() + ' mean ' + t.track, t.file, d, num(t.mm[k]), 'mm'].map(q).join(','))));
  }
  return rows.join('\n') + '\n';
}
const num = x => x === null || x === undefined ? '' : String(x);

function chartPng() {
  const a = $('chart'), b = $('forcing'), withB = !b.parentElement.hidden;
  const c = document.createElement('canvas');
  c.width = Math.max(a.width, withB ? b.width : 0);
  c.height = a.height + (withB ? b.height : 0);
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, c.width, c.height);
  ctx.drawImage(a, 0, 0);
  if (withB) ctx.drawImage(b, 0, a.height);
  return c;
}

function mapPng() {
  const src = state.canvas, l = state.layer;
  const k = Math.max(1, Math.floor(800 / Math.max(src.width, src.height)));
  const c = document.createElement('canvas');
  c.width = Math.max(src.width * k, 440) + 20;
  c.height = src.height * k + 90;
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, c.width, c.height);
  ctx.font = '14px system-ui, sans-serif';
  ctx.fillStyle = '#222';
  ctx.fillText(l.title + (l.labels.length > 1 ? ', ' + l.labels[state.band] : '') + ' — ' + l.file, 10, 18);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(src, 10, 26, src.width * k, src.height * k);
  const cb = document.createElement('canvas');
  cb.width = 440; cb.height = 54;
  drawColourbar(cb);
  ctx.drawImage(cb, 10, 32 + src.height * k);
  return c;
}

// ------------------------------------------------------------------ view state in the URL

function readHash() {
  const out = {};
  new URLSearchParams(location.hash.replace(/^#/, '')).forEach((v, k) => { out[k] = v; });
  return out;
}

function writeHash() {
  if (!state.layer || !state.map || restoring) return;
  const c = state.map.getCenter();
  const h = new URLSearchParams();
  h.set('layer', state.layer.id);
  if (state.layer.labels.length > 1) h.set('band', state.band);
  h.set('z', state.map.getZoom());
  h.set('c', c.lat.toFixed(3) + ',' + c.lng.toFixed(3));
  if (state.stretch) {
    h.set('cmap', state.stretch.cmap);
    h.set('vmin', +state.stretch.lo.toPrecision(5));
    h.set('vmax', +state.stretch.hi.toPrecision(5));
  }
  if (state.clicked) h.set('px', state.clicked.row + ',' + state.clicked.col);
  if (state.boxPixels) h.set('box', state.boxPixels.join(','));
  if (state.polygon) h.set('poly', state.polygon);
  history.replaceState(null, '', '#' + h.toString());
}

let restoring = false;

async function start() {
  restoring = true;
  try {
    await loadLayers();
    const h = readHash();
    restoring = false;
    if (h.poly) {
      const v = h.poly.split(';').map(p => p.split(',').map(Number));
      if (v.length >= 3 && v.every(p => p.length === 2 && p.every(Number.isFinite))) await choosePolygon(v);
    } else if (h.box) {
      const b = h.box.split(',').map(Number);
      if (b.length === 4) await chooseBox(b[0], b[1], b[2], b[3]);
    }
    if (h.px) {
      const p = h.px.split(',').map(Number);
      if (p.length === 2) await choosePixel(p[0], p[1]);
    }
  } finally {
    restoring = false;
    writeHash();
  }
}

// ------------------------------------------------------------------ controls

let playTimer = null;

function stopPlay() {
  if (playTimer) { clearInterval(playTimer); playTimer = null; $('play').textContent = 'play'; }
}

let bandToken = 0, layerToken = 0;

async function setBand(b) {
  const l = state.layer, n = l.labels.length;
  b = Math.max(0, Math.min(n - 1, b));
  const token = ++bandToken; // slices arrive in any order: the last one asked for wins
  const r = await fetchRaster(l, b);
  if (!r || token !== bandToken || state.layer !== l) return;
  state.band = b;
  Object.assign(state, r);
  $('date').value = b;
  $('datelabel').textContent = l.labels[b];
  $('datecount').textContent = '(' + (b + 1) + ' of ' + n + ')';
  draw();
  renderReadout();
  setStatus(l.title + ', ' + l.labels[b]);
  writeHash();
}

$('layer').addEventListener('change', ev => { state.region = null; showLayer(ev.target.value, null, null); });
$('date').addEventListener('input', ev => { stopPlay(); setBand(+ev.target.value); });
$('prev').addEventListener('click', () => { stopPlay(); setBand(state.band - 1); });
$('next').addEventListener('click', () => { stopPlay(); setBand(state.band + 1); });
$('play').addEventListener('click', () => {
  if (playTimer) { stopPlay(); return; }
  $('play').textContent = 'pause';
  let busy = false;
  playTimer = setInterval(async () => {
    if (busy) return;
    busy = true;
    await setBand((state.band + 1) % state.layer.labels.length);
    busy = false;
  }, 350);
});
$('cmap').addEventListener('change', stretchFromInputs);
$('vmin').addEventListener('change', stretchFromInputs);
$('vmax').addEventListener('change', stretchFromInputs);
$('auto').addEventListener('click', () => { state.stretch = autoStretch(state.layer, state.values); setStretchInputs(); draw(); writeHash(); });
$('drawbox').addEventListener('click', () => { if (poly.on) togglePolygon(false); toggleBox(!box.on); });
$('drawpoly').addEventListener('click', () => { if (box.on) toggleBox(false); togglePolygon(!poly.on); });
$('goto').addEventListener('submit', async ev => {
  ev.preventDefault();
  const m = $('lalo').value.trim().match(/^(-?[0-9.]+)\s*[, ]\s*(-?[0-9.]+)$/);
  if (!m) { setStatus('go to: give "LAT, LON" in degrees, e.g. 37.75, 15.0'); return; }
  const l = state.layer;
  const resp = await fetch('/api/pixel?' + new URLSearchParams({file: l.file, lat: m[1], lon: m[2]}));
  if (!resp.ok) { setStatus('go to: ' + await resp.text()); return; }
  const p = await resp.json();
  const c = toMap(l, p.row + 0.5, p.col + 0.5);
  state.map.panTo([c.y, c.x]);
  await choosePixel(p.row, p.col);
});
$('csv').addEventListener('click', () => download('permasar-series.csv', new Blob([csvText()], {type: 'text/csv'})));
$('pngchart').addEventListener('click', () => chartPng().toBlob(b => download('permasar-series.png', b)));
$('pngmap').addEventListener('click', () => mapPng().toBlob(b => download('permasar-map.png', b)));
start().catch(e => setStatus('error: ' + e));
