#!/usr/bin/env python3
"""Telex keystrokes for Vietnamese text, as a person types them into Unikey/ibus-unikey.

Prints one xdotool key name per line (`a`, `shift+a`, `space`, `comma` …). Each word is typed as
its letters without marks, each vowel mark right after its letter (aa → â, aw → ă, ow → ơ,
uw → ư, dd → đ) and the tone key at the end of the word (s sắc, f huyền, r hỏi, x ngã, j nặng).

usage: telex.py "Ủy ban nhân dân tỉnh Quảng Ngãi"
"""

import sys
import unicodedata

TONES = {"\u0301": "s", "\u0300": "f", "\u0309": "r", "\u0303": "x", "\u0323": "j"}
MARKS = {"\u0302": None, "\u0306": "w", "\u031b": "w"}  # circumflex doubles the letter
PUNCT = {
    " ": "space", ",": "comma", ".": "period", ":": "colon", ";": "semicolon",
    "-": "minus", "(": "parenleft", ")": "parenright", "/": "slash", "!": "exclam",
    "?": "question", "'": "apostrophe", '"': "quotedbl",
}


def key(ch: str) -> str:
    if ch in PUNCT:
        return PUNCT[ch]
    if ch.isdigit():
        return ch
    if ch.isupper():
        return f"shift+{ch.lower()}"
    return ch


def word_keys(word: str) -> list[str]:
    keys: list[str] = []
    tone = None
    for base in word:
        if base in "đĐ":
            keys += [key("d" if base == "đ" else "D"), "d"]
            continue
        decomposed = unicodedata.normalize("NFD", base)
        letter, marks = decomposed[0], decomposed[1:]
        keys.append(key(letter))
        for m in marks:
            if m in TONES:
                tone = TONES[m]
            elif m in MARKS:
                keys.append(MARKS[m] or letter.lower())
    if tone:
        keys.append(tone)
    return keys


def telex(text: str) -> list[str]:
    out: list[str] = []
    word = ""
    for ch in unicodedata.normalize("NFC", text):
        if ch.isalpha() or ch.isdigit():
            word += ch
        else:
            out += word_keys(word)
            word = ""
            out.append(key(ch))
    out += word_keys(word)
    return out


if __name__ == "__main__":
    print("\n".join(telex(sys.argv[1])))
