"""One module per CLI subcommand, imported lazily by ``interview.cli``."""
