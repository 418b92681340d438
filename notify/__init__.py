"""Notifications: the outbox dispatcher, its channels (e-mail, webhook, log) and their set-up."""
