"""The `advisor` command: serve, chat, ask, validate, eval, bench, summary, sources.

Library code raises; only this module turns errors into exit codes and messages,
and only the command line configures logging (here, and in each worker process
`advisor serve --workers N` starts: `adapters.serve.worker_app`).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from .config import Settings
from .errors import AdvisorError, ConfigError, ContentError
from .logs import configure as configure_logs


def main(argv: list[str] | None = None) -> int:
    if sys.stdout is None:        # started with stdout closed (`advisor ask ... >&-`): nobody reads
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115  (lives as long as the process)
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    if getattr(args, "content", None) is not None:
        # An environment variable, so `serve --workers N` hands it to every worker too.
        os.environ["ADVISOR_CONTENT"] = str(args.content.resolve())
    try:
        settings = Settings.from_env()
        configure_logs(settings.log_level, settings.log_format)
        code: int = args.run(args)
        return code
    except BrokenPipeError:
        return _reader_left()
    except ContentError as exc:
        print(f"advisor: the content has {len(exc.problems)} problem(s):", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except AdvisorError as exc:
        print(f"advisor: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _reader_left() -> int:
    """The reader closed the pipe (`advisor ask ... | head -1`): end quietly, as cat does.
    stdout is pointed at /dev/null so Python's own flush at exit cannot complain again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="advisor", description="IT Support Advisor")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--content", type=Path, metavar="DIR",
                        help="a content folder holding knowledge/ and dialogs/ (else ADVISOR_CONTENT, "
                             "else the shipped content)")
    sub = _Commands(p.add_subparsers(metavar="COMMAND"), common)
    serve = sub.add_parser("serve", help="serve the web widget and API (and Slack/Telegram when configured)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1, help="worker processes (share one store)")
    serve.set_defaults(run=_serve)
    telegram = sub.add_parser("telegram", help="run the Telegram bot by long polling (no public URL needed)")
    telegram.set_defaults(run=_telegram)
    chat = sub.add_parser("chat", help="chat in the terminal")
    chat.add_argument("--jsonl", action="store_true", help="JSON lines in and out (see the contract)")
    chat.add_argument("--session", help="resume (or name) a conversation kept in the store")
    chat.set_defaults(run=_chat)
    ask = sub.add_parser("ask", help="answer one question in a fresh session")
    ask.add_argument("text")
    ask.add_argument("--json", action="store_true", help="print the contract's JSON turn")
    ask.set_defaults(run=_ask)
    val = sub.add_parser("validate", help="check knowledge/ and dialogs/")
    val.add_argument("dir", nargs="?", type=Path, help="a content folder holding knowledge/ and dialogs/")
    val.add_argument("--strict", action="store_true",
                     help="also leave each example out and report those another node would win")
    val.set_defaults(run=_validate)
    ev = sub.add_parser("eval", help="measure accuracy on a query or persona file")
    ev.add_argument("file", type=Path)
    ev.add_argument("--personas", action="store_true", help="FILE holds personas for the guided advisor")
    ev.add_argument("--quiet", action="store_true", help="totals only, no list of misses")
    ev.add_argument("--shared", action="store_true",
                    help="instead: the synonyms, cues and anchors of 3+ words FILE's messages also hold")
    ev.set_defaults(run=_eval)
    bench = sub.add_parser("bench", help="measure latency, load time and store throughput")
    bench.add_argument("--turns", type=int, default=2000)
    bench.add_argument("--stores", default="memory,sqlite", help="comma list: memory, sqlite, redis")
    bench.add_argument("--redis-url", default=None)
    bench.add_argument("--scale", action="store_true",
                       help="instead: matching with synthetic knowledge of 1k, 10k and 100k examples")
    bench.add_argument("--http", action="store_true",
                       help="instead: POST /api/chat against `advisor serve`, 1 and 2 workers per store")
    bench.set_defaults(run=_bench)
    summary = sub.add_parser("summary", help="print the guided advisor's result for a session as Markdown")
    summary.add_argument("--session", required=True)
    summary.set_defaults(run=_summary)
    init = sub.add_parser("init", help="copy the shipped content to DIR as your own edition to edit")
    init.add_argument("dir", type=Path)
    init.set_defaults(run=_init)
    report = sub.add_parser("report", help="unanswered questions, grouped, with the closest nodes")
    report.add_argument("--limit", type=int, default=30)
    report.add_argument("--promote", nargs=2, metavar=("N", "NODE"),
                        help="add group N's wording to NODE's examples in the knowledge YAML")
    report.set_defaults(run=_report)
    graph = sub.add_parser("graph", help="draw the knowledge graph (DOT, SVG or Mermaid)")
    graph.add_argument("--format", choices=("dot", "svg", "mermaid"), default="mermaid")
    graph.add_argument("-o", "--output", type=Path, help="write to a file instead of standard output")
    graph.set_defaults(run=_graph)
    sources = sub.add_parser("sources", help="show the source sentences behind an answer or a recommendation")
    sources.add_argument("node", help="a knowledge node id (model.managed.cost), or 'recommendation'")
    sources.add_argument("--session", help="with 'recommendation': the session whose result to explain")
    sources.set_defaults(run=_sources)
    return p


class _Commands:
    """Subcommands that all take the common options (--content)."""

    def __init__(self, sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
        self._sub, self._common = sub, common

    def add_parser(self, name: str, help: str) -> argparse.ArgumentParser:  # noqa: A002 (argparse's name)
        parser: argparse.ArgumentParser = self._sub.add_parser(name, parents=[self._common], help=help)
        return parser


def _serve(args: argparse.Namespace) -> int:
    try:
        from adapters.serve import serve
    except ImportError as exc:
        raise ConfigError(f"`advisor serve` needs the web extra ({exc.name} is missing): "
                          "pip install 'it-support-advisor[web]'") from None

    return serve(Settings.from_env(), host=args.host, port=args.port, workers=args.workers)


def _telegram(args: argparse.Namespace) -> int:
    try:
        from adapters.telegram import run_polling
    except ImportError as exc:
        raise ConfigError(f"`advisor telegram` needs the telegram extra ({exc.name} is missing): "
                          "pip install 'it-support-advisor[telegram]'") from None

    return run_polling(Settings.from_env())


def _chat(args: argparse.Namespace) -> int:
    from adapters.jsonl import serve_lines
    from adapters.terminal import run_chat

    from .session_ids import check, new_session_id
    from .wiring import build_advisor

    session = check(args.session) if args.session else new_session_id()
    advisor = build_advisor(Settings.from_env())
    if args.jsonl:
        serve_lines(advisor, sys.stdin.buffer, sys.stdout, session)
        return 0
    sys.stdin.reconfigure(errors="replace")  # type: ignore[union-attr]
    return run_chat(advisor, session, resume=bool(args.session))


def _ask(args: argparse.Namespace) -> int:
    from adapters.terminal import render

    from .types import UserInput
    from .wiring import build_advisor

    advisor = build_advisor(Settings.from_env(), store_url="memory")
    turn = advisor.handle(None, UserInput(text=args.text))
    if args.json:
        print(json.dumps(turn.to_json(), ensure_ascii=False))
    else:
        print(render(turn, color=sys.stdout.isatty()))
    return 0


def _validate(args: argparse.Namespace) -> int:
    from .loading import load_knowledge
    from .matcher import Matcher
    from .paths import content_root
    from .validate import example_collisions

    kb = load_knowledge(args.dir or Settings.from_env().content or content_root())
    matcher = Matcher(kb)
    problems = example_collisions(kb, matcher)
    for problem in problems:
        print(f"  {problem}", file=sys.stderr)
    if args.strict:
        loose = example_collisions(kb, matcher, leave_one_out=True)
        for problem in loose:
            print(f"  (strict) {problem}", file=sys.stderr)
        total = sum(len(n.examples) for n in kb.nodes.values())
        print(f"leave-one-out: {total - len(loose)}/{total} examples still reach their own node")
    status = f"{len(problems)} problem(s)" if problems else "OK"
    print(f"{status}: {len(kb.nodes)} nodes, {matcher.example_count()} example questions, "
          f"content version {kb.version}")
    return 1 if problems else 0


def _eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate_personas, evaluate_queries
    from .wiring import load_engine

    engine = load_engine(Settings.from_env())
    if args.shared:
        from .evaluate import shared_phrases

        for phrase, where, count in shared_phrases(engine.kb, [args.file]):
            print(f"{count}\t{phrase}\t{where}")
        return 0
    run = evaluate_personas if args.personas else evaluate_queries
    print(run(engine, args.file, verbose=not args.quiet))
    return 0


def _bench(args: argparse.Namespace) -> int:
    from .bench import http_lines, run_bench

    stores = [s.strip() for s in args.stores.split(",") if s.strip()]
    content = Settings.from_env().content      # --content or ADVISOR_CONTENT, else the shipped content
    try:
        if args.scale:
            from .scale import run_scale
            from .wiring import load_content

            kb = load_content(content)
            print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
            for line in run_scale(kb):
                print(line, flush=True)
            return 0
        if args.http:
            print("\n".join(http_lines(turns=args.turns, stores=stores, redis_url=args.redis_url, content=content)))
            return 0
        print(run_bench(turns=args.turns, stores=stores, redis_url=args.redis_url, content=content))
    except ContentError as exc:
        problems = "\n".join(f"  {problem}" for problem in exc.problems)
        raise ConfigError(f"not benchmarked: the content has {len(exc.problems)} problem(s):\n{problems}") from exc
    return 0


def _summary(args: argparse.Namespace) -> int:
    from .wiring import build_advisor

    advisor = build_advisor(Settings.from_env())
    text = advisor.summary(args.session)
    if text is None:
        print(f"advisor: session '{args.session}' has no guided advisor result yet", file=sys.stderr)
        return 1
    print(text)
    return 0


def _init(args: argparse.Namespace) -> int:
    from .authoring import init_content

    target = init_content(args.dir)
    print(f"copied the content to {target}; use it with --content {target} or ADVISOR_CONTENT={target}")
    return 0


def _report(args: argparse.Namespace) -> int:
    from .authoring import promote_group, report_text

    settings = Settings.from_env()
    if args.promote:
        number, node = args.promote
        if not number.isdigit():
            raise ConfigError(f"--promote wants a group number, got {number!r}")
        print(promote_group(settings, int(number), node))
        return 0
    print(report_text(settings, args.limit))
    return 0


def _graph(args: argparse.Namespace) -> int:
    from . import graph
    from .wiring import load_content

    kb = load_content(Settings.from_env().content)
    if args.format == "svg" and not graph.has_graphviz():
        raise ConfigError("--format svg needs Graphviz's `dot` (apt-get install graphviz); "
                          "--format dot or mermaid need nothing")
    text = {"dot": graph.dot, "svg": graph.svg, "mermaid": graph.mermaid}[args.format](kb)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
        lost = len(graph.unreachable(kb))
        print(f"wrote {args.output} ({len(kb.nodes)} nodes, {lost} reachable by typing only)")
    else:
        print(text, end="")
    return 0


def _sources(args: argparse.Namespace) -> int:
    """Why trust this answer? The articles' own sentences behind it, and what is our judgement."""
    import difflib

    from .sources import node_report, recommendation_report

    if args.node == "recommendation":
        return _recommendation_sources(args.session, recommendation_report)
    from .wiring import load_content

    kb = load_content(Settings.from_env().content)
    if args.node not in kb.nodes:
        close = difflib.get_close_matches(args.node, list(kb.nodes), n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        print(f"advisor: no knowledge node '{args.node}'{hint}", file=sys.stderr)
        return 1
    print(node_report(kb, args.node))
    return 0


def _recommendation_sources(session: str | None, report: Callable[..., str]) -> int:
    from .flows.advisor import NAME
    from .wiring import build_advisor

    if not session:
        print("advisor: 'sources recommendation' needs --session SESSION", file=sys.stderr)
        return 2
    advisor = build_advisor(Settings.from_env())
    state = advisor.state(session)
    flow = state.flow(NAME) if state else None
    if flow is None or not flow.done:
        print(f"advisor: session '{session}' has no guided advisor result yet", file=sys.stderr)
        return 1
    print(report(advisor.engine.kb, flow.answers, flow.texts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
