"""Hostile session files for fuzzing the reader: generators and the oracle.

Shared by tests/storage/test_storage_fuzz.py (a few thousand cases in CI) and
benchmarks/fuzz_long.py (many more). Every case must be either loaded into a valid session
(which saves and reloads to the same session) or refused with SessionFormatError /
SessionFileError and a clear one-line message; any other exception is a bug in lpdesk.storage.
"""
from __future__ import annotations

import copy
import json
import math
import os
import tempfile
from functools import cache
from typing import Any

from hypothesis import strategies as st

from lpdesk.content.defaults import new_session
from lpdesk.demo import demo_session
from lpdesk.model.quiz import QuizRun
from lpdesk.model.session import Session
from lpdesk.storage.codec import session_to_dict
from lpdesk.storage.errors import SessionFileError, SessionFormatError
from lpdesk.storage.files import dumps_session, parse_session, parse_session_bytes, read_session

MAX_MESSAGE = 400  # characters: a message is one readable line, whatever the file holds


# ----------------------------------------------------------------------------- seeds
@cache
def seed_dicts() -> tuple[dict[str, Any], ...]:
    """Valid files to mutate: the demo (continuum, boards, notes), one with quiz runs of
    every kind, and a fresh new session."""
    demo = demo_session()
    quiz = demo_session()
    p, g = quiz.participants[0], quiz.groups[0]
    quiz.quiz.runs = [
        QuizRun("run-room", "room", None, "now", {"q1": "a", "q2": "b"}, 2),
        QuizRun("run-p", "participant", p.id, "target", {"q1": "c"}, 1),
        QuizRun("run-g", "group", g.id, "now", {}, 0),
    ]
    quiz.quiz.current_run_id = "run-p"
    return tuple(session_to_dict(s) for s in (demo, quiz, new_session()))


@cache
def _seed_texts() -> tuple[str, ...]:
    """The seeds as JSON text: a fresh copy is one C-speed `json.loads` (copy.deepcopy of the
    demo's tree was a third of the fuzzer's time)."""
    return tuple(json.dumps(seed) for seed in seed_dicts())


@cache
def _seed_paths(index: int) -> tuple[tuple, ...]:
    """The places in an unmutated seed, walked once (the first mutation of every case)."""
    return tuple(paths_in(seed_dicts()[index]))


def paths_in(data: Any, max_depth: int = 12) -> list[tuple]:
    """The places in a JSON tree, as tuples of keys and indexes (the root is ()), down to
    `max_depth` (the session's own structure is shallower; planted deep values are not
    walked)."""
    found, todo = [], [((), data)]
    while todo:
        prefix, value = todo.pop()
        found.append(prefix)
        if len(prefix) >= max_depth:
            continue
        if isinstance(value, dict):
            todo += [((*prefix, k), v) for k, v in value.items()]
        elif isinstance(value, list):
            todo += [((*prefix, i), v) for i, v in enumerate(value)]
    return found


def get_at(data: Any, path: tuple) -> Any:
    for step in path:
        data = data[step]
    return data


def set_at(data: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    get_at(data, path[:-1])[path[-1]] = value
    return data


# ----------------------------------------------------------------------------- values
def deep(depth: int, kind: str = "list") -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value] if kind == "list" else {"a": value}
    return value


nasty_numbers = st.sampled_from([
    0, -1, 1, 100, 101, -0.0, 100.0000001, -1e-300, 1e308, -1e308, 2**31, 2**63, 2**64 + 1,
    10**30, -(10**30), 10**400, -(10**400), 10**4000, 1.5, math.nan, math.inf, -math.inf,
    1.0, 10.0, 0.0,  # whole numbers written as floats: integers to JSON Schema
])
nasty_texts = st.sampled_from([
    "", " ", "x" * 65, "x" * 5000, "\ud800", "a\ud83d", "\udc00b", "line\nbreak", "tab\t",
    "\x1b[31m", "\u202e", "x" * 501, "x" * 2001, "x" * 100_001, "\u0000", "\ufeff",
    "a\nb", "../../etc/passwd", "#GGGGGG", "#12345", "2026-13-45", "9999-99-99", "NaN",
    "Infinity", "p-000000", "room", "participant", "group", "now", "target", "comment",
    "continuum", "quiz", "matrix", "summary", "setup", "lpdesk-session", "🙂" * 70,
    # `$` matched before a final newline and `\d` other scripts' digits (issue 14)
    "p-01\n", "#0072B2\n", "2026-12-01\n", "２０２６-１２-０１", "٢٠٢٦-١٢-٠١", "2026-12-٠١",
])
json_scalars = st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70),
                         st.floats(allow_nan=True, allow_infinity=True),
                         st.text(max_size=30), nasty_numbers, nasty_texts)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12,
)
replacement = st.one_of(
    json_values,
    st.builds(deep, st.integers(1, 800), st.sampled_from(["list", "dict"])),  # deeper: text
    st.sampled_from([[], {}, [None], [[]], [{}], {"id": None}]).map(copy.deepcopy),
)


keys = st.one_of(st.text(max_size=12), nasty_texts)


def _pick(draw, options: list | tuple) -> Any:
    """One of `options`, drawn by index: `st.sampled_from` on a fresh list of thousands of
    places labels the whole list on every draw, which was most of the generator's time."""
    return options[draw(st.integers(0, len(options) - 1))]


def _leaves(data: Any, places: list[tuple], kinds: tuple[type, ...]) -> list[tuple]:
    found = []
    for p in places:
        value = get_at(data, p)
        if isinstance(value, kinds) and not isinstance(value, bool):
            found.append(p)
    return found


@st.composite
def mutated_dicts(draw) -> Any:
    """A valid session tree with 1-4 mutations: values replaced by values of other types or
    absurd sizes, keys deleted or added, list entries duplicated (duplicate ids) or
    swapped, ids pointed at other ids, versions and format markers changed."""
    index = draw(st.sampled_from(range(len(seed_dicts()))))
    data = json.loads(_seed_texts()[index])
    for step in range(draw(st.integers(1, 4))):
        places = _seed_paths(index) if step == 0 else paths_in(data)
        path = _pick(draw, places)
        kind = draw(st.sampled_from(
            ["replace", "replace", "text", "number", "rekey", "delete", "add", "duplicate",
             "swap", "steal_id", "version", "format", "bloat"]))
        parent = get_at(data, path[:-1]) if path else None
        texts = _leaves(data, places, (str,)) if kind == "text" else []
        numbers = _leaves(data, places, (int, float)) if kind == "number" else []
        tables = ([p for p in places if isinstance(get_at(data, p), dict) and get_at(data, p)]
                  if kind == "rekey" else [])
        if kind == "text" and texts:
            data = set_at(data, _pick(draw, texts),
                          draw(st.one_of(nasty_texts, st.text(max_size=50))))
        elif kind == "number" and numbers:
            data = set_at(data, _pick(draw, numbers),
                          draw(st.one_of(nasty_numbers, st.floats(), st.integers())))
        elif kind == "rekey" and tables:
            table = get_at(data, _pick(draw, tables))
            old = _pick(draw, sorted(table))
            table[draw(keys)] = table.pop(old)
        elif kind == "replace" or parent is None:
            data = set_at(data, path, draw(replacement))
        elif kind == "delete":
            del parent[path[-1]]
        elif kind == "add":
            target = get_at(data, path)
            if isinstance(target, dict):
                target[draw(keys)] = draw(json_values)
            elif isinstance(target, list):
                target.insert(draw(st.integers(0, len(target))), draw(json_values))
        elif kind == "duplicate" and isinstance(parent, list):
            parent.insert(path[-1], parent[path[-1]])  # shared, as json.dumps sees it
        elif kind == "swap" and isinstance(parent, list) and len(parent) > 1:
            other = draw(st.integers(0, len(parent) - 1))
            parent[path[-1]], parent[other] = parent[other], parent[path[-1]]
        elif kind == "steal_id":
            ids = [get_at(data, p) for p in places
                   if p and p[-1] in ("id", "group", "subject", "activity") and
                   isinstance(get_at(data, p), str)]
            if ids:
                data = set_at(data, path, _pick(draw, ids))
        elif kind == "version" and isinstance(data, dict):
            data["schema_version"] = copy.deepcopy(draw(st.sampled_from(
                [0, -1, 2, 3, 999, "1", 1.0, True, None, 10**20, [1]])))
        elif kind == "bloat":  # just over (or at) a limit: issue 14's 20,000-row board
            target = get_at(data, path)
            if isinstance(target, (list, dict)) and target:
                size = draw(st.sampled_from([20, 21, 60, 61, 100, 101, 200, 201, 1000, 1001,
                                             2000, 2001, 4001]))
                entry = target[0] if isinstance(target, list) else next(iter(target.values()))
                if size * len(repr(entry)) < 1_000_000:  # keep a case under a megabyte
                    data = set_at(data, path, _bloated(target, entry, size))
        elif kind == "format" and isinstance(data, dict):
            data["format"] = draw(st.sampled_from(["", "lpdesk", "LPDESK-SESSION", None, 1]))
    return data


def _bloated(target: list | dict, entry: Any, size: int) -> list | dict:
    """`target` grown to `size` entries: copies of its first entry, with numbered ids where
    it has one (so the count, not a duplicate id, is what is wrong)."""
    def copy_of(i: int) -> Any:
        return {**entry, "id": f"z{i}"} if isinstance(entry, dict) and "id" in entry else entry
    if isinstance(target, list):
        return [copy_of(i) for i in range(size)]
    return {f"z{i}": entry for i in range(size)}


def to_text(data: Any, ascii_only: bool = True, indent: int | None = None) -> str:
    """JSON text of a tree, with NaN/Infinity written as bare words (as some tools do)."""
    try:
        return json.dumps(data, allow_nan=True, ensure_ascii=ascii_only, indent=indent)
    except (ValueError, RecursionError):  # ints too long to print, trees too deep
        return json.dumps(session_to_dict(demo_session()))[:-1] + ', "deep": ' + \
            "[" * 5000 + "]" * 5000 + "}"


@st.composite
def mutated_texts(draw) -> str:
    """Mutated trees as text, then cut, spliced and injected at the text level."""
    text = to_text(draw(mutated_dicts()), draw(st.booleans()),
                   draw(st.sampled_from([None, 1])))
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["truncate", "insert", "delete", "inject"]))
        if kind == "truncate":
            text = text[:at]
        elif kind == "insert":
            text = text[:at] + draw(st.text(max_size=20)) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 200)):]
        else:
            text = text[:at] + draw(st.sampled_from([
                "NaN", "Infinity", "-Infinity", "1e999", "-1e999", "1" * 5000, "-0",
                "[" * 100_000, "{" * 100_000, '"\\ud800"', '"\\u0000"', "\x00", ",",
                '"title": 1,', '"participants": {},', "null", "true", "}", "]",
            ])) + text[at:]
    return text


def random_byte_files() -> st.SearchStrategy[bytes]:
    """Raw bytes: noise, valid files re-encoded oddly, and valid files with bad bytes."""
    valid = to_text(seed_dicts()[0]).encode()
    return st.one_of(
        st.binary(max_size=2000),
        st.builds(lambda cut: valid[:cut], st.integers(0, len(valid))),
        st.builds(lambda at, junk: valid[:at] + junk + valid[at:],
                  st.integers(0, len(valid)), st.binary(min_size=1, max_size=8)),
        st.sampled_from([
            b"", b"   \n\t", b"\xef\xbb\xbf" + valid, valid.decode().encode("utf-16"),
            valid.decode().encode("utf-32"), b"\xff\xfe\x00", b"\x00" * 100,
        ]),
    )


# Kinds of path a session "file" can be on disk (issue 14: a FIFO hung `lpdesk check`, a
# link to /dev/zero read until MemoryError). Only a regular file (or a link to one) is read.
FILE_KINDS = ("file", "link to file", "fifo", "link to fifo", "link to /dev/zero",
              "/dev/null", "folder", "dangling link", "link loop")


def file_cases() -> st.SearchStrategy[tuple[str, bytes]]:
    """(kind of path, bytes for the regular file behind it) pairs."""
    kinds = [k for k in FILE_KINDS if hasattr(os, "mkfifo") or "fifo" not in k]
    return st.tuples(st.sampled_from(kinds), random_byte_files())


def make_path(folder: str, kind: str, raw: bytes) -> str:
    """A fresh path of `kind` in `folder`, with `raw` in the regular file it may point at."""
    base = tempfile.mkdtemp(dir=folder)
    path, real = os.path.join(base, "case.lpdesk"), os.path.join(base, "real.lpdesk")
    with open(real, "wb") as fh:
        fh.write(raw)
    if kind == "file":
        os.replace(real, path)
    elif kind == "link to file":
        os.symlink(real, path)
    elif kind in ("fifo", "link to fifo"):
        os.mkfifo(path if kind == "fifo" else real + ".fifo")
        if kind == "link to fifo":
            os.symlink(real + ".fifo", path)
    elif kind == "link to /dev/zero":
        os.symlink("/dev/zero", path)
    elif kind == "/dev/null":
        path = os.devnull
    elif kind == "folder":
        os.mkdir(path)
    elif kind == "dangling link":
        os.symlink(os.path.join(base, "gone"), path)
    else:
        os.symlink(path, path)
    return path


# Kinds of path a save goes to (issue 14: a save replaced a symbolic link with a regular
# file, broke hard links and lost the owner): each must keep its links and its mode.
SAVE_KINDS = ("new file", "file", "link", "relative link", "chain of links", "hard link",
              "dangling link")


def save_cases() -> st.SearchStrategy[tuple[str, int]]:
    return st.tuples(st.sampled_from(SAVE_KINDS),
                     st.sampled_from([0o600, 0o640, 0o644, 0o664, 0o400, 0o444]))


def make_save_target(folder: str, kind: str, mode: int) -> tuple[str, str, list[str]]:
    """(path to save to, the real file it must reach, names that must stay links)."""
    base = tempfile.mkdtemp(dir=folder)
    real, path = os.path.join(base, "real.lpdesk"), os.path.join(base, "case.lpdesk")
    if kind != "new file" and kind != "dangling link":
        with open(real, "w", encoding="utf-8") as fh:
            fh.write(dumps_session(new_session()))
        os.chmod(real, mode)
    if kind in ("new file", "file"):
        return real, real, []
    if kind in ("link", "dangling link"):
        os.symlink(real, path)
    elif kind == "relative link":
        os.symlink("real.lpdesk", path)
    elif kind == "chain of links":
        os.symlink(real, path + ".1")
        os.symlink(path + ".1", path)
        return path, real, [path, path + ".1"]
    else:
        os.link(real, path)
        return path, real, []
    return path, real, [path]


# ----------------------------------------------------------------------------- the schema
# What the reader checks that a JSON Schema cannot say: references, uniqueness, text that
# JSON can spell but not UTF-8 (lone surrogates), a quiz subject required by its kind.
BEYOND_THE_SCHEMA = ("does not exist", "duplicate", "unpaired surrogate", "broken",
                     "not on this board", "is missing for a")


@cache
def file_schema_validator():
    """resources/session.schema.json as it is (checked to be a valid 2020-12 schema)."""
    from importlib.resources import files

    import jsonschema
    schema = json.loads((files("lpdesk").parent / "resources" / "session.schema.json")
                        .read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with every `{"$ref": "#/$defs/x"}` replaced by a copy of `x` (beside
    other keywords: `allOf: [x]`, which is what a 2020-12 `$ref` means there). The same
    checks: following a reference through `referencing` was ~40% of a validation, and
    the agreement fuzzing validates thousands of trees (test_storage_schema checks both
    forms agree)."""
    defs = schema.get("$defs", {})

    def walk(node: Any, seen: tuple[str, ...] = ()) -> Any:
        if isinstance(node, list):
            return [walk(item, seen) for item in node]
        if not isinstance(node, dict):
            return node
        rest = {k: walk(v, seen) for k, v in node.items() if k not in ("$ref", "$defs")}
        ref = node.get("$ref")
        if ref is None:
            return rest
        name = ref.removeprefix("#/$defs/")
        if name == ref or name not in defs or name in seen:
            raise ValueError(f"cannot inline {ref!r}")  # only local, non-recursive refs
        target = walk(defs[name], (*seen, name))
        return {**rest, "allOf": [target]} if rest else target

    return walk(schema)


@cache
def schema_validator():
    """The file's schema, references inlined (the same checks, faster: inline_refs)."""
    import jsonschema
    return jsonschema.Draft202012Validator(inline_refs(file_schema_validator().schema))


def _no_constants(name: str) -> Any:
    raise ValueError(name)


def check_schema_agrees(text: str) -> None:
    """The reader and resources/session.schema.json agree on `text`: what the reader
    accepts the schema accepts, and what the reader refuses the schema refuses too, unless
    the reason is one a schema cannot express. Text that is not strict JSON is left out."""
    try:
        data = json.loads(text, parse_constant=_no_constants)
    except (ValueError, RecursionError):
        return
    try:
        # The first error is enough to agree or disagree: walking on to every error of a
        # refused tree was most of this check's time.
        error = next(iter(schema_validator().iter_errors(data)), None)
    except RecursionError:
        return
    try:
        parse_session(text)
    except SessionFormatError as exc:
        if error is None:
            assert any(r in str(exc) for r in BEYOND_THE_SCHEMA), \
                f"the schema accepts what the reader refuses: {exc}"
        return
    assert error is None, (f"the reader accepts what the schema refuses at "
                           f"{'/'.join(map(str, error.absolute_path))}: {error.message[:200]}")


# ----------------------------------------------------------------------------- oracle
def check_message(exc: Exception) -> None:
    """A refusal reads as one clear line, however hostile the file."""
    message = str(exc)
    assert message.strip(), f"empty message from {type(exc).__name__}"
    assert len(message) <= MAX_MESSAGE, f"message too long ({len(message)}): {message[:200]}"
    assert "\n" not in message and "\r" not in message, f"multi-line message: {message!r:.200}"
    assert "Traceback" not in message


def check_valid(session: Session) -> None:
    """A loaded session saves (as UTF-8) and reloads to exactly the same session."""
    raw = dumps_session(session).encode("utf-8")
    again = parse_session(raw.decode("utf-8"))
    assert again == session, "the session changed on a save and reload"


def load_or_refuse(text: str) -> Session | None:
    """The contract for text: a valid session, or SessionFormatError with a clear message."""
    try:
        session = parse_session(text)
    except SessionFormatError as exc:
        check_message(exc)
        return None
    check_valid(session)
    return session


def load_or_refuse_bytes(raw: bytes) -> Session | None:
    try:
        session = parse_session_bytes(raw)
    except (SessionFormatError, SessionFileError) as exc:
        check_message(exc)
        return None
    check_valid(session)
    return session


def load_or_refuse_file(path: str) -> Session | None:
    """The contract for a path: a valid session, or SessionFileError with a clear message
    that starts with the path; never a hang, MemoryError or another exception."""
    try:
        session, _stamp = read_session(path)
    except SessionFileError as exc:
        check_message_with_path(exc, path)
        return None
    check_valid(session)
    return session


def check_message_with_path(exc: SessionFileError, path: str) -> None:
    message = str(exc)
    assert message.startswith(f"{path}: "), message
    problem = message[len(path) + 2:]
    assert problem.strip() and "\n" not in problem and "Traceback" not in problem, message
    assert len(problem) <= MAX_MESSAGE, f"message too long ({len(problem)})"
