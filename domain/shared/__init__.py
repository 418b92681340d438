"""What every process shares: base models, ids, errors, commands, events, state, rules."""
