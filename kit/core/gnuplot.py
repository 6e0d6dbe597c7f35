"""Running gnuplot: the one runner (the figures of plots/plots.py, the class report's).

    run(script, terminal, output, variables, loads=())   # a CompletedProcess
"""
import os
import subprocess

from kit.core.chapters import ROOT


def quote(value):
    """A gnuplot literal: a number as it is, a string quoted (double quotes when it holds
    a newline, which gnuplot reads as a line break only there)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return repr(value)
    s = str(value)
    if "\n" in s:
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    return "'" + s.replace("'", "''") + "'"


def run(script, terminal, output, variables=None, loads=(), timeout=120):
    """gnuplot with `set terminal`, `set output`, the variables (name = value) and the
    loaded files (those that exist) before script; run from the kit's root."""
    pre = [f"set terminal {terminal}", f"set output {quote(output)}"]
    pre += [f"{k} = {quote(v)}" for k, v in (variables or {}).items()]
    pre += [f"load {quote(v)}" for v in loads if os.path.exists(v)]
    return subprocess.run(["gnuplot", "-e", "; ".join(pre), script], capture_output=True, text=True,
                          cwd=ROOT, timeout=timeout)
