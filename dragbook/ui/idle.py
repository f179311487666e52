"""Work an explorer does while the Jupyter kernel is idle, one short step at a time.

An explorer whose control needs new finite-T integrals for every value (seconds in all) can compute them
before the student asks: :class:`IdleWork` runs a generator one ``next()`` per turn of the kernel's asyncio
event loop, so widget messages are handled between steps and a control change waits for one step at most
(a step is one drag profile, 10-30 ms). Everything runs on the kernel's main thread: no locks, and numba's
parallel kernels are never entered from two threads.

Outside a running event loop (tests, scripts, benchmarks) nothing is scheduled; :meth:`IdleWork.finish`
runs the remaining steps at once.
"""

import asyncio

__all__ = ["IdleWork"]


class IdleWork:
    """One generator of steps at a time, advanced while the event loop is idle; ``done()`` after the last."""

    def __init__(self):
        self._steps, self._done, self._failed, self._handle = None, None, None, None

    @property
    def pending(self):
        """True while steps are left (scheduled, or waiting for :meth:`finish` outside an event loop)."""
        return self._steps is not None

    def start(self, steps, done=None, delay=0.0, failed=None):
        """Replace any pending work by the iterator ``steps``, begun ``delay`` seconds from now (a debounce:
        a slider still moving restarts it); call ``done()`` once the steps are exhausted. A step that raises
        in the event loop ends the work and is passed to ``failed(error)`` (else raised into the loop's log,
        where no student looks)."""
        self.cancel()
        self._steps, self._done, self._failed = iter(steps), done, failed
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:                 # no kernel loop: the caller decides when (finish)
            return
        self._handle = loop.call_later(delay, self._step, loop) if delay else loop.call_soon(self._step, loop)

    def cancel(self):
        """Drop the pending steps (``done`` is not called)."""
        if self._handle is not None:
            self._handle.cancel()
        self._steps, self._done, self._failed, self._handle = None, None, None, None

    def finish(self):
        """Run the remaining steps now, then ``done()``."""
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        while self.pending and self.step():
            pass

    def _step(self, loop):
        failed = self._failed
        try:
            more = self.step()
        except Exception as error:
            self.cancel()
            if failed is None:
                raise
            failed(error)
            return
        if more:
            self._handle = loop.call_soon(self._step, loop)

    def step(self):
        """Run one step now (the event loop calls this; so may a benchmark); after the last, clear and call
        ``done()``. True while steps remain."""
        try:
            next(self._steps)
            return True
        except StopIteration:
            done = self._done
            self._steps, self._done, self._failed, self._handle = None, None, None, None
            if done is not None:
                done()
            return False
