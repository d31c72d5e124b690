"""Case files as a trainee reads them (``casefile``), the lessons' shared cases and seed
(``lesson``), and a trainee's answer to a case (``answers``)."""
