/* lpdesk on a participant's phone: what a phone does beyond placing itself (comments and
   suggested actions now; the quiz and the matrix later). Loaded before phone.js, which calls
   window.lpdeskActivities(api) once with its helpers. Every text from the session or a
   participant goes in with textContent, never as markup. */
"use strict";
/* A position as lpdesk writes it everywhere (lpdesk.model.continuum_words.format_position):
   at most one decimal, no ".0", a real minus sign; "–" for none. The server sends its own
   text where it has one (the quiz result's position_text); this is for the phone's own
   marker, which is already held to one decimal. */
window.lpdeskFormatPosition = function (v) {
  if (v === null || v === undefined || typeof v !== "number" || !isFinite(v)) { return "\u2013"; }
  var text = v.toFixed(1);
  if (text.slice(-2) === ".0") { text = text.slice(0, -2); }
  return text === "-0" ? "0" : text.replace("-", "\u2212");
};
window.lpdeskActivities = function (api) {
  var NOTE_MAX = 500;
  var OWNER_MAX = 100;
  var draft = { text: "", kind: "comment", anonymous: false, open: false, seq: null, owner: "" };

  function typing() {
    var a = document.activeElement;
    return !!(a && (a.id === "note-text" || a.id === "note-owner"));
  }
  // frames held while typing are shown once the keyboard goes, not when the finger moves
  // from the text to the owner field (a re-render then would drop the field under it)
  function laterUnlessTyping() {
    setTimeout(function () { if (!typing()) { api.render(); } }, 0);
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
        ownerRow.hidden = draft.kind !== "action";
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
    text.addEventListener("blur", laterUnlessTyping);
    counted();
    box.appendChild(text);
    box.appendChild(count);
    // an action may name who could take it on (optional; the facilitator can change it)
    var ownerRow = el("label", "owner");
    ownerRow.appendChild(document.createTextNode("Who could take it on? (optional) "));
    var owner = el("input");
    owner.type = "text";
    owner.id = "note-owner";
    owner.maxLength = OWNER_MAX;
    owner.value = draft.owner;
    owner.addEventListener("input", function () { draft.owner = owner.value; });
    owner.addEventListener("blur", laterUnlessTyping);
    ownerRow.appendChild(owner);
    ownerRow.hidden = draft.kind !== "action";
    box.appendChild(ownerRow);
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
      var message = { type: "comment", kind: draft.kind, text: t, anonymous: draft.anonymous };
      if (draft.kind === "action" && draft.owner.trim()) { message.owner = draft.owner.trim(); }
      var seq = api.send(message);
      if (seq !== null) { draft.seq = seq; api.status("Sending\u2026"); }
    });
    go.id = "note-send";
    box.appendChild(go);
    box.appendChild(el("p", "muted", "The facilitator reads it first, then may show it to the room."));
    parent.appendChild(box);
  }
  // -- the quick quiz
  var sections = { quiz: null, quiz_questions: null, board: null };
  var local = { index: null, answers: {} };  // this phone's moves not yet confirmed
  function go(index) {
    local.index = index;
    api.send({ type: "quiz_go", index: index });
    api.render();
  }
  function answer(q, a, index, total) {
    local.answers[q.id] = a;
    api.send({ type: "quiz_answer", question: q.id, answer: a });
    go(index + 1 < total ? index + 1 : index);  // the last stays up for "See my result"
  }
  function quizView() {
    var quiz = sections.quiz, content = sections.quiz_questions;
    if (!quiz || !quiz.open || !content) { return false; }
    var el = api.el, questions = content.questions, total = questions.length;
    var index = local.index === null ? quiz.current : local.index;
    var answers = {};
    Object.keys(quiz.answers).forEach(function (k) { answers[k] = quiz.answers[k]; });
    Object.keys(local.answers).forEach(function (k) { answers[k] = local.answers[k]; });
    if (index >= total) { resultView(quiz, total); return true; }
    var q = questions[index];
    var s = api.screen("quiz");
    s.appendChild(el("p", "muted", "Question " + (index + 1) + " of " + total +
      (quiz.purpose === "target" ? " · where we want to be" : " · where we are now")));
    s.appendChild(el("h1", "", q.text));
    q.answers.forEach(function (a, i) {
      var b = api.button("choice", a.text, function () { answer(q, a.id, index, total); });
      b.id = "answer-" + i;
      b.setAttribute("aria-pressed", String(answers[q.id] === a.id));
      s.appendChild(b);
    });
    var nav = el("div", "which");
    var back = api.button("secondary", "◀ Back", function () { go(index - 1); });
    back.id = "quiz-back";
    back.disabled = index === 0;
    nav.appendChild(back);
    var last = index === total - 1;
    var next = api.button(last ? "primary" : "secondary",
      last ? "See my result" : (answers[q.id] ? "Next ▶" : "Skip ▶"),
      function () { go(index + 1); });
    next.id = "quiz-next";
    nav.appendChild(next);
    s.appendChild(nav);
    var done = questions.filter(function (x) { return answers[x.id]; }).length;
    s.appendChild(el("p", "muted", done + " of " + total + " answered. Tap another answer to change it."));
    return true;
  }
  function pulls(s, title, list) {
    s.appendChild(api.el("h2", "", title));
    if (!list.length) { s.appendChild(api.el("p", "muted", "No answer pulled this way")); return; }
    list.forEach(function (c) {
      var p = api.el("p", "pull");
      p.appendChild(api.el("b", "", c.topic));
      p.appendChild(api.el("span", "muted", c.answer));
      s.appendChild(p);
    });
  }
  function resultView(quiz, total) {
    var el = api.el, s = api.screen("quiz-result"), r = quiz.result;
    s.appendChild(el("p", "muted", quiz.purpose === "target" ? "Your quiz: where we want to be" : "Your quiz: where we are now"));
    if (!r) {
      s.appendChild(el("h1", "", "No result yet"));
      s.appendChild(el("p", "", "Answer at least one question to see where this puts you on the continuum."));
    } else {
      var h = el("h1", "stage", r.stage);
      h.id = "quiz-stage";
      s.appendChild(h);
      s.appendChild(el("p", "big", (r.position_text || window.lpdeskFormatPosition(r.position)) +
        " on the continuum"));
      s.appendChild(el("p", "", r.description));
      s.appendChild(el("p", "muted", r.answered < r.total
        ? "Based on " + r.answered + " of " + r.total + " questions"
        : "All " + r.total + " questions answered"));
      if (quiz.area) {
        s.appendChild(el("p", "note", "Placed as your " + (quiz.purpose === "target" ? "target" : "now") +
          " on “" + quiz.area + "”."));
      }
      pulls(s, "Pulled towards the organisation", r.left);
      pulls(s, "Pulled towards the learner", r.right);
    }
    var review = api.button("secondary", "◀ Review answers", function () { go(total - 1); });
    review.id = "quiz-review";
    s.appendChild(review);
  }

  // -- the practices matrix: tap a card, then tap a cell (or "back to the deck")
  var picked = null;  // the card id tapped, waiting for a place
  var moveSeq = null;
  function move(board, cardId, cell) {
    picked = null;
    var seq = api.send({ type: "card_move", board: board.id, card: cardId,
                         row: cell ? cell[0] : null, column: cell ? cell[1] : null });
    if (seq !== null) { moveSeq = seq; api.status("Sending\u2026"); }
    // show it at once; the app's answer (the group's board) follows
    board.cards.forEach(function (c) { if (c.id === cardId) { c.cell = cell; } });
    api.render();
  }
  function cardButton(board, card) {
    var mark = card.match === true ? " ✓" : card.match === false ? " ✗" : "";
    var b = api.button("card" + (picked === card.id ? " picked" : "") +
      (card.match === true ? " match" : card.match === false ? " mismatch" : ""),
      card.text + mark, function () {
        if (board.locked) { api.status("The facilitator has locked your board.", "bad"); return; }
        picked = picked === card.id ? null : card.id;
        api.render();
      });
    b.setAttribute("data-card", card.id);
    b.setAttribute("aria-pressed", String(picked === card.id));
    return b;
  }
  function placePicker(s, board, deck) {
    // a card is picked: its places at the top, not a long scroll away
    var el = api.el, card = board.cards.filter(function (c) { return c.id === picked; })[0];
    var moving = cardButton(board, card);
    moving.id = "picked";
    s.appendChild(moving);
    var line = el("div", "which");
    var cancel = api.button("secondary", "Cancel", function () { picked = null; api.render(); });
    cancel.id = "cancel-pick";
    line.appendChild(cancel);
    if (card.cell) {
      var back = api.button("secondary", "Back to the deck", function () { move(board, picked, null); });
      back.id = "to-deck";
      line.appendChild(back);
    }
    s.appendChild(line);
    board.rows.forEach(function (r) {
      s.appendChild(el("h2", "row", r.name));
      var places = el("div", "places");
      board.columns.forEach(function (col) {
        var n = board.cards.filter(function (c) {
          return c.cell && c.cell[0] === r.id && c.cell[1] === col.id;
        }).length;
        var here = card.cell && card.cell[0] === r.id && card.cell[1] === col.id;
        var b = api.button("place" + (here ? " here" : ""), col.name, function () {
          move(board, picked, [r.id, col.id]);
        });
        b.appendChild(el("small", "", here ? "here now" : n + (n === 1 ? " card" : " cards")));
        b.setAttribute("data-place", r.id + "|" + col.id);
        b.disabled = here;
        places.appendChild(b);
      });
      s.appendChild(places);
    });
  }
  function boardView() {
    var board = sections.board, room = api.state.room;
    if (!board || !room || room.activity !== "matrix") { return false; }
    var el = api.el, s = api.screen("board");
    if (picked && !board.cards.some(function (c) { return c.id === picked; })) { picked = null; }
    s.appendChild(el("h1", "", board.name));
    if (board.locked) { s.appendChild(el("p", "note", "The facilitator has locked your board.")); }
    else if (board.revealed) { s.appendChild(el("p", "note", "The model's answer is shown: ✓ matches, ✗ does not.")); }
    else {
      s.appendChild(el("p", "", picked ? "Now tap the place for the card." :
        "Tap a card, then tap where it belongs. Your group sees every move."));
    }
    var deck = board.cards.filter(function (c) { return !c.cell; });
    if (picked) { placePicker(s, board, deck); return true; }
    var deckBox = el("div", "deck");
    deckBox.id = "deck";
    deckBox.appendChild(el("h2", "", "The deck (" + deck.length + ")"));
    deck.forEach(function (c) { deckBox.appendChild(cardButton(board, c)); });
    if (!deck.length) { deckBox.appendChild(el("p", "muted", "Every card is placed.")); }
    s.appendChild(deckBox);
    board.rows.forEach(function (r) {
      s.appendChild(el("h2", "row", r.name));
      board.columns.forEach(function (col) {
        var cellBox = el("div", "cell");
        cellBox.setAttribute("data-cell", r.id + "|" + col.id);
        cellBox.appendChild(el("p", "colname", col.name));
        board.cards.forEach(function (c) {
          if (c.cell && c.cell[0] === r.id && c.cell[1] === col.id) {
            cellBox.appendChild(cardButton(board, c));
          }
        });
        s.appendChild(cellBox);
      });
    });
    return true;
  }

  // -- following the facilitator: what the room is doing when the phone has nothing to do --
  var WAITING = {
    "break": ["A short break", "The session goes on soon. This page follows by itself."],
    setup: ["Welcome", "The session starts soon. This page follows the facilitator by itself."],
    summary: ["Actions and summary", "The room is agreeing its actions. Suggest one below."],
    quiz: ["The quick quiz", "The quiz is on the room's screen. If the facilitator opens it " +
           "for phones, it appears here."],
    matrix: ["The practices matrix", "The room is sorting practice cards. Ask the facilitator " +
             "to put you in a group to sort your group's board here."],
    waiting: ["Hello", "Wait for the facilitator to open the next activity."]
  };
  function waitingView() {
    var room = api.state.room, words = WAITING[room.activity];
    if (!words || room.activity === "continuum") { return false; }
    var el = api.el, s = api.screen("waiting");
    s.setAttribute("data-activity", room.activity);
    s.appendChild(el("h1", "", words[0]));
    s.appendChild(el("p", "big", words[1]));
    return true;
  }

  return {
    // drew the screen: a break, the group's board, the open quiz, or what the room does
    view: function () {
      if (api.state.room && api.state.room.activity === "break") { return waitingView(); }
      return boardView() || quizView() || waitingView();
    },
    sections: function (s) {
      if (s.board !== undefined) { sections.board = s.board; }
      if (s.quiz) { sections.quiz = s.quiz; }
      if (s.quiz_questions) { sections.quiz_questions = s.quiz_questions; }
    },
    reset: function () { local.index = null; local.answers = {}; },
    busy: typing,  // a state frame waits while someone types (the keyboard stays up)
    after: function (section) {
      if (api.state.me && api.state.me.participant && section.id !== "quiz" &&
          section.id !== "board") { noteBox(section); }
    },
    ack: function (seq) {
      if (seq !== null && seq === moveSeq) { moveSeq = null; api.status(""); return true; }
      if (seq !== draft.seq || seq === null) { return false; }
      draft.seq = null; draft.text = ""; draft.owner = ""; draft.open = false;
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
