"""The guided advisor as a conversation: ask, read, revise, recommend.

The decision itself (reading answers, scoring, when to stop, explanations) lives
in `bot.decision`; this module only moves the session through it. A FlowState
keeps the answers (factor -> option, None for "not sure"), the user's own words,
the order asked (for "back"), and in `assumed` the factors whose answers could
not be read, so the summary can say they were left out.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from ..decision.commands import Topics, asks_why_not, change_request, keeps, model_named, ordinal, topic_rest
from ..decision.explain import Recommendation, reasons_for, recommend
from ..decision.interpret import exact_option, interpret
from ..decision.prompts import answer_ack, followup_buttons, question_buttons, question_text, read_option_id, reask_text
from ..decision.render import chat_text, compare_text, summary_markdown, why_not_text
from ..decision.schema import AdvisorDialog
from ..decision.scoring import next_factor
from ..facts import Fact
from ..inputs import looks_like_question
from ..knowledge import Knowledge
from ..normalize import fold
from ..reading import fact_reader, markers
from ..state import FlowState, SessionState
from ..step import Step, options
from ..types import Option, Reply
from .revise import changes, keep_button, what_if

NAME = "advisor"
NODE = "flow.advisor"
CHANGE = "advisor.change"
BACK = "advisor.back"
RESULT = "advisor.result"   # the finished recommendation again (offered after a session expires)
WHY_NOT = "advisor.why_not"
COMPARE = "advisor.compare"


class AdvisorFlow:
    name = NAME
    node = NODE

    def __init__(self, kb: Knowledge):
        self.model = kb.decision
        self._facts = fact_reader(kb)
        self._markers = markers(kb)
        self._about = {f: frozenset(fold(w) for w in ws) for f, ws in kb.reading.facts.about.items()}
        self._start_label = kb.nodes[NODE].label
        self._messages = kb.messages
        self._back_nothing = kb.messages["back_nothing"]
        self.dialog: AdvisorDialog = kb.advisor_dialog
        self._back = {fold(w) for w in self.dialog.commands.back}
        self._topics = Topics({f: q.topic for f, q in self.dialog.questions.items()}, self._about,
                              self.dialog.commands)
        self._model_names = {m: tuple(dict.fromkeys(fold(p) for p in (
            self.model.names[m], self.model.labels[m], *kb.synonyms.concepts.get(f"model.{m}", ()))))
            for m in self.model.names}

    def owns(self, option_id: str) -> bool:
        return option_id.startswith("advisor.")

    def is_own_question(self, node_id: str) -> bool:
        return node_id == NODE

    def takes_numbers(self, state: SessionState) -> bool:
        """"How many people?" answered "3" means three people, not the third button."""
        flow = state.flow(NAME)
        return bool(flow and flow.pending and self.model.factor(flow.pending).numeric)

    def resumable(self, state: SessionState) -> bool:
        flow = state.flow(NAME)
        if flow is None or flow.pending not in self.model.factors:
            return False
        return all(f in self.model.factors and (o is None or o in self._option_ids(f))
                   for f, o in flow.answers.items())

    def start(self, state: SessionState) -> Step:
        """Facts the user volunteered are kept, said back in one line and not asked again;
        a finished recommendation is shown again (updated with anything said since)."""
        known = state.flow(NAME)
        if known is not None and known.done:
            return self._result(state, known)
        flow = FlowState(NAME, answers=dict(known.answers), texts=dict(known.texts)) if known else FlowState(NAME)
        noted = self._noted(flow, flow.answers)
        first = next_factor(self.model, flow.answers, set(flow.answers))
        if first is None:
            return self._result(state, replace(flow, done=True)).prepend(Reply(self.dialog.intro), *noted)
        flow = replace(flow, pending=first, asked=(first,))
        state = state.with_flow(NAME, flow, active=True)
        return self._ask(state, flow).prepend(Reply(self.dialog.intro), *noted)

    def remember(self, state: SessionState, facts: Mapping[str, Fact], *, correct: bool = False) -> SessionState:
        """Keep facts a message volunteered; they replace earlier answers only when the
        message corrects ("actually, ...")."""
        flow = state.flow(NAME) or FlowState(NAME)
        new = {f: fact for f, fact in facts.items() if correct or f not in flow.answers}
        if not new:
            return state
        flow = replace(flow, answers={**flow.answers, **{f: x.option for f, x in new.items()}},
                       texts={**flow.texts, **{f: _quote(x.text) for f, x in new.items()}})
        return state.with_flow(NAME, flow, active=state.active == NAME)

    def holds_facts(self, state: SessionState) -> bool:
        flow = state.flow(NAME)
        return flow is not None and bool(flow.answers) and not flow.done

    def noted_line(self, facts: Mapping[str, Fact]) -> Reply | None:
        """ "Noted: size: 20 to 250 people; IT staff: none." for facts just read."""
        replies = self._noted(FlowState(NAME), {f: x.option for f, x in facts.items()})
        return replies[0] if replies else None

    def fit_line(self, model: str, facts: Mapping[str, Fact]) -> Reply:
        """ "Would a help desk do for a firm like ours?": the reason lines of the facts that
        favour that model, or that none does yet."""
        answers = {f: x.option for f, x in facts.items() if f in self.model.factors}
        texts = {f: x.text for f, x in facts.items()}
        reasons = reasons_for(self.model, answers, texts, model, None, limit=self.model.reasons.fit)
        if reasons:
            return Reply(self._messages["fit_for_them"].format(reasons=" ".join(reasons)))
        return Reply(self._messages["fit_for_them_none"].format(model=self.model.labels[model]))

    def _noted(self, flow: FlowState, answers: Mapping[str, str | None]) -> tuple[Reply, ...]:
        items = self._noted_items(answers)
        return (Reply(self._messages["facts_noted"].format(facts="; ".join(items))),) if items else ()

    def _noted_items(self, answers: Mapping[str, str | None]) -> list[str]:
        return [f"{self.dialog.questions[f].topic}: {self._label(f, o)}"
                for f, o in answers.items() if f in self.dialog.questions]

    def _label(self, factor: str, option: str | None) -> str:
        return self.model.factor(factor).option(option).label if option else self.dialog.unsure_label

    def resume(self, state: SessionState) -> Step:
        flow = state.flow(NAME)
        assert flow is not None
        return self._ask(state, flow)

    def on_option(self, state: SessionState, option_id: str) -> Step | None:
        flow = state.flow(NAME)
        if flow is None:
            return None
        picked = read_option_id(self.model, option_id)
        if picked is None:
            return self._action(state, flow, option_id)
        factor, option = picked
        label = self.model.factor(factor).option(option).label if option else self.dialog.unsure_label
        if state.active == NAME and flow.pending not in (None, factor):
            return self._record_earlier(state, flow, factor, option, label)
        return self._record(state, replace(flow, pending=factor), option, label)

    def _record_earlier(self, state: SessionState, flow: FlowState, factor: str,
                        option: str | None, label: str) -> Step:
        """A button from an earlier question (scrolled back to): take it, keep the current one."""
        flow = replace(flow, answers={**flow.answers, factor: option},
                       texts={**flow.texts, factor: label}, asked=tuple(dict.fromkeys((*flow.asked, factor))))
        ack = Reply(answer_ack(self.model, self.dialog, factor, option))
        return self._ask(state.with_flow(NAME, flow, active=True), flow).prepend(ack)

    def _action(self, state: SessionState, flow: FlowState, option_id: str) -> Step | None:
        if option_id == BACK and state.active == NAME:
            return self._go_back(state, flow)
        if option_id == CHANGE and flow.answers:
            return self._change_menu(state, flow)
        factor = option_id.removeprefix(CHANGE + ".")
        if option_id.startswith(CHANGE + ".") and factor in self.model.factors:
            return self._reopen(state, flow, factor)
        if flow.done and option_id == RESULT:
            return self._result(state, flow)
        if flow.done and option_id in (WHY_NOT, COMPARE):
            return self._explain(state, flow, option_id)
        return None

    def _explain(self, state: SessionState, flow: FlowState, option_id: str, other: str | None = None) -> Step:
        """ "Why not X?" or "compare", clicked or typed: answered from the user's own answers."""
        rec = self._recommendation(flow)
        render = why_not_text if option_id == WHY_NOT else compare_text
        text = render(rec, self.model, self.dialog, other)
        buttons = tuple(b for b in followup_buttons(rec, self.model, self.dialog) if b.id != option_id)
        return Step(state, (Reply(text, buttons),), NODE)

    def _typed_why_not(self, state: SessionState, flow: FlowState, folded: str) -> Step | None:
        """ "why not break-fix?" after a result: the button's answer, for the model named
        (the runner-up when none is); None when it names no model or names the pick."""
        rest = asks_why_not(self.dialog.commands, folded)
        if rest is None:
            return None
        named = model_named(self._model_names, rest, self.dialog.commands.topic_match)
        if rest and named is None:
            return None
        top = self._recommendation(flow).top
        return None if named == top else self._explain(state, flow, WHY_NOT, named)

    def steer(self, state: SessionState, text: str) -> Step | None:
        """"back", "change my answer (about X)", a correction or a what-if: checked before
        anything else, during the interview and after the result."""
        flow = state.flow(NAME)
        if flow is None:
            return None
        folded = fold(text)
        if folded in self._back and state.active == NAME:
            return self._go_back(state, flow)
        change = change_request(self.dialog.commands, folded)
        named = self._topics.named(change) if change else None
        if named is not None and (flow.answers or state.active == NAME):
            return self._reopen(state, flow, named)
        if change is not None and flow.answers:
            return self._change_menu(state, flow)
        picked = self._menu_pick(state, flow, folded)
        if picked is not None:
            return picked
        if flow.done and state.active != NAME:
            why = self._typed_why_not(state, flow, folded)
            if why is not None:
                return why
        if flow.answers and (self._markers.supposes(text) or self._markers.corrects(text)
                             or self._restates(state, flow, text)) \
                and not self._answers_pending(state, flow, text):
            return self._revise(state, flow, text)
        return None

    def _restates(self, state: SessionState, flow: FlowState, text: str) -> bool:
        """After a result, a statement (not a question) of a fact other than the one on record
        corrects it even without "actually": "we have an IT person now"."""
        if not flow.done or state.active == NAME or looks_like_question(text):
            return False
        return bool(changes(flow, self._facts.read(text)))

    def _answers_pending(self, state: SessionState, flow: FlowState, text: str) -> bool:
        """During the interview an answer to the question asked comes first (a correction of an
        earlier answer inside it is taken with it, see on_text), unless the message corrects
        an earlier answer and says nothing clear about the pending question."""
        if state.active != NAME or flow.pending is None:
            return False
        reading = interpret(self.model, flow.pending, text)
        clear = reading.status == "answered" and reading.confidence >= self.dialog.loose_reading
        earlier = changes(flow, self._facts.read(text, skip=frozenset({flow.pending})))
        return clear and not (self._markers.corrects(text) and set(earlier) & set(flow.answers))

    def _revise(self, state: SessionState, flow: FlowState, text: str) -> Step | None:
        facts = self._facts.read(text, skip=frozenset(f for f in (flow.pending,) if f), supposed=True)
        changed = changes(flow, facts)
        if facts and not changed:
            same = "; ".join(self._noted_items({f: x.option for f, x in facts.items()}))
            noted = Reply(self._messages["already_noted"].format(facts=same))
            return (self.resume(state) if state.active == NAME else Step(state, (), NODE)).prepend(noted)
        if not changed:
            return None
        described = "; ".join(self._noted_items({f: x.option for f, x in changed.items()}))
        if self._markers.supposes(text):
            text_ = what_if(self.model, self._messages, self.model.labels, flow, changed, described)
            keep = keep_button(changed)
            buttons = options([(keep, self._messages["what_if_keep"])]) if keep else ()
            return Step(state, (Reply(text_, buttons),), NODE, expects=flow.pending)
        flow = replace(flow, answers={**flow.answers, **{f: x.option for f, x in changed.items()}},
                       texts={**flow.texts, **{f: _quote(x.text) for f, x in changed.items()}})
        ack = Reply(self._messages["corrected"].format(changes=described))
        if flow.done:
            return self._result(state, flow).prepend(ack)
        if state.active == NAME:
            return self._ask(state.with_flow(NAME, flow, active=True), flow).prepend(ack)
        offer = options([(NODE, self._start_label)])
        return Step(state.with_flow(NAME, flow, active=False), (Reply(ack.text, offer),), NODE)

    def on_text(self, state: SessionState, text: str) -> Step | None:
        """Read an answer to the pending question; None if it can't be read."""
        flow = state.flow(NAME)
        if flow is None or flow.pending is None or state.active != NAME:
            return None
        elsewhere = self._elsewhere(flow, text)
        if elsewhere:
            return self._noted_elsewhere(state, flow, elsewhere)
        reading = interpret(self.model, flow.pending, self._facts.counting_for(flow.pending, text))
        loose = reading.confidence < self.dialog.loose_reading and flow.retries == 0
        if reading.status == "unreadable" or (reading.status == "answered" and loose):
            return None
        kept = () if self._markers.corrects(text) else tuple(flow.answers)
        extra = changes(flow, self._facts.read(text, skip=frozenset((*kept, flow.pending))))
        if extra:
            flow = replace(flow, answers={**flow.answers, **{f: x.option for f, x in extra.items()}},
                           texts={**flow.texts, **{f: _quote(x.text) for f, x in extra.items()}})
        step = self._record(state, flow, reading.option, text)
        also = self._noted(FlowState(NAME), {f: x.option for f, x in extra.items()})
        return replace(step, replies=step.replies[:1] + also + step.replies[1:]) if also else step

    def _elsewhere(self, flow: FlowState, text: str) -> dict[str, Fact]:
        """What an answer clearly says about other factors when it says little or nothing
        about the question asked ("no IT staff" asked the main IT problem; a Budget button's
        label typed at the infrastructure question). Little: no whole cue of the question's
        own, or only a yes/no opening. Clearly: another factor's option label, or a strict
        reading at least `elsewhere_reading` of a factor whose subject the answer names. Only
        what differs from the record counts, so saying it again cannot loop the question."""
        pending = flow.pending
        assert pending is not None
        own = interpret(self.model, pending, self._facts.counting_for(pending, text), loose=False)
        if own.status == "unsure" or (own.status == "answered" and not own.only_yes_no):
            return {}
        said = frozenset(fold(text).split())
        found: dict[str, Fact] = {}
        for factor in self.model.factors:
            if factor == pending:
                continue
            exact = exact_option(self.model, factor, text)
            if exact is not None:
                return changes(flow, {factor: Fact(factor, exact, text, 1.0)})
            if self._about.get(factor, frozenset()).isdisjoint(said):
                continue
            reading = interpret(self.model, factor, self._facts.counting_for(factor, text), loose=False)
            if reading.status == "answered" and not reading.only_yes_no \
                    and reading.confidence >= self.dialog.elsewhere_reading:
                found[factor] = Fact(factor, reading.option, text, reading.confidence)
        return changes(flow, found)

    def _noted_elsewhere(self, state: SessionState, flow: FlowState, facts: Mapping[str, Fact]) -> Step:
        """Record the other factors' answers, say where they went, ask the question again."""
        flow = replace(flow, answers={**flow.answers, **{f: x.option for f, x in facts.items()}},
                       texts={**flow.texts, **{f: _quote(x.text) for f, x in facts.items()}},
                       asked=tuple(dict.fromkeys((*(f for f in facts if f not in flow.asked), *flow.asked))))
        line = Reply(self.dialog.elsewhere.format(facts="; ".join(
            self._noted_items({f: x.option for f, x in facts.items()}))))
        return self._ask(state.with_flow(NAME, flow, active=True), flow).prepend(line)

    def reask(self, state: SessionState) -> Step:
        """First unreadable answer: ask again with the options; second: leave it out."""
        flow = state.flow(NAME)
        assert flow is not None and flow.pending is not None
        pending = flow.pending
        if flow.retries >= 1:
            flow = replace(flow, assumed=tuple(dict.fromkeys((*flow.assumed, pending))))
            return self._record(state, flow, None, "")
        flow = replace(flow, retries=flow.retries + 1)
        reply = Reply(reask_text(self.model, self.dialog, pending), self._buttons(flow))
        state = state.with_flow(NAME, flow, active=True)
        return Step(state, (reply,), NODE, confidence=0.0, expects=flow.pending)

    def recap(self, state: SessionState) -> tuple[str, str] | None:
        flow = state.flow(NAME)
        return (RESULT, self.dialog.commands.result_label) if flow is not None and flow.done else None

    def summary(self, state: SessionState) -> str | None:
        flow = state.flow(NAME)
        if flow is None or not flow.done:
            return None
        return summary_markdown(self._recommendation(flow), self.model, self.dialog, flow.assumed)

    def _record(self, state: SessionState, flow: FlowState, option: str | None, text: str) -> Step:
        factor = flow.pending
        assert factor is not None
        texts = {**flow.texts, factor: text[:300]} if text else flow.texts
        flow = replace(flow, answers={**flow.answers, factor: option}, texts=texts, retries=0)
        ack = Reply(answer_ack(self.model, self.dialog, factor, option))
        return self._advance(state, flow).prepend(ack)

    def _advance(self, state: SessionState, flow: FlowState) -> Step:
        nxt = next_factor(self.model, flow.answers, set(flow.asked) | set(flow.answers))
        if nxt is None:
            return self._result(state, replace(flow, pending=None, done=True))
        flow = replace(flow, pending=nxt, asked=(*flow.asked, nxt), done=False)
        return self._ask(state.with_flow(NAME, flow, active=True), flow)

    def _ask(self, state: SessionState, flow: FlowState) -> Step:
        factor = flow.pending
        assert factor is not None
        reply = Reply(question_text(self.model, self.dialog, factor), self._buttons(flow))
        return Step(state, (reply,), NODE, expects=factor)

    def _buttons(self, flow: FlowState) -> tuple[Option, ...]:
        buttons = question_buttons(self.model, self.dialog, flow.pending or "")
        if len(flow.asked) > 1:
            buttons += options([(BACK, self.dialog.commands.back_label)])
        return buttons

    def _result(self, state: SessionState, flow: FlowState) -> Step:
        rec = self._recommendation(flow)
        reply = Reply(chat_text(rec, self.model, self.dialog),
                      followup_buttons(rec, self.model, self.dialog))
        contract = {**rec.to_contract(self.model.names),
                    "summary": summary_markdown(rec, self.model, self.dialog, flow.assumed)}
        state = state.with_flow(NAME, flow, active=False)
        return Step(state, (reply,), NODE, recommendation=contract)

    def _recommendation(self, flow: FlowState) -> Recommendation:
        return recommend(self.model, flow.answers, flow.texts)

    def _go_back(self, state: SessionState, flow: FlowState) -> Step:
        asked = [f for f in flow.asked if f != flow.pending] if flow.pending else list(flow.asked)
        if not asked:
            return self._ask(state, flow).prepend(Reply(self._back_nothing))
        previous = asked[-1]
        return self._reopen(state, replace(flow, asked=tuple(asked)), previous)

    def _reopen(self, state: SessionState, flow: FlowState, factor: str) -> Step:
        """Ask `factor` again; a question left unanswered to do so stays to be asked."""
        answers = {f: o for f, o in flow.answers.items() if f != factor}
        left = flow.pending if flow.pending not in (None, factor) and flow.pending not in flow.answers else None
        asked = tuple(f for f in flow.asked if f not in (factor, left)) + (factor,)
        flow = replace(flow, answers=answers, pending=factor, asked=asked, done=False, retries=0,
                       assumed=tuple(a for a in flow.assumed if a != factor))
        return self._ask(state.with_flow(NAME, flow, active=True), flow)

    def _change_menu(self, state: SessionState, flow: FlowState) -> Step:
        pairs = [(f"{CHANGE}.{f}", self.dialog.questions[f].topic) for f in flow.answers]
        return Step(state, (Reply(self.dialog.commands.change_menu, options(pairs)),), NODE,
                    expects=flow.pending if state.active == NAME else None)

    def _menu_pick(self, state: SessionState, flow: FlowState, folded: str) -> Step | None:
        """A reply to one of the advisor's menus picks as a click would: an ordinal ("the
        first one") any of its buttons, a topic named in part ("main problem") or in other
        words ("the money one") an answer of the "which answer?" menu, and "yes, keep that"
        the one change a what-if offers to keep."""
        shown = [oid for oid, _ in state.options]
        if not shown or not folded or not all(self.owns(oid) for oid in shown):
            return None
        index = ordinal(self.dialog.commands, folded, len(shown))
        if index is not None:
            return self.on_option(state, shown[index])
        if len(state.options) == 1 and state.options[0][1] == self._messages["what_if_keep"] \
                and keeps(self.dialog.commands, folded):
            return self.on_option(state, shown[0])
        topics = [oid.removeprefix(CHANGE + ".") for oid in shown if oid.startswith(CHANGE + ".")]
        if len(topics) != len(shown):
            return None
        named = self._topics.named(topic_rest(self.dialog.commands, folded), topics)
        return self._reopen(state, flow, named) if named is not None else None

    def _option_ids(self, factor: str) -> set[str]:
        return {o.id for o in self.model.factor(factor).options}



def _quote(text: str, limit: int = 120) -> str:
    """The user's words as a reason can quote them: a long sentence is cut at a word."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "..."
