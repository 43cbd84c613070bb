"""Section 5: how fast the voice speaks, measured on the Ameli memo through the real path.

Each step of the memo, after the pronunciation lexicon, is rendered by pyttsx3 and espeak-ng
(`TtsRenderer`, as the assistant does) at every speed level. Words per minute = written words
of the steps / audio time, the pauses espeak puts after each sentence included (what a
listener lives through). Letters spoken for an acronym (« C E A M ») count as one word, as
they are written. The time to hear a procedure is every reply of « open it, then suivant to
the end » at the default level: titles, warnings and hints included, the listener's own
time to act left out.

Run alone: python scripts/bench_rate.py
"""

from __future__ import annotations

import statistics
import sys

from bench_common import AMELI, Figure, Section, Target

from assistant.conversation import core as conversation
from assistant.conversation.commands import Command, CommandName
from assistant.conversation.guide import Guide
from assistant.guides.loader import load_guide
from assistant.settings import LEVEL_MAX, LEVEL_MIN, VoiceSettings
from assistant.speaking.lexicon import lexicon_for
from assistant.speaking.tts_render import TtsRenderer, split_sentences

DEFAULT_TARGET = (140.0, 150.0)
SLOWEST_TARGET = 100.0
FASTEST_TARGET = 220.0


def _words(text: str) -> int:
    return sum(1 for token in text.split() if any(char.isalnum() for char in token))


def _seconds(renderer: TtsRenderer, guide: Guide, text: str, voice: VoiceSettings) -> float:
    total = 0.0
    for piece in split_sentences(lexicon_for(guide).spoken(text)):
        pcm = renderer.render(piece, voice)
        total += len(pcm.data) / 2 / pcm.channels / pcm.sample_rate
    return total


def words_per_minute(renderer: TtsRenderer, guide: Guide, level: int) -> float:
    texts = [step.say for procedure in guide.procedures for step in procedure.steps]
    seconds = sum(_seconds(renderer, guide, t, VoiceSettings(rate_level=level)) for t in texts)
    return sum(_words(text) for text in texts) / (seconds / 60)


def procedure_seconds(renderer: TtsRenderer, guide: Guide) -> dict[str, float]:
    """Audio time of each procedure heard from its title to its last step."""
    found: dict[str, float] = {}
    for procedure in guide.procedures:
        turn = conversation.handle(
            guide,
            conversation.start(guide).state,
            Command(CommandName.OPEN_PROCEDURE, procedure_id=procedure.id),
        )
        replies = list(turn.replies)
        for _ in procedure.steps[1:]:
            turn = conversation.handle(guide, turn.state, Command(CommandName.NEXT))
            replies += turn.replies
        found[procedure.id] = sum(
            _seconds(renderer, guide, reply.speech, VoiceSettings()) for reply in replies
        )
    return found


def run(section: Section) -> None:
    guide = load_guide(AMELI)
    renderer = TtsRenderer()
    try:
        levels = range(LEVEL_MIN, LEVEL_MAX + 1)
        rates = {lv: words_per_minute(renderer, guide, lv) for lv in levels}
        durations = procedure_seconds(renderer, guide)
    finally:
        renderer.close()
    low, high = DEFAULT_TARGET
    section.add(
        Figure("vitesse par défaut / default rate", rates[0], "mots/min", Target(">=", low),
               key="rate_default_wpm")
    )  # fmt: skip
    section.add(
        Figure("vitesse par défaut, plafond / default rate, ceiling", rates[0], "mots/min",
               Target("<=", high), key="rate_default_wpm_ceiling")
    )  # fmt: skip
    section.add(
        Figure("le plus lent (niveau −3) / slowest", rates[LEVEL_MIN], "mots/min",
               Target("<=", SLOWEST_TARGET * 1.05), key="rate_slowest_wpm")
    )  # fmt: skip
    section.add(
        Figure("le plus rapide (niveau +3) / fastest", rates[LEVEL_MAX], "mots/min",
               Target(">=", FASTEST_TARGET * 0.95), key="rate_fastest_wpm")
    )  # fmt: skip
    for procedure in guide.procedures:
        section.add(
            Figure(f"écouter « {procedure.title} » / hear it", durations[procedure.id], "s",
                   key=f"hear_{procedure.id}_s")
        )  # fmt: skip
    section.details["wpm_by_level"] = {str(lv): round(value, 1) for lv, value in rates.items()}
    section.details["seconds_by_procedure"] = {k: round(v, 1) for k, v in durations.items()}
    median = statistics.median(durations.values())
    section.note(
        "Mots écrits des étapes du mémo Ameli / durée de l'audio rendu par pyttsx3 et espeak-ng "
        "(pauses entre phrases comprises). Par niveau −3..+3 : "
        + ", ".join(f"{value:.0f}" for value in rates.values())
        + f" mots/min. Écouter une démarche (titre, avertissements et conseils compris, temps "
        f"pour agir non compris) : médiane {median:.0f} s, au plus {max(durations.values()):.0f} s."
    )


def main() -> int:
    from bench_report import print_table

    section = Section("5. Voix / Voice rate")
    run(section)
    print_table([], [section], sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
