"""Small settings the app remembers between runs (filters, last choices), as key/value rows."""

from __future__ import annotations

from interview.storage.repository_base import RepositoryBase


class Prefs(RepositoryBase):
    def get_pref(self, key: str, default: str = "") -> str:
        row = self.db.execute("SELECT value FROM prefs WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_pref(self, key: str, value: str) -> None:
        with self.tx():
            self.db.execute(
                "INSERT INTO prefs(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )
