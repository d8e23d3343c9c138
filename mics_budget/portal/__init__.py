"""The procurement portal (goszakup.gov.kz): reading its saved answers (``read``), the facts
kept of them, the steps derived from them, fetching (``fetch``) and the import (``importer``).
"""
