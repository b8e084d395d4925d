#!/usr/bin/env python3
"""Drive an interactive program through a pseudo-terminal, as a person would.

usage: pty_drive.py [--cols N] SCRIPT PROGRAM [ARGS...]

--cols N gives the pseudo-terminal a width of N columns (TIOCSWINSZ) and
removes COLUMNS from the program's environment, so the program has to ask
the terminal for its width.

SCRIPT has one step a line:
    ?TEXT   wait (up to 5 s) until the screen shows TEXT after the last wait
    >TEXT   type TEXT and Enter
    ^D      press Ctrl-D          ^C   press Ctrl-C
Everything the program printed is written to stdout, then a last line
"EXIT=N" (N is the exit code, or 128+signal). Exits 1 if a wait timed out.
The program runs in a UTF-8 locale with the caller's NO_COLOR.
"""
import fcntl
import os
import pty
import select
import struct
import sys
import termios
import time

KEYS = {"^D": b"\x04", "^C": b"\x03"}


def main():
    args = sys.argv[1:]
    cols = None
    if args[:1] == ["--cols"]:
        cols = int(args[1])
        args = args[2:]
    steps = open(args[0], encoding="utf-8").read().splitlines()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["LANG"] = os.environ["LC_ALL"] = "C.UTF-8"
        if cols is not None:
            os.environ.pop("COLUMNS", None)
            # Set the width from the child's side before the program
            # starts, so its first question already sees it.
            fcntl.ioctl(0, termios.TIOCSWINSZ,
                        struct.pack("HHHH", 24, cols, 0, 0))
        os.execv(args[1], args[1:])
    screen = b""
    seen = 0  # where the next wait starts looking
    ok = True

    def pump(timeout):
        nonlocal screen
        r, _, _ = select.select([fd], [], [], timeout)
        if not r:
            return True
        try:
            data = os.read(fd, 65536)
        except OSError:
            return False
        if not data:
            return False
        screen += data
        return True

    for step in steps:
        if step.startswith("?"):
            want = step[1:].encode()
            end = time.time() + 5
            while want not in screen[seen:] and time.time() < end:
                if not pump(0.05):
                    break
            at = screen.find(want, seen)
            if at < 0:
                sys.stderr.write("pty_drive: timed out waiting for %r\n" % step[1:])
                ok = False
                break
            seen = at + len(want)
        elif step.startswith(">"):
            os.write(fd, step[1:].encode() + b"\n")
        elif step in KEYS:
            os.write(fd, KEYS[step])
    end = time.time() + 5
    while time.time() < end and pump(0.1):
        pass
    end = time.time() + 5
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.time() > end:
            sys.stderr.write("pty_drive: the program did not exit; killed\n")
            os.kill(pid, 9)
            ok = False
            end = time.time() + 3600
        time.sleep(0.02)
    code = os.waitstatus_to_exitcode(status)
    if code < 0:
        code = 128 - code
    sys.stdout.write(screen.decode("utf-8", "replace").replace("\r\n", "\n"))
    sys.stdout.write("\nEXIT=%d\n" % code)
    sys.exit(0 if ok else 1)


main()
