"""dragbook.ui.idle: work done a step per event-loop turn, and in a real Jupyter kernel while it is idle."""

import asyncio
import concurrent.futures
import textwrap
import time

import pytest
from jupyter_client.manager import start_new_kernel

from dragbook.ui.idle import IdleWork


def in_own_thread(func, *args):
    """func(*args) in a new thread: no event loop of this process (Playwright's sync API, after the browser
    tests, keeps one running in the main thread) is seen or entered."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(func, *args).result()


def counting(log, n):
    for i in range(n):
        log.append(i)
        yield


def test_without_event_loop_nothing_runs_until_finish():
    in_own_thread(without_event_loop_nothing_runs_until_finish)


def without_event_loop_nothing_runs_until_finish():
    log, done = [], []
    work = IdleWork()
    work.start(counting(log, 3), done=lambda: done.append(True))
    assert work.pending and log == [] and done == []
    work.finish()
    assert log == [0, 1, 2] and done == [True] and not work.pending


def test_start_replaces_and_cancel_drops_pending_work():
    in_own_thread(start_replaces_and_cancel_drops_pending_work)


def start_replaces_and_cancel_drops_pending_work():
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

    work = in_own_thread(asyncio.run, main())
    assert log.index("message") < 3 and done == [51] and not work.pending


def test_a_failing_step_in_the_event_loop_ends_the_work_and_is_reported():
    """A step that raises stops the work (pending False, done not called) and reaches ``failed``, not only the
    event loop's log."""
    reported, done = [], []

    def steps():
        yield
        raise ValueError("T must be > 0 K, got -1")

    async def main():
        work = IdleWork()
        work.start(steps(), done=lambda: done.append(True), failed=reported.append)
        for _ in range(5):
            await asyncio.sleep(0)
        return work

    work = in_own_thread(asyncio.run, main())
    assert not work.pending and not done
    assert [str(e) for e in reported] == ["T must be > 0 K, got -1"]


@pytest.fixture(scope="module")
def kernel():
    """run(code) -> printed text, in a real ipykernel (the one a notebook runs in)."""
    km, kc = start_new_kernel(kernel_name="python3")

    def run(code):
        texts = []
        hook = lambda msg: texts.append(msg["content"]["text"]) if msg["msg_type"] == "stream" else None
        kc.execute_interactive(textwrap.dedent(code), timeout=120, output_hook=hook)
        return "".join(texts).strip()

    yield run
    km.shutdown_kernel(now=True)


def poll(run, code, want, timeout=120.0):
    """Run ``code`` every 0.2 s until it prints ``want``; every output seen."""
    deadline, seen = time.monotonic() + timeout, []
    while time.monotonic() < deadline and (not seen or seen[-1] != want):
        time.sleep(0.2)
        seen.append(run(code))
    return seen


def test_a_jupyter_kernel_precomputes_while_idle_and_the_slider_goes_live(kernel):
    """In a real ipykernel the explorer's idle work runs between messages: without finish(), the T slider of
    HallDragScalingExplorer turns live, and the kernel answers requests meanwhile."""
    built = kernel("""
        from dragbook.ui.drag import HallDragScalingExplorer
        ex = HallDragScalingExplorer()
        print(ex.controls["T_K"].continuous_update)
        """)
    assert built == "False"                             # on release right after it is built
    seen = poll(kernel, "print(ex.idle.pending, ex.controls['T_K'].continuous_update)", "False True")
    assert seen[-1] == "False True", seen               # precomputed without being asked: live


def test_a_jupyter_kernel_replaces_the_preview_by_the_finite_T_curve_once_the_slider_rests(kernel):
    """A layer change shows the T = 0 preview; the debounced idle work (call_later, then one step per loop
    turn) computes the finite-T curve in the kernel by itself and redraws it."""
    moved = kernel("""
        from dragbook.ui.drag import DragTemperatureExplorer
        tex = DragTemperatureExplorer()
        tex.controls["n_p_cm2"].value = 0.5
        print("T = 0" in tex.log_figure.title.text, tex.idle.pending)
        """)
    assert moved == "True True"
    seen = poll(kernel, "print('T = 0' in tex.log_figure.title.text, tex.idle.pending, tex._refining.computed)",
                "False False True")
    assert seen[-1] == "False False True", seen
