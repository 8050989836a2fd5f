"""The compiled content, cached: parsed YAML, both validation passes, the normalised
examples, the matcher's tables and the linear scorer, built once per content edition.

A cache file is named by a hash of the content folder, every content file, the code
that compiles them and the Python version, so any edit or upgrade builds a new one. It lives in the user's cache folder
(platformdirs); a cache that cannot be read or written is simply not used. Only the
advisor itself writes there, which is what makes unpickling it safe.
"""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from pathlib import Path

import platformdirs

from .engine import Engine
from .loading import load_knowledge
from .paths import content_files

log = logging.getLogger("advisor")
KEEP = 4      # cache files of older editions kept beside the current one
_CODE = Path(__file__).resolve().parent


def build_engine(root: Path) -> Engine:
    return Engine(load_knowledge(root))


def cached_engine(root: Path, *, enabled: bool = True) -> Engine:
    """The engine for the content at `root`, from the cache when it holds this edition."""
    if not enabled:
        return build_engine(root)
    path = _cache_dir() / f"engine-{content_key(root)}.pickle"
    engine = _read(path)
    if engine is not None:
        return engine
    engine = build_engine(root)
    engine.warm()
    _write(path, engine)
    return engine


def content_key(root: Path) -> str:
    """Where the content is (the engine remembers its folder: `advisor report --promote`
    writes there), every content file's bytes, and the code that compiles them (each
    module's size and time, so a changed checkout never unpickles stale objects)."""
    digest = hashlib.sha256()
    digest.update(f"{root.resolve()}|{sys.version}".encode())
    for module in sorted(_CODE.rglob("*.py")):
        info = module.stat()
        digest.update(f"{module.relative_to(_CODE)}|{info.st_size}|{info.st_mtime_ns}".encode())
    for path in content_files(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:24]


def _read(path: Path) -> Engine | None:
    try:
        with path.open("rb") as fh:
            engine = pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception as exc:   # corrupt, truncated, written by other code: build afresh
        log.info("ignoring the content cache %s: %s", path, type(exc).__name__)
        return None
    return engine if isinstance(engine, Engine) else None


def _write(path: Path, engine: Engine) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as fh:
            pickle.dump(engine, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(fh.name, path)
        for old in sorted(path.parent.glob("engine-*.pickle"), key=lambda p: p.stat().st_mtime)[:-KEEP - 1]:
            old.unlink(missing_ok=True)
    except OSError as exc:
        log.info("not caching the compiled content in %s: %s", path.parent, exc)


def _cache_dir() -> Path:
    return Path(os.environ.get("ADVISOR_CACHE_DIR") or platformdirs.user_cache_dir("it-support-advisor"))

