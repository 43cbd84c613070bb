"""Start-up times (section 3) and memory and CPU (section 4), all from the real program."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import bench_startup
from bench_audio import AudioUnavailable, PrivateSink
from bench_common import AMELI, PROJECT_DIR, Figure, Section, Target, median, percentile
from bench_cost import listening_cpu
from bench_voice import KOREAN_PHRASES, ModelChoice

from assistant.conversation.understanding import Understanding
from assistant.guides.loader import load_guide

KEYBOARD_START_TARGET_S = 1.0
VOICE_START_TARGET_S = 3.0
CPU_TARGET = 5.0
VOICE_RSS_TARGET_MB = 250.0


def _keyboard_start_without_audio() -> tuple[float | None, float]:
    """No sound server: process start → first samples written by `--sortie-audio`."""
    with tempfile.TemporaryDirectory() as folder:
        wav = Path(folder) / "accueil.wav"
        began = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", "assistant", "--sans-memoire", "--sortie-audio", str(wav)],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=PROJECT_DIR,
        )
        first = None
        while first is None and child.poll() is None and time.perf_counter() - began < 20:
            if wav.exists() and wav.stat().st_size > 44 + 2205:  # header + 50 ms of sound
                first = time.perf_counter() - began
            time.sleep(0.002)
        assert child.stdin is not None
        child.stdin.close()  # end of input: the line mode says goodbye and stops
        _, _, usage = os.wait4(child.pid, 0)
        child.returncode = 0
    return first, usage.ru_maxrss / 1024


def _keyboard(latency: Section, cost: Section, first: float | None, rss: float, how: str) -> None:
    latency.add(
        Figure(
            f"démarrage → premier mot, clavier{how} / start → first word, keyboard",
            first,
            "s, médiane",
            Target("<=", KEYBOARD_START_TARGET_S),
            key="start_keyboard_s",
        )
    )
    cost.add(
        Figure(
            "mémoire maximale, clavier / peak RSS, keyboard", rss, "Mo", key="peak_rss_keyboard_mb"
        )
    )


def _window_start(latency: Section, runs: int) -> None:
    starts = bench_startup.window_starts(runs)
    label = "démarrage → fenêtre affichée (Xvfb, sans modèle) / start → window shown"
    if isinstance(starts, str):
        latency.add(Figure(label, None, "s", Target("<=", 1.0), key="start_window_s"))
        latency.note(f"Fenêtre non mesurée : {starts}.")
        return
    latency.add(
        Figure(label, median(starts), "s, médiane", Target("<=", 1.0), key="start_window_s")
    )
    p95 = percentile(starts, 0.95)
    latency.note(
        f"Fenêtre : {len(starts)} lancements de `python -m assistant --fenetre --clavier --muet` "
        f"sous Xvfb 1366×768 ; l'horloge s'arrête quand la fenêtre du menu est visible "
        f"(xwininfo, sondé en continu) ; p95 {'—' if p95 is None else f'{p95:.2f} s'}."
    )


def _starts(
    latency: Section, cost: Section, sink: PrivateSink, model: ModelChoice, rapide: bool
) -> None:
    keyboard = bench_startup.measure(sink, None, 2 if rapide else 5)
    _keyboard(latency, cost, keyboard.first_word_s, keyboard.peak_rss_mb or 0.0, "")
    first = keyboard.runs[0].first_word_s
    latency.note(
        f"Démarrage clavier : {len(keyboard.runs)} lancements de `python -m assistant --clavier` "
        f"dans un pseudo-terminal ; le premier : {'—' if first is None else f'{first:.2f} s'}."
    )
    steps = ", ".join(f"{name} {ms} ms" for name, ms in bench_startup.phases())
    latency.note(f"Démarrage pas à pas (même travail, sans terminal) : {steps}.")
    _window_start(latency, 3 if rapide else 10)
    if model.path is None:
        return
    stand_in = not model.french
    voice = bench_startup.measure(sink, model.path, 1 if rapide else 3)
    for label, value, key in (
        (
            "démarrage → premier mot, voix / start → first word, voice",
            voice.first_word_s,
            "start_voice_first_word_s",
        ),
        (
            "démarrage → micro ouvert, modèle chargé / start → listening",
            voice.ready_s,
            "start_voice_listening_s",
        ),
    ):
        latency.add(
            Figure(
                label, value, "s, médiane", Target("<=", VOICE_START_TARGET_S), stand_in, key=key
            )
        )
    cost.add(
        Figure(
            "mémoire maximale, voix / peak RSS, voice",
            voice.peak_rss_mb,
            "Mo",
            Target("<=", VOICE_RSS_TARGET_MB),
            stand_in,
            key="peak_rss_voice_mb",
        )
    )
    if stand_in:
        cost.note(
            "Mode voix mesuré avec le modèle coréen (253 Mo sur disque, ~530 Mo en mémoire) : "
            "bien plus gros que le petit modèle français (~45 Mo)."
        )


def add_resources(
    latency: Section, cost: Section, sink: PrivateSink | None, model: ModelChoice, *, rapide: bool
) -> None:
    if sink is not None:
        try:
            _starts(latency, cost, sink, model, rapide)
        except AudioUnavailable as problem:
            latency.note(f"Démarrages non mesurés au son : {problem}.")
            sink = None
    if sink is None:
        first, rss = _keyboard_start_without_audio()
        _keyboard(latency, cost, first, rss, " (1er son écrit dans un WAV)")
        latency.note("Sans serveur son : démarrage en mode voix non mesuré.")
    if model.path is None:
        cost.note("Aucun modèle : CPU à l'écoute non mesuré.")
        return
    seconds = 5.0 if rapide else 20.0
    phrases = (
        Understanding(load_guide(AMELI)).listening_phrases()
        if model.french
        else list(KOREAN_PHRASES)
    )
    share, flow, method = listening_cpu(model.path, phrases, sink, seconds)
    cost.add(
        Figure(
            "CPU à l'écoute d'une pièce calme / CPU listening to silence",
            100 * share,
            "% d'un cœur",
            Target("<=", CPU_TARGET),
            not model.french,
            key="cpu_listening_pct",
        )
    )
    cost.note(f"CPU à l'écoute : {seconds:.0f} s, {method} ; audio traité {flow:.2f} s par s.")
