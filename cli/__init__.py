"""The `novex` command line (Typer + Rich): one module per noun, assembled in ``cli.main``."""
