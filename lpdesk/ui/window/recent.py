"""How recent session files are named in File > Open Recent and on the start page: by file
name, with the folder added where two files share a name (a facilitator keeps one
`session.lpdesk` per client folder, and a list of identical names tells them nothing)."""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path


def recent_labels(paths: Sequence[str]) -> list[str]:
    names = [Path(p).name for p in paths]
    repeated = Counter(names)
    labels = []
    for path, name in zip(paths, names, strict=True):
        if repeated[name] > 1:
            parent = Path(path).parent
            labels.append(f"{name} \u2014 {parent.name or parent}")
        else:
            labels.append(name)
    repeated = Counter(labels)  # same name in folders of one name: the whole folder
    return [f"{Path(p).name} \u2014 {Path(p).parent}" if repeated[label] > 1 else label
            for p, label in zip(paths, labels, strict=True)]
