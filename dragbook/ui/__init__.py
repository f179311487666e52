"""The interactive layer: ipywidgets controls and bokeh figures around the physics modules.

Everything that imports ipywidgets, bokeh or jupyter_bokeh lives here; the physics never imports it.
"""
