/* The practices matrix on a phone: the group's board first, then the deck; tap a card, then
   tap its place (or "back to the deck"). The group sees every move; the last move wins. */
import { state, hooks, el, button, status, screen } from "./core.js";

let board = null;
let picked = null;  // the card id tapped, waiting for a place
let moveSeq = null;

export function sections(s) { if (s.board !== undefined) { board = s.board; } }
export function reset() { /* the board comes again with the next state */ }
export function ack(seq) {
  if (seq !== null && seq === moveSeq) { moveSeq = null; status(""); return true; }
  return false;
}
export function refused() { return false; }

function move(cardId, cell) {
  picked = null;
  const seq = hooks.send({ type: "card_move", board: board.id, card: cardId,
    row: cell ? cell[0] : null, column: cell ? cell[1] : null });
  if (seq) { moveSeq = seq; status("Sending\u2026", "busy"); }
  // show it at once; the app's answer (the group's board) follows
  board.cards.forEach((c) => { if (c.id === cardId) { c.cell = cell; } });
  hooks.render();
}
function cardButton(card, id) {
  const mark = card.match === true ? " \u2713" : card.match === false ? " \u2717" : "";
  const b = button("card" + (picked === card.id ? " picked" : "") +
    (card.match === true ? " match" : card.match === false ? " mismatch" : ""),
  card.text + mark, () => {
    if (board.locked) { status("The facilitator has locked your board.", "bad"); return; }
    picked = picked === card.id ? null : card.id;
    hooks.render();
  }, id || "card-" + card.id);
  b.setAttribute("data-card", card.id);
  b.setAttribute("aria-pressed", String(picked === card.id));
  if (card.match === true || card.match === false) {
    b.setAttribute("aria-label", card.text + (card.match ? ", matches the model" : ", does not match the model"));
  }
  return b;
}
function inCell(c, r, col) { return c.cell && c.cell[0] === r.id && c.cell[1] === col.id; }
function placePicker(s) {
  // a card is picked: its places at the top, not a long scroll away
  const card = board.cards.filter((c) => c.id === picked)[0];
  s.appendChild(cardButton(card, "picked"));
  const line = el("div", "which");
  line.appendChild(button("secondary", "Cancel", () => { picked = null; hooks.render(); }, "cancel-pick"));
  if (card.cell) {
    line.appendChild(button("secondary", "Back to the deck", () => { move(picked, null); }, "to-deck"));
  }
  s.appendChild(line);
  board.rows.forEach((r) => {
    s.appendChild(el("h2", "row", r.name));
    const places = el("div", "places");
    board.columns.forEach((col) => {
      const n = board.cards.filter((c) => inCell(c, r, col)).length;
      const here = inCell(card, r, col);
      const b = button("place" + (here ? " here" : ""), col.name, () => {
        move(picked, [r.id, col.id]);
      }, "place-" + r.id + "-" + col.id);
      b.appendChild(el("small", "", here ? "here now" : n + (n === 1 ? " card" : " cards")));
      b.setAttribute("data-place", r.id + "|" + col.id);
      b.setAttribute("aria-label", r.name + ", " + col.name + ": " + (here ? "here now" : n + (n === 1 ? " card" : " cards")));
      b.disabled = here;
      places.appendChild(b);
    });
    s.appendChild(places);
  });
}
export function view() {
  const room = state.room;
  if (!board || !room || room.activity !== "matrix") { return false; }
  if (picked && !board.cards.some((c) => c.id === picked)) { picked = null; }
  screen("board", JSON.stringify([board, picked]), (s) => {
    s.appendChild(el("h1", "", board.name));
    if (board.locked) { s.appendChild(el("p", "note", "The facilitator has locked your board.")); }
    else if (board.revealed) { s.appendChild(el("p", "note", "The model's answer is shown: \u2713 matches, \u2717 does not.")); }
    else {
      s.appendChild(el("p", "", picked ? "Now tap the place for the card." :
        "Tap a card, then tap where it belongs. Your group sees every move."));
    }
    if (picked) { placePicker(s); return; }
    // the board first (what the group has agreed so far), then the cards still to sort
    board.rows.forEach((r) => {
      s.appendChild(el("h2", "row", r.name));
      board.columns.forEach((col) => {
        const cellBox = el("div", "cell");
        cellBox.setAttribute("data-cell", r.id + "|" + col.id);
        cellBox.appendChild(el("p", "colname", col.name));
        board.cards.forEach((c) => { if (inCell(c, r, col)) { cellBox.appendChild(cardButton(c)); } });
        s.appendChild(cellBox);
      });
    });
    const deck = board.cards.filter((c) => !c.cell);
    const deckBox = el("div", "deck");
    deckBox.id = "deck";
    deckBox.appendChild(el("h2", "", "The deck (" + deck.length + ")"));
    deck.forEach((c) => { deckBox.appendChild(cardButton(c)); });
    if (!deck.length) { deckBox.appendChild(el("p", "muted", "Every card is placed.")); }
    s.appendChild(deckBox);
  });
  return true;
}
