"""The real programs some tests drive: headless Chromium (Debian's /usr/bin/chromium, through Playwright) and khal.

Shared by the page and calendar tests, so each skips for the same reason when its program is missing.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

CHROMIUM = Path("/usr/bin/chromium")
KHAL = shutil.which("khal", path=str(Path(sys.executable).parent)) or shutil.which("khal")

#: A khal configuration reading one calendar folder, in Almaty time, with plain date formats.
KHAL_CONFIG = """[calendars]
[[loci]]
path = {path}
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
default_timezone = Asia/Almaty
local_timezone = Asia/Almaty
[default]
default_calendar = loci
"""

Test = TypeVar("Test", bound=Callable[..., Any])


def browser(test: Test) -> Test:
    """A browser test: it needs Chromium, and at a few seconds each it stays out of the fast loop."""
    return pytest.mark.slow(pytest.mark.browser(test))


def launch_chromium(flags: list[str]) -> Iterator[Any]:
    """Headless Chromium for a module's fixture; the test skips, with the reason, where it can't run."""
    if not CHROMIUM.exists():
        pytest.skip("no /usr/bin/chromium: install Debian's chromium (scripts/browser-test does)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is in the test extra: pip install -e '.[test]'")
    with sync_api.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=str(CHROMIUM), args=flags)
        yield launched
        launched.close()


def khal_in(home: Path) -> Callable[..., str]:
    """khal with a configuration and a calendar folder (``home/calendar``) of its own: ``khal("import", "--batch", FILE)``."""
    import subprocess

    calendar = home / "calendar"
    calendar.mkdir()
    config = home / "khal.conf"
    config.write_text(KHAL_CONFIG.format(path=calendar), encoding="utf-8")
    env = {"HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home), "TZ": "UTC", "PATH": "/usr/bin:/bin"}

    def khal(*args: str) -> str:
        done = subprocess.run([str(KHAL), "-c", str(config), *args], capture_output=True, text=True, env=env, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout

    return khal
