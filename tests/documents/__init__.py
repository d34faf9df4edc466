"""Tests of the documents app: sanitising, rendering, builders."""
