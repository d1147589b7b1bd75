"""Developer tools (screenshots, catalogue upkeep); a package so that the tests share their code."""
