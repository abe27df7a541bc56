"""The leadership dashboard: aggregates only, behind one privacy guard."""
