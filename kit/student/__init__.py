"""The student's commands: make check, make chapters, and their report."""
