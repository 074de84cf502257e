/* Comments and suggested actions, on every activity: one form built once and kept below
   the screen, so what someone is typing (the owner too) survives every update of the room. */
import { hooks, el, button, status } from "./core.js";

const NOTE_MAX = 500;
const OWNER_MAX = 100;  // live/activities.py
const hostBox = document.getElementById("notes-host");
let form = null;
let kind = "comment";
let sentSeq = null;

export function sections() { /* nothing from the room changes the form */ }
export function reset() { /* a draft survives a reconnect */ }
export function refused(m) { if (m.seq !== undefined && m.seq === sentSeq) { sentSeq = null; } return false; }
export function ack(seq) {
  if (seq === null || seq !== sentSeq) { return false; }
  sentSeq = null;
  const text = form.querySelector("#note-text");
  text.value = "";
  text.dispatchEvent(new Event("input"));
  form.querySelector("#note-owner").value = "";
  form.open = false;
  status("Sent to the facilitator \u2713", "ok");
  return true;
}
export function show(on) {
  if (on && !form) { build(); }
  if (form) { hostBox.hidden = !on; }
}
function build() {
  form = el("details", "notes");
  form.id = "notes";
  form.appendChild(el("summary", "", "Send a comment or an action"));
  const kinds = el("div", "which");
  kinds.setAttribute("role", "group");
  kinds.setAttribute("aria-label", "What you send");
  let ownerRow = null;  // for an action only
  [["comment", "Comment"], ["action", "Suggested action"]].forEach((k) => {
    const b = button("kind", k[1], () => {
      kind = k[0];
      ownerRow.hidden = kind !== "action";
      kinds.childNodes.forEach((x) => { x.setAttribute("aria-pressed", String(x === b)); });
    }, "note-" + k[0]);
    b.setAttribute("aria-pressed", String(kind === k[0]));
    kinds.appendChild(b);
  });
  form.appendChild(kinds);
  const text = el("textarea");
  text.id = "note-text";
  text.maxLength = NOTE_MAX;
  text.rows = 3;
  text.setAttribute("aria-label", "Your comment or action");
  text.setAttribute("aria-describedby", "note-count");
  const count = el("p", "muted count", "");
  count.id = "note-count";
  text.addEventListener("input", () => { count.textContent = text.value.length + " / " + NOTE_MAX; });
  count.textContent = "0 / " + NOTE_MAX;
  form.appendChild(text);
  form.appendChild(count);
  ownerRow = el("label", "owner");
  ownerRow.appendChild(document.createTextNode("Who could take it on? (optional)"));
  const owner = el("input");
  owner.type = "text";
  owner.id = "note-owner";
  owner.maxLength = OWNER_MAX;
  ownerRow.appendChild(owner);
  ownerRow.hidden = kind !== "action";
  form.appendChild(ownerRow);
  const label = el("label", "check");
  const anon = el("input");
  anon.type = "checkbox";
  anon.id = "note-anonymous";
  label.appendChild(anon);
  label.appendChild(document.createTextNode(" Send without my name"));
  form.appendChild(label);
  form.appendChild(button("primary", "Send", () => {
    const t = text.value.trim();
    if (!t) { text.focus(); return; }
    const message = { type: "comment", kind: kind, text: t, anonymous: anon.checked };
    const who = owner.value.trim();
    if (kind === "action" && who) { message.owner = who; }
    const seq = hooks.send(message);
    if (seq) { sentSeq = seq; status("Sending\u2026", "busy"); }
    else { status("Not connected \u2013 your text is kept: send it again when the phone is back", "bad"); }
  }, "note-send"));
  form.appendChild(el("p", "muted", "The facilitator reads it first, then may show it to the room."));
  hostBox.appendChild(form);
}
