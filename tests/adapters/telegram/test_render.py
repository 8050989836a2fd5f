"""The renderer on its own: escaping, the two Markdown marks, cutting to 4,096, button payloads.

What Telegram would make of the HTML is checked with the fake's parser, the same
one that refuses bad markup when the bot sends it.
"""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from adapters.telegram.render import LIMIT, keyboard, split_html, to_html
from bot import Option

from .fake_api import parse_html, utf16_len


def test_user_and_knowledge_text_is_escaped_and_marks_become_markup():
    out = to_html('**Top** pick: <b>x</b> & <script>\n- first "point"\n-not a bullet')
    assert out == '<b>Top</b> pick: &lt;b&gt;x&lt;/b&gt; &amp; &lt;script&gt;\n• first "point"\n-not a bullet'
    assert parse_html(out) == 'Top pick: <b>x</b> & <script>\n• first "point"\n-not a bullet'


def paragraph(i: int) -> str:
    return f"**Part {i}** " + " ".join(f"word{i}-{j} & <more>" for j in range(60))


def test_long_text_is_cut_at_paragraphs_into_valid_messages():
    paragraphs = [paragraph(i) for i in range(12)]
    html = to_html("\n\n".join(paragraphs))
    pieces = split_html(html)
    assert len(pieces) > 1
    shown = [parse_html(p) for p in pieces]          # each piece parses on its own
    assert all(utf16_len(p) <= LIMIT for p in pieces)
    assert all(s.startswith("Part ") for s in shown)  # every cut falls between paragraphs
    assert "\n\n".join(shown) == parse_html(html)


def test_one_huge_paragraph_is_cut_at_lines_then_words_keeping_bold_balanced():
    line = "**" + " ".join(f"bold{j}" for j in range(1500)) + "** & done"
    html = to_html(line + "\n" + line)
    pieces = split_html(html)
    assert len(pieces) >= 4
    shown = [parse_html(p) for p in pieces]          # a bold span crossing a cut is closed and reopened
    assert all(utf16_len(p) <= LIMIT for p in pieces)
    assert " ".join(shown).split() == parse_html(html).split()


def test_a_word_longer_than_a_message_is_cut_outside_entities():
    html = to_html("&" * 5000)
    pieces = split_html(html)
    assert len(pieces) > 1
    assert "".join(parse_html(p) for p in pieces) == "&" * 5000


@given(st.text(min_size=1, max_size=3000), st.integers(min_value=200, max_value=5000))
def test_any_text_splits_into_valid_pieces_that_keep_all_words(text, limit):
    html = to_html(text)
    pieces = split_html(html, limit)
    assert all(utf16_len(p) <= limit for p in pieces)
    assert "".join("".join(parse_html(p).split()) for p in pieces) == "".join(parse_html(html).split())


@given(st.lists(st.text(min_size=1, max_size=200), min_size=1, max_size=8))
def test_every_button_payload_fits_telegrams_64_bytes(ids):
    markup = keyboard([Option(i, f"label {n}") for n, i in enumerate(ids)])
    assert markup is not None
    for row in markup.inline_keyboard:
        for button in row:
            assert 1 <= len(str(button.callback_data).encode("utf-8")) <= 64
