"""drafter: the draft of the EU-NATO progress report, from contributors' YAML entries."""

__version__ = "0.1.0"
