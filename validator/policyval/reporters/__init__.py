"""Reporters turn a Report into text for people or machines. They decide nothing."""
