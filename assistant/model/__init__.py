"""The Vosk model on disk: finding, checking, installing and downloading it."""
