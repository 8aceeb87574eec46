"""Offline keyword matching of free text (notes, answers) against a question's signals.

A heuristic, and labelled as one wherever it is shown: it finds the words a
candidate used, not whether they understood them. What it does handle:

- whole words, with case, accents and full-width forms ignored ("tomas" is "Tomás");
- identifiers and punctuation as word breaks: ``select_for_update`` and
  "select for update" are the same words, so are "row-lock" and "row lock";
- inflections by a light stemmer: "retries", "retried" and "retrying" are "retry";
  "rolled back" is "rollback" (words may also be written together or apart);
- negation, for weak signals and red flags only: "we never store card details" does not
  trip "card details", nor does "I would not propose a rewrite" or "the PAN is never
  stored". Nor does an action said to be guarded: "refactor behind them" (the tests) is not
  "refactor" before any safety net. A keyword that itself says "no"/"never" ("no rewrite")
  is matched as written.
  Senior signals are matched even when negated: naming what not to do is evidence too;
- languages written without spaces (Chinese, Japanese, Korean): a keyword in those
  scripts is found as a substring, with the common negations next to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from interview.domain.folding import fold
from interview.domain.models import Question, Signal, SignalKind

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\uff66-\uff9f"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_TOKEN = re.compile(rf"[^\W_{_CJK}]+")
_CONTRACTION = re.compile(r"n['’]t\b")
CJK_LANGS = frozenset({"zh", "ja", "ko"})

NEGATORS = frozenset(
    {
        "not", "no", "never", "without", "nor", "neither", "none", "nothing", "nobody",
        "cannot", "avoid", "avoids", "avoided", "avoiding", "against", "refuse", "refuses",
    }
)  # fmt: skip
_NEGATING_PAIRS = {("rather", "than"), ("instead", "of")}
_NOT_NEGATING_AFTER = frozenset({"only", "just", "merely"})  # "not only X but Y"
_AUX = frozenset(
    {
        "is", "are", "was", "were", "be", "been", "being", "do", "does", "did", "should",
        "must", "will", "would", "can", "could", "shall", "may", "might", "has", "have",
        "had", "ever", "really", "actually",
    }
)  # fmt: skip
# Words that start a new clause: a negation before them does not reach past them.
_CLAUSE_WORDS = frozenset(
    {"but", "however", "although", "though", "whereas", "yet", "otherwise", "unless", "except"}
)
# After a comma, these start a new clause ("I don't know, I'd retry"); other words
# continue a list ("never the PAN, CVV or card number").
_SUBJECTS = frozenset({"i", "we", "you", "they", "he", "she", "it", "that", "this", "then", "so"})
_CLAUSE_GAP = re.compile(r"[;!?\n()]|[.:]\s")  # "a.b" (an identifier) is not a full stop
WINDOW = 8  # words a negation reaches forward, within its clause

_ZH_NEGATORS = ("不", "没", "沒", "未", "无", "無", "别", "別", "勿", "非", "從不", "从不")
_JA_NEGATORS = ("ない", "ません", "ず", "なかった", "しない")


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """A light English stemmer: plural, -ed and -ing forms share one stem."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ied") and len(word) > 4:
        word = word[:-3] + "y"
    else:
        for suffix in ("ing", "ed"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                word = word[: -len(suffix)]
                if word[-1] == word[-2] and word[-1] not in "lsz" and word[-1] not in "aeiou":
                    word = word[:-1]
                break
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def normalise(text: str) -> str:
    return " ".join(fold(text).split())


@dataclass(frozen=True, slots=True)
class _Text:
    words: tuple[str, ...]
    clause: tuple[int, ...]
    joined: str  # the stems written together, to find keywords written together or apart
    starts: dict[int, int]  # offset in ``joined`` -> index of the word starting there
    ends: dict[int, int]  # offset in ``joined`` -> index of the word ending there
    dense: str  # folded text without whitespace, for keywords in CJK scripts


@lru_cache(maxsize=512)
def _analyse(text: str) -> _Text:
    folded = _CONTRACTION.sub(" not", fold(text))
    words: list[str] = []
    clause: list[int] = []
    joined: list[str] = []
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    offset, current, last_end = 0, 0, 0
    for m in _TOKEN.finditer(folded):
        word = m.group()
        gap = folded[last_end : m.start()]
        if words and (
            _CLAUSE_GAP.search(gap)
            or word in _CLAUSE_WORDS
            or ("," in gap and word in _SUBJECTS)
            or _CJK_CHAR.search(gap)
        ):
            current += 1
        last_end = m.end()
        s = stem(word)
        starts[offset] = len(words)
        offset += len(s)
        ends[offset] = len(words)
        words.append(word)
        clause.append(current)
        joined.append(s)
    return _Text(
        tuple(words), tuple(clause), "".join(joined), starts, ends, "".join(folded.split())
    )


@dataclass(frozen=True, slots=True)
class _Keyword:
    compact: str  # stems written together; or, in CJK mode, the folded keyword
    cjk: bool
    literal: re.Pattern[str] | None  # keywords of punctuation and single letters, e.g. "f("
    says_no: bool  # the keyword is itself negative ("no rewrite", "don't retry")


@lru_cache(maxsize=4096)
def _keyword(keyword: str, cjk: bool) -> _Keyword:
    folded = fold(keyword.strip())
    if cjk or _CJK_CHAR.search(folded):
        return _Keyword("".join(folded.split()), True, None, False)
    words = _TOKEN.findall(_CONTRACTION.sub(" not", folded))
    says_no = any(w in NEGATORS for w in words)
    if words and all(len(w) <= 1 for w in words) and re.search(r"[^\w\s]", folded):
        pattern = re.compile(r"(?<![0-9a-z])" + re.escape(folded))
        return _Keyword("", False, pattern, says_no)
    return _Keyword("".join(stem(w) for w in words), False, None, says_no)


def _negator_at(words: tuple[str, ...], k: int) -> bool:
    word = words[k]
    if word in NEGATORS:
        return not (k + 1 < len(words) and words[k + 1] in _NOT_NEGATING_AFTER)
    return k > 0 and (words[k - 1], word) in _NEGATING_PAIRS


def _negated(t: _Text, first: int, last: int) -> bool:
    here = t.clause[first]
    for k in range(first - 1, max(-1, first - WINDOW - 1), -1):
        if t.clause[k] != here:
            break
        if _negator_at(t.words, k):
            return True
    # Guarded: "refactor behind them", "rename behind a feature flag".
    if last + 1 < len(t.words) and t.words[last + 1] == "behind" and t.clause[last + 1] == here:
        return True
    # "the PAN is never stored", "a rewrite would not help": auxiliaries, then not/never.
    for k in range(last + 1, min(len(t.words), last + 4)):
        if t.clause[k] != here:
            break
        if t.words[k] in ("not", "never"):
            return True
        if t.words[k] not in _AUX:
            break
    return False


def _cjk_negated(dense: str, start: int, end: int) -> bool:
    """Chinese negates before the verb (不保存), Japanese after it (保存しない)."""
    before, after = dense[max(0, start - 3) : start], dense[end : end + 4]
    return any(n in before for n in _ZH_NEGATORS) or any(n in after for n in _JA_NEGATORS)


def _found(keyword: str, t: _Text, *, negatable: bool, cjk: bool) -> bool:
    kw = _keyword(keyword, cjk)
    check = negatable and not kw.says_no
    if kw.literal is not None:
        return bool(kw.literal.search(t.dense))
    if not kw.compact:
        return False
    haystack = t.dense if kw.cjk else t.joined
    pos = haystack.find(kw.compact)
    while pos != -1:
        end = pos + len(kw.compact)
        if kw.cjk:
            if not (check and _cjk_negated(haystack, pos, end)):
                return True
        else:
            first, last = t.starts.get(pos), t.ends.get(end)
            if first is not None and last is not None and not (check and _negated(t, first, last)):
                return True
        pos = haystack.find(kw.compact, pos + 1)
    return False


def keyword_hits(
    signal: Signal, text: str, *, negatable: bool = False, lang: str | None = None
) -> tuple[str, ...]:
    """The keywords of ``signal`` found in ``text``.

    ``negatable``: a keyword in a negated clause does not count (weak signals, red flags).
    ``lang``: the text's language if known; Chinese, Japanese and Korean are matched as
    substrings whatever the keyword's script.
    """
    if not text.strip():
        return ()
    t = _analyse(text)
    cjk = lang in CJK_LANGS
    return tuple(
        k for k in signal.keywords if k.strip() and _found(k, t, negatable=negatable, cjk=cjk)
    )


def match_signals(question: Question, text: str, *, lang: str | None = None) -> list[Match]:
    """Signals of ``question`` whose keywords appear in ``text``, in bank order."""
    if not text.strip():
        return []
    out: list[Match] = []
    for kind in SignalKind:
        for signal in question.signals(kind):
            hits = keyword_hits(signal, text, negatable=kind is SignalKind.JUNIOR, lang=lang)
            if hits:
                out.append(Match(signal, kind, hits))
    return out


@dataclass(frozen=True, slots=True)
class Match:
    signal: Signal
    kind: SignalKind
    keywords: tuple[str, ...]
