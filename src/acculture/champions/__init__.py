"""The champions network: nominations, profiles, the directory and coverage."""
