"""Entry points for where users already work: pre-commit hooks and the GitHub Action."""
