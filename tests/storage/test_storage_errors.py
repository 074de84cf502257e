"""Bad files are refused with a message naming the file and the problem; never touched."""
import json

import pytest

from lpdesk.demo import demo_session
from lpdesk.storage import SessionFileError, dumps_session, load_session
from lpdesk.storage.codec import SCHEMA_VERSION, session_to_dict
from lpdesk.storage.errors import SessionFormatError
from lpdesk.storage.files import MAX_FILE_BYTES
from lpdesk.storage.migrate import migrate


def demo_dict():
    return session_to_dict(demo_session())


def write(tmp_path, content, name="bad.lpdesk"):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_text(json.dumps(content), encoding="utf-8")
    return path


def refused(path, *fragments, check_unchanged=True):
    before = path.read_bytes() if check_unchanged and path.is_file() else None
    with pytest.raises(SessionFileError) as info:
        load_session(path)
    message = str(info.value)
    assert message.startswith(str(path) + ": "), message
    for fragment in fragments:
        assert fragment in message, message
    if before is not None:
        assert path.read_bytes() == before  # reading never changes the file
    return message


def test_not_json(tmp_path):
    refused(write(tmp_path, "hello, this is a letter"), "not valid JSON")


def test_truncated(tmp_path):
    text = dumps_session(demo_session())
    refused(write(tmp_path, text[: len(text) // 2]), "truncated")


def test_empty_and_binary(tmp_path):
    refused(write(tmp_path, b""), "is empty")
    refused(write(tmp_path, b"\x89PNG\r\n\x1a\n\xff\xfe\x00", "img.lpdesk"), "not UTF-8")


def test_other_format(tmp_path):
    refused(write(tmp_path, {"format": "mentimeter", "schema_version": 1}), "not an lpdesk")
    refused(write(tmp_path, [1, 2, 3], "list.lpdesk"), "not an lpdesk")


def test_newer_version_is_refused_with_advice(tmp_path):
    data = demo_dict()
    data["schema_version"] = SCHEMA_VERSION + 1
    refused(write(tmp_path, data), "newer lpdesk", "update lpdesk")


@pytest.mark.parametrize("mutate, field", [
    (lambda d: d.__setitem__("title", 42), "title"),
    (lambda d: d["participants"][2].__setitem__("name", None), "participants[2].name"),
    (lambda d: d["participants"].__setitem__(0, "Amira"), "participants[0]"),
    (lambda d: d["continuum"]["areas"][0]["placements"]["p-01"].__setitem__("now", 130),
     "continuum.areas[0].placements.p-01.now"),
    (lambda d: d["continuum"]["areas"][0]["placements"]["p-01"].__setitem__("now", "50"),
     "now"),
    (lambda d: d["participants"][1].__setitem__("colour", "red"), "participants[1].colour"),
    (lambda d: d["agenda"]["items"][0].__setitem__("minutes", -5), "minutes"),
    (lambda d: d.__setitem__("date", "23/11/2026"), "date"),
])
def test_wrong_types_and_ranges_name_the_field(tmp_path, mutate, field):
    data = demo_dict()
    mutate(data)
    refused(write(tmp_path, data), field)


def test_dangling_references(tmp_path):
    data = demo_dict()
    data["continuum"]["areas"][0]["placements"]["p-ghost"] = {"now": 10, "target": 20}
    refused(write(tmp_path, data), "participant that does not exist")
    data = demo_dict()
    data["participants"][0]["group"] = "g-nowhere"
    refused(write(tmp_path, data, "g.lpdesk"), "group that does not exist")


def test_duplicate_ids(tmp_path):
    data = demo_dict()
    data["participants"][1]["id"] = data["participants"][0]["id"]
    refused(write(tmp_path, data), "duplicate id")
    data = demo_dict()
    data["groups"][0]["id"] = data["participants"][0]["id"]
    refused(write(tmp_path, data, "clash.lpdesk"), "duplicate id")


def test_nan_and_infinity(tmp_path):
    text = dumps_session(demo_session()).replace('"now": 35.0', '"now": NaN', 1)
    assert "NaN" in text
    refused(write(tmp_path, text), "NaN")
    text = dumps_session(demo_session()).replace('"now": 35.0', '"now": 1e999', 1)
    refused(write(tmp_path, text, "inf.lpdesk"), "finite")


def test_absurd_size_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.lpdesk"
    with path.open("wb") as fh:  # sparse: no 50 MB written to disk
        fh.seek(MAX_FILE_BYTES + 1)
        fh.write(b"}")
    monkeypatch.setattr("pathlib.Path.read_bytes",
                        lambda self: pytest.fail("a huge file was read"))
    refused(path, "too large", check_unchanged=False)


def test_deep_nesting(tmp_path):
    refused(write(tmp_path, '{"format": "lpdesk-session", "x": ' + "[" * 100_000
                  + "]" * 100_000 + "}"), "nested too deeply")


def test_missing_file_and_folder(tmp_path):
    refused(tmp_path / "nope.lpdesk", "does not exist")
    folder = tmp_path / "dir.lpdesk"
    folder.mkdir()
    with pytest.raises(SessionFileError, match="folder"):
        load_session(folder)


def test_unknown_keys_are_ignored(tmp_path):
    data = demo_dict()
    data["written_by_hand"] = {"anything": [1, 2]}
    data["participants"][0]["shoe_size"] = 44
    assert load_session(write(tmp_path, data)) == demo_session()


def test_migration_chain_upgrades_step_by_step():
    steps = {1: lambda d: {**d, "b": d["a"] + 1}, 2: lambda d: {**d, "c": d["b"] * 10}}
    out = migrate({"a": 1, "schema_version": 1}, 1, current=3, migrations=steps)
    assert out == {"a": 1, "b": 2, "c": 20, "schema_version": 3}
    with pytest.raises(SessionFormatError, match="cannot be upgraded"):
        migrate({"a": 1}, 1, current=3, migrations={1: steps[1]})
