"""The progress of a task of the worker, in a small JSON file the web pages read (issue 11, part 3).

A file, not a row or the cache: a task writes its progress from inside its own transaction (an
import's dry run, a publication holding its edition's row), where a row of the database, or the
database cache, would be seen by nobody until the end. The file's age says whether the worker is
still at it: a task that runs one long call (a WeasyPrint pass) keeps it fresh with `KeepAlive`.
"""
import json
import os
import threading
import time
from pathlib import Path

from django.utils.cache import patch_cache_control


def write_whole(path: Path, text: str) -> None:
    """Write `text` to `path` whole: a reader sees the old content or the new, never half of it."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    partial.write_text(text)
    os.replace(partial, path)


class ProgressFile:
    """One task's progress: `save` a small JSON object, `read` it back, its `age` in seconds."""

    def __init__(self, path):
        self.path = Path(path)

    def save(self, progress: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_whole(self.path, json.dumps(progress))

    def read(self):
        """The last progress written; None when there is none (never started, or removed)."""
        try:
            return json.loads(self.path.read_text())
        except (FileNotFoundError, ValueError):
            return None

    def age(self, now=None):
        """Seconds since the progress was last written or kept alive; None when there is none."""
        try:
            written = self.path.stat().st_mtime
        except FileNotFoundError:
            return None
        return max(0.0, (now or time.time()) - written)

    def touch(self) -> None:
        try:
            os.utime(self.path)
        except FileNotFoundError:
            pass

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)


def remove_older_than(folder, seconds, now=None) -> None:
    """Delete the progress files in `folder` not written for `seconds` (their tasks are long over),
    and the partial files of writes killed before their rename (write_whole's *.tmp)."""
    folder = Path(folder)
    delete_older_than([*folder.glob("*.json"), *folder.glob("*.tmp")], (now or time.time()) - seconds)


def delete_older_than(paths, cutoff: float) -> None:
    """Delete each of the files last written before `cutoff` (a time); one gone meanwhile is skipped."""
    for path in paths:
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except FileNotFoundError:
            continue


def not_stored(response):
    """A task's progress page or status is true for a moment: never from a cache, nor the back
    button's (every page of a task of the worker)."""
    patch_cache_control(response, private=True, no_store=True)
    return response


class KeepAlive(threading.Thread):
    """While a task works (`with KeepAlive(progress, every):`), touch its progress file every
    `every` seconds, so that a long call without progress of its own is not taken for a dead
    worker. A worker killed (kill -9) takes this thread with it: the file then ages."""

    def __init__(self, progress: ProgressFile, every: float):
        super().__init__(name="task-keepalive", daemon=True)
        self.progress = progress
        self.every = every
        self.stopped = threading.Event()

    def run(self):
        while not self.stopped.wait(self.every):
            self.progress.touch()

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stopped.set()
        self.join()
        return False
