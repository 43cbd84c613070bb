"""Section 3, wall-clock part: command received → first sample of the reply on the sound server.

The real chain is timed: `Session.handle_text` (understanding + conversation core + memory),
`Announcer.announce` → `LiveSpeaker` → `TtsRenderer` (first sentence) → `Player` on a private
null sink. The first audible sample is seen on the sink's monitor (bench_audio.MonitorClock);
espeak-ng's own leading silence in that sentence is subtracted, so the figure is the first
sample of the reply, silent or not.
"""

from __future__ import annotations

import itertools
import time
from array import array

from bench_audio import AUDIBLE, AudioUnavailable, MonitorClock, PrivateSink
from bench_common import AMELI, Figure, Section, Target, median, percentile

from assistant.audio.playback import Pcm, Player
from assistant.conversation.core import Reply
from assistant.frontends.session import Memory, Session
from assistant.guides.loader import load_guide
from assistant.settings import Preferences, VoiceSettings
from assistant.speaking.announcer import Announcer
from assistant.speaking.speaker import LiveSpeaker, SpeechUnavailable
from assistant.speaking.tts_render import TtsRenderer, split_sentences

COMMANDS = (
    "mes paiements",
    "suivant",
    "répète",
    "précédent",
    "où suis-je",
    "suivant",
    "aide",
    "étape 2",
    "suivant",
    "menu",
    "attestation de droits",
    "explique",
)
"""A tour a real user could make; every one of them is answered aloud."""
FIRST_AUDIO_TARGET_MS = 100.0
WARM_UP_RUNS = 3
"""The first replies also start the TTS engine's caches and PulseAudio's stream set-up."""


def _lead_seconds(pcm: Pcm) -> float:
    """espeak-ng's silence before the first audible sample of a rendered sentence."""
    samples = array("h", pcm.data)
    first = next((i for i, s in enumerate(samples) if abs(s) > AUDIBLE), 0)
    return first / (pcm.sample_rate * pcm.channels)


def _first_sentence(replies: tuple[Reply, ...]) -> str | None:
    for reply in replies:
        sentences = split_sentences(reply.speech)
        if sentences:
            return sentences[0]
    return None


def _session() -> Session:
    return Session(load_guide(AMELI), "ameli", Preferences(), Memory(enabled=False))


def measure_rendering_only(section: Section, runs: int) -> float | None:
    """Without a sound server: the chain up to the rendered PCM of the first sentence."""
    session, renderer = _session(), TtsRenderer()
    totals: list[float] = []
    try:
        for text in itertools.islice(itertools.cycle(COMMANDS), runs):
            began = time.perf_counter()
            outcome = session.handle_text(text)
            sentence = _first_sentence(outcome.replies)
            if sentence is not None:
                renderer.render(sentence, VoiceSettings())
                totals.append(1000 * (time.perf_counter() - began))
    finally:
        renderer.close()
    section.add(
        Figure(
            "commande → son rendu, sans sortie audio / command → rendered PCM, no audio",
            median(totals),
            "ms médiane",
            Target("<=", FIRST_AUDIO_TARGET_MS),
            key="command_to_rendered_pcm_ms_median",
        )
    )
    return median(totals)


def measure_first_audio(section: Section, sink: PrivateSink, runs: int) -> float | None:
    """Returns the median, which the end-to-end estimate needs."""
    clock = MonitorClock(sink)  # first: it may find the monitor silent and give up
    session, renderer, player = _session(), TtsRenderer(), Player()
    announcer = Announcer(LiveSpeaker(renderer, player), on_failure=section.note)
    totals: list[float] = []
    handling: list[float] = []
    rendering: list[float] = []
    missed = 0
    try:
        for run, text in enumerate(itertools.cycle(COMMANDS)):
            if run >= runs + WARM_UP_RUNS:
                break
            announcer.interrupt()
            announcer.wait_until_quiet(5)
            time.sleep(0.2)  # the aborted stream's last buffer must be gone from the monitor
            clock.forget()
            voice = VoiceSettings(session.state.rate_level, session.state.volume_level)
            began = time.perf_counter()
            outcome = session.handle_text(text)
            handled = time.perf_counter()
            announcer.announce(outcome.replies, voice)
            onset = clock.onset_after(began, timeout=5)
            sentence = _first_sentence(outcome.replies)
            if onset is None or sentence is None:
                missed += 1
                continue
            render_began = time.perf_counter()
            pcm = renderer.render(sentence, voice)  # after the run: never competes with it
            if run >= WARM_UP_RUNS:
                rendering.append(1000 * (time.perf_counter() - render_began))
                totals.append(1000 * (onset - _lead_seconds(pcm) - began))
                handling.append(1000 * (handled - began))
    finally:
        clock.close()
        announcer.close()
    if missed:
        section.note(f"{missed} réponses sans son détecté sur {runs + WARM_UP_RUNS} essais.")
    figures = (
        (
            "commande → 1er échantillon de la réponse / command → first audio sample",
            median(totals),
            "ms médiane",
            Target("<=", FIRST_AUDIO_TARGET_MS),
            "median",
        ),
        ("  idem, 95e centile / same, p95", percentile(totals, 0.95), "ms p95", None, "p95"),
        (
            "  dont Session.handle_text / of which Session.handle_text",
            median(handling),
            "ms médiane",
            None,
            "handle_ms",
        ),
        (
            "  rendu de la 1re phrase seul / first sentence render alone",
            median(rendering),
            "ms médiane",
            None,
            "render_ms",
        ),
    )
    for label, value, unit, target, key in figures:
        section.add(Figure(label, value, unit, target, key=f"command_to_first_audio_{key}"))
    section.details["command_to_first_audio_ms"] = [round(t, 2) for t in totals]
    section.note(
        f"Premier son : {len(totals)} essais (+{WARM_UP_RUNS} d'échauffement) ; vu sur le "
        "moniteur d'une sortie PulseAudio virtuelle, moins le silence initial d'espeak-ng. "
        "Une vraie carte son ajoute sa propre mémoire tampon."
    )
    return median(totals)


def run(section: Section, sink: PrivateSink | None, runs: int) -> float | None:
    try:
        if sink is None:
            return measure_rendering_only(section, runs)
        return measure_first_audio(section, sink, runs)
    except AudioUnavailable as problem:
        section.note(f"Premier son non mesuré au son ({problem}) : jusqu'au son rendu seulement.")
        return measure_rendering_only(section, runs)
    except SpeechUnavailable as problem:
        section.note(f"Voix indisponible, premier son non mesuré : {problem}")
        return None
