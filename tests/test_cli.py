"""The `advisor` command end to end, as a user or a script runs it."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ADVISOR = str(Path(sys.executable).parent / "advisor")
CONTRACT_KEYS = {"session", "replies", "node", "confidence", "suggestions", "expects", "recommendation"}


def run(*args: str, stdin: str = "", env: dict | None = None, cwd: Path | None = None):
    full_env = {**os.environ, "ADVISOR_STORE": "memory", **(env or {})}
    return subprocess.run([ADVISOR, *args], input=stdin, capture_output=True, text=True,
                          env=full_env, cwd=cwd, timeout=120)


def jsonl(lines: list[str], *extra: str, env: dict | None = None) -> list[dict]:
    out = run("chat", "--jsonl", *extra, stdin="".join(ln + "\n" for ln in lines), env=env)
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    return [json.loads(ln) for ln in out.stdout.splitlines()]


def test_ask_json_is_the_contract(tmp_path):
    out = run("ask", "what is break/fix?", "--json", cwd=tmp_path)
    turn = json.loads(out.stdout)
    assert set(turn) == CONTRACT_KEYS and turn["node"] == "model.break_fix"
    assert turn["replies"][0]["options"]


def test_ask_plain_renders_numbered_options():
    out = run("ask", "co-managed vs in-house?")
    assert out.returncode == 0 and "  1) " in out.stdout and "**" not in out.stdout


def test_jsonl_one_output_per_input_whatever_the_line():
    lines = ['{"text": "what is an MSP"}', "plain text about cloud support", '{"option": "topic.sla"}',
             "{broken json", '{"text": 42}', '[1, 2]', '{"option": "no.such"}', "", '{"text": ""}',
             '{"text": "' + "A" * 100_000 + '"}', "\x1b[31mred\x07", "2"]
    turns = jsonl(lines)
    assert len(turns) == len(lines)
    assert all(set(t) >= CONTRACT_KEYS and t["replies"] for t in turns)
    assert turns[0]["node"] == "model.managed" and turns[2]["node"] == "topic.sla"
    assert "valid JSON" in turns[3]["replies"][0]["text"]
    assert turns[4]["node"] == "meta.fallback" and turns[5]["node"] == "meta.fallback"
    assert len(json.dumps(turns[9])) < 5000
    assert len({t["session"] for t in turns}) == 1


def test_jsonl_sessions_are_separate_conversations():
    turns = jsonl([json.dumps({"text": "help me choose", "session": "a"}),
                   json.dumps({"text": "what is an msp", "session": "b"}),
                   json.dumps({"text": "not sure", "session": "a"}),
                   json.dumps({"text": "1", "session": "b"})])
    assert turns[0]["expects"] and turns[1]["expects"] is None
    assert turns[2]["node"] == "flow.advisor" and turns[2]["expects"]
    assert turns[3]["session"] == "b" and turns[3]["node"].startswith("model.managed")


def test_piped_chat_prints_and_exits_at_end_of_input():
    out = run("chat", stdin="what is hybrid IT?\n2\n")
    assert out.returncode == 0 and "Traceback" not in out.stderr
    assert "you> what is hybrid IT?" in out.stdout and "  1) " in out.stdout


def test_named_session_resumes_from_the_store(tmp_path):
    env = {"ADVISOR_STORE": f"sqlite:///{tmp_path}/s.db"}
    first = run("chat", "--session", "mine", stdin="help me choose\n", env=env)
    second = run("chat", "--session", "mine", stdin="not sure\n", env=env)
    assert first.returncode == second.returncode == 0
    assert "leave that one out" in second.stdout


def test_summary_of_a_finished_advisor(tmp_path):
    env = {"ADVISOR_STORE": f"sqlite:///{tmp_path}/s.db"}
    answers = "help me choose\n" + "not sure\n" * 14
    run("chat", "--session", "done", stdin=answers, env=env)
    out = run("summary", "--session", "done", env=env)
    assert out.returncode == 0 and out.stdout.startswith("# Your IT support recommendation")
    missing = run("summary", "--session", "nobody", env=env)
    assert missing.returncode == 1 and "no guided advisor result" in missing.stderr


def test_validate_shipped_content_is_clean():
    out = run("validate")
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.startswith("OK")


def test_validate_broken_content_names_file_and_line(content_copy):
    path = content_copy / "dialogs" / "downtime.yaml"
    path.write_text(path.read_text().replace("assume_button:", "asume_button:"))
    out = run("validate", str(content_copy))
    assert out.returncode == 1 and "dialogs/downtime.yaml:" in out.stderr and "asume_button" in out.stderr


def test_eval_reports_accuracy_and_refusals(tmp_path):
    queries = tmp_path / "q.yaml"
    queries.write_text("queries:\n  - text: how do msps bill\n    accept: [model.managed.cost]\n"
                       "  - text: tell me about tiered support\n    accept: [topic.tiered_support]\n"
                       "out_of_scope:\n  - how do I bake sourdough\n")
    out = run("eval", str(queries))
    assert "in-scope top-1: 2/2 = 100.0%" in out.stdout
    assert "out-of-scope refused: 1/1 = 100.0%" in out.stdout


def test_eval_personas(tmp_path):
    personas = tmp_path / "p.yaml"
    personas.write_text("personas:\n  - name: tiny studio\n    accept: [break_fix]\n    answers:\n"
                        "      internal_it: nobody\n      budget: only pay when something breaks\n"
                        "      support_need: the odd laptop problem\n      business_size: three people\n"
                        "      strategy: just fix things\n      infrastructure: a couple of laptops\n")
    out = run("eval", "--personas", str(personas))
    assert "personas recommended as labelled: 1/1" in out.stdout and "mean questions:" in out.stdout


def test_bad_configuration_is_a_clear_error():
    out = run("ask", "hi", env={"ADVISOR_SESSION_TTL": "forever"})
    out2 = run("chat", env={"ADVISOR_STORE": "redsi://x"})
    assert out.returncode == 2 and "ADVISOR_SESSION_TTL 'forever'" in out.stderr
    assert out2.returncode == 2 and "is not a store URL" in out2.stderr
    assert "Traceback" not in out.stderr + out2.stderr


def test_installed_wheel_finds_its_content(tmp_path):
    """The wheel carries knowledge/ and dialogs/; run it from an unrelated directory."""
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                            "-w", str(tmp_path / "dist"), str(Path(__file__).parent.parent)],
                           capture_output=True, text=True, timeout=300)
    if built.returncode != 0 and "hatchling" in built.stderr:
        built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w",
                                str(tmp_path / "dist"), str(Path(__file__).parent.parent)],
                               capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next((tmp_path / "dist").glob("*.whl"))
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "zipfile", "-e", str(wheel), str(site)], check=True)
    assert (site / "bot" / "_content" / "knowledge" / "synonyms.yaml").is_file()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "ADVISOR_STORE": "memory"}
    out = subprocess.run([sys.executable, "-c", "from bot.cli import main; main()", "ask",
                          "what is an msp", "--json"], capture_output=True, text=True, cwd=elsewhere,
                         env=env, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout)["node"] == "model.managed"


def test_chat_summary_command(tmp_path):
    out = run("chat", stdin="/summary\nhelp me choose\n" + "not sure\n" * 14 + "/summary\n")
    assert "no recommendation yet" in out.stdout
    assert "# Your IT support recommendation" in out.stdout


_WITHOUT_EXTRAS = """
import sys
from importlib.abc import MetaPathFinder
EXTRAS = {"starlette", "uvicorn", "redis", "limits", "prometheus_client", "slack_bolt", "slack_sdk",
          "telegram", "httpx", "aiohttp", "playwright"}
class NotInstalled(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in EXTRAS:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
sys.meta_path.insert(0, NotInstalled())
from bot.cli import main
sys.exit(main())
"""


def _plain_install(*args: str, stdin: str = "", env: dict | None = None):
    """The `advisor` command as `pip install it-support-advisor` (no extras) would run it."""
    full_env = {**os.environ, "ADVISOR_STORE": "memory", **(env or {})}
    return subprocess.run([sys.executable, "-c", _WITHOUT_EXTRAS, *args], input=stdin, capture_output=True,
                          text=True, env=full_env, timeout=120)


def test_a_plain_install_is_a_working_terminal_advisor():
    asked = _plain_install("ask", "what is an msp", "--json")
    assert asked.returncode == 0, asked.stderr[-2000:]
    assert json.loads(asked.stdout)["node"] == "model.managed"
    lines = _plain_install("chat", "--jsonl", stdin='{"text": "help me choose"}\n{"text": "not sure"}\n')
    assert lines.returncode == 0 and len(lines.stdout.splitlines()) == 2
    serve = _plain_install("serve")
    redis_store = _plain_install("chat", "--jsonl", stdin="hi\n", env={"ADVISOR_STORE": "redis://127.0.0.1:6379/0"})
    assert serve.returncode == 2 and "[web]" in serve.stderr
    assert redis_store.returncode == 2 and "[redis]" in redis_store.stderr
    assert "Traceback" not in serve.stderr + redis_store.stderr
