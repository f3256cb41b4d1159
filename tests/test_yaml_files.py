"""The YAML files read at every start: parsed once, then read from the JSON cache while unchanged."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import yaml_files
from briefing.locations import yaml_cache_file


def read_in_new_process(path: Path) -> tuple[object, bool]:
    """(the data, whether PyYAML was imported) as a fresh start sees them."""
    code = (
        "import json, sys; from pathlib import Path; from briefing import yaml_files; "
        f"data = yaml_files.read(Path({str(path)!r})); print(json.dumps([data, 'yaml' in sys.modules]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    data, imported = json.loads(out)
    return data, imported


def test_an_unchanged_file_is_read_without_pyyaml(tmp_path):
    path = tmp_path / "theme.yaml"
    path.write_text("name: night\nvariables:\n  figure: '#e5c07b'\ndark: true\nspread: 0.5\n", encoding="utf-8")
    expected = {"name": "night", "variables": {"figure": "#e5c07b"}, "dark": True, "spread": 0.5}
    assert read_in_new_process(path) == (expected, True)  # parsed, and cached
    assert read_in_new_process(path) == (expected, False)


def test_a_changed_file_is_parsed_again(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("theme: a\n", encoding="utf-8")
    assert yaml_files.read(path) == {"theme": "a"}
    before = path.stat().st_mtime_ns
    path.write_text("theme: b\n", encoding="utf-8")  # the same size
    os.utime(path, ns=(before + 10**9, before + 10**9))  # as a later edit leaves it, on any clock
    assert yaml_files.read(path) == {"theme": "b"}
    replaced = tmp_path / "new.yaml"
    replaced.write_text("theme: c\n", encoding="utf-8")
    os.utime(replaced, ns=(before + 10**9, before + 10**9))
    os.replace(replaced, path)  # same size and mtime, another file
    assert yaml_files.read(path) == {"theme": "c"}


def test_what_json_cannot_give_back_is_parsed_every_time(tmp_path):
    path = tmp_path / "odd.yaml"
    path.write_text("1: one\nwhen: 2025-07-10\n", encoding="utf-8")
    expected = {1: "one", "when": datetime.date(2025, 7, 10)}
    assert yaml_files.read(path) == expected
    assert yaml_files.read(path) == expected
    assert not yaml_cache_file().exists()


def test_invalid_yaml_raises_and_is_not_cached(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("pins: [unclosed\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(yaml_files.YamlError, match="flow sequence"):
            yaml_files.read(path)
    assert not yaml_cache_file().exists()


def test_a_corrupt_cache_is_replaced(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    yaml_cache_file().parent.mkdir(parents=True)
    yaml_cache_file().write_text("{not json", encoding="utf-8")
    assert yaml_files.read(path) == {"a": 1}
    assert json.loads(yaml_cache_file().read_text("utf-8"))["files"][str(path)][1] == {"a": 1}


def test_a_cache_that_cannot_be_written_is_done_without(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(blocker / "cache"))  # a file where its folder should be
    path = tmp_path / "a.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    assert yaml_files.read(path) == {"a": 1}
    yaml_files.write(tmp_path / "b.yaml", {"b": [1, 2]})
    assert yaml_files.read(tmp_path / "b.yaml") == {"b": [1, 2]}


def test_a_written_file_is_read_back_from_the_cache(tmp_path):
    path = tmp_path / "state" / "s.yaml"
    yaml_files.write(path, {"version": 1, "theme": "Thé", "pins": [{"kind": "source", "source": "a"}]})
    assert "theme: Thé" in path.read_text("utf-8")  # still YAML, for people
    data, imported = read_in_new_process(path)
    assert data["theme"] == "Thé" and not imported
    assert [p.name for p in path.parent.iterdir()] == ["s.yaml"]


DEEP = 200_000


def test_a_cache_nested_too_deep_for_json_falls_back_silently(tmp_path):
    path = tmp_path / "state.yaml"
    path.write_text("theme: a\n", encoding="utf-8")
    yaml_cache_file().parent.mkdir(parents=True, exist_ok=True)
    yaml_cache_file().write_text("[" * DEEP + "]" * DEEP, encoding="utf-8")
    assert yaml_files.read(path) == {"theme": "a"}
    assert json.loads(yaml_cache_file().read_text("utf-8"))["version"] == yaml_files.CACHE_VERSION  # replaced


def test_a_yaml_file_nested_as_deep_as_libyaml_allows_is_read_and_not_cached(tmp_path):
    """libyaml stops at 1,000 levels; json.dumps gives up a little earlier: such data is not cached."""
    path = tmp_path / "state.yaml"
    path.write_text("a: " + "[" * 990 + "]" * 990, encoding="utf-8")
    data = yaml_files.read(path)
    depth = 0
    node = data["a"]
    while node:
        node, depth = node[0], depth + 1
    assert depth == 989
