"""The spoken test corpus: exact SNR, same seed → same bytes, and a truthful manifest."""

from __future__ import annotations

import importlib.util
import json
import math
import random
import sys
import wave
from array import array
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.spoken_audio import espeak_available, speak_to_wav

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "make_test_audio.py"

pytestmark = pytest.mark.skipif(not espeak_available(), reason="espeak-ng et sox requis")

TINY_TSV = """text\tcommand\targument\tcategory
suivant\tnext\t\tphrase
étape trois\tgoto_step\t3\tphrase
on continue\tnext\t\tsynonym
répétez s'il vous plaît\trepeat\t\tpoliteness
suivante\tnext\t\tnear_miss
il fait beau aujourd'hui\tnot_understood\t\tout_of_scope
je cherche un livre sur les oiseaux\tnot_understood\t\tout_of_scope
où sont les toilettes\tnot_understood\t\tout_of_scope
"""


def _load_script() -> ModuleType:
    """scripts/ is not a package; registered in sys.modules so dataclasses and pickling work."""
    if "make_test_audio" in sys.modules:
        return sys.modules["make_test_audio"]
    spec = importlib.util.spec_from_file_location("make_test_audio", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_test_audio"] = module
    spec.loader.exec_module(module)
    return module


mta = _load_script()
corpus_audio = sys.modules["corpus_audio"]  # imported by make_test_audio, from scripts/


@pytest.fixture(scope="module")
def tiny_tsv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("phrases") / "utterances.tsv"
    path.write_text(TINY_TSV, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, tiny_tsv: Path) -> tuple[Path, list[Any]]:
    out = tmp_path_factory.mktemp("corpus")
    samples = mta.build_corpus(out, 7, True, False, utterances_tsv=tiny_tsv, workers=2)
    return out, samples


def _power(samples: array[int] | list[float], lo: int, hi: int) -> float:
    return math.fsum(float(x) * x for x in samples[lo:hi]) / (hi - lo)


@pytest.mark.parametrize("kind", ["white", "pink", "babble"])
@pytest.mark.parametrize("snr_db", [20.0, 10.0, 5.0, 0.0])
def test_mix_at_snr_gives_the_requested_ratio(kind: str, snr_db: float) -> None:
    speech = corpus_audio.read_wav(speak_to_wav("où en suis-je dans la démarche", voice="fr-be"))
    lo, hi = 4800, len(speech) - 12800  # speak_to_wav pads 0.3 s and 0.8 s
    rng = random.Random(1)
    if kind == "white":
        noise = mta.white_noise(rng, len(speech))
    elif kind == "pink":
        noise = mta.pink_noise(rng, len(speech))
    else:
        pool = [mta.render_speech(t, "fr", 165, 50) for t in ("bonjour madame", "il pleut")]
        noise = mta.babble(rng, len(speech), pool)

    mixed = mta.mix_at_snr(speech, noise, snr_db, span=(lo, hi))

    # The mix may be scaled down against clipping: find the speech's gain by least squares;
    # what is left is the scaled noise.
    gain = math.fsum(float(m) * s for m, s in zip(mixed, speech, strict=True)) / math.fsum(
        float(s) * s for s in speech
    )
    residual = [m - gain * s for m, s in zip(mixed, speech, strict=True)]
    speech_power = gain * gain * _power(speech, lo, hi)
    measured = 10 * math.log10(speech_power / _power(residual, lo, hi))
    assert abs(measured - snr_db) < 0.1
    assert max(map(abs, mixed)) <= 32767


def test_mix_at_snr_refuses_silent_noise() -> None:
    with pytest.raises(ValueError):
        mta.mix_at_snr(array("h", [1000, -1000] * 50), array("h", [0] * 100), 10.0)


def test_same_seed_gives_identical_bytes(
    tmp_path: Path, tiny_tsv: Path, corpus: tuple[Path, list[Any]]
) -> None:
    first, _ = corpus
    again = mta.build_corpus(tmp_path / "again", 7, True, False, utterances_tsv=tiny_tsv, workers=1)
    other = mta.build_corpus(tmp_path / "other", 8, True, False, utterances_tsv=tiny_tsv, workers=1)

    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in (tmp_path / "again").iterdir())
    for name in names:
        assert (first / name).read_bytes() == (tmp_path / "again" / name).read_bytes(), name
    assert len(again) == len(other)
    noisy_a = {s.path.name: s.path.read_bytes() for s in again if s.condition.noise}
    noisy_b = {s.path.name: s.path.read_bytes() for s in other if s.condition.noise}
    assert noisy_a != noisy_b


def test_same_seed_gives_identical_bytes_from_a_cold_cache(
    tmp_path: Path, tiny_tsv: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tests.spoken_audio

    built = []
    for run in ("a", "b"):
        monkeypatch.setattr(tests.spoken_audio, "CACHE_DIR", tmp_path / f"cache-{run}")
        mta.render_speech.cache_clear()
        samples = mta.build_corpus(
            tmp_path / run, 7, True, False, utterances_tsv=tiny_tsv, workers=1
        )
        built.append([s.path.read_bytes() for s in samples])
    assert built[0] == built[1]


def test_manifest_describes_every_file(corpus: tuple[Path, list[Any]]) -> None:
    out, samples = corpus
    rows = [json.loads(line) for line in (out / "manifest.jsonl").read_text("utf-8").splitlines()]
    expected_fields = {
        "file",
        "text",
        "command",
        "argument",
        "category",
        "voice",
        "speed",
        "pitch",
        "noise",
        "snr_db",
        "speech_end_sample",
    }
    assert rows and all(set(row) == expected_fields for row in rows)
    assert mta.load_manifest(out) == samples
    assert {p.name for p in out.glob("*.wav")} == {row["file"] for row in rows}

    labels = {(line.split("\t")[0], line.split("\t")[2]) for line in TINY_TSV.splitlines()[1:]}
    assert {(row["text"], row["argument"]) for row in rows} <= labels
    settings = {(c.noise, c.snr_db) for c in mta.conditions(True)}
    for text in {row["text"] for row in rows}:  # every phrase is heard in every noise setting
        assert {(r["noise"], r["snr_db"]) for r in rows if r["text"] == text} == settings
    for row in rows:
        with wave.open(str(out / row["file"]), "rb") as handle:
            assert (handle.getframerate(), handle.getnchannels(), handle.getsampwidth()) == (
                16000,
                1,
                2,
            )


def test_speech_ends_at_the_recorded_sample(corpus: tuple[Path, list[Any]]) -> None:
    _, samples = corpus
    for sample in samples:
        audio = corpus_audio.read_wav(sample.path)
        end = sample.speech_end_sample
        assert len(audio) == end + 12800  # exactly 0.8 s of trail
        if sample.condition.noise is None:
            assert not any(audio[:4800]) and not any(audio[end:])
            loudest = max(_power(audio, i, i + 160) for i in range(4800, end - 160, 160))
            # The last 30 ms still carry speech: espeak-ng's own trailing silence was cut.
            assert _power(audio, end - 480, end) > loudest * 1e-4
        else:
            # Noise goes on after the speech, as a library's does; speech sits above it.
            assert _power(audio, end, len(audio)) > 0
            if sample.condition.snr_db >= 10:
                assert _power(audio, 4800, end) > 2 * _power(audio, end, len(audio))


def test_full_conditions_cover_the_requested_grid() -> None:
    grid = mta.conditions(False)
    assert {"fr", "fr-be", "fr-ch"} <= {c.voice for c in grid}
    assert len({c.speed for c in grid}) >= 3 and len({c.pitch for c in grid}) >= 2
    assert {(c.noise, c.snr_db) for c in grid} == {(None, None)} | {
        (k, s) for k in ("white", "pink", "babble") for s in (20.0, 10.0, 5.0)
    }


def test_real_utterance_file_is_readable() -> None:
    if not mta.UTTERANCES_TSV.is_file():
        pytest.skip("tests/data/utterances.tsv pas encore écrit")
    utterances = mta.read_utterances(mta.UTTERANCES_TSV)
    assert len([u for u in utterances if u.category == "out_of_scope"]) >= 3
