"""Reading any PCM WAV file as int16 mono, with French errors for files that are not usable.

Python 3.11's `wave` module refuses WAVE_FORMAT_EXTENSIBLE, which sox writes for 24-bit and
32-bit files, so the RIFF chunks are read here. The file is streamed, never loaded whole.
"""

from __future__ import annotations

import os
import stat
import struct
import sys
from array import array
from pathlib import Path
from typing import BinaryIO

PCM = 0x0001
EXTENSIBLE = 0xFFFE
STREAMING_SIZE = 0x7FFF0000
"""Writers to a pipe (espeak-ng --stdout) cannot seek back, and leave a data size this large
or larger: the data then simply runs to the end of the file."""
MAX_FMT_SIZE = 1024
MAX_CHANNELS = 32
RATES = range(1000, 384_001)


class WavInputError(Exception):
    """A WAV file that cannot be used; `str()` is a French sentence for the listener."""


class WavReader:
    """The header is checked on opening; `read_mono` then returns int16 mono PCM bytes."""

    def __init__(self, path: Path) -> None:
        self._name = Path(path).name
        self._file: BinaryIO = self._open_regular(Path(path))
        try:
            self._parse_header()
        except BaseException:
            self._file.close()
            raise

    def _open_regular(self, path: Path) -> BinaryIO:
        """Only a plain file: a pipe, FIFO or device (/dev/stdin, /dev/zero) cannot be measured
        or rewound, and a FIFO with no writer would block forever, so they are refused at once.
        O_NONBLOCK keeps even the opening of such a FIFO from waiting."""
        try:
            fd = os.open(
                path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
            )
        except OSError as error:
            raise WavInputError(
                f"Je ne peux pas ouvrir le fichier son « {self._name} »."
            ) from error
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            os.close(fd)
            if stat.S_ISDIR(mode):
                raise self._fail("est un dossier, pas un fichier")
            raise self._fail(
                "n'est pas un fichier ordinaire (c'est un tube, un flux ou un périphérique) : "
                "enregistrez d'abord le son dans un fichier .wav"
            )
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")

    def _fail(self, problem: str) -> WavInputError:
        return WavInputError(f"Le fichier son « {self._name} » {problem}.")

    def _read_exactly(self, size: int, problem: str) -> bytes:
        data = self._file.read(size)
        if len(data) != size:
            raise self._fail(problem)
        return data

    def _parse_header(self) -> None:
        file_size = self._file.seek(0, 2)
        self._file.seek(0)
        if file_size == 0:
            raise self._fail("est vide")
        riff = self._file.read(12)
        if len(riff) < 12 or riff[:4] != b"RIFF" or riff[8:12] != b"WAVE":
            raise self._fail("n'est pas un fichier WAV")
        fmt: bytes | None = None
        while True:
            head = self._read_exactly(8, "est incomplet (coupé avant le son)")
            chunk_id, size = head[:4], struct.unpack("<I", head[4:])[0]
            if chunk_id == b"fmt ":
                if not 16 <= size <= MAX_FMT_SIZE:
                    raise self._fail("est abîmé (en-tête invalide)")
                fmt = self._read_exactly(size + (size & 1), "est incomplet (en-tête coupé)")
            elif chunk_id == b"data":
                break
            elif self._file.tell() + size > file_size:
                raise self._fail("est abîmé (en-tête invalide)")
            else:
                self._file.seek(size + (size & 1), 1)
        if fmt is None:
            raise self._fail("est abîmé (description du son absente)")
        self._check_format(fmt)
        available = file_size - self._file.tell()
        if size > available and size < STREAMING_SIZE:
            raise self._fail("est incomplet (coupé)")
        self._remaining = min(size, available) // self._block_align
        if self._remaining == 0:
            raise self._fail("ne contient aucun son")

    def _check_format(self, fmt: bytes) -> None:
        tag, channels, rate, _, block_align, bits = struct.unpack("<HHIIHH", fmt[:16])
        if tag == EXTENSIBLE and len(fmt) >= 26:
            tag = struct.unpack("<H", fmt[24:26])[0]
        if tag != PCM or bits not in (8, 16, 24, 32):
            raise self._fail(
                "est dans un format non pris en charge ; "
                "utilisez un WAV PCM de 8, 16, 24 ou 32 bits"
            )
        if not 1 <= channels <= MAX_CHANNELS or rate not in RATES:
            raise self._fail("est abîmé (en-tête invalide)")
        if block_align != channels * bits // 8:
            raise self._fail("est abîmé (en-tête invalide)")
        self.sample_rate: int = rate
        self.channels: int = channels
        self.sample_width: int = bits // 8
        self._block_align = block_align

    def read_mono(self, frames: int) -> bytes:
        """Up to `frames` frames as int16 mono little-endian; b"" at the end of the file."""
        count = min(frames, self._remaining)
        data = self._file.read(count * self._block_align)
        count = len(data) // self._block_align
        self._remaining = 0 if count == 0 else self._remaining - count
        return to_mono_int16(data[: count * self._block_align], self.sample_width, self.channels)

    def close(self) -> None:
        self._file.close()


def to_mono_int16(data: bytes, width: int, channels: int) -> bytes:
    """Little-endian PCM of any width and channel count to int16 mono (channels averaged)."""
    if width == 1:
        # 8-bit WAV is unsigned, centred on 128.
        wide = bytearray(len(data) * 2)
        wide[1::2] = bytes((value + 128) & 0xFF for value in data)
    elif width == 2:
        wide = bytearray(data)
    else:
        # Keep the two most significant bytes of each little-endian sample.
        wide = bytearray(len(data) // width * 2)
        wide[0::2] = data[width - 2 :: width]
        wide[1::2] = data[width - 1 :: width]
    samples = array("h", wide)
    if sys.byteorder == "big":
        samples.byteswap()
    if channels > 1:
        columns = [samples[channel::channels] for channel in range(channels)]
        samples = array("h", (sum(frame) // channels for frame in zip(*columns, strict=True)))
    if sys.byteorder == "big":
        samples.byteswap()
    return samples.tobytes()
