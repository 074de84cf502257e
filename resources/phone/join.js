/* Joining: the room code, the list of names (or a new name, or none), the group, and the
   screens when the phone cannot take part (connecting, ended, taken out). */
import { state, hooks, remember, el, button, status, screen } from "./core.js";

export function loading() {
  screen("loading", "", (s) => { s.appendChild(el("p", "big", "Connecting\u2026")); });
}
export function ended(connect) {
  screen("ended", JSON.stringify([state.ended, state.endedDetail, state.replaced]), (s) => {
    s.appendChild(el("h1", "", state.ended));
    if (state.endedDetail) { s.appendChild(el("p", "big", state.endedDetail)); }
    if (state.replaced) {
      s.appendChild(button("primary", "Use this tab", () => {
        state.replaced = false; state.ended = ""; loading(); connect();
      }, "use-tab"));
      return;
    }
    s.appendChild(el("p", "muted", "You can close this page."));
  });
}
export function askCode(connect) {
  screen("code", state.codeError, (s) => {
    s.appendChild(el("h1", "", "Join the session"));
    const help = el("p", "", "Type the room code shown on the screen.");
    help.id = "code-help";
    s.appendChild(help);
    if (state.codeError) { s.appendChild(el("p", "error", state.codeError)); }
    const input = el("input", "code");
    input.type = "text"; input.id = "room-code"; input.maxLength = 8;
    input.autocomplete = "off"; input.setAttribute("autocapitalize", "characters");
    input.setAttribute("aria-label", "Room code");
    input.setAttribute("aria-describedby", "code-help");
    s.appendChild(input);
    const go = button("primary", "Join", () => {
      const code = input.value.replace(/[\s-]/g, "").toUpperCase();
      if (code.length < 4) { input.focus(); return; }
      state.code = code; state.codeError = ""; remember();
      loading(); connect();
    }, "join");
    input.addEventListener("keydown", (e) => { if (e.key === "Enter") { go.click(); } });
    s.appendChild(go);
  });
}
function groupChooser(s, people) {
  if (!people.groups.length) { return () => null; }
  s.appendChild(el("h2", "", "Your group"));
  const choice = { id: null };
  const buttons = [];
  people.groups.forEach((g) => {
    const b = button("choice", g.name, () => {
      choice.id = g.id;
      buttons.forEach((x) => { x.setAttribute("aria-pressed", String(x === b)); });
    }, "group-" + g.id);
    b.setAttribute("aria-pressed", "false");
    b.style.borderLeft = "14px solid " + (/^#[0-9A-Fa-f]{6}$/.test(g.colour) ? g.colour : "#0b3d6b");
    buttons.push(b);
    s.appendChild(b);
  });
  return () => choice.id;
}
function claim(fields) {
  fields.type = "claim";
  state.groupFor = null;
  state.claimSeq = hooks.send(fields);
  if (state.claimSeq) { status("Sending\u2026", "busy"); }
}
export function pickName() {
  if (state.typing) { return typeName(); }
  if (state.groupFor) { return chooseGroupFor(state.groupFor); }
  const people = state.people;
  screen("names", JSON.stringify(people), (s) => {
    s.appendChild(el("h1", "", "Who are you?"));
    const groups = {};
    people.groups.forEach((g) => { groups[g.id] = g.name; });
    people.participants.forEach((p) => {
      const b = button("choice", p.name, () => {
        if (p.group || !people.groups.length) { claim({ participant: p.id }); return; }
        chooseGroupFor(p);
      }, "name-" + p.id);
      if (p.group && groups[p.group]) { b.appendChild(el("small", "", groups[p.group])); }
      if (p.taken) { b.disabled = true; b.appendChild(el("small", "", "already chosen on another phone")); }
      s.appendChild(b);
    });
    if (!people.participants.length) { s.appendChild(el("p", "muted", "No names on the list yet.")); }
    if (people.new_names) {
      s.appendChild(button("secondary", "My name is not on the list", () => {
        state.typing = true; hooks.render();
      }, "not-listed"));
    }
    if (people.anonymous) {
      s.appendChild(button("secondary", "Join without a name", () => {
        claim({ anonymous: true });
      }, "anonymous"));
    }
  });
}
function chooseGroupFor(p) {
  state.groupFor = p;  // an update of the list keeps this screen (and the group tapped)
  screen("group", p.id, (s) => {
    s.appendChild(el("h1", "", p.name));
    const picked = groupChooser(s, state.people);
    s.appendChild(button("primary", "Continue", () => {
      claim({ participant: p.id, group: picked() });
    }, "group-continue"));
    s.appendChild(button("secondary", "Back", () => {
      state.groupFor = null; hooks.render();
    }, "group-back"));
  });
}
function typeName() {
  screen("newname", JSON.stringify(state.people.groups), (s) => {
    s.appendChild(el("h1", "", "Your name"));
    const input = el("input");
    input.type = "text"; input.id = "new-name"; input.maxLength = 60; input.autocomplete = "name";
    input.setAttribute("aria-label", "Your name");
    s.appendChild(input);
    const picked = groupChooser(s, state.people);
    s.appendChild(button("primary", "Join", () => {
      const name = input.value.trim();
      if (!name) { input.focus(); return; }
      claim({ name: name, group: picked() });
    }, "new-name-join"));
    s.appendChild(button("secondary", "Back to the list", () => {
      state.typing = false; hooks.render();
    }, "new-name-back"));
  });
}
