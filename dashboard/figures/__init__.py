"""Pure figure functions: frames in, plotly Figure out. No Dash, no database."""
