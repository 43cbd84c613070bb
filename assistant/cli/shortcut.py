"""`memo-vocal raccourci`: a desktop shortcut that opens the window, for people who never use
a terminal. The librarian runs it once per account.

- Linux: a freedesktop `.desktop` file in the applications menu and, when it exists, on the
  desktop (its folder named by `xdg-user-dir DESKTOP`, else ~/Bureau or ~/Desktop).
- Windows: a Start menu shortcut made through PowerShell and WScript.Shell, written from
  Microsoft's documentation; it was not run on this project's machines.
Both start this very Python (the project's .venv) with `-m assistant --fenetre`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path, PureWindowsPath
from typing import TextIO

NAME = "Mémo vocal"
COMMENT = "Un guide vocal qui lit les mémos d'aide pas à pas"


def desktop_entry(python: str) -> str:
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            f"Name={NAME}",
            f"Comment={COMMENT}",
            f'Exec="{python}" -m assistant --fenetre',
            "Icon=audio-input-microphone",
            "Terminal=false",
            "Categories=Accessibility;Education;",
            "StartupNotify=false",
            "",
        ]
    )


def _desktop_folder() -> Path | None:
    if shutil.which("xdg-user-dir"):
        found = subprocess.run(["xdg-user-dir", "DESKTOP"], capture_output=True, text=True)
        folder = Path(found.stdout.strip())
        if found.returncode == 0 and folder.is_dir() and folder != Path.home():
            return folder
    for name in ("Bureau", "Desktop"):
        if (Path.home() / name).is_dir():
            return Path.home() / name
    return None


def linux_shortcuts(applications: Path, desktop: Path | None) -> list[Path]:
    written = []
    for folder in (applications, desktop):
        if folder is None:
            continue
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "memo-vocal.desktop"
        path.write_text(desktop_entry(sys.executable), encoding="utf-8")
        path.chmod(0o755)  # a desktop launcher must be executable to be trusted
        written.append(path)
    return written


def windows_command(python: str) -> str:
    """PowerShell that makes « Mémo vocal.lnk » in the user's Start menu."""
    pythonw = str(PureWindowsPath(python).with_name("pythonw.exe"))
    return (
        "$folder = [Environment]::GetFolderPath('Programs'); "
        "$link = (New-Object -ComObject WScript.Shell).CreateShortcut("
        f"(Join-Path $folder '{NAME}.lnk')); "
        f"$link.TargetPath = '{pythonw}'; "
        "$link.Arguments = '-m assistant --fenetre'; "
        f"$link.Description = '{COMMENT.replace(chr(39), chr(39) * 2)}'; "
        "$link.Save()"
    )


def make_shortcut(out: TextIO, folder: Path | None = None) -> int:
    if sys.platform == "win32":
        done = subprocess.run(
            ["powershell", "-NoProfile", "-Command", windows_command(sys.executable)]
        )
        if done.returncode != 0:
            out.write("Je n'ai pas pu créer le raccourci dans le menu Démarrer.\n")
            return 1
        out.write(f"Le raccourci « {NAME} » est dans le menu Démarrer.\n")
        return 0
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    applications = folder or data_home / "applications"
    desktop = None if folder is not None else _desktop_folder()
    try:
        written = linux_shortcuts(applications, desktop)
    except OSError as error:
        out.write(f"Je n'ai pas pu créer le raccourci : {error.strerror}.\n")
        return 1
    for path in written:
        out.write(f"Raccourci créé : {path}\n")
    out.write(f"« {NAME} » ouvre maintenant la fenêtre en grands caractères.\n")
    return 0
