"""The export dialog in the real app: a preview of the header before writing, and a failed write
that leaves the dialog open with the reason and the choices as they were."""

from __future__ import annotations

from pathlib import Path

import yaml
from tui_helpers import wait_for, wait_ready

from briefing.tui.screens.export import ExportDialog


def preview_text(dialog: ExportDialog) -> str:
    return str(dialog.query_one("#export-preview").render())


def notice_text(dialog: ExportDialog) -> str:
    return str(dialog.query_one("#export-notice").render())


async def test_dialog_previews_the_header_and_stays_open_on_a_write_error(make_app, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_ready(pilot, app)
        await pilot.press("e")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert dialog.query_one("#export-replace").value is False  # replacing a file is never the default
        dialog.query_one("#scope-all").value = True
        await wait_for(pilot, lambda: dialog.scope == "all" and "5 sources" in preview_text(dialog), "the preview")
        lines = preview_text(dialog).splitlines()
        assert lines[0] == "Briefing: seeds"
        assert lines[1].startswith("5 sources · 2025-06-18 to 2025-07-09 · 3 undated")
        # The same counts as the export's front matter (the seeds' golden file): one model feeds both.
        golden_file = Path(__file__).parents[1] / "data" / "golden" / "seeds-all.md"
        golden = yaml.safe_load(golden_file.read_text(encoding="utf-8").split("---\n")[1])
        assert f"{golden['quotes']} quotes by {golden['speakers']} speakers" in lines[3]

        bad = tmp_path / "missing" / "out.md"
        dialog.query_one("#export-name").value = str(bad)
        await pilot.press("enter")
        await wait_for(pilot, lambda: dialog.error is not None, "the write error")
        assert app.screen is dialog  # still open
        assert "cannot write" in notice_text(dialog) and str(bad) in notice_text(dialog)
        assert dialog.query_one("#export-name").value == str(bad) and dialog.scope == "all"
        assert not bad.exists()

        good = tmp_path / "out.md"
        dialog.query_one("#export-name").value = str(good)
        await pilot.press("enter")
        await wait_for(pilot, good.exists, "the export file")
        await wait_for(pilot, lambda: app.screen is not dialog, "the dialog to close")
        assert good.read_text(encoding="utf-8").startswith("---\ntitle: 'Briefing: seeds'")
