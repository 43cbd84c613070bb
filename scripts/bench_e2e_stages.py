"""Where the end-to-end delay goes: one session of bench_end_to_end.py, stage by stage.

The real program runs with scripts/e2e_probe.py's time stamps, and writes its microphone audio.
Per command, in the microphone's own samples: true end of speech (the command found in that
audio) → the detector's last voiced frame → its decision → the end of the chunk that carries it.
Then in CLOCK_MONOTONIC time, shared by both processes: that chunk's last sample reaching the
sink (from the recording's clock) → PortAudio's callback → the listening thread → Vosk's final
result → the main loop → understanding and core → the speech thread → the first sentence
rendered → the output stream opened and started → its first callback → the first audible sample
at the sink. The stages of one command add up to its end-to-end delay (checked per command); the
table gives each stage's median and p95 over commands, which do not add up.

Left out as in bench_end_to_end.py. « capture » is measured against the recorder's own clock
(parec, 10 ms latency): it reads the sink's monitor as the program does, so a few ms of the
capture delay are counted in « to the sink » instead.

    python scripts/bench_e2e_stages.py [--commandes N] [--bloc S] [--json F]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from array import array
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench_audio import RATE, PrivateSink
from bench_common import PROJECT_DIR, korean_model_dir, median, percentile
from bench_e2e_session import Command, Session, commands, run_session
from bench_e2e_signal import locate

from assistant.audio.playback import Pcm, resample

LAUNCHER = """
import runpy, sys
sys.path.insert(0, sys.argv.pop(1))
import e2e_probe
e2e_probe.install(sys.argv.pop(1), sys.argv.pop(1))
chunk = sys.argv.pop(1)
if chunk:
    from assistant.audio.microphone import Microphone
    Microphone.open.__func__.__kwdefaults__["chunk_seconds"] = float(chunk)
runpy.run_module("assistant", run_name="__main__", alter_sys=True)
"""

STAGES = (
    ("vad_end", "fin vraie → fin voisée vue par le détecteur (audio)"),
    ("trailing", "silence de fin du détecteur (audio)"),
    ("chunk", "décision → fin du bloc du micro (audio)"),
    ("capture", "fin du bloc au serveur → rappel PortAudio"),
    ("handoff_in", "rappel → fil d'écoute"),
    ("feed", "fil d'écoute → début du résultat final"),
    ("vosk_final", "résultat final de Vosk"),
    ("to_loop", "→ boucle principale"),
    ("core", "compréhension + cœur"),
    ("to_speech", "→ fil de la voix (écran, annonce)"),
    ("render", "rendu de la 1re phrase"),
    ("open", "ouverture du flux de sortie"),
    ("start", "démarrage du flux"),
    ("sink", "→ 1er échantillon audible au serveur"),
)


class Wall:
    """Recording sample → CLOCK_MONOTONIC time it reached the recorder: the lower envelope of
    the blocks' arrival times (a late read never makes a sample earlier than it was)."""

    def __init__(self, arrivals: Sequence[tuple[float, int]]) -> None:
        self._points = [(total, received - total / RATE) for received, total in arrivals]

    def __call__(self, sample: int) -> float:
        near = [o for total, o in self._points if abs(total - sample) <= 3 * RATE]
        return min(near) + sample / RATE


def _after(log: Sequence[dict[str, Any]], kind: str, t: float) -> dict[str, Any] | None:
    return next((e for e in log if e["kind"] == kind and e["t"] >= t), None)


def _before(log: Sequence[dict[str, Any]], kind: str, t: float) -> dict[str, Any] | None:
    return next((e for e in reversed(log) if e["kind"] == kind and e["t"] <= t), None)


def breakdown(
    log: list[dict[str, Any]], mic: array[int], wall: Wall, end: int, reply: int, wav: Any
) -> dict[str, float] | None:
    """Stage durations in ms for one command whose speech ended at recording sample `end` and
    whose reply began at `reply`; None when a stamp is missing."""
    we, wr = wall(end), wall(reply)
    result = next((e for e in log if e["kind"] == "result" and we < e["t"] < wr), None)
    mics = [e for e in log if e["kind"] == "mic"]
    reads = {e["index"]: e for e in log if e["kind"] == "read"}
    if result is None or result["chunk_index"] >= len(mics):
        return None
    chunk = mics[result["chunk_index"]]
    rate = chunk["rate"]
    chunk_end = chunk["first"] + chunk["n"]
    offset = chunk_end - result["detector_at"]
    voiced, decided = result["voiced_end"] + offset, result["decided"] + offset
    samples = array("h", resample(Pcm(wav.samples.tobytes(), RATE), rate).data)
    found = locate(mic, samples, decided - len(samples) - rate, decided)
    if found is None:
        return None
    true_end = found.start + wav.speech_end * rate // RATE
    at_sink = we + (chunk_end - true_end) / rate
    final_begin = _before(log, "final_begin", result["t"])
    final_end = _before(log, "final_end", result["t"])
    loop = _after(log, "loop_handle", result["t"])
    say = _after(log, "say", result["t"])
    if not (final_begin and final_end and loop and say):
        return None
    handle_end = _after(log, "handle_end", loop["t"])
    rendered = _after(log, "rendered", say["t"])
    opened = _after(log, "out_open_end", say["t"])
    started = _after(log, "out_start_end", say["t"])
    if not (handle_end and rendered and opened and started):
        return None
    times = [
        ("capture", chunk["at"]),
        ("handoff_in", reads[result["chunk_index"]]["t"]),
        ("feed", final_begin["t"]),
        ("vosk_final", final_end["t"]),
        ("to_loop", loop["t"]),
        ("core", handle_end["t"]),
        ("to_speech", say["t"]),
        ("render", rendered["t"]),
        ("open", opened["t"]),
        ("start", started["t"]),
        ("sink", wr),
    ]
    stages = {
        "vad_end": 1000 * (voiced - true_end) / rate,
        "trailing": 1000 * (decided - voiced) / rate,
        "chunk": 1000 * (chunk_end - decided) / rate,
    }
    previous = at_sink
    for name, t in times:
        stages[name] = 1000 * (t - previous)
        previous = t
    stages["total_wall"] = 1000 * (wr - we)
    stages["lead_s"] = 1000 * rendered["lead_s"]
    stages["out_latency"] = 1000 * opened["latency"]
    return stages


def launcher(folder: Path, chunk_s: float | None = None) -> list[str]:
    """The arguments that run the program with the probe, its traces written in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    chunk = "" if chunk_s is None else str(chunk_s)
    scripts = str(PROJECT_DIR / "scripts")
    return ["-c", LAUNCHER, scripts, str(folder / "stamps.jsonl"), str(folder / "mic.raw"), chunk]


def stage_rows(session: Session, spoken: Sequence[Command], folder: Path) -> list[dict[str, float]]:
    """One breakdown per command with a reply, from a session run with `launcher(folder)`."""
    text = (folder / "stamps.jsonl").read_text() if (folder / "stamps.jsonl").exists() else ""
    log = [json.loads(line) for line in text.splitlines() if line]
    mic_path = folder / "mic.raw"
    mic = array("h", mic_path.read_bytes() if mic_path.exists() else b"")
    wall = Wall(session.arrivals)
    rows: list[dict[str, float]] = []
    for wav, heard in zip(spoken, session.heard, strict=False):
        if heard is None or not heard.intact or not heard.replies or heard.early:
            continue
        stages = breakdown(log, mic, wall, heard.speech_end, heard.replies[0][0], wav)
        if stages is not None:
            stages["total_audio"] = heard.latency_ms or 0.0
            rows.append(stages)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Délai de bout en bout, étape par étape.")
    parser.add_argument("--commandes", type=int, default=40, metavar="N")
    parser.add_argument("--bloc", type=float, default=None, metavar="S", help="bloc du micro")
    parser.add_argument("--json", type=Path, metavar="FICHIER")
    parser.add_argument("--garder", type=Path, metavar="DOSSIER", help="garder les traces")
    args = parser.parse_args(argv)
    model = korean_model_dir()
    if model is None:
        print("modèle coréen absent")
        return 1
    with PrivateSink() as sink, tempfile.TemporaryDirectory(prefix="memo-etapes-") as work:
        folder = args.garder or Path(work)
        spoken = commands(folder / "wav", args.commandes)
        probe = launcher(folder / "traces", args.bloc)
        session = run_session(sink, model, spoken, folder / "home", None, probe)
        rows = stage_rows(session, spoken, folder / "traces")
    if session.problem:
        print(session.problem)
    print(f"{len(rows)} commandes sur {len(spoken)} décomposées")
    keys = [k for k, _ in STAGES] + ["total_wall", "total_audio", "lead_s", "out_latency"]
    labels = dict(STAGES)
    for key in keys:
        values = [r[key] for r in rows]
        print(
            f"{labels.get(key, key):55s} médiane {median(values) or 0:7.1f}  "
            f"p90 {percentile(values, 0.9) or 0:7.1f}  p95 {percentile(values, 0.95) or 0:7.1f} ms"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
