# style.gp — loaded by every figure script: one look for the whole kit.
# Diverging palette for values in [-1, 1]: blue (-1), white (0), red (+1),
# readable in grey scale and by red-green colour-blind readers.
set palette defined (-1 '#2166ac', -0.5 '#67a9cf', 0 '#f7f7f7', 0.5 '#ef8a62', 1 '#b2182b')
set tics out nomirror
set border lw 1
set key noautotitle
