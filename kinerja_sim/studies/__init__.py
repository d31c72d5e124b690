"""Model checks that simulate: the presets against published figures, and the recovery of injected
biases.
"""
