"""Keystrokes for a whole senior interview at 120x40, typed text not counted.

The script is what an interviewer does in a full senior interview with the shipped
"Senior Python backend (60 min)" plan, through the real app (Textual's Pilot, 120x40):

- every question: tick 3 strong signals and 1 weak signal, mark 1 probe asked, type a
  line of notes, go to the next question;
- score every rubric area; open the summary; type the justification; submit and confirm.

Every key that is not typed text is counted (ticks, navigation, opening and leaving the
notes, scoring, submitting), and the session is checked afterwards: if a key did not do
what the script meant (a row out of reach, a focus in the way), the run fails rather
than reporting a count for an interview that did not happen. Before the live cockpit
(issue 11) a new user needed about 180 such keys at 120x40, about 45 of them hunting for
rows that were off-screen; the target is 90 or fewer.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from bench.common import Row

PLAN = "senior-backend-60"
TARGET = 90
SIZE = (120, 40)


@dataclass
class Counter:
    keys: int = 0  # keys that are not typed text
    typed: int = 0  # characters of text
    by_step: dict[str, int] = field(default_factory=dict)

    def add(self, step: str, count: int = 1) -> None:
        self.keys += count
        self.by_step[step] = self.by_step.get(step, 0) + count


async def _interview(counter: Counter) -> dict[str, int]:
    from interview import paths
    from interview.config import Config
    from interview.domain.loader import load_content
    from interview.services.container import build_services
    from interview.services.live import LiveSession
    from interview.tui.app import build_app

    content = load_content([[paths.bundled_rubrics_dir(), paths.bundled_bank_dir()]]).content
    services = build_services(memory=True, content=content, config=Config())
    repo = services.repo
    candidate = repo.find_or_create_candidate("Bench Candidate", "")
    session_id = repo.create_session(
        candidate_id=candidate,
        interviewer="Bench Interviewer",
        role="Backend engineer",
        level="senior",
        plan=content.plans[PLAN],
        content=content,
    )
    app = build_app(services)
    async with app.run_test(size=SIZE) as pilot:

        async def keys(step: str, *names: str) -> None:
            counter.add(step, len(names))
            await pilot.press(*names)

        async def text(value: str) -> None:
            counter.typed += len(value)
            await pilot.press(*value)

        app.open_session(session_id)  # the resume banner's r, counted below
        counter.add("resume")
        await pilot.pause()
        questions = len(content.plans[PLAN].items)
        for number in range(questions):
            await keys("ticks", "1", "2", "3", "q", "z")
            await keys("notes in/out", "i")
            await text("Clear reasoning, asked good questions.")
            await keys("notes in/out", "escape")
            if number < questions - 1:
                await keys("next question", "n")
        await keys("scoring", "s")
        await pilot.pause()
        for _ in content.rubrics[content.plans[PLAN].rubric_id].areas:
            await keys("scoring", "3")
        await keys("summary", "s")
        await pilot.pause()
        await text("Strong on failure modes and production thinking.")
        await keys("submit", "ctrl+s")
        await pilot.pause()
        await keys("submit", "enter")
        await pilot.pause()
    state = LiveSession(repo, session_id).state
    return {
        "questions": questions,
        "signals": sum(1 for o in state.observations if o.observed),
        "probes": sum(1 for f in state.followups if f.asked),
        "notes": sum(1 for a in state.answers.values() if a.notes.strip()),
        "scores": len(state.scores),
        "submitted": int(state.summary.status == "submitted"),
    }


def measure() -> tuple[Counter, dict[str, int]]:
    counter = Counter()
    outcome = asyncio.run(_interview(counter))
    q = outcome["questions"]
    expected = {
        "signals": 4 * q,
        "probes": q,
        "notes": q,
        "scores": 6,
        "submitted": 1,
    }
    wrong = {k: (outcome[k], v) for k, v in expected.items() if outcome[k] != v}
    if wrong:
        raise RuntimeError(f"the scripted interview did not happen as scripted: {wrong}")
    return counter, outcome


def run(*, quick: bool = False, runs: int = 5) -> list[Row]:
    counter, outcome = measure()  # a count: the same every run, so once is enough
    steps = ", ".join(f"{k} {v}" for k, v in counter.by_step.items())
    return [
        Row(
            name="full senior interview at 120x40: keys other than typed text",
            unit="keys",
            values=[float(counter.keys)],
            target=f"<= {TARGET} (before: about 180, 45 of them hunting)",
            target_value=TARGET,
            note=(
                f"{outcome['questions']} questions, {outcome['signals']} signals, "
                f"{outcome['probes']} probes, {outcome['scores']} areas scored, submitted; "
                f"{counter.typed} characters typed (not counted); {steps}"
            ),
        )
    ]


if __name__ == "__main__":
    counter, outcome = measure()
    print(counter.keys, counter.by_step, outcome)
