"""Where numba caches dragbook's kernels, including in a shared, read-only installation.

numba's ``cache=True`` keeps compiled kernels beside the source (``dragbook/__pycache__``) or in
``NUMBA_CACHE_DIR``, and only where it can write. On a course JupyterHub the stack is installed once, read-only:
an administrator's ``dragbook warmup`` fills ``site-packages/dragbook/__pycache__`` (or ``dragbook warmup
--cache-dir DIR`` fills DIR, which the hub then exports as ``NUMBA_CACHE_DIR``), and a student cannot write
there. numba then ignores that warm cache, recompiles every kernel into ``~/.cache/numba``, and where the
home folder is not writable either, ``import dragbook`` fails ("cannot cache function ...: no locator
available").

:func:`install` puts one locator in front of numba's own (``numba.core._CacheImpl._locator_classes``;
it answers for dragbook's source files only, every other file goes on to numba's list):

1. where numba would cache (``NUMBA_CACHE_DIR`` if set, else ``__pycache__`` beside the module) is writable,
   numba's own locator is used, as without dragbook;
2. else the shared cache found there is linked, file by file, into the per-user cache directory numba would
   fall back to (``~/.cache/numba/...``, ``$XDG_CACHE_HOME/numba/...``), and numba loads it from there; a
   kernel the shared cache lacks compiles once into that directory (numba replaces a link by a file, it
   never writes through one);
3. where no per-user directory is writable either, kernels load from the shared cache read-only, the ones it
   lacks compile in memory for the session, and one :class:`CacheWarning` says so.

numba reads the cache through symbolic links exactly as from files: an index holds a content hash of the
module source and the numba version, and keys by signature and CPU, so a link into an outdated shared cache
is rejected, as is a stale file.
"""

import functools
import os
import pathlib
import warnings

from numba.core import caching, config

__all__ = ["CacheWarning", "install"]

_PACKAGE = pathlib.Path(__file__).resolve().parent


def _numba(name):
    """A class of numba.core.caching: public in recent numba, ``_``-prefixed in older releases."""
    return getattr(caching, name, None) or getattr(caching, "_" + name)


_CacheImpl, _InTree, _UserProvided, _UserWide = map(_numba, ("CacheImpl", "InTreeCacheLocator",
                                                            "UserProvidedCacheLocator", "UserWideCacheLocator"))


class CacheWarning(UserWarning):
    """numba cannot save compiled kernels: they load from a shared cache or compile for this session."""


def _is_ours(py_file):
    return pathlib.Path(py_file).resolve().is_relative_to(_PACKAGE)


def _shared_dir(py_func, py_file):
    """The directory numba would use for ``py_file`` if it could write there."""
    if config.CACHE_DIR:
        return pathlib.Path(_UserProvided(py_func, py_file).get_cache_path())
    return pathlib.Path(_InTree(py_func, py_file).get_cache_path())


@functools.lru_cache(maxsize=None)
def _link_shared(shared, own):
    """Link every cache file of ``shared`` into ``own`` where ``own`` has none, or an older one.

    One function's index (``*.nbi``) and data files (``*.N.nbc``) go together: when its index is linked, so
    are all its data files, replacing any of the user's own files of the same name. Once per directory pair
    and process."""
    try:
        indexes = [p for p in shared.iterdir() if p.suffix == ".nbi"]
    except OSError:
        return
    for index in indexes:
        mine = own / index.name
        try:
            if mine.exists() and mine.stat().st_mtime >= index.stat().st_mtime:
                continue   # the same link, or the user's own newer index (it may hold more signatures)
            stem = index.name[:-len(".nbi")]
            for source in [index, *shared.glob(f"{stem}.*.nbc")]:
                target = own / source.name
                tmp = own / f".{source.name}.link.{os.getpid()}"
                tmp.unlink(missing_ok=True)
                tmp.symlink_to(source)
                os.replace(tmp, target)   # atomic: another kernel may read it right now
        except OSError:
            continue   # that function recompiles into ``own``: slower, never wrong


class _ReadOnlyLocator(_InTree):
    """Loads from the shared cache directory ``path`` and never writes (see :func:`_no_save`)."""

    def __init__(self, py_func, py_file, path):
        super().__init__(py_func, py_file)
        self._cache_path = str(path)

    def ensure_cache_path(self):
        """Nothing to create: this locator only reads."""


class _SharedCacheLocator(_UserWide):
    """numba's per-user locator, seeded with links to the shared cache; the read-only one as a last resort."""

    @classmethod
    def from_function(cls, py_func, py_file):
        if not os.path.exists(py_file) or not _is_ours(py_file):
            return None
        for numbas_own in (_UserProvided, _InTree):
            locator = numbas_own.from_function(py_func, py_file)   # None unless it can write there
            if locator is not None:
                return locator
        shared = _shared_dir(py_func, py_file)
        locator = super().from_function(py_func, py_file)
        if locator is not None:
            _link_shared(shared, pathlib.Path(locator.get_cache_path()))
            return locator
        _read_only(shared, pathlib.Path(cls(py_func, py_file).get_cache_path()))
        return _ReadOnlyLocator(py_func, py_file, shared)


_read_only_since = []   # the first (shared, own) pair found unwritable in this process


def _read_only(shared, own):
    """Install :func:`_no_save` and warn, the first time only."""
    if _read_only_since:
        return
    _read_only_since.append((shared, own))
    caching.Cache.save_overload = _no_save(caching.Cache.save_overload)
    warnings.warn(f"dragbook: no writable numba cache directory (not {own}, not {shared}); kernels load from "
                  f"the shared cache in {shared} where it has them, the others compile for this session only. "
                  "Set NUMBA_CACHE_DIR to a writable directory to keep them.", CacheWarning, stacklevel=2)


def _no_save(save_overload):
    """numba's ``Cache.save_overload``, skipping the caches of :class:`_ReadOnlyLocator` (numba would fail
    writing there, and a compile error would be raised from a kernel that compiled fine)."""
    @functools.wraps(save_overload)
    def save(self, sig, data):
        if not isinstance(self._impl.locator, _ReadOnlyLocator):
            save_overload(self, sig, data)
    return save


def install():
    """Put the dragbook locator first in numba's list (idempotent). numba ignores that list when
    ``NUMBA_CACHE_LOCATOR_CLASSES`` is set: then that setting decides, as numba documents."""
    classes = _CacheImpl._locator_classes
    if _SharedCacheLocator not in classes:
        classes.insert(0, _SharedCacheLocator)
