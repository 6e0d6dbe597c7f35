"""The instructor's grader: submissions, staging, sandbox, grades, exports, class report."""
