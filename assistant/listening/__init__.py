"""From audio to text: the Vosk recognizer and the background listening thread."""
