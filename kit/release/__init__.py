"""What leaves the kit: the student release (make dist) and the Gradescope zip."""
