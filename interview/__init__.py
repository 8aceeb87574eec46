"""Structured technical interviews for Python backend engineers, in the terminal."""

__version__ = "0.1.0"
