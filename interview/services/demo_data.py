"""The sample interviews written by `interview demo`: what each interviewer heard and ticked.

Plain data, kept apart from the code that plays it (demo.py). Question, signal and
follow-up ids refer to the bundled bank; times are UTC; every name is fictional.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime


@dataclass(frozen=True)
class Take:
    """One question as it went: time spent, notes, ticks and follow-ups."""

    question: str
    spent: str  # "m:ss" on the question clock
    notes: str
    senior: tuple[str, ...] = ()
    junior: tuple[str, ...] = ()
    bank: tuple[str, ...] = ()  # follow-ups the interviewer picked from the bank list
    offline: tuple[str, ...] = ()  # suggested by the offline engine, then asked
    llm: tuple[tuple[str, str], ...] = ()  # (text, reason) suggested by the LLM, then asked

    @property
    def seconds(self) -> int:
        minutes, seconds = self.spent.split(":")
        return int(minutes) * 60 + int(seconds)


@dataclass(frozen=True)
class Amendment:
    at: datetime
    reason: str
    scores: dict[str, int | None]
    justification: str | None = None


@dataclass(frozen=True)
class Script:
    key: str  # stable: seeds the record ids, so every run writes the same database
    candidate: str
    code: str
    interviewer: str
    role: str
    level: str
    plan: str
    start: datetime
    takes: tuple[Take, ...]
    scores: dict[str, int | None] = field(default_factory=dict)
    justification: str = ""
    submit: bool = True
    llm: bool = False
    amendment: Amendment | None = None


@dataclass(frozen=True)
class PracticeTake:
    question: str
    spent: str
    answer: str
    ticked: tuple[str, ...]
    follow_up: str  # the bank probe the offline engine picked
    follow_up_answer: str
    self_scores: dict[str, int]

    @property
    def seconds(self) -> int:
        minutes, seconds = self.spent.split(":")
        return int(minutes) * 60 + int(seconds)


@dataclass(frozen=True)
class PracticeScript:
    key: str
    name: str
    plan: str
    start: datetime
    takes: tuple[PracticeTake, ...]


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC)


HANNAH = "Hannah Schmidt"
KENJI = "Kenji Watanabe"
ROSA = "Rosa Delgado"
OLU = "Olu Adeyemi"
INTERVIEWERS = (HANNAH, KENJI, ROSA, OLU)

# The sample interviews were recorded on the March 2026 senior loop. The bundled plan
# has been revised since; each session keeps the questions it ran on (question, minutes).
RECORDED_PLANS: dict[str, tuple[tuple[str, int], ...]] = {
    "senior-backend-60": (
        ("legacy-monolith", 12), ("payment-endpoint", 11), ("incident-you-caused", 9),
        ("async-blocking-handler", 8), ("n-plus-one-orders", 7), ("inventory-oversell", 8),
    ),
}  # fmt: skip

SENIOR = "Senior backend engineer"
BACKEND = "Backend engineer"

LLM_PAYMENT = (
    "You said the charge and the activation happen in one request. If activation fails "
    "after the provider has charged, what does the customer see, and who fixes it?",
    "Notes mention charging and activating together but nothing about a later step failing.",
)
LLM_INCIDENT = (
    "Roughly how many customers or requests were affected, and how did you tell them?",
    "No impact figures in the notes yet; the impact-and-comms signal is unticked.",
)

# ---------------------------------------------------------------- Amara Okafor: strong

AMARA_HANNAH = Script(
    key="amara-hannah",
    candidate="Amara Okafor",
    code="C-2041",
    interviewer=HANNAH,
    role=SENIOR,
    level="senior",
    plan="senior-backend-60",
    start=at(2, 9, 0),
    llm=True,
    takes=(
        Take(
            "legacy-monolith",
            "11:40",
            "Opened with 'who deploys this and what breaks most often?' - wants a week of "
            "pairing with the Friday deploy person and reading support tickets.\n"
            "- CI on every push before touching code, even with 3 tests\n"
            "- Sentry + request ids on signup/checkout first\n"
            "- golden-master tests around invoicing, then strangle billing out behind a seam\n"
            "Explicitly said no rewrite: 'the rewrite is where startups go to die'.",
            senior=("talk-to-builders", "ci-first", "structured-logging-first",
                    "characterisation-tests", "incremental-strangler", "deploy-safety"),
            bank=("invoice-function",),
        ),
        Take(
            "payment-endpoint",
            "12:15",
            "Listed failure modes before drawing anything: timeout, duplicate tap, provider "
            "5xx, webhook before response. Idempotency key from the app, unique index, replay "
            "stored response. Payment row in `pending` before the provider call. Timeout = "
            "unknown, reconcile by querying the provider. Went over time on webhooks.",
            senior=("failure-modes-first", "idempotency-key", "unknown-outcome",
                    "state-machine", "webhooks"),
            bank=("provider-timeout", "mobile-retry"),
            llm=(LLM_PAYMENT,),
        ),
        Take(
            "incident-you-caused",
            "8:30",
            "Migration added a NOT NULL column with a default on a 40M-row table; locked "
            "orders for 9 minutes at peak. Owned it in the first sentence. Rolled back, then "
            "added a CI check for risky migrations. Could not quantify lost orders.",
            senior=("owns-it", "concrete-technical", "mitigation-first", "structural-fix"),
            bank=("first-fifteen",),
            llm=(LLM_INCIDENT,),
        ),
        Take(
            "async-blocking-handler",
            "7:10",
            "Spotted `requests.get` inside async def immediately. Single event loop, nothing "
            "else runs until it returns. httpx.AsyncClient for I/O, PDF rendering to a "
            "process pool. Mentioned asyncio debug mode for slow callbacks.",
            senior=("single-event-loop", "await-yield-point", "offload-io",
                    "cpu-to-process", "detect-it"),
        ),
        Take(
            "n-plus-one-orders",
            "6:05",
            "Counted 1 + N + N*M queries out loud. selectinload for orders, aggregates in "
            "SQL. Would assert the query count in a test.",
            senior=("spots-n-plus-one", "eager-loading-choice", "aggregate-in-sql",
                    "measure-queries"),
        ),
        Take(
            "inventory-oversell",
            "7:50",
            "Named the lost update. Conditional UPDATE ... WHERE stock >= :qty and check "
            "rowcount; CHECK constraint as backstop. Didn't get to hot rows.",
            senior=("names-race", "atomic-conditional-update", "check-constraint"),
            offline=("fifty-thousand",),
        ),
    ),
    scores={"python": 4, "api": 4, "databases": 3, "testing": 3, "infrastructure": 4,
            "observability": 3},
    justification=(
        "Strong hire. Reasons from failure first on every question: idempotency and unknown "
        "outcomes on payments, mitigation before diagnosis in her incident, a safety net "
        "before any refactor of the monolith. Databases and testing solid rather than deep: "
        "she did not reach hot-row contention and test strategy stayed at the level of "
        "characterisation tests."
    ),
)  # fmt: skip

AMARA_KENJI = Script(
    key="amara-kenji",
    candidate="Amara Okafor",
    code="C-2041",
    interviewer=KENJI,
    role=SENIOR,
    level="senior",
    plan="senior-backend-60",
    start=at(2, 11, 0),
    takes=(
        Take(
            "legacy-monolith",
            "12:00",
            "She asked first what makes money: \"I'd look at traffic and revenue per "
            "endpoint before I read a single module.\" Plans CI in week one, a scripted "
            "deploy with rollback before the deploy person leaves. Strangler fig for billing.",
            senior=("map-the-system", "ci-first", "deploy-safety", "incremental-strangler",
                    "talk-to-builders"),
            bank=("deploy-person",),
        ),
        Take(
            "payment-endpoint",
            "10:40",
            "\"The dangerous case is the timeout, because then we don't know.\" Idempotency "
            "key with a unique constraint; passes its own key to Stripe. No DB transaction "
            "across the HTTP call - refund as compensation if activation fails.",
            senior=("unknown-outcome", "idempotency-key", "provider-idempotency",
                    "compensation", "failure-modes-first"),
            bank=("activation-fails",),
        ),
        Take(
            "incident-you-caused",
            "9:20",
            "Locking migration story. Clear timeline: alert after 4 min, rollback at 9. "
            "\"We now run every migration against a prod-sized snapshot in CI.\"",
            senior=("owns-it", "detection", "structural-fix", "concrete-technical"),
            bank=("how-found",),
        ),
        Take(
            "async-blocking-handler",
            "6:40",
            "Explained the event loop well. Suggested `asyncio.to_thread` for the PDF at "
            "first; after the follow-up corrected herself to a process pool because of the GIL.",
            senior=("single-event-loop", "offload-io", "cpu-to-process"),
            bank=("to-thread-pdf",),
        ),
        Take(
            "n-plus-one-orders",
            "5:30",
            "Spotted both lazy loads. Knows why joinedload duplicates rows for collections. "
            "Proposed raiseload so it fails loudly next time.",
            senior=("spots-n-plus-one", "eager-loading-choice", "prevent-regressions"),
        ),
        Take(
            "inventory-oversell",
            "8:10",
            "SELECT ... FOR UPDATE, short transaction; then offered the conditional UPDATE as "
            "simpler. Raised reservations for the flash sale and lock ordering for carts.",
            senior=("names-race", "select-for-update", "atomic-conditional-update", "hot-row",
                    "lock-ordering"),
            bank=("fifty-thousand",),
        ),
    ),
    scores={"python": 3, "api": 4, "databases": 4, "testing": 3, "infrastructure": 3,
            "observability": 3},
    justification=(
        "Hire. Excellent on the data layer and API failure handling. Python is proficient, "
        "not expert: needed a nudge on CPU work in async code. Would be a strong owner for "
        "payments."
    ),
)  # fmt: skip

AMARA_ROSA = Script(
    key="amara-rosa",
    candidate="Amara Okafor",
    code="C-2041",
    interviewer=ROSA,
    role=SENIOR,
    level="senior",
    plan="senior-backend-60",
    start=at(2, 14, 0),
    takes=(
        Take(
            "legacy-monolith",
            "12:30",
            "+ characterisation tests around invoicing before changes\n"
            "+ structured logs and metrics on checkout first\n"
            "+ gradual mypy on touched modules\n"
            "- deploys: 'we'd move to Kubernetes eventually' - no concrete rollback plan",
            senior=("characterisation-tests", "structured-logging-first", "python-hygiene"),
            bank=("done-after-two-months",),
        ),
        Take(
            "payment-endpoint",
            "11:00",
            "+ idempotency key, state machine (pending/succeeded/failed/refunded)\n"
            "+ retries only on retryable errors with backoff\n"
            "- webhooks only when asked",
            senior=("idempotency-key", "state-machine", "bounded-retries"),
            bank=("webhook-first",),
        ),
        Take(
            "incident-you-caused",
            "9:00",
            "+ owns it, concrete (table lock during migration)\n"
            "+ numbers: ~1,200 failed checkouts, status page within 15 min\n"
            "+ CI guard for migrations",
            senior=("owns-it", "concrete-technical", "impact-and-comms", "structural-fix"),
        ),
        Take(
            "async-blocking-handler",
            "8:00",
            "+ event loop explanation precise\n"
            "+ knows FastAPI runs plain def in a threadpool, and its 40-thread default",
            senior=("single-event-loop", "await-yield-point", "plain-def-option"),
            bank=("def-vs-async-def",),
        ),
        Take(
            "n-plus-one-orders",
            "7:00",
            "+ N+1 found, selectinload\n+ query count asserted in tests\n"
            "+ batching for 10k customer ids",
            senior=("spots-n-plus-one", "eager-loading-choice", "measure-queries",
                    "bounded-work"),
            bank=("ten-thousand",),
        ),
        Take(
            "inventory-oversell",
            "7:30",
            "+ lost update, FOR UPDATE\n+ CHECK (stock >= 0)",
            senior=("names-race", "select-for-update", "check-constraint"),
        ),
    ),
    scores={"python": 3, "api": 3, "databases": 3, "testing": 4, "infrastructure": 2,
            "observability": 4},
    justification=(
        "Hire. Outstanding on testing and observability: pins behaviour before change, "
        "measures before optimising. Infrastructure is the gap - deploy safety and rollback "
        "stayed vague on the monolith question."
    ),
)  # fmt: skip

# ---------------------------------------------------------------- Dmitri Volkov: borderline

DMITRI_HANNAH = Script(
    key="dmitri-hannah",
    candidate="Dmitri Volkov",
    code="C-2042",
    interviewer=HANNAH,
    role=SENIOR,
    level="senior",
    plan="senior-backend-60",
    start=at(3, 9, 30),
    takes=(
        Take(
            "legacy-monolith",
            "13:20",
            "Wants to read the whole codebase for two weeks first. After the follow-up: "
            "CI and tests around invoicing. Mentioned 'maybe split into services later' but "
            "not as a first step.",
            senior=("ci-first", "characterisation-tests"),
            junior=("code-only",),
            bank=("which-paths",),
        ),
        Take(
            "payment-endpoint",
            "11:30",
            "Happy path first, then after prompting: timeouts, idempotency key stored in "
            "Postgres with unique constraint. Wrapped the provider call in a transaction "
            "at first; corrected himself when asked what rollback does to a charge.",
            senior=("idempotency-key",),
            junior=("happy-path", "transaction-across-http"),
            offline=("provider-timeout",),
        ),
        Take(
            "incident-you-caused",
            "8:45",
            "Cache key collision after a deploy served one tenant's dashboard to another. "
            "Owned it. Lesson was mostly 'review more carefully'.",
            senior=("owns-it", "concrete-technical"),
            junior=("be-more-careful",),
            bank=("next-person",),
        ),
        Take(
            "async-blocking-handler",
            "7:30",
            "Good: to_thread for the blocking client, process pool for the PDF. Knows why.",
            senior=("offload-io", "cpu-to-process", "await-yield-point"),
        ),
        Take(
            "n-plus-one-orders",
            "6:50",
            "Found the N+1 after a minute. joinedload everywhere; didn't see the row "
            "duplication.",
            senior=("spots-n-plus-one",),
        ),
        Take(
            "inventory-oversell",
            "8:00",
            "\"Use a transaction\" first. With the follow-up got to FOR UPDATE.",
            senior=("select-for-update",),
            junior=("transaction-fixes-it",),
            bank=("transaction-enough",),
        ),
    ),
    scores={"python": 3, "api": 3, "databases": 2, "testing": 3, "infrastructure": 2,
            "observability": 3},
    justification=(
        "Leaning no. Solid Python and reasonable API instincts once prompted, but the "
        "database answers needed heavy steering (transactions as a cure-all) and the "
        "monolith plan starts from reading code rather than production."
    ),
    amendment=Amendment(
        at=at(4, 16, 10),
        reason=(
            "Re-read my notes after the debrief: he did reach FOR UPDATE and the idempotency "
            "key's unique constraint on his own once the problem was clear. Databases is a 3."
        ),
        scores={"databases": 3},
        justification=(
            "Borderline yes. Solid Python and reasonable API instincts once prompted; "
            "database reasoning was slow to start but correct. Monolith plan starts from "
            "reading code rather than production - worth probing in a second conversation."
        ),
    ),
)  # fmt: skip

DMITRI_KENJI = Script(
    key="dmitri-kenji",
    candidate="Dmitri Volkov",
    code="C-2042",
    interviewer=KENJI,
    role=SENIOR,
    level="senior",
    plan="senior-backend-60",
    start=at(3, 11, 0),
    llm=True,
    takes=(
        Take(
            "legacy-monolith",
            "12:00",
            "\"First I'd upgrade to Django 5 so we're on something supported.\" When asked "
            "why now: security. Did mention talking to the founders.",
            senior=("talk-to-builders",),
            junior=("framework-churn",),
            bank=("feature-pressure",),
        ),
        Take(
            "payment-endpoint",
            "11:00",
            "Idempotency key yes; provider timeout handled by \"retry up to three times\" - "
            "with the same key, so safe, but he didn't say it until asked.",
            senior=("idempotency-key", "bounded-retries"),
            bank=("how-retry",),
            llm=(LLM_PAYMENT,),
        ),
        Take(
            "incident-you-caused",
            "9:10",
            "Tenant cache leak story. Detection came from a customer email, ~2 hours. "
            "He was frank about it. Added tenant id to cache keys + a test.",
            senior=("owns-it", "detection", "structural-fix"),
        ),
        Take(
            "async-blocking-handler",
            "7:00",
            "\"async means it runs in parallel\" - then walked it back. Fix was right "
            "(to_thread) but the model of the event loop is shaky.",
            senior=("offload-io",),
            junior=("async-is-parallel",),
        ),
        Take(
            "n-plus-one-orders",
            "7:00",
            "Saw the queries in the loop, suggested selectinload. Would cache the report too.",
            senior=("spots-n-plus-one", "eager-loading-choice"),
            junior=("cache-it",),
        ),
        Take(
            "inventory-oversell",
            "8:00",
            "Conditional UPDATE with rowcount check - good. Nothing on constraints or carts.",
            senior=("atomic-conditional-update", "names-race"),
        ),
    ),
    scores={"python": 2, "api": 3, "databases": 3, "testing": 2, "infrastructure": 2,
            "observability": None},
    justification=(
        "No hire for senior. Gets to correct answers but needs prompting, and the async "
        "model is shaky. I did not get enough signal on observability to score it. Could "
        "fit a mid-level role."
    ),
)  # fmt: skip

DMITRI_OLU = Script(
    key="dmitri-olu",
    candidate="Dmitri Volkov",
    code="C-2042",
    interviewer=OLU,
    role=SENIOR,
    level="senior",
    plan="senior-backend-60",
    start=at(3, 14, 30),
    takes=(
        Take(
            "legacy-monolith",
            "11:30",
            "Mapped the system from logs and traffic; CI early. Proposed a rewrite of the "
            "billing module specifically, in parallel - I'd call that a partial red flag.",
            senior=("map-the-system", "ci-first"),
            junior=("refactor-without-tests",),
        ),
        Take(
            "payment-endpoint",
            "10:50",
            "Unique idempotency key; payment states; webhook signature check. Timeout case "
            "handled by polling the provider.",
            senior=("idempotency-key", "state-machine", "webhooks", "unknown-outcome"),
        ),
        Take(
            "incident-you-caused",
            "9:00",
            "Same cache incident. Detail good. Didn't talk about comms.",
            senior=("owns-it", "concrete-technical"),
            offline=("how-found",),
        ),
        Take(
            "async-blocking-handler",
            "8:20",
            "Fine on I/O; PDF rendering to a background job via a queue.",
            senior=("offload-io", "cpu-to-process"),
        ),
        Take(
            "n-plus-one-orders",
            "6:30",
            "Found it; aggregates in SQL; no plan to stop regressions.",
            senior=("spots-n-plus-one", "aggregate-in-sql"),
        ),
        Take(
            "inventory-oversell",
            "8:30",
            "FOR UPDATE and a CHECK constraint. Good answer.",
            senior=("select-for-update", "check-constraint", "names-race"),
        ),
    ),
    scores={"python": 3, "api": 3, "databases": 3, "testing": 2, "infrastructure": 3,
            "observability": 2},
    justification=(
        "On the fence, slightly below the bar. Databases and API are fine; testing and "
        "observability thin for a senior. A one-point change anywhere tips it."
    ),
)  # fmt: skip

# ---------------------------------------------------------------- Lucía Fernández: good mid

LUCIA_ROSA = Script(
    key="lucia-rosa",
    candidate="Lucía Fernández",
    code="C-2043",
    interviewer=ROSA,
    role=BACKEND,
    level="mid",
    plan="mid-backend-45",
    start=at(4, 10, 0),
    takes=(
        Take(
            "fat-endpoint-layers",
            "8:30",
            "+ blocked on the f-string SQL immediately\n+ typed request model, 404/409/422\n"
            "+ separated blocking issues from nits\n- layering sketch was vague",
            senior=("sql-injection", "schemas-and-errors", "prioritises-review"),
            bank=("block-or-not",),
        ),
        Take(
            "n-plus-one-orders",
            "7:00",
            "+ spotted N+1, estimated 10k queries\n+ selectinload",
            senior=("spots-n-plus-one", "eager-loading-choice"),
        ),
        Take(
            "test-behaviour-not-implementation",
            "6:40",
            "+ very good: 'this test checks how, not what'\n+ mock only the email provider\n"
            "+ added duplicate-email test",
            senior=("coupled-to-implementation", "mock-boundaries", "assert-outcomes",
                    "missing-cases"),
            bank=("what-to-mock",),
        ),
        Take(
            "request-response-schemas",
            "5:10",
            "+ mass assignment of is_admin\n+ separate create/update/read models",
            senior=("mass-assignment", "separate-models"),
        ),
        Take(
            "structured-logging",
            "6:00",
            "+ JSON logs with a request id from middleware\n- didn't think about PII",
            senior=("structured-format", "correlation-id"),
            offline=("card-details",),
        ),
        Take(
            "containers-horizontal-scaling",
            "7:30",
            "+ uploads to S3\n- sticky sessions as the session fix",
            senior=("statelessness",),
            junior=("sticky-sessions",),
            bank=("login-loop",),
        ),
    ),
    scores={"python": 3, "api": 3, "databases": 3, "testing": 4, "infrastructure": 2,
            "observability": 3},
    justification=(
        "Hire at mid level. Testing is a real strength; API review instincts are good. "
        "Containers and operations are new to her, which is fine for this level."
    ),
)  # fmt: skip

LUCIA_OLU = Script(
    key="lucia-olu",
    candidate="Lucía Fernández",
    code="C-2043",
    interviewer=OLU,
    role=BACKEND,
    level="mid",
    plan="mid-backend-45",
    start=at(4, 13, 0),
    takes=(
        Take(
            "fat-endpoint-layers",
            "7:50",
            "Found the injection and the email sent before commit. Sketched router / "
            "service / repository cleanly and said how she'd test the VAT rule.",
            senior=("sql-injection", "side-effects-after-commit", "layering", "testability"),
            bank=("sketch-layers", "test-tax"),
        ),
        Take(
            "n-plus-one-orders",
            "6:40",
            "Found the N+1; totals in SQL with GROUP BY.",
            senior=("spots-n-plus-one", "aggregate-in-sql"),
        ),
        Take(
            "test-behaviour-not-implementation",
            "7:00",
            "Rewrote the assertions around the stored user. Good.",
            senior=("assert-outcomes", "coupled-to-implementation"),
        ),
        Take(
            "request-response-schemas",
            "5:00",
            "Saw the password_hash leak and extra='forbid'; explained the trade-off.",
            senior=("data-leak", "forbid-extra", "separate-models"),
        ),
        Take(
            "structured-logging",
            "6:20",
            "Structured logs, levels, log once where handled.",
            senior=("structured-format", "level-discipline"),
        ),
        Take(
            "containers-horizontal-scaling",
            "7:10",
            "Readiness vs liveness unclear; wanted the liveness probe to check the DB.",
            senior=("statelessness",),
            junior=("liveness-checks-db",),
            bank=("db-blip",),
        ),
    ),
    scores={"python": 3, "api": 4, "databases": 3, "testing": 3, "infrastructure": 2,
            "observability": 3},
    justification=(
        "Hire. API design is above level - she designs for change and for safety. "
        "Infrastructure is the growth area."
    ),
)  # fmt: skip

# ---------------------------------------------------------------- Tom Becker: below the bar

TOM_KENJI = Script(
    key="tom-kenji",
    candidate="Tom Becker",
    code="C-2044",
    interviewer=KENJI,
    role=BACKEND,
    level="mid",
    plan="mid-backend-45",
    start=at(5, 9, 0),
    takes=(
        Take(
            "fat-endpoint-layers",
            "9:10",
            "Commented on variable names and a missing docstring. Did not see the SQL "
            "injection even when I asked about the query.",
            junior=("misses-injection", "cosmetic-only"),
            bank=("block-or-not",),
        ),
        Take(
            "n-plus-one-orders",
            "7:30",
            "\"The ORM is slow, I'd write raw SQL.\" Didn't count queries.",
            junior=("orm-is-slow", "misses-n-plus-one"),
            bank=("count-queries",),
        ),
        Take(
            "test-behaviour-not-implementation",
            "7:00",
            "Likes the test because coverage is 100%. Fix for 40 failures: update the patch "
            "paths.",
            junior=("coverage-is-the-goal", "update-the-mocks"),
        ),
        Take(
            "request-response-schemas",
            "5:30",
            "Saw the password hash in the response after a hint.",
            senior=("data-leak",),
            junior=("dry-wins",),
        ),
        Take(
            "structured-logging",
            "6:00",
            "Would add more print statements and turn on DEBUG in production.",
            junior=("print-debugging", "log-everything"),
        ),
        Take(
            "containers-horizontal-scaling",
            "6:50",
            "Shared NFS volume for uploads; nothing on the scheduler.",
            junior=("shared-disk",),
            bank=("billing-job",),
        ),
    ),
    scores={"python": 2, "api": 1, "databases": 2, "testing": 2, "infrastructure": 1,
            "observability": 2},
    justification=(
        "No hire. Missed the SQL injection in a review question even when pointed at the "
        "query; testing and logging answers were about quantity, not signal."
    ),
)  # fmt: skip

TOM_ROSA = Script(
    key="tom-rosa",
    candidate="Tom Becker",
    code="C-2044",
    interviewer=ROSA,
    role=BACKEND,
    level="mid",
    plan="mid-backend-45",
    start=at(5, 11, 0),
    takes=(
        Take(
            "fat-endpoint-layers",
            "8:00",
            "- misses the injection\n- wants interfaces for every class",
            junior=("misses-injection", "layers-for-layers"),
        ),
        Take(
            "n-plus-one-orders",
            "7:00",
            "- 'add Redis in front of it'\n+ did find one lazy load after the count question",
            senior=("spots-n-plus-one",),
            junior=("cache-it",),
            bank=("count-queries",),
        ),
        Take(
            "test-behaviour-not-implementation",
            "7:20",
            "- more assert_called_with",
            junior=("more-mock-asserts",),
        ),
        Take(
            "request-response-schemas",
            "5:00",
            "- deletes is_admin in the handler (denylist)",
            junior=("denylist-in-handler",),
        ),
        Take(
            "structured-logging",
            "6:10",
            "- logs the exception at every layer, fine with it",
            junior=("log-and-reraise",),
            bank=("three-times",),
        ),
        Take(
            "containers-horizontal-scaling",
            "7:00",
            "+ statelessness, after some prompting",
            senior=("statelessness",),
        ),
    ),
    scores={"python": 2, "api": 2, "databases": 1, "testing": 2, "infrastructure": 2,
            "observability": 1},
    justification="No hire. Consistently below the mid-level anchors; red flags on security.",
)  # fmt: skip

# ---------------------------------------------------------------- Priya Raman: unfinished

PRIYA_OLU = Script(
    key="priya-olu",
    candidate="Priya Raman",
    code="C-2045",
    interviewer=OLU,
    role=SENIOR,
    level="senior",
    plan="senior-backend-60",
    start=at(6, 15, 0),
    submit=False,
    takes=(
        Take(
            "legacy-monolith",
            "12:10",
            "Talked to support and sales first, traffic map, CI, then characterisation "
            "tests on billing. Strong.",
            senior=("talk-to-builders", "map-the-system", "ci-first", "characterisation-tests"),
        ),
        Take(
            "payment-endpoint",
            "11:20",
            "Failure modes first; idempotency key; payment state machine; compensation.",
            senior=("failure-modes-first", "idempotency-key", "state-machine", "compensation"),
            bank=("mobile-retry",),
        ),
        Take(
            "incident-you-caused",
            "4:30",
            "Started on a DNS change that took down webhooks - ",
            senior=("owns-it",),
        ),
    ),
    scores={"python": 3, "api": 4},
)  # fmt: skip

INTERVIEWS = (
    AMARA_HANNAH,
    AMARA_KENJI,
    AMARA_ROSA,
    DMITRI_HANNAH,
    DMITRI_KENJI,
    DMITRI_OLU,
    LUCIA_ROSA,
    LUCIA_OLU,
    TOM_KENJI,
    TOM_ROSA,
    PRIYA_OLU,
)

# ---------------------------------------------------------------- practice attempt

PRACTICE = PracticeScript(
    key="practice-sam",
    name="Sam Lee",
    plan="practice-short",
    start=at(1, 19, 30),
    takes=(
        PracticeTake(
            "inherited-monolith-practice",
            "13:05",
            "I would not rewrite it. First I'd talk to the operations team and whoever "
            "restarts it, then set up CI so the existing tests run on every push. Then add "
            "structured logging and Sentry on tracking and billing before changing anything.",
            ticked=("talk-to-builders", "ci-first", "structured-logging-first"),
            follow_up="invoice-function",
            follow_up_answer=(
                "Write characterisation tests that pin what the charges function returns "
                "today for real inputs, then extract the distance part behind a small function."
            ),
            self_scores={"testing": 3, "infrastructure": 2, "observability": 3, "python": 2},
        ),
        PracticeTake(
            "gil-cpu-vs-io",
            "6:40",
            "Threads help for downloads because the GIL is released while waiting on the "
            "network. Resizing is CPU work, so I'd use a process pool for it.",
            ticked=("gil-explained", "split-workload"),
            follow_up="process-pool-cost",
            follow_up_answer="64 processes on 8 cores would thrash and use a lot of memory.",
            self_scores={"python": 3},
        ),
        PracticeTake(
            "n-plus-one-practice",
            "7:30",
            "The loop over authors does a query per author, so it's N+1. I'd use selectinload.",
            ticked=("spots-n-plus-one", "eager-loading-choice"),
            follow_up="no-regression",
            follow_up_answer="Maybe a test that counts queries?",
            self_scores={"databases": 2, "python": 3},
        ),
    ),
)
