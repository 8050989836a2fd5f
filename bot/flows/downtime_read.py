"""Reading one answer into the calculator's figures.

An answer may hold the figure asked for and more ("twice a month, half a day each
time"): words name the figure nearest them in their sentence (`downtime_cues`), so the
hours an outage lasts and the hours a technician bills go to different steps; the figure
asked for is the reading the pending step takes, and a reading of another kind fills the
next unanswered step that takes it, so that question is skipped rather than asked blind.
A figure for a step already answered that differs is kept as an update to confirm, and
two alike figures for the pending step ("last year 4, this year 6") are asked about. An answer of the wrong kind alone
is recorded elsewhere only when it clearly belongs there (one step takes that kind, or
words beside it name the step); otherwise it is questioned.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from ..measures import Conversions
from ..normalize import fold
from ..numbers import Quantity, parse_quantities
from .downtime_cues import cued_steps
from .downtime_fit import Fit, Fitter, distinctive, joined, kind, native
from .downtime_schema import DowntimeDialog


@dataclass(frozen=True)
class Reading:
    fits: tuple[Fit, ...] = ()        # the pending step's figure first, then others given
    moved: Fit | None = None          # the wrong-kind reading as the step it answers instead
    wrong: Quantity | None = None     # a reading of the wrong kind (questioned unless moved)
    updates: tuple[Fit, ...] = ()     # figures for steps already answered, that differ
    rivals: tuple[Fit, ...] = ()      # two figures alike for the pending step: ask which


class Reader:
    def __init__(self, dialog: DowntimeDialog):
        self.dialog = dialog
        self.order = [s.id for s in dialog.steps]
        self.steps = {s.id: s for s in dialog.steps}
        conv = Conversions({k: v.value for k, v in dialog.conversions.items()})
        self.fitter = Fitter(conv)
        self._cues = {s.id: list(s.cues) for s in dialog.steps}
        self._names = {s.id: [fold(n) for n in (s.label, *s.names)] for s in dialog.steps}
        self._correct = sorted((fold(w) for w in dialog.commands.correct), key=len, reverse=True)
        self._change = [f" {fold(w)} " for w in dialog.commands.change]
        self._figure_words = [f" {fold(w)} " for w in dialog.commands.figure_words]
        self._restate = [f" {fold(w)} " for w in dialog.commands.restate]

    def read(self, text: str, pending: str, values: Mapping[str, float]) -> Reading:
        """The figures an answer to the pending step gives: each reading goes to the step
        its own words name, else the pending step when it takes it, else the next open
        step of its kind; one for a step already answered is kept as an update."""
        found = parse_quantities(text)
        if not found:
            return Reading()
        cues = cued_steps(text, found, self._cues)
        step = self.steps[pending]
        own = [(f, q) for q in found if self._for_pending(q, cues[id(q)], pending, values)
               and (f := self.fitter.fit(step, q, values)) is not None]
        pairs = joined(own) if step.kind == "hours" else own
        if not pairs:
            first = next((q for q in found if distinctive(q)), found[0])
            moved = self._home(first, cues[id(first)], pending, values)
            return Reading(moved=moved, wrong=first)
        restated = next((f for f, q in pairs[1:] if f.explicit and self._restates(q)), None)
        if restated is None and len(pairs) > 1 and _alike(pairs[0][1], pairs[1][1]):
            return Reading(rivals=(pairs[0][0], pairs[1][0]))
        primary = restated or pairs[0][0]
        taken = {id(q) for _, q in own}
        rest = [q for q in found if id(q) not in taken and distinctive(q)]
        extras, updates = self._extras(rest, cues, pending, {**values, pending: primary.value},
                                       values)
        return Reading(fits=(primary, *extras), updates=tuple(updates))

    def fit(self, step_id: str, q: Quantity, values: Mapping[str, float]) -> Fit | None:
        return self.fitter.fit(self.steps[step_id], q, values)

    def native_steps(self, q: Quantity, among: list[str]) -> list[str]:
        """The steps among `among` whose own kind of figure this is ("5 people": staff)."""
        return [s for s in among if native(self.steps[s], q)]

    def kind(self, q: Quantity) -> str:
        """What a reading looks like (dialog `kinds`): "5k a month" with no currency is
        money when only a money step would take it, never "how often"."""
        found = kind(q)
        if found != "frequency" or q.unit or q.implied:
            return found
        plausible = [s for s in self.order if self._plausible_fit(s, q)]
        money = [s for s in plausible if self.steps[s].kind.startswith("money")]
        return "money_rate" if money and len(money) == len(plausible) else found

    def _plausible_fit(self, step_id: str, q: Quantity) -> bool:
        fit = self.fit(step_id, q, {})
        bounds = self.steps[step_id].plausible
        return fit is not None and bounds.low <= fit.value <= bounds.high

    def _for_pending(self, q: Quantity, cued: set[str], pending: str,
                     values: Mapping[str, float]) -> bool:
        """A reading whose words name another step that takes it is that step's."""
        return pending in cued or not any(self.fit(s, q, values) for s in cued)

    def _extras(self, rest: list[Quantity], cues: dict[int, set[str]], pending: str,
                values: dict[str, float], before: Mapping[str, float]
                ) -> tuple[list[Fit], list[Fit]]:
        """Readings the pending step did not take: each fills the first open step (after
        the pending one) its words name or whose kind it is; one for an answered step
        that differs from the answer is an update to confirm, never dropped."""
        out: list[Fit] = []
        updates: list[Fit] = []
        start = self.order.index(pending)
        ring = self.order[start + 1:] + self.order[:start]
        for q in rest:
            cued = [s for s in ring if s in cues[id(q)] and self.fit(s, q, values) is not None]
            homes = cued or [s for s in ring if native(self.steps[s], q)]
            open_ = [s for s in homes if s not in values]
            fit = next((f for s in open_ if (f := self.fit(s, q, values)) is not None), None)
            if fit is not None:
                out.append(fit)
                values = {**values, fit.step: fit.value}
            elif len(homes) == 1 and homes[0] in before:
                update = self.fit(homes[0], q, before)
                if update is not None and abs(update.value - before[homes[0]]) > 1e-9:
                    updates.append(replace(update, how="update", count=before[homes[0]]))
        return out, updates

    def _home(self, q: Quantity, cued_here: set[str], pending: str,
              values: Mapping[str, float]) -> Fit | None:
        """The one other step a wrong-kind reading clearly answers, if it is still open."""
        if not distinctive(q):
            return None
        others = [s for s in self.order if s != pending]
        cued = [s for s in others if s in cued_here and s not in values]
        natives = self.native_steps(q, others)
        home = cued[0] if len(cued) == 1 else natives[0] if len(natives) == 1 else None
        if home is None or home in values:
            return None
        return self.fit(home, q, values)

    def _restates(self, q: Quantity) -> bool:
        """ "half a day, so 4 hours": the later figure says the same in the step's own unit."""
        padded = f" {fold(q.gap)} "
        return any(m in padded for m in self._restate) or any(m in q.gap for m in "(=")

    # Words that move the flow: naming a figure, changing it, correcting it.

    def named(self, text: str) -> str | None:
        """The one step the text names ("the technician rate", "people"), if exactly one."""
        folded = fold(text)
        if len(folded) < 3:
            return None
        scores = sorted(((max(fuzz.partial_ratio(n, folded) for n in names), s)
                         for s, names in self._names.items()), reverse=True)
        (best, step), (second, _) = scores[0], scores[1]
        return step if best >= self.dialog.commands.name_match and best > second else None

    def change_request(self, text: str) -> bool:
        """ "change my answer", "edit the technician rate", "let me change the people"."""
        padded = f" {fold(text)} "
        return any(verb in padded for verb in self._change)

    def names_no_figure(self, text: str) -> bool:
        """ "change my answer": a change that names no figure of its own."""
        padded = f" {fold(text)} "
        return any(word in padded for word in self._figure_words)

    def correction(self, text: str) -> str | None:
        """The rest of a correction ("no, 3 a month" -> "3 a month"), or None."""
        folded = fold(text)
        for word in self._correct:
            if folded == word or folded.startswith(word + " "):
                return folded[len(word):].strip()
        return None



def _alike(a: Quantity, b: Quantity) -> bool:
    """ "last year 4, this year 6": two figures said the same way are two answers to one
    question, to ask about; "10 people, 2 of them part-time" is one answer and a remark."""
    return (a.unit, a.per, a.each, a.currency, a.implied) == (b.unit, b.per, b.each,
                                                              b.currency, b.implied)
