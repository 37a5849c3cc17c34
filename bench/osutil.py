"""Linux process facts and lifetime helpers shared by the harness and the load client (stdlib only)."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal

_PR_SET_PDEATHSIG = 1


def die_with_parent(sig: int = signal.SIGTERM) -> None:
    """Ask the kernel to send ``sig`` to this process when its parent thread exits, so a bench killed
    with SIGKILL leaves no server or load process behind. Best effort: a no-op off Linux."""
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, sig)


def new_session_dying_with_parent() -> None:
    """``preexec_fn`` for child processes: a session of its own (so its whole group can be signalled
    at once) and SIGTERM when the parent goes away."""
    os.setsid()
    die_with_parent(signal.SIGTERM)


def signal_group(pgid: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)


def stat_fields(pid: int) -> list[str]:
    """Fields of /proc/PID/stat after the command name (which may contain spaces): [0] is the state,
    [2] the process group, [11] and [12] user and system CPU ticks."""
    with open(f"/proc/{pid}/stat") as fh:
        return fh.read().rsplit(")", 1)[1].split()


def group_members(pgid: int) -> list[int]:
    """Live (non-zombie) processes of a process group."""
    members = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError, IndexError):
                fields = stat_fields(int(entry))
                if int(fields[2]) == pgid and fields[0] != "Z":
                    members.append(int(entry))
    return sorted(members)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far; 0 if it is gone."""
    try:
        fields = stat_fields(pid)
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_kb(pids: list[int]) -> int | None:
    """Total resident memory (VmRSS) of the given processes, in kB; None if none could be read."""
    total, seen = 0, False
    for pid in pids:
        try:
            with open(f"/proc/{pid}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        seen = True
                        break
        except OSError:
            continue
    return total if seen else None
