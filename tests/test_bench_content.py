"""`advisor bench --content DIR` measures that edition, and refuses a broken one clearly."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bot.unanswered import promote
from bot.wiring import load_content

ADVISOR = str(Path(sys.executable).parent / "advisor")


def _bench(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "ADVISOR_CONTENT"}
    return subprocess.run([ADVISOR, "bench", "--turns", "20", "--stores", "memory", *args],
                          capture_output=True, text=True, timeout=300, env={**env, "ADVISOR_STORE": "memory"})


def test_bench_measures_the_chosen_content(content_copy):
    promote(load_content(content_copy), "topic.sla", "what uptime promise should a support contract carry")
    edition = load_content(content_copy)
    assert edition.version != load_content().version
    out = _bench("--content", str(content_copy))
    assert out.returncode == 0, out.stderr
    assert f"content version {edition.version}" in out.stdout
    assert f"{len(edition.nodes)} nodes" in out.stdout


def test_bench_refuses_broken_content_with_the_validators_message(content_copy):
    path = content_copy / "knowledge" / "topics.yaml"
    path.write_text(path.read_text().replace("- id: topic.sla", "- id: topic.sla\n    colour: blue", 1))
    out = _bench("--content", str(content_copy))
    assert out.returncode == 2
    assert "Traceback" not in out.stderr and "topics.yaml" in out.stderr and "colour" in out.stderr
    missing = _bench("--content", str(content_copy / "nowhere"))
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
