"""Mémo vocal: an offline French voice guide that reads help memos step by step."""

__version__ = "0.1.0"
