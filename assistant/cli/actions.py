"""The small `memo-vocal` actions that print and exit: valider, guides, micros, haut-parleurs."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO


def check_guide(path: Path, out: TextIO) -> int:
    """Every problem at once, each with its file and line; status 0 only for a valid memo."""
    from assistant.guides.loader import check_guide_file

    problems = check_guide_file(path)
    if not problems:
        out.write(f"{path} : le mémo est valide.\n")
        return 0
    count = len(problems)
    out.write(f"{path} : {count} problème{'s' if count > 1 else ''} à corriger.\n")
    for problem in problems:
        out.write(f"  {problem}\n")
    return 1


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
