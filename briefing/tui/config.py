"""The user's config file: `config.yaml` in the config dir (`BRIEFING_CONFIG_DIR`).

    theme: briefing-light
    keymap:            # binding id: keys (comma-separated), as `?` help lists them
      app.quit: q,ctrl+q
      reader.next_hit: n,right_square_bracket

Unknown binding ids and bad values are reported, never fatal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefing import yaml_files
from briefing.hygiene import printable
from briefing.locations import config_dir

CONFIG_FILE = "config.yaml"


@dataclass(slots=True)
class Config:
    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def config_path() -> Path:
    return config_dir() / CONFIG_FILE


def load_config(path: Path | None = None, binding_ids: set[str] | None = None) -> Config:
    path = path or config_path()
    config = Config()
    try:
        data = yaml_files.read(path)
    except FileNotFoundError:
        return config
    except (OSError, UnicodeDecodeError, yaml_files.YamlError) as exc:
        config.problems.append(f"config ignored ({printable(' '.join(str(exc).split()))[:100]})")
        return config
    if data is None:
        return config
    if not isinstance(data, dict):
        config.problems.append("config ignored: not a mapping")
        return config
    theme = data.get("theme")
    if theme is not None:
        if isinstance(theme, str):
            config.theme = theme
        else:
            config.problems.append("config: `theme` must be a name")
    keymap = data.get("keymap") or {}
    if not isinstance(keymap, dict):
        config.problems.append("config: `keymap` must map binding ids to keys")
        return config
    for binding_id, keys in keymap.items():
        name = printable(str(binding_id))[:40]
        if binding_ids is not None and binding_id not in binding_ids:
            config.problems.append(f"keymap: unknown binding id {name!r}")
        elif not isinstance(keys, str) or not keys.strip():
            config.problems.append(f"keymap: keys for {name!r} must be text like 'q,ctrl+q'")
        else:
            config.keymap[str(binding_id)] = ",".join(k.strip() for k in keys.split(",") if k.strip())
    return config


def key_clashes(defaults: dict[str, str], keymap: dict[str, str]) -> list[str]:
    """Keys the keymap leaves on two bindings of one scope (a binding id's first part: app, reader,
    list, …), where only one of them can ever run: `app.pin: t` took `t` from `app.next_theme`.

    `defaults`: binding id → its own keys; `keymap`: the user's replacements."""
    seen: dict[tuple[str, str], str] = {}
    clashes: list[str] = []
    for binding_id, default in defaults.items():
        scope = binding_id.split(".", 1)[0]
        for key in dict.fromkeys(k.strip() for k in keymap.get(binding_id, default).split(",") if k.strip()):
            other = seen.setdefault((scope, key), binding_id)
            if other != binding_id:
                clashes.append(f"keymap: {printable(key)[:20]} is bound to both {other} and {binding_id}")
    return clashes
