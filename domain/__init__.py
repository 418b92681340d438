"""Pure domain core of novex: models, commands, events and the rules that connect them."""
