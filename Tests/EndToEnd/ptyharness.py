"""Runs the real `hetao` binary in a pseudo-terminal and reads its screen through pyte, as a
person at a terminal would see it. Shared by the end-to-end tests and the benchmark."""

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import termios
import time

import pyte


def binary_path(configuration="debug"):
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    return os.environ.get("HETAO_BINARY", os.path.join(root, ".build", configuration, "hetao"))


def installable_binary(binary=None):
    """`binary` if given, else the binary the Debian package installs (release, Swift standard
    library linked statically, ICU's data reduced), built in .build-static."""
    if binary:
        return binary
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    subprocess.run([os.path.join(root, "Packaging", "build-deb.sh"), "--binary-only"], cwd=root, check=True,
                   stdout=subprocess.DEVNULL)
    return os.path.join(root, ".build-static", "release", "hetao")


class Screen(pyte.Screen):
    """pyte's screen with the scrolls it lacks, which ncurses uses to move a region's lines:
    SU (`CSI n S`) and SD (`CSI n T`), within the scrolling margins."""

    def _scroll(self, count, move):
        y, x = self.cursor.y, self.cursor.x
        self.cursor.y = self.margins.top if self.margins else 0
        move(count or 1)
        self.cursor.y, self.cursor.x = y, x

    def scroll_up(self, count=None, *args, **kwargs):
        self._scroll(count, self.delete_lines)

    def scroll_down(self, count=None, *args, **kwargs):
        self._scroll(count, self.insert_lines)


class ByteStream(pyte.ByteStream):
    csi = dict(pyte.ByteStream.csi, S="scroll_up", T="scroll_down")


class Session:
    """One dashboard process on a pty of the given size."""

    def __init__(self, args=(), width=120, height=40, env=None, binary=None):
        self.width, self.height = width, height
        environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/tmp"),
                       "HETAO_STORE": os.path.join(os.environ.get("TMPDIR", "/tmp"), f"hetao-e2e-{os.getpid()}.sqlite"),
                       "TERM": "tmux-256color", "LANG": "C.UTF-8"}
        environment.update(env or {})
        self.utf8 = "UTF-8" in (environment.get("LC_ALL") or environment.get("LANG") or "")
        self.started = time.monotonic()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execve(binary or binary_path(), [binary or binary_path(), *args], environment)
        self.resize(width, height, signal_child=False)
        self.screen = Screen(width, height)
        self.stream = ByteStream(self.screen)
        self.output = bytearray()
        self.exit_status = None

    def resize(self, width, height, signal_child=True):
        self.width, self.height = width, height
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        if hasattr(self, "screen"):
            self.screen.resize(height, width)

    def read(self, timeout=0.05):
        """Reads what is available within `timeout`; returns the bytes read."""
        got = bytearray()
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            ready, _, _ = select.select([self.fd], [], [], remaining)
            if not ready:
                break
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            got += chunk
        self.output += got
        if got:
            self.stream.feed(bytes(got))
        return bytes(got)

    def read_available(self, timeout):
        """Waits up to `timeout` for output and returns what is there at once (b"" if none)."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return b""
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:
            return b""
        self.output += chunk
        self.stream.feed(chunk)
        return chunk

    def settle(self, quiet=0.15, limit=5.0):
        """Reads until nothing arrives for `quiet` seconds; returns the bytes read."""
        got = bytearray()
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            chunk = self.read(quiet)
            if not chunk:
                break
            got += chunk
        return bytes(got)

    def text(self):
        # Built from the cells rather than pyte's `display`, which fails on a wide character's
        # empty second cell once the character beside it has been redrawn.
        lines = []
        for y in range(self.screen.lines):
            row = self.screen.buffer[y]
            lines.append("".join(row[x].data for x in range(self.screen.columns)).rstrip())
        return "\n".join(lines)

    def first_frame(self, marker=b"illustrative", limit=30.0):
        """Seconds from exec until `marker` (text of the frame's last row) has been written.
        Timed as the bytes arrive; the screen emulator is fed afterwards, so its own time (some
        milliseconds for a full frame) is not counted as the program's."""
        deadline = self.started + limit
        pending = b""
        found = None
        while found is None and time.monotonic() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.001)
            if not ready:
                continue
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                break
            pending += chunk
            self.output += chunk
            if marker in self.output:
                found = time.monotonic()
        self.stream.feed(pending)
        return (found or time.monotonic()) - self.started

    def wait_for(self, needle, limit=10.0):
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if needle in self.text():
                return True
            self.read(0.05)
        raise AssertionError(f"{needle!r} never appeared; screen:\n{self.text()}")

    def send(self, keys):
        os.write(self.fd, keys.encode() if isinstance(keys, str) else keys)

    def wait_exit(self, limit=5.0):
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            self.read(0.02)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.exit_status = os.waitstatus_to_exitcode(status)
                return self.exit_status
        raise AssertionError("the process did not exit")

    def hang_up(self, limit=10.0):
        """Closes the terminal as a dropped connection does; returns the seconds until the process
        exited, or None if it did not within `limit`."""
        started = time.monotonic()
        os.close(self.fd)
        self.fd = -1
        while time.monotonic() - started < limit:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.exit_status = os.waitstatus_to_exitcode(status)
                return time.monotonic() - started
            time.sleep(0.005)
        return None

    def close(self):
        if self.exit_status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        try:
            os.close(self.fd)
        except OSError:
            pass

    def cpu_seconds_precise(self):
        """CPU time from the scheduler's nanosecond counter, not clock ticks."""
        with open(f"/proc/{self.pid}/schedstat") as f:
            return int(f.read().split()[0]) / 1e9

    def context_switches(self):
        """Voluntary and involuntary context switches of all the process's threads: each is a
        wake-up."""
        total = 0
        for task in os.listdir(f"/proc/{self.pid}/task"):
            with open(f"/proc/{self.pid}/task/{task}/status") as f:
                for line in f:
                    if line.startswith(("voluntary_ctxt_switches:", "nonvoluntary_ctxt_switches:")):
                        total += int(line.split()[1])
        return total

    def rss_kib(self, field="VmRSS"):
        """Resident memory in KiB: VmRSS (all), RssAnon (the process's own), RssFile (mapped files)."""
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
        return 0


KEYS = {"down": "\x1bOB", "up": "\x1bOA", "right": "\x1bOC", "left": "\x1bOD", "enter": "\r", "esc": "\x1b",
        "tab": "\t", "backtab": "\x1b[Z"}
