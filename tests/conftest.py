"""Shared by every test folder: this file puts tests/ on sys.path, so helper
modules here (worked_example.py) import by name."""
