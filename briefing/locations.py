"""Where briefing keeps things: bundled data, indexes, state and user themes.

One small module, so tests can redirect every location with environment
variables (`BRIEFING_CACHE_DIR`, `BRIEFING_DATA_DIR`, `BRIEFING_CONFIG_DIR`).
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

APP_NAME = "briefing"
_PACKAGE_DIR = Path(__file__).resolve().parent
_CHECKOUT_DIR = _PACKAGE_DIR.parent


def seeds_dir() -> Path:
    """The bundled seed articles: `seeds/` in a checkout, package data when installed."""
    if (_CHECKOUT_DIR / "pyproject.toml").is_file() and (_CHECKOUT_DIR / "seeds").is_dir():
        return _CHECKOUT_DIR / "seeds"
    return _PACKAGE_DIR / "seeds"  # installed as package data (pyproject maps seeds/ to briefing/seeds)


def bundled_themes_dir() -> Path:
    if (_CHECKOUT_DIR / "pyproject.toml").is_file() and (_CHECKOUT_DIR / "themes").is_dir():
        return _CHECKOUT_DIR / "themes"
    return _PACKAGE_DIR / "themes"


def _platform_dir(kind: str) -> Path:
    override = os.environ.get(f"BRIEFING_{kind.upper()}_DIR")
    if override:
        return Path(override).expanduser()
    import platformdirs

    getter = {
        "cache": platformdirs.user_cache_dir,
        "data": platformdirs.user_data_dir,
        "config": platformdirs.user_config_dir,
    }[kind]
    return Path(getter(APP_NAME))


def corpus_key(corpus: Path) -> str:
    """A readable, collision-free folder name for one corpus: `<name>-<hash of its path>`."""
    resolved = Path(corpus).resolve()
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", resolved.name)[:40] or "corpus"
    digest = hashlib.sha256(str(resolved).encode("utf-8", "surrogateescape")).hexdigest()[:10]
    return f"{name}-{digest}"


def default_index_dir(corpus: Path) -> Path:
    """`index/<key>` in a checkout of one's own; else the user cache dir (or $BRIEFING_CACHE_DIR).

    One index per user: an index folder is private to whoever made it (Whoosh unpickles its files,
    so another user's is never opened), and a checkout shared by a team (the README's editable
    install) gave everyone but its owner "Permission denied" in its `index/`.
    """
    index = _CHECKOUT_DIR / "index"
    in_checkout = (_CHECKOUT_DIR / "pyproject.toml").is_file() and index.is_dir()
    if in_checkout and not os.environ.get("BRIEFING_CACHE_DIR") and _owned_and_writable(index):
        return index / corpus_key(corpus)
    return _platform_dir("cache") / "indexes" / corpus_key(corpus)


def _owned_and_writable(folder: Path) -> bool:
    try:
        return folder.stat().st_uid == os.getuid() and os.access(folder, os.W_OK | os.X_OK)
    except OSError:
        return False


def state_file(corpus: Path) -> Path:
    """Pins, last open source and theme, per corpus."""
    return _platform_dir("data") / "state" / f"{corpus_key(corpus)}.yaml"


def yaml_cache_file() -> Path:
    """The parsed forms of the YAML files read at every start (see `yaml_files`)."""
    return _platform_dir("cache") / "parsed-yaml.json"


def config_dir() -> Path:
    return _platform_dir("config")


def user_themes_dir() -> Path:
    return config_dir() / "themes"
