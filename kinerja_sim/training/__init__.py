"""The trainee's side without widgets: identity and the progress store, and the logic of each
exercise.
"""
