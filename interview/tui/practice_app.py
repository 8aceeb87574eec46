"""``interview practice``: the app opened on the practice screen.

Kept out of ``interview/tui/screens`` so no screen module imports the app.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import TYPE_CHECKING

from interview.tui.screens.practice import PracticeScreen

if TYPE_CHECKING:
    from interview.services.container import Services


def run_practice_app(
    services: Services, attempt_id: str | None = None, *, practice_only: bool = False
) -> None:
    """Run the app with the practice screen open (and an attempt, if one was started).

    ``practice_only``: nothing but practice can be reached (the app served to a browser)."""
    from interview.tui.app import InterviewApp

    app_dir = Path(inspect.getfile(InterviewApp)).parent

    class PracticeApp(InterviewApp):
        # Textual resolves relative CSS paths next to the subclass; keep the app's own sheet.
        CSS_PATH = str(app_dir / InterviewApp.CSS_PATH)

        def on_ready(self) -> None:
            self.push_screen(PracticeScreen(open_attempt=attempt_id))

    PracticeApp(services, practice_only=practice_only).run()
