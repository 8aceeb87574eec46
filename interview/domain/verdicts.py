"""Recognising a hiring verdict in text an LLM drafted.

The LLM never decides: scores come from the interviewer, the recommendation from the
scoring policy. A drafted summary that states a verdict ("strong yes", "hire", "no hire",
"recommend hiring", "reject the candidate", "Verdict: …") is refused at saving, so the
interviewer removes it. Words used in other senses ("the hiring manager", "rejected the
idea of a lock", "yes, with a follow-up") are not verdicts.
"""

from __future__ import annotations

import re

_PATTERNS = [
    r"\bstrong(?:ly)?[\s-]+(?:yes|no)\b",
    r"\bno[\s-]+hire\b",
    r"\b(?:do not|don't|would not|wouldn't|should not|shouldn't|not)\s+hire\b",
    r"\b(?:recommend\w*|advis\w*|suggest\w*)\s+(?:hiring|to hire|against hiring|rejecting|"
    r"rejection|to reject|an offer|making an offer|moving (?:him|her|them) forward|"
    r"advancing|the candidate for)\b",
    r"\b(?:we|i|you|they|the team)\s+should\s+(?:hire|reject|pass on|not hire)\b",
    r"\breject(?:ing)?\s+(?:the|this)\s+(?:candidate|applicant)\b",
    r"\bhire\s+(?:the|this|him|her|them)\b",
    r"\b(?:is|as) a (?:clear |strong )?(?:hire|no-hire)\b",
    r"^\s*(?:verdict|recommendation|hiring decision|decision|hire\?)\s*:\s*\S",
    r"(?:^|:\s*)(?:hire|no hire|reject|advance)\s*[.!]?\s*$",
]
_VERDICT = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE | re.MULTILINE)


def find_verdict(text: str) -> str | None:
    """The first phrase in ``text`` that states a hiring verdict, or None."""
    match = _VERDICT.search(text)
    return " ".join(match.group(0).split()) if match else None


def verdict_refusal(phrase: str) -> str:
    return (
        f"the drafted summary states a verdict ({phrase!r}); the summary describes the "
        "evidence, the recommendation comes from your scores and the scoring policy. "
        "Remove it, then save"
    )
