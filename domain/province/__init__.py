"""A province's journey: startpakket, three ijkmomenten, voorstel, ruimtelijk arrangement."""
