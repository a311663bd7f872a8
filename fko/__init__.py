"""fko: query the measures, funds and figures of the Fachkräfteoffensive NRW."""

__version__ = "3.0.0"
