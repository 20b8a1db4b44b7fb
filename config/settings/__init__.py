"""Settings package.

``base`` holds everything common and reads the environment; ``development``,
``production`` and ``test`` are thin overlays chosen by DJANGO_SETTINGS_MODULE.
"""
