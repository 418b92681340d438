"""Configuration of a novex process: settings, logging and the catalog file."""
