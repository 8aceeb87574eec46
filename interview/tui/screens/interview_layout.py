"""The live interview's layout: everything needed at a glance, nothing behind a scroll.

The checklist is the pane the interviewer's eyes come back to, so it gets a fixed
width that fits a 40-character label on one line, and the full height beside the
question. The prompt is read once: after the first minute of a question (or ``o``) the
question folds to its title and a one-line reminder. The question list is a sidebar
only where there is room for it (``l`` or ``g`` shows it elsewhere).

80x24 (narrow, short): the question above, the checklist below it scrolls; a ticked row
is always scrolled into view. Follow-ups (``f``) replace the question pane::

    Ada Lovelace · Backend engineer · senior · Senior 60     Q 3:12/10  S 21:40/60
    2/6 · on pace · ⚑ 1 red flag · ✓ Strong 2: Idempotency key      notes saved
    ╭ Question 2 of 6 ─────────────────────────────────── code: v full width ╮
    │Payment endpoint · scenario · 10 min                                     │
    │Design a payment endpoint that a flaky mobile client retries…            │
    ╰─────────────────────────────────────────────────────────────────────────╯
    ╭ Checklist ──────────────────────────────────────────────────────────────╮
    │Strong signals                                                        ▐ │
    │1 ■ Idempotency key, not blind retries                                  │
    │2 □ Ledger write and charge in one step                                 │
    ╰─────────────────────────────────────────────────────────────────────────╯
     1 Strong: Asks for an idempotency key from the client and stores it …
    ╭ Notes ──────────────────────────────────────────────────── autosaved ──╮
    │                                                                         │
    ╰─────────────────────────────────────────────────────────────────────────╯
     n Next  p Prev  i Notes  s Score  o Fold  v Code view  f Suggest  ? Keys

120x40 (normal): question and follow-ups left, the whole checklist right (up to 9
strong, 7 weak, 7 probes: every row of every shipped question without scrolling)::

    title · role · level · plan                                 Q 3:12/10  S 21:40/60
    2/6 · on pace · ⚑ 1 red flag · ✓ Strong 2: …                         notes saved
    ╭ Question 2 of 6 ──────────────────────────╮╭ Checklist ──────────────────────╮
    │Payment endpoint · scenario · 10 min        ││Strong signals                   │
    │prompt (Markdown), code under it;           ││1 ■ Idempotency key, not blind…  │
    │folds to title + reminder after 1 min      ││…                                │
    ╰────────────────────────────────────────────╯│Weak signals · ⚑ red flags       │
    Follow-ups · offline                          │q □ Retries the charge blindly   │
    ! Ask what happens on a timeout              ││u ⚐ Stores card numbers          │
    @ …                                           │Probes  * required               │
    # …                                           │z * What if the client retries…  │
                                                  ╰─────────────────────────────────╯
                                                   q Weak: the full sentence …
    ╭ Notes ──────────────────────────────────────────────────────────── autosaved ╮
    ╰──────────────────────────────────────────────────────────────────────────────╯
     n Next  p Prev  i Notes  g Go to  s Score  o Fold  v Code view  f Suggest  ? Keys

200x60 (wide, tall): the same plus the question list as a sidebar, wider panes, and
notes taking 30% of the height::

    ╭ Questions ──────╮╭ Question 2 of 6 ────────────────────╮╭ Checklist ────────────╮
    │▶ 1. Legacy…  6m ││prompt, code, context (k)             ││every row, one line    │
    │  2. Payment  10m││                                      ││                       │
    ╰─────────────────╯╰──────────────────────────────────────╯╰───────────────────────╯
                       Follow-ups · ! @ # mark one asked         full sentence of row
    ╭ Notes ───────────────────────────────────────────────────────────────────────────╮
"""

from __future__ import annotations

CHECKLIST_WIDTH = 52  # key, mark, a 40-character label, borders and a scrollbar

CSS = f"""
InterviewScreen #interview-top {{
    height: 1;
    background: $boost;
}}
InterviewScreen #interview-title {{
    width: 1fr;
    height: 1;
    padding: 0 1;
    text-wrap: nowrap;
    text-overflow: ellipsis;
}}
InterviewScreen #interview-status-bar {{
    height: 1;
}}
InterviewScreen #interview-status {{
    width: 1fr;
    height: 1;
    padding: 0 1;
    text-wrap: nowrap;
    text-overflow: ellipsis;
}}
InterviewScreen #db-state {{
    width: auto;
    height: 1;
    display: none;
}}
InterviewScreen #notes-state {{
    width: 24;
    height: 1;
    padding: 0 1;
}}
InterviewScreen #interview-body {{
    height: 1fr;
}}
InterviewScreen #sidebar {{
    width: 36;
    height: 1fr;
    display: none;
}}
InterviewScreen #qlist {{
    height: 1fr;
}}
InterviewScreen #interview-left {{
    width: 1fr;
    height: 1fr;
}}
InterviewScreen #question {{
    height: 1fr;
}}
InterviewScreen #question.-folded {{
    height: auto;
}}
InterviewScreen #suggestions {{
    height: auto;
}}
InterviewScreen #interview-side {{
    width: {CHECKLIST_WIDTH};
    height: 1fr;
}}
InterviewScreen #checklist {{
    height: 1fr;
}}
InterviewScreen #notes {{
    height: 8;
}}

/* The question list: a sidebar where there is room, on demand elsewhere (l, g). */
InterviewScreen.-wide #sidebar, InterviewScreen.-show-list #sidebar {{
    display: block;
}}
InterviewScreen.-hide-list #sidebar {{
    display: none;
}}
InterviewScreen.-wide #interview-side {{
    width: {CHECKLIST_WIDTH + 12};
}}
InterviewScreen.-tall #notes {{
    height: 30%;
    max-height: 20;
}}

/* Narrow terminals: the question above the checklist, both full width. */
InterviewScreen.-narrow #interview-body {{
    layout: vertical;
}}
InterviewScreen.-narrow #sidebar {{
    width: 1fr;
    height: 1fr;
}}
InterviewScreen.-narrow.-show-list #interview-left,
InterviewScreen.-narrow.-show-list #interview-side {{
    display: none;
}}
InterviewScreen.-narrow #interview-left {{
    width: 1fr;
    height: auto;
    max-height: 50%;
}}
InterviewScreen.-narrow #question {{
    height: auto;
    max-height: 12;
}}
InterviewScreen.-narrow.-short #question {{
    max-height: 7;
}}
InterviewScreen.-short #checklist-detail {{
    max-height: 2;
}}
InterviewScreen.-narrow #interview-side {{
    width: 1fr;
    height: 1fr;
}}
InterviewScreen.-short #notes {{
    height: 6;
}}
/* Short or narrow terminals: the follow-ups come with f and take the question's place. */
InterviewScreen.-narrow #suggestions, InterviewScreen.-short #suggestions {{
    display: none;
}}
InterviewScreen.-narrow.-show-suggestions #suggestions,
InterviewScreen.-short.-show-suggestions #suggestions {{
    display: block;
}}
InterviewScreen.-narrow.-show-suggestions #question {{
    display: none;
}}
"""
