"""The Digital Factory: labs, the workshop catalogue, sessions, registrations and attendance."""
