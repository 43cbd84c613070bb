"""The small `memo-vocal` actions that print and exit: valider, guides, micros, haut-parleurs."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from assistant.conversation.guide import Guide


def check_guide(path: Path, out: TextIO, stats: bool = False) -> int:
    """Every problem at once, each with its file and line; status 0 only for a valid memo.
    A valid memo also gets the writer's advice (warnings), and its figures with `stats`."""
    from assistant.guides.loader import check_guide_file, load_guide

    problems = check_guide_file(path)
    if not problems:
        out.write(f"{path} : le mémo est valide.\n")
        _advise(path, load_guide(path), out, stats)
        return 0
    count = len(problems)
    out.write(f"{path} : {count} problème{'s' if count > 1 else ''} à corriger.\n")
    for problem in problems:
        out.write(f"  {problem}\n")
    return 1


def _advise(path: Path, guide: Guide, out: TextIO, stats: bool) -> None:
    from assistant.guides.style_checks import check_style
    from assistant.speaking import phonemes
    from assistant.speaking.lexicon import lexicon_for

    foreign = phonemes.foreign_words if phonemes.available() else None
    report = check_style(path, guide, lexicon_for(guide), foreign)
    if report.warnings:
        count = len(report.warnings)
        plural = "s" if count > 1 else ""
        out.write(f"{count} remarque{plural} pour rendre le mémo plus facile à écouter :\n")
        for warning in report.warnings:
            out.write(f"  {path}, ligne {warning.line} : attention, {warning.message}\n")
    if foreign is None:
        out.write("  (sans espeak-ng, les mots dits dans une autre langue ne sont pas cherchés)\n")
    if stats:
        lengths = report.sentence_lengths or [0]
        mean = f"{sum(lengths) / len(lengths):.1f}".replace(".", ",")
        out.write(
            f"Chiffres : {len(lengths)} phrases, {mean} mots par phrase en moyenne, "
            f"{max(lengths)} au plus ; {report.several_actions} étape(s) à plusieurs actions ; "
            f"{report.unexplained} mot(s) difficile(s) non expliqué(s).\n"
        )


def list_guides(out: TextIO) -> int:
    from assistant.guides.catalog import list_guides as find_guides

    entries = find_guides()
    if not entries:
        out.write("Aucun mémo trouvé dans le dossier guides.\n")
        return 1
    out.write("Mémos disponibles (à choisir avec --guide NOM) :\n")
    for entry in entries:
        title = entry.title or "mémo invalide : lancez « memo-vocal valider » dessus"
        out.write(f"  {entry.name} : {title}\n")
    return 0


def list_microphones(out: TextIO) -> int:
    from assistant.audio.microphone import MicrophoneUnavailable, list_input_devices

    try:
        devices = list_input_devices()
    except MicrophoneUnavailable as problem:
        out.write(f"{problem}\n")
        return 1
    if not devices:
        out.write("Aucun micro trouvé. Branchez un casque avec micro, puis relancez.\n")
        return 1
    out.write("Micros disponibles (à choisir avec --micro NUMERO) :\n")
    for device in devices:
        mark = "  (par défaut)" if device.is_default else ""
        rate = int(device.default_samplerate)
        out.write(f"  {device.index} : {device.name}, {rate} Hz{mark}\n")
    return 0


def list_speakers(out: TextIO) -> int:
    from assistant.audio.playback import list_output_devices

    devices = list_output_devices()
    if not devices:
        out.write("Aucune sortie son trouvée. Branchez un casque ou des haut-parleurs.\n")
        return 1
    out.write("Sorties son disponibles (à choisir avec --haut-parleur NUMERO) :\n")
    for index, name, rate in devices:
        out.write(f"  {index} : {name}, {int(rate)} Hz\n")
    return 0
