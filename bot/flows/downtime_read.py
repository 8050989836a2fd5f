"""Reading one answer into the calculator's figures.

An answer may hold the figure asked for and more ("twice a month, half a day each
time"): the figure asked for is the reading the pending step takes (one said in its own
unit first), and a reading of another kind fills the next unanswered step that takes it,
so that question is skipped rather than asked blind. An answer of the wrong kind alone
is recorded elsewhere only when it clearly belongs there (one step takes that kind, or
words beside it name the step); otherwise it is questioned.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..measures import Conversions
from ..normalize import fold
from ..numbers import Quantity, parse_quantities
from .downtime_fit import Fit, Fitter, distinctive, joined, native
from .downtime_schema import DowntimeDialog


@dataclass(frozen=True)
class Reading:
    fits: tuple[Fit, ...] = ()        # the pending step's figure first, then others given
    moved: Fit | None = None          # the wrong-kind reading as the step it answers instead
    wrong: Quantity | None = None     # a reading of the wrong kind (questioned unless moved)


class Reader:
    def __init__(self, dialog: DowntimeDialog):
        self.dialog = dialog
        self.order = [s.id for s in dialog.steps]
        self.steps = {s.id: s for s in dialog.steps}
        conv = Conversions({k: v.value for k, v in dialog.conversions.items()})
        self.fitter = Fitter(conv)
        self._cues = {s.id: [f" {fold(c)} " for c in s.cues] for s in dialog.steps}
        self._names = {s.id: [fold(n) for n in (s.label, *s.names)] for s in dialog.steps}
        self._correct = sorted((fold(w) for w in dialog.commands.correct), key=len, reverse=True)
        self._change = [f" {fold(w)} " for w in dialog.commands.change]
        self._figure_words = [f" {fold(w)} " for w in dialog.commands.figure_words]
        self._restate = [f" {fold(w)} " for w in dialog.commands.restate]

    def read(self, text: str, pending: str, values: Mapping[str, float]) -> Reading:
        """The figures an answer to the pending step gives."""
        found = parse_quantities(text)
        if not found:
            return Reading()
        windows = _windows(found, fold(text))
        step = self.steps[pending]
        own = [(f, q) for q in found if (f := self.fitter.fit(step, q, values)) is not None]
        fits = joined(own) if step.kind == "hours" else [f for f, _ in own]
        if not fits:
            first = next((q for q in found if distinctive(q)), found[0])
            moved = self._home(first, windows[id(first)], pending, values)
            return Reading(moved=moved, wrong=first)
        primary = next((f for f, q in own[1:] if f.explicit and self._restates(q)), fits[0])
        taken = {id(q) for _, q in own}
        rest = [q for q in found if id(q) not in taken and distinctive(q)]
        extras = self._extras(rest, windows, pending, {**values, pending: primary.value})
        return Reading(fits=(primary, *extras))

    def fit(self, step_id: str, q: Quantity, values: Mapping[str, float]) -> Fit | None:
        return self.fitter.fit(self.steps[step_id], q, values)

    def native_steps(self, q: Quantity, among: list[str]) -> list[str]:
        """The steps among `among` whose own kind of figure this is ("5 people": staff)."""
        return [s for s in among if native(self.steps[s], q)]

    def _extras(self, rest: list[Quantity], windows: dict[int, str], pending: str,
                values: dict[str, float]) -> list[Fit]:
        """Readings the pending step refused, each for the first open step (after the
        pending one) that takes it in its own terms or is named beside it."""
        out: list[Fit] = []
        start = self.order.index(pending)
        ring = self.order[start + 1:] + self.order[:start]
        for q in rest:
            cued = [s for s in ring if self._cued(s, windows[id(q)])
                    and self.fit(s, q, values) is not None]
            if cued and all(s in values for s in cued):
                continue      # "they earn 30 an hour" names a figure already given
            open_ = [s for s in cued or ring if s not in values
                     and (s in cued or native(self.steps[s], q))]
            fit = next((f for s in open_ if (f := self.fit(s, q, values)) is not None), None)
            if fit is not None:
                out.append(fit)
                values = {**values, fit.step: fit.value}
        return out

    def _home(self, q: Quantity, window: str, pending: str,
              values: Mapping[str, float]) -> Fit | None:
        """The one other step a wrong-kind reading clearly answers, if it is still open."""
        if not distinctive(q):
            return None
        others = [s for s in self.order if s != pending]
        cued = [s for s in others if self._cued(s, window) and s not in values]
        natives = self.native_steps(q, others)
        home = cued[0] if len(cued) == 1 else natives[0] if len(natives) == 1 else None
        if home is None or home in values:
            return None
        return self.fit(home, q, values)

    def _restates(self, q: Quantity) -> bool:
        """ "half a day, so 4 hours": the later figure says the same in the step's own unit."""
        padded = f" {fold(q.gap)} "
        return any(m in padded for m in self._restate) or any(m in q.gap for m in "(=")

    def _cued(self, step_id: str, window: str) -> bool:
        return any(cue in window for cue in self._cues[step_id])

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


def _windows(found: list[Quantity], folded: str) -> dict[int, str]:
    """The words around each reading, where words naming its step would stand."""
    out = {}
    for i, q in enumerate(found):
        after = found[i + 1].gap if i + 1 < len(found) else folded.rpartition(fold(q.said))[2]
        out[id(q)] = f" {fold(q.gap)} {fold(q.said)} {fold(after)} "
    return out
