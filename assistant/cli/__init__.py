"""The memo-vocal command: argument parsing, sub-commands and the diagnostic."""
