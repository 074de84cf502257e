"""What phones may send beyond placing themselves: comments and suggested actions (and
later the quiz and the matrix). Pure Python like protocol.py: the message kinds register in
`MESSAGE_TYPES`, checked on the server thread; the per-device limits are kept on the GUI
thread by the live controller.

    {"type": "comment", "kind": "comment" | "action", "text": "...", "anonymous": false}

A note's text is plain text, 1-NOTE_MAX characters after control characters are turned to
spaces (line breaks kept); a whole message is at most MAX_MESSAGE_BYTES anyway, so a
megabyte never gets past the server's reader. A device may send NOTE_BURST notes at once,
then one every NOTE_EVERY seconds (a token bucket): a flood is refused with a plain
sentence and nothing reaches the session.
"""
from __future__ import annotations

from typing import Any

from lpdesk.live.budget import Buckets, TokenBucket
from lpdesk.live.protocol import MessageType, ProtocolError, bool_field, clean_text, register
from lpdesk.model.continuum_words import format_position
from lpdesk.model.room import NOTE_KINDS

NOTE_MAX = 500  # characters: a comment typed on a phone, not an essay
OWNER_MAX = 100  # a suggested action's owner, as typed on a phone
NOTE_BURST = 3
NOTE_EVERY = 10.0  # seconds per note once the burst is used
SHOWN_PULLS = 2  # answers per side on a phone's result, as on the projector's result


def note_kind_field(name: str, value: Any) -> str:
    if value not in NOTE_KINDS:
        raise ProtocolError("field", f"{name}: expected comment or action")
    return value


def note_text_field(name: str, value: Any) -> str:
    """Plain text: control and direction characters become spaces, at most 2 blank lines."""
    if not isinstance(value, str):
        raise ProtocolError("field", f"{name}: expected text")
    text = clean_text(value, newlines=True)  # live/text.py: once, where messages enter
    if not text:
        raise ProtocolError("empty", "Type something first.")
    if len(text) > NOTE_MAX:
        raise ProtocolError("long", f"A note has at most {NOTE_MAX} characters.")
    return text


def note_owner_field(name: str, value: Any) -> str:
    """A suggested action's owner (optional): one line of plain text, at most OWNER_MAX
    characters, "" for none."""
    if not isinstance(value, str):
        raise ProtocolError("field", f"{name}: expected text")
    text = clean_text(value)  # live/text.py: one line, cleaned where it enters
    if len(text) > OWNER_MAX:
        raise ProtocolError("long", f"An owner has at most {OWNER_MAX} characters.")
    return text


# "anonymous": send it without the participant's name; "owner": who could take an action on
COMMENT = register(MessageType("comment", {"kind": note_kind_field, "text": note_text_field,
                                           "anonymous": bool_field, "owner": note_owner_field},
                               ("kind", "text")))


class NoteRate:
    """Per device: NOTE_BURST notes at once, then one per NOTE_EVERY seconds (the app's
    one token bucket, live/budget.py)."""

    def __init__(self, burst: int = NOTE_BURST, every: float = NOTE_EVERY) -> None:
        self.burst, self.every = burst, every
        self._buckets = Buckets(lambda: TokenBucket(1.0 / self.every, float(self.burst)))

    def take(self, device_id: str, now: float) -> None:
        """Count one note for the device, or raise ProtocolError if it sent too many."""
        bucket = self._buckets.get(device_id)
        if not bucket.take(now):
            wait = int(bucket.wait(now)) + 1
            raise ProtocolError("rate", f"That was a lot at once: wait {wait} seconds, "
                                        "then send again.")


# -- the quick quiz on the phones ------------------------------------------------------------
#   {"type": "quiz_answer", "question": "<id>", "answer": "<id>" | null}   answer or clear
#   {"type": "quiz_go", "index": n}   show question n (0-based; n = the number of questions
#                                     is the result: the phone has finished)
# The ids are checked against the quiz content on the GUI thread (`check_quiz_answer`).
def index_field(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 1000:
        raise ProtocolError("field", f"{name}: expected a question number")
    return value


def optional_answer_field(name: str, value: Any) -> str | None:
    from lpdesk.live.protocol import optional_id_field
    return optional_id_field(name, value)


def question_field(name: str, value: Any) -> str:
    from lpdesk.live.protocol import id_field
    return id_field(name, value)


QUIZ_ANSWER = register(MessageType("quiz_answer", {"question": question_field,
                                                   "answer": optional_answer_field},
                                   ("question", "answer")))
QUIZ_GO = register(MessageType("quiz_go", {"index": index_field}, ("index",)))


def check_quiz_answer(content: Any, question_id: str, answer_id: str | None) -> int:
    """The question's index; raise ProtocolError if the question or the answer is unknown."""
    for index, question in enumerate(content.questions):
        if question.id == question_id:
            if answer_id is not None and question.answer(answer_id) is None:
                raise ProtocolError("answer", "That answer is not one of this question's.")
            return index
    raise ProtocolError("question", "That question is not in this quiz.")


def quiz_questions_section(content: Any) -> dict[str, Any]:
    """Every phone alike, sent once: the questions and their answers (never the scores)."""
    return {"questions": [{"id": q.id, "text": q.text,
                           "answers": [{"id": a.id, "text": a.text} for a in q.answers]}
                          for q in content.questions]}


def my_quiz_section(run: Any, content: Any, stages: Any, open_: bool, purpose: str,
                    area: Any) -> dict[str, Any]:
    """One phone's quiz: open or not, its answers, where it is and, once finished, its
    result with the stage and the answers that pulled it each way (as the app words them)."""
    from lpdesk.model.quiz_scoring import score
    section: dict[str, Any] = {"open": open_, "purpose": purpose,
                               "area": area.name if area is not None else "",
                               "answers": {}, "current": 0, "finished": False, "result": None}
    if run is None:
        return section
    total = len(content.questions)
    section["answers"] = dict(run.answers)
    section["current"] = min(run.current_question, total)
    section["finished"] = run.current_question >= total
    result = score(content.questions, run.answers)
    if result.position is not None:
        stage = stages.stage_at(result.position)
        section["result"] = {
            "position": round(result.position, 1), "stage": stage.name,
            # the desk's, the room's and the exports' wording of the figure (one rule)
            "position_text": format_position(result.position),
            "description": stage.description,
            "answered": result.answered, "total": result.total,
            "left": [{"topic": c.question.topic, "answer": c.answer.text}
                     for c in result.pulled_left[:SHOWN_PULLS]],
            "right": [{"topic": c.question.topic, "answer": c.answer.text}
                      for c in result.pulled_right[:SHOWN_PULLS]]}
    return section


# -- the practices matrix on the phones ----------------------------------------------------------
#   {"type": "card_move", "board": "<id>", "card": "<id>", "row": "<id>" | null,
#    "column": "<id>" | null}    a cell, or both null: back to the deck
def _optional_id(name: str, value: Any) -> str | None:
    from lpdesk.live.protocol import optional_id_field
    return optional_id_field(name, value)


CARD_MOVE = register(MessageType("card_move", {"board": question_field, "card": question_field,
                                               "row": _optional_id, "column": _optional_id},
                                 ("board", "card", "row", "column")))


def check_card_move(board: Any, card_id: str, row: str | None,
                    column: str | None) -> tuple[str, str] | None:
    """The cell (None: the deck); raise ProtocolError for an unknown card or cell."""
    if card_id not in {c.id for c in board.cards}:
        raise ProtocolError("card", "That card is not on your group's board.")
    if (row is None) != (column is None):
        raise ProtocolError("cell", "That place is not on the board.")
    if row is None:
        return None
    cell = (row, column)
    if not board.has_cell(cell):
        raise ProtocolError("cell", "That place is not on the board.")
    return cell


def board_section(board: Any, locked: bool) -> dict[str, Any]:
    """A group's board as its phones see it: the grid, the cards and where they are, and
    the match marks only once the facilitator has revealed the model's answer."""
    cards = []
    for card in board.cards:
        cell = board.positions.get(card.id)
        entry: dict[str, Any] = {"id": card.id, "text": card.text,
                                 "cell": list(cell) if cell else None}
        if board.revealed:
            entry["match"] = card.matches(cell)
        cards.append(entry)
    return {"id": board.id, "name": board.name, "locked": locked,
            "revealed": board.revealed,
            "rows": [{"id": r.id, "name": r.name} for r in board.rows],
            "columns": [{"id": c.id, "name": c.name} for c in board.columns],
            "cards": cards}
