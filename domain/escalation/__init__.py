"""An escalation of a schuurpunt or overdue step up the ladder."""
