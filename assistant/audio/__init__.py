"""Sound in and out: microphone and WAV sources, playback, end-of-speech detection."""
