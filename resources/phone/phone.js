/* lpdesk on a participant's phone: the connection and which screen shows. The phone
   remembers its token (localStorage) so a reload, a locked screen or a dropped Wi-Fi comes
   back as the same participant; what it sends while the connection is down waits in an
   outbox and goes out on reconnect (the app's last-wins rule decides). */
import { state, hooks, remember, status } from "./core.js";
import { ended, loading, askCode, pickName } from "./join.js";
import { placing } from "./continuum.js";
import * as quiz from "./quiz.js";
import * as matrix from "./matrix.js";
import * as notes from "./notes.js";
import { waitingView } from "./waiting.js";

const who = document.getElementById("who");
const notMe = document.getElementById("notme");
const activities = [quiz, matrix, notes];  // each: sections(s), reset(), ack(seq), refused(m)
// what waits for the connection, by what it sets (the last placement of "now" replaces an
// earlier one): sent in order on the next welcome
const outbox = new Map();
const QUEUED = { place: (m) => "place:" + m.area + ":" + m.which,
  quiz_answer: (m) => "quiz_answer:" + m.question, quiz_go: () => "quiz_go",
  card_move: (m) => "card_move:" + m.board + ":" + m.card };

// -- connection ----------------------------------------------------------------------------
function connect() {
  if (state.removed || state.replaced || (state.ws && state.ws.readyState <= 1)) { return; }
  clearTimeout(state.retryTimer);
  if (!state.code) { render(); return; }
  const ws = new WebSocket("ws://" + location.host + "/ws");
  state.ws = ws;
  ws.onopen = () => {
    const hello = { type: "hello", room: state.code };
    if (state.token) { hello.token = state.token; }
    ws.send(JSON.stringify(hello));
  };
  ws.onmessage = (event) => {
    let m;
    try { m = JSON.parse(event.data); } catch (e) { return; }
    receive(m);
  };
  ws.onclose = (event) => {
    if (state.ws !== ws) { return; }
    state.ws = null;
    if (event.code === 4009) {  // the same phone opened lpdesk in another tab: no tug of war
      state.ended = "lpdesk is open in another tab on this phone."; state.endedDetail = "";
      state.replaced = true;
      status("");
      render();
      return;
    }
    if (state.removed || !state.code) { render(); return; }
    // a dropped Wi-Fi, a locked screen, or the facilitator stopping or restarting the app:
    // keep trying with the same token (with jitter, so 30 phones do not knock at once).
    // held off (4010 wrong codes, 4011 new phones from this Wi-Fi): say why, wait longer
    const why = state.refusedWith;
    state.refusedWith = null;
    if (why) { status(why + " Trying again by itself\u2026", "bad"); }
    else if (!state.ended) { offline(); }
    const wait = Math.max(HELD_OFF[event.code] || 0,
      Math.min(8000, 500 * Math.pow(2, state.retry++))) * (0.5 + Math.random() / 2);
    clearTimeout(state.retryTimer);
    state.retryTimer = setTimeout(connect, wait);
  };
}
const HELD_OFF = { 4010: 30000, 4011: 6000 };  // least wait (ms) by close code
function online() { return state.ws && state.ws.readyState === 1 && state.token && state.welcome; }
function transmit(message) {
  message.token = state.token;
  message.seq = ++state.seq;
  state.ws.send(JSON.stringify(message));
  return message.seq;
}
/* Send now, or keep it for the reconnect (placements, quiz answers, card moves; a claim or
   a comment is not kept). Returns the seq, 0 when queued, null when dropped. */
function send(message) {
  if (online()) { return transmit(message); }
  const key = QUEUED[message.type];
  if (key && state.token) {
    outbox.delete(key(message));
    outbox.set(key(message), message);
  }
  offline();
  connect();
  return key && state.token ? 0 : null;
}
function offline() {
  status(outbox.size ? "Not connected \u2013 what you sent goes out as soon as the phone is back"
    : "Connection lost \u2013 reconnecting\u2026", "bad");
}
hooks.send = send;
hooks.render = render;
function flushOutbox() {
  const waiting = Array.from(outbox.values());
  outbox.clear();
  waiting.forEach((m) => {
    const seq = transmit(m);
    if (m.type === "place") { state.pendingSeq = seq; }
  });
  if (waiting.length) { status("Sending\u2026", "busy"); }
}
// iOS closes WebSockets when the screen locks or the user switches apps: back at once
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible" && !(state.ws && state.ws.readyState <= 1)) {
    state.retry = 0;
    connect();
  }
});
window.addEventListener("online", () => { state.retry = 0; connect(); });

function announceRoom(before, after) {
  // the room's news, said once in the live region (never the whole screen again)
  if (!before || !state.me || !state.me.participant) { return; }
  if (after.locked !== before.locked) {
    status(after.locked ? "The facilitator has paused input." : "You can place again.");
  } else if (after.activity !== before.activity ||
             (after.area && before.area && after.area.id !== before.area.id)) {
    const names = { continuum: after.area ? after.area.name : "The continuum",
      quiz: "The quick quiz", matrix: "The practices matrix", "break": "A short break",
      summary: "Actions and summary", setup: "Welcome" };
    if (names[after.activity]) { status("Now: " + names[after.activity]); }
  }
}
function receive(m) {
  if (m.type === "welcome") {
    state.welcome = m;
    state.token = m.token;
    state.retry = 0;
    activities.forEach((a) => a.reset());  // what the app has is what counts after a reconnect
    state.ended = ""; state.endedDetail = "";
    remember();
    status("");
    flushOutbox();
    render();
  } else if (m.type === "state") {
    const s = m.sections || {};
    if (s.room) { announceRoom(state.room, s.room); state.room = s.room; }
    if (s.people) { state.people = s.people; }
    if (s.me) { state.me = s.me; state.meVersion++; }
    activities.forEach((a) => a.sections(s));
    if (!state.drag) { render(); }
  } else if (m.type === "ack") {
    if (activities.some((a) => a.ack(m.seq))) { return; }
    if (m.seq === state.pendingSeq) {
      state.pendingSeq = null; state.ackedAt = state.meVersion;
      status("Received \u2713", "ok"); render();
    }
    else if (m.seq === state.claimSeq) { status(""); }
  } else if (m.type === "error") {
    refused(m);
  } else if (m.type === "bye") {
    state.removed = m.reason === "removed";
    state.ended = state.removed
      ? "The facilitator has taken this phone out of the session."
      : "The session has ended";
    state.endedDetail = state.removed ? "" :
      "The facilitator has stopped taking input from phones. Thank you! This page " +
      "comes back by itself if they start again.";
    if (state.removed) { state.token = null; state.code = ""; outbox.clear(); remember(); }
    status("");
    render();
  }
}
function refused(m) {
  const code = m.code;
  activities.forEach((a) => a.refused(m));
  if (m.seq !== undefined && m.seq === state.pendingSeq) { state.pendingSeq = null; state.ackedAt = -1; render(); }
  if (code === "room") {
    state.code = ""; state.token = null; remember();
    state.codeError = m.message; render(); return;
  }
  if (code === "token") { state.token = null; remember(); return; }  // join afresh
  if (code === "removed") { receive({ type: "bye", reason: "removed" }); return; }
  if (code === "full") { state.removed = true; state.ended = m.message; render(); return; }
  if (code === "guesses" || code === "busy") { state.refusedWith = m.message; }  // closing
  status(m.message || "Not accepted.", "bad");
}

// -- which screen --------------------------------------------------------------------------
function render() {
  const me = state.me && state.me.participant;
  who.textContent = me ? me.name : "";
  notMe.hidden = !me || state.ended !== "";
  notes.show(!!me && !state.ended);
  if (state.ended) { return ended(connect); }
  if (!state.code) { return askCode(connect); }
  if (!state.welcome || !state.room || !state.me) { return loading(); }
  if (!me) { return state.people ? pickName() : loading(); }
  if (state.room.activity === "break") { return waitingView(); }
  if (matrix.view() || quiz.view()) { return; }
  if (state.room.activity === "continuum" && state.room.area) { return placing(); }
  return waitingView();
}
notMe.addEventListener("click", () => {
  state.typing = false;
  send({ type: "release" });
});

render();
connect();
