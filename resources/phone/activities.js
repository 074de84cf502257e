/* lpdesk on a participant's phone: what a phone does beyond placing itself (comments and
   suggested actions now; the quiz and the matrix later). Loaded before phone.js, which calls
   window.lpdeskActivities(api) once with its helpers. Every text from the session or a
   participant goes in with textContent, never as markup. */
"use strict";
window.lpdeskActivities = function (api) {
  var NOTE_MAX = 500;
  var draft = { text: "", kind: "comment", anonymous: false, open: false, seq: null };

  function typing() {
    var a = document.activeElement;
    return !!(a && a.id === "note-text");
  }
  function noteBox(parent) {
    var el = api.el, box = el("details", "notes");
    box.id = "notes";
    box.open = draft.open;
    box.addEventListener("toggle", function () { draft.open = box.open; });
    box.appendChild(el("summary", "", "Send a comment or an action"));
    var kinds = el("div", "which");
    [["comment", "Comment"], ["action", "Suggested action"]].forEach(function (k) {
      var b = api.button("kind", k[1], function () {
        draft.kind = k[0];
        kinds.childNodes.forEach(function (x) {
          x.setAttribute("aria-pressed", String(x === b));
        });
      });
      b.id = "note-" + k[0];
      b.setAttribute("aria-pressed", String(draft.kind === k[0]));
      kinds.appendChild(b);
    });
    box.appendChild(kinds);
    var text = el("textarea");
    text.id = "note-text";
    text.maxLength = NOTE_MAX;
    text.rows = 3;
    text.value = draft.text;
    text.setAttribute("aria-label", "Your comment or action");
    var count = el("p", "muted count", "");
    function counted() { count.textContent = draft.text.length + " / " + NOTE_MAX; }
    text.addEventListener("input", function () { draft.text = text.value; counted(); });
    text.addEventListener("blur", function () { setTimeout(api.render, 0); });
    counted();
    box.appendChild(text);
    box.appendChild(count);
    var label = el("label", "check");
    var anon = el("input");
    anon.type = "checkbox";
    anon.id = "note-anonymous";
    anon.checked = draft.anonymous;
    anon.addEventListener("change", function () { draft.anonymous = anon.checked; });
    label.appendChild(anon);
    label.appendChild(document.createTextNode(" Send without my name"));
    box.appendChild(label);
    var go = api.button("primary", "Send", function () {
      var t = draft.text.trim();
      if (!t) { text.focus(); return; }
      var seq = api.send({ type: "comment", kind: draft.kind, text: t,
                           anonymous: draft.anonymous });
      if (seq !== null) { draft.seq = seq; api.status("Sending\u2026"); }
    });
    go.id = "note-send";
    box.appendChild(go);
    box.appendChild(el("p", "muted", "The facilitator reads it first, then may show it to the room."));
    parent.appendChild(box);
  }
  return {
    busy: typing,  // a state frame waits while someone types (the keyboard stays up)
    after: function (section) {
      if (api.state.me && api.state.me.participant) { noteBox(section); }
    },
    ack: function (seq) {
      if (seq !== draft.seq || seq === null) { return false; }
      draft.seq = null; draft.text = ""; draft.open = false;
      api.status("Sent to the facilitator \u2713", "ok");
      api.render();
      return true;
    },
    refused: function (m) {
      if (m.seq !== undefined && m.seq === draft.seq) { draft.seq = null; }
      return false;
    }
  };
};
