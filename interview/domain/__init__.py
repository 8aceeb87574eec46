"""Pure models and rules: content loading and validation, scoring. No UI, no SQL."""
