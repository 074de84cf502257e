"""Board templates for the practices matrix, from resources/templates/*.json.

A template gives a board its rows, columns and practice cards, and where the source model
puts each card (a reference cell, or only a reference column). Boards made from one template
share card ids, which is what lets the consensus view compare groups card by card. A template
may borrow the cards of another (`cards_from`): then it takes their ids and texts but not
their references, since the borrowed model says nothing about the new columns.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from lpdesk.content import ContentError, load_json, require, resource_path, text_field
from lpdesk.model.ids import new_id
from lpdesk.model.matrix import Axis, Board, Card, Cell

ID_RE = re.compile(r"[A-Za-z0-9_.:-]{1,64}", re.ASCII)  # the session file's id rule
TEXT_MAX = 2000  # the session file's card text limit


@dataclass(frozen=True)
class TemplateCard:
    id: str
    text: str
    reference: Cell | None = None
    reference_column: str | None = None


@dataclass(frozen=True)
class Template:
    id: str
    name: str
    about: str
    credit: str
    rows: tuple[tuple[str, str], ...]  # (id, name)
    columns: tuple[tuple[str, str], ...]
    cards: tuple[TemplateCard, ...]
    path: Path
    order: int = 0

    @property
    def has_reference(self) -> bool:
        return any(c.reference is not None or c.reference_column is not None
                   for c in self.cards)


def _id(path: Path, item: str, data: dict[str, Any], key: str = "id") -> str:
    value = text_field(path, item, data, key)
    require(path, item, bool(ID_RE.fullmatch(value)),
            f"'{key}' {value!r} may only use letters, digits and . _ : - (at most 64)")
    return value


def _axes(path: Path, data: dict[str, Any], key: str) -> tuple[tuple[str, str], ...]:
    raw = data.get(key)
    require(path, key, isinstance(raw, list) and len(raw) >= 1,
            f"expected a list of at least one {key[:-1]}")
    axes: list[tuple[str, str]] = []
    for i, entry in enumerate(raw):
        item = f"{key}[{i}]"
        axis_id = _id(path, item, entry)
        require(path, item, axis_id not in {a for a, _ in axes}, f"duplicate id {axis_id!r}")
        axes.append((axis_id, text_field(path, item, entry, "name")))
    return tuple(axes)


def _card(path: Path, item: str, entry: Any, rows: set[str], columns: set[str]) -> TemplateCard:
    card_id = _id(path, item, entry)
    item = f"{item} ({card_id})"
    text = text_field(path, item, entry, "text")
    require(path, item, len(text) <= TEXT_MAX, f"text is longer than {TEXT_MAX} characters")
    reference = entry.get("reference")
    if reference is not None:
        require(path, item, isinstance(reference, list) and len(reference) == 2
                and all(isinstance(v, str) for v in reference),
                "'reference' must be [row id, column id]")
        require(path, item, reference[0] in rows, f"'reference' names no row {reference[0]!r}")
        require(path, item, reference[1] in columns,
                f"'reference' names no column {reference[1]!r}")
        reference = (reference[0], reference[1])
    column = entry.get("reference_column")
    if column is not None:
        require(path, item, reference is None,
                "give either 'reference' or 'reference_column', not both")
        require(path, item, column in columns, f"'reference_column' names no column {column!r}")
    return TemplateCard(card_id, text, reference, column)


def parse_template(path: Path, data: Any) -> tuple[Template, str | None]:
    """A template from decoded JSON, and the id of the template it borrows cards from."""
    require(path, "", isinstance(data, dict), "expected an object at the top")
    template_id = _id(path, "", data)
    name = text_field(path, "", data, "name")
    credit = text_field(path, "", data, "credit")
    about = data.get("about", "")
    require(path, "about", isinstance(about, str), "expected a text")
    order = data.get("order", 100)
    require(path, "order", isinstance(order, int) and not isinstance(order, bool),
            "expected a whole number")
    rows, columns = _axes(path, data, "rows"), _axes(path, data, "columns")
    require(path, "", not ({r for r, _ in rows} & {c for c, _ in columns}),
            "a row and a column share an id")
    borrowed = data.get("cards_from")
    cards: list[TemplateCard] = []
    if borrowed is not None:
        require(path, "cards_from", isinstance(borrowed, str) and bool(borrowed),
                "expected a template id")
        require(path, "cards", "cards" not in data, "give either 'cards' or 'cards_from'")
    else:
        raw = data.get("cards")
        require(path, "cards", isinstance(raw, list) and len(raw) >= 1,
                "expected a list of cards (or 'cards_from')")
        row_ids, column_ids = {r for r, _ in rows}, {c for c, _ in columns}
        for i, entry in enumerate(raw):
            card = _card(path, f"cards[{i}]", entry, row_ids, column_ids)
            require(path, f"cards[{i}]", card.id not in {c.id for c in cards},
                    f"duplicate card id {card.id!r}")
            cards.append(card)
    return Template(template_id, name, about, credit, rows, columns, tuple(cards), path,
                    order), borrowed


def load_templates(folder: Path) -> list[Template]:
    """Every template in `folder`, validated, in their 'order'. Raises ContentError."""
    files = sorted(folder.glob("*.json"))
    if not files:
        raise ContentError(folder, "", "no board templates found")
    parsed = [parse_template(f, load_json(f)) for f in files]
    by_id: dict[str, Template] = {}
    for template, _ in parsed:
        other = by_id.get(template.id)
        require(template.path, "id", other is None,
                f"template id {template.id!r} is also used by {other and other.path.name}")
        by_id[template.id] = template
    result = []
    for template, borrowed in parsed:
        if borrowed is not None:
            source = by_id.get(borrowed)
            require(template.path, "cards_from", source is not None and bool(source.cards),
                    f"no template {borrowed!r} with its own cards")
            assert source is not None
            template = Template(
                template.id, template.name, template.about, template.credit, template.rows,
                template.columns, tuple(TemplateCard(c.id, c.text) for c in source.cards),
                template.path, template.order)
        result.append(template)
    result.sort(key=lambda t: (t.order, t.id))
    return result


@cache
def _bundled() -> tuple[Template, ...]:
    return tuple(load_templates(resource_path("templates")))


def templates() -> list[Template]:
    """The bundled templates (loaded and checked once)."""
    return list(_bundled())


def template(template_id: str) -> Template:
    for t in _bundled():
        if t.id == template_id:
            return t
    raise KeyError(template_id)


def board_from_template(template: Template, name: str, group_id: str | None,
                        taken: Iterable[str] = ()) -> Board:
    """A fresh board (new id, not in `taken`) with the template's grid and all its cards
    in the deck. Card ids are the template's, so boards of one template can be compared."""
    return Board(
        new_id("board", set(taken)), name, template.id, group_id,
        [Axis(i, n) for i, n in template.rows], [Axis(i, n) for i, n in template.columns],
        [Card(c.id, c.text, c.reference, False, c.reference_column) for c in template.cards])


def empty_board(name: str, group_id: str | None, taken: Iterable[str] = (), *,
                rows: Iterable[str] = ("Row 1", "Row 2", "Row 3"),
                columns: Iterable[str] = ("Column 1", "Column 2", "Column 3")) -> Board:
    """A board with a blank grid and no cards, for the facilitator's own exercise. The
    names are parameters so the UI can pass translated ones."""
    return Board(new_id("board", set(taken)), name, None, group_id,
                 [Axis(f"row-{i}", n) for i, n in enumerate(rows, 1)],
                 [Axis(f"column-{i}", n) for i, n in enumerate(columns, 1)])
