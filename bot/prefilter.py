"""A token index that narrows a very large example set before rapidfuzz scores it.

The shipped content has about two thousand examples, which rapidfuzz compares with a
message in well under a millisecond. A team's own edition may have a hundred thousand;
then only the examples sharing the message's rarer words (summed inverse document
frequency, the best few thousand) are scored, which keeps a match interactive.
"""
from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np


class TokenIndex:
    def __init__(self, examples: Sequence[str]):
        postings: dict[str, list[int]] = {}
        for i, text in enumerate(examples):
            for token in set(text.split()):
                postings.setdefault(token, []).append(i)
        n = max(1, len(examples))
        self._postings = {t: np.asarray(ids, dtype=np.int32) for t, ids in postings.items()}
        self._idf = {t: math.log(1 + n / len(ids)) for t, ids in postings.items()}
        self._size = len(examples)

    def candidates(self, query: str, keep: int) -> np.ndarray:
        """Ids of the `keep` examples sharing the most (weighted) words with the query."""
        score = np.zeros(self._size, dtype=np.float32)
        for token in set(query.split()):
            ids = self._postings.get(token)
            if ids is not None:
                score[ids] += self._idf[token]
        hit = np.flatnonzero(score)
        if len(hit) <= keep:
            return hit
        return hit[np.argpartition(-score[hit], keep - 1)[:keep]]
