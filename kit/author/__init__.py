"""The kit author's tools: stubs, golden values, mutants, the self-test."""
