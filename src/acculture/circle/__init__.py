"""The circle: a forum for champions and for everyone."""
