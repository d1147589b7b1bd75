"""Files shipped with the app: fonts, icons and translation catalogues (see infra.resources)."""
