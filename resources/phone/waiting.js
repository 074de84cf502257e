/* What the room is doing when the phone has nothing to do: the page follows by itself. */
import { state, el, screen } from "./core.js";

const WAITING = {
  "break": ["A short break", "The session goes on soon. This page follows by itself."],
  setup: ["Welcome", "The session starts soon. This page follows the facilitator by itself."],
  summary: ["Actions and summary", "The room is agreeing its actions. Suggest one below."],
  quiz: ["The quick quiz", "The quiz is on the room's screen. If the facilitator opens it " +
         "for phones, it appears here."],
  matrix: ["The practices matrix", "The room is sorting practice cards. Ask the facilitator " +
           "to put you in a group to sort your group's board here."],
  continuum: ["The continuum", "Wait for the facilitator to open an area."]
};
export function waitingView() {
  const activity = state.room.activity;
  const words = WAITING[activity] ||
    ["Hello " + state.me.participant.name, "Wait for the facilitator to open the next activity."];
  screen("waiting", JSON.stringify([activity, words]), (s) => {
    s.setAttribute("data-activity", activity);
    s.appendChild(el("h1", "", words[0]));
    s.appendChild(el("p", "big", words[1]));
  });
}
