"""A real OpenSSH server on 127.0.0.1 for the end-to-end tests, or a skip that says why not.

The server runs as the current user on a free high port, with its own host key, an
authorized_keys file holding a key made for the test, ``UsePAM no`` and ``StrictModes no``,
all in a temporary folder; nothing of the machine's own SSH setup is read or changed.
`.ci/run` installs openssh-server and tmux where apt-get is available.
"""

from __future__ import annotations

import getpass
import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class SshServer:
    """How to log in to the test server."""

    port: int
    user: str
    key: Path
    folder: Path

    def ssh(self, *remote: str, tty: bool = False) -> list[str]:
        """An ssh command line that logs in with the test key (``-tt`` for an interactive terminal)."""
        return ["ssh", "-i", str(self.key), "-p", str(self.port), "-F", "/dev/null",
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=10", *(["-tt"] if tty else []),
                f"{self.user}@127.0.0.1", *remote]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _sshd() -> str | None:
    return shutil.which("sshd") or next((p for p in ("/usr/sbin/sshd", "/usr/local/sbin/sshd") if os.path.exists(p)),
                                        None)


@pytest.fixture(scope="session")
def ssh_server(tmp_path_factory):
    """Start sshd for the session; skip (with the reason) where it cannot run here."""
    sshd = _sshd()
    missing = [name for name, found in (("sshd (openssh-server)", sshd), ("ssh", shutil.which("ssh")),
                                        ("ssh-keygen", shutil.which("ssh-keygen")), ("tmux", shutil.which("tmux")))
               if not found]
    if missing:
        pytest.skip(f"needs {', '.join(missing)}: `apt-get install -y openssh-server tmux` (.ci/run does it "
                    "where apt-get is available)")
    folder = tmp_path_factory.mktemp("sshd")
    for name in ("host_key", "client_key"):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(folder / name)], check=True)
    shutil.copyfile(folder / "client_key.pub", folder / "authorized_keys")
    port = _free_port()
    config = folder / "sshd_config"
    config.write_text("\n".join([
        f"Port {port}", "ListenAddress 127.0.0.1", f"HostKey {folder / 'host_key'}",
        f"PidFile {folder / 'sshd.pid'}", f"AuthorizedKeysFile {folder / 'authorized_keys'}",
        "UsePAM no", "StrictModes no", "PubkeyAuthentication yes", "PasswordAuthentication no",
        "KbdInteractiveAuthentication no", "PermitRootLogin prohibit-password", "PrintMotd no",
        "PrintLastLog no", "LogLevel ERROR", ""]))
    if os.geteuid() == 0:
        os.makedirs("/run/sshd", mode=0o755, exist_ok=True)  # sshd's privilege-separation folder
    check = subprocess.run([sshd, "-t", "-f", str(config)], capture_output=True, text=True)
    if check.returncode != 0:
        pytest.skip(f"sshd refuses the test configuration: {check.stderr.strip()}")
    server = subprocess.Popen([sshd, "-D", "-e", "-f", str(config)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.skip(f"sshd did not start: {server.stderr.read().strip()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        server.kill()
        pytest.skip("sshd did not listen on 127.0.0.1 within 10 s")
    info = SshServer(port, getpass.getuser(), folder / "client_key", folder)
    probe = subprocess.run(info.ssh("true"), capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    if probe.returncode != 0:
        server.kill()
        pytest.skip(f"cannot log in to the test sshd as {info.user}: {probe.stderr.strip() or probe.returncode}")
    yield info
    server.terminate()
    try:
        server.wait(timeout=5)
    except subprocess.TimeoutExpired:
        server.kill()
