/* IT Support Advisor chat widget. One tag embeds it on any site:
 *   <script src="https://advisor.example.com/widget.js" defer data-open="true"></script>
 * It talks only to the origin it was loaded from, keeps its styles in a Shadow DOM
 * and puts every piece of text on the page as text nodes, never as HTML. */
(() => {
  "use strict";
  const script = document.currentScript || document.querySelector('script[src*="widget.js"]');
  if (!script || window.ITSupportAdvisor) return;

  const BASE = new URL(script.src, location.href).origin;
  const API = BASE + "/api/chat";
  const KEY = "itsa-widget:" + BASE;
  const MAX_ITEMS = 120;
  const MAX_STORED = 200000;
  const ds = script.dataset;
  const cfg = {
    open: ds.open === "true",
    title: ds.title || "IT Support Advisor",
    left: ds.position === "left",
    accent: /^#[0-9a-f]{6}$/i.test(ds.accent || "") ? ds.accent : "",
    timeout: Math.min(120000, Math.max(1000, parseInt(ds.timeout, 10) || 15000)),
  };
  const T = {
    launcher: "Ask our IT advisor",
    close: "Close chat",
    restart: "Start over",
    log: "Conversation",
    you: "You said:",
    bot: "Advisor said:",
    input: "Your message",
    placeholder: "Ask about IT support…",
    send: "Send",
    typing: "The advisor is typing…",
    options: "Suggested replies",
    retry: "Try again",
    offline: "I couldn't reach the advisor. Check your connection, then try again.",
    slow: "The advisor is taking too long to answer. Please try again.",
    broken: "Something went wrong on our side. Please try again.",
    card: "Recommendation",
    top: "Top pick",
    fit: "fit score",
    why: "Why it fits",
    runner: "Runner-up:",
    download: "Download summary (Markdown)",
    file: "it-support-recommendation.md",
  };

  let state = load();
  let busy = false;
  let pending = null;
  let blobs = [];

  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = String(text);
    return e;
  };
  const button = (cls, text, onClick) => {
    const b = el("button", cls, text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  };

  function load() {
    try {
      const raw = JSON.parse(localStorage.getItem(KEY) || "null");
      if (raw && Array.isArray(raw.items)) {
        return { session: typeof raw.session === "string" ? raw.session : null, items: raw.items,
                 options: Array.isArray(raw.options) ? raw.options : [] };
      }
    } catch (e) { /* unreadable or blocked storage: start empty */ }
    return { session: null, items: [], options: [] };
  }

  function save() {
    if (state.items.length > MAX_ITEMS) state.items = state.items.slice(-MAX_ITEMS);
    let raw = JSON.stringify(state);
    while (raw.length > MAX_STORED && state.items.length > 1) {
      state.items = state.items.slice(Math.ceil(state.items.length / 4));
      raw = JSON.stringify(state);
    }
    try { localStorage.setItem(KEY, raw); } catch (e) { /* full or blocked: keep it in memory only */ }
  }

  function newId() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return "w-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  /* **bold** becomes <strong>; the rest stays text. */
  function inline(parent, line) {
    line.split(/\*\*(.+?)\*\*/).forEach((part, i) => {
      if (part) parent.append(i % 2 ? el("strong", null, part) : document.createTextNode(part));
    });
  }

  /* Blank lines split paragraphs, "- " lines become list items, other lines break. */
  function rich(text) {
    const frag = document.createDocumentFragment();
    let list = null;
    let para = null;
    for (const raw of String(text).split("\n")) {
      const line = raw.trimEnd();
      const bullet = /^\s*- (.*)$/.exec(line);
      if (!line.trim()) {
        list = para = null;
      } else if (bullet) {
        if (!list) frag.append((list = el("ul")));
        para = null;
        const li = el("li");
        inline(li, bullet[1]);
        list.append(li);
      } else {
        list = null;
        if (para) para.append(el("br"));
        else frag.append((para = el("p")));
        inline(para, line);
      }
    }
    return frag;
  }

  /* ---- the DOM ---- */
  const host = document.createElement("it-support-advisor");
  const root = host.attachShadow({ mode: "open" });
  const sheet = el("link");
  sheet.rel = "stylesheet";
  sheet.href = BASE + "/widget.css";
  const wrap = el("div", "itsa" + (cfg.left ? " left" : ""));
  wrap.style.display = "none";
  if (cfg.accent) wrap.style.setProperty("--accent", cfg.accent);
  const show = () => { wrap.style.display = ""; };
  sheet.addEventListener("load", show);
  sheet.addEventListener("error", show);

  const panel = el("section", "panel");
  panel.id = "itsa-panel";
  panel.hidden = true;
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-labelledby", "itsa-title");
  const head = el("div", "head");
  const title = el("h2", null, cfg.title);
  title.id = "itsa-title";
  const restartBtn = button("restart", T.restart, () => restart());
  const closeBtn = button("close", "×", () => close(true));
  closeBtn.setAttribute("aria-label", T.close);
  head.append(title, restartBtn, closeBtn);

  const log = el("div", "log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");
  log.setAttribute("aria-label", T.log);
  log.tabIndex = 0;

  const typing = el("div", "typing");
  typing.setAttribute("role", "status");
  const dots = el("span", "dots", "\u2022\u2022\u2022");
  dots.setAttribute("aria-hidden", "true");
  typing.append(dots, el("span", "typing-text"));
  const notice = el("div", "notice");
  notice.setAttribute("role", "alert");
  notice.hidden = true;

  const composer = el("div", "composer");
  const label = el("label", "sr", T.input);
  const input = el("input");
  input.id = "itsa-input";
  label.htmlFor = input.id;
  input.type = "text";
  input.autocomplete = "off";
  input.maxLength = 2000;
  input.placeholder = T.placeholder;
  input.enterKeyHint = "send";
  const sendBtn = button("send", T.send, () => submit());
  composer.append(label, input, sendBtn);
  panel.append(head, log, typing, notice, composer);

  const launcher = el("button", "launcher");
  launcher.type = "button";
  launcher.setAttribute("aria-controls", panel.id);
  launcher.setAttribute("aria-expanded", "false");
  launcher.append(icon(), el("span", null, T.launcher));
  launcher.addEventListener("click", () => (panel.hidden ? open(true) : close(true)));

  wrap.append(panel, launcher);
  root.append(sheet, wrap);

  function icon() {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    const path = document.createElementNS(ns, "path");
    path.setAttribute("d", "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z");
    svg.append(path);
    return svg;
  }

  /* ---- rendering ---- */
  function renderItem(item) {
    if (item.who === "rec") return log.append(card(item.rec));
    const box = el("div", "msg " + (item.who === "user" ? "user" : "bot"));
    box.append(el("span", "sr", item.who === "user" ? T.you : T.bot));
    if (item.who === "user") box.append(document.createTextNode(item.text));
    else box.append(rich(item.text));
    log.append(box);
  }

  function renderOptions() {
    root.querySelectorAll(".options").forEach((n) => n.remove());
    if (!state.options.length) return;
    const group = el("div", "options");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", T.options);
    for (const opt of state.options) {
      group.append(button("option", opt.label, () => choose(opt)));
    }
    log.append(group);
  }

  function modelName(rec, id) {
    const entry = (rec.ranking || []).find((r) => r.model === id) || {};
    if (entry.name) return entry.name;
    const words = String(id || "").replace(/[_-]+/g, " ").trim();
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  const score = (n) => (typeof n === "number" ? n.toFixed(2) : "");

  function card(rec) {
    const top = (rec.ranking || []).find((r) => r.model === rec.top) || { score: null };
    const box = el("div", "card");
    box.dataset.model = rec.top || "";
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", T.card);
    box.append(el("p", "eyebrow", T.top));
    const pick = el("p", "pick");
    pick.append(el("strong", "name", modelName(rec, rec.top)), " ", el("span", "score", T.fit + " " + score(top.score)));
    const bar = el("div", "bar");
    const fill = el("span");
    fill.style.width = Math.round(Math.max(0, Math.min(1, top.score || 0)) * 100) + "%";
    bar.append(fill);
    box.append(pick, bar);
    if ((rec.reasons || []).length) {
      box.append(el("p", "why", T.why));
      const ul = el("ul", "reasons");
      for (const reason of rec.reasons) {
        const li = el("li");
        inline(li, String(reason));
        ul.append(li);
      }
      box.append(ul);
    }
    if (rec.runner_up && rec.runner_up.model) {
      const runner = el("p", "runner", T.runner + " ");
      runner.dataset.model = rec.runner_up.model;
      runner.append(el("strong", null, modelName(rec, rec.runner_up.model)),
                    " (" + T.fit + " " + score(rec.runner_up.score) + ")");
      box.append(runner);
    }
    if (rec.summary) {
      const url = URL.createObjectURL(new Blob([rec.summary], { type: "text/markdown;charset=utf-8" }));
      blobs.push(url);
      const a = el("a", "download", T.download);
      a.href = url;
      a.download = T.file;
      box.append(a);
    }
    return box;
  }

  function renderAll() {
    blobs.forEach((u) => URL.revokeObjectURL(u));
    blobs = [];
    log.replaceChildren();
    state.items.forEach(renderItem);
    renderOptions();
    scrollDown();
  }

  function add(item) {
    state.items.push(item);
    renderItem(item);
  }

  function scrollDown() {
    log.scrollTop = log.scrollHeight;
  }

  function setBusy(on) {
    busy = on;
    typing.classList.toggle("on", on);
    typing.lastChild.textContent = on ? T.typing : "";
    sendBtn.setAttribute("aria-disabled", String(on));
    if (on) scrollDown();
  }

  function showNotice(text, retry) {
    notice.replaceChildren(el("span", null, text));
    if (retry) {
      notice.append(button("retry", T.retry, () => {
        input.focus();
        deliver(retry);
      }));
    }
    notice.hidden = false;
  }

  /* ---- talking to the server ---- */
  /* Display names: the entry's own `name` when the server sends one, else the row of the
     summary's ranking table ("| 1 | Name | 0.59 | ...") whose rank and score match. */
  function names(rec, ranking) {
    for (const row of String(rec.summary || "").split("\n")) {
      const cells = row.split("|").map((c) => c.trim());
      const entry = /^\|\s*\d+\s*\|/.test(row) && ranking[Number(cells[1]) - 1];
      if (entry && !entry.name && cells[2] && cells[3] === score(entry.score)) entry.name = cells[2];
    }
  }

  function slim(rec) {
    const keep = (r) => ({ model: r.model, score: r.score, name: r.name });
    const ranking = (rec.ranking || []).map(keep);
    names(rec, ranking);
    return {
      top: rec.top, reasons: rec.reasons, summary: rec.summary, ranking,
      runner_up: rec.runner_up ? keep(rec.runner_up) : null,
    };
  }

  function accept(turn) {
    if (turn.session) state.session = turn.session;
    state.options = [];
    for (const reply of turn.replies) {
      add({ who: "bot", text: String(reply.text || "") });
      for (const o of reply.options || []) state.options.push({ id: String(o.id), label: String(o.label) });
    }
    if (turn.recommendation) add({ who: "rec", rec: slim(turn.recommendation) });
    renderOptions();
    save();
    scrollDown();
  }

  /* Sends one message (same id on every retry, so the server applies it once). */
  async function deliver(message) {
    if (busy) return;
    pending = message;
    notice.hidden = true;
    setBusy(true);
    const body = Object.assign({}, message, state.session ? { session: state.session } : {});
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), cfg.timeout);
    let failure = null;
    let retry = message;
    try {
      const res = await fetch(API, {
        method: "POST", mode: "cors", credentials: "omit", cache: "no-store",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body), signal: ctrl.signal,
      });
      let data = null;
      try { data = await res.json(); } catch (e) { data = null; }
      if (res.ok && data && Array.isArray(data.replies)) {
        accept(data);
      } else if (data && typeof data.message === "string" && res.status < 500) {
        failure = data.message;
        if (data.error === "bad_session") state.session = null;
        if (res.status === 413 || (res.status === 400 && data.error !== "bad_session")) retry = null;
      } else {
        failure = T.broken;
      }
    } catch (e) {
      failure = ctrl.signal.aborted ? T.slow : T.offline;
    } finally {
      clearTimeout(timer);
      setBusy(false);
    }
    if (failure) showNotice(failure, retry);
    else pending = null;
  }

  function send(message, shown) {
    if (busy) return false;
    add({ who: "user", text: shown });
    state.options = [];
    renderOptions();
    save();
    scrollDown();
    deliver(Object.assign({ id: newId() }, message));
    return true;
  }

  function submit() {
    const text = input.value.trim();
    if (!text || busy) return;
    if (send({ text }, text)) input.value = "";
    input.focus();
  }

  function choose(opt) {
    if (send({ option: opt.id }, opt.label)) input.focus();
  }

  function restart() {
    if (busy) return;
    state.items = [];
    state.options = [];
    save();
    renderAll();
    deliver({ option: "meta.restart", id: newId() });
    input.focus();
  }

  function greet() {
    if (!state.items.length && !busy && !pending) deliver({ option: "meta.greeting", id: newId() });
  }

  function open(focus) {
    panel.hidden = false;
    wrap.classList.add("is-open");
    launcher.setAttribute("aria-expanded", "true");
    scrollDown();
    greet();
    if (focus) input.focus();
  }

  function close(focus) {
    panel.hidden = true;
    wrap.classList.remove("is-open");
    launcher.setAttribute("aria-expanded", "false");
    if (focus) launcher.focus();
  }

  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.isComposing) {
      e.preventDefault();
      submit();
    }
  });
  panel.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.preventDefault();
      close(true);
    }
  });
  document.addEventListener("click", (e) => {
    const trigger = e.target instanceof Element && e.target.closest("[data-itsa-open]");
    if (trigger) {
      e.preventDefault();
      open(true);
    }
  });

  function mount() {
    document.body.append(host);
    renderAll();
    if (cfg.open) open(false);
  }

  window.ITSupportAdvisor = { open: () => open(true), close: () => close(false) };
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();
