"""Background jobs: the worker, the daily jobs and their schedule.

The jobs themselves live in each area's ``tasks.py`` (``logistics.tasks``, ``sales.tasks``);
this app runs them: ``comptoir worker`` (the queue's worker, with the daily schedule) and
``comptoir daily`` (the daily jobs, at once).
"""
