"""One pure function per chart: snapshot and view state in, a `ViewResult` out.

Pages, slides, the deck PDF and the chart exports call the same view, so a chart exists
once. No Dash and no request here (a test checks the imports).
"""
