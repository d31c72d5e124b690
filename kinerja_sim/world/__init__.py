"""The synthetic world, lowest first: the eight dimensions and the scale (``dimensions``), the
latent truth (``truth``), offices and their staff (``offices``), their SKP indicators
(``skp``) and the evidence drawn from the truth (``evidence``)."""
