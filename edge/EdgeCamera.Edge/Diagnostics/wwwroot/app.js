// The technician's page: sign-in, then polls the unit's state (every 2 s) and the live frame (a few per second).
(() => {
  "use strict";
  const S = window.EDGECAM_STRINGS;
  const $ = (id) => document.getElementById(id);
  const HEADER = { "Content-Type": "application/json", "X-EdgeCam-Request": "1" };
  let lang = localStorage.getItem("edgecam-lang") === "ar" ? "ar" : "en";
  let lastState = null;
  let lastSeq = -1;
  let running = false;

  const t = (key, ...args) => {
    let s = (S[lang] && S[lang][key]) || S.en[key] || key;
    args.forEach((a, i) => { s = s.replace("{" + i + "}", a); });
    return s;
  };

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.documentElement.dir = lang === "ar" ? "rtl" : "ltr";
    document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
    const toggle = $("lang-toggle");
    toggle.textContent = lang === "ar" ? "English" : "العربية";
    toggle.lang = lang === "ar" ? "en" : "ar";
    if (lastState) render(lastState);
  }

  const fmtTime = (iso) => (iso ? new Date(iso).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC") : t("never"));
  const fmtAge = (s) => (s === null || s === undefined ? t("never") : `${s.toFixed(1)} ${t("seconds")}`);
  const fmtBytes = (b) => (b === null || b === undefined ? t("na") : `${(b / 1e9).toFixed(1)} GB`);

  function fill(id, rows) {
    const dl = $(id);
    dl.replaceChildren();
    for (const [label, value, cls] of rows) {
      const dt = document.createElement("dt");
      dt.textContent = label;
      const dd = document.createElement("dd");
      dd.textContent = value === null || value === undefined ? t("na") : String(value);
      if (cls) dd.className = cls;
      dl.append(dt, dd);
    }
  }

  const fitted = (x) => x !== "not-fitted";
  const kmh = (v) => `${v.toFixed(1)} ${t("kmh")}`;

  // The roadside devices (loops, signal, radar, tamper, IR flash) and the measuring devices' certificates.
  function hardwareRows(hw, calibration) {
    const rows = [];
    if (!fitted(hw.loops)) rows.push([t("loops"), t("not-fitted")]);
    else {
      for (const l of hw.loops.lanes) {
        const last = l.last ? `${kmh(l.last.speedKmh)} · ${t(l.last.lengthClass)} (${l.last.lengthMetres.toFixed(1)} m) · ${fmtAge(l.last.ageS)} ${t("ago")}` : t("noVehicle");
        rows.push([t("loopLane", l.lane, l.deviceId), `${t(l.occupied ? "occupied" : "free")} · ${last}`]);
      }
      rows.push([t("loopCounters"), t("loopCountersValue", hw.loops.passages, hw.loops.strayEdges, hw.loops.inconsistent, hw.loops.abandoned),
        hw.loops.strayEdges + hw.loops.inconsistent + hw.loops.abandoned > 0 ? "bad" : ""]);
    }
    if (!fitted(hw.signal)) rows.push([t("signal"), t("not-fitted")]);
    else for (const a of hw.signal) rows.push([t("signalApproach", a.approach), a.sinceS === null ? t(a.phase) : `${t(a.phase)} · ${t("since", fmtAge(a.sinceS))}`]);
    if (!fitted(hw.radar)) rows.push([t("radar"), t("not-fitted")]);
    else {
      const r = hw.radar.last;
      rows.push([t("radar"), r ? `${kmh(r.speedKmh)} · ${t("lane", r.lane)} · ${t(r.direction)} · ${fmtAge(r.ageS)} ${t("ago")}` : t("never")]);
      rows.push([t("radarLines"), t("radarLinesValue", hw.radar.readings, hw.radar.rejected, hw.radar.heartbeats), hw.radar.rejected > 0 ? "bad" : ""]);
    }
    if (!fitted(hw.tamper)) rows.push([t("tamper"), t("not-fitted")]);
    else rows.push([t("tamper"), `${t("door" + hw.tamper.door)} · ${t("openings", hw.tamper.openings)}`, hw.tamper.door === "Closed" ? "ok" : "bad"]);
    if (!fitted(hw.irFlash)) rows.push([t("irFlash"), t("not-fitted")]);
    else rows.push([t("irFlash"), `${t(hw.irFlash.kind)} · ${hw.irFlash.pulses} ${t("pulses")} · ${fmtTime(hw.irFlash.lastPulseUtc)}`]);
    if (!fitted(calibration)) rows.push([t("calibration"), t("not-fitted")]);
    else for (const c of calibration) {
      const state = c.expiresSoon ? t("expiresIn", c.daysLeft) : c.status === "valid" ? t("validUntil", c.expiresOn) : t(c.status);
      rows.push([t("calibrationOf", c.deviceId), `${state} · ${c.certificateId} · ${c.authority}`, c.status === "valid" && !c.expiresSoon ? "ok" : "bad"]);
    }
    return rows;
  }

  const verdict = (v) => [t(v), v === "ok" ? "ok" : v === "no-data" ? "" : "bad"];

  function render(s) {
    $("unit-id").textContent = s.unit.deviceId;
    const a = s.aiming.summary;
    const [wv, wc] = verdict(a.widthVerdict);
    const [fv, fc] = verdict(a.focusVerdict);
    const [ev, ec] = verdict(a.exposureVerdict);
    fill("aiming", [
      [t("plateWidth"), a.medianPlateWidthPx === null ? t("no-data") : `${a.medianPlateWidthPx} px — ${wv} (${t("recommended")} ${s.aiming.plateWidthRangePx[0]}–${s.aiming.plateWidthRangePx[1]} px)`, wc],
      [t("inRange"), a.shareInRange === null ? t("na") : `${Math.round(a.shareInRange * 100)} %`],
      [t("focus"), a.medianFocusScore === null ? t("no-data") : `${a.medianFocusScore} — ${fv} (≥ ${s.aiming.minFocusScore})`, fc],
      [t("exposure"), a.meanLuma === null ? t("no-data") : `${a.meanLuma} / 255 — ${ev} (${s.aiming.lumaRange[0]}–${s.aiming.lumaRange[1]})`, ec],
      [t("samples"), a.samples],
    ]);

    const c = s.camera;
    fill("camera", [
      [t("fps"), c.framesPerSecond],
      [t("framesRead"), c.framesRead],
      [t("dropped"), c.framesDropped],
      [t("reconnects"), c.reconnects],
      [t("lastFrame"), c.lastFrameAgeS === null ? t("never") : `${fmtAge(c.lastFrameAgeS)} ${t("ago")}`, c.lastFrameAgeS !== null && c.lastFrameAgeS <= 10 ? "ok" : "bad"],
      [t("processed"), s.pipeline.framesProcessed],
      [t("detections"), s.pipeline.detections],
      [t("platesRead"), s.pipeline.reads],
      [t("vehicles"), s.pipeline.vehicles],
    ]);

    fill("uplink", [
      [t("broker"), s.uplink.connected ? t("connected") : t("disconnected"), s.uplink.connected ? "ok" : "bad"],
      [t("depth"), s.outbox.depth],
      [t("oldest"), s.outbox.oldestAgeS === null ? t("empty") : fmtAge(s.outbox.oldestAgeS)],
      [t("rejected"), s.outbox.rejected, s.outbox.rejected > 0 ? "bad" : ""],
      [t("published"), s.uplink.published],
      [t("acknowledged"), s.uplink.acknowledged],
      [t("lastAck"), fmtTime(s.uplink.lastAcknowledgedUtc)],
      [t("ackLatency"), s.uplink.meanAckLatencyS === null ? t("na") : `${s.uplink.meanAckLatencyS} ${t("seconds")}`],
    ]);

    const sys = s.system;
    const offsetS = (Date.now() - new Date(s.clock.utcNow).getTime()) / 1000;
    fill("unit", [
      [t("device"), `${s.unit.deviceId} (${s.unit.siteId}, ${s.unit.road})`],
      [t("version"), `${s.unit.softwareVersion} · ${s.unit.runtime}`],
      [t("models"), s.unit.models],
      [t("utcNow"), fmtTime(s.clock.utcNow)],
      [t("clockSource"), s.clock.source],
      [t("clockOffset"), `${offsetS.toFixed(1)} ${t("seconds")}`, Math.abs(offsetS) > 5 ? "bad" : ""],
      [t("disk"), sys.diskFreeBytes === null ? t("na") : `${fmtBytes(sys.diskFreeBytes)} / ${fmtBytes(sys.diskTotalBytes)}`],
      [t("load"), `${sys.loadAverage} (${sys.cores} ${t("cores")})`],
      [t("temperature"), sys.temperatureC === null ? t("na") : `${sys.temperatureC.toFixed(1)} °C`],
    ]);

    fill("hardware", hardwareRows(s.hardware, s.calibration));

    const reads = $("reads");
    reads.replaceChildren();
    $("reads-empty").hidden = s.reads.length > 0;
    for (const r of s.reads) {
      const li = document.createElement("li");
      const img = document.createElement("img");
      img.alt = r.plate;
      if (r.cropUrl) img.src = r.cropUrl;
      const text = document.createElement("div");
      const plate = document.createElement("div");
      plate.className = "plate";
      plate.textContent = r.plate;
      const meta = document.createElement("div");
      meta.className = "muted";
      meta.textContent = `${r.country} · ${Math.round(r.confidence * 100)} % · ${r.votes} · ${r.direction} · ${fmtTime(r.seenAtUtc)}`;
      if (r.violations && r.violations.length > 0) {
        const badge = document.createElement("span");
        badge.className = "violation";
        badge.textContent = " " + r.violations.join(" + ");
        plate.append(badge);
      }
      if (r.halvesAgree === false) {
        const badge = document.createElement("span");
        badge.className = "violation";
        badge.textContent = " " + t("halvesDiffer");
        plate.append(badge);
      }
      text.append(plate, meta);
      li.append(img, text);
      reads.append(li);
    }

    const lines = (id, items, format) => {
      const ul = $(id);
      ul.replaceChildren();
      for (const item of items) {
        const li = document.createElement("li");
        const [text, cls] = format(item);
        li.textContent = text;
        if (cls) li.className = cls;
        ul.append(li);
      }
    };
    lines("audit", s.audit, (e) => [`${fmtTime(e.atUtc)}  ${e.action}: ${e.outcome} (${e.client})`]);
    lines("logs", s.logs, (l) => [`${l.atUtc.substring(11, 19)} ${l.level.substring(0, 3).toUpperCase()} ${l.source}: ${l.message}`, `lvl-${l.level}`]);

    const config = $("config");
    config.replaceChildren();
    for (const kv of s.config) {
      const dt = document.createElement("dt");
      dt.textContent = kv.key;
      const dd = document.createElement("dd");
      dd.textContent = kv.value;
      config.append(dt, dd);
    }
  }

  async function pollState() {
    if (!running) return;
    try {
      const res = await fetch("/diag/api/state", { cache: "no-store" });
      if (res.status === 401) return showSignIn();
      lastState = await res.json();
      render(lastState);
    } catch { /* the unit may be restarting: try again */ }
    setTimeout(pollState, 2000);
  }

  async function pollLive() {
    if (!running) return;
    try {
      const res = await fetch("/diag/api/live", { cache: "no-store" });
      if (res.status === 401) return showSignIn();
      const f = await res.json();
      if (f.sequence >= 0 && f.sequence !== lastSeq) {
        lastSeq = f.sequence;
        $("live-img").src = f.jpeg;
        $("live-img").dataset.sequence = String(f.sequence);
        $("live-seq").textContent = String(f.sequence);
        $("live-time").textContent = fmtTime(f.capturedAtUtc);
        drawBoxes(f);
      }
    } catch { /* try again */ }
    setTimeout(pollLive, 300);
  }

  function drawBoxes(f) {
    const svg = $("live-boxes");
    const ns = "http://www.w3.org/2000/svg";
    svg.setAttribute("viewBox", `0 0 ${f.width} ${f.height}`);
    svg.replaceChildren();
    for (const b of f.boxes) {
      const r = document.createElementNS(ns, "rect");
      r.setAttribute("x", b.x); r.setAttribute("y", b.y); r.setAttribute("width", b.width); r.setAttribute("height", b.height);
      if (b.text) r.setAttribute("class", "read");
      svg.append(r);
      if (b.text) {
        const label = document.createElementNS(ns, "text");
        label.setAttribute("x", b.x); label.setAttribute("y", Math.max(30, b.y - 8));
        label.textContent = b.text;
        svg.append(label);
      }
    }
  }

  function showSignIn(session) {
    running = false;
    $("page").hidden = true;
    $("signout").hidden = true;
    $("signin").hidden = false;
    const noPassword = session && !session.passwordSet;
    $("no-password").hidden = !noPassword;
    $("signin-form").hidden = !!noPassword;
    if (session && session.lockedUntilUtc) $("signin-error").textContent = t("locked", fmtTime(session.lockedUntilUtc));
  }

  function showPage() {
    $("signin").hidden = true;
    $("page").hidden = false;
    $("signout").hidden = false;
    if (!running) { running = true; pollState(); pollLive(); }
  }

  async function start() {
    applyLanguage();
    const session = await (await fetch("/diag/api/session", { cache: "no-store" })).json();
    if (session.signedIn) showPage(); else showSignIn(session);
  }

  $("signin-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const error = $("signin-error");
    error.textContent = "";
    $("signin-button").disabled = true;
    try {
      const res = await fetch("/diag/api/signin", { method: "POST", headers: HEADER, body: JSON.stringify({ password: $("password").value }) });
      $("password").value = "";
      if (res.ok) return showPage();
      const body = await res.json().catch(() => ({}));
      error.textContent = body.error === "locked" ? t("locked", fmtTime(body.lockedUntilUtc))
        : body.error === "wrong-password" ? t("wrongPassword")
        : body.error === "no-password" ? t("noPasswordError") : t("failed");
      error.dataset.error = body.error || "failed";
    } finally {
      $("signin-button").disabled = false;
    }
  });

  $("signout").addEventListener("click", async () => {
    await fetch("/diag/api/signout", { method: "POST", headers: HEADER });
    start();
  });

  $("ir-flash").addEventListener("click", async () => {
    const res = await fetch("/diag/api/ir-flash", { method: "POST", headers: HEADER });
    const body = await res.json().catch(() => ({}));
    $("ir-result").textContent = res.ok ? t("irFired") : t("irFailed", body.error || res.status);
  });

  $("lang-toggle").addEventListener("click", () => {
    lang = lang === "ar" ? "en" : "ar";
    localStorage.setItem("edgecam-lang", lang);
    applyLanguage();
  });

  start();
})();
