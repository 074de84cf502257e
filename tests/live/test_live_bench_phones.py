"""The live benchmarks' simulated phones run in a child process that hands its result back
(benchmarks/live_burst.py, PhonesChild). A result larger than a pipe's buffer (the quiz's
2,600 sends) used to block the child on its last write until the parent's 120 s deadline."""
import sys

import pytest

from benchmarks.live_burst import PhonesChild

BIG = 400_000  # characters of result: several times a pipe's 64 KB


def test_a_large_result_comes_back_while_the_parent_reads_nothing(tmp_path, monkeypatch):
    module = tmp_path / "fake_phones.py"
    module.write_text(
        "import sys\n"
        "from benchmarks.live_burst import write_result\n"
        "assert sys.argv[1] == '--phones'\n"
        "print('x' * 200_000)  # chatter on stdout must not block it either\n"
        "sys.stderr.write('y' * 200_000)\n"
        f"write_result(sys.argv[2], {{'sends': ['s' * {BIG}], 'args': sys.argv[3:]}})\n",
        encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv("PYTHONPATH", f"{tmp_path}:{':'.join(sys.path)}")
    child = PhonesChild("fake_phones", "a", "b")
    child.process.wait(timeout=60)  # a pipe nobody reads would hold it here
    result = child.result()
    assert result["args"] == ["a", "b"]
    assert len(result["sends"][0]) == BIG


def test_a_child_that_fails_says_why(tmp_path, monkeypatch):
    module = tmp_path / "failing_phones.py"
    module.write_text("raise SystemExit('no phones today')\n", encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", f"{tmp_path}:{':'.join(sys.path)}")
    child = PhonesChild("failing_phones")
    with pytest.raises(RuntimeError, match="no phones today"):
        child.result()
