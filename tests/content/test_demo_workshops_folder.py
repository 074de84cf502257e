"""`lpdesk demo --workshops DIR` makes DIR when it does not exist yet, as `-o` makes a file."""
from lpdesk.cli import main
from lpdesk.demo import demo_workshops


def test_demo_workshops_creates_a_missing_folder(tmp_path, capsys):
    folder = tmp_path / "new" / "workshops"
    assert main(["demo", "--workshops", str(folder)]) == 0
    written = sorted(p.name for p in folder.iterdir())
    assert written == sorted(name for name, _ in demo_workshops())
    assert "wrote" in capsys.readouterr().out


def test_demo_workshops_refuses_a_file_in_the_way(tmp_path, capsys):
    in_the_way = tmp_path / "taken"
    in_the_way.write_text("not a folder")
    assert main(["demo", "--workshops", str(in_the_way)]) == 1
    err = capsys.readouterr().err
    assert "is not a folder" in err and "Traceback" not in err
    assert in_the_way.read_text() == "not a folder"
