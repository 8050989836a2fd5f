from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.normalize import Normaliser, fold


def test_fold_handles_case_accents_and_joiners():
    assert fold("Break/Fix — CAFÉ-style  IT!") == "break fix cafe style it"


def test_fold_caps_work_on_huge_input():
    assert len(fold("a " * 100_000)) <= 2000


def test_spelling_variants_become_one_concept(kb):
    norm = Normaliser(kb.synonyms.replace, kb.synonyms.concepts)
    for text in ("break-fix", "Break/Fix", "break fix", "pay-per-incident IT", "breakfix"):
        assert "model.break_fix" in norm(text).concepts, text
    for text in ("MSP", "managed service provider", "outsourced IT", "Managed IT"):
        assert "model.managed" in norm(text).concepts, text


def test_weak_mentions_are_kept_apart(kb):
    norm = Normaliser(kb.synonyms.replace, kb.synonyms.concepts)
    n = norm("the hybrid car")
    assert "model.hybrid" in n.weak and "model.hybrid" not in n.concepts


def test_abbreviations_are_expanded(kb):
    norm = Normaliser(kb.synonyms.replace, kb.synonyms.concepts)
    assert "it person" in norm("our IT guy quit").text


@given(st.text(max_size=300))
def test_normaliser_never_raises(text):
    norm = Normaliser({"it guy": "it person"}, {"model.x": ["break fix"], "model.x?": ["fix"]})
    out = norm(text)
    assert out.text == " ".join(out.tokens)


def test_a_slip_is_read_as_the_content_word_it_is_close_to(kb):
    norm = Normaliser(kb.synonyms.replace, kb.synonyms.concepts, vocabulary=["managed services", "hybrid"],
                      spelling=kb.matching.spelling)
    assert norm("managd servces").text == norm("managed services").text
    assert "hybrid" in norm("hybird").text


def test_a_common_english_word_is_never_read_as_another_word(kb):
    """Another trade's word stays itself: a pension "futures" question is not about "features"."""
    norm = Normaliser({}, {}, vocabulary=["features", "tiers", "reasons", "desk"],
                      spelling=kb.matching.spelling)
    assert norm("managed futures").text == "managed futures"
    assert norm("winter tires").text == "winter tires"
    assert norm("one reason").text == "one reasons"      # only another form of itself
