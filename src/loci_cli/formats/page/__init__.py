"""The published agenda page: ``page.py`` writes the HTML; ``page.css`` and ``page.js``, shipped beside it, are its style and script."""
