"""What every audience uses: the chapters, C parsing, proxies, builds and test runs."""
