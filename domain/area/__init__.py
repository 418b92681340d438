"""A NOVEX area's process: ontwikkelperspectief, uitvoeringsagenda, investeringen, afspraken."""
