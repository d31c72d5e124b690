"""Text coaches: the indicator checker and its suggestions, the feedback coach, the dialog kinerja
guide.
"""
