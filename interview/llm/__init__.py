"""Optional LLM features: settings, prompt building, and a resilient streaming client.

Nothing here imports Textual, and ``openai`` is imported only when the first call is
made (it is slow to import and most sessions never need it).
"""
