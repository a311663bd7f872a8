"""fko: query the measures, funds and figures of the Fachkräfteoffensive NRW."""

__version__ = "2.2.0"
