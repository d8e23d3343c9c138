"""What runs under Voila: the management dashboard, the register app of the administrative
department, their widgets (``ui``), the server, sign-in (``auth``, ``webauth``) and users.
"""
