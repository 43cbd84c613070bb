"""Mémo vocal: an offline French voice guide that reads help memos step by step."""

from assistant.cli.early_signals import install_if_starting

__version__ = "0.1.0"

install_if_starting()  # first thing: Ctrl-C during the start ends quietly
