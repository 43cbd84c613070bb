"""Keeping English messages of the sound libraries off the person's screen.

ALSA prints « ALSA lib pcm.c:8570:(snd_pcm_recover) underrun occurred » on the process's
standard error whenever the sound server falls behind, and PortAudio prints its own failed
expressions there too. Both write with C calls, below Python, so `logging` cannot hide them.
They are silenced at their source:
- ALSA: its error handler is replaced, through ctypes, by one that sends the message to the
  technical log (shown with MEMO_VOCAL_DEBUG=1);
- anything else written by C code: file descriptor 2 is pointed elsewhere (the null device),
  while Python's own `sys.stderr`, which carries the French messages, keeps the terminal.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import sys

log = logging.getLogger(__name__)

_HandlerType = ctypes.CFUNCTYPE(
    None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p
)
"""ALSA's `snd_lib_error_handler_t`; the printf arguments after `fmt` are not read."""


def _on_alsa_error(
    file: bytes | None, line: int, function: bytes | None, error: int, fmt: bytes | None
) -> None:
    log.debug("ALSA %s:%d %s (%d) %s", file, line, function, error, fmt)


_handler = _HandlerType(_on_alsa_error)
"""Kept for the life of the process: ALSA holds a pointer to it."""
_silenced = False


def silence_alsa() -> bool:
    """True when ALSA's messages now go to the log; False without ALSA (Windows, macOS)."""
    global _silenced
    if _silenced:
        return True
    if not sys.platform.startswith("linux"):
        return False
    name = ctypes.util.find_library("asound") or "libasound.so.2"
    try:
        library = ctypes.CDLL(name)
        library.snd_lib_error_set_handler(_handler)
    except (OSError, AttributeError):
        return False
    _silenced = True
    return True


def divert_native_stderr() -> bool:
    """Points file descriptor 2 to the null device, Python's `sys.stderr` staying on screen.

    Only for a person's terminal; a developer keeps everything with MEMO_VOCAL_DEBUG=1.
    """
    if os.environ.get("MEMO_VOCAL_DEBUG") or not sys.stderr.isatty():
        return False
    try:
        sys.stderr.flush()
        kept = os.dup(2)
        sys.stderr = open(  # noqa: SIM115 (lives as long as the process)
            kept, "w", encoding="utf-8", errors="backslashreplace", buffering=1
        )
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.close(null)
    except OSError:
        return False
    return True
