"""A hang guard for input built to be slow. Not a benchmark: timings live in bench/.

A regular expression that backtracks, or a parser that recurses, holds Python's GIL until it is done, for
minutes; a watchdog thread would never get to run. So the work runs in a forked child process, which the
guard kills when it has not answered within a generous deadline (some 20 times what the work takes).
"""

import multiprocessing
import traceback

import pytest

from insights.importer.document import ImportFailed

DEADLINE = 10  # seconds; the cases guarded take well under half a second each


def within_deadline(function, *args, seconds=DEADLINE):
    """function(*args) run in a forked child: its (picklable) result, or the test fails when the child takes
    longer than `seconds` or dies of an unexpected exception (whose traceback the failure shows)."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def child():
        try:
            send.send(("returned", function(*args)))
        except (RecursionError, ValueError, TypeError, LookupError, AttributeError) as error:
            # Sent back to the test, which fails with it: the child has no other way to tell.
            send.send(("raised", "".join(traceback.format_exception(error))))

    process = context.Process(target=child)
    process.start()
    try:
        if not receive.poll(seconds):
            pytest.fail(f"hang guard: {function.__name__} did not finish within {seconds} s (not a benchmark)")
        outcome, value = receive.recv()
    finally:
        process.kill()
        process.join()
    if outcome == "raised":
        pytest.fail(f"{function.__name__} raised:\n{value}")
    return value


def import_error(function, *args):
    """(reason, line) of the ImportFailed that function(*args) raises, or None when it raises none."""
    try:
        function(*args)
    except ImportFailed as error:
        return error.reason, error.line
    return None
