"""Every sentence the assistant can say with a memo, as the speech engine would receive it.

Built from `wording` itself (each function, with each title, step and count of the memo), plus
the French notices other layers speak (microphone, model, settings, voice). A breadth-first
walk of the core in tests/test_listening.py checks that this list misses nothing it reaches.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from itertools import product
from pathlib import Path

from assistant.conversation import wording
from assistant.conversation.guide import Guide
from assistant.conversation.pronunciation import Lexicon
from assistant.conversation.wording import Reply
from assistant.speaking.tts_render import split_sentences

PACKAGE = Path(__file__).resolve().parent.parent / "assistant"
NOTICE_MODULES = (
    "listening/listener.py",
    "audio/microphone.py",
    "audio/playback.py",
    "frontends/voice_setup.py",
    "model/problems.py",
    "user_files.py",
    "journal.py",
    "speaking/tts_render.py",
    "speaking/tts_engine.py",
)
"""Modules whose French messages can reach the voice as a notice."""


def core_replies(guide: Guide) -> Iterator[Reply]:
    titles = [procedure.title for procedure in guide.procedures]
    maybe_titles = [*titles, None]
    yield from (value for value in vars(wording).values() if isinstance(value, Reply))
    yield wording.welcome(guide.title, guide.introduction)
    yield wording.invitation(titles)
    for suggestion in maybe_titles:
        yield wording.menu(titles, suggestion)
        yield wording.help_done(suggestion)
        yield wording.help_menu(suggestion, at_welcome=True)
        yield wording.help_menu(suggestion, at_welcome=False)
        for where in ("menu", "step", "done", "paused", "question"):
            yield wording.hint(where, suggestion)
    for speed, up, changed in product((True, False), repeat=3):
        yield wording.level(speed, up, changed)
    for where, times, has_next in product(("menu", "step", "done", "question"), (1, 2), (0, 1)):
        yield wording.not_understood(where, times, bool(has_next))  # type: ignore[arg-type]
    yield wording.choose_between(len(titles))
    yield wording.choose_between(1)
    for procedure in guide.procedures:
        total = len(procedure.steps)
        yield wording.step_count(total)
        yield wording.where_done(procedure.title)
        for how in ("open", "restart", "resume"):
            yield wording.announce(procedure.title, how)
        for following in maybe_titles:
            yield wording.done(procedure.title, following)
        for index, step in enumerate(procedure.steps):
            yield from wording.step(procedure, index)
            yield wording.help_step(step)
            yield wording.where_step(procedure.title, index + 1, total)
            yield wording.offer_resume(procedure.title, index + 1)
            yield wording.help_offer(procedure.title, index + 1)
            if step.explain:
                yield wording.explanation(step.explain)
            if step.spell:
                yield wording.spelling(step.spell)


def notices() -> Iterator[str]:
    """String constants of the notice modules that read as French sentences, docstrings and
    log messages left out."""
    for name in NOTICE_MODULES:
        tree = ast.parse((PACKAGE / name).read_text(encoding="utf-8"))
        skipped: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
                skipped.add(id(node.value))  # docstrings
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id in ("log", "logging")
            ):
                skipped.update(id(inner) for inner in ast.walk(node))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value.strip()
                if id(node) not in skipped and len(text.split()) >= 3 and text[:1].isupper():
                    yield text


def spoken_sentences(guide: Guide, lexicon: Lexicon) -> list[str]:
    """Each distinct piece the engine renders, after the lexicon, sorted."""
    texts = [reply.speech for reply in core_replies(guide)] + list(notices())
    return sorted({piece for text in texts for piece in split_sentences(lexicon.spoken(text))})
