"""The operating-system side of the sandbox: namespaces, mounts, capabilities (via ctypes).

Everything here is best effort and Linux-only; ``sandbox.py`` records what took effect.
"""

from __future__ import annotations

import ctypes
import os

CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET = 0x00020000, 0x10000000, 0x20000000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_BIND, MS_REC, MS_PRIVATE = 4096, 16384, 1 << 18
PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_SET_NO_NEW_PRIVS = 1, 4, 38
SCRATCH_DIRS = ("/tmp", "/var/tmp", "/dev/shm")

libc = ctypes.CDLL(None, use_errno=True)


def check(result: int, what: str) -> None:
    """Raise OSError (with errno) when a libc call returned non-zero."""
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, f"{what}: {os.strerror(errno)}")


def prctl(option: int, value: int) -> None:
    """prctl(2) with one argument; failures are ignored (each use is belt and braces)."""
    call = getattr(libc, "prctl", None)  # Linux only
    if call is not None:
        call(option, ctypes.c_ulong(value), 0, 0, 0)


def mount(source: str, target: str, fstype: str | None, flags: int, data: str | None = None) -> None:
    """mount(2); OSError on failure."""
    check(libc.mount(source.encode(), target.encode(), fstype.encode() if fstype else None,
                     ctypes.c_ulong(flags), data.encode() if data else None), f"mount {target}")


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


CAP_DAC_READ_SEARCH, PR_CAPBSET_DROP, PR_SET_KEEPCAPS = 2, 24, 8


def set_capabilities(keep: int = 0) -> None:
    """Keep only the capability bits in ``keep`` (effective and permitted); none inheritable."""
    header, data = _CapHeader(0x20080522, 0), (_CapData * 2)()
    data[0].effective = data[0].permitted = keep
    check(libc.capset(ctypes.byref(header), data), "capset")


def become(uid: int) -> None:
    """From root: become ``uid`` but keep the right to read any file (Python may live in /root).

    Everything else goes: write access to root's files, the other capabilities (also from
    the bounding set, so no exec gets them back), and RLIMIT_NPROC now applies to this uid.
    """
    for cap in range(64):
        if cap != CAP_DAC_READ_SEARCH:
            libc.prctl(PR_CAPBSET_DROP, ctypes.c_ulong(cap), 0, 0, 0)
    prctl(PR_SET_KEEPCAPS, 1)
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)
    set_capabilities(1 << CAP_DAC_READ_SEARCH)


def write_file(path: str, text: str) -> None:
    """Write a small file such as /proc/self/uid_map."""
    with open(path, "w") as handle:
        handle.write(text)


def enter_namespaces(as_root: bool) -> list[str]:
    """unshare() what the OS allows; returns the isolation in force (empty when none)."""
    uid, gid = os.getuid(), os.getgid()
    flags = CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWPID | (0 if as_root else CLONE_NEWUSER)
    if libc.unshare(flags) != 0:
        return []
    if not as_root:
        write_file("/proc/self/setgroups", "deny")
        write_file("/proc/self/uid_map", f"{uid} {uid} 1")
        write_file("/proc/self/gid_map", f"{gid} {gid} 1")
    # Mounts made here must never propagate back to the learner's system.
    mount("none", "/", None, MS_REC | MS_PRIVATE)
    return ["mount-namespace", "network-namespace", "pid-namespace"] + ([] if as_root else ["user-namespace"])


MS_REMOUNT = 32
_MOUNT_FLAGS = {"nosuid": MS_NOSUID, "nodev": MS_NODEV, "noexec": MS_NOEXEC, "noatime": 1024,
                "nodiratime": 2048, "relatime": 1 << 21, "strictatime": 1 << 24}


def read_only_everywhere() -> bool:
    """Remount every mount read-only (in our mount namespace only). True if / was."""
    root_done = False
    with open("/proc/self/mountinfo") as mountinfo:
        lines = mountinfo.read().splitlines()
    for line in lines:
        fields = line.split()
        target = fields[4].encode().decode("unicode_escape")  # mountinfo escapes spaces as \\040
        options = fields[5].split(",")
        if target == "/proc" or target.startswith("/proc/") or "ro" in options:
            root_done |= target == "/" and "ro" in options
            continue
        flags = MS_REMOUNT | MS_BIND | MS_RDONLY
        for option in options:
            flags |= _MOUNT_FLAGS.get(option, 0)  # locked flags must be kept or the kernel refuses
        try:
            mount("none", target, None, flags)
            root_done |= target == "/"
        except OSError:
            pass
    return root_done


def hide(paths: list[str]) -> list[str]:
    """Make every mount read-only, put an empty tmpfs on the scratch folders and over each of
    ``paths`` (a file gets /dev/null bound over it). Returns what took effect."""
    done = ["read-only-filesystem"] if read_only_everywhere() else []
    for scratch in SCRATCH_DIRS:
        if os.path.isdir(scratch):
            try:
                mount("tmpfs", scratch, "tmpfs", MS_NOSUID | MS_NODEV, "size=64m,mode=1777")
                done.append(scratch)
            except OSError:
                pass
    for path in paths:
        try:
            if os.path.isdir(path):
                mount("tmpfs", path, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RDONLY, "size=4k,mode=755")
            elif os.path.exists(path):
                mount("/dev/null", path, None, MS_BIND)
            else:
                continue  # already under a hidden folder
            done.append(path)
        except OSError:
            pass
    return done
