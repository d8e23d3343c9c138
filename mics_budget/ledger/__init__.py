"""Money: the plan, the budget lines and payments (``load``), exchange rates (``fx``), the
monthly schedule, spending by source, the forecast and the currency effect.
"""
