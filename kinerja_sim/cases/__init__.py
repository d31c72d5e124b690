"""Case files as a trainee reads them, and a trainee's answer to a case."""
