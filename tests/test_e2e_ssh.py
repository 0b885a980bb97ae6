"""End to end over a real SSH connection on loopback: a private sshd, a key made for the test, ssh -tt in tmux.

A whole session completes and saves; then a connection cut mid-session (the ssh client killed with SIGKILL, as
when a laptop drops off the network) still leaves the session saved as `stopped`: sshd hangs up the remote
terminal, and footui's SIGHUP handler keeps the completed sets.
"""

from __future__ import annotations

import os
import pwd
import shlex
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from e2e_helpers import (  # noqa: F401 - fixtures
    QUICK_PLANNED_S,
    QUICK_SETS,
    Dirs,
    Tmux,
    alive,
    cmdline,
    descendants,
    dirs_fixture,
    footui_fixture,
    kill_quietly,
    sets_done,
    tmux_fixture,
    wait_gone,
)

pytestmark = [pytest.mark.e2e, pytest.mark.ssh]

SSHD = "/usr/sbin/sshd"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


class Sshd:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.user = pwd.getpwuid(os.getuid()).pw_name
        self.port = _free_port()
        self.key = root / "client_key"
        self.proc: subprocess.Popen | None = None
        self.log = root / "sshd.log"

    def start(self) -> None:
        for name in ("host_key", "client_key"):
            subprocess.run(
                [
                    "ssh-keygen",
                    "-q",
                    "-t",
                    "ed25519",
                    "-N",
                    "",
                    "-C",
                    f"footui-e2e-{name}",
                    "-f",
                    str(self.root / name),
                ],
                check=True,
                timeout=30,
                capture_output=True,
            )
        authorized = self.root / "authorized_keys"
        authorized.write_text((self.root / "client_key.pub").read_text())
        authorized.chmod(0o600)
        config = self.root / "sshd_config"
        config.write_text(
            "\n".join(
                [
                    "ListenAddress 127.0.0.1",
                    f"Port {self.port}",
                    f"HostKey {self.root / 'host_key'}",
                    f"PidFile {self.root / 'sshd.pid'}",
                    f"AuthorizedKeysFile {authorized}",
                    "PermitRootLogin yes",
                    "PubkeyAuthentication yes",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "StrictModes no",
                    "UsePAM no",
                    "PrintMotd no",
                    "PrintLastLog no",
                    "ClientAliveInterval 0",
                    "LogLevel VERBOSE",
                    "",
                ]
            )
        )
        if os.geteuid() == 0:
            Path("/run/sshd").mkdir(mode=0o755, parents=True, exist_ok=True)  # privilege separation dir
        check = subprocess.run([SSHD, "-t", "-f", str(config)], capture_output=True, text=True, timeout=30)
        if check.returncode != 0:
            pytest.skip(f"sshd rejects the test's config: {check.stderr.strip()[:300]}")
        with self.log.open("wb") as log:
            self.proc = subprocess.Popen(
                [SSHD, "-D", "-e", "-f", str(config)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                start_new_session=True,
            )
        deadline = time.monotonic() + 10
        while not _port_open(self.port):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                pytest.skip(f"sshd did not start on 127.0.0.1:{self.port}: {self.log.read_text()[-500:]}")
            time.sleep(0.05)

    def ssh_command(self, remote: str) -> str:
        args = [
            "ssh",
            "-tt",
            "-F",
            "/dev/null",
            "-i",
            str(self.key),
            "-p",
            str(self.port),
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "BatchMode=yes",
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "LogLevel=ERROR",
            "-o",
            "ConnectTimeout=10",
            f"{self.user}@127.0.0.1",
            remote,
        ]
        return "exec " + " ".join(shlex.quote(a) for a in args)

    def stop(self) -> None:
        """Stop the listener and every session process it started (each connection's sshd and its children)."""
        if self.proc is None:
            return
        for pid in reversed(descendants(self.proc.pid)):
            kill_quietly(pid, signal.SIGKILL)
        self.proc.wait(timeout=10)  # SIGKILL above: it cannot linger
        self.proc = None


@pytest.fixture
def sshd(tmp_path: Path, footui: str) -> Iterator[Sshd]:
    for tool in (SSHD, "ssh", "ssh-keygen"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed (apt-get install openssh-server openssh-client)")
    server = Sshd(tmp_path / "ssh")
    server.root.mkdir()
    try:
        server.start()
        yield server
    finally:
        server.stop()


def _remote(dirs: Dirs, footui: str) -> str:
    """The remote command: absolute footui path (the remote PATH may not have it), the test's dirs."""
    env = {**dirs.env, "LANG": "C.UTF-8"}
    return (
        "exec env " + " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items()) + f" {shlex.quote(footui)} start quick"
    )


def _remote_footui(dirs: Dirs) -> list[int]:
    """footui processes (anywhere) that use this test's data dir: the server side of the connection."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or not any(Path(a).name == "footui" for a in cmdline(int(entry.name))[:2]):
            continue
        try:
            environ = (entry / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if f"FOOTUI_DATA_DIR={dirs.data}".encode() in environ:
            found.append(int(entry.name))
    return found


def test_over_ssh_a_session_completes_and_a_cut_connection_saves_it_stopped(
    sshd: Sshd, tmux: Tmux, dirs: Dirs, footui: str
) -> None:
    tmux.start(sshd.ssh_command(_remote(dirs, footui)), name="whole")
    try:
        tmux.wait_for("GET READY", target="whole", timeout=20)
    except AssertionError:
        pytest.fail(f"no session over ssh; sshd log:\n{sshd.log.read_text()[-1500:]}")
    tmux.wait_for("Session complete", "Saved to your history.", target="whole", timeout=QUICK_PLANNED_S + 15)
    [session] = dirs.wait_sessions(lambda s: len(s) == 1, timeout=5)
    assert session["status"] == "completed" and sets_done(session) == QUICK_SETS
    tmux.send("Escape", target="whole")
    tmux.wait_for("Quick check", target="whole", timeout=5)
    tmux.send("C-q", target="whole")  # quit: the connection closes cleanly
    tmux.wait_dead(target="whole", timeout=10)

    # The second run: cut the connection after the first set.
    tmux.start(sshd.ssh_command(_remote(dirs, footui)), name="cut")
    tmux.wait_for("sets done 1/6", target="cut", timeout=20)
    client = tmux.pane_pid("cut")
    assert Path(cmdline(client)[0]).name == "ssh", cmdline(client)
    [server_side] = _remote_footui(dirs)
    os.kill(client, signal.SIGKILL)
    tmux.wait_dead(target="cut", timeout=5)
    assert wait_gone(server_side, timeout=15), "footui kept running on the server after the connection dropped"

    sessions = dirs.wait_sessions(lambda s: len(s) == 2, timeout=5)
    cut = next(s for s in sessions if s["id"] != session["id"])
    assert cut["status"] == "stopped"
    assert 1 <= sets_done(cut) < QUICK_SETS
    assert not list(dirs.data.glob("active/*")), "the stopped session's checkpoint should be gone"
    assert not any(alive(pid) for pid in _remote_footui(dirs))
