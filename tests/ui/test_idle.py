"""dragbook.ui.idle: work done a step per event-loop turn, and in a real Jupyter kernel while it is idle."""

import asyncio
import textwrap
import time

import pytest

from dragbook.ui.idle import IdleWork


def counting(log, n):
    for i in range(n):
        log.append(i)
        yield


def test_without_event_loop_nothing_runs_until_finish():
    log, done = [], []
    work = IdleWork()
    work.start(counting(log, 3), done=lambda: done.append(True))
    assert work.pending and log == [] and done == []
    work.finish()
    assert log == [0, 1, 2] and done == [True] and not work.pending


def test_start_replaces_and_cancel_drops_pending_work():
    first, second, done = [], [], []
    work = IdleWork()
    work.start(counting(first, 3), done=lambda: done.append("first"))
    work.start(counting(second, 2), done=lambda: done.append("second"))
    work.finish()
    assert first == [] and second == [0, 1] and done == ["second"]
    work.start(counting(first, 3), done=lambda: done.append("again"))
    work.cancel()
    work.finish()
    assert first == [] and done == ["second"] and not work.pending


def test_in_an_event_loop_steps_interleave_with_other_callbacks():
    """One step per loop turn: a callback scheduled meanwhile (a widget message, in a kernel) runs between
    steps, not after all of them."""
    log, done = [], []

    async def main():
        work = IdleWork()
        work.start(counting(log, 50), done=lambda: done.append(len(log)))
        asyncio.get_running_loop().call_soon(lambda: log.append("message"))
        while work.pending:
            await asyncio.sleep(0)
        return work

    work = asyncio.run(main())
    assert log.index("message") < 3 and done == [51] and not work.pending


def test_a_jupyter_kernel_precomputes_while_idle_and_the_slider_goes_live():
    """In a real ipykernel the explorer's idle work runs between messages: without finish(), the T slider of
    HallDragScalingExplorer turns live, and the kernel answers requests meanwhile."""
    jupyter_client = pytest.importorskip("jupyter_client.manager")
    km, kc = jupyter_client.start_new_kernel(kernel_name="python3")
    try:
        def run(code):
            """The printed text of one cell."""
            texts = []
            hook = lambda msg: texts.append(msg["content"]["text"]) if msg["msg_type"] == "stream" else None
            kc.execute_interactive(textwrap.dedent(code), timeout=120, output_hook=hook)
            return "".join(texts).strip()

        built = run("""
            from dragbook.ui.drag import HallDragScalingExplorer
            ex = HallDragScalingExplorer()
            print(ex.controls["T_K"].continuous_update)
            """)
        assert built == "False"                             # on release right after it is built
        deadline, states = time.monotonic() + 120, []
        while time.monotonic() < deadline and (not states or states[-1] != "False True"):
            time.sleep(0.2)
            states.append(run("print(ex.idle.pending, ex.controls['T_K'].continuous_update)"))
        assert states[-1] == "False True", states           # precomputed without being asked: live
    finally:
        km.shutdown_kernel(now=True)
