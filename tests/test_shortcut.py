"""`memo-vocal raccourci` writes a desktop launcher that opens the window."""

from __future__ import annotations

import configparser
import shlex
import subprocess
import sys
from pathlib import Path

from assistant.cli.shortcut import windows_command
from tests.conftest import PROJECT_DIR


def test_the_linux_shortcut_opens_the_window(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "raccourci", "--dossier", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=PROJECT_DIR,
    )
    assert done.returncode == 0, done.stderr
    path = tmp_path / "memo-vocal.desktop"
    assert f"Raccourci créé : {path}" in done.stdout
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(path, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Terminal"] == "false"
    assert shlex.split(section["Exec"]) == [sys.executable, "-m", "assistant", "--fenetre"]
    assert path.stat().st_mode & 0o111


def test_the_windows_shortcut_command_names_pythonw_and_the_window() -> None:
    command = windows_command(r"C:\memo\.venv\Scripts\python.exe")
    assert r"C:\memo\.venv\Scripts\pythonw.exe" in command
    assert "-m assistant --fenetre" in command
    assert "Mémo vocal.lnk" in command
