/* Comptoir — load-plan viewer (container / truck / pallet), dependency-free.
 *
 * Orthographic 3D drawn on an HTML5 2D canvas (no WebGL: works with --disable-gpu).
 *
 * Markup:
 *   <div class="loadview" data-plan="ID_OF_JSON_SCRIPT" data-unit="0"
 *        data-labels='{"rotate":"…","top":"…","side":"…","front":"…","iso":"…",
 *                      "reset":"…","step":"…","all":"…","of":"…","doors":"…","empty":"…"}'></div>
 *   <script type="application/json" id="ID_OF_JSON_SCRIPT">{"units": [...]}</script>
 *
 * World: x along the length from the front wall (x = 0) to the doors (x = length),
 * y across the width from the left side (seen from the doors), z up from the floor; cm.
 * Boxes are listed in loading order; `seq` is the loading step.
 *
 * API: window.Loadview.init(element) -> viewer, window.Loadview.initAll(root) -> [viewer].
 * After each draw the canvas carries data-drawn (boxes drawn), data-view
 * ("iso" | "top" | "side" | "front" | "free") and data-draw-ms.
 */
(function () {
  'use strict';

  var DEFAULT_LABELS = {
    rotate: 'Drag to rotate',
    top: 'Top',
    side: 'Side',
    front: 'Front',
    iso: '3D',
    reset: 'Reset',
    step: 'Loading step',
    all: 'All',
    of: 'of',
    doors: 'Doors',
    empty: 'Nothing to show',
    byStop: 'Colour by delivery stop'
  };

  // yaw: angle of the viewer around the vertical axis (0 = at the doors, looking at the
  // front wall; -90 = on the y < 0 side); pitch: height of the viewer (0 = level, 90 = above).
  var PRESETS = {
    iso: { yaw: -58, pitch: 26 },
    top: { yaw: -90, pitch: 90 },
    side: { yaw: -90, pitch: 0 },
    front: { yaw: 0, pitch: 0 }
  };
  var VIEW_ORDER = ['iso', 'top', 'side', 'front'];
  var PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f',
    '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
  var DEG = Math.PI / 180;
  var VEPS = 1e-9;        // a view-vector component below this is "edge-on"
  var GAP = 1e-4;         // cm: boxes closer than this touch
  var MIN_ZOOM = 0.25;
  var MAX_ZOOM = 40;
  var FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
  var uid = 0;

  /* ------------------------------------------------------------------ colours */

  var colourCtx = null;
  function parseColour(str) {
    if (!colourCtx) colourCtx = document.createElement('canvas').getContext('2d');
    colourCtx.fillStyle = '#808080';
    colourCtx.fillStyle = String(str || '');
    var s = colourCtx.fillStyle;
    if (s.charAt(0) === '#') {
      return [parseInt(s.substr(1, 2), 16), parseInt(s.substr(3, 2), 16), parseInt(s.substr(5, 2), 16), 1];
    }
    var m = s.match(/[\d.]+/g) || [128, 128, 128, 1];
    return [+m[0], +m[1], +m[2], m.length > 3 ? +m[3] : 1];
  }
  function rgba(c, a) {
    return 'rgba(' + Math.round(c[0]) + ',' + Math.round(c[1]) + ',' + Math.round(c[2]) + ',' + a + ')';
  }
  function scale(c, f) { return [c[0] * f, c[1] * f, c[2] * f]; }
  function tint(c, t) { return [c[0] + (255 - c[0]) * t, c[1] + (255 - c[1]) * t, c[2] + (255 - c[2]) * t]; }
  // Flat shading by face orientation: tops lighter than the colour, sides darker, the side
  // turned most towards the viewer less dark than the other (set per view by sideShades).
  function shades(str) {
    var c = parseColour(str);
    var a = c[3];
    return {
      rgb: c,
      z: rgba(tint(c, 0.3), a),
      zb: rgba(scale(c, 0.5), a),
      x: rgba(scale(c, 0.8), a),
      y: rgba(scale(c, 0.9), a),
      kx: -1,
      ky: -1,
      opaque: a >= 1
    };
  }
  function sideShades(colours, v) {
    var h = Math.sqrt(v[0] * v[0] + v[1] * v[1]) || 1;
    var kx = Math.round((0.62 + 0.3 * Math.abs(v[0]) / h) * 50) / 50;
    var ky = Math.round((0.62 + 0.3 * Math.abs(v[1]) / h) * 50) / 50;
    for (var k = 0; k < colours.length; k++) {
      var c = colours[k];
      if (c.kx !== kx) { c.kx = kx; c.x = rgba(scale(c.rgb, kx), c.rgb[3]); }
      if (c.ky !== ky) { c.ky = ky; c.y = rgba(scale(c.rgb, ky), c.rgb[3]); }
    }
  }

  /* ------------------------------------------------------------------ helpers */

  function num(v, d) {
    var n = typeof v === 'number' ? v : parseFloat(v);
    return isFinite(n) ? n : d;
  }
  function clamp(v, lo, hi) { return v < lo ? lo : v > hi ? hi : v; }
  function wrapDeg(a) { a = a % 360; if (a > 180) a -= 360; if (a <= -180) a += 360; return a; }
  function fmt(n) { return String(Math.round(n)); }

  function readLabels(el) {
    var labels = {};
    var k;
    for (k in DEFAULT_LABELS) labels[k] = DEFAULT_LABELS[k];
    var raw = el.getAttribute('data-labels');
    if (raw) {
      try {
        var given = JSON.parse(raw);
        if (given && typeof given === 'object') {
          for (k in given) {
            if (typeof given[k] === 'string' && given[k].trim() !== '') labels[k] = given[k];
          }
        }
      } catch (e) { /* keep the English defaults */ }
    }
    return labels;
  }

  function readPlan(el) {
    var ref = (el.getAttribute('data-plan') || '').trim();
    var text = null;
    if (ref.charAt(0) === '{') {
      text = ref;
    } else if (ref) {
      var node = document.getElementById(ref);
      if (node) text = node.textContent;
    }
    if (!text) return null;
    try { return JSON.parse(text); } catch (e) { return null; }
  }

  /* ------------------------------------------------------------------ model */

  // Typed arrays for the boxes of one unit, plus, for every box face, the boxes that touch
  // it from outside (used to skip faces and boxes that cannot be seen).
  // byStop: colour each box by its delivery stop (``stop_color``, multi-drop plans).
  function buildModel(unit, byStop) {
    unit = unit || {};
    var raw = Array.isArray(unit.boxes) ? unit.boxes : [];
    var list = [];
    var i;
    for (i = 0; i < raw.length; i++) {
      var b = raw[i];
      if (!b) continue;
      var dx = num(b.dx, 0), dy = num(b.dy, 0), dz = num(b.dz, 0);
      if (!(dx > 0 && dy > 0 && dz > 0)) continue;
      list.push({ b: b, k: i, dx: dx, dy: dy, dz: dz });
    }
    var n = list.length;
    var X0 = new Float64Array(n), Y0 = new Float64Array(n), Z0 = new Float64Array(n);
    var X1 = new Float64Array(n), Y1 = new Float64Array(n), Z1 = new Float64Array(n);
    var SEQ = new Float64Array(n);
    var COL = new Uint16Array(n);
    var labels = new Array(n);
    var colourIndex = new Map();
    var colours = [];
    var maxX = 0, maxY = 0, maxZ = 0;
    var minSeq = Infinity, maxSeq = -Infinity;
    for (i = 0; i < n; i++) {
      var e = list[i], bb = e.b;
      X0[i] = num(bb.x, 0); Y0[i] = num(bb.y, 0); Z0[i] = num(bb.z, 0);
      X1[i] = X0[i] + e.dx; Y1[i] = Y0[i] + e.dy; Z1[i] = Z0[i] + e.dz;
      SEQ[i] = Math.round(num(bb.seq, e.k + 1));
      if (SEQ[i] < minSeq) minSeq = SEQ[i];
      if (SEQ[i] > maxSeq) maxSeq = SEQ[i];
      var col = (byStop && bb.stop_color) || bb.color || bb.colour;
      if (!col) {
        var g = Math.round(num(bb.group, SEQ[i]));
        col = PALETTE[((g % PALETTE.length) + PALETTE.length) % PALETTE.length];
      }
      col = String(col);
      var ci = colourIndex.get(col);
      if (ci === undefined) {
        ci = colours.length;
        colourIndex.set(col, ci);
        colours.push(shades(col));
      }
      COL[i] = ci;
      labels[i] = bb.label == null ? '' : String(bb.label);
      if (X1[i] > maxX) maxX = X1[i];
      if (Y1[i] > maxY) maxY = Y1[i];
      if (Z1[i] > maxZ) maxZ = Z1[i];
    }
    if (!n) { minSeq = 1; maxSeq = 1; }
    var L = num(unit.length, 0), W = num(unit.width, 0), H = num(unit.height, 0);
    if (!(L > 0)) L = maxX || 100;
    if (!(W > 0)) W = maxY || 100;
    if (!(H > 0)) H = maxZ || 100;

    var model = {
      n: n, X0: X0, Y0: Y0, Z0: Z0, X1: X1, Y1: Y1, Z1: Z1, SEQ: SEQ, COL: COL,
      labels: labels, colours: colours,
      L: L, W: W, H: H,
      label: unit.label == null ? '' : String(unit.label),
      doors: unit.doors !== false,
      minSeq: Math.min(1, minSeq), maxSeq: Math.max(1, maxSeq),
      touch: null, coverStep: null, covered: null
    };
    model.touch = buildTouching(model);
    return model;
  }

  // For each face (box i, face f = axis * 2 + (positive side ? 1 : 0)) the boxes facing it
  // across a gap of at most MAX_SLIT cm, with the area they share with it and the gap.
  // Only faces that these boxes can cover completely are kept. Neighbours are found with a
  // uniform 3D grid of the boxes.
  function buildTouching(m) {
    var n = m.n;
    var lo = [m.X0, m.Y0, m.Z0], hi = [m.X1, m.Y1, m.Z1];
    var res = { faces: new Int32Array(0), area: new Float64Array(0), start: new Int32Array(1), other: new Int32Array(0), share: new Float64Array(0), gap: new Float64Array(0) };
    if (!n) return res;
    var a, i, k;
    var org = [Infinity, Infinity, Infinity], top = [-Infinity, -Infinity, -Infinity], cs = [0, 0, 0], gn = [0, 0, 0];
    for (a = 0; a < 3; a++) {
      var sum = 0;
      for (i = 0; i < n; i++) {
        if (lo[a][i] < org[a]) org[a] = lo[a][i];
        if (hi[a][i] > top[a]) top[a] = hi[a][i];
        sum += hi[a][i] - lo[a][i];
      }
      var span = top[a] - org[a] + MAX_SLIT;
      cs[a] = Math.max(sum / n, span / 48, 1e-3);
      gn[a] = Math.floor(span / cs[a]) + 1;
    }
    function cellOf(axis, x) { var c = Math.floor((x - org[axis]) / cs[axis]); return c < 0 ? 0 : c >= gn[axis] ? gn[axis] - 1 : c; }
    var ncell = gn[0] * gn[1] * gn[2];
    var cnt = new Int32Array(ncell + 1);
    var c0 = new Int32Array(n * 3), c1 = new Int32Array(n * 3);
    var ix, iy, iz;
    for (i = 0; i < n; i++) {
      for (a = 0; a < 3; a++) { c0[i * 3 + a] = cellOf(a, lo[a][i]); c1[i * 3 + a] = cellOf(a, hi[a][i]); }
      for (ix = c0[i * 3]; ix <= c1[i * 3]; ix++) for (iy = c0[i * 3 + 1]; iy <= c1[i * 3 + 1]; iy++) for (iz = c0[i * 3 + 2]; iz <= c1[i * 3 + 2]; iz++) cnt[(ix * gn[1] + iy) * gn[2] + iz + 1]++;
    }
    for (k = 0; k < ncell; k++) cnt[k + 1] += cnt[k];
    var fill = cnt.slice(0, ncell), ent = new Int32Array(cnt[ncell]);
    for (i = 0; i < n; i++) {
      for (ix = c0[i * 3]; ix <= c1[i * 3]; ix++) for (iy = c0[i * 3 + 1]; iy <= c1[i * 3 + 1]; iy++) for (iz = c0[i * 3 + 2]; iz <= c1[i * 3 + 2]; iz++) ent[fill[(ix * gn[1] + iy) * gn[2] + iz]++] = i;
    }
    // pairs (face, other box, shared area, gap)
    var cap = n * 8, ne = 0;
    var eF = new Int32Array(cap), eO = new Int32Array(cap), eA = new Float64Array(cap), eG = new Float64Array(cap);
    function push(face, other, area, gap) {
      if (ne === cap) {
        cap *= 2;
        var f2 = new Int32Array(cap), o2 = new Int32Array(cap), a2 = new Float64Array(cap), g2 = new Float64Array(cap);
        f2.set(eF); o2.set(eO); a2.set(eA); g2.set(eG);
        eF = f2; eO = o2; eA = a2; eG = g2;
      }
      eF[ne] = face; eO[ne] = other; eA[ne] = area; eG[ne] = gap; ne++;
    }
    var stamp = new Int32Array(n).fill(-1);
    var faceSum = new Float64Array(n * 6);
    var r0 = [0, 0, 0], r1 = [0, 0, 0];
    for (i = 0; i < n; i++) {
      for (a = 0; a < 3; a++) {
        var b1 = (a + 1) % 3, b2 = (a + 2) % 3;
        var c = hi[a][i], token = i * 3 + a;
        var u0 = lo[b1][i], u1 = hi[b1][i], w0 = lo[b2][i], w1 = hi[b2][i];
        // cells of the slab just beyond the face
        r0[a] = cellOf(a, c - GAP); r1[a] = cellOf(a, c + MAX_SLIT);
        r0[b1] = c0[i * 3 + b1]; r1[b1] = c1[i * 3 + b1];
        r0[b2] = c0[i * 3 + b2]; r1[b2] = c1[i * 3 + b2];
        for (ix = r0[0]; ix <= r1[0]; ix++) for (iy = r0[1]; iy <= r1[1]; iy++) for (iz = r0[2]; iz <= r1[2]; iz++) {
          var cell = (ix * gn[1] + iy) * gn[2] + iz;
          for (var e = cnt[cell]; e < cnt[cell + 1]; e++) {
            var q = ent[e];
            if (stamp[q] === token) continue;
            stamp[q] = token;
            var gap = lo[a][q] - c;
            if (gap < -GAP || gap > MAX_SLIT) continue;
            var wd = Math.min(u1, hi[b1][q]) - Math.max(u0, lo[b1][q]);
            if (wd <= GAP) continue;
            var ht = Math.min(w1, hi[b2][q]) - Math.max(w0, lo[b2][q]);
            if (ht <= GAP) continue;
            if (gap < 0) gap = 0;
            push(i * 6 + a * 2 + 1, q, wd * ht, gap);
            push(q * 6 + a * 2, i, wd * ht, gap);
            faceSum[i * 6 + a * 2 + 1] += wd * ht;
            faceSum[q * 6 + a * 2] += wd * ht;
          }
        }
      }
    }
    // keep the faces that can be covered completely, grouped (CSR)
    var faceArea = function (f) {
      var bi = (f / 6) | 0, ax = (f % 6) >> 1, ar = 1;
      for (var kk = 0; kk < 3; kk++) if (kk !== ax) ar *= hi[kk][bi] - lo[kk][bi];
      return ar;
    };
    var slot = new Int32Array(n * 6).fill(-1), faces = [], areas = [];
    for (k = 0; k < ne; k++) {
      var f = eF[k];
      if (slot[f] !== -1) continue;
      var ar = faceArea(f);
      if (faceSum[f] >= ar * (1 - 1e-6)) { slot[f] = faces.length; faces.push(f); areas.push(ar); } else { slot[f] = -2; }
    }
    var nf = faces.length, start = new Int32Array(nf + 1);
    for (k = 0; k < ne; k++) if (slot[eF[k]] >= 0) start[slot[eF[k]] + 1]++;
    for (k = 0; k < nf; k++) start[k + 1] += start[k];
    var pos = start.slice(0, nf), tot = start[nf];
    var other = new Int32Array(tot), share = new Float64Array(tot), gaps = new Float64Array(tot);
    for (k = 0; k < ne; k++) {
      var sl = slot[eF[k]];
      if (sl < 0) continue;
      var at = pos[sl]++;
      other[at] = eO[k]; share[at] = eA[k]; gaps[at] = eG[k];
    }
    res.faces = Int32Array.from(faces);
    res.area = Float64Array.from(areas);
    res.start = start;
    res.other = other;
    res.share = share;
    res.gap = gaps;
    return res;
  }

  // covered[i * 6 + f] = 1 when face f of box i is hidden by boxes shown at this step that
  // face it across a gap of at most `slit` cm (a slit too thin to be seen at this scale).
  function coveredAt(m, step, slit) {
    if (m.coverStep === step && m.coverSlit === slit && m.covered) return m.covered;
    var cov = new Uint8Array(m.n * 6);
    var SEQ = m.SEQ, T = m.touch;
    var faces = T.faces, start = T.start, other = T.other, share = T.share, gap = T.gap, area = T.area;
    var lim = slit + GAP;
    for (var k = 0; k < faces.length; k++) {
      var f = faces[k];
      if (SEQ[(f / 6) | 0] > step) continue;
      var sum = 0;
      for (var j = start[k]; j < start[k + 1]; j++) {
        if (gap[j] <= lim && SEQ[other[j]] <= step) sum += share[j];
      }
      if (sum >= area[k] * (1 - 1e-6)) cov[f] = 1;
    }
    m.coverStep = step;
    m.coverSlit = slit;
    m.covered = cov;
    return cov;
  }

  // The widest slit (cm) between facing boxes that is not worth drawing at s CSS px per cm:
  // at most a pixel, which the edge lines of the two boxes (drawn across their outline)
  // mostly cover anyway. In steps, so that zooming does not recompute the cover every frame.
  var SLITS = [2, 1, 0.5, 0.25, 0.1, 0.05, 0.02];
  var MAX_SLIT = SLITS[0];
  function slitFor(s) {
    var limit = 1 / s;
    for (var k = 0; k < SLITS.length; k++) if (SLITS[k] <= limit) return SLITS[k];
    return 0;
  }

  /* ------------------------------------------------------------------ camera */

  // r: screen right, u: screen up, v: towards the viewer (all unit vectors, world axes).
  function basis(yaw, pitch) {
    var t = yaw * DEG, p = pitch * DEG;
    var ct = Math.cos(t), st = Math.sin(t), cp = Math.cos(p), sp = Math.sin(p);
    var v = [cp * ct, cp * st, sp];
    for (var k = 0; k < 3; k++) if (Math.abs(v[k]) < VEPS) v[k] = 0;
    return {
      r: [-st, ct, 0],
      u: [-sp * ct, -sp * st, cp],
      v: v
    };
  }
  function sgn(x) { return x > VEPS ? 1 : x < -VEPS ? -1 : 0; }

  /* ------------------------------------------------------------------ depth order */

  // Painter's order for non-overlapping axis-aligned boxes under an orthographic view.
  // Two boxes are ordered only when their projections overlap (exact test: the projection
  // of a box is a hexagon spanned by the three projected axes, so the separating axes are
  // the normals of those three vectors); the order then follows from an axis along which
  // the boxes are separated in 3D. A depth-first topological sort, started from the
  // farthest boxes, gives the drawing order (a cycle, impossible for boxes that do not
  // intersect in a plan, is broken where it is met).
  function computeOrder(m, S, B) {
    var n = S.length;
    var r = B.r, u = B.u, v = B.v;
    // projected unit axes (screen units per cm, y down)
    var g = [[r[0], -u[0]], [r[1], -u[1]], [r[2], -u[2]]];
    // separating axes of the projected boxes: normals of the non-degenerate projected axes;
    // NRM = [n0x, n0y, n1x, n1y, n2x, n2y]; COEF[k*3+j] = |g_j . n_k|
    var NRM = new Float64Array(6), COEF = new Float64Array(9), nn = 0;
    var k, j, p, i;
    for (k = 0; k < 3; k++) {
      var len = Math.sqrt(g[k][0] * g[k][0] + g[k][1] * g[k][1]);
      if (len < 1e-7) continue;
      var nx = -g[k][1] / len, ny = g[k][0] / len;
      NRM[nn * 2] = nx; NRM[nn * 2 + 1] = ny;
      for (j = 0; j < 3; j++) COEF[nn * 3 + j] = Math.abs(g[j][0] * nx + g[j][1] * ny);
      nn++;
    }
    var X0 = m.X0, Y0 = m.Y0, Z0 = m.Z0, X1 = m.X1, Y1 = m.Y1, Z1 = m.Z1;
    // per box (by position in S): projected centre, depth, and its half-width along each
    // separating axis (RAD[p*3+k])
    var cx = new Float64Array(n), cy = new Float64Array(n), dep = new Float64Array(n), EYA = new Float64Array(n);
    var RAD = new Float64Array(n * 3);
    var bx0 = new Float64Array(n), bx1 = new Float64Array(n), by0 = new Float64Array(n), by1 = new Float64Array(n);
    var ax0 = Math.abs(g[0][0]), ax1 = Math.abs(g[1][0]), ax2 = Math.abs(g[2][0]);
    var ay0 = Math.abs(g[0][1]), ay1 = Math.abs(g[1][1]), ay2 = Math.abs(g[2][1]);
    var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity, sumW = 0, sumH = 0;
    for (p = 0; p < n; p++) {
      i = S[p];
      var a = (X1[i] - X0[i]) / 2, b = (Y1[i] - Y0[i]) / 2, c = (Z1[i] - Z0[i]) / 2;
      var wx = X0[i] + a, wy = Y0[i] + b, wz = Z0[i] + c;
      var sx = wx * r[0] + wy * r[1] + wz * r[2];
      var sy = -(wx * u[0] + wy * u[1] + wz * u[2]);
      cx[p] = sx; cy[p] = sy;
      dep[p] = wx * v[0] + wy * v[1] + wz * v[2];
      for (k = 0; k < nn; k++) RAD[p * 3 + k] = COEF[k * 3] * a + COEF[k * 3 + 1] * b + COEF[k * 3 + 2] * c;
      var ex = ax0 * a + ax1 * b + ax2 * c, ey = ay0 * a + ay1 * b + ay2 * c;
      bx0[p] = sx - ex; bx1[p] = sx + ex; by0[p] = sy - ey; by1[p] = sy + ey;
      EYA[p] = ey;
      if (bx0[p] < minX) minX = bx0[p];
      if (by0[p] < minY) minY = by0[p];
      if (bx1[p] > maxX) maxX = bx1[p];
      if (by1[p] > maxY) maxY = by1[p];
      sumW += 2 * ex; sumH += 2 * ey;
    }
    var order = new Int32Array(n);
    var res = { S: S, order: order, cx: cx, cy: cy, ey: EYA, rad: RAD, nrm: NRM, nn: nn, edges: 0 };
    if (n === 0) return res;

    // uniform grid over the projected bounding rectangles
    var spanX = Math.max(maxX - minX, 1e-6), spanY = Math.max(maxY - minY, 1e-6);
    var cs = Math.max(sumW / n, sumH / n, Math.sqrt(spanX * spanY / n), 1e-6);
    cs = Math.max(cs, spanX / 256, spanY / 256);
    var gw = Math.floor(spanX / cs) + 1, gh = Math.floor(spanY / cs) + 1;
    var cells = gw * gh;
    var cnt = new Int32Array(cells + 1);
    var c0x = new Int32Array(n), c1x = new Int32Array(n), c0y = new Int32Array(n), c1y = new Int32Array(n);
    var gx, gy;
    for (p = 0; p < n; p++) {
      c0x[p] = Math.min(gw - 1, Math.floor((bx0[p] - minX) / cs));
      c1x[p] = Math.min(gw - 1, Math.floor((bx1[p] - minX) / cs));
      c0y[p] = Math.min(gh - 1, Math.floor((by0[p] - minY) / cs));
      c1y[p] = Math.min(gh - 1, Math.floor((by1[p] - minY) / cs));
      for (gy = c0y[p]; gy <= c1y[p]; gy++) for (gx = c0x[p]; gx <= c1x[p]; gx++) cnt[gy * gw + gx + 1]++;
    }
    for (k = 0; k < cells; k++) cnt[k + 1] += cnt[k];
    var cur = cnt.slice(0, cells);
    var ent = new Int32Array(cnt[cells]);
    for (p = 0; p < n; p++) {
      for (gy = c0y[p]; gy <= c1y[p]; gy++) for (gx = c0x[p]; gx <= c1x[p]; gx++) ent[cur[gy * gw + gx]++] = p;
    }

    // overlapping pairs -> "draw before" edges
    var eCap = Math.max(1024, n * 8);
    var eFrom = new Int32Array(eCap), eTo = new Int32Array(eCap), ne = 0;
    var vx = v[0], vy = v[1], vz = v[2];
    var seps = 1e-7 * (spanX + spanY);
    var n0x = NRM[0], n0y = NRM[1], n1x = NRM[2], n1y = NRM[3], n2x = NRM[4], n2y = NRM[5];
    for (var cell = 0; cell < cells; cell++) {
      var s0 = cnt[cell], s1 = cnt[cell + 1];
      if (s1 - s0 < 2) continue;
      var ccx = cell % gw, ccy = (cell - ccx) / gw;
      for (var ia = s0; ia < s1; ia++) {
        var P = ent[ia];
        var pbx0 = bx0[P], pbx1 = bx1[P], pby0 = by0[P], pby1 = by1[P];
        var pcx = cx[P], pcy = cy[P], p3 = P * 3;
        for (var ib = ia + 1; ib < s1; ib++) {
          var Q = ent[ib];
          if (bx0[Q] >= pbx1 || pbx0 >= bx1[Q] || by0[Q] >= pby1 || pby0 >= by1[Q]) continue;
          // count each pair once: in the cell holding the corner of the common rectangle
          if ((pbx0 > bx0[Q] ? c0x[P] : c0x[Q]) !== ccx || (pby0 > by0[Q] ? c0y[P] : c0y[Q]) !== ccy) continue;
          var ddx = pcx - cx[Q], ddy = pcy - cy[Q], q3 = Q * 3, d;
          if (nn > 0) {
            d = ddx * n0x + ddy * n0y;
            if ((d < 0 ? -d : d) >= RAD[p3] + RAD[q3] - seps) continue;
            if (nn > 1) {
              d = ddx * n1x + ddy * n1y;
              if ((d < 0 ? -d : d) >= RAD[p3 + 1] + RAD[q3 + 1] - seps) continue;
              if (nn > 2) {
                d = ddx * n2x + ddy * n2y;
                if ((d < 0 ? -d : d) >= RAD[p3 + 2] + RAD[q3 + 2] - seps) continue;
              }
            }
          }
          var iP = S[P], iQ = S[Q];
          var rel = 0; // 1: P before Q, -1: Q before P
          if (vx !== 0) {
            if (X1[iP] <= X0[iQ] + GAP) rel = vx > 0 ? 1 : -1;
            else if (X1[iQ] <= X0[iP] + GAP) rel = vx > 0 ? -1 : 1;
          }
          if (!rel && vy !== 0) {
            if (Y1[iP] <= Y0[iQ] + GAP) rel = vy > 0 ? 1 : -1;
            else if (Y1[iQ] <= Y0[iP] + GAP) rel = vy > 0 ? -1 : 1;
          }
          if (!rel && vz !== 0) {
            if (Z1[iP] <= Z0[iQ] + GAP) rel = vz > 0 ? 1 : -1;
            else if (Z1[iQ] <= Z0[iP] + GAP) rel = vz > 0 ? -1 : 1;
          }
          if (!rel) rel = dep[P] <= dep[Q] ? 1 : -1;   // intersecting boxes: centre depth
          if (ne === eCap) {
            eCap *= 2;
            var nf = new Int32Array(eCap), nt = new Int32Array(eCap);
            nf.set(eFrom); nt.set(eTo); eFrom = nf; eTo = nt;
          }
          if (rel > 0) { eFrom[ne] = P; eTo[ne] = Q; } else { eFrom[ne] = Q; eTo[ne] = P; }
          ne++;
        }
      }
    }

    // predecessors in CSR form
    var ps = new Int32Array(n + 1);
    for (k = 0; k < ne; k++) ps[eTo[k] + 1]++;
    for (k = 0; k < n; k++) ps[k + 1] += ps[k];
    var pc = ps.slice(0, n);
    var pred = new Int32Array(ne);
    for (k = 0; k < ne; k++) pred[pc[eTo[k]]++] = eFrom[k];

    // roots from the farthest to the nearest
    var roots = new Int32Array(n);
    for (p = 0; p < n; p++) roots[p] = p;
    roots.sort(function (a2, b2) { return dep[a2] - dep[b2] || a2 - b2; });

    var state = new Uint8Array(n), stN = new Int32Array(n), stP = new Int32Array(n), oc = 0;
    for (var ri = 0; ri < n; ri++) {
      var root = roots[ri];
      if (state[root]) continue;
      var sp = 0;
      stN[0] = root; stP[0] = ps[root]; state[root] = 1;
      while (sp >= 0) {
        var node = stN[sp], ptr = stP[sp];
        if (ptr < ps[node + 1]) {
          stP[sp] = ptr + 1;
          var mm = pred[ptr];
          if (state[mm] === 0) { state[mm] = 1; sp++; stN[sp] = mm; stP[sp] = ps[mm]; }
        } else {
          state[node] = 2; order[oc++] = node; sp--;
        }
      }
    }
    res.edges = ne;
    return res;
  }

  /* ------------------------------------------------------------------ occlusion culling */

  // Walks the boxes front to back (the painter's order reversed) over a coverage mask with
  // one sample per CSS pixel. A box none of whose pixels is still free is hidden and is not
  // drawn; a box that is drawn marks its pixels, widened by MARK_PAD so that slits thinner
  // than the edge lines between neighbouring boxes count as covered. Translucent boxes hide
  // nothing. The mask is a "next free pixel" forest (union-find with path halving, each
  // pixel holding the distance to its parent, 0 when free), so a row is tested in
  // near-constant time and every pixel is marked once.
  // Returns vis[position in S] = 1 for the boxes to draw.
  var MARK_PAD = 0.4;
  function cullHidden(viewer, ord, cols, COL, ox, oy, s, W, H) {
    var n = ord.order.length;
    var vis = new Uint8Array(n);
    var RW = W + 1;                     // one sentinel per row, never covered
    var size = RW * H;
    if (!viewer.nextFree || viewer.nextFree.length < size) viewer.nextFree = new Int32Array(size);
    var sk = viewer.nextFree;
    sk.fill(0, 0, size);
    var order = ord.order, S = ord.S, CX = ord.cx, CY = ord.cy, RAD = ord.rad, N = ord.nrm, nn = ord.nn, EY = ord.ey;
    // A box projects to the hexagon |(pt - c) . n_k| <= r_k. On the row dy below the centre,
    // a constraint with n_k.x != 0 allows x - c.x in [-dy * m_k - w_k, -dy * m_k + w_k]
    // with m_k = n_k.y / n_k.x and w_k = r_k / |n_k.x|; one with n_k.x == 0 limits the rows.
    var slope = [0, 0, 0], inv = [0, 0, 0], rowOnly = [false, false, false];
    for (var k = 0; k < 3; k++) {
      var nx = k < nn ? N[k * 2] : 1, ny = k < nn ? N[k * 2 + 1] : 0;
      rowOnly[k] = k < nn && Math.abs(nx) < 1e-9;
      slope[k] = rowOnly[k] ? 0 : ny / nx;
      inv[k] = rowOnly[k] ? 1 / Math.abs(ny) : 1 / Math.abs(nx);
    }
    var m0 = slope[0], m1 = slope[1], m2 = slope[2];
    var f, d, e;
    for (var q = n - 1; q >= 0; q--) {
      var p = order[q];
      var ccx = ox + CX[p] * s, ccy = oy + CY[p] * s;
      var opaque = cols[COL[S[p]]].opaque;
      var visible = false, anyRow = false;
      for (var pass = 0; pass < 2; pass++) {
        // pass 0: test the box's own outline; pass 1: mark it, widened
        if (pass === 1 && (!visible || !opaque)) break;
        var pad = pass === 0 ? 0 : MARK_PAD;
        var half = EY[p] * s + pad;
        var w0 = Infinity, w1 = Infinity, w2 = Infinity;
        for (k = 0; k < nn; k++) {
          var w = (RAD[p * 3 + k] * s + pad) * inv[k];
          if (rowOnly[k]) { if (w < half) half = w; w = Infinity; }
          if (k === 0) w0 = w; else if (k === 1) w1 = w; else w2 = w;
        }
        var yA = Math.ceil(ccy - half - 0.5), yB = Math.floor(ccy + half - 0.5);
        if (yA < 0) yA = 0;
        if (yB > H - 1) yB = H - 1;
        for (var y = yA; y <= yB; y++) {
          var dy = y + 0.5 - ccy;
          var c0 = -dy * m0, c1 = -dy * m1, c2 = -dy * m2;
          var lo = c0 - w0, hi = c0 + w0;
          if (c1 - w1 > lo) lo = c1 - w1;
          if (c1 + w1 < hi) hi = c1 + w1;
          if (c2 - w2 > lo) lo = c2 - w2;
          if (c2 + w2 < hi) hi = c2 + w2;
          if (lo >= hi) continue;
          // pixels whose centres lie inside
          var xa = Math.ceil(ccx + lo - 0.5), xb = Math.floor(ccx + hi - 0.5);
          if (xa < 0) xa = 0;
          if (xb > W - 1) xb = W - 1;
          if (xa > xb) continue;
          var row = y * RW, end = row + xb;
          f = row + xa;
          while ((d = sk[f]) !== 0) { e = sk[f + d]; if (e === 0) { f += d; break; } sk[f] = d + e; f += d + e; }
          if (pass === 0) {
            anyRow = true;
            if (f <= end) { visible = true; break; }
          } else {
            while (f <= end) {
              // a run of free pixels: each points straight past the run
              var r = f + 1;
              while (r <= end && sk[r] === 0) r++;
              for (var x = f; x < r; x++) sk[x] = r - x;
              f = r;
              while ((d = sk[f]) !== 0) { e = sk[f + d]; if (e === 0) { f += d; break; } sk[f] = d + e; f += d + e; }
            }
          }
        }
        if (pass === 0 && !anyRow) {
          // thinner than a pixel row or off the canvas: drawn if its centre is on a free pixel
          var ix = Math.floor(ccx), iy = Math.floor(ccy);
          visible = ix >= 0 && iy >= 0 && ix < W && iy < H && sk[iy * RW + ix] === 0;
        }
      }
      if (visible) vis[p] = 1;
    }
    return vis;
  }

  /* ------------------------------------------------------------------ viewer */

  function Viewer(el) {
    this.el = el;
    this.labels = readLabels(el);
    this.yaw = PRESETS.iso.yaw;
    this.pitch = PRESETS.iso.pitch;
    this.view = 'iso';
    this.zoom = 1;
    this.panX = 0;
    this.panY = 0;
    this.cssW = 0;
    this.cssH = 0;
    this.dpr = 1;
    this.raf = 0;
    this.hoverRaf = 0;
    this.pointers = new Map();
    this.drag = null;
    this.frame = null;       // what the last draw used (for hit testing)
    this.orderCache = null;
    this.listCache = null;
    this.printing = false;
    this.model = null;
    this.step = 1;
    this.tipBox = -1;
    this.byStop = false;
    this.build();
    this.load();
  }

  Viewer.prototype.build = function () {
    var el = this.el, L = this.labels, self = this;
    var id = 'loadview-' + (++uid);
    while (el.firstChild) el.removeChild(el.firstChild);
    el.classList.add('loadview-ready');

    var bar = document.createElement('div');
    bar.className = 'lv-toolbar';
    bar.setAttribute('role', 'toolbar');

    var views = document.createElement('div');
    views.className = 'lv-views';
    views.setAttribute('role', 'group');
    this.buttons = {};
    VIEW_ORDER.forEach(function (name) {
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'lv-btn lv-view-' + name;
      b.setAttribute('data-view', name);
      b.setAttribute('aria-pressed', 'false');
      b.textContent = L[name];
      b.addEventListener('click', function () { self.setView(name); });
      views.appendChild(b);
      self.buttons[name] = b;
    });
    var reset = document.createElement('button');
    reset.type = 'button';
    reset.className = 'lv-btn lv-reset';
    reset.textContent = L.reset;
    reset.addEventListener('click', function () { self.reset(); });
    views.appendChild(reset);
    this.resetButton = reset;
    var byStop = document.createElement('button');
    byStop.type = 'button';
    byStop.className = 'lv-btn lv-by-stop';
    byStop.textContent = L.byStop;
    byStop.hidden = true;
    byStop.setAttribute('aria-pressed', 'false');
    byStop.addEventListener('click', function () {
      self.byStop = !self.byStop;
      self.load();
    });
    views.appendChild(byStop);
    this.stopButton = byStop;
    bar.appendChild(views);

    var stepBox = document.createElement('div');
    stepBox.className = 'lv-step';
    var lab = document.createElement('label');
    lab.setAttribute('for', id + '-step');
    lab.textContent = L.step;
    var range = document.createElement('input');
    range.type = 'range';
    range.id = id + '-step';
    range.className = 'lv-range';
    range.min = '1';
    range.max = '1';
    range.step = '1';
    range.value = '1';
    var out = document.createElement('output');
    out.className = 'lv-stepnum';
    out.setAttribute('for', id + '-step');
    out.setAttribute('aria-live', 'polite');
    var all = document.createElement('button');
    all.type = 'button';
    all.className = 'lv-btn lv-all';
    all.textContent = L.all;
    range.addEventListener('input', function () { self.setStep(parseInt(range.value, 10)); });
    all.addEventListener('click', function () { self.setStep(self.model ? self.model.maxSeq : 1); });
    stepBox.appendChild(lab);
    stepBox.appendChild(range);
    stepBox.appendChild(out);
    stepBox.appendChild(all);
    bar.appendChild(stepBox);
    this.range = range;
    this.stepOut = out;
    this.allButton = all;

    var hint = document.createElement('span');
    hint.className = 'lv-hint';
    hint.textContent = L.rotate;
    bar.appendChild(hint);
    el.appendChild(bar);

    var stage = document.createElement('div');
    stage.className = 'lv-stage';
    var canvas = document.createElement('canvas');
    canvas.className = 'lv-canvas';
    canvas.tabIndex = 0;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('data-drawn', '0');
    canvas.setAttribute('data-view', 'iso');
    var tip = document.createElement('div');
    tip.className = 'lv-tip';
    tip.setAttribute('role', 'tooltip');
    tip.id = id + '-tip';
    tip.hidden = true;
    stage.appendChild(canvas);
    stage.appendChild(tip);
    el.appendChild(stage);
    this.stage = stage;
    this.canvas = canvas;
    this.ctx = canvas.getContext('2d');
    this.tip = tip;

    this.bindEvents();
  };

  Viewer.prototype.sourceKey = function () {
    return (this.el.getAttribute('data-plan') || '') + '|' + (this.el.getAttribute('data-unit') || '');
  };

  Viewer.prototype.load = function () {
    this.loadedKey = this.sourceKey();
    var plan = readPlan(this.el);
    var units = plan && Array.isArray(plan.units) ? plan.units : [];
    var index = Math.round(num(this.el.getAttribute('data-unit'), 0));
    var unit = units[index] || null;
    var hasStops = !!(unit && Array.isArray(unit.boxes) &&
      unit.boxes.some(function (b) { return b && b.stop_color; }));
    this.stopButton.hidden = !hasStops;
    this.stopButton.setAttribute('aria-pressed', this.byStop ? 'true' : 'false');
    this.model = unit ? buildModel(unit, hasStops && this.byStop) : null;
    this.zoom = 1;
    this.panX = 0;
    this.panY = 0;
    this.tipBox = -1;
    this.tip.hidden = true;
    this.orderCache = null;
    this.listCache = null;
    var m = this.model;
    var maxSeq = m ? m.maxSeq : 1, minSeq = m ? m.minSeq : 1;
    this.range.min = String(minSeq);
    this.range.max = String(maxSeq);
    this.range.value = String(maxSeq);
    this.range.disabled = !m || maxSeq <= minSeq;
    this.step = maxSeq;
    this.canvas.setAttribute('aria-label', m
      ? (m.label ? m.label + ' — ' : '') + this.dimsText()
      : this.labels.empty);
    this.updateStepText();
    this.resize();
    this.draw();
  };

  Viewer.prototype.dimsText = function () {
    var m = this.model;
    return fmt(m.L) + ' × ' + fmt(m.W) + ' × ' + fmt(m.H) + ' cm';
  };

  Viewer.prototype.updateStepText = function () {
    var m = this.model;
    var max = m ? m.maxSeq : 1;
    this.stepOut.textContent = this.step + ' ' + this.labels.of + ' ' + max;
    this.allButton.disabled = !m || this.step >= max;
  };

  Viewer.prototype.updateButtons = function () {
    for (var name in this.buttons) {
      this.buttons[name].setAttribute('aria-pressed', name === this.view ? 'true' : 'false');
    }
  };

  /* ---- public actions */

  Viewer.prototype.setView = function (name) {
    var p = PRESETS[name];
    if (!p) return;
    this.yaw = p.yaw;
    this.pitch = p.pitch;
    this.view = name;
    this.zoom = 1;
    this.panX = 0;
    this.panY = 0;
    this.hideTip();
    this.draw();
  };

  Viewer.prototype.reset = function () { this.setView('iso'); };

  Viewer.prototype.setStep = function (value) {
    var m = this.model;
    if (!m) return;
    var v = clamp(Math.round(num(value, m.maxSeq)), m.minSeq, m.maxSeq);
    this.step = v;
    if (String(v) !== this.range.value) this.range.value = String(v);
    this.updateStepText();
    this.hideTip();
    this.draw();
  };

  Viewer.prototype.rotate = function (dYaw, dPitch) {
    this.yaw = wrapDeg(this.yaw + dYaw);
    this.pitch = clamp(this.pitch + dPitch, 0, 90);
    this.view = 'free';
  };

  // zoom by factor f about the point (mx, my) in CSS pixels of the canvas
  Viewer.prototype.zoomAt = function (f, mx, my) {
    var z = clamp(this.zoom * f, MIN_ZOOM, MAX_ZOOM);
    f = z / this.zoom;
    if (f === 1) return;
    var fr = this.frame;
    var cxp = fr ? fr.centreX : this.cssW / 2, cyp = fr ? fr.centreY : this.cssH / 2;
    // keep the world point under the cursor in place
    this.panX = mx - cxp - (mx - cxp - this.panX) * f;
    this.panY = my - cyp - (my - cyp - this.panY) * f;
    this.zoom = z;
  };

  /* ---- sizing */

  Viewer.prototype.resize = function () {
    var w = Math.floor(this.stage.clientWidth);
    if (!(w > 0)) return false;
    var h = Math.max(260, Math.round(w * 7 / 16));
    var dpr = window.devicePixelRatio || 1;
    if (w === this.cssW && h === this.cssH && dpr === this.dpr) return false;
    this.cssW = w;
    this.cssH = h;
    this.dpr = dpr;
    var c = this.canvas;
    c.width = Math.round(w * dpr);
    c.height = Math.round(h * dpr);
    c.style.height = h + 'px';
    this.el.style.setProperty('--lv-w', w + 'px');
    this.el.style.setProperty('--lv-h', h + 'px');
    return true;
  };

  /* ---- drawing */

  Viewer.prototype.schedule = function () {
    var self = this;
    if (this.raf) return;
    this.raf = requestAnimationFrame(function () {
      self.raf = 0;
      self.draw();
    });
  };

  // boxes shown at the current step that are not hidden by their neighbours in this octant
  Viewer.prototype.drawList = function (B, slit) {
    var m = this.model;
    var sx = sgn(B.v[0]), sy = sgn(B.v[1]), sz = sgn(B.v[2]);
    var key = this.step + '|' + slit + '|' + sx + '|' + sy + '|' + sz;
    if (this.listCache && this.listCache.key === key) return this.listCache;
    var cov = coveredAt(m, this.step, slit);
    var fx = sx > 0 ? 1 : 0, fy = 2 + (sy > 0 ? 1 : 0), fz = 4 + (sz > 0 ? 1 : 0);
    var S = [], shown = 0;
    for (var i = 0; i < m.n; i++) {
      if (m.SEQ[i] > this.step) continue;
      shown++;
      var base = i * 6;
      if ((sx === 0 || cov[base + fx]) && (sy === 0 || cov[base + fy]) && (sz === 0 || cov[base + fz])) continue;
      S.push(i);
    }
    this.listCache = { key: key, S: Int32Array.from(S), shown: shown };
    return this.listCache;
  };

  Viewer.prototype.getOrder = function (B, S, setKey) {
    var key = setKey + '|' + this.yaw.toFixed(5) + '|' + this.pitch.toFixed(5);
    if (this.orderCache && this.orderCache.key === key) return this.orderCache;
    var t0 = performance.now();
    var o = computeOrder(this.model, S, B);
    o.ms = performance.now() - t0;
    o.key = key;
    this.orderCache = o;
    return o;
  };

  Viewer.prototype.draw = function () {
    if (this.raf) { cancelAnimationFrame(this.raf); this.raf = 0; }
    if (!this.el.isConnected) return;
    var t0 = performance.now();
    if (!this.printing && ((window.devicePixelRatio || 1) !== this.dpr || !this.cssW)) this.resize();
    if (!this.cssW) return;
    var ctx = this.ctx, W = this.cssW, H = this.cssH, dpr = this.dpr;
    var canvas = this.canvas;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#fbfcfd';
    ctx.fillRect(0, 0, W, H);
    var m = this.model;
    if (!m) {
      ctx.fillStyle = '#5d6b7a';
      ctx.font = FONT;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(this.labels.empty, W / 2, H / 2);
      this.frame = null;
      canvas.setAttribute('data-drawn', '0');
      canvas.setAttribute('data-view', this.view);
      this.updateButtons();
      return;
    }

    var B = basis(this.yaw, this.pitch);
    var r = B.r, u = B.u, v = B.v;
    ctx.font = FONT;
    var doorText = m.doors ? this.labels.doors : '';
    var doorW = doorText ? ctx.measureText(doorText).width : 0;

    // fit the container, then apply zoom and pan
    var hl = m.L / 2, hw = m.W / 2, hh = m.H / 2;
    var ex = Math.abs(r[0]) * hl + Math.abs(r[1]) * hw + Math.abs(r[2]) * hh;
    var ey = Math.abs(u[0]) * hl + Math.abs(u[1]) * hw + Math.abs(u[2]) * hh;
    var padX = Math.max(18, doorW + 16), padTop = 26, padBottom = 24;
    var fit = Math.min((W - 2 * padX) / (2 * Math.max(ex, 1e-6)), (H - padTop - padBottom) / (2 * Math.max(ey, 1e-6)));
    if (!(fit > 0)) fit = 0.01;
    var s = fit * this.zoom;
    var centreX = W / 2, centreY = padTop + (H - padTop - padBottom) / 2;
    var ccx = hl * r[0] + hw * r[1] + hh * r[2];
    var ccy = -(hl * u[0] + hw * u[1] + hh * u[2]);
    var ox = centreX + this.panX - ccx * s;
    var oy = centreY + this.panY - ccy * s;
    // screen vectors of one cm along x, y, z
    var gxX = r[0] * s, gxY = -u[0] * s, gyX = r[1] * s, gyY = -u[1] * s, gzX = r[2] * s, gzY = -u[2] * s;

    var slit = slitFor(s);
    var list = this.drawList(B, slit);
    // zoomed or panned: leave out the boxes entirely off the canvas
    var S0 = list.S, setKey = list.key;
    if (this.zoom > 1.0001 || this.panX !== 0 || this.panY !== 0) {
      var keep = [], i0;
      var ar0 = Math.abs(r[0]) * s, ar1 = Math.abs(r[1]) * s, ar2 = Math.abs(r[2]) * s;
      var au0 = Math.abs(u[0]) * s, au1 = Math.abs(u[1]) * s, au2 = Math.abs(u[2]) * s;
      for (var k0 = 0; k0 < S0.length; k0++) {
        i0 = S0[k0];
        var hx0 = (m.X1[i0] - m.X0[i0]) / 2, hy0 = (m.Y1[i0] - m.Y0[i0]) / 2, hz0 = (m.Z1[i0] - m.Z0[i0]) / 2;
        var wx0 = m.X0[i0] + hx0, wy0 = m.Y0[i0] + hy0, wz0 = m.Z0[i0] + hz0;
        var qx0 = ox + wx0 * gxX + wy0 * gyX + wz0 * gzX, qy0 = oy + wx0 * gxY + wy0 * gyY + wz0 * gzY;
        var ex0 = ar0 * hx0 + ar1 * hy0 + ar2 * hz0, ey0 = au0 * hx0 + au1 * hy0 + au2 * hz0;
        if (qx0 + ex0 < 0 || qx0 - ex0 > W || qy0 + ey0 < 0 || qy0 - ey0 > H) continue;
        keep.push(i0);
      }
      if (keep.length < S0.length) {
        S0 = Int32Array.from(keep);
        setKey += '|' + this.zoom.toFixed(5) + '|' + this.panX.toFixed(2) + '|' + this.panY.toFixed(2) + '|' + W + 'x' + H;
      }
    }
    var ord = this.getOrder(B, S0, setKey);

    // container: corner c = bit0 x, bit1 y, bit2 z
    var P = [];
    for (var c = 0; c < 8; c++) {
      var wx = c & 1 ? m.L : 0, wy = c & 2 ? m.W : 0, wz = c & 4 ? m.H : 0;
      P.push([ox + wx * gxX + wy * gyX + wz * gzX, oy + wx * gxY + wy * gyY + wz * gzY]);
    }
    // faces: -x, +x, -y, +y, -z, +z; facing the viewer when the outward normal points at it
    var facing = [v[0] < -VEPS, v[0] > VEPS, v[1] < -VEPS, v[1] > VEPS, v[2] < -VEPS, v[2] > VEPS];
    var EDGES = [
      // [corner a, corner b, face 1, face 2]
      [0, 1, 2, 4], [2, 3, 3, 4], [4, 5, 2, 5], [6, 7, 3, 5],
      [0, 2, 0, 4], [1, 3, 1, 4], [4, 6, 0, 5], [5, 7, 1, 5],
      [0, 4, 0, 2], [1, 5, 1, 2], [2, 6, 0, 3], [3, 7, 1, 3]
    ];
    function drawEdges(front) {
      for (var k = 0; k < EDGES.length; k++) {
        var e = EDGES[k];
        var isFront = facing[e[2]] || facing[e[3]];
        if (isFront !== front) continue;
        var door = m.doors && (e[2] === 1 || e[3] === 1);
        ctx.beginPath();
        ctx.moveTo(P[e[0]][0], P[e[0]][1]);
        ctx.lineTo(P[e[1]][0], P[e[1]][1]);
        ctx.lineWidth = door ? 3 : 1.25;
        ctx.strokeStyle = door ? 'rgba(224,161,0,0.95)' : front ? 'rgba(40,52,66,0.55)' : 'rgba(40,52,66,0.8)';
        ctx.stroke();
      }
    }
    ctx.lineJoin = 'round';
    ctx.lineCap = 'round';
    if (!facing[4]) {
      ctx.beginPath();
      ctx.moveTo(P[0][0], P[0][1]);
      ctx.lineTo(P[1][0], P[1][1]);
      ctx.lineTo(P[3][0], P[3][1]);
      ctx.lineTo(P[2][0], P[2][1]);
      ctx.closePath();
      ctx.fillStyle = '#e3e7eb';
      ctx.fill();
    }
    drawEdges(false);

    // boxes: occlusion culling front to back on a one-bit-per-pixel coverage mask, then the
    // visible ones back to front (three faces filled, their edges stroked)
    var X0 = m.X0, Y0 = m.Y0, Z0 = m.Z0, X1 = m.X1, Y1 = m.Y1, Z1 = m.Z1, COL = m.COL, cols = m.colours;
    var SEQ = m.SEQ;
    var cov = coveredAt(m, this.step, slit);
    sideShades(cols, v);
    var sx = sgn(v[0]), sy = sgn(v[1]), sz = sgn(v[2]);
    var fxi = sx > 0 ? 1 : 0, fyi = 2 + (sy > 0 ? 1 : 0), fzi = 4 + (sz > 0 ? 1 : 0);
    var S = ord.S, order = ord.order, n = order.length;
    var tc = performance.now();
    var vis = cullHidden(this, ord, cols, COL, ox, oy, s, W, H);
    var cullMs = performance.now() - tc;
    var painted = 0;
    var highlight = this.step < m.maxSeq ? this.step : null;
    var edgeStyle = 'rgba(20,28,38,0.55)';
    ctx.lineJoin = 'miter';
    ctx.lineWidth = 0.75;
    ctx.strokeStyle = edgeStyle;
    for (var q = 0; q < n; q++) {
      var p = order[q];
      if (!vis[p]) continue;
      painted++;
      var i = S[p], base = i * 6;
      var x0 = X0[i], y0 = Y0[i], z0 = Z0[i];
      var px = ox + x0 * gxX + y0 * gyX + z0 * gzX;
      var py = oy + x0 * gxY + y0 * gyY + z0 * gzY;
      var dx = X1[i] - x0, dy = Y1[i] - y0, dz = Z1[i] - z0;
      var axX = dx * gxX, axY = dx * gxY, ayX = dy * gyX, ayY = dy * gyY, azX = dz * gzX, azY = dz * gzY;
      var col = cols[COL[i]];
      var fx = sx !== 0 && !cov[base + fxi], fy = sy !== 0 && !cov[base + fyi], fz = sz !== 0 && !cov[base + fzi];
      // corners of the three faces
      var xqx = sx > 0 ? px + axX : px, xqy = sx > 0 ? py + axY : py;
      var yqx = sy > 0 ? px + ayX : px, yqy = sy > 0 ? py + ayY : py;
      var zqx = sz > 0 ? px + azX : px, zqy = sz > 0 ? py + azY : py;
      if (fx) {
        ctx.beginPath();
        ctx.moveTo(xqx, xqy); ctx.lineTo(xqx + ayX, xqy + ayY);
        ctx.lineTo(xqx + ayX + azX, xqy + ayY + azY); ctx.lineTo(xqx + azX, xqy + azY);
        ctx.fillStyle = col.x;
        ctx.fill();
      }
      if (fy) {
        ctx.beginPath();
        ctx.moveTo(yqx, yqy); ctx.lineTo(yqx + axX, yqy + axY);
        ctx.lineTo(yqx + axX + azX, yqy + axY + azY); ctx.lineTo(yqx + azX, yqy + azY);
        ctx.fillStyle = col.y;
        ctx.fill();
      }
      if (fz) {
        ctx.beginPath();
        ctx.moveTo(zqx, zqy); ctx.lineTo(zqx + axX, zqy + axY);
        ctx.lineTo(zqx + axX + ayX, zqy + axY + ayY); ctx.lineTo(zqx + ayX, zqy + ayY);
        ctx.fillStyle = sz > 0 ? col.z : col.zb;
        ctx.fill();
      }
      // edges of the drawn faces, one stroke per box
      ctx.beginPath();
      if (fx) {
        ctx.moveTo(xqx, xqy); ctx.lineTo(xqx + ayX, xqy + ayY);
        ctx.lineTo(xqx + ayX + azX, xqy + ayY + azY); ctx.lineTo(xqx + azX, xqy + azY); ctx.closePath();
      }
      if (fy) {
        ctx.moveTo(yqx, yqy); ctx.lineTo(yqx + axX, yqy + axY);
        ctx.lineTo(yqx + axX + azX, yqy + axY + azY); ctx.lineTo(yqx + azX, yqy + azY); ctx.closePath();
      }
      if (fz) {
        ctx.moveTo(zqx, zqy); ctx.lineTo(zqx + axX, zqy + axY);
        ctx.lineTo(zqx + axX + ayX, zqy + axY + ayY); ctx.lineTo(zqx + ayX, zqy + ayY); ctx.closePath();
      }
      if (highlight !== null && SEQ[i] === highlight) {
        ctx.lineWidth = 1.6;
        ctx.strokeStyle = '#0b1520';
        ctx.stroke();
        ctx.lineWidth = 0.75;
        ctx.strokeStyle = edgeStyle;
      } else {
        ctx.stroke();
      }
    }
    // the box under the pointer
    var tb = this.tipBox;
    if (tb >= 0 && tb < m.n && SEQ[tb] <= this.step) {
      var hx0 = X0[tb], hy0 = Y0[tb], hz0 = Z0[tb];
      var hpx = ox + hx0 * gxX + hy0 * gyX + hz0 * gzX, hpy = oy + hx0 * gxY + hy0 * gyY + hz0 * gzY;
      var hdx = X1[tb] - hx0, hdy = Y1[tb] - hy0, hdz = Z1[tb] - hz0;
      var A = [hdx * gxX, hdx * gxY], Bv = [hdy * gyX, hdy * gyY], C = [hdz * gzX, hdz * gzY];
      var faces = [[sx, fxi, A, Bv, C], [sy, fyi, Bv, A, C], [sz, fzi, C, A, Bv]];
      ctx.beginPath();
      for (var fi = 0; fi < 3; fi++) {
        var F = faces[fi];
        if (F[0] === 0 || cov[tb * 6 + F[1]]) continue;
        var bx = hpx + (F[0] > 0 ? F[2][0] : 0), by = hpy + (F[0] > 0 ? F[2][1] : 0);
        ctx.moveTo(bx, by);
        ctx.lineTo(bx + F[3][0], by + F[3][1]);
        ctx.lineTo(bx + F[3][0] + F[4][0], by + F[3][1] + F[4][1]);
        ctx.lineTo(bx + F[4][0], by + F[4][1]);
        ctx.closePath();
      }
      ctx.lineJoin = 'round';
      ctx.lineWidth = 3.5;
      ctx.strokeStyle = 'rgba(255,255,255,0.9)';
      ctx.stroke();
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = '#0b1520';
      ctx.stroke();
    }
    ctx.lineJoin = 'round';
    drawEdges(true);

    // labels
    ctx.font = FONT;
    if (doorText) {
      // door face centre, pushed away from the container centre
      var dcx = (P[1][0] + P[3][0] + P[5][0] + P[7][0]) / 4, dcy = (P[1][1] + P[3][1] + P[5][1] + P[7][1]) / 4;
      var kx = ox + ccx * s, ky = oy + ccy * s;
      var dirX = dcx - kx, dirY = dcy - ky, dl = Math.sqrt(dirX * dirX + dirY * dirY);
      var tx, ty;
      ctx.fillStyle = '#8a6400';
      if (dl < 4) {
        var top = Math.min(P[1][1], P[3][1], P[5][1], P[7][1]);
        tx = dcx; ty = top - 6;
        ctx.textAlign = 'center';
        ctx.textBaseline = 'bottom';
      } else {
        dirX /= dl; dirY /= dl;
        var best = -Infinity;
        [1, 3, 5, 7].forEach(function (k2) {
          var d2 = (P[k2][0] - dcx) * dirX + (P[k2][1] - dcy) * dirY;
          if (d2 > best) best = d2;
        });
        tx = dcx + dirX * (best + 8);
        ty = dcy + dirY * (best + 8);
        ctx.textAlign = dirX > 0.35 ? 'left' : dirX < -0.35 ? 'right' : 'center';
        ctx.textBaseline = dirY > 0.35 ? 'top' : dirY < -0.35 ? 'bottom' : 'middle';
      }
      ctx.fillText(doorText, tx, ty);
    }
    ctx.fillStyle = '#3d4a57';
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    if (m.label) ctx.fillText(m.label, 8, 7);
    ctx.fillStyle = '#5d6b7a';
    ctx.textAlign = 'right';
    ctx.textBaseline = 'bottom';
    ctx.fillText(this.dimsText(), W - 8, H - 6);

    this.frame = {
      ox: ox, oy: oy, s: s, ord: ord, vis: vis, centreX: centreX, centreY: centreY
    };
    var ms = performance.now() - t0;
    this.lastDrawMs = ms;
    canvas.setAttribute('data-drawn', String(list.shown));
    canvas.setAttribute('data-view', this.view);
    canvas.setAttribute('data-draw-ms', ms.toFixed(1));
    this.stats = { ms: ms, orderMs: ord.ms, cullMs: cullMs, boxes: list.shown, ordered: n, painted: painted, edges: ord.edges };
    this.updateButtons();
  };

  /* ---- hit testing: the front-most drawn box under a point (CSS px) */

  Viewer.prototype.hitTest = function (mx, my) {
    var fr = this.frame;
    if (!fr || !fr.ord) return -1;
    var o = fr.ord, vis = fr.vis;
    var X = (mx - fr.ox) / fr.s, Y = (my - fr.oy) / fr.s;
    var N = o.nrm, nn = o.nn, R = o.rad;
    var order = o.order;
    for (var q = order.length - 1; q >= 0; q--) {
      var p = order[q];
      if (!vis[p]) continue;
      var dx = X - o.cx[p], dy = Y - o.cy[p];
      var inside = true;
      for (var k = 0; k < nn; k++) {
        var d = dx * N[k * 2] + dy * N[k * 2 + 1];
        if (d < 0) d = -d;
        if (d > R[p * 3 + k]) { inside = false; break; }
      }
      if (inside) return o.S[p];
    }
    return -1;
  };

  Viewer.prototype.showTip = function (i, mx, my) {
    var tip = this.tip;
    var text = i >= 0 && this.model ? this.model.labels[i] : '';
    if (!text) { this.hideTip(); return; }
    if (tip.textContent !== text) tip.textContent = text;
    tip.hidden = false;
    this.canvas.setAttribute('aria-describedby', tip.id);
    var tw = tip.offsetWidth, th = tip.offsetHeight;
    var x = mx + 14, y = my + 16;
    if (x + tw > this.cssW - 4) x = Math.max(4, mx - tw - 10);
    if (y + th > this.cssH - 4) y = Math.max(4, my - th - 10);
    tip.style.left = x + 'px';
    tip.style.top = y + 'px';
    if (this.tipBox !== i) {
      this.tipBox = i;
      this.schedule();
    }
  };

  Viewer.prototype.hideTip = function () {
    if (!this.tip.hidden) this.tip.hidden = true;
    this.canvas.removeAttribute('aria-describedby');
    if (this.tipBox >= 0) {
      this.tipBox = -1;
      this.schedule();
    }
  };

  /* ---- events */

  Viewer.prototype.localPoint = function (e) {
    var rect = this.canvas.getBoundingClientRect();
    var sxr = rect.width ? this.cssW / rect.width : 1, syr = rect.height ? this.cssH / rect.height : 1;
    return [(e.clientX - rect.left) * sxr, (e.clientY - rect.top) * syr];
  };

  Viewer.prototype.bindEvents = function () {
    var self = this, canvas = this.canvas;

    canvas.addEventListener('pointerdown', function (e) {
      if (e.pointerType === 'mouse' && e.button !== 0 && e.button !== 1 && e.button !== 2) return;
      var pt = self.localPoint(e);
      self.pointers.set(e.pointerId, pt);
      try { canvas.setPointerCapture(e.pointerId); } catch (err) { /* ignore */ }
      if (self.pointers.size === 1) {
        self.drag = {
          x: pt[0], y: pt[1], sx: pt[0], sy: pt[1], moved: false,
          pan: e.shiftKey || e.button === 1 || e.button === 2, type: e.pointerType
        };
      } else if (self.pointers.size === 2) {
        var pts = Array.from(self.pointers.values());
        self.drag = {
          pinch: true, dist: Math.hypot(pts[0][0] - pts[1][0], pts[0][1] - pts[1][1]) || 1,
          mx: (pts[0][0] + pts[1][0]) / 2, my: (pts[0][1] + pts[1][1]) / 2, moved: true
        };
      }
      if (e.pointerType === 'mouse' && e.button === 0) canvas.focus({ preventScroll: true });
      e.preventDefault();
    });

    canvas.addEventListener('pointermove', function (e) {
      var pt = self.localPoint(e);
      var d = self.drag;
      if (!d || !self.pointers.has(e.pointerId)) {
        if (e.pointerType !== 'touch') self.hoverAt(pt[0], pt[1]);
        return;
      }
      self.pointers.set(e.pointerId, pt);
      if (d.pinch) {
        if (self.pointers.size < 2) return;
        var pts = Array.from(self.pointers.values());
        var dist = Math.hypot(pts[0][0] - pts[1][0], pts[0][1] - pts[1][1]) || 1;
        var mx = (pts[0][0] + pts[1][0]) / 2, my = (pts[0][1] + pts[1][1]) / 2;
        self.panX += mx - d.mx;
        self.panY += my - d.my;
        self.zoomAt(dist / d.dist, mx, my);
        d.dist = dist; d.mx = mx; d.my = my;
        self.hideTip();
        self.schedule();
        return;
      }
      var ddx = pt[0] - d.x, ddy = pt[1] - d.y;
      if (!d.moved && Math.abs(pt[0] - d.sx) + Math.abs(pt[1] - d.sy) < 4) return;
      d.moved = true;
      d.x = pt[0]; d.y = pt[1];
      if (d.pan) {
        self.panX += ddx;
        self.panY += ddy;
      } else {
        self.rotate(-ddx * 0.45, ddy * 0.35);
      }
      self.hideTip();
      self.schedule();
    });

    function end(e) {
      var had = self.pointers.has(e.pointerId);
      self.pointers.delete(e.pointerId);
      try { canvas.releasePointerCapture(e.pointerId); } catch (err) { /* ignore */ }
      if (!had) return;
      var d = self.drag;
      if (self.pointers.size === 0) {
        self.drag = null;
        if (d && !d.moved && e.type === 'pointerup') {
          var pt = self.localPoint(e);
          var i = self.hitTest(pt[0], pt[1]);
          if (i >= 0 && (e.pointerType !== 'touch' || self.tipBox !== i)) self.showTip(i, pt[0], pt[1]);
          else self.hideTip();
        }
      } else if (self.pointers.size === 1 && d && d.pinch) {
        var rest = Array.from(self.pointers.values())[0];
        self.drag = { x: rest[0], y: rest[1], sx: rest[0], sy: rest[1], moved: true, pan: false };
      }
    }
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
    canvas.addEventListener('pointerleave', function (e) {
      if (e.pointerType !== 'touch' && !self.drag) self.hideTip();
    });
    canvas.addEventListener('contextmenu', function (e) { e.preventDefault(); });
    canvas.addEventListener('dblclick', function (e) { e.preventDefault(); self.reset(); });

    canvas.addEventListener('wheel', function (e) {
      e.preventDefault();
      var pt = self.localPoint(e);
      var dy = e.deltaY * (e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1);
      self.zoomAt(Math.exp(-clamp(dy, -300, 300) * 0.0015), pt[0], pt[1]);
      self.hideTip();
      self.schedule();
    }, { passive: false });

    canvas.addEventListener('keydown', function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      var stepDeg = e.shiftKey ? 15 : 5;
      var handled = true;
      switch (e.key) {
        case 'ArrowLeft': self.rotate(stepDeg, 0); break;
        case 'ArrowRight': self.rotate(-stepDeg, 0); break;
        case 'ArrowUp': self.rotate(0, stepDeg); break;
        case 'ArrowDown': self.rotate(0, -stepDeg); break;
        case '+': case '=': case 'Add': self.zoomAt(1.2, self.cssW / 2, self.cssH / 2); break;
        case '-': case '_': case 'Subtract': self.zoomAt(1 / 1.2, self.cssW / 2, self.cssH / 2); break;
        case 'Home': case '0': self.reset(); return e.preventDefault();
        case 'Escape': self.hideTip(); break;
        default: handled = false;
      }
      if (handled) {
        e.preventDefault();
        self.hideTip();
        self.draw();
      }
    });

    // responsive: redraw on resize, keep the drawing as it is while printing
    var onResize = function () {
      if (!self.el.isConnected) { self.destroy(); return; }
      if (self.printing || (window.matchMedia && window.matchMedia('print').matches)) return;
      if (self.resize()) self.draw();
    };
    this.onResize = onResize;
    if (typeof ResizeObserver === 'function') {
      this.ro = new ResizeObserver(onResize);
      this.ro.observe(this.stage);
    }
    this.onWindowResize = function () { onResize(); };
    this.onBeforePrint = function () { self.printing = true; };
    this.onAfterPrint = function () { self.printing = false; onResize(); };
    window.addEventListener('resize', this.onWindowResize);
    window.addEventListener('beforeprint', this.onBeforePrint);
    window.addEventListener('afterprint', this.onAfterPrint);

    if (typeof MutationObserver === 'function') {
      this.mo = new MutationObserver(function () {
        if (self.sourceKey() !== self.loadedKey) self.load();
      });
      this.mo.observe(this.el, { attributes: true, attributeFilter: ['data-unit', 'data-plan'] });
    }
  };

  Viewer.prototype.hoverAt = function (mx, my) {
    var self = this;
    this.hoverPt = [mx, my];
    if (this.hoverRaf) return;
    this.hoverRaf = requestAnimationFrame(function () {
      self.hoverRaf = 0;
      if (self.drag) return;
      var p = self.hoverPt;
      self.showTip(self.hitTest(p[0], p[1]), p[0], p[1]);
    });
  };

  Viewer.prototype.destroy = function () {
    instances.delete(this.el);
    this.el.classList.remove('loadview-ready');
    if (this.ro) this.ro.disconnect();
    if (this.mo) this.mo.disconnect();
    window.removeEventListener('resize', this.onWindowResize);
    window.removeEventListener('beforeprint', this.onBeforePrint);
    window.removeEventListener('afterprint', this.onAfterPrint);
    if (this.raf) cancelAnimationFrame(this.raf);
    this.raf = 0;
  };

  /* ------------------------------------------------------------------ public API */

  var instances = new WeakMap();

  function init(el) {
    if (!el || el.nodeType !== 1) return null;
    var existing = instances.get(el);
    if (existing) return existing.api;
    var viewer = new Viewer(el);
    var api = {
      element: el,
      canvas: viewer.canvas,
      setView: function (name) { viewer.setView(name); },
      reset: function () { viewer.reset(); },
      setStep: function (n) { viewer.setStep(n); },
      setUnit: function (i) { el.setAttribute('data-unit', String(i)); viewer.load(); },
      reload: function () { viewer.load(); },
      redraw: function () { viewer.draw(); return viewer.lastDrawMs; },
      hitTest: function (x, y) { return viewer.hitTest(x, y); },
      get view() { return viewer.view; },
      get step() { return viewer.step; },
      get maxStep() { return viewer.model ? viewer.model.maxSeq : 0; },
      get lastDrawMs() { return viewer.lastDrawMs; },
      get stats() { return viewer.stats; },
      destroy: function () { viewer.destroy(); }
    };
    viewer.api = api;
    instances.set(el, viewer);
    return api;
  }

  function initAll(root) {
    root = root || document;
    var found = [];
    if (root.nodeType === 1 && root.classList.contains('loadview')) found.push(root);
    if (root.querySelectorAll) {
      var nodes = root.querySelectorAll('.loadview');
      for (var i = 0; i < nodes.length; i++) found.push(nodes[i]);
    }
    var apis = [];
    found.forEach(function (el) {
      var api = init(el);
      if (api) apis.push(api);
    });
    return apis;
  }

  window.Loadview = { init: init, initAll: initAll };

  function onSwap(e) {
    var root = (e.detail && (e.detail.elt || e.detail.target)) || e.target;
    if (!root || root === window) root = document;
    if (root.nodeType === 1 && !root.isConnected) root = document;
    initAll(root);
  }
  document.addEventListener('htmx:load', onSwap);
  document.addEventListener('htmx:afterSwap', onSwap);

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { initAll(document); });
  } else {
    initAll(document);
  }
})();
