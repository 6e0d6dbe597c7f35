"""The kit's tooling: chapters, stubs, proxies, builds, test runs and reports."""
