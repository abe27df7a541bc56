"""The shadow committee: proposals carried to leadership, supported by colleagues, answered in time."""
