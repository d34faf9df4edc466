"""Read helpers: queries that pages and document builders share (no state changes here)."""
