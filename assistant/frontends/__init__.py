"""Ways to talk with one Session: line mode, interactive terminal, WAV replay."""
