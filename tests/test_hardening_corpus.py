"""A hostile corpus: every bad file is named once, every good file is found, nothing drives the terminal."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import REPO, run_cli
from tests.data import make_hostile

# The CLI's own styling: SGR colours, cursor hide/show, erase line, cursor up (Rich's progress bar).
OWN_SEQUENCES = re.compile(rb"\x1b\[[0-9;]*m|\x1b\[\?25[lh]|\x1b\[2K|\x1b\[1A")
# Anything else that could act on a terminal: ESC, BEL, 8-bit C1 controls (as UTF-8: \xc2\x80-\x9f).
CONTROL_BYTES = re.compile(rb"[\x1b\x07\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]")


def corpus_hashes(root: Path) -> dict[str, str]:
    out = {}
    for dirpath, _, names in os.walk(root):
        for name in names:
            path = Path(dirpath, name)
            if path.is_symlink() or (not os.access(path, os.R_OK) and os.geteuid() != 0):
                out[str(path)] = "link-or-unreadable"
                continue
            out[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest() + f"{path.stat().st_mode:o}"
    return out


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile") / "corpus"
    corpus = make_hostile.write(root)
    index = root.parent / "index"
    before = corpus_hashes(root)
    proc = run_cli("index", "--corpus", str(root), "--index", str(index), timeout=120)
    yield corpus, index, proc
    assert corpus_hashes(root) == before, "a corpus file was touched"
    corpus.unreadable.chmod(0o644)


def cli(hostile, *args: str):
    corpus, index, _ = hostile
    return run_cli(*args, "--corpus", str(corpus.root), "--index", str(index))


def run_in_pty(*args: str, timeout: float = 60) -> bytes:
    """Run the CLI with stdin, stdout and stderr on a real pseudo-terminal; the raw bytes it wrote."""
    leader, follower = os.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "200", "LINES": "50"}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "briefing", *args], stdin=follower, stdout=follower, stderr=follower, env=env,
        cwd=REPO,
    )
    os.close(follower)
    out = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    proc.wait(timeout=timeout)
    os.close(leader)
    return out


def test_index_finishes_with_one_warning_per_bad_file(hostile):
    corpus, _, proc = hostile
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert re.fullmatch(r"\d+ added, 0 updated, 0 removed, \d+ skipped, 0 unchanged in [\d.]+ s\n", proc.stdout)
    lines = proc.stderr.splitlines()
    assert all(line.startswith("briefing: ") for line in lines), lines
    for name, reason in corpus.bad.items():
        shown = name.replace("\n", "?")
        named = [line for line in lines if f"/{shown}: " in line]
        assert len(named) == 1, (name, lines)
        assert reason in named[0], (name, named[0])
    assert len(lines) == len(corpus.bad), lines


def test_every_good_file_is_searchable(hostile):
    corpus, _, _ = hostile
    proc = cli(hostile, "search", " OR ".join(corpus.good.values()), "--json", "--limit", "50")
    assert proc.returncode == 0, proc.stderr
    found = {h["source"]: " ".join(f["text"] for f in h["fragments"]).lower() for h in json.loads(proc.stdout)}
    expected = {corpus.ids.get(name, Path(name).stem.replace("\n", "?")): word for name, word in corpus.good.items()}
    assert set(found) == set(expected)
    for source, word in expected.items():
        assert word in found[source], source


def test_decoded_files_read_correctly(hostile):
    (hit,) = json.loads(cli(hostile, "search", "quillwort", "--json").stdout)
    assert "The chancellor said “we will cut costs by £500m” in the quillwort budget." in hit["fragments"][0]["text"]
    (hit,) = json.loads(cli(hostile, "search", "marmoset", "--json").stdout)
    assert "“Ms Jones”, costs £3bn." in hit["fragments"][0]["text"]


def test_the_broken_front_matter_keeps_its_body_and_no_invented_metadata(hostile):
    (hit,) = json.loads(cli(hostile, "search", "axolotl", "--json").stdout)
    assert hit["date"] is None
    assert "title:" not in hit["title"]


def test_no_control_sequence_from_content_reaches_the_terminal(hostile):
    corpus, index, _ = hostile
    for args in (
        ("search", "ocelot OR narwhal OR pangolin OR zebracorn"),
        ("sources",),
        ("index",),
    ):
        raw = run_in_pty(*args, "--corpus", str(corpus.root), "--index", str(index))
        assert b"Traceback" not in raw, raw[-2000:]
        residue = OWN_SEQUENCES.sub(b"", raw)
        bad = CONTROL_BYTES.findall(residue)
        assert not bad, (args, bad[:5], residue[:500])
        assert b"pwned" not in raw and b"ZWNobyBwd25lZA" not in raw and b"osc8.invalid" not in raw, args


def test_markup_prints_literally(hostile):
    corpus, index, _ = hostile
    raw = run_in_pty("search", "narwhal", "--corpus", str(corpus.root), "--index", str(index))
    text = OWN_SEQUENCES.sub(b"", raw).decode()
    # The fragment ends at the full stop in "app.quit": what is shown is shown literally.
    assert "The narwhal story goes on here [bold]not bold[/] and [/] and [@click=app." in text


def test_symlink_loop_does_not_trap_the_walk(hostile):
    corpus, _, proc = hostile
    assert (corpus.root / "loop" / "again").is_symlink()
    # The file link to itself is named once (in the warnings test); the folder loop is not followed.
    assert "loop/again" not in proc.stderr


def test_unreadable_file_is_named_not_fatal(tmp_path):
    """chmod 000: root reads anything, so the loader is run with privileges dropped to `nobody`."""
    folder = Path(tempfile.mkdtemp(prefix="briefing-unreadable-"))
    try:
        folder.chmod(0o755)
        (folder / "good.txt").write_text(make_hostile.article("okapi"), encoding="utf-8")
        (folder / "good.txt").chmod(0o644)
        locked = folder / "locked.txt"
        locked.write_text(make_hostile.article("secret"), encoding="utf-8")
        locked.chmod(0)
        script = textwrap.dedent(
            f"""
            import os, sys
            from pathlib import Path
            from briefing.corpus import load_corpus
            if os.geteuid() == 0:
                os.setgid(65534)
                os.setuid(65534)
            result = load_corpus(Path({str(folder)!r}))
            print([s.id for s in result.sources])
            print([(w.path.name, w.reason) for w in result.warnings])
            """
        )
        proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=REPO)
        if proc.returncode != 0 and "Permission denied" in proc.stderr and os.geteuid() == 0:
            pytest.skip(f"cannot run as nobody here: {proc.stderr.splitlines()[-1]}")
        assert proc.returncode == 0, proc.stderr
        ids, warnings = proc.stdout.splitlines()
        assert ids == "['good']"
        assert warnings == "[('locked.txt', 'skipped, cannot read: Permission denied')]"
    finally:
        locked.chmod(0o644)
        for p in folder.iterdir():
            p.unlink()
        folder.rmdir()


# --- any bytes at all ---------------------------------------------------------------------------

TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _check_loaded(folder: Path) -> None:
    from briefing.corpus import load_corpus

    result = load_corpus(folder)
    for source in result.sources:
        for text in (source.title, source.body, source.id):
            assert not TERMINAL_CONTROLS.search(text), repr(text[:80])
    for warning in result.warnings:
        assert "\n" not in str(warning).replace(str(folder), "")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000) | st.text(max_size=1500).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_bytes_load_without_raising_or_control_characters(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("bytes")
    (folder / "a.txt").write_bytes(data)
    (folder / "b.md").write_bytes(b"---\n" + data[:200] + b"\n---\n" + data)
    _check_loaded(folder)


@pytest.mark.slow
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.characters(codec=None), max_size=2000))
def test_clean_leaves_nothing_that_drives_a_terminal(text):
    from briefing.hygiene import clean

    cleaned = clean(text)
    assert not TERMINAL_CONTROLS.search(cleaned)
    assert "\x1b" not in cleaned and "\r" not in cleaned


# --- names: bytes that are not UTF-8, controls, ids that collide (issue 21: items 1, 2, 16) -------

STRICT_UTF8 = {"PYTHONIOENCODING": "utf-8", "LC_ALL": "C.UTF-8"}  # stdout that refuses what is not UTF-8


def test_no_article_is_lost_to_a_shared_id(hostile):
    """story.txt and story.md, shout.TXT and shout.txt: one id each, each id its own article."""
    corpus, _, _ = hostile
    rows = json.loads(cli(hostile, "sources", "--json").stdout)
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), ids
    by_id = {r["id"]: r["title"] for r in rows}
    for name, source_id in corpus.ids.items():  # the files written as `article(word)`
        word = corpus.good[name]
        assert by_id[source_id] == f"Headline about {word}", (name, source_id, by_id.get(source_id))
    for word in ("kestrel", "heron", "puffin", "gannet"):
        (hit,) = json.loads(cli(hostile, "search", word, "--json").stdout)
        assert hit["title"] == f"Headline about {word}"


def test_names_that_are_not_utf8_pass_every_command(hostile):
    """`caf\\xe9.txt` and a folder `d\\xe9j\\xe0`: no command fails, every output is valid UTF-8."""
    corpus, index, _ = hostile
    for args in (
        ("sources",), ("sources", "--json"), ("search", "brioche OR tamarin"), ("search", "brioche", "--json"),
        ("quotes",), ("figures",), ("compare", "--json"), ("speakers",), ("export", "-o", "-"), ("index",),
    ):
        proc = subprocess.run(
            [sys.executable, "-m", "briefing", *args, "--corpus", str(corpus.root), "--index", str(index)],
            capture_output=True, env={**os.environ, **STRICT_UTF8}, cwd=REPO, timeout=120,
        )
        assert proc.returncode in (0, 1), (args, proc.stderr.decode("utf-8", "replace")[-1500:])
        out, err = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")  # strict: fails on a raw \xe9
        assert "Traceback" not in err, (args, err[-1500:])
        if "--json" in args:
            json.loads(out)
    rows = json.loads(cli(hostile, "sources", "--json").stdout)
    paths = {r["id"]: r["path"] for r in rows}
    assert paths["caf\ufffd"].endswith("/caf\ufffd.txt")
    assert paths["inner"].endswith("/d\ufffdj\ufffd/inner.txt")
    export = cli(hostile, "export", "-o", "-").stdout
    assert "brioche" in export and "tamarin" in export


def test_an_export_to_a_file_names_the_sources_safely(hostile, tmp_path):
    proc = run_cli("export", "-o", str(tmp_path / "out.md"), "--corpus", str(hostile[0].root),
                   "--index", str(hostile[1]), env=STRICT_UTF8)
    assert proc.returncode == 0, proc.stderr
    text = (tmp_path / "out.md").read_text("utf-8")
    assert "caf\ufffd.txt" in text


def test_sources_json_shows_paths_as_the_text_output_does(hostile):
    rows = json.loads(cli(hostile, "sources", "--json").stdout)
    (evil,) = [r for r in rows if r["id"] == "evil???"]
    assert evil["path"].endswith("/evil???.txt")
    for row in rows:
        assert not TERMINAL_CONTROLS.search(row["path"]), row["path"]
        assert not re.search("[\ud800-\udfff]", row["path"])


# --- links and our own exports (issue 21: items 13, 14) --------------------------------------------


def test_hard_links_and_links_inside_the_corpus_are_one_article(hostile):
    ids = {r["id"] for r in json.loads(cli(hostile, "sources", "--json").stdout)}
    assert "plain" in ids and "zz-hardlink" not in ids and "alias" not in ids
    duplicates = json.loads(cli(hostile, "compare", "--json").stdout)["duplicates"]
    assert not [d for d in duplicates if d["overlap"] >= 0.99], duplicates


def test_a_link_out_of_the_corpus_is_not_read(hostile):
    corpus, _, _ = hostile
    assert corpus.secret in (corpus.root / "memo.txt").read_text()  # the reader could read it
    for args in (("sources", "--json"), ("search", corpus.secret), ("export", "-o", "-"), ("quotes", "--json")):
        proc = cli(hostile, *args)
        assert corpus.secret not in proc.stdout, args
    assert "memo" not in {r["id"] for r in json.loads(cli(hostile, "sources", "--json").stdout)}


def test_briefing_exports_in_the_corpus_are_not_articles(hostile):
    ids = {r["id"] for r in json.loads(cli(hostile, "sources", "--json").stdout)}
    assert not {"briefing-corpus-2026-12-07", "old-briefing"} & ids


def test_typed_text_that_is_not_utf8_matches_the_ids_it_shows(hostile, tmp_path):
    """A latin-1 terminal sends `caf\\xe9` as bytes: as an id it finds the article, as a title it is written."""
    corpus, index, _ = hostile
    base = [sys.executable, "-m", "briefing", "--corpus", str(corpus.root), "--index", str(index)]
    env = {**os.environ, **STRICT_UTF8}
    proc = subprocess.run([*base, "quotes", "--source", b"caf\xe9", "--json"], capture_output=True, env=env,
                          cwd=REPO, timeout=60)
    assert proc.returncode in (0, 1), proc.stderr.decode("utf-8", "replace")
    assert b"no source with id" not in proc.stderr
    target = tmp_path / "out.md"
    proc = subprocess.run([*base, "export", "--title", b"caf\xe9 notes", "-o", str(target)], capture_output=True,
                          env=env, cwd=REPO, timeout=60)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    assert "caf\ufffd notes" in target.read_text("utf-8")
