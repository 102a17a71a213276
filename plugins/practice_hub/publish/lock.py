"""One publish at a time per TARGET, honestly even after a publish was killed.

The lock is an flock() on TARGET.releases/.publish.lock: the kernel drops it when its holder
dies, however it dies, so a killed publish never blocks the next one. The file also says who
holds it (pid, host, start time, the build's process group), for the "busy" message and so the
next run can tell that the last one was killed and clean up after it. Drives that cannot flock
(some network shares) fall back to the pid in the file: a holder whose process no longer exists
on this machine is stale.
"""
from __future__ import annotations

import errno
import fcntl
import json
import os
import socket
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path


class LockBusy(Exception):
    def __init__(self, holder: dict):
        super().__init__(holder)
        self.holder = holder


@dataclass
class PublishLock:
    path: Path
    handle: int | None = None
    stale: dict | None = None  # what a killed earlier run wrote, once acquired

    def acquire(self) -> None:
        self.handle = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            self._lock_or_raise()
            self.stale = _read(self.handle) or None  # we hold it, so whoever wrote this is gone
            self._write({"pid": os.getpid(), "host": socket.gethostname(),
                         "started": datetime.now(timezone.utc).isoformat(timespec="seconds")})
        except BaseException:
            os.close(self.handle)
            self.handle = None
            raise

    def record_build(self, group: int, building: Path) -> None:
        """Note the build's process group, so a later run can stop it if we are killed."""
        holder = _read(self.handle)
        self._write({**holder, "build_group": group, "building": str(building)})

    def release(self) -> None:
        if self.handle is None:
            return
        os.ftruncate(self.handle, 0)  # an empty file means the last run finished cleanly
        os.close(self.handle)  # closing drops the flock
        self.handle = None

    def __enter__(self) -> PublishLock:
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()

    def _lock_or_raise(self) -> None:
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LockBusy(_read(self.handle)) from None
        except OSError as err:
            if err.errno not in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL):
                raise
            holder = _read(self.handle)
            if holder and holder_is_alive(holder):
                raise LockBusy(holder) from None

    def _write(self, holder: dict) -> None:
        data = json.dumps(holder).encode("utf-8")
        os.ftruncate(self.handle, 0)
        os.pwrite(self.handle, data, 0)
        os.fsync(self.handle)


def holder_is_alive(holder: dict) -> bool:
    """True unless the holder's process is known to be gone (it ran on this machine and exited)."""
    if holder.get("host") != socket.gethostname():
        return True  # cannot see another machine's processes
    try:
        return process_alive(int(holder.get("pid", 0)))
    except ValueError:
        return False


def process_alive(pid: int) -> bool:
    """True while process ``pid`` runs on this machine (someone else's process counts too)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return pid > 0


def _read(handle: int) -> dict:
    try:
        return json.loads(os.pread(handle, 65536, 0).decode("utf-8") or "{}")
    except ValueError:
        return {}
