"""DiscourseConnect provider: an organisation's Discourse forum signs people in with their Acculture account."""
