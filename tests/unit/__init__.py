"""Pure domain, catalog, authorization and house rules: no database, no Temporal."""
