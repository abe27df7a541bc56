"""Reverse mentoring programmes: enrolment, matching, pairs and their meetings."""
