"""Certification sessions, certificates and their verification anywhere."""
