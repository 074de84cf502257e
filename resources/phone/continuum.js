/* The continuum: where the organisation is now and where it should be. The screen is built
   when the area or the room's rules change; markers, values, dots and counts are updated in
   place, so the slider keeps focus under the arrow keys. */
import { state, hooks, el, button, status, screen, formatPosition } from "./core.js";

const KEY_SEND_MS = 250;  // arrow keys: the marker moves at once, the last value goes out
let keyTimer = null;
let local = null;  // {which, value}: a value shown before the app has confirmed it

function breakable(name) {
  // a soft hyphen in the middle of a long word lets "Unfacilitated" wrap in a narrow band
  return name.split(" ").map((word) => {
    if (word.length <= 10) { return word; }
    const at = Math.ceil(word.length / 2) + 1;
    return word.slice(0, at) + "\u00ad" + word.slice(at);
  }).join(" ");
}
function stageAt(v) {
  const stages = state.welcome.stages;
  let found = stages[0];
  stages.forEach((st) => { if (v >= st.start) { found = st; } });
  return found;
}
function valueOf(which) {
  if (local && local.which === which) { return local.value; }
  const p = state.me.placement;
  const v = p ? p[which] : null;
  return v === undefined ? null : v;
}
function locked() {
  const room = state.room;
  return room.locked || (room.by_groups && !state.me.group);
}
function place(value) {
  local = { which: state.active, value: value };
  const seq = hooks.send({ type: "place", area: state.room.area.id, which: state.active,
    value: value });
  if (seq) { state.pendingSeq = seq; status("Sending\u2026", "busy"); }
  else if (seq === 0) { state.pendingSeq = "queued"; }  // goes out on reconnect
  update(document.getElementById("continuum"));
}
function settled() {
  // once the app has answered and said where the marker is, its value is the one shown
  if (local && !keyTimer && !state.drag && state.pendingSeq === null &&
      state.meVersion > state.ackedAt) { local = null; }
}

export function placing() {
  const room = state.room, me = state.me;
  const key = JSON.stringify([room.area, room.locked, room.hidden, room.by_groups,
    me.group && me.group.name, !!room.distribution]);
  settled();
  const s = screen("continuum", key, build);
  update(s);
}
function build(s) {
  const room = state.room, me = state.me, w = state.welcome;
  s.appendChild(el("h1", "", room.area.name));
  let intro = room.by_groups && me.group
    ? "You place the markers of " + me.group.name + ": the last one sent counts for the group."
    : "Where is your organisation today (now), and where should it be (target)?";
  if (room.by_groups && !me.group) { intro = "The room works by groups: ask the facilitator to put you in one."; }
  s.appendChild(el("p", "", intro));
  if (room.locked) { s.appendChild(el("p", "note", "The facilitator has paused input.")); }
  else if (room.hidden) { s.appendChild(el("p", "note", "Private vote: only you see your markers.")); }
  const which = el("div", "which");
  ["now", "target"].forEach((k) => {
    const b = button(k, k === "now" ? "Now" : "Target", () => {
      state.active = k; update(s);
    }, "set-" + k);
    b.appendChild(el("span", "val", ""));
    which.appendChild(b);
  });
  s.appendChild(which);
  const track = el("div", "track" + (locked() ? " locked" : ""));
  track.id = "track";
  track.setAttribute("role", "slider");
  track.setAttribute("aria-valuemin", "0");
  track.setAttribute("aria-valuemax", "100");
  if (locked()) { track.setAttribute("aria-disabled", "true"); }
  track.tabIndex = 0;
  w.stages.forEach((st) => {
    const band = el("div", "band", breakable(st.name));
    band.setAttribute("aria-hidden", "true");
    band.style.left = st.start + "%";
    band.style.width = (st.end - st.start) + "%";
    track.appendChild(band);
  });
  const dots = el("div", "dots");
  dots.setAttribute("aria-hidden", "true");
  track.appendChild(dots);
  ["now", "target"].forEach((k) => {
    const m = el("div", "marker " + k, k === "now" ? "N" : "T");
    m.id = "marker-" + k;
    m.setAttribute("aria-hidden", "true");
    track.appendChild(m);
  });
  s.appendChild(track);
  const ends = el("div", "ends");
  ends.setAttribute("aria-hidden", "true");
  ends.appendChild(el("span", "", w.left));
  ends.appendChild(el("span", "", w.right));
  s.appendChild(ends);
  const count = el("p", "muted", "");
  count.id = "placed-count";
  s.appendChild(count);
  trackInput(track);
  s.appendChild(el("h2", "", "The four stages"));
  const list = el("ul", "stages");
  list.id = "stages";
  w.stages.forEach((st) => {
    const li = el("li");
    li.appendChild(el("b", "", st.name));
    li.appendChild(el("span", "tags", ""));
    li.appendChild(el("span", "", st.description));
    list.appendChild(li);
  });
  s.appendChild(list);
}
function shown(v) { return v !== null && v !== undefined; }
function update(s) {
  if (!s) { return; }
  const room = state.room, w = state.welcome;
  ["now", "target"].forEach((k) => {
    const v = valueOf(k);
    const b = s.querySelector("#set-" + k);
    b.setAttribute("aria-pressed", String(state.active === k));
    b.querySelector(".val").textContent = shown(v) ? formatPosition(v) + " \u00b7 " + stageAt(v).name : "not placed";
    const m = s.querySelector("#marker-" + k);
    m.hidden = !shown(v);
    m.style.left = (v || 0) + "%";
    m.classList.toggle("active", state.active === k);
  });
  const track = s.querySelector("#track");
  const v0 = valueOf(state.active);
  track.setAttribute("aria-label", state.active === "now" ? "Now marker" : "Target marker");
  if (shown(v0)) {
    track.setAttribute("aria-valuenow", String(Math.round(v0)));
    track.setAttribute("aria-valuetext", formatPosition(v0) + ", " + stageAt(v0).name);
  } else {
    track.removeAttribute("aria-valuenow");
    track.setAttribute("aria-valuetext", "not placed");
  }
  const dots = s.querySelector(".dots");
  dots.textContent = "";
  if (room.distribution) {
    ["now", "target"].forEach((k) => {
      room.distribution[k].forEach((v) => {
        const d = el("div", "dot " + k);
        d.style.left = v + "%";
        dots.appendChild(d);
      });
    });
  }
  s.querySelector("#placed-count").textContent = room.distribution
    ? "Small dots: the room's markers (" + room.placed + " of " + room.total + " placed)."
    : room.placed + " of " + room.total + " placed.";
  const items = s.querySelectorAll("#stages li");
  w.stages.forEach((st, i) => {
    const here = ["now", "target"].filter((k) => shown(valueOf(k)) && stageAt(valueOf(k)) === st);
    items[i].className = here.length ? "here" : "";
    const tags = items[i].querySelector(".tags");
    tags.textContent = "";
    here.forEach((k, j) => { tags.appendChild(el("span", k, (j ? " \u00b7 " : "") + "your " + k)); });
  });
}
function trackInput(track) {
  function valueAt(event) {
    const r = track.getBoundingClientRect();
    const v = (event.clientX - r.left) / r.width * 100;
    return Math.round(Math.max(0, Math.min(100, v)) * 10) / 10;
  }
  function show(v) {
    local = { which: state.active, value: v };
    update(document.getElementById("continuum"));
  }
  track.addEventListener("pointerdown", (e) => {
    if (locked()) { status("The facilitator has paused input.", "bad"); return; }
    e.preventDefault();
    try { track.setPointerCapture(e.pointerId); } catch (err) { /* old browsers */ }
    state.drag = { id: e.pointerId, value: valueAt(e) };
    show(state.drag.value);
  });
  track.addEventListener("pointermove", (e) => {
    if (!state.drag || state.drag.id !== e.pointerId) { return; }
    state.drag.value = valueAt(e);
    show(state.drag.value);
  });
  function done(e) {
    if (!state.drag || state.drag.id !== e.pointerId) { return; }
    const v = state.drag.value;
    state.drag = null;
    place(v);
  }
  track.addEventListener("pointerup", done);
  track.addEventListener("pointercancel", () => { state.drag = null; local = null; hooks.render(); });
  track.addEventListener("keydown", (e) => {
    const steps = { ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1, PageDown: -10,
      PageUp: 10 };
    if (!(e.key in steps) && e.key !== "Home" && e.key !== "End") { return; }
    e.preventDefault();
    if (locked()) { status("The facilitator has paused input.", "bad"); return; }
    const v = valueOf(state.active);
    let next = shown(v) ? v : 50;
    if (e.key === "Home") { next = 0; } else if (e.key === "End") { next = 100; }
    else { next += steps[e.key] * (e.shiftKey ? 10 : 1); }
    next = Math.max(0, Math.min(100, Math.round(next)));
    show(next);
    clearTimeout(keyTimer);
    keyTimer = setTimeout(() => { keyTimer = null; place(next); }, KEY_SEND_MS);
  });
}
