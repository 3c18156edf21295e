// nachos view: draws a run from the data Go packed into the page.
// Everything is drawn on canvases, and only what is on screen: a row's
// first visible span is found by binary search, and each pixel column of
// a row is painted at most once, however many spans fall into it.
"use strict";
window.onerror = function (msg, src, line) {
  document.body.setAttribute("data-error", msg + " (line " + line + ")");
};
(function () {
  const D = JSON.parse(document.getElementById("data").textContent);
  const S = D.strings;
  const COLORS = {
    running: "#2e9d4a", ready: "#f0c23b", lock: "#d9453a", condition: "#8e44ad",
    semaphore: "#e67e22", join: "#2f7fd0", other: "#7f8c8d",
  };
  const MARK_COLORS = {
    "syscall": "#111", "exception": "#e00", "tlb-miss": "#999", "page-fault": "#06c",
    "process-start": "#050", "process-exit": "#050",
  };
  const PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
    "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#1f77b4", "#17becf"];
  const LABEL_W = 230, ROW_H = 18, AXIS_H = 22;
  const view = { t0: 0, t1: Math.max(1, D.end) };
  let waitTick = D.end; // at the end, a deadlock shows

  // --- helpers ---------------------------------------------------------
  // lowerBound returns the first record (of width stride) whose field at
  // offset is >= value; records are sorted by that field.
  function lowerBound(a, stride, offset, value) {
    let lo = 0, hi = a.length / stride;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (a[mid * stride + offset] < value) lo = mid + 1; else hi = mid;
    }
    return lo;
  }
  // markNear returns where the first record (of width stride, its tick
  // first) within 4 pixels of x on canvas g starts in a, or -1.
  function markNear(g, a, stride, x) {
    const t = tickAt(g, x), slack = 4 * (view.t1 - view.t0) / (g.w - LABEL_W);
    const j = lowerBound(a, stride, 0, t - slack) * stride;
    return j < a.length && a[j] <= t + slack ? j : -1;
  }
  // spanAt returns where the span [start, end, ...] (of width 4) going on
  // at tick t starts in sp, or -1.
  function spanAt(sp, t) {
    const j = lowerBound(sp, 4, 1, t) * 4;
    return j < sp.length && sp[j] <= t ? j : -1;
  }
  function spanColor(state, wait) {
    if (state === 0) return COLORS.running;
    if (state === 1) return COLORS.ready;
    const kind = wait >= 0 ? S[D.waits[wait][0]] : "other";
    return COLORS[kind] || COLORS.other;
  }
  function pidColor(pid) { return PALETTE[((pid % PALETTE.length) + PALETTE.length) % PALETTE.length]; }
  function threadName(m, tid) {
    for (const t of m.threads) if (t.tid === tid) return S[t.name];
    return "thread " + tid;
  }
  function waitText(m, wait) {
    const w = D.waits[wait], kind = S[w[0]], name = S[w[1]];
    let s = name ? "waits on " + kind + " \"" + name + "\"" : "waits (" + kind + ")";
    if (w[2] > 0) s += (kind === "join" ? " (until it finishes)" : " held by \"" + threadName(m, w[2]) + "\"");
    return s;
  }
  function setupCanvas(c, height) {
    const dpr = window.devicePixelRatio || 1;
    const w = c.clientWidth || 1000;
    c.width = Math.round(w * dpr);
    c.height = Math.round(height * dpr);
    c.style.height = height + "px";
    const ctx = c.getContext("2d");
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, height);
    ctx.font = "12px system-ui, sans-serif";
    ctx.textBaseline = "middle";
    return { ctx: ctx, w: w, h: height };
  }
  // X is where tick t is drawn on canvas g, and tickAt the tick at x.
  // Time is drawn through the canvas's warp (g.warp): pos takes a tick to
  // a position on the time axis, unpos takes it back. Most canvases draw
  // ticks as they are (LINEAR); the algorithm's may space its events
  // evenly (evenWarp).
  const LINEAR = { pos: function (t) { return t; }, unpos: function (p) { return p; } };
  function warpOf(g) { return g.warp || LINEAR; }
  function X(g, t) {
    const w = warpOf(g), p0 = w.pos(view.t0), p1 = w.pos(view.t1);
    return LABEL_W + (w.pos(t) - p0) / (p1 - p0) * (g.w - LABEL_W);
  }
  function tickAt(g, x) {
    const w = warpOf(g), p0 = w.pos(view.t0), p1 = w.pos(view.t1);
    return w.unpos(p0 + (x - LABEL_W) / (g.w - LABEL_W) * (p1 - p0));
  }
  // evenWarp spaces the given ticks (sorted, distinct, at least two)
  // evenly, and the time between two of them linearly: a time-space
  // diagram drawn by the order of its events, so that an election of a
  // few hundred ticks is not squeezed beside a timeout of thousands.
  function evenWarp(T) {
    const n = T.length;
    function seg(i) { return T[i + 1] - T[i]; }
    function at(t) { // the segment of t, extended beyond both ends
      const i = lowerBound(T, 1, 0, t);
      return Math.min(n - 2, Math.max(0, T[i] === t ? i : i - 1));
    }
    return {
      ticks: T,
      pos: function (t) { const i = at(t); return i + (t - T[i]) / seg(i); },
      unpos: function (p) { const i = Math.min(n - 2, Math.max(0, Math.floor(p))); return T[i] + (p - i) * seg(i); },
    };
  }
  function clipTrack(g) {
    g.ctx.save();
    g.ctx.beginPath();
    g.ctx.rect(LABEL_W, 0, g.w - LABEL_W, g.h);
    g.ctx.clip();
  }
  function label(g, text, y, bold) {
    g.ctx.fillStyle = "#222";
    g.ctx.font = (bold ? "bold " : "") + "12px system-ui, sans-serif";
    let s = text;
    while (s.length > 4 && g.ctx.measureText(s).width > LABEL_W - 8) s = s.slice(0, -2);
    if (s !== text) s += "…";
    g.ctx.fillText(s, 4, y);
    g.ctx.font = "12px system-ui, sans-serif";
  }
  // axis labels the time axis and draws its grid: at round ticks, or on
  // a warped canvas at its events' ticks, as many as fit.
  function axis(g) {
    const ctx = g.ctx;
    ctx.fillStyle = "#555";
    ctx.strokeStyle = "#eee";
    for (const t of g.warp ? eventTicks(g) : roundTicks()) {
      const x = X(g, t);
      ctx.fillText(String(Math.round(t)), x + 2, AXIS_H / 2);
      ctx.beginPath(); ctx.moveTo(x + 0.5, AXIS_H - 4); ctx.lineTo(x + 0.5, g.h); ctx.stroke();
    }
    ctx.fillText("tick", 4, AXIS_H / 2);
  }
  // roundTicks are the round ticks in view, about ten of them.
  function roundTicks() {
    const span = view.t1 - view.t0, ticks = [];
    let step = Math.pow(10, Math.floor(Math.log10(span / 8)));
    if (span / step > 20) step *= 5; else if (span / step > 10) step *= 2;
    step = Math.max(1, step);
    for (let t = Math.ceil(view.t0 / step) * step; t <= view.t1; t += step) ticks.push(t);
    return ticks;
  }
  // eventTicks are the ticks of a warped canvas's events in view, at
  // least 50 pixels apart.
  function eventTicks(g) {
    const ticks = [];
    let last = -Infinity;
    for (const t of g.warp.ticks) {
      const x = X(g, t);
      if (x < LABEL_W || x > g.w || x - last < 50) continue;
      last = x;
      ticks.push(t);
    }
    return ticks;
  }
  // drawRecords paints records [start, end, ...] of a row, each pixel
  // column at most once.
  function drawRecords(g, a, stride, sOff, eOff, y, h, color) {
    let i = eOff === sOff ? lowerBound(a, stride, sOff, view.t0 - 1) : lowerBound(a, stride, eOff, view.t0 + 1e-9);
    let lastCol = -1;
    const n = a.length / stride;
    for (; i < n; i++) {
      const s = a[i * stride + sOff];
      if (s > view.t1) break;
      let x0 = Math.max(LABEL_W, X(g, s)), x1 = X(g, a[i * stride + eOff]);
      if (x1 - x0 < 1) {
        const col = Math.floor(x0);
        if (col === lastCol) continue;
        lastCol = col;
        x1 = x0 + 1;
      } else {
        lastCol = Math.floor(x1 - 1);
      }
      g.ctx.fillStyle = color(a, i * stride);
      g.ctx.fillRect(x0, y, x1 - x0, h);
    }
  }

  // --- the thread timeline --------------------------------------------
  const rows = [];
  for (const m of D.machines) {
    rows.push({ kind: "machine", m: m });
    for (const t of m.threads) rows.push({ kind: "thread", m: m, t: t });
  }
  const timeline = document.getElementById("timeline");
  function drawTimeline() {
    const g = setupCanvas(timeline, AXIS_H + rows.length * ROW_H + 4);
    axis(g);
    rows.forEach(function (r, i) {
      const y = AXIS_H + i * ROW_H;
      if (r.kind === "machine") {
        label(g, "machine " + r.m.id + " (interrupts)", y + ROW_H / 2, true);
        clipTrack(g);
        drawRecords(g, r.m.interrupts, 2, 0, 0, y + 5, ROW_H - 10, function () { return "#aab"; });
        g.ctx.restore();
        return;
      }
      label(g, S[r.t.name] + (r.t.pid ? "" : " [kernel]"), y + ROW_H / 2, false);
      clipTrack(g);
      drawRecords(g, r.t.spans, 4, 0, 1, y + 3, ROW_H - 6, function (a, j) { return spanColor(a[j + 2], a[j + 3]); });
      waitLabels(g, r.t.spans, y + ROW_H / 2);
      drawRecords(g, r.t.marks, 5, 0, 0, y, 5, function (a, j) { return MARK_COLORS[D.kinds[a[j + 2]]] || "#000"; });
      g.ctx.restore();
    });
    // the wait-for graph's tick
    const wx = X(g, waitTick);
    if (wx >= LABEL_W) {
      g.ctx.strokeStyle = "#00f";
      g.ctx.beginPath(); g.ctx.moveTo(wx + 0.5, AXIS_H); g.ctx.lineTo(wx + 0.5, g.h); g.ctx.stroke();
    }
    timeline.g = g;
  }
  // waitLabels writes, in each blocked span wide enough to hold it, the
  // name of what the thread waits for.
  function waitLabels(g, sp, y) {
    const n = sp.length / 4;
    g.ctx.fillStyle = "#fff";
    g.ctx.font = "11px system-ui, sans-serif";
    for (let i = lowerBound(sp, 4, 1, view.t0 + 1e-9); i < n && sp[i * 4] <= view.t1; i++) {
      const w = sp[i * 4 + 3];
      if (w < 0) continue;
      const x0 = Math.max(LABEL_W, X(g, sp[i * 4])), x1 = Math.min(g.w, X(g, sp[i * 4 + 1]));
      if (x1 - x0 < 60) continue;
      const text = S[D.waits[w][1]] || S[D.waits[w][0]];
      if (g.ctx.measureText(text).width < x1 - x0 - 6) g.ctx.fillText(text, x0 + 3, y);
    }
    g.ctx.font = "12px system-ui, sans-serif";
  }
  function timelineDetails(x, y) {
    const g = timeline.g, r = rows[Math.floor((y - AXIS_H) / ROW_H)];
    if (!r) return null;
    if (r.kind === "machine") {
      const a = r.m.interrupts, j = markNear(g, a, 2, x);
      if (j >= 0) return "machine " + r.m.id + ": " + S[a[j + 1]] + " interrupt at tick " + a[j];
      return "machine " + r.m.id;
    }
    const th = r.t, name = "\"" + S[th.name] + "\" (thread " + th.tid + (th.pid ? ", process " + th.pid : "") + ")";
    const mk = th.marks, mj = markNear(g, mk, 5, x);
    if (mj >= 0) {
      const kind = D.kinds[mk[mj + 2]];
      return name + "\n" + kind + " at tick " + mk[mj] + ": " + S[mk[mj + 4]] +
        (kind === "syscall" && mk[mj + 1] < 0 ? " (never returned)" : "");
    }
    const t = tickAt(g, x), sp = th.spans, j = spanAt(sp, t);
    if (j >= 0) {
      const state = ["running", "ready", "blocked"][sp[j + 2]];
      return name + "\n" + state + " from tick " + sp[j] + " to " + sp[j + 1] + " (" + (sp[j + 1] - sp[j]) + " ticks)" +
        (sp[j + 3] >= 0 ? "\n" + waitText(r.m, sp[j + 3]) : "");
    }
    return name + "\nnot alive at tick " + Math.round(t);
  }

  // --- memory -------------------------------------------------------------
  const memory = document.getElementById("memory");
  const memRows = [];
  let anyPaging = false;
  for (const m of D.machines) {
    if (m.numFrames === 0 && m.paging.length === 0) continue;
    anyPaging = anyPaging || m.paging.length > 0;
    memRows.push({ kind: "machine", m: m });
    const perFrame = [];
    for (let f = 0; f < m.numFrames; f++) perFrame.push([]);
    for (let i = 0; i < m.frames.length; i += 5) {
      perFrame[m.frames[i]].push(m.frames[i + 1], m.frames[i + 2], m.frames[i + 3], m.frames[i + 4]);
    }
    perFrame.forEach(function (spans, f) { memRows.push({ kind: "frame", m: m, f: f, spans: spans }); });
  }
  const frameH = Math.max(3, Math.min(12, Math.floor(600 / Math.max(1, memRows.length))));
  function memRowY(i) { return AXIS_H + i * frameH; }
  function drawMemory() {
    const note = document.getElementById("memory-note");
    if (memRows.length === 0) {
      note.textContent = "This trace has no memory events (frame-alloc, frame-free, page-fault, eviction): nothing to draw.";
      memory.style.display = "none";
      return;
    }
    note.textContent = "Each row is a physical frame, coloured by the process that holds it." +
      (anyPaging ? " Page faults (blue) and evictions (red) are marked on each machine's row." :
        " This trace has no page faults or evictions: they come from demand paging, when the run uses it.");
    const g = setupCanvas(memory, AXIS_H + memRows.length * frameH + 4);
    axis(g);
    memRows.forEach(function (r, i) {
      const y = memRowY(i);
      if (r.kind === "machine") {
        if (frameH >= 10) label(g, "machine " + r.m.id, y + frameH / 2, true);
        clipTrack(g);
        drawRecords(g, r.m.paging, 3, 0, 0, y, frameH, function (a, j) { return S[a[j + 1]] === "fault" ? "#06c" : "#d00"; });
        g.ctx.restore();
        return;
      }
      if (frameH >= 9 || r.f % Math.ceil(12 / frameH) === 0) {
        g.ctx.font = Math.min(11, Math.max(frameH, 9)) + "px system-ui, sans-serif";
        g.ctx.fillStyle = "#555";
        g.ctx.fillText("frame " + r.f, LABEL_W - 70, y + frameH / 2);
      }
      clipTrack(g);
      drawRecords(g, r.spans, 4, 0, 1, y, Math.max(1, frameH - 1), function (a, j) { return pidColor(a[j + 2]); });
      g.ctx.restore();
    });
    memory.g = g;
  }
  function memoryDetails(x, y) {
    const g = memory.g, r = memRows[Math.floor((y - AXIS_H) / frameH)];
    if (!r) return null;
    if (r.kind === "machine") {
      const a = r.m.paging, j = markNear(g, a, 3, x);
      if (j >= 0) return "tick " + a[j] + ": " + S[a[j + 2]];
      return "machine " + r.m.id + ": page faults and evictions";
    }
    const t = tickAt(g, x), sp = r.spans, j = spanAt(sp, t);
    if (j >= 0) {
      return "frame " + r.f + " holds page " + sp[j + 3] + " of process " + sp[j + 2] +
        " from tick " + sp[j] + " to " + sp[j + 1];
    }
    return "frame " + r.f + " is free at tick " + Math.round(t);
  }

  // --- messages between machines -------------------------------------------
  const network = document.getElementById("network");
  const LANE_H = 40;
  function laneY(id) {
    for (let i = 0; i < D.machines.length; i++) if (D.machines[i].id === id) return AXIS_H + i * LANE_H + LANE_H / 2;
    return AXIS_H;
  }
  // Lanes and arrows: a time-space diagram, a lane per machine, shared by
  // the packets between machines and the messages of an algorithm.
  // laneCanvas sets up canvas c for one, with its axis (through warp, if
  // not null) and a lane per machine called noun, and clips what follows
  // to the track.
  function laneCanvas(c, noun, warp) {
    const g = setupCanvas(c, AXIS_H + D.machines.length * LANE_H + 4), ctx = g.ctx;
    g.warp = warp;
    axis(g);
    D.machines.forEach(function (m) {
      const y = laneY(m.id);
      label(g, noun + " " + m.id, y, true);
      ctx.strokeStyle = "#888";
      ctx.beginPath(); ctx.moveTo(LABEL_W, y); ctx.lineTo(g.w, y); ctx.stroke();
    });
    clipTrack(g);
    return g;
  }
  // arrow draws a message that arrived, in the stroke style.
  function arrow(ctx, x0, y0, x1, y1) {
    ctx.beginPath(); ctx.moveTo(x0, y0); ctx.lineTo(x1, y1); ctx.stroke();
    const ang = Math.atan2(y1 - y0, x1 - x0);
    ctx.beginPath();
    ctx.moveTo(x1, y1);
    ctx.lineTo(x1 - 7 * Math.cos(ang - 0.4), y1 - 7 * Math.sin(ang - 0.4));
    ctx.lineTo(x1 - 7 * Math.cos(ang + 0.4), y1 - 7 * Math.sin(ang + 0.4));
    ctx.closePath(); ctx.fillStyle = ctx.strokeStyle; ctx.fill();
  }
  // lostArrow draws a message that did not arrive: it ends in a cross.
  function lostArrow(ctx, x0, y0, x1, y1) {
    ctx.beginPath(); ctx.moveTo(x0, y0); ctx.lineTo(x1, y1); ctx.stroke();
    ctx.setLineDash([]);
    ctx.beginPath();
    ctx.moveTo(x1 - 4, y1 - 4); ctx.lineTo(x1 + 4, y1 + 4);
    ctx.moveTo(x1 - 4, y1 + 4); ctx.lineTo(x1 + 4, y1 - 4); ctx.stroke();
  }
  // nearSegment is the distance from (x, y) to the segment (x0, y0)-(x1, y1).
  function nearSegment(x, y, x0, y0, x1, y1) {
    const dx = x1 - x0, dy = y1 - y0, len2 = dx * dx + dy * dy;
    const f = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / len2));
    return Math.hypot(x - x0 - f * dx, y - y0 - f * dy);
  }
  function drawNetwork() {
    const note = document.getElementById("network-note");
    if (D.packets.length === 0) {
      note.textContent = "This trace has no packets (packet-send, packet-receive, packet-drop): it is not a network run.";
      network.style.display = "none";
      return;
    }
    note.textContent = "Each arrow is a packet, from its sending machine when sent to its receiving machine when received; a lost packet ends in a cross.";
    const g = laneCanvas(network, "machine", null), ctx = g.ctx;
    for (let i = 0; i < D.packets.length; i += 9) {
      const p = D.packets, sent = p[i + 5], recv = p[i + 6], drop = p[i + 7];
      if (sent < 0) continue;
      const end = recv >= 0 ? recv : (drop >= 0 ? drop : sent);
      if (end < view.t0 || sent > view.t1) continue;
      const x0 = X(g, sent), y0 = laneY(p[i + 1]), y1 = laneY(p[i + 2]);
      ctx.strokeStyle = recv >= 0 ? "#2f7fd0" : "#d00";
      if (recv >= 0) arrow(ctx, x0, y0, X(g, recv), y1);
      else lostArrow(ctx, x0, y0, X(g, end), (y0 + y1) / 2);
    }
    ctx.restore();
    network.g = g;
  }
  function networkDetails(x, y) {
    const g = network.g, p = D.packets;
    let best = null, bestD = 8;
    for (let i = 0; i < p.length; i += 9) {
      if (p[i + 5] < 0) continue;
      const d = Math.hypot(X(g, p[i + 5]) - x, laneY(p[i + 1]) - y);
      if (d < bestD) { bestD = d; best = i; }
    }
    if (best === null) return null;
    const i = best;
    return "packet " + p[i] + ": machine " + p[i + 1] + " to machine " + p[i + 2] + ", port " + p[i + 3] + ", " + p[i + 4] +
      " bytes\nsent at tick " + p[i + 5] + (p[i + 6] >= 0 ? ", received at tick " + p[i + 6] : "") +
      (p[i + 7] >= 0 ? ", lost at tick " + p[i + 7] + ": " + S[p[i + 8]] : "");
  }

  // --- the algorithm: messages between nodes (nachos dist) ----------------
  // A lane per node and an arrow per message of the algorithm, labelled
  // with its kind and coloured by it; a message given up on is dashed red
  // and ends in a cross between the lanes. Decisions are green diamonds,
  // crashes red crosses (the lane is shaded while the node is down),
  // recoveries green triangles, critical sections orange bars, and a
  // broken rule a red line across the lanes.
  const A = D.algorithm;
  const algorithm = document.getElementById("algorithm");
  const algoKinds = [];
  for (let i = 0; i < A.messages.length; i += 8) {
    if (algoKinds.indexOf(A.messages[i + 3]) < 0) algoKinds.push(A.messages[i + 3]);
  }
  function kindColor(kind) { return PALETTE[algoKinds.indexOf(kind) % PALETTE.length]; }
  const algoWarp = (function () {
    const set = new Set([0, D.end]);
    for (let i = 0; i < A.messages.length; i += 8) for (let j = 4; j < 7; j++) if (A.messages[i + j] >= 0) set.add(A.messages[i + j]);
    for (let i = 0; i < A.marks.length; i += 5) set.add(A.marks[i + 1]);
    for (let i = 0; i < A.spans.length; i += 4) { set.add(A.spans[i + 1]); set.add(A.spans[i + 2]); }
    const T = Array.from(set).sort(function (a, b) { return a - b; });
    return T.length >= 2 ? evenWarp(T) : null;
  })();
  // algoMessage is the geometry of the message at i: where its arrow
  // starts and ends, and whether it arrived.
  function algoMessage(g, i) {
    const a = A.messages, sent = a[i + 4], recv = a[i + 5], gave = a[i + 6];
    const x0 = X(g, sent), y0 = laneY(a[i + 1]), y1 = laneY(a[i + 2]);
    if (recv >= 0) return { x0: x0, y0: y0, x1: X(g, recv), y1: y1, arrived: true, end: recv };
    if (gave >= 0) return { x0: x0, y0: y0, x1: X(g, gave), y1: (y0 + y1) / 2, arrived: false, end: gave };
    return { x0: x0, y0: y0, x1: x0 + 20, y1: y0 + (y1 - y0) / 3, arrived: false, end: sent };
  }
  function drawAlgorithm() {
    const section = document.getElementById("algorithm-section");
    if (A.messages.length + A.marks.length + A.spans.length === 0) {
      section.style.display = "none"; // not a run of nachos dist
      return;
    }
    const g = laneCanvas(algorithm, "node", document.getElementById("evenly").checked ? algoWarp : null), ctx = g.ctx;
    for (let i = 0; i < A.spans.length; i += 4) {
      const y = laneY(A.spans[i]), x0 = X(g, A.spans[i + 1]), x1 = Math.max(x0 + 2, X(g, A.spans[i + 2]));
      if (D.kinds[A.spans[i + 3]] === "dist-crash") {
        ctx.fillStyle = "#f4c7c3"; ctx.fillRect(x0, y - LANE_H / 2 + 6, x1 - x0, LANE_H - 12);
      } else {
        ctx.fillStyle = "#e67e22"; ctx.fillRect(x0, y - 4, x1 - x0, 8);
      }
    }
    ctx.font = "10px system-ui, sans-serif";
    ctx.lineWidth = 1.5;
    for (let i = 0; i < A.messages.length; i += 8) {
      if (A.messages[i + 4] < 0) continue;
      const m = algoMessage(g, i), kind = S[A.messages[i + 3]];
      if (Math.max(m.x0, m.x1) < LABEL_W || Math.min(m.x0, m.x1) > g.w) continue;
      ctx.strokeStyle = m.arrived ? kindColor(A.messages[i + 3]) : (A.messages[i + 6] >= 0 ? "#d00" : "#999");
      if (m.arrived) arrow(ctx, m.x0, m.y0, m.x1, m.y1);
      else { ctx.setLineDash([4, 3]); lostArrow(ctx, m.x0, m.y0, m.x1, m.y1); }
      const text = m.arrived ? kind : "?" + kind;
      if (ctx.measureText(text).width + 12 < Math.hypot(m.x1 - m.x0, m.y1 - m.y0)) {
        ctx.fillStyle = ctx.strokeStyle;
        ctx.fillText(text, (m.x0 + m.x1) / 2 + 3, (m.y0 + m.y1) / 2 - 6);
      }
    }
    ctx.lineWidth = 1;
    for (let i = 0; i < A.marks.length; i += 5) {
      const kind = D.kinds[A.marks[i + 2]], x = X(g, A.marks[i + 1]), text = S[A.marks[i + 3]];
      if (A.marks[i] === 0) { // a broken rule: the whole run
        ctx.strokeStyle = ctx.fillStyle = "#d00";
        ctx.beginPath(); ctx.moveTo(x, AXIS_H); ctx.lineTo(x, g.h); ctx.stroke();
        ctx.fillText(text, x + 3, AXIS_H + 8);
        continue;
      }
      const y = laneY(A.marks[i]);
      ctx.fillStyle = ctx.strokeStyle = kind === "dist-crash" ? "#d00" : "#090";
      ctx.beginPath();
      if (kind === "dist-decide") { ctx.moveTo(x, y - 6); ctx.lineTo(x + 6, y); ctx.lineTo(x, y + 6); ctx.lineTo(x - 6, y); ctx.closePath(); ctx.fill(); }
      else if (kind === "dist-crash") { ctx.lineWidth = 2; ctx.moveTo(x - 5, y - 5); ctx.lineTo(x + 5, y + 5); ctx.moveTo(x - 5, y + 5); ctx.lineTo(x + 5, y - 5); ctx.stroke(); ctx.lineWidth = 1; }
      else { ctx.moveTo(x, y - 6); ctx.lineTo(x + 6, y + 5); ctx.lineTo(x - 6, y + 5); ctx.closePath(); ctx.fill(); }
      ctx.fillText(text, x + 7, y + 12);
    }
    ctx.restore();
    algorithm.g = g;
  }
  function algorithmDetails(x, y) {
    const g = algorithm.g;
    if (!g) return null;
    for (let i = 0; i < A.marks.length; i += 5) {
      const mx = X(g, A.marks[i + 1]);
      if (A.marks[i] === 0 ? Math.abs(mx - x) < 4 : Math.hypot(mx - x, laneY(A.marks[i]) - y) < 8) return S[A.marks[i + 4]];
    }
    let best = -1, bestD = 5;
    for (let i = 0; i < A.messages.length; i += 8) {
      if (A.messages[i + 4] < 0) continue;
      const m = algoMessage(g, i), d = nearSegment(x, y, m.x0, m.y0, m.x1, m.y1);
      if (d < bestD) { bestD = d; best = i; }
    }
    if (best >= 0) {
      const a = A.messages, i = best;
      return S[a[i + 3]] + " (message " + a[i] + ") from node " + a[i + 1] + " to node " + a[i + 2] +
        "\nsent at tick " + a[i + 4] + ", Lamport time " + a[i + 7] +
        (a[i + 5] >= 0 ? "; received at tick " + a[i + 5] : "") +
        (a[i + 6] >= 0 ? "; the transport gave up at tick " + a[i + 6] + ": node " + a[i + 2] + " is down or cut off" : "") +
        (a[i + 5] < 0 && a[i + 6] < 0 ? "; never received" : "");
    }
    const t = tickAt(g, x);
    for (let i = 0; i < A.spans.length; i += 4) {
      if (Math.abs(laneY(A.spans[i]) - y) < LANE_H / 2 && A.spans[i + 1] <= t && t <= A.spans[i + 2]) {
        return "node " + A.spans[i] + (D.kinds[A.spans[i + 3]] === "dist-crash" ? " is down" : " is in its critical section") +
          " from tick " + A.spans[i + 1] + " to " + A.spans[i + 2];
      }
    }
    return null;
  }
  // describeAlgorithm writes the counts of messages by kind and the list
  // of decisions (and broken rules) under the diagram.
  function describeAlgorithm() {
    const counts = new Map();
    let gaveUp = 0;
    for (let i = 0; i < A.messages.length; i += 8) {
      const k = S[A.messages[i + 3]];
      counts.set(k, (counts.get(k) || 0) + 1);
      if (A.messages[i + 6] >= 0) gaveUp++;
    }
    const parts = [];
    counts.forEach(function (n, k) { parts.push(k + " " + n); });
    document.getElementById("algorithm-note").textContent = "Messages of the algorithm: " + (parts.join(", ") || "none") +
      (gaveUp ? "; " + gaveUp + " given up (dashed red)" : "") +
      ". A lane per node, an arrow per message from its send to its receipt; green diamonds are decisions, " +
      "red crosses crashes (the lane is shaded while the node is down), orange bars critical sections.";
    const list = document.getElementById("decisions");
    let shown = 0, more = 0;
    for (let i = 0; i < A.marks.length; i += 5) {
      const kind = D.kinds[A.marks[i + 2]];
      if (kind !== "dist-decide" && kind !== "dist-violation") continue;
      if (shown === 40) { more++; continue; }
      const li = document.createElement("li");
      li.textContent = S[A.marks[i + 4]];
      if (kind === "dist-violation") li.className = "cycle";
      list.appendChild(li);
      shown++;
    }
    if (more > 0) {
      const li = document.createElement("li");
      li.textContent = "... and " + more + " more decisions (click the diagram's diamonds)";
      list.appendChild(li);
    }
  }

  // --- the wait-for graph ----------------------------------------------
  function drawWaitFor() {
    const svgNS = "http://www.w3.org/2000/svg";
    const box = document.getElementById("waitfor"), list = document.getElementById("waitlist");
    box.textContent = ""; list.textContent = "";
    document.getElementById("waittick").value = String(waitTick);
    const nodes = new Map(), edges = [];
    function node(key, text, isThread) {
      if (!nodes.has(key)) nodes.set(key, { key: key, text: text, thread: isThread, next: null });
      return nodes.get(key);
    }
    for (const m of D.machines) {
      for (const t of m.threads) {
        // the span the thread is in at waitTick: one that ends later, or
        // one still going when the machine stopped
        const sp = t.spans;
        let i = lowerBound(sp, 4, 1, waitTick);
        while (i * 4 < sp.length && sp[i * 4 + 1] === waitTick && (waitTick !== m.end || (i + 1) * 4 < sp.length)) i++;
        if (i * 4 >= sp.length || sp[i * 4] > waitTick || sp[i * 4 + 2] !== 2 || sp[i * 4 + 3] < 0) continue;
        const w = D.waits[sp[i * 4 + 3]], kind = S[w[0]], name = S[w[1]];
        // in a cluster, names say which machine they are on
        const on = D.machines.length > 1 ? "m" + m.id + ": " : "";
        const from = node(m.id + ":" + t.tid, on + S[t.name], true);
        const to = w[2] > 0 ? node(m.id + ":" + w[2], on + threadName(m, w[2]), true) :
          node(m.id + ":" + kind + ":" + name, on + kind + " \"" + name + "\"", false);
        from.next = to;
        edges.push({ from: from, to: to, text: kind === "join" ? "joins" : kind + " \"" + name + "\"" });
        const li = document.createElement("li");
        li.textContent = on + "\"" + S[t.name] + "\" " + waitText(m, sp[i * 4 + 3]);
        list.appendChild(li);
      }
    }
    if (edges.length === 0) {
      const li = document.createElement("li");
      li.textContent = "No thread is blocked at tick " + waitTick + ".";
      list.appendChild(li);
      return;
    }
    // a thread in a cycle of waits is deadlocked
    for (const n of nodes.values()) {
      let p = n.next, steps = 0;
      while (p && p !== n && steps++ < nodes.size) p = p.next;
      n.cycle = p === n;
    }
    const all = Array.from(nodes.values()).slice(0, 80);
    const W = 700, H = 420, R = Math.min(W, H) / 2 - 60;
    all.forEach(function (n, i) {
      const a = 2 * Math.PI * i / all.length - Math.PI / 2;
      n.x = W / 2 + R * Math.cos(a); n.y = H / 2 + R * Math.sin(a);
    });
    const svg = document.createElementNS(svgNS, "svg");
    svg.setAttribute("width", W); svg.setAttribute("height", H);
    const defs = document.createElementNS(svgNS, "defs");
    defs.innerHTML = '<marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto"><path d="M0,0L10,5L0,10z" fill="#555"/></marker>';
    svg.appendChild(defs);
    for (const e of edges) {
      if (e.from.x === undefined || e.to.x === undefined) continue;
      const line = document.createElementNS(svgNS, "line");
      const dx = e.to.x - e.from.x, dy = e.to.y - e.from.y, len = Math.hypot(dx, dy) || 1;
      line.setAttribute("x1", e.from.x); line.setAttribute("y1", e.from.y);
      line.setAttribute("x2", e.to.x - dx / len * 14); line.setAttribute("y2", e.to.y - dy / len * 14);
      line.setAttribute("stroke", e.from.cycle && e.to.cycle ? "#b00" : "#555");
      line.setAttribute("marker-end", "url(#arrow)");
      svg.appendChild(line);
      // the label sits nearer the waiting end, beside the line, so that two
      // threads waiting for each other have their labels apart
      const tx = document.createElementNS(svgNS, "text");
      tx.setAttribute("x", e.from.x + dx * 0.3 - dy / len * 10); tx.setAttribute("y", e.from.y + dy * 0.3 + dx / len * 10);
      tx.setAttribute("font-size", "10"); tx.setAttribute("text-anchor", "middle"); tx.setAttribute("fill", "#555");
      tx.textContent = e.text;
      svg.appendChild(tx);
    }
    for (const n of all) {
      const c = document.createElementNS(svgNS, n.thread ? "circle" : "rect");
      if (n.thread) { c.setAttribute("cx", n.x); c.setAttribute("cy", n.y); c.setAttribute("r", 12); }
      else { c.setAttribute("x", n.x - 10); c.setAttribute("y", n.y - 10); c.setAttribute("width", 20); c.setAttribute("height", 20); }
      c.setAttribute("fill", n.cycle ? "#f4c7c3" : (n.thread ? "#cfe3f7" : "#eee"));
      c.setAttribute("stroke", n.cycle ? "#b00" : "#555");
      svg.appendChild(c);
      const tx = document.createElementNS(svgNS, "text");
      tx.setAttribute("x", n.x); tx.setAttribute("y", n.y + 26);
      tx.setAttribute("font-size", "11"); tx.setAttribute("text-anchor", "middle");
      tx.textContent = n.text.length > 40 ? n.text.slice(0, 39) + "…" : n.text;
      svg.appendChild(tx);
    }
    box.appendChild(svg);
    if (all.some(function (n) { return n.cycle; })) {
      const li = document.createElement("li");
      li.className = "cycle";
      li.textContent = "Deadlock: the threads in red wait for each other in a cycle.";
      list.appendChild(li);
    }
  }

  // --- interaction -------------------------------------------------------
  // The address's fragment keeps the view, so that a link or a reload
  // opens the same stretch of time: run.html#from=1000&to=2000&tick=1500.
  function readHash() {
    const p = new URLSearchParams(window.location.hash.slice(1));
    const from = Number(p.get("from")), to = Number(p.get("to")), tick = Number(p.get("tick"));
    if (p.has("from") && p.has("to") && to > from) { view.t0 = from; view.t1 = to; }
    if (p.has("tick") && tick >= 0) waitTick = tick;
  }
  function writeHash() {
    const h = "#from=" + Math.round(view.t0) + "&to=" + Math.round(view.t1) + "&tick=" + waitTick;
    if (window.location.hash !== h) history.replaceState(null, "", h);
  }
  // setWaitTick moves the wait-for graph to tick t, and the timeline's
  // line that marks it.
  function setWaitTick(t) {
    waitTick = t;
    drawWaitFor(); drawTimeline(); writeHash();
  }
  function render() {
    drawAlgorithm(); drawTimeline(); drawMemory(); drawNetwork();
    document.getElementById("range").textContent = "ticks " + Math.round(view.t0) + " to " + Math.round(view.t1);
    writeHash();
  }
  // zoom scales the view around the tick anchor; on a warped canvas g,
  // by the warp's scale, so that the events near the anchor spread out.
  function zoom(factor, anchor, g) {
    const w = g && g.warp;
    if (w) {
      const p0 = w.pos(view.t0), p1 = w.pos(view.t1), pa = w.pos(anchor);
      const t0 = w.unpos(pa - (pa - p0) * factor), t1 = w.unpos(pa + (p1 - pa) * factor);
      if (t1 - t0 >= 10 && t1 - t0 <= Math.max(10, D.end * 1.2)) { view.t0 = t0; view.t1 = t1; }
      render();
      return;
    }
    const span = Math.min(Math.max(10, (view.t1 - view.t0) * factor), Math.max(10, D.end * 1.2));
    const f = (anchor - view.t0) / (view.t1 - view.t0);
    view.t0 = anchor - f * span; view.t1 = view.t0 + span;
    render();
  }
  function attach(c, details, target) {
    let drag = null;
    c.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      if (!c.g) return;
      const x = ev.offsetX;
      zoom(Math.exp(ev.deltaY * 0.002), x >= LABEL_W ? tickAt(c.g, x) : (view.t0 + view.t1) / 2, c.g);
    }, { passive: false });
    c.addEventListener("mousedown", function (ev) { drag = { x: ev.offsetX, t0: view.t0, t1: view.t1, moved: false }; });
    window.addEventListener("mousemove", function (ev) {
      if (!drag || !c.g) return;
      const dx = ev.clientX - c.getBoundingClientRect().left - drag.x;
      if (Math.abs(dx) > 3) drag.moved = true;
      if (!drag.moved) return;
      // pan by the canvas's scale: a warped one moves by its events
      const w = warpOf(c.g), p0 = w.pos(drag.t0), p1 = w.pos(drag.t1), dp = dx / (c.g.w - LABEL_W) * (p1 - p0);
      view.t0 = w.unpos(p0 - dp); view.t1 = w.unpos(p1 - dp);
      render();
    });
    window.addEventListener("mouseup", function (ev) {
      if (!drag) return;
      const d = drag; drag = null;
      if (d.moved || !c.g) return;
      const x = ev.clientX - c.getBoundingClientRect().left, y = ev.clientY - c.getBoundingClientRect().top;
      const text = details(x, y);
      if (text) document.getElementById(target || "details").textContent = text;
      if (x >= LABEL_W) {
        setWaitTick(Math.max(0, Math.round(tickAt(c.g, x))));
      }
    });
  }

  document.getElementById("command").textContent = D.command;
  const legend = document.getElementById("legend");
  [["running", COLORS.running], ["ready", COLORS.ready], ["blocked on a lock", COLORS.lock],
   ["on a condition", COLORS.condition], ["on a semaphore", COLORS.semaphore], ["in Join", COLORS.join],
   ["other wait", COLORS.other], ["system call", MARK_COLORS.syscall], ["exception", MARK_COLORS.exception]].forEach(function (l) {
    const s = document.createElement("span"), i = document.createElement("i");
    i.style.background = l[1];
    s.appendChild(i); s.appendChild(document.createTextNode(l[0]));
    legend.appendChild(s);
  });
  document.getElementById("reset").onclick = function () { view.t0 = 0; view.t1 = Math.max(1, D.end); render(); };
  document.getElementById("zoomin").onclick = function () { zoom(0.5, (view.t0 + view.t1) / 2); };
  document.getElementById("zoomout").onclick = function () { zoom(2, (view.t0 + view.t1) / 2); };
  document.getElementById("waittick").onchange = function (ev) {
    setWaitTick(Math.max(0, Number(ev.target.value) || 0));
  };
  attach(timeline, timelineDetails);
  attach(memory, memoryDetails);
  attach(network, networkDetails);
  attach(algorithm, algorithmDetails, "algorithm-details");
  algorithm.addEventListener("mousemove", function (ev) {
    const text = algorithmDetails(ev.offsetX, ev.offsetY);
    algorithm.title = text || "";
    if (text) document.getElementById("algorithm-details").textContent = text;
  });
  document.getElementById("evenly").onchange = drawAlgorithm;
  describeAlgorithm();
  window.addEventListener("resize", render);
  readHash();
  render();
  drawWaitFor();
  if (!document.body.hasAttribute("data-error")) document.body.setAttribute("data-rendered", "ok");
})();
