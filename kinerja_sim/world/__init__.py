"""The synthetic world: the eight dimensions, offices and their staff, SKP indicators, the latent truth and the evidence drawn from it."""
