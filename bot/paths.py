"""Where the shipped content lives: beside the checkout, or inside the installed wheel."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

PARTS = ("knowledge", "dialogs")     # the content folders, beside each other in a content root
_PACKAGE = Path(__file__).resolve().parent


def content_root() -> Path:
    """The folder holding knowledge/ and dialogs/.

    In a checkout (or an editable install) they sit next to `bot/`; a wheel
    carries them as `bot/_content/` (see pyproject's force-include).
    """
    for root in (_PACKAGE.parent, _PACKAGE / "_content"):
        if (root / "knowledge").is_dir() and (root / "dialogs").is_dir():
            return root
    raise FileNotFoundError("the advisor's knowledge/ and dialogs/ folders were not found")


def content_files(root: Path) -> Iterator[Path]:
    """Every file of the content at `root`, in a stable order."""
    for part in PARTS:
        yield from (p for p in sorted((root / part).rglob("*")) if p.is_file())
