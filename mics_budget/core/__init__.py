"""The ground floor: schemas, checks (problems as values), values, months and periods, file
reading and writing (``fileio``, ``tables``, ``xlsx``), the append-only CSV ``store`` and the
typed settings (``params``). Imports nothing above it.
"""
