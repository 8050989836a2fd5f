"""The functional core: (session state, user input) -> (new state, turn).

No I/O, no clock, no randomness: the same state and input always give the same
turn, which is what makes golden transcripts and multi-process stores safe. The
order of decisions for one input:

  1. content changed since the session began?  -> resume or restart (version check)
  2. a clicked option                           -> node, flow action, or "no longer available"
  3. typed text: empty / a button's number / a button's label -> as a click
  4. a flow waits for an answer                 -> its reader first, unless the text is
                                                   clearly another question (answered, then
                                                   the pending question is repeated)
  5. otherwise the matcher                      -> answer, "did you mean", or fallback
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from rapidfuzz import fuzz

from .facts import Fact
from .flows import FactKeeper, Flow, default_flows
from .inputs import clean, looks_like_question, option_number
from .knowledge import ASPECT_NODE, Knowledge, Node
from .matcher import FALLBACK, Candidate, Match, Matcher
from .reading import build_reader
from .router import Route, Router
from .state import SessionState
from .step import Step, options
from .types import Option, Reply, Turn, UserInput, hashed_option_id

RESTART = "meta.restart"
HUMAN = "meta.human"
GREETING = "meta.greeting"
GLOBAL_META = frozenset({RESTART, HUMAN, "meta.goodbye", "meta.thanks", "meta.help"})


class Engine:
    def __init__(self, kb: Knowledge, *, human_contact: str | None = None,
                 flows: list[Flow] | None = None):
        self.kb = kb
        self.matcher = Matcher(kb)
        self.router = Router(kb, self.matcher, build_reader(kb))
        self.contact = human_contact
        self.flows: dict[str, Flow] = {f.name: f for f in (flows or default_flows(kb))}
        self._by_node = {f.node: f for f in self.flows.values()}
        self._keeper = next((f for f in self.flows.values() if isinstance(f, FactKeeper)), None)
        self._msg = kb.messages

    def warm(self) -> None:
        """Build what is otherwise built on first use (the linear scorer), so a cached
        engine carries it."""
        self.router.warm()

    def new_state(self, session_id: str) -> SessionState:
        return SessionState(id=session_id, knowledge_version=self.kb.version)

    def handle(self, state: SessionState, inp: UserInput) -> tuple[SessionState, Turn]:
        state, notes = self._upgrade(state)
        step = self._dispatch(state, inp)
        return step.prepend(*notes).to_turn()

    def expired(self, old: SessionState, inp: UserInput) -> tuple[SessionState, Turn]:
        """The session idled past its TTL: say so and keep only a finished recommendation.
        A fresh question is still answered; an answer to a question asked long ago, or a
        click on an old button, is not applied to a conversation that has ended."""
        kept = {name: flow for name, flow in old.flows.items() if flow.done}
        fresh = self.new_state(old.id).evolve(flows=kept, turns=old.turns)
        note = Reply(self._msg["session_expired"])
        if inp.option is None and isinstance(inp.text, str) and not old.active:
            step = self._dispatch(fresh, inp)
            if step.node != FALLBACK:
                return step.prepend(note).to_turn()
        recaps = tuple(r for f in self.flows.values() if (r := f.recap(fresh)) is not None)
        reply = Reply(self._msg["session_expired_offer"], options(recaps + self._menu()))
        return Step(fresh, (note, reply), RESTART, 0.0).to_turn()

    def summary(self, state: SessionState) -> str | None:
        """The Markdown summary of the session's finished result (the guided advisor's), if it
        has one: the first flow that writes one."""
        state, _ = self._upgrade(state)
        return next((text for f in self.flows.values() if (text := f.summary(state)) is not None), None)

    def _upgrade(self, state: SessionState) -> tuple[SessionState, tuple[Reply, ...]]:
        """Sessions from older content resume where still possible, else start fresh."""
        if state.knowledge_version == self.kb.version:
            return state, ()
        state = state.evolve(knowledge_version=self.kb.version)
        flow = self.flows.get(state.active or "")
        if flow is None:
            return state.evolve(options=()), ()
        if flow.resumable(state):
            return state, (Reply(self._msg["knowledge_updated_resume"]),)
        fresh = self.new_state(state.id).evolve(turns=state.turns)
        return fresh, (Reply(self._msg["knowledge_updated_restart"]),)

    def _dispatch(self, state: SessionState, inp: UserInput) -> Step:
        if inp.option is not None:
            return self._on_option(state, str(inp.option))
        if not isinstance(inp.text, str):
            return self._system(state, "unreadable")
        cleaned = clean(inp.text)
        if not cleaned.text:
            return self._system(state, "empty_input", self._menu())
        step = self._on_text(state, cleaned.text)
        return step.prepend(Reply(self._msg["too_long"])) if cleaned.truncated else step

    def _on_text(self, state: SessionState, text: str) -> Step:
        clicked = self._typed_option(state, text)
        if clicked is not None:
            return clicked
        flow = self.flows.get(state.active or "")
        if flow is not None:
            return self._in_flow(state, text, flow)
        for kept in self._kept(state):     # "change my answer", "what if ..." after a result
            steered = kept.steer(state, text)
            if steered is not None:
                return steered
        model = self.router.follow_up(text)
        if model is not None:
            return self._answer(state, self.kb.nodes[self._same_aspect(state.last_node, model)], 1.0)
        return self._routed(state, self.router.route(text))

    def _same_aspect(self, last: str | None, model: str) -> str:
        """After "how much is break-fix?", "and managed?" asks managed's cost; after anything
        else, a bare model name asks what the model is."""
        node = self.kb.nodes.get(last or "")
        aspect = node.aspect if node is not None and node.kind == "model" else None
        same = f"model.{model}.{aspect}"
        return same if aspect not in (None, ASPECT_NODE) and same in self.kb.nodes else f"model.{model}"

    def _kept(self, state: SessionState) -> list[Flow]:
        """Flows holding state while none is active, the one whose result came last first."""
        held = [f for f in self.flows.values() if state.flow(f.name) is not None]
        return sorted(held, key=lambda f: f.node != state.last_node)

    def _routed(self, state: SessionState, route: Route) -> Step:
        keeper = self._keeper
        facts = route.reading.facts if route.kind != "refuse" else {}
        if keeper is not None and facts:
            state = keeper.remember(state, facts, correct=route.reading.correction)
        if route.kind == "ambiguous":
            return self._did_you_mean(state, route.match)
        if route.kind == "refuse" or route.node is None:
            return self._refusal(state, route.score)
        step = self._answer(state, self.kb.nodes[self._with_known_facts(state, route.node)], route.score)
        if route.kind == "advisor":
            return step
        step = self._with_runner_up(step, route.match)
        return self._tied_to_facts(step, facts, keeper) if keeper is not None and facts else step

    def _with_known_facts(self, state: SessionState, node: str) -> str:
        """"Which model fits us?" asked once the conversation holds facts about the business
        (said earlier, mid-FAQ) is the guided advisor's to answer: it uses them."""
        keeper = self._keeper
        if keeper is not None and node in self.kb.reading.routing.generic and keeper.holds_facts(state):
            return keeper.node
        return node

    def _refusal(self, state: SessionState, score: float) -> Step:
        """A second refusal in a row says it differently and offers a way on: the overview,
        the guided advisor and a person."""
        if state.last_node != FALLBACK:
            return self._answer(state, self.kb.nodes[FALLBACK], score)
        offers = [(n, self.kb.nodes[n].label) for n in self.kb.reading.routing.after_refusals]
        return Step(state, (Reply(self._msg["fallback_again"], options(offers)),), FALLBACK, score)

    def _tied_to_facts(self, step: Step, facts: Mapping[str, Fact], keeper: FactKeeper) -> Step:
        """An answer to a situation says what it noted and offers the guided advisor first,
        which will use those facts."""
        if self.kb.nodes[step.node].kind not in ("model", "compare", "topic"):
            return step
        noted = keeper.noted_line(facts)
        last = step.replies[-1]
        advisor = options([(keeper.node, self.kb.nodes[keeper.node].label)])
        last = replace(last, options=(advisor + tuple(o for o in last.options if o.id != keeper.node))
                       [: self.kb.matching.max_options])
        node = self.kb.nodes[step.node]
        fit = keeper.fit_line(node.models[0], facts) if node.kind == "model" and len(node.models) == 1 else None
        replies = step.replies[:-1] + (last,) + tuple(r for r in (noted, fit) if r is not None)
        return replace(step, replies=replies)

    def _in_flow(self, state: SessionState, text: str, flow: Flow) -> Step:
        """A waiting flow reads statements; questions and meta intents interrupt it.
        (The matcher runs only when needed: most turns in a flow are plain answers.)"""
        steered = flow.steer(state, text)
        if steered is not None:
            return steered
        question = looks_like_question(text)
        best = _confident(self.matcher.match(text)) if question else None
        if best is not None and not flow.is_own_question(best.node):
            return self._answer(state, self.kb.nodes[best.node], best.score)
        step = flow.on_text(state, text)
        if step is not None:
            return step
        if not question:
            best = _confident(self.matcher.match(text))
        if best is not None and best.node in GLOBAL_META:
            return self._answer(state, self.kb.nodes[best.node], best.score)
        return flow.reask(state)

    def _typed_option(self, state: SessionState, text: str) -> Step | None:
        number = option_number(text)
        flow = self.flows.get(state.active or "")
        if number is not None and flow is not None and flow.takes_numbers(state):
            return None
        if number is not None and state.options:
            if 1 <= number <= len(state.options):
                return self._on_option(state, state.options[number - 1][0])
            if not state.active:
                return self._system(state, "option_out_of_range", state.options, number=number)
            return None
        threshold = self.kb.matching.thresholds.option_label * 100
        scored = [(fuzz.ratio(text.casefold(), label.casefold()), oid) for oid, label in state.options]
        best = max(scored, default=(0.0, ""))
        return self._on_option(state, best[1]) if best[0] >= threshold else None

    def _on_option(self, state: SessionState, option_id: str) -> Step:
        if option_id.startswith("~"):
            option_id = next((oid for oid, _ in state.options if hashed_option_id(oid) == option_id), option_id)
        if option_id in self.kb.nodes:
            return self._answer(state, self.kb.nodes[option_id], 1.0)
        for flow in self.flows.values():
            if flow.owns(option_id):
                step = flow.on_option(state, option_id)
                if step is not None:
                    return step
        return self._stale_option(state)

    def _stale_option(self, state: SessionState) -> Step:
        flow = self.flows.get(state.active or "")
        if flow is not None:
            return flow.resume(state).prepend(Reply(self._msg["unknown_option"]))
        return self._system(state, "unknown_option", state.options or self._menu())

    def _from_match(self, state: SessionState, match: Match) -> Step:
        best = match.best
        if match.outcome == "none" or best is None or best.node == FALLBACK:
            return self._answer(state, self.kb.nodes[FALLBACK], best.score if best else 0.0)
        if match.outcome == "ambiguous":
            return self._did_you_mean(state, match)
        step = self._answer(state, self.kb.nodes[best.node], best.score)
        return self._with_runner_up(step, match)

    def _did_you_mean(self, state: SessionState, match: Match) -> Step:
        if match.which_model is not None:
            return self._which_model(state, match)
        t = self.kb.matching.thresholds
        top = match.candidates[0].score
        near = [c for c in match.candidates if top - c.score <= t.margin and c.node != FALLBACK]
        near = near[: self.kb.matching.max_suggestions]
        if len(near) < 2:
            near = [c for c in match.candidates if c.node != FALLBACK][:2]
        pairs = [(c.node, self.kb.nodes[c.node].label) for c in near]
        reply = Reply(self._msg["did_you_mean"], options(pairs))
        return Step(state, (reply,), near[0].node, top, tuple(c.node for c in near))

    def _which_model(self, state: SessionState, match: Match) -> Step:
        """The aspect asked, for the models people ask about most (matching.yaml's order)."""
        suffix = "" if match.which_model == ASPECT_NODE else f".{match.which_model}"
        ids = [f"model.{m}{suffix}" for m in self.kb.matching.popular_models]
        ids = [i for i in ids if i in self.kb.nodes][: self.kb.matching.max_options]
        reply = Reply(self._msg["which_model"], options([(i, self.kb.nodes[i].label) for i in ids]))
        top = match.candidates[0].score if match.candidates else 0.0
        return Step(state, (reply,), ids[0] if ids else FALLBACK, top, tuple(ids))

    def _with_runner_up(self, step: Step, match: Match) -> Step:
        """A close second answer is offered as the first follow-up button."""
        if len(match.candidates) < 2 or step.state.active:
            return step
        first, second = match.candidates[0], match.candidates[1]
        t = self.kb.matching.thresholds
        if second.node == FALLBACK or first.score - second.score > t.margin or second.score < t.confident:
            return step
        reply = step.replies[-1]
        if any(o.id == second.node for o in reply.options):
            return step
        extra = options([(second.node, self.kb.nodes[second.node].label)])
        limit = self.kb.matching.max_options
        reply = replace(reply, options=(extra + reply.options)[:limit])
        return replace(step, replies=step.replies[:-1] + (reply,))

    def _answer(self, state: SessionState, node: Node, confidence: float) -> Step:
        if node.kind == "flow":
            return replace(self._by_node[node.id].start(state), confidence=confidence)
        if node.id == RESTART:
            state = self.new_state(state.id).evolve(turns=state.turns)
        text = self._human_answer(node) if node.id == HUMAN else node.answer
        reply = Reply(text, self._edges(node))
        flow = self.flows.get(state.active or "")
        if flow is None:
            return Step(state, (self._with_recaps(state, reply) if node.id == GREETING else reply,),
                        node.id, confidence)
        resume = flow.resume(state)
        note = Reply(self._msg["interrupted_resume"])
        return replace(resume, replies=(Reply(text),) + (note,) + resume.replies,
                       node=node.id, confidence=confidence)

    def _with_recaps(self, state: SessionState, reply: Reply) -> Reply:
        """A greeting to a conversation that holds a finished result (a resumed session, a
        widget reopened) offers that result again first."""
        recaps = tuple(r for f in self.flows.values() if (r := f.recap(state)) is not None)
        if not recaps:
            return reply
        kept = tuple(o for o in reply.options if o.id not in {r[0] for r in recaps})
        return replace(reply, options=(options(recaps) + kept)[: self.kb.matching.max_options])

    def _human_answer(self, node: Node) -> str:
        """With no contact configured, say so and what to do instead: never a made-up address."""
        if not self.contact:
            return self._msg["human_unavailable"]
        return node.answer.replace("{contact}", self.contact)

    def _edges(self, node: Node) -> tuple[Option, ...]:
        return options(self._edge_pairs(node)[: self.kb.matching.max_options])

    def _menu(self) -> tuple[tuple[str, str], ...]:
        return self._edge_pairs(self.kb.nodes["meta.help"])

    def _edge_pairs(self, node: Node) -> tuple[tuple[str, str], ...]:
        """(target id, button label): an edge's own label, else the target node's."""
        return tuple((e.to, e.label or self.kb.nodes[e.to].label) for e in node.edges)

    def _system(self, state: SessionState, key: str, pairs: tuple[tuple[str, str], ...] = (),
                **fmt: object) -> Step:
        reply = Reply(self._msg[key].format(**fmt), options(list(pairs)))
        return Step(state, (reply,), FALLBACK, 0.0)


def _confident(match: Match) -> Candidate | None:
    """The best candidate when it is a confident, in-scope answer."""
    best = match.best
    return best if match.outcome == "confident" and best and best.node != FALLBACK else None

