/* lpdesk on a participant's phone: what every part of the page shares. Plain JavaScript
   modules, no framework, no build step, nothing from the internet. Every text that came from
   the session or a participant goes in with textContent, never as markup. */
const KEY = "lpdesk:" + location.host;
let saved = {};
try { saved = JSON.parse(localStorage.getItem(KEY) || "{}") || {}; } catch (e) { saved = {}; }
const fromLink = (location.hash || "").replace(/^#/, "").replace(/[\s-]/g, "").toUpperCase();

export const state = {
  code: fromLink || saved.code || "", token: saved.token || null, ws: null, seq: 0,
  welcome: null, room: null, people: null, me: null, active: "now", ended: "", endedDetail: "",
  removed: false, replaced: false, claimSeq: null, retry: 0, retryTimer: null, typing: false,
  codeError: "", refusedWith: null, groupFor: null, drag: null, pendingSeq: null, meVersion: 0, ackedAt: -1
};
// filled in by phone.js: sending and drawing live there, every module calls them
export const hooks = { send: () => null, render: () => {} };

export function remember() {
  try { localStorage.setItem(KEY, JSON.stringify({ code: state.code, token: state.token })); }
  catch (e) { /* private mode: the phone just asks again after a reload */ }
}
// a position as lpdesk.model.continuum_words.format_position writes it: "31", "30.8", "–"
export function formatPosition(v) {
  if (typeof v !== "number" || !isFinite(v)) { return "\u2013"; }
  // x.25 and x.75 go to the even digit as in Python (toFixed goes up)
  let text = Number.isInteger(v * 4) && !Number.isInteger(v * 2)
    ? (Math.round(v * 5) / 5).toFixed(1) : v.toFixed(1);
  if (text.slice(-2) === ".0") { text = text.slice(0, -2); }
  return text === "-0" ? "0" : text.replace("-", "\u2212");
}
export function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) { node.className = cls; }
  if (text !== undefined && text !== null) { node.textContent = String(text); }
  return node;
}
export function button(cls, text, onTap, id) {
  const b = el("button", cls, text);
  b.type = "button";
  if (id) { b.id = id; }
  b.addEventListener("click", onTap);
  return b;
}

// -- the one live region: "Received", what went wrong, and what the room is doing ---------
const statusLine = document.getElementById("status");
const bar = document.getElementById("bar");
let statusTimer = null;
const STATUS_MS = 4000;  // "Received" and the room's news go away; problems stay until fixed
export function status(text, kind) {
  clearTimeout(statusTimer);
  statusLine.textContent = text || "";
  statusLine.className = kind || "";
  // a control focused by keyboard scrolls into view below the bar, whatever its height
  document.documentElement.style.scrollPaddingTop = (bar.offsetHeight + 8) + "px";
  if (text && kind !== "bad" && kind !== "busy") {
    statusTimer = setTimeout(() => { status(""); }, STATUS_MS);
  }
}

// -- render what changed -------------------------------------------------------------------
const host = document.getElementById("screen");
/* The screen `id` drawn from inputs summed up in `key`: the same screen with the same key
   stays as it is (focus, scroll, a half-made choice); otherwise it is built again and focus
   goes back to the control with the same id. Returns the section. */
export function screen(id, key, build, moveTo) {
  const current = host.firstElementChild;
  if (current && current.id === id && current.getAttribute("data-key") === key) {
    return current;
  }
  const active = document.activeElement;
  const inside = !!(active && host.contains(active));
  const s = el("section", "screen");
  s.id = id;
  s.setAttribute("data-key", key);
  build(s);
  if (current) { host.replaceChild(s, current); } else { host.appendChild(s); }
  if (inside) {
    // the same control again; on another screen (or `moveTo`, e.g. the next question) its
    // heading, so a keyboard or screen reader user goes on from the top of what is new
    const again = document.getElementById(moveTo || active.id) ||
      (current && current.id === id ? null : s.querySelector("h1"));
    if (again) {
      if (again.tagName === "H1") { again.tabIndex = -1; }
      again.focus({ preventScroll: !!(current && current.id === id && !moveTo) });
    }
  }
  return s;
}
