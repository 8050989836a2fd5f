"""The compiled-content cache: used when it holds this edition, rebuilt when content or code
changes, and never in the way when it cannot be read or written."""
from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from bot.compiled import cached_engine, content_key
from bot.paths import content_root
from bot.types import UserInput


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(folder))
    return folder


def _answers(engine) -> str:
    return engine.handle(engine.new_state("c"), UserInput(text="what is break-fix?"))[1].node


def test_the_first_load_writes_the_cache_and_the_next_reads_it(cache_dir):
    first = cached_engine(content_root())
    (cached,) = cache_dir.glob("engine-*.pickle")
    second = cached_engine(content_root())
    assert second is not first and _answers(second) == _answers(first) == "model.break_fix"
    assert cached.stat().st_mtime_ns == next(cache_dir.glob("engine-*.pickle")).stat().st_mtime_ns


def test_a_content_edit_makes_a_new_key(content_copy):
    before = content_key(content_copy)
    path = content_copy / "knowledge" / "topics.yaml"
    path.write_text(path.read_text() + "\n# an author's note\n")
    assert content_key(content_copy) != before


def test_a_copy_of_the_content_elsewhere_is_its_own_edition(cache_dir, content_copy):
    """`advisor init` makes an identical copy; its engine must know its own folder."""
    assert content_key(content_copy) != content_key(content_root())
    cached_engine(content_root())
    assert cached_engine(content_copy).kb.root.resolve() == content_copy.resolve()


def test_a_corrupt_cache_file_is_ignored_and_replaced(cache_dir):
    cached_engine(content_root())
    (cached,) = cache_dir.glob("engine-*.pickle")
    cached.write_bytes(b"not a pickle at all")
    assert _answers(cached_engine(content_root())) == "model.break_fix"
    assert pickle.loads(cached.read_bytes()).__class__.__name__ == "Engine"


def test_an_unwritable_cache_folder_is_not_in_the_way(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(blocker / "cache"))
    assert _answers(cached_engine(content_root())) == "model.break_fix"


def test_the_cache_can_be_switched_off(cache_dir):
    cached_engine(content_root(), enabled=False)
    assert not cache_dir.exists() or not list(cache_dir.iterdir())


def test_old_editions_are_pruned(cache_dir, content_copy):
    for i in range(7):
        (content_copy / "dialogs" / "messages.yaml").write_text(
            (content_copy / "dialogs" / "messages.yaml").read_text() + f"\n# edition {i}\n")
        cached_engine(content_copy)
    assert len(list(cache_dir.glob("engine-*.pickle"))) <= 5
    assert not list(cache_dir.glob("*.tmp"))
    assert os.access(cache_dir, os.W_OK)
