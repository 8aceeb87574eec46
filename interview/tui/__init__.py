"""The Textual user interface. Talks to services only; never writes SQL."""
