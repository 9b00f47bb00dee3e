/* The slide engine of a Connectivity Atlas deck: keyboard navigation, Play on map slides, notes under the
 * slide (N) and the speaker's view in a second window (S). It needs only the page it is in: the deck's data
 * (the JSON in #deck-data, geometry included) and the Vega bundle inlined beside it; no network. */
(function () {
  "use strict";
  const DECK = JSON.parse(document.getElementById("deck-data").textContent);
  const T = DECK.strings;              // every text the engine shows, in one place (translatable)
  const slides = DECK.slides;
  // A view repeated in the deck sends its Play frames once: a later slide names the slide that carries them.
  slides.forEach((s) => { if (typeof s.frames === "number") s.frames = slides[s.frames].frames; });
  const $ = (id) => document.getElementById(id);
  const state = { index: 0, view: null, frame: -1, playing: false, timer: null, pace: DECK.pace,
                  started: null, speaker: null, drawn: 0, token: 0 };  // the clock starts at slide 1

  // --- helpers ---------------------------------------------------------------------------------------
  function withShared(node) {          // put the shared geometry back where the spec names it
    if (typeof node === "string" && node.startsWith("@@shared:")) return DECK.shared[node.slice(9)];
    if (Array.isArray(node)) return node.map(withShared);
    if (node && typeof node === "object") {
      const out = {};
      for (const k of Object.keys(node)) out[k] = withShared(node[k]);
      return out;
    }
    return node;
  }
  function scaled(node, ratio) {       // text sizes follow the window's height (the spec is made for 1080 px)
    if (Array.isArray(node)) return node.map((v) => scaled(v, ratio));
    if (node && typeof node === "object") {
      const out = {};
      for (const k of Object.keys(node)) {
        const v = node[k];
        if (k === "datasets" || k === "values") out[k] = v;
        else if (typeof v === "number" && /fontsize$/i.test(k)) out[k] = Math.max(11, Math.round(v * ratio));
        else if (typeof v === "number" && (k === "gradientLength" || k === "labelLimit" || k === "titleLimit" || k === "lineHeight"))
          out[k] = Math.round(v * ratio);
        else out[k] = scaled(v, ratio);
      }
      return out;
    }
    return node;
  }
  // A map as atlas/charts/projector.py's map_layout draws it: its legend inside the frame at the lower left
  // (ocean on the world map), horizontal and compact; a region taller than the screen (Africa) as large as
  // the height allows with its legend beside it, the view narrowed to the two so that they are centred
  // together. Returns the view's width.
  function mapLayout(spec, aspect, width, height, font) {
    const beside = aspect && height / aspect + DECK.legend_room * font < width;
    const legend = beside
      ? { orient: "bottom-left", direction: "vertical", gradientLength: Math.round(height * 0.3), offset: font, columns: 1 }
      : { orient: "bottom-left", direction: "horizontal", gradientLength: 14 * font, offset: Math.round(1.5 * font),
          fillColor: "rgba(255,255,255,0.8)", padding: Math.round(font / 3) };
    const place = (node) => {
      if (Array.isArray(node)) return node.map(place);
      if (!node || typeof node !== "object") return node;
      const out = {};
      for (const k of Object.keys(node)) {
        if (k === "datasets" || k === "values") out[k] = node[k];
        else if (k === "legend" && node[k] && typeof node[k] === "object") out[k] = Object.assign({}, node[k], legend);
        else out[k] = place(node[k]);
      }
      return out;
    };
    Object.assign(spec, place(spec));
    return beside ? Math.round(height / aspect + DECK.legend_room * font) : width;
  }
  function text(el, value) { el.textContent = value == null ? "" : value; }

  // --- drawing a slide -------------------------------------------------------------------------------
  function specFor(slide, frame) {
    const box = $("chart");
    const ratio = Math.min(2, Math.max(0.6, window.innerHeight / 1080));
    let spec = Object.assign({}, slide.spec);
    if (frame) {
      spec.datasets = Object.assign({}, spec.datasets, frame.datasets);
      spec.params = (spec.params || []).map((p) => (p.name in frame.params ? Object.assign({}, p, { value: frame.params[p.name] }) : p));
    }
    spec = scaled(withShared(spec), ratio);
    spec.width = Math.max(200, Math.floor(box.clientWidth));
    spec.height = Math.max(150, Math.floor(box.clientHeight));
    if (spec.projection) spec.width = mapLayout(spec, slide.aspect, spec.width, spec.height, Math.round(DECK.font * ratio));
    spec.autosize = { type: "fit", contains: "padding" };
    return spec;
  }

  async function draw(frameIndex) {
    const slide = slides[state.index];
    const token = ++state.token;
    const frame = frameIndex >= 0 && slide.frames.length ? slide.frames[frameIndex] : null;
    text($("slide-title"), frame && !slide.fixed_title ? frame.title : slide.title);
    text($("period-badge"), state.playing && frame ? frame.period : "");
    if (!slide.spec) {
      $("chart").replaceChildren($("period-badge")); state.view = null; markDrawn();
      document.body.dataset.drawnSlide = String(state.index + 1); return;
    }
    const holder = document.createElement("div");
    holder.style.cssText = "position:absolute;inset:0;display:flex;justify-content:center;align-items:center;";  // a narrowed map centred
    const result = await vegaEmbed(holder, specFor(slide, frame), { actions: false, renderer: "svg" })
      .catch((err) => { holder.textContent = T.chart_failed + " " + err; return null; });
    if (token !== state.token) { if (result) result.finalize(); return; }  // a newer draw has started
    if (state.view) state.view.finalize();
    state.view = result ? result.view : null;
    const badge = $("period-badge");
    $("chart").replaceChildren(holder, badge);
    markDrawn();
    document.body.dataset.drawnSlide = String(state.index + 1);
  }
  function markDrawn() { state.drawn += 1; document.body.dataset.drawn = String(state.drawn); }

  function show(index) {
    index = Math.max(0, Math.min(slides.length - 1, index));
    stop();
    const changed = index !== state.index;
    state.index = index;
    const slide = slides[index];
    state.frame = slide.frames.length ? slide.frames.length - 1 : -1;  // the slide's own period
    text($("slide-notices"), slide.notices.length ? T.not_used + " " + slide.notices.join("; ") : "");
    if (index === 0 && DECK.notices.length) text($("slide-notices"), DECK.notices.join(" "));
    const lines = $("slide-lines");
    lines.replaceChildren(...slide.lines.map((line) => { const li = document.createElement("li"); li.textContent = line; return li; }));
    text($("slide-source"), slide.source);
    text($("slide-notes"), [slide.notes || T.no_notes, slide.sources].filter(Boolean).join("\n\n"));
    text($("slide-number"), (index + 1) + " / " + slides.length);
    document.body.dataset.slide = String(index + 1);
    document.body.classList.toggle("has-play", slide.frames.length > 1);
    $("prev").disabled = index === 0;
    $("next").disabled = index === slides.length - 1;
    if (!DECK.embedded && changed) history.replaceState(null, "", "#" + (index + 1));
    if (DECK.embedded && changed) keepInAppUrl(index + 1);
    if (index === 0 && state.started === null) startClock();  // the talk starts at the first slide, not when the deck opens
    draw(state.frame);
    updateSpeaker();
  }

  // In the app, the slide shown goes into the page's own URL (?slide=N): a reload, a shared link or a
  // reconnect to another replica after a failure opens the deck on this slide, not the first.
  function keepInAppUrl(n) {
    try {
      const url = new URL(window.parent.location.href);
      if (url.searchParams.get("slide") === String(n)) return;
      url.searchParams.set("slide", String(n));
      window.parent.history.replaceState(window.parent.history.state, "", url.toString());
    } catch (err) { /* not inside the app */ }
  }

  // --- Play: from the first period (or the slide's saved start) up to the slide's own period -------
  function setPlaying(on) {
    state.playing = on;
    document.body.dataset.playing = on ? "1" : "0";
    text($("play"), on ? T.pause : T.play);
  }
  function stop() { if (state.timer) clearTimeout(state.timer); state.timer = null; setPlaying(false); }
  function togglePlay() {
    const slide = slides[state.index];
    if (slide.frames.length < 2) return;
    if (state.playing) { stop(); text($("period-badge"), ""); return; }
    if (state.frame >= slide.frames.length - 1) state.frame = 0;  // at the end: start from the beginning
    setPlaying(true);
    const step = async () => {
      await draw(state.frame);
      if (!state.playing) return;
      if (state.frame >= slides[state.index].frames.length - 1) { setPlaying(false); document.body.dataset.played = String(state.index + 1); return; }
      state.timer = setTimeout(() => { state.frame += 1; step(); }, state.pace * 1000);
    };
    step();
  }

  // --- the speaker's view: a second window kept in step both ways -----------------------------------
  function openSpeaker() {
    let w = state.speaker;
    if (!w || w.closed) {
      w = window.open("", "atlas-speaker-view", "width=1000,height=700");
      if (!w) { alert(T.popup_blocked); return; }
      state.speaker = w;
    }
    const d = w.document;
    d.open();
    d.write("<!doctype html><meta charset='utf-8'><title></title><body></body>");
    d.close();
    d.title = T.speaker_title;
    d.documentElement.lang = T.lang;
    const style = d.createElement("style");
    style.textContent = "body{font-family:Helvetica,Arial,sans-serif;margin:2vh 2vw;background:#111;color:#fff}" +
      "#sp-top{display:flex;justify-content:space-between;font-size:4vh;font-weight:700}" +
      "#sp-title{font-size:3.2vh;color:#ddd;margin:1vh 0}" +
      "#sp-notes{font-size:4.6vh;line-height:1.35;white-space:pre-wrap;margin:2vh 0;min-height:40vh}" +
      "#sp-sources{font-size:2.2vh;color:#bbb;line-height:1.3;margin:0 0 2vh 0}" +
      "#sp-next{font-size:3vh;color:#bbb;border-top:1px solid #555;padding-top:1vh}" +
      "button{font-size:2.6vh;margin-right:1vw;padding:.2em .8em}";
    d.head.appendChild(style);
    const body = d.body;
    const el = (tag, id) => { const e = d.createElement(tag); if (id) e.id = id; return e; };
    const top = el("div", "sp-top"), num = el("span", "sp-number"), clock = el("span", "sp-elapsed");
    top.append(num, clock);
    const controls = el("div", "sp-controls");
    const prev = el("button", "sp-prev"), next = el("button", "sp-next-button"), reset = el("button", "sp-reset");
    text(prev, T.previous); text(next, T.next); text(reset, T.reset_clock);
    prev.onclick = () => show(state.index - 1);
    next.onclick = () => show(state.index + 1);
    reset.onclick = startClock;
    controls.append(prev, next, reset);
    body.append(top, el("div", "sp-title"), el("div", "sp-notes"), el("div", "sp-sources"), el("div", "sp-next"), controls);
    d.addEventListener("keydown", (e) => onKey(e));
    updateSpeaker();
    tick();
  }
  function updateSpeaker() {
    const w = state.speaker;
    if (!w || w.closed) return;
    const d = w.document, slide = slides[state.index], next = slides[state.index + 1];
    if (!d.getElementById("sp-number")) return;
    text(d.getElementById("sp-number"), T.slide + " " + (state.index + 1) + " / " + slides.length);
    text(d.getElementById("sp-title"), slide.title);
    text(d.getElementById("sp-notes"), slide.notes || T.no_notes);
    text(d.getElementById("sp-sources"), slide.sources);
    text(d.getElementById("sp-next"), next ? T.next_slide + " " + next.title : T.last_slide);
    d.body.dataset.slide = String(state.index + 1);
  }
  function startClock() { state.started = Date.now(); tick(); }
  function tick() {
    const s = state.started === null ? 0 : Math.floor((Date.now() - state.started) / 1000);
    const clock = String(Math.floor(s / 60)).padStart(2, "0") + ":" + String(s % 60).padStart(2, "0");
    const w = state.speaker;
    if (w && !w.closed && w.document.getElementById("sp-elapsed")) text(w.document.getElementById("sp-elapsed"), T.elapsed + " " + clock);
  }
  setInterval(tick, 1000);

  // --- keys: arrows, Page Up/Down (clickers), Space, Home/End, P, S, N, F, ?, Esc --------------------
  function onKey(e) {
    if (e.target && /^(SELECT|INPUT|TEXTAREA)$/.test(e.target.tagName)) return;
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    switch (e.key) {
      case "ArrowRight": case "PageDown": case " ": case "ArrowDown": show(state.index + 1); break;
      case "ArrowLeft": case "PageUp": case "Backspace": case "ArrowUp": show(state.index - 1); break;
      case "Home": show(0); break;
      case "End": show(slides.length - 1); break;
      case "p": case "P": togglePlay(); break;
      case "s": case "S": openSpeaker(); break;
      case "n": case "N": document.body.classList.toggle("show-notes"); draw(state.frame); break;
      case "f": case "F": fullscreen(); break;
      case "?": case "h": case "H": document.body.classList.toggle("show-help"); break;
      case "Escape":                   // the help first, then the presentation
        if (document.body.classList.contains("show-help")) document.body.classList.remove("show-help"); else exit();
        break;
      default: return;
    }
    e.preventDefault();
  }
  function fullscreen() {
    if (document.fullscreenElement) document.exitFullscreen();
    else if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen().catch(() => {});
  }
  function exit() {
    stop();
    if (DECK.embedded) {               // inside the app: its own Exit button (hidden) leaves presenting
      try { const b = window.parent.document.querySelector(".st-key-present-exit button"); if (b) b.click(); } catch (err) { /* not the app */ }
    }
  }

  // --- start ---------------------------------------------------------------------------------------
  function build() {
    text($("prev"), T.previous); text($("next"), T.next); text($("play"), T.play);
    text($("pace-label-text"), T.pace);
    const pace = $("pace");
    for (const s of DECK.paces) {
      const o = document.createElement("option");
      o.value = String(s); o.textContent = T.pace_option.replace("{s}", T.paces[String(s)] || String(s)); o.selected = s === DECK.pace;
      pace.appendChild(o);
    }
    pace.onchange = () => { state.pace = Number(pace.value); };
    $("prev").onclick = () => show(state.index - 1);
    $("next").onclick = () => show(state.index + 1);
    $("play").onclick = togglePlay;
    const help = $("help");
    for (const [k, v] of T.keys) { const dt = document.createElement("dt"), dd = document.createElement("dd"); text(dt, k); text(dd, v); help.append(dt, dd); }
    document.addEventListener("keydown", (e) => onKey(e));
    let resize = null;
    window.addEventListener("resize", () => { clearTimeout(resize); resize = setTimeout(() => draw(state.frame), 150); });
    window.atlasDeck = { show: (i) => show(i - 1), togglePlay: togglePlay, openSpeaker: openSpeaker,
                         get index() { return state.index + 1; }, get frame() { return state.frame; },
                         get elapsed() { return state.started === null ? null : (Date.now() - state.started) / 1000; } };
    const fromHash = parseInt((location.hash || "").slice(1), 10);
    state.index = -1;
    show((!DECK.embedded && fromHash > 0 ? fromHash : DECK.start) - 1);
    window.focus();
  }
  build();
})();
