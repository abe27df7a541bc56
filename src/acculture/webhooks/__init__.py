"""Chat webhooks: programme events delivered to Discord, Slack, Mattermost, Teams or signed JSON."""
