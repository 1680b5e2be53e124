"""Stages: orchestration of ingest/fetch, parse, OCR, load and derive (the only layer that runs them together)."""
