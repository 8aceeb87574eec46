"""Start a command when a FIFO opens, then record its peak RSS.

``python _gate.py GATE_FIFO RESULT_FILE CMD...``: blocks on GATE_FIFO (so the timer and
the terminal pipe are set up before anything runs), forks and execs CMD in the same
terminal, waits for it and writes ``<pid> <maxrss_kb> <exit status>`` to RESULT_FILE.
Only ``os`` and ``sys`` are imported: the gate costs the same ~1 ms for every command.
"""

import os
import sys


def main() -> None:
    gate, result, *cmd = sys.argv[1:]
    with open(gate, "rb") as fh:
        fh.read()
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(cmd[0], cmd)
        finally:
            os._exit(127)
    with open(result + ".pid", "w") as fh:
        fh.write(str(pid))
    _, status, usage = os.wait4(pid, 0)
    tmp = result + ".tmp"
    with open(tmp, "w") as fh:
        fh.write(f"{pid} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
    os.replace(tmp, result)


if __name__ == "__main__":
    main()
