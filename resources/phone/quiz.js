/* The quick quiz on a phone: each phone answers its own new run; its result lands on the
   continuum only when it finishes ("See my result"). */
import { hooks, el, button, screen, formatPosition } from "./core.js";

let quiz = null, content = null;
let shownIndex = null;  // the question on screen: a new one takes focus to its heading
let local = { opening: null, index: null, answers: {} };  // moves not yet confirmed

export function sections(s) {
  if (s.quiz) {
    quiz = s.quiz;
    if (quiz.opening !== local.opening) {  // a new opening of the quiz starts afresh
      local = { opening: quiz.opening, index: null, answers: {} };
    }
  }
  if (s.quiz_questions) { content = s.quiz_questions; }
}
export function reset() { local = { opening: local.opening, index: null, answers: {} }; }
export function ack() { return false; }
export function refused() { return false; }

function go(index) {
  local.index = index;
  hooks.send({ type: "quiz_go", index: index });
  hooks.render();
}
function answer(q, a, index, total) {
  local.answers[q.id] = a;
  hooks.send({ type: "quiz_answer", question: q.id, answer: a });
  go(index + 1 < total ? index + 1 : index);  // the last stays up for "See my result"
}
export function view() {
  if (!quiz || !quiz.open || !content) { return false; }
  const questions = content.questions, total = questions.length;
  const index = local.index === null ? quiz.current : local.index;
  const answers = Object.assign({}, quiz.answers, local.answers);
  if (index >= total) { resultView(total); return true; }
  const q = questions[index];
  const key = JSON.stringify([quiz.opening, quiz.purpose, index, answers[q.id] || null,
    questions.filter((x) => answers[x.id]).length]);
  const moved = shownIndex !== null && shownIndex !== index;
  shownIndex = index;
  screen("quiz", key, (s) => {
    s.appendChild(el("p", "muted", "Question " + (index + 1) + " of " + total +
      (quiz.purpose === "target" ? " \u00b7 where we want to be" : " \u00b7 where we are now")));
    const h = el("h1", "", q.text);
    h.id = "quiz-question";
    s.appendChild(h);
    const group = el("div", "answers");
    group.setAttribute("role", "group");
    group.setAttribute("aria-labelledby", "quiz-question");
    q.answers.forEach((a, i) => {
      const b = button("choice", a.text, () => { answer(q, a.id, index, total); }, "answer-" + i);
      b.setAttribute("aria-pressed", String(answers[q.id] === a.id));
      group.appendChild(b);
    });
    s.appendChild(group);
    const nav = el("div", "which");
    const back = button("secondary", "\u25c0 Back", () => { go(index - 1); }, "quiz-back");
    back.disabled = index === 0;
    nav.appendChild(back);
    const last = index === total - 1;
    nav.appendChild(button(last ? "primary" : "secondary",
      last ? "See my result" : (answers[q.id] ? "Next \u25b6" : "Skip \u25b6"),
      () => { go(index + 1); }, "quiz-next"));
    s.appendChild(nav);
    const done = questions.filter((x) => answers[x.id]).length;
    s.appendChild(el("p", "muted", done + " of " + total + " answered. Tap another answer to change it."));
  }, moved ? "quiz-question" : undefined);
  return true;
}
function pulls(s, title, list) {
  s.appendChild(el("h2", "", title));
  if (!list.length) { s.appendChild(el("p", "muted", "No answer pulled this way")); return; }
  list.forEach((c) => {
    const p = el("p", "pull");
    p.appendChild(el("b", "", c.topic));
    p.appendChild(el("span", "muted", c.answer));
    s.appendChild(p);
  });
}
function resultView(total) {
  const r = quiz.result;
  screen("quiz-result", JSON.stringify([quiz.opening, quiz.purpose, quiz.area, quiz.finished, r]), (s) => {
    s.appendChild(el("p", "muted", quiz.purpose === "target" ? "Your quiz: where we want to be" : "Your quiz: where we are now"));
    if (!r) {
      s.appendChild(el("h1", "", "No result yet"));
      s.appendChild(el("p", "", "Answer at least one question to see where this puts you on the continuum."));
    } else {
      const h = el("h1", "stage", r.stage);
      h.id = "quiz-stage";
      s.appendChild(h);
      s.appendChild(el("p", "big", (r.position_text || formatPosition(r.position)) + " on the continuum"));
      s.appendChild(el("p", "", r.description));
      s.appendChild(el("p", "muted", r.answered < r.total
        ? "Based on " + r.answered + " of " + r.total + " questions"
        : "All " + r.total + " questions answered"));
      if (quiz.area && quiz.finished) {
        const note = el("p", "note", "Placed as your " + (quiz.purpose === "target" ? "target" : "now") +
          " on \u201c" + quiz.area + "\u201d.");
        note.id = "quiz-placed";
        s.appendChild(note);
      }
      pulls(s, "Pulled towards the organisation", r.left);
      pulls(s, "Pulled towards the learner", r.right);
    }
    s.appendChild(button("secondary", "\u25c0 Review answers", () => { go(total - 1); }, "quiz-review"));
  });
}
