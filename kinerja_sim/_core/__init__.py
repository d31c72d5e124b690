"""Infrastructure every layer may use: input validation, packaged data and YAML, the message
catalogue, Indonesian formatting.
"""
