"""briefing: a keyboard-driven terminal reader for news briefings."""

__version__ = "0.1.0"
