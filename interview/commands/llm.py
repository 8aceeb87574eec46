"""``interview llm check``: does the configured LLM endpoint answer?"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import click

from interview.commands.common import fail

if TYPE_CHECKING:
    from interview.llm.settings import LLMSettings

SETTINGS_HELP = """\b
Settings, lowest to highest precedence:
  model     [llm] model in config.toml < INTERVIEW_LLM_MODEL < --model
  base URL  [llm] base_url in config.toml < OPENAI_BASE_URL < --base-url
  API key   OPENAI_API_KEY only (never stored; any value for a local server)
Works with OpenAI and OpenAI-compatible servers (Ollama, vLLM, LM Studio, llama.cpp).
"""

CHECK_MESSAGES = [{"role": "user", "content": "Reply with the single word: ready"}]


@click.group(help="Check the optional LLM endpoint.\n\n" + SETTINGS_HELP)
def llm() -> None:
    pass


@llm.command(help="Make one small streamed request and report how the endpoint answered.\n\n"
             "Exits 0 only when text arrives; any failure exits 1 within 30 s with the "
             "cause on one line.\n\n" + SETTINGS_HELP)  # fmt: skip
@click.option("--model", default=None, help="Model name (overrides config and env).")
@click.option("--base-url", default=None, help="OpenAI-compatible base URL, e.g. .../v1.")
def check(model: str | None, base_url: str | None) -> None:
    from interview.config import ConfigError, load_config
    from interview.llm.settings import CHECK_LIMITS, resolve_settings

    try:
        config = load_config()
    except ConfigError as exc:
        fail(str(exc))
    settings = resolve_settings(config, model=model, base_url=base_url, limits=CHECK_LIMITS)
    where = f"model {settings.model} ({settings.model_source}) at {settings.base_url}"
    ok, line = asyncio.run(_check(settings))
    if not ok:
        fail(settings.redact(f"LLM check failed — {line}; {where}"))
    click.echo(settings.redact(f"ok: {where}; {line}"))


async def _check(settings: LLMSettings) -> tuple[bool, str]:
    from interview.llm.client import LLMClient
    from interview.llm.errors import LLMError

    client = LLMClient(settings)
    try:
        # The client's own deadline is 20 s; this is a last guard for the 30 s promise.
        async with asyncio.timeout(settings.limits.total + 5):
            result = await client.stream(CHECK_MESSAGES, max_tokens=16)
    except LLMError as exc:
        return False, exc.message
    except TimeoutError:
        return False, f"timed out: no answer within {settings.limits.total + 5:g} s"
    finally:
        await client.aclose()
    first = result.first_token_seconds
    usage = result.usage
    tokens = f"{usage.prompt_tokens}+{usage.completion_tokens} tokens" + (
        " (estimated)" if usage.estimated else ""
    )
    ending = "" if not result.truncated else " (reply cut off, but the endpoint answers)"
    first_text = f"{first:.2f} s" if first is not None else "n/a"
    return True, (
        f"first token after {first_text}, {result.seconds:.2f} s in all, {tokens}{ending}"
    )
